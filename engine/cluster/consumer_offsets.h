// The internal __consumer_offsets topic as the engine uses it: which partition (and so which
// broker, its leader) coordinates a group, and the conversion between the group coordinator's
// plain records (group/group_records.h) and real records of that topic (group/offsets_records.h
// encodings: key = OffsetCommitKey / GroupMetadataKey, value = OffsetCommitValue v3 /
// GroupMetadataValue v3, null value = tombstone).
// Pure functions; any thread.
#pragma once

#include "api/commands.h"
#include "core/java_string.h" // javaStringHashCode
#include "core/status.h"
#include "group/group_records.h"
#include "log/record_batch.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kl {

inline constexpr std::string_view kOffsetsTopic = "__consumer_offsets";

// Kafka's Utils.abs: Math.abs except that Integer.MIN_VALUE maps to 0 (not to itself).
int32_t kafkaAbs(int32_t n);
// GroupCoordinator.partitionFor: Utils.abs(groupId.hashCode) % offsets.topic.num.partitions.
int32_t offsetsPartitionFor(std::string_view groupId, int32_t partitionCount);

// The records a GroupStoreSink call appends (one per commit / one for the metadata).
Result<std::vector<ProduceRecord>> encodeOffsetCommits(const std::string &groupId,
    const std::vector<OffsetCommitRecord> &commits, int64_t nowMs);
Result<ProduceRecord> encodeGroupMetadata(const std::string &groupId, const GroupMetadataRecord &metadata);

// One record read back from the topic. nullopt for records of other kinds (KIP-848 keys) and
// for a null key; CORRUPT_MESSAGE for bytes that do not decode.
Result<std::optional<ReplayedGroupRecord>> decodeOffsetsTopicRecord(const Record &record);

} // namespace kl
