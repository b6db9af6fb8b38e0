// EventsPanel's texts: the translated type label, "where" and "what happened" of each event,
// written from its typed fields.
#include "views/events_panel.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace {

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

QString EventsPanel::whereOf(const kl::Event &e)
{
    if (!e.topic.empty()) {
        QString where = QString::fromStdString(e.topic);
        if (e.partition >= 0)
            where += QStringLiteral("-%1").arg(e.partition);
        return where;
    }
    if (e.broker >= 0)
        return tr("broker-%1").arg(e.broker);
    if (!e.group.empty())
        return tr("group %1").arg(QString::fromStdString(e.group));
    return {};
}

QString EventsPanel::describe(const kl::Event &e, int count, const QVector<int> &brokers, qint64 lastTimeMs)
{
    QString text = describe(e);
    const bool perReplica = e.type == kl::EventType::SegmentRolled || e.type == kl::EventType::SegmentDeleted
        || e.type == kl::EventType::LogRecovered;
    if (perReplica && !brokers.isEmpty()) {
        QStringList names;
        for (int b : brokers)
            names << brokerName(b);
        text += tr(" (on %1)").arg(names.join(QStringLiteral(", ")));
    } else if (count > 1) {
        text = tr("%n times, the last at %1: ", nullptr, count)
                   .arg(QDateTime::fromMSecsSinceEpoch(lastTimeMs).toString(QStringLiteral("HH:mm:ss.zzz")))
            + text;
    }
    return text;
}
