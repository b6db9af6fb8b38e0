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
    ProduceRefused,     // a produce was refused; error + detail say why
    AutoProducerStarted,  // producerId = the run's producer id (also its stop handle)
    AutoProducerFinished, // producerId
    // Replication (offset/epoch/broker lists in the typed fields below).
    BrokerCrashed,      // broker stopped at once
    BrokerRestarted,    // broker recovered from its own files and rejoined
    BrokerIsolated,     // network partition: cut off from the other brokers
    BrokerHealed,
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
    std::string kind;         // OrderingViolation: "duplicate", "violation" or "gap"
    std::string key;          // OrderingViolation: the first offending record's key
    int64_t sequence = -1;    // OrderingViolation: its per-key sequence
    int64_t count = -1;       // OrderingViolation: findings of this kind since the previous event
    int64_t total = -1;       // OrderingViolation: findings of this kind for this producer so far
    int64_t producerId = -1;  // OrderingViolation, AutoProducerStarted/Finished: the producer id
};

// One JSON object on one line (for logs and `kafkalab-cli simulate`).
std::string eventToJson(const Event &event);

} // namespace kl
