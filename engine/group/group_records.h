// What the group coordinator persists, and the hook through which it does. The coordinator never
// writes files: on every offset commit and every group-metadata change it hands these plain
// records to a GroupStoreSink, so the engine can append real records to __consumer_offsets
// (key/value encodings live elsewhere in engine/group). After a failover the new coordinator
// replays them through GroupCoordinator::load(). Plain values; the sink is called on the
// coordinator's (engine) thread and must not call back into the coordinator.
#pragma once

#include "core/status.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kl {

// One committed offset (Kafka's OffsetCommitValue plus its key's topic/partition).
struct OffsetCommitRecord {
    std::string topic;
    int32_t partition = 0;
    int64_t offset = -1;
    int32_t leaderEpoch = -1;       // -1: unknown
    std::string metadata;
    int64_t commitTimestampMs = 0;
    int64_t expireTimestampMs = -1; // -1: the broker's offsets.retention.minutes applies
    bool tombstone = false;         // the offset was deleted (group deletion)
    bool operator==(const OffsetCommitRecord &) const = default;
};

// One member as GroupMetadataValue stores it; subscription is its metadata for the chosen protocol.
struct GroupMemberRecord {
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::string clientId;
    std::string clientHost;
    int32_t rebalanceTimeoutMs = 0;
    int32_t sessionTimeoutMs = 0;
    std::vector<uint8_t> subscription;
    std::vector<uint8_t> assignment;
    bool operator==(const GroupMemberRecord &) const = default;
};

// The group's metadata (Kafka's GroupMetadataValue) after a generation completes or changes.
struct GroupMetadataRecord {
    std::string protocolType;
    int32_t generation = 0;
    std::string protocolName;   // "" when the group is Empty
    std::string leader;         // "" when the group is Empty
    int64_t currentStateTimestampMs = 0;
    std::vector<GroupMemberRecord> members;
    bool tombstone = false;     // the group was deleted
    bool operator==(const GroupMetadataRecord &) const = default;
};

// Persistence hook. Either function may be empty (nothing persisted). A non-OK Status fails the
// commit / the sync the way a failed __consumer_offsets append fails them in Kafka.
struct GroupStoreSink {
    std::function<Status(const std::string &groupId, const std::vector<OffsetCommitRecord> &)>
        appendOffsets;
    // Kafka's commit path: append with acks=all and call `done` once, later, when the in-sync
    // replicas all have the records (ok) or the append failed or timed out. When set, commits
    // (GroupCoordinator::commitOffsets with a callback) use it instead of appendOffsets.
    std::function<void(const std::string &groupId, const std::vector<OffsetCommitRecord> &,
                       std::function<void(Status)> done)>
        appendOffsetsReplicated;
    std::function<Status(const std::string &groupId, const GroupMetadataRecord &)>
        appendGroupMetadata;
};

// One record read back from __consumer_offsets, in log order, for GroupCoordinator::load().
struct ReplayedGroupRecord {
    std::string groupId;
    std::optional<OffsetCommitRecord> offset;  // exactly one of offset / metadata is set
    std::optional<GroupMetadataRecord> metadata;
};

} // namespace kl
