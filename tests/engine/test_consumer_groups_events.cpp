// Consumer groups in the cluster, what the timeline says about them (ManualClock):
//  - static membership (KIP-345): a static consumer that crashes and restarts within
//    session.timeout.ms rejoins under the same group.instance.id and gets its partitions back
//    without a rebalance (same generation); a dynamic one joins as a new member and the group
//    rebalances;
//  - LagSampled: one per group every lagSampleIntervalMs, total lag = the per-partition lags in
//    its detail;
//  - OrderingViolation: a crash + rebalance re-delivers uncommitted records; the duplicates are
//    reported aggregated (one event when they start, then at most one summary per
//    orderingSummaryIntervalMs per group, producer and kind) and their counts add up to the
//    checker's; per-key violations stay 0.
#include "consumer_group_fixture.h"

#include <set>
#include <sstream>

using namespace kl;
using kl::testing::GroupFixture;

namespace {

// "t-0=12 t-1=0" -> {"t-0": 12, "t-1": 0}
std::map<std::string, int64_t> parsePartitionLags(const std::string &detail)
{
    std::map<std::string, int64_t> out;
    std::istringstream in(detail);
    std::string item;
    while (in >> item) {
        const auto eq = item.rfind('=');
        if (eq == std::string::npos)
            return {};
        out[item.substr(0, eq)] = std::stoll(item.substr(eq + 1));
    }
    return out;
}

} // namespace

class TestConsumerGroupsEvents : public QObject {
    Q_OBJECT

private slots:
    void restartWithinSessionTimeout_data();
    void restartWithinSessionTimeout();
    void lagSampledEveryInterval();
    void crashRebalanceReportsDuplicatesAggregated();
};

void TestConsumerGroupsEvents::restartWithinSessionTimeout_data()
{
    QTest::addColumn<bool>("staticMembership");
    QTest::newRow("static: same generation, same partitions") << true;
    QTest::newRow("dynamic: a new member, a rebalance") << false;
}

void TestConsumerGroupsEvents::restartWithinSessionTimeout()
{
    QFETCH(bool, staticMembership);
    GroupFixture f;
    QVERIFY(f.createTopic("t", 6).isOk());
    f.produceEach("t", 6, 20);
    ConsumerGroupSpec spec = GroupFixture::spec("g", "t", 3);
    spec.staticMembership = staticMembership;
    auto ids = f.core->startConsumerGroup(spec);
    QVERIFY2(ids, ids.status().toString().c_str());
    QVERIFY(f.waitStable("g", 3));

    const GroupSnapshot before = f.group("g");
    const auto *m2 = GroupFixture::member(before, "consumer-2");
    QVERIFY(m2);
    const std::vector<int32_t> partitions = GroupFixture::partitionsOf(*m2);
    QVERIFY(!partitions.empty());
    const std::string oldMemberId = m2->memberId;
    if (staticMembership)
        QCOMPARE(m2->groupInstanceId, std::string("g-consumer-2"));
    else
        QVERIFY(m2->groupInstanceId.empty());

    f.advance(100); // events from here on are about the restart
    const int64_t crashMs = f.clock.nowMs();
    QVERIFY(f.core->consumerAction("g", "consumer-2", ConsumerAction::Crash).isOk());
    f.advance(spec.sessionTimeoutMs / 3); // well within session.timeout.ms
    QVERIFY(f.core->consumerAction("g", "consumer-2", ConsumerAction::Resume).isOk());
    f.advance(2000);
    QVERIFY(f.waitStable("g", 3));

    const GroupSnapshot after = f.group("g");
    const auto *back = GroupFixture::member(after, "consumer-2");
    QVERIFY(back);
    QVERIFY(back->memberId != oldMemberId); // a restarted process always gets a new member id
    QCOMPARE(back->groupInstanceId, m2->groupInstanceId);
    const auto rebalances = f.eventsOf(EventType::RebalanceStarted, "g", crashMs);
    if (staticMembership) {
        QCOMPARE(after.generation, before.generation);
        QCOMPARE(GroupFixture::partitionsOf(*back), partitions);
        QVERIFY(rebalances.empty());
        QVERIFY(f.eventsOf(EventType::RebalanceCompleted, "g", crashMs).empty());
        // Past the crashed process's old session deadline: its replaced member id does not expire.
        f.advance(spec.sessionTimeoutMs);
        QCOMPARE(f.group("g").generation, before.generation);
        QVERIFY(f.eventsOf(EventType::MemberTimedOut, "g", crashMs).empty());
    } else {
        QVERIFY2(after.generation > before.generation,
            fmt::format("generation {} -> {}", before.generation, after.generation).c_str());
        QVERIFY(!rebalances.empty());
    }
}

void TestConsumerGroupsEvents::lagSampledEveryInterval()
{
    GroupFixture f; // lagSampleIntervalMs = 500
    QVERIFY(f.createTopic("t", 3).isOk());
    f.produceEach("t", 3, 30);
    auto ids = f.core->startConsumerGroup(GroupFixture::spec("g", "t", 1));
    QVERIFY(ids);
    f.advance(10000);

    const auto samples = f.eventsOf(EventType::LagSampled, "g");
    QVERIFY(samples.size() >= 19);
    for (size_t i = 1; i < samples.size(); ++i)
        QCOMPARE(samples[i].timeMs - samples[i - 1].timeMs, int64_t(500));
    for (const Event &e : samples) {
        const auto lags = parsePartitionLags(e.detail);
        QCOMPARE(lags.size(), size_t(3));
        QVERIFY2(lags.count("t-0") && lags.count("t-1") && lags.count("t-2"), e.detail.c_str());
        int64_t sum = 0;
        for (const auto &[label, lag] : lags)
            sum += lag;
        QCOMPARE(e.lag, sum);
    }
    // Before the first join completes (1 s initial delay) everything is lag; at the end nothing.
    QCOMPARE(samples.front().lag, int64_t(90));
    QCOMPARE(samples.back().lag, int64_t(0));
    QCOMPARE(samples.back().lag, f.group("g").totalLag);
    const std::string json = eventToJson(samples.front());
    QVERIFY2(json.find("\"type\":\"lag_sampled\"") != std::string::npos, json.c_str());
    QVERIFY2(json.find("\"lag\":90") != std::string::npos, json.c_str());
}

void TestConsumerGroupsEvents::crashRebalanceReportsDuplicatesAggregated()
{
    GroupFixture f;
    QVERIFY(f.createTopic("t", 6).isOk());
    ConsumerGroupSpec spec = GroupFixture::spec("g", "t", 3);
    spec.autoCommitIntervalMs = 5000; // Kafka's default: plenty processed but not yet committed
    auto ids = f.core->startConsumerGroup(spec);
    QVERIFY(ids);
    // A steady stream: 5 records per partition every 100 ms of engine time.
    const auto run = [&f](int64_t ms) {
        for (int64_t t = 0; t < ms; t += 100) {
            f.produceEach("t", 6, 5);
            f.advance(100);
        }
    };
    run(6000);
    QVERIFY(f.waitStable("g", 3));
    run(2500);
    QVERIFY(f.core->consumerAction("g", "consumer-2", ConsumerAction::Crash).isOk());
    run(spec.sessionTimeoutMs + 3000);
    f.advance(40000); // drain, and let a sample after the summary interval flush what is pending
    QVERIFY(f.waitStable("g", 2));

    const GroupSnapshot g = f.group("g");
    QVERIFY2(g.ordering.duplicates > 0, "the crashed consumer's uncommitted records must be re-delivered");
    QCOMPARE(g.ordering.perKeyViolations, int64_t(0));
    QCOMPARE(g.ordering.gaps, int64_t(0));
    QCOMPARE(g.totalLag, int64_t(0));

    const auto findings = f.eventsOf(EventType::OrderingViolation, "g");
    int64_t duplicates = 0;
    std::set<std::pair<int64_t, std::string>> perSample; // (time, kind): at most one each
    int64_t lastMs = -1;
    for (const Event &e : findings) {
        QVERIFY2(e.kind == "duplicate", e.detail.c_str()); // no per-key violations, no gaps
        QVERIFY(e.count >= 1);
        QVERIFY(!e.key.empty());
        QVERIFY(e.sequence >= 0);
        QCOMPARE(e.topic, std::string("t"));
        QVERIFY(e.partition >= 0 && e.partition < 6);
        QVERIFY(e.offset >= 0);
        QVERIFY2(perSample.insert({ e.timeMs, e.kind }).second, e.detail.c_str());
        QCOMPARE(e.producerId, int64_t(0)); // the fixture stamps as producer 0
        if (lastMs >= 0)
            QVERIFY(e.timeMs - lastMs >= f.options.orderingSummaryIntervalMs);
        lastMs = e.timeMs;
        duplicates += e.count;
        QCOMPARE(e.total, duplicates);
    }
    QCOMPARE(duplicates, g.ordering.duplicates);
    // A burst of re-deliveries is a few lines, not one per record.
    QVERIFY2(int64_t(findings.size()) < duplicates,
        fmt::format("{} events for {} duplicates", findings.size(), duplicates).c_str());
    const std::string json = eventToJson(findings.front());
    QVERIFY2(json.find("\"type\":\"ordering_violation\"") != std::string::npos, json.c_str());
    QVERIFY2(json.find("\"kind\":\"duplicate\"") != std::string::npos, json.c_str());
    QVERIFY2(json.find("\"count\":") != std::string::npos, json.c_str());
}

QTEST_APPLESS_MAIN(TestConsumerGroupsEvents)
#include "test_consumer_groups_events.moc"
