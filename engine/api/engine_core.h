// EngineCore: all cluster state and logic, single-threaded, with no thread of its own.
// Whoever owns it drives it: Engine (below, one dedicated thread, live mode) or a test /
// simulation calling advanceTo() with a ManualClock. Because every state change happens in
// these calls and time comes only from the injected Clock, a run is deterministic per seed.
// Thread-safety: none; exactly one thread may call an EngineCore.
#pragma once

#include "api/broker_requests.h"
#include "api/commands.h"
#include "api/events.h"
#include "api/snapshot.h"
#include "core/clock.h"
#include "core/status.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

namespace kl {

class GroupCoordinator;

struct EngineOptions {
    std::filesystem::path dataDir;   // brokers live in <dataDir>/broker-<id>/
    int32_t brokerCount = 3;         // 1..9
    uint64_t seed = 1;               // the one random generator's seed
    int32_t recentRecordsPerPartition = 512; // cells kept for drawing
    int32_t retentionCheckIntervalMs = 1000;
    int64_t replicaLagTimeMaxMs = 10000;  // replica.lag.time.max.ms (Kafka 30 s; shorter to teach)
    int32_t replicaFetchIntervalMs = 100;  // how often a follower fetches when caught up
    // Kafka's follower fetch is a long poll (replica.fetch.wait.max.ms): it is answered as soon
    // as the leader appends, and the follower fetches again at once, which tells the leader its
    // new log end offset. true: a follower fetches a partition right after its leader appends
    // and again right after copying, so acks=all completes at disk speed, as in Kafka (live
    // brokers serving real clients). false: followers fetch only every replicaFetchIntervalMs,
    // the stepwise model lessons and seeded runs use (an acks=all write takes two intervals).
    bool replicaFetchOnAppend = false;
    // The cluster.id a new data directory gets (a data directory keeps the one it has). Empty:
    // drawn from the seeded generator, the same for every new directory opened with one seed
    // (tests, lessons); live brokers pass a random one (two clusters differ, as in Kafka).
    std::string newClusterId;
    // broker.session.timeout.ms (Kafka's KRaft default, 9 s): a broker that stops heartbeating
    // (crashed or isolated) is fenced this long after its last heartbeat; only then does the
    // controller move its leaderships and take it out of ISRs. 0 = fenced at once.
    int64_t brokerSessionTimeoutMs = 9000;
    int32_t offsetsTopicPartitions = 50;   // offsets.topic.num.partitions (Kafka's default)
    int32_t offsetsTopicReplicationFactor = 3; // capped at the broker count
    int32_t groupInitialRebalanceDelayMs = 3000; // group.initial.rebalance.delay.ms
    int32_t lagSampleIntervalMs = 1000;    // lag history sampling period
    // OrderingViolation events: the first finding of a (group, producer, kind) at once, then at
    // most one summary per this interval (see events.h).
    int32_t orderingSummaryIntervalMs = 30000;
};

class EngineCore {
public:
    // Opens every broker's data directory (recovering existing logs and topics).
    static Result<std::unique_ptr<EngineCore>> open(const EngineOptions &options, const Clock &clock);
    ~EngineCore();

    // --- topics
    Status createTopic(const std::string &name, const TopicConfig &config);
    // With a manual replica assignment (CreateTopics' `assignments`, kafka-topics.sh
    // --replica-assignment): partition p's replicas are replicaAssignment[p], in preference
    // order; the partition count and replication factor come from it (config's are ignored).
    // Refused as Kafka's controller refuses a bad one (INVALID_REPLICA_ASSIGNMENT).
    Status createTopic(const std::string &name, const TopicConfig &config,
        const std::vector<std::vector<int32_t>> &replicaAssignment);
    Status deleteTopic(const std::string &name);
    Status createPartitions(const std::string &name, int32_t newTotal); // increase only
    Status alterTopicConfig(const std::string &name, const LogConfig &config);
    // IncrementalAlterConfigs: the topic's log config, min.insync.replicas and
    // unclean.leader.election.enable from `config` (its partition count and replication
    // factor must be the topic's: INVALID_REQUEST otherwise). Takes effect at once: the next
    // acks=all write checks the new min.insync.replicas.
    Status alterTopicConfig(const std::string &name, const TopicConfig &config);

    // --- produce (to the partition leader's log)
    ProduceResult produce(const ProduceRequest &request);
    // Asynchronous produce: `done` runs (on the engine thread) when the request completes —
    // at once for acks=0/1 and refusals, when the high watermark covers the records for
    // acks=all, or with REQUEST_TIMED_OUT / NOT_ENOUGH_REPLICAS_AFTER_APPEND.
    void produceAsync(const ProduceRequest &request, std::function<void(ProduceResult)> done);
    // Read records (decoded) from a partition, for consumers and views.
    Result<std::vector<Record>> fetch(const std::string &topic, int32_t partition, int64_t offset,
                                      int32_t maxBytes);

    // --- broker requests from real clients (the wire protocol; see broker_requests.h)
    // Appends the client's batch to the partition's leader as sent (checked: one RecordBatch v2,
    // CRC, records, size; an idempotent producer's sequence), then answers by acks as
    // produceAsync does. `done` runs on the engine thread, once.
    void appendRecords(const AppendRecordsRequest &request, std::function<void(AppendRecordsResult)> done);
    // Reads whole batches below each partition's high watermark from its leader. With
    // maxWaitMs > 0 it answers once minBytes are there (any partition's high watermark moving
    // wakes it) or the wait is over; refusals (no such partition, not the leader, an offset out
    // of range) answer at once. One answer per asked partition, in order.
    void readRecords(const ReadRecordsRequest &request, std::function<void(std::vector<ReadRecordsPartition>)> done);
    // ListOffsets for one partition, from its leader's log.
    ListOffsetResult listOffset(const ListOffsetRequest &request);
    // OffsetsForLeaderEpoch for one partition, from its leader's epoch cache.
    LeaderEpochResult offsetForLeaderEpoch(const LeaderEpochRequest &request);
    // DescribeLogDirs on `broker`: its one log directory and the replicas in it (every topic
    // when `topics` is empty), each with its size on disk and offset lag.
    LogDirDescription describeLogDir(int32_t broker, const std::vector<LogDirTopicAsk> &topics);

    // InitProducerId for an idempotent (not transactional) producer: a new producer id, epoch 0,
    // from the same blocks the simulated producers' ids come from (never reused).
    Result<int64_t> initProducerId();

    // --- group coordinators, for real clients (FindCoordinator, JoinGroup, SyncGroup, ...)
    // The broker that coordinates `groupId`, the leader of its __consumer_offsets partition
    // (the topic is created on first use, as Kafka's first FindCoordinator does).
    // COORDINATOR_NOT_AVAILABLE while that partition has no leader.
    Result<int32_t> findGroupCoordinator(const std::string &groupId);
    // Runs `fn` with the coordinator of `groupId` when `broker` hosts it, or with nullptr and
    // NOT_COORDINATOR / COORDINATOR_NOT_AVAILABLE. Answers the coordinator keeps for later
    // (joins, syncs, replicated commits) run on the engine thread.
    void withGroupCoordinator(const std::string &groupId, int32_t broker,
        const std::function<void(GroupCoordinator *coordinator, ErrorCode error)> &fn);
    // Every group coordinator `broker` runs (one per __consumer_offsets partition it leads):
    // ListGroups asks each broker for the groups it coordinates.
    void forEachGroupCoordinatorOn(int32_t broker, const std::function<void(GroupCoordinator &coordinator)> &fn);

    // --- faults and controller actions (Status errors: unknown broker, already in that state)
    Status crashBroker(int32_t brokerId);    // stops at once; keeps what reached its files
    Status restartBroker(int32_t brokerId);  // recovers from its own files, truncates, catches up
    Status isolateBroker(int32_t brokerId);  // network partition from the other brokers
    Status healBroker(int32_t brokerId);
    Status setFollowerDelay(int32_t brokerId, int64_t delayMs); // slow a follower down (0 = normal)
    Status electPreferredLeader(const std::string &topic, int32_t partition);

    // --- inspection (tests, simulations, replica views): one replica's own log, not bounded by
    // the high watermark. Errors: unknown topic, partition or replica; its broker is crashed.
    struct ReplicaBatch {
        int64_t baseOffset = 0;
        int64_t lastOffset = 0;
        int32_t leaderEpoch = -1;
        uint32_t crc = 0;
        bool operator==(const ReplicaBatch &) const = default;
    };
    Result<std::vector<ReplicaBatch>> replicaBatches(const std::string &topic, int32_t partition,
                                                     int32_t broker);
    Result<std::vector<Record>> readReplica(const std::string &topic, int32_t partition, int32_t broker,
                                            int64_t offset, int32_t maxBytes);

    // --- simulated producers (driven by engine timers)
    Result<uint64_t> startAutoProducer(const AutoProducerSpec &spec);
    Status stopAutoProducer(uint64_t id);

    // --- consumer groups (simulated consumers; real clients arrive with the wire protocol)
    // Starts spec.consumers simulated consumers in a group (creates __consumer_offsets on first
    // use). Returns the consumers' client ids.
    Result<std::vector<std::string>> startConsumerGroup(const ConsumerGroupSpec &spec);
    // Adds one more simulated consumer to a group started with startConsumerGroup.
    Result<std::string> addConsumer(const std::string &groupId);
    // clientId as returned above.
    Status consumerAction(const std::string &groupId, const std::string &clientId, ConsumerAction action);
    // Clears the group's ordering checker: counts, findings and per-key state restart at zero
    // (the ordering panel's Reset). GROUP_ID_NOT_FOUND for a group not started here.
    Status resetOrdering(const std::string &groupId);
    // Stops every simulated consumer of the group (graceful leave).
    Status stopConsumerGroup(const std::string &groupId);

    // --- time: run every timer due at or before the clock's now.
    void runDueTimers();
    // Earliest pending timer (engine clock ms), or INT64_MAX.
    int64_t nextTimerMs() const;
    // Simulated mode helper: with a ManualClock, advance to `targetMs` firing timers in order.
    void advanceTo(ManualClock &clock, int64_t targetMs);

    // --- output
    std::shared_ptr<const ClusterSnapshot> makeSnapshot();
    // Events with seq > afterSeq still in the bounded history, oldest first.
    std::vector<Event> eventsSince(uint64_t afterSeq) const;
    // Called for each event as it is emitted (on the engine thread).
    void setEventListener(std::function<void(const Event &)> listener);

    // Flush and mark every log cleanly shut down.
    void shutdown();

private:
    EngineCore();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace kl
