// ScenarioParser's simulated clients: start-/stop-producer, start-group and the consumer
// actions, and `expect` on a group. Cross-checks: topics exist, a group is started before it is
// used and not after it stopped, consumer numbers exist, one auto producer per topic at a time.
#include "scenario/scenario_parser.h"

#include <fmt/format.h>

#include <algorithm>

namespace kl {

std::string ScenarioCount::toString() const
{
    if (min == max)
        return std::to_string(min);
    if (max == INT64_MAX)
        return fmt::format("at least {}", min);
    if (min == 0)
        return fmt::format("at most {}", max);
    return fmt::format("{}..{}", min, max);
}

namespace {

constexpr std::string_view kAssignors[] = {"range", "roundrobin", "sticky", "cooperative-sticky"};
constexpr std::string_view kLagStatuses[] = {"OK", "WARN", "STALL", "STOP", "REWIND", "ERR"};
constexpr std::string_view kGroupStates[] = {"Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead"};

template <size_t N>
bool oneOf(const std::string &value, const std::string_view (&list)[N])
{
    return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

template <size_t N>
std::string joined(const std::string_view (&list)[N])
{
    std::string out;
    for (std::string_view s : list)
        out += (out.empty() ? "" : ", ") + std::string(s);
    return out;
}

} // namespace

void ScenarioParser::parseStartProducer(const ScenarioFields &f, ScenarioAction &a)
{
    a.topic = readKnownTopic(f);
    AutoProducerSpec &p = a.producerSpec;
    p.topic = a.topic;
    if (!f.has("rate"))
        f.failHere("missing key 'rate' (records per second)");
    p.ratePerSec = *f.optNumber("rate", 0, 1'000'000);
    p.count = f.optInteger("count", 0, kScenarioMaxCount).value_or(0);
    p.keyCount = static_cast<int32_t>(f.optInteger("key-count", 1, 100'000).value_or(p.keyCount));
    p.keyPrefix = f.optString("key-prefix").value_or(p.keyPrefix);
    if (auto d = f.optString("distribution")) {
        if (*d == "uniform")
            p.distribution = KeyDistribution::Uniform;
        else if (*d == "zipf")
            p.distribution = KeyDistribution::Zipf;
        else if (*d == "none")
            p.distribution = KeyDistribution::None;
        else
            f.fail("distribution", fmt::format("unknown distribution '{}' (uniform, zipf, none)", *d));
    }
    p.valueSize = static_cast<int32_t>(f.optInteger("value-size", 1, 1'000'000).value_or(p.valueSize));
    p.lingerMs = static_cast<int32_t>(f.optInteger("linger-ms", 1, 60'000).value_or(p.lingerMs));
    if (f.has("acks")) {
        const json &acks = f.at("acks");
        const std::string text = acks.is_string() ? acks.get<std::string>()
            : acks.is_number_integer()            ? std::to_string(acks.get<int64_t>())
                                                  : std::string();
        if (text == "all" || text == "-1")
            p.acks = Acks::All;
        else if (text == "1")
            p.acks = Acks::Leader;
        else if (text == "0")
            p.acks = Acks::None;
        else
            f.fail("acks", fmt::format("key 'acks' must be \"all\", \"1\" or \"0\", got {}", describeJson(acks)));
    }
    if (a.expectError)
        return;
    if (auto it = m_producers.find(a.topic); it != m_producers.end())
        f.fail("topic", fmt::format("topic '{}' already has a producer (started on line {}; stop it first)", a.topic,
                            it->second));
    m_producers[a.topic] = a.line;
}

void ScenarioParser::parseStopProducer(const ScenarioFields &f, ScenarioAction &a)
{
    a.topic = readKnownTopic(f);
    if (a.expectError)
        return;
    if (m_producers.erase(a.topic) == 0)
        f.fail("topic", fmt::format("topic '{}' has no running producer (no earlier start-producer)", a.topic));
}

void ScenarioParser::parseStartGroup(const ScenarioFields &f, ScenarioAction &a)
{
    a.group = f.string("group");
    if (a.group.empty())
        f.fail("group", "key 'group' must not be empty");
    if (m_groups.empty()) // the first group makes the engine create __consumer_offsets (50 partitions)
        m_replicas += 50LL * std::min(3, m_brokers);
    ConsumerGroupSpec &g = a.groupSpec;
    g.groupId = a.group;
    const json &topics = f.at("topics");
    if (!topics.is_array() || topics.empty())
        f.fail("topics", fmt::format("key 'topics' must be a non-empty array of topic names, got {}",
                             describeJson(topics)));
    for (size_t i = 0; i < topics.size(); ++i) {
        const JsonLineNode &item = f.node("topics").itemOrSelf(i);
        if (!topics[i].is_string())
            failAt(item, fmt::format("{}: topics[{}] must be a string, got {}", f.context(), i, describeJson(topics[i])));
        const auto name = topics[i].get<std::string>();
        if (!m_topics.contains(name))
            failAt(item, fmt::format("{}: unknown topic '{}' (no earlier create-topic made it)", f.context(), name));
        if (std::find(g.topics.begin(), g.topics.end(), name) != g.topics.end())
            failAt(item, fmt::format("{}: topic '{}' is listed twice", f.context(), name));
        g.topics.push_back(name);
    }
    g.consumers = static_cast<int32_t>(f.optInteger("consumers", 0, 1000).value_or(g.consumers));
    if (auto assignor = f.optString("assignor")) {
        if (!oneOf(*assignor, kAssignors))
            f.fail("assignor", fmt::format("unknown assignor '{}' ({})", *assignor, joined(kAssignors)));
        g.assignor = *assignor;
    }
    g.recordsPerSecPerConsumer = f.optNumber("rate", 0, 1'000'000).value_or(g.recordsPerSecPerConsumer);
    g.autoCommit = f.optBool("auto-commit").value_or(g.autoCommit);
    g.autoCommitIntervalMs = static_cast<int32_t>(
        f.optInteger("auto-commit-interval-ms", 1, kScenarioMaxInt32).value_or(g.autoCommitIntervalMs));
    g.sessionTimeoutMs = static_cast<int32_t>(
        f.optInteger("session-timeout-ms", 1, kScenarioMaxInt32).value_or(g.sessionTimeoutMs));
    g.heartbeatIntervalMs = static_cast<int32_t>(
        f.optInteger("heartbeat-interval-ms", 1, kScenarioMaxInt32).value_or(g.heartbeatIntervalMs));
    g.maxPollIntervalMs = static_cast<int32_t>(
        f.optInteger("max-poll-interval-ms", 1, kScenarioMaxInt32).value_or(g.maxPollIntervalMs));
    // The Java client refuses this configuration before it ever talks to the broker.
    if (g.heartbeatIntervalMs >= g.sessionTimeoutMs)
        f.fail(f.has("heartbeat-interval-ms") ? "heartbeat-interval-ms" : "session-timeout-ms",
            fmt::format("heartbeat-interval-ms ({}) must be lower than session-timeout-ms ({})",
                g.heartbeatIntervalMs, g.sessionTimeoutMs));
    if (auto reset = f.optString("auto-offset-reset")) {
        if (*reset != "earliest" && *reset != "latest")
            f.fail("auto-offset-reset", fmt::format("auto-offset-reset must be \"earliest\" or \"latest\", got '{}'", *reset));
        g.autoOffsetReset = *reset;
    }
    g.staticMembership = f.optBool("static").value_or(g.staticMembership);
    g.clientIdPrefix = f.optString("client-id-prefix").value_or(g.clientIdPrefix);
    if (a.expectError)
        return;
    if (auto it = m_groups.find(a.group); it != m_groups.end())
        f.fail("group", fmt::format("group '{}' was already started on line {}", a.group, it->second.line));
    m_groups[a.group] = GroupInfo {a.line, g.consumers, 0};
}

std::string ScenarioParser::readRunningGroup(const ScenarioFields &f)
{
    std::string group = f.string("group");
    auto it = m_groups.find(group);
    if (it == m_groups.end())
        f.fail("group", fmt::format("unknown group '{}' (no earlier start-group started it)", group));
    if (it->second.stoppedLine > 0)
        f.fail("group", fmt::format("group '{}' was stopped on line {}", group, it->second.stoppedLine));
    return group;
}

ScenarioConsumerRef ScenarioParser::readConsumer(const ScenarioFields &f, std::string_view key, const std::string &group)
{
    const json &v = f.at(key);
    ScenarioConsumerRef ref;
    const int32_t count = m_groups.count(group) ? m_groups.at(group).consumers : 0;
    if (v.is_number_integer()) {
        const auto n = v.get<int64_t>();
        if (n < 1 || n > count)
            f.fail(key, fmt::format("group '{}' has no consumer {} (consumers so far: 1..{})", group, n, count));
        ref.index = static_cast<int32_t>(n);
    } else if (v.is_string() && !v.get<std::string>().empty()) {
        ref.clientId = v.get<std::string>(); // checked by the engine when the action runs
    } else {
        f.fail(key, fmt::format("key '{}' must be a consumer number (1 = the first started) or a client id, got {}",
                        key, describeJson(v)));
    }
    return ref;
}

void ScenarioParser::parseGroupAction(const ScenarioFields &f, ScenarioAction &a)
{
    a.group = readRunningGroup(f);
    GroupInfo &info = m_groups.at(a.group);
    switch (a.kind) {
    case ScenarioActionKind::AddConsumer:
        ++info.consumers; // numbered even if it fails: numbers follow the file, not the outcome
        break;
    case ScenarioActionKind::StopGroup:
        if (!a.expectError)
            info.stoppedLine = a.line;
        break;
    default:
        a.consumer = readConsumer(f, "consumer", a.group);
        break;
    }
}

std::optional<ScenarioCount> ScenarioParser::readCount(const ScenarioFields &f, std::string_view key)
{
    if (!f.has(key))
        return std::nullopt;
    const json &v = f.at(key);
    const auto bad = [&] {
        f.fail(key, fmt::format("key '{}' must be a count (an integer >= 0) or an object like {{\"at-least\": 1}} / "
                                "{{\"at-most\": 0}}, got {}", key, describeJson(v)));
    };
    if (v.is_number_integer()) {
        if (v.get<int64_t>() < 0)
            bad();
        return ScenarioCount {v.get<int64_t>(), v.get<int64_t>()};
    }
    if (!v.is_object() || v.empty())
        bad();
    ScenarioCount c;
    for (const auto &[name, bound] : v.items()) {
        if ((name != "at-least" && name != "at-most") || !bound.is_number_integer() || bound.get<int64_t>() < 0)
            bad();
        (name == "at-least" ? c.min : c.max) = bound.get<int64_t>();
    }
    if (c.min > c.max)
        f.fail(key, fmt::format("key '{}': at-least {} is more than at-most {}", key, c.min, c.max));
    return c;
}

void ScenarioParser::parseGroupExpect(const ScenarioFields &f, ScenarioAction &a)
{
    a.group = f.string("group");
    if (!m_groups.contains(a.group))
        f.fail("group", fmt::format("unknown group '{}' (no earlier start-group started it)", a.group));
    ScenarioExpectation &e = a.expect;
    if (f.has("partition") && !f.has("topic"))
        f.fail("partition", "key 'partition' needs 'topic'");
    if (f.has("topic")) {
        a.topic = readKnownTopic(f);
        if (!f.has("partition"))
            f.fail("topic", "key 'topic' is for partition checks: add 'partition'");
        e.partition = readPartition(f, a.topic, true);
    }
    for (std::string_view key : {"owner", "committed-offset", "lag-status"})
        if (f.has(key) && !e.partition)
            f.fail(key, fmt::format("key '{}' is about one partition: add 'topic' and 'partition'", key));
    if (auto state = f.optString("state")) {
        if (!oneOf(*state, kGroupStates))
            f.fail("state", fmt::format("unknown group state '{}' ({})", *state, joined(kGroupStates)));
        e.groupState = *state;
    }
    if (auto generation = f.optInteger("generation", 0, kScenarioMaxInt32))
        e.generation = static_cast<int32_t>(*generation);
    e.members = readCount(f, "members");
    e.lag = readCount(f, "lag");
    if (f.has("owner")) {
        e.owner = f.at("owner").is_null() ? ScenarioConsumerRef {} : readConsumer(f, "owner", a.group);
    }
    if (auto committed = f.optInteger("committed-offset", -1, INT64_MAX))
        e.committedOffset = *committed;
    if (auto status = f.optString("lag-status")) {
        if (!oneOf(*status, kLagStatuses))
            f.fail("lag-status", fmt::format("unknown lag status '{}' ({})", *status, joined(kLagStatuses)));
        e.lagStatus = *status;
    }
    e.checked = readCount(f, "checked");
    e.unchecked = readCount(f, "unchecked");
    e.duplicates = readCount(f, "duplicates");
    e.perKeyViolations = readCount(f, "per-key-violations");
    e.gaps = readCount(f, "gaps");
    e.globalInversions = readCount(f, "global-inversions");
    const bool any = e.groupState || e.generation || e.members || e.lag || e.owner || e.committedOffset
        || e.lagStatus || e.checked || e.unchecked || e.duplicates || e.perKeyViolations || e.gaps
        || e.globalInversions;
    if (!any)
        f.failHere("nothing to check: give at least one of state, generation, members, lag, owner, "
                   "committed-offset, lag-status, checked, unchecked, duplicates, per-key-violations, gaps, "
                   "global-inversions");
}

} // namespace kl
