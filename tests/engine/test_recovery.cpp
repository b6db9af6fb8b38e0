// Recovery on open: a torn tail and a corrupt batch at or above the recovery point are cut (and
// reported) without losing any complete batch before them; damage below it (a corrupt flushed
// segment, a zero-length or copied segment) is reported and kept, never a reason to drop what
// follows; a missing or corrupt index is rebuilt by Kafka's recovery rule
// (identical to the live index for one-batch appends); the recovered log appends correctly;
// a clean close and reopen preserves everything. A "crash" is dropping the Log without close().
#include "log_storage_fixtures.h"

#include "core/clock.h"
#include "log/log.h"

#include <QtTest>

#include <filesystem>

using namespace kl;
using namespace kl::testing;

namespace fs = std::filesystem;

class TestRecovery : public QObject {
    Q_OBJECT

private slots:
    void cleanReopenPreservesEverything();
    void tornTail_data();
    void tornTail();
    void corruptCrcInLastSegment();
    void uncleanShutdownValidatesEverySegment();
    void cleanShutdownTrustsOlderSegments();
    void legacyMarkerCountsCleanOnce();
    void recoveryPointAfterCrash();
    void damageBelowRecoveryPointKeepsTheRest();
    void zeroLengthMiddleSegmentIsAGap();
    void copiedSegmentOverlaps();
    void indexRebuilt_data();
    void indexRebuilt();
    void strayOverflowingNameIgnored();
    void forEachRecordWithinBounds();

private:
    // `batches` two-record batches (batch k: offsets 2k, 2k+1; timestamp T0 + 10k).
    static void fill(Log &log, int batches);
};

namespace {

// Two records per batch, so a batch's last offset differs from its base offset: index entries
// must name the last one.
const int64_t S = static_cast<int64_t>(makeBatch(2, kT0).size());

// index.interval.bytes 2.5 S (entries at batches 3, 6, 9 ...), `perSegment` batches a segment.

LogConfig smallConfig(int perSegment)
{
    LogConfig config;
    config.segmentBytes = perSegment * S;
    config.indexIntervalBytes = static_cast<int32_t>(S * 5 / 2);
    return config;
}

// What a broker passes when its log directory held .kafka_cleanshutdown.
LogOpenOptions cleanOpen()
{
    LogOpenOptions options;
    options.hadCleanShutdown = true;
    return options;
}

void chop(const fs::path &file, int64_t bytes)
{
    fs::resize_file(file, fs::file_size(file) - static_cast<uintmax_t>(bytes));
}

void flipByte(const fs::path &file, int64_t position)
{
    Bytes data = readAll(file);
    data[static_cast<size_t>(position)] ^= 0x01;
    writeAll(file, data);
}

} // namespace

void TestRecovery::fill(Log &log, int batches)
{
    for (int k = 0; k < batches; ++k) {
        auto r = log.appendAsLeader(makeBatch(2, kT0 + 10 * k));
        QVERIFY(r);
    }
}

void TestRecovery::cleanReopenPreservesEverything()
{
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const LogConfig config = smallConfig(4);
    std::vector<SegmentInfo> before;
    Bytes index0, timeIndex0, read5;
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        fill(**log, 10);
        (*log)->close();
        // The marker is the log directory's (the broker's), not the partition's.
        QVERIFY(!fs::exists(dir / ".kafkalab_cleanshutdown"));
        QVERIFY(!fs::exists(dir / ".kafka_cleanshutdown"));
        QCOMPARE((*log)->recoveryPoint(), int64_t(20)); // flushed to the log end on close
        before = (*log)->segments();
        index0 = readAll(segmentFile(dir, 8, ".index"));
        timeIndex0 = readAll(segmentFile(dir, 8, ".timeindex"));
        read5 = (*log)->read(5, 1 << 20)->data;
    }
    EventRecorder rec;
    auto log = Log::open(dir, config, clock, rec.sink(), cleanOpen());
    QVERIFY(log);
    QCOMPARE((*log)->recoveryPoint(), int64_t(20));
    QVERIFY2(rec.events.empty(), rec.events.empty() ? "" : rec.events[0].detail.c_str());
    const auto after = (*log)->segments();
    QCOMPARE(after.size(), before.size());
    QCOMPARE(after.size(), size_t(3));
    for (size_t i = 0; i < after.size(); ++i) {
        QCOMPARE(after[i].baseOffset, before[i].baseOffset);
        QCOMPARE(after[i].nextOffset, before[i].nextOffset);
        QCOMPARE(after[i].sizeBytes, before[i].sizeBytes);
        QCOMPARE(after[i].recordCount, before[i].recordCount);
        QCOMPARE(after[i].batchCount, before[i].batchCount);
        QCOMPARE(after[i].firstTimestamp, before[i].firstTimestamp);
        QCOMPARE(after[i].maxTimestamp, before[i].maxTimestamp);
        QCOMPARE(after[i].indexEntries, before[i].indexEntries);
        QCOMPARE(after[i].timeIndexEntries, before[i].timeIndexEntries);
        QCOMPARE(after[i].active, before[i].active);
    }
    QVERIFY(!index0.empty());
    QCOMPARE(readAll(segmentFile(dir, 8, ".index")), index0);
    QCOMPARE(readAll(segmentFile(dir, 8, ".timeindex")), timeIndex0);
    QCOMPARE((*log)->read(5, 1 << 20)->data, read5);
    QCOMPARE((*log)->logEndOffset(), int64_t(20));
    auto info = (*log)->appendAsLeader(makeBatch(1, kT0 + 500));
    QVERIFY(info);
    QCOMPARE(info->firstOffset, int64_t(20));
}

void TestRecovery::tornTail_data()
{
    QTest::addColumn<int64_t>("chopBytes");
    QTest::addColumn<int64_t>("keptBatches");
    QTest::newRow("one byte") << int64_t(1) << int64_t(9);
    QTest::newRow("inside the records") << S - 70 << int64_t(9);
    QTest::newRow("inside the header") << S - 30 << int64_t(9);
    QTest::newRow("whole batch plus a byte") << S + 1 << int64_t(8);
}

void TestRecovery::tornTail()
{
    QFETCH(int64_t, chopBytes);
    QFETCH(int64_t, keptBatches);
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const LogConfig config = smallConfig(100);
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        fill(**log, 10);
    } // crash: no close()
    chop(segmentFile(dir, 0, ".log"), chopBytes);
    EventRecorder rec;
    auto log = Log::open(dir, config, clock, rec.sink());
    QVERIFY(log);
    QCOMPARE(rec.count(LogEventType::TailTruncated), 1);
    const LogEvent *e = rec.first(LogEventType::TailTruncated);
    const std::string where = "truncated at byte position " + std::to_string(keptBatches * S);
    const std::string removed = std::to_string(10 * S - chopBytes - keptBatches * S) + " bytes removed";
    QVERIFY2(e->detail.find(where) != std::string::npos && e->detail.find(removed) != std::string::npos,
             e->detail.c_str());
    QVERIFY(e->detail.find("00000000000000000000.log") != std::string::npos);
    QCOMPARE((*log)->logEndOffset(), 2 * keptBatches);
    QCOMPARE(int64_t(fs::file_size(segmentFile(dir, 0, ".log"))), keptBatches * S);
    // Every complete batch is still readable; the log continues at the recovered end.
    for (int64_t off = 0; off < 2 * keptBatches; ++off) {
        auto r = (*log)->read(off, 1);
        QVERIFY(r);
        QCOMPARE(headersOf(r->data).at(0).baseOffset, off - off % 2);
    }
    auto info = (*log)->appendAsLeader(makeBatch(1, kT0 + 999));
    QVERIFY(info);
    QCOMPARE(info->firstOffset, 2 * keptBatches);
    auto r = (*log)->read(2 * keptBatches, 1);
    QVERIFY(r);
    QCOMPARE(decodeRecords(r->data)->at(0).timestamp, kT0 + 999);
    // The rebuilt index: (7, 3S), (13, 6S) as the live rule; (19, 9S) only if batch 9 survived.
    const Bytes index = readAll(segmentFile(dir, 0, ".index"));
    QCOMPARE(index.size() % 8, size_t(0));
    QVERIFY(index.size() >= 16);
    QCOMPARE(Bytes(index.begin(), index.begin() + 16),
             offsetIndexBytes({{7, int32_t(3 * S)}, {13, int32_t(6 * S)}}));
}

void TestRecovery::corruptCrcInLastSegment()
{
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const LogConfig config = smallConfig(6);
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        fill(**log, 10); // segments 0 (offsets 0..11) and 12 (12..19)
        (*log)->close();
    }
    // Batch 8 (offsets 16, 17) is the third of the last segment: flip a byte of a record value.
    flipByte(segmentFile(dir, 12, ".log"), 2 * S + S - 5);
    EventRecorder rec;
    auto log = Log::open(dir, config, clock, rec.sink());
    QVERIFY(log);
    QCOMPARE(rec.count(LogEventType::TailTruncated), 1);
    const LogEvent *e = rec.first(LogEventType::TailTruncated);
    QCOMPARE(e->baseOffset, int64_t(12));
    QVERIFY2(e->detail.find("CRC") != std::string::npos, e->detail.c_str());
    QVERIFY(e->detail.find("position " + std::to_string(2 * S)) != std::string::npos);
    QCOMPARE((*log)->logEndOffset(), int64_t(16));
    QCOMPARE((*log)->segments().size(), size_t(2));
    QCOMPARE((*log)->segments()[0].sizeBytes, 6 * S);
    QCOMPARE((*log)->segments()[1].sizeBytes, 2 * S);
    QVERIFY((*log)->read(15, 1));
    auto info = (*log)->appendAsLeader(makeBatch(1, kT0));
    QVERIFY(info);
    QCOMPARE(info->firstOffset, int64_t(16));
}

void TestRecovery::uncleanShutdownValidatesEverySegment()
{
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const LogConfig config = smallConfig(4);
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        fill(**log, 10); // segments 0, 8, 16 (four batches, eight offsets each)
    } // crash
    flipByte(segmentFile(dir, 8, ".log"), S + 70); // batch 5 (offsets 10, 11), inside its records
    EventRecorder rec;
    auto log = Log::open(dir, config, clock, rec.sink());
    QVERIFY(log);
    QCOMPARE(rec.count(LogEventType::TailTruncated), 1);
    QCOMPARE(rec.first(LogEventType::TailTruncated)->baseOffset, int64_t(8));
    // What follows the corrupt batch goes, the later segment included (as Kafka's recoverLog).
    QCOMPARE(rec.count(LogEventType::SegmentDeleted), 1);
    QVERIFY(!fs::exists(segmentFile(dir, 16, ".log")));
    QCOMPARE((*log)->logEndOffset(), int64_t(10));
    QCOMPARE((*log)->segments().size(), size_t(2));
    QVERIFY((*log)->segments()[1].active);
    auto info = (*log)->appendAsLeader(makeBatch(1, kT0));
    QVERIFY(info);
    QCOMPARE(info->firstOffset, int64_t(10));
}

// After a clean close only the last segment's CRCs are checked (as Kafka, which recovers from
// the recovery point): a flipped record byte in an older segment goes unnoticed at open. Its
// headers are still walked, so a structurally broken older segment is caught: being flushed,
// it is reported as corrupt and kept, and the segments after it stay.
void TestRecovery::cleanShutdownTrustsOlderSegments()
{
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const LogConfig config = smallConfig(4);
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        fill(**log, 10); // segments 0, 8, 16
        (*log)->close();
    }
    flipByte(segmentFile(dir, 0, ".log"), S + 70);
    {
        EventRecorder rec;
        auto log = Log::open(dir, config, clock, rec.sink(), cleanOpen());
        QVERIFY(log);
        QCOMPARE(rec.count(LogEventType::TailTruncated), 0);
        QCOMPARE(rec.count(LogEventType::SegmentDamaged), 0);
        QCOMPARE((*log)->logEndOffset(), int64_t(20));
        (*log)->close();
    }
    chop(segmentFile(dir, 0, ".log"), 10);
    const auto sizeBefore = fs::file_size(segmentFile(dir, 0, ".log"));
    EventRecorder rec;
    auto log = Log::open(dir, config, clock, rec.sink(), cleanOpen());
    QVERIFY(log);
    QCOMPARE(rec.count(LogEventType::TailTruncated), 0);
    QCOMPARE(rec.count(LogEventType::SegmentDeleted), 0);
    QCOMPARE(rec.count(LogEventType::SegmentDamaged), 1);
    // The full validation that follows also finds the flipped byte in batch 1.
    const LogEvent *e = rec.first(LogEventType::SegmentDamaged);
    QVERIFY2(e->detail.find("CRC") != std::string::npos, e->detail.c_str());
    QCOMPARE(e->cause, std::string("corrupt_segment"));
    QCOMPARE(e->firstOffset, int64_t(2));
    QCOMPARE(e->endOffset, int64_t(8));
    QCOMPARE(e->value, S); // byte position of the bad batch
    QCOMPARE((*log)->logEndOffset(), int64_t(20));
    QCOMPARE((*log)->segments().size(), size_t(3));
    QCOMPARE(fs::file_size(segmentFile(dir, 0, ".log")), sizeBefore); // nothing cut
}

// The issue 10 reproducer: one flipped byte in batch 0 of the first of three segments after a
// crash left log_end=0. Below the recovery point that is damage to report, not a torn write:
// everything intact stays, reads skip the unreadable range, and only a truncation to the
// damage (the repair from a leader) clears it.
void TestRecovery::damageBelowRecoveryPointKeepsTheRest()
{
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const LogConfig config = smallConfig(4);
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        fill(**log, 10); // segments 0, 8, 16
        QCOMPARE((*log)->recoveryPoint(), int64_t(16));
    } // crash
    flipByte(segmentFile(dir, 0, ".log"), 70); // batch 0, inside its records
    const Bytes damagedFile = readAll(segmentFile(dir, 0, ".log"));
    LogOpenOptions options;
    options.recoveryPoint = 16;
    for (int open = 0; open < 2; ++open) { // reported again while it is still on disk
        EventRecorder rec;
        auto log = Log::open(dir, config, clock, rec.sink(), options);
        QVERIFY(log);
        QCOMPARE(rec.count(LogEventType::TailTruncated), 0);
        QCOMPARE(rec.count(LogEventType::SegmentDeleted), 0);
        QCOMPARE(rec.count(LogEventType::SegmentDamaged), 1);
        const LogEvent *e = rec.first(LogEventType::SegmentDamaged);
        QVERIFY2(e->detail.find("00000000000000000000.log") != std::string::npos, e->detail.c_str());
        QVERIFY2(e->detail.find("byte position 0") != std::string::npos, e->detail.c_str());
        QCOMPARE((*log)->logEndOffset(), int64_t(20));
        QCOMPARE((*log)->segments().size(), size_t(3));
        QCOMPARE(readAll(segmentFile(dir, 0, ".log")), damagedFile);
        QVERIFY((*log)->damaged());
        QCOMPARE((*log)->damage().front().firstOffset, int64_t(0));
        QCOMPARE((*log)->damage().front().endOffset, int64_t(8));
        QCOMPARE((*log)->damage().front().position, int64_t(0));
        // A read in the damaged range gets the next readable batch, as Kafka skips a gap.
        auto read = (*log)->read(0, 1 << 20);
        QVERIFY(read);
        QVERIFY(!read->data.empty());
        auto first = parseBatchHeader(ByteView(read->data));
        QVERIFY(first);
        QCOMPARE(first->baseOffset, int64_t(8));
        int records = 0;
        QVERIFY((*log)->forEachRecord(0, 20, [&](const Record &) { ++records; }));
        QCOMPARE(records, 12);
    } // crash
    {
        auto log = Log::open(dir, config, clock, {}, options);
        QVERIFY(log);
        QVERIFY((*log)->truncateTo(0)); // what a follower does to repair from the leader
        QVERIFY(!(*log)->damaged());
        QCOMPARE((*log)->logEndOffset(), int64_t(0));
        fill(**log, 1);
        (*log)->close();
    }
    EventRecorder rec;
    auto log = Log::open(dir, config, clock, rec.sink(), cleanOpen());
    QVERIFY(log);
    QVERIFY(!(*log)->damaged());
    QCOMPARE(rec.count(LogEventType::SegmentDamaged), 0);
    QCOMPARE((*log)->logEndOffset(), int64_t(2));
}

// A zero-length middle segment: its offsets are missing, silently today. Reported as a gap.
void TestRecovery::zeroLengthMiddleSegmentIsAGap()
{
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const LogConfig config = smallConfig(4);
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        fill(**log, 10); // segments 0, 8, 16
        (*log)->close();
    }
    fs::resize_file(segmentFile(dir, 8, ".log"), 0);
    EventRecorder rec;
    auto log = Log::open(dir, config, clock, rec.sink(), cleanOpen());
    QVERIFY(log);
    QCOMPARE(rec.count(LogEventType::SegmentDamaged), 1);
    const LogEvent *e = rec.first(LogEventType::SegmentDamaged);
    QCOMPARE(e->cause, std::string("offset_gap"));
    QCOMPARE(e->firstOffset, int64_t(8));
    QCOMPARE(e->endOffset, int64_t(16));
    QVERIFY2(e->detail.find("00000000000000000008.log") != std::string::npos, e->detail.c_str());
    QVERIFY((*log)->damaged());
    QCOMPARE((*log)->logEndOffset(), int64_t(20));
    QVERIFY((*log)->truncateTo(8));
    QVERIFY(!(*log)->damaged());
}

// A copied segment (segment 8's file also present as segment 6) makes offsets 6..15 appear
// twice: reported as overlaps, nothing deleted.
void TestRecovery::copiedSegmentOverlaps()
{
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const LogConfig config = smallConfig(4);
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        fill(**log, 10); // segments 0, 8, 16
        (*log)->close();
    }
    fs::copy_file(segmentFile(dir, 8, ".log"), segmentFile(dir, 6, ".log"));
    EventRecorder rec;
    auto log = Log::open(dir, config, clock, rec.sink(), cleanOpen());
    QVERIFY(log);
    QCOMPARE(rec.count(LogEventType::SegmentDeleted), 0);
    QCOMPARE(rec.count(LogEventType::SegmentDamaged), 2);
    for (const LogEvent &e : rec.events)
        if (e.type == LogEventType::SegmentDamaged)
            QCOMPARE(e.cause, std::string("offset_overlap"));
    QCOMPARE((*log)->damage().front().firstOffset, int64_t(6));
    QCOMPARE((*log)->damage().front().endOffset, int64_t(8));
    QCOMPARE((*log)->damage().back().firstOffset, int64_t(8));
    QCOMPARE((*log)->damage().back().endOffset, int64_t(16));
    QCOMPARE((*log)->logEndOffset(), int64_t(20));
    QVERIFY(fs::exists(segmentFile(dir, 6, ".log")));
    QVERIFY((*log)->truncateTo(6));
    QVERIFY(!(*log)->damaged());
    QCOMPARE((*log)->logEndOffset(), int64_t(6));
}

// An older Kafka Lab left .kafkalab_cleanshutdown in each partition directory: it counts as a
// clean shutdown once (older segments trusted) and is deleted, so the next open without a
// marker from the broker validates everything.
void TestRecovery::legacyMarkerCountsCleanOnce()
{
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const LogConfig config = smallConfig(4);
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        fill(**log, 10); // segments 0, 8, 16
        (*log)->close();
    }
    writeAll(dir / ".kafkalab_cleanshutdown", {});
    flipByte(segmentFile(dir, 0, ".log"), S + 70);
    {
        EventRecorder rec;
        auto log = Log::open(dir, config, clock, rec.sink());
        QVERIFY(log);
        QCOMPARE(rec.count(LogEventType::TailTruncated), 0);
        QCOMPARE((*log)->recoveryPoint(), int64_t(20));
        QVERIFY(!fs::exists(dir / ".kafkalab_cleanshutdown"));
        (*log)->close();
    }
    EventRecorder rec;
    auto log = Log::open(dir, config, clock, rec.sink());
    QVERIFY(log);
    QCOMPARE(rec.count(LogEventType::TailTruncated), 1);
    QCOMPARE((*log)->logEndOffset(), int64_t(2));
}

// After a crash the recovery point is the checkpointed one, capped at the recovered log end,
// and a roll moves it to the new segment's base offset.
void TestRecovery::recoveryPointAfterCrash()
{
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const LogConfig config = smallConfig(4);
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        QCOMPARE((*log)->recoveryPoint(), int64_t(0));
        fill(**log, 5); // segments 0 (0..7), 8 (8, 9)
        QCOMPARE((*log)->recoveryPoint(), int64_t(8)); // rolled: segment 0 flushed
        QCOMPARE((*log)->logEndOffset(), int64_t(10));
    } // crash
    LogOpenOptions options;
    options.recoveryPoint = 8;
    {
        auto log = Log::open(dir, config, clock, {}, options);
        QVERIFY(log);
        QCOMPARE((*log)->recoveryPoint(), int64_t(8));
        QVERIFY((*log)->truncateTo(6));
        QCOMPARE((*log)->recoveryPoint(), int64_t(6));
    } // crash
    options.recoveryPoint = 40; // a checkpoint ahead of what survived
    auto log = Log::open(dir, config, clock, {}, options);
    QVERIFY(log);
    QCOMPARE((*log)->recoveryPoint(), int64_t(6));
    (*log)->flush();
    QCOMPARE((*log)->recoveryPoint(), int64_t(6));
    fill(**log, 1);
    (*log)->close();
    QCOMPARE((*log)->recoveryPoint(), int64_t(8));
}

void TestRecovery::indexRebuilt_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing .index") << "missing" << "missing";
    QTest::newRow("missing .timeindex") << "missing-time" << "missing";
    QTest::newRow("partial entry") << "partial" << "not a multiple of 8";
    QTest::newRow("not increasing") << "order" << "not strictly increasing";
    QTest::newRow("beyond the log") << "beyond" << "beyond the log";
    QTest::newRow("inside a batch") << "inside" << "inside a batch";
}

void TestRecovery::indexRebuilt()
{
    QFETCH(QString, damage);
    QFETCH(QString, reason);
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const LogConfig config = smallConfig(100);
    Bytes liveIndex, liveTimeIndex;
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        fill(**log, 10);
        (*log)->close();
        liveIndex = readAll(segmentFile(dir, 0, ".index"));
        liveTimeIndex = readAll(segmentFile(dir, 0, ".timeindex"));
    }
    const int32_t s = int32_t(S);
    QCOMPARE(liveIndex, offsetIndexBytes({{7, 3 * s}, {13, 6 * s}, {19, 9 * s}}));
    const fs::path indexFile = segmentFile(dir, 0, ".index");
    if (damage == "missing")
        fs::remove(indexFile);
    else if (damage == "missing-time")
        fs::remove(segmentFile(dir, 0, ".timeindex"));
    else if (damage == "partial")
        writeAll(indexFile, Bytes(liveIndex.begin(), liveIndex.end() - 3));
    else if (damage == "order")
        writeAll(indexFile, offsetIndexBytes({{13, 6 * s}, {7, 3 * s}}));
    else if (damage == "beyond")
        writeAll(indexFile, offsetIndexBytes({{7, 3 * s}, {25, 12 * s}}));
    else if (damage == "inside")
        writeAll(indexFile, offsetIndexBytes({{7, 3 * s + 5}}));
    EventRecorder rec;
    auto log = Log::open(dir, config, clock, rec.sink());
    QVERIFY(log);
    QCOMPARE(rec.count(LogEventType::IndexRebuilt), 1);
    const std::string detail = rec.first(LogEventType::IndexRebuilt)->detail;
    QVERIFY2(detail.find(reason.toStdString()) != std::string::npos, detail.c_str());
    QCOMPARE(rec.count(LogEventType::TailTruncated), 0);
    // One batch per append: Kafka's recovery rule gives the very same entries.
    QCOMPARE(offsetIndexEntries(indexFile), liveIndex);
    QCOMPARE(timeIndexEntries(segmentFile(dir, 0, ".timeindex")), liveTimeIndex);
    // Lookups use it, and appends continue the rule where it left off.
    auto r = (*log)->read(15, 1);
    QVERIFY(r);
    QCOMPARE(headersOf(r->data).at(0).baseOffset, int64_t(14));
    for (int k = 0; k < 4; ++k)
        QVERIFY((*log)->appendAsLeader(makeBatch(2, kT0 + 1000 + k)));
    // After reopening the counter starts at 0: an entry again at the 4th append (offsets 26-27).
    QCOMPARE(offsetIndexEntries(indexFile), offsetIndexBytes({{7, 3 * s}, {13, 6 * s}, {19, 9 * s}, {27, 13 * s}}));
    QCOMPARE((*log)->logEndOffset(), int64_t(28));
}

// A file named like a segment but above INT64_MAX (20 nines) is not one: the log opens with its
// real segments intact and the stray file is left where it is (issue 10: it aborted the broker).
void TestRecovery::strayOverflowingNameIgnored()
{
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const LogConfig config = smallConfig(4);
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        fill(**log, 6);
        (*log)->close();
    }
    for (const char *stray : {"99999999999999999999.log", "99999999999999999999.index",
                              "09223372036854775808.timeindex"})
        writeAll(dir / stray, Bytes(16, 0x42));
    EventRecorder rec;
    auto log = Log::open(dir, config, clock, rec.sink());
    QVERIFY2(log, log ? "" : log.status().message().c_str());
    QCOMPARE(rec.count(LogEventType::FileIgnored), 3); // reported, not only logged
    QCOMPARE(rec.first(LogEventType::FileIgnored)->cause, std::string("unparseable_name"));
    QVERIFY(!rec.first(LogEventType::FileIgnored)->file.empty());
    QCOMPARE((*log)->logEndOffset(), int64_t(12));
    QCOMPARE((*log)->segments().size(), size_t(2));
    QVERIFY(fs::exists(dir / "99999999999999999999.log"));
    QVERIFY(fs::exists(dir / "99999999999999999999.index"));
}

// Log::forEachRecord (the recent-records rebuild and the offsets-topic replay read through it):
// exactly the records in [from, end), across segments and from inside a two-record batch, and
// bounds outside the log are clamped to it.
void TestRecovery::forEachRecordWithinBounds()
{
    QTemporaryDir tmp;
    ManualClock clock;
    auto log = Log::open(tempPath(tmp), smallConfig(4), clock);
    QVERIFY(log);
    fill(**log, 10); // offsets 0..19, three segments
    std::vector<int64_t> seen;
    QVERIFY((*log)->forEachRecord(3, 17, [&](const Record &r) { seen.push_back(r.offset); }));
    std::vector<int64_t> expected;
    for (int64_t o = 3; o < 17; ++o)
        expected.push_back(o);
    QCOMPARE(seen, expected);
    seen.clear();
    QVERIFY((*log)->forEachRecord(-50, 1000, [&](const Record &r) { seen.push_back(r.offset); }));
    QCOMPARE(seen.size(), size_t(20));
    QCOMPARE(seen.front(), int64_t(0));
    QCOMPARE(seen.back(), int64_t(19));
}

QTEST_APPLESS_MAIN(TestRecovery)
#include "test_recovery.moc"
