// libFuzzer target: the scenario loader (JSON syntax, the line/column scan, every field check).
// Any text gets a scenario or a ScenarioError with a place; nothing throws or crashes.
#include "scenario/scenario.h"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto parsed = kl::parseScenario(std::string_view(reinterpret_cast<const char *>(data), size));
    if (!parsed)
        (void)parsed.error.toString("fuzz.json");
    return 0;
}
