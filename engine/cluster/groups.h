// EngineCore::Impl::GroupSystem: consumer groups inside the cluster. Created on the first group
// use (EngineCore::startConsumerGroup), it owns:
//  - the __consumer_offsets topic's coordinators: ONE GroupCoordinator PER __consumer_offsets
//    PARTITION, running on that partition's current leader broker (Kafka runs one coordinator
//    per broker that serves the groups of every partition it leads; one per partition is the
//    same thing sliced finer, and makes a failover a matter of replacing one object). When the
//    partition's leader changes, the old coordinator is unloaded (waiting joins/syncs get
//    NOT_COORDINATOR) and a new one on the new leader replays the partition's log into
//    GroupCoordinator::load(). Clients that ask the wrong broker get NOT_COORDINATOR and
//    rediscover (FindCoordinator).
//  - the GroupStoreSink: commits and group metadata are encoded with offsets_records.h and
//    appended as real record batches to the partition via the leader's produce path. Offset
//    commits go with acks=all, as Kafka's: the coordinator keeps a commit pending (OffsetFetch
//    does not see it) until the partition's ISR has it, and only then answers it, so an
//    acknowledged commit survives a coordinator crash. Group metadata is still appended with
//    acks=1.
//  - the simulated consumers of each group started through the API, the lag sampler (rings of
//    kLagHistory points), rebalance history, ordering checkers and Burrow-style evaluators.
// Internal to kl_engine; engine thread only. Declared inside EngineCore::Impl so it may use it.
#pragma once

#include "cluster/core_impl.h"
#include "cluster/group_timer_service.h"
#include "cluster/simulated_consumer.h"
#include "group/group_coordinator.h"
#include "group/lag_evaluator.h"
#include "group/ordering_checker.h"

#include <deque>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace kl {

// One group started with startConsumerGroup: its consumers and what the views show over time.
struct GroupRuntime {
    static constexpr size_t kLagHistory = 600;
    static constexpr size_t kRebalanceHistory = 50;

    ConsumerGroupSpec spec;
    std::vector<std::unique_ptr<SimulatedConsumer>> consumers; // creation order
    // Formed by real clients (no startConsumerGroup): its topics are those its members
    // subscribe to and commit for (noteTopics); startConsumerGroup may still adopt it.
    bool observedOnly = false;
    int32_t nextIndex = 1;
    int32_t lastCoordinator = -1;

    std::deque<RebalanceSnapshot> rebalances;
    std::map<TopicPartition, std::string> owners; // as of the last completed rebalance (client ids)

    std::deque<LagPoint> lag;
    std::map<std::string, std::deque<LagPoint>> partitionLag; // "topic-p"
    std::shared_ptr<const std::vector<LagPoint>> lagShared;
    std::shared_ptr<const std::map<std::string, std::vector<LagPoint>>> partitionLagShared;
    bool lagDirty = true;

    std::map<TopicPartition, int64_t> committed;    // last known (survives coordinator gaps)
    std::map<TopicPartition, int64_t> commitTimes;  // commit timestamp last fed to the evaluator
    std::map<TopicPartition, PartitionLagEvaluator> evaluators;
    OrderingChecker ordering;
    // Ordering findings as OrderingViolation events, per (producer id, kind): a stream that
    // starts is reported at the next lag sample (a burst is one line with its count), later
    // findings are counted and summarised at most once per orderingSummaryIntervalMs (two
    // producers' findings must not flood the event list).
    struct FindingStream {
        int64_t pending = 0;            // findings not reported yet
        OrderingFinding first;          // the first of them
        int64_t total = 0;              // all of this producer's findings of this kind
        int64_t lastEventMs = -1;       // -1: never reported
    };
    std::map<std::pair<int64_t, OrderingFindingKind>, FindingStream> findingStreams;

    SimulatedConsumer *consumer(const std::string &clientId) const
    {
        for (const auto &c : consumers)
            if (c->clientId() == clientId)
                return c.get();
        return nullptr;
    }
};

// offsets.commit.timeout.ms (Kafka's default): how long a commit waits for the offsets
// partition's ISR before it is answered REQUEST_TIMED_OUT.
inline constexpr int32_t kOffsetsCommitTimeoutMs = 5000;

struct EngineCore::Impl::GroupSystem final : ConsumerHost {
    explicit GroupSystem(Impl &impl);
    ~GroupSystem() override;

    Impl &d;
    // Declared first so it outlives the coordinators and consumers that cancel timers in it.
    EngineTimerService timerService;
    std::mt19937_64 rng; // member ids; seeded from the engine seed, separate from Impl::rng
    GroupCoordinatorConfig config;
    Partitioner storePartitioner { PartitionerKind::Default };

    struct OffsetsCoordinator {
        int32_t broker = -1; // the leader it runs on; -1 = none (partition offline)
        std::unique_ptr<GroupCoordinator> coordinator;
        int64_t replayedRecords = 0;
    };
    std::map<int32_t, OffsetsCoordinator> coordinators; // by __consumer_offsets partition
    std::map<std::string, GroupRuntime> groups;          // by group id
    bool samplerArmed = false;

    // ConsumerHost
    TimerService &timers() override { return timerService; }
    int32_t findCoordinator(const std::string &groupId) override;
    GroupCoordinator *coordinatorOn(const std::string &groupId, int32_t broker) override;
    int32_t partitionCount(const std::string &topic) override;
    Result<ConsumerFetch> fetch(const TopicPartition &tp, int64_t offset, int32_t maxRecords) override;
    Result<std::pair<int64_t, int64_t>> offsetRange(const TopicPartition &tp) override;
    void emit(Event event) override;
    void onConsumed(const SimulatedConsumer &consumer, const TopicPartition &tp, const Record &record) override;

    // consumer_offsets_topic.cpp
    int32_t offsetsPartitions() const;
    int32_t partitionFor(const std::string &groupId) const;
    // Builds every partition's coordinator (the first group use, once the topic exists).
    void loadAll();
    // (Re)builds the coordinator of an offsets partition on its current leader.
    void loadCoordinator(int32_t partition);
    void onLeaderChange(int32_t partition);
    GroupCoordinator *coordinatorFor(const std::string &groupId, int32_t *broker = nullptr);
    GroupStoreSink makeSink(int32_t partition, int32_t broker);
    Status appendToOffsets(int32_t partition, int32_t broker, std::vector<ProduceRecord> records);

    // groups.cpp
    void onGroupEvent(int32_t broker, const GroupEvent &event);
    void scheduleSample(int64_t dueMs);
    void sample();
    // Ordering findings to events (group_snapshots.cpp): noteFinding counts them per stream;
    // flushOrderingFindings (every lag sample) reports streams that just started and
    // summarises those whose interval has passed.
    void noteFinding(GroupRuntime &runtime, const OrderingFinding &finding, int64_t added);
    void flushOrderingFindings(GroupRuntime &runtime);
    void emitFindings(GroupRuntime &runtime, OrderingFindingKind kind, GroupRuntime::FindingStream &stream);
    GroupSnapshot snapshotOf(GroupRuntime &runtime);
    // The runtime of a group real clients formed, made on its first member (lag history,
    // rebalance timeline and views as for a simulated group).
    GroupRuntime &observe(const std::string &groupId);
    void noteTopics(GroupRuntime &runtime, const GroupDescription &description);
    struct PartitionView {
        int64_t logStart = 0;
        int64_t hw = 0;
    };
    PartitionView partitionView(const TopicPartition &tp);
};

} // namespace kl
