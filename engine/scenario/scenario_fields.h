// ScenarioFields: typed, line-aware access to one JSON object of a scenario file, for the
// parser. Every key must be declared up front (an undeclared key is an error naming the
// allowed ones), every read checks the type and range, and every error says the line, the
// context ("action 'produce'") and the key. Errors are thrown as ScenarioParseFailure and
// caught by parseScenario, so they never leave kl_scenario.
// Internal to kl_scenario. Single-threaded per instance.
#pragma once

#include "scenario/json_lines.h"
#include "scenario/scenario.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kl {

struct ScenarioParseFailure {
    ScenarioError error;
};

// Throws a ScenarioParseFailure at the node's line and column.
[[noreturn]] void failAt(const JsonLineNode &node, std::string reason);

// "the string \"x\"", "1.5", "an array", ... for "expected X, got Y" messages.
std::string describeJson(const nlohmann::json &value);

class ScenarioFields {
public:
    // `object` must be a JSON object. Throws for any key not in `allowed`.
    ScenarioFields(const nlohmann::json &object, const JsonLineNode &node, std::string context,
        std::initializer_list<std::string_view> allowed);

    bool has(std::string_view key) const;
    int line(std::string_view key) const { return m_node.lineOf(key); }
    int line() const { return m_node.line; }
    const nlohmann::json &at(std::string_view key) const;
    const JsonLineNode &node(std::string_view key) const;
    const std::string &context() const { return m_context; }

    [[noreturn]] void fail(std::string_view key, const std::string &reason) const;
    [[noreturn]] void failHere(const std::string &reason) const; // at the object's own place

    int64_t integer(std::string_view key, int64_t min, int64_t max) const; // required
    std::optional<int64_t> optInteger(std::string_view key, int64_t min, int64_t max) const;
    std::string string(std::string_view key) const;                        // required
    std::optional<std::string> optString(std::string_view key) const;
    std::optional<bool> optBool(std::string_view key) const;
    // Any JSON number (integer or not) in (min, max], e.g. a rate that must be > 0.
    std::optional<double> optNumber(std::string_view key, double exclusiveMin, double max) const;

private:
    void require(std::string_view key) const;
    int64_t toInteger(std::string_view key, const nlohmann::json &value, int64_t min, int64_t max) const;

    const nlohmann::json &m_object;
    const JsonLineNode &m_node;
    std::string m_context;
};

} // namespace kl
