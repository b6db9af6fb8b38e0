// SimulatedConsumer: one consumer of a group, living inside the engine as an actor on engine
// timers. It behaves like Kafka's Java consumer (KafkaConsumer + ConsumerCoordinator) and speaks
// to the group coordinator only through its request API (group/group_api.h):
//   FindCoordinator -> JoinGroup v9 (MEMBER_ID_REQUIRED two-step) with the ConsumerProtocol
//   subscription the Java client writes for its assignor (consumer_protocol.h) -> the leader
//   runs the assignor on every member's subscription (unless told to skip it, KIP-814) ->
//   SyncGroup -> Heartbeat every heartbeat.interval.ms -> poll (fetch below the high watermark
//   at its processing rate, from the committed offset or auto.offset.reset) -> OffsetCommit of
//   every position it has, changed or not, with the position's leader epoch (auto every
//   auto.commit.interval.ms, on revocation and on close; or after every poll with
//   enable.auto.commit=false).
// Rebalances: an eager assignor revokes everything before rejoining (committing first when
// auto-commit is on); cooperative-sticky keeps what it still owns, revokes only what the new
// assignment takes away, and rejoins once more when it revoked something (KIP-429's 2nd round).
// Actions: crash (silence; the session timeout removes it), leave (commit + LeaveGroup), stall
// (no polls; after max.poll.interval.ms it sends LeaveGroup, as the Java heartbeat thread does),
// resume (polls again and rejoins; a crashed or closed consumer restarts as a new member).
// Everything it needs from the engine goes through ConsumerHost. Owned by the engine's group
// system, which outlives every callback it hands out. Single-threaded: the engine thread.
#pragma once

#include "api/commands.h"
#include "api/events.h"
#include "core/status.h"
#include "group/group_coordinator.h"
#include "group/timer_service.h"
#include "group/types.h"
#include "log/record_batch.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kl {

class SimulatedConsumer;

// Records a fetch returned, with each one's batch partitionLeaderEpoch (the epoch the position
// after it carries, as the Java client's FetchPosition.offsetEpoch does).
struct ConsumerFetch {
    std::vector<Record> records;
    std::vector<int32_t> leaderEpochs; // one per record
};

// The engine as a consumer sees it: brokers' coordinators, partition leaders, timers, events.
class ConsumerHost {
public:
    virtual ~ConsumerHost() = default;
    virtual TimerService &timers() = 0;
    // FindCoordinator: the broker coordinating the group now, or -1 (COORDINATOR_NOT_AVAILABLE).
    virtual int32_t findCoordinator(const std::string &groupId) = 0;
    // The coordinator that broker runs for the group, or nullptr (NOT_COORDINATOR).
    virtual GroupCoordinator *coordinatorOn(const std::string &groupId, int32_t broker) = 0;
    virtual int32_t partitionCount(const std::string &topic) = 0; // -1: unknown topic
    // Up to maxRecords records from the partition leader, below its high watermark.
    virtual Result<ConsumerFetch> fetch(const TopicPartition &tp, int64_t offset, int32_t maxRecords) = 0;
    // [log start offset, high watermark] on the leader; an error when there is no leader.
    virtual Result<std::pair<int64_t, int64_t>> offsetRange(const TopicPartition &tp) = 0;
    virtual void emit(Event event) = 0;
    // Every record the consumer processes, in processing order (ordering checker, counters).
    virtual void onConsumed(const SimulatedConsumer &consumer, const TopicPartition &tp, const Record &record) = 0;
};

enum class ConsumerStatus { Running, Stalled, Crashed, Left };
std::string_view consumerStatusName(ConsumerStatus status); // "running", "stalled", "crashed", "left"

class SimulatedConsumer {
public:
    static constexpr int32_t kMaxPollRecords = 500; // max.poll.records

    SimulatedConsumer(ConsumerHost &host, ConsumerGroupSpec spec, std::string clientId,
        std::optional<std::string> groupInstanceId, std::string clientHost);
    ~SimulatedConsumer();
    SimulatedConsumer(const SimulatedConsumer &) = delete;
    SimulatedConsumer &operator=(const SimulatedConsumer &) = delete;

    void start();
    void crash();
    void leave();
    void stall();
    void resume();

    const std::string &groupId() const { return m_spec.groupId; }
    const std::string &clientId() const { return m_clientId; }
    const std::optional<std::string> &groupInstanceId() const { return m_instanceId; }
    const std::string &clientHost() const { return m_clientHost; }
    const std::string &memberId() const { return m_memberId; }
    int32_t generation() const { return m_generation; }
    ConsumerStatus status() const { return m_status; }
    const std::vector<TopicPartition> &owned() const { return m_owned; }
    int64_t consumed() const { return m_consumed; }
    double recordsPerSec() const { return m_rate; }
    // Recomputes recordsPerSec over the time since the previous call.
    void sampleRate(int64_t nowMs);
    // Partitions revoked from it over its life (tests: cooperative keeps the unmoved ones).
    int64_t revokedCount() const { return m_revokedCount; }

private:
    enum class Phase { NeedJoin, Joining, Syncing, Stable };

    void scheduleTick(int64_t atMs);
    void tick();
    GroupCoordinator *coordinator();
    void markCoordinatorUnknown() { m_coordinatorBroker = -1; }
    bool inGroup() const { return !m_memberId.empty() && m_generation >= 0; }
    bool cooperative() const;

    void sendJoin();
    // Errors JoinGroup and SyncGroup share (lost membership, fencing, coordinator moved,
    // rebalance): handled here; false for NONE.
    bool handleGroupError(ErrorCode code);
    void onJoin(const JoinGroupResponse &response);
    std::vector<SyncGroupAssignment> computeAssignment(const JoinGroupResponse &response);
    void onSync(const SyncGroupResponse &response);
    void heartbeat(int64_t nowMs);
    // Kafka's onJoinPrepare: eager protocols commit (auto-commit) and revoke everything.
    void prepareRejoin();
    void revoke(const std::vector<TopicPartition> &partitions, bool commitFirst, const char *why);
    // Kafka's onPartitionsLost / resetGeneration: nothing is committed, the member id is dropped.
    void loseMembership(bool keepMemberId);
    void sendLeave(const std::string &reason);

    void poll(int64_t nowMs);
    void ensurePositions();
    // OffsetCommit, answered once the commit is replicated (see GroupCoordinator); a failed
    // commit changes nothing here, so the next auto-commit (or poll, without auto-commit)
    // sends those positions again, as the Java client's next commit would.
    // Returns whether a commit was sent; `then` runs after its answer was handled.
    bool commit(const std::vector<TopicPartition> &partitions, const char *why, std::function<void()> then = {});
    // The rest of close() once its commit is answered: revoke, LeaveGroup, Left.
    void finishLeave();
    void onCommitted(const OffsetCommitRequest &request, const OffsetCommitResponse &response, uint64_t incarnation,
        const char *why);

    ConsumerHost &m_host;
    ConsumerGroupSpec m_spec;
    std::string m_clientId;
    std::optional<std::string> m_instanceId;
    std::string m_clientHost;
    bool m_cooperative = false;

    ConsumerStatus m_status = ConsumerStatus::Running;
    Phase m_phase = Phase::NeedJoin;
    uint64_t m_incarnation = 0; // bumped by crash/leave/restart: older callbacks are ignored
    uint64_t m_timer = 0;
    int32_t m_coordinatorBroker = -1;
    bool m_closing = false; // close() waits for its commit (Kafka's commitSync in close)
    bool m_commitBeforeJoin = false; // an eager rebalance's commit is not answered yet

    std::string m_memberId;
    int32_t m_generation = -1;
    std::vector<TopicPartition> m_owned;        // sorted
    // Its assignor's state (onAssignment): the last assignment, in the order it came, and its
    // generation; the sticky assignors' userData carries them.
    std::vector<TopicPartition> m_lastAssigned;
    int32_t m_lastGeneration = -1;
    // SubscriptionState.FetchPosition: the next offset to read and the leader epoch of the
    // record before it (-1 when unknown: after auto.offset.reset, before anything was read).
    struct Position {
        int64_t offset = 0;
        int32_t offsetEpoch = -1;
    };
    std::map<TopicPartition, Position> m_positions;

    int64_t m_lastPollMs = 0;
    int64_t m_lastHeartbeatMs = 0;
    int64_t m_lastAutoCommitMs = 0;
    double m_carry = 0;
    size_t m_nextPartition = 0; // round-robin start over owned partitions
    bool m_leftOnPollTimeout = false;

    int64_t m_consumed = 0;
    int64_t m_rateSampleConsumed = 0;
    int64_t m_rateSampleMs = -1;
    double m_rate = 0;
    int64_t m_revokedCount = 0;
    // Commit answers may arrive after the consumer is gone (its group stopped).
    std::shared_ptr<bool> m_lifetime = std::make_shared<bool>(true);
};

} // namespace kl
