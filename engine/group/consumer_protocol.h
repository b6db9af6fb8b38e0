// The consumer protocol embedded in JoinGroup/SyncGroup (protocol type "consumer"): what a
// consumer puts in its JoinGroup protocol metadata (ConsumerProtocolSubscription) and what the
// leader sends each member through SyncGroup (ConsumerProtocolAssignment). Mirrors Kafka's
// ConsumerProtocol.java and the two message schemas in clients/src/main/resources/common/message.
//
// Layout, always the NON-flexible encoding (big-endian, INT16 string lengths, INT32 counts):
//   Subscription v0..v3: version INT16, topics [STRING], userData BYTES (nullable),
//     v1+ ownedPartitions [topic STRING, partitions [INT32]], v2+ generationId INT32,
//     v3+ rackId STRING (nullable)
//   Assignment v0..v3: version INT16, [topic STRING, partitions [INT32]], userData BYTES (nullable)
// e.g. subscription v0 of topic "t" with null userData: 00 00 | 00 00 00 01 00 01 74 | ff ff ff ff
//
// Decoding follows ConsumerProtocol.checkSubscriptionVersion: a version above 3 is read with
// the v3 layout (future versions may only append fields) and trailing bytes are ignored;
// a negative version, a truncated field or an impossible length is an error whose message
// names the field and byte position. Never reads out of bounds.
// Encoding drops fields the chosen version does not have (they are "ignorable" in Kafka).
// Partitions are grouped by topic in order of first appearance.
// Pure functions; any thread.
#pragma once

#include "core/status.h"
#include "group/types.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kl {

inline constexpr int16_t kConsumerProtocolMaxVersion = 3;

struct ConsumerSubscription {
    int16_t version = kConsumerProtocolMaxVersion; // as on the wire (may exceed 3 when decoded)
    std::vector<std::string> topics;
    std::optional<std::vector<uint8_t>> userData;  // e.g. the eager sticky assignor's state
    std::vector<TopicPartition> ownedPartitions;   // v1+
    int32_t generationId = -1;                     // v2+
    std::optional<std::string> rackId;             // v3+
    bool operator==(const ConsumerSubscription &) const = default;
};

struct ConsumerAssignment {
    int16_t version = kConsumerProtocolMaxVersion;
    std::vector<TopicPartition> partitions;
    std::optional<std::vector<uint8_t>> userData;
    bool operator==(const ConsumerAssignment &) const = default;
};

// UNSUPPORTED_VERSION for a version outside 0..3; INVALID_REQUEST for a string too long for
// an INT16 length.
Result<std::vector<uint8_t>> encodeSubscription(const ConsumerSubscription &subscription);
Result<std::vector<uint8_t>> encodeAssignment(const ConsumerAssignment &assignment);
// INVALID_REQUEST for a negative version or malformed bytes (Kafka's client throws a
// SchemaException there; the coordinator never trusts member metadata blindly).
Result<ConsumerSubscription> decodeSubscription(std::span<const uint8_t> data);
Result<ConsumerAssignment> decodeAssignment(std::span<const uint8_t> data);

// --- The assignors' userData (ConsumerPartitionAssignor.subscriptionUserData), as Java writes it.
// range and roundrobin send none (null). The eager sticky assignor's member revokes everything
// before rejoining, so its ownedPartitions field is empty and the assignment it had travels here:
//   StickyAssignorUserData v1: previous_assignment [topic STRING, partitions [INT32]],
//     generation INT32 (v0 lacks the generation). Java groups the partitions with a HashMap
//     (CollectionUtils.groupPartitionsByTopic), so the topics come in that HashMap's iteration
//     order (javaHashMapOrder) and each topic's partitions in assignment order.
//   e.g. t-0, t-2 at generation 3: 00 00 00 01 | 00 01 74 | 00 00 00 02 00 00 00 00 00 00 00 02 | 00 00 00 03
// cooperative-sticky sends only its generation (the one of its last assignment, -1 before any):
//   CooperativeStickyAssignorUserData v0: generation INT32.
struct StickyUserData {
    std::vector<TopicPartition> previousAssignment;
    std::optional<int32_t> generation; // nullopt: a v0 userData
    bool operator==(const StickyUserData &) const = default;
};
// INVALID_REQUEST for a topic name too long for an INT16 length.
Result<std::vector<uint8_t>> encodeStickyUserData(const StickyUserData &data);
// v1, else v0 (StickyAssignor.deserializeTopicPartitionAssignment); INVALID_REQUEST when neither reads.
Result<StickyUserData> decodeStickyUserData(std::span<const uint8_t> data);
std::vector<uint8_t> encodeCooperativeStickyUserData(int32_t generation);
Result<int32_t> decodeCooperativeStickyUserData(std::span<const uint8_t> data);

// The order in which a java.util.HashMap<String, ?> iterates `keys` when they were added in this
// order with computeIfAbsent (as groupPartitionsByTopic adds them): by bucket
// (hash ^ hash >>> 16) & (capacity - 1), newest first within a bucket; the table starts at 16
// and doubles before an insertion once more than 3/4 full, or when a bucket already holds 7 keys
// while it is below 64. Bins Java turns into trees (8+ colliding keys at 64+) are not modelled.
// e.g. orders, payments, clicks, audit-log -> payments, clicks, orders, audit-log.
std::vector<std::string> javaHashMapOrder(const std::vector<std::string> &keys);

// What a Java consumer (3.x/4.x, the classic protocol) sends as its JoinGroup metadata for
// `assignor` (ConsumerCoordinator.metadata + ConsumerProtocol.serializeSubscription): version 3,
// the topics sorted, the assignor's userData (see above), ownedPartitions sorted, generationId,
// rackId null (no client.rack).
struct JavaClientState {
    std::vector<std::string> topics;
    // What it owns now. An eager member (range, roundrobin, sticky) revoked everything in
    // onJoinPrepare before rejoining, so this is empty for it; cooperative members keep theirs.
    std::vector<TopicPartition> owned;
    int32_t generation = -1; // the generation it is in; -1 for a new member or after losing it
    // Its assignor's memory (onAssignment): the last assignment received, as received, and
    // that assignment's generation; -1 while it has received none.
    std::vector<TopicPartition> lastAssignment;
    int32_t lastAssignmentGeneration = -1;
};
Result<std::vector<uint8_t>> encodeJavaClientSubscription(std::string_view assignor, const JavaClientState &state);

// What the leader's assignor reads as a member's previous ownership (Java's
// AbstractStickyAssignor.memberData, overridden per assignor):
//   "sticky": from the userData only (empty, generation -1 when absent or unreadable);
//   "cooperative-sticky": the ownedPartitions and generationId fields when generationId >= 0
//     (subscription v2+), else ownedPartitions with the userData's generation;
//   anything else: the ownedPartitions and generationId fields.
struct PreviousOwnership {
    std::vector<TopicPartition> partitions;
    int32_t generation = -1;
};
PreviousOwnership previousOwnership(std::string_view assignor, const ConsumerSubscription &subscription);

} // namespace kl
