// OrderingFindings: finding kinds and findings as translated text.
#include "views/ordering_findings.h"

#include "models/engine_time.h"
#include "models/record_bytes.h"

namespace {

QString where(const std::string &topic, int partition, qint64 offset)
{
    return QStringLiteral("%1-%2@%3").arg(QString::fromStdString(topic)).arg(partition).arg(offset);
}

} // namespace

QString OrderingFindings::kindName(kl::OrderingFindingKind kind)
{
    switch (kind) {
    case kl::OrderingFindingKind::Duplicate: return tr("duplicate");
    case kl::OrderingFindingKind::Violation: return tr("order violated");
    case kl::OrderingFindingKind::Gap: return tr("gap");
    case kl::OrderingFindingKind::GlobalInversion: return tr("global order");
    }
    return {};
}

QString OrderingFindings::meaning(kl::OrderingFindingKind kind)
{
    switch (kind) {
    case kl::OrderingFindingKind::Duplicate:
        return tr("the same record (same producer id and sequence) was read again: it was processed "
                  "but not committed before a crash or rebalance, so the partition's next owner read it "
                  "again (at-least-once delivery)");
    case kl::OrderingFindingKind::Violation:
        return tr("a key's record arrived after a later record of the same producer and key: the key's "
                  "order broke; should stay 0, a key always goes to one partition, read in order");
    case kl::OrderingFindingKind::Gap:
        return tr("a key's sequence skipped ahead: records of this producer were never read (deleted by "
                  "retention first, an offset committed past them, lost in an unclean election)");
    case kl::OrderingFindingKind::GlobalInversion:
        return tr("records consumed in another order than produced, across partitions: normal, Kafka "
                  "orders only within a partition");
    }
    return {};
}

QString OrderingFindings::producerName(qint64 producerId)
{
    return QStringLiteral("p%1").arg(producerId);
}

QString OrderingFindings::text(const kl::OrderingFindingSnapshot &f, qint64 startedMs)
{
    const QString at = where(f.topic, f.partition, f.offset);
    const QString when = f.processedMs >= 0 ? enginetime::bothTimes(f.processedMs, startedMs) : QString();
    const QString key = recordbytes::display(f.key, 60);
    const QString producer = producerName(f.producerId);
    QString line;
    switch (f.kind) {
    case kl::OrderingFindingKind::Duplicate:
        line = tr("%1 · %2 from %3: #%4 read again on %5 (already read up to #%6)")
                   .arg(kindName(f.kind), key, producer)
                   .arg(f.sequence)
                   .arg(at)
                   .arg(f.previousSequence);
        break;
    case kl::OrderingFindingKind::Violation:
        line = tr("%1 · %2 from %3: #%4 on %5 after #%6 (from %7)")
                   .arg(kindName(f.kind), key, producer)
                   .arg(f.sequence)
                   .arg(at)
                   .arg(f.previousSequence)
                   .arg(where(f.previousTopic, f.previousPartition, f.previousOffset));
        break;
    case kl::OrderingFindingKind::Gap:
        line = tr("%1 · %2 from %3: #%4 on %5 after #%6 (%n record(s) never read)", nullptr,
                  static_cast<int>(std::max<int64_t>(0, f.sequence - f.previousSequence - 1)))
                   .arg(kindName(f.kind), key, producer)
                   .arg(f.sequence)
                   .arg(at)
                   .arg(f.previousSequence);
        break;
    case kl::OrderingFindingKind::GlobalInversion:
        line = tr("%1 · %2 (produced %3) processed after %4 (produced %5)")
                   .arg(kindName(f.kind), at,
                        f.timestampMs >= 0 ? enginetime::engineTimeText(f.timestampMs, startedMs) : QStringLiteral("?"),
                        where(f.previousTopic, f.previousPartition, f.previousOffset),
                        f.previousTimestampMs >= 0 ? enginetime::engineTimeText(f.previousTimestampMs, startedMs)
                                                   : QStringLiteral("?"));
        break;
    }
    return when.isEmpty() ? line : tr("%1 · %2").arg(line, when);
}

QString OrderingFindings::toolTip(const kl::OrderingFindingSnapshot &f, qint64 startedMs)
{
    QString tip = text(f, startedMs) + QStringLiteral("\n\n") + meaning(f.kind);
    if (f.timestampMs >= 0)
        tip += QStringLiteral("\n") + tr("produced (CreateTime): %1").arg(enginetime::bothTimes(f.timestampMs, startedMs));
    return tip;
}
