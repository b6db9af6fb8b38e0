// Small file helpers the engine tests share: a whole file as bytes in a string, writing one,
// and flipping one bit of a byte (to damage a segment where a test wants it).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace testfiles {

// The file's bytes ("" when it cannot be read).
inline std::string readText(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Replaces the file's content with `text` (creating it).
inline void writeText(const std::filesystem::path &file, const std::string &text)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

// Flips the lowest bit of the byte at `position`, in place.
inline void flipByte(const std::filesystem::path &file, std::streamoff position)
{
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(position);
    char c = 0;
    f.get(c);
    f.seekp(position);
    f.put(static_cast<char>(c ^ 1));
}

} // namespace testfiles
