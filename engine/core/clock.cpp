#include "core/clock.h"

#include <chrono>

namespace kl {

int64_t SystemClock::nowMs() const
{
    // The one place the engine reads the wall clock.
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace kl
