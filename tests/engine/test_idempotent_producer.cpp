// The idempotent producer, Kafka 3.0+'s default (enable.idempotence=true with acks=all): producer
// ids handed out in blocks as InitProducerId does, every batch stamped with producer id, epoch
// and per-partition base sequence (read back from the segment files by kafka-python, the
// oracle), and the leader's ProducerStateManager checks: a resent batch (one of the last 5) is
// answered with its original offsets and not appended again, a gap gets
// OUT_OF_ORDER_SEQUENCE_NUMBER, an unknown producer may start at any sequence (Kafka 4.x), and
// the state survives a leader change (the new leader rebuilds it from its replicated log).
#include "log/dump.h"
#include "replication_fixture.h"

#include <QProcess>
#include <QStandardPaths>
#include <climits>
#include <sstream>

using namespace kl;
using kl::testing::ClusterFixture;

namespace {

struct BatchFields {
    int64_t baseOffset = 0;
    int64_t producerId = 0;
    int32_t producerEpoch = 0;
    int32_t baseSequence = 0;
    int32_t count = 0;
};

// kafka-python parses every batch of the partition's segment files on `broker` (producer id,
// epoch and base sequence are HEADER_STRUCT fields 9-11 of DefaultRecordBatch in kafka-python
// 2.0, which has no properties for them; newer versions name them).
std::vector<BatchFields> oracleBatches(const ClusterFixture &c, int32_t broker, const std::string &topicPartition)
{
    const auto dir = c.path() / fmt::format("broker-{}", broker) / topicPartition;
    QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (QFileInfo::exists(QStringLiteral("/usr/bin/python3")))
        python = QStringLiteral("/usr/bin/python3");
    const QString script = QStringLiteral(R"(
import glob, os, sys
from kafka.record.memory_records import MemoryRecords
for path in sorted(glob.glob(os.path.join(sys.argv[1], '*.log'))):
    records = MemoryRecords(open(path, 'rb').read())
    while True:
        b = records.next_batch()
        if b is None:
            break
        h = b._header_data
        pid = getattr(b, 'producer_id', h[9])
        epoch = getattr(b, 'producer_epoch', h[10])
        seq = getattr(b, 'base_sequence', h[11])
        print(b.base_offset, pid, epoch, seq, h[12])
)");
    QProcess p;
    p.start(python, {QStringLiteral("-c"), script, QString::fromStdString(dir.string())});
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qFatal("kafka-python failed: %s", p.readAllStandardError().constData());
    std::vector<BatchFields> out;
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> f = line.trimmed().split(' ');
        if (f.size() != 5)
            continue;
        out.push_back({f[0].toLongLong(), f[1].toLongLong(), f[2].toInt(), f[3].toInt(), f[4].toInt()});
    }
    return out;
}

ProduceRequest send(const std::string &topic, int count, const std::string &prefix, Acks acks = Acks::All)
{
    return ClusterFixture::request(topic, count, prefix, acks);
}

// Produces and advances until answered (acks=all waits for the followers).
ProduceResult produced(ClusterFixture &c, const ProduceRequest &r)
{
    auto answer = c.produceAsync(r);
    for (int i = 0; i < 100 && !answer->has_value(); ++i)
        c.advance(50);
    if (!answer->has_value())
        qFatal("no answer to the produce request");
    return **answer;
}

std::vector<int64_t> offsetsOf(const ProduceResult &r)
{
    std::vector<int64_t> out;
    for (const auto &o : r.records)
        out.push_back(o.offset);
    return out;
}

} // namespace

class TestIdempotentProducer : public QObject {
    Q_OBJECT
private slots:
    void batchesCarryProducerIdEpochAndSequence();
    void idempotenceNeedsAcksAll();
    void producerIdsComeFromPersistedBlocks();
    void resentBatchAnsweredWithOriginalOffsets();
    void gapIsOutOfOrder();
    void unknownProducerStartsAtAnySequenceAndSequencesWrap();
    void stateSurvivesLeaderChange();
    void lostRecordsBumpTheEpoch();
};

void TestIdempotentProducer::batchesCarryProducerIdEpochAndSequence()
{
    ClusterFixture c(1);
    QVERIFY(c.createTopic("t", 1));
    const ProduceResult first = produced(c, send("t", 3, "a"));
    QVERIFY2(first.status.isOk(), first.status.toString().c_str());
    QVERIFY(first.idempotent);
    QCOMPARE(first.producerId, int64_t(0)); // the first id of the first block, as Kafka's
    QCOMPARE(first.producerEpoch, int16_t(0));
    QCOMPARE(first.records[2].sequence, 2);
    const ProduceResult second = produced(c, send("t", 2, "b"));
    QCOMPARE(second.records[0].sequence, 3);
    QCOMPARE(second.producerId, first.producerId); // the same producer instance
    // acks=1 with enable.idempotence unset: silently not idempotent (-1/-1/-1), as Java 3.0+.
    const ProduceResult leaderOnly = produced(c, send("t", 1, "c", Acks::Leader));
    QVERIFY(leaderOnly.status.isOk());
    QVERIFY(!leaderOnly.idempotent);
    QCOMPARE(leaderOnly.records[0].sequence, -1);
    // enable.idempotence=false with acks=all: no producer id either.
    ProduceRequest off = send("t", 1, "d");
    off.idempotence = false;
    QVERIFY(!produced(c, off).idempotent);
    // Another producer instance: its own id, sequences from 0.
    ProduceRequest other = send("t", 2, "e");
    other.clientId = "producer-2";
    const ProduceResult second2 = produced(c, other);
    QCOMPARE(second2.producerId, int64_t(1));
    QCOMPARE(second2.records[0].sequence, 0);

    const std::vector<BatchFields> batches = oracleBatches(c, 1, "t-0");
    QCOMPARE(batches.size(), size_t(5));
    const int64_t expected[5][5] = {
        {0, 0, 0, 0, 3}, {3, 0, 0, 3, 2}, {5, -1, -1, -1, 1}, {6, -1, -1, -1, 1}, {7, 1, 0, 0, 2}};
    for (size_t i = 0; i < batches.size(); ++i) {
        const BatchFields &b = batches[i];
        const QString what = QString("batch %1: offset %2 pid %3 epoch %4 seq %5 count %6")
                                 .arg(i).arg(b.baseOffset).arg(b.producerId).arg(b.producerEpoch)
                                 .arg(b.baseSequence).arg(b.count);
        QVERIFY2(b.baseOffset == expected[i][0] && b.producerId == expected[i][1]
                && b.producerEpoch == expected[i][2] && b.baseSequence == expected[i][3]
                && b.count == expected[i][4],
            qPrintable(what));
    }
    // dump-log prints them as Kafka's DumpLogSegments does.
    std::ostringstream dump, dumpErr;
    QVERIFY(dumpFile(c.path() / "broker-1" / "t-0" / "00000000000000000000.log", DumpOptions {}, dump, dumpErr));
    QVERIFY2(dump.str().find("baseOffset: 3 lastOffset: 4 count: 2 baseSequence: 3 lastSequence: 4 "
                             "producerId: 0 producerEpoch: 0 ")
            != std::string::npos,
        dump.str().c_str());
}

void TestIdempotentProducer::idempotenceNeedsAcksAll()
{
    ClusterFixture c(1);
    QVERIFY(c.createTopic("t", 1));
    for (Acks acks : {Acks::Leader, Acks::None}) {
        ProduceRequest r = send("t", 1, "x", acks);
        r.idempotence = true;
        const ProduceResult result = produced(c, r);
        QCOMPARE(result.status.code(), ErrorCode::InvalidConfig);
        QVERIFY2(result.status.message().find("Must set acks to all") != std::string::npos,
            result.status.message().c_str());
    }
    AutoProducerSpec spec;
    spec.topic = std::string("t");
    QCOMPARE(spec.acks, Acks::All); // the auto producer's default is Kafka's
    spec.acks = Acks::Leader;
    spec.idempotence = true;
    QCOMPARE(c.core->startAutoProducer(spec).status().code(), ErrorCode::InvalidConfig);
    QCOMPARE(c.partition("t").replicaStates.front().logEndOffset, int64_t(0));
}

void TestIdempotentProducer::producerIdsComeFromPersistedBlocks()
{
    QTemporaryDir dir;
    ManualClock clock;
    EngineOptions options;
    options.dataDir = std::filesystem::path(dir.path().toStdString());
    options.brokerCount = 1;
    std::vector<int64_t> ids;
    for (int restart = 0; restart < 2; ++restart) {
        auto opened = EngineCore::open(options, clock);
        QVERIFY(opened);
        auto &core = *opened;
        if (restart == 0) {
            TopicConfig config;
            config.replicationFactor = 1;
            QVERIFY(core->createTopic("t", config));
        }
        ProduceRequest r = ClusterFixture::request("t", 1, "v", Acks::All);
        std::optional<ProduceResult> answer;
        core->produceAsync(r, [&](ProduceResult result) { answer = std::move(result); });
        core->advanceTo(clock, clock.nowMs() + 100);
        QVERIFY(answer && answer->status.isOk());
        ids.push_back(answer->producerId);
        AutoProducerSpec spec;
        spec.topic = std::string("t");
        spec.count = 1;
        auto autoId = core->startAutoProducer(spec);
        QVERIFY(autoId);
        ids.push_back(static_cast<int64_t>(*autoId));
        core->shutdown();
    }
    // The rest of a block is skipped at a restart: the controller persisted the next block.
    QCOMPARE(ids, (std::vector<int64_t> {0, 1, 1000, 1001}));
}

void TestIdempotentProducer::resentBatchAnsweredWithOriginalOffsets()
{
    ClusterFixture c(3);
    QVERIFY(c.createTopic("t", 3));
    QCOMPARE(offsetsOf(produced(c, send("t", 3, "a"))), (std::vector<int64_t> {0, 1, 2}));
    QCOMPARE(offsetsOf(produced(c, send("t", 2, "b"))), (std::vector<int64_t> {3, 4}));
    // The producer did not get the answer to sequences 0..2 and sends the batch again.
    ProduceRequest resend = send("t", 3, "a");
    resend.resendSequence = 0;
    const ProduceResult again = produced(c, resend);
    QVERIFY2(again.status.isOk(), again.status.toString().c_str());
    QCOMPARE(offsetsOf(again), (std::vector<int64_t> {0, 1, 2}));
    QVERIFY(again.records[0].duplicate);
    QCOMPARE(c.partition("t").replicaStates.front().logEndOffset, int64_t(5)); // not appended again
    // Five more batches push sequences 0..2 (and 3..4) out of the leader's last 5: a resend of
    // them is now out of order, as Kafka answers it.
    for (int i = 0; i < 5; ++i)
        QVERIFY(produced(c, send("t", 1, "c")).status.isOk());
    const ProduceResult tooOld = produced(c, resend);
    QCOMPARE(tooOld.status.code(), ErrorCode::OutOfOrderSequenceNumber);
    ProduceRequest recent = send("t", 1, "c");
    recent.resendSequence = 9; // the newest batch: still remembered
    const ProduceResult dup = produced(c, recent);
    QVERIFY2(dup.status.isOk(), dup.status.toString().c_str());
    QCOMPARE(offsetsOf(dup), (std::vector<int64_t> {9}));
    QCOMPARE(c.partition("t").replicaStates.front().logEndOffset, int64_t(10));
}

void TestIdempotentProducer::gapIsOutOfOrder()
{
    ClusterFixture c(1);
    QVERIFY(c.createTopic("t", 1));
    QVERIFY(produced(c, send("t", 2, "a")).status.isOk());
    ProduceRequest gap = send("t", 1, "b");
    gap.resendSequence = 5; // 2 expected
    const ProduceResult refused = produced(c, gap);
    QCOMPARE(refused.status.code(), ErrorCode::OutOfOrderSequenceNumber);
    QVERIFY2(refused.status.message().find("expected 2") != std::string::npos, refused.status.message().c_str());
    QCOMPARE(c.partition("t").replicaStates.front().logEndOffset, int64_t(2)); // nothing appended
    // The producer's own next send is in sequence.
    const ProduceResult next = produced(c, send("t", 1, "c"));
    QVERIFY(next.status.isOk());
    QCOMPARE(next.records[0].sequence, 2);
}

void TestIdempotentProducer::unknownProducerStartsAtAnySequenceAndSequencesWrap()
{
    ClusterFixture c(1);
    QVERIFY(c.createTopic("t", 1));
    ProduceRequest first = send("t", 3, "a");
    first.resendSequence = INT32_MAX - 1; // the leader has never seen this producer: accepted
    const ProduceResult r = produced(c, first);
    QVERIFY2(r.status.isOk(), r.status.toString().c_str());
    QCOMPARE(r.records[0].sequence, INT32_MAX - 1);
    QCOMPARE(r.records[1].sequence, INT32_MAX);
    QCOMPARE(r.records[2].sequence, 0); // wraps as DefaultRecordBatch.incrementSequence
    ProduceRequest next = send("t", 1, "b");
    next.resendSequence = 1; // follows 0
    QVERIFY(produced(c, next).status.isOk());
    const auto batches = oracleBatches(c, 1, "t-0");
    QCOMPARE(batches.size(), size_t(2));
    QCOMPARE(batches[0].baseSequence, INT32_MAX - 1);
    QCOMPARE(batches[1].baseSequence, 1);
}

void TestIdempotentProducer::stateSurvivesLeaderChange()
{
    ClusterFixture c(3);
    QVERIFY(c.createTopic("t", 3));
    QCOMPARE(offsetsOf(produced(c, send("t", 3, "a"))), (std::vector<int64_t> {0, 1, 2}));
    QCOMPARE(offsetsOf(produced(c, send("t", 2, "b"))), (std::vector<int64_t> {3, 4}));
    c.advance(500);
    const PartitionSnapshot before = c.partition("t");
    QVERIFY(c.core->crashBroker(before.leader));
    c.advance(15000); // long enough for the controller to fence the broker and elect another
    const PartitionSnapshot after = c.partition("t");
    QVERIFY(after.leader >= 0 && after.leader != before.leader);
    // The new leader knows the producer's last batches from its own copy of the log.
    ProduceRequest resend = send("t", 2, "b");
    resend.resendSequence = 3;
    const ProduceResult again = produced(c, resend);
    QVERIFY2(again.status.isOk(), again.status.toString().c_str());
    QCOMPARE(offsetsOf(again), (std::vector<int64_t> {3, 4}));
    QVERIFY(again.records[0].duplicate);
    ProduceRequest gap = send("t", 1, "c");
    gap.resendSequence = 7;
    QCOMPARE(produced(c, gap).status.code(), ErrorCode::OutOfOrderSequenceNumber);
    const ProduceResult next = produced(c, send("t", 1, "d"));
    QVERIFY2(next.status.isOk(), next.status.toString().c_str());
    QCOMPARE(offsetsOf(next), (std::vector<int64_t> {5}));
    QCOMPARE(next.records[0].sequence, 5);
}

// Records acknowledged by a leader alone in its ISR are lost with an unclean election: the new
// leader's last sequence is behind the producer's, which gets OUT_OF_ORDER_SEQUENCE_NUMBER once,
// bumps its epoch (as Java's idempotent producer) and goes on from sequence 0.
void TestIdempotentProducer::lostRecordsBumpTheEpoch()
{
    ClusterFixture c(2);
    QVERIFY(c.createTopic("t", 2, 1, true));
    QVERIFY(produced(c, send("t", 2, "a")).status.isOk());
    c.advance(500);
    const PartitionSnapshot p = c.partition("t");
    const int32_t follower = p.replicas[0] == p.leader ? p.replicas[1] : p.replicas[0];
    QVERIFY(c.core->crashBroker(follower));
    c.advance(15000); // the follower leaves the ISR
    auto lost = c.produceAsync(send("t", 3, "lost")); // sequences 2..4, only on the leader
    c.advance(100);
    QVERIFY(lost->has_value() && (*lost)->status.isOk());
    QVERIFY(c.core->crashBroker(p.leader));
    QVERIFY(c.core->restartBroker(follower));
    c.advance(15000);
    QCOMPARE(c.partition("t").leader, follower); // unclean: the follower without 2..4 leads
    const ProduceResult refused = produced(c, send("t", 1, "b"));
    QCOMPARE(refused.status.code(), ErrorCode::OutOfOrderSequenceNumber);
    const ProduceResult next = produced(c, send("t", 1, "c"));
    QVERIFY2(next.status.isOk(), next.status.toString().c_str());
    QCOMPARE(next.producerEpoch, int16_t(1));
    QCOMPARE(next.records[0].sequence, 0);
}

QTEST_GUILESS_MAIN(TestIdempotentProducer)
#include "test_idempotent_producer.moc"
