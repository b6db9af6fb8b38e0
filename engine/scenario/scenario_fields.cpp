// ScenarioFields: the checked reads behind the scenario parser.
#include "scenario/scenario_fields.h"

#include <fmt/format.h>

namespace kl {

void failAt(const JsonLineNode &node, std::string reason)
{
    throw ScenarioParseFailure {ScenarioError {node.line, node.column, std::move(reason)}};
}

std::string describeJson(const nlohmann::json &value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null:
        return "null";
    case nlohmann::json::value_t::boolean:
        return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::string: {
        std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (text.size() > 40)
            text = text.substr(0, 37) + "...";
        return "the string " + text;
    }
    case nlohmann::json::value_t::array:
        return "an array";
    case nlohmann::json::value_t::object:
        return "an object";
    default:
        return value.dump(); // a number, as written
    }
}

ScenarioFields::ScenarioFields(const nlohmann::json &object, const JsonLineNode &node,
    std::string context, std::initializer_list<std::string_view> allowed)
    : m_object(object)
    , m_node(node)
    , m_context(std::move(context))
{
    // Keys in file order, so the first typo reported is the first one the reader sees.
    for (const auto &[key, child] : node.members) {
        bool known = false;
        for (std::string_view a : allowed)
            known = known || a == key;
        if (known)
            continue;
        std::string list;
        for (std::string_view a : allowed)
            list += (list.empty() ? "" : ", ") + std::string(a);
        failAt(child,
            fmt::format("{}: unknown key '{}' (allowed here: {})", m_context, key, list));
    }
}

bool ScenarioFields::has(std::string_view key) const
{
    return m_object.contains(key);
}

const nlohmann::json &ScenarioFields::at(std::string_view key) const
{
    require(key);
    return m_object.find(key).value();
}

const JsonLineNode &ScenarioFields::node(std::string_view key) const
{
    const JsonLineNode *child = m_node.member(key);
    return child ? *child : m_node;
}

void ScenarioFields::fail(std::string_view key, const std::string &reason) const
{
    failAt(m_node.memberOrSelf(key), fmt::format("{}: {}", m_context, reason));
}

void ScenarioFields::failHere(const std::string &reason) const
{
    failAt(m_node, fmt::format("{}: {}", m_context, reason));
}

void ScenarioFields::require(std::string_view key) const
{
    if (!has(key))
        failHere(fmt::format("missing key '{}'", key));
}

int64_t ScenarioFields::toInteger(
    std::string_view key, const nlohmann::json &value, int64_t min, int64_t max) const
{
    if (!value.is_number_integer())
        fail(key, fmt::format("key '{}' must be an integer, got {}", key, describeJson(value)));
    // Huge unsigned values do not fit an int64_t: they are out of any range we accept.
    if (value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(max))
        fail(key, fmt::format("key '{}' must be {}..{}, got {}", key, min, max, value.dump()));
    const auto number = value.get<int64_t>();
    if (number < min || number > max)
        fail(key, fmt::format("key '{}' must be {}..{}, got {}", key, min, max, number));
    return number;
}

int64_t ScenarioFields::integer(std::string_view key, int64_t min, int64_t max) const
{
    return toInteger(key, at(key), min, max);
}

std::optional<int64_t> ScenarioFields::optInteger(std::string_view key, int64_t min, int64_t max) const
{
    if (!has(key))
        return std::nullopt;
    return toInteger(key, at(key), min, max);
}

std::string ScenarioFields::string(std::string_view key) const
{
    const auto &value = at(key);
    if (!value.is_string())
        fail(key, fmt::format("key '{}' must be a string, got {}", key, describeJson(value)));
    return value.get<std::string>();
}

std::optional<std::string> ScenarioFields::optString(std::string_view key) const
{
    if (!has(key))
        return std::nullopt;
    return string(key);
}

std::optional<bool> ScenarioFields::optBool(std::string_view key) const
{
    if (!has(key))
        return std::nullopt;
    const auto &value = at(key);
    if (!value.is_boolean())
        fail(key, fmt::format("key '{}' must be true or false, got {}", key, describeJson(value)));
    return value.get<bool>();
}

std::optional<double> ScenarioFields::optNumber(std::string_view key, double exclusiveMin, double max) const
{
    if (!has(key))
        return std::nullopt;
    const auto &value = at(key);
    if (!value.is_number())
        fail(key, fmt::format("key '{}' must be a number, got {}", key, describeJson(value)));
    const double number = value.get<double>();
    if (!(number > exclusiveMin && number <= max))
        fail(key, fmt::format("key '{}' must be more than {} and at most {}, got {}", key, exclusiveMin, max,
                      value.dump()));
    return number;
}

} // namespace kl
