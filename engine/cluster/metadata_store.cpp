#include "cluster/metadata_store.h"

#include "cluster/offset_checkpoint.h"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

namespace kl {

namespace {

using Json = nlohmann::ordered_json;

Json logConfigToJson(const LogConfig &c)
{
    Json j;
    j["segment.bytes"] = c.segmentBytes;
    j["segment.ms"] = c.segmentMs;
    j["retention.bytes"] = c.retentionBytes;
    j["retention.ms"] = c.retentionMs;
    j["index.interval.bytes"] = c.indexIntervalBytes;
    j["segment.index.bytes"] = c.segmentIndexBytes;
    j["max.message.bytes"] = c.maxMessageBytes;
    return j;
}

// Keys missing from an older file keep their defaults.
LogConfig logConfigFromJson(const Json &j)
{
    LogConfig c;
    c.segmentBytes = j.value("segment.bytes", c.segmentBytes);
    c.segmentMs = j.value("segment.ms", c.segmentMs);
    c.retentionBytes = j.value("retention.bytes", c.retentionBytes);
    c.retentionMs = j.value("retention.ms", c.retentionMs);
    c.indexIntervalBytes = j.value("index.interval.bytes", c.indexIntervalBytes);
    c.segmentIndexBytes = j.value("segment.index.bytes", c.segmentIndexBytes);
    c.maxMessageBytes = j.value("max.message.bytes", c.maxMessageBytes);
    return c;
}

Status configError(const char *key, const std::string &rule, int64_t value)
{
    return Status::error(ErrorCode::InvalidConfig, fmt::format("{} {}, got {}", key, rule, value));
}

} // namespace

Status validateLogConfig(const LogConfig &c)
{
    if (c.segmentBytes < 1024)
        return configError("segment.bytes", "must be at least 1024", c.segmentBytes);
    if (c.segmentBytes > INT32_MAX)
        return configError("segment.bytes", "must fit a 32-bit file position", c.segmentBytes);
    if (c.segmentMs < 1)
        return configError("segment.ms", "must be at least 1", c.segmentMs);
    if (c.retentionBytes < -1)
        return configError("retention.bytes", "must be -1 (unlimited) or more", c.retentionBytes);
    if (c.retentionMs < -1)
        return configError("retention.ms", "must be -1 (unlimited) or more", c.retentionMs);
    if (c.indexIntervalBytes < 0)
        return configError("index.interval.bytes", "must not be negative", c.indexIntervalBytes);
    if (c.segmentIndexBytes < 8)
        return configError("segment.index.bytes", "must hold at least one 8-byte entry", c.segmentIndexBytes);
    if (c.maxMessageBytes < 0)
        return configError("max.message.bytes", "must not be negative", c.maxMessageBytes);
    return Status::ok();
}

Result<ClusterMetadata> loadClusterMetadata(const std::filesystem::path &dataDir)
{
    const auto file = dataDir / kMetadataFileName;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return ClusterMetadata {};
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Status::error(
            ErrorCode::KafkaStorageError, fmt::format("cannot read cluster metadata {}", file.string()));
    std::stringstream text;
    text << in.rdbuf();
    // nlohmann throws on type mismatches; keep that inside this function.
    try {
        const Json j = Json::parse(text.str());
        ClusterMetadata metadata;
        metadata.brokerCount = j.value("brokerCount", 0);
        metadata.nextProducerId = j.value("nextProducerId", uint64_t(0));
        metadata.clusterId = j.value("clusterId", std::string());
        for (const auto &t : j.at("topics")) {
            TopicMetadata topic;
            topic.name = t.at("name").get<std::string>();
            if (t.contains("topicId")) {
                const std::string text = t.at("topicId").get<std::string>();
                topic.topicId = Uuid::fromString(text);
                if (!topic.topicId)
                    return Status::error(ErrorCode::KafkaStorageError,
                        fmt::format("cluster metadata {}: topic {} has topicId '{}', not a base64 Uuid",
                            file.string(), topic.name, text));
            }
            topic.config.partitions = t.at("partitions").get<int32_t>();
            topic.config.replicationFactor = t.at("replicationFactor").get<int32_t>();
            topic.config.log = logConfigFromJson(t.value("config", Json::object()));
            topic.config.minInsyncReplicas = t.value("min.insync.replicas", 1);
            topic.config.uncleanLeaderElection = t.value("unclean.leader.election.enable", false);
            topic.assignment = t.at("assignment").get<std::vector<std::vector<int32_t>>>();
            if (static_cast<int32_t>(topic.assignment.size()) != topic.config.partitions)
                return Status::error(ErrorCode::KafkaStorageError,
                    fmt::format("cluster metadata {}: topic {} has {} partitions but {} assignments",
                        file.string(), topic.name, topic.config.partitions, topic.assignment.size()));
            for (const auto &replicas : topic.assignment)
                if (replicas.empty())
                    return Status::error(ErrorCode::KafkaStorageError,
                        fmt::format("cluster metadata {}: topic {} has a partition "
                                    "without replicas",
                            file.string(), topic.name));
            metadata.topics.push_back(std::move(topic));
        }
        return metadata;
    } catch (const std::exception &e) {
        return Status::error(ErrorCode::KafkaStorageError,
            fmt::format("cluster metadata {} is corrupt: {}", file.string(), e.what()));
    }
}

Status saveClusterMetadata(const std::filesystem::path &dataDir, const ClusterMetadata &metadata)
{
    Json j;
    j["version"] = 1;
    j["brokerCount"] = metadata.brokerCount;
    j["nextProducerId"] = metadata.nextProducerId;
    j["clusterId"] = metadata.clusterId;
    j["topics"] = Json::array();
    for (const auto &t : metadata.topics) {
        Json topic;
        topic["name"] = t.name;
        if (t.topicId)
            topic["topicId"] = t.topicId->toString();
        topic["partitions"] = t.config.partitions;
        topic["replicationFactor"] = t.config.replicationFactor;
        topic["config"] = logConfigToJson(t.config.log);
        topic["min.insync.replicas"] = t.config.minInsyncReplicas;
        topic["unclean.leader.election.enable"] = t.config.uncleanLeaderElection;
        topic["assignment"] = t.assignment;
        j["topics"].push_back(std::move(topic));
    }
    return writeCheckpointFile(
        dataDir / kMetadataFileName, j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n');
}

} // namespace kl
