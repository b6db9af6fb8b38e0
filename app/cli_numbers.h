// Validators for the command lines' numbers (kafkalab-cli, kafkalab-broker): a whole decimal
// number within a stated range, nothing else. CLI11's own conversions accept "-1" for an
// unsigned option (it wraps to 2^64-1) and print bounds such as 1.797e308 as 309 digits; these
// say what was given and what is accepted, in the option's own unit. Header-only, wiring only.
#pragma once

#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdint>
#include <string>

namespace kl::cli {

// Accepts [0-9]+ within [min, max]. `what` is the unit or meaning, e.g. "milliseconds".
inline CLI::Validator wholeNumber(uint64_t min, uint64_t max, std::string what)
{
    const std::string accepted = "a whole number " + std::to_string(min) + ".." + std::to_string(max)
        + (what.empty() ? std::string() : " (" + what + ")");
    return CLI::Validator(
        [min, max, accepted](std::string &text) -> std::string {
            uint64_t value = 0;
            const char *end = text.data() + text.size();
            const auto [ptr, ec] = std::from_chars(text.data(), end, value);
            if (text.empty() || ptr != end || ec != std::errc() || value < min || value > max)
                return "must be " + accepted + ", got '" + text + "'";
            return {};
        },
        accepted);
}

} // namespace kl::cli
