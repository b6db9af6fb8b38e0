// End to end, offscreen, on the live engine (SystemClock, fast replica fetches): the whole
// MainWindow; crashing the leader's broker with the Cluster tab's button moves leadership to
// another in-sync replica once the controller fences it (a short broker.session.timeout.ms: until
// then the broker's state says "crashed — fenced in 1.9 s"), bumps the epoch and the map shows it;
// the timeline has the fence after the crash, and the election
// and selecting it highlights the partition; acks=all still succeeds with 2 of 3 replicas and is
// refused with NOT_ENOUGH_REPLICAS below min.insync.replicas; a restarted broker rejoins the ISR.
#include "bridge/bridge.h"
#include "i18n/english_plurals.h"
#include "views/cluster_view.h"
#include "views/events_panel.h"
#include "views/main_window.h"
#include "views/producer_panel.h"

#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

namespace {

constexpr int kWaitMs = 15000; // generous: 2 shared cores; the steps themselves take ~100 ms
constexpr int kSessionMs = 2000; // broker.session.timeout.ms, short for a live test

struct LiveCluster {
    QTemporaryDir dir;
    std::shared_ptr<kl::SystemClock> clock = std::make_shared<kl::SystemClock>();
    std::unique_ptr<kl::Engine> engine;

    bool open()
    {
        kl::EngineOptions options;
        options.dataDir = dir.path().toStdString();
        options.brokerCount = 3;
        options.replicaFetchIntervalMs = 10;
        options.replicaLagTimeMaxMs = 1000;
        options.brokerSessionTimeoutMs = kSessionMs;
        auto core = kl::EngineCore::open(options, *clock);
        if (!core) {
            qWarning("EngineCore::open: %s", core.status().toString().c_str());
            return false;
        }
        engine = std::make_unique<kl::Engine>(std::move(*core), clock);
        engine->start();
        return true;
    }
};

QPushButton *button(QWidget &w, const QString &name, int broker)
{
    return w.findChild<QPushButton *>(QStringLiteral("%1-%2").arg(name).arg(broker));
}

} // namespace

class TestClusterFailover : public QObject {
    Q_OBJECT
    EnglishPlurals m_plurals; // the app's English: "1 partition", "2 partitions"
private slots:
    void initTestCase() { QCoreApplication::installTranslator(&m_plurals); }

    void crashingTheLeaderMovesLeadership()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open());
        Bridge bridge(*cluster.engine);
        bridge.setRefreshIntervalMs(20);
        MainWindow window(bridge);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ClusterView *view = window.clusterView();
        const QString orders = QStringLiteral("orders");

        QSignalSpy created(&bridge, &Bridge::topicCommandFinished);
        kl::TopicConfig config;
        config.partitions = 3;
        config.replicationFactor = 3;
        config.minInsyncReplicas = 2;
        bridge.createTopic(orders, config);
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, kWaitMs);
        QVERIFY(created.at(0).at(2).value<kl::Status>().isOk());

        QSignalSpy produced(&bridge, &Bridge::produceFinished);
        for (int i = 0; i < 20; ++i) {
            kl::ProduceRequest request;
            request.topic = "orders";
            request.partition = 0;
            request.acks = kl::Acks::All;
            kl::ProduceRecord record;
            record.key = QStringLiteral("k%1").arg(i).toStdString();
            record.value.emplace(1, 'v'); // (g++ 12 warns -Wrestrict on = "v")
            request.records.push_back(record);
            bridge.produce(request);
        }
        QTRY_COMPARE_WITH_TIMEOUT(produced.count(), 20, kWaitMs);
        for (const auto &args : produced)
            QVERIFY(args.at(0).value<kl::ProduceResult>().status.isOk());

        window.setCurrentView(QStringLiteral("cluster"));
        QCOMPARE(window.centerTabs()->currentWidget(), view);
        QTRY_VERIFY_WITH_TIMEOUT(view->map().partition(orders, 0)
                                     && view->map().partition(orders, 0)->isr.size() == 3
                                     && view->map().partition(orders, 0)->highWatermark == 20,
                                 kWaitMs);
        const int oldLeader = view->map().partition(orders, 0)->leader;
        const int oldEpoch = view->map().partition(orders, 0)->leaderEpoch;
        QVERIFY(oldLeader >= 1);
        QCOMPARE(view->map().tile(oldLeader, orders, 0)->role, clustermap::Role::Leader);

        int ledBefore = 0;
        for (int p = 0; p < 3; ++p)
            ledBefore += view->map().partition(orders, p)->leader == oldLeader ? 1 : 0;
        auto *detail = window.findChild<QLabel *>(QStringLiteral("detail-%1").arg(oldLeader));
        QVERIFY(detail);
        QTRY_COMPARE_WITH_TIMEOUT(detail->text(), ledBefore == 1 ? QStringLiteral("leads 1 partition")
                                                                 : QStringLiteral("leads %1 partitions").arg(ledBefore),
                                  kWaitMs);

        // Crash the leader's broker with its button.
        QPushButton *crash = button(window, QStringLiteral("crash"), oldLeader);
        QPushButton *restart = button(window, QStringLiteral("restart"), oldLeader);
        QVERIFY(crash && restart);
        QVERIFY(crash->isEnabled());
        QVERIFY(!restart->isEnabled());
        QSignalSpy commands(&bridge, &Bridge::clusterCommandFinished);
        crash->click();
        QTRY_COMPARE_WITH_TIMEOUT(commands.count(), 1, kWaitMs);
        QVERIFY(commands.at(0).at(2).value<kl::Status>().isOk());
        // Not fenced yet: the broker says how long until the controller fences it.
        auto *state = window.findChild<QLabel *>(QStringLiteral("state-%1").arg(oldLeader));
        QVERIFY(state);
        QTRY_VERIFY_WITH_TIMEOUT(state->text().contains(QStringLiteral("crashed — fenced in ")), kWaitMs);
        QVERIFY(view->map().broker(oldLeader)->fenceInMs > 0);
        // Until then the metadata still names it leader: its partitions are unreachable, which
        // the card says (it used to say "leads 0 partition(s)").
        QCOMPARE(view->map().broker(oldLeader)->unreachableLeaderCount, ledBefore);
        QCOMPARE(detail->text(), ledBefore == 1 ? QStringLiteral("still leader of 1 partition, unreachable")
                                                : QStringLiteral("still leader of %1 partitions, unreachable").arg(ledBefore));
        QVERIFY2(detail->toolTip().contains(QStringLiteral("broker.session.timeout.ms")), qPrintable(detail->toolTip()));

        QTRY_VERIFY_WITH_TIMEOUT(view->map().partition(orders, 0)->leader >= 1
                                     && view->map().partition(orders, 0)->leader != oldLeader,
                                 kWaitMs);
        const clustermap::Partition *p0 = view->map().partition(orders, 0);
        const int newLeader = p0->leader;
        QVERIFY(p0->leaderEpoch > oldEpoch);
        QVERIFY(!p0->isr.contains(oldLeader));
        QCOMPARE(view->map().tile(oldLeader, orders, 0)->role, clustermap::Role::Offline);
        QCOMPARE(view->map().tile(newLeader, orders, 0)->role, clustermap::Role::Leader);
        QCOMPARE(view->map().tile(newLeader, orders, 0)->logEndOffset, qint64(20)); // nothing acked was lost
        QVERIFY(!crash->isEnabled());
        QVERIFY(crash->toolTip().contains(QStringLiteral("already down")));
        QVERIFY(restart->isEnabled());

        // The timeline has the election; selecting it highlights the partition in the map.
        EventsPanel *events = window.eventsPanel();
        QTreeWidgetItem *electedRow = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            for (int i = 0; i < events->list()->topLevelItemCount() && !electedRow; ++i) {
                QTreeWidgetItem *item = events->list()->topLevelItem(i);
                if (item->text(1) == EventsPanel::typeLabel(kl::EventType::LeaderElected)
                    && item->text(2) == QStringLiteral("orders-0"))
                    electedRow = item;
            }
            return electedRow != nullptr;
        }(), kWaitMs);
        QVERIFY2(electedRow->text(3).contains(QStringLiteral("broker-%1 → broker-%2").arg(oldLeader).arg(newLeader)),
                 qPrintable(electedRow->text(3)));
        QTRY_VERIFY_WITH_TIMEOUT(state->text().contains(QStringLiteral("crashed — fenced<")), kWaitMs);
        // The fence is in the timeline, after the crash (the newest row is on top).
        int crashedAt = -1, fencedAt = -1;
        for (int i = 0; i < events->list()->topLevelItemCount(); ++i) {
            const QString type = events->list()->topLevelItem(i)->text(1);
            if (type == EventsPanel::typeLabel(kl::EventType::BrokerCrashed) && crashedAt < 0)
                crashedAt = i;
            if (type == EventsPanel::typeLabel(kl::EventType::BrokerFenced) && fencedAt < 0) {
                fencedAt = i;
                QVERIFY2(events->list()->topLevelItem(i)->text(3).contains(QStringLiteral("broker.session.timeout.ms 2 s")),
                         qPrintable(events->list()->topLevelItem(i)->text(3)));
            }
        }
        QVERIFY(crashedAt >= 0 && fencedAt >= 0);
        QVERIFY(fencedAt < crashedAt);
        window.setCurrentView(QStringLiteral("topic"));
        window.bottomTabs()->setCurrentWidget(events);
        events->list()->scrollToItem(electedRow); // the user clicks the row
        QTest::mouseClick(events->list()->viewport(), Qt::LeftButton, {},
                          events->list()->visualItemRect(electedRow).center());
        QCOMPARE(window.centerTabs()->currentWidget(), view);
        QCOMPARE(view->highlightedTopic(), orders);
        QCOMPARE(view->highlightedPartition(), 0);
        QVERIFY(view->highlightedBrokers().contains(newLeader));
        window.grab().save(QDir::temp().filePath(QStringLiteral("kafkalab_test_cluster_failover.png")));

        // acks=all with 2 of 3 in the ISR (min.insync.replicas=2): acknowledged.
        ProducerPanel *producer = window.producerPanel();
        auto *results = producer->findChild<QTextBrowser *>(QStringLiteral("producerResults"));
        QVERIFY(results);
        producer->setCurrentTopic(orders);
        QSignalSpy sent(producer, &ProducerPanel::recordsSent);
        producer->sendRecord(QStringLiteral("order-100"), QStringLiteral("after failover"));
        QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWaitMs);
        QVERIFY2(results->toPlainText().contains(QStringLiteral("acks=all")), qPrintable(results->toPlainText()));

        // A second broker down: the ISR (1) is below min.insync.replicas (2): refused, and why.
        const int second = newLeader;
        const int before = int(commands.count());
        button(window, QStringLiteral("crash"), second)->click();
        QTRY_COMPARE_WITH_TIMEOUT(commands.count(), before + 1, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(view->map().partition(orders, 0)->isr.size() == 1, kWaitMs);
        QSignalSpy answered(&bridge, &Bridge::produceFinished);
        producer->sendRecord(QStringLiteral("order-100"), QStringLiteral("too few replicas"));
        QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 1, kWaitMs);
        QCOMPARE(answered.at(0).at(0).value<kl::ProduceResult>().status.code(), kl::ErrorCode::NotEnoughReplicas);
        QVERIFY2(results->toPlainText().contains(QStringLiteral("NOT_ENOUGH_REPLICAS")), qPrintable(results->toPlainText()));
        QCOMPARE(sent.count(), 1);

        // Both come back and rejoin the ISR.
        button(window, QStringLiteral("restart"), oldLeader)->click();
        button(window, QStringLiteral("restart"), second)->click();
        QTRY_VERIFY_WITH_TIMEOUT(view->map().partition(orders, 0)->isr.size() == 3, kWaitMs);
        QCOMPARE(view->map().broker(oldLeader)->state, kl::BrokerState::Running);
        QVERIFY(!button(window, QStringLiteral("restart"), oldLeader)->isEnabled());
    }
};

QTEST_MAIN(TestClusterFailover)
#include "test_cluster_failover.moc"
