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

} // namespace kl
