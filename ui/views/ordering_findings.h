// Ordering findings in words: each finding kind's name and what it means, and one line per
// finding built from the typed OrderingFindingSnapshot (never from English engine text), with
// times as ISO 8601 UTC and engine time. Used by OrderingPanel. Pure functions; GUI thread
// (translations).
#pragma once

#include "api/snapshot.h"

#include <QCoreApplication>
#include <QString>

class OrderingFindings {
    Q_DECLARE_TR_FUNCTIONS(OrderingFindings)
public:
    // "duplicate", "order violated", "gap", "global order" (translated).
    static QString kindName(kl::OrderingFindingKind kind);
    // What a finding of this kind means and what causes it (tooltips and the panel's rows).
    static QString meaning(kl::OrderingFindingKind kind);
    // One line: kind, key and producer, sequence, where, when.
    static QString text(const kl::OrderingFindingSnapshot &finding, qint64 startedMs);
    // The line, then what it means.
    static QString toolTip(const kl::OrderingFindingSnapshot &finding, qint64 startedMs);
    // "p3": how the panel names producer id 3 (the stamp in its values is "<key>@p3#<n>").
    static QString producerName(qint64 producerId);
};
