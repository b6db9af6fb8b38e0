// Big-endian integers and Kafka's zigzag VARINT / VARLONG, for the record batch codec and
// anyone else writing Kafka formats. Header-only, no allocation in the raw-pointer helpers.
//  - put*/varintSize: write into memory the caller has sized (the fast path of BatchBuilder).
//  - ByteWriter: appends to a Bytes vector (convenience).
//  - ByteReader: bounds-checked reads over a ByteView; every read returns false instead of
//    reading past the end, and position() says where it stopped (for error messages).
// Pure functions and small value types; any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

namespace kl::bytes {

// ---- zigzag (protobuf's sint32/sint64, as Kafka's VARINT/VARLONG) ----
inline uint32_t zigzag32(int32_t v) { return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31); }
inline uint64_t zigzag64(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int32_t unzigzag32(uint32_t v) { return static_cast<int32_t>((v >> 1) ^ (~(v & 1) + 1)); }
inline int64_t unzigzag64(uint64_t v) { return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)); }

// Encoded size of an unsigned base-128 value.
inline size_t uvarintSize(uint64_t v)
{
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        ++n;
    }
    return n;
}
inline size_t varintSize(int32_t v) { return uvarintSize(zigzag32(v)); }
inline size_t varlongSize(int64_t v) { return uvarintSize(zigzag64(v)); }

// ---- raw writers: return the pointer past what they wrote ----
inline uint8_t *putU16(uint8_t *p, uint16_t v)
{
    p[0] = static_cast<uint8_t>(v >> 8);
    p[1] = static_cast<uint8_t>(v);
    return p + 2;
}
inline uint8_t *putU32(uint8_t *p, uint32_t v)
{
    p[0] = static_cast<uint8_t>(v >> 24);
    p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8);
    p[3] = static_cast<uint8_t>(v);
    return p + 4;
}
inline uint8_t *putU64(uint8_t *p, uint64_t v)
{
    p = putU32(p, static_cast<uint32_t>(v >> 32));
    return putU32(p, static_cast<uint32_t>(v));
}
inline uint8_t *putI8(uint8_t *p, int8_t v) { *p = static_cast<uint8_t>(v); return p + 1; }
inline uint8_t *putI16(uint8_t *p, int16_t v) { return putU16(p, static_cast<uint16_t>(v)); }
inline uint8_t *putI32(uint8_t *p, int32_t v) { return putU32(p, static_cast<uint32_t>(v)); }
inline uint8_t *putI64(uint8_t *p, int64_t v) { return putU64(p, static_cast<uint64_t>(v)); }
inline uint8_t *putUVarint(uint8_t *p, uint64_t v)
{
    while (v >= 0x80) {
        *p++ = static_cast<uint8_t>(v | 0x80);
        v >>= 7;
    }
    *p++ = static_cast<uint8_t>(v);
    return p;
}
inline uint8_t *putVarint(uint8_t *p, int32_t v) { return putUVarint(p, zigzag32(v)); }
inline uint8_t *putVarlong(uint8_t *p, int64_t v) { return putUVarint(p, zigzag64(v)); }
inline uint8_t *putRaw(uint8_t *p, const void *data, size_t size)
{
    if (size)
        std::memcpy(p, data, size);
    return p + size;
}

// ---- raw readers (caller guarantees the bytes exist) ----
inline uint16_t getU16(const uint8_t *p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }
inline uint32_t getU32(const uint8_t *p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}
inline uint64_t getU64(const uint8_t *p) { return (uint64_t(getU32(p)) << 32) | getU32(p + 4); }
inline int16_t getI16(const uint8_t *p) { return static_cast<int16_t>(getU16(p)); }
inline int32_t getI32(const uint8_t *p) { return static_cast<int32_t>(getU32(p)); }
inline int64_t getI64(const uint8_t *p) { return static_cast<int64_t>(getU64(p)); }

// Appends to a vector; for headers and small structures where speed does not matter.
class ByteWriter {
public:
    explicit ByteWriter(std::vector<uint8_t> &out) : m_out(out) {}
    void i8(int8_t v) { m_out.push_back(static_cast<uint8_t>(v)); }
    void i16(int16_t v) { uint8_t b[2]; putI16(b, v); raw(b, 2); }
    void i32(int32_t v) { uint8_t b[4]; putI32(b, v); raw(b, 4); }
    void u32(uint32_t v) { uint8_t b[4]; putU32(b, v); raw(b, 4); }
    void i64(int64_t v) { uint8_t b[8]; putI64(b, v); raw(b, 8); }
    void uvarint(uint64_t v) { uint8_t b[10]; raw(b, static_cast<size_t>(putUVarint(b, v) - b)); }
    void varint(int32_t v) { uvarint(zigzag32(v)); }
    void varlong(int64_t v) { uvarint(zigzag64(v)); }
    void raw(const void *data, size_t size)
    {
        auto *p = static_cast<const uint8_t *>(data);
        m_out.insert(m_out.end(), p, p + size);
    }
    size_t size() const { return m_out.size(); }

private:
    std::vector<uint8_t> &m_out;
};

// Bounds-checked reader. A failed read leaves the position where the bad field starts, so the
// caller can report "at byte N". `base` is added to positions (e.g. the offset of this view
// inside a larger buffer).
class ByteReader {
public:
    explicit ByteReader(std::span<const uint8_t> data, size_t base = 0) : m_data(data), m_base(base) {}

    size_t position() const { return m_base + m_pos; }  // absolute (base + consumed)
    size_t consumed() const { return m_pos; }
    size_t remaining() const { return m_data.size() - m_pos; }
    bool atEnd() const { return m_pos == m_data.size(); }

    bool i8(int8_t &v)
    {
        if (remaining() < 1)
            return false;
        v = static_cast<int8_t>(m_data[m_pos++]);
        return true;
    }
    bool i16(int16_t &v) { return fixed(v, 2, getI16); }
    bool i32(int32_t &v) { return fixed(v, 4, getI32); }
    bool u32(uint32_t &v) { return fixed(v, 4, getU32); }
    bool i64(int64_t &v) { return fixed(v, 8, getI64); }

    // Unsigned base-128 of at most maxBytes bytes whose value fits in `bits` bits.
    bool uvarint(uint64_t &v, int maxBytes = 10, int bits = 64)
    {
        uint64_t result = 0;
        size_t p = m_pos;
        for (int i = 0; i < maxBytes; ++i) {
            if (p >= m_data.size())
                return false;
            const uint8_t b = m_data[p++];
            const int shift = 7 * i;
            const uint64_t chunk = uint64_t(b & 0x7f);
            // The last allowed byte may only carry the bits that remain.
            if (shift + 7 > bits && (chunk >> (bits - shift)) != 0)
                return false;
            result |= chunk << shift;
            if (!(b & 0x80)) {
                v = result;
                m_pos = p;
                return true;
            }
        }
        return false;
    }
    bool varint(int32_t &v)
    {
        uint64_t u;
        if (!uvarint(u, 5, 32))
            return false;
        v = unzigzag32(static_cast<uint32_t>(u));
        return true;
    }
    bool varlong(int64_t &v)
    {
        uint64_t u;
        if (!uvarint(u, 10, 64))
            return false;
        v = unzigzag64(u);
        return true;
    }
    // A view of the next `size` bytes.
    bool take(size_t size, std::span<const uint8_t> &out)
    {
        if (remaining() < size)
            return false;
        out = m_data.subspan(m_pos, size);
        m_pos += size;
        return true;
    }
    bool skip(size_t size)
    {
        if (remaining() < size)
            return false;
        m_pos += size;
        return true;
    }

private:
    template <typename T, typename Get>
    bool fixed(T &v, size_t size, Get get)
    {
        if (remaining() < size)
            return false;
        v = static_cast<T>(get(m_data.data() + m_pos));
        m_pos += size;
        return true;
    }

    std::span<const uint8_t> m_data;
    size_t m_base = 0;
    size_t m_pos = 0;
};

} // namespace kl::bytes
