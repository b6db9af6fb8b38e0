// The protocol codec and framing: unsigned varints at their length boundaries, both string and
// array encodings with null, hostile counts refused without allocating, tagged fields skipped;
// ApiVersions answered in both encodings (v0 and v3, response header v0 in both) and at an
// unknown version (v0 body, UNSUPPORTED_VERSION, its own range), a version not served and an
// unknown api key refused with a reason; Metadata v1 and v12 for every topic and for one
// missing topic.
#include "protocol/apis.h"

#include <QtTest>

#include <array>
#include <map>

using namespace kl;
using namespace kl::proto;

namespace {

Bytes requestFrame(int16_t key, int16_t version, int32_t correlation, bool flexibleHeader, const Bytes &body)
{
    Bytes f;
    Writer w(f, false);
    w.i16(key);
    w.i16(version);
    w.i32(correlation);
    w.classicString("test-client");
    if (flexibleHeader)
        w.uvarint(0);
    w.raw(body);
    return f;
}

RequestContext context()
{
    auto snap = std::make_shared<ClusterSnapshot>();
    snap->controllerId = 2;
    for (int32_t b = 1; b <= 3; ++b) {
        BrokerSnapshot bs;
        bs.id = b;
        bs.state = b == 3 ? BrokerState::Crashed : BrokerState::Running;
        snap->brokers.push_back(bs);
    }
    TopicSnapshot t;
    t.name = "orders";
    t.topicId = Uuid {0x0102030405060708ULL, 0x1112131415161718ULL};
    for (int32_t p = 0; p < 2; ++p) {
        PartitionSnapshot ps;
        ps.id = p;
        ps.leader = p == 0 ? 1 : -1;
        ps.leaderEpoch = 4;
        ps.replicas = {1, 3};
        ps.isr = {1};
        t.partitions.push_back(ps);
    }
    snap->topics.push_back(t);
    RequestContext c;
    c.snapshot = snap;
    c.endpoints = {{1, "127.0.0.1", 9092}, {2, "127.0.0.1", 9093}, {3, "127.0.0.1", 9094}};
    c.broker = 1;
    return c;
}

} // namespace

class TestProtocolCodec : public QObject {
    Q_OBJECT
private slots:
    void uvarintBoundaries()
    {
        for (uint32_t v : {0u, 127u, 128u, 16383u, 16384u, 0xffffffffu}) {
            Bytes b;
            Writer w(b, true);
            w.uvarint(v);
            const size_t expected = v < 128 ? 1 : v < 16384 ? 2 : v < 2097152 ? 3 : 5;
            QCOMPARE(b.size(), expected);
            Reader r(b, true);
            QCOMPARE(r.uvarint("v"), v);
            QVERIFY(r.ok());
        }
        const Bytes tooLong {0xff, 0xff, 0xff, 0xff, 0x7f};
        Reader r(tooLong, true);
        r.uvarint("v");
        QVERIFY(!r.ok());
    }

    void stringsAndArraysInBothEncodings()
    {
        Bytes classic, flexible;
        for (auto [out, flex] : {std::pair<Bytes *, bool> {&classic, false}, {&flexible, true}}) {
            Writer w(*out, flex);
            w.string("ab");
            w.nullableString(std::nullopt);
            w.arrayCount(2);
            w.nullArray();
            w.tags();
        }
        QCOMPARE(classic, (Bytes {0, 2, 'a', 'b', 0xff, 0xff, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff}));
        QCOMPARE(flexible, (Bytes {3, 'a', 'b', 0, 3, 0, 0}));
        Reader r(flexible, true);
        QCOMPARE(r.string("s"), std::string("ab"));
        QVERIFY(!r.nullableString("n"));
        QCOMPARE(r.arrayCount("a"), 2);
        QCOMPARE(r.arrayCount("a"), -1);
        r.skipTags("t");
        QVERIFY(r.ok());
        QCOMPARE(r.remaining(), size_t(0));
    }

    void hostileInputIsRefused()
    {
        // A count of 2^31-1 elements with 4 bytes behind it: refused, nothing reserved.
        const Bytes count {0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0};
        Reader r(count, false);
        QCOMPARE(r.arrayCount("topics", 2), 0);
        QVERIFY(!r.ok());
        QVERIFY2(r.status("Metadata v1").message().find("topics: array count 2147483647") != std::string::npos,
                 r.status("Metadata v1").message().c_str());
        // A non-nullable string sent as null, and a string longer than what follows.
        const Bytes nullString {0xff, 0xff};
        Reader n(nullString, false);
        n.string("name");
        QVERIFY(!n.ok());
        const Bytes shortString {0, 9, 'a'};
        Reader s(shortString, false);
        s.string("name");
        QVERIFY2(s.status("x").message().find("name: 1 bytes left, 9 needed") != std::string::npos,
                 s.status("x").message().c_str());
        // Tagged fields are skipped by their size, unknown tags included.
        const Bytes tags {2, 0, 1, 'x', 7, 2, 'y', 'z', 0x2a};
        Reader t(tags, true);
        t.skipTags("tags");
        QCOMPARE(t.i8("after"), int8_t(0x2a));
        QVERIFY(t.ok());
    }

    void apiVersionsBothEncodings()
    {
        const auto ctx = context();
        auto v0 = handleFrame(requestFrame(18, 0, 7, false, {}), ctx);
        QVERIFY2(v0, v0.status().toString().c_str());
        // The served ranges, as Kafka 4.x's message JSON files give them (Produce 3-12 and Fetch
        // 4-17 there; Kafka Lab stops Produce at 11, before transactions v2, and keeps ListOffsets
        // v0, which 4.0 dropped, for Burrow), in table order.
        const std::vector<std::array<int16_t, 3>> served {{0, 3, 11}, {1, 4, 17}, {2, 0, 8}, {3, 0, 12}, {8, 2, 9},
            {9, 1, 9}, {10, 0, 6}, {11, 2, 9}, {12, 0, 4}, {13, 0, 5}, {14, 0, 5}, {15, 0, 5}, {16, 0, 5},
            {19, 2, 7}, {20, 1, 6}, {18, 0, 3}, {22, 0, 5}, {37, 0, 3}, {42, 0, 2}, {23, 2, 4}, {32, 1, 4}, {60, 0, 1}, {44, 0, 1},
            {35, 1, 4}, {33, 0, 2}};
        const auto be16 = [](Bytes &b, int v) {
            b.push_back(uint8_t(v >> 8));
            b.push_back(uint8_t(v));
        };
        // v0: size, correlation id 7, error 0, INT32 count, {key, min, max} each.
        Bytes want0 {0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, uint8_t(served.size())};
        for (const auto &[key, min, max] : served) {
            be16(want0, key);
            be16(want0, min);
            be16(want0, max);
        }
        want0[3] = uint8_t(want0.size() - 4);
        QCOMPARE(v0->frame, want0);
        Bytes body;
        Writer w(body, true);
        w.string("librdkafka");
        w.string("2.0.2");
        w.tags();
        auto v3 = handleFrame(requestFrame(18, 3, 8, true, body), ctx);
        QVERIFY2(v3, v3.status().toString().c_str());
        // Header v0 (no tag byte after the correlation id), compact array (count + 1), a tag
        // byte after each api, throttle, tags.
        Bytes want3 {0, 0, 0, 0, 0, 0, 0, 8, 0, 0, uint8_t(served.size() + 1)};
        for (const auto &[key, min, max] : served) {
            be16(want3, key);
            be16(want3, min);
            be16(want3, max);
            want3.push_back(0);
        }
        for (int i = 0; i < 5; ++i)
            want3.push_back(0);
        want3[3] = uint8_t(want3.size() - 4);
        QCOMPARE(v3->frame, want3);
    }

    // Only Kafka's own internal topics are marked internal, not every name starting with "__"
    // (Topic.INTERNAL_TOPICS: __consumer_offsets and __transaction_state).
    void onlyKafkasInternalTopicsAreInternal()
    {
        auto ctx = context();
        auto snap = std::make_shared<ClusterSnapshot>(*ctx.snapshot);
        snap->topics.clear();
        for (const char *name : {"__consumer_offsets", "__mine", "__transaction_state"}) {
            TopicSnapshot t;
            t.name = name;
            snap->topics.push_back(t);
        }
        ctx.snapshot = snap;
        Bytes body;
        Writer w(body, false);
        w.nullArray();
        auto r = handleFrame(requestFrame(3, 1, 12, false, body), ctx);
        QVERIFY2(r, r.status().toString().c_str());
        Reader in(ByteSpan(r->frame).subspan(4), false);
        in.i32("correlation");
        const int32_t brokers = in.arrayCount("brokers");
        for (int32_t b = 0; b < brokers; ++b) {
            in.i32("id");
            in.string("host");
            in.i32("port");
            in.nullableString("rack");
        }
        in.i32("controller");
        QCOMPARE(in.arrayCount("topics"), 3);
        std::map<std::string, bool> internal;
        for (int i = 0; i < 3; ++i) {
            in.i16("error");
            const std::string name = in.string("name");
            internal[name] = in.boolean("internal");
            QCOMPARE(in.arrayCount("partitions"), 0);
        }
        QVERIFY(in.ok());
        QCOMPARE(internal, (std::map<std::string, bool> {{"__consumer_offsets", true}, {"__mine", false},
                               {"__transaction_state", true}}));
    }

    void unsupportedVersionsAndKeys()
    {
        const auto ctx = context();
        auto future = handleFrame(requestFrame(18, 9, 5, true, {}), ctx);
        QVERIFY(future);
        QCOMPARE(future->frame, (Bytes {0, 0, 0, 16, 0, 0, 0, 5, 0, 35, 0, 0, 0, 1, 0, 18, 0, 0, 0, 3}));
        auto metadata13 = handleFrame(requestFrame(3, 13, 5, true, {}), ctx);
        QVERIFY(!metadata13);
        QVERIFY2(metadata13.status().message().find("Metadata v13 is not served") != std::string::npos,
                 metadata13.status().message().c_str());
        auto unknown = handleFrame(requestFrame(999, 0, 5, false, {}), ctx);
        QVERIFY(!unknown);
        QVERIFY2(unknown.status().message().find("api key 999") != std::string::npos,
                 unknown.status().message().c_str());
        auto truncated = handleFrame(Bytes {0, 3, 0}, ctx);
        QVERIFY(!truncated);
    }

    void metadataV1AllTopics()
    {
        const auto ctx = context();
        Bytes body;
        Writer w(body, false);
        w.nullArray(); // v1: null = every topic
        auto r = handleFrame(requestFrame(3, 1, 11, false, body), ctx);
        QVERIFY2(r, r.status().toString().c_str());
        Reader in(ByteSpan(r->frame).subspan(4), false);
        QCOMPARE(in.i32("correlation"), 11);
        QCOMPARE(in.arrayCount("brokers"), 2); // broker 3 is crashed: not listed
        QCOMPARE(in.i32("id"), 1);
        QCOMPARE(in.string("host"), std::string("127.0.0.1"));
        QCOMPARE(in.i32("port"), 9092);
        QVERIFY(!in.nullableString("rack"));
        QCOMPARE(in.i32("id"), 2);
        in.string("host");
        QCOMPARE(in.i32("port"), 9093);
        in.nullableString("rack");
        QCOMPARE(in.i32("controller"), 2);
        QCOMPARE(in.arrayCount("topics"), 1);
        QCOMPARE(in.i16("error"), int16_t(0));
        QCOMPARE(in.string("name"), std::string("orders"));
        QCOMPARE(in.boolean("internal"), false);
        QCOMPARE(in.arrayCount("partitions"), 2);
        QCOMPARE(in.i16("error"), int16_t(0));
        QCOMPARE(in.i32("index"), 0);
        QCOMPARE(in.i32("leader"), 1);
        QCOMPARE(in.arrayCount("replicas"), 2);
        QCOMPARE(in.i32("r"), 1);
        QCOMPARE(in.i32("r"), 3);
        QCOMPARE(in.arrayCount("isr"), 1);
        QCOMPARE(in.i32("i"), 1);
        QCOMPARE(in.i16("error"), int16_t(5)); // no leader: LEADER_NOT_AVAILABLE
        QCOMPARE(in.i32("index"), 1);
        QCOMPARE(in.i32("leader"), -1);
        in.arrayCount("replicas");
        in.i32("r");
        in.i32("r");
        in.arrayCount("isr");
        in.i32("i");
        QVERIFY(in.ok());
        QCOMPARE(in.remaining(), size_t(0));
    }

    void metadataV12ByNameAndMissing()
    {
        const auto ctx = context();
        Bytes body;
        Writer w(body, true);
        w.arrayCount(2);
        w.uuid(Uuid {});
        w.nullableString(std::string_view("orders"));
        w.tags();
        w.uuid(Uuid {});
        w.nullableString(std::string_view("nope"));
        w.tags();
        w.boolean(false); // allow_auto_topic_creation
        w.boolean(false); // include_topic_authorized_operations
        w.tags();
        auto r = handleFrame(requestFrame(3, 12, 12, true, body), ctx);
        QVERIFY2(r, r.status().toString().c_str());
        Reader in(ByteSpan(r->frame).subspan(4), true);
        QCOMPARE(in.i32("correlation"), 12);
        in.skipTags("response header");
        QCOMPARE(in.i32("throttle"), 0);
        QCOMPARE(in.arrayCount("brokers"), 2);
        for (int i = 0; i < 2; ++i) {
            in.i32("id");
            in.string("host");
            in.i32("port");
            in.nullableString("rack");
            in.skipTags("broker");
        }
        QVERIFY(!in.nullableString("cluster id"));
        QCOMPARE(in.i32("controller"), 2);
        QCOMPARE(in.arrayCount("topics"), 2);
        QCOMPARE(in.i16("error"), int16_t(0));
        QCOMPARE(in.nullableString("name").value_or(""), std::string("orders"));
        const Uuid id = in.uuid("topic id");
        QCOMPARE(id.mostSignificantBits, 0x0102030405060708ULL);
        QCOMPARE(in.boolean("internal"), false);
        QCOMPARE(in.arrayCount("partitions"), 2);
        for (int p = 0; p < 2; ++p) {
            in.i16("error");
            QCOMPARE(in.i32("index"), p);
            in.i32("leader");
            QCOMPARE(in.i32("epoch"), 4);
            QCOMPARE(in.arrayCount("replicas"), 2);
            in.i32("r");
            in.i32("r");
            QCOMPARE(in.arrayCount("isr"), 1);
            in.i32("i");
            QCOMPARE(in.arrayCount("offline"), 1);
            QCOMPARE(in.i32("o"), 3); // on the crashed broker
            in.skipTags("partition");
        }
        QCOMPARE(in.i32("authorized operations"), INT32_MIN);
        in.skipTags("topic");
        QCOMPARE(in.i16("error"), int16_t(3)); // UNKNOWN_TOPIC_OR_PARTITION
        QCOMPARE(in.nullableString("name").value_or(""), std::string("nope"));
        in.uuid("id");
        in.boolean("internal");
        QCOMPARE(in.arrayCount("partitions"), 0);
        in.i32("ops");
        in.skipTags("topic");
        in.skipTags("response");
        QVERIFY2(in.ok(), in.status("response").toString().c_str());
        QCOMPARE(in.remaining(), size_t(0));
    }
};

QTEST_APPLESS_MAIN(TestProtocolCodec)
#include "test_protocol_codec.moc"
