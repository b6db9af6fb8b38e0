// Helpers for fuzz targets whose code under test reads files: writes the input to a file in a
// per-process scratch directory (kept between runs, removed at exit).
//
// The directory is $KAFKALAB_FUZZ_SCRATCH/kafkalab-fuzz-<pid, 10 digits> when that variable is
// set (fuzz_run.cmake sets it to a relative "tmp" in the test's working directory), else the
// same under the system temp directory. The file paths end up in the messages the readers
// build, and their length decides how often some loops run, which libFuzzer counts as coverage:
// a path of the same text and length in every run and on every machine keeps runs identical.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <unistd.h>

namespace kl::fuzz {

inline const std::filesystem::path &scratchDir()
{
    static const std::filesystem::path dir = [] {
        char name[32];
        std::snprintf(name, sizeof name, "kafkalab-fuzz-%010ld", static_cast<long>(::getpid()));
        const char *base = std::getenv("KAFKALAB_FUZZ_SCRATCH");
        auto d = (base && *base ? std::filesystem::path(base) : std::filesystem::temp_directory_path()) / name;
        std::filesystem::create_directories(d);
        static std::filesystem::path removeAtExit;
        removeAtExit = d;
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(removeAtExit, ec);
        });
        return d;
    }();
    return dir;
}

inline void writeFile(const std::filesystem::path &file, const uint8_t *data, size_t size)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
}

} // namespace kl::fuzz
