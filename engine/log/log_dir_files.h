// The small files Kafka 4.x keeps beside the segments, with Kafka's names and formats:
//   <log dir>/.kafka_cleanshutdown       CleanShutdownFileHandler: present only after a clean
//                                        shutdown of the whole log directory (one per broker
//                                        directory, not per partition); JSON
//                                        {"version":0,"brokerEpoch":N}
//   <log dir>/meta.properties            MetaProperties v1 (KRaft): version, cluster.id, node.id,
//                                        directory.id, written as java.util.Properties.store does
//   <partition dir>/partition.metadata   PartitionMetadataFile: "version: 0\ntopic_id: <uuid>"
// Writes go through a temp file and a rename, so a crash leaves the old or the new file.
// Free functions over files; engine thread.
#pragma once

#include "core/status.h"
#include "core/uuid.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace kl {

inline constexpr const char *kCleanShutdownFileName = ".kafka_cleanshutdown";
// Kafka Lab before 4.x fidelity left this one in every partition directory. Log::open treats
// it as a clean shutdown of that partition once and deletes it.
inline constexpr const char *kLegacyCleanShutdownFileName = ".kafkalab_cleanshutdown";
inline constexpr const char *kMetaPropertiesFileName = "meta.properties";
inline constexpr const char *kPartitionMetadataFileName = "partition.metadata";

// --- clean-shutdown marker of a log directory
bool hasCleanShutdownMarker(const std::filesystem::path &logDir);
// Removed at startup before any log is opened, so a crash while loading is not taken as clean.
Status removeCleanShutdownMarker(const std::filesystem::path &logDir);
// Written after every log in the directory was closed; `brokerEpoch` -1 when unknown.
Status writeCleanShutdownMarker(const std::filesystem::path &logDir, int64_t brokerEpoch);

// --- meta.properties
struct MetaProperties {
    int32_t version = 1;
    std::string clusterId;
    int32_t nodeId = -1;
    Uuid directoryId;
    bool operator==(const MetaProperties &) const = default;
};
// The file's text: "#\n#<date as java.util.Date prints it, UTC>\n" and the four keys in the
// order Properties.store gives them (node.id, directory.id, version, cluster.id).
std::string metaPropertiesText(const MetaProperties &props, int64_t nowMs);
// nullopt when the file is absent; an error naming the file when a key is missing or wrong.
Result<std::optional<MetaProperties>> readMetaProperties(const std::filesystem::path &logDir);
Status writeMetaProperties(const std::filesystem::path &logDir, const MetaProperties &props, int64_t nowMs);
// Reads meta.properties (nullopt when absent) and checks that its cluster.id and node.id are
// the given ones (INVALID_CONFIG naming the file otherwise). Changes nothing.
Result<std::optional<MetaProperties>> checkMetaProperties(const std::filesystem::path &logDir,
                                                          const std::string &clusterId, int32_t nodeId);
// Creates meta.properties in `logDir` if it is absent (with a new directory id from
// `newDirectoryId`); if present, its cluster.id and node.id must be the given ones
// (INVALID_CONFIG naming the file otherwise, as Kafka refuses to start). Returns the
// directory's properties.
Result<MetaProperties> ensureMetaProperties(const std::filesystem::path &logDir, const std::string &clusterId,
                                            int32_t nodeId, const Uuid &newDirectoryId, int64_t nowMs);

// --- partition.metadata
std::string partitionMetadataText(const Uuid &topicId);
// nullopt when absent; KAFKA_STORAGE_ERROR naming the file when malformed.
Result<std::optional<Uuid>> readPartitionMetadata(const std::filesystem::path &partitionDir);
Status writePartitionMetadata(const std::filesystem::path &partitionDir, const Uuid &topicId);
// Reads partition.metadata (nullopt when absent) and, given a topic id, checks that the file
// holds it (KAFKA_STORAGE_ERROR naming the file: the directory belongs to another topic).
Result<std::optional<Uuid>> checkPartitionMetadata(const std::filesystem::path &partitionDir,
                                                   const std::optional<Uuid> &topicId);

} // namespace kl
