// Helpers for fuzz targets whose code under test reads files: writes the input to a file in a
// per-process temporary directory (kept between runs, removed at exit).
#pragma once

#include <cstdint>
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
        auto d = std::filesystem::temp_directory_path() / ("kafkalab-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(std::filesystem::temp_directory_path()
                    / ("kafkalab-fuzz-" + std::to_string(::getpid())),
                ec);
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
