// Observability of the group coordinator: typed events (pushed to a listener as they happen) and
// snapshots of every group (pulled with GroupCoordinator::describe()) for the GUI's group views,
// the rebalance timeline and `kafka-consumer-groups --describe`-style output.
// Plain values; produced on the coordinator's (engine) thread, safe to copy anywhere.
#pragma once

#include "group/group_records.h"
#include "group/group_state.h"
#include "group/types.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kl {

enum class GroupEventKind {
    MemberJoined,       // a new member entered the group (memberId, clientId, reason)
    MemberLeft,         // a member left: LeaveGroup, or not rejoining/syncing in time (reason)
    MemberTimedOut,     // no heartbeat for sessionTimeoutMs (reason says how long)
    MemberFenced,       // a static member's old id was replaced by a new one (memberId = old)
    RebalanceStarted,   // Stable/CompletingRebalance/Empty -> PreparingRebalance (reason = cause)
    JoinCompleted,      // a new generation was formed (generation, leader, protocol, members)
    RebalanceCompleted, // the leader's assignment was stored -> Stable (assignments, durationMs)
    GroupEmptied,       // a rebalance ended with no members -> Empty
    OffsetsCommitted,   // offsets were stored (memberId, offsets)
    GroupDeleted,       // DeleteGroups removed the group and its offsets
};

std::string_view toString(GroupEventKind kind);

// Why a member came or went or a rebalance started, typed: `code` is stable ("new_member",
// "member_rejoin", "leave_group", "session_timeout", "join_timeout", "rebalance_timeout",
// "static_member_replaced", "static_member_updated", "sync_error", "sync_timeout"), `text` Kafka's
// own English
// wording (as its GroupCoordinator logs it), `memberId` whom it concerns, `limit` the timeout.
struct GroupReason {
    std::string code;
    std::string text;
    std::string memberId;
    int64_t limit = -1;
};

struct GroupEvent {
    GroupEventKind kind = GroupEventKind::MemberJoined;
    int64_t timeMs = 0;
    std::string groupId;
    std::string memberId;
    std::string clientId;
    std::optional<std::string> groupInstanceId;
    std::string reason;          // GroupReason::text
    std::string reasonCode;      // GroupReason::code
    std::string reasonMember;    // GroupReason::memberId
    int64_t reasonLimit = -1;    // GroupReason::limit
    void setReason(const GroupReason &why)
    {
        reason = why.text;
        reasonCode = why.code;
        reasonMember = why.memberId;
        reasonLimit = why.limit;
    }
    int32_t generation = -1;
    std::string leader;
    std::string protocolName;
    std::vector<std::string> members;                       // JoinCompleted
    std::map<std::string, std::vector<uint8_t>> assignments; // RebalanceCompleted
    int64_t durationMs = 0;                                  // RebalanceCompleted / GroupEmptied
    std::vector<OffsetCommitRecord> offsets;                 // OffsetsCommitted

    // One line for logs and tests: "t=... group g1 RebalanceStarted: <reason>".
    std::string toString() const;
};

using GroupEventListener = std::function<void(const GroupEvent &)>;

struct GroupMemberSnapshot {
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::string clientId;
    std::string clientHost;
    int32_t sessionTimeoutMs = 0;
    int32_t rebalanceTimeoutMs = 0;
    std::vector<std::string> protocols;  // the member's protocol names, in preference order
    std::vector<uint8_t> metadata;       // for the chosen protocol (empty if none chosen yet)
    std::vector<uint8_t> assignment;
    int64_t lastHeartbeatMs = 0;
    bool awaitingJoin = false;
    bool awaitingSync = false;
};

struct CommittedOffsetSnapshot {
    TopicPartition partition;
    int64_t offset = -1;
    int32_t leaderEpoch = -1;
    std::string metadata;
    int64_t commitTimestampMs = 0;
};

// A group as the coordinator sees it (named GroupDescription, not GroupSnapshot: api/snapshot.h's
// GroupSnapshot is the engine-wide view built from this plus lag and consumer state).
struct GroupDescription {
    std::string groupId;
    GroupState state = GroupState::Empty;
    int64_t stateSinceMs = 0;
    int32_t generation = 0;
    std::string protocolType;
    std::string protocolName;
    std::string leader;
    std::optional<int64_t> rebalanceStartedMs; // set while a rebalance is under way
    std::string rebalanceReason;               // the cause of the current or last rebalance
    std::string rebalanceReasonCode;           // the same as GroupReason::code
    std::vector<GroupMemberSnapshot> members;  // sorted by member id
    std::vector<std::string> pendingMembers;   // got MEMBER_ID_REQUIRED, not yet rejoined
    std::vector<CommittedOffsetSnapshot> offsets; // sorted by topic, partition
};

} // namespace kl
