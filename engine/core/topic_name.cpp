// Topic name validation: mirrors Kafka's Topic.validate rule by rule, in the same order.
#include "core/topic_name.h"

#include <fmt/format.h>

#include <cstdint>
#include <string>

namespace kl {

namespace {

bool isLegalChar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
        || c == '_' || c == '-';
}

// One decoded UTF-8 sequence: its code point (or -1 if malformed) and its size in bytes.
struct Utf8Char {
    int32_t codePoint = -1;
    size_t size = 1;
};

Utf8Char decodeAt(std::string_view s, size_t i)
{
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80)
        return {lead, 1};
    size_t size = 0;
    int32_t cp = 0;
    if ((lead & 0xE0) == 0xC0) {
        size = 2;
        cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        size = 3;
        cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        size = 4;
        cp = lead & 0x07;
    } else {
        return {-1, 1};
    }
    if (i + size > s.size())
        return {-1, 1};
    for (size_t k = 1; k < size; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80)
            return {-1, 1};
        cp = (cp << 6) | (c & 0x3F);
    }
    return {cp, size};
}

// Java's String.length(): UTF-16 code units (a malformed byte counts as one, as the
// replacement character it would decode to).
size_t javaLength(std::string_view s)
{
    size_t units = 0;
    for (size_t i = 0; i < s.size();) {
        const Utf8Char c = decodeAt(s, i);
        units += c.codePoint >= 0x10000 ? 2 : 1;
        i += c.size;
    }
    return units;
}

std::string describeChar(std::string_view s, size_t i, const Utf8Char &c)
{
    if (c.codePoint < 0)
        return fmt::format("byte 0x{:02X} (not valid UTF-8)", static_cast<unsigned char>(s[i]));
    if (c.codePoint < 0x20 || c.codePoint == 0x7F)
        return fmt::format("U+{:04X} (a control character)", c.codePoint);
    return fmt::format("'{}' (U+{:04X})", s.substr(i, c.size), c.codePoint);
}

Status invalid(std::string message)
{
    return Status::error(ErrorCode::InvalidTopicException, std::move(message));
}

} // namespace

Status validateTopicName(std::string_view name)
{
    if (name.empty())
        return invalid("topic name is empty");
    if (name == "." || name == "..")
        return invalid(fmt::format("topic name cannot be \".\" or \"..\" (got \"{}\")", name));
    const size_t length = javaLength(name);
    if (length > static_cast<size_t>(kMaxTopicNameLength)) {
        return invalid(fmt::format("topic name is {} characters long; the limit is {}", length,
                                   kMaxTopicNameLength));
    }
    size_t position = 0; // in characters (code points), 0-based
    for (size_t i = 0; i < name.size(); ++position) {
        const Utf8Char c = decodeAt(name, i);
        const bool legal = c.codePoint >= 0 && c.codePoint < 0x80
            && isLegalChar(static_cast<unsigned char>(c.codePoint));
        if (!legal) {
            return invalid(fmt::format("topic name \"{}\" has the illegal character {} at "
                                       "position {}: only ASCII letters, digits, '.', '_' and '-' "
                                       "are allowed",
                                       name, describeChar(name, i, c), position));
        }
        i += c.size;
    }
    return Status::ok();
}

bool topicNamesCollide(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const char x = a[i] == '.' ? '_' : a[i];
        const char y = b[i] == '.' ? '_' : b[i];
        if (x != y)
            return false;
    }
    return true;
}

} // namespace kl
