// End to end on a live engine (SystemClock, own thread), offscreen: start a group of three
// simulated consumers on a six-partition topic from the Groups tab's form while an auto
// producer writes, crash one consumer with its card's Crash button, and see — after
// session.timeout.ms (6000, Kafka's minimum) — the generation grow, its partitions move to
// the survivors, the rebalance timeline name the cause and the moves, and the lag chart fill.
#include "bridge/bridge.h"
#include "charts/lag_chart.h"
#include "views/assignment_canvas.h"
#include "views/group_start_form.h"
#include "views/group_tabs.h"
#include "views/groups_view.h"
#include "views/rebalance_timeline.h"

#include <QtCharts/QLineSeries>

#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <future>
#include <set>

namespace {

const kl::GroupSnapshot *findGroup(const kl::ClusterSnapshot &s, const std::string &id)
{
    for (const auto &g : s.groups)
        if (g.groupId == id)
            return &g;
    return nullptr;
}

std::set<int> partitionsOf(const kl::GroupSnapshot &g, const std::string &clientId)
{
    std::set<int> out;
    for (const auto &m : g.members)
        if (m.clientId == clientId)
            for (const auto &tp : m.assigned)
                out.insert(tp.partition);
    return out;
}

} // namespace

class TestGroupFailover : public QObject {
    Q_OBJECT
private slots:
    void crashFromTheGroupsTab()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto clock = std::make_shared<kl::SystemClock>();
        kl::EngineOptions options;
        options.dataDir = dir.path().toStdString();
        options.brokerCount = 3;
        options.groupInitialRebalanceDelayMs = 0; // join at once: the test waits only for the timeout
        options.offsetsTopicPartitions = 3;
        options.lagSampleIntervalMs = 250;
        auto core = kl::EngineCore::open(options, *clock);
        QVERIFY2(core, core ? "" : core.status().toString().c_str());
        kl::Engine engine(std::move(*core), clock);
        engine.start();
        {
            std::promise<kl::Status> created;
            kl::TopicConfig config;
            config.partitions = 6;
            engine.createTopic("orders", config, [&](kl::Status s) { created.set_value(s); });
            QVERIFY(created.get_future().get().isOk());
        }

        Bridge bridge(engine);
        bridge.setRefreshIntervalMs(20);
        GroupTabs tabs(bridge, nullptr);
        GroupsView *view = tabs.groupsView();
        view->resize(900, 640);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view));

        kl::AutoProducerSpec producer;
        producer.topic = "orders";
        producer.ratePerSec = 200;
        bridge.startAutoProducer(producer);

        // Start the group through the form, as a user would.
        QSignalSpy answers(&bridge, &Bridge::groupCommandFinished);
        QTRY_VERIFY(!bridge.snapshot()->topics.empty());
        view->setFormVisible(true);
        groupform::Input in;
        in.groupId = QStringLiteral("g1");
        in.topics = QStringLiteral("orders");
        in.consumers = 3;
        in.assignor = QStringLiteral("range");
        in.ratePerConsumer = 500;
        in.sessionTimeoutMs = 6000;
        view->startForm()->setInput(in);
        QVERIFY(view->startForm()->submit());
        QTRY_COMPARE_WITH_TIMEOUT(answers.count(), 1, 5000);
        QVERIFY2(answers.at(0).at(3).value<kl::Status>().isOk(),
                 answers.at(0).at(3).value<kl::Status>().toString().c_str());

        auto stableWith = [&](int members, int minGeneration) {
            const kl::GroupSnapshot *g = findGroup(*bridge.snapshot(), "g1");
            if (!g || g->state != "Stable" || g->generation < minGeneration)
                return false;
            int owning = 0;
            for (const auto &m : g->members)
                owning += m.assigned.empty() ? 0 : 1;
            return owning == members;
        };
        QTRY_VERIFY_WITH_TIMEOUT(stableWith(3, 1), 5000);
        const kl::GroupSnapshot before = *findGroup(*bridge.snapshot(), "g1");
        const std::set<int> victims = partitionsOf(before, "consumer-2");
        QCOMPARE(victims.size(), size_t(2)); // range: 6 partitions over 3 members
        QCOMPARE(view->currentGroup(), QStringLiteral("g1"));
        QTRY_COMPARE(view->canvas()->cardCount(), 3);
        QTRY_COMPARE(view->map().links.size(), 6);

        // Crash consumer-2 with its card's button.
        auto *crash = view->findChild<QPushButton *>(QStringLiteral("crash-consumer-2"));
        QVERIFY(crash);
        QVERIFY(crash->isEnabled());
        QTest::mouseClick(crash, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(answers.count(), 2, 5000);
        QCOMPARE(answers.at(1).at(0).toString(), QStringLiteral("crash"));
        QVERIFY(answers.at(1).at(3).value<kl::Status>().isOk());
        // Until the session times out, the member is still in the group, shown as crashed.
        QTRY_VERIFY_WITH_TIMEOUT(!view->findChild<QPushButton *>(QStringLiteral("crash-consumer-2"))
                                      || !view->findChild<QPushButton *>(QStringLiteral("crash-consumer-2"))->isEnabled(),
                                 3000);

        // After session.timeout.ms: a new generation, consumer-2's partitions on the others.
        QTRY_VERIFY_WITH_TIMEOUT(stableWith(2, before.generation + 1), 15000);
        const kl::GroupSnapshot after = *findGroup(*bridge.snapshot(), "g1");
        QVERIFY(after.generation > before.generation);
        QVERIFY(partitionsOf(after, "consumer-2").empty());
        std::set<int> survivors;
        for (const char *c : {"consumer-1", "consumer-3"})
            for (int p : partitionsOf(after, c))
                survivors.insert(p);
        QCOMPARE(survivors.size(), size_t(6));
        for (int p : victims)
            QVERIFY(survivors.count(p));

        // The view shows it: two owning members, six links, the rebalance on top of the timeline.
        QTRY_COMPARE(view->map().generation, after.generation);
        QCOMPARE(view->map().links.size(), 6);
        for (const groupmap::Link &l : view->map().links)
            QVERIFY(view->map().members[l.member].clientId != QStringLiteral("consumer-2"));
        QTreeWidget *timeline = view->timeline()->list();
        QVERIFY(timeline->topLevelItemCount() >= 2);
        QTreeWidgetItem *newest = timeline->topLevelItem(0);
        QCOMPARE(newest->text(0), QString::number(after.generation));
        QVERIFY2(newest->text(2).contains(QStringLiteral("consumer-2")), qPrintable(newest->text(2)));
        for (int p : victims)
            QVERIFY2(newest->text(4).contains(QStringLiteral("orders-%1").arg(p)), qPrintable(newest->text(4)));

        // The lag chart has samples for the group.
        LagChart *lag = tabs.lagChart();
        lag->refresh();
        QVERIFY(lag->totalSeries()->count() > 0);
        QCOMPARE(lag->partitionSeriesCount(), 6);
        engine.stop();
    }
};

QTEST_MAIN(TestGroupFailover)
#include "test_group_failover.moc"
