// EventsPanel: newest-first bounded event list.
#include "views/events_panel.h"

#include "bridge/bridge.h"

#include <QDateTime>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

EventsPanel::EventsPanel(Bridge &bridge, QWidget *parent) : QWidget(parent)
{
    m_list = new QTreeWidget(this);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Time"), tr("Event"), tr("Where"), tr("Detail")});
    m_list->headerItem()->setToolTip(0, tr("Engine clock time of the event"));
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(0, 100);
    m_list->setColumnWidth(1, 150);
    m_list->setColumnWidth(2, 130);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);

    connect(&bridge, &Bridge::eventsArrived, this, &EventsPanel::addEvents);
}

int EventsPanel::rowCount() const
{
    return m_list->topLevelItemCount();
}

void EventsPanel::clear()
{
    m_list->clear();
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
    default: break; // replication events: labelled by the cluster view work
    }
    return QString::fromUtf8(kl::eventTypeName(type).data(),
                             static_cast<qsizetype>(kl::eventTypeName(type).size()));
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
        }
        QString detail = QString::fromStdString(e.detail);
        if (e.error != kl::ErrorCode::None) {
            const auto name = kl::errorName(e.error);
            detail = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()))
                + QStringLiteral(": ") + detail;
        }
        auto *item = new QTreeWidgetItem(
            {QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("HH:mm:ss.zzz")),
             typeLabel(e.type), where, detail});
        item->setToolTip(3, detail);
        if (e.error != kl::ErrorCode::None || e.type == kl::EventType::ProduceRefused)
            item->setForeground(1, QColor(0xc0, 0x39, 0x2b));
        m_list->insertTopLevelItem(0, item);
    }
    while (m_list->topLevelItemCount() > kMaxRows)
        delete m_list->takeTopLevelItem(m_list->topLevelItemCount() - 1);
    m_list->setUpdatesEnabled(true);
}
