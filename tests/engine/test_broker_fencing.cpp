// Broker fencing as in KRaft: a crashed or isolated broker keeps its leaderships and ISR places
// until broker.session.timeout.ms (9 s by default) has passed without a heartbeat; then the
// controller fences it (BrokerFenced), moves its leaderships and shrinks the ISRs. A crashed
// broker restarted before that registers again after an unclean shutdown (out of every ISR, its
// leaderships move); an isolated one healed in time keeps everything.
#include "api/engine.h"
#include "replication_fixture.h"
#include "scenario/scenario.h"

using namespace kl;
using kl::testing::ClusterFixture;

namespace {

constexpr int64_t kSession = 9000; // Kafka 4.x's broker.session.timeout.ms
constexpr int64_t kKafkaLag = 30000; // Kafka's replica.lag.time.max.ms: no lag shrink in these tests

// A fixture with the default session timeout and the topic "t" pinned to brokers [3, 1, 2].
struct Fenced : ClusterFixture {
    Fenced()
        : ClusterFixture(3, kKafkaLag, 100, 1, kSession)
    {
        TopicConfig config;
        config.partitions = 1;
        config.replicationFactor = 3;
        if (Status s = core->createTopic("t", config, {{3, 1, 2}}); !s)
            qFatal("%s", s.toString().c_str());
        core->produce(request("t", 5, "a", Acks::All));
        advance(500);
    }
    const BrokerSnapshot &broker(int32_t id)
    {
        snapshot = core->makeSnapshot();
        return snapshot->brokers[static_cast<size_t>(id - 1)];
    }
    std::shared_ptr<const ClusterSnapshot> snapshot;
};

} // namespace

class TestBrokerFencing : public QObject {
    Q_OBJECT
private slots:
    void crashedLeaderLeadsUntilFenced();
    void crashedFollowerStaysInIsrUntilFenced();
    void restartBeforeTheFenceReregisters();
    void isolatedLeaderHealedInTimeKeepsLeading();
    void isolatedLeaderIsFencedAfterTheTimeout();
    void isolatedThenCrashedKeepsItsDeadline();
    void zeroTimeoutFencesAtOnce();
    void timeoutIsSettable();
};

void TestBrokerFencing::crashedLeaderLeadsUntilFenced()
{
    Fenced f;
    QCOMPARE(f.partition("t").leader, 3);
    const int32_t epoch = f.partition("t").leaderEpoch;
    const uint64_t before = f.lastSeq();
    const int64_t crashedAt = f.clock.nowMs();
    QVERIFY(f.core->crashBroker(3));

    // The controller has not noticed: broker 3 still leads, the ISR is whole.
    auto p = f.partition("t");
    QCOMPARE(p.leader, 3);
    QCOMPARE(p.leaderEpoch, epoch);
    QCOMPARE(p.isr, (std::vector<int32_t> {3, 1, 2}));
    QCOMPARE(f.broker(3).fenced, false);
    QCOMPARE(f.broker(3).fenceAtMs, crashedAt + kSession);
    QCOMPARE(f.snapshot->brokerSessionTimeoutMs, kSession);
    QVERIFY(f.events(EventType::LeaderElected, before).empty());
    // Its partition is unavailable: the leader cannot be reached.
    const ProduceResult refused = f.core->produce(ClusterFixture::request("t", 1, "b", Acks::Leader));
    QCOMPARE(refused.status.code(), ErrorCode::NetworkException);

    f.advance(kSession - 1);
    QCOMPARE(f.partition("t").leader, 3);
    QVERIFY(f.events(EventType::BrokerFenced, before).empty());

    f.advance(1);
    p = f.partition("t");
    QCOMPARE(p.leader, 1); // next in-sync replica in assignment order
    QCOMPARE(p.leaderEpoch, epoch + 1);
    QCOMPARE(p.isr, (std::vector<int32_t> {1, 2}));
    QCOMPARE(f.broker(3).fenced, true);
    QCOMPARE(f.broker(3).fenceAtMs, int64_t(-1));
    const auto fenced = f.events(EventType::BrokerFenced, before);
    QCOMPARE(fenced.size(), size_t(1));
    QCOMPARE(fenced[0].broker, 3);
    QCOMPARE(fenced[0].timeMs, crashedAt + kSession);
    QCOMPARE(fenced[0].limit, kSession);
    QCOMPARE(fenced[0].value, kSession);
    QCOMPARE(fenced[0].cause, std::string("session_timeout"));
    QVERIFY(fenced[0].seq > f.events(EventType::BrokerCrashed, before).at(0).seq);
    const auto elected = f.events(EventType::LeaderElected, before);
    QCOMPARE(elected.size(), size_t(1));
    QCOMPARE(elected[0].cause, std::string("broker_fenced"));
    QCOMPARE(elected[0].limit, kSession); // the timeline says "no heartbeat for ... 9 s" (it said -1 ms)
    QVERIFY(elected[0].seq > fenced[0].seq);
    QVERIFY(f.core->produce(ClusterFixture::request("t", 1, "c", Acks::Leader)).status);
}

void TestBrokerFencing::crashedFollowerStaysInIsrUntilFenced()
{
    Fenced f;
    const uint64_t before = f.lastSeq();
    QVERIFY(f.core->crashBroker(2));
    // acks=all waits for broker 2, which will never fetch: until the fence shrinks the ISR.
    auto answer = f.produceAsync(ClusterFixture::request("t", 2, "w", Acks::All));
    f.advance(kSession - 100);
    QVERIFY(!answer->has_value());
    QCOMPARE(f.partition("t").isr, (std::vector<int32_t> {3, 1, 2}));
    f.advance(200);
    QVERIFY(answer->has_value());
    QVERIFY2((*answer)->status, (*answer)->status.toString().c_str());
    QCOMPARE(f.partition("t").isr, (std::vector<int32_t> {3, 1}));
    const auto shrunk = f.events(EventType::IsrShrunk, before);
    QCOMPARE(shrunk.size(), size_t(1));
    QCOMPARE(shrunk[0].cause, std::string("broker_fenced"));
    QVERIFY(f.events(EventType::LeaderElected, before).empty());
}

void TestBrokerFencing::restartBeforeTheFenceReregisters()
{
    Fenced f;
    const int32_t epoch = f.partition("t").leaderEpoch;
    const uint64_t before = f.lastSeq();
    QVERIFY(f.core->crashBroker(3));
    f.advance(3000);
    QCOMPARE(f.partition("t").leader, 3);
    QVERIFY(f.core->restartBroker(3));
    // Registered again after an unclean shutdown: out of the ISR, its leadership moved.
    auto p = f.partition("t");
    QCOMPARE(p.leader, 1);
    QCOMPARE(p.leaderEpoch, epoch + 1);
    QCOMPARE(p.isr, (std::vector<int32_t> {1, 2}));
    QCOMPARE(f.broker(3).fenced, false);
    QCOMPARE(f.broker(3).fenceAtMs, int64_t(-1));
    const auto elected = f.events(EventType::LeaderElected, before);
    QCOMPARE(elected.size(), size_t(1));
    QCOMPARE(elected[0].cause, std::string("broker_restarted"));
    // It catches up and rejoins; the old fence deadline passes without a fence.
    f.advance(kSession);
    QCOMPARE(f.partition("t").isr, (std::vector<int32_t> {3, 1, 2}));
    QVERIFY(f.events(EventType::BrokerFenced, before).empty());
    QCOMPARE(f.partition("t").leader, 1);
}

void TestBrokerFencing::isolatedLeaderHealedInTimeKeepsLeading()
{
    Fenced f;
    const int32_t epoch = f.partition("t").leaderEpoch;
    const uint64_t before = f.lastSeq();
    QVERIFY(f.core->isolateBroker(3));
    f.advance(5000);
    QCOMPARE(f.broker(3).fenceAtMs, f.events(EventType::BrokerIsolated, before).at(0).timeMs + kSession);
    QVERIFY(f.core->healBroker(3));
    f.advance(kSession);
    const auto p = f.partition("t");
    QCOMPARE(p.leader, 3);
    QCOMPARE(p.leaderEpoch, epoch);
    QCOMPARE(p.isr, (std::vector<int32_t> {3, 1, 2}));
    QVERIFY(f.events(EventType::BrokerFenced, before).empty());
    QVERIFY(f.events(EventType::LeaderElected, before).empty());
}

void TestBrokerFencing::isolatedLeaderIsFencedAfterTheTimeout()
{
    Fenced f;
    const uint64_t before = f.lastSeq();
    QVERIFY(f.core->isolateBroker(3));
    // acks=all on the isolated leader: no follower can fetch, so it waits until the fence
    // moves the leadership and fails it.
    auto answer = f.produceAsync(ClusterFixture::request("t", 1, "z", Acks::All));
    f.advance(kSession - 1);
    QVERIFY(!answer->has_value());
    QCOMPARE(f.partition("t").leader, 3);
    f.advance(1);
    QVERIFY(answer->has_value());
    QCOMPARE((*answer)->status.code(), ErrorCode::NotLeaderOrFollower);
    QCOMPARE(f.partition("t").leader, 1);
    QCOMPARE(f.events(EventType::BrokerFenced, before).size(), size_t(1));
    // Healed after the fence: it unfences, truncates the unreplicated record and catches up.
    QVERIFY(f.core->healBroker(3));
    f.advance(2000);
    QCOMPARE(f.partition("t").isr, (std::vector<int32_t> {3, 1, 2}));
    QCOMPARE(f.broker(3).fenced, false);
    QCOMPARE(f.events(EventType::ReplicaTruncated, before).size(), size_t(1));
}

void TestBrokerFencing::isolatedThenCrashedKeepsItsDeadline()
{
    Fenced f;
    const uint64_t before = f.lastSeq();
    const int64_t isolatedAt = f.clock.nowMs();
    QVERIFY(f.core->isolateBroker(3));
    f.advance(5000);
    QVERIFY(f.core->crashBroker(3)); // no heartbeat since the isolation
    QCOMPARE(f.broker(3).fenceAtMs, isolatedAt + kSession);
    f.advance(kSession - 5000);
    const auto fenced = f.events(EventType::BrokerFenced, before);
    QCOMPARE(fenced.size(), size_t(1));
    QCOMPARE(fenced[0].timeMs, isolatedAt + kSession);
    QCOMPARE(f.partition("t").leader, 1);
}

void TestBrokerFencing::zeroTimeoutFencesAtOnce()
{
    ClusterFixture f(3, kKafkaLag, 100, 1, 0);
    TopicConfig config;
    config.replicationFactor = 3;
    QVERIFY(f.core->createTopic("t", config, {{3, 1, 2}}));
    f.advance(200);
    const uint64_t before = f.lastSeq();
    QVERIFY(f.core->crashBroker(3));
    QCOMPARE(f.partition("t").leader, 1);
    QCOMPARE(f.events(EventType::BrokerFenced, before).size(), size_t(1));
    QCOMPARE(f.events(EventType::LeaderElected, before).at(0).cause, std::string("broker_crashed"));
}

void TestBrokerFencing::timeoutIsSettable()
{
    QCOMPARE(EngineOptions {}.brokerSessionTimeoutMs, kSession);
    {
        QTemporaryDir dir;
        ManualClock clock;
        EngineOptions options;
        options.dataDir = dir.path().toStdString();
        options.brokerSessionTimeoutMs = -1;
        auto opened = EngineCore::open(options, clock);
        QVERIFY(!opened);
        QCOMPARE(opened.status().code(), ErrorCode::InvalidConfig);
        QVERIFY(opened.status().message().find("broker.session.timeout.ms") != std::string::npos);
    }
    {
        ClusterFixture f(3, kKafkaLag, 100, 1, 2500);
        TopicConfig config;
        config.replicationFactor = 3;
        QVERIFY(f.core->createTopic("t", config, {{3, 1, 2}}));
        QVERIFY(f.core->crashBroker(3));
        f.advance(2499);
        QCOMPARE(f.partition("t").leader, 3);
        f.advance(1);
        QCOMPARE(f.partition("t").leader, 1);
    }
    const char *withConfig = R"({"brokers": 3, "config": {"broker.session.timeout.ms": 2500},
        "actions": [{"at": 0, "do": "crash", "broker": 1}]})";
    const auto parsed = parseScenario(withConfig);
    QVERIFY2(parsed, parsed.error.toString().c_str());
    QCOMPARE(parsed.scenario->brokerSessionTimeoutMs, int64_t(2500));
    QCOMPARE(parseScenario(R"({"brokers": 3, "actions": []})").scenario->brokerSessionTimeoutMs, kSession);
    const auto bad = parseScenario(R"({"brokers": 3, "config": {"broker.session.timeout.ms": -5}, "actions": []})");
    QVERIFY(!bad);
    QVERIFY2(bad.error.reason.find("broker.session.timeout.ms") != std::string::npos, bad.error.reason.c_str());
}

QTEST_GUILESS_MAIN(TestBrokerFencing)
#include "test_broker_fencing.moc"
