// The ordering checker in the cluster, per producer run (ManualClock):
//  - two auto-producer runs on one topic (each numbering its keys from #0), then a new group
//    reads everything: zero duplicates, each run counted under its own producer id — also
//    across an engine restart on the same data (ids are never reused);
//  - a real re-delivery (a consumer crashes before committing) counts duplicates for the
//    producer whose records were read again, and only for it;
//  - resetOrdering clears the group's counts, producers and findings; counting restarts at 0;
//  - OrderingViolation events are aggregated per (group, producer, kind): with two producers
//    whose records keep being skipped (retention deletes them before the slow group reads
//    them: a gap finding every second) the event list gets one event when findings start and
//    then at most one summary per orderingSummaryIntervalMs, whose counts add up.
#include "consumer_group_fixture.h"

#include <map>

using namespace kl;
using kl::testing::GroupFixture;

namespace {

AutoProducerSpec producer(const std::string &topic, double rate, int64_t count)
{
    AutoProducerSpec s;
    s.topic = topic;
    s.ratePerSec = rate;
    s.count = count;
    s.keyCount = 48; // every partition gets keys
    s.valueSize = 60;
    return s;
}

// Runs one auto producer to its count.
uint64_t runToEnd(GroupFixture &f, const AutoProducerSpec &spec)
{
    const auto id = f.core->startAutoProducer(spec);
    if (!id)
        qFatal("start failed: %s", id.status().toString().c_str());
    f.advance(static_cast<int64_t>(1000.0 * static_cast<double>(spec.count) / spec.ratePerSec) + 1000);
    return *id;
}

const OrderingProducerSnapshot *producerIn(const OrderingSnapshot &o, uint64_t id)
{
    for (const auto &p : o.producers)
        if (p.producerId == static_cast<int64_t>(id))
            return &p;
    return nullptr;
}

} // namespace

class TestOrderingProducers : public QObject {
    Q_OBJECT
private slots:
    void twoRunsThenNewGroupFindNoDuplicates();
    void restartDoesNotReuseProducerIds();
    void crashWithoutCommitCountsDuplicatesForThatProducer();
    void resetClearsTheGroupsFindings();
    void findingEventsAggregatedPerProducer();
};

void TestOrderingProducers::twoRunsThenNewGroupFindNoDuplicates()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 3).isOk());
    const uint64_t a = runToEnd(f, producer("orders", 200, 400));
    const uint64_t b = runToEnd(f, producer("orders", 200, 400));
    QVERIFY(a != b);

    ConsumerGroupSpec spec = GroupFixture::spec("late", "orders", 2);
    QVERIFY(f.core->startConsumerGroup(spec));
    f.advance(20000);
    const GroupSnapshot g = f.group("late");
    QCOMPARE(g.totalLag, int64_t(0));
    QCOMPARE(g.ordering.checked, int64_t(800));
    QCOMPARE(g.ordering.duplicates, int64_t(0));
    QCOMPARE(g.ordering.perKeyViolations, int64_t(0));
    QCOMPARE(g.ordering.gaps, int64_t(0));
    QCOMPARE(g.ordering.producers.size(), size_t(2));
    for (uint64_t id : {a, b}) {
        const OrderingProducerSnapshot *p = producerIn(g.ordering, id);
        QVERIFY(p);
        QCOMPARE(p->topic, std::string("orders"));
        QCOMPARE(p->checked, int64_t(400));
        QCOMPARE(p->duplicates, int64_t(0));
    }
    QVERIFY(f.eventsOf(EventType::OrderingViolation, "late").empty());
}

void TestOrderingProducers::restartDoesNotReuseProducerIds()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 3).isOk());
    const uint64_t a = runToEnd(f, producer("orders", 200, 300));
    f.reopen();
    const uint64_t b = runToEnd(f, producer("orders", 200, 300));
    QVERIFY2(b > a, qPrintable(QString("producer id %1 after a restart, %2 before").arg(b).arg(a)));

    QVERIFY(f.core->startConsumerGroup(GroupFixture::spec("after-restart", "orders", 1)));
    f.advance(20000);
    const GroupSnapshot g = f.group("after-restart");
    QCOMPARE(g.ordering.checked, int64_t(600));
    QCOMPARE(g.ordering.duplicates, int64_t(0));
    QCOMPARE(g.ordering.producers.size(), size_t(2));
}

void TestOrderingProducers::crashWithoutCommitCountsDuplicatesForThatProducer()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 6).isOk());
    const uint64_t earlier = runToEnd(f, producer("orders", 200, 400));
    ConsumerGroupSpec spec = GroupFixture::spec("g", "orders", 3);
    spec.autoCommitIntervalMs = 5000; // plenty processed but not yet committed at the crash
    QVERIFY(f.core->startConsumerGroup(spec));
    QVERIFY(f.waitStable("g", 3));
    f.advance(15000); // the earlier run is read and committed
    QCOMPARE(f.group("g").ordering.duplicates, int64_t(0));

    const auto live = f.core->startAutoProducer(producer("orders", 240, 0));
    QVERIFY(live);
    f.advance(7500); // between two auto-commits
    QVERIFY(f.core->consumerAction("g", "consumer-2", ConsumerAction::Crash).isOk());
    f.advance(spec.sessionTimeoutMs + 5000);
    QVERIFY(f.core->stopAutoProducer(*live).isOk());
    f.advance(20000);
    QVERIFY(f.waitStable("g", 2));

    const GroupSnapshot g = f.group("g");
    QVERIFY2(g.ordering.duplicates > 0, "the crashed consumer's uncommitted records must be read again");
    QCOMPARE(g.ordering.perKeyViolations, int64_t(0));
    QCOMPARE(g.ordering.gaps, int64_t(0));
    const OrderingProducerSnapshot *old = producerIn(g.ordering, earlier);
    const OrderingProducerSnapshot *now = producerIn(g.ordering, *live);
    QVERIFY(old && now);
    QCOMPARE(old->duplicates, int64_t(0));
    QCOMPARE(now->duplicates, g.ordering.duplicates);
    for (const auto &finding : g.ordering.recent) {
        QCOMPARE(finding.kind, OrderingFindingKind::Duplicate);
        QCOMPARE(finding.producerId, static_cast<int64_t>(*live));
    }
    const auto events = f.eventsOf(EventType::OrderingViolation, "g");
    QVERIFY(!events.empty());
    for (const Event &e : events)
        QCOMPARE(e.producerId, static_cast<int64_t>(*live));
}

void TestOrderingProducers::resetClearsTheGroupsFindings()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 3).isOk());
    ConsumerGroupSpec spec = GroupFixture::spec("g", "orders", 3);
    spec.autoCommitIntervalMs = 5000;
    QVERIFY(f.core->startConsumerGroup(spec));
    QVERIFY(f.waitStable("g", 3));
    const auto live = f.core->startAutoProducer(producer("orders", 240, 0));
    QVERIFY(live);
    f.advance(7500); // between two auto-commits
    QVERIFY(f.core->consumerAction("g", "consumer-1", ConsumerAction::Crash).isOk());
    f.advance(spec.sessionTimeoutMs + 5000);
    const GroupSnapshot before = f.group("g");
    QVERIFY(before.ordering.duplicates > 0);
    QVERIFY(!before.ordering.recent.empty());

    QVERIFY(f.core->resetOrdering("g").isOk());
    const GroupSnapshot cleared = f.group("g");
    QCOMPARE(cleared.ordering.checked, int64_t(0));
    QCOMPARE(cleared.ordering.duplicates, int64_t(0));
    QCOMPARE(cleared.ordering.globalInversions, int64_t(0));
    QVERIFY(cleared.ordering.producers.empty());
    QVERIFY(cleared.ordering.recent.empty());
    const size_t eventsAtReset = f.eventsOf(EventType::OrderingViolation, "g").size();

    // Counting goes on from zero; nothing pending from before the reset is reported later.
    f.advance(40000);
    const GroupSnapshot after = f.group("g");
    QVERIFY(after.ordering.checked > 0);
    QCOMPARE(after.ordering.duplicates, int64_t(0));
    QCOMPARE(after.ordering.producers.size(), size_t(1));
    QCOMPARE(f.eventsOf(EventType::OrderingViolation, "g").size(), eventsAtReset);

    QCOMPARE(f.core->resetOrdering("nope").code(), ErrorCode::GroupIdNotFound);
}

void TestOrderingProducers::findingEventsAggregatedPerProducer()
{
    GroupFixture f;
    TopicConfig config;
    config.partitions = 2;
    config.replicationFactor = 1;
    config.log.segmentBytes = 1024;
    config.log.retentionBytes = 2048; // a few segments per partition: the slow group falls behind it
    QVERIFY(f.core->createTopic("orders", config).isOk());
    const auto a = f.core->startAutoProducer(producer("orders", 100, 0));
    const auto b = f.core->startAutoProducer(producer("orders", 100, 0));
    QVERIFY(a && b);
    ConsumerGroupSpec spec = GroupFixture::spec("slow", "orders", 1);
    spec.recordsPerSecPerConsumer = 20;
    QVERIFY(f.core->startConsumerGroup(spec));
    const int64_t start = f.clock.nowMs();
    f.advance(120000);
    QVERIFY(f.core->stopAutoProducer(*a).isOk());
    QVERIFY(f.core->stopAutoProducer(*b).isOk());
    f.advance(60000); // the group catches up; pending findings get their summary

    const GroupSnapshot g = f.group("slow");
    QVERIFY2(g.ordering.gaps > 100, qPrintable(QString("gaps %1").arg(g.ordering.gaps)));
    QCOMPARE(g.ordering.duplicates, int64_t(0));
    const int64_t interval = f.options.orderingSummaryIntervalMs;
    std::map<std::pair<int64_t, std::string>, std::vector<Event>> streams;
    for (const Event &e : f.eventsOf(EventType::OrderingViolation, "slow"))
        streams[{e.producerId, e.kind}].push_back(e);
    QCOMPARE(streams.size(), size_t(2)); // gaps, once per producer
    for (const auto &[id, events] : streams) {
        const OrderingProducerSnapshot *p = producerIn(g.ordering, static_cast<uint64_t>(id.first));
        QVERIFY(p);
        QCOMPARE(id.second, std::string("gap"));
        int64_t sum = 0;
        for (size_t i = 0; i < events.size(); ++i) {
            if (i > 0)
                QVERIFY2(events[i].timeMs - events[i - 1].timeMs >= interval,
                    qPrintable(QString("events %1 ms apart").arg(events[i].timeMs - events[i - 1].timeMs)));
            sum += events[i].count;
            QCOMPARE(events[i].total, sum);
        }
        QCOMPARE(sum, p->gaps);
        // 180 s of findings: the start, then one summary per 30 s at most.
        QVERIFY2(int64_t(events.size()) <= 2 + (f.clock.nowMs() - start) / interval,
            qPrintable(QString("%1 events for %2 gaps").arg(events.size()).arg(p->gaps)));
        QVERIFY(int64_t(events.size()) < p->gaps);
    }
}

QTEST_APPLESS_MAIN(TestOrderingProducers)
#include "test_ordering_producers.moc"
