// Kafka's internal topics in the GUI (issue 8, item 3): the topic form refuses to create,
// delete or grow __consumer_offsets with the lab's reason and Kafka's behaviour next to the
// field; __cluster_metadata is refused with Kafka's message; the producer and group lists do not
// offer internal topics; the Cluster view shows the learner's topic alone until "Show internal
// topics" is checked, then lists it first; a binary key is shown as hex in the topic view.
#include "bridge/bridge.h"
#include "models/partition_strip_model.h"
#include "views/cluster_view.h"
#include "views/group_start_form.h"
#include "views/main_window.h"
#include "views/producer_panel.h"
#include "views/replica_tiles.h"
#include "views/topic_admin_panel.h"
#include "views/topic_view.h"
#include "view_test_fixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QToolTip>
#include <QTreeWidget>

#include <future>

using viewtest::LiveCluster;

namespace {

// Starts a consumer group on `topic`: the engine then creates __consumer_offsets (50 partitions).
kl::Status startGroup(LiveCluster &cluster, const std::string &topic)
{
    std::promise<kl::Status> done;
    auto future = done.get_future();
    cluster.engine->post([&done, topic](kl::EngineCore &core) {
        kl::ConsumerGroupSpec spec;
        spec.groupId = "lesson";
        spec.topics = {topic};
        spec.consumers = 1;
        auto started = core.startConsumerGroup(spec);
        done.set_value(started ? kl::Status::ok() : started.status());
    });
    return future.get();
}

QStringList itemsOf(const QComboBox *combo)
{
    QStringList items;
    for (int i = 0; i < combo->count(); ++i)
        items << combo->itemText(i);
    return items;
}

QStringList topicsOnTiles(const ClusterView &view, int broker)
{
    QStringList topics;
    for (const auto &tile : view.tilesOf(broker)->tiles())
        if (!topics.contains(tile.topic))
            topics << tile.topic;
    return topics;
}

} // namespace

class TestInternalTopics : public QObject {
    Q_OBJECT
private slots:
    void topicFormRefusesInternalTopics()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(3));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(3)).isOk());
        Bridge bridge(*cluster.engine);
        QTRY_VERIFY(bridge.snapshot()->topic("orders"));
        TopicAdminPanel panel(bridge);
        panel.setProperty("skipDeleteConfirmation", true);
        auto *name = panel.findChild<QLineEdit *>(QStringLiteral("topicName"));
        auto *partitions = panel.findChild<QSpinBox *>(QStringLiteral("topicPartitions"));
        auto *create = panel.findChild<QPushButton *>(QStringLiteral("topicCreate"));
        auto *nameError = panel.findChild<QLabel *>(QStringLiteral("topicNameError"));
        QVERIFY(name && partitions && create && nameError);
        QSignalSpy finished(&bridge, &Bridge::topicCommandFinished);

        // The user types __consumer_offsets with 3 partitions, as in the report.
        QTest::keyClicks(name, QStringLiteral("__consumer_offsets"));
        partitions->setValue(3);
        QTest::mouseClick(create, Qt::LeftButton);
        QVERIFY(!nameError->isHidden());
        QVERIFY2(nameError->text().contains(QLatin1String("Kafka Lab refuses this; Apache Kafka 4.x would")),
                 qPrintable(nameError->text()));
        QTest::qWait(300);
        QCOMPARE(finished.count(), 0);
        QVERIFY(!bridge.snapshot()->topic("__consumer_offsets"));

        name->clear();
        QTest::keyClicks(name, QStringLiteral("__cluster_metadata"));
        QTest::mouseClick(create, Qt::LeftButton);
        QVERIFY(!nameError->isHidden());
        QVERIFY2(nameError->text().contains(QLatin1String("__cluster_metadata is prohibited")),
                 qPrintable(nameError->text()));

        // The lab's own __consumer_offsets: 50 partitions, not the 3 the user asked for.
        QVERIFY(startGroup(cluster, "orders").isOk());
        QTRY_VERIFY_WITH_TIMEOUT(bridge.snapshot()->topic("__consumer_offsets"), 10000);
        QCOMPARE(bridge.snapshot()->topic("__consumer_offsets")->partitions.size(), size_t(50));

        panel.setCurrentTopic(QStringLiteral("__consumer_offsets"));
        auto *total = panel.findChild<QSpinBox *>(QStringLiteral("newPartitionTotal"));
        auto *add = panel.findChild<QPushButton *>(QStringLiteral("addPartitions"));
        auto *totalError = panel.findChild<QLabel *>(QStringLiteral("newPartitionTotalError"));
        auto *del = panel.findChild<QPushButton *>(QStringLiteral("deleteTopic"));
        auto *deleteError = panel.findChild<QLabel *>(QStringLiteral("deleteTopicError"));
        QVERIFY(total && add && totalError && del && deleteError);
        total->setValue(60);
        QTest::mouseClick(add, Qt::LeftButton);
        QVERIFY(!totalError->isHidden());
        QVERIFY2(totalError->text().contains(QLatin1String("Kafka Lab refuses this; Apache Kafka 4.x would")),
                 qPrintable(totalError->text()));
        QTest::mouseClick(del, Qt::LeftButton);
        QVERIFY(!deleteError->isHidden());
        QVERIFY2(deleteError->text().contains(QLatin1String("Apache Kafka 4.x would delete")),
                 qPrintable(deleteError->text()));
        QTest::qWait(300);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(bridge.snapshot()->topic("__consumer_offsets")->partitions.size(), size_t(50));
    }

    void internalTopicsAreHiddenUntilAskedFor()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(3));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(3, 2)).isOk());
        QVERIFY(startGroup(cluster, "orders").isOk());
        Bridge bridge(*cluster.engine);
        QTRY_VERIFY_WITH_TIMEOUT(bridge.snapshot()->topic("__consumer_offsets"), 10000);

        ProducerPanel producer(bridge);
        auto *producerTopic = producer.findChild<QComboBox *>(QStringLiteral("producerTopic"));
        QVERIFY(producerTopic);
        QTRY_COMPARE(itemsOf(producerTopic), QStringList{QStringLiteral("orders")});

        GroupStartForm form;
        form.setSnapshot(bridge.snapshot());
        auto *formTopics = form.findChild<QComboBox *>(QStringLiteral("formTopics"));
        QVERIFY(formTopics);
        QCOMPARE(itemsOf(formTopics), QStringList{QStringLiteral("orders")});

        ClusterView view;
        view.resize(1024, 700);
        view.show();
        view.setSnapshot(bridge.snapshot());
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *showInternal = view.findChild<QCheckBox *>(QStringLiteral("showInternalTopics"));
        QVERIFY(showInternal);
        QVERIFY(!showInternal->isChecked());
        QCOMPARE(topicsOnTiles(view, 1), QStringList{QStringLiteral("orders")});
        auto *filter = view.findChild<QComboBox *>(QStringLiteral("clusterTopicFilter"));
        QVERIFY(filter);
        QVERIFY(!itemsOf(filter).contains(QStringLiteral("__consumer_offsets")));

        // The toggle shows them, after the learner's topic.
        QTest::mouseClick(showInternal, Qt::LeftButton);
        QVERIFY(showInternal->isChecked());
        const QStringList shown = topicsOnTiles(view, 1);
        QCOMPARE(shown, (QStringList{QStringLiteral("orders"), QStringLiteral("__consumer_offsets")}));
        QVERIFY(itemsOf(filter).contains(QStringLiteral("__consumer_offsets")));
        QCOMPARE(view.map().partitions.front().topic, QStringLiteral("orders"));

        QTest::mouseClick(showInternal, Qt::LeftButton);
        QCOMPARE(topicsOnTiles(view, 1), QStringList{QStringLiteral("orders")});
    }

    // Opening data that has __consumer_offsets (which sorts first): the window shows the
    // learner's topic, and the navigator lists it before Kafka's internal one.
    void theWindowOpensOnTheLearnersTopic()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(3));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(3)).isOk());
        QVERIFY(startGroup(cluster, "orders").isOk());
        Bridge bridge(*cluster.engine);
        QTRY_VERIFY_WITH_TIMEOUT(bridge.snapshot()->topic("__consumer_offsets"), 10000);
        MainWindow window(bridge);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE(window.currentTopic(), QStringLiteral("orders"));
        QStringList order;
        for (QTreeWidgetItemIterator it(window.navigator()); *it; ++it)
            if ((*it)->childCount() == 0 && ((*it)->text(0).contains(QLatin1String("orders"))
                                             || (*it)->text(0).contains(QLatin1String("__consumer_offsets"))))
                order << ((*it)->text(0).contains(QLatin1String("orders")) ? QStringLiteral("orders")
                                                                          : QStringLiteral("__consumer_offsets"));
        QCOMPARE(order, (QStringList{QStringLiteral("orders"), QStringLiteral("__consumer_offsets")}));
    }

    void binaryKeysAreShownAsHex()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        QVERIFY(cluster.createTopic("bin", viewtest::topicConfig(1)).isOk());
        kl::ProduceRequest r;
        r.topic = "bin";
        r.records.push_back(kl::ProduceRecord{std::string("\x00\xff\x1a", 3), std::string("v"), {}, std::nullopt});
        QVERIFY(cluster.produce(r).status.isOk());
        Bridge bridge(*cluster.engine);
        QTRY_VERIFY(bridge.snapshot()->topic("bin") && bridge.snapshot()->topic("bin")->partitions[0].recent
                    && !bridge.snapshot()->topic("bin")->partitions[0].recent->empty());

        TopicView view(bridge);
        view.resize(900, 400);
        view.setTopic(QStringLiteral("bin"));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *legend = view.findChild<QLabel *>(QStringLiteral("topicKeyLegend"));
        QVERIFY(legend);
        QTRY_VERIFY2(legend->text().contains(QLatin1String("0x00ff1a")), qPrintable(legend->text()));

        // The cell's tooltip, as a hovering user sees it.
        QTableView *table = view.table();
        const QRect rect = table->visualRect(view.model()->index(0, PartitionStripModel::LogColumn));
        bool found = false;
        for (int y = rect.top() + 1; y < rect.bottom() && !found; y += 3)
            for (int x = rect.left() + 2; x < rect.right() && !found; x += 4) {
                const QPoint pos(x, y);
                QHelpEvent help(QEvent::ToolTip, pos, table->viewport()->mapToGlobal(pos));
                QCoreApplication::sendEvent(table->viewport(), &help);
                const QString tip = QToolTip::text();
                if (tip.contains(QLatin1String("bin-0 offset 0"))) {
                    QVERIFY2(tip.contains(QLatin1String("Key: 0x00ff1a")), qPrintable(tip));
                    found = true;
                }
            }
        QVERIFY2(found, "no tooltip for the record at offset 0");
    }
};

QTEST_MAIN(TestInternalTopics)
#include "test_internal_topics.moc"
