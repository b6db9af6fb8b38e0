// GroupMap (what the Groups tab draws) and GroupForm (the start-a-group form's checks), fed
// hand-built snapshots: rows, links in the member's colour, idle members with the reason,
// actions disabled with a reason per state, rebalance phases, field errors. No widgets.
#include "group_fixture.h"
#include "models/group_form.h"
#include "models/group_model.h"

#include <QTest>

using groupmap::GroupMap;

class TestGroupModel : public QObject {
    Q_OBJECT
private slots:
    void headerAndRows()
    {
        const GroupMap map = GroupMap::build(grouptest::g1());
        QCOMPARE(map.groupId, QStringLiteral("g1"));
        QCOMPARE(map.state, QStringLiteral("Stable"));
        QCOMPARE(map.generation, 5);
        QCOMPARE(map.assignor, QStringLiteral("range"));
        QCOMPARE(map.coordinator, 2);
        QCOMPARE(map.totalLag, qint64(42));
        QVERIFY(map.stateTip.startsWith(QStringLiteral("Stable:")));
        QCOMPARE(map.members.size(), 5);
        QCOMPARE(map.partitions.size(), 3);
        QCOMPARE(map.partitions[1].label, QStringLiteral("orders-1"));
        QCOMPARE(map.partitions[1].committed, qint64(-1));
        QVERIFY(map.partitions[1].tip.contains(QStringLiteral("nothing committed yet")));
        QVERIFY(map.partitions[2].tip.contains(QStringLiteral("read by consumer-3")));
        QVERIFY(map.members[0].leader);
        QVERIFY(!map.members[1].leader);
        QCOMPARE(map.members[0].assigned, QStringList{QStringLiteral("orders-0")});
    }

    void linksUseTheMemberColour()
    {
        const GroupMap map = GroupMap::build(grouptest::g1());
        QCOMPARE(map.links.size(), 3);
        for (const groupmap::Link &l : map.links) {
            QCOMPARE(map.partitions[l.partitionRow].owner, l.member);
            QCOMPARE(l.color, map.members[l.member].color);
        }
        QCOMPARE(map.members[map.links[2].member].clientId, QStringLiteral("consumer-3"));
        // Member colours: distinct for consecutive consumers, stable per client id, not grey.
        QVERIFY(map.members[0].color != map.members[1].color);
        QCOMPARE(GroupMap::memberColor(QStringLiteral("consumer-2")), map.members[1].color);
        QVERIFY(map.members[0].color.saturation() > 80);
    }

    void idleMemberHasTheReason()
    {
        const GroupMap map = GroupMap::build(grouptest::g1());
        QCOMPARE(map.idleCount(), 1);
        const groupmap::Member *idle = map.member(QStringLiteral("consumer-4"));
        QVERIFY(idle && idle->idle);
        QCOMPARE(idle->idleTip, QStringLiteral("more consumers than partitions: this member has nothing to read"));
        QVERIFY(!map.member(QStringLiteral("consumer-5"))->idle); // crashed, not idle
        // The same member during a rebalance is not called idle: its assignment is on the way.
        kl::GroupSnapshot g = grouptest::g1();
        g.state = "PreparingRebalance";
        QCOMPARE(GroupMap::build(g).idleCount(), 0);
    }

    void actionsFollowState_data()
    {
        QTest::addColumn<QString>("client");
        QTest::addColumn<bool>("crash");
        QTest::addColumn<bool>("leave");
        QTest::addColumn<bool>("stall");
        QTest::addColumn<bool>("resume");
        QTest::addColumn<QString>("reason"); // in the disabled leave tooltip, or ""
        QTest::newRow("running") << "consumer-1" << true << true << true << false << "";
        QTest::newRow("stalled") << "consumer-3" << true << false << true << true << "Resume";
        QTest::newRow("crashed") << "consumer-5" << false << false << false << false << "has crashed";
    }

    void actionsFollowState()
    {
        QFETCH(QString, client);
        QFETCH(bool, crash);
        QFETCH(bool, leave);
        QFETCH(bool, stall);
        QFETCH(bool, resume);
        QFETCH(QString, reason);
        const GroupMap map = GroupMap::build(grouptest::g1());
        const groupmap::Member *m = map.member(client);
        QVERIFY(m);
        QCOMPARE(m->crash.enabled, crash);
        QCOMPARE(m->leave.enabled, leave);
        QCOMPARE(m->stall.enabled, stall);
        QCOMPARE(m->stallIsResume, resume);
        QVERIFY(!m->crash.tip.isEmpty() && !m->leave.tip.isEmpty() && !m->stall.tip.isEmpty());
        if (!reason.isEmpty())
            QVERIFY2(m->leave.tip.contains(reason), qPrintable(m->leave.tip));
    }

    void realClientsCanOnlyBeRemovedFromHere()
    {
        const GroupMap map = GroupMap::build(grouptest::g2());
        QCOMPARE(map.members.size(), 1);
        const groupmap::Member &m = map.members[0];
        QVERIFY(!m.simulated);
        // Crashing or pausing it happens in its own process; removing it is the coordinator's.
        QVERIFY(!m.crash.enabled && !m.stall.enabled);
        QVERIFY(m.crash.tip.contains(QStringLiteral("real client")));
        QVERIFY(m.leave.enabled);
        QVERIFY2(m.leave.tip.contains(QStringLiteral("UNKNOWN_MEMBER_ID")), qPrintable(m.leave.tip));
        QVERIFY(map.links.isEmpty());
        QCOMPARE(map.partitions[0].owner, -1);
        QVERIFY(!map.stopGroup.enabled); // no simulated consumer running
    }

    void rebalancePhases()
    {
        const GroupMap map = GroupMap::build(grouptest::g1());
        QCOMPARE(map.rebalances.size(), 2);
        const groupmap::Rebalance &newest = map.rebalances[0];
        QCOMPARE(newest.generation, 5);
        QCOMPARE(newest.preparingMs, qint64(500));
        QCOMPARE(newest.completingMs, qint64(20));
        QCOMPARE(newest.movedText, QStringLiteral("no partition moved"));
        const groupmap::Rebalance &older = map.rebalances[1];
        QCOMPARE(older.preparingMs, qint64(3000));
        QCOMPARE(older.completingMs, qint64(12));
        QCOMPARE(older.phases,
                 QStringLiteral("PreparingRebalance 3.0 s → CompletingRebalance 12 ms → Stable"));
        QCOMPARE(older.moved, QStringList{QStringLiteral("orders-2: consumer-5 → consumer-3")});

        const GroupMap running = GroupMap::build(grouptest::g2());
        QCOMPARE(running.rebalances.size(), 1);
        QVERIFY(!running.rebalances[0].finished);
        QCOMPARE(running.rebalances[0].preparingMs, qint64(-1));
        QCOMPARE(running.rebalances[0].phases, QStringLiteral("PreparingRebalance (now)"));
    }

    void formErrors_data()
    {
        QTest::addColumn<QString>("groupId");
        QTest::addColumn<QString>("topics");
        QTest::addColumn<int>("consumers");
        QTest::addColumn<int>("sessionMs");
        QTest::addColumn<QString>("field");   // which field has the error, "" = clean
        QTest::addColumn<QString>("contains");
        QTest::newRow("clean") << "fresh" << "orders" << 3 << 10000 << "" << "";
        QTest::newRow("empty id") << "" << "orders" << 3 << 10000 << "groupId" << "group.id";
        QTest::newRow("bad chars") << "a b" << "orders" << 3 << 10000 << "groupId" << "letters";
        QTest::newRow("existing group") << "g1" << "orders" << 3 << 10000 << "groupId" << "exists";
        QTest::newRow("no topic") << "fresh" << " , " << 3 << 10000 << "topics" << "at least one";
        QTest::newRow("unknown topic") << "fresh" << "orders, nope" << 3 << 10000 << "topics" << "nope";
        QTest::newRow("zero consumers") << "fresh" << "orders" << 0 << 10000 << "consumers" << "1 to";
        QTest::newRow("short session") << "fresh" << "orders" << 3 << 5999 << "sessionTimeout" << "6000";
    }

    void formErrors()
    {
        QFETCH(QString, groupId);
        QFETCH(QString, topics);
        QFETCH(int, consumers);
        QFETCH(int, sessionMs);
        QFETCH(QString, field);
        QFETCH(QString, contains);
        groupform::Input in;
        in.groupId = groupId;
        in.topics = topics;
        in.consumers = consumers;
        in.sessionTimeoutMs = sessionMs;
        const groupform::Errors e = groupform::GroupForm::validate(in, *grouptest::snapshot());
        const QMap<QString, QString> byField{{QStringLiteral("groupId"), e.groupId},
                                             {QStringLiteral("topics"), e.topics},
                                             {QStringLiteral("consumers"), e.consumers},
                                             {QStringLiteral("sessionTimeout"), e.sessionTimeout}};
        for (auto it = byField.begin(); it != byField.end(); ++it) {
            if (it.key() == field)
                QVERIFY2(it.value().contains(contains), qPrintable(it.value()));
            else
                QVERIFY2(it.value().isEmpty(), qPrintable(it.key() + QStringLiteral(": ") + it.value()));
        }
        QCOMPARE(e.any(), !field.isEmpty());
    }

    void specFromForm()
    {
        groupform::Input in;
        in.groupId = QStringLiteral(" fresh ");
        in.topics = QStringLiteral("orders, orders,other");
        in.consumers = 4;
        in.assignor = QStringLiteral("cooperative-sticky");
        in.ratePerConsumer = 50;
        in.autoCommit = false;
        in.sessionTimeoutMs = 6000;
        const kl::ConsumerGroupSpec spec = groupform::GroupForm::toSpec(in);
        QCOMPARE(spec.groupId, std::string("fresh"));
        QCOMPARE(spec.topics, (std::vector<std::string>{"orders", "other"}));
        QCOMPARE(spec.consumers, 4);
        QCOMPARE(spec.assignor, std::string("cooperative-sticky"));
        QCOMPARE(spec.recordsPerSecPerConsumer, 50.0);
        QVERIFY(!spec.autoCommit);
        QCOMPARE(spec.sessionTimeoutMs, 6000);
        QCOMPARE(spec.heartbeatIntervalMs, 2000); // a third of the session timeout
    }
};

QTEST_APPLESS_MAIN(TestGroupModel)
#include "test_group_model.moc"
