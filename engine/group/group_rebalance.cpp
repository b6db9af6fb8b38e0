// GroupCoordinator: the rebalance. PreparingRebalance waits (DelayedJoin / InitialDelayedJoin)
// for every member to rejoin, then a new generation is formed and the joins are answered
// (CompletingRebalance); the leader's SyncGroup assignment makes the group Stable.
// SyncGroup lives here because it is the second half of the rebalance.
#include "group/group_coordinator.h"

#include <algorithm>
#include <fmt/format.h>

namespace kl {

void GroupCoordinator::maybePrepareRebalance(Group &group, const GroupReason &reason)
{
    if (group.canRebalance())
        prepareRebalance(group, reason);
}

void GroupCoordinator::prepareRebalance(Group &group, const GroupReason &reason)
{
    // Members waiting for an assignment of the generation being abandoned must rejoin.
    if (group.is(GroupState::CompletingRebalance))
        resetAndPropagateAssignmentError(group, ErrorCode::RebalanceInProgress);
    GroupRebalance &rb = group.rebalance();
    if (rb.pendingSyncTimer)
        m_timers.cancel(rb.pendingSyncTimer);
    rb.pendingSyncTimer = 0;
    rb.pendingSyncMembers.clear();

    const bool wasEmpty = group.is(GroupState::Empty);
    const int64_t now = m_timers.nowMs();
    group.transitionTo(GroupState::PreparingRebalance, now);
    rb.reason = reason;
    if (!rb.startedMs)
        rb.startedMs = now;

    GroupEvent e = makeEvent(GroupEventKind::RebalanceStarted, group);
    e.setReason(reason);
    emit(std::move(e));

    if (wasEmpty) {
        // InitialDelayedJoin: a new group waits group.initial.rebalance.delay.ms so that the
        // consumers starting together land in one generation instead of many.
        const int64_t delay = m_config.groupInitialRebalanceDelayMs;
        rb.initialDelay = true;
        rb.newMemberAdded = false;
        rb.initialRemainingMs = std::max<int64_t>(group.rebalanceTimeoutMs() - delay, 0);
        armJoinTimer(group, delay);
    } else {
        rb.initialDelay = false;
        armJoinTimer(group, group.rebalanceTimeoutMs());
        tryCompleteJoin(group);
    }
}

void GroupCoordinator::armJoinTimer(Group &group, int64_t delayMs)
{
    GroupRebalance &rb = group.rebalance();
    if (rb.joinTimer)
        m_timers.cancel(rb.joinTimer);
    rb.initialDelayMs = delayMs;
    rb.joinDeadlineMs = m_timers.nowMs() + delayMs;
    rb.joinTimer = m_timers.schedule(rb.joinDeadlineMs,
                                     [this, id = group.groupId()] { onJoinTimer(id); });
}

void GroupCoordinator::tryCompleteJoin(Group &group)
{
    // DelayedJoin completes early once everyone is in; InitialDelayedJoin never does.
    if (group.is(GroupState::PreparingRebalance) && !group.rebalance().initialDelay
        && group.hasAllMembersJoined())
        completeJoin(group);
}

void GroupCoordinator::onJoinTimer(const std::string &groupId)
{
    CallScope scope(*this);
    Group *group = findGroup(groupId);
    if (!group || !group->is(GroupState::PreparingRebalance) || !group->rebalance().joinTimer
        || m_timers.nowMs() < group->rebalance().joinDeadlineMs)
        return;
    GroupRebalance &rb = group->rebalance();
    rb.joinTimer = 0;
    if (rb.initialDelay && rb.newMemberAdded && rb.initialRemainingMs != 0) {
        // Members kept arriving: wait another delay, until the rebalance timeout is used up.
        rb.newMemberAdded = false;
        const int64_t delay = std::min<int64_t>(m_config.groupInitialRebalanceDelayMs,
                                                rb.initialRemainingMs);
        rb.initialRemainingMs = std::max<int64_t>(rb.initialRemainingMs - rb.initialDelayMs, 0);
        armJoinTimer(*group, delay);
        return;
    }
    completeJoin(*group);
}

void GroupCoordinator::completeJoin(Group &group)
{
    GroupRebalance &rb = group.rebalance();
    if (rb.joinTimer)
        m_timers.cancel(rb.joinTimer);
    rb.joinTimer = 0;
    rb.initialDelay = false;
    const int64_t now = m_timers.nowMs();

    // Dynamic members that did not rejoin in time are gone; static members stay until their
    // session expires (KIP-345: a bouncing static member keeps its place).
    const int32_t rebalanceTimeout = group.rebalanceTimeoutMs();
    for (const std::string &id : group.notYetRejoinedMembers()) {
        GroupMember *m = group.find(id);
        if (m->groupInstanceId)
            continue;
        GroupEvent e = makeEvent(GroupEventKind::MemberTimedOut, group);
        e.memberId = id;
        e.clientId = m->clientId;
        e.setReason({"rebalance_timeout",
            fmt::format("member {} did not rejoin within the rebalance timeout of {} ms", id, rebalanceTimeout),
            id, rebalanceTimeout});
        if (m->expiryTimer)
            m_timers.cancel(m->expiryTimer);
        if (m->awaitingSync) {
            SyncGroupResponse r;
            r.errorCode = ErrorCode::UnknownMemberId;
            defer([f = std::move(m->awaitingSync), r] { f(r); });
        }
        group.remove(id);
        emit(std::move(e));
    }

    group.maybeElectNewJoinedLeader();
    const bool anyJoined = std::any_of(group.members().begin(), group.members().end(),
                                       [](const auto &kv) { return kv.second.isAwaitingJoin(); });
    if (!group.empty() && !anyJoined) {
        // Only absent static members are left: wait again until their sessions expire.
        armJoinTimer(group, std::max(rebalanceTimeout, 1));
        return;
    }

    group.initNextGeneration(now);
    if (group.is(GroupState::Empty)) {
        Status st = storeGroup(group);
        (void)st; // like Kafka: an empty generation that fails to persist is only a warning
        GroupEvent e = makeEvent(GroupEventKind::GroupEmptied, group);
        e.durationMs = rb.startedMs ? now - *rb.startedMs : 0;
        e.setReason(rb.reason);
        rb.startedMs.reset();
        emit(std::move(e));
        return;
    }

    GroupEvent e = makeEvent(GroupEventKind::JoinCompleted, group);
    e.setReason(rb.reason);
    for (auto &[id, member] : group.members()) {
        e.members.push_back(id);
        if (member.awaitingJoin) {
            JoinGroupResponse r;
            r.generationId = group.generation();
            r.protocolType = group.protocolType().value_or("");
            r.protocolName = group.protocolName().value_or("");
            r.leader = group.leader().value_or("");
            r.memberId = id;
            if (group.isLeader(id))
                r.members = group.currentMemberMetadata();
            defer([f = std::move(member.awaitingJoin), r] { f(r); });
            member.awaitingJoin = nullptr;
        }
        scheduleSessionExpiry(group, member, member.sessionTimeoutMs);
        member.isNew = false;
        rb.pendingSyncMembers.insert(id);
    }
    // Every member must SyncGroup within the rebalance timeout, or it is removed (Kafka 2.8+).
    rb.pendingSyncDeadlineMs = now + rebalanceTimeout;
    rb.pendingSyncTimer = m_timers.schedule(
        rb.pendingSyncDeadlineMs,
        [this, id = group.groupId(), gen = group.generation()] { onPendingSyncTimer(id, gen); });
    emit(std::move(e));
}

void GroupCoordinator::onPendingSyncTimer(const std::string &groupId, int32_t generation)
{
    CallScope scope(*this);
    Group *group = findGroup(groupId);
    if (!group || group->generation() != generation || !group->rebalance().pendingSyncTimer
        || m_timers.nowMs() < group->rebalance().pendingSyncDeadlineMs)
        return;
    group->rebalance().pendingSyncTimer = 0;
    if (!group->is(GroupState::CompletingRebalance) && !group->is(GroupState::Stable))
        return;
    const std::vector<std::string> late(group->rebalance().pendingSyncMembers.begin(),
                                        group->rebalance().pendingSyncMembers.end());
    for (const std::string &id : late) {
        if (group->has(id))
            removeMemberAndUpdateGroup(*group, id, GroupEventKind::MemberLeft,
                {"sync_timeout", fmt::format("removing member {} on pending sync request expiration", id), id,
                    group->rebalanceTimeoutMs()});
    }
}

// --- SyncGroup ---------------------------------------------------------------------------------

void GroupCoordinator::syncGroup(const SyncGroupRequest &req, SyncGroupCallback callback)
{
    CallScope scope(*this);
    auto fail = [&](ErrorCode code) {
        SyncGroupResponse r;
        r.errorCode = code;
        defer([callback, r] { callback(r); });
    };
    Group *group = nullptr;
    GroupMember *member = nullptr;
    if (ErrorCode e = checkMemberRequest(req.groupId, req.memberId, req.groupInstanceId, req.generationId,
                                         group, member);
        e != ErrorCode::None)
        return fail(e);
    if ((req.protocolType && group->protocolType() != *req.protocolType)
        || (req.protocolName && group->protocolName() != *req.protocolName))
        return fail(ErrorCode::InconsistentGroupProtocol);

    switch (group->state()) {
    case GroupState::Empty:
        return fail(ErrorCode::UnknownMemberId);
    case GroupState::PreparingRebalance:
        return fail(ErrorCode::RebalanceInProgress);
    case GroupState::Dead:
        return fail(ErrorCode::CoordinatorNotAvailable);
    case GroupState::CompletingRebalance: {
        member->awaitingSync = std::move(callback);
        group->rebalance().pendingSyncMembers.erase(req.memberId);
        if (!group->isLeader(req.memberId))
            return; // followers wait for the leader's assignment
        // Members the leader left out get an empty assignment; unknown ids are ignored.
        std::map<std::string, std::vector<uint8_t>> assignments;
        for (const auto &[id, m] : group->members())
            assignments[id] = {};
        for (const auto &a : req.assignments) {
            auto it = assignments.find(a.memberId);
            if (it != assignments.end())
                it->second = a.assignment;
        }
        completeSync(*group, assignments);
        return;
    }
    case GroupState::Stable: {
        group->rebalance().pendingSyncMembers.erase(req.memberId);
        SyncGroupResponse r;
        r.protocolType = group->protocolType().value_or("");
        r.protocolName = group->protocolName().value_or("");
        r.assignment = member->assignment;
        defer([callback, r] { callback(r); });
        scheduleSessionExpiry(*group, *member, member->sessionTimeoutMs);
        return;
    }
    }
}

void GroupCoordinator::completeSync(Group &group,
                                    const std::map<std::string, std::vector<uint8_t>> &assignments)
{
    for (auto &[id, member] : group.members())
        member.assignment = assignments.at(id);
    Status st = storeGroup(group);
    if (!st.isOk()) {
        resetAndPropagateAssignmentError(group, mapStoreError(st.code(), false));
        maybePrepareRebalance(group, {"sync_error",
            fmt::format("error when storing group assignment during SyncGroup: {}", st.toString()), {}, -1});
        return;
    }
    const int64_t now = m_timers.nowMs();
    group.transitionTo(GroupState::Stable, now);
    for (auto &[id, member] : group.members()) {
        if (!member.awaitingSync)
            continue;
        SyncGroupResponse r;
        r.protocolType = group.protocolType().value_or("");
        r.protocolName = group.protocolName().value_or("");
        r.assignment = member.assignment;
        defer([f = std::move(member.awaitingSync), r] { f(r); });
        member.awaitingSync = nullptr;
        scheduleSessionExpiry(group, member, member.sessionTimeoutMs);
    }
    GroupRebalance &rb = group.rebalance();
    GroupEvent e = makeEvent(GroupEventKind::RebalanceCompleted, group);
    e.assignments = assignments;
    e.durationMs = rb.startedMs ? now - *rb.startedMs : 0;
    e.setReason(rb.reason);
    rb.startedMs.reset();
    emit(std::move(e));
}

void GroupCoordinator::resetAndPropagateAssignmentError(Group &group, ErrorCode error)
{
    for (auto &[id, member] : group.members()) {
        member.assignment.clear();
        if (!member.awaitingSync)
            continue;
        SyncGroupResponse r;
        r.errorCode = error;
        defer([f = std::move(member.awaitingSync), r] { f(r); });
        member.awaitingSync = nullptr;
        scheduleSessionExpiry(group, member, member.sessionTimeoutMs);
    }
}

ErrorCode GroupCoordinator::mapStoreError(ErrorCode code, bool forOffsets)
{
    // Kafka's GroupMetadataManager maps append failures onto errors group clients understand.
    switch (code) {
    case ErrorCode::UnknownTopicOrPartition:
    case ErrorCode::NotEnoughReplicas:
    case ErrorCode::NotEnoughReplicasAfterAppend:
        return ErrorCode::CoordinatorNotAvailable;
    case ErrorCode::NotLeaderOrFollower:
    case ErrorCode::KafkaStorageError:
        return ErrorCode::NotCoordinator;
    case ErrorCode::RequestTimedOut:
        return forOffsets ? ErrorCode::RequestTimedOut : ErrorCode::RebalanceInProgress;
    case ErrorCode::MessageTooLarge:
    case ErrorCode::RecordListTooLarge:
    case ErrorCode::InvalidFetchSize:
        return forOffsets ? ErrorCode::InvalidCommitOffsetSize : ErrorCode::UnknownServerError;
    default:
        return code;
    }
}

} // namespace kl
