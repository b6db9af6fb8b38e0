// dump-log and file inspection: exact DumpLogSegments lines for a small segment written here,
// .index / .timeindex reading (preallocated zero tails), segment scans that stop at a torn or
// corrupt batch with its position, and clear errors for missing or unknown files.
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

QStringList dumpLines(const fs::path &file, bool records = false)
{
    std::ostringstream out;
    const Status s = dumpFile(file, DumpOptions{records}, out);
    if (!s)
        return {QString::fromStdString("ERROR " + s.toString())};
    return QString::fromStdString(out.str()).split('\n', Qt::SkipEmptyParts);
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
        const QStringList lines = dumpLines(log);
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines[1], QString("Log starting offset: 5"));
        QCOMPARE(lines[3], batchLine(0, 1, 2, 0, 84, 1700000000005, 84, "none", storedCrc(a)));
        QCOMPARE(lines[4], QString("Found %1 invalid bytes at the end of 00000000000000000005.log").arg(tailBytes));
        QCOMPARE(lines[5], problem);

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
        QCOMPARE(lines.size(), 5);
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
        QCOMPARE(dumpLines(indexPath), (QStringList{
            QString("Dumping %1").arg(QString::fromStdString(indexPath.string())),
            "offset: 13 position: 100",
            "offset: 17 position: 4200",
            "Found 4 invalid bytes at the end of 00000000000000000010.index",
            "a partial 4-byte entry starts at byte position 40 (entries are 8 bytes)"}));

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

        // A fully preallocated (never written) index has no entries.
        const fs::path empty = path("00000000000000000020.index");
        writeFile(empty, Bytes(80, 0));
        auto none = readOffsetIndex(empty);
        QVERIFY(none);
        QVERIFY(none->empty());
        QCOMPARE(dumpLines(empty).value(1), QString::fromStdString(empty.string()) + " is empty.");
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
        Status s = dumpFile(missing, {}, out);
        QVERIFY(!s);
        QVERIFY2(s.message().find("no such file") != std::string::npos, s.message().c_str());
        QVERIFY(out.str().empty());

        const fs::path other = path("notes.txt");
        writeFile(other, Bytes{'h', 'i'});
        s = dumpFile(other, {}, out);
        QVERIFY(!s);
        QVERIFY2(s.message().find("unknown file type '.txt'") != std::string::npos, s.message().c_str());

        const fs::path dir = path("a-directory.log");
        std::error_code ec;
        fs::create_directory(dir, ec);
        QVERIFY(!ec);
        s = dumpFile(dir, {}, out);
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
