// Switching language changes text only: the app's Shell on a live engine, driven as a user does
// (the toolbar's 한국어 / English buttons, Start / Stop, typing, tabs, lists). Running
// auto-producers stay listed and stoppable, lists, logs, typed text, selections and scroll
// positions stay, and the texts are Korean, then English again. Every auto-producer, also one
// started through the Bridge directly, can be stopped from the producer panel. Back from a
// scenario, the live cluster's event list still has its rows.
#include "bridge/bridge.h"
#include "player/scenario_menu.h"
#include "player/scenario_workspace.h"
#include "player/shell.h"
#include "views/auto_producer_list.h"
#include "views/events_panel.h"
#include "views/main_window.h"
#include "views/producer_panel.h"
#include "view_test_fixture.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>

using viewtest::LiveCluster;

namespace {

const QRegularExpression kStopButton(QStringLiteral("^autoStop-\\d+$"));

// Clicks the toolbar's language button and waits until the producer's Send button reads
// `send` (looked up afresh: a window rebuilt by the switch must not be read through old pointers).
void switchLanguage(Shell &shell, const char *code, const QString &send)
{
    auto *button = shell.window()->findChild<QToolButton *>(QStringLiteral("language-%1").arg(QLatin1String(code)));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    auto sendText = [&shell] {
        auto *b = shell.window()->findChild<QPushButton *>(QStringLiteral("producerSend"));
        return b ? b->text() : QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(sendText(), send, 5000);
}

void clickTab(QTabWidget *tabs, int index)
{
    QTabBar *bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(index).center());
}

int runningProducers(const Bridge &bridge)
{
    int n = 0;
    for (const auto &p : bridge.snapshot()->producers)
        n += p.running ? 1 : 0;
    return n;
}

// Waits until the events list has had no new row for a while (the engine went quiet).
int settledEventRows(EventsPanel *events)
{
    int last = -1;
    for (int quiet = 0; quiet < 6;) {
        QTest::qWait(100);
        const int now = events->rowCount();
        quiet = now == last ? quiet + 1 : 0;
        last = now;
    }
    return last;
}

} // namespace

class TestLanguageSwitch : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings (language, splitters) go to a test location
        QSettings().clear();
    }

    void runningAutoProducerStaysStoppable()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(3)).isOk());
        ScenarioWorkspace workspace(*cluster.engine);
        Shell shell(workspace);
        shell.setLanguage(QStringLiteral("en"));
        shell.buildWindow();
        MainWindow *window = shell.window();
        window->resize(1280, 800);
        window->show();
        ProducerPanel *panel = window->producerPanel();
        auto *topic = panel->findChild<QComboBox *>(QStringLiteral("producerTopic"));
        auto *start = panel->findChild<QPushButton *>(QStringLiteral("autoStart"));
        QVERIFY(topic && start);
        QTRY_COMPARE_WITH_TIMEOUT(topic->currentText(), QStringLiteral("orders"), 10000);

        QTest::mouseClick(start, Qt::LeftButton);
        Bridge &bridge = workspace.liveBridge();
        QTRY_COMPARE_WITH_TIMEOUT(runningProducers(bridge), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->findChildren<QPushButton *>(kStopButton).isEmpty(), 10000);

        switchLanguage(shell, "ko", QStringLiteral("보내기"));
        switchLanguage(shell, "en", QStringLiteral("Send"));

        // Still listed as running, its Stop enabled; clicking it stops it.
        panel = shell.window()->producerPanel();
        auto *list = panel->findChild<AutoProducerList *>();
        QVERIFY(list);
        QCOMPARE(list->runningCount(), 1);
        const QList<QPushButton *> stops = panel->findChildren<QPushButton *>(kStopButton);
        QCOMPARE(stops.size(), 1);
        QVERIFY(stops.front()->isEnabled());
        QTest::mouseClick(stops.front(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(runningProducers(bridge), 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!stops.front()->isEnabled(), 10000);
        QVERIFY(!stops.front()->toolTip().isEmpty()); // says why it is disabled
    }

    void stateSurvivesLanguageSwitch()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        QVERIFY(cluster.createTopic("alpha", viewtest::topicConfig(3)).isOk());
        QVERIFY(cluster.createTopic("beta", viewtest::topicConfig(3)).isOk());
        for (int i = 0; i < 60; ++i) {
            kl::ProduceRequest request;
            request.topic = "alpha";
            request.partition = 1;
            kl::ProduceRecord record;
            record.key = "k";
            record.value = std::to_string(i);
            request.records.push_back(record);
            QVERIFY(cluster.produce(std::move(request)).status.isOk());
        }
        ScenarioWorkspace workspace(*cluster.engine);
        Shell shell(workspace);
        shell.setLanguage(QStringLiteral("en"));
        shell.buildWindow();
        MainWindow *window = shell.window();
        window->resize(1280, 800);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));

        // The producer: pick the second topic, send one record, type a key and a value.
        ProducerPanel *panel = window->producerPanel();
        auto *topic = panel->findChild<QComboBox *>(QStringLiteral("producerTopic"));
        auto *key = panel->findChild<QLineEdit *>(QStringLiteral("producerKey"));
        auto *value = panel->findChild<QPlainTextEdit *>(QStringLiteral("producerValue"));
        auto *send = panel->findChild<QPushButton *>(QStringLiteral("producerSend"));
        auto *results = panel->findChild<QTextBrowser *>(QStringLiteral("producerResults"));
        auto *headers = panel->findChild<QTableWidget *>(QStringLiteral("producerHeaders"));
        QVERIFY(topic && key && value && send && results && headers);
        QTRY_COMPARE_WITH_TIMEOUT(topic->count(), 2, 10000);
        topic->setFocus();
        QTest::keyClick(topic, Qt::Key_Down);
        QCOMPARE(topic->currentText(), QStringLiteral("beta"));
        QTest::keyClicks(key, QStringLiteral("order-7"));
        QTest::keyClicks(value, QStringLiteral("hello"));
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(results->toPlainText().contains(QStringLiteral("→ beta-")), 10000);
        key->clear();
        QTest::keyClicks(key, QStringLiteral("order-8"));
        const QString log = results->toPlainText();

        // Files: partition 1 of alpha, its first segment selected.
        QTabWidget *center = window->centerTabs();
        const int filesTab = center->count() - 1;
        clickTab(center, filesTab);
        QCOMPARE(center->currentIndex(), filesTab);
        auto *partition = window->findChild<QComboBox *>(QStringLiteral("segmentPartition"));
        auto *segments = window->findChild<QTableView *>(QStringLiteral("segmentTable"));
        QVERIFY(partition && segments);
        QTRY_COMPARE_WITH_TIMEOUT(partition->count(), 3, 10000);
        partition->setFocus();
        QTest::keyClick(partition, Qt::Key_Down);
        QCOMPARE(partition->currentData().toInt(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(segments->model()->rowCount() > 0, 10000);
        QTest::mouseClick(segments->viewport(), Qt::LeftButton, {},
                          segments->visualRect(segments->model()->index(0, 0)).center());
        QCOMPARE(segments->selectionModel()->selectedRows().size(), 1);

        // The event list: every event shown, scrolled down a bit.
        EventsPanel *events = window->eventsPanel();
        auto *filter = events->findChild<QComboBox *>(QStringLiteral("eventFilter"));
        QVERIFY(filter);
        filter->setFocus();
        QTest::keyClick(filter, Qt::Key_End); // "All events"
        const int rows = settledEventRows(events);
        QVERIFY2(rows > 40, qPrintable(QString::number(rows)));
        QScrollBar *scroll = events->list()->verticalScrollBar();
        QTRY_VERIFY_WITH_TIMEOUT(scroll->maximum() > 10, 5000);
        scroll->setValue(7);

        // A sample of texts in Korean, then English again: a button, a centre tab, a header.
        auto headerText = [&shell] {
            return shell.window()->findChild<QTableWidget *>(QStringLiteral("producerHeaders"))
                ->horizontalHeaderItem(0)->text();
        };
        switchLanguage(shell, "ko", QStringLiteral("보내기"));
        QCOMPARE(shell.window()->centerTabs()->tabText(0), QStringLiteral("토픽"));
        QCOMPARE(shell.window()->centerTabs()->tabText(filesTab), QStringLiteral("파일"));
        QCOMPARE(headerText(), QStringLiteral("헤더 키"));
        switchLanguage(shell, "en", QStringLiteral("Send"));
        QCOMPARE(shell.window()->centerTabs()->tabText(0), QStringLiteral("Topic"));
        QCOMPARE(shell.window()->centerTabs()->tabText(filesTab), QStringLiteral("Files"));
        QCOMPARE(headerText(), QStringLiteral("Header key"));

        // Everything where the user left it (looked up again in the window shown now).
        window = shell.window();
        events = window->eventsPanel();
        scroll = events->list()->verticalScrollBar();
        results = window->findChild<QTextBrowser *>(QStringLiteral("producerResults"));
        key = window->findChild<QLineEdit *>(QStringLiteral("producerKey"));
        value = window->findChild<QPlainTextEdit *>(QStringLiteral("producerValue"));
        topic = window->findChild<QComboBox *>(QStringLiteral("producerTopic"));
        center = window->centerTabs();
        partition = window->findChild<QComboBox *>(QStringLiteral("segmentPartition"));
        segments = window->findChild<QTableView *>(QStringLiteral("segmentTable"));
        QCOMPARE(events->rowCount(), rows);
        QCOMPARE(scroll->value(), 7);
        QCOMPARE(results->toPlainText(), log);
        QCOMPARE(key->text(), QStringLiteral("order-8"));
        QCOMPARE(value->toPlainText(), QStringLiteral("hello"));
        QCOMPARE(topic->currentText(), QStringLiteral("beta"));
        QCOMPARE(center->currentIndex(), filesTab);
        QCOMPARE(partition->currentData().toInt(), 1);
        const QModelIndexList selected = segments->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.front().row(), 0);
    }

    void producerStartedThroughBridgeIsStoppable()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        QVERIFY(cluster.createTopic("elsewhere", viewtest::topicConfig(2)).isOk());
        Bridge bridge(*cluster.engine);
        ProducerPanel panel(bridge);
        panel.show();
        auto *list = panel.findChild<AutoProducerList *>();
        QVERIFY(list);
        QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 0, 1000);

        // As a lesson or a scenario would: not through this panel.
        QSignalSpy started(&bridge, &Bridge::autoProducerStarted);
        kl::AutoProducerSpec spec;
        spec.topic = "elsewhere";
        spec.ratePerSec = 50;
        bridge.startAutoProducer(spec);
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 10000);
        const quint64 id = started.at(0).at(0).toULongLong();
        QTRY_VERIFY_WITH_TIMEOUT(list->stopButton(id), 10000);
        QPushButton *stop = list->stopButton(id);
        QTRY_VERIFY_WITH_TIMEOUT(stop->isEnabled(), 10000);
        auto *row = panel.findChild<QLabel *>(QStringLiteral("autoProducer-%1").arg(id));
        QVERIFY(row);
        QVERIFY2(row->text().contains(QStringLiteral("elsewhere")), qPrintable(row->text()));

        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(runningProducers(bridge), 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!stop->isEnabled(), 10000);
        QVERIFY(!stop->toolTip().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(row->text().contains(QStringLiteral("finished")), 10000);
    }

    void backToLiveKeepsTheEventList()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        QVERIFY(cluster.createTopic("before", viewtest::topicConfig(3)).isOk());
        ScenarioWorkspace workspace(*cluster.engine);
        Shell shell(workspace);
        shell.setLanguage(QStringLiteral("en"));
        shell.buildWindow();
        shell.window()->show();
        QTRY_VERIFY_WITH_TIMEOUT(shell.window()->eventsPanel()->rowCount() > 0, 10000);
        const int rows = settledEventRows(shell.window()->eventsPanel());

        const QList<QAction *> examples = shell.window()->scenarioMenu()->examplesMenu()->actions();
        QVERIFY(!examples.isEmpty());
        examples.front()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(workspace.isPlaying(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(shell.window() != nullptr, 10000);

        auto *back = shell.window()->findChild<QAction *>(QStringLiteral("backToLiveAction"));
        QVERIFY(back);
        QVERIFY(back->isEnabled());
        back->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!workspace.isPlaying(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(shell.window() != nullptr, 10000);
        EventsPanel *events = shell.window()->eventsPanel();
        QVERIFY2(events->rowCount() >= rows,
                 qPrintable(QStringLiteral("%1 rows, %2 before the scenario").arg(events->rowCount()).arg(rows)));
        // The earlier rows are the live cluster's: its topic is still named in them.
        bool sawTopic = false;
        for (int i = 0; i < events->list()->topLevelItemCount(); ++i)
            sawTopic |= events->list()->topLevelItem(i)->text(2).startsWith(QStringLiteral("before"));
        QVERIFY(sawTopic);
    }
};

QTEST_MAIN(TestLanguageSwitch)
#include "test_language_switch.moc"
