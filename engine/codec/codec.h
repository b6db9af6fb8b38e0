// The Kafka protocol's primitive types, in both encodings one API version may use: the classic
// one (INT16-length STRING, INT32-count arrays) and the flexible one of KIP-482 (COMPACT_STRING
// and COMPACT_ARRAY as unsigned varint length + 1, a tagged-field section ending each struct).
// One codec with a `flexible` flag serves every version of every API (docs/PROTOCOL.md).
//  - Writer appends to a byte vector.
//  - Reader never reads out of bounds; the first failure records what was being read and at
//    which byte, and every later read fails too, so a decoder reads a whole request and checks
//    ok() once.
// Small value types; any thread.
#pragma once

#include "core/status.h"
#include "core/uuid.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kl::proto {

using Bytes = std::vector<uint8_t>;
using ByteSpan = std::span<const uint8_t>;

// Whether a classic STRING's INT16 length can hold `s` (encoders check before writing).
inline bool fitsClassicString(std::string_view s) { return s.size() <= 0x7fff; }

class Writer {
public:
    Writer(Bytes &out, bool flexible) : m_out(out), m_flexible(flexible) {}

    bool flexible() const { return m_flexible; }
    void i8(int8_t v) { m_out.push_back(static_cast<uint8_t>(v)); }
    void boolean(bool v) { i8(v ? 1 : 0); }
    void i16(int16_t v) { be(static_cast<uint16_t>(v), 2); }
    void i32(int32_t v) { be(static_cast<uint32_t>(v), 4); }
    void i64(int64_t v) { be(static_cast<uint64_t>(v), 8); }
    void uuid(const Uuid &id);
    void uvarint(uint32_t v);
    // STRING or COMPACT_STRING by the encoding.
    void string(std::string_view s);
    // NULLABLE_STRING / COMPACT_NULLABLE_STRING.
    void nullableString(const std::optional<std::string_view> &s);
    // An INT16-length string whatever the encoding: the request header's client_id.
    void classicString(std::string_view s);
    void bytes(ByteSpan b);
    void nullBytes(); // a null BYTES / COMPACT_BYTES (RECORDS)
    // A tagged field (flexible only): the section's count is the caller's (tagCount), then each
    // field as tag, size, bytes.
    void tagCount(uint32_t n) { uvarint(n); }
    void taggedField(uint32_t tag, ByteSpan data)
    {
        uvarint(tag);
        uvarint(static_cast<uint32_t>(data.size()));
        raw(data);
    }
    // The element count of an ARRAY / COMPACT_ARRAY; nullArray() for a null one.
    void arrayCount(size_t n);
    void nullArray();
    // The tagged-field section of a struct (flexible only): Kafka Lab sends none.
    void tags()
    {
        if (m_flexible)
            uvarint(0);
    }
    void raw(ByteSpan b) { m_out.insert(m_out.end(), b.begin(), b.end()); }
    size_t size() const { return m_out.size(); }

private:
    void be(uint64_t v, int bytes)
    {
        for (int i = bytes - 1; i >= 0; --i)
            m_out.push_back(static_cast<uint8_t>(v >> (8 * i)));
    }
    Bytes &m_out;
    bool m_flexible;
};

class Reader {
public:
    Reader(ByteSpan in, bool flexible) : m_in(in), m_flexible(flexible) {}

    bool flexible() const { return m_flexible; }
    void setFlexible(bool flexible) { m_flexible = flexible; }
    int8_t i8(const char *what);
    bool boolean(const char *what) { return i8(what) != 0; }
    int16_t i16(const char *what);
    int32_t i32(const char *what);
    int64_t i64(const char *what);
    Uuid uuid(const char *what);
    uint32_t uvarint(const char *what);
    // STRING / COMPACT_STRING; null is refused (the field is not nullable).
    std::string string(const char *what);
    std::optional<std::string> nullableString(const char *what);
    // An INT16-length nullable string whatever the encoding (the request header's client_id).
    std::optional<std::string> classicNullableString(const char *what);
    // BYTES / COMPACT_BYTES, nullable (RECORDS): a view into the request, nullopt for null.
    std::optional<ByteSpan> nullableBytes(const char *what);
    // The element count of an ARRAY / COMPACT_ARRAY: -1 for null. Counts larger than the bytes
    // left could hold (each element takes at least `minElementBytes`) are refused, so a hostile
    // count never makes a decoder reserve memory for it.
    int32_t arrayCount(const char *what, size_t minElementBytes = 1);
    // The same for an array that is not nullable: null is refused.
    int32_t requiredArrayCount(const char *what, size_t minElementBytes = 1);
    // BYTES that are not nullable, copied out.
    Bytes bytes(const char *what);
    // Skips a tagged-field section (flexible only): unknown tags are ignored, as Kafka does.
    void skipTags(const char *what);

    bool ok() const { return m_error.empty(); }
    // What went wrong first: "Metadata v12: topics[0].name: 3 bytes left, 9 needed at byte 21",
    // as INVALID_REQUEST (a request) or the code given (CORRUPT_MESSAGE for a stored record).
    Status status(std::string_view request, ErrorCode code = ErrorCode::InvalidRequest) const;
    size_t position() const { return m_pos; }
    size_t remaining() const { return m_in.size() - m_pos; }
    // Marks the read failed (a decoder's own check, e.g. a value out of range).
    void fail(const char *what, std::string why);

private:
    bool need(size_t n, const char *what);
    ByteSpan m_in;
    size_t m_pos = 0;
    bool m_flexible;
    std::string m_error;
};

} // namespace kl::proto
