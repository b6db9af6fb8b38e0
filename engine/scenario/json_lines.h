// JsonLines: where each value of a JSON document starts (its line), as a tree shaped like the
// document, so the scenario parser can say "line 12: ..." about a value nlohmann::json parsed.
// nlohmann 3.11 keeps no positions, so this is a second, small scan over text that nlohmann
// has already accepted as valid JSON. It also finds duplicate keys, which nlohmann silently
// collapses (the last one wins) and which in a scenario are almost always a mistake.
// Internal to kl_scenario. Pure functions; any thread.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kl {

struct JsonLineNode {
    int line = 0;   // 1-based line where the value starts (for a member: where its key starts)
    int column = 0; // 1-based column of the same place
    std::vector<JsonLineNode> items;                           // array elements, in order
    struct Member;                                             // {first: key, second: node}
    std::vector<Member> members;                               // object members, in order

    // The member's node, or nullptr.
    const JsonLineNode *member(std::string_view key) const;
    // The member's node, or this node when the key is absent.
    const JsonLineNode &memberOrSelf(std::string_view key) const;
    // The i-th element's node, or this node.
    const JsonLineNode &itemOrSelf(size_t i) const;
    // The member's line, or this node's own line when the key is absent.
    int lineOf(std::string_view key) const;
    // The i-th element's line, or this node's own line.
    int lineOfItem(size_t i) const;
};

// A named pair rather than std::pair: std::pair<std::string, JsonLineNode> inside JsonLineNode
// needs the incomplete type, which clang refuses (the fuzz build).
struct JsonLineNode::Member {
    std::string first;
    JsonLineNode second;
};

struct JsonLinesResult {
    JsonLineNode root;
    int duplicateLine = 0;     // > 0: a key appears twice in one object
    int duplicateColumn = 0;
    std::string duplicateKey;
};

// `text` must be valid JSON (already accepted by nlohmann::json::parse) nested no deeper than
// kMaxJsonDepth (checked first with jsonTooDeep): the scan is recursive.
JsonLinesResult scanJsonLines(std::string_view text);

// Arrays and objects nested deeper than this are refused before anything recursive sees them
// (a scenario or lesson needs fewer than 10 levels).
inline constexpr int kMaxJsonDepth = 64;

// The 0-based offset of the bracket that opens level kMaxJsonDepth + 1, or npos. A plain
// left-to-right count of brackets outside strings: works on any text, valid JSON or not.
size_t jsonTooDeep(std::string_view text);

// 1-based line and column of the byte at `offset` (0-based) in `text`.
std::pair<int, int> lineAndColumn(std::string_view text, size_t offset);

// Why a text is not a JSON document a loader can use, and where (1-based; 0 = not about a place).
struct JsonTextError {
    int line = 0;
    int column = 0;
    std::string reason; // empty: no error
    bool failed() const { return !reason.empty(); }
};

// Parses `text` for a loader (scenarios, cluster-metadata.json): a binary file (a control byte),
// nesting deeper than kMaxJsonDepth (`deepHint` says how deep the file should be), a syntax error
// and a number too large are reported at the LINE:COL where they start, with nlohmann's message
// reduced to its reason. Never throws.
JsonTextError parseJsonText(std::string_view text, nlohmann::json &document, std::string_view deepHint);

} // namespace kl
