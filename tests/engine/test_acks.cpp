// Producer acks through EngineCore::produceAsync on a ManualClock: acks=0 and acks=1 are answered
// at once, while the followers still lack the records (they copy them when time advances);
// acks=0 and 1 ignore min.insync.replicas; acks=all is answered exactly when the high watermark
// covers the records, never before.
#include "replication_fixture.h"

using namespace kl;
using kl::testing::ClusterFixture;

Q_DECLARE_METATYPE(kl::Acks)

namespace {

std::vector<std::string> replicaValues(EngineCore &core, const std::string &topic, int32_t broker)
{
    std::vector<std::string> out;
    auto records = core.readReplica(topic, 0, broker, 0, 1 << 24);
    if (!records)
        qFatal("readReplica failed: %s", records.status().toString().c_str());
    for (const auto &r : *records)
        out.push_back(r.value.value_or("<null>"));
    return out;
}

std::vector<int32_t> followersOf(const PartitionSnapshot &p)
{
    std::vector<int32_t> out;
    for (int32_t b : p.replicas)
        if (b != p.leader)
            out.push_back(b);
    return out;
}

} // namespace

class TestAcks : public QObject {
    Q_OBJECT
private slots:
    void answeredBeforeFollowersHaveTheRecords_data();
    void answeredBeforeFollowersHaveTheRecords();
    void minInsyncOnlyGuardsAcksAll();
    void acksAllAnsweredExactlyWhenHighWatermarkCovers();
    void minInsyncAboveReplicationFactorAsKafka();
};

void TestAcks::answeredBeforeFollowersHaveTheRecords_data()
{
    QTest::addColumn<Acks>("acks");
    QTest::addColumn<bool>("ackEvent"); // acks=0 has no answer to announce
    QTest::newRow("acks=0") << Acks::None << false;
    QTest::newRow("acks=1") << Acks::Leader << true;
}

void TestAcks::answeredBeforeFollowersHaveTheRecords()
{
    QFETCH(Acks, acks);
    QFETCH(bool, ackEvent);
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("t", 3, 2));
    const PartitionSnapshot before = c.partition("t");
    QVERIFY(before.leader >= 0);
    const std::vector<int32_t> followers = followersOf(before);
    QCOMPARE(followers.size(), size_t(2));
    const int64_t startMs = c.clock.nowMs();
    const uint64_t seq = c.lastSeq();

    auto answer = c.produceAsync(ClusterFixture::request("t", 5, "v", acks));
    // The callback already ran, with no engine time passing: nothing waited for followers.
    QVERIFY(answer->has_value());
    QVERIFY2((*answer)->status, (*answer)->status.toString().c_str());
    QCOMPARE((*answer)->records.size(), size_t(5));
    QCOMPARE(c.clock.nowMs(), startMs);
    QCOMPARE(c.events(EventType::ProduceAcknowledged, seq).size(), size_t(ackEvent ? 1 : 0));

    // Appended on the leader only; the high watermark has not moved.
    PartitionSnapshot now = c.partition("t");
    QCOMPARE(now.logEndOffset, int64_t(5));
    QCOMPARE(now.highWatermark, int64_t(0));
    QCOMPARE(c.replicaOf(now, now.leader)->logEndOffset, int64_t(5));
    for (int32_t f : followers) {
        QVERIFY(c.replicaOf(now, f)->logEndOffset < c.replicaOf(now, now.leader)->logEndOffset);
        QVERIFY(replicaValues(*c.core, "t", f).empty());
    }
    const std::vector<std::string> expected {"v-0", "v-1", "v-2", "v-3", "v-4"};
    QCOMPARE(replicaValues(*c.core, "t", now.leader), expected);

    // One fetch interval later the followers have copied them; the next fetch carries the HW.
    c.advance(100);
    now = c.partition("t");
    for (int32_t f : followers) {
        QCOMPARE(c.replicaOf(now, f)->logEndOffset, int64_t(5));
        QCOMPARE(replicaValues(*c.core, "t", f), expected);
    }
    c.advance(100);
    QCOMPARE(c.partition("t").highWatermark, int64_t(5));
}

void TestAcks::minInsyncOnlyGuardsAcksAll()
{
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("guarded", 3, 3));
    const auto followers = followersOf(c.partition("guarded"));
    QVERIFY(c.core->crashBroker(followers[0]));
    QCOMPARE(c.partition("guarded").isr.size(), size_t(2)); // below min.insync.replicas=3

    auto all = c.produceAsync(ClusterFixture::request("guarded", 2, "all", Acks::All));
    QVERIFY(all->has_value());
    QCOMPARE((*all)->status.code(), ErrorCode::NotEnoughReplicas);
    QCOMPARE(c.partition("guarded").logEndOffset, int64_t(0));

    auto zero = c.produceAsync(ClusterFixture::request("guarded", 2, "zero", Acks::None));
    QVERIFY(zero->has_value());
    QVERIFY2((*zero)->status, (*zero)->status.toString().c_str());
    auto one = c.produceAsync(ClusterFixture::request("guarded", 3, "one", Acks::Leader));
    QVERIFY(one->has_value());
    QVERIFY2((*one)->status, (*one)->status.toString().c_str());
    QCOMPARE(c.partition("guarded").logEndOffset, int64_t(5));
}

void TestAcks::acksAllAnsweredExactlyWhenHighWatermarkCovers()
{
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("all", 3, 2));
    QVERIFY(c.core->produce(ClusterFixture::request("all", 3, "old", Acks::Leader)).status);
    c.advance(300);
    QCOMPARE(c.partition("all").highWatermark, int64_t(3));
    const uint64_t seq = c.lastSeq();

    auto answer = c.produceAsync(ClusterFixture::request("all", 4, "new", Acks::All));
    QVERIFY(!answer->has_value());
    QCOMPARE(c.partition("all").logEndOffset, int64_t(7));
    QCOMPARE(c.partition("all").highWatermark, int64_t(3));

    // Small steps: at every point, answered <=> the HW covers offset 6.
    bool answeredSeen = false;
    for (int step = 0; step < 100 && !answeredSeen; ++step) {
        c.advance(10);
        const PartitionSnapshot p = c.partition("all");
        const bool covered = p.highWatermark >= 7;
        QVERIFY2(answer->has_value() == covered,
                 qPrintable(QString("at %1 ms: answered %2, HW %3").arg(c.clock.nowMs())
                                .arg(answer->has_value()).arg(p.highWatermark)));
        answeredSeen = answer->has_value();
        if (answeredSeen) {
            // Every in-sync replica has the records by then.
            for (int32_t b : p.isr)
                QVERIFY(c.replicaOf(p, b)->logEndOffset >= 7);
        }
    }
    QVERIFY(answeredSeen);
    QVERIFY2((*answer)->status, (*answer)->status.toString().c_str());
    QCOMPARE((*answer)->records.front().offset, int64_t(3));
    QCOMPARE((*answer)->records.back().offset, int64_t(6));
    const auto acked = c.events(EventType::ProduceAcknowledged, seq);
    QCOMPARE(acked.size(), size_t(1));
    QCOMPARE(acked[0].offset, int64_t(3));
    QCOMPARE(acked[0].endOffset, int64_t(7));
}

// Kafka creates a topic whose min.insync.replicas is above its replication factor and then
// refuses every acks=all write with NOT_ENOUGH_REPLICAS (acks=1 still works); the data
// directory reopens with it. Only a value above the cluster's broker count is refused.
void TestAcks::minInsyncAboveReplicationFactorAsKafka()
{
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("misconfigured", 2, 3));
    auto all = c.produceAsync(ClusterFixture::request("misconfigured", 2, "all", Acks::All));
    QVERIFY(all->has_value());
    QCOMPARE((*all)->status.code(), ErrorCode::NotEnoughReplicas);
    auto one = c.produceAsync(ClusterFixture::request("misconfigured", 2, "one", Acks::Leader));
    QVERIFY(one->has_value());
    QVERIFY2((*one)->status, (*one)->status.toString().c_str());
    const Status refused = c.createTopic("impossible", 2, 4);
    QCOMPARE(refused.code(), ErrorCode::InvalidConfig);
    QVERIFY2(refused.message().find("3 brokers") != std::string::npos, refused.message().c_str());
    c.core->shutdown();
    EngineOptions options;
    options.dataDir = c.path();
    options.brokerCount = 3;
    auto reopened = EngineCore::open(options, c.clock);
    QVERIFY2(reopened, reopened ? "" : reopened.status().toString().c_str());
}

QTEST_APPLESS_MAIN(TestAcks)
#include "test_acks.moc"
