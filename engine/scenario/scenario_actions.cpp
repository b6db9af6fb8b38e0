// ScenarioParser's per-action details: create-topic (and its topic config), produce (keys, acks,
// values) and expect (the conditions and their cross-checks).
#include "scenario/scenario_parser.h"

#include "core/topic_name.h"

#include <fmt/format.h>

#include <algorithm>

namespace kl {

void ScenarioParser::parseCreateTopic(const ScenarioFields &f, ScenarioAction &a)
{
    a.topic = f.string("topic");
    if (Status valid = validateTopicName(a.topic); !valid)
        f.fail("topic", valid.message());
    TopicConfig &c = a.topicConfig;
    c.partitions = static_cast<int32_t>(f.optInteger("partitions", 1, kMaxPartitions).value_or(1));
    c.replicationFactor = static_cast<int32_t>(f.optInteger("replication-factor", 1, 9).value_or(1));
    if (!a.expectError && c.replicationFactor > m_brokers)
        f.fail("replication-factor", fmt::format("replication-factor {} is more than the cluster's {} brokers "
                                                 "(add \"expect-error\": \"INVALID_REPLICATION_FACTOR\" "
                                                 "to show the refusal)", c.replicationFactor, m_brokers));
    if (f.has("replica-assignment"))
        parseReplicaAssignment(f, a);
    if (f.has("config"))
        parseTopicConfig(f, c);
    if (a.expectError)
        return; // the creation is meant to fail: later actions cannot use the topic
    if (auto it = m_topics.find(a.topic); it != m_topics.end())
        f.fail("topic", fmt::format("topic '{}' was already created on line {}", a.topic, it->second.line));
    m_topics[a.topic] = TopicInfo {c.partitions, a.line};
    m_replicas += static_cast<int64_t>(c.partitions) * c.replicationFactor;
}

// "replica-assignment": [[3, 1, 2], [1, 2, 3]] pins each partition's replicas (the first leads),
// as kafka-topics.sh --replica-assignment does, so expectations hold for any seed. The
// partition count and replication factor follow from it; given as well, they must agree.
void ScenarioParser::parseReplicaAssignment(const ScenarioFields &f, ScenarioAction &a)
{
    const json &list = f.at("replica-assignment");
    if (!list.is_array() || list.empty() || list.size() > static_cast<size_t>(kMaxPartitions))
        f.fail("replica-assignment", fmt::format("key 'replica-assignment' must be a list of 1..{} replica lists "
                                                 "such as [[3, 1, 2]], got {}", kMaxPartitions, describeJson(list)));
    for (size_t p = 0; p < list.size(); ++p) {
        const json &replicas = list[p];
        if (!replicas.is_array() || replicas.empty())
            f.fail("replica-assignment", fmt::format("partition {}'s replicas must be a non-empty list of broker "
                                                     "ids, got {}", p, describeJson(replicas)));
        std::vector<int32_t> ids;
        for (const json &id : replicas) {
            if (!id.is_number_integer() || id.get<int64_t>() < 1 || id.get<int64_t>() > m_brokers)
                f.fail("replica-assignment", fmt::format("partition {}: {} is not a broker id from 1 to {}", p,
                                                         describeJson(id), m_brokers));
            const auto b = static_cast<int32_t>(id.get<int64_t>());
            if (std::find(ids.begin(), ids.end(), b) != ids.end())
                f.fail("replica-assignment", fmt::format("partition {}: broker {} is listed twice", p, b));
            ids.push_back(b);
        }
        if (!a.replicaAssignment.empty() && ids.size() != a.replicaAssignment.front().size())
            f.fail("replica-assignment", fmt::format("partition {} has {} replicas but partition 0 has {}: every "
                                                     "partition has the same replication factor", p, ids.size(),
                                                     a.replicaAssignment.front().size()));
        a.replicaAssignment.push_back(std::move(ids));
    }
    TopicConfig &c = a.topicConfig;
    const auto partitions = static_cast<int32_t>(a.replicaAssignment.size());
    const auto factor = static_cast<int32_t>(a.replicaAssignment.front().size());
    if (f.has("partitions") && c.partitions != partitions)
        f.fail("partitions", fmt::format("partitions {} disagrees with replica-assignment's {} partitions",
                                         c.partitions, partitions));
    if (f.has("replication-factor") && c.replicationFactor != factor)
        f.fail("replication-factor", fmt::format("replication-factor {} disagrees with replica-assignment's {} "
                                                 "replicas per partition", c.replicationFactor, factor));
    c.partitions = partitions;
    c.replicationFactor = factor;
}

void ScenarioParser::parseTopicConfig(const ScenarioFields &f, TopicConfig &c)
{
    const json &config = f.at("config");
    if (!config.is_object())
        f.fail("config", fmt::format("key 'config' must be an object, got {}", describeJson(config)));
    ScenarioFields t(config, f.node("config"), f.context() + ": config",
        {"min.insync.replicas", "unclean.leader.election.enable", "segment.bytes", "segment.ms",
            "retention.bytes", "retention.ms", "index.interval.bytes", "segment.index.bytes",
            "max.message.bytes"});
    c.minInsyncReplicas = static_cast<int32_t>(t.optInteger("min.insync.replicas", 1, 9).value_or(1));
    c.uncleanLeaderElection = t.optBool("unclean.leader.election.enable").value_or(false);
    LogConfig &log = c.log;
    log.segmentBytes = t.optInteger("segment.bytes", 14, kScenarioMaxInt32).value_or(log.segmentBytes);
    log.segmentMs = t.optInteger("segment.ms", 1, INT64_MAX).value_or(log.segmentMs);
    log.retentionBytes = t.optInteger("retention.bytes", -1, INT64_MAX).value_or(log.retentionBytes);
    log.retentionMs = t.optInteger("retention.ms", -1, INT64_MAX).value_or(log.retentionMs);
    log.indexIntervalBytes = static_cast<int32_t>(
        t.optInteger("index.interval.bytes", 0, kScenarioMaxInt32).value_or(log.indexIntervalBytes));
    log.segmentIndexBytes = static_cast<int32_t>(
        t.optInteger("segment.index.bytes", 4, kScenarioMaxInt32).value_or(log.segmentIndexBytes));
    log.maxMessageBytes = static_cast<int32_t>(
        t.optInteger("max.message.bytes", 0, kScenarioMaxInt32).value_or(log.maxMessageBytes));
}

void ScenarioParser::parseProduce(const ScenarioFields &f, ScenarioAction &a)
{
    a.topic = readKnownTopic(f);
    a.count = f.integer("count", 1, kScenarioMaxCount);
    a.partition = readPartition(f, a.topic, false);
    if (f.has("keys") && (f.has("key-prefix") || f.has("key-count")))
        f.fail("keys", "give 'keys' (a list) or 'key-prefix'/'key-count', not both");
    if (f.has("keys")) {
        const json &keys = f.at("keys");
        if (!keys.is_array() || keys.empty())
            f.fail("keys", fmt::format("key 'keys' must be a non-empty array of strings, got {}", describeJson(keys)));
        for (size_t i = 0; i < keys.size(); ++i) {
            if (!keys[i].is_string())
                failAt(f.node("keys").itemOrSelf(i), fmt::format("{}: keys[{}] must be a string, got {}",
                                                         f.context(), i, describeJson(keys[i])));
            a.keys.push_back(keys[i].get<std::string>());
        }
    }
    if (f.has("key-prefix") || f.has("key-count")) {
        a.keyPrefix = f.optString("key-prefix").value_or("key-");
        a.keyCount = f.optInteger("key-count", 1, kScenarioMaxCount).value_or(a.count);
    }
    if (f.has("acks")) {
        const json &acks = f.at("acks");
        const std::string text = acks.is_string() ? acks.get<std::string>()
            : acks.is_number_integer()            ? std::to_string(acks.get<int64_t>())
                                                  : std::string();
        if (text == "all" || text == "-1")
            a.acks = Acks::All;
        else if (text == "1")
            a.acks = Acks::Leader;
        else if (text == "0")
            a.acks = Acks::None;
        else
            f.fail("acks", fmt::format("key 'acks' must be \"all\", \"1\" or \"0\", got {}", describeJson(acks)));
    }
    a.valueSize = static_cast<int32_t>(f.optInteger("value-size", 0, 10'000'000).value_or(100));
    a.timeoutMs = static_cast<int32_t>(f.optInteger("timeout-ms", 1, kScenarioMaxInt32).value_or(30000));
    if (auto name = f.optString("compression")) {
        auto codec = compressionFromName(*name);
        if (!codec)
            f.fail("compression", fmt::format("unknown compression '{}' (none, gzip, snappy, lz4, zstd)", *name));
        a.compression = *codec;
    }
}

void ScenarioParser::parseExpect(const ScenarioFields &f, ScenarioAction &a)
{
    a.topic = readKnownTopic(f);
    ScenarioExpectation &e = a.expect;
    const int32_t p = readPartition(f, a.topic, false);
    if (p >= 0)
        e.partition = p;
    constexpr std::string_view partitionKeys[] = {"leader", "isr", "leader-epoch", "high-watermark",
        "log-end-offset", "log-start-offset", "replica-log-end-offsets"};
    for (std::string_view key : partitionKeys)
        if (f.has(key) && !e.partition)
            f.fail(key, fmt::format("key '{}' is about one partition: add 'partition'", key));
    if (f.has("leader")) {
        const json &v = f.at("leader");
        if (v.is_null() || (v.is_number_integer() && v.get<int64_t>() == -1))
            e.leader = -1;
        else if (v.is_number_integer())
            e.leader = checkBroker(f, "leader", v.get<int64_t>());
        else
            f.fail("leader", fmt::format("key 'leader' must be a broker id, or -1/null for no leader, got {}",
                                 describeJson(v)));
    }
    if (f.has("isr")) {
        const json &v = f.at("isr");
        if (!v.is_array())
            f.fail("isr", fmt::format("key 'isr' must be an array of broker ids, got {}", describeJson(v)));
        std::vector<int32_t> isr;
        for (const json &id : v) {
            if (!id.is_number_integer())
                f.fail("isr", fmt::format("key 'isr' must hold broker ids, got {}", describeJson(id)));
            const int32_t broker = checkBroker(f, "isr", id.get<int64_t>());
            if (std::find(isr.begin(), isr.end(), broker) != isr.end())
                f.fail("isr", fmt::format("broker {} is listed twice in 'isr'", broker));
            isr.push_back(broker);
        }
        std::sort(isr.begin(), isr.end());
        e.isr = std::move(isr);
    }
    if (auto epoch = f.optInteger("leader-epoch", 0, kScenarioMaxInt32))
        e.leaderEpoch = static_cast<int32_t>(*epoch);
    e.highWatermark = f.optInteger("high-watermark", 0, INT64_MAX);
    e.logEndOffset = f.optInteger("log-end-offset", 0, INT64_MAX);
    e.logStartOffset = f.optInteger("log-start-offset", 0, INT64_MAX);
    if (f.has("replica-log-end-offsets")) {
        const json &v = f.at("replica-log-end-offsets");
        if (!v.is_object())
            f.fail("replica-log-end-offsets",
                fmt::format("key 'replica-log-end-offsets' must be an object like {{\"2\": 10}} (broker -> "
                            "log end offset), got {}", describeJson(v)));
        for (const auto &[key, offset] : v.items()) {
            int64_t broker = 0;
            const bool numeric = !key.empty() && key.size() < 3
                && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (numeric)
                broker = std::stoll(key);
            if (!numeric || broker < 1 || broker > m_brokers)
                f.fail("replica-log-end-offsets",
                    fmt::format("replica-log-end-offsets: '{}' is not a broker id (1..{})", key, m_brokers));
            if (!offset.is_number_integer() || offset.get<int64_t>() < 0)
                f.fail("replica-log-end-offsets", fmt::format("replica-log-end-offsets: broker {}: expected "
                                                              "an offset >= 0, got {}", key, describeJson(offset)));
            e.replicaLogEndOffsets.emplace_back(static_cast<int32_t>(broker), offset.get<int64_t>());
        }
    }
    e.acknowledged = f.optInteger("acknowledged", 0, INT64_MAX);
    e.refused = f.optInteger("refused", 0, INT64_MAX);
    e.lost = f.optInteger("lost", 0, INT64_MAX);
    const bool any = e.leader || e.isr || e.leaderEpoch || e.highWatermark || e.logEndOffset || e.logStartOffset
        || !e.replicaLogEndOffsets.empty() || e.acknowledged || e.refused || e.lost;
    if (!any)
        f.failHere("nothing to check: give at least one of leader, isr, leader-epoch, high-watermark, "
                   "log-end-offset, log-start-offset, replica-log-end-offsets, acknowledged, refused, lost");
}

} // namespace kl
