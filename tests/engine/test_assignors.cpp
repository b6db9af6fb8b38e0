// Assignors: the worked examples of Kafka's javadoc and of our headers as _data tables, then
// property loops over seeded random memberships and rebalance sequences.
//
// Table notation (parsed below):
//   topics   "t0:3,t1:3"                         topic:partitions
//   members  "C0=t0,t1|t0p0,t0p1@1;C1/i1=t0"    id[/group.instance.id]=topics[|owned@generation]
//   expected "C0=t0p0,t0p1;C1="                  every member, its partitions in order
#include <QtTest>

// moc cannot parse <compare> (pulled in by group/types.h); it needs nothing from these.
#ifndef Q_MOC_RUN
#include "group/assignor.h"
#include "group/assignors/cooperative_sticky.h"
#include "group/assignors/sticky.h"
#endif

#include <algorithm>
#include <random>
#include <set>

using namespace kl;

namespace {

std::vector<std::string> split(const std::string &s, char sep)
{
    std::vector<std::string> out;
    if (s.empty())
        return out;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == sep) {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

TopicPartition parseTp(const std::string &s)
{
    const size_t p = s.rfind('p');
    return {s.substr(0, p), std::stoi(s.substr(p + 1))};
}

std::map<std::string, int32_t> parseTopics(const QString &spec)
{
    std::map<std::string, int32_t> topics;
    for (const auto &t : split(spec.toStdString(), ',')) {
        const auto parts = split(t, ':');
        topics[parts[0]] = std::stoi(parts[1]);
    }
    return topics;
}

std::vector<MemberSubscription> parseMembers(const QString &spec)
{
    std::vector<MemberSubscription> members;
    for (const auto &m : split(spec.toStdString(), ';')) {
        MemberSubscription sub;
        const size_t eq = m.find('=');
        std::string id = m.substr(0, eq);
        if (const size_t slash = id.find('/'); slash != std::string::npos) {
            sub.groupInstanceId = id.substr(slash + 1);
            id = id.substr(0, slash);
        }
        sub.memberId = id;
        std::string rest = m.substr(eq + 1);
        std::string owned;
        if (const size_t bar = rest.find('|'); bar != std::string::npos) {
            owned = rest.substr(bar + 1);
            rest = rest.substr(0, bar);
        }
        sub.topics = split(rest, ',');
        if (const size_t at = owned.find('@'); at != std::string::npos) {
            sub.generation = std::stoi(owned.substr(at + 1));
            owned = owned.substr(0, at);
        }
        for (const auto &tp : split(owned, ','))
            sub.ownedPartitions.push_back(parseTp(tp));
        members.push_back(sub);
    }
    return members;
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
    std::string out;
    for (const auto &[member, partitions] : a) {
        if (!out.empty())
            out += ';';
        out.append(member).append("=");
        for (size_t i = 0; i < partitions.size(); ++i) {
            if (i)
                out.append(",");
            out.append(partitions[i].topic).append("p").append(std::to_string(partitions[i].partition));
        }
    }
    return QString::fromStdString(out);
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
        // A member of an older generation loses its claims (equal subscriptions).
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
