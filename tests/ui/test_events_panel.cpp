// EventsPanel (the timeline): replication events are written from their typed fields (ISR
// before → after, old → new leader with the epoch, lost offsets), chatty events are hidden by
// the default filter and capped, and selecting a row hands the event back for highlighting.
#include "bridge/bridge.h"
#include "views/events_panel.h"
#include "view_test_fixture.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

class TestEventsPanel : public QObject {
    Q_OBJECT
private:
    static kl::Event event(uint64_t seq, kl::EventType type)
    {
        kl::Event e;
        e.seq = seq;
        e.timeMs = 1'700'000'000'000 + int64_t(seq);
        e.type = type;
        e.topic = "orders";
        e.partition = 1;
        return e;
    }

private slots:
    void describe_data()
    {
        QTest::addColumn<kl::Event>("event");
        QTest::addColumn<QString>("expected");
        kl::Event shrunk = event(1, kl::EventType::IsrShrunk);
        shrunk.before = {1, 2, 3};
        shrunk.after = {1, 2};
        QTest::newRow("ISR shrank") << shrunk << "ISR {1, 2, 3} → {1, 2}";
        kl::Event expanded = event(2, kl::EventType::IsrExpanded);
        expanded.before = {1};
        expanded.after = {1, 3};
        QTest::newRow("ISR expanded") << expanded << "ISR {1} → {1, 3}";
        kl::Event elected = event(3, kl::EventType::LeaderElected);
        elected.oldLeader = 2;
        elected.newLeader = 3;
        elected.epoch = 4;
        QTest::newRow("leader elected") << elected << "broker-2 → broker-3, leader epoch 4";
        kl::Event why = elected;
        why.detail = "broker 3 leads in epoch 4 (broker 2 crashed; first live in-sync replica); its log ends at 75";
        why.cause = "broker_crashed";
        why.causeBroker = 2;
        why.kind = "in_sync";
        why.offset = 75;
        QTest::newRow("leader elected, the reason from the typed fields")
            << why << "leader epoch 4: broker-2 crashed; first live in-sync replica in assignment order; its log ends at 75";
        kl::Event lost = event(4, kl::EventType::RecordsLost);
        lost.offset = 10;
        lost.endOffset = 13;
        QTest::newRow("records lost") << lost << "offsets 10 to 12";
        kl::Event truncated = event(5, kl::EventType::ReplicaTruncated);
        truncated.broker = 2;
        truncated.offset = 7;
        truncated.endOffset = 9;
        QTest::newRow("truncated") << truncated << "broker-2 cut its log at offset 7 (its LEO was 9)";
        kl::Event down = event(6, kl::EventType::BrokerCrashed);
        down.broker = 3;
        QTest::newRow("broker down") << down << "broker-3 stopped";
        kl::Event refused = event(7, kl::EventType::ProduceRefused);
        refused.error = kl::ErrorCode::NotEnoughReplicas;
        refused.detail = "ISR {1} smaller than min.insync.replicas 2";
        refused.value = 1;
        refused.limit = 2;
        QTest::newRow("refused") << refused << "NOT_ENOUGH_REPLICAS: Fewer in-sync replicas than min.insync.replicas: "
                                               "nothing was written. (the ISR has 1 replica(s), min.insync.replicas is 2)";
        kl::Event epochs = event(8, kl::EventType::LogRecovered);
        epochs.cause = "epoch_checkpoint_rebuilt";
        epochs.value = 1;
        epochs.detail = "leader-epoch-checkpoint: epoch 2147483647 starts at offset 0, but the batch there carries 0";
        QTest::newRow("epoch checkpoint rebuilt")
            << epochs << "its leader-epoch-checkpoint was malformed or did not match the log; it was rebuilt";
        kl::Event exhausted = event(9, kl::EventType::LeaderElected);
        exhausted.oldLeader = 3;
        exhausted.newLeader = -1;
        exhausted.epoch = 2147483647;
        exhausted.kind = "epoch_exhausted";
        QTest::newRow("epoch exhausted") << exhausted << "REFUSED: the leader epoch is 2147483647";
    }

    void describe()
    {
        QFETCH(kl::Event, event);
        QFETCH(QString, expected);
        const QString text = EventsPanel::describe(event);
        QVERIFY2(text.contains(expected), qPrintable(text));

        viewtest::LiveCluster cluster;
        QVERIFY(cluster.open(1));
        Bridge bridge(*cluster.engine);
        EventsPanel panel(bridge);
        panel.clear();
        panel.addEvents({event});
        QCOMPARE(panel.rowCount(), 1);
        QTreeWidgetItem *row = panel.list()->topLevelItem(0);
        QCOMPARE(row->text(1), EventsPanel::typeLabel(event.type));
        QCOMPARE(row->text(3), text);
        QVERIFY(!row->text(0).isEmpty()); // the timestamp
        QVERIFY(!row->isHidden());
    }

    void chattyEventsAreFilteredAndCapped()
    {
        viewtest::LiveCluster cluster;
        QVERIFY(cluster.open(1));
        Bridge bridge(*cluster.engine);
        EventsPanel panel(bridge);
        panel.clear();
        QVector<kl::Event> batch;
        uint64_t seq = 100;
        batch.push_back(event(seq++, kl::EventType::IsrShrunk));
        for (int i = 0; i < EventsPanel::kMaxChattyRows + 50; ++i)
            batch.push_back(event(seq++, kl::EventType::ProduceAcknowledged));
        batch.push_back(event(seq++, kl::EventType::LeaderElected));
        panel.addEvents(batch);
        // Acknowledgements never push the interesting events out, and the default filter hides them.
        QCOMPARE(panel.rowCount(), EventsPanel::kMaxChattyRows + 2);
        QCOMPARE(panel.visibleRowCount(), 2);
        panel.setFilter(EventsPanel::All);
        QCOMPARE(panel.visibleRowCount(), EventsPanel::kMaxChattyRows + 2);
        panel.setFilter(EventsPanel::Important);
        QCOMPARE(panel.visibleRowCount(), 2);

        // Clicking a row hands the very event back; making it current in code does not.
        QSignalSpy selected(&panel, &EventsPanel::eventSelected);
        QTreeWidgetItem *election = panel.list()->topLevelItem(0); // newest: the election
        panel.list()->setCurrentItem(election);
        QCOMPARE(selected.count(), 0);
        panel.resize(800, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.list()->scrollToItem(election);
        QTest::mouseClick(panel.list()->viewport(), Qt::LeftButton, {},
                          panel.list()->visualItemRect(election).center());
        QCOMPARE(selected.count(), 1);
        const auto e = selected.at(0).at(0).value<kl::Event>();
        QCOMPARE(e.type, kl::EventType::LeaderElected);
        QCOMPARE(e.seq, seq - 1);
    }

    // Group events: lag samples are chatty (only under "All"); ordering findings and member /
    // rebalance events are important; none counts as replication. Each has a label of its own.
    void groupEventsFilter()
    {
        viewtest::LiveCluster cluster;
        QVERIFY(cluster.open(1));
        Bridge bridge(*cluster.engine);
        EventsPanel panel(bridge);
        panel.clear();
        const kl::EventType important[] = {kl::EventType::MemberJoined, kl::EventType::MemberLeft,
            kl::EventType::MemberTimedOut, kl::EventType::RebalanceStarted, kl::EventType::RebalanceCompleted,
            kl::EventType::OffsetsCommitted, kl::EventType::ConsumerCrashed, kl::EventType::ConsumerStalled,
            kl::EventType::ConsumerResumed, kl::EventType::CoordinatorMoved, kl::EventType::OrderingViolation};
        QVector<kl::Event> batch;
        uint64_t seq = 1;
        for (kl::EventType type : important) {
            kl::Event e = event(seq++, type);
            e.group = "billing";
            batch.push_back(e);
            QVERIFY(EventsPanel::typeLabel(type) != QString::fromUtf8(kl::eventTypeName(type).data()));
        }
        kl::Event lag = event(seq++, kl::EventType::LagSampled);
        lag.topic.clear();
        lag.partition = -1;
        lag.group = "billing";
        lag.lag = 12;
        lag.detail = "orders-0=12 orders-1=0";
        batch.push_back(lag);
        QVERIFY(EventsPanel::typeLabel(kl::EventType::LagSampled) != QStringLiteral("lag_sampled"));
        QVERIFY2(EventsPanel::describe(lag).contains(QStringLiteral("12 (orders-0=12 orders-1=0)")),
            qPrintable(EventsPanel::describe(lag)));
        panel.addEvents(batch);
        const int n = int(std::size(important));
        QCOMPARE(panel.rowCount(), n + 1);
        QCOMPARE(panel.visibleRowCount(), n);
        QCOMPARE(panel.list()->topLevelItem(0)->text(2), QStringLiteral("group billing"));
        panel.setFilter(EventsPanel::All);
        QCOMPARE(panel.visibleRowCount(), n + 1);
        panel.setFilter(EventsPanel::ReplicationOnly);
        QCOMPARE(panel.visibleRowCount(), 0);
    }
    // Selection follows the event, not the row: rows arriving above it, chatty and routine rows
    // aging out, a filter change, none of them selects another event or says anything.
    void selectionFollowsTheEventNotTheRow()
    {
        viewtest::LiveCluster cluster;
        QVERIFY(cluster.open(1));
        Bridge bridge(*cluster.engine);
        EventsPanel panel(bridge);
        panel.resize(800, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.clear();
        QVector<kl::Event> first;
        uint64_t seq = 1;
        for (int i = 0; i < 5; ++i)
            first.push_back(event(seq++, kl::EventType::IsrShrunk));
        panel.addEvents(first);
        QSignalSpy selected(&panel, &EventsPanel::eventSelected);
        QTreeWidgetItem *row = nullptr;
        for (int i = 0; i < panel.rowCount(); ++i)
            if (EventsPanel::eventOf(panel.list()->topLevelItem(i)).seq == 3)
                row = panel.list()->topLevelItem(i);
        QVERIFY(row);
        const QRect rect = panel.list()->visualItemRect(row);
        QTest::mouseClick(panel.list()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).value<kl::Event>().seq, uint64_t(3));
        QCOMPARE(panel.selectedSeq(), quint64(3));

        // A flood: chatty (hidden and capped), routine (capped), important.
        for (int round = 0; round < 3; ++round) {
            QVector<kl::Event> batch;
            for (int i = 0; i < EventsPanel::kMaxChattyRows + 20; ++i)
                batch.push_back(event(seq++, kl::EventType::ProduceAcknowledged));
            for (int i = 0; i < EventsPanel::kMaxRoutineRows + 20; ++i) {
                kl::Event rolled = event(seq++, kl::EventType::SegmentRolled);
                rolled.offset = int64_t(seq); // every one a different segment
                batch.push_back(rolled);
            }
            batch.push_back(event(seq++, kl::EventType::LeaderElected));
            panel.addEvents(batch);
            panel.setFilter(round == 1 ? EventsPanel::All : EventsPanel::Important);
        }
        QCOMPARE(selected.count(), 0 + 1);
        QCOMPARE(panel.list()->selectedItems().size(), 1);
        QCOMPARE(EventsPanel::eventOf(panel.list()->selectedItems().front()).seq, uint64_t(3));
        QCOMPARE(EventsPanel::eventOf(panel.list()->currentItem()).seq, uint64_t(3));
        // The noisy rows did not push the ISR events out.
        int isr = 0;
        for (int i = 0; i < panel.rowCount(); ++i)
            isr += EventsPanel::eventOf(panel.list()->topLevelItem(i)).type == kl::EventType::IsrShrunk;
        QCOMPARE(isr, 5);
        QVERIFY(panel.rowCount() <= 5 + 3 + EventsPanel::kMaxChattyRows + EventsPanel::kMaxRoutineRows);

        // The keyboard is the user too: Down selects the next (older) visible row.
        panel.list()->setFocus();
        QTest::keyClick(panel.list(), Qt::Key_Down);
        QCOMPARE(selected.count(), 2);
        QCOMPARE(selected.at(1).at(0).value<kl::Event>().seq, uint64_t(2));
        // Esc clears; nothing is selected and nothing is re-selected by new rows.
        QSignalSpy cleared(&panel, &EventsPanel::selectionCleared);
        QTest::keyClick(panel.list(), Qt::Key_Escape);
        QCOMPARE(cleared.count(), 1);
        QCOMPARE(panel.selectedSeq(), quint64(0));
        QVERIFY(panel.list()->selectedItems().isEmpty());
        panel.addEvents({event(seq++, kl::EventType::IsrExpanded)});
        QVERIFY(panel.list()->selectedItems().isEmpty());
        QCOMPARE(selected.count(), 2);
    }

    // Focus arriving in the list (after a dialog closes) selects nothing.
    void focusAloneSelectsNothing()
    {
        viewtest::LiveCluster cluster;
        QVERIFY(cluster.open(1));
        Bridge bridge(*cluster.engine);
        EventsPanel panel(bridge);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.clear();
        panel.addEvents({event(1, kl::EventType::IsrShrunk), event(2, kl::EventType::LeaderElected)});
        QSignalSpy selected(&panel, &EventsPanel::eventSelected);
        panel.list()->setFocus(Qt::TabFocusReason);
        QTest::qWait(50);
        panel.addEvents({event(3, kl::EventType::IsrExpanded)});
        QCOMPARE(selected.count(), 0);
    }

    // The same segment rolled on three replicas is one row naming the three brokers; a burst of
    // refusals for one partition and error is one row with a count, until it pauses.
    void repeatedEventsCollapse()
    {
        viewtest::LiveCluster cluster;
        QVERIFY(cluster.open(1));
        Bridge bridge(*cluster.engine);
        EventsPanel panel(bridge);
        panel.clear();
        QVector<kl::Event> batch;
        uint64_t seq = 1;
        for (int broker : {2, 1, 3}) {
            kl::Event rolled = event(seq++, kl::EventType::SegmentRolled);
            rolled.broker = broker;
            rolled.offset = 120;
            batch.push_back(rolled);
        }
        kl::Event other = event(seq++, kl::EventType::SegmentRolled);
        other.broker = 1;
        other.offset = 240; // the next segment of the same partition, seconds later: same row
        batch.push_back(other);
        kl::Event elsewhere = event(seq++, kl::EventType::SegmentRolled);
        elsewhere.partition = 4; // another partition of the topic rolling at the same time
        elsewhere.broker = 2;
        elsewhere.offset = 60;
        batch.push_back(elsewhere);
        for (int i = 0; i < 50; ++i) {
            kl::Event refused = event(seq++, kl::EventType::ProduceRefused);
            refused.error = kl::ErrorCode::NotEnoughReplicas;
            refused.timeMs += i * 100; // 5 s of refusals
            batch.push_back(refused);
        }
        kl::Event later = event(seq++, kl::EventType::ProduceRefused);
        later.error = kl::ErrorCode::NotEnoughReplicas;
        later.timeMs += 5000 + EventsPanel::kMergeWindowMs + 1; // after a pause: a new row
        batch.push_back(later);
        kl::Event nextWindow = event(seq++, kl::EventType::SegmentRolled);
        nextWindow.broker = 3;
        nextWindow.offset = 360;
        nextWindow.timeMs = batch.front().timeMs + EventsPanel::kMergeWindowMs + 1; // a new row
        batch.push_back(nextWindow);
        panel.addEvents(batch);
        QCOMPARE(panel.rowCount(), 4);
        QCOMPARE(EventsPanel::eventOf(panel.list()->topLevelItem(0)).offset, int64_t(360));
        QTreeWidgetItem *refusals = panel.list()->topLevelItem(2);
        QCOMPARE(EventsPanel::eventOf(refusals).type, kl::EventType::ProduceRefused);
        QCOMPARE(EventsPanel::eventCountOf(refusals), 50);
        QVERIFY2(refusals->text(3).contains(QStringLiteral("50")), qPrintable(refusals->text(3)));
        QCOMPARE(EventsPanel::eventCountOf(panel.list()->topLevelItem(1)), 1);
        QTreeWidgetItem *rolled = panel.list()->topLevelItem(3);
        QCOMPARE(EventsPanel::eventOf(rolled).offset, int64_t(120));
        QCOMPARE(EventsPanel::brokersOf(rolled), (QVector<int> {1, 2, 3}));
        QCOMPARE(EventsPanel::segmentsOf(rolled),
                 (QVector<QPair<int, qint64>> {{1, 120}, {1, 240}, {4, 60}}));
        QCOMPARE(rolled->text(2), QStringLiteral("orders")); // the topic: several partitions
        const QString text = rolled->text(3);
        for (const char *s : {"broker-1", "broker-2", "broker-3", "orders-1 at 120", "orders-1 at 240",
                              "orders-4 at 60", "3 segment"})
            QVERIFY2(text.contains(QLatin1String(s)), qPrintable(text));
        QCOMPARE(panel.list()->topLevelItem(0)->text(2), QStringLiteral("orders-1"));
    }

    // An hour of a steady producer rolling segments on six partitions (one roll per partition
    // every 3 s, on three replicas) and a refusal burst now and then: the ISR change and the
    // leader election of the first minute are still in the list, bold, and storage rows are few.
    void importantEventsStayInView()
    {
        viewtest::LiveCluster cluster;
        QVERIFY(cluster.open(1));
        Bridge bridge(*cluster.engine);
        EventsPanel panel(bridge);
        panel.clear();
        uint64_t seq = 1;
        const int64_t t0 = 1'700'000'000'000;
        QVector<kl::Event> batch;
        kl::Event shrunk = event(seq++, kl::EventType::IsrShrunk);
        shrunk.timeMs = t0 + 30'000;
        kl::Event elected = event(seq++, kl::EventType::LeaderElected);
        elected.timeMs = t0 + 40'000;
        batch << shrunk << elected;
        int storageEvents = 0;
        for (int64_t t = 0; t < 3'600'000; t += 3'000) {
            for (int p = 0; p < 6; ++p)
                for (int b = 1; b <= 3; ++b) {
                    kl::Event rolled = event(seq++, kl::EventType::SegmentRolled);
                    rolled.timeMs = t0 + t + p;
                    rolled.partition = p;
                    rolled.broker = b;
                    rolled.offset = t / 3'000 * 20;
                    rolled.cause = "segment_bytes";
                    batch << rolled;
                    ++storageEvents;
                }
        }
        std::sort(batch.begin(), batch.end(), [](const kl::Event &a, const kl::Event &b) { return a.timeMs < b.timeMs; });
        panel.addEvents(batch);
        QVERIFY(storageEvents > 20'000);
        // One storage row per topic per merge window at most: 360 windows in an hour, capped.
        QVERIFY2(panel.rowCount() <= EventsPanel::kMaxRoutineRows + 2, qPrintable(QString::number(panel.rowCount())));
        int found = 0;
        for (int i = 0; i < panel.list()->topLevelItemCount(); ++i) {
            QTreeWidgetItem *row = panel.list()->topLevelItem(i);
            const kl::EventType type = EventsPanel::eventOf(row).type;
            if (type == kl::EventType::IsrShrunk || type == kl::EventType::LeaderElected) {
                ++found;
                QVERIFY(!row->isHidden());
                QVERIFY(row->font(1).bold());
            } else {
                QVERIFY(!row->font(1).bold());
            }
        }
        QCOMPARE(found, 2);
    }
};

QTEST_MAIN(TestEventsPanel)
#include "test_events_panel.moc"
