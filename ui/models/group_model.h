// GroupMap: what the "Groups" tab draws for one consumer group, computed from one immutable
// GroupSnapshot. Partitions become the left column (lag, committed offset, log end offset,
// Burrow-style status), members the right column (client id, host, simulated / real, state,
// lag, rate) and the assignment becomes links partition -> member in the member's colour.
// Members get their own palette (memberColor), distinct from the key colours, because a key
// colour already means "this key" everywhere else. Idle members (more consumers than
// partitions) are marked with the reason. Every member action (crash / leave / stall / resume)
// carries whether the current state allows it and, when not, why. Rebalances become timeline
// rows with phase durations. Pure value computation: no widgets, no engine calls, so tests
// feed it hand-built snapshots. Any thread (tr() is reentrant); used on the GUI thread.
#pragma once

#include "api/commands.h"
#include "api/snapshot.h"

#include <QColor>
#include <QCoreApplication>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

// Group commands travel in signals (member cards -> GroupsView -> Bridge); QSignalSpy and
// queued connections need them registered.
Q_DECLARE_METATYPE(kl::ConsumerAction)
Q_DECLARE_METATYPE(kl::ConsumerGroupSpec)

namespace groupmap {

struct Action {
    bool enabled = false;
    QString tip; // what it does when enabled, why not when disabled
};

struct PartitionRow {
    QString topic;
    int partition = 0;
    QString label;              // "orders-0"
    qint64 committed = -1;
    qint64 logEndOffset = 0;
    qint64 lag = 0;
    QString status;             // OK / WARN / STALL / STOP / REWIND / ERR (Burrow's spelling)
    QString statusText;         // translated
    int owner = -1;             // index into GroupMap::members, -1 = unassigned
    QString tip;                // every number explained
};

struct Member {
    QString memberId;
    QString clientId;
    QString host;
    QString instanceId;
    bool simulated = true;
    QString state;              // engine's word: running / stalled / crashed / left
    QString stateText;          // translated
    qint64 lag = 0;
    double recordsPerSec = 0;
    qint64 consumed = 0;
    QStringList assigned;       // "orders-0", ...
    QColor color;
    bool idle = false;          // in the group, nothing to read
    bool leader = false;        // the member that computed the assignment
    QString idleTip;
    QString tip;
    Action crash;
    Action leave;
    Action stall;               // Stall, or Resume when stalled (see stallIsResume)
    bool stallIsResume = false;
};

struct Link {
    int partitionRow = 0;
    int member = 0;
    QColor color;
};

struct Rebalance {
    int generation = -1;
    QString cause;              // the engine's English words; views write causeCode's own
    std::string causeCode;      // RebalanceSnapshot's typed cause ("" for an old snapshot)
    std::string causeClient;
    qint64 causeLimitMs = -1;
    qint64 startedMs = 0;
    qint64 preparingMs = -1;    // PreparingRebalance duration, -1 = still in it
    qint64 completingMs = -1;   // CompletingRebalance duration, -1 = not finished
    bool finished = false;
    QString phases;             // "PreparingRebalance 3.0 s → CompletingRebalance 12 ms → Stable" (translated)
    QString phasesShort;        // "3.0 s → 12 ms → stable" (the column header names the phases)
    QStringList moved;
    QString movedText;
};

class GroupMap {
    Q_DECLARE_TR_FUNCTIONS(GroupMap)
public:
    static GroupMap build(const kl::GroupSnapshot &group);

    QString groupId;
    QString state;              // Kafka's spelling
    QString stateText;          // translated (groupStateName)
    int generation = 0;
    QString assignor;
    int coordinator = -1;
    qint64 totalLag = 0;
    double consumedPerSec = 0;
    QString stateTip;
    QString generationTip;
    QString assignorTip;
    QString coordinatorTip;
    QString lagTip;
    QVector<PartitionRow> partitions;
    QVector<Member> members;
    QVector<Link> links;
    QVector<Rebalance> rebalances; // newest first (the timeline shows the latest on top)
    Action addConsumer;
    Action stopGroup;

    int memberIndex(const QString &clientId) const;
    const Member *member(const QString &clientId) const;
    int idleCount() const;

    // Member palette: stable per client id (the number at its end picks the colour, so
    // "consumer-3" keeps its colour across rebalances), never grey (grey means idle).
    static QColor memberColor(const QString &clientId);
    static QString stateName(const QString &engineState); // translated member state
    // A Kafka group state in the UI language ("Stable" -> "stable" / "안정"); Kafka's own
    // spelling is in stateExplanation, which views show as the tooltip.
    static QString groupStateName(const QString &groupState);
    static QString stateExplanation(const QString &groupState); // what a Kafka group state means
    // A Burrow-style lag status in the UI language ("STALL" -> "stalled" / "정체"), and what it means.
    static QString lagStatusName(const QString &status);
    static QString lagStatusExplanation(const QString &status);
};

} // namespace groupmap
