// EngineCore::Impl: the cluster state behind the EngineCore facade, shared by the files that
// implement it (engine_core.cpp: open, timers, events, snapshots; topics.cpp; produce.cpp;
// auto_producer.cpp; controller.cpp: broker states, elections, faults; replication.cpp: follower
// fetches, high watermark, ISR, acks=all completion; broker_checkpoints.cpp: the broker-level
// offset checkpoint files; groups.h: consumer groups, their
// coordinators on __consumer_offsets leaders and simulated consumers). Internal to kl_engine.
// Thread-safety: none; everything here runs on the one thread that drives the EngineCore.
#pragma once

#include "api/engine_core.h"
#include "cluster/auto_producer.h"
#include "cluster/leader_epoch_cache.h"
#include "cluster/offset_checkpoint.h"
#include "cluster/timer_queue.h"
#include "log/log.h"
#include "log/producer_state.h"

#include <deque>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace kl {

struct ClusterMetadata;

// One replica of a partition: its log on its broker, its leader-epoch cache, and what the
// leader knows about it (valid while the partition has a leader).
// Why the controller or a leader changed leadership or an ISR: the event's cause code (see
// EventCause in api/events.h), the broker it names, the limit involved and an English line.
struct Cause {
    std::string code;
    int32_t broker = -1;
    int64_t limit = -1;
    std::string text;
};

struct ReplicaState {
    int32_t broker = 0;
    std::unique_ptr<Log> log;     // null while its broker is crashed
    LeaderEpochCache epochs;
    int64_t highWatermark = 0;    // as this replica knows it (a follower learns it by fetching)
    int64_t lastLeo = 0;          // LEO when the log was last seen open (snapshots of crashed replicas)
    // The leader's view of this replica (Kafka's Replica state on the leader).
    int64_t knownLeo = -1;        // fetch offset of its last fetch; -1 = not fetched yet this epoch
    int64_t lastCaughtUpMs = 0;
    int64_t lastFetchLeaderLeo = 0;
    int64_t lastFetchMs = 0;
    // Idempotent producers as this replica's log holds them, valid while it leads in
    // producerStateEpoch with its log ending at producerStateEnd; otherwise rebuilt from the log
    // before the next idempotent append (produce.cpp: leaderProducerState).
    ProducerStateTable producerState;
    int32_t producerStateEpoch = -1;
    int64_t producerStateEnd = -1;

    int64_t leo() const { return log ? log->logEndOffset() : lastLeo; }
};

// One partition: its replica assignment (rs[i] lives on broker replicas[i]), the controller's
// decisions (leader, epoch, ISR) and produce requests waiting for acks=all.
struct PartitionState {
    int32_t id = 0;
    std::vector<int32_t> replicas;
    std::vector<ReplicaState> rs;
    int32_t leader = -1;          // broker id; -1 = offline
    int32_t leaderEpoch = 0;
    std::vector<int32_t> isr;     // assignment order
    // The largest high watermark any leader reached: what acks=all producers may have been told
    // is committed. An unclean election below it loses [new leader's LEO, this).
    int64_t committedHw = 0;
    std::vector<uint64_t> pendingAcks; // ids into Impl::pending, oldest first

    // Drawing cells for the newest records, and caches rebuilt only when something changed.
    std::deque<RecordCell> recent;
    std::shared_ptr<const std::vector<RecordCell>> recentShared;
    bool recentDirty = true;
    std::vector<SegmentSnapshot> segmentsCache;
    bool segmentsDirty = true;

    ReplicaState *replica(int32_t broker)
    {
        for (auto &r : rs)
            if (r.broker == broker)
                return &r;
        return nullptr;
    }
    ReplicaState *leaderReplica() { return leader >= 0 ? replica(leader) : nullptr; }
    Log *leaderLog()
    {
        ReplicaState *r = leaderReplica();
        return r ? r->log.get() : nullptr;
    }
    // The replica views show when there is no leader: the first one with an open log.
    ReplicaState *viewReplica()
    {
        if (ReplicaState *r = leaderReplica(); r && r->log)
            return r;
        for (auto &r : rs)
            if (r.log)
                return &r;
        return nullptr;
    }
    bool inIsr(int32_t broker) const
    {
        for (int32_t b : isr)
            if (b == broker)
                return true;
        return false;
    }
};

// An acks=all produce waiting for the high watermark to pass its records.
struct PendingProduce {
    struct Part {
        std::string topic;
        int32_t partition = 0;
        int64_t firstOffset = 0;
        int64_t requiredOffset = 0; // last offset + 1
        int32_t epoch = 0;          // leader epoch it was appended in
        bool done = false;
    };
    std::vector<Part> parts;
    ProduceResult result;
    std::function<void(ProduceResult)> done;
    bool emitEvents = true;
};

struct TopicState {
    std::string name;
    Uuid topicId;                 // drawn at creation, kept in cluster-metadata.json
    TopicConfig config;
    std::deque<PartitionState> partitions; // a deque: PartitionState is move-only
    // One partitioner per kind, so sticky/round-robin state carries across produce requests.
    std::map<PartitionerKind, Partitioner> partitioners;
    int64_t recordsProduced = 0;  // TopicSnapshot's counters
    int64_t recordsConsumed = 0;
};

struct EngineCore::Impl {
    Impl(const EngineOptions &o, const Clock &c)
        : options(o)
        , clock(c)
        , rng(o.seed)
        , idRng(o.seed ^ 0x9e3779b97f4a7c15ULL)
    {
    }

    EngineOptions options;
    const Clock &clock;
    std::mt19937_64 rng; // the only randomness in the engine's decisions
    // Topic, cluster and directory ids: seeded too, but apart from `rng` so drawing an id
    // never moves a replica placement or a partitioner's choice.
    std::mt19937_64 idRng;
    std::string clusterId;        // meta.properties' cluster.id, kept in cluster-metadata.json
    int32_t brokerCount = 0;
    std::map<std::string, TopicState> topics; // sorted: snapshots list topics by name
    TimerQueue timers;
    bool shutDown = false;
    // open(): `opening` while the replicas are opened (their epoch checkpoints are held), `opened`
    // once everything did (only then does shutdown write checkpoints and markers).
    bool opening = false;
    bool opened = false;
    // Before open() touches anything: the files it will read are files (and the replica
    // directories directories), readable and writable; an error names the first that is not.
    Status checkStartFiles(const ClusterMetadata &metadata) const;

    // Events.
    std::deque<Event> events;
    uint64_t nextEventSeq = 1;
    std::function<void(const Event &)> listener;
    static constexpr size_t kEventHistory = 10'000;

    // Auto producers.
    std::map<uint64_t, std::unique_ptr<AutoProducer>> producers;
    // Producer ids, handed out as Kafka's InitProducerId does: the controller gives the
    // coordinator blocks of kProducerIdBlockSize ids and persists the next block's start
    // (nextProducerId, cluster-metadata.json: never reused); ids left in a block at a restart
    // are skipped. Epochs start at 0.
    static constexpr uint64_t kProducerIdBlockSize = 1000; // ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE
    uint64_t nextProducerId = 0;
    uint64_t producerIdBlockNext = 0, producerIdBlockEnd = 0; // the current block [next, end)
    Result<int64_t> allocateProducerId();
    // The simulated producer instances (the panel's client.id, the scenario's, each auto
    // producer): their idempotent producer id, epoch and next sequence per partition.
    struct ProducerSession {
        int64_t producerId = -1;
        int16_t producerEpoch = 0;
        std::map<std::pair<std::string, int32_t>, int32_t> nextSequence;
    };
    std::map<std::string, ProducerSession> producerSessions;
    static std::string autoProducerClientId(uint64_t id) { return "auto-producer-" + std::to_string(id); }
    int64_t startedMs = 0;       // engine clock at open (snapshots carry it: engine time)

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
    // inspect.cpp: a replica's open log, or why there is none.
    Result<Log *> replicaLog(const std::string &topic, int32_t partition, int32_t broker);

    // topics.cpp
    // `created` (when given) collects the replica directories this call made, even when it fails,
    // so a failed create or partition increase can remove exactly those.
    Status openPartition(TopicState &topic, int32_t id, std::vector<int32_t> replicas,
        std::vector<std::filesystem::path> *created = nullptr);
    // Removes the directories a failed create or partition increase made (their logs closed).
    void removeCreatedDirectories(const std::vector<std::filesystem::path> &created);
    // At open: every <topic>-<partition> directory under a broker that the metadata does not place
    // there is renamed <topic>-<partition>.<unique>-stray (as Kafka 3.7+ does), reported by a
    // StrayReplicaSetAside event and a warning, and never opened.
    Status setAsideStrayReplicas();
    // createTopic without the refusals of client requests (the lab's own __consumer_offsets).
    Status createTopic(const std::string &name, const TopicConfig &config,
        const std::vector<std::vector<int32_t>> &manual = {});
    // LeaderElected (epoch 0, old leader -1) for partitions [firstPartition, end) of a new topic.
    void announceInitialLeaders(const TopicState &topic, int32_t firstPartition);

    // produce.cpp
    // The leader replica's producer state, rebuilt from its log when stale (a new leader epoch,
    // or appends it did not see: as a follower, or truncation).
    Result<ProducerStateTable *> leaderProducerState(PartitionState &partition, ReplicaState &leader);
    struct AppendedRange {
        int32_t partition = 0;
        int64_t firstOffset = 0;
        int64_t lastOffset = 0;
    };
    // Validates, chooses partitions and appends to the leaders. Refusals (nothing appended) emit
    // ProduceRefused. `appended` receives one range per partition written.
    ProduceResult produceWith(const ProduceRequest &request, Partitioner &partitioner,
        std::mt19937_64 &random, std::vector<AppendedRange> *appended = nullptr);
    // produceWith plus the acks: answers at once (0/1, refusals) or registers a PendingProduce.
    void produceAsyncWith(const ProduceRequest &request, Partitioner &partitioner,
        std::mt19937_64 &random, std::function<void(ProduceResult)> done, bool emitAckEvents);
    // Registers acks=all waits for `ranges` (appended to `topic`): `done` gets `result` once the
    // high watermark covers every range, or an error (REQUEST_TIMED_OUT after timeoutMs, ...).
    void waitForReplicas(const std::string &topic, const std::vector<AppendedRange> &ranges, ProduceResult result,
        std::function<void(ProduceResult)> done, int32_t timeoutMs, bool emitAckEvents);
    // replica_manager.cpp: the wire's raw-batch appends and reads (broker_requests.h).
    void appendRecords(const AppendRecordsRequest &request, std::function<void(AppendRecordsResult)> done);
    // Reads every asked partition now; `bytes` gets the record bytes read, `refused` whether a
    // partition answered with an error (a waiting fetch answers at once then).
    std::vector<ReadRecordsPartition> readNow(const ReadRecordsRequest &request, int64_t &bytes, bool &refused);
    // Counts the records a consumer gets from a Fetch answer into its topic's recordsConsumed.
    void countConsumed(const ReadRecordsRequest &request, const std::vector<ReadRecordsPartition> &answers);
    struct FetchWaiter {
        ReadRecordsRequest request;
        std::function<void(std::vector<ReadRecordsPartition>)> done;
    };
    std::map<uint64_t, FetchWaiter> fetchWaiters;
    // replicaFetchOnAppend: per follower broker, the partitions it fetches at its next
    // immediate fetch (a timer is scheduled while the set is non-empty).
    std::map<int32_t, std::set<std::pair<std::string, int32_t>>> soonFetches;
    uint64_t nextFetchWaiterId = 1;
    // A leader's high watermark moved: fetches waiting on the partition read again.
    void wakeFetchWaiters(const std::string &topic, int32_t partition);
    void answerFetchWaiter(uint64_t id);
    // Redraws the recent cells from the tail of the partition's leader log (the last
    // recentRecordsPerPartition records): on open and on every leader change.
    void reloadRecent(PartitionState &partition);
    void rememberRecent(PartitionState &partition, int64_t offset, int64_t timestamp,
        const std::optional<std::string> &key, const std::optional<std::string> &value);

    // controller.cpp: broker states and the controller's decisions.
    struct BrokerInfo {
        BrokerState state = BrokerState::Running;
        int64_t fetchDelayMs = 0;
        // The controller's view (KRaft's BrokerHeartbeatManager): a broker that stops
        // heartbeating stays unfenced until fenceAtMs, then is fenced. `session` grows with
        // every crash/isolation so a stale fence timer does nothing.
        bool fenced = false;
        int64_t fenceAtMs = -1;
        int64_t lastHeartbeatMs = 0;
        uint64_t session = 0;
    };
    std::vector<BrokerInfo> brokers; // index = broker id (0 unused)
    int32_t controllerId = -1;
    // Running and reachable: may fetch and be fetched from (the data path).
    bool brokerLive(int32_t broker) const;
    // The controller's view: not fenced. A crashed or isolated broker stays unfenced (keeps its
    // leaderships and ISR places) until broker.session.timeout.ms has passed.
    bool brokerUnfenced(int32_t broker) const;
    // Stopped heartbeating now (crash, isolation): fence it after the session timeout.
    void startFenceTimer(int32_t broker);
    void fenceBroker(int32_t broker, uint64_t session);
    // The coordinators on a broker that stopped (crashed, isolated) or came back with its
    // leaderships: the groups on it lose or regain their coordinator.
    void reloadCoordinatorsLedBy(int32_t broker);
    Status checkBroker(int32_t broker) const;
    void updateController();
    // A new or reopened partition: loads epoch caches, picks the first leader and ISR.
    void initLeadership(const std::string &topic, PartitionState &partition);
    // A LogRecovered "epoch_checkpoint_rebuilt" event if loading the replica's epoch cache
    // replaced a bad leader-epoch-checkpoint.
    void reportEpochRebuild(const std::string &topic, int32_t partition, ReplicaState &replica);
    // becomeLeader when the epoch is INT32_MAX: no election (see controller.cpp).
    void refuseExhaustedEpoch(const std::string &topic, PartitionState &partition, int32_t newLeader,
        const Cause &why);
    // The controller's pass over every partition after a broker changed state: fence
    // unreachable ISR members, elect leaders where the leader is gone.
    void reconcile(const Cause &why);
    void electLeader(const std::string &topic, PartitionState &partition, const Cause &why);
    // `kind`: how the leader was chosen ("in_sync", "unclean", "none", "preferred").
    void becomeLeader(const std::string &topic, PartitionState &partition, int32_t newLeader,
        const Cause &why, const std::string &kind);

    // broker_checkpoints.cpp: replication-offset-checkpoint, recovery-point-offset-checkpoint
    // and log-start-offset-checkpoint in each broker directory.
    std::map<std::string, std::string> checkpointTexts; // file -> the text it holds (no rewrites)
    std::map<int32_t, OffsetCheckpoint> openingHighWatermarks; // per broker, only during open()
    // What a broker's logs are opened with while it starts (engine open, restartBroker): its
    // .kafka_cleanshutdown (consumed) and its recovery-point-offset-checkpoint.
    struct LogLoad {
        bool hadCleanShutdown = false;
        OffsetCheckpoint recoveryPoints;
    };
    std::map<int32_t, LogLoad> logLoads;
    // Starts a broker's log load: checks its meta.properties, reads and deletes its marker,
    // reads its recovery points.
    // `removeMarker` false: the caller removes it once every log opened (engine open).
    Status beginLogLoad(int32_t broker, bool removeMarker = true);
    void endLogLoad(int32_t broker) { logLoads.erase(broker); }
    // Options for opening one replica log on `broker` (a replica created at runtime gets no
    // recovery point and is new anyway).
    LogOpenOptions logOpenOptions(int32_t broker, const TopicState &topic, int32_t partition) const;
    // After the broker's logs were closed cleanly: its checkpoints, then .kafka_cleanshutdown.
    void writeCleanShutdown(int32_t broker);
    void writeCheckpoints(int32_t broker);
    void writeAllCheckpoints(); // every broker that is not crashed
    OffsetCheckpoint readHighWatermarks(int32_t broker);
    // The checkpointed high watermark of a replica (0 if none), clamped into its log's
    // [log start, log end].
    static int64_t checkpointedHighWatermark(const OffsetCheckpoint &checkpoint, const std::string &topic,
        int32_t partition, const Log &log);

    // replication.cpp
    void scheduleFetch(int32_t broker, int64_t dueMs);
    void fetcherTick(int32_t broker);
    // options.replicaFetchOnAppend: the leader of `partition` appended; its followers fetch it
    // now (one engine timer per broker at the current time, whatever partitions are waiting).
    void leaderAppended(const std::string &topic, const PartitionState &partition);
    // replica_manager.cpp: the partition `broker` leads, in `currentLeaderEpoch` unless that is
    // -1, or why not (what ListOffsets and OffsetForLeaderEpoch answer): UNKNOWN_TOPIC_OR_PARTITION,
    // NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH (the client is behind), UNKNOWN_LEADER_EPOCH (ahead).
    Result<PartitionState *> leaderPartition(const std::string &topic, int32_t id, int32_t broker, int32_t currentLeaderEpoch);
    void fetchSoon(int32_t broker, const std::string &topic, int32_t partition);
    void followerFetch(const std::string &topic, PartitionState &partition, ReplicaState &follower);
    // OffsetsForLeaderEpoch: cut the follower's log where it diverges from the leader's.
    void truncateDiverged(const std::string &topic, PartitionState &partition, ReplicaState &leader,
        ReplicaState &follower);
    void truncateReplica(const std::string &topic, PartitionState &partition, ReplicaState &replica,
        int64_t offset, const std::string &why, const std::string &cause = {});
    // OFFSET_OUT_OF_RANGE: the follower's log ends below the leader's log start offset; it
    // truncates fully and restarts at the leader's log start offset.
    void restartBehindLogStart(const std::string &topic, PartitionState &partition, ReplicaState &leader,
        ReplicaState &follower);
    void maybeAdvanceHighWatermark(const std::string &topic, PartitionState &partition);
    void setIsr(const std::string &topic, PartitionState &partition, std::vector<int32_t> isr,
        const Cause &why);
    void scheduleIsrCheck(int64_t dueMs);
    void shrinkLaggingIsrs();
    // acks=all bookkeeping.
    std::map<uint64_t, PendingProduce> pending; // ordered by id: completion order is deterministic
    uint64_t nextPendingId = 1;
    std::vector<std::function<void()>> deferred; // callbacks run once the state is consistent
    void checkPending(const std::string &topic, PartitionState &partition);
    void finishPending(uint64_t id, Status status);
    void failPartitionPending(const std::string &topic, PartitionState &partition, const Status &status);
    void runDeferred();

    // auto_producer.cpp
    void scheduleProducerTick(uint64_t id, int64_t dueMs);
    void producerTick(uint64_t id);

    // produce.cpp: what a consumer may read (below the leader's high watermark), decoded.
    // `leaderEpochs`, when given, gets each record's batch partitionLeaderEpoch.
    Result<std::vector<Record>> fetchCommitted(const std::string &topic, int32_t partition, int64_t offset,
        int32_t maxBytes, std::vector<int32_t> *leaderEpochs = nullptr);

    // Consumer groups (groups.h / groups.cpp / consumer_offsets_topic.cpp): created on first use.
    struct GroupSystem;
    struct GroupSystemDeleter {
        void operator()(GroupSystem *system) const; // defined where GroupSystem is complete
    };
    std::unique_ptr<GroupSystem, GroupSystemDeleter> groupSystem;
    GroupSystem &groups();
    // __consumer_offsets, created on the first group use (a simulated group, or a real client's
    // FindCoordinator), as offsets.topic.num.partitions and offsets.topic.replication.factor say.
    Status ensureOffsetsTopic();
    // controller.cpp calls this after every leader change of a __consumer_offsets partition.
    void onOffsetsLeaderChange(int32_t partition);
    void fillGroupSnapshots(ClusterSnapshot &snapshot);

    // Produce rate for snapshots, measured over windows of at least a second of engine time.
    int64_t rateWindowStartMs = -1;
    int64_t rateWindowProduced = 0;
    double producedPerSec = 0;
};

} // namespace kl
