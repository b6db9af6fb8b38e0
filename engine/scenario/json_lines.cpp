// The position scan behind JsonLines: a recursive descent over already-valid JSON that only
// tracks structure and newlines. Keys are decoded by nlohmann so escapes compare correctly.
#include "scenario/json_lines.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <set>

namespace kl {

const JsonLineNode *JsonLineNode::member(std::string_view key) const
{
    for (const auto &[name, node] : members)
        if (name == key)
            return &node;
    return nullptr;
}

const JsonLineNode &JsonLineNode::memberOrSelf(std::string_view key) const
{
    const JsonLineNode *node = member(key);
    return node ? *node : *this;
}

const JsonLineNode &JsonLineNode::itemOrSelf(size_t i) const
{
    return i < items.size() ? items[i] : *this;
}

int JsonLineNode::lineOf(std::string_view key) const
{
    const JsonLineNode *node = member(key);
    return node ? node->line : line;
}

int JsonLineNode::lineOfItem(size_t i) const
{
    return i < items.size() ? items[i].line : line;
}

std::pair<int, int> lineAndColumn(std::string_view text, size_t offset)
{
    int line = 1;
    int column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

namespace {

class Scanner {
public:
    explicit Scanner(std::string_view text) : m_text(text) {}

    void value(JsonLineNode &node, JsonLinesResult &result)
    {
        skipSpace();
        node.line = m_line;
        node.column = column();
        if (atEnd())
            return;
        const char c = m_text[m_pos];
        if (c == '{') {
            ++m_pos;
            std::set<std::string> seen;
            while (true) {
                skipSpace();
                if (atEnd() || m_text[m_pos] == '}') {
                    ++m_pos;
                    return;
                }
                if (m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                const int keyLine = m_line;
                const int keyColumn = column();
                std::string key = stringToken();
                skipSpace();
                ++m_pos; // ':'
                JsonLineNode child;
                value(child, result);
                child.line = keyLine;
                child.column = keyColumn;
                if (!seen.insert(key).second && result.duplicateLine == 0) {
                    result.duplicateLine = keyLine;
                    result.duplicateColumn = keyColumn;
                    result.duplicateKey = key;
                }
                node.members.push_back(JsonLineNode::Member {std::move(key), std::move(child)});
            }
        }
        if (c == '[') {
            ++m_pos;
            while (true) {
                skipSpace();
                if (atEnd() || m_text[m_pos] == ']') {
                    ++m_pos;
                    return;
                }
                if (m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                node.items.emplace_back();
                value(node.items.back(), result);
            }
        }
        if (c == '"') {
            stringToken();
            return;
        }
        // A number or a literal: runs until a delimiter.
        while (!atEnd() && std::string_view(",]} \t\r\n").find(m_text[m_pos]) == std::string_view::npos)
            ++m_pos;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }

    // Columns count bytes, as lineAndColumn does.
    int column() const { return static_cast<int>(m_pos - m_lineStart) + 1; }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = m_text[m_pos];
            if (c == '\n') {
                ++m_line;
                m_lineStart = m_pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r')
                break;
            ++m_pos;
        }
    }

    // At a '"': consumes the string and returns it decoded.
    std::string stringToken()
    {
        const size_t start = m_pos;
        ++m_pos;
        while (!atEnd() && m_text[m_pos] != '"') {
            if (m_text[m_pos] == '\\')
                ++m_pos;
            ++m_pos;
        }
        ++m_pos;
        const std::string_view token = m_text.substr(start, m_pos - start);
        const auto decoded = nlohmann::json::parse(token, nullptr, false);
        return decoded.is_string() ? decoded.get<std::string>() : std::string(token);
    }

    std::string_view m_text;
    size_t m_pos = 0;
    size_t m_lineStart = 0;
    int m_line = 1;
};

} // namespace

size_t jsonTooDeep(std::string_view text)
{
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string_view::npos;
}

JsonLinesResult scanJsonLines(std::string_view text)
{
    JsonLinesResult result;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") // a UTF-8 BOM, which nlohmann skips too
        text.remove_prefix(3);
    Scanner scanner(text);
    scanner.value(result.root, result);
    return result;
}

namespace {

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 3, column 5: why";
// keep only "why" since the position is reported separately.
std::string syntaxReason(const std::string &what)
{
    const auto column = what.find("column ");
    const auto colon = column == std::string::npos ? std::string::npos : what.find(": ", column);
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

// nlohmann reports a syntax error after reading the whole unexpected token; a reader wants the
// column where that token starts (the opening quote of `"broker"`, the first digit of `12`).
size_t tokenStart(std::string_view text, size_t last)
{
    if (last >= text.size())
        return last;
    const auto literalChar = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+'
            || c == '.';
    };
    if (text[last] == '"') {
        for (size_t i = last; i-- > 0 && text[i] != '\n';) {
            if (text[i] == '"' && (i == 0 || text[i - 1] != '\\'))
                return i;
        }
        return last;
    }
    size_t start = last;
    while (start > 0 && literalChar(text[start]) && literalChar(text[start - 1]))
        --start;
    return start;
}

// Finds where nlohmann's parser stopped, for the errors (out_of_range: a number too large to
// represent) whose exception carries no position: the SAX parser hands parse_error the position.
class ErrorPosition : public nlohmann::json::json_sax_t {
public:
    size_t byte = 0;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t &) override { return true; }
    bool string(string_t &) override { return true; }
    bool binary(binary_t &) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t &) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &) override
    {
        byte = position;
        return false;
    }
};

} // namespace

JsonTextError parseJsonText(std::string_view text, nlohmann::json &document, std::string_view deepHint)
{
    using json = nlohmann::json;
    // A binary file (an image, an executable, a segment) would get nlohmann's "invalid literal"
    // at 1:1; JSON text never holds control bytes other than tab, line feed and carriage return.
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F) {
            const auto [line, column] = lineAndColumn(text, i);
            return JsonTextError {line, column,
                fmt::format("this is not a JSON text file: control byte 0x{:02X} here (a binary file?)", byte)};
        }
    }
    if (const size_t deep = jsonTooDeep(text); deep != std::string_view::npos) {
        const auto [line, column] = lineAndColumn(text, deep);
        return JsonTextError {line, column,
            fmt::format("arrays and objects are nested more than {} levels deep here ({})", kMaxJsonDepth, deepHint)};
    }
    try {
        document = json::parse(text);
    } catch (const json::out_of_range &e) {
        // "[json.exception.out_of_range.406] number overflow parsing '1e400'"
        ErrorPosition where;
        json::sax_parse(text, &where);
        const size_t offset = tokenStart(text, where.byte > 0 ? where.byte - 1 : 0);
        const auto [line, column] = lineAndColumn(text, offset);
        const std::string what = e.what();
        const auto quote = what.find('\'');
        const std::string token = quote == std::string::npos ? std::string() : what.substr(quote);
        return JsonTextError {line, column,
            fmt::format("invalid JSON: the number {} is too large to represent", token.empty() ? "here" : token)};
    } catch (const json::parse_error &e) {
        // e.byte is the 1-based index of the last byte read: the one that broke the syntax.
        size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        const std::string what = e.what();
        if (what.find("unexpected") != std::string::npos && what.find("end of input") == std::string::npos)
            offset = tokenStart(text, offset);
        const auto [line, column] = lineAndColumn(text, offset);
        return JsonTextError {line, column, "invalid JSON: " + syntaxReason(what)};
    }
    return {};
}

} // namespace kl
