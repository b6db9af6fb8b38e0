// CRC-32C: SSE4.2 crc32 instruction when the CPU has it (chosen once at startup), otherwise a
// slicing-by-8 table. Every batch written or validated goes through here, so speed matters.
#include "log/crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <nmmintrin.h>
#define KL_CRC32C_X86 1
#endif

namespace kl {

namespace {

constexpr uint32_t kPoly = 0x82F63B78; // reflected Castagnoli

using Tables = std::array<std::array<uint32_t, 256>, 8>;

constexpr Tables makeTables()
{
    Tables t{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? (c >> 1) ^ kPoly : c >> 1;
        t[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; ++i)
        for (size_t s = 1; s < 8; ++s)
            t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
    return t;
}

constexpr Tables kTables = makeTables();

inline uint64_t loadLe64(const uint8_t *p)
{
    uint64_t v;
    std::memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

#ifdef KL_CRC32C_X86
__attribute__((target("sse4.2"))) uint32_t hardwareImpl(uint32_t crc, const uint8_t *p, size_t n)
{
    // Byte steps up to 8-byte alignment, then 8 bytes per instruction.
    while (n && (reinterpret_cast<uintptr_t>(p) & 7)) {
        crc = _mm_crc32_u8(crc, *p++);
        --n;
    }
    uint64_t c = crc;
    while (n >= 8) {
        uint64_t v;
        std::memcpy(&v, p, 8);
        c = _mm_crc32_u64(c, v);
        p += 8;
        n -= 8;
    }
    crc = static_cast<uint32_t>(c);
    while (n--)
        crc = _mm_crc32_u8(crc, *p++);
    return crc;
}
#endif

bool detectHardware()
{
#ifdef KL_CRC32C_X86
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
#else
    return false;
#endif
}

using CrcFn = uint32_t (*)(uint32_t, const uint8_t *, size_t);

CrcFn chooseImpl()
{
    return detectHardware() ? &crc32cHardware : &crc32cPortable;
}

} // namespace

bool crc32cHardwareAvailable()
{
    static const bool available = detectHardware();
    return available;
}

uint32_t crc32cHardware(uint32_t crc, const uint8_t *data, size_t size)
{
#ifdef KL_CRC32C_X86
    return ~hardwareImpl(~crc, data, size);
#else
    return crc32cPortable(crc, data, size);
#endif
}

uint32_t crc32cPortable(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n && (reinterpret_cast<uintptr_t>(p) & 7)) {
        crc = (crc >> 8) ^ kTables[0][(crc ^ *p++) & 0xff];
        --n;
    }
    while (n >= 8) {
        const uint64_t v = loadLe64(p) ^ crc;
        crc = kTables[7][v & 0xff] ^ kTables[6][(v >> 8) & 0xff] ^ kTables[5][(v >> 16) & 0xff]
            ^ kTables[4][(v >> 24) & 0xff] ^ kTables[3][(v >> 32) & 0xff]
            ^ kTables[2][(v >> 40) & 0xff] ^ kTables[1][(v >> 48) & 0xff]
            ^ kTables[0][(v >> 56) & 0xff];
        p += 8;
        n -= 8;
    }
    while (n--)
        crc = (crc >> 8) ^ kTables[0][(crc ^ *p++) & 0xff];
    return ~crc;
}

uint32_t crc32cExtend(uint32_t crc, const uint8_t *data, size_t size)
{
    static const CrcFn impl = chooseImpl();
    return impl(crc, data, size);
}

} // namespace kl
