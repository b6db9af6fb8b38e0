// EventsPanel: the bottom list of engine events (time, type, partition, detail), newest at the
// top, bounded to kMaxRows so a long run cannot grow memory. Fed by Bridge::eventsArrived.
// Owns its children; the Bridge outlives it. GUI thread only.
#pragma once

#include "api/events.h"

#include <QVector>
#include <QWidget>

class Bridge;
class QTreeWidget;

class EventsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxRows = 2000;

    explicit EventsPanel(Bridge &bridge, QWidget *parent = nullptr);

    int rowCount() const;
    // Translated, human name of an event type ("Segment rolled").
    static QString typeLabel(kl::EventType type);

public slots:
    void addEvents(const QVector<kl::Event> &events);
    void clear();

private:
    QTreeWidget *m_list = nullptr;
};
