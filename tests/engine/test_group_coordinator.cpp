// Group coordinator membership tests: join/sync/heartbeat/leave, rebalances, static members,
// validation errors and determinism, all under a manual clock.
#include "group_coordinator_fixtures.h"

#include <fmt/format.h>

#include <QRegularExpression>
#include <QtTest>

using namespace kl;
using namespace kl::test;

class TestGroupCoordinator : public QObject {
    Q_OBJECT
private slots:
    void joinSyncStableWithThreeMembers();
    void memberIdRequiredTwoStepJoin();
    void pendingMemberExpiresAfterSessionTimeout();
    void initialRebalanceDelay_data();
    void initialRebalanceDelay();
    void sessionTimeoutTriggersRebalance();
    void heartbeatDuringRebalance();
    void staleGenerationIsIllegal();
    void leaveTriggersRebalance();
    void leaveByInstanceIdAndUnknownMembers();
    void rebalanceTimeoutRemovesMembersThatDidNotRejoin();
    void leaderThatNeverSyncsIsRemoved();
    void staticMemberRestartKeepsGeneration();
    void staticMemberFencedOnSyncAndCommit();
    void staticLeaderRejoinSkipsAssignment_data();
    void staticLeaderRejoinSkipsAssignment();
    void invalidSessionTimeout_data();
    void invalidSessionTimeout();
    void inconsistentProtocols();
    void protocolChosenByVote();
    void followerResyncWhileCompleting();
    void callbacksMayReenter();
    void inactiveCoordinator();
    void deterministicForSeed();
};

void TestGroupCoordinator::joinSyncStableWithThreeMembers()
{
    Harness h;
    std::vector<std::shared_ptr<Reply<JoinGroupResponse>>> joins;
    for (const char *c : {"c1", "c2", "c3"})
        joins.push_back(joinNewMember(h, joinRequest("g", c)));
    for (const auto &j : joins)
        QVERIFY(!j->done()); // delayed until the join phase completes
    QCOMPARE(stateOf(h, "g"), QString("PreparingRebalance"));
    h.timers.advance(0);

    const std::string leader = joins[0]->value.leader;
    QVERIFY(!leader.empty());
    for (const auto &j : joins) {
        QCOMPARE(j->count, 1);
        QCOMPARE(j->value.errorCode, ErrorCode::None);
        QCOMPARE(j->value.generationId, 1);
        QCOMPARE(j->value.protocolType, std::string("consumer"));
        QCOMPARE(j->value.protocolName, std::string("range"));
        QCOMPARE(j->value.leader, leader);
        if (j->value.memberId == leader) {
            QCOMPARE(j->value.members.size(), size_t(3)); // only the leader sees the members
            for (const auto &m : j->value.members) {
                const auto snap = h.gc->describe("g");
                const auto it = std::find_if(snap->members.begin(), snap->members.end(),
                                             [&](const auto &sm) { return sm.memberId == m.memberId; });
                QVERIFY(it != snap->members.end());
                QCOMPARE(m.metadata, bytes(fmt::format("sub-{}", it->clientId)));
            }
        } else {
            QVERIFY(j->value.members.empty());
        }
    }
    QCOMPARE(stateOf(h, "g"), QString("CompletingRebalance"));

    // Followers wait for the leader's assignment.
    std::vector<std::string> ids;
    for (const auto &j : joins)
        ids.push_back(j->value.memberId);
    std::vector<std::shared_ptr<Reply<SyncGroupResponse>>> syncs;
    for (const auto &id : ids)
        if (id != leader)
            syncs.push_back(h.sync(syncRequest("g", 1, id)));
    for (const auto &s : syncs)
        QVERIFY(!s->done());
    std::vector<SyncGroupAssignment> assignments;
    for (const auto &id : ids)
        assignments.push_back({id, bytes(fmt::format("assign-{}", id))});
    auto leaderSync = h.sync(syncRequest("g", 1, leader, assignments));
    syncs.push_back(leaderSync);
    for (const auto &s : syncs) {
        QCOMPARE(s->count, 1);
        QCOMPARE(s->value.errorCode, ErrorCode::None);
        QCOMPARE(s->value.protocolName, std::string("range"));
    }
    QCOMPARE(leaderSync->value.assignment, bytes(fmt::format("assign-{}", leader)));
    QCOMPARE(stateOf(h, "g"), QString("Stable"));

    const auto described = h.gc->describeGroups({"g"});
    QCOMPARE(described.size(), size_t(1));
    QCOMPARE(described[0].groupState, std::string("Stable"));
    QCOMPARE(described[0].protocolData, std::string("range"));
    QCOMPARE(described[0].members.size(), size_t(3));
    for (const auto &m : described[0].members) {
        QCOMPARE(m.memberAssignment, bytes(fmt::format("assign-{}", m.memberId)));
        QCOMPARE(m.memberMetadata, bytes(fmt::format("sub-{}", m.clientId)));
        QCOMPARE(m.clientHost, std::string("/10.0.0.1"));
    }
    const auto completed = h.eventsOf(GroupEventKind::RebalanceCompleted);
    QCOMPARE(completed.size(), size_t(1));
    QCOMPARE(completed[0].generation, 1);
    QCOMPARE(completed[0].leader, leader);
    QCOMPARE(completed[0].assignments.size(), size_t(3));
    QCOMPARE(h.eventsOf(GroupEventKind::MemberJoined).size(), size_t(3));
    // The stored group metadata carries the assignment.
    QVERIFY(!h.groupRecords.empty());
    QCOMPARE(h.groupRecords.back().second.generation, 1);
    QCOMPARE(h.groupRecords.back().second.members.size(), size_t(3));
    QCOMPARE(h.groupRecords.back().second.leader, leader);
}

void TestGroupCoordinator::memberIdRequiredTwoStepJoin()
{
    Harness h;
    auto first = h.join(joinRequest("g", "consumer-1"));
    QCOMPARE(first->count, 1);
    QCOMPARE(first->value.errorCode, ErrorCode::MemberIdRequired);
    QCOMPARE(first->value.generationId, -1);
    const QString id = QString::fromStdString(first->value.memberId);
    QVERIFY2(QRegularExpression("^consumer-1-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
                 .match(id).hasMatch(), qPrintable(id));
    auto snap = h.gc->describe("g");
    QCOMPARE(QString::fromLatin1(toString(snap->state).data()), QString("Empty"));
    QVERIFY(snap->members.empty());
    QCOMPARE(snap->pendingMembers, std::vector<std::string>{first->value.memberId});

    auto second = h.join(joinRequest("g", "consumer-1", first->value.memberId));
    h.timers.advance(0);
    QCOMPARE(second->value.errorCode, ErrorCode::None);
    QCOMPARE(second->value.memberId, first->value.memberId);
    QCOMPARE(second->value.leader, first->value.memberId);
    QVERIFY(h.gc->describe("g")->pendingMembers.empty());

    // Without the v4 flag the member joins at once.
    auto legacy = JoinGroupRequest(joinRequest("g2", "old-client"));
    legacy.requireKnownMemberId = false;
    auto direct = h.join(legacy);
    h.timers.advance(0);
    QCOMPARE(direct->value.errorCode, ErrorCode::None);
    QCOMPARE(direct->value.generationId, 1);

    // An unknown (never issued) member id is rejected.
    auto bogus = h.join(joinRequest("g", "consumer-9", "consumer-9-not-issued"));
    QCOMPARE(bogus->value.errorCode, ErrorCode::UnknownMemberId);
    auto noGroup = h.join(joinRequest("nope", "c", "c-123"));
    QCOMPARE(noGroup->value.errorCode, ErrorCode::UnknownMemberId);
}

void TestGroupCoordinator::pendingMemberExpiresAfterSessionTimeout()
{
    Harness h;
    auto a = joinNewMember(h, joinRequest("g", "a"));
    h.timers.advance(0);
    // b gets its id but never rejoins: it blocks an early join completion until it expires.
    auto bFirst = h.join(joinRequest("g", "b"));
    QCOMPARE(bFirst->value.errorCode, ErrorCode::MemberIdRequired);
    QCOMPARE(h.gc->describe("g")->pendingMembers.size(), size_t(1));
    h.timers.advance(9999);
    QCOMPARE(h.gc->describe("g")->pendingMembers.size(), size_t(1));
    h.timers.advance(1);
    QVERIFY(h.gc->describe("g")->pendingMembers.empty());
    auto late = h.join(joinRequest("g", "b", bFirst->value.memberId));
    QCOMPARE(late->value.errorCode, ErrorCode::UnknownMemberId);
    QCOMPARE(a->value.generationId, 1);
}

void TestGroupCoordinator::initialRebalanceDelay_data()
{
    QTest::addColumn<QList<int>>("joinTimes");
    QTest::addColumn<int>("completesAt");
    QTest::addColumn<int>("members");
    // delay 3000, rebalance timeout 10000: the delay grows by 3000 while members keep coming,
    // but never past the rebalance timeout (Kafka's InitialDelayedJoin).
    QTest::newRow("alone") << QList<int>{0} << 3000 << 1;
    QTest::newRow("late joiner extends once") << QList<int>{0, 1000} << 6000 << 2;
    QTest::newRow("joiner after first extension") << QList<int>{0, 1000, 4000} << 9000 << 3;
    QTest::newRow("capped by rebalance timeout") << QList<int>{0, 1000, 4000, 7000, 9500} << 10000 << 5;
}

void TestGroupCoordinator::initialRebalanceDelay()
{
    QFETCH(QList<int>, joinTimes);
    QFETCH(int, completesAt);
    QFETCH(int, members);
    GroupCoordinatorConfig cfg;
    QCOMPARE(cfg.groupInitialRebalanceDelayMs, 3000); // Kafka's default
    Harness h(cfg);
    std::vector<std::shared_ptr<Reply<JoinGroupResponse>>> joins;
    for (int t : joinTimes) {
        h.timers.advanceTo(t);
        auto req = joinRequest("g", fmt::format("c{}", t));
        req.requireKnownMemberId = false;
        req.rebalanceTimeoutMs = 10000;
        joins.push_back(h.join(req));
    }
    h.timers.advanceTo(completesAt - 1);
    QVERIFY(!joins[0]->done());
    h.timers.advanceTo(completesAt);
    for (const auto &j : joins) {
        QCOMPARE(j->count, 1);
        QCOMPARE(j->atMs, int64_t(completesAt));
        QCOMPARE(j->value.generationId, 1);
    }
    QCOMPARE(int(h.gc->describe("g")->members.size()), members);
}

void TestGroupCoordinator::sessionTimeoutTriggersRebalance()
{
    Harness h;
    auto g = formStableGroup(h, "g", {"a", "b", "c"});
    QCOMPARE(stateOf(h, "g"), QString("Stable"));
    const std::string dead = g.memberIds[2];
    // a and b heartbeat every 3 s; c has crashed.
    for (int i = 0; i < 3; ++i) {
        h.timers.advance(3000);
        for (int m = 0; m < 2; ++m)
            QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, g.memberIds[m])).errorCode, ErrorCode::None);
    }
    QCOMPARE(stateOf(h, "g"), QString("Stable")); // t=9000: c still within 10 s
    h.timers.advance(1000);
    QCOMPARE(stateOf(h, "g"), QString("PreparingRebalance"));
    const auto timedOut = h.eventsOf(GroupEventKind::MemberTimedOut);
    QCOMPARE(timedOut.size(), size_t(1));
    QCOMPARE(timedOut[0].memberId, dead);
    QCOMPARE(timedOut[0].reason, fmt::format("member {} timed out after 10000 ms", dead));
    const auto started = h.eventsOf(GroupEventKind::RebalanceStarted);
    QCOMPARE(started.back().reason, timedOut[0].reason);
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, dead)).errorCode, ErrorCode::UnknownMemberId);

    // The survivors learn through their heartbeat and rejoin; the join completes at once.
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, g.memberIds[0])).errorCode, ErrorCode::RebalanceInProgress);
    auto j0 = h.join(joinRequest("g", "a", g.memberIds[0]));
    QVERIFY(!j0->done());
    auto j1 = h.join(joinRequest("g", "b", g.memberIds[1]));
    QCOMPARE(j0->value.generationId, 2);
    QCOMPARE(j1->value.generationId, 2);
    const auto &leaderJoin = j0->value.memberId == j0->value.leader ? j0 : j1;
    QCOMPARE(leaderJoin->value.members.size(), size_t(2));
    auto s = h.sync(syncRequest("g", 2, leaderJoin->value.memberId,
                                {{g.memberIds[0], bytes("x")}, {g.memberIds[1], bytes("y")}}));
    QCOMPARE(s->value.errorCode, ErrorCode::None);
    QCOMPARE(stateOf(h, "g"), QString("Stable"));
    QCOMPARE(h.gc->describe("g")->generation, 2);
}

void TestGroupCoordinator::heartbeatDuringRebalance()
{
    Harness h;
    auto g = formStableGroup(h, "g", {"a", "b"});
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, g.memberIds[1])).errorCode, ErrorCode::None);
    auto newcomer = joinNewMember(h, joinRequest("g", "c"));
    QCOMPARE(stateOf(h, "g"), QString("PreparingRebalance"));
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, g.memberIds[0])).errorCode, ErrorCode::RebalanceInProgress);
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, g.memberIds[1])).errorCode, ErrorCode::RebalanceInProgress);
    // Sync of the old generation while preparing is refused too.
    auto s = h.sync(syncRequest("g", 1, g.memberIds[1]));
    QCOMPARE(s->value.errorCode, ErrorCode::RebalanceInProgress);

    h.join(joinRequest("g", "a", g.memberIds[0]));
    h.join(joinRequest("g", "b", g.memberIds[1]));
    QCOMPARE(newcomer->value.generationId, 2);
    QCOMPARE(stateOf(h, "g"), QString("CompletingRebalance"));
    // Between JoinGroup and SyncGroup a heartbeat is fine.
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 2, g.memberIds[1])).errorCode, ErrorCode::None);
}

void TestGroupCoordinator::staleGenerationIsIllegal()
{
    Harness h;
    auto g = formStableGroup(h, "g", {"a", "b"});
    joinNewMember(h, joinRequest("g", "c"));
    h.join(joinRequest("g", "a", g.memberIds[0]));
    h.join(joinRequest("g", "b", g.memberIds[1]));
    QCOMPARE(h.gc->describe("g")->generation, 2);

    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, g.memberIds[1])).errorCode, ErrorCode::IllegalGeneration);
    auto s = h.sync(syncRequest("g", 1, g.memberIds[1]));
    QCOMPARE(s->value.errorCode, ErrorCode::IllegalGeneration);
    OffsetCommitRequest c;
    c.groupId = "g";
    c.generationId = 1;
    c.memberId = g.memberIds[1];
    c.partitions = {{"t", 0, 5, -1, ""}};
    QCOMPARE(h.gc->commitOffsets(c).partitions.at(0).errorCode, ErrorCode::IllegalGeneration);
    // Unknown member beats generation.
    c.memberId = "nobody";
    QCOMPARE(h.gc->commitOffsets(c).partitions.at(0).errorCode, ErrorCode::UnknownMemberId);
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 2, "nobody")).errorCode, ErrorCode::UnknownMemberId);
    QCOMPARE(h.sync(syncRequest("g", 2, "nobody"))->value.errorCode, ErrorCode::UnknownMemberId);
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("none", 2, "x")).errorCode, ErrorCode::UnknownMemberId);
}

void TestGroupCoordinator::leaveTriggersRebalance()
{
    Harness h;
    auto g = formStableGroup(h, "g", {"a", "b", "c"});
    LeaveGroupRequest leave{"g", {{g.memberIds[1], std::nullopt, "shutting down"}}};
    const auto resp = h.gc->leaveGroup(leave);
    QCOMPARE(resp.errorCode, ErrorCode::None);
    QCOMPARE(resp.members.size(), size_t(1));
    QCOMPARE(resp.members[0].errorCode, ErrorCode::None);
    QCOMPARE(stateOf(h, "g"), QString("PreparingRebalance"));
    const auto left = h.eventsOf(GroupEventKind::MemberLeft);
    QCOMPARE(left.size(), size_t(1));
    QCOMPARE(left[0].memberId, g.memberIds[1]);
    QVERIFY(left[0].reason.find("shutting down") != std::string::npos);

    auto ja = h.join(joinRequest("g", "a", g.memberIds[0]));
    QVERIFY(!ja->done());
    // c leaves too while the group prepares: a is then everyone, and the join completes.
    h.gc->leaveGroup({"g", {{g.memberIds[2], std::nullopt, ""}}});
    QCOMPARE(ja->value.generationId, 2);
    QCOMPARE(ja->value.leader, g.memberIds[0]);
    QCOMPARE(ja->value.members.size(), size_t(1));
    // The last member leaving empties the group after the next rebalance.
    h.sync(syncRequest("g", 2, g.memberIds[0], {{g.memberIds[0], bytes("all")}}));
    h.gc->leaveGroup({"g", {{g.memberIds[0], std::nullopt, ""}}});
    QCOMPARE(stateOf(h, "g"), QString("Empty"));
    QCOMPARE(h.gc->describe("g")->generation, 3);
    QCOMPARE(h.eventsOf(GroupEventKind::GroupEmptied).size(), size_t(1));
}

void TestGroupCoordinator::leaveByInstanceIdAndUnknownMembers()
{
    Harness h;
    auto req = joinRequest("g", "app", "");
    req.groupInstanceId.emplace("instance-1");
    auto j = h.join(req); // static members never get MEMBER_ID_REQUIRED
    h.timers.advance(0);
    QCOMPARE(j->value.errorCode, ErrorCode::None);
    QVERIFY(j->value.memberId.rfind("instance-1-", 0) == 0);
    const auto resp = h.gc->leaveGroup({"g", {{"", std::string("instance-1"), ""},
                                              {"", std::string("instance-2"), ""},
                                              {"ghost", std::nullopt, ""}}});
    QCOMPARE(resp.members.size(), size_t(3));
    QCOMPARE(resp.members[0].errorCode, ErrorCode::None);
    QCOMPARE(resp.members[1].errorCode, ErrorCode::UnknownMemberId);
    QCOMPARE(resp.members[2].errorCode, ErrorCode::UnknownMemberId);
    QVERIFY(h.gc->describe("g")->members.empty());
    const auto none = h.gc->leaveGroup({"missing", {{"m", std::nullopt, ""}}});
    QCOMPARE(none.errorCode, ErrorCode::None);
    QCOMPARE(none.members.at(0).errorCode, ErrorCode::UnknownMemberId);
}

void TestGroupCoordinator::rebalanceTimeoutRemovesMembersThatDidNotRejoin()
{
    Harness h;
    auto g = formStableGroup(h, "g", {"a", "b"});
    auto c = joinNewMember(h, joinRequest("g", "c"));
    auto ja = h.join(joinRequest("g", "a", g.memberIds[0]));
    // b never rejoins (its session is kept alive by heartbeats, but it is stuck in poll()).
    for (int t = 0; t < 9; ++t) {
        h.timers.advance(3000);
        QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, g.memberIds[1])).errorCode, ErrorCode::RebalanceInProgress);
    }
    QVERIFY(!ja->done());
    h.timers.advance(3000); // t = 30000: the rebalance timeout
    QCOMPARE(ja->value.generationId, 2);
    QCOMPARE(c->value.generationId, 2);
    QCOMPARE(h.gc->describe("g")->members.size(), size_t(2));
    const auto timedOut = h.eventsOf(GroupEventKind::MemberTimedOut);
    QCOMPARE(timedOut.size(), size_t(1));
    QCOMPARE(timedOut[0].memberId, g.memberIds[1]);
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, g.memberIds[1])).errorCode, ErrorCode::UnknownMemberId);
}

void TestGroupCoordinator::leaderThatNeverSyncsIsRemoved()
{
    Harness h;
    auto a = joinNewMember(h, joinRequest("g", "a"));
    auto b = joinNewMember(h, joinRequest("g", "b"));
    h.timers.advance(0);
    const std::string leader = a->value.leader;
    const std::string follower = a->value.memberId == leader ? b->value.memberId : a->value.memberId;
    auto waiting = h.sync(syncRequest("g", 1, follower));
    // The leader keeps heartbeating (allowed while CompletingRebalance) but never assigns.
    for (int t = 0; t < 9; ++t) {
        h.timers.advance(3000);
        QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, leader)).errorCode, ErrorCode::None);
    }
    QVERIFY(!waiting->done());
    h.timers.advance(3000); // the rebalance timeout after the join phase
    QCOMPARE(waiting->count, 1);
    QCOMPARE(waiting->value.errorCode, ErrorCode::RebalanceInProgress);
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, leader)).errorCode, ErrorCode::UnknownMemberId);
    const auto left = h.eventsOf(GroupEventKind::MemberLeft);
    QCOMPARE(left.size(), size_t(1));
    QCOMPARE(left[0].reason, fmt::format("removing member {} on pending sync request expiration", leader));
    auto rejoin = h.join(joinRequest("g", "x", follower));
    QCOMPARE(rejoin->value.generationId, 2);
    QCOMPARE(rejoin->value.leader, follower);
}

void TestGroupCoordinator::staticMemberRestartKeepsGeneration()
{
    Harness h;
    std::vector<std::shared_ptr<Reply<JoinGroupResponse>>> joins;
    for (const char *inst : {"a", "b"}) {
        auto r = joinRequest("g", fmt::format("client-{}", inst));
        r.groupInstanceId = inst;
        joins.push_back(h.join(r));
    }
    h.timers.advance(0);
    const std::string leader = joins[0]->value.leader;
    const std::string oldB = joins[1]->value.memberId;
    h.sync(syncRequest("g", 1, joins[0]->value.memberId,
                       {{joins[0]->value.memberId, bytes("pa")}, {oldB, bytes("pb")}}));
    QCOMPARE(stateOf(h, "g"), QString("Stable"));
    const size_t rebalancesBefore = h.eventsOf(GroupEventKind::RebalanceStarted).size();

    // b restarts within its session timeout: new member id, same instance id.
    h.timers.advance(5000);
    auto r = joinRequest("g", "client-b");
    r.groupInstanceId.emplace("b");
    auto rejoin = h.join(r);
    QCOMPARE(rejoin->count, 1); // answered at once, no rebalance
    QCOMPARE(rejoin->value.errorCode, ErrorCode::None);
    QCOMPARE(rejoin->value.generationId, 1);
    QVERIFY(rejoin->value.memberId != oldB);
    QVERIFY(rejoin->value.memberId.rfind("b-", 0) == 0);
    QCOMPARE(rejoin->value.leader, leader);
    QVERIFY(rejoin->value.members.empty());
    QCOMPARE(stateOf(h, "g"), QString("Stable"));
    QCOMPARE(h.eventsOf(GroupEventKind::RebalanceStarted).size(), rebalancesBefore);
    QCOMPARE(h.eventsOf(GroupEventKind::MemberFenced).size(), size_t(1));

    // The old id is fenced; the new one syncs its previous assignment back.
    HeartbeatRequest old{"g", 1, oldB, std::string("b")};
    QCOMPARE(h.gc->heartbeat(old).errorCode, ErrorCode::FencedInstanceId);
    auto s = h.sync(syncRequest("g", 1, rejoin->value.memberId));
    QCOMPARE(s->value.errorCode, ErrorCode::None);
    QCOMPARE(s->value.assignment, bytes("pb"));
    // A join with the old id is fenced as well.
    auto stale = joinRequest("g", "client-b", oldB);
    stale.groupInstanceId.emplace("b");
    QCOMPARE(h.join(stale)->value.errorCode, ErrorCode::FencedInstanceId);

    // After the session timeout passes with no heartbeat, the static member is gone and its
    // return means a real rebalance.
    const std::string a = joins[0]->value.memberId;
    h.timers.advance(4000); // t = 9000
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, a)).errorCode, ErrorCode::None);
    h.timers.advance(4000); // t = 13000
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, a)).errorCode, ErrorCode::None);
    QCOMPARE(h.eventsOf(GroupEventKind::RebalanceStarted).size(), rebalancesBefore);
    h.timers.advance(2000); // t = 15000: 10 s after b's restart
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, a)).errorCode, ErrorCode::RebalanceInProgress);
    const auto timedOut = h.eventsOf(GroupEventKind::MemberTimedOut);
    QCOMPARE(timedOut.size(), size_t(1));
    QCOMPARE(timedOut[0].memberId, rejoin->value.memberId);
    QCOMPARE(h.eventsOf(GroupEventKind::RebalanceStarted).size(), rebalancesBefore + 1);
}

void TestGroupCoordinator::staticMemberFencedOnSyncAndCommit()
{
    Harness h;
    auto r = joinRequest("g", "c");
    r.groupInstanceId.emplace("i");
    auto first = h.join(r);
    h.timers.advance(0);
    const std::string oldId = first->value.memberId;
    h.sync(syncRequest("g", 1, oldId, {{oldId, bytes("p")}}));
    auto second = h.join(r);
    QCOMPARE(second->value.errorCode, ErrorCode::None);
    SyncGroupRequest s = syncRequest("g", 1, oldId);
    s.groupInstanceId.emplace("i");
    QCOMPARE(h.sync(s)->value.errorCode, ErrorCode::FencedInstanceId);
    OffsetCommitRequest c;
    c.groupId = "g";
    c.generationId = 1;
    c.memberId = oldId;
    c.groupInstanceId.emplace("i");
    c.partitions = {{"t", 0, 1, -1, ""}};
    QCOMPARE(h.gc->commitOffsets(c).partitions.at(0).errorCode, ErrorCode::FencedInstanceId);
}

void TestGroupCoordinator::staticLeaderRejoinSkipsAssignment_data()
{
    QTest::addColumn<int>("version");
    QTest::newRow("JoinGroup v9 (KIP-814)") << 9;
    QTest::newRow("JoinGroup v8") << 8;
}

// The static leader restarts while the group is Stable. Kafka 4.x answers JoinGroup v9+ with
// the current leader (its new member id), the members, and skip_assignment=true; v8 and older
// get the old leader id and no members, so the restarted leader acts as a follower.
void TestGroupCoordinator::staticLeaderRejoinSkipsAssignment()
{
    QFETCH(int, version);
    Harness h;
    std::vector<std::shared_ptr<Reply<JoinGroupResponse>>> joins;
    for (const char *inst : {"a", "b"}) {
        auto r = joinRequest("g", fmt::format("client-{}", inst));
        r.groupInstanceId = inst;
        joins.push_back(h.join(r));
    }
    h.timers.advance(0);
    const std::string oldLeader = joins[0]->value.leader;
    QCOMPARE(oldLeader, joins[0]->value.memberId); // "a" joined first
    const std::string b = joins[1]->value.memberId;
    h.sync(syncRequest("g", 1, oldLeader, {{oldLeader, bytes("pa")}, {b, bytes("pb")}}));
    QCOMPARE(stateOf(h, "g"), QString("Stable"));
    const size_t rebalancesBefore = h.eventsOf(GroupEventKind::RebalanceStarted).size();

    h.timers.advance(2000);
    auto r = joinRequest("g", "client-a", "", {{"range", bytes("sub-a-restarted")}});
    r.groupInstanceId.emplace("a");
    r.apiVersion = static_cast<int16_t>(version);
    auto rejoin = h.join(r);
    QCOMPARE(rejoin->count, 1);
    const JoinGroupResponse &resp = rejoin->value;
    QCOMPARE(resp.errorCode, ErrorCode::None);
    QCOMPARE(resp.generationId, 1);
    QVERIFY(resp.memberId != oldLeader);
    QCOMPARE(h.eventsOf(GroupEventKind::RebalanceStarted).size(), rebalancesBefore);
    const auto described = h.gc->describe("g");
    QVERIFY(described);
    if (version >= 9) {
        QCOMPARE(resp.leader, resp.memberId); // the current leader: itself, under its new id
        QVERIFY(resp.skipAssignment);
        QCOMPARE(resp.members.size(), size_t(2));
        std::map<std::string, std::vector<uint8_t>> members;
        for (const auto &m : resp.members)
            members[m.memberId] = m.metadata;
        QCOMPARE(members.at(resp.memberId), bytes("sub-a-restarted"));
        QCOMPARE(members.at(b), bytes("sub-client-b"));
    } else {
        QCOMPARE(resp.leader, oldLeader); // pre-KIP-814: the id it had before the restart
        QVERIFY(!resp.skipAssignment);
        QVERIFY(resp.members.empty());
    }

    // Either way it syncs with no assignments and gets its own back; nothing else changes.
    auto s = h.sync(syncRequest("g", 1, resp.memberId));
    QCOMPARE(s->value.errorCode, ErrorCode::None);
    QCOMPARE(s->value.assignment, bytes("pa"));
    auto sb = h.sync(syncRequest("g", 1, b));
    QCOMPARE(sb->value.assignment, bytes("pb"));
    QCOMPARE(stateOf(h, "g"), QString("Stable"));

    // A non-leader static member that restarts is never told to skip (it has nothing to assign).
    auto rb = joinRequest("g", "client-b");
    rb.groupInstanceId.emplace("b");
    rb.apiVersion = static_cast<int16_t>(version);
    auto rejoinB = h.join(rb);
    QCOMPARE(rejoinB->value.errorCode, ErrorCode::None);
    QVERIFY(!rejoinB->value.skipAssignment);
    QVERIFY(rejoinB->value.members.empty());
    QCOMPARE(rejoinB->value.leader, resp.memberId); // the leader id before b's own replacement
}

void TestGroupCoordinator::invalidSessionTimeout_data()
{
    QTest::addColumn<int>("minMs");
    QTest::addColumn<int>("sessionMs");
    QTest::addColumn<bool>("valid");
    QTest::newRow("below default min") << 6000 << 5999 << false;
    QTest::newRow("default min") << 6000 << 6000 << true;
    QTest::newRow("default max") << 6000 << 1800000 << true;
    QTest::newRow("above default max") << 6000 << 1800001 << false;
    QTest::newRow("configured lower min") << 1000 << 5999 << true;
    QTest::newRow("below configured min") << 1000 << 999 << false;
}

void TestGroupCoordinator::invalidSessionTimeout()
{
    QFETCH(int, minMs);
    QFETCH(int, sessionMs);
    QFETCH(bool, valid);
    GroupCoordinatorConfig cfg = Harness::quickConfig();
    cfg.groupMinSessionTimeoutMs = minMs;
    Harness h(cfg);
    auto req = joinRequest("g", "c");
    req.sessionTimeoutMs = sessionMs;
    auto j = h.join(req);
    QCOMPARE(j->value.errorCode, valid ? ErrorCode::MemberIdRequired : ErrorCode::InvalidSessionTimeout);
    if (!valid)
        QVERIFY(!h.gc->describe("g")); // nothing was created
}

void TestGroupCoordinator::inconsistentProtocols()
{
    Harness h;
    formStableGroup(h, "g", {"a"});
    auto wrongName = joinRequest("g", "b", "", {{"roundrobin", bytes("x")}});
    QCOMPARE(h.join(wrongName)->value.errorCode, ErrorCode::InconsistentGroupProtocol);
    auto wrongType = joinRequest("g", "b");
    wrongType.protocolType = "connect";
    QCOMPARE(h.join(wrongType)->value.errorCode, ErrorCode::InconsistentGroupProtocol);
    auto none = joinRequest("fresh", "b");
    none.protocols.clear();
    QCOMPARE(h.join(none)->value.errorCode, ErrorCode::InconsistentGroupProtocol);
    auto noType = joinRequest("fresh", "b");
    noType.protocolType.clear();
    QCOMPARE(h.join(noType)->value.errorCode, ErrorCode::InconsistentGroupProtocol);
    // One shared protocol is enough.
    auto both = joinRequest("g", "b", "", {{"roundrobin", bytes("x")}, {"range", bytes("y")}});
    QCOMPARE(h.join(both)->value.errorCode, ErrorCode::MemberIdRequired);
    // Sync with a mismatching protocol name (v5+) is refused.
    auto snap = h.gc->describe("g");
    SyncGroupRequest s = syncRequest("g", snap->generation, snap->members[0].memberId);
    s.protocolName = "sticky";
    QCOMPARE(h.sync(s)->value.errorCode, ErrorCode::InconsistentGroupProtocol);
    QCOMPARE(h.join(joinRequest("", "c"))->value.errorCode, ErrorCode::InvalidGroupId);
}

void TestGroupCoordinator::protocolChosenByVote()
{
    Harness h;
    auto a = joinNewMember(h, joinRequest("g", "a", "", {{"range", {}}, {"roundrobin", {}}}));
    auto b = joinNewMember(h, joinRequest("g", "b", "", {{"roundrobin", {}}, {"range", {}}}));
    auto c = joinNewMember(h, joinRequest("g", "c", "", {{"roundrobin", {}}, {"sticky", {}}, {"range", {}}}));
    h.timers.advance(0);
    QCOMPARE(a->value.protocolName, std::string("roundrobin"));
    QCOMPARE(c->value.protocolName, std::string("roundrobin"));
    QCOMPARE(b->value.generationId, 1);
}

void TestGroupCoordinator::followerResyncWhileCompleting()
{
    Harness h;
    auto a = joinNewMember(h, joinRequest("g", "a"));
    auto b = joinNewMember(h, joinRequest("g", "b"));
    h.timers.advance(0);
    const auto &follower = a->value.memberId == a->value.leader ? b : a;
    // A follower that lost its JoinGroup answer gets the same generation again, no rebalance.
    auto again = h.join(joinRequest("g", follower == a ? "a" : "b", follower->value.memberId));
    QCOMPARE(again->value.generationId, 1);
    QCOMPARE(stateOf(h, "g"), QString("CompletingRebalance"));
    // With changed metadata it is a new rebalance, and the pending sync learns of it.
    const std::string fid = follower->value.memberId;
    auto pendingSync = h.sync(syncRequest("g", 1, fid));
    QVERIFY(!pendingSync->done());
    h.join(joinRequest("g", "x", fid, {{"range", bytes("changed")}}));
    QCOMPARE(pendingSync->value.errorCode, ErrorCode::RebalanceInProgress);
    QCOMPARE(stateOf(h, "g"), QString("PreparingRebalance"));
}

void TestGroupCoordinator::callbacksMayReenter()
{
    // Simulated consumers answer from inside their callbacks: join -> sync at once.
    Harness h;
    std::map<std::string, std::vector<uint8_t>> got;
    std::function<void(const JoinGroupResponse &)> onJoin;
    onJoin = [&](const JoinGroupResponse &r) {
        if (r.errorCode == ErrorCode::MemberIdRequired) {
            auto req = joinRequest("g", r.memberId.substr(0, 2), r.memberId);
            h.gc->joinGroup(req, onJoin);
            return;
        }
        QCOMPARE(r.errorCode, ErrorCode::None);
        std::vector<SyncGroupAssignment> as;
        for (const auto &m : r.members)
            as.push_back({m.memberId, bytes(fmt::format("p-{}", m.memberId))});
        h.gc->syncGroup(syncRequest("g", r.generationId, r.memberId, as),
                        [&got, id = r.memberId](const SyncGroupResponse &s) { got[id] = s.assignment; });
    };
    for (const char *c : {"c1", "c2", "c3"})
        h.gc->joinGroup(joinRequest("g", c), onJoin);
    h.timers.advance(0);
    QCOMPARE(got.size(), size_t(3));
    for (const auto &[id, a] : got)
        QCOMPARE(a, bytes(fmt::format("p-{}", id)));
    QCOMPARE(stateOf(h, "g"), QString("Stable"));
}

void TestGroupCoordinator::inactiveCoordinator()
{
    Harness h;
    auto a = joinNewMember(h, joinRequest("g", "a"));
    auto b = joinNewMember(h, joinRequest("g", "b"));
    h.timers.advance(0);
    auto pending = h.sync(syncRequest("g", 1, a->value.memberId == a->value.leader ? b->value.memberId
                                                                                   : a->value.memberId));
    QVERIFY(!pending->done());
    h.gc->setActive(false);
    QCOMPARE(pending->value.errorCode, ErrorCode::NotCoordinator);
    QCOMPARE(h.join(joinRequest("g", "c"))->value.errorCode, ErrorCode::CoordinatorNotAvailable);
    QCOMPARE(h.gc->heartbeat(heartbeatRequest("g", 1, a->value.memberId)).errorCode,
             ErrorCode::CoordinatorNotAvailable);
    QCOMPARE(h.gc->listGroups().errorCode, ErrorCode::CoordinatorNotAvailable);
    QCOMPARE(h.timers.pendingTimers(), size_t(0));
}

namespace {

std::vector<std::string> runScenario(uint64_t seed)
{
    Harness h(Harness::quickConfig(), seed);
    auto g = formStableGroup(h, "g", {"a", "b", "c"});
    h.timers.advance(4000);
    h.gc->heartbeat(heartbeatRequest("g", g.generation, g.memberIds[0]));
    h.gc->heartbeat(heartbeatRequest("g", g.generation, g.memberIds[1]));
    h.gc->leaveGroup({"g", {{g.memberIds[1], std::nullopt, "bye"}}});
    h.join(joinRequest("g", "a", g.memberIds[0]));
    h.timers.advance(40000);
    std::vector<std::string> out;
    for (const auto &e : h.events)
        out.push_back(e.toString());
    return out;
}

} // namespace

void TestGroupCoordinator::deterministicForSeed()
{
    const auto first = runScenario(42);
    const auto second = runScenario(42);
    QVERIFY(first.size() > 6);
    QCOMPARE(first, second);
    const auto other = runScenario(43);
    QCOMPARE(other.size(), first.size());
    QVERIFY(other != first); // member ids come from the generator
}

QTEST_APPLESS_MAIN(TestGroupCoordinator)
#include "test_group_coordinator.moc"
