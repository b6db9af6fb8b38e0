#include "protocol/topic_configs.h"

namespace kl::proto {

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

} // namespace kl::proto
