// ClusterSnapshot: an immutable picture of the whole cluster, published by the engine thread
// after changes and read by any thread through std::shared_ptr<const ClusterSnapshot>.
// Nothing in it points into live engine state; large parts (recent record cells) are shared
// immutable vectors so publishing stays cheap.
#pragma once

#include "core/uuid.h"
#include "log/log_config.h"
#include "partitioners/partitioner.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kl {

struct TopicPartitionRef {
    std::string topic;
    int32_t partition = 0;
    bool operator==(const TopicPartitionRef &) const = default;
};

// A recently appended record, enough to draw a cell: offset, time, key (truncated to 64 bytes).
struct RecordCell {
    int64_t offset = 0;
    int64_t timestamp = 0;
    bool keyNull = true;
    std::string key;
    uint32_t keyHash = 0;      // murmur2(key) & 0x7fffffff; a key has one colour everywhere
    int32_t valueSize = -1;
};

struct SegmentSnapshot {
    int64_t baseOffset = 0;
    int64_t nextOffset = 0;
    int64_t sizeBytes = 0;
    int64_t recordCount = 0;
    int64_t firstTimestamp = -1;
    int64_t maxTimestamp = -1;
    int32_t indexEntries = 0;
    int32_t timeIndexEntries = 0;
    bool active = false;
    std::string logPath; // absolute path of the .log file
};

// One replica of a partition as the cluster sees it.
struct ReplicaSnapshot {
    int32_t broker = 0;
    bool leader = false;
    bool inIsr = false;
    bool online = true;             // its broker is running
    int64_t logStartOffset = 0;
    int64_t logEndOffset = 0;
    int64_t highWatermark = 0;      // as this replica knows it
    int64_t lastCaughtUpMs = 0;     // engine clock; drives replica.lag.time.max.ms
    // Recovery found this replica's log damaged (kl::LogDamage): the first damaged range and its
    // cause ("corrupt_segment", "offset_gap", "offset_overlap"); empty cause when healthy.
    std::string damageCause;
    int64_t damageFrom = -1;
    int64_t damageTo = -1;          // exclusive
};

struct PartitionSnapshot {
    int32_t id = 0;
    int32_t leader = -1;            // broker id; -1 = offline (no eligible leader)
    int32_t leaderEpoch = 0;
    std::vector<int32_t> isr;       // in-sync replicas (broker ids)
    std::vector<ReplicaSnapshot> replicaStates; // same order as `replicas`
    std::vector<int32_t> replicas;  // assignment order
    int64_t logStartOffset = 0;
    int64_t logEndOffset = 0;
    int64_t highWatermark = 0;
    int64_t sizeBytes = 0;
    std::string dir;                // replica directory on the leader
    std::vector<SegmentSnapshot> segments;
    // The newest records (bounded, oldest first).
    std::shared_ptr<const std::vector<RecordCell>> recent;
};

struct TopicConfig {
    int32_t partitions = 1;
    int32_t replicationFactor = 1;
    int32_t minInsyncReplicas = 1;        // min.insync.replicas (acks=all refuses below it)
    bool uncleanLeaderElection = false;   // unclean.leader.election.enable
    LogConfig log;
    bool operator==(const TopicConfig &) const = default;
};

struct TopicSnapshot {
    std::string name;
    Uuid topicId;                   // Kafka's topic id, as in partition.metadata (wire: 16 bytes)
    TopicConfig config;
    std::vector<PartitionSnapshot> partitions;
    // Since the engine opened: records appended by producers (simulated and real), and records
    // handed to consumers (simulated ones, and real ones' Fetch; not followers).
    int64_t recordsProduced = 0;
    int64_t recordsConsumed = 0;
};

enum class BrokerState {
    Running,   // serving and replicating
    Crashed,   // stopped at once; its files stay as they were
    Isolated,  // running, but cut off from the other brokers (network partition)
};

struct BrokerSnapshot {
    int32_t id = 0;
    bool alive = true;          // state != Crashed
    BrokerState state = BrokerState::Running;
    bool controller = false;
    int64_t fetchDelayMs = 0;   // a slowed follower's extra delay per fetch
    // Fenced by the controller (no heartbeat for broker.session.timeout.ms): it leads nothing
    // and sits in no ISR (except as an ISR's last member). A crashed or isolated broker is not
    // fenced until fenceAtMs (engine clock; -1 = no fence pending).
    bool fenced = false;
    int64_t fenceAtMs = -1;
    std::string dataDir;
};

struct AutoProducerSnapshot {
    uint64_t id = 0;
    std::string topic;
    double ratePerSec = 0;
    int64_t target = 0;   // 0 = unlimited
    int64_t sent = 0;
    bool running = false;
};

// --- consumer groups ------------------------------------------------------------------

// One partition as a group consumes it.
struct GroupPartitionSnapshot {
    std::string topic;
    int32_t partition = 0;
    int64_t committedOffset = -1;  // -1 = nothing committed yet
    int64_t logEndOffset = 0;      // what consumers can read up to (the high watermark)
    int64_t lag = 0;               // logEndOffset - max(committed, logStart); Kafka's LAG column
    std::string owner;             // member id, or "" when unassigned
    std::string ownerClientId;
    // Burrow-style evaluation over the recent lag window: "OK", "WARN", "STALL", "STOP", "ERR".
    std::string status = "OK";
};

struct GroupMemberSnapshotView {
    std::string memberId;
    std::string clientId;
    std::string host;
    std::string groupInstanceId;   // "" = dynamic member
    bool simulated = true;         // false = a real client over the wire
    std::string state;             // simulated consumers: "running", "stalled", "crashed", "left"
    std::vector<TopicPartitionRef> assigned;
    int64_t lag = 0;               // sum over its partitions
    double recordsPerSec = 0;      // consumption rate
    int64_t consumed = 0;
};

// A rebalance as the timeline draws it.
struct RebalanceSnapshot {
    int32_t generation = -1;
    std::string cause;             // "member c2 timed out after 10000 ms", ... (Kafka's English)
    std::string causeCode;         // the same, typed: a RebalanceStarted event's cause code
    std::string causeClient;       // the client id the cause concerns ("" when none)
    int64_t causeLimit = -1;       // the timeout the cause involves, ms
    int64_t startedMs = 0;
    int64_t joinCompletedMs = -1;  // PreparingRebalance -> CompletingRebalance
    int64_t completedMs = -1;      // -> Stable
    std::vector<std::string> moved; // "orders-2: c2 -> c1" (cooperative: only moved partitions)
};

// What the ordering checker can find (see engine/group/ordering_checker.h for examples).
enum class OrderingFindingKind {
    Duplicate,       // the same producer id + sequence read again: a real re-delivery
    Violation,       // a lower sequence never seen before: the key's order broke
    Gap,             // a key's sequence jumped ahead: records skipped or lost
    GlobalInversion, // consumed in another order than produced, across partitions (expected)
};

// One finding, typed (the UI writes its own text): the offending record and the one before it.
struct OrderingFindingSnapshot {
    OrderingFindingKind kind = OrderingFindingKind::Duplicate;
    int64_t producerId = -1;        // the auto producer run that stamped it (-1: global inversion)
    std::string key;                // empty for a global inversion
    int64_t sequence = -1;          // the offending record's per-key sequence
    int64_t previousSequence = -1;  // the key's highest sequence before it
    std::string topic;
    int32_t partition = 0;
    int64_t offset = 0;
    int64_t timestampMs = -1;       // the offending record's CreateTime (engine clock)
    int64_t processedMs = -1;       // when the group's consumer processed it (engine clock)
    // Violation: where the key's highest sequence came from; global inversion: the record
    // processed just before (-1 / empty when unknown).
    std::string previousTopic;
    int32_t previousPartition = -1;
    int64_t previousOffset = -1;
    int64_t previousTimestampMs = -1;
};

// The checker's counts for the records of one producer run (producer id) in one group.
struct OrderingProducerSnapshot {
    int64_t producerId = 0;
    std::string topic;
    int64_t checked = 0;
    int64_t duplicates = 0;
    int64_t perKeyViolations = 0;
    int64_t gaps = 0;
};

// Ordering checker totals for one group (see engine/group/ordering_checker.h).
struct OrderingSnapshot {
    int64_t checked = 0;           // records checked
    int64_t unchecked = 0;         // records without a producer id + sequence stamp for their key
    int64_t perKeyViolations = 0;  // a key's sequence went backwards (must stay 0 within a partition)
    int64_t duplicates = 0;        // a producer's key + sequence seen again (a real re-delivery)
    int64_t gaps = 0;              // a key's sequence skipped ahead (records lost or skipped)
    int64_t globalInversions = 0;  // consumed order differs from produced order across partitions
    std::vector<OrderingProducerSnapshot> producers; // by producer id
    std::vector<OrderingFindingSnapshot> recent;     // newest last, bounded
};

struct LagPoint {
    int64_t timeMs = 0;
    int64_t lag = 0;
};

struct GroupSnapshot {
    std::string groupId;
    std::string state;             // Kafka's spelling: "Stable", "PreparingRebalance", ...
    int32_t generation = 0;
    std::string protocolType;      // "consumer"
    std::string assignor;          // protocol name: "range", "cooperative-sticky", ...
    std::string leader;
    int32_t coordinator = -1;      // broker id
    std::vector<GroupMemberSnapshotView> members;
    std::vector<GroupPartitionSnapshot> partitions; // sorted by topic, partition
    int64_t totalLag = 0;
    std::vector<RebalanceSnapshot> rebalances;      // newest last, bounded
    OrderingSnapshot ordering;
    // Sampled over time (bounded ring): total lag, and per partition "topic-p" -> points.
    std::shared_ptr<const std::vector<LagPoint>> lagHistory;
    std::shared_ptr<const std::map<std::string, std::vector<LagPoint>>> partitionLagHistory;
    double consumedPerSec = 0;
};

struct ClusterSnapshot {
    uint64_t version = 0;      // grows with every published snapshot
    int64_t nowMs = 0;
    int64_t startedMs = 0;     // engine clock when the engine opened (engine time = now - this)
    std::string dataDir;
    int32_t controllerId = -1;
    std::string clusterId;     // meta.properties' cluster.id (Metadata v2+, DescribeCluster)
    int64_t brokerSessionTimeoutMs = 9000; // broker.session.timeout.ms the controller fences by
    int64_t replicaLagTimeMaxMs = 10000;   // replica.lag.time.max.ms (Kafka's default is 30000)
    std::vector<BrokerSnapshot> brokers;
    std::vector<TopicSnapshot> topics;
    std::vector<AutoProducerSnapshot> producers;
    std::vector<GroupSnapshot> groups;
    double producedPerSec = 0;
    uint64_t lastEventSeq = 0;
    int64_t totalRecordsProduced = 0;

    const TopicSnapshot *topic(const std::string &name) const
    {
        for (const auto &t : topics)
            if (t.name == name)
                return &t;
        return nullptr;
    }
};

} // namespace kl
