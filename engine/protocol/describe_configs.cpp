// DescribeConfigs (key 32), v1-v4 (flexible from v4), as Kafka 4.x serves it (v0 was removed in
// 4.0). Resource type 2 (TOPIC): the topic's configs (protocol/topic_configs.h), a set value as
// DYNAMIC_TOPIC_CONFIG and an unset one as DEFAULT_CONFIG; an unknown topic is
// UNKNOWN_TOPIC_OR_PARTITION. Type 4 (BROKER): the settings of the broker the request reached
// (name "" or its id; another id is INVALID_REQUEST, as in Kafka, whose brokers describe only
// themselves). Other types (BROKER_LOGGER, CLIENT_METRICS, GROUP) are INVALID_REQUEST. Answered
// from the snapshot the request arrived with.
#include "protocol/apis.h"
#include "protocol/topic_configs.h"

#include <algorithm>
#include <fmt/format.h>

namespace kl::proto {

namespace {

struct ResourceAsk {
    int8_t type = 0;
    std::string name;
    std::optional<std::vector<std::string>> keys; // nullopt: every config
};

std::vector<ConfigEntry> brokerEntries(const ClusterSnapshot &snap, const RequestContext &context)
{
    std::string listener;
    for (const BrokerEndpoint &e : context.endpoints)
        if (e.id == context.broker)
            listener = fmt::format("PLAINTEXT://{}:{}", e.host, e.port);
    const auto fixed = [](const char *name, std::string value, ConfigType type, const char *doc) {
        return ConfigEntry {name, std::move(value), ConfigSource::StaticBroker, type, true, doc};
    };
    const auto byDefault = [](const char *name, std::string value, ConfigType type, const char *doc) {
        return ConfigEntry {name, std::move(value), ConfigSource::Default, type, true, doc};
    };
    const TopicConfig topic;
    std::vector<ConfigEntry> entries = {
        fixed("advertised.listeners", listener, ConfigType::List, "where clients reach this broker"),
        byDefault("auto.create.topics.enable", "true", ConfigType::Boolean,
            "Metadata for an unknown topic creates it (1 partition, replication factor 1)"),
        fixed("broker.id", std::to_string(context.broker), ConfigType::Int, "this broker's id"),
        fixed("broker.session.timeout.ms", std::to_string(snap.brokerSessionTimeoutMs), ConfigType::Int,
            "a broker without heartbeats this long is fenced by the controller"),
        byDefault("default.replication.factor", "1", ConfigType::Int, "replication factor of a topic created without one"),
        fixed("listeners", listener, ConfigType::List, "this broker's listener (loopback only)"),
        fixed("log.retention.ms", std::to_string(topic.log.retentionMs), ConfigType::Long, "retention.ms of new topics"),
        fixed("log.segment.bytes", std::to_string(topic.log.segmentBytes), ConfigType::Int,
            "segment.bytes of new topics (Kafka Lab's 1 MiB shows rolling; Kafka's default is 1 GiB)"),
        byDefault("min.insync.replicas", std::to_string(topic.minInsyncReplicas), ConfigType::Int,
            "min.insync.replicas of new topics"),
        byDefault("num.partitions", "1", ConfigType::Int, "partitions of a topic created without a count"),
        fixed("process.roles", "broker,controller", ConfigType::List,
            "every Kafka Lab broker also runs the controller role (one of them is the active controller)"),
        fixed("replica.lag.time.max.ms", std::to_string(snap.replicaLagTimeMaxMs), ConfigType::Long,
            "a follower not caught up this long leaves the ISR (Kafka's default is 30000)"),
        byDefault("socket.request.max.bytes", "104857600", ConfigType::Int, "the largest request a connection may send"),
        byDefault("unclean.leader.election.enable", "false", ConfigType::Boolean,
            "unclean.leader.election.enable of new topics"),
    };
    return entries;
}

void writeEntries(Writer &out, int16_t v, const std::vector<ConfigEntry> &all,
    const std::optional<std::vector<std::string>> &keys, bool synonyms, bool documentation)
{
    std::vector<const ConfigEntry *> listed;
    for (const ConfigEntry &e : all)
        if (!keys || std::find(keys->begin(), keys->end(), e.name) != keys->end())
            listed.push_back(&e);
    out.arrayCount(listed.size());
    for (const ConfigEntry *e : listed) {
        out.string(e->name);
        out.nullableString(std::string_view(e->value));
        out.boolean(e->readOnly);
        out.i8(static_cast<int8_t>(e->source));
        out.boolean(false); // is_sensitive
        if (synonyms) {
            out.arrayCount(1);
            out.string(e->name);
            out.nullableString(std::string_view(e->value));
            out.i8(static_cast<int8_t>(e->source));
            out.tags();
        } else {
            out.arrayCount(0);
        }
        if (v >= 3) {
            out.i8(static_cast<int8_t>(e->type));
            out.nullableString(documentation ? std::optional<std::string_view>(e->documentation) : std::nullopt);
        }
        out.tags();
    }
}

} // namespace

Status handleDescribeConfigs(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                             Answer &)
{
    const int16_t v = header.apiVersion;
    std::vector<ResourceAsk> resources;
    const int32_t count = in.arrayCount("resources", 3);
    for (int32_t r = 0; r < count && in.ok(); ++r) {
        ResourceAsk &asked = resources.emplace_back();
        asked.type = in.i8("resources[].resource_type");
        asked.name = in.string("resources[].resource_name");
        const int32_t keys = in.arrayCount("resources[].configuration_keys", 1);
        if (keys >= 0) {
            asked.keys.emplace();
            for (int32_t k = 0; k < keys && in.ok(); ++k)
                asked.keys->push_back(in.string("configuration_keys[]"));
        }
        in.skipTags("resources[]: tagged fields");
    }
    const bool synonyms = in.i8("include_synonyms") != 0;
    const bool documentation = v >= 3 && in.i8("include_documentation") != 0;
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");

    const ClusterSnapshot &snap = *context.snapshot;
    out.i32(0); // throttle_time_ms
    out.arrayCount(resources.size());
    for (const ResourceAsk &asked : resources) {
        std::vector<ConfigEntry> entries;
        Status s = Status::ok();
        if (asked.type == kTopicResource) {
            if (const TopicSnapshot *t = snap.topic(asked.name))
                entries = topicConfigEntries(t->config);
            else
                s = Status::error(ErrorCode::UnknownTopicOrPartition,
                    fmt::format("The topic '{}' does not exist.", asked.name));
        } else if (asked.type == kBrokerResource) {
            if (asked.name.empty() || asked.name == std::to_string(context.broker))
                entries = brokerEntries(snap, context);
            else
                s = Status::error(ErrorCode::InvalidRequest,
                    fmt::format("Unexpected broker id, expected {} or empty string, but received {}", context.broker,
                        asked.name));
        } else {
            s = Status::error(ErrorCode::InvalidRequest,
                fmt::format("Unsupported resource type {} (Kafka Lab describes topics (2) and brokers (4))",
                    int(asked.type)));
        }
        out.i16(static_cast<int16_t>(s.code()));
        out.nullableString(s ? std::nullopt : std::optional<std::string_view>(s.message()));
        out.i8(asked.type);
        out.string(asked.name);
        writeEntries(out, v, entries, asked.keys, synonyms, documentation);
        out.tags();
    }
    out.tags();
    return Status::ok();
}

} // namespace kl::proto
