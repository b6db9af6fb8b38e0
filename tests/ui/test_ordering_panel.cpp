// The Ordering tab on a live engine (SystemClock, own thread), offscreen: two auto-producer
// runs write the same keys of one topic (each numbering them from #0), a group reads both; the
// panel shows one row per producer id with its own counts and no duplicates; clicking Reset
// clears the group's counts, rows and findings in the engine and the panel.
#include "bridge/bridge.h"
#include "views/group_tabs.h"
#include "views/ordering_panel.h"
#include "view_test_fixture.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

#include <future>

namespace {

kl::AutoProducerSpec producer(int64_t count)
{
    kl::AutoProducerSpec s;
    s.topic = "orders";
    s.ratePerSec = 400;
    s.count = count;
    s.keyCount = 6;
    s.valueSize = 40;
    return s;
}

uint64_t startProducer(viewtest::LiveCluster &cluster, const kl::AutoProducerSpec &spec)
{
    std::promise<kl::Result<uint64_t>> done;
    auto future = done.get_future();
    cluster.engine->startAutoProducer(spec, [&done](kl::Result<uint64_t> r) { done.set_value(std::move(r)); });
    const auto id = future.get();
    return id ? *id : UINT64_MAX; // producer ids start at 0, as Kafka's
}

} // namespace

class TestOrderingPanel : public QObject {
    Q_OBJECT
private slots:
    void perProducerRowsAndReset()
    {
        viewtest::LiveCluster cluster;
        QVERIFY(cluster.open(1));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(3)).isOk());
        const uint64_t a = startProducer(cluster, producer(200));
        QVERIFY(a != UINT64_MAX);
        QTRY_VERIFY_WITH_TIMEOUT(cluster.engine->snapshot()->totalRecordsProduced >= 200, 10000);
        const uint64_t b = startProducer(cluster, producer(200));
        QVERIFY(b > a);
        QTRY_VERIFY_WITH_TIMEOUT(cluster.engine->snapshot()->totalRecordsProduced >= 400, 10000);

        Bridge bridge(*cluster.engine);
        bridge.setRefreshIntervalMs(20);
        GroupTabs tabs(bridge, nullptr);
        OrderingPanel *panel = tabs.orderingPanel();
        panel->resize(1000, 240);
        panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(panel));
        QVERIFY(!panel->resetButton()->isEnabled()); // no group yet

        kl::ConsumerGroupSpec spec;
        spec.groupId = "late";
        spec.topics = {"orders"};
        spec.consumers = 1;
        spec.recordsPerSecPerConsumer = 1000;
        bridge.startConsumerGroup(spec);
        QTRY_COMPARE_WITH_TIMEOUT(panel->countText(QStringLiteral("checked")), QStringLiteral("400"), 30000);
        QCOMPARE(panel->countText(QStringLiteral("duplicates")), QStringLiteral("0"));
        QCOMPARE(panel->countText(QStringLiteral("perKey")), QStringLiteral("0"));
        QCOMPARE(panel->countText(QStringLiteral("gaps")), QStringLiteral("0"));

        QTableWidget *rows = panel->producers();
        QCOMPARE(rows->rowCount(), 2);
        QCOMPARE(rows->item(0, 0)->text(), QStringLiteral("p%1").arg(a));
        QCOMPARE(rows->item(1, 0)->text(), QStringLiteral("p%1").arg(b));
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(rows->item(row, 1)->text(), QStringLiteral("orders"));
            QCOMPARE(rows->item(row, 2)->text(), QStringLiteral("200"));
            QCOMPARE(rows->item(row, 3)->text(), QStringLiteral("0"));
        }

        QPushButton *reset = panel->resetButton();
        QVERIFY(reset->isEnabled());
        QTest::mouseClick(reset, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->countText(QStringLiteral("checked")), QStringLiteral("0"), 10000);
        QCOMPARE(rows->rowCount(), 0);
        QCOMPARE(panel->findings()->count(), 0);
        QCOMPARE(panel->countText(QStringLiteral("global")), QStringLiteral("0"));
        auto *result = panel->findChild<QLabel *>(QStringLiteral("orderingResetResult"));
        QVERIFY(result);
        QTRY_VERIFY(result->text().contains(QStringLiteral("reset")));
        // The engine's checker restarted too: a new run is counted from zero, under its own id.
        const uint64_t c = startProducer(cluster, producer(60));
        QVERIFY(c > b);
        QTRY_COMPARE_WITH_TIMEOUT(panel->countText(QStringLiteral("checked")), QStringLiteral("60"), 20000);
        QCOMPARE(rows->rowCount(), 1);
        QCOMPARE(rows->item(0, 0)->text(), QStringLiteral("p%1").arg(c));
    }
};

QTEST_MAIN(TestOrderingPanel)
#include "test_ordering_panel.moc"
