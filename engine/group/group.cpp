// Group: one group's metadata and its state machine. See group.h.
#include "group/group.h"

#include <algorithm>
#include <cassert>

namespace kl {

const std::vector<uint8_t> *GroupMember::metadataFor(const std::string &protocol) const
{
    for (const auto &p : protocols) {
        if (p.name == protocol)
            return &p.metadata;
    }
    return nullptr;
}

bool GroupMember::matches(const std::vector<JoinGroupProtocol> &other) const
{
    if (other.size() != protocols.size())
        return false;
    for (size_t i = 0; i < other.size(); ++i) {
        if (other[i].name != protocols[i].name || other[i].metadata != protocols[i].metadata)
            return false;
    }
    return true;
}

Group::Group(std::string groupId, GroupState initialState, int64_t nowMs)
    : m_groupId(std::move(groupId)), m_state(initialState), m_stateSinceMs(nowMs)
{
}

bool Group::canRebalance() const
{
    return isValidGroupTransition(m_state, GroupState::PreparingRebalance);
}

void Group::transitionTo(GroupState state, int64_t nowMs)
{
    assert(isValidGroupTransition(m_state, state));
    m_state = state;
    m_stateSinceMs = nowMs;
}

GroupMember *Group::find(const std::string &memberId)
{
    auto it = m_members.find(memberId);
    return it == m_members.end() ? nullptr : &it->second;
}

void Group::add(GroupMember member)
{
    if (m_members.empty())
        m_protocolType = member.protocolType;
    if (!m_leader)
        m_leader = member.memberId;
    if (member.groupInstanceId)
        m_staticMembers[*member.groupInstanceId] = member.memberId;
    member.joinOrder = m_nextJoinOrder++;
    std::string id = member.memberId;
    m_members.insert_or_assign(std::move(id), std::move(member));
}

void Group::remove(const std::string &memberId)
{
    auto it = m_members.find(memberId);
    if (it == m_members.end())
        return;
    if (it->second.groupInstanceId) {
        auto s = m_staticMembers.find(*it->second.groupInstanceId);
        if (s != m_staticMembers.end() && s->second == memberId)
            m_staticMembers.erase(s);
    }
    m_members.erase(it);
    m_rebalance.pendingSyncMembers.erase(memberId);
    if (isLeader(memberId)) {
        m_leader.reset();
        const GroupMember *first = nullptr;
        for (const auto &[id, m] : m_members) {
            if (!first || m.joinOrder < first->joinOrder)
                first = &m;
        }
        if (first)
            m_leader = first->memberId;
    }
}

std::optional<std::string> Group::staticMemberId(const std::string &instanceId) const
{
    auto it = m_staticMembers.find(instanceId);
    if (it == m_staticMembers.end())
        return std::nullopt;
    return it->second;
}

bool Group::isStaticMemberFenced(const std::string &memberId,
                                 const std::optional<std::string> &instanceId) const
{
    if (!instanceId)
        return false;
    auto current = staticMemberId(*instanceId);
    return current && *current != memberId;
}

void Group::replaceStaticMember(const std::string &instanceId, const std::string &oldMemberId,
                                const std::string &newMemberId)
{
    auto node = m_members.extract(oldMemberId);
    assert(!node.empty());
    node.key() = newMemberId;
    node.mapped().memberId = newMemberId;
    m_members.insert(std::move(node));
    m_staticMembers[instanceId] = newMemberId;
    if (m_rebalance.pendingSyncMembers.erase(oldMemberId) > 0)
        m_rebalance.pendingSyncMembers.insert(newMemberId);
    if (isLeader(oldMemberId))
        m_leader = newMemberId;
}

void Group::maybeElectNewJoinedLeader()
{
    if (m_leader) {
        auto it = m_members.find(*m_leader);
        if (it != m_members.end() && it->second.isAwaitingJoin())
            return;
    }
    const GroupMember *best = nullptr;
    for (const auto &[id, m] : m_members) {
        if (m.isAwaitingJoin() && (!best || m.joinOrder < best->joinOrder))
            best = &m;
    }
    if (best)
        m_leader = best->memberId;
}

bool Group::supportsProtocols(const std::string &protocolType,
                              const std::vector<JoinGroupProtocol> &protocols) const
{
    if (m_members.empty() || is(GroupState::Empty))
        return !protocolType.empty() && !protocols.empty();
    if (m_protocolType != protocolType)
        return false;
    for (const auto &p : protocols) {
        size_t supporters = 0;
        for (const auto &[id, m] : m_members) {
            if (m.metadataFor(p.name))
                ++supporters;
        }
        if (supporters == m_members.size())
            return true;
    }
    return false;
}

std::string Group::selectProtocol() const
{
    std::set<std::string> candidates;
    bool first = true;
    for (const auto &[id, m] : m_members) {
        std::set<std::string> names;
        for (const auto &p : m.protocols)
            names.insert(p.name);
        if (first) {
            candidates = std::move(names);
            first = false;
        } else {
            std::set<std::string> both;
            std::set_intersection(candidates.begin(), candidates.end(), names.begin(), names.end(),
                                  std::inserter(both, both.begin()));
            candidates = std::move(both);
        }
    }
    std::map<std::string, int> votes;
    for (const auto &[id, m] : m_members) {
        for (const auto &p : m.protocols) {
            if (candidates.count(p.name)) {
                ++votes[p.name];
                break;
            }
        }
    }
    std::string winner;
    int best = 0;
    for (const auto &[name, count] : votes) { // map order: ties go to the first name
        if (count > best) {
            best = count;
            winner = name;
        }
    }
    return winner;
}

int32_t Group::rebalanceTimeoutMs() const
{
    int32_t timeout = 0;
    for (const auto &[id, m] : m_members)
        timeout = std::max(timeout, m.rebalanceTimeoutMs);
    return timeout;
}

bool Group::hasAllMembersJoined() const
{
    if (!m_pendingMembers.empty())
        return false;
    return std::all_of(m_members.begin(), m_members.end(),
                       [](const auto &kv) { return kv.second.isAwaitingJoin(); });
}

std::vector<std::string> Group::notYetRejoinedMembers() const
{
    std::vector<std::string> ids;
    for (const auto &[id, m] : m_members) {
        if (!m.isAwaitingJoin())
            ids.push_back(id);
    }
    return ids;
}

void Group::initNextGeneration(int64_t nowMs)
{
    ++m_generation;
    if (!m_members.empty()) {
        m_protocolName = selectProtocol();
        transitionTo(GroupState::CompletingRebalance, nowMs);
    } else {
        m_protocolName.reset();
        transitionTo(GroupState::Empty, nowMs);
    }
}

std::vector<JoinGroupResponseMember> Group::currentMemberMetadata() const
{
    std::vector<JoinGroupResponseMember> out;
    const std::string protocol = m_protocolName.value_or("");
    for (const auto &[id, m] : m_members) {
        const auto *md = m.metadataFor(protocol);
        out.push_back({id, m.groupInstanceId, md ? *md : std::vector<uint8_t>{}});
    }
    return out;
}

GroupMetadataRecord Group::toRecord() const
{
    GroupMetadataRecord rec;
    rec.protocolType = m_protocolType.value_or("");
    rec.generation = m_generation;
    rec.protocolName = m_protocolName.value_or("");
    rec.leader = m_leader.value_or("");
    rec.currentStateTimestampMs = m_stateSinceMs;
    for (const auto &[id, m] : m_members) {
        const auto *md = m.metadataFor(rec.protocolName);
        rec.members.push_back({id, m.groupInstanceId, m.clientId, m.clientHost,
                               m.rebalanceTimeoutMs, m.sessionTimeoutMs,
                               md ? *md : std::vector<uint8_t>{}, m.assignment});
    }
    return rec;
}

GroupDescription Group::snapshot() const
{
    GroupDescription s;
    s.groupId = m_groupId;
    s.state = m_state;
    s.stateSinceMs = m_stateSinceMs;
    s.generation = m_generation;
    s.protocolType = m_protocolType.value_or("");
    s.protocolName = m_protocolName.value_or("");
    s.leader = m_leader.value_or("");
    s.rebalanceStartedMs = m_rebalance.startedMs;
    s.rebalanceReason = m_rebalance.reason.text;
    s.rebalanceReasonCode = m_rebalance.reason.code;
    for (const auto &[id, m] : m_members) {
        GroupMemberSnapshot ms;
        ms.memberId = id;
        ms.groupInstanceId = m.groupInstanceId;
        ms.clientId = m.clientId;
        ms.clientHost = m.clientHost;
        ms.sessionTimeoutMs = m.sessionTimeoutMs;
        ms.rebalanceTimeoutMs = m.rebalanceTimeoutMs;
        for (const auto &p : m.protocols)
            ms.protocols.push_back(p.name);
        if (const auto *md = m.metadataFor(s.protocolName))
            ms.metadata = *md;
        ms.assignment = m.assignment;
        ms.lastHeartbeatMs = m.lastHeartbeatMs;
        ms.awaitingJoin = m.isAwaitingJoin();
        ms.awaitingSync = m.isAwaitingSync();
        s.members.push_back(std::move(ms));
    }
    for (const auto &[id, timer] : m_pendingMembers)
        s.pendingMembers.push_back(id);
    for (const auto &[tp, rec] : m_offsets)
        s.offsets.push_back({tp, rec.offset, rec.leaderEpoch, rec.metadata, rec.commitTimestampMs});
    return s;
}

} // namespace kl
