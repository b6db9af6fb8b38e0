// The event list in the whole window, against a live 3-broker engine with an auto-producer
// rolling small segments: the middle view changes only when the user clicks an event, never
// because events arrive while a row is selected (or focus lands in the list); the selection
// stays on the event the user chose while it is in the list; Esc clears it.
#include "bridge/bridge.h"
#include "views/events_panel.h"
#include "views/group_tabs.h"
#include "views/groups_view.h"
#include "views/topic_view.h"
#include "views/main_window.h"
#include "view_test_fixture.h"

#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

namespace {

kl::Event rowEvent(QTreeWidgetItem *row)
{
    return row ? row->data(0, Qt::UserRole + 1).value<kl::Event>() : kl::Event {};
}

void clickRow(QTreeWidget *list, QTreeWidgetItem *row)
{
    list->scrollToItem(row);
    const QRect rect = list->visualItemRect(row);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
}

void clickTab(QTabWidget *tabs, int index)
{
    QTabBar *bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(index).center());
}

} // namespace

class TestMainWindowEvents : public QObject {
    Q_OBJECT
private slots:
    void viewMovesOnlyOnTheUsersClick()
    {
        viewtest::LiveCluster cluster;
        QVERIFY(cluster.open(3));
        kl::TopicConfig config = viewtest::topicConfig(3, 3);
        config.log.segmentBytes = 1024; // rolls every few records: a steady stream of events
        QVERIFY(cluster.createTopic("orders", config).isOk());
        QVERIFY(cluster.createTopic("payments", viewtest::topicConfig(2, 3)).isOk());
        Bridge bridge(*cluster.engine);
        MainWindow window(bridge);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        EventsPanel *panel = window.eventsPanel();
        QTreeWidget *list = panel->list();
        QTRY_VERIFY_WITH_TIMEOUT(list->topLevelItemCount() >= 2, 10000);
        QSignalSpy selected(panel, &EventsPanel::eventSelected);
        const int topicTab = window.centerTabs()->indexOf(window.topicView());
        const int groupsTab = window.centerTabs()->indexOf(window.groupTabs()->groupsView());
        window.centerTabs()->setCurrentIndex(groupsTab);

        // Focus landing in the list (a dialog closed) selects nothing and moves nothing.
        list->setFocus(Qt::ActiveWindowFocusReason);
        QTest::qWait(200);
        QCOMPARE(selected.count(), 0);
        QCOMPARE(window.centerTabs()->currentIndex(), groupsTab);

        // An hour of use fills the bounded list; the events the user clicks are near its end.
        QVector<kl::Event> filler;
        for (int i = 0; i < EventsPanel::kMaxRows - 5; ++i) {
            kl::Event e;
            e.seq = 1'000'000 + uint64_t(i);
            e.type = kl::EventType::IsrExpanded;
            e.topic = "orders";
            e.partition = 0;
            e.before = {1, 2};
            e.after = {1, 2, 3};
            filler.push_back(e);
        }
        panel->addEvents(filler);
        QTreeWidgetItem *created = nullptr;
        for (int i = 0; i < list->topLevelItemCount() && !created; ++i) {
            const kl::Event e = rowEvent(list->topLevelItem(i));
            if (e.type == kl::EventType::TopicCreated && e.topic == "payments")
                created = list->topLevelItem(i);
        }
        QVERIFY(created);
        const uint64_t chosen = rowEvent(created).seq;
        clickRow(list, created);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(window.centerTabs()->currentIndex(), topicTab);
        QCOMPARE(window.currentTopic(), QStringLiteral("payments"));

        // The user opens the Groups tab; records flow, segments roll on every replica, and the
        // chosen event ages out of the bounded list. Nothing else gets selected meanwhile.
        clickTab(window.centerTabs(), groupsTab);
        QCOMPARE(window.centerTabs()->currentIndex(), groupsTab);
        QSignalSpy started(&bridge, &Bridge::autoProducerStarted);
        kl::AutoProducerSpec spec;
        spec.topic = "orders";
        spec.ratePerSec = 400;
        spec.keyCount = 8;
        spec.valueSize = 60;
        bridge.startAutoProducer(spec);
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 10000);
        auto chosenInList = [&] {
            for (int i = 0; i < list->topLevelItemCount(); ++i)
                if (rowEvent(list->topLevelItem(i)).seq == chosen)
                    return true;
            return false;
        };
        for (int i = 0; i < 100 && chosenInList(); ++i) {
            QTest::qWait(100);
            QCOMPARE(window.centerTabs()->currentIndex(), groupsTab);
            QCOMPARE(window.currentTopic(), QStringLiteral("payments"));
        }
        QVERIFY2(!chosenInList(), "the chosen event never aged out");
        QTest::qWait(500);
        QCOMPARE(window.centerTabs()->currentIndex(), groupsTab);
        QCOMPARE(window.currentTopic(), QStringLiteral("payments"));
        QCOMPARE(selected.count(), 1);
        QVERIFY(list->selectedItems().isEmpty());
        QCOMPARE(panel->selectedSeq(), quint64(0));

        // A recent event stays selected while events keep arriving above it.
        QTreeWidgetItem *recent = list->topLevelItem(3);
        const uint64_t second = rowEvent(recent).seq;
        clickRow(list, recent);
        QCOMPARE(selected.count(), 2);
        clickTab(window.centerTabs(), groupsTab);
        // Storage events of one topic merge into a row per 10 s, so besides the producer's,
        // important events (each a row of its own) arrive above the selected one.
        const int rowsBefore = list->topLevelItemCount();
        for (int i = 0; i < 20; ++i) {
            kl::Event e;
            e.seq = 2'000'000 + uint64_t(i);
            e.type = kl::EventType::IsrShrunk;
            e.topic = "orders";
            e.partition = i % 3;
            e.before = {1, 2, 3};
            e.after = {1, 2};
            panel->addEvents({e});
            QTest::qWait(100);
            QCOMPARE(window.centerTabs()->currentIndex(), groupsTab);
        }
        QVERIFY(list->topLevelItemCount() >= std::min(rowsBefore + 20, EventsPanel::kMaxRows));
        QCOMPARE(selected.count(), 2);
        QCOMPARE(list->selectedItems().size(), 1);
        QCOMPARE(rowEvent(list->selectedItems().front()).seq, second);
        QCOMPARE(panel->selectedSeq(), second);

        // Esc clears it; the view stays.
        QSignalSpy cleared(panel, &EventsPanel::selectionCleared);
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Escape);
        QCOMPARE(cleared.count(), 1);
        QVERIFY(list->selectedItems().isEmpty());
        QCOMPARE(panel->selectedSeq(), quint64(0));
        QTest::qWait(300);
        QCOMPARE(window.centerTabs()->currentIndex(), groupsTab);
        QCOMPARE(selected.count(), 2);
    }
};

QTEST_MAIN(TestMainWindowEvents)
#include "test_main_window_events.moc"
