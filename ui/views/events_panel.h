// EventsPanel: the bottom event timeline (time, event, where, what happened), newest at the
// top, bounded to kMaxRows so a long run cannot grow memory. Every text is written from the
// event's typed fields in the user's language (events_panel_text.cpp); the engine's English
// line is only the tooltip's last line. Switching language rewrites every row in place.
//
// Three classes of rows, each bounded on its own so the noisy ones cannot push the important
// ones (ISR, leaders, faults, rebalances) out of the list:
//   chatty  (each acknowledged produce, each HW step, each lag sample): hidden unless the
//           filter says "all events", at most kMaxChattyRows;
//   routine (segment rolled / deleted, log recovered, produce refused, commits, auto-producer
//           start / finish): at most kMaxRoutineRows;
//   important: everything else, up to kMaxRows in all.
// Repeated events collapse into one row: segments of one topic rolled (deleted, recovered) for
// the same reason within kMergeWindowMs of the row's first are one row naming every partition,
// offset and broker (each replica rolls the same segment, and a producer fills every partition
// at once); refusals of the same partition and error within kMergeWindowMs of the last one are
// one row with a count (see aggregateKey()). Important rows are bold, so they stand out among
// the routine ones.
//
// Selection belongs to the user. eventSelected() is emitted only when the user clicks a row or
// moves to one with the keyboard, never because rows were added, removed, filtered or
// retranslated; the selection follows the event (by its seq), not the row number. Esc clears
// it (selectionCleared()).
// Fed by Bridge::eventsArrived. Owns its children; the Bridge outlives it. GUI thread only.
#pragma once

#include "api/events.h"

#include <QHash>
#include <QPair>
#include <QQueue>
#include <QVector>
#include <QWidget>

class Bridge;
class QComboBox;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

class EventsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxRows = 2000;
    static constexpr int kMaxChattyRows = 200;
    static constexpr int kMaxRoutineRows = 300;
    static constexpr qint64 kMergeWindowMs = 10'000;
    enum Filter { Important = 0, ReplicationOnly = 1, All = 2 };
    enum RowClass { ChattyRow, RoutineRow, ImportantRow };

    explicit EventsPanel(Bridge &bridge, QWidget *parent = nullptr);

    int rowCount() const;
    int visibleRowCount() const;
    QTreeWidget *list() const { return m_list; }
    void setFilter(Filter filter);
    // The seq of the (first) event of the row the user selected; 0 when none is.
    quint64 selectedSeq() const { return m_selectedSeq; }
    // How many events a row stands for, and the brokers it names (aggregated rows).
    static int eventCountOf(const QTreeWidgetItem *row);
    static QVector<int> brokersOf(const QTreeWidgetItem *row);
    // The distinct (partition, segment base offset) pairs a storage row stands for, oldest first.
    static QVector<QPair<int, qint64>> segmentsOf(const QTreeWidgetItem *row);
    // The (first) event a row shows.
    static kl::Event eventOf(const QTreeWidgetItem *row);

    // Translated, human name of an event type ("Segment rolled").
    static QString typeLabel(kl::EventType type);
    // Translated one-line description from the typed fields ("ISR {1, 2, 3} → {1, 2}").
    static QString describe(const kl::Event &event);
    // The same for an aggregated row: `count` events, on `brokers` (empty: as the event says).
    // `segments`: the (partition, offset) pairs of a storage row (empty or one: as the event says).
    static QString describe(const kl::Event &event, int count, const QVector<int> &brokers,
                            qint64 lastTimeMs, const QVector<QPair<int, qint64>> &segments = {});
    // A rebalance's cause in words, from the typed code (RebalanceStarted / RebalanceSnapshot):
    // "consumer-2's session timed out (10 s)"; empty for an unknown code.
    static QString rebalanceCause(const std::string &code, const std::string &who, qint64 limitMs);
    // Translated "where": "orders-2", "broker-3" or "group billing".
    static QString whereOf(const kl::Event &event);
    static bool isChatty(kl::EventType type);
    static bool isReplication(kl::EventType type);
    static RowClass rowClassOf(kl::EventType type);
    // Events with the same non-empty key collapse into one row (see the header comment).
    static QString aggregateKey(const kl::Event &event);

public slots:
    void addEvents(const QVector<kl::Event> &events);
    void clear();
    void clearSelection();

signals:
    void eventSelected(const kl::Event &event);
    void selectionCleared();

protected:
    void changeEvent(QEvent *event) override;

private:
    friend class EventList;
    bool visibleUnder(const kl::Event &event) const;
    void applyFilter();
    void retranslateUi();
    void fillRow(QTreeWidgetItem *row) const;
    void userSelected(QTreeWidgetItem *row);
    void restoreSelection();
    void removeRow(QTreeWidgetItem *row);
    QTreeWidgetItem *mergeTarget(const kl::Event &event) const;

    QTreeWidget *m_list = nullptr;
    QComboBox *m_filter = nullptr;
    QLabel *m_hint = nullptr;
    quint64 m_selectedSeq = 0;
    QQueue<QTreeWidgetItem *> m_chatty;  // oldest first
    QQueue<QTreeWidgetItem *> m_routine; // oldest first
    QHash<QString, QTreeWidgetItem *> m_aggregates; // aggregateKey -> its newest row
    QHash<quint64, QTreeWidgetItem *> m_bySeq;      // first event's seq -> row
};
