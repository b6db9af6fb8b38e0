// Typed engine events: what happened, when (engine clock), to what. Emitted on the engine
// thread, kept in a bounded history and handed to other threads as copies.
#pragma once

#include "core/error_code.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kl {

enum class EventType {
    BrokerStarted,      // a broker opened its data directory (recovery done)
    TopicCreated,       // detail: partitions and configs
    TopicDeleted,
    PartitionsAdded,    // detail: old -> new count (keys move: % N changed)
    SegmentRolled,      // offset = new segment's base offset; detail = reason
    SegmentDeleted,     // offset = deleted segment's base offset; detail = retention reason
    LogRecovered,       // recovery truncated a tail or rebuilt an index; detail says what
    StrayReplicaSetAside, // at open: broker's <topic>-<partition> directory unknown to the metadata,
                          // renamed <topic>-<partition>.<unique>-stray (detail: both names)
    ProduceRefused,     // a produce was refused; error + detail say why
    AutoProducerStarted,  // producerId = the run's producer id (also its stop handle)
    AutoProducerFinished, // producerId
    // Replication (offset/epoch/broker lists in the typed fields below).
    BrokerCrashed,      // broker stopped at once
    BrokerRestarted,    // broker recovered from its own files and rejoined
    BrokerIsolated,     // network partition: cut off from the other brokers
    BrokerHealed,
    BrokerFenced,       // the controller fenced a broker that missed broker.session.timeout.ms
    FollowerSlowed,     // detail: the extra fetch delay
    LeaderElected,      // oldLeader -> newLeader, epoch; detail: why (clean/unclean/preferred)
    IsrShrunk,          // before -> after
    IsrExpanded,        // before -> after
    HighWatermarkAdvanced, // offset = new HW (emitted only where asked for; chatty)
    ReplicaTruncated,   // a replica cut its log at `offset` (divergence); endOffset = old LEO
    RecordsLost,        // acknowledged records lost by an unclean election: [offset, endOffset)
    ProduceAcknowledged, // offset..endOffset acknowledged with acks in detail
    // Consumer groups (group = the group id; detail says who and why).
    MemberJoined,       // a member entered the group (member = its id, clientId in detail)
    MemberLeft,         // LeaveGroup, a poll timeout, or not rejoining/syncing in time
    MemberTimedOut,     // no heartbeat within session.timeout.ms
    RebalanceStarted,   // detail = the cause
    RebalanceCompleted, // generation; detail = "orders-0,orders-1 -> consumer-1; ..."
    OffsetsCommitted,   // only commits on revocation / leave (auto-commits would flood)
    ConsumerCrashed,    // a simulated consumer stopped without leaving
    ConsumerStalled,    // a simulated consumer stopped polling
    ConsumerResumed,    // a stalled (or stopped) simulated consumer polls again
    CoordinatorMoved,   // the group's __consumer_offsets partition changed leader (broker = new)
    LagSampled,         // every lagSampleIntervalMs per group: lag = total; detail = "orders-0=12 orders-1=0"
    OrderingViolation,  // the group's ordering checker found duplicates, per-key violations or gaps
                        // in the records of one producer run (producerId): kind, count, total and
                        // the first offending record (key, sequence, topic/partition/offset).
                        // Aggregated per (group, producer, kind) so two producers on a topic do
                        // not flood the list: one event at the first lag sample after such
                        // findings start (count = that burst), then at most one summary per
                        // EngineOptions::orderingSummaryIntervalMs (30 s) with the count since
                        // the previous event; total = that producer's findings of the kind in the
                        // group since the checker started or was reset. After a quiet interval
                        // the next finding is reported at the next sample again.
};
std::string_view eventTypeName(EventType type); // "segment_rolled", ...

struct Event {
    uint64_t seq = 0;         // 1, 2, 3 ... per engine run
    int64_t timeMs = 0;       // engine clock
    EventType type = EventType::TopicCreated;
    int32_t broker = -1;
    std::string topic;
    int32_t partition = -1;
    int64_t offset = -1;
    ErrorCode error = ErrorCode::None;
    std::string detail;       // one human-readable English line
    // Typed fields for replication events (-1 / empty when not used).
    int64_t endOffset = -1;
    int32_t oldLeader = -1;
    int32_t newLeader = -1;
    int32_t epoch = -1;
    std::vector<int32_t> before; // e.g. ISR before
    std::vector<int32_t> after;  // e.g. ISR after
    // Typed fields for consumer-group events ("" / -1 when not used).
    std::string group;
    std::string member;       // member id
    int32_t generation = -1;
    int64_t lag = -1;         // LagSampled: the group's total lag
    std::string kind;         // OrderingViolation: "duplicate", "violation" or "gap";
                              // StrayReplicaSetAside: the directory's new name
    std::string key;          // OrderingViolation: the first offending record's key; LogRecovered
                              // "unparseable_name": the ignored file's name
    int64_t sequence = -1;    // OrderingViolation: its per-key sequence
    // Why it happened, typed, so a UI can say it in its own language (`detail` says the same in
    // English for logs). `cause` is a stable snake_case code; which codes a type uses and what
    // `value` / `limit` / `causeBroker` / `client` then hold is listed in EventCause below.
    std::string cause;
    int32_t causeBroker = -1; // the broker the cause names ("broker_crashed": which one)
    int64_t value = -1;       // a number the cause needs (see EventCause)
    int64_t limit = -1;       // the configured limit involved (segment.bytes, a timeout, ...)
    std::string client;       // group events: the member's client id ("consumer-2")
    int64_t count = -1;       // OrderingViolation: findings of this kind since the previous event;
                              // other types: see EventCause
    int64_t total = -1;       // OrderingViolation: findings of this kind for this producer so far
    int64_t producerId = -1;  // OrderingViolation, AutoProducerStarted/Finished: the producer id
};

// The `cause` codes, by event type (value / limit in brackets when used):
//   BrokerStarted       "opened" [value = partition replicas recovered]
//   TopicCreated        "created" [value = replication factor; count = partitions]
//   TopicDeleted        "deleted" [count = partitions]
//   PartitionsAdded     "partitions_added" [value = old count; count = new count]
//   SegmentRolled       "segment_bytes" [limit], "segment_ms" [limit], "index_full",
//                       "offset_overflow", "retention_ms_all_expired" [limit];
//                       value = the previous segment's base offset, offset = the new one's
//   SegmentDeleted      "retention_ms" [limit], "retention_bytes" [limit], "follows_truncated"
//                       (recovery: it followed a segment whose tail was cut; value = that base)
//   LogRecovered        "tail_truncated" [value = bytes cut; limit = byte position kept],
//                       "index_rebuilt" [value = offset index entries],
//                       "corrupt_segment", "offset_gap", "offset_overlap" (damage recovery kept:
//                       offsets [offset, endOffset) unreadable or doubled; value = byte position
//                       in the segment, -1 between files; limit = the segment's base offset;
//                       the replica stays out of the ISR and leadership until repaired),
//                       "epoch_checkpoint_rebuilt" (a malformed leader-epoch-checkpoint, or one
//                       that disagrees with the log's batches, was rebuilt from them; value =
//                       entries rebuilt; detail = what was wrong),
//                       "unparseable_name" (a file named like a segment whose 20 digits are
//                       above INT64_MAX, ignored and left as it is; key = the file's name)
//   StrayReplicaSetAside "not_in_metadata" (no such topic or partition), "not_assigned" (the
//                       topic's partition is not placed on this broker)
//   ProduceRefused      "" (the error says it); NOT_ENOUGH_REPLICAS: value = ISR size,
//                       limit = min.insync.replicas
//   AutoProducerStarted "started" [producerId; count = target (0 = unlimited);
//                       limit = records per second, rounded]
//   AutoProducerFinished "count_reached", "stopped", "failed" [producerId; count = sent]
//   BrokerCrashed / BrokerRestarted / BrokerIsolated / BrokerHealed: [value = replica logs
//                       stopped / recovered]; cause "controller_moved" [causeBroker = the new
//                       controller, -1 for none] when the controller changed with it;
//                       BrokerCrashed / BrokerIsolated: limit = broker.session.timeout.ms
//                       (the fence follows that long after)
//   BrokerFenced        "session_timeout" [limit = broker.session.timeout.ms; value = the
//                       time since its last heartbeat]
//   FollowerSlowed      "slowed" [value = extra delay ms; limit = replica.fetch interval ms],
//                       "normal_speed"
//   LeaderElected       the trigger: "broker_fenced" (a crashed or isolated broker's session
//                       timed out), "broker_restarted" (a crashed broker registered again
//                       before it was fenced: the controller removes it as after an unclean
//                       shutdown), "broker_crashed"/"broker_isolated" (only with
//                       broker.session.timeout.ms 0), "broker_healed" [causeBroker], "preferred_election", "initial";
//                       kind = how the leader was chosen: "in_sync" (first live ISR member in
//                       assignment order), "unclean" (out of sync,
//                       unclean.leader.election.enable), "none" (no eligible replica: offline),
//                       "preferred" (the preferred replica, by a preferred leader election),
//                       "epoch_exhausted" (refused: the epoch is INT32_MAX and cannot grow;
//                       value = the broker that would have led, newLeader = the leader kept,
//                       -1 if the partition went offline; with cause "log_loaded", at start:
//                       the replicas' batches already carry INT32_MAX, which the partition keeps)
//   IsrShrunk / IsrExpanded: the trigger as for LeaderElected, or "lagging" [limit =
//                       replica.lag.time.max.ms], "caught_up"
//   MemberJoined        "new_member"
//   MemberLeft          "leave_group", "sync_timeout" [limit], "static_member_replaced"
//   MemberTimedOut      "session_timeout" [limit = session.timeout.ms], "join_timeout" [limit],
//                       "rebalance_timeout" [limit]
//   RebalanceStarted    the cause of the member event that started it ("new_member",
//                       "member_rejoin", "leave_group", "session_timeout", "join_timeout",
//                       "sync_timeout", "static_member_updated", "sync_error") [member, client]
//   RebalanceCompleted  "assigned" [generation; kind = assignor; value = members;
//                       count = partitions assigned], "emptied"
//   OffsetsCommitted    "cooperative_revocation", "eager_rebalance", "close", "other" [client;
//                       count = partitions committed]
//   ConsumerCrashed     "crashed" [client; limit = session.timeout.ms; count = partitions owned]
//   ConsumerStalled     "stalled" [client; limit = max.poll.interval.ms]
//   ConsumerResumed     "polls_again", "rejoins", "restarted_static", "restarted" [client]
//   CoordinatorMoved    "moved" [oldLeader -> newLeader = the coordinator brokers; partition =
//                       the __consumer_offsets partition; value = records replayed],
//                       "unavailable" (its partition has no leader), "leader_down" (its leader,
//                       causeBroker, crashed or was isolated and is not fenced yet)
// Group events also carry `client` (the member's client id) and, for member and rebalance
// events, `limit` = the timeout involved; RebalanceStarted's member/client = whom the cause
// concerns.

// One JSON object on one line (for logs and `kafkalab-cli simulate`).
std::string eventToJson(const Event &event);

} // namespace kl
