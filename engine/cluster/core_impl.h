// EngineCore::Impl: the cluster state behind the EngineCore facade, shared by the files that
// implement it (engine_core.cpp: open, timers, events, snapshots; topics.cpp; produce.cpp;
// auto_producer.cpp). Internal to kl_engine.
// Thread-safety: none; everything here runs on the one thread that drives the EngineCore.
#pragma once

#include "api/engine_core.h"
#include "cluster/auto_producer.h"
#include "cluster/timer_queue.h"
#include "log/log.h"

#include <deque>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace kl {

// One partition: its replica assignment and one Log per replica (logs[i] lives on broker
// replicas[i]; index 0 is the leader). Followers get a synchronous copy of each leader append
// until real replication (ISR, fetch) arrives.
struct PartitionState {
    int32_t id = 0;
    std::vector<int32_t> replicas;
    std::vector<std::unique_ptr<Log>> logs;
    int32_t leaderEpoch = 0;

    // Drawing cells for the newest records, and caches rebuilt only when something changed.
    std::deque<RecordCell> recent;
    std::shared_ptr<const std::vector<RecordCell>> recentShared;
    bool recentDirty = true;
    std::vector<SegmentSnapshot> segmentsCache;
    bool segmentsDirty = true;

    Log &leader() { return *logs.front(); }
    const Log &leader() const { return *logs.front(); }
    int32_t leaderBroker() const { return replicas.front(); }
};

struct TopicState {
    std::string name;
    TopicConfig config;
    std::deque<PartitionState> partitions; // a deque: PartitionState is move-only
    // One partitioner per kind, so sticky/round-robin state carries across produce requests.
    std::map<PartitionerKind, Partitioner> partitioners;
};

struct EngineCore::Impl {
    Impl(const EngineOptions &o, const Clock &c)
        : options(o)
        , clock(c)
        , rng(o.seed)
    {
    }

    EngineOptions options;
    const Clock &clock;
    std::mt19937_64 rng; // the only randomness in the engine
    int32_t brokerCount = 0;
    std::map<std::string, TopicState> topics; // sorted: snapshots list topics by name
    TimerQueue timers;
    bool shutDown = false;

    // Events.
    std::deque<Event> events;
    uint64_t nextEventSeq = 1;
    std::function<void(const Event &)> listener;
    static constexpr size_t kEventHistory = 10'000;

    // Auto producers.
    std::map<uint64_t, std::unique_ptr<AutoProducer>> producers;
    uint64_t nextProducerId = 1;

    // Used only to refuse produce requests to unknown topics (it is never asked to choose).
    Partitioner fallbackPartitioner;

    uint64_t snapshotVersion = 0;
    int64_t totalRecordsProduced = 0;

    // engine_core.cpp
    void emit(Event event);
    std::filesystem::path brokerDir(int32_t broker) const;
    std::filesystem::path replicaDir(int32_t broker, const std::string &topic, int32_t partition) const;
    Log::EventSink logSink(int32_t broker, const std::string &topic, int32_t partition);
    Status saveMetadata() const;
    void scheduleRetentionCheck(int64_t dueMs);
    PartitionState *findPartition(const std::string &topic, int32_t partition);

    // topics.cpp
    Status openPartition(TopicState &topic, int32_t id, std::vector<int32_t> replicas);
    // Makes every follower hold exactly the leader's records (after recovery, or if a copy failed).
    void syncFollowers(const std::string &topic, PartitionState &partition);

    // produce.cpp
    ProduceResult produceWith(
        const ProduceRequest &request, Partitioner &partitioner, std::mt19937_64 &random);
    void rememberRecent(PartitionState &partition, int64_t offset, int64_t timestamp,
        const std::optional<std::string> &key, const std::optional<std::string> &value);

    // auto_producer.cpp
    void scheduleProducerTick(uint64_t id, int64_t dueMs);
    void producerTick(uint64_t id);
};

} // namespace kl
