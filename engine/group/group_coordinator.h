// GroupCoordinator: the broker-side coordinator of classic consumer groups, mirroring Kafka's
// kafka.coordinator.group.GroupCoordinator + GroupMetadata: JoinGroup (with MEMBER_ID_REQUIRED,
// static membership, the initial rebalance delay), SyncGroup, Heartbeat, LeaveGroup,
// OffsetCommit/OffsetFetch, DescribeGroups, ListGroups, DeleteGroups.
//
// Join and sync answers are delayed until the rebalance phase completes: they arrive through the
// request's callback, possibly much later (on a timer). Every other call answers at once.
// Callbacks are never invoked re-entrantly from inside a call's own state change: the
// coordinator queues them and runs them just before the outermost call returns, so a callback
// may call straight back into the coordinator (a simulated consumer syncing on its join answer).
//
// Persistence goes through GroupStoreSink (never files); load() rebuilds groups from replayed
// records after a failover. Time and timers come from TimerService, member ids from the injected
// generator, iteration is over sorted maps: the same inputs and seed give the same ids, answers
// and events. Single-threaded (the engine thread); the coordinator must outlive its timers, and
// cancels them in its destructor.
#pragma once

#include "group/group.h"
#include "group/group_api.h"
#include "group/group_events.h"
#include "group/group_records.h"
#include "group/timer_service.h"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace kl {

struct GroupCoordinatorConfig {
    int32_t groupMinSessionTimeoutMs = 6000;        // group.min.session.timeout.ms
    int32_t groupMaxSessionTimeoutMs = 1800000;     // group.max.session.timeout.ms
    int32_t groupInitialRebalanceDelayMs = 3000;    // group.initial.rebalance.delay.ms
    int32_t newMemberJoinTimeoutMs = 5 * 60 * 1000; // Kafka's NewMemberJoinTimeoutMs
    int32_t offsetMetadataMaxBytes = 4096;          // offset.metadata.max.bytes
};

class GroupCoordinator {
public:
    GroupCoordinator(GroupCoordinatorConfig config, TimerService &timers, std::mt19937_64 &rng,
                     GroupStoreSink sink = {});
    ~GroupCoordinator();
    GroupCoordinator(const GroupCoordinator &) = delete;
    GroupCoordinator &operator=(const GroupCoordinator &) = delete;

    void setListener(GroupEventListener listener) { m_listener = std::move(listener); }
    const GroupCoordinatorConfig &config() const { return m_config; }

    // Not active: every request answers COORDINATOR_NOT_AVAILABLE. Deactivating unloads every
    // group (Kafka's onGroupUnloaded: waiting joins and syncs get NOT_COORDINATOR).
    bool isActive() const { return m_active; }
    void setActive(bool active);

    // The membership protocol. The callbacks run exactly once.
    void joinGroup(const JoinGroupRequest &request, JoinGroupCallback callback);
    void syncGroup(const SyncGroupRequest &request, SyncGroupCallback callback);
    HeartbeatResponse heartbeat(const HeartbeatRequest &request);
    LeaveGroupResponse leaveGroup(const LeaveGroupRequest &request);

    // Offsets.
    // Synchronous: the commit is stored through GroupStoreSink::appendOffsets before it returns.
    OffsetCommitResponse commitOffsets(const OffsetCommitRequest &request);
    // As Kafka's coordinator: with GroupStoreSink::appendOffsetsReplicated the commit stays
    // pending (OffsetFetch does not see it) until its records are replicated to the offsets
    // partition's ISR; only then is it applied and answered. A failed or timed-out append
    // answers COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR or REQUEST_TIMED_OUT and changes
    // nothing. Without that sink function it answers as commitOffsets(request). The callback
    // runs exactly once, never inside this call.
    void commitOffsets(const OffsetCommitRequest &request, OffsetCommitCallback callback);
    OffsetFetchResponse fetchOffsets(const OffsetFetchRequest &request) const;

    // Administration.
    std::vector<DescribedGroup> describeGroups(const std::vector<std::string> &groupIds) const;
    // statesFilter (ListGroups v4, KIP-518): Kafka's state names; empty = every state.
    ListGroupsResponse listGroups(const std::vector<std::string> &statesFilter = {}) const;
    std::vector<DeleteGroupResult> deleteGroups(const std::vector<std::string> &groupIds);

    // Rebuilds groups from __consumer_offsets records in log order (later records win;
    // tombstones delete). Loaded groups are Stable (with members) or Empty, and their members'
    // sessions restart now. Fails, changing nothing, if a group in the records is already loaded.
    Status load(const std::vector<ReplayedGroupRecord> &records);

    // Every group, sorted by id, for views and `kafka-consumer-groups --describe`.
    std::vector<GroupDescription> describe() const;
    std::optional<GroupDescription> describe(const std::string &groupId) const;

private:
    // Queues callbacks until the outermost public call (or timer) finishes.
    class CallScope {
    public:
        explicit CallScope(GroupCoordinator &c) : m_c(c) { ++m_c.m_depth; }
        ~CallScope();
        CallScope(const CallScope &) = delete;
        CallScope &operator=(const CallScope &) = delete;
    private:
        GroupCoordinator &m_c;
    };
    void defer(std::function<void()> fn) { m_deferred.push_back(std::move(fn)); }
    void drainDeferred();

    // Join paths (group_coordinator.cpp).
    void doNewMemberJoin(Group &group, const JoinGroupRequest &req, JoinGroupCallback cb);
    void doStaticMemberJoin(Group &group, const std::string &newMemberId,
                            const JoinGroupRequest &req, JoinGroupCallback cb);
    void doCurrentMemberJoin(Group &group, const JoinGroupRequest &req, JoinGroupCallback cb);
    void addMemberAndRebalance(Group &group, const std::string &memberId,
                               const JoinGroupRequest &req, JoinGroupCallback cb);
    void updateMemberAndRebalance(Group &group, GroupMember &member, const JoinGroupRequest &req);
    void respondWithCurrentGeneration(Group &group, GroupMember &member, bool withMembers);

    // The rebalance (group_rebalance.cpp).
    void maybePrepareRebalance(Group &group, const GroupReason &reason);
    void prepareRebalance(Group &group, const GroupReason &reason);
    void tryCompleteJoin(Group &group);
    void armJoinTimer(Group &group, int64_t delayMs);
    void onJoinTimer(const std::string &groupId);
    void completeJoin(Group &group);
    void onPendingSyncTimer(const std::string &groupId, int32_t generation);
    void completeSync(Group &group, const std::map<std::string, std::vector<uint8_t>> &assignments);
    void resetAndPropagateAssignmentError(Group &group, ErrorCode error);

    // Members and sessions (group_membership.cpp).
    void scheduleSessionExpiry(Group &group, GroupMember &member, int64_t timeoutMs);
    void onSessionExpired(const std::string &groupId, const std::string &memberId);
    void addPendingMember(Group &group, const std::string &memberId, int32_t sessionTimeoutMs);
    void onPendingMemberExpired(const std::string &groupId, const std::string &memberId);
    void removeMemberAndUpdateGroup(Group &group, const std::string &memberId,
                                    GroupEventKind kind, const GroupReason &reason);
    void unloadAll();
    static ErrorCode mapStoreError(ErrorCode code, bool forOffsets);
    // Offset commits (group_offsets.cpp): the checks (nullptr and `resp` filled with the
    // error when refused), the records to store, and applying a stored commit.
    Group *checkCommit(const OffsetCommitRequest &req, OffsetCommitResponse &resp);
    std::vector<OffsetCommitRecord> commitRecords(const OffsetCommitRequest &req) const;
    OffsetCommitResponse completeCommit(
        const OffsetCommitRequest &req, std::vector<OffsetCommitRecord> records, ErrorCode storeError);

    std::string generateMemberId(const std::string &prefix);
    Group *findGroup(const std::string &groupId);
    const Group *findGroup(const std::string &groupId) const;
    // The checks Kafka runs, in Kafka's order, before a known member's heartbeat or sync: group
    // id, coordinator active, group exists and is alive, static fencing, member, generation.
    // On ErrorCode::None, group and member are set.
    ErrorCode checkMemberRequest(const std::string &groupId, const std::string &memberId,
                                 const std::optional<std::string> &groupInstanceId, int32_t generationId,
                                 Group *&group, GroupMember *&member);
    Group &addGroup(const std::string &groupId);
    Status storeGroup(Group &group);
    void cancelGroupTimers(Group &group);
    void emit(GroupEvent event);
    GroupEvent makeEvent(GroupEventKind kind, const Group &group) const;

    GroupCoordinatorConfig m_config;
    TimerService &m_timers;
    std::mt19937_64 &m_rng;
    GroupStoreSink m_sink;
    GroupEventListener m_listener;
    bool m_active = true;
    std::map<std::string, std::unique_ptr<Group>> m_groups;
    std::deque<std::function<void()>> m_deferred;
    int m_depth = 0;
    // Replicated-commit callbacks may outlive the coordinator (a failover replaces it): they
    // hold this weakly and answer NOT_COORDINATOR once it is gone.
    std::shared_ptr<bool> m_lifetime = std::make_shared<bool>(true);
};

} // namespace kl
