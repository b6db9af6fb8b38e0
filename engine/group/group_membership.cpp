// GroupCoordinator: sessions and membership — Heartbeat, LeaveGroup, session expiry, pending
// (MEMBER_ID_REQUIRED) members, member removal, and unloading when the coordinator goes away.
#include "group/group_coordinator.h"

#include <fmt/format.h>

namespace kl {

ErrorCode GroupCoordinator::checkMemberRequest(const std::string &groupId, const std::string &memberId,
                                               const std::optional<std::string> &groupInstanceId,
                                               int32_t generationId, Group *&group, GroupMember *&member)
{
    if (groupId.empty())
        return ErrorCode::InvalidGroupId;
    if (!m_active)
        return ErrorCode::CoordinatorNotAvailable;
    group = findGroup(groupId);
    if (!group)
        return ErrorCode::UnknownMemberId;
    if (group->is(GroupState::Dead))
        return ErrorCode::CoordinatorNotAvailable;
    if (group->isStaticMemberFenced(memberId, groupInstanceId))
        return ErrorCode::FencedInstanceId;
    member = group->find(memberId);
    if (!member)
        return ErrorCode::UnknownMemberId;
    if (generationId != group->generation())
        return ErrorCode::IllegalGeneration;
    return ErrorCode::None;
}

HeartbeatResponse GroupCoordinator::heartbeat(const HeartbeatRequest &req)
{
    CallScope scope(*this);
    HeartbeatResponse r;
    auto fail = [&](ErrorCode code) { r.errorCode = code; return r; };
    Group *group = nullptr;
    GroupMember *member = nullptr;
    if (ErrorCode e = checkMemberRequest(req.groupId, req.memberId, req.groupInstanceId, req.generationId,
                                         group, member);
        e != ErrorCode::None)
        return fail(e);
    switch (group->state()) {
    case GroupState::Empty:
    case GroupState::Dead:
        return fail(ErrorCode::UnknownMemberId);
    case GroupState::CompletingRebalance:
        // Consumers may heartbeat between their JoinGroup answer and their SyncGroup.
        scheduleSessionExpiry(*group, *member, member->sessionTimeoutMs);
        return r;
    case GroupState::PreparingRebalance:
        // Alive, but must rejoin: this is how Stable members learn of a rebalance.
        scheduleSessionExpiry(*group, *member, member->sessionTimeoutMs);
        return fail(ErrorCode::RebalanceInProgress);
    case GroupState::Stable:
        scheduleSessionExpiry(*group, *member, member->sessionTimeoutMs);
        return r;
    }
    return r;
}

LeaveGroupResponse GroupCoordinator::leaveGroup(const LeaveGroupRequest &req)
{
    CallScope scope(*this);
    LeaveGroupResponse resp;
    if (req.groupId.empty()) {
        resp.errorCode = ErrorCode::InvalidGroupId;
        return resp;
    }
    if (!m_active) {
        resp.errorCode = ErrorCode::CoordinatorNotAvailable;
        return resp;
    }
    Group *group = findGroup(req.groupId);
    if (group && group->is(GroupState::Dead)) {
        resp.errorCode = ErrorCode::CoordinatorNotAvailable;
        return resp;
    }
    for (const LeaveGroupMember &leaving : req.members) {
        LeaveGroupMemberResponse mr{leaving.memberId, leaving.groupInstanceId, ErrorCode::None};
        const std::string clientReason = leaving.reason.empty() ? "not provided" : leaving.reason;
        if (!group) {
            mr.errorCode = ErrorCode::UnknownMemberId;
        } else if (leaving.memberId.empty() && leaving.groupInstanceId) {
            // v3+: a static member may leave by instance id alone.
            auto id = group->staticMemberId(*leaving.groupInstanceId);
            if (!id) {
                mr.errorCode = ErrorCode::UnknownMemberId;
            } else {
                removeMemberAndUpdateGroup(*group, *id, GroupEventKind::MemberLeft,
                    {"leave_group", fmt::format("removing member {} on LeaveGroup; client reason: {}", *id,
                        clientReason), *id});
            }
        } else if (group->isPendingMember(leaving.memberId)) {
            m_timers.cancel(group->pendingMembers().at(leaving.memberId));
            group->pendingMembers().erase(leaving.memberId);
            tryCompleteJoin(*group);
        } else if (group->isStaticMemberFenced(leaving.memberId, leaving.groupInstanceId)) {
            mr.errorCode = ErrorCode::FencedInstanceId;
        } else if (!group->has(leaving.memberId)) {
            mr.errorCode = ErrorCode::UnknownMemberId;
        } else {
            removeMemberAndUpdateGroup(*group, leaving.memberId, GroupEventKind::MemberLeft,
                {"leave_group", fmt::format("removing member {} on LeaveGroup; client reason: {}",
                    leaving.memberId, clientReason), leaving.memberId});
        }
        resp.members.push_back(std::move(mr));
    }
    return resp;
}

void GroupCoordinator::scheduleSessionExpiry(Group &group, GroupMember &member, int64_t timeoutMs)
{
    const int64_t now = m_timers.nowMs();
    member.lastHeartbeatMs = now;
    if (member.expiryTimer)
        m_timers.cancel(member.expiryTimer);
    member.expiryDeadlineMs = now + timeoutMs;
    member.expiryTimer = m_timers.schedule(
        member.expiryDeadlineMs,
        [this, gid = group.groupId(), mid = member.memberId] { onSessionExpired(gid, mid); });
}

void GroupCoordinator::onSessionExpired(const std::string &groupId, const std::string &memberId)
{
    CallScope scope(*this);
    Group *group = findGroup(groupId);
    GroupMember *member = group ? group->find(memberId) : nullptr;
    if (!member || !member->expiryTimer || m_timers.nowMs() < member->expiryDeadlineMs)
        return;
    member->expiryTimer = 0;
    if (member->isNew) {
        // Its JoinGroup has waited NewMemberJoinTimeoutMs; the client will have retried.
        removeMemberAndUpdateGroup(*group, memberId, GroupEventKind::MemberTimedOut,
            {"join_timeout", fmt::format("new member {} did not complete its join within {} ms", memberId,
                m_config.newMemberJoinTimeoutMs), memberId, m_config.newMemberJoinTimeoutMs});
        return;
    }
    // A member waiting on the coordinator cannot heartbeat; the rebalance and pending-sync
    // deadlines cover it, and its session restarts when its request is answered.
    if (member->isAwaitingJoin() || member->isAwaitingSync())
        return;
    removeMemberAndUpdateGroup(*group, memberId, GroupEventKind::MemberTimedOut,
        {"session_timeout", fmt::format("member {} timed out after {} ms", memberId, member->sessionTimeoutMs),
            memberId, member->sessionTimeoutMs});
}

void GroupCoordinator::addPendingMember(Group &group, const std::string &memberId,
                                        int32_t sessionTimeoutMs)
{
    const uint64_t timer = m_timers.schedule(
        m_timers.nowMs() + sessionTimeoutMs,
        [this, gid = group.groupId(), memberId] { onPendingMemberExpired(gid, memberId); });
    group.pendingMembers()[memberId] = timer;
}

void GroupCoordinator::onPendingMemberExpired(const std::string &groupId, const std::string &memberId)
{
    CallScope scope(*this);
    Group *group = findGroup(groupId);
    if (!group || !group->isPendingMember(memberId))
        return;
    group->pendingMembers().erase(memberId);
    tryCompleteJoin(*group); // a pending member no longer holds up the join phase
}

void GroupCoordinator::removeMemberAndUpdateGroup(Group &group, const std::string &memberId,
                                                  GroupEventKind kind, const GroupReason &reason)
{
    GroupMember *member = group.find(memberId);
    if (!member)
        return;
    if (member->awaitingJoin) {
        JoinGroupResponse r;
        r.errorCode = ErrorCode::UnknownMemberId;
        r.memberId = memberId;
        defer([f = std::move(member->awaitingJoin), r] { f(r); });
    }
    if (member->awaitingSync) {
        // Kafka lets such a request time out; answering keeps every callback exactly-once.
        SyncGroupResponse r;
        r.errorCode = ErrorCode::UnknownMemberId;
        defer([f = std::move(member->awaitingSync), r] { f(r); });
    }
    if (member->expiryTimer)
        m_timers.cancel(member->expiryTimer);
    GroupEvent e = makeEvent(kind, group);
    e.memberId = memberId;
    e.clientId = member->clientId;
    e.groupInstanceId = member->groupInstanceId;
    e.setReason(reason);
    group.remove(memberId);
    emit(std::move(e));

    switch (group.state()) {
    case GroupState::Dead:
    case GroupState::Empty:
        break;
    case GroupState::Stable:
    case GroupState::CompletingRebalance:
        maybePrepareRebalance(group, reason);
        break;
    case GroupState::PreparingRebalance:
        tryCompleteJoin(group);
        break;
    }
}

void GroupCoordinator::cancelGroupTimers(Group &group)
{
    GroupRebalance &rb = group.rebalance();
    if (rb.joinTimer)
        m_timers.cancel(rb.joinTimer);
    if (rb.pendingSyncTimer)
        m_timers.cancel(rb.pendingSyncTimer);
    rb.joinTimer = rb.pendingSyncTimer = 0;
    for (auto &[id, m] : group.members()) {
        if (m.expiryTimer)
            m_timers.cancel(m.expiryTimer);
        m.expiryTimer = 0;
    }
    for (auto &[id, timer] : group.pendingMembers())
        m_timers.cancel(timer);
    group.pendingMembers().clear();
}

void GroupCoordinator::setActive(bool active)
{
    CallScope scope(*this);
    if (m_active && !active)
        unloadAll();
    m_active = active;
}

void GroupCoordinator::unloadAll()
{
    // Kafka's onGroupUnloaded: whoever waits learns this broker is no longer the coordinator.
    for (auto &[gid, group] : m_groups) {
        for (auto &[id, m] : group->members()) {
            if (m.awaitingJoin) {
                JoinGroupResponse r;
                r.errorCode = ErrorCode::NotCoordinator;
                r.memberId = id;
                defer([f = std::move(m.awaitingJoin), r] { f(r); });
            }
            if (m.awaitingSync) {
                SyncGroupResponse r;
                r.errorCode = ErrorCode::NotCoordinator;
                defer([f = std::move(m.awaitingSync), r] { f(r); });
            }
            m.awaitingJoin = nullptr;
            m.awaitingSync = nullptr;
        }
        cancelGroupTimers(*group);
        group->transitionTo(GroupState::Dead, m_timers.nowMs());
    }
    m_groups.clear();
}

} // namespace kl
