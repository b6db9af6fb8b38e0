// Fixtures for the group coordinator tests: a fake TimerService driven by a manual time, a
// harness that records events and everything the coordinator persists, and small helpers that
// play the client side of JoinGroup/SyncGroup.
#pragma once

#include "group/group_coordinator.h"

#include <QString>
#include <fmt/format.h>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace kl::test {

// Timers run in (time, id) order when the time is advanced past them; nothing runs inside
// schedule(), like the engine's TimerQueue.
class FakeTimers final : public TimerService {
public:
    int64_t nowMs() const override { return m_now; }
    uint64_t schedule(int64_t atMs, std::function<void()> fn) override
    {
        const uint64_t id = ++m_nextId;
        m_queue.emplace(std::make_pair(atMs, id), std::move(fn));
        m_due[id] = atMs;
        return id;
    }
    void cancel(uint64_t id) override
    {
        auto it = m_due.find(id);
        if (it == m_due.end())
            return;
        m_queue.erase({it->second, id});
        m_due.erase(it);
    }
    void advanceTo(int64_t t)
    {
        while (!m_queue.empty() && m_queue.begin()->first.first <= t) {
            auto node = m_queue.extract(m_queue.begin());
            m_now = std::max(m_now, node.key().first);
            m_due.erase(node.key().second);
            node.mapped()();
        }
        m_now = std::max(m_now, t);
    }
    void advance(int64_t ms) { advanceTo(m_now + ms); }
    size_t pendingTimers() const { return m_queue.size(); }

private:
    int64_t m_now = 0;
    uint64_t m_nextId = 0;
    std::map<std::pair<int64_t, uint64_t>, std::function<void()>> m_queue;
    std::map<uint64_t, int64_t> m_due;
};

inline std::vector<uint8_t> bytes(const std::string &s) { return {s.begin(), s.end()}; }

template <typename R>
struct Reply {
    int count = 0;    // how many times the callback ran (must end up exactly 1)
    int64_t atMs = -1;
    R value;
    bool done() const { return count > 0; }
};

struct Harness {
    explicit Harness(GroupCoordinatorConfig cfg = quickConfig(), uint64_t seed = 7)
        : rng(seed)
    {
        GroupStoreSink sink;
        sink.appendOffsets = [this](const std::string &g, const std::vector<OffsetCommitRecord> &r) {
            if (!offsetsError.isOk())
                return offsetsError;
            for (const auto &rec : r)
                offsetRecords.emplace_back(g, rec);
            return Status::ok();
        };
        sink.appendGroupMetadata = [this](const std::string &g, const GroupMetadataRecord &r) {
            groupRecords.emplace_back(g, r);
            return Status::ok();
        };
        gc = std::make_unique<GroupCoordinator>(cfg, timers, rng, sink);
        gc->setListener([this](const GroupEvent &e) { events.push_back(e); });
    }
    // No initial delay, so a test's group forms as soon as its timers run.
    static GroupCoordinatorConfig quickConfig()
    {
        GroupCoordinatorConfig c;
        c.groupInitialRebalanceDelayMs = 0;
        return c;
    }

    std::vector<GroupEvent> eventsOf(GroupEventKind kind) const
    {
        std::vector<GroupEvent> out;
        for (const auto &e : events)
            if (e.kind == kind)
                out.push_back(e);
        return out;
    }

    std::shared_ptr<Reply<JoinGroupResponse>> join(const JoinGroupRequest &req)
    {
        auto r = std::make_shared<Reply<JoinGroupResponse>>();
        gc->joinGroup(req, [r, this](const JoinGroupResponse &resp) {
            ++r->count;
            r->atMs = timers.nowMs();
            r->value = resp;
        });
        return r;
    }
    std::shared_ptr<Reply<SyncGroupResponse>> sync(const SyncGroupRequest &req)
    {
        auto r = std::make_shared<Reply<SyncGroupResponse>>();
        gc->syncGroup(req, [r, this](const SyncGroupResponse &resp) {
            ++r->count;
            r->atMs = timers.nowMs();
            r->value = resp;
        });
        return r;
    }

    FakeTimers timers;
    std::mt19937_64 rng;
    std::unique_ptr<GroupCoordinator> gc;
    std::vector<GroupEvent> events;
    std::vector<std::pair<std::string, OffsetCommitRecord>> offsetRecords;
    std::vector<std::pair<std::string, GroupMetadataRecord>> groupRecords;
    Status offsetsError;
};

// The group's state as Kafka spells it ("" if unknown); QCOMPARE-friendly.
inline QString stateOf(const Harness &h, const std::string &group)
{
    const auto snap = h.gc->describe(group);
    return snap ? QString::fromLatin1(toString(snap->state).data()) : QString();
}

inline JoinGroupRequest joinRequest(const std::string &group, const std::string &clientId,
                                    const std::string &memberId = "",
                                    std::vector<JoinGroupProtocol> protocols = {})
{
    JoinGroupRequest r;
    r.groupId = group;
    r.clientId = clientId;
    r.clientHost = "/10.0.0.1";
    r.memberId = memberId;
    r.sessionTimeoutMs = 10000;
    r.rebalanceTimeoutMs = 30000;
    r.protocolType = "consumer";
    r.protocols = protocols.empty()
        ? std::vector<JoinGroupProtocol>{{"range", bytes(fmt::format("sub-{}", clientId))}}
        : std::move(protocols);
    return r;
}

inline SyncGroupRequest syncRequest(const std::string &group, int32_t generation,
                                    const std::string &memberId,
                                    std::vector<SyncGroupAssignment> assignments = {})
{
    SyncGroupRequest r;
    r.groupId = group;
    r.generationId = generation;
    r.memberId = memberId;
    r.assignments = std::move(assignments);
    return r;
}

inline HeartbeatRequest heartbeatRequest(const std::string &group, int32_t generation,
                                         const std::string &memberId)
{
    return HeartbeatRequest{group, generation, memberId, std::nullopt};
}

// Two-step join (MEMBER_ID_REQUIRED, then rejoin); returns the pending second join.
inline std::shared_ptr<Reply<JoinGroupResponse>> joinNewMember(Harness &h, JoinGroupRequest req)
{
    req.memberId.clear();
    auto first = h.join(req);
    if (!first->done() || first->value.errorCode != ErrorCode::MemberIdRequired)
        return first;
    req.memberId = first->value.memberId;
    return h.join(req);
}

struct StableGroup {
    int32_t generation = -1;
    std::string leader;
    std::vector<std::string> memberIds; // in the order the clients were given
};

// Joins the clients, lets the join phase complete, syncs with "assign-<memberId>" bytes.
inline StableGroup formStableGroup(Harness &h, const std::string &group,
                                   const std::vector<std::string> &clients)
{
    std::vector<std::shared_ptr<Reply<JoinGroupResponse>>> joins;
    for (const auto &c : clients)
        joins.push_back(joinNewMember(h, joinRequest(group, c)));
    h.timers.advance(0);
    StableGroup g;
    for (const auto &j : joins) {
        g.memberIds.push_back(j->value.memberId);
        g.generation = j->value.generationId;
        g.leader = j->value.leader;
    }
    std::vector<SyncGroupAssignment> assignments;
    for (const auto &id : g.memberIds)
        assignments.push_back({id, bytes(fmt::format("assign-{}", id))});
    for (const auto &id : g.memberIds)
        h.sync(syncRequest(group, g.generation, id, id == g.leader ? assignments
                                                                    : std::vector<SyncGroupAssignment>{}));
    return g;
}

} // namespace kl::test
