// Kafka's NON-flexible primitive types for the group module's embedded formats (the consumer
// protocol's subscription/assignment, __consumer_offsets keys and values): big-endian
// integers, STRING (INT16 length, -1 = null), BYTES (INT32 length, -1 = null), arrays (INT32
// count, -1 = null). Built on log/bytes.h.
//  - FieldWriter appends to a byte vector.
//  - FieldReader never reads out of bounds; the first failure records a Status naming the
//    structure, the field and the byte position, and every later read fails too, so a decoder
//    can read a whole structure and check once.
// Small value types; any thread.
#pragma once

#include "core/status.h"
#include "log/bytes.h"

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kl::wire {

using Bytes = std::vector<uint8_t>;
using ByteSpan = std::span<const uint8_t>;

class FieldWriter {
public:
    explicit FieldWriter(Bytes &out) : m_out(out) {}
    void i16(int16_t v) { be(static_cast<uint16_t>(v), 2); }
    void i32(int32_t v) { be(static_cast<uint32_t>(v), 4); }
    void i64(int64_t v) { be(static_cast<uint64_t>(v), 8); }
    // Callers check lengths (fitsString) first; encoders report an error instead.
    void string(std::string_view s)
    {
        i16(static_cast<int16_t>(s.size()));
        raw(reinterpret_cast<const uint8_t *>(s.data()), s.size());
    }
    void nullableString(const std::optional<std::string> &s)
    {
        if (!s)
            i16(-1);
        else
            string(*s);
    }
    void nullableBytes(const std::optional<Bytes> &b)
    {
        if (!b) {
            i32(-1);
            return;
        }
        i32(static_cast<int32_t>(b->size()));
        raw(b->data(), b->size());
    }
    void arrayCount(size_t n) { i32(static_cast<int32_t>(n)); }

private:
    // Byte by byte: vector::insert of a fixed array trips g++ 12's -Wstringop-overflow.
    void be(uint64_t v, int width)
    {
        for (int i = width - 1; i >= 0; --i)
            m_out.push_back(static_cast<uint8_t>(v >> (8 * i)));
    }
    void raw(const uint8_t *p, size_t n)
    {
        for (size_t i = 0; i < n; ++i)
            m_out.push_back(p[i]);
    }

    Bytes &m_out;
};

inline bool fitsString(std::string_view s) { return s.size() <= 0x7fff; }

class FieldReader {
public:
    FieldReader(ByteSpan data, std::string_view what, ErrorCode code)
        : m_r(data), m_what(what), m_code(code)
    {
    }

    bool ok() const { return m_status.isOk(); }
    const Status &status() const { return m_status; }
    size_t position() const { return m_r.position(); }
    size_t remaining() const { return m_r.remaining(); }

    bool i16(int16_t &v, std::string_view field) { return check(m_r.i16(v), field, 2); }
    bool i32(int32_t &v, std::string_view field) { return check(m_r.i32(v), field, 4); }
    bool i64(int64_t &v, std::string_view field) { return check(m_r.i64(v), field, 8); }

    bool string(std::string &s, std::string_view field)
    {
        std::optional<std::string> v;
        if (!nullableString(v, field))
            return false;
        if (!v)
            return fail(field, "is null but the field is not nullable", m_r.position() - 2);
        s = std::move(*v);
        return true;
    }
    bool nullableString(std::optional<std::string> &s, std::string_view field)
    {
        const size_t start = m_r.position();
        int16_t len = 0;
        if (!i16(len, field))
            return false;
        if (len == -1) {
            s.reset();
            return true;
        }
        if (len < 0)
            return fail(field, fmt::format("has invalid length {}", len), start);
        ByteSpan body;
        if (!m_r.take(static_cast<size_t>(len), body))
            return fail(field, fmt::format("needs {} bytes, {} left", len, m_r.remaining()), start);
        s.emplace(reinterpret_cast<const char *>(body.data()), body.size());
        return true;
    }
    bool nullableBytes(std::optional<Bytes> &b, std::string_view field)
    {
        const size_t start = m_r.position();
        int32_t len = 0;
        if (!i32(len, field))
            return false;
        if (len == -1) {
            b.reset();
            return true;
        }
        if (len < 0)
            return fail(field, fmt::format("has invalid length {}", len), start);
        ByteSpan body;
        if (!m_r.take(static_cast<size_t>(len), body))
            return fail(field, fmt::format("needs {} bytes, {} left", len, m_r.remaining()), start);
        b.emplace(body.begin(), body.end());
        return true;
    }
    bool bytes(Bytes &b, std::string_view field)
    {
        std::optional<Bytes> v;
        if (!nullableBytes(v, field))
            return false;
        if (!v)
            return fail(field, "is null but the field is not nullable", m_r.position() - 4);
        b = std::move(*v);
        return true;
    }
    // A non-nullable array's count. `minElementSize` bounds the count by the bytes left, so a
    // corrupt count cannot make the caller reserve gigabytes.
    bool arrayCount(int32_t &n, std::string_view field, size_t minElementSize)
    {
        const size_t start = m_r.position();
        if (!i32(n, field))
            return false;
        if (n < 0)
            return fail(field, n == -1 ? std::string("is null but the array is not nullable")
                                       : fmt::format("has invalid count {}", n),
                        start);
        if (static_cast<size_t>(n) * minElementSize > m_r.remaining())
            return fail(field, fmt::format("claims {} elements but only {} bytes are left", n, m_r.remaining()),
                        start);
        return true;
    }

    bool fail(std::string_view field, std::string_view problem, size_t at)
    {
        if (m_status.isOk())
            m_status = Status::error(m_code, fmt::format("{}: field '{}' at byte {} {}", m_what, field, at, problem));
        return false;
    }

private:
    bool check(bool read, std::string_view field, size_t width)
    {
        if (!m_status.isOk())
            return false;
        if (read)
            return true;
        return fail(field, fmt::format("is truncated ({} bytes needed, {} left)", width, m_r.remaining()),
                    m_r.position());
    }

    bytes::ByteReader m_r;
    std::string_view m_what;
    ErrorCode m_code;
    Status m_status;
};

} // namespace kl::wire
