// Replication under a ManualClock: high watermark advance, ISR shrink/expand, election order and
// epochs, min.insync.replicas refusal, acks=all completion (ok, timeout, after-append), leader
// epoch divergence truncation, unclean election losses, crash/restart, isolate/heal.
#include "cluster/leader_epoch_cache.h"
#include "file_helpers.h"
#include "replication_fixture.h"

#include <fstream>
#include <sstream>

using namespace kl;
using kl::testing::ClusterFixture;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(kl::ErrorCode)

namespace {

using testfiles::readText;

std::vector<std::string> values(EngineCore &core, const std::string &topic, int64_t from = 0)
{
    std::vector<std::string> out;
    auto records = core.fetch(topic, 0, from, 1 << 24);
    if (!records)
        qFatal("fetch failed: %s", records.status().toString().c_str());
    for (const auto &r : *records)
        out.push_back(r.value.value_or("<null>"));
    return out;
}

} // namespace

class TestReplication : public QObject {
    Q_OBJECT
private slots:
    void highWatermarkAdvancesAfterTwoFetches();
    void isrShrinksAndExpandsWithTheClock();
    void electionOrderAndEpochs();
    void minInsyncRefusesAndAppendsNothing();
    void acksAllWaitsThenAcknowledges();
    void acksAllTimesOutOrFailsAfterAppend();
    void divergentLeaderTruncatesWhenItReturns();
    void uncleanElectionReportsLostOffsets();
    void cleanElectionKeepsPartitionOffline();
    void crashLosesNothingThatReachedFiles();
    void isolateAndHeal();
    void retentionWaitsForTheHighWatermark();
    void epochCheckpointFormat_data();
    void epochCheckpointFormat();
    void typedEventJson();
    void sameSeedSameEvents();
};

void TestReplication::highWatermarkAdvancesAfterTwoFetches()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("hw", 3));
    QVERIFY(c.core->produce(ClusterFixture::request("hw", 10, "v", Acks::Leader)).status);
    auto p = c.partition("hw");
    QCOMPARE(p.logEndOffset, int64_t(10));
    QCOMPARE(p.highWatermark, int64_t(0));
    QVERIFY(c.core->fetch("hw", 0, 0, 1 << 20)->empty()); // nothing committed yet
    c.advance(100); // followers copy the records; the leader learns that on their next fetch
    p = c.partition("hw");
    for (const auto &r : p.replicaStates)
        QCOMPARE(r.logEndOffset, int64_t(10));
    QCOMPARE(p.highWatermark, int64_t(0));
    c.advance(100);
    p = c.partition("hw");
    QCOMPARE(p.highWatermark, int64_t(10));
    QCOMPARE(values(*c.core, "hw").size(), size_t(10));
    c.advance(100); // every follower has learnt the HW by now
    p = c.partition("hw");
    for (const auto &r : p.replicaStates)
        QCOMPARE(r.highWatermark, int64_t(10));
}

void TestReplication::isrShrinksAndExpandsWithTheClock()
{
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("isr", 3));
    const auto p0 = c.partition("isr");
    const int32_t slow = p0.replicas[2];
    QVERIFY(c.core->setFollowerDelay(slow, 5000));
    QCOMPARE(c.events(EventType::FollowerSlowed).size(), size_t(1));
    const int64_t start = c.clock.nowMs();
    QVERIFY(c.core->produce(ClusterFixture::request("isr", 5, "a", Acks::Leader)).status);
    c.advance(1000); // lagging, but not for longer than replica.lag.time.max.ms yet
    QCOMPARE(c.partition("isr").isr.size(), size_t(3));
    QCOMPARE(c.partition("isr").highWatermark, int64_t(0)); // the slow follower holds it back
    c.advance(600);
    const auto shrunk = c.events(EventType::IsrShrunk);
    QCOMPARE(shrunk.size(), size_t(1));
    QCOMPARE(shrunk[0].before, p0.replicas);
    QCOMPARE(shrunk[0].after, (std::vector<int32_t> { p0.replicas[0], p0.replicas[1] }));
    QVERIFY(shrunk[0].timeMs - start > 1000);
    QVERIFY(shrunk[0].timeMs - start <= 1500);
    auto p = c.partition("isr");
    QCOMPARE(p.highWatermark, int64_t(5)); // the remaining ISR has everything
    QVERIFY(!c.replicaOf(p, slow)->inIsr);

    QVERIFY(c.core->setFollowerDelay(slow, 0));
    c.advance(6000);
    const auto expanded = c.events(EventType::IsrExpanded);
    QCOMPARE(expanded.size(), size_t(1));
    QCOMPARE(expanded[0].after, p0.replicas);
    p = c.partition("isr");
    QCOMPARE(p.isr, p0.replicas);
    QCOMPARE(c.replicaOf(p, slow)->logEndOffset, int64_t(5));
}

void TestReplication::electionOrderAndEpochs()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("el", 3));
    const auto p0 = c.partition("el");
    const auto r = p0.replicas;
    QCOMPARE(p0.leader, r[0]);
    QCOMPARE(p0.leaderEpoch, 0);
    QCOMPARE(c.core->makeSnapshot()->controllerId, 1);
    // The initial leader was announced when the topic was created.
    auto initial = c.events(EventType::LeaderElected);
    QCOMPARE(initial.size(), size_t(1));
    QCOMPARE(initial[0].oldLeader, -1);
    QCOMPARE(initial[0].newLeader, r[0]);
    QCOMPARE(initial[0].epoch, 0);
    QVERIFY(c.core->produce(ClusterFixture::request("el", 3, "x", Acks::Leader)).status);
    c.advance(300);

    const uint64_t beforeCrash = c.lastSeq();
    QVERIFY(c.core->crashBroker(r[0]));
    QCOMPARE(c.core->crashBroker(r[0]).code(), ErrorCode::InvalidRequest);
    auto elected = c.events(EventType::LeaderElected, beforeCrash);
    QCOMPARE(elected.size(), size_t(1));
    QCOMPARE(elected[0].oldLeader, r[0]);
    QCOMPARE(elected[0].newLeader, r[1]); // first live in-sync replica in assignment order
    QCOMPARE(elected[0].epoch, 1);
    auto p = c.partition("el");
    QCOMPARE(p.leader, r[1]);
    QCOMPARE(p.isr, (std::vector<int32_t> { r[1], r[2] }));
    QVERIFY(!c.replicaOf(p, r[0])->online);
    const auto snap = c.core->makeSnapshot();
    QCOMPARE(snap->brokers[static_cast<size_t>(r[0] - 1)].state, BrokerState::Crashed);
    QCOMPARE(snap->controllerId, r[0] == 1 ? 2 : 1);

    QVERIFY(c.core->crashBroker(r[1]));
    p = c.partition("el");
    QCOMPARE(p.leader, r[2]);
    QCOMPARE(p.leaderEpoch, 2);
    QCOMPARE(values(*c.core, "el").size(), size_t(3));

    QVERIFY(c.core->restartBroker(r[0]));
    p = c.partition("el");
    QCOMPARE(p.leader, r[2]); // no election: the leader is alive
    QCOMPARE(p.leaderEpoch, 2);
    c.advance(300);
    p = c.partition("el");
    QCOMPARE(p.isr, (std::vector<int32_t> { r[0], r[2] }));
    QVERIFY(c.core->electPreferredLeader("el", 0));
    p = c.partition("el");
    QCOMPARE(p.leader, r[0]);
    QCOMPARE(p.leaderEpoch, 3);
    QVERIFY(c.events(EventType::LeaderElected).back().detail.find("preferred") != std::string::npos);
    QCOMPARE(c.core->electPreferredLeader("el", 0).code(), ErrorCode::InvalidRequest);
    QCOMPARE(c.core->electPreferredLeader("el", 7).code(), ErrorCode::UnknownTopicOrPartition);
    QCOMPARE(c.core->crashBroker(9).code(), ErrorCode::InvalidRequest);
}

void TestReplication::minInsyncRefusesAndAppendsNothing()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("safe", 3, 2));
    const auto r = c.partition("safe").replicas;
    QVERIFY(c.core->crashBroker(r[1]));
    QVERIFY(c.core->crashBroker(r[2]));
    QCOMPARE(c.partition("safe").isr, (std::vector<int32_t> { r[0] }));
    const uint64_t seq = c.lastSeq();
    auto answer = c.produceAsync(ClusterFixture::request("safe", 4, "no", Acks::All));
    QVERIFY(answer->has_value()); // refused at once
    QCOMPARE((*answer)->status.code(), ErrorCode::NotEnoughReplicas);
    QVERIFY((*answer)->status.message().find("min.insync.replicas=2") != std::string::npos);
    QCOMPARE(c.partition("safe").logEndOffset, int64_t(0));
    const auto refused = c.events(EventType::ProduceRefused, seq);
    QCOMPARE(refused.size(), size_t(1));
    QCOMPARE(refused[0].error, ErrorCode::NotEnoughReplicas);
    // acks=1 does not care about min.insync.replicas.
    auto one = c.produceAsync(ClusterFixture::request("safe", 4, "yes", Acks::Leader));
    QVERIFY(one->has_value());
    QVERIFY((*one)->status);
    QCOMPARE(c.partition("safe").logEndOffset, int64_t(4));
    // The synchronous produce refuses acks=all with a pointer to produceAsync.
    const auto sync = c.core->produce(ClusterFixture::request("safe", 1, "s", Acks::All));
    QCOMPARE(sync.status.code(), ErrorCode::InvalidRequest);
    QVERIFY(sync.status.message().find("produceAsync") != std::string::npos);
}

void TestReplication::acksAllWaitsThenAcknowledges()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("all", 3, 2));
    auto answer = c.produceAsync(ClusterFixture::request("all", 5, "v", Acks::All));
    QVERIFY(!answer->has_value());
    QCOMPARE(c.partition("all").logEndOffset, int64_t(5));
    c.advance(100);
    QVERIFY(!answer->has_value());
    c.advance(100);
    QVERIFY(answer->has_value());
    QVERIFY2((*answer)->status, (*answer)->status.toString().c_str());
    QCOMPARE((*answer)->records.back().offset, int64_t(4));
    const auto acked = c.events(EventType::ProduceAcknowledged);
    QCOMPARE(acked.size(), size_t(1));
    QCOMPARE(acked[0].offset, int64_t(0));
    QCOMPARE(acked[0].endOffset, int64_t(5));
    QCOMPARE(acked[0].timeMs, c.clock.nowMs());
    // Once acknowledged, the records are on every ISR member.
    for (const auto &r : c.partition("all").replicaStates)
        QCOMPARE(r.logEndOffset, int64_t(5));
}

void TestReplication::acksAllTimesOutOrFailsAfterAppend()
{
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("slow", 3, 2));
    const auto r = c.partition("slow").replicas;
    QVERIFY(c.core->setFollowerDelay(r[1], 60000));
    QVERIFY(c.core->setFollowerDelay(r[2], 60000));
    c.advance(150); // their last normal fetch
    ProduceRequest request = ClusterFixture::request("slow", 2, "t", Acks::All);
    request.timeoutMs = 500;
    auto timedOut = c.produceAsync(request);
    c.advance(499);
    QVERIFY(!timedOut->has_value());
    c.advance(1);
    QVERIFY(timedOut->has_value());
    QCOMPARE((*timedOut)->status.code(), ErrorCode::RequestTimedOut);

    // With a long timeout the ISR shrinks below min.insync.replicas first: the HW then covers
    // the records, but the write is answered NOT_ENOUGH_REPLICAS_AFTER_APPEND.
    request.timeoutMs = 30000;
    auto after = c.produceAsync(request);
    c.advance(2000);
    QVERIFY(after->has_value());
    QCOMPARE((*after)->status.code(), ErrorCode::NotEnoughReplicasAfterAppend);
    QCOMPARE(c.partition("slow").isr, (std::vector<int32_t> { r[0] }));
    QCOMPARE(c.partition("slow").highWatermark, int64_t(4));
}

void TestReplication::divergentLeaderTruncatesWhenItReturns()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("div", 3));
    const auto r = c.partition("div").replicas;
    QVERIFY(c.core->produce(ClusterFixture::request("div", 10, "old", Acks::Leader)).status);
    c.advance(300);
    QCOMPARE(c.partition("div").highWatermark, int64_t(10));
    // Five more reach only the leader's files, then it crashes.
    QVERIFY(c.core->produce(ClusterFixture::request("div", 5, "lost", Acks::Leader)).status);
    QVERIFY(c.core->crashBroker(r[0]));
    QCOMPARE(c.partition("div").leader, r[1]);
    QVERIFY(c.core->produce(ClusterFixture::request("div", 3, "new", Acks::Leader)).status);
    c.advance(300);
    const uint64_t seq = c.lastSeq();
    QVERIFY(c.core->restartBroker(r[0]));
    c.advance(300);
    const auto truncated = c.events(EventType::ReplicaTruncated, seq);
    QCOMPARE(truncated.size(), size_t(1));
    QCOMPARE(truncated[0].broker, r[0]);
    QCOMPARE(truncated[0].offset, int64_t(10));   // where epoch 0 ends on the new leader
    QCOMPARE(truncated[0].endOffset, int64_t(15)); // its old log end
    auto p = c.partition("div");
    QCOMPARE(c.replicaOf(p, r[0])->logEndOffset, int64_t(13));
    QVERIFY(c.replicaOf(p, r[0])->inIsr);
    // Its log now holds the new leader's records, and its epoch checkpoint says so.
    QVERIFY(c.core->crashBroker(r[1]));
    QVERIFY(c.core->crashBroker(r[2]));
    QCOMPARE(c.partition("div").leader, r[0]);
    const auto v = values(*c.core, "div", 10);
    QCOMPARE(v, (std::vector<std::string> { "new-0", "new-1", "new-2" }));
    const auto checkpoint = readText(c.path() / fmt::format("broker-{}", r[0]) / "div-0" / "leader-epoch-checkpoint");
    QCOMPARE(checkpoint, std::string("0\n3\n0 0\n1 10\n2 13\n"));
}

void TestReplication::uncleanElectionReportsLostOffsets()
{
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("dirty", 2, 1, true));
    const auto r = c.partition("dirty").replicas;
    QVERIFY(c.core->produce(ClusterFixture::request("dirty", 5, "a", Acks::Leader)).status);
    c.advance(300);
    QVERIFY(c.core->setFollowerDelay(r[1], 100000));
    c.advance(200);
    QVERIFY(c.core->produce(ClusterFixture::request("dirty", 5, "b", Acks::Leader)).status);
    c.advance(2000);
    auto p = c.partition("dirty");
    QCOMPARE(p.isr, (std::vector<int32_t> { r[0] }));
    QCOMPARE(p.highWatermark, int64_t(10));
    QVERIFY(c.core->crashBroker(r[0]));
    p = c.partition("dirty");
    QCOMPARE(p.leader, r[1]);
    QCOMPARE(p.isr, (std::vector<int32_t> { r[1] }));
    const auto lost = c.events(EventType::RecordsLost);
    QCOMPARE(lost.size(), size_t(1));
    QCOMPARE(lost[0].offset, int64_t(5));
    QCOMPARE(lost[0].endOffset, int64_t(10));
    QVERIFY(c.events(EventType::LeaderElected).back().detail.find("UNCLEAN") != std::string::npos);
    // The offsets are reused by the new leader.
    const auto again = c.core->produce(ClusterFixture::request("dirty", 1, "c", Acks::Leader));
    QCOMPARE(again.records[0].offset, int64_t(5));
}

void TestReplication::cleanElectionKeepsPartitionOffline()
{
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("clean", 2));
    const auto r = c.partition("clean").replicas;
    QVERIFY(c.core->setFollowerDelay(r[1], 100000));
    c.advance(200);
    QVERIFY(c.core->produce(ClusterFixture::request("clean", 5, "b", Acks::Leader)).status);
    c.advance(2000);
    QCOMPARE(c.partition("clean").isr, (std::vector<int32_t> { r[0] }));
    QVERIFY(c.core->crashBroker(r[0]));
    auto p = c.partition("clean");
    QCOMPARE(p.leader, -1);
    QCOMPARE(p.isr, (std::vector<int32_t> { r[0] })); // the last ISR member stays
    QCOMPARE(c.events(EventType::LeaderElected).back().newLeader, -1);
    QVERIFY(c.events(EventType::RecordsLost).empty());
    QCOMPARE(c.core->produce(ClusterFixture::request("clean", 1, "x", Acks::Leader)).status.code(),
        ErrorCode::LeaderNotAvailable);
    QCOMPARE(c.core->fetch("clean", 0, 0, 1024).status().code(), ErrorCode::LeaderNotAvailable);
    QVERIFY(c.core->restartBroker(r[0]));
    p = c.partition("clean");
    QCOMPARE(p.leader, r[0]);
    QCOMPARE(values(*c.core, "clean").size(), size_t(5));
}

void TestReplication::crashLosesNothingThatReachedFiles()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("files", 1));
    const int32_t b = c.partition("files").leader;
    for (int i = 0; i < 20; ++i)
        QVERIFY(c.core->produce(ClusterFixture::request("files", 7, fmt::format("r{}", i), Acks::Leader)).status);
    const auto before = values(*c.core, "files");
    QCOMPARE(before.size(), size_t(140));
    QVERIFY(c.core->crashBroker(b));
    const fs::path brokerDir = c.path() / fmt::format("broker-{}", b);
    QVERIFY(!fs::exists(brokerDir / ".kafka_cleanshutdown")); // the restart must run recovery
    QVERIFY(!fs::exists(brokerDir / "files-0" / ".kafkalab_cleanshutdown"));
    QCOMPARE(c.partition("files").leader, -1);
    QVERIFY(c.core->restartBroker(b));
    QCOMPARE(c.events(EventType::BrokerRestarted).size(), size_t(1));
    QCOMPARE(c.partition("files").leader, b);
    QCOMPARE(c.partition("files").leaderEpoch, 2); // offline, then back
    QCOMPARE(values(*c.core, "files"), before);
    const auto next = c.core->produce(ClusterFixture::request("files", 1, "after", Acks::Leader));
    QCOMPARE(next.records[0].offset, int64_t(140));
}

void TestReplication::isolateAndHeal()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("net", 3, 2));
    const auto r = c.partition("net").replicas;
    QVERIFY(c.core->produce(ClusterFixture::request("net", 4, "a", Acks::Leader)).status);
    c.advance(300);
    // Two records only the leader has, then it is cut off.
    QVERIFY(c.core->produce(ClusterFixture::request("net", 2, "cut", Acks::Leader)).status);
    QVERIFY(c.core->isolateBroker(r[0]));
    QCOMPARE(c.core->isolateBroker(r[0]).code(), ErrorCode::InvalidRequest);
    auto p = c.partition("net");
    QCOMPARE(p.leader, r[1]);
    QCOMPARE(p.isr, (std::vector<int32_t> { r[1], r[2] }));
    QVERIFY(c.replicaOf(p, r[0])->online); // it keeps running with its files
    QCOMPARE(c.replicaOf(p, r[0])->logEndOffset, int64_t(6));
    auto answer = c.produceAsync(ClusterFixture::request("net", 3, "maj", Acks::All));
    c.advance(300);
    QVERIFY(answer->has_value());
    QVERIFY((*answer)->status);
    QCOMPARE((*answer)->records[0].offset, int64_t(4));
    QCOMPARE(c.replicaOf(c.partition("net"), r[0])->logEndOffset, int64_t(6)); // no fetching

    const uint64_t seq = c.lastSeq();
    QVERIFY(c.core->healBroker(r[0]));
    c.advance(300);
    const auto truncated = c.events(EventType::ReplicaTruncated, seq);
    QCOMPARE(truncated.size(), size_t(1));
    QCOMPARE(truncated[0].offset, int64_t(4));
    p = c.partition("net");
    QCOMPARE(p.isr.size(), size_t(3));
    QCOMPARE(c.replicaOf(p, r[0])->logEndOffset, int64_t(7));
    QCOMPARE(c.events(EventType::BrokerHealed).size(), size_t(1));
}

void TestReplication::retentionWaitsForTheHighWatermark()
{
    // Issue 9: slow followers still in the ISR hold the high watermark back; retention.bytes
    // must not delete segments above it (Kafka's deletableSegments), or records no consumer
    // could read yet are gone and the followers, now below the leader's log start, truncate
    // fully.
    ClusterFixture c(3, 60'000, 100);
    TopicConfig config;
    config.replicationFactor = 3;
    config.log.segmentBytes = 1024;
    config.log.retentionBytes = 1024;
    QVERIFY(c.core->createTopic("ret", config));
    const auto p0 = c.partition("ret");
    for (int32_t b : p0.replicas)
        if (b != p0.leader)
            QVERIFY(c.core->setFollowerDelay(b, 4000));
    c.advance(150); // the followers' first fetch (empty log); the next one comes 4 s later
    for (int i = 0; i < 30; ++i) {
        ProduceRequest r = ClusterFixture::request("ret", 1, fmt::format("r{}", i), Acks::Leader);
        r.records[0].value = fmt::format("{}-{}", i, std::string(100, 'x'));
        QVERIFY(c.core->produce(r).status);
    }
    c.advance(2000); // two retention checks while the followers have not fetched again
    auto p = c.partition("ret");
    QCOMPARE(p.isr.size(), size_t(3));
    QCOMPARE(p.logEndOffset, int64_t(30));
    QCOMPARE(p.highWatermark, int64_t(0));
    QCOMPARE(c.replicaOf(p, p.leader)->logStartOffset, int64_t(0)); // nothing committed: nothing deleted
    QVERIFY(c.events(EventType::SegmentDeleted).empty());
    QVERIFY(c.core->makeSnapshot()->topic("ret")->partitions[0].segments.size() > 2); // though over retention.bytes

    c.advance(10'000); // the followers copy everything and the high watermark reaches 30
    p = c.partition("ret");
    QCOMPARE(p.highWatermark, int64_t(30));
    QVERIFY(c.events(EventType::ReplicaTruncated).empty()); // no follower lost its log
    for (const auto &r : p.replicaStates) {
        QCOMPARE(r.logEndOffset, int64_t(30));
        QVERIFY2(r.logStartOffset <= r.highWatermark,
            qPrintable(QString("broker %1: log start %2 > high watermark %3")
                           .arg(r.broker).arg(r.logStartOffset).arg(r.highWatermark)));
    }
    // Now committed, the old segments go as retention.bytes says.
    QVERIFY(!c.events(EventType::SegmentDeleted).empty());
    QVERIFY(c.replicaOf(p, p.leader)->logStartOffset > 0);
}

void TestReplication::epochCheckpointFormat_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("message");
    QTest::newRow("kafka") << "0\n2\n0 0\n3 120\n" << true << "";
    QTest::newRow("empty cache") << "0\n0\n" << true << "";
    QTest::newRow("bad version") << "1\n0\n" << false << "line 1";
    QTest::newRow("count mismatch") << "0\n2\n0 0\n" << false << "line 2";
    QTest::newRow("not numbers") << "0\n1\nzero 0\n" << false << "line 3";
    QTest::newRow("epochs go back") << "0\n2\n4 10\n3 20\n" << false << "line 4";
}

void TestReplication::epochCheckpointFormat()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, message);
    const auto parsed = LeaderEpochCache::parse(text.toStdString());
    QCOMPARE(parsed.isOk(), valid);
    if (!valid)
        QVERIFY2(parsed.status().message().find(message.toStdString()) != std::string::npos,
            parsed.status().message().c_str());

    LeaderEpochCache cache;
    cache.assign(0, 0);
    cache.assign(3, 120);
    cache.assign(2, 200); // older than the latest: ignored
    QCOMPARE(cache.checkpointText(), std::string("0\n2\n0 0\n3 120\n"));
    QCOMPARE(cache.endOffsetFor(3, 150).endOffset, int64_t(150));
    QCOMPARE(cache.endOffsetFor(0, 150).endOffset, int64_t(120));
    QCOMPARE(cache.endOffsetFor(2, 150).epoch, 0); // the largest epoch <= 2
    QCOMPARE(cache.endOffsetFor(7, 150).epoch, -1);
}

void TestReplication::typedEventJson()
{
    Event e;
    e.seq = 3;
    e.timeMs = 10;
    e.type = EventType::LeaderElected;
    e.topic = "t";
    e.partition = 0;
    e.oldLeader = 1;
    e.newLeader = -1;
    e.epoch = 4;
    e.before = { 1 };
    e.after = { 1 };
    QCOMPARE(eventToJson(e),
        std::string("{\"seq\":3,\"time_ms\":10,\"type\":\"leader_elected\",\"topic\":\"t\",\"partition\":0,"
                    "\"old_leader\":1,\"new_leader\":-1,\"epoch\":4,\"before\":[1],\"after\":[1]}"));
    Event s;
    s.type = EventType::IsrShrunk;
    s.before = { 1, 2 };
    QCOMPARE(eventToJson(s),
        std::string("{\"seq\":0,\"time_ms\":0,\"type\":\"isr_shrunk\",\"before\":[1,2],\"after\":[]}"));
    Event lost;
    lost.type = EventType::RecordsLost;
    lost.offset = 5;
    lost.endOffset = 10;
    QCOMPARE(eventToJson(lost),
        std::string("{\"seq\":0,\"time_ms\":0,\"type\":\"records_lost\",\"offset\":5,\"end_offset\":10}"));
}

void TestReplication::sameSeedSameEvents()
{
    const auto run = [] {
        ClusterFixture c(3, 1000, 100, 77);
        c.createTopic("d", 3, 2, false, 3);
        std::string out;
        for (int i = 0; i < 5; ++i) {
            ProduceRequest r = ClusterFixture::request("d", 3, fmt::format("v{}", i), Acks::All);
            r.partition.reset();
            c.produceAsync(r);
            c.advance(150);
            if (i == 2)
                c.core->crashBroker(2);
        }
        c.core->restartBroker(2);
        c.advance(1000);
        for (const auto &e : c.core->eventsSince(0))
            if (e.type != EventType::BrokerStarted && e.type != EventType::TopicCreated)
                out += eventToJson(e) + "\n";
        return out;
    };
    const std::string a = run();
    QVERIFY(a.find("leader_elected") != std::string::npos);
    QCOMPARE(run(), a);
}

QTEST_APPLESS_MAIN(TestReplication)
#include "test_replication.moc"
