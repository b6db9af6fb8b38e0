#include "protocol/topic_configs.h"

#include <charconv>
#include <cstdint>
#include <fmt/format.h>

namespace kl::proto {

namespace {

std::optional<int64_t> parseInteger(const std::string &text)
{
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return v;
}

} // namespace

Status applyTopicConfig(TopicConfig &c, const std::string &name, const std::optional<std::string> &value)
{
    if (!value)
        return Status::ok(); // null: the default
    const auto bad = [&](const char *accepted) {
        return Status::error(ErrorCode::InvalidConfig,
            fmt::format("Invalid value {} for configuration {}: {}", *value, name, accepted));
    };
    if (name == "cleanup.policy")
        return *value == "delete" ? Status::ok() : bad("Kafka Lab keeps logs by retention only ('delete')");
    if (name == "unclean.leader.election.enable") {
        if (*value != "true" && *value != "false")
            return bad("true or false");
        c.uncleanLeaderElection = *value == "true";
        return Status::ok();
    }
    const auto n = parseInteger(*value);
    struct Range {
        const char *key;
        int64_t min, max;
    };
    static const Range ranges[] = {{"segment.bytes", 14, INT32_MAX}, {"segment.ms", 1, INT64_MAX},
        {"retention.bytes", -1, INT64_MAX}, {"retention.ms", -1, INT64_MAX}, {"index.interval.bytes", 0, INT32_MAX},
        {"segment.index.bytes", 4, INT32_MAX}, {"max.message.bytes", 0, INT32_MAX}, {"min.insync.replicas", 1, 9}};
    for (const Range &r : ranges) {
        if (name != r.key)
            continue;
        if (!n || *n < r.min || *n > r.max)
            return bad(fmt::format("a whole number {}..{}", r.min, r.max).c_str());
        if (name == "segment.bytes") c.log.segmentBytes = *n;
        else if (name == "segment.ms") c.log.segmentMs = *n;
        else if (name == "retention.bytes") c.log.retentionBytes = *n;
        else if (name == "retention.ms") c.log.retentionMs = *n;
        else if (name == "index.interval.bytes") c.log.indexIntervalBytes = static_cast<int32_t>(*n);
        else if (name == "segment.index.bytes") c.log.segmentIndexBytes = static_cast<int32_t>(*n);
        else if (name == "max.message.bytes") c.log.maxMessageBytes = static_cast<int32_t>(*n);
        else c.minInsyncReplicas = static_cast<int32_t>(*n);
        return Status::ok();
    }
    return Status::error(ErrorCode::InvalidConfig,
        fmt::format("Unknown topic config name: {} (Kafka Lab takes cleanup.policy=delete, segment.bytes, "
                    "segment.ms, retention.bytes, retention.ms, index.interval.bytes, segment.index.bytes, "
                    "max.message.bytes, min.insync.replicas, unclean.leader.election.enable)",
            name));
}


std::vector<ConfigEntry> topicConfigEntries(const TopicConfig &c)
{
    const TopicConfig d;
    const auto entry = [](const char *name, std::string value, bool isDefault, ConfigType type, const char *doc) {
        return ConfigEntry {name, std::move(value), isDefault ? ConfigSource::Default : ConfigSource::DynamicTopic, type,
            false, doc};
    };
    const auto number = [&](const char *name, int64_t value, int64_t byDefault, ConfigType type, const char *doc) {
        return entry(name, std::to_string(value), value == byDefault, type, doc);
    };
    return {
        entry("cleanup.policy", "delete", true, ConfigType::List,
            "delete: old segments are deleted by retention (Kafka Lab does not compact)"),
        number("index.interval.bytes", c.log.indexIntervalBytes, d.log.indexIntervalBytes, ConfigType::Int,
            "bytes of log between two offset index entries"),
        number("max.message.bytes", c.log.maxMessageBytes, d.log.maxMessageBytes, ConfigType::Int,
            "the largest record batch the topic accepts"),
        number("min.insync.replicas", c.minInsyncReplicas, d.minInsyncReplicas, ConfigType::Int,
            "in-sync replicas an acks=all write needs"),
        number("retention.bytes", c.log.retentionBytes, d.log.retentionBytes, ConfigType::Long,
            "bytes a partition keeps before deleting old segments (-1: no limit)"),
        number("retention.ms", c.log.retentionMs, d.log.retentionMs, ConfigType::Long,
            "how long a segment is kept after its newest record (-1: forever)"),
        number("segment.bytes", c.log.segmentBytes, d.log.segmentBytes, ConfigType::Int,
            "size at which a segment rolls (Kafka Lab's default is 1 MiB, Kafka's 1 GiB)"),
        number("segment.index.bytes", c.log.segmentIndexBytes, d.log.segmentIndexBytes, ConfigType::Int,
            "the largest an offset or time index may grow"),
        number("segment.ms", c.log.segmentMs, d.log.segmentMs, ConfigType::Long,
            "age at which a segment rolls even if not full"),
        entry("unclean.leader.election.enable", c.uncleanLeaderElection ? "true" : "false",
            c.uncleanLeaderElection == d.uncleanLeaderElection, ConfigType::Boolean,
            "whether an out-of-sync replica may become leader (losing acknowledged records)"),
    };
}

Result<TopicConfig> applyConfigChanges(TopicConfig config, const std::vector<ConfigChange> &changes)
{
    for (size_t i = 0; i < changes.size(); ++i)
        for (size_t j = i + 1; j < changes.size(); ++j)
            if (changes[i].name == changes[j].name)
                return Status::error(ErrorCode::InvalidRequest,
                    fmt::format("Error due to duplicate config keys: {}", changes[i].name));
    const TopicConfig defaults;
    for (const ConfigChange &c : changes) {
        if (c.operation == 0) {
            if (!c.value)
                return Status::error(ErrorCode::InvalidRequest,
                    fmt::format("Null value not supported for : {}", c.name));
            if (Status s = applyTopicConfig(config, c.name, c.value); !s)
                return s;
        } else if (c.operation == 1) {
            std::optional<std::string> byDefault;
            for (const ConfigEntry &e : topicConfigEntries(defaults))
                if (e.name == c.name)
                    byDefault = e.value;
            if (!byDefault) // unknown: the same refusal SET gives, naming what is taken
                return applyTopicConfig(config, c.name, std::string());
            if (Status s = applyTopicConfig(config, c.name, byDefault); !s)
                return s;
        } else if (c.operation == 2 || c.operation == 3) {
            return Status::error(ErrorCode::InvalidConfig,
                fmt::format("{} {}: Kafka Lab has no list config to change (cleanup.policy only takes 'delete')",
                    c.operation == 2 ? "APPEND" : "SUBTRACT", c.name));
        } else {
            return Status::error(ErrorCode::InvalidRequest,
                fmt::format("Unknown config operation {} for {}", int(c.operation), c.name));
        }
    }
    return config;
}

Bytes alterConfigResources(EngineCore &core, bool flexible, bool validateOnly, int32_t broker,
    const std::vector<ConfigResourceAsk> &resources, const ConfigChangeFn &change)
{
    Bytes body;
    Writer w(body, flexible);
    w.i32(0); // throttle_time_ms
    w.arrayCount(resources.size());
    const auto snapshot = core.makeSnapshot();
    for (const ConfigResourceAsk &asked : resources) {
        Status s = Status::ok();
        if (asked.type == kTopicResource) {
            const TopicSnapshot *topic = snapshot->topic(asked.name);
            if (!topic) {
                s = Status::error(ErrorCode::UnknownTopicOrPartition,
                    fmt::format("The topic '{}' does not exist.", asked.name));
            } else if (auto changed = change(topic->config, asked.changes); !changed) {
                s = changed.status();
            } else if (!validateOnly) {
                s = core.alterTopicConfig(asked.name, *changed);
            }
        } else if (asked.type == kBrokerResource) {
            s = Status::error(ErrorCode::InvalidRequest,
                fmt::format("broker {}: Kafka Lab's broker configs are read-only (DescribeConfigs lists them)",
                    asked.name.empty() ? std::to_string(broker) : asked.name));
        } else {
            s = Status::error(ErrorCode::InvalidRequest,
                fmt::format("Unsupported resource type {} (Kafka Lab alters topics (2))", int(asked.type)));
        }
        w.i16(static_cast<int16_t>(s.code()));
        w.nullableString(s ? std::nullopt : std::optional<std::string_view>(s.message()));
        w.i8(asked.type);
        w.string(asked.name);
        w.tags();
    }
    w.tags();
    return body;
}

} // namespace kl::proto
