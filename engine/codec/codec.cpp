// The primitive types of the Kafka protocol (see codec.h).
#include "codec/codec.h"

#include <fmt/format.h>

namespace kl::proto {

void Writer::uuid(const Uuid &id)
{
    const auto b = id.bytes();
    raw(ByteSpan(b.data(), b.size()));
}

void Writer::uvarint(uint32_t v)
{
    while (v >= 0x80) {
        m_out.push_back(static_cast<uint8_t>(v | 0x80));
        v >>= 7;
    }
    m_out.push_back(static_cast<uint8_t>(v));
}

void Writer::string(std::string_view s)
{
    if (m_flexible)
        uvarint(static_cast<uint32_t>(s.size() + 1));
    else
        i16(static_cast<int16_t>(s.size()));
    raw(ByteSpan(reinterpret_cast<const uint8_t *>(s.data()), s.size()));
}

void Writer::nullableString(const std::optional<std::string_view> &s)
{
    if (s)
        string(*s);
    else if (m_flexible)
        uvarint(0);
    else
        i16(-1);
}

void Writer::classicString(std::string_view s)
{
    i16(static_cast<int16_t>(s.size()));
    raw(ByteSpan(reinterpret_cast<const uint8_t *>(s.data()), s.size()));
}

void Writer::bytes(ByteSpan b)
{
    if (m_flexible)
        uvarint(static_cast<uint32_t>(b.size() + 1));
    else
        i32(static_cast<int32_t>(b.size()));
    raw(b);
}

void Writer::nullBytes()
{
    if (m_flexible)
        uvarint(0);
    else
        i32(-1);
}

void Writer::arrayCount(size_t n)
{
    if (m_flexible)
        uvarint(static_cast<uint32_t>(n + 1));
    else
        i32(static_cast<int32_t>(n));
}

void Writer::nullArray()
{
    if (m_flexible)
        uvarint(0);
    else
        i32(-1);
}

bool Reader::need(size_t n, const char *what)
{
    if (!m_error.empty())
        return false;
    if (remaining() >= n)
        return true;
    fail(what, fmt::format("{} bytes left, {} needed", remaining(), n));
    return false;
}

void Reader::fail(const char *what, std::string why)
{
    if (m_error.empty())
        m_error = fmt::format("{}: {} at byte {}", what, why, m_pos);
}

Status Reader::status(std::string_view request, ErrorCode code) const
{
    if (ok())
        return Status::ok();
    return Status::error(code, fmt::format("{}: {}", request, m_error));
}

int8_t Reader::i8(const char *what)
{
    if (!need(1, what))
        return 0;
    return static_cast<int8_t>(m_in[m_pos++]);
}

int16_t Reader::i16(const char *what)
{
    if (!need(2, what))
        return 0;
    const uint16_t v = static_cast<uint16_t>(m_in[m_pos] << 8 | m_in[m_pos + 1]);
    m_pos += 2;
    return static_cast<int16_t>(v);
}

int32_t Reader::i32(const char *what)
{
    if (!need(4, what))
        return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v = v << 8 | m_in[m_pos++];
    return static_cast<int32_t>(v);
}

int64_t Reader::i64(const char *what)
{
    if (!need(8, what))
        return 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v = v << 8 | m_in[m_pos++];
    return static_cast<int64_t>(v);
}

Uuid Reader::uuid(const char *what)
{
    Uuid id;
    if (!need(16, what))
        return id;
    for (int i = 0; i < 8; ++i)
        id.mostSignificantBits = id.mostSignificantBits << 8 | m_in[m_pos++];
    for (int i = 0; i < 8; ++i)
        id.leastSignificantBits = id.leastSignificantBits << 8 | m_in[m_pos++];
    return id;
}

uint32_t Reader::uvarint(const char *what)
{
    uint32_t value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (!need(1, what))
            return 0;
        const uint8_t b = m_in[m_pos++];
        if (shift == 28 && (b & 0xf0) != 0) {
            fail(what, "an unsigned varint longer than 32 bits");
            return 0;
        }
        value |= static_cast<uint32_t>(b & 0x7f) << shift;
        if ((b & 0x80) == 0)
            return value;
    }
    fail(what, "an unsigned varint longer than 5 bytes");
    return 0;
}

std::optional<std::string> Reader::nullableString(const char *what)
{
    int64_t length = 0;
    if (m_flexible)
        length = static_cast<int64_t>(uvarint(what)) - 1;
    else
        length = i16(what);
    if (!ok())
        return std::nullopt;
    if (length < -1) {
        fail(what, fmt::format("string length {}", length));
        return std::nullopt;
    }
    if (length == -1)
        return std::nullopt;
    if (!need(static_cast<size_t>(length), what))
        return std::nullopt;
    std::string s(reinterpret_cast<const char *>(m_in.data() + m_pos), static_cast<size_t>(length));
    m_pos += static_cast<size_t>(length);
    return s;
}

std::optional<ByteSpan> Reader::nullableBytes(const char *what)
{
    int64_t length = 0;
    if (m_flexible)
        length = static_cast<int64_t>(uvarint(what)) - 1;
    else
        length = i32(what);
    if (!ok())
        return std::nullopt;
    if (length < -1) {
        fail(what, fmt::format("bytes length {}", length));
        return std::nullopt;
    }
    if (length == -1 || !need(static_cast<size_t>(length), what))
        return std::nullopt;
    ByteSpan b = m_in.subspan(m_pos, static_cast<size_t>(length));
    m_pos += static_cast<size_t>(length);
    return b;
}

std::string Reader::string(const char *what)
{
    const size_t before = m_pos;
    auto s = nullableString(what);
    if (!s && ok()) {
        m_pos = before;
        fail(what, "null, but the field is not nullable");
    }
    return s ? std::move(*s) : std::string();
}

std::optional<std::string> Reader::classicNullableString(const char *what)
{
    const bool flexible = m_flexible;
    m_flexible = false;
    auto s = nullableString(what);
    m_flexible = flexible;
    return s;
}

int32_t Reader::arrayCount(const char *what, size_t minElementBytes)
{
    int64_t count = 0;
    if (m_flexible)
        count = static_cast<int64_t>(uvarint(what)) - 1;
    else
        count = i32(what);
    if (!ok())
        return 0;
    if (count < -1) {
        fail(what, fmt::format("array count {}", count));
        return 0;
    }
    if (count > 0 && static_cast<uint64_t>(count) * std::max<size_t>(minElementBytes, 1) > remaining()) {
        fail(what, fmt::format("array count {}, but only {} bytes follow", count, remaining()));
        return 0;
    }
    return static_cast<int32_t>(count);
}

void Reader::skipTags(const char *what)
{
    if (!m_flexible)
        return;
    const uint32_t count = uvarint(what);
    for (uint32_t i = 0; i < count && ok(); ++i) {
        uvarint(what); // tag
        const uint32_t size = uvarint(what);
        if (need(size, what))
            m_pos += size;
    }
}

int32_t Reader::requiredArrayCount(const char *what, size_t minElementBytes)
{
    const size_t before = m_pos;
    const int32_t count = arrayCount(what, minElementBytes);
    if (count == -1 && ok()) {
        m_pos = before;
        fail(what, "null, but the array is not nullable");
    }
    return ok() ? count : 0;
}

Bytes Reader::bytes(const char *what)
{
    const size_t before = m_pos;
    auto b = nullableBytes(what);
    if (!b && ok()) {
        m_pos = before;
        fail(what, "null, but the field is not nullable");
    }
    return b ? Bytes(b->begin(), b->end()) : Bytes {};
}

} // namespace kl::proto
