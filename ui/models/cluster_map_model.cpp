// ClusterMap: snapshot -> broker columns, replica tiles, allowed actions with reasons.
#include "models/cluster_map_model.h"

#include "core/topic_name.h"

#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace clustermap {

namespace {

bool contains(const std::vector<int32_t> &v, int32_t x)
{
    return std::find(v.begin(), v.end(), x) != v.end();
}

QVector<int> toVector(const std::vector<int32_t> &v)
{
    return QVector<int>(v.begin(), v.end());
}

// A crashed broker may still carry state == Running if only `alive` was filled in: `alive`
// wins, so a down broker is never offered "Crash" again.
kl::BrokerState effectiveState(const kl::BrokerSnapshot &b)
{
    return b.alive ? b.state : kl::BrokerState::Crashed;
}

// The replica's own numbers; the partition's when the engine gave no per-replica states.
kl::ReplicaSnapshot replicaOf(const kl::PartitionSnapshot &p, size_t index, bool brokerUp)
{
    if (p.replicaStates.size() == p.replicas.size())
        return p.replicaStates[index];
    kl::ReplicaSnapshot r;
    r.broker = p.replicas[index];
    r.leader = p.leader == r.broker;
    r.inIsr = contains(p.isr, r.broker);
    r.online = brokerUp;
    r.logStartOffset = p.logStartOffset;
    r.logEndOffset = p.logEndOffset;
    r.highWatermark = p.highWatermark;
    return r;
}

} // namespace

QString ClusterMap::brokerName(int id)
{
    return tr("broker-%1").arg(id);
}

QString ClusterMap::brokerSet(const QVector<int> &ids)
{
    QStringList parts;
    for (int id : ids)
        parts << QString::number(id);
    return QStringLiteral("{%1}").arg(parts.join(QStringLiteral(", ")));
}

QString ClusterMap::roleName(Role role)
{
    switch (role) {
    case Role::Leader: return tr("leader");
    case Role::InSync: return tr("follower (in ISR)");
    case Role::OutOfSync: return tr("follower (out of ISR)");
    case Role::Offline: return tr("offline");
    }
    return {};
}

QString ClusterMap::shortRoleName(Role role)
{
    switch (role) {
    case Role::Leader: return tr("leader");
    case Role::InSync: return tr("in ISR");
    case Role::OutOfSync: return tr("out of ISR");
    case Role::Offline: return tr("offline");
    }
    return {};
}

QString ClusterMap::stateName(kl::BrokerState state)
{
    switch (state) {
    case kl::BrokerState::Running: return tr("running");
    case kl::BrokerState::Crashed: return tr("crashed");
    case kl::BrokerState::Isolated: return tr("isolated");
    }
    return {};
}

QString ClusterMap::replicaLagNote(qint64 ms)
{
    return ms == 30000 ? tr("replica.lag.time.max.ms: 30000 ms (Kafka's default)")
                       : tr("replica.lag.time.max.ms: %1 ms here; Kafka's default: 30000 ms (Kafka Lab uses a "
                            "shorter time so an ISR shrink shows within seconds)").arg(ms);
}

const Broker *ClusterMap::broker(int id) const
{
    for (const Broker &b : brokers)
        if (b.id == id)
            return &b;
    return nullptr;
}

const Partition *ClusterMap::partition(const QString &topic, int partition) const
{
    for (const Partition &p : partitions)
        if (p.topic == topic && p.partition == partition)
            return &p;
    return nullptr;
}

const Tile *ClusterMap::tile(int brokerId, const QString &topic, int partition) const
{
    if (const Broker *b = broker(brokerId))
        for (const Tile &t : b->tiles)
            if (t.topic == topic && t.partition == partition)
                return &t;
    return nullptr;
}

namespace {

void fillBrokerActions(Broker &b, qint64 replicaLagTimeMaxMs)
{
    const QString name = b.name;
    switch (b.state) {
    case kl::BrokerState::Running:
        b.crash = {true, ClusterMap::tr("Stop %1 at once (like kill -9). Once the controller fences it "
                                        "(broker.session.timeout.ms) its leaderships move to other "
                                        "in-sync replicas; what reached its files stays.").arg(name)};
        b.restart = {false, ClusterMap::tr("%1 is running").arg(name)};
        b.isolate = {true, ClusterMap::tr("Cut %1 off from the other brokers (a network partition): "
                                          "it keeps running but cannot replicate.").arg(name)};
        b.heal = {false, ClusterMap::tr("%1 is not isolated").arg(name)};
        break;
    case kl::BrokerState::Isolated:
        b.crash = {true, ClusterMap::tr("Stop %1 at once (like kill -9). What reached its files "
                                        "stays.").arg(name)};
        b.restart = {false, ClusterMap::tr("%1 is running (isolated): use Heal to reconnect it").arg(name)};
        b.isolate = {false, ClusterMap::tr("%1 is already isolated").arg(name)};
        b.heal = {true, ClusterMap::tr("Reconnect %1 to the other brokers: its followers truncate "
                                       "where they diverged and catch up.").arg(name)};
        break;
    case kl::BrokerState::Crashed:
        b.crash = {false, ClusterMap::tr("%1 is already down").arg(name)};
        b.restart = {true, ClusterMap::tr("Start %1 again: it recovers its logs from its own files, "
                                          "truncates where they diverge and catches up.").arg(name)};
        b.isolate = {false, ClusterMap::tr("%1 is down: restart it first").arg(name)};
        b.heal = {false, ClusterMap::tr("%1 is down: restart it first").arg(name)};
        break;
    }
    if (b.state == kl::BrokerState::Crashed)
        b.slow = {false, ClusterMap::tr("%1 is down: restart it first").arg(name)};
    else
        b.slow = {true, ClusterMap::tr("Add a delay to every fetch %1's followers make. Longer than "
                                       "replica.lag.time.max.ms and they drop out of the ISR.").arg(name)
                            + QLatin1Char('\n') + ClusterMap::replicaLagNote(replicaLagTimeMaxMs)};
}

Action electPreferredAction(const Partition &p, const ClusterMap &map)
{
    const QString where = QStringLiteral("%1-%2").arg(p.topic).arg(p.partition);
    if (p.preferredLeader < 0)
        return {false, ClusterMap::tr("%1 has no replicas").arg(where)};
    const QString preferred = ClusterMap::brokerName(p.preferredLeader);
    if (p.leader == p.preferredLeader)
        return {false, ClusterMap::tr("%1, the preferred replica, already leads %2").arg(preferred, where)};
    const Broker *b = map.broker(p.preferredLeader);
    if (!b || b->state == kl::BrokerState::Crashed)
        return {false, ClusterMap::tr("The preferred replica %1 is down").arg(preferred)};
    if (b->state == kl::BrokerState::Isolated)
        return {false, ClusterMap::tr("The preferred replica %1 is isolated").arg(preferred)};
    if (!p.isr.contains(p.preferredLeader))
        return {false, ClusterMap::tr("The preferred replica %1 is not in the ISR %2: it must catch "
                                      "up first").arg(preferred, ClusterMap::brokerSet(p.isr))};
    return {true, ClusterMap::tr("Make %1 (first in the assignment) the leader of %2 again; the "
                                 "leader epoch goes up by one.").arg(preferred, where)};
}

} // namespace

ClusterMap ClusterMap::build(const kl::ClusterSnapshot &snapshot, const QString &topicFilter,
                             bool includeInternal)
{
    ClusterMap map;
    map.controllerId = snapshot.controllerId;
    for (const kl::BrokerSnapshot &bs : snapshot.brokers) {
        Broker b;
        b.id = bs.id;
        b.state = effectiveState(bs);
        b.controller = bs.controller || snapshot.controllerId == bs.id;
        if (b.controller)
            map.controllerId = bs.id;
        b.fetchDelayMs = bs.fetchDelayMs;
        b.name = brokerName(bs.id);
        b.stateText = stateName(b.state);
        b.fenced = bs.fenced && b.state != kl::BrokerState::Running;
        if (!b.fenced && b.state != kl::BrokerState::Running && bs.fenceAtMs >= 0)
            b.fenceInMs = std::max<qint64>(0, bs.fenceAtMs - snapshot.nowMs);
        if (b.fenceInMs >= 0)
            b.stateText = tr("%1 — fenced in %2 s").arg(b.stateText, QLocale().toString(b.fenceInMs / 1000.0, 'f', 1));
        else if (b.fenced)
            b.stateText = tr("%1 — fenced").arg(b.stateText);
        switch (b.state) {
        case kl::BrokerState::Running:
            b.stateTip = tr("%1 is running: it serves its leaders and replicates as a follower").arg(b.name);
            break;
        case kl::BrokerState::Crashed:
            b.stateTip = tr("%1 is down: its replicas are offline until it restarts").arg(b.name);
            break;
        case kl::BrokerState::Isolated:
            b.stateTip = tr("%1 runs but cannot reach the other brokers: once the controller fences it, "
                            "its followers leave the ISR and its leaderships move").arg(b.name);
            break;
        }
        if (b.fenceInMs >= 0)
            b.stateTip += QLatin1Char('\n')
                + tr("The controller has not fenced it yet: it waits broker.session.timeout.ms (%1 ms, "
                     "Kafka's default 9000 ms) after the last heartbeat. Until then its leaderships and "
                     "ISR places stay (its partitions are unavailable).").arg(snapshot.brokerSessionTimeoutMs);
        else if (b.fenced)
            b.stateTip += QLatin1Char('\n')
                + tr("Fenced by the controller after broker.session.timeout.ms (%1 ms) without a "
                     "heartbeat: it leads nothing and has left the ISRs.").arg(snapshot.brokerSessionTimeoutMs);
        b.controllerTip = tr("%1 is the controller: it keeps the cluster metadata and elects "
                             "partition leaders (KRaft)").arg(b.name);
        fillBrokerActions(b, snapshot.replicaLagTimeMaxMs);
        map.brokers.push_back(std::move(b));
    }

    std::vector<const kl::TopicSnapshot *> shown;
    for (const kl::TopicSnapshot &t : snapshot.topics)
        if (topicFilter.isEmpty() ? !kl::isInternalTopicName(t.name) : t.name == topicFilter.toStdString())
            shown.push_back(&t);
    if (topicFilter.isEmpty() && includeInternal)
        for (const kl::TopicSnapshot &t : snapshot.topics)
            if (kl::isInternalTopicName(t.name))
                shown.push_back(&t);
    for (const kl::TopicSnapshot *shownTopic : shown) {
        const kl::TopicSnapshot &t = *shownTopic;
        const QString topic = QString::fromStdString(t.name);
        for (const kl::PartitionSnapshot &ps : t.partitions) {
            Partition p;
            p.topic = topic;
            p.partition = ps.id;
            p.leader = ps.leader;
            p.leaderEpoch = ps.leaderEpoch;
            p.preferredLeader = ps.replicas.empty() ? -1 : ps.replicas.front();
            p.highWatermark = ps.highWatermark;
            p.logEndOffset = ps.logEndOffset;
            p.isr = toVector(ps.isr);
            p.replicas = toVector(ps.replicas);
            const QString label = QStringLiteral("%1-%2").arg(topic).arg(ps.id);
            p.isrTip = tr("In-sync replicas (ISR) of %1: %2. A follower leaves the ISR when it has "
                          "not caught up for replica.lag.time.max.ms and rejoins once it has.")
                           .arg(label, brokerSet(p.isr));
            p.summary = ps.leader >= 0
                ? tr("%1: leader %2, epoch %3, ISR %4, replicas %5, HW %6")
                      .arg(label, brokerName(ps.leader))
                      .arg(ps.leaderEpoch)
                      .arg(brokerSet(p.isr), brokerSet(p.replicas))
                      .arg(ps.highWatermark)
                : tr("%1: OFFLINE, no eligible leader (epoch %2, replicas %3)")
                      .arg(label)
                      .arg(ps.leaderEpoch)
                      .arg(brokerSet(p.replicas));
            map.partitions.push_back(p);

            // The leader's LEO, to say how far each follower lags.
            int64_t leaderLeo = ps.logEndOffset;
            for (const auto &r : ps.replicaStates)
                if (r.leader)
                    leaderLeo = r.logEndOffset;

            for (size_t i = 0; i < ps.replicas.size(); ++i) {
                const int brokerId = ps.replicas[i];
                auto it = std::find_if(map.brokers.begin(), map.brokers.end(),
                                       [&](const Broker &b) { return b.id == brokerId; });
                if (it == map.brokers.end())
                    continue; // a replica on a broker this cluster does not have: nothing to draw
                const bool brokerUp = it->state != kl::BrokerState::Crashed;
                const kl::ReplicaSnapshot r = replicaOf(ps, i, brokerUp);
                Tile tile;
                tile.topic = topic;
                tile.partition = ps.id;
                tile.broker = brokerId;
                tile.preferred = i == 0;
                tile.logEndOffset = r.logEndOffset;
                tile.highWatermark = ps.highWatermark;
                tile.leaderEpoch = ps.leaderEpoch;
                tile.label = label;
                if (!r.online || !brokerUp)
                    tile.role = Role::Offline;
                else if (r.leader || ps.leader == brokerId)
                    tile.role = Role::Leader;
                else if (r.inIsr || contains(ps.isr, brokerId))
                    tile.role = Role::InSync;
                else
                    tile.role = Role::OutOfSync;
                // An offline replica is drawn with the high watermark it last knew (at most its own
                // LEO), not the partition's now, which may be past anything it holds.
                if (tile.role == Role::Offline)
                    tile.highWatermark = std::min(r.highWatermark, r.logEndOffset);
                // An offline replica has no lag to speak of: it is not fetching at all.
                tile.lag = tile.role == Role::Leader || tile.role == Role::Offline
                    ? 0
                    : std::max<int64_t>(0, leaderLeo - r.logEndOffset);
                tile.roleText = shortRoleName(tile.role);
                if (tile.role == Role::Leader)
                    ++it->leaderCount;
                else if (tile.role == Role::Offline && ps.leader == brokerId)
                    ++it->unreachableLeaderCount;

                const QString who = tr("%1 on %2").arg(label, it->name);
                switch (tile.role) {
                case Role::Leader:
                    tile.roleTip = tr("%1 leads %2: producers write here, followers fetch from here").arg(it->name, label);
                    break;
                case Role::InSync:
                    tile.roleTip = tr("%1 is a follower in the ISR: it has everything up to the high "
                                      "watermark and counts for acks=all").arg(who);
                    break;
                case Role::OutOfSync:
                    tile.roleTip = tr("%1 is a follower out of the ISR: it fell behind for longer than "
                                      "replica.lag.time.max.ms and cannot become leader in a clean "
                                      "election").arg(who)
                        + QLatin1Char('\n') + replicaLagNote(snapshot.replicaLagTimeMaxMs);
                    break;
                case Role::Offline:
                    tile.roleTip = tr("%1 is offline: its broker is down").arg(who);
                    break;
                }
                if (!r.damageCause.empty() && tile.role != Role::Offline) {
                    tile.roleText += QStringLiteral(" ⚠");
                    tile.roleTip += QLatin1Char('\n')
                        + tr("⚠ recovery found offsets %1..%2 of this replica damaged (%3): they are kept on disk "
                             "but not served; the replica stays out of the ISR until it has fetched them again "
                             "from a healthy leader")
                              .arg(r.damageFrom)
                              .arg(r.damageTo - 1)
                              .arg(QString::fromStdString(r.damageCause));
                }
                if (tile.preferred)
                    tile.roleTip += QLatin1Char('\n')
                        + tr("★ preferred replica: first in the assignment, leader when all is well");
                tile.roleTip += QLatin1Char('\n') + p.isrTip;
                tile.leoTip = tr("LEO (log end offset) of %1: %2, the offset its next record will get.")
                                  .arg(who)
                                  .arg(r.logEndOffset);
                if (tile.role == Role::InSync || tile.role == Role::OutOfSync)
                    tile.leoTip += QLatin1Char('\n')
                        + tr("%n record(s) behind the leader", nullptr, static_cast<int>(tile.lag));
                tile.hwTip = tile.role == Role::Offline
                    ? tr("HW (high watermark) of %1 as this offline replica last knew it: %2 (the "
                         "partition's is %3 now). Records below the high watermark are on every "
                         "in-sync replica and visible to consumers.")
                          .arg(label)
                          .arg(tile.highWatermark)
                          .arg(ps.highWatermark)
                    : tr("HW (high watermark) of %1: %2. Records below it are on every "
                         "in-sync replica and visible to consumers; the leader moves it to "
                         "the smallest LEO in the ISR.")
                          .arg(label)
                          .arg(ps.highWatermark);
                tile.epochTip = tr("Leader epoch of %1: %2. The controller bumps it on every new "
                                   "leader; a returning replica uses it to find where its log "
                                   "diverged and truncates there.")
                                    .arg(label)
                                    .arg(ps.leaderEpoch);
                it->tiles.push_back(std::move(tile));
            }
        }
    }
    for (Partition &p : map.partitions)
        p.electPreferred = electPreferredAction(p, map);
    return map;
}

} // namespace clustermap
