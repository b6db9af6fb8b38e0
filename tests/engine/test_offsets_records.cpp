// __consumer_offsets records: byte-exact keys and values against hand-written literals
// (layouts in offsets_records.h, from Kafka's OffsetCommitKey/Value and GroupMetadataKey/Value
// schemas), key classification, tombstones, older value versions, malformed input.
#include <QtTest>

#ifndef Q_MOC_RUN
#include "group/offsets_json.h"
#include "group/offsets_records.h"
#endif

using namespace kl;

namespace {

std::vector<uint8_t> hex(const char *s)
{
    const QByteArray b = QByteArray::fromHex(QByteArray(s));
    return std::vector<uint8_t>(b.begin(), b.end());
}

QByteArray toHex(const std::vector<uint8_t> &v)
{
    return QByteArray(reinterpret_cast<const char *>(v.data()), qsizetype(v.size())).toHex(' ');
}

// "consumer" as a STRING
constexpr const char *kConsumer = "0008 636f6e73756d6572";

// Built by initialisation: assigning short literals to the strings trips a false g++ 12
// -Wrestrict at -O3.
GroupMetadataValue stableGroup()
{
    GroupMemberMetadata m{.memberId = "m1",
                          .groupInstanceId = std::nullopt,
                          .clientId = "c",
                          .clientHost = "/h",
                          .rebalanceTimeoutMs = 300000,
                          .sessionTimeoutMs = 45000,
                          .subscription = {0x00, 0x01},
                          .assignment = {}};
    return GroupMetadataValue{.version = 3,
                              .protocolType = "consumer",
                              .generation = 1,
                              .protocol = "range",
                              .leader = "m1",
                              .currentStateTimestamp = 5000,
                              .members = {m}};
}

} // namespace

class TestOffsetsRecords : public QObject {
    Q_OBJECT
private slots:
    void classify_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("kind"); // -1 = error
        QTest::newRow("offset commit v1") << QByteArray("0001 0001 67 0001 74 00000002") << int(OffsetsKeyKind::OffsetCommit);
        QTest::newRow("offset commit v0") << QByteArray("0000 0001 67 0001 74 00000002") << int(OffsetsKeyKind::OffsetCommit);
        QTest::newRow("group metadata") << QByteArray("0002 0001 67") << int(OffsetsKeyKind::GroupMetadata);
        QTest::newRow("kip-848 record") << QByteArray("0003 0001 67") << int(OffsetsKeyKind::Other);
        QTest::newRow("one byte") << QByteArray("00") << -1;
        QTest::newRow("negative") << QByteArray("ffff 0001 67") << -1;
    }
    void classify()
    {
        QFETCH(QByteArray, key);
        QFETCH(int, kind);
        auto r = classifyOffsetsKey(hex(key.constData()));
        if (kind < 0) {
            QVERIFY(!r.isOk());
            QCOMPARE(r.status().code(), ErrorCode::CorruptMessage);
        } else {
            QVERIFY(r.isOk());
            QCOMPARE(int(*r), kind);
        }
    }

    void offsetCommitKey()
    {
        auto bytes = encodeOffsetCommitKey({"g", "t", 2});
        QVERIFY(bytes.isOk());
        QCOMPARE(toHex(*bytes), toHex(hex("0001 0001 67 0001 74 00000002")));
        auto key = decodeOffsetCommitKey(*bytes);
        QVERIFY(key.isOk());
        QVERIFY(*key == (OffsetCommitKey{"g", "t", 2}));
        // Version 0 has the same layout.
        auto v0 = decodeOffsetCommitKey(hex("0000 0002 6767 0000 ffffffff"));
        QVERIFY(v0.isOk());
        QVERIFY(*v0 == (OffsetCommitKey{"gg", "", -1}));
        // A group metadata key is not an offset commit key.
        QCOMPARE(decodeOffsetCommitKey(hex("0002 0001 67")).status().code(), ErrorCode::CorruptMessage);
        QCOMPARE(encodeOffsetCommitKey({"g", "t", 0}, 2).status().code(), ErrorCode::UnsupportedVersion);
    }

    void groupMetadataKey()
    {
        auto bytes = encodeGroupMetadataKey({"group-1"});
        QVERIFY(bytes.isOk());
        QCOMPARE(toHex(*bytes), toHex(hex("0002 0007 67726f75702d31")));
        auto key = decodeGroupMetadataKey(*bytes);
        QVERIFY(key.isOk());
        QCOMPARE(key->group, std::string("group-1"));
        QVERIFY(!decodeGroupMetadataKey(hex("0001 0001 67")).isOk());
    }

    void offsetCommitValue_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QByteArray>("bytes");
        // offset 100, leaderEpoch 5 (v3), metadata "m", commitTimestamp 1000, expire 2000 (v1)
        QTest::newRow("v3") << 3 << QByteArray("0003 0000000000000064 00000005 0001 6d 00000000000003e8");
        QTest::newRow("v1") << 1 << QByteArray("0001 0000000000000064 0001 6d 00000000000003e8 00000000000007d0");
        QTest::newRow("v0") << 0 << QByteArray("0000 0000000000000064 0001 6d 00000000000003e8");
        QTest::newRow("v2") << 2 << QByteArray("0002 0000000000000064 0001 6d 00000000000003e8");
    }
    void offsetCommitValue()
    {
        QFETCH(int, version);
        QFETCH(QByteArray, bytes);
        const OffsetCommitValue v{.version = int16_t(version),
                                  .offset = 100,
                                  .leaderEpoch = version >= 3 ? 5 : -1,
                                  .metadata = "m",
                                  .commitTimestamp = 1000,
                                  .expireTimestamp = version == 1 ? 2000 : -1};
        const std::vector<uint8_t> expected = hex(bytes.constData());
        auto encoded = encodeOffsetCommitValue(v);
        QVERIFY(encoded.isOk());
        QCOMPARE(toHex(*encoded), toHex(expected));
        auto decoded = decodeOffsetCommitValue(RecordView(expected));
        QVERIFY2(decoded.isOk(), decoded.status().message().c_str());
        QVERIFY(decoded->has_value());
        QVERIFY(**decoded == v);
        for (size_t n = 0; n < expected.size(); ++n) {
            auto cut = decodeOffsetCommitValue(RecordView(expected.data(), n));
            QVERIFY2(!cut.isOk(), qPrintable(QString("prefix %1 decoded").arg(n)));
            QCOMPARE(cut.status().code(), ErrorCode::CorruptMessage);
        }
    }

    void tombstones()
    {
        auto offset = decodeOffsetCommitValue(std::nullopt);
        QVERIFY(offset.isOk());
        QVERIFY(!offset->has_value());
        auto group = decodeGroupMetadataValue(std::nullopt);
        QVERIFY(group.isOk());
        QVERIFY(!group->has_value());
        // An empty (non-null) value is not a tombstone but a truncated record.
        QVERIFY(!decodeOffsetCommitValue(RecordView()).isOk());
    }

    void groupMetadataValueV3()
    {
        const std::string literal = std::string("0003 ") + kConsumer
            + " 00000001 0005 72616e6765 0002 6d31 0000000000001388 00000001"
              " 0002 6d31 ffff 0001 63 0002 2f68 000493e0 0000afc8 00000002 0001 00000000";
        const std::vector<uint8_t> expected = hex(literal.c_str());
        const GroupMetadataValue v = stableGroup();
        auto encoded = encodeGroupMetadataValue(v);
        QVERIFY(encoded.isOk());
        QCOMPARE(toHex(*encoded), toHex(expected));
        auto decoded = decodeGroupMetadataValue(RecordView(expected));
        QVERIFY2(decoded.isOk(), decoded.status().message().c_str());
        QVERIFY(**decoded == v);
        for (size_t n = 0; n < expected.size(); ++n)
            QVERIFY(!decodeGroupMetadataValue(RecordView(expected.data(), n)).isOk());
    }

    void groupMetadataOlderVersions()
    {
        // v0, an Empty group: null protocol and leader, no members.
        const std::string empty = std::string("0000 ") + kConsumer + " 00000000 ffff ffff 00000000";
        auto decoded = decodeGroupMetadataValue(RecordView(hex(empty.c_str())));
        QVERIFY(decoded.isOk());
        const GroupMetadataValue &g = **decoded;
        QCOMPARE(g.version, int16_t(0));
        QCOMPARE(g.protocolType, std::string("consumer"));
        QVERIFY(!g.protocol && !g.leader);
        QCOMPARE(g.currentStateTimestamp, int64_t(-1));
        QVERIFY(g.members.empty());

        // v0 with a member: no rebalanceTimeout, which Kafka reads as the session timeout.
        const std::string v0 = std::string("0000 ") + kConsumer
            + " 00000002 0005 72616e6765 0002 6d31 00000001 0002 6d31 0001 63 0002 2f68 00002710 00000000 00000000";
        decoded = decodeGroupMetadataValue(RecordView(hex(v0.c_str())));
        QVERIFY2(decoded.isOk(), decoded.status().message().c_str());
        QCOMPARE((*decoded)->members.size(), size_t(1));
        QCOMPARE((*decoded)->members[0].sessionTimeoutMs, 10000);
        QCOMPARE((*decoded)->members[0].rebalanceTimeoutMs, 10000);

        // Each version round-trips with the fields it has.
        for (int16_t version = 0; version <= 3; ++version) {
            GroupMetadataValue v = stableGroup();
            v.version = version;
            v.members[0].groupInstanceId = "instance-a";
            auto bytes = encodeGroupMetadataValue(v);
            QVERIFY(bytes.isOk());
            auto back = decodeGroupMetadataValue(RecordView(*bytes));
            QVERIFY(back.isOk());
            const GroupMemberMetadata &m = (*back)->members[0];
            QCOMPARE(m.groupInstanceId.has_value(), version >= 3);
            QCOMPARE(m.rebalanceTimeoutMs, version >= 1 ? 300000 : 45000);
            QCOMPARE((*back)->currentStateTimestamp, version >= 2 ? int64_t(5000) : int64_t(-1));
        }
    }

    void malformedValues_data()
    {
        QTest::addColumn<bool>("group");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("offset v4 (flexible)") << false << QByteArray("0004 0000000000000064") << "version";
        QTest::newRow("offset negative metadata") << false << QByteArray("0000 0000000000000064 fffe") << "metadata: string length -2";
        QTest::newRow("offset null metadata") << false << QByteArray("0000 0000000000000064 ffff 00000000000003e8")
                                              << "not nullable";
        QTest::newRow("group v4") << true << QByteArray("0004") << "version";
        QTest::newRow("group null protocol type") << true << QByteArray("0000 ffff") << "protocolType: null, but the field is not nullable at byte 2";
        QTest::newRow("group huge members") << true << QByteArray("0000 0000 00000000 ffff ffff 7fffffff") << "members: array count 2147483647";
        QTest::newRow("group null subscription") << true
                                                 << QByteArray("0001 0000 00000000 ffff ffff 00000001 0000 0000 0000 "
                                                               "00000000 00000000 ffffffff 00000000")
                                                 << "members[0].subscription";
    }
    void malformedValues()
    {
        QFETCH(bool, group);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        const std::vector<uint8_t> data = hex(bytes.constData());
        const Status st = group ? decodeGroupMetadataValue(RecordView(data)).status()
                                : decodeOffsetCommitValue(RecordView(data)).status();
        QVERIFY(!st.isOk());
        QVERIFY2(QString::fromStdString(st.message()).contains(message), st.message().c_str());
    }

    void encodeErrors()
    {
        OffsetCommitValue v;
        v.version = 4;
        QCOMPARE(encodeOffsetCommitValue(v).status().code(), ErrorCode::UnsupportedVersion);
        v.version = 3;
        v.metadata = std::string(70000, 'x');
        QCOMPARE(encodeOffsetCommitValue(v).status().code(), ErrorCode::CorruptMessage);
        GroupMetadataValue g;
        g.version = -1;
        QCOMPARE(encodeGroupMetadataValue(g).status().code(), ErrorCode::UnsupportedVersion);
    }

    // dump-log --offsets-decoder (Kafka's OffsetsMessageParser): what Kafka prints in the cases
    // the fixture test (dump_fixtures/offsets_decoder.stdout) does not reach.
    void offsetsJsonEscapingAndBase64()
    {
        // Jackson escapes quotes, backslashes and control characters (short forms where JSON
        // has them, else \u00XX in upper-case hex) and leaves other bytes as they are.
        QCOMPARE(jsonString("a\"b\\c\x01\x1f\n\t/\xed\x95\x9c"),
                 std::string("\"a\\\"b\\\\c\\u0001\\u001F\\n\\t/\xed\x95\x9c\""));
        QCOMPARE(base64(""), std::string(""));
        QCOMPARE(base64("f"), std::string("Zg=="));
        QCOMPARE(base64("fo"), std::string("Zm8="));
        QCOMPARE(base64("foo"), std::string("Zm9v"));
        QCOMPARE(base64(std::string("\xff\xfe\x00", 3)), std::string("//4A"));
    }

    void offsetsJsonRecordKinds()
    {
        auto bytesOf = [](const Result<RecordBytes> &b) { return std::string(b->begin(), b->end()); };
        // A KIP-848 record (key type 3): Kafka decodes it, Kafka Lab says it does not.
        auto kip848 = formatOffsetsRecord(12, std::string("\x00\x03\x00\x01g", 5), std::string("\x00\x00", 2));
        QVERIFY(kip848);
        QCOMPARE(kip848->key.value(), std::string("Record type 3 (a KIP-848 or share group record) at offset 12 "
                                                  "is not decoded by Kafka Lab, skipping."));
        QVERIFY(!kip848->payload);
        // Negative key versions are unknown record types to Kafka.
        auto negative = formatOffsetsRecord(2, std::string("\xff\xff", 2), std::nullopt);
        QCOMPARE(negative->key.value(), std::string("Unknown record type -1 at offset 2, skipping."));
        // A truncated key: "Error at offset N, skipping." with what could not be read.
        const std::string key = bytesOf(encodeOffsetCommitKey({"g", "t", 0}));
        auto torn = formatOffsetsRecord(5, key.substr(0, key.size() - 2), std::nullopt);
        QVERIFY(torn);
        QVERIFY2(torn->key->rfind("Error at offset 5, skipping. Could not read record with version 1 from key's "
                                  "buffer due to: ", 0) == 0, torn->key->c_str());
        QVERIFY(!torn->payload);
        // A value too short for its version, and the flexible v4 Kafka Lab does not decode.
        auto shortValue = formatOffsetsRecord(6, key, std::string("\x00", 1));
        QCOMPARE(shortValue->key.value(), std::string("Error at offset 6, skipping. Could not read version from "
                                                      "value's buffer."));
        auto v4 = formatOffsetsRecord(7, key, std::string("\x00\x04\x00", 3));
        QVERIFY2(v4->key->find("Value version 4") != std::string::npos, v4->key->c_str());
        // No key at all: Kafka's parser throws; the dump stops with its message.
        auto keyless = formatOffsetsRecord(9, std::nullopt, std::string("v"));
        QVERIFY(!keyless);
        QCOMPARE(keyless.status().message(), std::string("Failed to decode message at offset 9 using offset topic "
                                                         "decoder (message had a missing key)"));
        // A v3 commit as Kafka Lab's coordinator writes it.
        OffsetCommitValue value;
        value.offset = 468;
        value.leaderEpoch = 2;
        value.metadata = "m";
        value.commitTimestamp = 1700000000000;
        auto commit = formatOffsetsRecord(1, key, bytesOf(encodeOffsetCommitValue(value)));
        QCOMPARE(commit->key.value(), std::string(R"({"type":"1","data":{"group":"g","topic":"t","partition":0}})"));
        QCOMPARE(commit->payload.value(),
                 std::string(R"({"version":"3","data":{"offset":468,"leaderEpoch":2,"metadata":"m","commitTimestamp":1700000000000}})"));
    }
};

QTEST_APPLESS_MAIN(TestOffsetsRecords)
#include "test_offsets_records.moc"
