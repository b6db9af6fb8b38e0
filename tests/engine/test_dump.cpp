// dump-log and file inspection: exact DumpLogSegments lines for a small segment written here,
// .index / .timeindex reading (preallocated zero tails), segment scans that stop at a torn or
// corrupt batch with its position, and clear errors for missing or unknown files.
#include "core/clock.h"
#include "log/bytes.h"
#include "log/dump.h"
#include "log/log.h"
#include "log/record_batch.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kl;

namespace {

namespace fs = std::filesystem;

// Batch A: offsets 0-1, epoch 0, the two records of test_record_batch (84 bytes).
Bytes batchA()
{
    BatchBuilder b;
    const RecordHeader h{"h", std::string("x")};
    b.add(1700000000000, std::nullopt, std::string_view("hi"));
    b.add(1700000000005, std::string_view("k"), std::string_view("v2"), std::span(&h, 1));
    ByteView v = b.finish();
    Bytes out(v.begin(), v.end());
    setPartitionLeaderEpoch(out.data(), 0);
    return out;
}

// Batch B: offset 2, epoch 3, gzip, one record with two headers.
Bytes batchB()
{
    BatchBuilder b(Compression::Gzip);
    const RecordHeader hs[] = {{"a", std::string("1")}, {"b", std::nullopt}};
    b.add(1700000000100, std::string_view("key"), std::string_view("value"), hs);
    ByteView v = b.finish();
    Bytes out(v.begin(), v.end());
    setBaseOffset(out.data(), 2);
    setPartitionLeaderEpoch(out.data(), 3);
    return out;
}

void writeFile(const fs::path &path, const Bytes &data)
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char *>(data.data()), std::streamsize(data.size()));
}

Bytes concat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const Bytes &p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

struct Dumped {
    Status status = Status::ok();
    QStringList out; // stdout lines
    QStringList err; // stderr lines
};

Dumped dump(const fs::path &file, const DumpOptions &options = {})
{
    std::ostringstream out, err;
    Dumped d;
    d.status = dumpFile(file, options, out, err);
    d.out = QString::fromStdString(out.str()).split('\n', Qt::SkipEmptyParts);
    d.err = QString::fromStdString(err.str()).split('\n', Qt::SkipEmptyParts);
    return d;
}

QStringList dumpLines(const fs::path &file, bool records = false)
{
    DumpOptions options;
    options.printDataLog = records;
    const Dumped d = dump(file, options);
    if (!d.status)
        return {QString::fromStdString("ERROR " + d.status.toString())};
    return d.out;
}

QString batchLine(int64_t base, int64_t last, int count, int epoch, int64_t position, int64_t maxTs,
                  size_t size, const char *codec, uint32_t crc, bool valid = true)
{
    return QString("baseOffset: %1 lastOffset: %2 count: %3 baseSequence: -1 lastSequence: -1 "
                   "producerId: -1 producerEpoch: -1 partitionLeaderEpoch: %4 isTransactional: false "
                   "isControl: false deleteHorizonMs: OptionalLong.empty position: %5 CreateTime: %6 "
                   "size: %7 magic: 2 compresscodec: %8 crc: %9 isvalid: %10")
        .arg(base).arg(last).arg(count).arg(epoch).arg(position).arg(maxTs).arg(size).arg(codec)
        .arg(crc).arg(valid ? "true" : "false");
}

uint32_t storedCrc(const Bytes &batch) { return bytes::getU32(batch.data() + 17); }

} // namespace

class TestDump : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    fs::path path(const char *name) const { return fs::path(m_dir.path().toStdString()) / name; }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void dumpsBatches()
    {
        const Bytes a = batchA(), b = batchB();
        QCOMPARE(a.size(), size_t(84));
        const fs::path log = path("00000000000000000000.log");
        writeFile(log, concat({a, b}));
        const QStringList expected{
            QString("Dumping %1").arg(QString::fromStdString(log.string())),
            "Log starting offset: 0",
            batchLine(0, 1, 2, 0, 0, 1700000000005, 84, "none", storedCrc(a)),
            batchLine(2, 2, 1, 3, 84, 1700000000100, b.size(), "gzip", storedCrc(b)),
        };
        QCOMPARE(dumpLines(log), expected);
    }

    void dumpsRecords()
    {
        const Bytes a = batchA(), b = batchB();
        const fs::path log = path("00000000000000000000.log");
        writeFile(log, concat({a, b}));
        const QStringList lines = dumpLines(log, true);
        const QStringList expected{
            QString("Dumping %1").arg(QString::fromStdString(log.string())),
            "Log starting offset: 0",
            batchLine(0, 1, 2, 0, 0, 1700000000005, 84, "none", storedCrc(a)),
            "| offset: 0 CreateTime: 1700000000000 keySize: -1 valueSize: 2 sequence: -1 headerKeys: [] payload: hi",
            "| offset: 1 CreateTime: 1700000000005 keySize: 1 valueSize: 2 sequence: -1 headerKeys: [h] key: k payload: v2",
            batchLine(2, 2, 1, 3, 84, 1700000000100, b.size(), "gzip", storedCrc(b)),
            "| offset: 2 CreateTime: 1700000000100 keySize: 3 valueSize: 5 sequence: -1 headerKeys: [a,b] key: key payload: value",
        };
        QCOMPARE(lines, expected);
    }

    void reportsTrailingGarbage_data()
    {
        QTest::addColumn<int>("tailBytes");
        QTest::addColumn<QString>("problem");
        QTest::newRow("torn header") << 30 << "truncated batch header at position 168: 61 bytes needed, 30 remain";
        QTest::newRow("torn body") << 70 << "truncated batch at position 168: header says 84 bytes, 70 remain";
    }
    void reportsTrailingGarbage()
    {
        QFETCH(int, tailBytes);
        QFETCH(QString, problem);
        const Bytes a = batchA();
        Bytes file = concat({a, a, a});
        file.resize(168 + size_t(tailBytes));
        const fs::path log = path("00000000000000000005.log");
        writeFile(log, file);
        // stdout as Kafka's; Kafka Lab's explanation of the torn tail on stderr.
        const Dumped d = dump(log);
        QVERIFY(d.status);
        QCOMPARE(d.out.size(), 5);
        QCOMPARE(d.out[1], QString("Log starting offset: 5"));
        QCOMPARE(d.out[3], batchLine(0, 1, 2, 0, 84, 1700000000005, 84, "none", storedCrc(a)));
        QCOMPARE(d.out[4], QString("Found %1 invalid bytes at the end of 00000000000000000005.log").arg(tailBytes));
        QCOMPARE(d.err, QStringList{problem});

        auto scan = scanSegment(log);
        QVERIFY(scan);
        QCOMPARE(scan->batches.size(), size_t(2));
        QCOMPARE(scan->batches[1].position, 84);
        QVERIFY(scan->batches[1].crcValid);
        QCOMPARE(scan->validBytes, 168);
        QCOMPARE(scan->fileSize, 168 + tailBytes);
        QCOMPARE(QString::fromStdString(scan->problem), problem);
    }

    void corruptCrc()
    {
        const Bytes a = batchA();
        Bytes bad = a;
        bad[67] ^= 0x20; // 'h' of "hi" -> 'H': framing intact, CRC wrong
        const fs::path log = path("00000000000000000000.log");
        writeFile(log, concat({a, bad, a}));

        // The dump, like Kafka's, reports the bad batch and carries on.
        const QStringList lines = dumpLines(log, true);
        QCOMPARE(lines.size(), 2 + 3 * 3);
        QCOMPARE(lines[5], batchLine(0, 1, 2, 0, 84, 1700000000005, 84, "none", storedCrc(a), false));
        QVERIFY(lines[6].endsWith("payload: Hi"));

        // A scan stops there, with the position.
        auto scan = scanSegment(log);
        QVERIFY(scan);
        QCOMPARE(scan->batches.size(), size_t(2));
        QVERIFY(scan->batches[0].crcValid);
        QVERIFY(!scan->batches[1].crcValid);
        QCOMPARE(scan->validBytes, 84);
        QVERIFY2(scan->problem.rfind("corrupt batch at position 84: CRC mismatch", 0) == 0, scan->problem.c_str());
    }

    void corruptHeaderStopsScan()
    {
        const Bytes a = batchA();
        Bytes bad = a;
        bad[16] = 1; // magic
        const fs::path log = path("00000000000000000000.log");
        writeFile(log, concat({a, bad}));
        auto scan = scanSegment(log);
        QVERIFY(scan);
        QCOMPARE(scan->batches.size(), size_t(1));
        QCOMPARE(scan->problem, std::string("corrupt batch at position 84: unsupported magic 1 at byte 16 "
                                            "(only 2 is supported)"));
        const QStringList lines = dumpLines(log);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[3], QString("Found 84 invalid bytes at the end of 00000000000000000000.log"));
    }

    void scanLimitAndReadBatch()
    {
        const Bytes a = batchA(), b = batchB();
        const fs::path log = path("00000000000000000000.log");
        writeFile(log, concat({a, b, a}));
        auto scan = scanSegment(log, 2);
        QVERIFY(scan);
        QCOMPARE(scan->batches.size(), size_t(2));
        QCOMPARE(scan->batches[1].header.compression(), Compression::Gzip);
        QVERIFY(scan->problem.empty());

        auto records = readBatchRecords(log, 84);
        QVERIFY2(records, records.status().toString().c_str());
        QCOMPARE(records->size(), size_t(1));
        QCOMPARE((*records)[0].offset, 2);
        QCOMPARE((*records)[0].value.value(), std::string("value"));
        auto bad = readBatchRecords(log, 85);
        QVERIFY(!bad);
        QCOMPARE(bad.status().code(), ErrorCode::CorruptMessage);
        QVERIFY2(bad.status().message().find("position 85") != std::string::npos, bad.status().message().c_str());
    }

    void indexFiles()
    {
        // Two real entries, then a preallocated zero tail and a torn half entry.
        Bytes index(8 * 2 + 8 * 3 + 4, 0);
        bytes::putI32(index.data() + 0, 3);
        bytes::putI32(index.data() + 4, 100);
        bytes::putI32(index.data() + 8, 7);
        bytes::putI32(index.data() + 12, 4200);
        const fs::path indexPath = path("00000000000000000010.index");
        writeFile(indexPath, index);
        auto entries = readOffsetIndex(indexPath);
        QVERIFY(entries);
        QCOMPARE(entries->size(), size_t(2));
        QCOMPARE((*entries)[1].relativeOffset, 7); // relative, as stored
        QCOMPARE((*entries)[1].position, 4200);
        // Kafka stops at the first slot after slot 0 whose relative offset is 0 and ignores the
        // torn half entry; Kafka Lab says so on stderr, with the .log it could not check against.
        const Dumped d = dump(indexPath);
        QVERIFY(d.status);
        QCOMPARE(d.out, (QStringList{
            QString("Dumping %1").arg(QString::fromStdString(indexPath.string())),
            "offset: 13 position: 100",
            "offset: 17 position: 4200"}));
        QCOMPARE(d.err.size(), 2);
        QVERIFY2(d.err[0].startsWith("the entries were not checked against the log: ") &&
                     d.err[0].contains("00000000000000000010.log: no such file"), qPrintable(d.err[0]));
        QCOMPARE(d.err[1], QString("00000000000000000010.index ends in a partial 4-byte entry at byte position 40 "
                                   "(entries are 8 bytes); the dump ignores it, --index-sanity-check fails on it"));

        Bytes time(12 * 4, 0);
        bytes::putI64(time.data(), 1700000000005);
        bytes::putI32(time.data() + 8, 1);
        bytes::putI64(time.data() + 12, 1700000000100);
        bytes::putI32(time.data() + 20, 2);
        const fs::path timePath = path("00000000000000000010.timeindex");
        writeFile(timePath, time);
        auto times = readTimeIndex(timePath);
        QVERIFY(times);
        QCOMPARE(times->size(), size_t(2));
        QCOMPARE((*times)[1].timestamp, 1700000000100);
        QCOMPARE((*times)[1].relativeOffset, 2);
        QCOMPARE(dumpLines(timePath), (QStringList{
            QString("Dumping %1").arg(QString::fromStdString(timePath.string())),
            "timestamp: 1700000000005 offset: 11",
            "timestamp: 1700000000100 offset: 12"}));

        // A fully preallocated (never written) index has no entries for the engine; Kafka's dump
        // prints its slot 0 (it cannot tell a zero first entry from a real one) and stops.
        const fs::path zeros = path("00000000000000000020.index");
        writeFile(zeros, Bytes(80, 0));
        auto none = readOffsetIndex(zeros);
        QVERIFY(none);
        QVERIFY(none->empty());
        QCOMPARE(dumpLines(zeros).mid(1), QStringList{"offset: 20 position: 0"});
        // "is empty." is for a file without one whole slot.
        const fs::path tiny = path("00000000000000000030.index");
        writeFile(tiny, Bytes(4, 0));
        QCOMPARE(dumpLines(tiny).value(1), QString::fromStdString(tiny.string()) + " is empty.");
    }

    // An active segment's indexes as the broker leaves them: entries, then the preallocated
    // zero-filled tail (segment.index.bytes, 10 MiB). The dump must stop where Kafka's does and
    // check the entries against the .log without reading the tail whole.
    void preallocatedIndexesAgainstTheLog()
    {
        const Bytes a = batchA(), b = batchB(); // offsets 0-1 at 0, offset 2 at 84
        const fs::path log = path("00000000000000000000.log");
        writeFile(log, concat({a, b}));
        const fs::path indexPath = path("00000000000000000000.index");
        Bytes index(24, 0);
        bytes::putI32(index.data() + 0, 1);  // right: the batch at 0 ends at 1
        bytes::putI32(index.data() + 4, 0);
        bytes::putI32(index.data() + 8, 2);  // position 10 is inside batch A
        bytes::putI32(index.data() + 12, 10);
        bytes::putI32(index.data() + 16, 2); // right
        bytes::putI32(index.data() + 20, 84);
        writeFile(indexPath, index);
        fs::resize_file(indexPath, 10 * 1024 * 1024);

        Dumped d = dump(indexPath);
        QVERIFY(d.status);
        QCOMPARE(d.out, (QStringList{QString("Dumping %1").arg(QString::fromStdString(indexPath.string())),
                                     "offset: 1 position: 0", "offset: 2 position: 10", "offset: 2 position: 84"}));
        QCOMPARE(d.err, (QStringList{
            "Mismatches in :" + QString::fromStdString(fs::absolute(indexPath).string()),
            "  Index offset: 2, log offset: -1 (no batch starts at position 10 of 00000000000000000000.log)"}));

        DumpOptions verify;
        verify.verifyIndexOnly = true;
        d = dump(indexPath, verify);
        QCOMPARE(d.out.size(), 1);
        QCOMPARE(d.err.size(), 2);

        DumpOptions sanity;
        sanity.indexSanityCheck = true;
        d = dump(indexPath, sanity);
        QVERIFY(d.status);
        QCOMPARE(d.out.value(1), QString::fromStdString(indexPath.string()) + " passed sanity check.");

        // Time index: right entries, then the zero tail. Dumping and verifying are fine; the
        // sanity check compares the last slot (zero) with the first and fails, as Kafka's does.
        const fs::path timePath = path("00000000000000000000.timeindex");
        Bytes time(24, 0);
        bytes::putI64(time.data(), 1700000000005);
        bytes::putI32(time.data() + 8, 1);
        bytes::putI64(time.data() + 12, 1700000000100);
        bytes::putI32(time.data() + 20, 2);
        writeFile(timePath, time);
        fs::resize_file(timePath, 12 * 873813);
        d = dump(timePath);
        QVERIFY(d.status);
        QCOMPARE(d.out.mid(1), (QStringList{"timestamp: 1700000000005 offset: 1", "timestamp: 1700000000100 offset: 2"}));
        QCOMPARE(d.err, QStringList{});
        d = dump(timePath, sanity);
        QVERIFY(!d.status);
        QCOMPARE(QString::fromStdString(d.status.message()),
                 "org.apache.kafka.storage.internals.log.CorruptIndexException: Corrupt time index found, time index file ("
                     + QString::fromStdString(fs::absolute(timePath).string())
                     + ") has non-zero size but the last timestamp is 0 which is less than the first timestamp "
                       "1700000000005");
        // Trimmed (as on roll and close), it passes.
        fs::resize_file(timePath, 24);
        d = dump(timePath, sanity);
        QVERIFY(d.status);
        QCOMPARE(d.out.value(1), QString::fromStdString(timePath.string()) + " passed sanity check.");
    }

    // Indexes the engine itself writes, open (the active segment, preallocated if the store
    // preallocates) and closed, pass Kafka's checks: no mismatch against their log.
    void engineWrittenIndexesVerify()
    {
        QTemporaryDir tmp;
        const fs::path dir = fs::path(tmp.path().toStdString()) / "orders-0";
        ManualClock clock;
        LogConfig config;
        config.indexIntervalBytes = 200;
        config.segmentBytes = 4000;
        auto log = Log::open(dir, config, clock);
        QVERIFY(log);
        for (int i = 0; i < 60; ++i) {
            BatchBuilder b;
            b.add(clock.nowMs(), std::string_view("k"), std::string(40 + i, 'v'));
            QVERIFY((*log)->appendAsLeader(b.finish(), 1));
            clock.advance(i % 7 == 3 ? -5 : 10); // a clock that sometimes steps back
        }
        DumpOptions verify;
        verify.verifyIndexOnly = true;
        DumpOptions sanity;
        sanity.indexSanityCheck = true;
        int indexes = 0;
        qsizetype entryLines = 0;
        for (int round = 0; round < 2; ++round) {
            for (const auto &entry : fs::directory_iterator(dir)) {
                const fs::path p = entry.path();
                if (p.extension() != ".index" && p.extension() != ".timeindex")
                    continue;
                ++indexes;
                const Dumped d = dump(p, verify);
                QVERIFY2(d.status, d.status.toString().c_str());
                QVERIFY2(d.err.isEmpty(), qPrintable(p.filename().string().c_str() + (": " + d.err.join('\n'))));
                entryLines += dump(p).out.size() - 1;
                if (p.extension() == ".index" || round == 1) {
                    const Dumped s = dump(p, sanity);
                    QVERIFY2(s.status, s.status.toString().c_str());
                }
            }
            (*log)->close(); // trims the active segment's indexes, as Kafka does
        }
        QVERIFY(indexes >= 4);
        QVERIFY2(entryLines > 20, qPrintable(QString::number(entryLines)));
    }

    void flagsThatDoNotApply()
    {
        const fs::path log = path("00000000000000000000.log");
        writeFile(log, batchA());
        const fs::path indexPath = path("00000000000000000000.index");
        writeFile(indexPath, Bytes(8, 0));
        DumpOptions o;
        o.indexSanityCheck = true;
        Dumped d = dump(log, o);
        QVERIFY(!d.status);
        QCOMPARE(d.status.code(), ErrorCode::InvalidRequest);
        QVERIFY(d.out.isEmpty());
        o = {};
        o.deepIteration = true;
        d = dump(indexPath, o);
        QVERIFY(!d.status);
        QVERIFY2(d.status.message().find("--deep-iteration applies to .log files") != std::string::npos,
                 d.status.message().c_str());
        o = {};
        o.indexSanityCheck = o.verifyIndexOnly = true;
        QVERIFY(!dump(indexPath, o).status);
    }

    void segmentStem()
    {
        QCOMPARE(segmentFileStem(0), std::string("00000000000000000000"));
        QCOMPARE(segmentFileStem(42), std::string("00000000000000000042"));
        QCOMPARE(segmentFileStem(9223372036854775807), std::string("09223372036854775807"));
    }

    void errors()
    {
        const fs::path missing = path("00000000000000000099.log");
        std::ostringstream out;
        Status s = dumpFile(missing, {}, out, out);
        QVERIFY(!s);
        QVERIFY2(s.message().find("no such file") != std::string::npos, s.message().c_str());
        QVERIFY(out.str().empty());

        const fs::path other = path("notes.txt");
        writeFile(other, Bytes{'h', 'i'});
        s = dumpFile(other, {}, out, out);
        QVERIFY(!s);
        QVERIFY2(s.message().find("unknown file type '.txt'") != std::string::npos, s.message().c_str());

        const fs::path dir = path("a-directory.log");
        std::error_code ec;
        fs::create_directory(dir, ec);
        QVERIFY(!ec);
        s = dumpFile(dir, {}, out, out);
        QVERIFY(!s);
        QVERIFY2(s.message().find("is a directory") != std::string::npos, s.message().c_str());

        auto scan = scanSegment(missing);
        QVERIFY(!scan);
        QVERIFY(!readOffsetIndex(path("00000000000000000099.index")));
        QVERIFY(!readTimeIndex(path("00000000000000000099.timeindex")));
        QVERIFY(!readBatchRecords(missing, 0));
    }
};

QTEST_APPLESS_MAIN(TestDump)
#include "test_dump.moc"
