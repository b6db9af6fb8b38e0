// ClusterSnapshot: an immutable picture of the whole cluster, published by the engine thread
// after changes and read by any thread through std::shared_ptr<const ClusterSnapshot>.
// Nothing in it points into live engine state; large parts (recent record cells) are shared
// immutable vectors so publishing stays cheap.
#pragma once

#include "log/log_config.h"
#include "partitioners/partitioner.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kl {

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
    TopicConfig config;
    std::vector<PartitionSnapshot> partitions;
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

struct ClusterSnapshot {
    uint64_t version = 0;      // grows with every published snapshot
    int64_t nowMs = 0;
    std::string dataDir;
    int32_t controllerId = -1;
    std::vector<BrokerSnapshot> brokers;
    std::vector<TopicSnapshot> topics;
    std::vector<AutoProducerSnapshot> producers;
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
