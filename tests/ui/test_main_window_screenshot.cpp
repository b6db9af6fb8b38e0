// Screenshot smoke test: a real engine with a populated topic, the whole MainWindow grabbed
// offscreen at 1280x800. The picture must not be blank, the topic view must show one row per
// partition, and the strip delegate must have painted the records' key colours.
#include "bridge/bridge.h"
#include "models/partition_strip_model.h"
#include "views/events_panel.h"
#include "views/key_colors.h"
#include "views/main_window.h"
#include "views/topic_view.h"

#include "views/cluster_view.h"

#include <QImage>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

class TestMainWindowScreenshot : public QObject {
    Q_OBJECT
private slots:
    void grabPopulatedWindow()
    {
        QTemporaryDir dir;
        auto clock = std::make_shared<kl::SystemClock>();
        kl::EngineOptions options;
        options.dataDir = dir.path().toStdString();
        options.brokerCount = 3;
        auto core = kl::EngineCore::open(options, *clock);
        QVERIFY2(core, core ? "" : core.status().toString().c_str());
        kl::Engine engine(std::move(*core), clock);
        engine.start();
        Bridge bridge(engine);

        MainWindow window(bridge);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        constexpr int kPartitions = 6;
        QSignalSpy created(&bridge, &Bridge::topicCommandFinished);
        kl::TopicConfig config;
        config.partitions = kPartitions;
        bridge.createTopic(QStringLiteral("orders"), config);
        QTRY_COMPARE(created.count(), 1);
        QVERIFY(created.at(0).at(2).value<kl::Status>().isOk());

        constexpr int kRecords = 60;
        QSignalSpy produced(&bridge, &Bridge::produceFinished);
        for (int i = 0; i < kRecords; ++i) {
            kl::ProduceRequest request;
            request.topic = "orders";
            kl::ProduceRecord record;
            record.key = "order-" + std::to_string(i % 10);
            record.value = "value " + std::to_string(i);
            request.records.push_back(record);
            bridge.produce(request);
        }
        QTRY_COMPARE(produced.count(), kRecords);
        QTRY_VERIFY([&] {
            bridge.refresh();
            const kl::TopicSnapshot *t = bridge.snapshot()->topic("orders");
            int64_t total = 0;
            for (const auto &p : t ? t->partitions : std::vector<kl::PartitionSnapshot>{})
                total += p.logEndOffset;
            return total == kRecords;
        }());

        window.selectTopic(QStringLiteral("orders"));
        QCOMPARE(window.currentTopic(), QStringLiteral("orders"));
        QCOMPARE(window.topicView()->table()->model()->rowCount(), kPartitions);
        QTRY_VERIFY(window.eventsPanel()->rowCount() > 0); // at least "topic created"
        QTest::qWait(100);

        const QImage image = window.grab().toImage();
        QVERIFY(!image.isNull());
        QCOMPARE(image.size() / image.devicePixelRatio(), QSize(1280, 800));

        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, "the window looks blank");

        // Some record's key colour is on screen: the strips were painted from the snapshot.
        const kl::TopicSnapshot *t = bridge.snapshot()->topic("orders");
        QSet<QRgb> keyColours;
        for (const auto &p : t->partitions)
            if (p.recent)
                for (const auto &cell : *p.recent)
                    keyColours.insert(keycolors::keyColor(cell.keyHash, cell.keyNull).rgb());
        QVERIFY(!keyColours.isEmpty());
        bool found = false;
        for (int y = 0; y < image.height() && !found; ++y)
            for (int x = 0; x < image.width() && !found; ++x)
                found = keyColours.contains(image.pixel(x, y));
        QVERIFY2(found, "no key-coloured cell was drawn");

        image.save(QDir::temp().filePath(QStringLiteral("kafkalab_test_main_window.png")));

        // The producer is the first thing on the right, and its Send button is in view at
        // 1280x800 without scrolling (it used to sit under the topic admin, below the fold).
        QCOMPARE(window.rightTabs()->currentIndex(), 0);
        QCOMPARE(window.rightTabs()->currentWidget()->findChild<QPushButton *>(QStringLiteral("producerSend")),
                 window.findChild<QPushButton *>(QStringLiteral("producerSend")));
        auto *send = window.findChild<QPushButton *>(QStringLiteral("producerSend"));
        QVERIFY(send && send->isVisible());
        auto *scroll = qobject_cast<QScrollArea *>(window.rightTabs()->currentWidget());
        QVERIFY(scroll);
        const QRect viewport(scroll->viewport()->mapTo(&window, QPoint(0, 0)), scroll->viewport()->size());
        const QRect button(send->mapTo(&window, QPoint(0, 0)), send->size());
        QVERIFY2(viewport.contains(button), "the Send button is scrolled out of view");
        // The cluster tab is there too.
        QVERIFY(window.centerTabs()->indexOf(window.clusterView()) >= 0);

        // The language toggle asks the app to switch (the app rebuilds the window).
        window.setLanguage(QStringLiteral("en"));
        QSignalSpy language(&window, &MainWindow::languageRequested);
        QToolButton *korean = nullptr;
        for (QToolButton *b : window.findChildren<QToolButton *>())
            if (b->property("lang").toString() == QLatin1String("ko"))
                korean = b;
        QVERIFY(korean);
        QVERIFY(!korean->isChecked());
        korean->click();
        QCOMPARE(language.count(), 1);
        QCOMPARE(language.at(0).at(0).toString(), QStringLiteral("ko"));
    }
};

QTEST_MAIN(TestMainWindowScreenshot)
#include "test_main_window_screenshot.moc"
