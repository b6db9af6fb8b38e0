// EngineCore topic commands: create (with Kafka's replica placement), delete, add partitions,
// alter configs; and opening a partition's replica logs.
#include "cluster/core_impl.h"
#include "cluster/metadata_store.h"
#include "cluster/replica_placement.h"
#include "core/topic_name.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <algorithm>
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

Status EngineCore::Impl::openPartition(TopicState &topic, int32_t id, std::vector<int32_t> replicas,
    std::vector<std::filesystem::path> *created)
{
    PartitionState partition;
    partition.id = id;
    for (int32_t broker : replicas) {
        ReplicaState replica;
        replica.broker = broker;
        const auto dir = replicaDir(broker, topic.name, id);
        replica.epochs = LeaderEpochCache(dir);
        if (opening)
            replica.epochs.holdSaves(); // written once the whole start succeeded
        // A crashed broker opens its replicas when it restarts.
        const bool crashed = broker < static_cast<int32_t>(brokers.size())
            && brokers[static_cast<size_t>(broker)].state == BrokerState::Crashed;
        if (!crashed) {
            std::error_code ec;
            const bool existed = std::filesystem::symlink_status(dir, ec).type()
                != std::filesystem::file_type::not_found;
            auto log = Log::open(dir, topic.config.log, clock, logSink(broker, topic.name, id),
                logOpenOptions(broker, topic, id));
            if (created && !existed
                && std::filesystem::symlink_status(dir, ec).type() != std::filesystem::file_type::not_found)
                created->push_back(dir);
            if (!log) {
                // The replicas opened so far are closed (their active indexes trimmed back), not
                // just dropped: a failed start leaves their files as they were.
                for (auto &opened : partition.rs)
                    if (opened.log)
                        opened.log->close();
                return Status::error(log.status().code(),
                    fmt::format("cannot open replica {}-{} on broker {} ({}): {}", topic.name, id, broker,
                        dir.string(), log.status().message()));
            }
            replica.log = std::move(*log);
        }
        partition.rs.push_back(std::move(replica));
    }
    partition.replicas = std::move(replicas);
    initLeadership(topic.name, partition);
    // Reopening: a replica not made in-sync above keeps the high watermark its broker
    // checkpointed (capped at its log end) instead of 0.
    for (auto &r : partition.rs) {
        const auto checkpoint = openingHighWatermarks.find(r.broker);
        if (r.log && checkpoint != openingHighWatermarks.end())
            r.highWatermark = std::max(r.highWatermark,
                checkpointedHighWatermark(checkpoint->second, topic.name, id, *r.log));
    }
    reloadRecent(partition);
    topic.partitions.push_back(std::move(partition));
    return Status::ok();
}

void EngineCore::Impl::removeCreatedDirectories(const std::vector<std::filesystem::path> &created)
{
    for (const auto &dir : created) {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
        if (ec)
            spdlog::warn("could not remove {} after a failed topic change: {}", dir.string(), ec.message());
    }
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
    return createTopic(name, config, {});
}

namespace {

// Kafka's checks of a manual assignment (ReplicationControlManager), with its messages.
Status validateManualAssignment(const std::vector<std::vector<int32_t>> &assignment, int32_t brokerCount)
{
    if (static_cast<int64_t>(assignment.size()) > kMaxPartitions)
        return Status::error(ErrorCode::InvalidPartitions,
            fmt::format("number of partitions must be in 1..{}, got {}", kMaxPartitions, assignment.size()));
    for (const auto &replicas : assignment) {
        if (replicas.empty())
            return Status::error(ErrorCode::InvalidReplicaAssignment,
                "The manual partition assignment includes an empty replica list.");
        std::vector<int32_t> sorted = replicas;
        std::sort(sorted.begin(), sorted.end());
        for (size_t i = 0; i < sorted.size(); ++i) {
            if (sorted[i] < 1 || sorted[i] > brokerCount)
                return Status::error(ErrorCode::InvalidReplicaAssignment,
                    fmt::format("The manual partition assignment includes broker {}, but no such broker is "
                                "registered.", sorted[i]));
            if (i > 0 && sorted[i] == sorted[i - 1])
                return Status::error(ErrorCode::InvalidReplicaAssignment,
                    fmt::format("The manual partition assignment includes the broker {} more than once.",
                        sorted[i]));
        }
        if (replicas.size() != assignment.front().size())
            return Status::error(ErrorCode::InvalidReplicaAssignment,
                fmt::format("The manual partition assignment includes a partition with {} replica(s), but "
                            "this is not consistent with previous partitions, which have {} replica(s).",
                    replicas.size(), assignment.front().size()));
    }
    return Status::ok();
}

} // namespace

Status EngineCore::createTopic(const std::string &name, const TopicConfig &requested,
    const std::vector<std::vector<int32_t>> &manual)
{
    TopicConfig config = requested;
    if (!manual.empty()) {
        if (Status s = validateManualAssignment(manual, d->brokerCount); !s)
            return s;
        config.partitions = static_cast<int32_t>(manual.size());
        config.replicationFactor = static_cast<int32_t>(manual.front().size());
    }
    if (d->shutDown)
        return engineStopped();
    // Kafka's ControllerApis.createTopics, word for word.
    if (name == kClusterMetadataTopic)
        return Status::error(ErrorCode::InvalidRequest,
            fmt::format("Creation of internal topic {} is prohibited.", kClusterMetadataTopic));
    if (d->topics.count(name))
        return Status::error(ErrorCode::TopicAlreadyExists, fmt::format("Topic '{}' already exists.", name));
    // Kafka would accept this, but its group coordinators keep hashing group ids over the
    // partition count they read at startup (offsets.topic.num.partitions when the topic did not
    // exist). The lab creates the topic itself, with that count, when the first group starts.
    if (name == kConsumerOffsetsTopic)
        return Status::error(ErrorCode::PolicyViolation,
            fmt::format("Kafka Lab refuses to create {} by hand; Apache Kafka 4.x would accept it, but its "
                        "group coordinators keep hashing group ids over the partition count read at startup "
                        "(offsets.topic.num.partitions={}), so groups could find no coordinator until the brokers "
                        "restart. The lab creates it with {} partitions when the first consumer group starts.",
                kConsumerOffsetsTopic, d->options.offsetsTopicPartitions, d->options.offsetsTopicPartitions));
    return d->createTopic(name, config, manual);
}

Status EngineCore::Impl::createTopic(const std::string &name, const TopicConfig &config,
    const std::vector<std::vector<int32_t>> &manual)
{
    if (shutDown)
        return engineStopped();
    if (Status s = validateTopicName(name); !s)
        return s;
    if (topics.count(name))
        return Status::error(ErrorCode::TopicAlreadyExists, fmt::format("Topic '{}' already exists.", name));
    for (const auto &[existing, topic] : topics)
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
    if (config.replicationFactor > brokerCount)
        return Status::error(ErrorCode::InvalidReplicationFactor,
            fmt::format("replication factor {} is larger than the {} available brokers",
                config.replicationFactor, brokerCount));
    if (config.minInsyncReplicas < 1)
        return Status::error(ErrorCode::InvalidConfig,
            fmt::format("min.insync.replicas must be at least 1, got {}", config.minInsyncReplicas));
    // Kafka accepts a value above the replication factor and then refuses every acks=all write
    // (NOT_ENOUGH_REPLICAS), a misconfiguration worth showing; Kafka Lab keeps that. A value no
    // ISR of this cluster could ever reach is refused, as the data directory's loader does.
    if (config.minInsyncReplicas > brokerCount)
        return Status::error(ErrorCode::InvalidConfig,
            fmt::format("min.insync.replicas {} is larger than the {} brokers of the cluster: no ISR could reach it",
                config.minInsyncReplicas, brokerCount));
    if (Status s = validateLogConfig(config.log); !s)
        return s;

    // The seeded generator is drawn from even for a manual assignment, so pinning one topic
    // does not move every later topic's placement.
    const PlacementStart start = randomPlacementStart(brokerCount, rng);
    const auto assignment = manual.empty()
        ? assignReplicas(brokerCount, config.replicationFactor, 0, config.partitions, start)
        : manual;
    TopicState topic;
    topic.name = name;
    topic.topicId = Uuid::random(idRng);
    topic.config = config;
    std::vector<std::filesystem::path> created;
    for (int32_t p = 0; p < config.partitions; ++p) {
        if (Status s = openPartition(topic, p, assignment[static_cast<size_t>(p)], &created); !s) {
            for (auto &partition : topic.partitions)
                for (auto &r : partition.rs)
                    if (r.log)
                        r.log->close();
            topic.partitions.clear();
            // Nothing of the failed topic stays behind for a later topic of the same name.
            removeCreatedDirectories(created);
            return s;
        }
    }
    topics.emplace(name, std::move(topic));
    if (Status s = saveMetadata(); !s) {
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
                           "retention.bytes={}; replicas ({}): {}",
        config.partitions, config.replicationFactor, config.log.segmentBytes, config.log.retentionMs,
        config.log.retentionBytes,
        manual.empty() ? fmt::format("rack-unaware rule, startIndex {}, shift {}", start.startIndex, start.shift)
                       : std::string("manual assignment"),
        describeAssignment(assignment, 0));
    emit(std::move(e));
    announceInitialLeaders(topics.at(name), 0);
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
    // Kafka 4.x deletes it (no internal-topic check in the controller); the lab keeps it.
    if (name == kConsumerOffsetsTopic)
        return Status::error(ErrorCode::PolicyViolation,
            fmt::format("Kafka Lab refuses to delete {}; Apache Kafka 4.x would delete it, and every consumer "
                        "group would lose its committed offsets and its coordinator's state.",
                kConsumerOffsetsTopic));
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
    // Kafka 4.x adds them; its coordinators keep the old count until the brokers restart, then
    // hash group ids over the new one, so groups land on partitions without their offsets.
    if (name == kConsumerOffsetsTopic)
        return Status::error(ErrorCode::PolicyViolation,
            fmt::format("Kafka Lab refuses to add partitions to {}; Apache Kafka 4.x would add them, but a "
                        "group's coordinator is the leader of partition hash(group.id) % partition count, so "
                        "after the next broker restart groups move to partitions that hold none of their "
                        "committed offsets.",
                kConsumerOffsetsTopic));
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
    std::vector<std::filesystem::path> created;
    for (int32_t p = oldTotal; p < newTotal; ++p) {
        if (Status s = d->openPartition(topic, p, assignment[static_cast<size_t>(p - oldTotal)], &created); !s) {
            while (static_cast<int32_t>(topic.partitions.size()) > oldTotal) {
                for (auto &r : topic.partitions.back().rs)
                    if (r.log)
                        r.log->close();
                topic.partitions.pop_back();
            }
            d->removeCreatedDirectories(created);
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

Status EngineCore::alterTopicConfig(const std::string &name, const TopicConfig &config)
{
    if (d->shutDown)
        return engineStopped();
    auto it = d->topics.find(name);
    if (it == d->topics.end())
        return Status::error(ErrorCode::UnknownTopicOrPartition, fmt::format("topic {} does not exist", name));
    const TopicConfig &now = it->second.config;
    if (config.partitions != now.partitions || config.replicationFactor != now.replicationFactor)
        return Status::error(ErrorCode::InvalidRequest,
            fmt::format("topic {}: partitions and replication factor are not configs (CreatePartitions adds partitions)",
                name));
    if (config.minInsyncReplicas < 1)
        return Status::error(ErrorCode::InvalidConfig,
            fmt::format("min.insync.replicas must be at least 1, got {}", config.minInsyncReplicas));
    if (Status s = validateLogConfig(config.log); !s)
        return s;
    it->second.config.minInsyncReplicas = config.minInsyncReplicas;
    it->second.config.uncleanLeaderElection = config.uncleanLeaderElection;
    if (config.log == now.log)
        return d->saveMetadata();
    return alterTopicConfig(name, config.log);
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
