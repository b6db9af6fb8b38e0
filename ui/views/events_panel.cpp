// EventsPanel: newest-first bounded event timeline; rows, aggregation, filter and the user's
// selection. Texts are in events_panel_text.cpp.
#include "views/events_panel.h"

#include "bridge/bridge.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {

enum Role {
    EventRole = Qt::UserRole + 1, // kl::Event: the row's first event
    CountRole,                    // int: events the row stands for
    BrokersRole,                  // QList<int>: brokers named by the row's events
    LastTimeRole,                 // qint64: engine time of the row's newest event
    SegmentsRole,                 // QVariantList: partition, offset, partition, offset... (storage rows)
};

QString fromStd(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

// The list itself: a tree widget that tells the panel when the *user* moved to a row (click,
// arrow keys, Enter) and clears the selection on Esc. Programmatic changes of the current row
// (rows inserted or deleted around it, focus arriving) say nothing.
class EventList : public QTreeWidget {
public:
    EventList(EventsPanel *panel) : QTreeWidget(panel), m_panel(panel) {}

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        switch (event->key()) {
        case Qt::Key_Escape:
            m_panel->clearSelection();
            event->accept();
            return;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (currentItem())
                m_panel->userSelected(currentItem());
            event->accept();
            return;
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
        case Qt::Key_Home:
        case Qt::Key_End: {
            QTreeWidget::keyPressEvent(event);
            QTreeWidgetItem *item = currentItem();
            if (item && item->isSelected())
                m_panel->userSelected(item);
            return;
        }
        default:
            QTreeWidget::keyPressEvent(event);
        }
    }

private:
    EventsPanel *m_panel;
};

EventsPanel::EventsPanel(Bridge &bridge, QWidget *parent) : QWidget(parent)
{
    m_list = new EventList(this);
    m_list->setObjectName(QStringLiteral("eventList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setColumnCount(4);
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(0, 100);
    m_list->setColumnWidth(1, 160);
    m_list->setColumnWidth(2, 110);
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        if (item)
            userSelected(item);
    });

    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("eventFilter"));
    m_filter->addItem(QString(), Important);
    m_filter->addItem(QString(), ReplicationOnly);
    m_filter->addItem(QString(), All);
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] { applyFilter(); });
    m_hint = new QLabel(this);
    m_hint->setStyleSheet(QStringLiteral("color:#666;"));

    auto *top = new QHBoxLayout;
    top->setContentsMargins(4, 2, 4, 0);
    top->addWidget(m_filter);
    top->addWidget(m_hint, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_list);
    retranslateUi();

    connect(&bridge, &Bridge::eventsArrived, this, &EventsPanel::addEvents);
}

void EventsPanel::retranslateUi()
{
    m_list->setHeaderLabels({tr("Time"), tr("Event"), tr("Where"), tr("What happened")});
    m_list->headerItem()->setToolTip(0, tr("Engine clock time of the event"));
    m_list->headerItem()->setToolTip(3, tr("Select an event to highlight what changed"));
    m_filter->setItemText(0, tr("Important events"));
    m_filter->setItemText(1, tr("Replication and faults"));
    m_filter->setItemText(2, tr("All events"));
    m_filter->setToolTip(tr("Important events hide the chatty ones: each acknowledged produce and "
                            "each high-watermark step"));
    m_hint->setText(tr("Select an event to see what changed; Esc clears the selection."));
    m_list->setUpdatesEnabled(false);
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        fillRow(m_list->topLevelItem(i));
    m_list->setUpdatesEnabled(true);
}

void EventsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

int EventsPanel::rowCount() const
{
    return m_list->topLevelItemCount();
}

int EventsPanel::visibleRowCount() const
{
    int n = 0;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        n += m_list->topLevelItem(i)->isHidden() ? 0 : 1;
    return n;
}

kl::Event EventsPanel::eventOf(const QTreeWidgetItem *row)
{
    return row ? row->data(0, EventRole).value<kl::Event>() : kl::Event {};
}

int EventsPanel::eventCountOf(const QTreeWidgetItem *row)
{
    return row ? std::max(1, row->data(0, CountRole).toInt()) : 0;
}

QVector<QPair<int, qint64>> EventsPanel::segmentsOf(const QTreeWidgetItem *row)
{
    QVector<QPair<int, qint64>> out;
    if (!row)
        return out;
    const QVariantList flat = row->data(0, SegmentsRole).toList();
    for (int i = 0; i + 1 < flat.size(); i += 2)
        out.append({flat[i].toInt(), flat[i + 1].toLongLong()});
    return out;
}

namespace {

bool isStorage(kl::EventType type)
{
    return type == kl::EventType::SegmentRolled || type == kl::EventType::SegmentDeleted
        || type == kl::EventType::LogRecovered;
}

// Adds the event's (partition, offset) to a storage row's list unless it is there already.
void addSegment(QTreeWidgetItem *row, const kl::Event &e)
{
    if (!isStorage(e.type))
        return;
    QVariantList flat = row->data(0, SegmentsRole).toList();
    for (int i = 0; i + 1 < flat.size(); i += 2)
        if (flat[i].toInt() == e.partition && flat[i + 1].toLongLong() == e.offset)
            return;
    flat << e.partition << qlonglong(e.offset);
    row->setData(0, SegmentsRole, flat);
}

} // namespace

QVector<int> EventsPanel::brokersOf(const QTreeWidgetItem *row)
{
    return row ? row->data(0, BrokersRole).value<QList<int>>() : QVector<int> {};
}

void EventsPanel::clear()
{
    m_list->clear();
    m_chatty.clear();
    m_routine.clear();
    m_aggregates.clear();
    m_bySeq.clear();
    m_selectedSeq = 0;
}

void EventsPanel::clearSelection()
{
    const bool had = m_selectedSeq != 0 || !m_list->selectedItems().isEmpty();
    m_selectedSeq = 0;
    m_list->clearSelection();
    if (had)
        emit selectionCleared();
}

void EventsPanel::userSelected(QTreeWidgetItem *row)
{
    const kl::Event e = eventOf(row);
    m_selectedSeq = e.seq;
    emit eventSelected(e);
}

// Puts the visible selection back on the user's event after rows moved, were deleted,
// filtered or rewritten. Never emits eventSelected.
void EventsPanel::restoreSelection()
{
    QTreeWidgetItem *row = m_selectedSeq != 0 ? m_bySeq.value(m_selectedSeq) : nullptr;
    if (m_selectedSeq != 0 && !row)
        m_selectedSeq = 0; // the row aged out of the bounded list
    const QSignalBlocker blocker(m_list);
    if (!row || row->isHidden()) {
        m_list->clearSelection();
        return;
    }
    if (m_list->currentItem() != row)
        m_list->setCurrentItem(row);
    if (!row->isSelected()) {
        m_list->clearSelection();
        row->setSelected(true);
    }
}

void EventsPanel::setFilter(Filter filter)
{
    m_filter->setCurrentIndex(m_filter->findData(filter));
}

bool EventsPanel::isChatty(kl::EventType type)
{
    return rowClassOf(type) == ChattyRow;
}

EventsPanel::RowClass EventsPanel::rowClassOf(kl::EventType type)
{
    using T = kl::EventType;
    switch (type) {
    case T::ProduceAcknowledged:
    case T::HighWatermarkAdvanced:
    case T::LagSampled: // one per group every lag-sample interval
        return ChattyRow;
    case T::SegmentRolled:
    case T::SegmentDeleted:
    case T::LogRecovered:
    case T::ProduceRefused:
    case T::OffsetsCommitted:
    case T::AutoProducerStarted:
    case T::AutoProducerFinished:
        return RoutineRow;
    default:
        return ImportantRow;
    }
}

bool EventsPanel::isReplication(kl::EventType type)
{
    switch (type) {
    case kl::EventType::BrokerStarted:
    case kl::EventType::BrokerCrashed:
    case kl::EventType::BrokerRestarted:
    case kl::EventType::BrokerIsolated:
    case kl::EventType::BrokerHealed:
    case kl::EventType::BrokerFenced:
    case kl::EventType::FollowerSlowed:
    case kl::EventType::LeaderElected:
    case kl::EventType::IsrShrunk:
    case kl::EventType::IsrExpanded:
    case kl::EventType::ReplicaTruncated:
    case kl::EventType::RecordsLost:
    case kl::EventType::ProduceRefused:
        return true;
    default:
        return false;
    }
}

QString EventsPanel::aggregateKey(const kl::Event &e)
{
    using T = kl::EventType;
    const QString where = QStringLiteral("%1|%2|%3")
                              .arg(fromStd(e.topic))
                              .arg(e.partition)
                              .arg(fromStd(e.group));
    switch (e.type) {
    case T::SegmentRolled:
    case T::SegmentDeleted:
    case T::LogRecovered: // one per replica and partition: a topic's segments, for one reason
        return QStringLiteral("seg|%1|%2|%3").arg(int(e.type)).arg(fromStd(e.topic), fromStd(e.cause));
    case T::ProduceRefused: // every refused record of a burst
        return QStringLiteral("refused|%1|%2").arg(where).arg(int(e.error));
    case T::OffsetsCommitted:
        return QStringLiteral("commit|%1|%2").arg(where, fromStd(e.member));
    case T::OrderingViolation:
        return QStringLiteral("order|%1|%2|%3").arg(where, fromStd(e.kind)).arg(e.producerId);
    default:
        return {};
    }
}

bool EventsPanel::visibleUnder(const kl::Event &e) const
{
    switch (static_cast<Filter>(m_filter->currentData().toInt())) {
    case Important: return !isChatty(e.type);
    case ReplicationOnly: return isReplication(e.type);
    case All: return true;
    }
    return true;
}

void EventsPanel::applyFilter()
{
    m_list->setUpdatesEnabled(false);
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        item->setHidden(!visibleUnder(eventOf(item)));
    }
    restoreSelection();
    m_list->setUpdatesEnabled(true);
}

void EventsPanel::fillRow(QTreeWidgetItem *row) const
{
    const kl::Event e = eventOf(row);
    const int count = eventCountOf(row);
    const QVector<int> brokers = brokersOf(row);
    const qint64 last = row->data(0, LastTimeRole).toLongLong();
    const QVector<QPair<int, qint64>> segments = segmentsOf(row);
    const QString text = describe(e, count, brokers, last, segments);
    row->setText(0, QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("HH:mm:ss.zzz")));
    row->setText(1, typeLabel(e.type));
    bool manyPartitions = false;
    for (const auto &s : segments)
        manyPartitions = manyPartitions || s.first != e.partition;
    row->setText(2, manyPartitions ? QString::fromStdString(e.topic) : whereOf(e)); // a row per topic
    if (rowClassOf(e.type) == ImportantRow) {
        QFont bold = row->font(1);
        bold.setBold(true);
        row->setFont(1, bold);
        row->setFont(2, bold);
    }
    row->setText(3, text);
    QString tip = text;
    if (e.error != kl::ErrorCode::None)
        tip += QStringLiteral("\n%1: %2").arg(fromStd(kl::errorName(e.error)), fromStd(kl::errorDescription(e.error)));
    if (!e.detail.empty())
        tip += QStringLiteral("\n") + tr("Engine log: %1").arg(QString::fromStdString(e.detail));
    row->setToolTip(3, tip);
    const bool bad = e.error != kl::ErrorCode::None || e.type == kl::EventType::ProduceRefused
        || e.type == kl::EventType::RecordsLost || e.type == kl::EventType::BrokerCrashed
        || e.type == kl::EventType::IsrShrunk || e.type == kl::EventType::ReplicaTruncated
        || (e.type == kl::EventType::OrderingViolation && e.kind != "duplicate"); // order broke, or a gap
    if (bad)
        row->setForeground(1, QColor(0xc0, 0x39, 0x2b));
    else if (e.type == kl::EventType::LeaderElected || e.type == kl::EventType::BrokerIsolated
             || e.type == kl::EventType::BrokerFenced
             || e.type == kl::EventType::OrderingViolation) // duplicates: at-least-once re-delivery
        row->setForeground(1, QColor(0x6a, 0x1b, 0x9a));
    else if (e.type == kl::EventType::IsrExpanded || e.type == kl::EventType::BrokerRestarted
             || e.type == kl::EventType::BrokerHealed)
        row->setForeground(1, QColor(0x2e, 0x7d, 0x32));
}

QTreeWidgetItem *EventsPanel::mergeTarget(const kl::Event &e) const
{
    const QString key = aggregateKey(e);
    if (key.isEmpty())
        return nullptr;
    QTreeWidgetItem *row = m_aggregates.value(key);
    if (!row)
        return nullptr;
    // Storage rows gather a topic's segments for kMergeWindowMs from their first (so a steady
    // producer gives a row per window, not one row forever); a burst of refusals or findings is
    // one row while it lasts.
    if (isStorage(e.type)) {
        if (e.timeMs - eventOf(row).timeMs > kMergeWindowMs)
            return nullptr;
    } else if (e.timeMs - row->data(0, LastTimeRole).toLongLong() > kMergeWindowMs) {
        return nullptr;
    }
    return row;
}

void EventsPanel::removeRow(QTreeWidgetItem *row)
{
    const kl::Event e = eventOf(row);
    m_bySeq.remove(e.seq);
    const QString key = aggregateKey(e);
    if (!key.isEmpty() && m_aggregates.value(key) == row)
        m_aggregates.remove(key);
    // Rows leave oldest first, so a chatty or routine row leaving is its queue's head.
    if (!m_chatty.isEmpty() && m_chatty.head() == row)
        m_chatty.dequeue();
    else if (!m_routine.isEmpty() && m_routine.head() == row)
        m_routine.dequeue();
    delete row;
}

void EventsPanel::addEvents(const QVector<kl::Event> &events)
{
    if (events.isEmpty())
        return;
    m_list->setUpdatesEnabled(false);
    // Events arrive oldest first; inserting each at the top leaves the newest on top.
    for (const kl::Event &e : events) {
        if (QTreeWidgetItem *row = mergeTarget(e)) {
            row->setData(0, CountRole, eventCountOf(row) + 1);
            row->setData(0, LastTimeRole, qint64(e.timeMs));
            QList<int> brokers = brokersOf(row);
            if (e.broker >= 0 && !brokers.contains(e.broker)) {
                brokers.append(e.broker);
                std::sort(brokers.begin(), brokers.end());
                row->setData(0, BrokersRole, QVariant::fromValue(brokers));
            }
            addSegment(row, e);
            fillRow(row);
            continue;
        }
        auto *row = new QTreeWidgetItem;
        row->setData(0, EventRole, QVariant::fromValue(e));
        row->setData(0, CountRole, 1);
        row->setData(0, LastTimeRole, qint64(e.timeMs));
        if (e.broker >= 0)
            row->setData(0, BrokersRole, QVariant::fromValue(QList<int> {e.broker}));
        addSegment(row, e);
        fillRow(row);
        m_list->insertTopLevelItem(0, row);
        row->setHidden(!visibleUnder(e)); // only works once the item is in the tree
        m_bySeq.insert(e.seq, row);
        const QString key = aggregateKey(e);
        if (!key.isEmpty())
            m_aggregates.insert(key, row);
        switch (rowClassOf(e.type)) {
        case ChattyRow:
            m_chatty.enqueue(row);
            if (m_chatty.size() > kMaxChattyRows)
                removeRow(m_chatty.head());
            break;
        case RoutineRow:
            m_routine.enqueue(row);
            if (m_routine.size() > kMaxRoutineRows)
                removeRow(m_routine.head());
            break;
        case ImportantRow:
            break;
        }
    }
    while (m_list->topLevelItemCount() > kMaxRows)
        removeRow(m_list->topLevelItem(m_list->topLevelItemCount() - 1));
    restoreSelection();
    m_list->setUpdatesEnabled(true);
}
