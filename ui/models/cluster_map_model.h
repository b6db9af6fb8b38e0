// ClusterMap: what the "Cluster" tab draws, computed from one immutable ClusterSnapshot.
// Brokers become columns; every partition replica a broker hosts becomes a tile with its role
// (leader / follower in ISR / follower out of ISR / offline), its LEO, the partition's high
// watermark and leader epoch, each with a translated tooltip. Every broker and partition
// action carries whether the current state allows it and, when it does not, why (the view
// shows that as the disabled button's tooltip). Pure value computation: no widgets, no engine
// calls, so tests feed it hand-built snapshots. Any thread (tr() is reentrant); used on the GUI.
#pragma once

#include "api/snapshot.h"

#include <QCoreApplication>
#include <QString>
#include <QVector>

namespace clustermap {

enum class Role { Leader, InSync, OutOfSync, Offline };

// An action the user may request, and what its button should say in its tooltip: what it does
// when enabled, why not when disabled.
struct Action {
    bool enabled = false;
    QString tip;
};

struct Tile {
    QString topic;
    int partition = 0;
    int broker = 0;
    Role role = Role::Offline;
    bool preferred = false;       // first replica in the assignment (the preferred leader)
    qint64 logEndOffset = 0;      // this replica's LEO
    qint64 highWatermark = 0;     // the partition's HW (the leader's)
    qint64 lag = 0;               // leader LEO - this LEO (followers), 0 for the leader
    int leaderEpoch = 0;
    QString label;                // "orders-0"
    QString roleText;             // short, for the tile: "leader", "in ISR", "out of ISR", "offline"
    // Tooltips, one per number on the tile.
    QString roleTip;
    QString leoTip;
    QString hwTip;
    QString epochTip;
};

struct Broker {
    int id = 0;
    kl::BrokerState state = kl::BrokerState::Running;
    bool controller = false;
    qint64 fetchDelayMs = 0;
    QString name;                 // "broker-1"
    QString stateText;            // "running", "crashed — fenced in 6.2 s", "isolated — fenced"
    bool fenced = false;          // the controller fenced it (broker.session.timeout.ms passed)
    qint64 fenceInMs = -1;        // not fenced yet: the time left until it is; -1 = none pending
    QString stateTip;
    QString controllerTip;
    int leaderCount = 0;
    // Partitions the metadata still names this broker leader of while it is down (crashed, not
    // yet fenced): unavailable until the controller moves their leadership.
    int unreachableLeaderCount = 0;
    QVector<Tile> tiles;          // ordered by topic, then partition
    Action crash;
    Action restart;
    Action isolate;
    Action heal;
    Action slow;                  // set / change the follower fetch delay
};

struct Partition {
    QString topic;
    int partition = 0;
    int leader = -1;
    int leaderEpoch = 0;
    int preferredLeader = -1;
    qint64 highWatermark = 0;
    qint64 logEndOffset = 0;
    QVector<int> isr;
    QVector<int> replicas;
    QString summary;              // one line: leader, epoch, ISR, HW
    QString isrTip;
    Action electPreferred;
};

class ClusterMap {
    Q_DECLARE_TR_FUNCTIONS(ClusterMap)
public:
    // topicFilter empty = every topic: the learner's first, then Kafka's internal topics
    // (__consumer_offsets...) unless includeInternal is false. A filter names one topic.
    static ClusterMap build(const kl::ClusterSnapshot &snapshot, const QString &topicFilter = {},
                            bool includeInternal = true);

    QVector<Broker> brokers;
    QVector<Partition> partitions; // of the shown topics
    int controllerId = -1;

    const Broker *broker(int id) const;
    const Partition *partition(const QString &topic, int partition) const;
    const Tile *tile(int broker, const QString &topic, int partition) const;

    static QString roleName(Role role);      // "follower (in ISR)" ...
    static QString shortRoleName(Role role); // "in ISR" ...
    static QString stateName(kl::BrokerState state);
    // replica.lag.time.max.ms as the cluster uses it, with Kafka's own default beside it.
    static QString replicaLagNote(qint64 ms);
    static QString brokerName(int id);
    static QString brokerSet(const QVector<int> &ids); // "{1, 2, 3}"
};

} // namespace clustermap
