// Engine time for people: an engine-clock time (ms since the Unix epoch, Kafka's timestamp
// unit) as ISO 8601 UTC, and as seconds since the engine started (ClusterSnapshot::startedMs),
// so exports and findings never show raw epoch milliseconds. Pure inline functions; GUI thread
// for the translated text (the rest is value code).
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace enginetime {

// "2023-11-14T22:13:20.123Z"
inline QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// Seconds since the engine started, "12.345" (C locale: for CSV and sorting).
inline QString engineSeconds(qint64 ms, qint64 startedMs)
{
    return QString::number(static_cast<double>(ms - startedMs) / 1000.0, 'f', 3);
}

// "t+12.345 s" (translated unit).
inline QString engineTimeText(qint64 ms, qint64 startedMs)
{
    return QCoreApplication::translate("EngineTime", "t+%1 s").arg(engineSeconds(ms, startedMs));
}

// "2023-11-14T22:13:20.123Z (t+12.345 s)"
inline QString bothTimes(qint64 ms, qint64 startedMs)
{
    return QStringLiteral("%1 (%2)").arg(isoUtc(ms), engineTimeText(ms, startedMs));
}

} // namespace enginetime
