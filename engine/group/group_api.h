// Request and response structs of the group coordinator's API, field for field the classic
// consumer-group RPCs (JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch,
// DescribeGroups, ListGroups, DeleteGroups; clients/src/main/resources/common/message/*.json).
// Simulated consumers inside the engine and, later, the wire-protocol handlers both speak these.
// Member metadata and assignments are opaque bytes here, as they are to Kafka's broker.
// Plain values; any thread.
#pragma once

#include "core/error_code.h"
#include "group/types.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kl {

struct JoinGroupProtocol {
    std::string name;              // e.g. "range", "cooperative-sticky"
    std::vector<uint8_t> metadata; // ConsumerProtocol subscription bytes (opaque here)
};

// JoinGroup's newest version (Kafka 4.x), the one the simulated consumer sends.
inline constexpr int16_t kJoinGroupMaxVersion = 9;

struct JoinGroupRequest {
    // The request version: v9+ (KIP-814) lets a static leader rejoining a Stable group skip the
    // assignment; older versions get the answer Kafka gave before (see GroupCoordinator).
    int16_t apiVersion = kJoinGroupMaxVersion;
    std::string groupId;
    int32_t sessionTimeoutMs = 45000;
    int32_t rebalanceTimeoutMs = -1;   // -1: JoinGroup v0, the session timeout is used
    std::string memberId;              // "" for a new member
    std::optional<std::string> groupInstanceId; // static membership (KIP-345)
    std::string protocolType = "consumer";
    std::vector<JoinGroupProtocol> protocols;
    std::string clientId;
    std::string clientHost;
    bool requireKnownMemberId = true;  // JoinGroup v4+: new members first get MEMBER_ID_REQUIRED
    std::string reason;                // JoinGroup v8+ (KIP-800), shown in rebalance causes
};

struct JoinGroupResponseMember {
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::vector<uint8_t> metadata;
};

struct JoinGroupResponse {
    ErrorCode errorCode = ErrorCode::None;
    int32_t generationId = -1;
    std::string protocolType;
    std::string protocolName;
    std::string leader;
    // v9+ (KIP-814): the leader must not compute a new assignment; it sends an empty SyncGroup
    // and keeps its current one (a static leader that rejoined a Stable group).
    bool skipAssignment = false;
    std::string memberId;
    std::vector<JoinGroupResponseMember> members; // only for the leader, sorted by member id
};

struct SyncGroupAssignment {
    std::string memberId;
    std::vector<uint8_t> assignment;
};

struct SyncGroupRequest {
    std::string groupId;
    int32_t generationId = -1;
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::optional<std::string> protocolType;  // v5+: checked when present
    std::optional<std::string> protocolName;  // v5+: checked when present
    std::vector<SyncGroupAssignment> assignments; // only the leader sends them
};

struct SyncGroupResponse {
    ErrorCode errorCode = ErrorCode::None;
    std::string protocolType;
    std::string protocolName;
    std::vector<uint8_t> assignment;
};

struct HeartbeatRequest {
    std::string groupId;
    int32_t generationId = -1;
    std::string memberId;
    std::optional<std::string> groupInstanceId;
};

struct HeartbeatResponse {
    ErrorCode errorCode = ErrorCode::None;
};

struct LeaveGroupMember {
    std::string memberId; // "" with a groupInstanceId: leave by instance id (v3+)
    std::optional<std::string> groupInstanceId;
    std::string reason;
};

struct LeaveGroupRequest {
    std::string groupId;
    std::vector<LeaveGroupMember> members;
};

struct LeaveGroupMemberResponse {
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    ErrorCode errorCode = ErrorCode::None;
};

struct LeaveGroupResponse {
    ErrorCode errorCode = ErrorCode::None;
    std::vector<LeaveGroupMemberResponse> members;
};

struct OffsetCommitPartition {
    std::string topic;
    int32_t partition = 0;
    int64_t committedOffset = 0;
    int32_t committedLeaderEpoch = -1;
    std::string committedMetadata;
};

struct OffsetCommitRequest {
    std::string groupId;
    int32_t generationId = -1;         // -1: a simple (standalone) commit outside group management
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    int64_t retentionTimeMs = -1;      // v2-v4; -1 = broker default
    std::vector<OffsetCommitPartition> partitions;
};

struct OffsetCommitPartitionResponse {
    std::string topic;
    int32_t partition = 0;
    ErrorCode errorCode = ErrorCode::None;
};

struct OffsetCommitResponse {
    std::vector<OffsetCommitPartitionResponse> partitions; // in request order
};

struct OffsetFetchRequest {
    std::string groupId;
    std::optional<std::vector<TopicPartition>> partitions; // nullopt: every committed partition
};

struct OffsetFetchPartition {
    std::string topic;
    int32_t partition = 0;
    int64_t committedOffset = -1;      // -1: nothing committed
    int32_t committedLeaderEpoch = -1;
    std::string metadata;
    ErrorCode errorCode = ErrorCode::None;
};

struct OffsetFetchResponse {
    ErrorCode errorCode = ErrorCode::None;
    std::vector<OffsetFetchPartition> partitions;
};

struct DescribedGroupMember {
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::string clientId;
    std::string clientHost;
    std::vector<uint8_t> memberMetadata;   // empty unless the group is Stable
    std::vector<uint8_t> memberAssignment; // empty unless the group is Stable
};

struct DescribedGroup {
    ErrorCode errorCode = ErrorCode::None;
    std::string groupId;
    std::string groupState;   // "Stable", "PreparingRebalance", ... ("Dead" for unknown groups)
    std::string protocolType;
    std::string protocolData; // the chosen protocol name, only when Stable
    std::vector<DescribedGroupMember> members;
};

struct ListedGroup {
    std::string groupId;
    std::string protocolType;
    std::string groupState;
};

struct ListGroupsResponse {
    ErrorCode errorCode = ErrorCode::None;
    std::vector<ListedGroup> groups; // sorted by group id
};

struct DeleteGroupResult {
    std::string groupId;
    ErrorCode errorCode = ErrorCode::None;
};

using JoinGroupCallback = std::function<void(const JoinGroupResponse &)>;
using SyncGroupCallback = std::function<void(const SyncGroupResponse &)>;
using OffsetCommitCallback = std::function<void(const OffsetCommitResponse &)>;

} // namespace kl
