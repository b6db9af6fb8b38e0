// Record formats of the internal __consumer_offsets topic, as Kafka's group coordinator writes
// them (schemas: OffsetCommitKey.json, OffsetCommitValue.json, GroupMetadataKey.json,
// GroupMetadataValue.json in Kafka's group-coordinator module). Key and value each start with
// their own INT16 version; the key's version says which kind of record it is:
//   key v0/v1  offset commit:  version, group STRING, topic STRING, partition INT32
//   key v2     group metadata: version, group STRING
//   key v3+    records of the KIP-848 consumer-group protocol (not handled here)
// Values (NON-flexible; v4 is the first flexible version and is refused here):
//   OffsetCommitValue  v0/v2: offset INT64, metadata STRING, commitTimestamp INT64
//                      v1:    v0 + expireTimestamp INT64
//                      v3:    offset INT64, leaderEpoch INT32, metadata STRING, commitTimestamp INT64
//   GroupMetadataValue v0..v3: protocolType STRING, generation INT32, protocol STRING?,
//     leader STRING?, v2+ currentStateTimestamp INT64, members [memberId STRING,
//     v3+ groupInstanceId STRING?, clientId STRING, clientHost STRING, v1+ rebalanceTimeout
//     INT32, sessionTimeout INT32, subscription BYTES, assignment BYTES]
// A record with a null value is a tombstone (offset deleted / group removed): the decoders
// take std::optional input and return std::nullopt for it. Malformed bytes give a
// CORRUPT_MESSAGE Status naming the field and byte position; nothing reads out of bounds.
// The encoders write what Kafka writes today: key v1 / v2, offset value v3, group value v3.
// Pure functions; any thread.
#pragma once

#include "core/status.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kl {

using RecordBytes = std::vector<uint8_t>;
using RecordView = std::span<const uint8_t>;

enum class OffsetsKeyKind {
    OffsetCommit,  // key version 0 or 1
    GroupMetadata, // key version 2
    Other,         // version 3 and up: KIP-848 records; readers of the classic records skip them
};

// The kind of a __consumer_offsets key, from its leading version. CORRUPT_MESSAGE when the key
// is shorter than two bytes or the version is negative.
Result<OffsetsKeyKind> classifyOffsetsKey(RecordView key);

struct OffsetCommitKey {
    std::string group;
    std::string topic;
    int32_t partition = 0;
    bool operator==(const OffsetCommitKey &) const = default;
};

struct OffsetCommitValue {
    int16_t version = 3;
    int64_t offset = 0;
    int32_t leaderEpoch = -1;      // v3+; -1 = unknown
    std::string metadata;
    int64_t commitTimestamp = 0;
    int64_t expireTimestamp = -1;  // v1 only; -1 = none
    bool operator==(const OffsetCommitValue &) const = default;
};

struct GroupMetadataKey {
    std::string group;
    bool operator==(const GroupMetadataKey &) const = default;
};

struct GroupMemberMetadata {
    std::string memberId;
    std::optional<std::string> groupInstanceId; // v3+
    std::string clientId;
    std::string clientHost;
    int32_t rebalanceTimeoutMs = -1;           // v1+ (a v0 decode reports sessionTimeoutMs here too)
    int32_t sessionTimeoutMs = 0;
    std::vector<uint8_t> subscription;         // ConsumerProtocolSubscription bytes for "consumer"
    std::vector<uint8_t> assignment;           // ConsumerProtocolAssignment bytes
    bool operator==(const GroupMemberMetadata &) const = default;
};

struct GroupMetadataValue {
    int16_t version = 3;
    std::string protocolType;               // "consumer" for consumer groups
    int32_t generation = 0;
    std::optional<std::string> protocol;    // the chosen assignor; null while Empty
    std::optional<std::string> leader;
    int64_t currentStateTimestamp = -1;     // v2+; -1 = unknown
    std::vector<GroupMemberMetadata> members;
    bool operator==(const GroupMetadataValue &) const = default;
};

// Keys. CORRUPT_MESSAGE for strings longer than an INT16 length allows.
Result<RecordBytes> encodeOffsetCommitKey(const OffsetCommitKey &key, int16_t version = 1);
Result<OffsetCommitKey> decodeOffsetCommitKey(RecordView key);
Result<RecordBytes> encodeGroupMetadataKey(const GroupMetadataKey &key);
Result<GroupMetadataKey> decodeGroupMetadataKey(RecordView key);

// Values: encode with value.version (0..3); UNSUPPORTED_VERSION outside that range.
Result<RecordBytes> encodeOffsetCommitValue(const OffsetCommitValue &value);
Result<std::optional<OffsetCommitValue>> decodeOffsetCommitValue(std::optional<RecordView> value);
Result<RecordBytes> encodeGroupMetadataValue(const GroupMetadataValue &value);
Result<std::optional<GroupMetadataValue>> decodeGroupMetadataValue(std::optional<RecordView> value);

} // namespace kl
