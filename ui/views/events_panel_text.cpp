// EventsPanel's texts: the translated type label, "where" and "what happened" of each event,
// written from its typed fields.
#include "views/events_panel.h"

#include "models/record_bytes.h"
#include "views/kafka_errors.h"

#include <QDateTime>
#include <QLocale>
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
    case kl::EventType::StrayReplicaSetAside: return tr("Stray replica set aside");
    case kl::EventType::ProduceRefused: return tr("Produce refused");
    case kl::EventType::AutoProducerStarted: return tr("Auto-producer started");
    case kl::EventType::AutoProducerFinished: return tr("Auto-producer finished");
    case kl::EventType::BrokerCrashed: return tr("Broker down");
    case kl::EventType::BrokerRestarted: return tr("Broker up");
    case kl::EventType::BrokerIsolated: return tr("Broker isolated");
    case kl::EventType::BrokerHealed: return tr("Broker reconnected");
    case kl::EventType::BrokerFenced: return tr("Broker fenced");
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

using T = kl::EventType;

QString duration(qint64 ms)
{
    if (ms < 1000)
        return EventsPanel::tr("%1 ms").arg(ms);
    if (ms % 1000 == 0)
        return EventsPanel::tr("%1 s").arg(ms / 1000);
    return EventsPanel::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

QString bytes(qint64 n)
{
    return EventsPanel::tr("%1 bytes").arg(QLocale().toString(n));
}

QString client(const kl::Event &e)
{
    if (!e.client.empty())
        return fromStd(e.client);
    return e.member.empty() ? EventsPanel::tr("a member") : fromStd(e.member);
}

// What made the controller or a leader act (LeaderElected, IsrShrunk, IsrExpanded).
QString trigger(const kl::Event &e)
{
    const std::string &c = e.cause;
    const QString who = brokerName(e.causeBroker);
    if (c == "broker_crashed") return EventsPanel::tr("%1 crashed").arg(who);
    if (c == "broker_restarted") return EventsPanel::tr("%1 restarted").arg(who);
    if (c == "broker_isolated") return EventsPanel::tr("%1 was isolated").arg(who);
    if (c == "broker_healed") return EventsPanel::tr("%1 reconnected").arg(who);
    if (c == "broker_fenced")
        return EventsPanel::tr("%1 fenced: no heartbeat for broker.session.timeout.ms %2").arg(who, duration(e.limit));
    if (c == "preferred_election") return EventsPanel::tr("preferred leader election");
    if (c == "initial") return EventsPanel::tr("new partition");
    if (c == "log_loaded") return EventsPanel::tr("the partition's logs were loaded at start");
    if (c == "caught_up") return EventsPanel::tr("%1 caught up to the high watermark").arg(who);
    if (c == "lagging") {
        QString text = e.causeBroker >= 0
            ? EventsPanel::tr("%1 did not catch up within replica.lag.time.max.ms %2").arg(who, duration(e.limit))
            : EventsPanel::tr("followers did not catch up within replica.lag.time.max.ms %1").arg(duration(e.limit));
        if (e.limit != 30000) // Kafka Lab's shorter default, or a scenario's
            text += QLatin1Char(' ') + EventsPanel::tr("(Kafka's default: 30 s)");
        return text;
    }
    return {};
}

QString leaderRule(const std::string &kind)
{
    if (kind == "in_sync") return EventsPanel::tr("first live in-sync replica in assignment order");
    if (kind == "unclean")
        return EventsPanel::tr("UNCLEAN: no in-sync replica is alive and unclean.leader.election.enable=true");
    if (kind == "none") return EventsPanel::tr("no eligible replica: the partition is offline");
    if (kind == "preferred") return EventsPanel::tr("the preferred replica leads again");
    if (kind == "epoch_exhausted")
        return EventsPanel::tr("REFUSED: the leader epoch is 2147483647, the largest there is, and a new leader "
                               "needs a larger one");
    return {};
}

QString joined(const QStringList &parts)
{
    QStringList kept;
    for (const QString &p : parts)
        if (!p.isEmpty())
            kept << p;
    return kept.join(QStringLiteral("; "));
}

QString withReason(const QString &head, const QString &reason)
{
    return reason.isEmpty() ? head : QStringLiteral("%1: %2").arg(head, reason);
}

QString segmentText(const kl::Event &e)
{
    const std::string &c = e.cause;
    if (e.type == T::SegmentRolled) {
        QString why;
        if (c == "segment_bytes") why = EventsPanel::tr("segment.bytes %1 reached").arg(bytes(e.limit));
        else if (c == "segment_ms") why = EventsPanel::tr("segment.ms %1 elapsed").arg(duration(e.limit));
        else if (c == "index_full") why = EventsPanel::tr("its index is full (segment.index.bytes %1)").arg(bytes(e.limit));
        else if (c == "offset_overflow") why = EventsPanel::tr("offsets would overflow the segment's 32-bit relative offsets");
        else if (c == "retention_ms_all_expired")
            why = EventsPanel::tr("every segment is older than retention.ms %1, so the active one rolls to be deleted")
                      .arg(duration(e.limit));
        else return {};
        return EventsPanel::tr("new segment at offset %1 (the previous began at %2): %3").arg(e.offset).arg(e.value).arg(why);
    }
    if (e.type == T::SegmentDeleted) {
        QString why;
        if (c == "retention_ms") why = EventsPanel::tr("its newest record is older than retention.ms %1").arg(duration(e.limit));
        else if (c == "retention_bytes") why = EventsPanel::tr("the log is larger than retention.bytes %1").arg(bytes(e.limit));
        else if (c == "follows_truncated") why = EventsPanel::tr("recovery: it followed segment %1, whose tail was cut").arg(e.value);
        else return {};
        return EventsPanel::tr("segment %1 deleted: %2").arg(e.offset).arg(why);
    }
    if (c == "tail_truncated")
        return EventsPanel::tr("segment %1: a torn or corrupt tail was cut (%2 removed, %3 kept)")
            .arg(e.offset).arg(bytes(e.value), bytes(e.limit));
    if (c == "unparseable_name")
        return EventsPanel::tr("%1 is not a segment (its name is above the largest offset): ignored and left as "
                               "it is")
            .arg(QString::fromStdString(e.key));
    if (c == "corrupt_segment")
        return EventsPanel::tr("segment %1 is corrupt at byte %2 (below the recovery point): offsets %3..%4 are "
                               "kept on disk but not served, and this replica stays out of the ISR until it is "
                               "repaired from the leader")
            .arg(e.limit).arg(e.value).arg(e.offset).arg(e.endOffset - 1);
    if (c == "offset_gap")
        return EventsPanel::tr("offsets %1..%2 are missing between segment %3 and the next one (a zero-length or "
                               "removed segment): this replica stays out of the ISR until it is repaired from "
                               "the leader")
            .arg(e.offset).arg(e.endOffset - 1).arg(e.limit);
    if (c == "offset_overlap")
        return EventsPanel::tr("offsets %1..%2 appear in two segments (a copied or overlapping segment %3): this "
                               "replica stays out of the ISR until it is repaired from the leader")
            .arg(e.offset).arg(e.endOffset - 1).arg(e.limit);
    if (c == "index_rebuilt")
        return EventsPanel::tr("segment %1: its index was rebuilt from the log (%n entries)", nullptr, int(e.value)).arg(e.offset);
    if (c == "epoch_checkpoint_rebuilt")
        return EventsPanel::tr("its leader-epoch-checkpoint was malformed or did not match the log; it was rebuilt "
                               "from the log's batches (%n epoch(s))",
                               nullptr, int(std::max<int64_t>(0, e.value)));
    return {};
}

QString groupText(const kl::Event &e)
{
    const std::string &c = e.cause;
    const QString who = client(e);
    switch (e.type) {
    case T::MemberJoined:
        return EventsPanel::tr("%1 joined the group").arg(who);
    case T::MemberLeft:
        if (c == "leave_group") return EventsPanel::tr("%1 left the group (LeaveGroup)").arg(who);
        if (c == "sync_timeout") return EventsPanel::tr("%1 removed: no SyncGroup within %2").arg(who, duration(e.limit));
        if (c == "static_member_replaced")
            return EventsPanel::tr("%1 restarted: its old member id gives way to a new one (static membership)").arg(who);
        return {};
    case T::MemberTimedOut:
        if (c == "session_timeout")
            return EventsPanel::tr("%1 removed: no heartbeat within session.timeout.ms %2").arg(who, duration(e.limit));
        if (c == "join_timeout")
            return EventsPanel::tr("%1 removed: its first join did not complete within %2").arg(who, duration(e.limit));
        if (c == "rebalance_timeout")
            return EventsPanel::tr("%1 removed: it did not rejoin within the rebalance timeout %2").arg(who, duration(e.limit));
        return {};
    case T::RebalanceStarted: {
        const QString why = EventsPanel::rebalanceCause(e.cause, e.client.empty() ? e.member : e.client, e.limit);
        return why.isEmpty() ? QString() : EventsPanel::tr("rebalance: %1").arg(why);
    }
    case T::RebalanceCompleted:
        if (c == "emptied") return EventsPanel::tr("generation %1: no members left, the group is Empty").arg(e.generation);
        if (c == "assigned")
            return EventsPanel::tr("generation %1 (%2): %n partition(s) assigned to %3 member(s)", nullptr, int(e.count))
                .arg(e.generation).arg(fromStd(e.kind)).arg(e.value);
        return {};
    case T::OffsetsCommitted: {
        QString when;
        if (c == "cooperative_revocation") when = EventsPanel::tr("before giving up revoked partitions (cooperative)");
        else if (c == "eager_rebalance") when = EventsPanel::tr("before an eager rebalance revokes everything");
        else if (c == "close") when = EventsPanel::tr("while closing");
        else if (c.empty()) return {};
        return EventsPanel::tr("%1 committed %n partition(s) %2", nullptr, int(std::max<int64_t>(0, e.count))).arg(who, when).trimmed();
    }
    case T::ConsumerCrashed:
        return EventsPanel::tr("%1 crashed without leaving; the coordinator notices after session.timeout.ms %2")
            .arg(who, duration(e.limit));
    case T::ConsumerStalled:
        return EventsPanel::tr("%1 stopped polling; its heartbeats go on, and after max.poll.interval.ms %2 it leaves the group")
            .arg(who, duration(e.limit));
    case T::ConsumerResumed:
        if (c == "polls_again") return EventsPanel::tr("%1 polls again").arg(who);
        if (c == "rejoins") return EventsPanel::tr("%1 polls again and rejoins the group").arg(who);
        if (c == "restarted_static") return EventsPanel::tr("%1 restarted and rejoins with its group.instance.id").arg(who);
        if (c == "restarted") return EventsPanel::tr("%1 restarted and joins as a new member").arg(who);
        return {};
    case T::CoordinatorMoved:
        if (c == "unavailable")
            return EventsPanel::tr("no coordinator: %1-%2 has no leader (COORDINATOR_NOT_AVAILABLE until one leads)")
                .arg(fromStd(e.topic)).arg(e.partition);
        if (c == "leader_down")
            return EventsPanel::tr("no coordinator: %1, the leader of %2-%3, is down or cut off "
                                   "(COORDINATOR_NOT_AVAILABLE until it returns or is fenced)")
                .arg(brokerName(e.causeBroker), fromStd(e.topic)).arg(e.partition);
        if (c == "moved")
            return EventsPanel::tr("the coordinator moved from %1 to %2 with the leadership of %3-%4; it replayed %n record(s)",
                                   nullptr, int(std::max<int64_t>(0, e.value)))
                .arg(brokerName(e.oldLeader), brokerName(e.newLeader), fromStd(e.topic)).arg(e.partition);
        return {};
    case T::OrderingViolation: {
        const int n = int(std::max<int64_t>(1, e.count));
        const QString first = e.producerId >= 0
            ? EventsPanel::tr("producer %1, first: key %2, sequence %3").arg(e.producerId).arg(recordbytes::display(e.key, 60)).arg(e.sequence)
            : EventsPanel::tr("first: key %1, sequence %2").arg(recordbytes::display(e.key, 60)).arg(e.sequence);
        if (e.kind == "duplicate") return EventsPanel::tr("%n duplicate(s): records delivered again; %1", nullptr, n).arg(first);
        if (e.kind == "violation") return EventsPanel::tr("%n per-key order violation(s); %1", nullptr, n).arg(first);
        if (e.kind == "gap") return EventsPanel::tr("%n gap(s) in a key's sequence; %1", nullptr, n).arg(first);
        return {};
    }
    default:
        return {};
    }
}

} // namespace

QString EventsPanel::rebalanceCause(const std::string &code, const std::string &who, qint64 limitMs)
{
    const QString name = who.empty() ? tr("a member") : fromStd(who);
    if (code == "new_member") return tr("%1 joined").arg(name);
    if (code == "member_rejoin") return tr("%1 rejoined").arg(name);
    if (code == "leave_group") return tr("%1 left").arg(name);
    if (code == "session_timeout") return tr("%1's session timed out (%2)").arg(name, duration(limitMs));
    if (code == "join_timeout") return tr("%1's join timed out (%2)").arg(name, duration(limitMs));
    if (code == "rebalance_timeout") return tr("%1 did not rejoin in time (%2)").arg(name, duration(limitMs));
    if (code == "sync_timeout") return tr("%1 did not sync in time (%2)").arg(name, duration(limitMs));
    if (code == "static_member_updated") return tr("static member %1 came back with new metadata").arg(name);
    if (code == "static_member_replaced") return tr("static member %1 restarted").arg(name);
    if (code == "sync_error") return tr("storing the assignment failed");
    return {};
}

QString EventsPanel::describe(const kl::Event &e)
{
    QString text;
    switch (e.type) {
    case T::LeaderElected: {
        QString head = tr("%1 → %2, leader epoch %3").arg(brokerName(e.oldLeader), brokerName(e.newLeader)).arg(e.epoch);
        const QString end = e.newLeader >= 0 && e.offset >= 0 ? tr("its log ends at %1").arg(e.offset) : QString();
        return withReason(head, joined({trigger(e), leaderRule(e.kind), end}));
    }
    case T::IsrShrunk:
    case T::IsrExpanded:
        return withReason(tr("ISR %1 → %2").arg(brokerSet(e.before), brokerSet(e.after)), trigger(e));
    case T::ReplicaTruncated:
        if (e.offset > e.endOffset) // OFFSET_OUT_OF_RANGE: behind the leader's log start
            return tr("%1 was behind the leader's log start: it emptied its log and restarts at "
                      "offset %2 (its LEO was %3)")
                .arg(brokerName(e.broker))
                .arg(e.offset)
                .arg(e.endOffset);
        if (e.cause == "damage_repair")
            return tr("%1 cut its log at offset %2 (its LEO was %3) to fetch what recovery found damaged "
                      "from the leader again")
                .arg(brokerName(e.broker))
                .arg(e.offset)
                .arg(e.endOffset);
        return tr("%1 cut its log at offset %2 (its LEO was %3): it diverged from the leader")
            .arg(brokerName(e.broker))
            .arg(e.offset)
            .arg(e.endOffset);
    case T::RecordsLost: {
        const qint64 count = std::max<qint64>(0, e.endOffset - e.offset);
        return tr("%n acknowledged record(s) lost: offsets %1 to %2", nullptr, static_cast<int>(count))
            .arg(e.offset)
            .arg(e.endOffset - 1);
    }
    case T::ProduceAcknowledged:
        if (e.offset >= 0 && e.endOffset > e.offset)
            return tr("offsets %1 to %2 acknowledged").arg(e.offset).arg(e.endOffset - 1);
        break;
    case T::HighWatermarkAdvanced:
        if (e.offset >= 0)
            return tr("high watermark now %1").arg(e.offset);
        break;
    case T::ProduceRefused: {
        QString head = kafkaerrors::name(e.error) + QStringLiteral(": ") + kafkaerrors::meaning(e.error);
        if (e.error == kl::ErrorCode::NotEnoughReplicas && e.value >= 0 && e.limit >= 0)
            head += QLatin1Char(' ')
                + tr("(the ISR has %n replica(s), min.insync.replicas is %1)", nullptr, int(e.value)).arg(e.limit);
        return head;
    }
    case T::BrokerStarted:
        if (e.value >= 0)
            return tr("%1 opened its data directory: %n partition replica(s) recovered", nullptr, int(e.value))
                .arg(brokerName(e.broker));
        break;
    case T::BrokerCrashed:
    case T::BrokerRestarted:
    case T::BrokerIsolated:
    case T::BrokerHealed: {
        const QString who = brokerName(e.broker);
        text = e.type == T::BrokerCrashed      ? tr("%1 stopped at once; what reached its files stays").arg(who)
            : e.type == T::BrokerRestarted     ? tr("%1 recovered from its own files and rejoined").arg(who)
            : e.type == T::BrokerIsolated      ? tr("%1 cut off from the other brokers").arg(who)
                                               : tr("%1 can reach the other brokers again").arg(who);
        if (e.cause == "controller_moved")
            text += tr("; the controller is now %1").arg(brokerName(e.causeBroker));
        if ((e.type == T::BrokerCrashed || e.type == T::BrokerIsolated) && e.limit > 0)
            text += tr("; the controller fences it after broker.session.timeout.ms %1 without a heartbeat")
                        .arg(duration(e.limit));
        return text;
    }
    case T::BrokerFenced:
        return tr("the controller fenced %1 after %2 without a heartbeat (broker.session.timeout.ms %3): "
                  "its leaderships move and it leaves the ISRs")
            .arg(brokerName(e.broker), duration(e.value), duration(e.limit));
    case T::FollowerSlowed:
        if (e.cause == "slowed")
            return tr("%1's followers wait %2 more before every fetch (normally every %3)")
                .arg(brokerName(e.broker), duration(e.value), duration(e.limit));
        if (e.cause == "normal_speed")
            return tr("%1's followers fetch at normal speed again").arg(brokerName(e.broker));
        break;
    case T::TopicCreated:
        if (e.count >= 0)
            return tr("%n partition(s), replication factor %1", nullptr, int(e.count)).arg(e.value);
        break;
    case T::TopicDeleted:
        if (e.count >= 0)
            return tr("%n partition(s) and their replica directories deleted", nullptr, int(e.count));
        break;
    case T::PartitionsAdded:
        if (e.count >= 0)
            return tr("%1 → %2 partitions: keyed records now go to murmur2(key) % %2, so most keys move to "
                      "another partition; records already written stay where they are")
                .arg(e.value).arg(e.count);
        break;
    case T::SegmentRolled:
    case T::SegmentDeleted:
    case T::LogRecovered:
        text = segmentText(e);
        break;
    case T::StrayReplicaSetAside:
        if (e.cause == "not_assigned")
            return tr("broker %1: directory %2-%3 holds a replica the cluster metadata does not place on this "
                      "broker; renamed %4 and not opened")
                .arg(e.broker)
                .arg(fromStd(e.topic))
                .arg(e.partition)
                .arg(fromStd(e.kind));
        if (e.cause == "not_in_metadata")
            return tr("broker %1: directory %2-%3 is not a partition in the cluster metadata; renamed %4 and not "
                      "opened")
                .arg(e.broker)
                .arg(fromStd(e.topic))
                .arg(e.partition)
                .arg(fromStd(e.kind));
        break;
    case T::AutoProducerStarted:
        if (e.cause == "started")
            return tr("auto-producer %1: %2 records/s, %3")
                .arg(e.producerId)
                .arg(e.limit)
                .arg(e.count > 0 ? tr("%n record(s)", nullptr, int(e.count)) : tr("until stopped"));
        break;
    case T::AutoProducerFinished:
        if (e.cause == "count_reached")
            return tr("auto-producer %1 sent all its %n record(s)", nullptr, int(e.count)).arg(e.producerId);
        if (e.cause == "stopped")
            return tr("auto-producer %1 stopped after %n record(s)", nullptr, int(e.count)).arg(e.producerId);
        if (e.cause == "failed")
            return tr("auto-producer %1 gave up after %n record(s): %2", nullptr, int(e.count))
                .arg(e.producerId)
                .arg(kafkaerrors::name(e.error) + QStringLiteral(": ") + kafkaerrors::meaning(e.error));
        break;
    case T::LagSampled:
        if (e.lag >= 0) // the detail is the per-partition list: names and numbers only
            return tr("group %1: total lag %2 (%3)").arg(fromStd(e.group)).arg(e.lag).arg(fromStd(e.detail));
        break;
    default:
        text = groupText(e);
        break;
    }
    if (!text.isEmpty())
        return text;
    // An event without typed fields (an older engine, a new cause): the engine's own line.
    if (e.error != kl::ErrorCode::None)
        return kafkaerrors::name(e.error) + QStringLiteral(": ") + fromStd(e.detail);
    return fromStd(e.detail);
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

QString EventsPanel::describe(const kl::Event &e, int count, const QVector<int> &brokers, qint64 lastTimeMs,
                              const QVector<QPair<int, qint64>> &segments)
{
    QString text = describe(e);
    if (segments.size() > 1) { // several segments of the topic: name each, then the first's story
        QStringList where;
        for (const auto &[partition, offset] : segments)
            where << tr("%1-%2 at %3").arg(QString::fromStdString(e.topic)).arg(partition).arg(offset);
        text = tr("%n segment(s): %1. The first: %2", nullptr, int(segments.size()))
                   .arg(where.join(QStringLiteral(", ")), text);
    }
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
