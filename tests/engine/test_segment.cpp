// Segment files and lookups: the exact bytes of .index and .timeindex after appends that cross
// index.interval.bytes (expected entries worked out from Kafka's LogSegment.append rule), the
// follower rule (per batch, as the leader's), preallocated index files, and offset lookup at
// segment edges.
#include "log_storage_fixtures.h"

#include "core/clock.h"
#include "log/log.h"

#include <QtTest>

#include <sys/stat.h>

using namespace kl;
using namespace kl::testing;
namespace fs = std::filesystem;

class TestSegment : public QObject {
    Q_OBJECT

private slots:
    void indexFilesByteExact_data();
    void indexFilesByteExact();
    void followerIndexesLikeLeader();
    void indexesPreallocatedAndTrimmed();
    void lookupAtEdges_data();
    void lookupAtEdges();
    void readLimits();
    void offsetsAndEpochStamped();
};

// Eleven one-record batches of S bytes each. Before append k the counter of bytes since the
// last entry is checked (strictly greater than index.interval.bytes), reset to 0 if an entry is
// written, then S is added. With interval 2.5 S: counter before k = 0, S, 2S, 3S -> entry at
// k=3 (offset 3, position 3S), then S, 2S, 3S -> k=6, and k=9; nothing at k=10 (counter S).
// Timestamps: T0 + 10k except batch 5 (T0 + 1000) and batch 10 (T0 + 2000). The time entry
// written with an offset entry holds the largest timestamp so far (this append included) and
// its offset, only if larger than the last one: k=3 -> (T0+30, 3); k=6 -> (T0+1000, 5);
// k=9 -> still T0+1000: none. close() forces the final entry (T0+2000, 10).
using TimeEntries = std::vector<std::pair<int64_t, int32_t>>; // (timestamp - T0, relative offset)
Q_DECLARE_METATYPE(TimeEntries)

void TestSegment::indexFilesByteExact_data()
{
    QTest::addColumn<int>("intervalHalves"); // interval = intervalHalves * S / 2 + intervalDelta
    QTest::addColumn<int>("intervalDelta");
    QTest::addColumn<QList<int>>("entryAt");        // appends k that get (k, kS)
    QTest::addColumn<TimeEntries>("timeEntries");   // before close
    QTest::addColumn<TimeEntries>("forcedOnClose"); // added by close()
    QTest::newRow("2.5 S") << 5 << 0 << QList<int>{3, 6, 9} << TimeEntries{{30, 3}, {1000, 5}}
                           << TimeEntries{{2000, 10}};
    // Counter 2S is not > 2S: the same entries as 2.5 S.
    QTest::newRow("exactly 2 S") << 4 << 0 << QList<int>{3, 6, 9} << TimeEntries{{30, 3}, {1000, 5}}
                                 << TimeEntries{{2000, 10}};
    // Counter 2S > 2S - 1: every second append; k=10 itself carries T0+2000, so close adds none.
    QTest::newRow("2 S - 1") << 4 << -1 << QList<int>{2, 4, 6, 8, 10}
                             << TimeEntries{{20, 2}, {40, 4}, {1000, 5}, {2000, 10}} << TimeEntries{};
    QTest::newRow("0: every append but the first")
        << 0 << 0 << QList<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
        << TimeEntries{{10, 1}, {20, 2}, {30, 3}, {40, 4}, {1000, 5}, {2000, 10}} << TimeEntries{};
}

void TestSegment::indexFilesByteExact()
{
    QFETCH(int, intervalHalves);
    QFETCH(int, intervalDelta);
    QFETCH(QList<int>, entryAt);
    QFETCH(TimeEntries, timeEntries);
    QFETCH(TimeEntries, forcedOnClose);
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const int32_t S = static_cast<int32_t>(makeBatch(1, kT0).size());
    LogConfig config;
    config.indexIntervalBytes = intervalHalves * S / 2 + intervalDelta;
    auto log = Log::open(dir, config, clock);
    QVERIFY(log);
    for (int k = 0; k <= 10; ++k) {
        const int64_t ts = k == 5 ? kT0 + 1000 : k == 10 ? kT0 + 2000 : kT0 + 10 * k;
        auto info = (*log)->appendAsLeader(makeBatch(1, ts));
        QVERIFY2(info, info.status().toString().c_str());
        QCOMPARE(info->firstOffset, int64_t(k));
    }
    std::vector<std::pair<int32_t, int32_t>> expectedIndex;
    for (int k : entryAt)
        expectedIndex.emplace_back(k, k * S);
    TimeEntries expectedTimes;
    for (auto [dt, rel] : timeEntries)
        expectedTimes.emplace_back(kT0 + dt, rel);
    QCOMPARE(offsetIndexEntries(segmentFile(dir, 0, ".index")), offsetIndexBytes(expectedIndex));
    QCOMPARE(timeIndexEntries(segmentFile(dir, 0, ".timeindex")), timeIndexBytes(expectedTimes));
    const auto segs = (*log)->segments();
    QCOMPARE(segs.size(), size_t(1));
    QCOMPARE(segs[0].indexEntries, int32_t(entryAt.size()));
    QCOMPARE(segs[0].timeIndexEntries, int32_t(timeEntries.size()));
    QCOMPARE(segs[0].sizeBytes, int64_t(11) * S);
    QCOMPARE(segs[0].maxTimestamp, kT0 + 2000);
    QCOMPARE(segs[0].firstTimestamp, kT0);
    (*log)->close();
    for (auto [dt, rel] : forcedOnClose)
        expectedTimes.emplace_back(kT0 + dt, rel);
    QCOMPARE(readAll(segmentFile(dir, 0, ".timeindex")), timeIndexBytes(expectedTimes));
    QCOMPARE(readAll(segmentFile(dir, 0, ".index")), offsetIndexBytes(expectedIndex));
    QCOMPARE(readAll(segmentFile(dir, 0, ".log")).size(), size_t(11) * S);
}

// Kafka 4.x decides index entries per batch on followers as on leaders (LogSegment.append
// loops over the batches), so a follower that appends fetched chunks of several batches writes
// the leader's .index and .timeindex byte for byte. Nine two-record batches (B bytes each),
// interval 1 byte: an entry at every batch but the first, (2k + 1, kB) and (T0 + k, 2k + 1).
void TestSegment::followerIndexesLikeLeader()
{
    QTemporaryDir tmp;
    ManualClock clock;
    LogConfig config;
    config.indexIntervalBytes = 1;
    auto leader = Log::open(tempPath(tmp) / "leader", config, clock);
    auto follower = Log::open(tempPath(tmp) / "follower", config, clock);
    QVERIFY(leader && follower);
    for (int k = 0; k < 9; ++k)
        QVERIFY((*leader)->appendAsLeader(makeBatch(2, kT0 + k)));
    const int32_t B = static_cast<int32_t>(makeBatch(2, kT0).size());
    for (int chunk = 0; chunk < 3; ++chunk) {
        auto r = (*leader)->read(chunk * 6, 3 * B);
        QVERIFY(r);
        QCOMPARE(r->data.size(), size_t(3) * B);
        auto info = (*follower)->appendAsFollower(r->data);
        QVERIFY2(info, info.status().toString().c_str());
        QCOMPARE(info->firstOffset, int64_t(chunk * 6));
        QCOMPARE(info->lastOffset, int64_t(chunk * 6 + 5));
        QCOMPARE(info->recordCount, 6);
    }
    const auto dir = (*follower)->dir();
    const auto leaderDir = (*leader)->dir();
    std::vector<std::pair<int32_t, int32_t>> offsets;
    std::vector<std::pair<int64_t, int32_t>> times;
    for (int k = 1; k < 9; ++k) {
        offsets.emplace_back(2 * k + 1, k * B);
        times.emplace_back(kT0 + k, 2 * k + 1);
    }
    QCOMPARE(offsetIndexEntries(segmentFile(dir, 0, ".index")), offsetIndexBytes(offsets));
    QCOMPARE(timeIndexEntries(segmentFile(dir, 0, ".timeindex")), timeIndexBytes(times));
    // The same files as the leader's, preallocated tail included, and the same .log.
    for (const char *ext : {".log", ".index", ".timeindex"})
        QVERIFY2(readAll(segmentFile(dir, 0, ext)) == readAll(segmentFile(leaderDir, 0, ext)), ext);
    QCOMPARE((*follower)->segments()[0].indexEntries, 8);
    (*leader)->close();
    (*follower)->close();
    for (const char *ext : {".index", ".timeindex"})
        QVERIFY2(readAll(segmentFile(dir, 0, ext)) == readAll(segmentFile(leaderDir, 0, ext)), ext);
    QCOMPARE(readAll(segmentFile(dir, 0, ".index")), offsetIndexBytes(offsets));
    // A chunk that does not start at the log end offset is refused and nothing is written.
    auto reopened = Log::open(dir, config, clock);
    QVERIFY(reopened);
    auto again = (*leader)->read(0, B);
    QVERIFY(again);
    auto refused = (*reopened)->appendAsFollower(again->data);
    QVERIFY(!refused);
    QCOMPARE(refused.status().code(), ErrorCode::CorruptMessage);
    QCOMPARE((*reopened)->logEndOffset(), int64_t(18));
    QCOMPARE((*reopened)->sizeBytes(), int64_t(9) * B);
}

// As Kafka's AbstractIndex: the active segment's .index and .timeindex are preallocated to
// segment.index.bytes rounded down to whole entries (10485760 and 10485756 by default) as
// sparse files, trimmed to their entries when the segment rolls and when the log closes, and
// preallocated again when a reopened log makes the last segment active.
void TestSegment::indexesPreallocatedAndTrimmed()
{
    QTemporaryDir tmp;
    const auto dir = tempPath(tmp);
    ManualClock clock;
    const int64_t B = static_cast<int64_t>(makeBatch(2, kT0).size());
    LogConfig config;
    config.indexIntervalBytes = 1;
    config.segmentBytes = 4 * B;
    QCOMPARE(config.segmentIndexBytes, 10485760);
    const auto sizeOf = [&](int64_t base, const char *ext) { return int64_t(fs::file_size(segmentFile(dir, base, ext))); };
    {
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        QCOMPARE(sizeOf(0, ".index"), int64_t(10485760));
        QCOMPARE(sizeOf(0, ".timeindex"), int64_t(10485756));
        // Sparse: ftruncate, no zeros written.
        struct stat st {};
        QCOMPARE(::stat(segmentFile(dir, 0, ".index").c_str(), &st), 0);
        QVERIFY2(st.st_blocks * 512 < 1 << 20, std::to_string(st.st_blocks).c_str());
        for (int k = 0; k < 6; ++k) // segment 0: batches 0-3 (offsets 0..7); segment 8: 4-5
            QVERIFY((*log)->appendAsLeader(makeBatch(2, kT0 + k)));
        QCOMPARE((*log)->segments().size(), size_t(2));
        // Rolled: trimmed to 3 offset entries and 3 time entries (+ none forced: T0+3 is there).
        QCOMPARE(sizeOf(0, ".index"), int64_t(3 * 8));
        QCOMPARE(sizeOf(0, ".timeindex"), int64_t(3 * 12));
        QCOMPARE(sizeOf(8, ".index"), int64_t(10485760));
        QCOMPARE(sizeOf(8, ".timeindex"), int64_t(10485756));
        (*log)->close();
        QCOMPARE(sizeOf(8, ".index"), int64_t(8));      // (3, B): offset 11
        QCOMPARE(sizeOf(8, ".timeindex"), int64_t(12)); // (T0 + 5, 3)
    }
    {
        EventRecorder rec;
        auto log = Log::open(dir, config, clock, rec.sink());
        QVERIFY(log);
        QCOMPARE(rec.count(LogEventType::IndexRebuilt), 0);
        QCOMPARE(sizeOf(0, ".index"), int64_t(3 * 8));
        QCOMPARE(sizeOf(8, ".index"), int64_t(10485760));
        QCOMPARE((*log)->segments()[1].indexEntries, 1);
        // The counter restarts at 0 on reopen: batch 6 gets no entry, batch 7 (14, 15) does.
        QVERIFY((*log)->appendAsLeader(makeBatch(2, kT0 + 6)));
        QVERIFY((*log)->appendAsLeader(makeBatch(2, kT0 + 7)));
        QCOMPARE(offsetIndexEntries(segmentFile(dir, 8, ".index")),
                 offsetIndexBytes({{3, int32_t(B)}, {7, int32_t(3 * B)}}));
    } // crash: the active segment's files stay preallocated
    QCOMPARE(sizeOf(8, ".index"), int64_t(10485760));
    EventRecorder rec;
    auto log = Log::open(dir, config, clock, rec.sink());
    QVERIFY(log);
    // The zero tail is not taken for entries (nor for damage): two entries, nothing rebuilt.
    QCOMPARE(rec.count(LogEventType::IndexRebuilt), 0);
    QCOMPARE((*log)->segments()[1].indexEntries, 2);
    QCOMPARE((*log)->segments()[1].timeIndexEntries, 2);
    auto r = (*log)->read(13, 1);
    QVERIFY(r);
    QCOMPARE(headersOf(r->data).front().baseOffset, int64_t(12));
    // A smaller segment.index.bytes is rounded down to whole entries per file.
    config.segmentIndexBytes = 1000;
    QVERIFY((*log)->truncateFullyAndStartAt(20));
    QCOMPARE((*log)->recoveryPoint(), int64_t(20));
    (*log)->setConfig(config);
    QVERIFY((*log)->appendAsLeader(makeBatch(2, kT0 + 7)));
    QVERIFY((*log)->appendAsLeader(makeBatch(2, kT0 + 8)));
    QVERIFY((*log)->appendAsLeader(makeBatch(2, kT0 + 9)));
    QVERIFY((*log)->appendAsLeader(makeBatch(2, kT0 + 10)));
    QVERIFY((*log)->appendAsLeader(makeBatch(2, kT0 + 11))); // rolls: base 28
    QCOMPARE(sizeOf(28, ".index"), int64_t(1000));
    QCOMPARE(sizeOf(28, ".timeindex"), int64_t(996));
}

// Three segments of five two-record batches each: offsets 0..9, 10..19, 20..23 (active).
void TestSegment::lookupAtEdges_data()
{
    QTest::addColumn<int64_t>("offset");
    QTest::addColumn<bool>("inRange");
    QTest::addColumn<int64_t>("batchBase"); // -1: in range but nothing to return (LEO)
    QTest::newRow("first offset") << int64_t(0) << true << int64_t(0);
    QTest::newRow("second record of first batch") << int64_t(1) << true << int64_t(0);
    QTest::newRow("middle, via index") << int64_t(7) << true << int64_t(6);
    QTest::newRow("last offset of first segment") << int64_t(9) << true << int64_t(8);
    QTest::newRow("base offset of next segment") << int64_t(10) << true << int64_t(10);
    QTest::newRow("base of active segment") << int64_t(20) << true << int64_t(20);
    QTest::newRow("last offset") << int64_t(23) << true << int64_t(22);
    QTest::newRow("log end offset: empty") << int64_t(24) << true << int64_t(-1);
    QTest::newRow("above log end") << int64_t(25) << false << int64_t(0);
    QTest::newRow("negative") << int64_t(-1) << false << int64_t(0);
}

void TestSegment::lookupAtEdges()
{
    QFETCH(int64_t, offset);
    QFETCH(bool, inRange);
    QFETCH(int64_t, batchBase);
    QTemporaryDir tmp;
    ManualClock clock;
    const int64_t B = static_cast<int64_t>(makeBatch(2, kT0).size());
    LogConfig config;
    config.segmentBytes = 5 * B;
    config.indexIntervalBytes = static_cast<int32_t>(B); // an entry every other batch
    auto log = Log::open(tempPath(tmp), config, clock);
    QVERIFY(log);
    for (int k = 0; k < 12; ++k)
        QVERIFY((*log)->appendAsLeader(makeBatch(2, kT0 + k)));
    const auto segs = (*log)->segments();
    QCOMPARE(segs.size(), size_t(3));
    QCOMPARE(segs[1].baseOffset, int64_t(10));
    QCOMPARE(segs[2].baseOffset, int64_t(20));
    QVERIFY(segs[0].indexEntries > 0);

    auto r = (*log)->read(offset, 1);
    QCOMPARE(r.isOk(), inRange);
    if (!inRange) {
        QCOMPARE(r.status().code(), ErrorCode::OffsetOutOfRange);
        return;
    }
    QCOMPARE(r->logEndOffset, int64_t(24));
    QCOMPARE(r->logStartOffset, int64_t(0));
    const auto headers = headersOf(r->data);
    if (batchBase < 0) {
        QVERIFY(headers.empty());
        return;
    }
    QCOMPARE(headers.size(), size_t(1)); // maxBytes 1: still one whole batch
    QCOMPARE(headers[0].baseOffset, batchBase);
    auto records = decodeRecords(r->data);
    QVERIFY(records);
    QCOMPARE(records->size(), size_t(2));
    QCOMPARE((*records)[0].offset, batchBase);

    // Below the log start offset once the first segment is gone.
    LogConfig keepTwo = config;
    keepTwo.retentionBytes = 7 * B; // 12B in all: 12B - 5B >= 7B deletes one segment
    (*log)->setConfig(keepTwo);
    QCOMPARE((*log)->enforceRetention(), 1);
    QCOMPARE((*log)->logStartOffset(), int64_t(10));
    auto after = (*log)->read(offset, 1);
    QCOMPARE(after.isOk(), offset >= 10);
}

void TestSegment::readLimits()
{
    QTemporaryDir tmp;
    ManualClock clock;
    const int32_t B = static_cast<int32_t>(makeBatch(2, kT0).size());
    LogConfig config;
    config.segmentBytes = 5 * B;
    auto log = Log::open(tempPath(tmp), config, clock);
    QVERIFY(log);
    for (int k = 0; k < 8; ++k)
        QVERIFY((*log)->appendAsLeader(makeBatch(2, kT0 + k)));
    auto count = [&](int64_t offset, int32_t maxBytes, int64_t maxOffset) {
        auto r = (*log)->read(offset, maxBytes, maxOffset);
        return r ? static_cast<int>(headersOf(r->data).size()) : -1;
    };
    QCOMPARE(count(0, 3 * B, -1), 3);
    QCOMPARE(count(0, 3 * B - 1, -1), 2);
    QCOMPARE(count(0, 0, -1), 1);
    QCOMPARE(count(0, 1 << 20, -1), 5); // one segment per read
    QCOMPARE(count(3, 1 << 20, -1), 4); // starts with the batch holding offset 3
    QCOMPARE(count(0, 1 << 20, 4), 2);  // batches 0-1 and 2-3; 4-5 reaches maxOffset
    QCOMPARE(count(0, 1 << 20, 5), 2);  // a batch is never split by maxOffset
    QCOMPARE(count(4, 1 << 20, 4), 0);
    QCOMPARE(count(10, 1 << 20, -1), 3);
}

void TestSegment::offsetsAndEpochStamped()
{
    QTemporaryDir tmp;
    ManualClock clock;
    auto log = Log::open(tempPath(tmp), LogConfig{}, clock);
    QVERIFY(log);
    QVERIFY((*log)->appendAsLeader(makeBatch(3, kT0), 7));
    const Bytes second = makeBatch(2, kT0 + 1);
    auto info = (*log)->appendAsLeader(second, 9);
    QVERIFY(info);
    QCOMPARE(info->firstOffset, int64_t(3));
    QCOMPARE(info->lastOffset, int64_t(4));
    QCOMPARE(info->maxTimestamp, kT0 + 1);
    auto r = (*log)->read(3, 1 << 20);
    QVERIFY(r);
    const auto headers = headersOf(r->data);
    QCOMPARE(headers.size(), size_t(1));
    QCOMPARE(headers[0].baseOffset, int64_t(3));
    QCOMPARE(headers[0].partitionLeaderEpoch, 9);
    QVERIFY(batchCrcValid(r->data));
    // Apart from baseOffset and the epoch, the stored batch is the producer's bytes.
    QVERIFY(std::equal(second.begin() + 16, second.end(), r->data.begin() + 16));
}

QTEST_APPLESS_MAIN(TestSegment)
#include "test_segment.moc"
