// The scenario parser: JSON syntax (nlohmann, byte position -> line:column), then structure,
// types, ranges and cross-references (brokers exist, topics were created earlier, partitions
// are in range, times never go backwards), each failure naming its line. The per-action
// details (create-topic, produce, expect) are in scenario_actions.cpp.
#include "scenario/scenario.h"

#include "core/topic_name.h"
#include "scenario/json_lines.h"
#include "scenario/scenario_fields.h"
#include "scenario/scenario_parser.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

namespace kl {

using nlohmann::json;

std::string_view scenarioActionName(ScenarioActionKind kind)
{
    switch (kind) {
    case ScenarioActionKind::CreateTopic: return "create-topic";
    case ScenarioActionKind::Produce: return "produce";
    case ScenarioActionKind::Crash: return "crash";
    case ScenarioActionKind::Restart: return "restart";
    case ScenarioActionKind::Isolate: return "isolate";
    case ScenarioActionKind::Heal: return "heal";
    case ScenarioActionKind::Slow: return "slow";
    case ScenarioActionKind::ElectPreferred: return "elect-preferred";
    case ScenarioActionKind::Advance: return "advance";
    case ScenarioActionKind::Expect: return "expect";
    case ScenarioActionKind::StartProducer: return "start-producer";
    case ScenarioActionKind::StopProducer: return "stop-producer";
    case ScenarioActionKind::StartGroup: return "start-group";
    case ScenarioActionKind::AddConsumer: return "add-consumer";
    case ScenarioActionKind::CrashConsumer: return "crash-consumer";
    case ScenarioActionKind::LeaveConsumer: return "leave-consumer";
    case ScenarioActionKind::StallConsumer: return "stall-consumer";
    case ScenarioActionKind::ResumeConsumer: return "resume-consumer";
    case ScenarioActionKind::StopGroup: return "stop-group";
    }
    return "unknown";
}

const std::string &ScenarioText::in(std::string_view language) const
{
    const auto it = translations.find(std::string(language));
    return it != translations.end() ? it->second : text;
}

std::string ScenarioError::toString() const
{
    if (line <= 0)
        return reason;
    if (column > 0)
        return fmt::format("line {}, column {}: {}", line, column, reason);
    return fmt::format("line {}: {}", line, reason);
}

std::string ScenarioError::toString(std::string_view file) const
{
    if (line <= 0)
        return fmt::format("{}: {}", file, reason);
    if (column > 0)
        return fmt::format("{}:{}:{}: {}", file, line, column, reason);
    return fmt::format("{}:{}: {}", file, line, reason);
}

namespace {

constexpr ScenarioActionKind kAllKinds[] = {ScenarioActionKind::CreateTopic,
    ScenarioActionKind::Produce, ScenarioActionKind::Crash, ScenarioActionKind::Restart,
    ScenarioActionKind::Isolate, ScenarioActionKind::Heal, ScenarioActionKind::Slow,
    ScenarioActionKind::ElectPreferred, ScenarioActionKind::Advance, ScenarioActionKind::Expect,
    ScenarioActionKind::StartProducer, ScenarioActionKind::StopProducer, ScenarioActionKind::StartGroup,
    ScenarioActionKind::AddConsumer, ScenarioActionKind::CrashConsumer, ScenarioActionKind::LeaveConsumer,
    ScenarioActionKind::StallConsumer, ScenarioActionKind::ResumeConsumer, ScenarioActionKind::StopGroup};

std::optional<ErrorCode> errorFromName(std::string_view name)
{
    for (int code = -1; code < 200; ++code) {
        const auto candidate = static_cast<ErrorCode>(code);
        if (errorName(candidate) == name && candidate != ErrorCode::None)
            return candidate;
    }
    return std::nullopt;
}

} // namespace

Scenario ScenarioParser::parse(const json &document)
{
    if (!document.is_object())
        failAt(m_root,
            fmt::format("a scenario must be a JSON object, got {}", describeJson(document)));
    ScenarioFields top(document, m_root, "scenario",
        {"title", "description", "name", "brokers", "seed", "config", "actions"});
    Scenario s;
    if (top.has("title") && top.has("name"))
        top.fail("name", "give 'title' or 'name' (its older spelling), not both");
    s.title = readText(top, top.has("name") ? "name" : "title");
    s.description = readText(top, "description");
    s.brokers = static_cast<int32_t>(top.optInteger("brokers", 1, 9).value_or(3));
    s.seed = static_cast<uint64_t>(top.optInteger("seed", 0, INT64_MAX).value_or(1));
    if (top.has("config"))
        parseClusterConfig(top, s);
    m_brokers = s.brokers;

    const json &actions = top.at("actions");
    const JsonLineNode &actionsNode = top.node("actions");
    if (!actions.is_array())
        top.fail("actions", fmt::format("key 'actions' must be an array, got {}", describeJson(actions)));
    for (size_t i = 0; i < actions.size(); ++i)
        s.actions.push_back(parseAction(actions[i], actionsNode.items.at(i), i + 1));
    s.endMs = m_now;
    return s;
}

void ScenarioParser::parseClusterConfig(const ScenarioFields &top, Scenario &s)
{
    const json &config = top.at("config");
    if (!config.is_object())
        top.fail("config", fmt::format("key 'config' must be an object, got {}", describeJson(config)));
    ScenarioFields c(config, top.node("config"), "config",
        {"replica.lag.time.max.ms", "replica.fetch.interval.ms", "broker.session.timeout.ms"});
    s.replicaLagTimeMaxMs = c.optInteger("replica.lag.time.max.ms", 1, kScenarioMaxMs).value_or(s.replicaLagTimeMaxMs);
    s.replicaFetchIntervalMs = static_cast<int32_t>(
        c.optInteger("replica.fetch.interval.ms", 1, 3'600'000).value_or(s.replicaFetchIntervalMs));
    m_fetchIntervalMs = s.replicaFetchIntervalMs;
    s.brokerSessionTimeoutMs
        = c.optInteger("broker.session.timeout.ms", 0, 3'600'000).value_or(s.brokerSessionTimeoutMs);
}

// "title" / "description": a string (English), or an object with "en" and the other languages.
ScenarioText ScenarioParser::readText(const ScenarioFields &top, std::string_view key)
{
    ScenarioText text;
    if (!top.has(key))
        return text;
    const json &value = top.at(key);
    if (value.is_string()) {
        text.text = value.get<std::string>();
        return text;
    }
    if (!value.is_object())
        top.fail(key, fmt::format("key '{}' must be a string or an object of languages "
                                  "({{\"en\": \"...\", \"ko\": \"...\"}}), got {}", key, describeJson(value)));
    ScenarioFields langs(value, top.node(key), fmt::format("key '{}'", key),
        {kScenarioLanguages[0], kScenarioLanguages[1]});
    for (std::string_view language : kScenarioLanguages) {
        if (!langs.has(language))
            continue;
        std::string t = langs.string(language);
        if (t.empty())
            langs.fail(language, fmt::format("the '{}' text is empty", language));
        if (language == "en")
            text.text = std::move(t);
        else
            text.translations.emplace(std::string(language), std::move(t));
    }
    if (text.text.empty())
        langs.failHere("missing key 'en' (the English text, shown by kafkalab-cli and for "
                       "languages without their own)");
    return text;
}

ScenarioAction ScenarioParser::parseAction(const json &value, const JsonLineNode &node, size_t index)
{
    if (!value.is_object())
        failAt(node, fmt::format("action {} must be an object, got {}", index, describeJson(value)));
    if (!value.contains("do"))
        failAt(node, fmt::format("action {}: missing key 'do' (what the action does)", index));
    const json &verb = value["do"];
    if (!verb.is_string())
        failAt(node.memberOrSelf("do"),
            fmt::format("action {}: key 'do' must be a string, got {}", index, describeJson(verb)));
    ScenarioAction a;
    a.line = node.line;
    const auto name = verb.get<std::string>();
    const auto *kind = std::find_if(std::begin(kAllKinds), std::end(kAllKinds),
        [&](ScenarioActionKind k) { return scenarioActionName(k) == name; });
    if (kind == std::end(kAllKinds)) {
        std::string list;
        for (auto k : kAllKinds)
            list += (list.empty() ? "" : ", ") + std::string(scenarioActionName(k));
        failAt(node.memberOrSelf("do"), fmt::format("action {}: unknown action '{}' (known: {})", index, name, list));
    }
    a.kind = *kind;
    const std::string context = fmt::format("action '{}'", name);

    switch (a.kind) {
    case ScenarioActionKind::CreateTopic: {
        ScenarioFields f(value, node, context,
            {"do", "at", "after", "expect-error", "topic", "partitions", "replication-factor", "replica-assignment",
                "config"});
        readCommon(f, a);
        parseCreateTopic(f, a);
        break;
    }
    case ScenarioActionKind::Produce: {
        ScenarioFields f(value, node, context,
            {"do", "at", "after", "expect-error", "topic", "count", "keys", "key-prefix", "key-count",
                "acks", "value-size", "partition", "timeout-ms", "compression"});
        readCommon(f, a);
        parseProduce(f, a);
        break;
    }
    case ScenarioActionKind::Crash:
    case ScenarioActionKind::Restart:
    case ScenarioActionKind::Isolate:
    case ScenarioActionKind::Heal: {
        ScenarioFields f(value, node, context, {"do", "at", "after", "expect-error", "broker"});
        readCommon(f, a);
        a.broker = readBroker(f, "broker");
        break;
    }
    case ScenarioActionKind::Slow: {
        ScenarioFields f(value, node, context, {"do", "at", "after", "expect-error", "broker", "delay-ms"});
        readCommon(f, a);
        a.broker = readBroker(f, "broker");
        a.ms = f.integer("delay-ms", 0, kScenarioMaxMs);
        break;
    }
    case ScenarioActionKind::ElectPreferred: {
        ScenarioFields f(value, node, context, {"do", "at", "after", "expect-error", "topic", "partition"});
        readCommon(f, a);
        a.topic = readKnownTopic(f);
        a.partition = readPartition(f, a.topic, true);
        break;
    }
    case ScenarioActionKind::Advance: {
        ScenarioFields f(value, node, context, {"do", "at", "after", "ms"});
        readCommon(f, a);
        a.ms = f.integer("ms", 0, kScenarioMaxMs);
        m_now += a.ms; // the next "after" counts from the end of the advance
        accountWork(f, "ms");
        break;
    }
    case ScenarioActionKind::Expect: {
        if (value.contains("group")) {
            ScenarioFields f(value, node, context,
                {"do", "at", "after", "group", "topic", "partition", "state", "generation", "members", "lag",
                    "owner", "committed-offset", "lag-status", "checked", "unchecked", "duplicates",
                    "per-key-violations", "gaps", "global-inversions"});
            readCommon(f, a);
            parseGroupExpect(f, a);
            break;
        }
        ScenarioFields f(value, node, context,
            {"do", "at", "after", "topic", "partition", "leader", "isr", "leader-epoch", "high-watermark",
                "log-end-offset", "log-start-offset", "replica-log-end-offsets", "acknowledged", "refused",
                "lost"});
        readCommon(f, a);
        parseExpect(f, a);
        break;
    }
    case ScenarioActionKind::StartProducer: {
        ScenarioFields f(value, node, context,
            {"do", "at", "after", "expect-error", "topic", "rate", "count", "key-count", "key-prefix", "distribution",
                "value-size", "acks", "linger-ms"});
        readCommon(f, a);
        parseStartProducer(f, a);
        break;
    }
    case ScenarioActionKind::StopProducer: {
        ScenarioFields f(value, node, context, {"do", "at", "after", "expect-error", "topic"});
        readCommon(f, a);
        parseStopProducer(f, a);
        break;
    }
    case ScenarioActionKind::StartGroup: {
        ScenarioFields f(value, node, context,
            {"do", "at", "after", "expect-error", "group", "topics", "consumers", "assignor", "rate", "auto-commit",
                "auto-commit-interval-ms", "session-timeout-ms", "heartbeat-interval-ms", "max-poll-interval-ms",
                "auto-offset-reset", "static", "client-id-prefix"});
        readCommon(f, a);
        parseStartGroup(f, a);
        break;
    }
    case ScenarioActionKind::AddConsumer:
    case ScenarioActionKind::StopGroup: {
        ScenarioFields f(value, node, context, {"do", "at", "after", "expect-error", "group"});
        readCommon(f, a);
        parseGroupAction(f, a);
        break;
    }
    case ScenarioActionKind::CrashConsumer:
    case ScenarioActionKind::LeaveConsumer:
    case ScenarioActionKind::StallConsumer:
    case ScenarioActionKind::ResumeConsumer: {
        ScenarioFields f(value, node, context, {"do", "at", "after", "expect-error", "group", "consumer"});
        readCommon(f, a);
        parseGroupAction(f, a);
        break;
    }
    }
    return a;
}

void ScenarioParser::accountWork(const ScenarioFields &f, std::string_view key)
{
    if (m_now <= m_accountedMs)
        return;
    m_replicaSeconds += static_cast<double>(m_replicas) * static_cast<double>(m_now - m_accountedMs) / 1000.0;
    m_accountedMs = m_now;
    const auto days = [](int64_t ms) { return fmt::format("{:.1f} days", static_cast<double>(ms) / 86'400'000.0); };
    if (m_now > kScenarioMaxMs)
        f.fail(key, fmt::format("the scenario would run for {} ms ({}) in all; one scenario may simulate at most "
                                "{} ms (a week) in total",
                        m_now, days(m_now), kScenarioMaxMs));
    if (m_now / m_fetchIntervalMs > kScenarioMaxFetchRounds)
        f.fail(key, fmt::format("{} ms at replica.fetch.interval.ms {} is {} follower fetch rounds; the limit is {} "
                                "(a week at the default 100 ms): shorten the run or raise the interval",
                        m_now, m_fetchIntervalMs, m_now / m_fetchIntervalMs, kScenarioMaxFetchRounds));
    if (m_replicaSeconds > static_cast<double>(kScenarioMaxReplicaSeconds))
        f.fail(key, fmt::format("{} partition replicas for {} ms is more simulated work than one scenario may ask "
                                "for (replicas x seconds above {}, about two minutes of work): use fewer partitions "
                                "or shorter advances",
                        m_replicas, m_now, kScenarioMaxReplicaSeconds));
}

void ScenarioParser::readCommon(const ScenarioFields &f, ScenarioAction &a)
{
    if (f.has("at") && f.has("after"))
        f.fail("after", "give 'at' (ms from the start) or 'after' (ms after the previous action), not both");
    if (auto at = f.optInteger("at", 0, kScenarioMaxMs)) {
        if (*at < m_now)
            f.fail("at", fmt::format("'at' {} is before the previous action's time {} (actions run in "
                                     "file order; use 'after' for relative times)", *at, m_now));
        m_now = *at;
    } else if (auto after = f.optInteger("after", 0, kScenarioMaxMs)) {
        m_now += *after;
    }
    a.atMs = m_now;
    accountWork(f, f.has("at") ? "at" : "after");
    if (auto code = f.optString("expect-error")) {
        a.expectError = errorFromName(*code);
        if (!a.expectError)
            f.fail("expect-error", fmt::format("unknown Kafka error name '{}' (e.g. NOT_ENOUGH_REPLICAS)", *code));
    }
}

int32_t ScenarioParser::readBroker(const ScenarioFields &f, std::string_view key)
{
    const json &v = f.at(key);
    if (!v.is_number_integer())
        f.fail(key, fmt::format("key '{}' must be a broker id (an integer), got {}", key, describeJson(v)));
    return checkBroker(f, key, v.get<int64_t>());
}

int32_t ScenarioParser::checkBroker(const ScenarioFields &f, std::string_view key, int64_t id) const
{
    if (id < 1 || id > m_brokers)
        f.fail(key, fmt::format("unknown broker {} (cluster has {}; brokers are numbered 1..{})", id,
                        m_brokers, m_brokers));
    return static_cast<int32_t>(id);
}

std::string ScenarioParser::readKnownTopic(const ScenarioFields &f)
{
    std::string topic = f.string("topic");
    if (!m_topics.contains(topic))
        f.fail("topic", fmt::format("unknown topic '{}' (no earlier create-topic made it)", topic));
    return topic;
}

int32_t ScenarioParser::readPartition(const ScenarioFields &f, const std::string &topic, bool required)
{
    if (!required && !f.has("partition"))
        return -1;
    const int32_t count = m_topics.at(topic).partitions;
    const json &v = f.at("partition");
    if (!v.is_number_integer())
        f.fail("partition", fmt::format("key 'partition' must be an integer, got {}", describeJson(v)));
    const auto p = v.get<int64_t>();
    if (p < 0 || p >= count)
        f.fail("partition", fmt::format("topic '{}' has no partition {} (partitions 0..{})", topic, p, count - 1));
    return static_cast<int32_t>(p);
}


ScenarioParseResult parseScenario(std::string_view text)
{
    ScenarioParseResult result;
    json document;
    if (JsonTextError error = parseJsonText(text, document, "a scenario needs far fewer"); error.failed()) {
        result.error = ScenarioError {error.line, error.column, std::move(error.reason)};
        return result;
    }
    const JsonLinesResult lines = scanJsonLines(text);
    if (lines.duplicateLine > 0) {
        result.error = ScenarioError {lines.duplicateLine, lines.duplicateColumn,
            fmt::format("key '{}' appears twice in the same object", lines.duplicateKey)};
        return result;
    }
    try {
        result.scenario = ScenarioParser(lines.root).parse(document);
    } catch (const ScenarioParseFailure &failure) {
        result.error = failure.error;
    } catch (const json::exception &e) {
        // Every access is checked first; this is a safety net, not a path we expect.
        result.error = ScenarioError {0, 0, fmt::format("internal parser error: {}", e.what())};
    }
    return result;
}

ScenarioParseResult loadScenarioFile(const std::filesystem::path &file)
{
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) {
        ScenarioParseResult result;
        result.error = ScenarioError {0, 0, "is a directory, not a scenario file (give a .json file)"};
        return result;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        ScenarioParseResult result;
        result.error = ScenarioError {0, 0,
            fmt::format("cannot open the file ({})", std::filesystem::exists(file, ec) ? std::strerror(errno) : "no such file")};
        return result;
    }
    std::stringstream text;
    text << in.rdbuf();
    return parseScenario(text.str());
}

} // namespace kl
