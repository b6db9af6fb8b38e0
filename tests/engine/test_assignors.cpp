// Assignors: the worked examples of Kafka's javadoc and of our headers as _data tables, then
// property loops over seeded random memberships and rebalance sequences.
//
// Table notation: assignor_notation.h (topics "t0:3,t1:3", members "C0=t0,t1|t0p0,t0p1@1;C1/i1=t0",
// expected "C0=t0p0,t0p1;C1=").
#include <QtTest>

// moc cannot parse <compare> (pulled in by group/types.h); it needs nothing from these.
#ifndef Q_MOC_RUN
#include "group/assignor.h"
#include "group/assignors/cooperative_sticky.h"
#include "group/assignors/sticky.h"
#include "assignor_notation.h"
#endif

#include <algorithm>
#include <random>
#include <set>

using namespace kl;

namespace {

using notation::split;

std::map<std::string, int32_t> parseTopics(const QString &spec)
{
    return notation::parseTopics(spec.toStdString());
}

std::vector<MemberSubscription> parseMembers(const QString &spec)
{
    return notation::parseMembers(spec.toStdString());
}

// prefix + n, without operator+ on a literal (g++ 12 -O3 warns falsely about that: -Wrestrict).
std::string named(const char *prefix, int n)
{
    std::string s(prefix);
    s.append(std::to_string(n));
    return s;
}

QString format(const GroupAssignment &a)
{
    return QString::fromStdString(notation::format(a));
}

GroupAssignment run(const QString &assignor, const std::map<std::string, int32_t> &topics,
                    const std::vector<MemberSubscription> &members)
{
    auto a = makeAssignor(assignor.toStdString());
    if (!a)
        qFatal("no assignor %s", qPrintable(assignor));
    return a->assign(topics, members);
}

// ---- property checks shared by the random loops ----

std::set<TopicPartition> subscribedPartitions(const std::map<std::string, int32_t> &topics,
                                              const std::vector<MemberSubscription> &members)
{
    std::set<TopicPartition> all;
    for (const auto &m : members) {
        for (const auto &t : m.topics) {
            if (auto it = topics.find(t); it != topics.end())
                for (int32_t p = 0; p < it->second; ++p)
                    all.insert({t, p});
        }
    }
    return all;
}

// Returns an empty string when fine, else what is wrong.
std::string checkValid(const std::map<std::string, int32_t> &topics, const std::vector<MemberSubscription> &members,
                       const GroupAssignment &a, bool mustBeComplete)
{
    std::set<TopicPartition> seen;
    if (a.size() != members.size())
        return "member count differs";
    for (const auto &m : members) {
        auto it = a.find(m.memberId);
        if (it == a.end())
            return "member " + m.memberId + " missing";
        if (!std::is_sorted(it->second.begin(), it->second.end()))
            return "list of " + m.memberId + " not sorted";
        for (const auto &tp : it->second) {
            if (!seen.insert(tp).second)
                return tp.topic + "p" + std::to_string(tp.partition) + " assigned twice";
            if (std::find(m.topics.begin(), m.topics.end(), tp.topic) == m.topics.end())
                return m.memberId + " got an unsubscribed topic";
        }
    }
    const auto all = subscribedPartitions(topics, members);
    for (const auto &tp : seen)
        if (!all.count(tp))
            return "assigned a partition that does not exist";
    if (mustBeComplete && seen != all)
        return "not every partition is assigned";
    return {};
}

bool balanced(const GroupAssignment &a)
{
    size_t lo = SIZE_MAX, hi = 0;
    for (const auto &[m, list] : a) {
        lo = std::min(lo, list.size());
        hi = std::max(hi, list.size());
    }
    return a.empty() || hi - lo <= 1;
}

struct RandomGroup {
    std::map<std::string, int32_t> topics;
    std::vector<MemberSubscription> members;
    bool equal = true;
};

RandomGroup randomGroup(std::mt19937 &rng)
{
    RandomGroup g;
    const int topicCount = std::uniform_int_distribution<int>(1, 4)(rng);
    for (int t = 0; t < topicCount; ++t)
        g.topics[named("t", t)] = std::uniform_int_distribution<int>(1, 8)(rng);
    const int memberCount = std::uniform_int_distribution<int>(1, 9)(rng);
    g.equal = std::uniform_int_distribution<int>(0, 1)(rng) == 0;
    for (int i = 0; i < memberCount; ++i) {
        MemberSubscription m;
        m.memberId = named("m", std::uniform_int_distribution<int>(0, 999)(rng)).append(named("-", i));
        if (std::uniform_int_distribution<int>(0, 4)(rng) == 0)
            m.groupInstanceId = named("inst-", i);
        for (const auto &[t, n] : g.topics)
            if (g.equal || std::uniform_int_distribution<int>(0, 1)(rng) == 0)
                m.topics.push_back(t);
        g.members.push_back(m);
    }
    return g;
}

// Next generation's subscriptions: members report what `a` gave them; some leave, some join.
void churn(std::mt19937 &rng, RandomGroup &g, const GroupAssignment &a, int32_t generation, int &nextId)
{
    std::vector<MemberSubscription> next;
    for (size_t i = 0; i < g.members.size(); ++i) {
        MemberSubscription m = g.members[i];
        // left (the last one always stays, so the group never empties)
        if (i + 1 < g.members.size() && std::uniform_int_distribution<int>(0, 4)(rng) == 0)
            continue;
        m.ownedPartitions = a.at(m.memberId);
        m.generation = generation;
        next.push_back(m);
    }
    const int joins = std::uniform_int_distribution<int>(0, 2)(rng);
    for (int i = 0; i < joins; ++i) {
        MemberSubscription m;
        m.memberId = named("new-", nextId++);
        m.topics = g.members.front().topics;
        if (!g.equal)
            for (const auto &[t, n] : g.topics)
                if (std::uniform_int_distribution<int>(0, 1)(rng) == 0
                    && std::find(m.topics.begin(), m.topics.end(), t) == m.topics.end())
                    m.topics.push_back(t);
        next.push_back(m);
    }
    g.members = next;
}

} // namespace

class TestAssignors : public QObject {
    Q_OBJECT
private slots:
    void registry()
    {
        QCOMPARE(assignorNames().size(), size_t(4));
        for (auto name : assignorNames()) {
            auto a = makeAssignor(name);
            QVERIFY(a);
            QCOMPARE(a->name(), name);
            QCOMPARE(a->cooperative(), name == "cooperative-sticky");
        }
        QVERIFY(!makeAssignor("uniform"));
        QVERIFY(!makeAssignor(""));
    }

    void examples_data()
    {
        QTest::addColumn<QString>("assignor");
        QTest::addColumn<QString>("topics");
        QTest::addColumn<QString>("members");
        QTest::addColumn<QString>("expected");

        // Kafka's RangeAssignor / RoundRobinAssignor javadoc.
        QTest::newRow("range javadoc") << "range" << "t0:3,t1:3" << "C0=t0,t1;C1=t0,t1"
                                       << "C0=t0p0,t0p1,t1p0,t1p1;C1=t0p2,t1p2";
        QTest::newRow("roundrobin javadoc") << "roundrobin" << "t0:3,t1:3" << "C0=t0,t1;C1=t0,t1"
                                            << "C0=t0p0,t0p2,t1p1;C1=t0p1,t1p0,t1p2";
        QTest::newRow("roundrobin javadoc unequal")
            << "roundrobin" << "t0:1,t1:2,t2:3" << "C0=t0;C1=t0,t1;C2=t0,t1,t2"
            << "C0=t0p0;C1=t1p0;C2=t1p1,t2p0,t2p1,t2p2";
        // Input order does not matter: members are sorted first.
        QTest::newRow("range unsorted input") << "range" << "t1:3,t0:3" << "C1=t1,t0;C0=t0,t1"
                                              << "C0=t0p0,t0p1,t1p0,t1p1;C1=t0p2,t1p2";
        QTest::newRow("range 7 over 3") << "range" << "t0:7" << "a=t0;b=t0;c=t0"
                                        << "a=t0p0,t0p1,t0p2;b=t0p3,t0p4;c=t0p5,t0p6";
        // More consumers than partitions: the idle ones are present with nothing.
        QTest::newRow("range idle") << "range" << "t0:2" << "C0=t0;C1=t0;C2=t0" << "C0=t0p0;C1=t0p1;C2=";
        QTest::newRow("roundrobin idle") << "roundrobin" << "t0:2" << "C0=t0;C1=t0;C2=t0;C3=t0"
                                         << "C0=t0p0;C1=t0p1;C2=;C3=";
        QTest::newRow("sticky idle") << "sticky" << "t0:1" << "C0=t0;C1=t0" << "C0=t0p0;C1=";
        QTest::newRow("coop idle") << "cooperative-sticky" << "t0:1" << "C0=t0;C1=t0" << "C0=t0p0;C1=";
        // Static members sort first, by group.instance.id (Kafka's MemberInfo).
        QTest::newRow("range static first") << "range" << "t0:3" << "b/i2=t0;a=t0;c/i1=t0"
                                            << "a=t0p2;b=t0p1;c=t0p0";
        QTest::newRow("roundrobin static first") << "roundrobin" << "t0:4" << "a=t0;z/i0=t0"
                                                 << "a=t0p1,t0p3;z=t0p0,t0p2";
        // Unknown topics and members subscribed to nothing known.
        QTest::newRow("range unknown topic") << "range" << "t0:2" << "C0=t0,tx;C1=tx" << "C0=t0p0,t0p1;C1=";
        QTest::newRow("roundrobin unknown topic") << "roundrobin" << "t0:2" << "C0=tx;C1=t0"
                                                  << "C0=;C1=t0p0,t0p1";
        QTest::newRow("no members") << "sticky" << "t0:2" << "" << "";

        // Sticky: first assignment, then the header's worked example (C2 joins, then leaves).
        QTest::newRow("sticky fresh") << "sticky" << "t0:6" << "C0=t0;C1=t0;C2=t0"
                                      << "C0=t0p0,t0p3;C1=t0p1,t0p4;C2=t0p2,t0p5";
        QTest::newRow("sticky join") << "sticky" << "t0:6"
                                     << "C0=t0|t0p0,t0p1,t0p2@1;C1=t0|t0p3,t0p4,t0p5@1;C2=t0"
                                     << "C0=t0p0,t0p1;C1=t0p3,t0p4;C2=t0p2,t0p5";
        QTest::newRow("sticky leave") << "sticky" << "t0:6" << "C0=t0|t0p0,t0p1@2;C1=t0|t0p3,t0p4@2"
                                      << "C0=t0p0,t0p1,t0p2;C1=t0p3,t0p4,t0p5";
        // Unlike range, which would give C0 p0 p1 p2 again.
        QTest::newRow("sticky keeps odd ownership") << "sticky" << "t0:4" << "C0=t0|t0p1,t0p3@5;C1=t0|t0p0,t0p2@5"
                                                    << "C0=t0p1,t0p3;C1=t0p0,t0p2";
        // A newer generation's claim beats an older one's.
        QTest::newRow("sticky stale generation") << "sticky" << "t0:3" << "C0=t0|t0p0,t0p1,t0p2@1;C1=t0|t0p0@2"
                                                 << "C0=t0p1,t0p2;C1=t0p0";
        // Two claims in the same generation invalidate each other.
        QTest::newRow("sticky conflicting claims") << "sticky" << "t0:4" << "C0=t0|t0p0,t0p1@3;C1=t0|t0p1,t0p2@3"
                                                   << "C0=t0p0,t0p1;C1=t0p2,t0p3";
        // Claims on vanished partitions or unsubscribed topics are ignored.
        QTest::newRow("sticky vanished claims") << "sticky" << "t0:2" << "C0=t0|t0p5,t9p0@1;C1=t0|t0p0@1"
                                                << "C0=t0p1;C1=t0p0";
        // Unequal subscriptions: the general path.
        QTest::newRow("sticky unequal") << "sticky" << "t0:2,t1:4" << "C0=t0;C1=t0,t1"
                                        << "C0=t0p0,t0p1;C1=t1p0,t1p1,t1p2,t1p3";
        QTest::newRow("sticky unequal rebalances") << "sticky" << "t0:4,t1:2" << "C0=t0,t1|t0p0,t0p1,t0p2,t0p3,t1p0,t1p1@1;C1=t1"
                                                   << "C0=t0p0,t0p1,t0p2,t0p3;C1=t1p0,t1p1";

        // Unequal subscriptions against kafka-python's StickyPartitionAssignor (assignor_oracle.py,
        // seed 1): cases where the previous stand-in for generalAssign was less balanced or moved
        // more partitions. Java's generalAssign (and kafka-python, its older port) gives these.
        QTest::newRow("kafka-python seed 1 group 99") << "sticky" << "t0:2,t1:7"
            << "c01=t0,t1|t0p0,t0p1,t1p2,t1p4,t1p6@1;c02=t1|t1p0,t1p1,t1p3,t1p5@1;c03=t0;c04=t1"
            << "c01=t1p2,t1p4,t1p6;c02=t1p3,t1p5;c03=t0p0,t0p1;c04=t1p0,t1p1";
        QTest::newRow("kafka-python seed 1 group 122") << "sticky" << "t0:5,t1:7,t2:1"
            << "c01=t0|t0p0,t0p1,t0p2,t0p3@1;c02=t0,t1,t2|t0p4,t1p3,t1p5,t2p0@1;c03=t1|t1p0,t1p1,t1p2,t1p4,t1p6@1;c04=t0,t1,t2;c05=t1"
            << "c01=t0p1,t0p2,t0p3;c02=t0p4,t1p3,t1p5;c03=t1p2,t1p4,t1p6;c04=t0p0,t2p0;c05=t1p0,t1p1";
        QTest::newRow("kafka-python seed 1 group 353") << "sticky" << "t0:1,t1:4,t2:1,t3:6,t4:1"
            << "c01=t0,t1,t2,t3,t4|t0p0,t1p3,t3p5@1;c02=t0,t1,t2,t3,t4|t2p0,t3p1@1;c03=t1,t4|t1p0,t4p0@1;c04=t0,t1,t2,t3,t4|t1p1,t3p2@1;c05=t2,t3,t4|t3p0,t3p3@1;c06=t0,t3,t4|t1p2,t3p4@1;c07=t0,t4"
            << "c01=t1p3,t3p5;c02=t1p2,t2p0;c03=t1p0,t4p0;c04=t1p1,t3p2;c05=t3p0,t3p3;c06=t3p1,t3p4;c07=t0p0";
        QTest::newRow("kafka-python seed 1 group 356") << "sticky" << "t0:3,t1:7,t2:5,t3:5"
            << "c02=t0,t1,t2,t3|t1p1,t1p5,t2p2,t3p4@1;c05=t0,t3|t1p2,t1p6,t2p3@1;c06=t2|t1p3,t2p0,t2p4@1"
            << "c02=t1p0,t1p1,t1p2,t1p3,t1p4,t1p5,t1p6,t3p4;c05=t0p0,t0p1,t0p2,t3p0,t3p1,t3p2,t3p3;c06=t2p0,t2p1,t2p2,t2p3,t2p4";
        QTest::newRow("kafka-python seed 1 group 361") << "sticky" << "t0:1,t1:5,t2:8"
            << "c01=t1,t2|t1p4,t2p4@2;c02=t0,t2|t2p1,t2p5@2;c03=t0,t2|t2p2,t2p6@2;c04=t0,t1,t2|t2p3,t2p7@2;c05=t0,t1|t1p1,t1p2@2;c07=t1,t2|t1p0,t2p0@2;c08=t0,t1,t2|t0p0@2;c09=t0,t2;c10=t0"
            << "c01=t1p4,t2p4;c02=t2p1,t2p5;c03=t2p2,t2p6;c04=t2p3,t2p7;c05=t1p1,t1p2;c07=t1p0,t2p0;c08=t1p3;c09=t0p0;c10=";

        // Cooperative-sticky: the header's worked example, two rounds.
        QTest::newRow("coop join round 1") << "cooperative-sticky" << "t0:6"
                                           << "C0=t0|t0p0,t0p1,t0p2@1;C1=t0|t0p3,t0p4,t0p5@1;C2=t0"
                                           << "C0=t0p0,t0p1;C1=t0p3,t0p4;C2=";
        QTest::newRow("coop join round 2") << "cooperative-sticky" << "t0:6"
                                           << "C0=t0|t0p0,t0p1@2;C1=t0|t0p3,t0p4@2;C2=t0|@2"
                                           << "C0=t0p0,t0p1;C1=t0p3,t0p4;C2=t0p2,t0p5";
        // A leave frees partitions nobody owns any more: assigned at once, no second round.
        QTest::newRow("coop leave") << "cooperative-sticky" << "t0:6" << "C0=t0|t0p0,t0p1@2;C1=t0|t0p3,t0p4@2"
                                    << "C0=t0p0,t0p1,t0p2;C1=t0p3,t0p4,t0p5";
        QTest::newRow("coop fresh") << "cooperative-sticky" << "t0:4" << "C0=t0;C1=t0"
                                    << "C0=t0p0,t0p2;C1=t0p1,t0p3";
        // Java 4.x keeps an older generation's claims unless a newer one claims the same
        // partition, so what such a member gives up is withheld like any other move: C0 (a
        // generation behind) still owns p2 p3 and must revoke them before C2 may have them.
        QTest::newRow("coop older generation's partitions are withheld") << "cooperative-sticky" << "t0:6"
            << "C0=t0|t0p0,t0p1,t0p2,t0p3@1;C1=t0|t0p4,t0p5@2;C2=t0" << "C0=t0p0,t0p1;C1=t0p4,t0p5;C2=";
        QTest::newRow("sticky older generation keeps its claims") << "sticky" << "t0:6"
            << "C0=t0|t0p0,t0p1,t0p2,t0p3@1;C1=t0|t0p4,t0p5@2;C2=t0"
            << "C0=t0p0,t0p1;C1=t0p4,t0p5;C2=t0p2,t0p3";
        // A partition two members claim in the same generation belongs to neither, and goes to
        // its new member only in the next round (Java: partitionsWithMultiplePreviousOwners).
        QTest::newRow("coop doubly claimed partition is withheld") << "cooperative-sticky" << "t0:6"
            << "C0=t0|t0p0,t0p1@3;C1=t0|t0p1,t0p2@3;C2=t0" << "C0=t0p0;C1=t0p2,t0p3;C2=t0p4,t0p5";
        // Unequal subscriptions: what any member reported owning and now goes elsewhere is
        // withheld (computePartitionsTransferringOwnership on the ownedPartitions as sent).
        // generalAssign moves t1p0, t1p1, t1p2 (in sortedAllPartitions order) to C1.
        QTest::newRow("coop unequal: moved partitions withheld") << "cooperative-sticky" << "t0:2,t1:4"
            << "C0=t0,t1|t0p0,t0p1,t1p0,t1p1,t1p2,t1p3@2;C1=t1" << "C0=t0p0,t0p1,t1p3;C1=";
        QTest::newRow("coop unequal: round 2") << "cooperative-sticky" << "t0:2,t1:4"
            << "C0=t0,t1|t0p0,t0p1,t1p3@3;C1=t1|@3" << "C0=t0p0,t0p1,t1p3;C1=t1p0,t1p1,t1p2";
        // constrainedAssign keeps owned partitions in (partition, topic) order: C0 keeps t0p0 and
        // t1p0, not t0p0 and t0p1.
        QTest::newRow("sticky keeps owned in partition order") << "sticky" << "t0:2,t1:2"
            << "C0=t0,t1|t0p0,t0p1,t1p0,t1p1@1;C1=t0,t1" << "C0=t0p0,t1p0;C1=t0p1,t1p1";
        // Who may keep maxQuota is decided in the order Java's HashMap of member ids iterates
        // ("p" hashes to bucket 0, "b" to bucket 2), not by name: p keeps both, b gives p1 up.
        QTest::newRow("sticky maxQuota in Java's member order") << "sticky" << "t0:4"
            << "b=t0|t0p0,t0p1@1;p=t0|t0p2,t0p3@1;z=t0" << "b=t0p0;p=t0p2,t0p3;z=t0p1";
    }
    void examples()
    {
        QFETCH(QString, assignor);
        QFETCH(QString, topics);
        QFETCH(QString, members);
        QFETCH(QString, expected);
        QCOMPARE(format(run(assignor, parseTopics(topics), parseMembers(members))), expected);
    }

    // The two worked examples of the StickyAssignor class javadoc (Kafka's
    // org.apache.kafka.clients.consumer.StickyAssignor). `javadoc` is the documented result;
    // `expected` is what Kafka's current code (AbstractStickyAssignor.constrainedAssign, 2.8+)
    // computes, which we mirror. They differ only in example 1 after C1 leaves: the javadoc still
    // shows the pre-2.8 algorithm, which hands the three freed partitions to the least-loaded
    // member one by one (t0p1 -> C2, t2p0 -> C0, t3p1 -> C2); constrainedAssign deals them
    // round-robin to the members below minQuota in member order (t0p1 -> C0, t2p0 -> C2,
    // t3p1 -> C2). Both keep every previous assignment and give 4 + 4, the javadoc's point.
    void stickyJavadoc_data()
    {
        QTest::addColumn<QString>("topics");
        QTest::addColumn<QString>("members");
        QTest::addColumn<QString>("javadoc");
        QTest::addColumn<QString>("expected");

        const QString all = "t0,t1,t2,t3";
        const QString fresh1 = "C0=t0p0,t1p1,t3p0;C1=t0p1,t2p0,t3p1;C2=t1p0,t2p1";
        QTest::newRow("example 1 fresh") << "t0:2,t1:2,t2:2,t3:2"
                                         << QString("C0=%1;C1=%1;C2=%1").arg(all) << fresh1 << fresh1;
        QTest::newRow("example 1 C1 leaves")
            << "t0:2,t1:2,t2:2,t3:2"
            << QString("C0=%1|t0p0,t1p1,t3p0@1;C2=%1|t1p0,t2p1@1").arg(all)
            << "C0=t0p0,t1p1,t2p0,t3p0;C2=t0p1,t1p0,t2p1,t3p1"
            << "C0=t0p0,t0p1,t1p1,t3p0;C2=t1p0,t2p0,t2p1,t3p1";
        // Unequal subscriptions (generalAssign): more balanced than roundrobin's C2 [4 partitions].
        const QString fresh2 = "C0=t0p0;C1=t1p0,t1p1;C2=t2p0,t2p1,t2p2";
        QTest::newRow("example 2 fresh") << "t0:1,t1:2,t2:3" << "C0=t0;C1=t0,t1;C2=t0,t1,t2" << fresh2 << fresh2;
        const QString left2 = "C1=t0p0,t1p0,t1p1;C2=t2p0,t2p1,t2p2";
        QTest::newRow("example 2 C0 leaves") << "t0:1,t1:2,t2:3"
                                             << "C1=t0,t1|t1p0,t1p1@1;C2=t0,t1,t2|t2p0,t2p1,t2p2@1"
                                             << left2 << left2;
    }
    void stickyJavadoc()
    {
        QFETCH(QString, topics);
        QFETCH(QString, members);
        QFETCH(QString, javadoc);
        QFETCH(QString, expected);
        const auto subs = parseMembers(members);
        const GroupAssignment result = StickyAssignor().assign(parseTopics(topics), subs);
        QCOMPARE(format(result), expected);
        // Whatever the tie-breaking, the documented properties hold: the same number of
        // partitions per member as the javadoc, and every previous assignment is kept.
        const auto documented = split(javadoc.toStdString(), ';');
        QCOMPARE(documented.size(), result.size());
        for (const auto &entry : documented) {
            const size_t eq = entry.find('=');
            const std::string member = entry.substr(0, eq);
            QVERIFY(result.count(member));
            QCOMPARE(result.at(member).size(), split(entry.substr(eq + 1), ',').size());
        }
        for (const auto &m : subs) {
            const auto &now = result.at(m.memberId);
            for (const auto &tp : m.ownedPartitions)
                QVERIFY2(std::binary_search(now.begin(), now.end(), tp),
                         qPrintable(QString::fromStdString(m.memberId + " lost " + tp.topic + "p")
                                    + QString::number(tp.partition)));
        }
    }

    // Java's String.hashCode (values from Java): it decides the order members are visited in.
    void javaHashOfMemberIds()
    {
        QCOMPARE(javaStringHash(""), 0);
        QCOMPARE(javaStringHash("hello"), 99162322);
        QCOMPARE(javaStringHash("consumer-1-3f2a"), 332919317);
        QCOMPARE(javaStringHash("\xC3\xA9"), 233);                 // é: one UTF-16 unit
        QCOMPARE(javaStringHash("\xEC\x86\x8C\xEB\xB9\x84\xEC\x9E\x90-1"), 14135292); // 소비자-1
        QCOMPARE(javaStringHash("\xF0\x9F\x98\x80"), 1772899);   // U+1F600: a surrogate pair
    }

    void revocations()
    {
        const auto members = parseMembers("C0=t0|t0p0,t0p1,t0p2@1;C1=t0|t0p3,t0p4,t0p5@1;C2=t0");
        const auto topics = parseTopics("t0:6");
        const auto round1 = CooperativeStickyAssignor().assign(topics, members);
        QCOMPARE(format(partitionsToRevoke(members, round1)), QString("C0=t0p2;C1=t0p5;C2="));
        // The eager sticky assignor moves them directly, so the same helper shows what an
        // eager member would have to give up beyond "everything".
        const auto eager = StickyAssignor().assign(topics, members);
        QCOMPARE(format(partitionsToRevoke(members, eager)), QString("C0=t0p2;C1=t0p5;C2="));
        QCOMPARE(stickyAssign(topics, members).transferring.size(), size_t(2));
    }

    void randomMemberships_data()
    {
        QTest::addColumn<QString>("assignor");
        for (auto name : assignorNames())
            QTest::newRow(std::string(name).c_str()) << QString::fromUtf8(name.data(), qsizetype(name.size()));
    }
    void randomMemberships()
    {
        QFETCH(QString, assignor);
        auto a = makeAssignor(assignor.toStdString());
        for (uint32_t seed = 1; seed <= 300; ++seed) {
            std::mt19937 rng(seed);
            RandomGroup g = randomGroup(rng);
            const GroupAssignment result = a->assign(g.topics, g.members);
            const std::string problem = checkValid(g.topics, g.members, result, true);
            QVERIFY2(problem.empty(), qPrintable(QString("seed %1: %2").arg(seed).arg(QString::fromStdString(problem))));
            // Range balances per topic only; the others across all topics when subscriptions are equal.
            if (g.equal && (assignor != "range" || g.topics.size() == 1))
                QVERIFY2(balanced(result), qPrintable(QString("seed %1: %2").arg(seed).arg(format(result))));
            // Deterministic regardless of input order.
            std::vector<MemberSubscription> shuffled = g.members;
            std::shuffle(shuffled.begin(), shuffled.end(), rng);
            QCOMPARE(format(a->assign(g.topics, shuffled)), format(result));
        }
    }

    // Sequences of rebalances with members leaving and joining.
    void stickyChurn()
    {
        for (uint32_t seed = 1; seed <= 200; ++seed) {
            std::mt19937 rng(seed);
            RandomGroup g = randomGroup(rng);
            int nextId = 0;
            GroupAssignment current = StickyAssignor().assign(g.topics, g.members);
            for (int32_t gen = 1; gen <= 6; ++gen) {
                churn(rng, g, current, gen, nextId);
                current = StickyAssignor().assign(g.topics, g.members);
                const std::string problem = checkValid(g.topics, g.members, current, true);
                QVERIFY2(problem.empty(), qPrintable(QString("seed %1 gen %2: %3").arg(seed).arg(gen).arg(QString::fromStdString(problem))));
                if (!g.equal)
                    continue;
                QVERIFY2(balanced(current), qPrintable(QString("seed %1 gen %2: %3").arg(seed).arg(gen).arg(format(current))));
                // Stickiness: everyone keeps min(owned, floor(P / C)) of what it owned.
                const size_t total = subscribedPartitions(g.topics, g.members).size();
                const size_t minQuota = total / g.members.size();
                for (const auto &m : g.members) {
                    const auto &now = current.at(m.memberId);
                    size_t kept = 0;
                    for (const auto &tp : m.ownedPartitions)
                        kept += std::binary_search(now.begin(), now.end(), tp);
                    QVERIFY2(kept >= std::min(m.ownedPartitions.size(), minQuota),
                             qPrintable(QString("seed %1 gen %2: %3 kept %4 of %5")
                                            .arg(seed).arg(gen).arg(QString::fromStdString(m.memberId))
                                            .arg(kept).arg(m.ownedPartitions.size())));
                }
            }
        }
    }

    void cooperativeTwoRounds()
    {
        const CooperativeStickyAssignor coop;
        for (uint32_t seed = 1; seed <= 200; ++seed) {
            std::mt19937 rng(seed);
            RandomGroup g = randomGroup(rng);
            int nextId = 0;
            GroupAssignment current = coop.assign(g.topics, g.members);
            int32_t gen = 1;
            for (int step = 0; step < 5; ++step) {
                churn(rng, g, current, gen++, nextId);
                const auto target = stickyAssign(g.topics, g.members).assignment;
                const GroupAssignment round1 = coop.assign(g.topics, g.members);
                const std::string problem = checkValid(g.topics, g.members, round1, false);
                QVERIFY2(problem.empty(), qPrintable(QString("seed %1: %2").arg(seed).arg(QString::fromStdString(problem))));
                // Round 1 never gives a member a partition someone else still owns, and is
                // the sticky target minus what moves.
                std::map<TopicPartition, std::string> owner;
                for (const auto &m : g.members)
                    for (const auto &tp : m.ownedPartitions)
                        owner[tp] = m.memberId;
                for (const auto &[member, list] : round1) {
                    const auto &want = target.at(member);
                    for (const auto &tp : list) {
                        QVERIFY(std::binary_search(want.begin(), want.end(), tp));
                        auto it = owner.find(tp);
                        QVERIFY2(it == owner.end() || it->second == member,
                                 qPrintable(QString("seed %1: handed over directly").arg(seed)));
                    }
                }
                // Members revoke what is missing and rejoin. With equal subscriptions round 2
                // completes the move onto the sticky target; the general (unequal) path may
                // need a few more rounds, each still valid.
                GroupAssignment round2 = round1;
                bool converged = false;
                for (int round = 2; round <= (g.equal ? 2 : 5) && !converged; ++round) {
                    churnless(g, round2, gen++);
                    round2 = coop.assign(g.topics, g.members);
                    QVERIFY(checkValid(g.topics, g.members, round2, false).empty());
                    converged = checkValid(g.topics, g.members, round2, true).empty();
                    for (const auto &[member, list] : partitionsToRevoke(g.members, round2))
                        converged = converged && list.empty();
                }
                QVERIFY2(converged, qPrintable(QString("seed %1 equal %2: %3").arg(seed).arg(g.equal).arg(format(round2))));
                if (g.equal) {
                    QVERIFY2(balanced(round2), qPrintable(QString("seed %1: %2").arg(seed).arg(format(round2))));
                    // Same shape as the round-1 target (who gets which freed partition may differ).
                    for (const auto &[member, list] : round2)
                        QCOMPARE(list.size(), target.at(member).size());
                }
                current = round2;
            }
        }
    }

private:
    static void churnless(RandomGroup &g, const GroupAssignment &a, int32_t generation)
    {
        for (auto &m : g.members) {
            m.ownedPartitions = a.at(m.memberId);
            m.generation = generation;
        }
    }
};

QTEST_APPLESS_MAIN(TestAssignors)
#include "test_assignors.moc"
