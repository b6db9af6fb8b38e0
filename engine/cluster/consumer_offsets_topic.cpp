// The group system's side of __consumer_offsets: one coordinator per partition on that
// partition's leader, the sink that appends the coordinators' records to it, and the replay
// that rebuilds a coordinator's groups when leadership moves (see groups.h).
#include "cluster/consumer_offsets.h"
#include "cluster/groups.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace kl {

namespace {

std::string offsetsTopic()
{
    return std::string(kOffsetsTopic);
}

} // namespace

int32_t EngineCore::Impl::GroupSystem::offsetsPartitions() const
{
    auto it = d.topics.find(offsetsTopic());
    return it == d.topics.end() ? 0 : static_cast<int32_t>(it->second.partitions.size());
}

int32_t EngineCore::Impl::GroupSystem::partitionFor(const std::string &groupId) const
{
    return offsetsPartitionFor(groupId, offsetsPartitions());
}

GroupCoordinator *EngineCore::Impl::GroupSystem::coordinatorFor(const std::string &groupId, int32_t *broker)
{
    auto it = coordinators.find(partitionFor(groupId));
    if (it == coordinators.end() || !it->second.coordinator || it->second.broker < 0)
        return nullptr;
    PartitionState *p = d.findPartition(offsetsTopic(), it->first);
    if (!p || p->leader != it->second.broker || !d.brokerLive(p->leader))
        return nullptr;
    if (broker)
        *broker = it->second.broker;
    return it->second.coordinator.get();
}

int32_t EngineCore::Impl::GroupSystem::findCoordinator(const std::string &groupId)
{
    int32_t broker = -1;
    return coordinatorFor(groupId, &broker) ? broker : -1;
}

GroupCoordinator *EngineCore::Impl::GroupSystem::coordinatorOn(const std::string &groupId, int32_t broker)
{
    int32_t actual = -1;
    GroupCoordinator *c = coordinatorFor(groupId, &actual);
    return c && actual == broker ? c : nullptr;
}

Status EngineCore::Impl::GroupSystem::appendToOffsets(
    int32_t partition, int32_t broker, std::vector<ProduceRecord> records)
{
    PartitionState *p = d.findPartition(offsetsTopic(), partition);
    if (!p || p->leader != broker)
        return Status::error(ErrorCode::NotLeaderOrFollower,
            fmt::format("{}-{}: broker {} no longer leads it (leader {})", kOffsetsTopic, partition, broker,
                p ? p->leader : -1));
    ProduceRequest request;
    request.topic = offsetsTopic();
    request.partition = partition;
    request.acks = Acks::Leader;
    request.records = std::move(records);
    return d.produceWith(request, storePartitioner, rng).status;
}

GroupStoreSink EngineCore::Impl::GroupSystem::makeSink(int32_t partition, int32_t broker)
{
    GroupStoreSink sink;
    // Offset commits as Kafka stores them: acks=all on the offsets partition, answered when the
    // ISR has the records (or after offsets.commit.timeout.ms), so an acknowledged commit
    // survives the coordinator's broker crashing (without unclean election).
    sink.appendOffsetsReplicated = [this, partition, broker](const std::string &groupId,
                                       const std::vector<OffsetCommitRecord> &commits,
                                       std::function<void(Status)> done) {
        auto records = encodeOffsetCommits(groupId, commits, d.clock.nowMs());
        if (!records) {
            d.deferred.push_back([done, st = records.status()] { done(st); });
            return;
        }
        PartitionState *p = d.findPartition(offsetsTopic(), partition);
        if (!p || p->leader != broker || !d.brokerLive(broker)) {
            d.deferred.push_back([done, partition, broker, leader = p ? p->leader : -1] {
                done(Status::error(ErrorCode::NotLeaderOrFollower,
                    fmt::format("{}-{}: broker {} no longer leads it (leader {})", kOffsetsTopic, partition,
                        broker, leader)));
            });
            return;
        }
        ProduceRequest request;
        request.topic = offsetsTopic();
        request.partition = partition;
        request.acks = Acks::All;
        request.timeoutMs = kOffsetsCommitTimeoutMs;
        request.records = std::move(*records);
        d.produceAsyncWith(request, storePartitioner, rng,
            [done](ProduceResult result) { done(result.status); }, false);
    };
    sink.appendOffsets = [this, partition, broker](
                             const std::string &groupId, const std::vector<OffsetCommitRecord> &commits) {
        auto records = encodeOffsetCommits(groupId, commits, d.clock.nowMs());
        if (!records)
            return records.status();
        return appendToOffsets(partition, broker, std::move(*records));
    };
    sink.appendGroupMetadata = [this, partition, broker](
                                   const std::string &groupId, const GroupMetadataRecord &metadata) {
        auto record = encodeGroupMetadata(groupId, metadata);
        if (!record)
            return record.status();
        std::vector<ProduceRecord> records;
        records.push_back(std::move(*record));
        return appendToOffsets(partition, broker, std::move(records));
    };
    return sink;
}

void EngineCore::Impl::GroupSystem::loadCoordinator(int32_t partition)
{
    OffsetsCoordinator &slot = coordinators[partition];
    if (slot.coordinator) {
        // Kafka's onResignation: waiting joins and syncs learn this broker is not the coordinator.
        slot.coordinator->setActive(false);
        slot.coordinator.reset();
    }
    slot.broker = -1;
    slot.replayedRecords = 0;
    PartitionState *p = d.findPartition(offsetsTopic(), partition);
    Log *log = p ? p->leaderLog() : nullptr;
    if (!log || !d.brokerLive(p->leader))
        return;
    const int32_t broker = p->leader;

    // A new leader may hold records its ISR does not have yet (written by the old coordinator,
    // above the high watermark): they can still be lost if this leader fails before its
    // followers fetch them, so what they say must not be shown or answered yet. Kafka 4.x's
    // coordinator runtime replays them but serves reads at the last committed offset; Kafka Lab
    // waits (COORDINATOR_NOT_AVAILABLE meanwhile) until the high watermark reaches the log end,
    // then loads everything (found by the offset-commit simulation, seed 1612: a commit shown by
    // a coordinator that then crashed came back older on the next).
    if (p->leaderReplica()->highWatermark < log->logEndOffset()) {
        const int32_t epoch = p->leaderEpoch;
        d.timers.schedule(d.clock.nowMs() + std::max<int64_t>(1, d.options.replicaFetchIntervalMs),
            [this, partition, broker, epoch] {
                PartitionState *q = d.findPartition(offsetsTopic(), partition);
                if (q && q->leader == broker && q->leaderEpoch == epoch && coordinators[partition].broker < 0)
                    onLeaderChange(partition);
            });
        return;
    }

    // Replay the partition from its start to its end (Kafka's loadGroupsAndOffsets).
    std::vector<ReplayedGroupRecord> replayed;
    const Status s = log->forEachRecord(log->logStartOffset(), log->logEndOffset(), [&](const Record &record) {
        auto decoded = decodeOffsetsTopicRecord(record);
        if (decoded && *decoded)
            replayed.push_back(std::move(**decoded));
        else if (!decoded)
            spdlog::warn("{}-{} offset {}: {}", kOffsetsTopic, partition, record.offset, decoded.status().toString());
    });
    if (!s)
        spdlog::warn("replaying {}-{}: {}", kOffsetsTopic, partition, s.toString());

    auto coordinator = std::make_unique<GroupCoordinator>(config, timerService, rng, makeSink(partition, broker));
    coordinator->setListener([this, broker](const GroupEvent &event) { onGroupEvent(broker, event); });
    if (Status s = coordinator->load(replayed); !s)
        spdlog::warn("coordinator for {}-{} on broker {}: {}", kOffsetsTopic, partition, broker, s.toString());
    slot.coordinator = std::move(coordinator);
    slot.broker = broker;
    slot.replayedRecords = static_cast<int64_t>(replayed.size());
    // Groups the log holds (members that rejoin without a new join, commits of earlier runs)
    // show in the views as soon as their coordinator loads them.
    for (const GroupDescription &group : slot.coordinator->describe())
        if (!groups.count(group.groupId))
            observe(group.groupId);
}

void EngineCore::Impl::GroupSystem::loadAll()
{
    for (int32_t p = 0; p < offsetsPartitions(); ++p)
        if (!coordinators.count(p))
            loadCoordinator(p);
}

void EngineCore::Impl::GroupSystem::onLeaderChange(int32_t partition)
{
    const int32_t before = coordinators.count(partition) ? coordinators[partition].broker : -1;
    loadCoordinator(partition);
    const OffsetsCoordinator &slot = coordinators[partition];
    if (slot.broker == before)
        return;
    for (auto &[groupId, runtime] : groups) {
        if (partitionFor(groupId) != partition)
            continue;
        // After a coordinator's broker went down, "from" is the one the group last had.
        const int32_t from = before >= 0 ? before : runtime.lastCoordinator;
        const PartitionState *offsets = d.findPartition(offsetsTopic(), partition);
        const int32_t downLeader = offsets ? offsets->leader : -1;
        Event e;
        e.type = EventType::CoordinatorMoved;
        e.group = groupId;
        e.broker = slot.broker;
        e.oldLeader = from;
        e.newLeader = slot.broker;
        e.topic = offsetsTopic();
        e.partition = partition;
        e.cause = slot.broker >= 0 ? "moved" : downLeader >= 0 ? "leader_down" : "unavailable";
        e.causeBroker = slot.broker < 0 ? downLeader : -1;
        e.value = slot.broker < 0 ? -1 : static_cast<int64_t>(slot.replayedRecords);
        e.detail = slot.broker < 0 && downLeader >= 0
            ? fmt::format("group {}: broker {}, the leader of {}-{}, is down or cut off, so the group has "
                          "no coordinator (COORDINATOR_NOT_AVAILABLE until it returns or is fenced and "
                          "another replica leads)",
                  groupId, downLeader, kOffsetsTopic, partition)
            : slot.broker < 0
            ? fmt::format("group {}: {}-{} has no leader, so the group has no coordinator "
                          "(COORDINATOR_NOT_AVAILABLE until a replica leads again)",
                  groupId, kOffsetsTopic, partition)
            : fmt::format("group {}: coordinator moved from broker {} to broker {} with the leadership of "
                          "{}-{}; it replayed {} records of that partition to rebuild the group and its "
                          "committed offsets",
                  groupId, from, slot.broker, kOffsetsTopic, partition, slot.replayedRecords);
        if (slot.broker >= 0)
            runtime.lastCoordinator = slot.broker;
        d.emit(std::move(e));
    }
}

void EngineCore::Impl::onOffsetsLeaderChange(int32_t partition)
{
    if (groupSystem)
        groupSystem->onLeaderChange(partition);
}

} // namespace kl
