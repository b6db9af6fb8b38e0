// Uuid text form and random ids; see uuid.h.
#include "core/uuid.h"

namespace kl {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int decodeChar(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}

} // namespace

Uuid Uuid::random(std::mt19937_64 &rng)
{
    for (;;) {
        Uuid id { rng(), rng() };
        // java.util.UUID.randomUUID: version 4, IETF variant.
        id.mostSignificantBits = (id.mostSignificantBits & ~0xF000ULL) | 0x4000ULL;
        id.leastSignificantBits = (id.leastSignificantBits & ~(0xC0ULL << 56)) | (0x80ULL << 56);
        const bool reserved = id.mostSignificantBits == 0 && id.leastSignificantBits <= 1;
        if (!reserved && id.toString().front() != '-')
            return id;
    }
}

std::array<uint8_t, 16> Uuid::bytes() const
{
    std::array<uint8_t, 16> out {};
    for (int i = 0; i < 8; ++i) {
        out[static_cast<size_t>(i)] = static_cast<uint8_t>(mostSignificantBits >> (56 - 8 * i));
        out[static_cast<size_t>(8 + i)] = static_cast<uint8_t>(leastSignificantBits >> (56 - 8 * i));
    }
    return out;
}

std::string Uuid::toString() const
{
    const auto b = bytes();
    std::string text;
    text.reserve(22);
    for (size_t i = 0; i < b.size(); i += 3) {
        const uint32_t chunk = (uint32_t(b[i]) << 16) | (i + 1 < b.size() ? uint32_t(b[i + 1]) << 8 : 0)
            | (i + 2 < b.size() ? uint32_t(b[i + 2]) : 0);
        const size_t chars = i + 2 < b.size() ? 4 : i + 1 < b.size() ? 3 : 2;
        for (size_t c = 0; c < chars; ++c)
            text += kAlphabet[(chunk >> (18 - 6 * c)) & 0x3F];
    }
    return text;
}

std::optional<Uuid> Uuid::fromString(std::string_view text)
{
    if (text.size() != 22)
        return std::nullopt;
    std::array<uint8_t, 16> b {};
    size_t out = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        const int v = decodeChar(c);
        if (v < 0)
            return std::nullopt;
        acc = (acc << 6) | static_cast<uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (out < b.size())
                b[out++] = static_cast<uint8_t>(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    if (out != b.size() || acc != 0) // the 4 spare bits of the last character must be zero
        return std::nullopt;
    Uuid id;
    for (int i = 0; i < 8; ++i) {
        id.mostSignificantBits = (id.mostSignificantBits << 8) | b[static_cast<size_t>(i)];
        id.leastSignificantBits = (id.leastSignificantBits << 8) | b[static_cast<size_t>(8 + i)];
    }
    return id;
}

} // namespace kl
