// GroupCoordinator: construction, the deferred-callback scope, and JoinGroup (new, pending,
// static and current members). The rebalance and SyncGroup are in group_rebalance.cpp, sessions
// and leaving in group_membership.cpp, offsets and administration in group_offsets.cpp.
#include "group/group_coordinator.h"

#include <fmt/format.h>

namespace kl {

namespace {

JoinGroupResponse joinError(const std::string &memberId, ErrorCode error)
{
    JoinGroupResponse r;
    r.errorCode = error;
    r.memberId = memberId;
    return r;
}

std::string describeInstance(const std::optional<std::string> &instanceId)
{
    return instanceId ? *instanceId : std::string("None");
}

} // namespace

GroupCoordinator::GroupCoordinator(GroupCoordinatorConfig config, TimerService &timers,
                                   std::mt19937_64 &rng, GroupStoreSink sink)
    : m_config(config), m_timers(timers), m_rng(rng), m_sink(std::move(sink))
{
}

GroupCoordinator::~GroupCoordinator()
{
    for (auto &[id, group] : m_groups)
        cancelGroupTimers(*group);
}

GroupCoordinator::CallScope::~CallScope()
{
    if (--m_c.m_depth == 0)
        m_c.drainDeferred();
}

void GroupCoordinator::drainDeferred()
{
    // Callbacks may call back into the coordinator; those nested calls drain what they queue
    // themselves, and anything left is run here in FIFO order.
    while (!m_deferred.empty()) {
        auto fn = std::move(m_deferred.front());
        m_deferred.pop_front();
        fn();
    }
}

std::string GroupCoordinator::generateMemberId(const std::string &prefix)
{
    // Kafka: clientId (or group.instance.id) + "-" + a random UUID. The UUID is version 4
    // shaped, but drawn from the injected generator so runs are reproducible.
    const uint64_t hi = m_rng();
    const uint64_t lo = m_rng();
    const uint64_t h = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
    const uint64_t l = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
    return fmt::format("{}-{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", prefix, h >> 32, (h >> 16) & 0xffff,
                       h & 0xffff, l >> 48, l & 0xffffffffffffULL);
}

Group *GroupCoordinator::findGroup(const std::string &groupId)
{
    auto it = m_groups.find(groupId);
    return it == m_groups.end() ? nullptr : it->second.get();
}

const Group *GroupCoordinator::findGroup(const std::string &groupId) const
{
    auto it = m_groups.find(groupId);
    return it == m_groups.end() ? nullptr : it->second.get();
}

Group &GroupCoordinator::addGroup(const std::string &groupId)
{
    auto group = std::make_unique<Group>(groupId, GroupState::Empty, m_timers.nowMs());
    Group &ref = *group;
    m_groups[groupId] = std::move(group);
    return ref;
}

Status GroupCoordinator::storeGroup(Group &group)
{
    if (!m_sink.appendGroupMetadata)
        return Status::ok();
    return m_sink.appendGroupMetadata(group.groupId(), group.toRecord());
}

void GroupCoordinator::emit(GroupEvent event)
{
    if (m_listener)
        m_listener(event);
}

GroupEvent GroupCoordinator::makeEvent(GroupEventKind kind, const Group &group) const
{
    GroupEvent e;
    e.kind = kind;
    e.timeMs = m_timers.nowMs();
    e.groupId = group.groupId();
    e.generation = group.generation();
    e.leader = group.leader().value_or("");
    e.protocolName = group.protocolName().value_or("");
    return e;
}

// --- JoinGroup ---------------------------------------------------------------------------------

void GroupCoordinator::joinGroup(const JoinGroupRequest &request, JoinGroupCallback callback)
{
    CallScope scope(*this);
    auto fail = [&](ErrorCode code) {
        defer([callback, r = joinError(request.memberId, code)] { callback(r); });
    };
    if (request.groupId.empty())
        return fail(ErrorCode::InvalidGroupId);
    if (!m_active)
        return fail(ErrorCode::CoordinatorNotAvailable);
    if (request.sessionTimeoutMs < m_config.groupMinSessionTimeoutMs
        || request.sessionTimeoutMs > m_config.groupMaxSessionTimeoutMs)
        return fail(ErrorCode::InvalidSessionTimeout);

    JoinGroupRequest req = request;
    if (req.rebalanceTimeoutMs <= 0) // JoinGroup v0 has no rebalance timeout
        req.rebalanceTimeoutMs = req.sessionTimeoutMs;

    const bool unknownMember = req.memberId.empty();
    Group *group = findGroup(req.groupId);
    if (!group) {
        // Only a new member may create a group; a known member id for an unknown group is stale.
        if (!unknownMember)
            return fail(ErrorCode::UnknownMemberId);
        group = &addGroup(req.groupId);
    }
    if (group->is(GroupState::Dead))
        return fail(ErrorCode::CoordinatorNotAvailable);
    if (!group->supportsProtocols(req.protocolType, req.protocols))
        return fail(ErrorCode::InconsistentGroupProtocol);

    if (unknownMember)
        doNewMemberJoin(*group, req, std::move(callback));
    else
        doCurrentMemberJoin(*group, req, std::move(callback));
    // Kafka: "attempt to complete JoinGroup" after every join.
    if (group->is(GroupState::PreparingRebalance))
        tryCompleteJoin(*group);
}

void GroupCoordinator::doNewMemberJoin(Group &group, const JoinGroupRequest &req,
                                       JoinGroupCallback cb)
{
    const std::string newMemberId =
        generateMemberId(req.groupInstanceId ? *req.groupInstanceId : req.clientId);
    if (req.groupInstanceId)
        return doStaticMemberJoin(group, newMemberId, req, std::move(cb));
    if (req.requireKnownMemberId) {
        // JoinGroup v4+: hand out the id first so a client that times out and retries does not
        // leave orphaned members behind; the member becomes real when it rejoins with it.
        addPendingMember(group, newMemberId, req.sessionTimeoutMs);
        defer([cb, r = joinError(newMemberId, ErrorCode::MemberIdRequired)] { cb(r); });
        return;
    }
    addMemberAndRebalance(group, newMemberId, req, std::move(cb));
}

void GroupCoordinator::doStaticMemberJoin(Group &group, const std::string &newMemberId,
                                          const JoinGroupRequest &req, JoinGroupCallback cb)
{
    const auto oldMemberId = group.staticMemberId(*req.groupInstanceId);
    if (!oldMemberId)
        return addMemberAndRebalance(group, newMemberId, req, std::move(cb));

    // A known static member restarted: the new id replaces the old one, whose waiting requests
    // are fenced. In a Stable group whose protocol does not change, it is answered at once
    // without a rebalance. JoinGroup v9+ (KIP-814, Kafka 3.2+) names the current leader, which
    // is the new id when the leader restarted, and tells that leader to skip the assignment:
    // it gets the members (it must watch their topics' metadata) but sends an empty SyncGroup
    // and keeps its assignment. Before v9 the answer names the leader from before the
    // replacement (the old id), so a restarted leader acts as a follower and syncs its old
    // assignment back, and it stops watching for new partitions (KAFKA-13435).
    const std::string previousLeader = group.leader().value_or("");
    GroupMember *old = group.find(*oldMemberId);
    if (old->awaitingJoin) {
        defer([f = std::move(old->awaitingJoin), r = joinError(*oldMemberId, ErrorCode::FencedInstanceId)] { f(r); });
        old->awaitingJoin = nullptr;
    }
    if (old->awaitingSync) {
        SyncGroupResponse r;
        r.errorCode = ErrorCode::FencedInstanceId;
        defer([f = std::move(old->awaitingSync), r] { f(r); });
        old->awaitingSync = nullptr;
    }
    group.replaceStaticMember(*req.groupInstanceId, *oldMemberId, newMemberId);
    GroupMember &member = *group.find(newMemberId);
    {
        GroupEvent e = makeEvent(GroupEventKind::MemberFenced, group);
        e.memberId = *oldMemberId;
        e.clientId = member.clientId;
        e.groupInstanceId = req.groupInstanceId;
        e.setReason({"static_member_replaced",
            fmt::format("static member {} replaced by {} (group.instance.id {})", *oldMemberId, newMemberId,
                *req.groupInstanceId),
            newMemberId});
        emit(std::move(e));
    }
    scheduleSessionExpiry(group, member, req.sessionTimeoutMs);

    const auto oldProtocols = member.protocols;
    member.protocols = req.protocols;
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    member.clientId = req.clientId;
    member.clientHost = req.clientHost;
    member.awaitingJoin = std::move(cb);

    switch (group.state()) {
    case GroupState::Stable:
        if (group.protocolName() == group.selectProtocol()) {
            // Same protocol next generation: persist the new id, no rebalance.
            Status st = storeGroup(group);
            JoinGroupResponse r;
            r.generationId = group.generation();
            r.protocolType = group.protocolType().value_or("");
            r.protocolName = group.protocolName().value_or("");
            if (!st.isOk()) {
                // Kafka reverts to the old id and answers UNKNOWN_MEMBER_ID's empty member id.
                member.protocols = oldProtocols;
                group.replaceStaticMember(*req.groupInstanceId, newMemberId, *oldMemberId);
                r.errorCode = st.code();
                r.leader = previousLeader;
            } else if (req.apiVersion >= 9) {
                const bool isLeader = group.isLeader(newMemberId);
                r.leader = group.leader().value_or("");
                r.memberId = newMemberId;
                r.skipAssignment = isLeader;
                if (isLeader)
                    r.members = group.currentMemberMetadata();
            } else {
                r.leader = previousLeader;
                r.memberId = newMemberId;
            }
            GroupMember &m = st.isOk() ? member : *group.find(*oldMemberId);
            defer([f = std::move(m.awaitingJoin), r] { f(r); });
            m.awaitingJoin = nullptr;
        } else {
            maybePrepareRebalance(group, {"static_member_updated", fmt::format(
                "group's selected protocol will change because static member {} with instance id {} "
                "joined with a change of protocol", newMemberId, *req.groupInstanceId), newMemberId});
        }
        break;
    case GroupState::CompletingRebalance:
        maybePrepareRebalance(group, {"static_member_updated",
            fmt::format("updating metadata for static member {} with instance id {}", newMemberId,
                *req.groupInstanceId),
            newMemberId});
        break;
    case GroupState::PreparingRebalance:
        tryCompleteJoin(group);
        break;
    case GroupState::Empty:
    case GroupState::Dead:
        break; // a group with a static member is neither
    }
}

void GroupCoordinator::doCurrentMemberJoin(Group &group, const JoinGroupRequest &req,
                                           JoinGroupCallback cb)
{
    auto fail = [&](ErrorCode code) {
        defer([cb, r = joinError(req.memberId, code)] { cb(r); });
    };
    if (group.isPendingMember(req.memberId)) {
        if (req.groupInstanceId) // static members never get MEMBER_ID_REQUIRED
            return fail(ErrorCode::UnknownMemberId);
        return addMemberAndRebalance(group, req.memberId, req, std::move(cb));
    }
    if (group.isStaticMemberFenced(req.memberId, req.groupInstanceId))
        return fail(ErrorCode::FencedInstanceId);
    const bool instanceUnknown = req.groupInstanceId && !group.staticMemberId(*req.groupInstanceId);
    GroupMember *member = group.find(req.memberId);
    if (!member || instanceUnknown)
        return fail(ErrorCode::UnknownMemberId);

    switch (group.state()) {
    case GroupState::PreparingRebalance:
        member->awaitingJoin = std::move(cb);
        updateMemberAndRebalance(group, *member, req);
        break;
    case GroupState::CompletingRebalance:
        if (member->matches(req.protocols)) {
            // The member lost its JoinGroup answer; send it again.
            member->awaitingJoin = std::move(cb);
            respondWithCurrentGeneration(group, *member, group.isLeader(member->memberId));
        } else {
            member->awaitingJoin = std::move(cb);
            updateMemberAndRebalance(group, *member, req);
        }
        break;
    case GroupState::Stable:
        if (group.isLeader(member->memberId) || !member->matches(req.protocols)) {
            member->awaitingJoin = std::move(cb);
            updateMemberAndRebalance(group, *member, req);
        } else {
            member->awaitingJoin = std::move(cb);
            respondWithCurrentGeneration(group, *member, false);
        }
        break;
    case GroupState::Empty:
    case GroupState::Dead:
        fail(ErrorCode::UnknownMemberId);
        break;
    }
}

void GroupCoordinator::respondWithCurrentGeneration(Group &group, GroupMember &member,
                                                    bool withMembers)
{
    JoinGroupResponse r;
    r.generationId = group.generation();
    r.protocolType = group.protocolType().value_or("");
    r.protocolName = group.protocolName().value_or("");
    r.leader = group.leader().value_or("");
    r.memberId = member.memberId;
    if (withMembers)
        r.members = group.currentMemberMetadata();
    defer([f = std::move(member.awaitingJoin), r] { f(r); });
    member.awaitingJoin = nullptr;
}

void GroupCoordinator::addMemberAndRebalance(Group &group, const std::string &memberId,
                                             const JoinGroupRequest &req, JoinGroupCallback cb)
{
    auto pending = group.pendingMembers().find(memberId);
    if (pending != group.pendingMembers().end()) {
        m_timers.cancel(pending->second);
        group.pendingMembers().erase(pending);
    }
    GroupMember m;
    m.memberId = memberId;
    m.groupInstanceId = req.groupInstanceId;
    m.clientId = req.clientId;
    m.clientHost = req.clientHost;
    m.sessionTimeoutMs = req.sessionTimeoutMs;
    m.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    m.protocolType = req.protocolType;
    m.protocols = req.protocols;
    m.awaitingJoin = std::move(cb);
    m.isNew = true;
    // Only a brand-new group's initial delay grows with late joiners (InitialDelayedJoin).
    if (group.is(GroupState::PreparingRebalance) && group.generation() == 0)
        group.rebalance().newMemberAdded = true;
    group.add(std::move(m));
    GroupMember &member = *group.find(memberId);
    // A new member cannot heartbeat before its JoinGroup is answered, so it gets Kafka's
    // NewMemberJoinTimeoutMs instead of its session timeout until then.
    scheduleSessionExpiry(group, member, m_config.newMemberJoinTimeoutMs);

    const GroupReason reason {"new_member",
        fmt::format("adding new member {} with group instance id {}; client reason: {}", memberId,
                    describeInstance(req.groupInstanceId), req.reason.empty() ? "not provided" : req.reason),
        memberId};
    GroupEvent e = makeEvent(GroupEventKind::MemberJoined, group);
    e.memberId = memberId;
    e.clientId = req.clientId;
    e.groupInstanceId = req.groupInstanceId;
    e.setReason(reason);
    emit(std::move(e));

    if (group.is(GroupState::PreparingRebalance))
        tryCompleteJoin(group);
    else
        maybePrepareRebalance(group, reason);
}

void GroupCoordinator::updateMemberAndRebalance(Group &group, GroupMember &member,
                                                const JoinGroupRequest &req)
{
    member.protocols = req.protocols;
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    const GroupReason reason {"member_rejoin", fmt::format(
        "{} {} re-joining group during {}; client reason: {}",
        group.isLeader(member.memberId) ? "leader" : "member", member.memberId,
        toString(group.state()), req.reason.empty() ? "not provided" : req.reason), member.memberId};
    if (group.is(GroupState::PreparingRebalance))
        tryCompleteJoin(group);
    else
        maybePrepareRebalance(group, reason);
}

} // namespace kl
