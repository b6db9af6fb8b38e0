// Consumer groups across rebalances and failures (ManualClock): cooperative-sticky's two rounds
// that revoke only moved partitions, eager revoking everything, committed offsets surviving the
// coordinator broker's crash (replayed from __consumer_offsets), and determinism per seed.
#include "cluster/consumer_offsets.h"
#include "consumer_group_fixture.h"

using namespace kl;
using kl::testing::GroupFixture;

class TestConsumerGroupsFailover : public QObject {
    Q_OBJECT

private slots:
    void cooperativeRevokesOnlyMovedPartitions();
    void eagerRebalanceIsOneRound();
    void committedOffsetsSurviveCoordinatorCrash();
    void sameSeedSameEvents();
};

namespace {

int64_t consumedBy(GroupFixture &f, const std::string &group, const std::string &client)
{
    const GroupSnapshot g = f.group(group); // member() points into it: keep it alive
    const auto *m = GroupFixture::member(g, client);
    return m ? m->consumed : -1;
}

std::vector<std::string> eventLines(GroupFixture &f)
{
    std::vector<std::string> out;
    for (const auto &e : f.events)
        if (e.type != EventType::BrokerStarted) // carries the temporary directory
            out.push_back(eventToJson(e));
    return out;
}

} // namespace

void TestConsumerGroupsFailover::cooperativeRevokesOnlyMovedPartitions()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 6).isOk());
    QVERIFY(f.core->startConsumerGroup(GroupFixture::spec("g1", "orders", 2, "cooperative-sticky")).isOk());
    QVERIFY(f.waitStable("g1", 2));
    AutoProducerSpec producer;
    producer.topic = "orders";
    producer.ratePerSec = 150;
    producer.keyCount = 12;
    QVERIFY(f.core->startAutoProducer(producer).isOk());
    f.advance(4000);
    GroupSnapshot g = f.group("g1");
    const auto owned1 = GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-1"));
    const auto owned2 = GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-2"));
    QCOMPARE(owned1.size() + owned2.size(), size_t(6));
    const int32_t generation = g.generation;

    const int64_t addAt = f.clock.nowMs();
    QVERIFY(f.core->addConsumer("g1").isOk());
    const int64_t consumedAtAdd = consumedBy(f, "g1", "consumer-1") + consumedBy(f, "g1", "consumer-2");
    // Round 1 ends when the others have rejoined (next heartbeat) and the leader withheld the
    // partitions that move. Consumers 1 and 2 keep consuming what they own meanwhile.
    while (f.eventsOf(EventType::RebalanceCompleted, "g1", addAt).empty() && f.clock.nowMs() < addAt + 10000)
        f.advance(100);
    QCOMPARE(f.eventsOf(EventType::RebalanceCompleted, "g1", addAt).size(), size_t(1));
    const int64_t consumedInRound1 = consumedBy(f, "g1", "consumer-1") + consumedBy(f, "g1", "consumer-2");
    QVERIFY2(consumedInRound1 > consumedAtAdd, "the owners stopped consuming during the rebalance");

    QVERIFY(f.waitStable("g1", 3));
    f.advance(3000);
    const auto completed = f.eventsOf(EventType::RebalanceCompleted, "g1", addAt);
    QCOMPARE(completed.size(), size_t(2)); // KIP-429: two rounds
    g = f.group("g1");
    QCOMPARE(g.generation, generation + 2);
    QCOMPARE(g.members.size(), size_t(3));
    for (const auto &m : g.members)
        QCOMPARE(m.assigned.size(), size_t(2));
    // Only the two moved partitions were revoked (round 1) and assigned to consumer-3 (round 2);
    // everything else stayed where it was.
    QVERIFY(g.rebalances.size() >= 3);
    const RebalanceSnapshot &round1 = g.rebalances[g.rebalances.size() - 2];
    const RebalanceSnapshot &round2 = g.rebalances.back();
    QCOMPARE(round1.moved.size(), size_t(2));
    QCOMPARE(round2.moved.size(), size_t(2));
    for (const auto &m : round1.moved)
        QVERIFY2(m.find("-> (none)") != std::string::npos, m.c_str());
    for (const auto &m : round2.moved)
        QVERIFY2(m.find("(none) -> consumer-3") != std::string::npos, m.c_str());
    const auto now1 = GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-1"));
    const auto now2 = GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-2"));
    for (int32_t p : now1)
        QVERIFY(std::find(owned1.begin(), owned1.end(), p) != owned1.end());
    for (int32_t p : now2)
        QVERIFY(std::find(owned2.begin(), owned2.end(), p) != owned2.end());
    QCOMPARE(g.ordering.perKeyViolations, int64_t(0));
    QCOMPARE(g.ordering.gaps, int64_t(0));
}

void TestConsumerGroupsFailover::eagerRebalanceIsOneRound()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 6).isOk());
    QVERIFY(f.core->startConsumerGroup(GroupFixture::spec("g1", "orders", 2, "range")).isOk());
    QVERIFY(f.waitStable("g1", 2));
    const int64_t addAt = f.clock.nowMs();
    QVERIFY(f.core->addConsumer("g1").isOk());
    QVERIFY(f.waitStable("g1", 3));
    f.advance(1000);
    // One round (generation 2, no third): range moves 2..5 around, and the eager protocol revoked
    // all six on the way.
    const auto completed = f.eventsOf(EventType::RebalanceCompleted, "g1", addAt);
    QCOMPARE(completed.back().generation, 2);
    QCOMPARE(std::count_if(completed.begin(), completed.end(), [](const Event &e) { return e.generation == 2; }),
        ptrdiff_t(1));
    const GroupSnapshot g = f.group("g1");
    QCOMPARE(g.generation, 2);
    QCOMPARE(GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-3")), (std::vector<int32_t> { 4, 5 }));
    // Revocation commits were reported by the owners (auto-commit before revoking), when they had
    // positions to commit; the timeline lists only the partitions whose owner changed.
    QVERIFY(!g.rebalances.back().moved.empty());
    QVERIFY(g.rebalances.back().moved.size() < 6);
}

void TestConsumerGroupsFailover::committedOffsetsSurviveCoordinatorCrash()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 4).isOk());
    f.produceEach("orders", 4, 80);
    QVERIFY(f.core->startConsumerGroup(GroupFixture::spec("g1", "orders", 2)).isOk());
    QVERIFY(f.waitStable("g1", 2));
    f.advance(8000);
    GroupSnapshot g = f.group("g1");
    QCOMPARE(g.totalLag, int64_t(0));
    for (const auto &p : g.partitions)
        QCOMPARE(p.committedOffset, int64_t(80));
    QCOMPARE(g.ordering.checked, int64_t(320));

    // g1 lives on __consumer_offsets-2 (3242 % 5); crash the broker leading it.
    const int32_t partition = offsetsPartitionFor("g1", 5);
    QCOMPARE(partition, 2);
    const int32_t coordinator = g.coordinator;
    QCOMPARE(coordinator, f.core->makeSnapshot()->topic("__consumer_offsets")->partitions[2].leader);
    const int64_t crashAt = f.clock.nowMs();
    QVERIFY(f.core->crashBroker(coordinator).isOk());
    // Its coordinator died with it; the group has none until the controller fences the broker
    // (broker.session.timeout.ms, 9 s) and another replica leads __consumer_offsets-2.
    auto events = f.eventsOf(EventType::CoordinatorMoved, "g1", crashAt);
    QCOMPARE(events.size(), size_t(1));
    QCOMPARE(events[0].cause, std::string("leader_down"));
    QCOMPARE(events[0].causeBroker, coordinator);
    QCOMPARE(events[0].broker, -1);
    f.advance(f.options.brokerSessionTimeoutMs);
    events = f.eventsOf(EventType::CoordinatorMoved, "g1", crashAt);
    QCOMPARE(events.size(), size_t(2));
    const std::vector<Event> moved { events[1] };
    QCOMPARE(moved[0].cause, std::string("moved"));
    QCOMPARE(moved[0].timeMs, crashAt + f.options.brokerSessionTimeoutMs);
    QCOMPARE(moved[0].oldLeader, coordinator);
    QVERIFY(moved[0].broker > 0 && moved[0].broker != coordinator);
    QVERIFY(moved[0].detail.find("replayed") != std::string::npos);

    // The new coordinator rebuilt the group and its offsets from the log, before any new commit.
    g = f.group("g1");
    QCOMPARE(g.coordinator, moved[0].broker);
    for (const auto &p : g.partitions)
        QCOMPARE(p.committedOffset, int64_t(80));
    QCOMPARE(g.generation, 1);

    // The consumers rediscover it and carry on from the committed offsets: nothing re-read.
    f.advance(2000);
    f.produceEach("orders", 4, 40);
    f.advance(10000);
    g = f.group("g1");
    QCOMPARE(g.state, std::string("Stable"));
    QCOMPARE(g.coordinator, moved[0].broker);
    QCOMPARE(g.totalLag, int64_t(0));
    for (const auto &p : g.partitions)
        QCOMPARE(p.committedOffset, int64_t(120));
    QCOMPARE(g.ordering.checked, int64_t(480));
    QCOMPARE(g.ordering.duplicates, int64_t(0));
    QCOMPARE(g.ordering.gaps, int64_t(0));

    // The broker comes back; the coordinator only moves again if leadership does.
    QVERIFY(f.core->restartBroker(coordinator).isOk());
    f.advance(5000);
    QCOMPARE(f.group("g1").state, std::string("Stable"));
}

void TestConsumerGroupsFailover::sameSeedSameEvents()
{
    auto run = [](uint64_t seed) {
        GroupFixture f(3, seed);
        if (!f.createTopic("orders", 6).isOk())
            return std::vector<std::string> {};
        AutoProducerSpec producer;
        producer.topic = "orders";
        producer.ratePerSec = 90;
        producer.count = 900;
        (void)f.core->startAutoProducer(producer);
        (void)f.core->startConsumerGroup(GroupFixture::spec("g1", "orders", 3, "cooperative-sticky"));
        f.advance(6000);
        (void)f.core->consumerAction("g1", "consumer-2", ConsumerAction::Crash);
        f.advance(4000);
        (void)f.core->addConsumer("g1");
        f.advance(20000);
        auto lines = eventLines(f);
        const GroupSnapshot g = f.group("g1");
        lines.push_back(fmt::format("gen={} lag={} checked={} dup={}", g.generation, g.totalLag,
            g.ordering.checked, g.ordering.duplicates));
        return lines;
    };
    const auto a = run(7);
    const auto b = run(7);
    QVERIFY(a.size() > 12);
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i)
        QCOMPARE(a[i], b[i]);
    // A different seed gives different member ids.
    const auto c = run(8);
    QVERIFY(a != c);
}

QTEST_APPLESS_MAIN(TestConsumerGroupsFailover)
#include "test_consumer_groups_failover.moc"
