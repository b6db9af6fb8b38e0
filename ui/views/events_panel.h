// EventsPanel: the bottom event timeline (time, event, where, what happened), newest at the
// top, bounded to kMaxRows so a long run cannot grow memory. Replication events are written
// from their typed fields in the user's language: ISR {1,2,3} → {1,2}, leader broker-1 →
// broker-2 (epoch 4), offsets lost, replica truncated; the engine's English line is the tooltip.
// Chatty events (every acknowledged produce, every HW step) are capped separately so they
// cannot push the interesting ones out, and hidden unless the filter says "all events".
// Selecting a row emits eventSelected() (MainWindow highlights what changed).
// Fed by Bridge::eventsArrived. Owns its children; the Bridge outlives it. GUI thread only.
#pragma once

#include "api/events.h"

#include <QQueue>
#include <QVector>
#include <QWidget>

class Bridge;
class QComboBox;
class QTreeWidget;
class QTreeWidgetItem;

class EventsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxRows = 2000;
    static constexpr int kMaxChattyRows = 200;
    enum Filter { Important = 0, ReplicationOnly = 1, All = 2 };

    explicit EventsPanel(Bridge &bridge, QWidget *parent = nullptr);

    int rowCount() const;
    int visibleRowCount() const;
    QTreeWidget *list() const { return m_list; }
    void setFilter(Filter filter);
    // Translated, human name of an event type ("Segment rolled").
    static QString typeLabel(kl::EventType type);
    // Translated one-line description from the typed fields ("ISR {1, 2, 3} → {1, 2}"), or the
    // engine's own detail when the type has nothing typed to say.
    static QString describe(const kl::Event &event);
    static bool isChatty(kl::EventType type);
    static bool isReplication(kl::EventType type);

public slots:
    void addEvents(const QVector<kl::Event> &events);
    void clear();

signals:
    void eventSelected(const kl::Event &event);

private:
    bool visibleUnder(const kl::Event &event) const;
    void applyFilter();

    QTreeWidget *m_list = nullptr;
    QComboBox *m_filter = nullptr;
    QQueue<QTreeWidgetItem *> m_chatty; // oldest first
};
