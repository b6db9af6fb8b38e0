// ClusterMap (the Cluster tab's model) from a hand-built snapshot: which tile each replica
// gets, the numbers on it and their tooltips, the controller, and which broker / partition
// actions the state allows, with the reason when it does not.
#include "cluster_fixture.h"
#include "models/cluster_map_model.h"

#include <QTest>

using clustermap::ClusterMap;
using clustermap::Role;

Q_DECLARE_METATYPE(clustermap::Role)

class TestClusterMapModel : public QObject {
    Q_OBJECT
private slots:
    void tiles_data()
    {
        QTest::addColumn<int>("broker");
        QTest::addColumn<QString>("topic");
        QTest::addColumn<int>("partition");
        QTest::addColumn<Role>("role");
        QTest::addColumn<qint64>("leo");
        QTest::addColumn<qint64>("lag");
        QTest::addColumn<bool>("preferred");
        QTest::newRow("orders-0 leader on 1") << 1 << "orders" << 0 << Role::Leader << qint64(10) << qint64(0) << false;
        QTest::newRow("orders-0 offline on 2") << 2 << "orders" << 0 << Role::Offline << qint64(6) << qint64(0) << true;
        QTest::newRow("orders-0 out of ISR on 3") << 3 << "orders" << 0 << Role::OutOfSync << qint64(8) << qint64(2) << false;
        QTest::newRow("orders-1 leader on 1") << 1 << "orders" << 1 << Role::Leader << qint64(7) << qint64(0) << true;
        QTest::newRow("orders-1 in ISR on 3") << 3 << "orders" << 1 << Role::InSync << qint64(7) << qint64(0) << false;
        QTest::newRow("orders-1 offline on 2") << 2 << "orders" << 1 << Role::Offline << qint64(5) << qint64(0) << false;
        QTest::newRow("other-0 leader on 3") << 3 << "other" << 0 << Role::Leader << qint64(4) << qint64(0) << true;
        QTest::newRow("other-0 in ISR on 1") << 1 << "other" << 0 << Role::InSync << qint64(4) << qint64(0) << false;
    }

    void tiles()
    {
        QFETCH(int, broker);
        QFETCH(QString, topic);
        QFETCH(int, partition);
        QFETCH(Role, role);
        QFETCH(qint64, leo);
        QFETCH(qint64, lag);
        QFETCH(bool, preferred);
        const auto snap = clustertest::snapshot();
        const ClusterMap map = ClusterMap::build(*snap);
        const clustermap::Tile *t = map.tile(broker, topic, partition);
        QVERIFY(t);
        QCOMPARE(t->role, role);
        QCOMPARE(t->logEndOffset, leo);
        QCOMPARE(t->lag, lag);
        QCOMPARE(t->preferred, preferred);
        QCOMPARE(t->roleText, ClusterMap::shortRoleName(role));
        const kl::PartitionSnapshot &ps = snap->topic(topic.toStdString())->partitions[size_t(partition)];
        // Online tiles show the partition's HW; an offline one the HW it last knew (not above its LEO).
        const qint64 hw = role == Role::Offline ? leo - 1 : ps.highWatermark;
        QCOMPARE(t->highWatermark, hw);
        QCOMPARE(t->leaderEpoch, ps.leaderEpoch);
        // Every number has a tooltip that names it and carries its value.
        QVERIFY2(t->leoTip.contains(QStringLiteral("LEO")) && t->leoTip.contains(QString::number(leo)), qPrintable(t->leoTip));
        QVERIFY2(t->hwTip.contains(QStringLiteral("high watermark")) && t->hwTip.contains(QString::number(hw))
                     && t->hwTip.contains(QString::number(ps.highWatermark)),
                 qPrintable(t->hwTip));
        QVERIFY2(t->epochTip.contains(QStringLiteral("epoch")) && t->epochTip.contains(QString::number(ps.leaderEpoch)),
                 qPrintable(t->epochTip));
        QVERIFY2(t->roleTip.contains(QStringLiteral("ISR")), qPrintable(t->roleTip));
        if (lag > 0)
            QVERIFY2(t->leoTip.contains(QStringLiteral("%1 record").arg(lag)) && t->leoTip.contains(QStringLiteral("behind the leader")), qPrintable(t->leoTip));
    }

    void tilesPerBrokerAreOrderedAndComplete()
    {
        const ClusterMap map = ClusterMap::build(*clustertest::snapshot());
        QCOMPARE(map.brokers.size(), 3);
        QCOMPARE(map.brokers[0].tiles.size(), 3); // orders-0, orders-1, other-0
        QCOMPARE(map.brokers[1].tiles.size(), 2);
        QCOMPARE(map.brokers[2].tiles.size(), 3);
        QCOMPARE(map.brokers[0].tiles[0].label, QStringLiteral("orders-0"));
        QCOMPARE(map.brokers[0].tiles[2].label, QStringLiteral("other-0"));
        QCOMPARE(map.brokers[0].leaderCount, 2);
        QCOMPARE(map.brokers[2].leaderCount, 1);
        QCOMPARE(map.brokers[1].leaderCount, 0);

        // The topic filter keeps only that topic's tiles and partitions.
        const ClusterMap only = ClusterMap::build(*clustertest::snapshot(), QStringLiteral("other"));
        QCOMPARE(only.partitions.size(), 1);
        QCOMPARE(only.brokers[0].tiles.size(), 1);
        QCOMPARE(only.brokers[1].tiles.size(), 0);
        QVERIFY(!only.tile(1, QStringLiteral("orders"), 0));
    }

    void brokerStatesAndController()
    {
        const ClusterMap map = ClusterMap::build(*clustertest::snapshot());
        QCOMPARE(map.controllerId, 1);
        QVERIFY(map.broker(1)->controller);
        QVERIFY(!map.broker(2)->controller);
        QCOMPARE(map.broker(1)->state, kl::BrokerState::Running);
        QCOMPARE(map.broker(2)->state, kl::BrokerState::Crashed);
        QCOMPARE(map.broker(3)->state, kl::BrokerState::Isolated);
        QCOMPARE(map.broker(3)->fetchDelayMs, qint64(1000));

        // `alive == false` wins over a state left at Running: never offer "Crash" twice.
        auto snap = clustertest::snapshot();
        snap->brokers[0].alive = false;
        const ClusterMap down = ClusterMap::build(*snap);
        QCOMPARE(down.broker(1)->state, kl::BrokerState::Crashed);
        QVERIFY(!down.broker(1)->crash.enabled);
        QCOMPARE(down.tile(1, QStringLiteral("orders"), 0)->role, Role::Offline);
    }

    void brokerActions_data()
    {
        QTest::addColumn<int>("broker");
        QTest::addColumn<QString>("action");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<QString>("tipContains");
        QTest::newRow("running: crash") << 1 << "crash" << true << "Stop broker-1";
        QTest::newRow("running: restart") << 1 << "restart" << false << "broker-1 is running";
        QTest::newRow("running: isolate") << 1 << "isolate" << true << "network partition";
        QTest::newRow("running: heal") << 1 << "heal" << false << "broker-1 is not isolated";
        QTest::newRow("running: slow") << 1 << "slow" << true << "replica.lag.time.max.ms";
        QTest::newRow("crashed: crash") << 2 << "crash" << false << "broker-2 is already down";
        QTest::newRow("crashed: restart") << 2 << "restart" << true << "recovers";
        QTest::newRow("crashed: isolate") << 2 << "isolate" << false << "broker-2 is down: restart it first";
        QTest::newRow("crashed: slow") << 2 << "slow" << false << "broker-2 is down";
        QTest::newRow("isolated: restart") << 3 << "restart" << false << "use Heal";
        QTest::newRow("isolated: isolate") << 3 << "isolate" << false << "already isolated";
        QTest::newRow("isolated: heal") << 3 << "heal" << true << "Reconnect broker-3";
        QTest::newRow("isolated: crash") << 3 << "crash" << true << "Stop broker-3";
    }

    void brokerActions()
    {
        QFETCH(int, broker);
        QFETCH(QString, action);
        QFETCH(bool, enabled);
        QFETCH(QString, tipContains);
        const ClusterMap map = ClusterMap::build(*clustertest::snapshot());
        const clustermap::Broker *b = map.broker(broker);
        QVERIFY(b);
        const clustermap::Action &a = action == QLatin1String("crash")     ? b->crash
                                      : action == QLatin1String("restart") ? b->restart
                                      : action == QLatin1String("isolate") ? b->isolate
                                      : action == QLatin1String("heal")    ? b->heal
                                                                           : b->slow;
        QCOMPARE(a.enabled, enabled);
        QVERIFY2(a.tip.contains(tipContains), qPrintable(a.tip));
    }

    void preferredLeaderElection()
    {
        auto snap = clustertest::snapshot();
        ClusterMap map = ClusterMap::build(*snap);
        // orders-0: preferred broker-2 is down.
        const clustermap::Partition *p0 = map.partition(QStringLiteral("orders"), 0);
        QVERIFY(p0);
        QCOMPARE(p0->preferredLeader, 2);
        QVERIFY(!p0->electPreferred.enabled);
        QVERIFY2(p0->electPreferred.tip.contains(QStringLiteral("broker-2 is down")), qPrintable(p0->electPreferred.tip));
        // orders-1: the preferred replica already leads.
        const clustermap::Partition *p1 = map.partition(QStringLiteral("orders"), 1);
        QVERIFY(!p1->electPreferred.enabled);
        QVERIFY2(p1->electPreferred.tip.contains(QStringLiteral("already leads orders-1")), qPrintable(p1->electPreferred.tip));
        QVERIFY(p1->summary.contains(QStringLiteral("epoch 2")));
        QVERIFY(p1->summary.contains(QStringLiteral("{1, 3}")));

        // other-0 led by broker-1 while broker-3 (preferred, in ISR) runs: election allowed.
        snap->brokers[2].state = kl::BrokerState::Running;
        auto &q0 = snap->topics[1].partitions[0];
        q0.leader = 1;
        q0.replicaStates[0].leader = false;
        q0.replicaStates[1].leader = true;
        map = ClusterMap::build(*snap);
        const clustermap::Partition *q = map.partition(QStringLiteral("other"), 0);
        QVERIFY2(q->electPreferred.enabled, qPrintable(q->electPreferred.tip));
        QVERIFY(q->electPreferred.tip.contains(QStringLiteral("broker-3")));
        // ... but not when broker-3 is out of the ISR.
        q0.isr = {1};
        q0.replicaStates[0].inIsr = false;
        map = ClusterMap::build(*snap);
        q = map.partition(QStringLiteral("other"), 0);
        QVERIFY(!q->electPreferred.enabled);
        QVERIFY2(q->electPreferred.tip.contains(QStringLiteral("not in the ISR {1}")), qPrintable(q->electPreferred.tip));
        QCOMPARE(map.tile(3, QStringLiteral("other"), 0)->role, Role::OutOfSync);
    }

    void offlinePartitionSaysSo()
    {
        auto snap = clustertest::snapshot();
        snap->topics[0].partitions[0].leader = -1;
        snap->topics[0].partitions[0].isr.clear();
        snap->topics[0].partitions[0].replicaStates[2].leader = false;
        const ClusterMap map = ClusterMap::build(*snap);
        const clustermap::Partition *p = map.partition(QStringLiteral("orders"), 0);
        QVERIFY2(p->summary.contains(QStringLiteral("OFFLINE")), qPrintable(p->summary));
        QCOMPARE(map.broker(1)->leaderCount, 1);
    }

    // A replica whose log recovery found damaged says so on its tile: a mark after the role and
    // the damaged offsets in the tip; a healthy one shows neither.
    void damagedReplicaSaysSo()
    {
        auto snap = clustertest::snapshot();
        ClusterMap map = ClusterMap::build(*snap);
        const int broker = snap->topics[1].partitions[0].replicaStates[1].broker;
        QVERIFY(!map.tile(broker, QStringLiteral("other"), 0)->roleText.contains(QStringLiteral("⚠")));
        auto &r = snap->topics[1].partitions[0].replicaStates[1];
        r.damageCause = "corrupt_segment";
        r.damageFrom = 0;
        r.damageTo = 40;
        map = ClusterMap::build(*snap);
        const clustermap::Tile *t = map.tile(broker, QStringLiteral("other"), 0);
        QVERIFY(t);
        QVERIFY2(t->roleText.endsWith(QStringLiteral("⚠")), qPrintable(t->roleText));
        QVERIFY2(t->roleTip.contains(QStringLiteral("offsets 0..39")), qPrintable(t->roleTip));
        QVERIFY2(t->roleTip.contains(QStringLiteral("corrupt_segment")), qPrintable(t->roleTip));
    }
};

QTEST_APPLESS_MAIN(TestClusterMapModel)
#include "test_cluster_map_model.moc"
