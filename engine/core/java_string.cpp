// Java's String.hashCode over UTF-8 input (see java_string.h).
#include "core/java_string.h"

#include <cstddef>

namespace kl {

namespace {

// One UTF-8 sequence decoded to a code point; malformed input gives U+FFFD and consumes 1 byte.
uint32_t decodeUtf8(std::string_view s, size_t &i)
{
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    size_t size = 0;
    uint32_t cp = 0;
    uint32_t min = 0;
    if ((lead & 0xE0) == 0xC0) {
        size = 2;
        cp = lead & 0x1Fu;
        min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        size = 3;
        cp = lead & 0x0Fu;
        min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        size = 4;
        cp = lead & 0x07u;
        min = 0x10000;
    } else {
        ++i;
        return 0xFFFD;
    }
    if (i + size > s.size()) {
        ++i;
        return 0xFFFD;
    }
    for (size_t k = 1; k < size; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (c & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return 0xFFFD;
    }
    i += size;
    return cp;
}

} // namespace

int32_t javaStringHashCode(std::string_view s)
{
    // Unsigned arithmetic wraps exactly like Java's int overflow.
    uint32_t h = 0;
    auto add = [&h](uint32_t unit) { h = 31u * h + unit; };
    for (size_t i = 0; i < s.size();) {
        const uint32_t cp = decodeUtf8(s, i);
        if (cp >= 0x10000) {
            const uint32_t v = cp - 0x10000;
            add(0xD800u + (v >> 10));
            add(0xDC00u + (v & 0x3FFu));
        } else {
            add(cp);
        }
    }
    return static_cast<int32_t>(h);
}

} // namespace kl
