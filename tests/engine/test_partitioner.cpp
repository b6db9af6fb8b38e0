// Partitioners: murmur2 and crc32 against the vectors in KAFKA-NOTES (kafka-python's
// Java-compatible murmur2, zlib's crc32), plus round-robin, uniform sticky, explicit
// partitions and the explanation strings.
#include "partitioners/partitioner.h"

#include <QtTest>

#include <set>
#include <vector>

using namespace kl;

namespace {

std::string toStd(const QByteArray &b) { return std::string(b.constData(), size_t(b.size())); }
QString q(const std::string &s) { return QString::fromStdString(s); }

} // namespace

class TestPartitioner : public QObject {
    Q_OBJECT
private slots:
    void vectors_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("murmurSigned");
        QTest::addColumn<int>("positive");
        QTest::addColumn<int>("mod3");
        QTest::addColumn<int>("mod6");
        QTest::addColumn<int>("mod12");
        QTest::addColumn<int>("crcMod6");
        // key, murmur2 (signed), & 0x7fffffff, % 3, % 6, % 12, crc32 % 6 (KAFKA-NOTES table)
        QTest::newRow("empty") << QByteArray("") << 275646681 << 275646681 << 0 << 3 << 9 << 0;
        QTest::newRow("a") << QByteArray("a") << -1563381124 << 584102524 << 1 << 4 << 4 << 3;
        QTest::newRow("abc") << QByteArray("abc") << 479470107 << 479470107 << 0 << 3 << 3 << 0;
        QTest::newRow("21") << QByteArray("21") << -973932308 << 1173551340 << 0 << 0 << 0 << 4;
        QTest::newRow("foobar") << QByteArray("foobar") << -790332482 << 1357151166 << 0 << 0
                                << 6 << 5;
        QTest::newRow("order-100") << QByteArray("order-100") << -955961047 << 1191522601 << 1
                                   << 1 << 1 << 1;
        QTest::newRow("order-101") << QByteArray("order-101") << 1112104930 << 1112104930 << 1
                                   << 4 << 10 << 1;
        QTest::newRow("user-1") << QByteArray("user-1") << 1404122828 << 1404122828 << 2 << 2
                                << 8 << 2;
        QTest::newRow("long") << QByteArray("a-little-bit-long-string") << -985981536
                              << 1161502112 << 2 << 2 << 8 << 0;
        QTest::newRow("korean") << QString::fromUtf8("\xED\x82\xA4").toUtf8() << 1505507041
                                << 1505507041 << 1 << 1 << 1 << 1;
    }
    void vectors()
    {
        QFETCH(QByteArray, key);
        QFETCH(int, murmurSigned);
        QFETCH(int, positive);
        QFETCH(int, mod3);
        QFETCH(int, mod6);
        QFETCH(int, mod12);
        QFETCH(int, crcMod6);
        const std::string k = toStd(key);

        QCOMPARE(murmur2(k), murmurSigned);
        QCOMPARE(toPositive(murmur2(k)), positive);
        QCOMPARE(int(crc32Ieee(k) % 6), crcMod6);

        std::mt19937_64 rng(7);
        const std::vector<std::pair<int, int>> mods{{3, mod3}, {6, mod6}, {12, mod12}};
        for (const auto &[n, expected] : mods) {
            Partitioner p(PartitionerKind::Default);
            auto r = p.choose(std::string_view(k), n, std::nullopt, rng);
            QVERIFY(r.isOk());
            QCOMPARE(r->partition, expected);
        }
        if (!k.empty()) { // consistent_random hashes only non-empty keys
            Partitioner crc(PartitionerKind::Crc32);
            auto r = crc.choose(std::string_view(k), 6, std::nullopt, rng);
            QVERIFY(r.isOk());
            QCOMPARE(r->partition, crcMod6);
        }
    }

    void murmurIsMurmur2PartitionerToo()
    {
        std::mt19937_64 rng(1);
        Partitioner p(PartitionerKind::Murmur2);
        auto r = p.choose(std::string_view("foobar"), 12, std::nullopt, rng);
        QVERIFY(r.isOk());
        QCOMPARE(r->partition, 6);
    }

    void explanations_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<QString>("explanation");
        QTest::newRow("murmur2") << "murmur2" << QByteArray("order-100") << 6
                                 << "murmur2(\"order-100\") & 0x7fffffff = 1191522601; mod 6 = 1";
        QTest::newRow("default") << "default" << QByteArray("order-101") << 12
                                 << "murmur2(\"order-101\") & 0x7fffffff = 1112104930; mod 12 = 10";
        QTest::newRow("crc32") << "crc32" << QByteArray("order-100") << 6
                               << QString("crc32(\"order-100\") = %1; mod 6 = 1")
                                      .arg(crc32Ieee("order-100"));
        QTest::newRow("utf8") << "murmur2" << QString::fromUtf8("\xED\x82\xA4").toUtf8() << 3
                              << QString::fromUtf8(
                                     "murmur2(\"\xED\x82\xA4\") & 0x7fffffff = 1505507041; mod 3 = 1");
    }
    void explanations()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, key);
        QFETCH(int, partitions);
        QFETCH(QString, explanation);
        auto k = partitionerFromName(kind.toStdString());
        QVERIFY(k.has_value());
        Partitioner p(*k);
        std::mt19937_64 rng(3);
        const std::string keyStr = toStd(key);
        auto r = p.choose(std::string_view(keyStr), partitions, std::nullopt, rng);
        QVERIFY(r.isOk());
        QCOMPARE(q(r->explanation), explanation);
    }

    void crc32KnownValue()
    {
        // zlib's check value for "123456789".
        QCOMPARE(crc32Ieee("123456789"), 0xCBF43926u);
        QCOMPARE(crc32Ieee(""), 0u);
    }

    void crc32NullOrEmptyKeyIsRandomFromRng()
    {
        // consistent_random: a null or empty key is spread at random; the same seed replays.
        for (bool empty : {false, true}) {
            std::optional<std::string_view> key;
            if (empty)
                key = std::string_view("");
            std::mt19937_64 a(42), b(42);
            Partitioner pa(PartitionerKind::Crc32), pb(PartitionerKind::Crc32);
            std::set<int> seen;
            for (int i = 0; i < 200; ++i) {
                auto ra = pa.choose(key, 6, std::nullopt, a);
                auto rb = pb.choose(key, 6, std::nullopt, b);
                QVERIFY(ra.isOk() && rb.isOk());
                QCOMPARE(ra->partition, rb->partition);
                QVERIFY(ra->partition >= 0 && ra->partition < 6);
                QVERIFY(q(ra->explanation).contains(empty ? "empty key" : "null key"));
                seen.insert(ra->partition);
            }
            QCOMPARE(int(seen.size()), 6);
        }
    }

    void roundRobinCycles()
    {
        Partitioner p(PartitionerKind::RoundRobin);
        std::mt19937_64 rng(1);
        for (int i = 0; i < 14; ++i) {
            // Keys are ignored by round-robin.
            auto r = p.choose(std::string_view("same-key"), 6, std::nullopt, rng);
            QVERIFY(r.isOk());
            QCOMPARE(r->partition, i % 6);
            QCOMPARE(q(r->explanation),
                     QString("round-robin: record #%1 -> partition %2").arg(i).arg(i % 6));
        }
    }

    void stickyStaysUntilBatchSizeThenSwitches()
    {
        const int32_t batchSize = 1000;
        Partitioner p(PartitionerKind::Default, batchSize);
        std::mt19937_64 rng(11);
        auto first = p.choose(std::nullopt, 6, std::nullopt, rng);
        QVERIFY(first.isOk());
        const int32_t sticky = first->partition;
        QCOMPARE(q(first->explanation),
                 QString("null key: uniform sticky partitioner (KIP-794) keeps partition %1 until "
                         "batch.size 1000 bytes")
                     .arg(sticky));
        // 999 bytes: still below batch.size, stays.
        for (int i = 0; i < 9; ++i) {
            p.onAppend(sticky, 111);
            auto r = p.choose(std::nullopt, 6, std::nullopt, rng);
            QVERIFY(r.isOk());
            QCOMPARE(r->partition, sticky);
        }
        // Bytes to another partition (a keyed record) do not count.
        p.onAppend((sticky + 1) % 6, 5000);
        auto still = p.choose(std::nullopt, 6, std::nullopt, rng);
        QCOMPARE(still->partition, sticky);
        // Reaching batch.size switches, never to the same partition.
        p.onAppend(sticky, 1);
        auto next = p.choose(std::nullopt, 6, std::nullopt, rng);
        QVERIFY(next.isOk());
        QVERIFY(next->partition != sticky);
        QVERIFY(next->partition >= 0 && next->partition < 6);
        QVERIFY(q(next->explanation).contains(QString("switched from partition %1").arg(sticky)));
        // ...and sticks to the new one.
        auto again = p.choose(std::nullopt, 6, std::nullopt, rng);
        QCOMPARE(again->partition, next->partition);
    }

    void stickyNeverRepeatsAndCoversAll()
    {
        Partitioner p(PartitionerKind::UniformSticky, 100);
        std::mt19937_64 rng(5);
        std::set<int> seen;
        int previous = -1;
        for (int i = 0; i < 300; ++i) {
            auto r = p.choose(std::string_view("ignored"), 4, std::nullopt, rng);
            QVERIFY(r.isOk());
            QVERIFY(r->partition != previous);
            QVERIFY(q(r->explanation).startsWith("key ignored: uniform sticky"));
            seen.insert(r->partition);
            previous = r->partition;
            p.onAppend(r->partition, 100);
        }
        QCOMPARE(int(seen.size()), 4);
    }

    void stickySinglePartitionStays()
    {
        Partitioner p(PartitionerKind::Default, 10);
        std::mt19937_64 rng(5);
        for (int i = 0; i < 5; ++i) {
            auto r = p.choose(std::nullopt, 1, std::nullopt, rng);
            QVERIFY(r.isOk());
            QCOMPARE(r->partition, 0);
            p.onAppend(0, 50);
        }
    }

    void stickyIsDeterministicForASeed()
    {
        auto run = [](uint64_t seed) {
            Partitioner p(PartitionerKind::Default, 500);
            std::mt19937_64 rng(seed);
            std::vector<int> out;
            for (int i = 0; i < 100; ++i) {
                auto r = p.choose(std::nullopt, 12, std::nullopt, rng);
                out.push_back(r->partition);
                p.onAppend(r->partition, 120);
            }
            return out;
        };
        QCOMPARE(run(99), run(99));
        QVERIFY(run(99) != run(100));
    }

    void explicitPartition_data()
    {
        QTest::addColumn<int>("partition");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<bool>("ok");
        QTest::newRow("first") << 0 << 6 << true;
        QTest::newRow("last") << 5 << 6 << true;
        QTest::newRow("one past") << 6 << 6 << false;
        QTest::newRow("negative") << -1 << 6 << false;
        QTest::newRow("far") << 100 << 3 << false;
    }
    void explicitPartition()
    {
        QFETCH(int, partition);
        QFETCH(int, partitions);
        QFETCH(bool, ok);
        std::mt19937_64 rng(1);
        for (auto kind : {PartitionerKind::Default, PartitionerKind::Crc32,
                          PartitionerKind::RoundRobin, PartitionerKind::UniformSticky}) {
            Partitioner p(kind);
            auto r = p.choose(std::string_view("order-100"), partitions, partition, rng);
            QCOMPARE(r.isOk(), ok);
            if (ok) {
                QCOMPARE(r->partition, partition);
                QCOMPARE(q(r->explanation), QString("explicit partition %1").arg(partition));
            } else {
                QCOMPARE(r.status().code(), ErrorCode::UnknownTopicOrPartition);
                QVERIFY(q(r.status().message()).contains(QString::number(partition)));
                QVERIFY(q(r.status().message()).contains(QString("0..%1").arg(partitions - 1)));
            }
        }
    }

    void invalidPartitionCount()
    {
        std::mt19937_64 rng(1);
        for (int n : {0, -3}) {
            Partitioner p;
            auto r = p.choose(std::string_view("k"), n, std::nullopt, rng);
            QVERIFY(!r.isOk());
            QCOMPARE(r.status().code(), ErrorCode::InvalidPartitions);
            // Checked before the explicit partition.
            auto e = p.choose(std::nullopt, n, 0, rng);
            QCOMPARE(e.status().code(), ErrorCode::InvalidPartitions);
        }
    }

    void namesRoundTrip()
    {
        for (auto kind : {PartitionerKind::Default, PartitionerKind::Murmur2,
                          PartitionerKind::Crc32, PartitionerKind::RoundRobin,
                          PartitionerKind::UniformSticky}) {
            auto back = partitionerFromName(partitionerName(kind));
            QVERIFY(back.has_value());
            QCOMPARE(int(*back), int(kind));
        }
        const std::string_view rr = partitionerName(PartitionerKind::RoundRobin);
        QCOMPARE(QString::fromUtf8(rr.data(), qsizetype(rr.size())), "round-robin");
        QVERIFY(!partitionerFromName("random").has_value());
        QVERIFY(!partitionerFromName("").has_value());
    }
};

QTEST_APPLESS_MAIN(TestPartitioner)
#include "test_partitioner.moc"
