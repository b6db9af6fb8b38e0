// The partition Log: validation on append (nothing written on error), rolling by segment.bytes
// and segment.ms (ManualClock), retention by bytes and by time (whole segments, log start
// offset advancing, never the active segment), and truncateTo / truncateFullyAndStartAt for
// replication.
#include "log_storage_fixtures.h"

#include "core/clock.h"
#include "log/log.h"

#include <QtTest>

using namespace kl;
using namespace kl::testing;

class TestLog : public QObject {
    Q_OBJECT

private slots:
    void rejectsBadBatches_data();
    void rejectsBadBatches();
    void rollBySegmentBytes();
    void rollBySegmentMs();
    void rollWhenIndexFull();
    void retentionByBytes();
    void retentionByMs();
    void retentionMsEverythingExpired();
    void truncateToRoundsDownToBatch();
    void truncateAcrossSegments();
    void truncateBelowLogStart();
    void truncateFullyAndStartAt_data();
    void truncateFullyAndStartAt();
    void truncateFullyRefusesBadOffsets();
    void uuidTextAsKafka();
    void partitionMetadataWrittenAndChecked();
};

void TestLog::rejectsBadBatches_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<int>("code");
    QTest::newRow("flipped record byte") << "crc" << int(ErrorCode::CorruptMessage);
    QTest::newRow("bad magic") << "magic" << int(ErrorCode::CorruptMessage);
    QTest::newRow("truncated") << "truncate" << int(ErrorCode::CorruptMessage);
    QTest::newRow("two batches") << "double" << int(ErrorCode::CorruptMessage);
    QTest::newRow("too large") << "large" << int(ErrorCode::MessageTooLarge);
    QTest::newRow("larger than a segment") << "segment" << int(ErrorCode::RecordListTooLarge);
}

void TestLog::rejectsBadBatches()
{
    QFETCH(QString, damage);
    QFETCH(int, code);
    QTemporaryDir tmp;
    ManualClock clock;
    LogConfig config;
    config.maxMessageBytes = 2000;
    auto log = Log::open(tempPath(tmp), config, clock);
    QVERIFY(log);
    QVERIFY((*log)->appendAsLeader(makeBatch(2, kT0)));
    const int64_t sizeBefore = (*log)->sizeBytes();
    Bytes batch = makeBatch(3, kT0 + 1);
    if (damage == "crc")
        batch[batch.size() - 3] ^= 0x40;
    else if (damage == "magic")
        batch[16] = 1;
    else if (damage == "truncate")
        batch.resize(batch.size() - 1);
    else if (damage == "double") {
        const Bytes copy = batch;
        batch.insert(batch.end(), copy.begin(), copy.end());
    }
    else if (damage == "large")
        batch = makeBatch(30, kT0 + 1);
    else if (damage == "segment") {
        config.segmentBytes = 1000;
        (*log)->setConfig(config);
        batch = makeBatch(9, kT0 + 1); // under max.message.bytes 2000, over segment.bytes
    }
    auto r = (*log)->appendAsLeader(batch);
    QVERIFY(!r);
    QCOMPARE(int(r.status().code()), code);
    QVERIFY(!r.status().message().empty());
    QCOMPARE((*log)->sizeBytes(), sizeBefore);
    QCOMPARE((*log)->logEndOffset(), int64_t(2));
    QCOMPARE(int64_t(readAll(segmentFile((*log)->dir(), 0, ".log")).size()), sizeBefore);
}

void TestLog::rollBySegmentBytes()
{
    QTemporaryDir tmp;
    ManualClock clock;
    EventRecorder rec;
    const int64_t S = static_cast<int64_t>(makeBatch(1, kT0).size());
    LogConfig config;
    config.segmentBytes = 3 * S;
    auto log = Log::open(tempPath(tmp), config, clock, rec.sink());
    QVERIFY(log);
    for (int k = 0; k < 7; ++k)
        QVERIFY((*log)->appendAsLeader(makeBatch(1, kT0 + k)));
    const auto segs = (*log)->segments();
    QCOMPARE(segs.size(), size_t(3));
    QCOMPARE(segs[0].baseOffset, int64_t(0));
    QCOMPARE(segs[1].baseOffset, int64_t(3));
    QCOMPARE(segs[2].baseOffset, int64_t(6));
    QCOMPARE(segs[0].sizeBytes, 3 * S);
    QCOMPARE(segs[0].nextOffset, int64_t(3));
    QCOMPARE(segs[0].recordCount, int64_t(3));
    QVERIFY(!segs[0].active && !segs[1].active && segs[2].active);
    QVERIFY(std::filesystem::exists(segmentFile((*log)->dir(), 6, ".log")));
    QVERIFY(std::filesystem::exists(segmentFile((*log)->dir(), 6, ".timeindex")));
    QCOMPARE(rec.count(LogEventType::SegmentRolled), 2);
    QCOMPARE(rec.events[0].baseOffset, int64_t(3));
    QVERIFY2(rec.events[0].detail.find("segment.bytes " + std::to_string(3 * S)) != std::string::npos,
             rec.events[0].detail.c_str());
    // The rolled segment got its final time index entry (largest timestamp, its offset).
    QCOMPARE(readAll(segmentFile((*log)->dir(), 0, ".timeindex")), timeIndexBytes({{kT0 + 2, 2}}));
}

void TestLog::rollBySegmentMs()
{
    QTemporaryDir tmp;
    ManualClock clock;
    EventRecorder rec;
    LogConfig config;
    config.segmentMs = 1000;
    auto log = Log::open(tempPath(tmp), config, clock, rec.sink());
    QVERIFY(log);
    (*log)->maybeRollByTime(); // empty active segment: never rolled
    clock.advance(5000);
    (*log)->maybeRollByTime();
    QCOMPARE((*log)->segments().size(), size_t(1));

    QVERIFY((*log)->appendAsLeader(makeBatch(1, kT0)));
    clock.advance(1000);
    QVERIFY((*log)->appendAsLeader(makeBatch(1, kT0))); // exactly segment.ms: not yet
    (*log)->maybeRollByTime();
    QCOMPARE((*log)->segments().size(), size_t(1));
    clock.advance(1);
    auto info = (*log)->appendAsLeader(makeBatch(1, kT0)); // rolls first
    QVERIFY(info);
    auto segs = (*log)->segments();
    QCOMPARE(segs.size(), size_t(2));
    QCOMPARE(segs[1].baseOffset, int64_t(2));
    QCOMPARE(info->firstOffset, int64_t(2));
    QVERIFY(rec.first(LogEventType::SegmentRolled)->detail.find("segment.ms 1000") != std::string::npos);

    clock.advance(1001);
    (*log)->maybeRollByTime();
    segs = (*log)->segments();
    QCOMPARE(segs.size(), size_t(3));
    QCOMPARE(segs[2].baseOffset, int64_t(3));
    QCOMPARE(segs[2].sizeBytes, int64_t(0));
    QCOMPARE(segs[2].createdMs, clock.nowMs());
    clock.advance(5000);
    (*log)->maybeRollByTime(); // the new one is empty
    QCOMPARE((*log)->segments().size(), size_t(3));
    QCOMPARE(rec.count(LogEventType::SegmentRolled), 2);
}

// segment.index.bytes 24: the time index is full at 2 entries (24 / 12), the offset index at 3.
// Interval 0: every append but a segment's first adds an entry (timestamps increase).
void TestLog::rollWhenIndexFull()
{
    QTemporaryDir tmp;
    ManualClock clock;
    EventRecorder rec;
    LogConfig config;
    config.indexIntervalBytes = 0;
    config.segmentIndexBytes = 24;
    auto log = Log::open(tempPath(tmp), config, clock, rec.sink());
    QVERIFY(log);
    for (int k = 0; k < 7; ++k)
        QVERIFY((*log)->appendAsLeader(makeBatch(1, kT0 + k)));
    const auto segs = (*log)->segments();
    QCOMPARE(segs.size(), size_t(3)); // 0,1,2 | 3,4,5 | 6
    QCOMPARE(segs[1].baseOffset, int64_t(3));
    QCOMPARE(segs[2].baseOffset, int64_t(6));
    QCOMPARE(segs[0].indexEntries, 2);
    QCOMPARE(segs[0].timeIndexEntries, 2);
    QVERIFY2(rec.first(LogEventType::SegmentRolled)->detail.find("index full") != std::string::npos,
             rec.first(LogEventType::SegmentRolled)->detail.c_str());
}

void TestLog::retentionByBytes()
{
    QTemporaryDir tmp;
    ManualClock clock;
    EventRecorder rec;
    const int64_t S = static_cast<int64_t>(makeBatch(1, kT0).size());
    LogConfig config;
    config.segmentBytes = 3 * S;
    config.retentionBytes = 4 * S;
    auto log = Log::open(tempPath(tmp), config, clock, rec.sink());
    QVERIFY(log);
    for (int k = 0; k < 9; ++k)
        QVERIFY((*log)->appendAsLeader(makeBatch(1, clock.nowMs())));
    QCOMPARE((*log)->segments().size(), size_t(3));
    // 9S total: without the oldest 6S >= 4S -> delete; without the next 3S < 4S -> keep.
    QCOMPARE((*log)->enforceRetention(), 1);
    QCOMPARE((*log)->logStartOffset(), int64_t(3));
    QCOMPARE((*log)->sizeBytes(), 6 * S);
    QVERIFY(!std::filesystem::exists(segmentFile((*log)->dir(), 0, ".log")));
    QVERIFY(!std::filesystem::exists(segmentFile((*log)->dir(), 0, ".index")));
    QVERIFY(!std::filesystem::exists(segmentFile((*log)->dir(), 0, ".timeindex")));
    QCOMPARE(rec.count(LogEventType::SegmentDeleted), 1);
    QCOMPARE(rec.first(LogEventType::SegmentDeleted)->baseOffset, int64_t(0));
    QVERIFY(rec.first(LogEventType::SegmentDeleted)->detail.find("retention.bytes") != std::string::npos);
    QCOMPARE((*log)->read(2, 100).status().code(), ErrorCode::OffsetOutOfRange);
    QVERIFY((*log)->read(3, 100));
    QCOMPARE((*log)->enforceRetention(), 0);

    // retention.bytes 0 removes everything but the active segment.
    config.retentionBytes = 0;
    (*log)->setConfig(config);
    QCOMPARE((*log)->enforceRetention(), 1);
    QCOMPARE((*log)->segments().size(), size_t(1));
    QCOMPARE((*log)->logStartOffset(), int64_t(6));
    QCOMPARE((*log)->logEndOffset(), int64_t(9));
}

void TestLog::retentionByMs()
{
    QTemporaryDir tmp;
    ManualClock clock;
    EventRecorder rec;
    const int64_t S = static_cast<int64_t>(makeBatch(1, kT0).size());
    LogConfig config;
    config.segmentBytes = 2 * S;
    config.retentionMs = 60000;
    auto log = Log::open(tempPath(tmp), config, clock, rec.sink());
    QVERIFY(log);
    // Segments [0,1] ts T0, T0+10; [2,3] ts T0+30000, T0+20000 (max 30000); [4] ts T0+50000.
    const int64_t stamps[] = {kT0, kT0 + 10, kT0 + 30000, kT0 + 20000, kT0 + 50000};
    for (int64_t ts : stamps)
        QVERIFY((*log)->appendAsLeader(makeBatch(1, ts)));
    QCOMPARE((*log)->segments().size(), size_t(3));
    clock.set(kT0 + 60010); // first segment: 60000 ms old, not more
    QCOMPARE((*log)->enforceRetention(), 0);
    clock.set(kT0 + 60011);
    QCOMPARE((*log)->enforceRetention(), 1);
    QCOMPARE((*log)->logStartOffset(), int64_t(2));
    const LogEvent *e = rec.first(LogEventType::SegmentDeleted);
    QVERIFY(e);
    QVERIFY2(e->detail.find("retention.ms 60000 exceeded: largest timestamp " + std::to_string(kT0 + 10)) !=
                 std::string::npos,
             e->detail.c_str());
    clock.set(kT0 + 90001); // the second segment's largest timestamp is T0+30000
    QCOMPARE((*log)->enforceRetention(), 1);
    QCOMPARE((*log)->logStartOffset(), int64_t(4));
    QCOMPARE((*log)->segments().size(), size_t(1));
    // retention.ms -1: unlimited.
    config.retentionMs = -1;
    (*log)->setConfig(config);
    clock.set(kT0 + 10'000'000);
    QCOMPARE((*log)->enforceRetention(), 0);
}

void TestLog::retentionMsEverythingExpired()
{
    QTemporaryDir tmp;
    ManualClock clock;
    EventRecorder rec;
    const int64_t S = static_cast<int64_t>(makeBatch(1, kT0).size());
    LogConfig config;
    config.segmentBytes = 2 * S;
    config.retentionMs = 1000;
    auto log = Log::open(tempPath(tmp), config, clock, rec.sink());
    QVERIFY(log);
    for (int k = 0; k < 3; ++k)
        QVERIFY((*log)->appendAsLeader(makeBatch(1, kT0)));
    clock.set(kT0 + 5000);
    QCOMPARE((*log)->enforceRetention(), 2);
    const auto segs = (*log)->segments();
    QCOMPARE(segs.size(), size_t(1));
    QCOMPARE(segs[0].baseOffset, int64_t(3));
    QCOMPARE(segs[0].sizeBytes, int64_t(0));
    QCOMPARE((*log)->logStartOffset(), int64_t(3));
    QCOMPARE((*log)->logEndOffset(), int64_t(3));
    QCOMPARE(rec.count(LogEventType::SegmentRolled), 2); // one by bytes, one for retention
    auto info = (*log)->appendAsLeader(makeBatch(1, clock.nowMs()));
    QVERIFY(info);
    QCOMPARE(info->firstOffset, int64_t(3));
    QVERIFY((*log)->read(3, 100));
}

void TestLog::truncateToRoundsDownToBatch()
{
    QTemporaryDir tmp;
    ManualClock clock;
    const int32_t B = static_cast<int32_t>(makeBatch(3, kT0).size());
    LogConfig config;
    config.indexIntervalBytes = 1;
    auto log = Log::open(tempPath(tmp), config, clock);
    QVERIFY(log);
    for (int k = 0; k < 5; ++k) // batches 0-2, 3-5, 6-8, 9-11, 12-14
        QVERIFY((*log)->appendAsLeader(makeBatch(3, kT0 + k)));
    // Index entries at batches 1..4: (5, B), (8, 2B), (11, 3B), (14, 4B).
    QCOMPARE((*log)->segments()[0].indexEntries, 4);
    QVERIFY((*log)->truncateTo(7)); // inside batch 6-8: that batch goes too
    QCOMPARE((*log)->logEndOffset(), int64_t(6));
    QCOMPARE((*log)->sizeBytes(), int64_t(2) * B);
    const auto dir = (*log)->dir();
    QCOMPARE(offsetIndexEntries(segmentFile(dir, 0, ".index")), offsetIndexBytes({{5, B}}));
    QCOMPARE(timeIndexEntries(segmentFile(dir, 0, ".timeindex")), timeIndexBytes({{kT0 + 1, 5}}));
    const auto seg = (*log)->segments()[0];
    QCOMPARE(seg.recordCount, int64_t(6));
    QCOMPARE(seg.maxTimestamp, kT0 + 1);
    QVERIFY((*log)->truncateTo(6)); // already the end: nothing
    QCOMPARE((*log)->sizeBytes(), int64_t(2) * B);
    auto info = (*log)->appendAsLeader(makeBatch(3, kT0 + 9));
    QVERIFY(info);
    QCOMPARE(info->firstOffset, int64_t(6));
    auto r = (*log)->read(6, 1 << 20);
    QVERIFY(r);
    auto records = decodeRecords(r->data);
    QVERIFY(records);
    QCOMPARE((*records)[0].timestamp, kT0 + 9);
}

void TestLog::truncateAcrossSegments()
{
    QTemporaryDir tmp;
    ManualClock clock;
    const int64_t S = static_cast<int64_t>(makeBatch(1, kT0).size());
    LogConfig config;
    config.segmentBytes = 2 * S;
    auto log = Log::open(tempPath(tmp), config, clock);
    QVERIFY(log);
    for (int k = 0; k < 7; ++k)
        QVERIFY((*log)->appendAsLeader(makeBatch(1, kT0 + k)));
    QCOMPARE((*log)->segments().size(), size_t(4));
    QVERIFY((*log)->truncateTo(4)); // segment 4 kept, emptied; segment 6 removed
    const auto segs = (*log)->segments();
    QCOMPARE(segs.size(), size_t(3));
    QCOMPARE(segs.back().baseOffset, int64_t(4));
    QCOMPARE(segs.back().sizeBytes, int64_t(0));
    QVERIFY(segs.back().active);
    QCOMPARE((*log)->logEndOffset(), int64_t(4));
    QVERIFY(!std::filesystem::exists(segmentFile((*log)->dir(), 6, ".log")));
    QVERIFY((*log)->appendAsLeader(makeBatch(1, kT0)));
    QVERIFY((*log)->appendAsLeader(makeBatch(1, kT0)));
    QVERIFY((*log)->appendAsLeader(makeBatch(1, kT0)));
    QCOMPARE((*log)->segments().size(), size_t(4));
    QCOMPARE((*log)->logEndOffset(), int64_t(7));
}

void TestLog::truncateBelowLogStart()
{
    QTemporaryDir tmp;
    ManualClock clock;
    const int64_t S = static_cast<int64_t>(makeBatch(1, kT0).size());
    LogConfig config;
    config.segmentBytes = 2 * S;
    config.retentionBytes = 2 * S;
    auto log = Log::open(tempPath(tmp), config, clock);
    QVERIFY(log);
    for (int k = 0; k < 6; ++k)
        QVERIFY((*log)->appendAsLeader(makeBatch(1, kT0 + k)));
    QCOMPARE((*log)->enforceRetention(), 2);
    QCOMPARE((*log)->logStartOffset(), int64_t(4));
    QVERIFY((*log)->truncateTo(1));
    QCOMPARE((*log)->logStartOffset(), int64_t(1));
    QCOMPARE((*log)->logEndOffset(), int64_t(1));
    QCOMPARE((*log)->segments().size(), size_t(1));
    QVERIFY(std::filesystem::exists(segmentFile((*log)->dir(), 1, ".log")));
    QVERIFY(!std::filesystem::exists(segmentFile((*log)->dir(), 4, ".log")));
    auto info = (*log)->appendAsLeader(makeBatch(1, kT0));
    QVERIFY(info);
    QCOMPARE(info->firstOffset, int64_t(1));
}

void TestLog::truncateFullyAndStartAt_data()
{
    QTest::addColumn<qint64>("startAt");
    QTest::addColumn<bool>("cleanClose");
    // The log holds offsets 4..5 (segments 4 and 6 after retention); 6 is its end.
    QTest::newRow("above the log end (follower behind the leader's log start), clean") << qint64(40) << true;
    QTest::newRow("above the log end, crash") << qint64(40) << false;
    QTest::newRow("below the log start") << qint64(2) << false;
    QTest::newRow("at an existing segment's base") << qint64(4) << true;
    QTest::newRow("at the log end (the empty active segment's base)") << qint64(6) << false;
}

void TestLog::truncateFullyAndStartAt()
{
    QFETCH(qint64, startAt);
    QFETCH(bool, cleanClose);
    QTemporaryDir tmp;
    ManualClock clock;
    const int64_t S = static_cast<int64_t>(makeBatch(1, kT0).size());
    LogConfig config;
    config.segmentBytes = 2 * S;
    config.retentionBytes = 2 * S;
    const auto dir = tempPath(tmp);
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        for (int k = 0; k < 6; ++k)
            QVERIFY((*log)->appendAsLeader(makeBatch(1, kT0 + k)));
        QCOMPARE((*log)->enforceRetention(), 2);
        QCOMPARE((*log)->logStartOffset(), int64_t(4));
        QVERIFY((*log)->read(4, 1 << 20)); // leaves a read descriptor open on segment 4
        QVERIFY((*log)->truncateFullyAndStartAt(startAt));
        QCOMPARE((*log)->logStartOffset(), int64_t(startAt));
        QCOMPARE((*log)->logEndOffset(), int64_t(startAt));
        QCOMPARE((*log)->sizeBytes(), int64_t(0));
        const auto segs = (*log)->segments();
        QCOMPARE(segs.size(), size_t(1));
        QCOMPARE(segs[0].baseOffset, int64_t(startAt));
        QVERIFY(segs[0].active);
        for (int64_t base : {int64_t(0), int64_t(2), int64_t(4), int64_t(6)})
            QCOMPARE(std::filesystem::exists(segmentFile(dir, base, ".log")), base == startAt);
        QVERIFY(std::filesystem::exists(segmentFile(dir, startAt, ".index")));
        QVERIFY(std::filesystem::exists(segmentFile(dir, startAt, ".timeindex")));
        QCOMPARE((*log)->read(startAt - 1, 100).status().code(), ErrorCode::OffsetOutOfRange);
        if (cleanClose)
            (*log)->close();
    }
    // A reopen (after a clean close or a crash) recovers the same log start offset.
    auto log = Log::open(dir, config, clock);
    QVERIFY(log);
    QCOMPARE((*log)->logStartOffset(), int64_t(startAt));
    QCOMPARE((*log)->logEndOffset(), int64_t(startAt));
    auto info = (*log)->appendAsLeader(makeBatch(2, kT0 + 9));
    QVERIFY2(info, info.status().toString().c_str());
    QCOMPARE(info->firstOffset, int64_t(startAt));
    QCOMPARE((*log)->logEndOffset(), int64_t(startAt + 2));
    auto read = (*log)->read(startAt, 1 << 20);
    QVERIFY(read);
    auto records = decodeRecords(read->data);
    QVERIFY(records);
    QCOMPARE(records->size(), size_t(2));
    QCOMPARE((*records)[0].offset, int64_t(startAt));
}

void TestLog::truncateFullyRefusesBadOffsets()
{
    QTemporaryDir tmp;
    ManualClock clock;
    auto log = Log::open(tempPath(tmp), LogConfig {}, clock);
    QVERIFY(log);
    QVERIFY((*log)->appendAsLeader(makeBatch(3, kT0)));
    QCOMPARE((*log)->truncateFullyAndStartAt(-1).code(), ErrorCode::InvalidRequest);
    QCOMPARE((*log)->logEndOffset(), int64_t(3)); // nothing changed
    QCOMPARE((*log)->segments().size(), size_t(1));
    (*log)->close();
    QCOMPARE((*log)->truncateFullyAndStartAt(10).code(), ErrorCode::KafkaStorageError);
}

// Kafka's Uuid.toString: the 16 bytes, most significant long first, in URL-safe base64
// without padding (expected texts from Python's base64.urlsafe_b64encode).
void TestLog::uuidTextAsKafka()
{
    QCOMPARE(Uuid {}.toString(), std::string("AAAAAAAAAAAAAAAAAAAAAA"));
    const Uuid counting { 0x0001020304050607ULL, 0x08090a0b0c0d0e0fULL };
    QCOMPARE(counting.toString(), std::string("AAECAwQFBgcICQoLDA0ODw"));
    const Uuid high { 0xfbffffffffffffffULL, 0xffffffffffffffffULL };
    QCOMPARE(high.toString(), std::string("-____________________w"));
    QVERIFY(Uuid::fromString("AAECAwQFBgcICQoLDA0ODw") == counting);
    QVERIFY(!Uuid::fromString("AAECAwQFBgcICQoLDA0OD"));   // 21 characters
    QVERIFY(!Uuid::fromString("AAECAwQFBgcICQoLDA0OD+")); // not URL-safe base64
    QVERIFY(!Uuid::fromString("AAECAwQFBgcICQoLDA0ODx")); // spare bits set
    // Seeded: the same generator state gives the same ids; version 4 and never '-' first.
    std::mt19937_64 a(7), b(7);
    for (int i = 0; i < 200; ++i) {
        const Uuid id = Uuid::random(a);
        QVERIFY(id == Uuid::random(b));
        QCOMPARE((id.mostSignificantBits >> 12) & 0xF, uint64_t(4));
        QCOMPARE(id.leastSignificantBits >> 62, uint64_t(2));
        QVERIFY(id.toString().front() != '-');
        QVERIFY(Uuid::fromString(id.toString()) == id);
    }
}

// partition.metadata as Kafka's PartitionMetadataFile writes it, written when the log opens
// with a topic id; a log reopened with another id is refused, naming the file; one opened
// without an id reads it back.
void TestLog::partitionMetadataWrittenAndChecked()
{
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const Uuid id { 0x0001020304050607ULL, 0x08090a0b0c0d0e0fULL };
    LogOpenOptions options;
    options.topicId = id;
    {
        auto log = Log::open(dir, LogConfig {}, clock, {}, options);
        QVERIFY(log);
        QVERIFY((*log)->topicId() == id);
        (*log)->close();
    }
    const Bytes metadata = readAll(dir / "partition.metadata");
    QCOMPARE(std::string(metadata.begin(), metadata.end()), std::string("version: 0\ntopic_id: AAECAwQFBgcICQoLDA0ODw"));
    {
        auto log = Log::open(dir, LogConfig {}, clock);
        QVERIFY(log);
        QVERIFY((*log)->topicId() == id);
        (*log)->close();
    }
    options.topicId = Uuid { 1, 2 };
    auto refused = Log::open(dir, LogConfig {}, clock, {}, options);
    QVERIFY(!refused);
    QVERIFY2(refused.status().message().find((dir / "partition.metadata").string()) != std::string::npos,
        refused.status().message().c_str());
    writeAll(dir / "partition.metadata", Bytes { 'v', 'e', 'r' });
    auto malformed = Log::open(dir, LogConfig {}, clock);
    QVERIFY(!malformed);
    QVERIFY2(malformed.status().message().find("partition.metadata") != std::string::npos,
        malformed.status().message().c_str());
}

QTEST_APPLESS_MAIN(TestLog)
#include "test_log.moc"
