// OrderingChecker: value stamps (producer id + sequence), per-key duplicates / violations / gaps
// from hand-written consumption orders, counted per producer run (two runs restarting at #0 are
// no duplicates; id-less stamps are unchecked), reset, global inversions across two partitions
// while per-key order holds, the bounded key memory and the findings' text.
#include <QtTest>

#ifndef Q_MOC_RUN
#include "group/ordering_checker.h"
#endif

#include <string>
#include <vector>

using namespace kl;

namespace {

// A consumed record whose value is stamped like the auto producer's: "<key>@p<id>#<seq> filler".
struct Rec {
    std::string topic = "orders";
    int32_t partition = 0;
    int64_t offset = 0;
    std::string key;
    std::string value;
    int64_t timestamp = -1;
    int64_t sequence = -1;
};

Rec stamped(const std::string &key, int64_t seq, int32_t partition = 0, int64_t offset = 0, int64_t ts = -1,
    int64_t producer = 1)
{
    return Rec {"orders", partition, offset, key,
        key + "@p" + std::to_string(producer) + "#" + std::to_string(seq) + " abcdef", ts, -1};
}

void feed(OrderingChecker &c, const Rec &r)
{
    ConsumedRecord cr;
    cr.topic = r.topic;
    cr.partition = r.partition;
    cr.offset = r.offset;
    if (!r.key.empty())
        cr.key = r.key;
    cr.value = r.value;
    cr.producedTimestamp = r.timestamp;
    cr.produceSequence = r.sequence;
    c.onRecord(cr);
}

// Feeds key-3 with the given sequences on one partition, offsets counting up.
OrderingChecker keySequence(const QList<int> &seqs)
{
    OrderingChecker c;
    int64_t offset = 0;
    for (int s : seqs)
        feed(c, stamped("key-3", s, 2, offset++));
    return c;
}

} // namespace

class TestOrderingChecker : public QObject {
    Q_OBJECT
private slots:
    void parseStamp_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("label");
        QTest::addColumn<qlonglong>("producer");
        QTest::addColumn<qlonglong>("sequence");
        QTest::newRow("producer value") << "key-3@p2#17 abcdefghij" << true << "key-3" << 2LL << 17LL;
        QTest::newRow("null key label") << "null@p1#0 abc" << true << "null" << 1LL << 0LL;
        QTest::newRow("only stamp") << "k@p12#5 " << true << "k" << 12LL << 5LL;
        QTest::newRow("older stamp: no producer id") << "key-3#17 abc" << true << "key-3" << -1LL << 17LL;
        QTest::newRow("@p without digits") << "a@px#3 abc" << true << "a@px" << -1LL << 3LL;
        QTest::newRow("cut inside the number") << "key-3@p2#1" << false << "" << 0LL << 0LL;
        QTest::newRow("no number") << "key-3@p2# abc" << false << "" << 0LL << 0LL;
        QTest::newRow("no label") << "#4 abc" << false << "" << 0LL << 0LL;
        QTest::newRow("scenario produce value") << "v12-3......" << false << "" << 0LL << 0LL;
        QTest::newRow("letters after digits") << "key@p1#12x abc" << false << "" << 0LL << 0LL;
        QTest::newRow("absurdly long number") << "k@p1#1234567890123456789 x" << false << "" << 0LL << 0LL;
    }
    void parseStamp()
    {
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QFETCH(QString, label);
        QFETCH(qlonglong, producer);
        QFETCH(qlonglong, sequence);
        const std::string v = value.toStdString();
        const auto stamp = OrderingChecker::parseStamp(v);
        QCOMPARE(stamp.has_value(), valid);
        if (valid) {
            QCOMPARE(QString::fromStdString(std::string(stamp->label)), label);
            QCOMPARE(qlonglong(stamp->producerId), producer);
            QCOMPARE(qlonglong(stamp->sequence), sequence);
        }
    }

    void formatStampRoundTrips()
    {
        const std::string v = OrderingChecker::formatStamp("order-7", 42, 1234) + "filler";
        QCOMPARE(QString::fromStdString(v), QStringLiteral("order-7@p42#1234 filler"));
        const auto stamp = OrderingChecker::parseStamp(v);
        QVERIFY(stamp);
        QCOMPARE(std::string(stamp->label), std::string("order-7"));
        QCOMPARE(stamp->producerId, int64_t(42));
        QCOMPARE(stamp->sequence, int64_t(1234));
    }

    // Two producer runs both number key-3 from #0: each run is its own sequence, so reading both
    // runs back to back finds nothing; only the same run's #1 read again is a duplicate, and it
    // is counted for that run.
    void producersAreIndependent()
    {
        OrderingChecker c;
        int64_t offset = 0;
        for (int64_t producer : {1, 2})
            for (int seq = 0; seq < 5; ++seq)
                feed(c, stamped("key-3", seq, 2, offset++, -1, producer));
        QCOMPARE(c.checked(), int64_t(10));
        QCOMPARE(c.duplicates() + c.violations() + c.gaps(), int64_t(0));
        feed(c, stamped("key-3", 1, 2, offset++, -1, 2));
        QCOMPARE(c.duplicates(), int64_t(1));
        QVERIFY(c.producer(1) && c.producer(2));
        QCOMPARE(c.producer(1)->duplicates, int64_t(0));
        QCOMPARE(c.producer(2)->duplicates, int64_t(1));
        QCOMPARE(c.producer(1)->checked, int64_t(5));
        QCOMPARE(c.producer(2)->checked, int64_t(6));
        const OrderingSnapshot s = c.snapshot();
        QCOMPARE(s.producers.size(), size_t(2));
        QCOMPARE(s.producers[0].producerId, int64_t(1));
        QCOMPARE(s.producers[1].producerId, int64_t(2));
        QCOMPARE(s.producers[1].topic, std::string("orders"));
        QCOMPARE(s.recent.size(), size_t(1));
        QCOMPARE(s.recent[0].producerId, int64_t(2));
        QCOMPARE(s.recent[0].kind, OrderingFindingKind::Duplicate);
    }

    // Stamps without a producer id (older data) cannot tell runs apart: not checked at all.
    void idlessStampsAreUnchecked()
    {
        OrderingChecker c;
        for (int run = 0; run < 2; ++run)
            for (int seq = 0; seq < 3; ++seq)
                feed(c, Rec {"orders", 0, run * 3 + seq, "k", "k#" + std::to_string(seq) + " abc", -1, -1});
        QCOMPARE(c.checked(), int64_t(0));
        QCOMPARE(c.unchecked(), int64_t(6));
        QCOMPARE(c.duplicates(), int64_t(0));
    }

    void resetForgetsEverything()
    {
        OrderingChecker c = keySequence({17, 18, 17, 25});
        QCOMPARE(c.duplicates(), int64_t(1));
        QCOMPARE(c.gaps(), int64_t(1));
        c.reset();
        const OrderingSnapshot s = c.snapshot();
        QCOMPARE(s.checked + s.unchecked + s.duplicates + s.gaps + s.perKeyViolations, int64_t(0));
        QVERIFY(s.producers.empty());
        QVERIFY(s.recent.empty());
        QCOMPARE(c.trackedKeys(), size_t(0));
        // After a reset the next record only sets a baseline, even one seen before.
        feed(c, stamped("key-3", 17, 2, 10));
        QCOMPARE(c.duplicates(), int64_t(0));
        QCOMPARE(c.checked(), int64_t(1));
    }

    // One key's sequences in consumption order -> the counts the definitions give.
    void perKey_data()
    {
        QTest::addColumn<QList<int>>("sequences");
        QTest::addColumn<int>("duplicates");
        QTest::addColumn<int>("violations");
        QTest::addColumn<int>("gaps");
        QTest::newRow("in order") << QList<int> {0, 1, 2, 3, 4} << 0 << 0 << 0;
        QTest::newRow("starts mid-stream (latest)") << QList<int> {40, 41, 42} << 0 << 0 << 0;
        QTest::newRow("re-delivery after rebalance") << QList<int> {17, 18, 19, 18, 19, 20} << 2 << 0 << 0;
        QTest::newRow("same record twice") << QList<int> {5, 5} << 1 << 0 << 0;
        QTest::newRow("gap") << QList<int> {17, 20, 21} << 0 << 0 << 1;
        QTest::newRow("gap then late arrival") << QList<int> {17, 19, 18} << 0 << 1 << 1;
        QTest::newRow("late arrival seen again") << QList<int> {17, 19, 18, 18} << 1 << 1 << 1;
        QTest::newRow("older than the window") << QList<int> {0, 300, 1} << 1 << 0 << 1;
        QTest::newRow("just inside the window") << QList<int> {0, 2, 255, 1}
                                                << 0 << 1 << 2;
    }
    void perKey()
    {
        QFETCH(QList<int>, sequences);
        QFETCH(int, duplicates);
        QFETCH(int, violations);
        QFETCH(int, gaps);
        const OrderingChecker c = keySequence(sequences);
        QCOMPARE(c.checked(), int64_t(sequences.size()));
        QCOMPARE(c.unchecked(), int64_t(0));
        QCOMPARE(c.duplicates(), int64_t(duplicates));
        QCOMPARE(c.violations(), int64_t(violations));
        QCOMPARE(c.gaps(), int64_t(gaps));
        const OrderingSnapshot s = c.snapshot();
        QCOMPARE(s.duplicates, int64_t(duplicates));
        QCOMPARE(s.perKeyViolations, int64_t(violations));
        QCOMPARE(s.gaps, int64_t(gaps));
        QCOMPARE(int(s.recent.size()), duplicates + violations + gaps);
    }

    void keysAreIndependent()
    {
        OrderingChecker c;
        feed(c, stamped("a", 5, 0, 0));
        feed(c, stamped("b", 1, 1, 0));
        feed(c, stamped("a", 6, 0, 1));
        feed(c, stamped("b", 2, 1, 1));
        QCOMPARE(c.duplicates() + c.violations() + c.gaps(), int64_t(0));
        // The same key name on another topic is another sequence.
        Rec other = stamped("a", 0, 0, 0);
        other.topic = "payments";
        feed(c, other);
        QCOMPARE(c.violations(), int64_t(0));
        QCOMPARE(c.trackedKeys(), size_t(3));
    }

    void findingsText()
    {
        const OrderingChecker c = keySequence({17, 18, 19, 17, 22, 21});
        const auto s = c.snapshot();
        QCOMPARE(int(s.recent.size()), 3);
        const auto &f = c.findings();
        QCOMPARE(QString::fromStdString(f[0].text),
            QStringLiteral("key-3@p1: #17 read again after #19 on orders-2@3 (re-delivered: processed, not "
                           "committed, read again)"));
        QCOMPARE(QString::fromStdString(f[1].text),
            QStringLiteral("key-3@p1: #22 after #19 on orders-2@4 (2 missing: skipped or lost)"));
        QCOMPARE(QString::fromStdString(f[2].text),
            QStringLiteral("key-3@p1: #21 after #22 on orders-2@5 (never seen before: order violated; #22 came "
                           "from orders-2@4)"));
        QCOMPARE(s.recent[2].kind, OrderingFindingKind::Violation);
        QCOMPARE(s.recent[2].producerId, int64_t(1));
        QCOMPARE(s.recent[2].sequence, int64_t(21));
        QCOMPARE(s.recent[2].previousSequence, int64_t(22));
        QCOMPARE(s.recent[2].offset, int64_t(5));
        QCOMPARE(s.recent[2].previousPartition, 2);
        QCOMPARE(s.recent[2].previousOffset, int64_t(4));
        QCOMPARE(s.recent[1].previousSequence, int64_t(19));
    }

    void uncheckedRecords()
    {
        OrderingChecker c;
        Rec nullKey {"orders", 0, 0, "", "null@p1#3 abc", 10, -1};
        Rec foreign {"orders", 0, 1, "k", "v12-3.....", 11, -1};
        Rec otherKeysStamp {"orders", 0, 2, "k", "j@p1#4 abc", 12, -1};
        feed(c, nullKey);
        feed(c, foreign);
        feed(c, otherKeysStamp);
        ConsumedRecord nullValue;
        nullValue.topic = "orders";
        nullValue.key = std::string_view("k");
        c.onRecord(nullValue);
        QCOMPARE(c.checked(), int64_t(0));
        QCOMPARE(c.unchecked(), int64_t(4));
        QCOMPARE(c.snapshot().unchecked, int64_t(4));
        QCOMPARE(c.trackedKeys(), size_t(0));
    }

    // Two partitions, each key on one partition, consumed partition by partition in chunks (as a
    // consumer's fetches deliver them): per-key order holds, global produce order does not.
    void globalInversionsAcrossPartitions()
    {
        OrderingChecker c;
        // Produced alternately: t=100 a#0 (p0), t=101 b#0 (p1), t=102 a#1 (p0), t=103 b#1 (p1) ...
        std::vector<Rec> p0, p1;
        for (int i = 0; i < 4; ++i) {
            p0.push_back(stamped("a", i, 0, i, 100 + 2 * i));
            p1.push_back(stamped("b", i, 1, i, 101 + 2 * i));
        }
        // Consumed: p0[0..1], p1[0..3], p0[2..3].
        feed(c, p0[0]);
        feed(c, p0[1]); // t=102
        feed(c, p1[0]); // t=101 < 102: inversion
        feed(c, p1[1]);
        feed(c, p1[2]);
        feed(c, p1[3]); // t=107
        feed(c, p0[2]); // t=104 < 107: inversion
        feed(c, p0[3]);
        QCOMPARE(c.globalInversions(), int64_t(2));
        QCOMPARE(c.violations(), int64_t(0));
        QCOMPARE(c.duplicates(), int64_t(0));
        QCOMPARE(c.gaps(), int64_t(0));
        QCOMPARE(c.checked(), int64_t(8));
        // Only the first inversion gets a line.
        const auto s = c.snapshot();
        QCOMPARE(s.globalInversions, int64_t(2));
        QCOMPARE(int(s.recent.size()), 1);
        QCOMPARE(s.recent[0].kind, OrderingFindingKind::GlobalInversion);
        QCOMPARE(s.recent[0].partition, 1);
        QCOMPARE(s.recent[0].timestampMs, int64_t(101));
        QCOMPARE(s.recent[0].previousPartition, 0);
        QCOMPARE(s.recent[0].previousOffset, int64_t(1));
        QCOMPARE(s.recent[0].previousTimestampMs, int64_t(102));
        QVERIFY(c.findings()[0].text.find("global order: orders-1@0 (produced at 101) processed after orders-0@1 "
                                          "(produced at 102)") == 0);
    }

    void globalOrderTiesAndSamePartition()
    {
        OrderingChecker c;
        // Within one partition a timestamp going back is not a cross-partition inversion.
        feed(c, stamped("a", 0, 0, 0, 200));
        feed(c, stamped("a", 1, 0, 1, 150));
        QCOMPARE(c.globalInversions(), int64_t(0));
        // Equal timestamps: reversed only when both carry a global sequence.
        Rec x = stamped("b", 0, 1, 0, 150);
        feed(c, x);
        QCOMPARE(c.globalInversions(), int64_t(0));
        Rec y = stamped("c", 0, 2, 0, 300);
        y.sequence = 9;
        Rec z = stamped("d", 0, 3, 0, 300);
        z.sequence = 8;
        feed(c, y);
        feed(c, z);
        QCOMPARE(c.globalInversions(), int64_t(1));
        // Unknown timestamps are never compared.
        feed(c, stamped("e", 0, 4, 0, -1));
        feed(c, stamped("f", 0, 5, 0, 1));
        QCOMPARE(c.globalInversions(), int64_t(1));
        // resetGlobalOrder forgets the previous record.
        feed(c, stamped("g", 0, 6, 0, 1000));
        c.resetGlobalOrder();
        feed(c, stamped("h", 0, 7, 0, 5));
        QCOMPARE(c.globalInversions(), int64_t(1));
    }

    void boundedMemory()
    {
        OrderingChecker::Options options;
        options.maxKeys = 4;
        options.maxFindings = 3;
        OrderingChecker c(options);
        for (int k = 0; k < 10; ++k)
            feed(c, stamped("key-" + std::to_string(k), 0, 0, k));
        QCOMPARE(c.trackedKeys(), size_t(4));
        QCOMPARE(c.forgottenKeys(), int64_t(6));
        // key-9 is still known: its #0 again is a duplicate.
        feed(c, stamped("key-9", 0, 0, 10));
        QCOMPARE(c.duplicates(), int64_t(1));
        // key-0 was forgotten: its #0 again only sets a new baseline (no finding).
        feed(c, stamped("key-0", 0, 0, 11));
        QCOMPARE(c.duplicates(), int64_t(1));
        QCOMPARE(c.trackedKeys(), size_t(4));
        // Recently seen keys survive: key-0 pushed out key-6, key-100 pushes out key-7 (the oldest
        // now), and key-9, touched again, keeps its sequence.
        feed(c, stamped("key-100", 0, 0, 12));
        feed(c, stamped("key-9", 1, 0, 13));
        QCOMPARE(c.gaps(), int64_t(0));
        QCOMPARE(c.forgottenKeys(), int64_t(8));
        // Findings are capped, newest kept.
        for (int i = 0; i < 5; ++i)
            feed(c, stamped("key-9", 1, 0, 14 + i));
        QCOMPARE(c.duplicates(), int64_t(6));
        QCOMPARE(int(c.snapshot().recent.size()), 3);
        QVERIFY(c.findings().back().record.offset == 18);
        // Many keys, one sequence window each: memory stays at the cap.
        for (int k = 0; k < 5000; ++k)
            feed(c, stamped("many-" + std::to_string(k), k, 0, k));
        QCOMPARE(c.trackedKeys(), size_t(4));
    }
};

QTEST_APPLESS_MAIN(TestOrderingChecker)
#include "test_ordering_checker.moc"
