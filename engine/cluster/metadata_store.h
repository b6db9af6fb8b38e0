// Cluster metadata persisted next to the brokers: <dataDir>/cluster-metadata.json holds every
// topic's id, config and replica assignment (logs recover their records from their own files) and
// the next producer id.
// Written atomically (temp file + rename) so a crash leaves the old or the new version, never
// half of one. Also the sanity rules for topic configs, with Kafka's config key names.
// Pure functions over files; called on the engine thread.
#pragma once

#include "api/snapshot.h"
#include "core/status.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kl {

struct TopicMetadata {
    std::string name;
    std::optional<Uuid> topicId; // absent in files written before topic ids
    TopicConfig config;
    std::vector<std::vector<int32_t>> assignment; // per partition: broker ids, leader first
};

struct ClusterMetadata {
    int32_t brokerCount = 0;
    // The first producer id of the next block the controller hands out (Kafka's
    // ProducerIdsRecord.nextProducerId): ids are never reused in a cluster's life. Older files
    // held the next single id, which is as good a block start.
    uint64_t nextProducerId = 0;
    // meta.properties' cluster.id in every broker directory; empty in older files.
    std::string clusterId;
    std::vector<TopicMetadata> topics;
};

constexpr const char *kMetadataFileName = "cluster-metadata.json";

// A missing file yields empty metadata; a corrupt one an error naming the file and the problem.
Result<ClusterMetadata> loadClusterMetadata(const std::filesystem::path &dataDir);
Status saveClusterMetadata(const std::filesystem::path &dataDir, const ClusterMetadata &metadata);

// INVALID_CONFIG naming the Kafka key (e.g. "segment.bytes must be at least 1024, got 100").
Status validateLogConfig(const LogConfig &config);

} // namespace kl
