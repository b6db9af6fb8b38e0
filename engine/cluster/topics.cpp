// EngineCore topic commands: create (with Kafka's replica placement), delete, add partitions,
// alter configs; and opening a partition's replica logs.
#include "cluster/core_impl.h"
#include "cluster/metadata_store.h"
#include "cluster/replica_placement.h"
#include "core/topic_name.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <system_error>

namespace kl {

namespace {

Status engineStopped()
{
    return Status::error(ErrorCode::BrokerNotAvailable, "the engine has been shut down");
}

std::string describeAssignment(const std::vector<std::vector<int32_t>> &assignment, int32_t firstPartition)
{
    // Enough to show the pattern without flooding the event list for 1000 partitions.
    constexpr size_t kShown = 12;
    std::string text;
    for (size_t i = 0; i < assignment.size() && i < kShown; ++i)
        text += fmt::format(
            "{}p{} {}", i ? ", " : "", firstPartition + static_cast<int32_t>(i), assignment[i]);
    if (assignment.size() > kShown)
        text += fmt::format(", ... ({} more)", assignment.size() - kShown);
    return text;
}

} // namespace

Status EngineCore::Impl::openPartition(TopicState &topic, int32_t id, std::vector<int32_t> replicas)
{
    PartitionState partition;
    partition.id = id;
    for (int32_t broker : replicas) {
        ReplicaState replica;
        replica.broker = broker;
        const auto dir = replicaDir(broker, topic.name, id);
        replica.epochs = LeaderEpochCache(dir);
        // A crashed broker opens its replicas when it restarts.
        const bool crashed = broker < static_cast<int32_t>(brokers.size())
            && brokers[static_cast<size_t>(broker)].state == BrokerState::Crashed;
        if (!crashed) {
            auto log = Log::open(dir, topic.config.log, clock, logSink(broker, topic.name, id));
            if (!log)
                return Status::error(log.status().code(),
                    fmt::format("cannot open replica {}-{} on broker {} ({}): {}", topic.name, id, broker,
                        dir.string(), log.status().message()));
            replica.log = std::move(*log);
        }
        partition.rs.push_back(std::move(replica));
    }
    partition.replicas = std::move(replicas);
    initLeadership(partition);
    // Reopening: a replica not made in-sync above keeps the high watermark its broker
    // checkpointed (capped at its log end) instead of 0.
    for (auto &r : partition.rs) {
        const auto checkpoint = openingHighWatermarks.find(r.broker);
        if (r.log && checkpoint != openingHighWatermarks.end())
            r.highWatermark = std::max(r.highWatermark,
                checkpointedHighWatermark(checkpoint->second, topic.name, id, *r.log));
    }
    topic.partitions.push_back(std::move(partition));
    return Status::ok();
}

void EngineCore::Impl::announceInitialLeaders(const TopicState &topic, int32_t firstPartition)
{
    for (size_t i = static_cast<size_t>(firstPartition); i < topic.partitions.size(); ++i) {
        const PartitionState &p = topic.partitions[i];
        Event e;
        e.type = EventType::LeaderElected;
        e.topic = topic.name;
        e.partition = p.id;
        e.oldLeader = -1;
        e.newLeader = p.leader;
        e.epoch = p.leaderEpoch;
        e.broker = controllerId;
        e.before = {};
        e.after = p.isr;
        e.cause = "initial";
        e.kind = p.leader < 0 ? "none" : "in_sync";
        if (p.leader < 0) {
            e.detail = fmt::format("{}-{} is offline: no replica of {} is live (initial leader: none, epoch {})",
                topic.name, p.id, p.replicas, p.leaderEpoch);
        } else {
            e.offset = 0;
            const bool preferred = p.leader == p.replicas.front();
            e.detail = fmt::format("{}-{}: broker {} leads in epoch {} (initial leader: first {}replica in "
                                   "assignment order {}); ISR {}",
                topic.name, p.id, p.leader, p.leaderEpoch, preferred ? "" : "live ", p.replicas, p.isr);
        }
        emit(std::move(e));
    }
}

Status EngineCore::createTopic(const std::string &name, const TopicConfig &config)
{
    if (d->shutDown)
        return engineStopped();
    if (Status s = validateTopicName(name); !s)
        return s;
    if (d->topics.count(name))
        return Status::error(ErrorCode::TopicAlreadyExists, fmt::format("topic {} already exists", name));
    for (const auto &[existing, topic] : d->topics)
        if (topicNamesCollide(existing, name))
            return Status::error(ErrorCode::InvalidTopicException,
                fmt::format("topic '{}' collides with existing topic '{}' ('.' and '_' "
                            "mean the same in metric names)",
                    name, existing));
    if (config.partitions < 1 || config.partitions > kMaxPartitions)
        return Status::error(ErrorCode::InvalidPartitions,
            fmt::format("number of partitions must be in 1..{}, got {}", kMaxPartitions, config.partitions));
    if (config.replicationFactor < 1)
        return Status::error(ErrorCode::InvalidReplicationFactor,
            fmt::format("replication factor must be at least 1, got {}", config.replicationFactor));
    if (config.replicationFactor > d->brokerCount)
        return Status::error(ErrorCode::InvalidReplicationFactor,
            fmt::format("replication factor {} is larger than the {} available brokers",
                config.replicationFactor, d->brokerCount));
    if (config.minInsyncReplicas < 1)
        return Status::error(ErrorCode::InvalidConfig,
            fmt::format("min.insync.replicas must be at least 1, got {}", config.minInsyncReplicas));
    if (Status s = validateLogConfig(config.log); !s)
        return s;

    const PlacementStart start = randomPlacementStart(d->brokerCount, d->rng);
    const auto assignment
        = assignReplicas(d->brokerCount, config.replicationFactor, 0, config.partitions, start);
    TopicState topic;
    topic.name = name;
    topic.config = config;
    for (int32_t p = 0; p < config.partitions; ++p) {
        if (Status s = d->openPartition(topic, p, assignment[static_cast<size_t>(p)]); !s) {
            for (auto &partition : topic.partitions)
                for (auto &r : partition.rs)
                    if (r.log)
                        r.log->close();
            return s;
        }
    }
    d->topics.emplace(name, std::move(topic));
    if (Status s = d->saveMetadata(); !s) {
        spdlog::error("topic {} created but not persisted: {}", name, s.toString());
        return s;
    }
    Event e;
    e.type = EventType::TopicCreated;
    e.topic = name;
    e.cause = "created";
    e.count = config.partitions;
    e.value = config.replicationFactor;
    e.detail = fmt::format("{} partitions, replication factor {}, segment.bytes={}, retention.ms={}, "
                           "retention.bytes={}; replicas (rack-unaware rule, startIndex {}, shift {}): {}",
        config.partitions, config.replicationFactor, config.log.segmentBytes, config.log.retentionMs,
        config.log.retentionBytes, start.startIndex, start.shift, describeAssignment(assignment, 0));
    d->emit(std::move(e));
    d->announceInitialLeaders(d->topics.at(name), 0);
    return Status::ok();
}

Status EngineCore::deleteTopic(const std::string &name)
{
    if (d->shutDown)
        return engineStopped();
    auto it = d->topics.find(name);
    if (it == d->topics.end())
        return Status::error(
            ErrorCode::UnknownTopicOrPartition, fmt::format("topic {} does not exist", name));
    for (auto &[id, producer] : d->producers)
        if (producer->running() && producer->spec().topic == name)
            stopAutoProducer(id);
    std::vector<std::filesystem::path> dirs;
    for (auto &partition : it->second.partitions) {
        d->failPartitionPending(name, partition,
            Status::error(ErrorCode::UnknownTopicOrPartition,
                fmt::format("topic {} was deleted before the write was acknowledged", name)));
        for (auto &r : partition.rs) {
            dirs.push_back(d->replicaDir(r.broker, name, partition.id));
            if (r.log)
                r.log->close();
        }
    }
    const int32_t partitions = it->second.config.partitions;
    d->topics.erase(it);
    Status saved = d->saveMetadata();
    for (const auto &dir : dirs) {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
        if (ec)
            spdlog::warn("could not remove {}: {}", dir.string(), ec.message());
    }
    Event e;
    e.type = EventType::TopicDeleted;
    e.topic = name;
    e.cause = "deleted";
    e.count = partitions;
    e.detail = fmt::format("deleted {} partitions and {} replica directories", partitions, dirs.size());
    d->emit(std::move(e));
    d->runDeferred();
    return saved;
}

Status EngineCore::createPartitions(const std::string &name, int32_t newTotal)
{
    if (d->shutDown)
        return engineStopped();
    auto it = d->topics.find(name);
    if (it == d->topics.end())
        return Status::error(
            ErrorCode::UnknownTopicOrPartition, fmt::format("topic {} does not exist", name));
    TopicState &topic = it->second;
    const int32_t oldTotal = topic.config.partitions;
    if (newTotal <= oldTotal)
        return Status::error(ErrorCode::InvalidPartitions,
            fmt::format("topic {} has {} partitions; Kafka can only increase the count "
                        "(asked for {})",
                name, oldTotal, newTotal));
    if (newTotal > kMaxPartitions)
        return Status::error(ErrorCode::InvalidPartitions,
            fmt::format("number of partitions must be at most {}, got {}", kMaxPartitions, newTotal));
    // Kafka continues from partition 0's leader: startIndex = shift = its broker index.
    const int32_t leaderIndex = topic.partitions.front().replicas.front() - 1;
    const auto assignment = assignReplicas(d->brokerCount, topic.config.replicationFactor, oldTotal,
        newTotal - oldTotal, PlacementStart { leaderIndex, leaderIndex });
    for (int32_t p = oldTotal; p < newTotal; ++p) {
        if (Status s = d->openPartition(topic, p, assignment[static_cast<size_t>(p - oldTotal)]); !s) {
            while (static_cast<int32_t>(topic.partitions.size()) > oldTotal) {
                for (auto &r : topic.partitions.back().rs)
                    if (r.log)
                        r.log->close();
                topic.partitions.pop_back();
            }
            return s;
        }
    }
    topic.config.partitions = newTotal;
    Status saved = d->saveMetadata();
    Event e;
    e.type = EventType::PartitionsAdded;
    e.topic = name;
    e.cause = "partitions_added";
    e.value = oldTotal;
    e.count = newTotal;
    e.detail = fmt::format("{} -> {} partitions ({}). Keyed records now go to murmur2(key) % {} instead "
                           "of % {}, so most keys move to another partition; records already written "
                           "stay where they are, and per-key order only holds within one partition",
        oldTotal, newTotal, describeAssignment(assignment, oldTotal), newTotal, oldTotal);
    d->emit(std::move(e));
    d->announceInitialLeaders(topic, oldTotal);
    return saved;
}

Status EngineCore::alterTopicConfig(const std::string &name, const LogConfig &config)
{
    if (d->shutDown)
        return engineStopped();
    auto it = d->topics.find(name);
    if (it == d->topics.end())
        return Status::error(
            ErrorCode::UnknownTopicOrPartition, fmt::format("topic {} does not exist", name));
    if (Status s = validateLogConfig(config); !s)
        return s;
    it->second.config.log = config;
    for (auto &partition : it->second.partitions)
        for (auto &r : partition.rs)
            if (r.log)
                r.log->setConfig(config);
    return d->saveMetadata();
}

} // namespace kl
