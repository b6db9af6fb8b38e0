// The position scan behind JsonLines: a recursive descent over already-valid JSON that only
// tracks structure and newlines. Keys are decoded by nlohmann so escapes compare correctly.
#include "scenario/json_lines.h"

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

} // namespace kl
