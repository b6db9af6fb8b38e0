// Consumer protocol subscription/assignment: byte-exact encodings against hand-written
// literals (layouts in consumer_protocol.h), round trips, newer versions read as Kafka reads
// them, and malformed input rejected with the field and byte position. What a Java consumer
// sends per assignor (eager: no ownedPartitions; sticky: the previous assignment in userData;
// cooperative-sticky: its generation) against bytes kafka-python encodes, and java.util.HashMap
// orders from the JDK (consumer_protocol_vectors.h, written by oracles/gen_consumer_protocol_vectors.py).
#include <QtTest>

// moc cannot parse <compare> (pulled in by group/types.h); it needs nothing from these.
#ifndef Q_MOC_RUN
#include "consumer_protocol_vectors.h"
#include "group/consumer_protocol.h"

#include <random>
#endif

using namespace kl;

namespace {

std::vector<uint8_t> hex(const char *s)
{
    const QByteArray b = QByteArray::fromHex(QByteArray(s)); // skips the spaces
    return std::vector<uint8_t>(b.begin(), b.end());
}

QByteArray toHex(const std::vector<uint8_t> &v)
{
    return QByteArray(reinterpret_cast<const char *>(v.data()), qsizetype(v.size())).toHex(' ');
}

// "t:0,u:1" -> partitions; "" -> none.
std::vector<TopicPartition> parseTps(const char *list)
{
    std::vector<TopicPartition> out;
    for (const QString &item : QString::fromLatin1(list).split(',', Qt::SkipEmptyParts)) {
        const qsizetype colon = item.lastIndexOf(':');
        out.push_back({item.left(colon).toStdString(), item.mid(colon + 1).toInt()});
    }
    return out;
}

std::vector<std::string> parseList(const char *list)
{
    std::vector<std::string> out;
    for (const QString &item : QString::fromLatin1(list).split(',', Qt::SkipEmptyParts))
        out.push_back(item.toStdString());
    return out;
}

std::vector<TopicPartition> tps(std::initializer_list<std::pair<const char *, int>> list)
{
    std::vector<TopicPartition> out;
    for (const auto &[t, p] : list)
        out.push_back({t, p});
    return out;
}

// The subscriptions of the byte tables, by name (Qt's _data columns cannot hold them).
ConsumerSubscription subscriptionNamed(const QString &name)
{
    ConsumerSubscription s;
    if (name == "v0") {
        s.version = 0;
        s.topics = {"t"};
    } else if (name == "v1") {
        s.version = 1;
        s.topics = {"t0", "t1"};
        s.userData = std::vector<uint8_t>{0x01, 0x02};
        s.ownedPartitions = tps({{"t0", 0}, {"t0", 2}, {"t1", 1}});
    } else if (name == "v2") {
        s.version = 2;
        s.topics = {"t"};
        s.generationId = 5;
    } else if (name == "v3") {
        s.version = 3;
        s.topics = {"t"};
        s.userData = std::vector<uint8_t>{};
        s.ownedPartitions = tps({{"t", 3}});
        s.rackId = "r1";
    } else if (name == "v3 null rack") {
        s.version = 3;
        s.generationId = 7;
    }
    return s;
}

} // namespace

class TestConsumerProtocol : public QObject {
    Q_OBJECT
private slots:
    void subscriptionBytes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("v0") << "v0" << QByteArray("0000 00000001 0001 74 ffffffff");
        QTest::newRow("v1") << "v1"
                            << QByteArray("0001 00000002 0002 7430 0002 7431 00000002 0102 "
                                          "00000002 0002 7430 00000002 00000000 00000002 "
                                          "0002 7431 00000001 00000001");
        QTest::newRow("v2") << "v2" << QByteArray("0002 00000001 0001 74 ffffffff 00000000 00000005");
        QTest::newRow("v3") << "v3"
                            << QByteArray("0003 00000001 0001 74 00000000 00000001 0001 74 00000001 "
                                          "00000003 ffffffff 0002 7231");
        QTest::newRow("v3 null rack") << "v3 null rack"
                                      << QByteArray("0003 00000000 ffffffff 00000000 00000007 ffff");
    }
    void subscriptionBytes()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        const ConsumerSubscription s = subscriptionNamed(name);
        const std::vector<uint8_t> expected = hex(bytes.constData());
        auto encoded = encodeSubscription(s);
        QVERIFY2(encoded.isOk(), encoded.status().message().c_str());
        QCOMPARE(toHex(*encoded), toHex(expected));
        auto decoded = decodeSubscription(expected);
        QVERIFY2(decoded.isOk(), decoded.status().message().c_str());
        QVERIFY(*decoded == s);
        // Every proper prefix is truncated somewhere: an error, never a crash.
        for (size_t n = 0; n < expected.size(); ++n) {
            auto cut = decodeSubscription(std::span<const uint8_t>(expected.data(), n));
            QVERIFY2(!cut.isOk(), qPrintable(QString("prefix %1 decoded").arg(n)));
            QCOMPARE(cut.status().code(), ErrorCode::InvalidRequest);
        }
    }

    void olderVersionDropsNewerFields()
    {
        ConsumerSubscription s = subscriptionNamed("v3");
        s.version = 0;
        auto encoded = encodeSubscription(s);
        QVERIFY(encoded.isOk());
        QCOMPARE(toHex(*encoded), toHex(hex("0000 00000001 0001 74 00000000")));
        auto decoded = decodeSubscription(*encoded);
        QVERIFY(decoded.isOk());
        QVERIFY(decoded->ownedPartitions.empty());
        QCOMPARE(decoded->generationId, -1);
        QVERIFY(!decoded->rackId);
    }

    void newerVersionReadAsV3()
    {
        // A v4 subscription: the v3 layout plus a field we do not know.
        std::vector<uint8_t> bytes = hex("0004 00000001 0001 74 ffffffff 00000000 00000009 ffff dead beef");
        auto decoded = decodeSubscription(bytes);
        QVERIFY2(decoded.isOk(), decoded.status().message().c_str());
        QCOMPARE(decoded->version, int16_t(4));
        QCOMPARE(decoded->generationId, 9);
        QCOMPARE(decoded->topics, std::vector<std::string>{"t"});
        // The same for an assignment.
        auto a = decodeAssignment(hex("0007 00000000 ffffffff 01020304"));
        QVERIFY(a.isOk());
        QCOMPARE(a->version, int16_t(7));
        QVERIFY(a->partitions.empty());
    }

    void malformed_data()
    {
        QTest::addColumn<bool>("assignment");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message"); // a fragment the error must contain
        QTest::newRow("empty") << false << QByteArray("") << "version: 0 bytes left, 2 needed at byte 0";
        QTest::newRow("negative version") << false << QByteArray("ffff 00000000 ffffffff") << "version";
        QTest::newRow("huge topic count") << false << QByteArray("0000 7fffffff") << "topics: array count 2147483647, but only 0 bytes follow";
        QTest::newRow("null topic array") << false << QByteArray("0000 ffffffff ffffffff") << "not nullable";
        QTest::newRow("null topic") << false << QByteArray("0000 00000001 ffff ffffffff") << "topics[0]: null, but the field is not nullable at byte 6";
        QTest::newRow("negative string") << false << QByteArray("0000 00000001 fffe") << "topics[0]: string length -2";
        QTest::newRow("short topic") << false << QByteArray("0000 00000001 0005 74") << "topics[0]: 1 bytes left, 5 needed";
        QTest::newRow("short userData") << false << QByteArray("0000 00000000 00000004 0102")
                                        << "userData: 2 bytes left, 4 needed";
        QTest::newRow("bad userData length") << false << QByteArray("0000 00000000 fffffffe") << "userData: bytes length -2";
        QTest::newRow("owned partitions count") << false << QByteArray("0001 00000000 ffffffff 00000001 0001 74 0000ffff")
                                                << "ownedPartitions[0].partitions";
        QTest::newRow("assignment short partition") << true << QByteArray("0000 00000001 0001 74 00000002 00000000 0000")
                                                    << "assignedPartitions[0].partitions: array count 2, but only 6 bytes follow";
        QTest::newRow("assignment missing userData") << true << QByteArray("0000 00000000") << "userData: 0 bytes left, 4 needed at byte 6";
        QTest::newRow("assignment negative version") << true << QByteArray("8000") << "version";
    }
    void malformed()
    {
        QFETCH(bool, assignment);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        const std::vector<uint8_t> data = hex(bytes.constData());
        const Status st = assignment ? decodeAssignment(data).status() : decodeSubscription(data).status();
        QVERIFY(!st.isOk());
        QCOMPARE(st.code(), ErrorCode::InvalidRequest);
        QVERIFY2(QString::fromStdString(st.message()).contains(message), st.message().c_str());
    }

    void assignmentBytes()
    {
        ConsumerAssignment a;
        a.version = 0;
        a.partitions = tps({{"t0", 0}, {"t0", 1}});
        auto encoded = encodeAssignment(a);
        QVERIFY(encoded.isOk());
        QCOMPARE(toHex(*encoded), toHex(hex("0000 00000001 0002 7430 00000002 00000000 00000001 ffffffff")));

        ConsumerAssignment b;
        b.version = 3;
        b.partitions = tps({{"b", 2}, {"a", 0}, {"b", 0}}); // grouped by first appearance
        b.userData = std::vector<uint8_t>{0xaa};
        encoded = encodeAssignment(b);
        QVERIFY(encoded.isOk());
        QCOMPARE(toHex(*encoded), toHex(hex("0003 00000002 0001 62 00000002 00000002 00000000 "
                                             "0001 61 00000001 00000000 00000001 aa")));
        auto decoded = decodeAssignment(*encoded);
        QVERIFY(decoded.isOk());
        QCOMPARE(decoded->partitions, tps({{"b", 2}, {"b", 0}, {"a", 0}}));
        QCOMPARE(decoded->userData, b.userData);
    }

    void encodeErrors()
    {
        ConsumerSubscription s;
        s.version = 4;
        QCOMPARE(encodeSubscription(s).status().code(), ErrorCode::UnsupportedVersion);
        s.version = -1;
        QCOMPARE(encodeSubscription(s).status().code(), ErrorCode::UnsupportedVersion);
        s.version = 0;
        s.topics = {std::string(40000, 'x')};
        QCOMPARE(encodeSubscription(s).status().code(), ErrorCode::InvalidRequest);
        ConsumerAssignment a;
        a.version = 9;
        QCOMPARE(encodeAssignment(a).status().code(), ErrorCode::UnsupportedVersion);
    }

    // Byte for byte what the Java client sends, per assignor and state (kafka-python's encoding).
    void javaClientSubscriptions_data()
    {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < std::size(oracle::kJavaSubscriptions); ++i)
            QTest::newRow(oracle::kJavaSubscriptions[i].name) << int(i);
    }
    void javaClientSubscriptions()
    {
        QFETCH(int, index);
        const auto &v = oracle::kJavaSubscriptions[index];
        JavaClientState state;
        state.topics = parseList(v.topics);
        state.owned = parseTps(v.owned);
        state.generation = v.generation;
        state.lastAssignment = parseTps(v.lastAssignment);
        state.lastAssignmentGeneration = v.lastAssignmentGeneration;
        auto bytes = encodeJavaClientSubscription(v.assignor, state);
        QVERIFY2(bytes.isOk(), bytes.status().message().c_str());
        QCOMPARE(toHex(*bytes), toHex(hex(v.hex)));

        // The leader reads back what Java's assignors read (AbstractStickyAssignor.memberData).
        auto decoded = decodeSubscription(*bytes);
        QVERIFY(decoded.isOk());
        const PreviousOwnership previous = previousOwnership(v.assignor, *decoded);
        const std::string assignor = v.assignor;
        if (assignor == "sticky") {
            QVERIFY(decoded->ownedPartitions.empty()); // eager: it revoked everything
            auto expected = state.lastAssignmentGeneration >= 0 ? state.lastAssignment : std::vector<TopicPartition> {};
            std::sort(expected.begin(), expected.end());
            auto got = previous.partitions;
            std::sort(got.begin(), got.end());
            QCOMPARE(got, expected);
            QCOMPARE(previous.generation, state.lastAssignmentGeneration);
        } else {
            auto owned = state.owned;
            std::sort(owned.begin(), owned.end());
            QCOMPARE(previous.partitions, owned);
            // Without a generation field (-1), cooperative-sticky falls back to its userData's.
            const bool fromUserData = assignor == "cooperative-sticky" && state.generation < 0;
            QCOMPARE(previous.generation, fromUserData ? state.lastAssignmentGeneration : state.generation);
        }
    }

    // A pre-v2 cooperative subscription carries the generation only in its userData.
    void cooperativeGenerationFromUserData()
    {
        ConsumerSubscription s;
        s.version = 1;
        s.topics = {"t"};
        s.ownedPartitions = tps({{"t", 1}});
        s.userData = encodeCooperativeStickyUserData(4);
        auto bytes = encodeSubscription(s);
        QVERIFY(bytes.isOk());
        auto decoded = decodeSubscription(*bytes);
        QVERIFY(decoded.isOk());
        QCOMPARE(decoded->generationId, -1);
        PreviousOwnership previous = previousOwnership("cooperative-sticky", *decoded);
        QCOMPARE(previous.generation, 4);
        QCOMPARE(previous.partitions, tps({{"t", 1}}));
        decoded->userData = std::vector<uint8_t> {0x01}; // unreadable: DEFAULT_GENERATION
        QCOMPARE(previousOwnership("cooperative-sticky", *decoded).generation, -1);
    }

    void stickyUserDataDecodes()
    {
        for (const auto &v : oracle::kStickyUserData) {
            auto decoded = decodeStickyUserData(hex(v.hex));
            QVERIFY2(decoded.isOk(), v.hex);
            QCOMPARE(decoded->previousAssignment, parseTps(v.partitions));
            QCOMPARE(decoded->generation.has_value(), v.hasGeneration);
            if (v.hasGeneration)
                QCOMPARE(*decoded->generation, v.generation);
            auto again = encodeStickyUserData(*decoded);
            QVERIFY(again.isOk());
            QCOMPARE(toHex(*again), toHex(hex(v.hex)));
        }
        // Neither v1 nor v0: the assignor ignores the claim.
        QVERIFY(!decodeStickyUserData(hex("00 00 00 05 00")).isOk());
        ConsumerSubscription s;
        s.topics = {"t"};
        s.userData = hex("00 00 00 05 00");
        s.generationId = 3;
        s.ownedPartitions = tps({{"t", 0}}); // never read for sticky
        const PreviousOwnership previous = previousOwnership("sticky", s);
        QVERIFY(previous.partitions.empty());
        QCOMPARE(previous.generation, -1);
    }

    void javaHashMapOrders()
    {
        for (const auto &v : oracle::kJavaHashMapOrders) {
            QStringList order;
            for (const auto &key : javaHashMapOrder(parseList(v.keys)))
                order << QString::fromStdString(key);
            QCOMPARE(order.join(','), QString::fromLatin1(v.order));
        }
    }

    void roundTrips()
    {
        std::mt19937 rng(42);
        auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
        for (int i = 0; i < 500; ++i) {
            ConsumerSubscription s;
            s.version = int16_t(pick(0, 3));
            for (int t = pick(0, 3); t > 0; --t)
                s.topics.push_back(std::string(size_t(pick(1, 12)), char('a' + pick(0, 25))));
            if (pick(0, 1))
                s.userData = std::vector<uint8_t>(size_t(pick(0, 20)), uint8_t(pick(0, 255)));
            if (s.version >= 1)
                for (int t = 0; t < pick(0, 3); ++t)
                    for (int p = 0; p < pick(1, 4); ++p)
                        s.ownedPartitions.push_back({std::string(1, char('a' + t)), p * 3});
            if (s.version >= 2)
                s.generationId = pick(-1, 1000);
            if (s.version >= 3 && pick(0, 1))
                s.rackId = "rack-" + std::to_string(pick(0, 9));
            auto bytes = encodeSubscription(s);
            QVERIFY(bytes.isOk());
            auto back = decodeSubscription(*bytes);
            QVERIFY2(back.isOk(), back.status().message().c_str());
            QVERIFY2(*back == s, qPrintable(QString("iteration %1").arg(i)));

            ConsumerAssignment a;
            a.version = int16_t(pick(0, 3));
            a.partitions = s.ownedPartitions;
            a.userData = s.userData;
            auto ab = encodeAssignment(a);
            QVERIFY(ab.isOk());
            auto aback = decodeAssignment(*ab);
            QVERIFY(aback.isOk());
            QVERIFY(*aback == a);
            // Random corruption of a byte never crashes (it may or may not still decode).
            std::vector<uint8_t> corrupt = *bytes;
            corrupt[size_t(pick(0, int(corrupt.size()) - 1))] ^= uint8_t(pick(1, 255));
            (void)decodeSubscription(corrupt);
        }
    }
};

QTEST_APPLESS_MAIN(TestConsumerProtocol)
#include "test_consumer_protocol.moc"
