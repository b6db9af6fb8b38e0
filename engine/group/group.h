// Group: one consumer group's metadata as the coordinator keeps it (Kafka's GroupMetadata and
// MemberMetadata): members with their protocols, pending callbacks and timers, the generation,
// protocol type and chosen protocol, the leader, static-member ids, committed offsets, and the
// state machine with Kafka's legal transitions. It holds no policy: GroupCoordinator decides
// when to rebalance and answers requests. Owned by GroupCoordinator; engine thread only.
#pragma once

#include "group/group_api.h"
#include "group/group_events.h"
#include "group/group_records.h"
#include "group/group_state.h"
#include "group/types.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kl {

struct GroupMember {
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::string clientId;
    std::string clientHost;
    int32_t sessionTimeoutMs = 0;
    int32_t rebalanceTimeoutMs = 0;
    std::string protocolType;
    std::vector<JoinGroupProtocol> protocols; // in the member's order of preference
    std::vector<uint8_t> assignment;
    JoinGroupCallback awaitingJoin; // set while its JoinGroup waits for the join phase to end
    SyncGroupCallback awaitingSync; // set while its SyncGroup waits for the leader
    int64_t lastHeartbeatMs = 0;
    uint64_t expiryTimer = 0;       // session (or new-member join) expiry
    int64_t expiryDeadlineMs = 0;   // when that timer is due (a stale timer is ignored)
    bool isNew = false;             // joined but no join phase completed yet
    uint64_t joinOrder = 0;         // stands in for Kafka's member map order when picking a leader

    bool isAwaitingJoin() const { return static_cast<bool>(awaitingJoin); }
    bool isAwaitingSync() const { return static_cast<bool>(awaitingSync); }
    const std::vector<uint8_t> *metadataFor(const std::string &protocol) const;
    // Same protocols with the same metadata, in the same order (Kafka's MemberMetadata.matches).
    bool matches(const std::vector<JoinGroupProtocol> &protocols) const;
};

// Rebalance bookkeeping the coordinator reads and writes directly.
struct GroupRebalance {
    uint64_t joinTimer = 0;         // DelayedJoin / InitialDelayedJoin timer
    int64_t joinDeadlineMs = 0;     // when it is due (a stale timer is ignored)
    bool initialDelay = false;      // the join timer is an InitialDelayedJoin
    int64_t initialDelayMs = 0;     // that InitialDelayedJoin's own delay
    int64_t initialRemainingMs = 0; // how much longer the initial delay may still grow
    bool newMemberAdded = false;    // a member joined since the last initial-delay tick
    uint64_t pendingSyncTimer = 0;  // members must SyncGroup within the rebalance timeout
    int64_t pendingSyncDeadlineMs = 0;
    std::set<std::string> pendingSyncMembers;
    std::optional<int64_t> startedMs; // when the current rebalance began
    GroupReason reason;               // its cause
};

class Group {
public:
    Group(std::string groupId, GroupState initialState, int64_t nowMs);

    const std::string &groupId() const { return m_groupId; }
    GroupState state() const { return m_state; }
    bool is(GroupState state) const { return m_state == state; }
    int64_t stateSinceMs() const { return m_stateSinceMs; }
    // Kafka: a rebalance may only start from Stable, CompletingRebalance or Empty.
    bool canRebalance() const;
    // Asserts Kafka's validPreviousStates; callers check first.
    void transitionTo(GroupState state, int64_t nowMs);

    int32_t generation() const { return m_generation; }
    void setGeneration(int32_t generation) { m_generation = generation; }
    const std::optional<std::string> &protocolType() const { return m_protocolType; }
    void setProtocolType(std::optional<std::string> type) { m_protocolType = std::move(type); }
    const std::optional<std::string> &protocolName() const { return m_protocolName; }
    void setProtocolName(std::optional<std::string> name) { m_protocolName = std::move(name); }

    // Members, sorted by id (deterministic iteration).
    const std::map<std::string, GroupMember> &members() const { return m_members; }
    std::map<std::string, GroupMember> &members() { return m_members; }
    bool has(const std::string &memberId) const { return m_members.count(memberId) > 0; }
    GroupMember *find(const std::string &memberId);
    bool empty() const { return m_members.empty(); }
    // Adds a member; the first member sets the protocol type and becomes leader.
    void add(GroupMember member);
    // Removes a member, its static id and pending sync; elects the earliest-joined as leader.
    void remove(const std::string &memberId);

    // Members that got MEMBER_ID_REQUIRED and have not rejoined yet, with their expiry timers.
    std::map<std::string, uint64_t> &pendingMembers() { return m_pendingMembers; }
    const std::map<std::string, uint64_t> &pendingMembers() const { return m_pendingMembers; }
    bool isPendingMember(const std::string &memberId) const { return m_pendingMembers.count(memberId) > 0; }

    // Static membership: group.instance.id -> current member id.
    std::optional<std::string> staticMemberId(const std::string &instanceId) const;
    // The instance id is known but belongs to another member id (KIP-345 fencing).
    bool isStaticMemberFenced(const std::string &memberId,
                              const std::optional<std::string> &instanceId) const;
    // Re-keys the member under newMemberId (keeps assignment and leadership).
    void replaceStaticMember(const std::string &instanceId, const std::string &oldMemberId,
                             const std::string &newMemberId);

    const std::optional<std::string> &leader() const { return m_leader; }
    bool isLeader(const std::string &memberId) const { return m_leader == memberId; }
    void setLeader(std::optional<std::string> leader) { m_leader = std::move(leader); }
    // If the leader did not rejoin, the earliest-joined member that did takes over.
    void maybeElectNewJoinedLeader();

    // Kafka's supportsProtocols: an Empty group takes any non-empty type and protocol list;
    // otherwise the type must match and one protocol must be supported by every member.
    bool supportsProtocols(const std::string &protocolType,
                           const std::vector<JoinGroupProtocol> &protocols) const;
    // Kafka's selectProtocol: each member votes for its most preferred protocol that every
    // member supports; most votes wins (ties: the alphabetically first, to stay deterministic).
    std::string selectProtocol() const;

    // The largest rebalance timeout among members (how long a rebalance may wait).
    int32_t rebalanceTimeoutMs() const;
    bool hasAllMembersJoined() const;
    std::vector<std::string> notYetRejoinedMembers() const;
    // generation+1; CompletingRebalance with a chosen protocol, or Empty if nobody is left.
    void initNextGeneration(int64_t nowMs);
    // The leader's JoinGroup members list (metadata for the chosen protocol).
    std::vector<JoinGroupResponseMember> currentMemberMetadata() const;

    std::map<TopicPartition, OffsetCommitRecord> &offsets() { return m_offsets; }
    const std::map<TopicPartition, OffsetCommitRecord> &offsets() const { return m_offsets; }

    GroupRebalance &rebalance() { return m_rebalance; }
    const GroupRebalance &rebalance() const { return m_rebalance; }

    // What GroupStoreSink persists for this group now.
    GroupMetadataRecord toRecord() const;
    GroupDescription snapshot() const;

private:
    std::string m_groupId;
    GroupState m_state;
    int64_t m_stateSinceMs;
    int32_t m_generation = 0;
    std::optional<std::string> m_protocolType;
    std::optional<std::string> m_protocolName;
    std::optional<std::string> m_leader;
    std::map<std::string, GroupMember> m_members;
    std::map<std::string, uint64_t> m_pendingMembers;
    std::map<std::string, std::string> m_staticMembers;
    std::map<TopicPartition, OffsetCommitRecord> m_offsets;
    GroupRebalance m_rebalance;
    uint64_t m_nextJoinOrder = 1;
};

} // namespace kl
