// EventsPanel: newest-first bounded event timeline with typed descriptions and a filter.
#include "views/events_panel.h"

#include "bridge/bridge.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QStringList>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int kEventRole = Qt::UserRole + 1;

QString brokerName(int id)
{
    return id < 0 ? EventsPanel::tr("none") : EventsPanel::tr("broker-%1").arg(id);
}

QString brokerSet(const std::vector<int32_t> &ids)
{
    QStringList parts;
    for (int id : ids)
        parts << QString::number(id);
    return QStringLiteral("{%1}").arg(parts.join(QStringLiteral(", ")));
}

QString fromStd(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

EventsPanel::EventsPanel(Bridge &bridge, QWidget *parent) : QWidget(parent)
{
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("eventList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setHeaderLabels({tr("Time"), tr("Event"), tr("Where"), tr("What happened")});
    m_list->headerItem()->setToolTip(0, tr("Engine clock time of the event"));
    m_list->headerItem()->setToolTip(3, tr("Select an event to highlight what changed"));
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(0, 100);
    m_list->setColumnWidth(1, 160);
    m_list->setColumnWidth(2, 110);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            emit eventSelected(item->data(0, kEventRole).value<kl::Event>());
    });
    // Clicking the already-selected row again highlights again.
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        if (item && item == m_list->currentItem())
            emit eventSelected(item->data(0, kEventRole).value<kl::Event>());
    });

    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("eventFilter"));
    m_filter->addItem(tr("Important events"), Important);
    m_filter->addItem(tr("Replication and faults"), ReplicationOnly);
    m_filter->addItem(tr("All events"), All);
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_filter->setToolTip(tr("Important events hide the chatty ones: each acknowledged produce and "
                            "each high-watermark step"));
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] { applyFilter(); });
    auto *hint = new QLabel(tr("Select an event to see what changed."), this);
    hint->setStyleSheet(QStringLiteral("color:#666;"));

    auto *top = new QHBoxLayout;
    top->setContentsMargins(4, 2, 4, 0);
    top->addWidget(m_filter);
    top->addWidget(hint, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_list);

    connect(&bridge, &Bridge::eventsArrived, this, &EventsPanel::addEvents);
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

void EventsPanel::clear()
{
    m_list->clear();
    m_chatty.clear();
}

void EventsPanel::setFilter(Filter filter)
{
    m_filter->setCurrentIndex(m_filter->findData(filter));
}

bool EventsPanel::isChatty(kl::EventType type)
{
    return type == kl::EventType::ProduceAcknowledged || type == kl::EventType::HighWatermarkAdvanced
        || type == kl::EventType::LagSampled; // one per group every lag-sample interval
}

bool EventsPanel::isReplication(kl::EventType type)
{
    switch (type) {
    case kl::EventType::BrokerStarted:
    case kl::EventType::BrokerCrashed:
    case kl::EventType::BrokerRestarted:
    case kl::EventType::BrokerIsolated:
    case kl::EventType::BrokerHealed:
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
        item->setHidden(!visibleUnder(item->data(0, kEventRole).value<kl::Event>()));
    }
    m_list->setUpdatesEnabled(true);
}

QString EventsPanel::typeLabel(kl::EventType type)
{
    switch (type) {
    case kl::EventType::BrokerStarted: return tr("Broker started");
    case kl::EventType::TopicCreated: return tr("Topic created");
    case kl::EventType::TopicDeleted: return tr("Topic deleted");
    case kl::EventType::PartitionsAdded: return tr("Partitions added");
    case kl::EventType::SegmentRolled: return tr("Segment rolled");
    case kl::EventType::SegmentDeleted: return tr("Segment deleted");
    case kl::EventType::LogRecovered: return tr("Log recovered");
    case kl::EventType::ProduceRefused: return tr("Produce refused");
    case kl::EventType::AutoProducerStarted: return tr("Auto-producer started");
    case kl::EventType::AutoProducerFinished: return tr("Auto-producer finished");
    case kl::EventType::BrokerCrashed: return tr("Broker down");
    case kl::EventType::BrokerRestarted: return tr("Broker up");
    case kl::EventType::BrokerIsolated: return tr("Broker isolated");
    case kl::EventType::BrokerHealed: return tr("Broker reconnected");
    case kl::EventType::FollowerSlowed: return tr("Follower slowed");
    case kl::EventType::LeaderElected: return tr("Leader elected");
    case kl::EventType::IsrShrunk: return tr("ISR shrank");
    case kl::EventType::IsrExpanded: return tr("ISR expanded");
    case kl::EventType::HighWatermarkAdvanced: return tr("High watermark advanced");
    case kl::EventType::ReplicaTruncated: return tr("Replica truncated");
    case kl::EventType::RecordsLost: return tr("Records lost");
    case kl::EventType::ProduceAcknowledged: return tr("Produce acknowledged");
    case kl::EventType::MemberJoined: return tr("Member joined");
    case kl::EventType::MemberLeft: return tr("Member left");
    case kl::EventType::MemberTimedOut: return tr("Member timed out");
    case kl::EventType::RebalanceStarted: return tr("Rebalance started");
    case kl::EventType::RebalanceCompleted: return tr("Rebalance completed");
    case kl::EventType::OffsetsCommitted: return tr("Offsets committed");
    case kl::EventType::ConsumerCrashed: return tr("Consumer crashed");
    case kl::EventType::ConsumerStalled: return tr("Consumer stalled");
    case kl::EventType::ConsumerResumed: return tr("Consumer resumed");
    case kl::EventType::CoordinatorMoved: return tr("Coordinator moved");
    case kl::EventType::LagSampled: return tr("Lag sampled");
    case kl::EventType::OrderingViolation: return tr("Ordering finding");
    }
    return fromStd(kl::eventTypeName(type));
}

namespace {
// The engine's English line often restates what the typed fields already say
// ("orders-2: ISR [2,3,1] -> [2,1]: broker 3 crashed"): keep only the reason.
QString reasonOf(const kl::Event &e)
{
    QString detail = QString::fromStdString(e.detail);
    if (!e.topic.empty() && e.partition >= 0) {
        const QString prefix = QStringLiteral("%1-%2: ").arg(QString::fromStdString(e.topic)).arg(e.partition);
        if (detail.startsWith(prefix))
            detail = detail.mid(prefix.size());
    }
    static const QRegularExpression isrChange(QStringLiteral("^ISR \\[[^\\]]*\\] -> \\[[^\\]]*\\]:?\\s*"));
    detail.remove(isrChange);
    // "broker 2 leads in epoch 1 (broker 3 crashed; ...); its log ends at 75" -> the reasons.
    static const QRegularExpression leads(QStringLiteral("^broker \\d+ leads in epoch \\d+\\s*"));
    if (e.type == kl::EventType::LeaderElected && detail.contains(leads)) {
        detail.remove(leads);
        const qsizetype close = detail.indexOf(QLatin1Char(')'));
        if (detail.startsWith(QLatin1Char('(')) && close > 0) {
            QString rest = detail.mid(close + 1).trimmed();
            while (rest.startsWith(QLatin1Char(';')) || rest.startsWith(QLatin1Char(',')))
                rest = rest.mid(1).trimmed();
            detail = detail.mid(1, close - 1) + (rest.isEmpty() ? QString() : QStringLiteral("; ") + rest);
        }
    }
    return detail.trimmed();
}
} // namespace

QString EventsPanel::describe(const kl::Event &e)
{
    const QString detail = reasonOf(e);
    switch (e.type) {
    case kl::EventType::LeaderElected:
        return tr("%1 → %2, leader epoch %3").arg(brokerName(e.oldLeader), brokerName(e.newLeader)).arg(e.epoch)
            + (detail.isEmpty() ? QString() : QStringLiteral(": %1").arg(detail));
    case kl::EventType::IsrShrunk:
    case kl::EventType::IsrExpanded:
        return tr("ISR %1 → %2").arg(brokerSet(e.before), brokerSet(e.after))
            + (detail.isEmpty() ? QString() : QStringLiteral(": %1").arg(detail));
    case kl::EventType::ReplicaTruncated:
        if (e.offset > e.endOffset) // OFFSET_OUT_OF_RANGE: behind the leader's log start
            return tr("%1 was behind the leader's log start: it emptied its log and restarts at "
                      "offset %2 (its LEO was %3)")
                .arg(brokerName(e.broker))
                .arg(e.offset)
                .arg(e.endOffset);
        return tr("%1 cut its log at offset %2 (its LEO was %3): it diverged from the leader")
            .arg(brokerName(e.broker))
            .arg(e.offset)
            .arg(e.endOffset);
    case kl::EventType::RecordsLost: {
        const qint64 count = std::max<qint64>(0, e.endOffset - e.offset);
        return tr("%n acknowledged record(s) lost: offsets %1 to %2", nullptr, static_cast<int>(count))
            .arg(e.offset)
            .arg(e.endOffset - 1);
    }
    case kl::EventType::ProduceAcknowledged:
        if (detail.isEmpty() && e.offset >= 0 && e.endOffset > e.offset)
            return tr("offsets %1 to %2 acknowledged").arg(e.offset).arg(e.endOffset - 1);
        break;
    case kl::EventType::HighWatermarkAdvanced:
        if (e.offset >= 0)
            return tr("high watermark now %1").arg(e.offset);
        break;
    case kl::EventType::BrokerCrashed:
        return tr("%1 stopped at once; what reached its files stays").arg(brokerName(e.broker));
    case kl::EventType::BrokerRestarted:
        return tr("%1 recovered from its own files and rejoined").arg(brokerName(e.broker));
    case kl::EventType::BrokerIsolated:
        return tr("%1 cut off from the other brokers").arg(brokerName(e.broker));
    case kl::EventType::BrokerHealed:
        return tr("%1 can reach the other brokers again").arg(brokerName(e.broker));
    case kl::EventType::LagSampled:
        if (e.lag >= 0)
            return tr("group %1: total lag %2 (%3)").arg(QString::fromStdString(e.group)).arg(e.lag).arg(detail);
        break;
    default:
        break;
    }
    if (e.error != kl::ErrorCode::None)
        return fromStd(kl::errorName(e.error)) + QStringLiteral(": ") + detail;
    return detail;
}

void EventsPanel::addEvents(const QVector<kl::Event> &events)
{
    if (events.isEmpty())
        return;
    m_list->setUpdatesEnabled(false);
    // Events arrive oldest first; inserting each at the top leaves the newest on top.
    for (const kl::Event &e : events) {
        QString where;
        if (!e.topic.empty()) {
            where = QString::fromStdString(e.topic);
            if (e.partition >= 0)
                where += QStringLiteral("-%1").arg(e.partition);
        } else if (e.broker >= 0) {
            where = tr("broker-%1").arg(e.broker);
        } else if (!e.group.empty()) {
            where = tr("group %1").arg(QString::fromStdString(e.group));
        }
        const QString text = describe(e);
        auto *item = new QTreeWidgetItem(
            {QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("HH:mm:ss.zzz")),
             typeLabel(e.type), where, text});
        item->setData(0, kEventRole, QVariant::fromValue(e));
        QString tip = text;
        if (!e.detail.empty() && QString::fromStdString(e.detail) != text)
            tip += QStringLiteral("\n") + QString::fromStdString(e.detail);
        if (e.error != kl::ErrorCode::None)
            tip += QStringLiteral("\n%1: %2").arg(fromStd(kl::errorName(e.error)),
                                                  fromStd(kl::errorDescription(e.error)));
        item->setToolTip(3, tip);
        const bool bad = e.error != kl::ErrorCode::None || e.type == kl::EventType::ProduceRefused
            || e.type == kl::EventType::RecordsLost || e.type == kl::EventType::BrokerCrashed
            || e.type == kl::EventType::IsrShrunk || e.type == kl::EventType::ReplicaTruncated
            || (e.type == kl::EventType::OrderingViolation && e.kind != "duplicate"); // order broke, or a gap
        if (bad)
            item->setForeground(1, QColor(0xc0, 0x39, 0x2b));
        else if (e.type == kl::EventType::LeaderElected || e.type == kl::EventType::BrokerIsolated
                 || e.type == kl::EventType::OrderingViolation) // duplicates: at-least-once re-delivery
            item->setForeground(1, QColor(0x6a, 0x1b, 0x9a));
        else if (e.type == kl::EventType::IsrExpanded || e.type == kl::EventType::BrokerRestarted
                 || e.type == kl::EventType::BrokerHealed)
            item->setForeground(1, QColor(0x2e, 0x7d, 0x32));
        m_list->insertTopLevelItem(0, item);
        item->setHidden(!visibleUnder(e)); // only works once the item is in the tree
        if (isChatty(e.type)) {
            m_chatty.enqueue(item);
            if (m_chatty.size() > kMaxChattyRows)
                delete m_chatty.dequeue();
        }
    }
    while (m_list->topLevelItemCount() > kMaxRows) {
        QTreeWidgetItem *oldest = m_list->takeTopLevelItem(m_list->topLevelItemCount() - 1);
        // The oldest row overall, if chatty, is the oldest chatty one.
        if (!m_chatty.isEmpty() && m_chatty.head() == oldest)
            m_chatty.dequeue();
        delete oldest;
    }
    m_list->setUpdatesEnabled(true);
}
