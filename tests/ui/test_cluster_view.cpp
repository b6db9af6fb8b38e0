// ClusterView (the Cluster tab) fed a hand-built snapshot, offscreen, no engine: one column per
// broker, buttons enabled or disabled-with-a-reason by state, clicks become the right requests,
// tiles answer tooltips for each number, selecting a tile drives "Elect preferred leader", and
// an event makes the brokers and partition it concerns glow.
#include "cluster_fixture.h"
#include "views/cluster_view.h"
#include "views/replica_tiles.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

class TestClusterView : public QObject {
    Q_OBJECT
private:
    template <typename T>
    static T *child(QWidget &w, const QString &name)
    {
        T *c = w.findChild<T *>(name);
        if (!c)
            qWarning("no child %s", qPrintable(name));
        return c;
    }

private slots:
    void columnsAndButtonsFollowBrokerState()
    {
        ClusterView view;
        view.resize(900, 600);
        view.setSnapshot(clustertest::snapshot());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.columnCount(), 3);

        auto *restart1 = child<QPushButton>(view, QStringLiteral("restart-1"));
        auto *crash1 = child<QPushButton>(view, QStringLiteral("crash-1"));
        auto *crash2 = child<QPushButton>(view, QStringLiteral("crash-2"));
        auto *restart2 = child<QPushButton>(view, QStringLiteral("restart-2"));
        auto *isolate1 = child<QPushButton>(view, QStringLiteral("isolate-1"));
        auto *isolate2 = child<QPushButton>(view, QStringLiteral("isolate-2"));
        auto *isolate3 = child<QPushButton>(view, QStringLiteral("isolate-3"));
        auto *slow2 = child<QToolButton>(view, QStringLiteral("slow-2"));
        auto *slow1 = child<QToolButton>(view, QStringLiteral("slow-1"));
        QVERIFY(restart1 && crash1 && crash2 && restart2 && isolate1 && isolate2 && isolate3 && slow1 && slow2);

        // Refused actions are disabled and say why.
        QVERIFY(!restart1->isEnabled());
        QCOMPARE(restart1->toolTip(), QStringLiteral("broker-1 is running"));
        QVERIFY(!crash2->isEnabled());
        QVERIFY(crash2->toolTip().contains(QStringLiteral("already down")));
        QVERIFY(!isolate2->isEnabled());
        QVERIFY(isolate2->toolTip().contains(QStringLiteral("restart it first")));
        QVERIFY(!slow2->isEnabled());
        QVERIFY(!slow2->toolTip().isEmpty());
        // Allowed ones are enabled; an isolated broker offers Heal instead of Isolate.
        QVERIFY(crash1->isEnabled());
        QVERIFY(restart2->isEnabled());
        QCOMPARE(isolate1->text(), QStringLiteral("Isolate"));
        QCOMPARE(isolate3->text(), QStringLiteral("Heal"));
        QVERIFY(isolate3->isEnabled());

        QVERIFY(child<QLabel>(view, QStringLiteral("controller-1"))->isVisible());
        QVERIFY(!child<QLabel>(view, QStringLiteral("controller-2"))->isVisible());
        QVERIFY(child<QLabel>(view, QStringLiteral("state-2"))->text().contains(QStringLiteral("crashed")));
        QVERIFY(child<QLabel>(view, QStringLiteral("state-3"))->text().contains(QStringLiteral("isolated")));

        QSignalSpy crash(&view, &ClusterView::crashRequested);
        QSignalSpy restart(&view, &ClusterView::restartRequested);
        QSignalSpy isolate(&view, &ClusterView::isolateRequested);
        QSignalSpy heal(&view, &ClusterView::healRequested);
        QSignalSpy slow(&view, &ClusterView::slowFollowerRequested);
        crash1->click();
        restart2->click();
        isolate1->click();
        isolate3->click();
        restart1->click(); // disabled: nothing
        QCOMPARE(crash.count(), 1);
        QCOMPARE(crash.at(0).at(0).toInt(), 1);
        QCOMPARE(restart.count(), 1);
        QCOMPARE(restart.at(0).at(0).toInt(), 2);
        QCOMPARE(isolate.count(), 1);
        QCOMPARE(isolate.at(0).at(0).toInt(), 1);
        QCOMPARE(heal.count(), 1);
        QCOMPARE(heal.at(0).at(0).toInt(), 3);

        QAction *fifteen = nullptr;
        for (QAction *a : slow1->menu()->actions())
            if (a->data().toLongLong() == 15000)
                fifteen = a;
        QVERIFY(fifteen);
        fifteen->trigger();
        QCOMPARE(slow.count(), 1);
        QCOMPARE(slow.at(0).at(0).toInt(), 1);
        QCOMPARE(slow.at(0).at(1).toLongLong(), qint64(15000));

        view.grab().save(QDir::temp().filePath(QStringLiteral("kafkalab_test_cluster_view.png")));
    }

    void tilesTooltipsAndSelection()
    {
        ClusterView view;
        view.resize(900, 600);
        view.setSnapshot(clustertest::snapshot());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        ReplicaTiles *tiles3 = view.tilesOf(3);
        QVERIFY(tiles3);
        QCOMPARE(tiles3->tiles().size(), 3);
        const clustermap::Tile *t = view.map().tile(3, QStringLiteral("orders"), 0);
        QVERIFY(t);
        using Part = ReplicaTiles::Part;
        const QRect leo = tiles3->partRect(QStringLiteral("orders"), 0, Part::Leo);
        const QRect hw = tiles3->partRect(QStringLiteral("orders"), 0, Part::Hw);
        const QRect epoch = tiles3->partRect(QStringLiteral("orders"), 0, Part::Epoch);
        const QRect role = tiles3->partRect(QStringLiteral("orders"), 0, Part::Role);
        QVERIFY(leo.isValid() && hw.isValid() && epoch.isValid() && role.isValid());
        QVERIFY(!leo.intersects(hw) && !hw.intersects(epoch));
        QVERIFY(tiles3->rect().contains(epoch)); // the numbers fit in the column
        QCOMPARE(tiles3->toolTipAt(leo.center()), t->leoTip);
        QCOMPARE(tiles3->toolTipAt(hw.center()), t->hwTip);
        QCOMPARE(tiles3->toolTipAt(epoch.center()), t->epochTip);
        QCOMPARE(tiles3->toolTipAt(role.center()), t->roleTip);

        auto *elect = child<QPushButton>(view, QStringLiteral("electPreferred"));
        auto *summary = child<QLabel>(view, QStringLiteral("partitionSummary"));
        QVERIFY(elect && summary);
        QVERIFY(!elect->isEnabled());
        QVERIFY(elect->toolTip().contains(QStringLiteral("Select a partition")));

        // Clicking a tile selects its partition; the button says why orders-0 cannot elect.
        QTest::mouseClick(tiles3, Qt::LeftButton, {}, tiles3->tileRect(QStringLiteral("orders"), 0).center());
        QCOMPARE(view.selectedTopic(), QStringLiteral("orders"));
        QCOMPARE(view.selectedPartition(), 0);
        QVERIFY(summary->text().contains(QStringLiteral("orders-0")));
        QVERIFY(!elect->isEnabled());
        QVERIFY2(elect->toolTip().contains(QStringLiteral("broker-2 is down")), qPrintable(elect->toolTip()));

        // A snapshot where other-0's preferred replica may lead again: the button works.
        auto snap = clustertest::snapshot();
        snap->brokers[2].state = kl::BrokerState::Running;
        auto &q0 = snap->topics[1].partitions[0];
        q0.leader = 1;
        q0.replicaStates[0].leader = false;
        q0.replicaStates[1].leader = true;
        view.setSnapshot(snap);
        ReplicaTiles *tiles1 = view.tilesOf(1);
        QTest::mouseClick(tiles1, Qt::LeftButton, {}, tiles1->tileRect(QStringLiteral("other"), 0).center());
        QCOMPARE(view.selectedTopic(), QStringLiteral("other"));
        QVERIFY2(elect->isEnabled(), qPrintable(elect->toolTip()));
        QSignalSpy electSpy(&view, &ClusterView::electPreferredLeaderRequested);
        elect->click();
        QCOMPARE(electSpy.count(), 1);
        QCOMPARE(electSpy.at(0).at(0).toString(), QStringLiteral("other"));
        QCOMPARE(electSpy.at(0).at(1).toInt(), 0);
    }

    void eventsHighlightWhatChanged()
    {
        ClusterView view;
        view.resize(900, 600);
        view.setSnapshot(clustertest::snapshot());
        view.show();

        kl::Event elected;
        elected.type = kl::EventType::LeaderElected;
        elected.topic = "orders";
        elected.partition = 0;
        elected.oldLeader = 2;
        elected.newLeader = 1;
        elected.epoch = 5;
        QVERIFY(view.highlightEvent(elected));
        QCOMPARE(view.highlightedBrokers(), (QSet<int>{1, 2}));
        QCOMPARE(view.highlightedTopic(), QStringLiteral("orders"));
        QCOMPARE(view.highlightedPartition(), 0);
        QCOMPARE(view.selectedPartition(), 0);

        kl::Event shrunk;
        shrunk.type = kl::EventType::IsrShrunk;
        shrunk.topic = "orders";
        shrunk.partition = 1;
        shrunk.before = {1, 3, 2};
        shrunk.after = {1, 3};
        QVERIFY(view.highlightEvent(shrunk));
        QCOMPARE(view.highlightedBrokers(), (QSet<int>{2})); // the broker that left
        QCOMPARE(view.highlightedPartition(), 1);

        kl::Event down;
        down.type = kl::EventType::BrokerCrashed;
        down.broker = 2;
        QVERIFY(view.highlightEvent(down));
        QCOMPARE(view.highlightedBrokers(), (QSet<int>{2}));
        QVERIFY(view.highlightedTopic().isEmpty());

        // A topic-admin event has nothing to point at here.
        kl::Event created;
        created.type = kl::EventType::TopicCreated;
        created.topic = "orders";
        QVERIFY(!view.highlightEvent(created));

        // The glow fades out.
        QTRY_VERIFY_WITH_TIMEOUT(view.highlightedBrokers().isEmpty(), ClusterView::kHighlightMs + 2000);
    }

    void topicFilterAndResults()
    {
        ClusterView view;
        view.setSnapshot(clustertest::snapshot());
        auto *combo = child<QComboBox>(view, QStringLiteral("clusterTopicFilter"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), 3); // all topics, orders, other
        view.setTopicFilter(QStringLiteral("other"));
        QCOMPARE(view.tilesOf(2)->tiles().size(), 0);
        QCOMPARE(view.tilesOf(1)->tiles().size(), 1);
        QCOMPARE(combo->currentText(), QStringLiteral("other"));

        auto *result = child<QLabel>(view, QStringLiteral("clusterResult"));
        view.showCommandResult(QStringLiteral("restart"), QStringLiteral("broker-1"),
                               kl::Status::error(kl::ErrorCode::InvalidRequest, "broker-1 is running"));
        QVERIFY(result->text().contains(QStringLiteral("INVALID_REQUEST")));
        QVERIFY(result->text().contains(QStringLiteral("broker-1 is running")));
    }
};

QTEST_MAIN(TestClusterView)
#include "test_cluster_view.moc"
