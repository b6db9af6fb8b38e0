// Consumer groups in the engine: the EngineCore API (start/add/act/stop), the ConsumerHost the
// simulated consumers use, and coordinator events -> engine events and the rebalance timeline
// (see groups.h). The lag sampler and snapshots are in group_snapshots.cpp.
#include "cluster/groups.h"

#include "cluster/consumer_offsets.h"
#include "group/assignor.h"
#include "group/consumer_protocol.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace kl {

namespace {

std::string partitionLabel(const TopicPartition &tp)
{
    return fmt::format("{}-{}", tp.topic, tp.partition);
}

Status engineStopped()
{
    return Status::error(ErrorCode::BrokerNotAvailable, "the engine has been shut down");
}

// member id -> client id, from the coordinator's view of the group.
std::map<std::string, std::string> clientIdsOf(GroupCoordinator *c, const std::string &groupId)
{
    std::map<std::string, std::string> out;
    if (!c)
        return out;
    if (auto desc = c->describe(groupId))
        for (const auto &m : desc->members)
            out[m.memberId] = m.clientId;
    return out;
}

} // namespace

void EngineCore::Impl::GroupSystemDeleter::operator()(GroupSystem *system) const
{
    delete system;
}

Status EngineCore::Impl::ensureOffsetsTopic()
{
    if (!topics.count(std::string(kOffsetsTopic))) {
        if (options.offsetsTopicPartitions < 1 || options.offsetsTopicPartitions > kMaxPartitions)
            return Status::error(ErrorCode::InvalidConfig, fmt::format("offsets.topic.num.partitions must be in 1..{}, got {}", kMaxPartitions,
                options.offsetsTopicPartitions));
        TopicConfig config;
        config.partitions = options.offsetsTopicPartitions;
        config.replicationFactor = std::clamp(options.offsetsTopicReplicationFactor, 1, brokerCount);
        config.minInsyncReplicas = 1;
        // cleanup.policy=compact in Kafka; compaction is not simulated, so keep everything.
        config.log.segmentBytes = 100 * 1024;
        config.log.retentionMs = -1;
        config.log.segmentIndexBytes = 64 * 1024;
        if (Status s = createTopic(std::string(kOffsetsTopic), config); !s)
            return s;
    }
    return Status::ok();
}

EngineCore::Impl::GroupSystem &EngineCore::Impl::groups()
{
    if (!groupSystem)
        groupSystem.reset(new GroupSystem(*this));
    return *groupSystem;
}

EngineCore::Impl::GroupSystem::GroupSystem(Impl &impl)
    : d(impl)
    , timerService(impl.timers, impl.clock)
    , rng(impl.options.seed ^ 0x9E3779B97F4A7C15ULL)
{
    config.groupInitialRebalanceDelayMs = std::max(0, impl.options.groupInitialRebalanceDelayMs);
}

EngineCore::Impl::GroupSystem::~GroupSystem() = default;

// --- ConsumerHost

int32_t EngineCore::Impl::GroupSystem::partitionCount(const std::string &topic)
{
    auto it = d.topics.find(topic);
    return it == d.topics.end() ? -1 : static_cast<int32_t>(it->second.partitions.size());
}

Result<ConsumerFetch> EngineCore::Impl::GroupSystem::fetch(const TopicPartition &tp, int64_t offset, int32_t maxRecords)
{
    // About 256 bytes per record keeps reads small; Log::read returns at least one whole batch.
    const int32_t maxBytes = std::clamp(maxRecords, 1, 4096) * 256;
    ConsumerFetch out;
    auto records = d.fetchCommitted(tp.topic, tp.partition, offset, maxBytes, &out.leaderEpochs);
    if (!records)
        return records.status();
    out.records = std::move(*records);
    if (static_cast<int32_t>(out.records.size()) > maxRecords) {
        out.records.resize(static_cast<size_t>(maxRecords));
        out.leaderEpochs.resize(static_cast<size_t>(maxRecords));
    }
    return out;
}

Result<std::pair<int64_t, int64_t>> EngineCore::Impl::GroupSystem::offsetRange(const TopicPartition &tp)
{
    PartitionState *p = d.findPartition(tp.topic, tp.partition);
    if (!p)
        return Status::error(ErrorCode::UnknownTopicOrPartition,
            fmt::format("{}-{} does not exist", tp.topic, tp.partition));
    Log *log = p->leaderLog();
    if (!log)
        return Status::error(ErrorCode::LeaderNotAvailable,
            fmt::format("{}-{} has no leader", tp.topic, tp.partition));
    return std::pair<int64_t, int64_t>(log->logStartOffset(), p->leaderReplica()->highWatermark);
}

void EngineCore::Impl::GroupSystem::emit(Event event)
{
    d.emit(std::move(event));
}

void EngineCore::Impl::GroupSystem::onConsumed(
    const SimulatedConsumer &consumer, const TopicPartition &tp, const Record &record)
{
    if (auto topic = d.topics.find(tp.topic); topic != d.topics.end())
        ++topic->second.recordsConsumed;
    auto it = groups.find(consumer.groupId());
    if (it == groups.end())
        return;
    ConsumedRecord r;
    r.topic = tp.topic;
    r.partition = tp.partition;
    r.offset = record.offset;
    if (record.key)
        r.key = std::string_view(*record.key);
    if (record.value)
        r.value = std::string_view(*record.value);
    r.producedTimestamp = record.timestamp;
    r.processedMs = d.clock.nowMs();
    GroupRuntime &rt = it->second;
    OrderingChecker &checker = rt.ordering;
    const int64_t duplicates = checker.duplicates();
    const int64_t violations = checker.violations();
    const int64_t gaps = checker.gaps();
    checker.onRecord(r);
    // What this record added (the checker's newest finding of that kind is its own).
    const auto note = [this, &rt, &checker](OrderingFindingKind kind, int64_t added) {
        if (added <= 0)
            return;
        const auto &findings = checker.findings();
        for (auto f = findings.rbegin(); f != findings.rend(); ++f)
            if (f->record.kind == kind) {
                noteFinding(rt, *f, added);
                return;
            }
    };
    note(OrderingFindingKind::Duplicate, checker.duplicates() - duplicates);
    note(OrderingFindingKind::Violation, checker.violations() - violations);
    note(OrderingFindingKind::Gap, checker.gaps() - gaps);
}

EngineCore::Impl::GroupSystem::PartitionView EngineCore::Impl::GroupSystem::partitionView(const TopicPartition &tp)
{
    PartitionView v;
    PartitionState *p = d.findPartition(tp.topic, tp.partition);
    if (!p)
        return v;
    ReplicaState *r = p->viewReplica();
    if (!r || !r->log)
        return v;
    v.logStart = r->log->logStartOffset();
    v.hw = r->highWatermark;
    return v;
}

// --- coordinator events -> engine events and the rebalance timeline

void EngineCore::Impl::GroupSystem::onGroupEvent(int32_t broker, const GroupEvent &ge)
{
    auto rt = groups.find(ge.groupId);
    GroupRuntime *runtime = rt == groups.end() ? nullptr : &rt->second;
    if (!runtime && ge.kind == GroupEventKind::MemberJoined)
        runtime = &observe(ge.groupId); // a group of real clients
    const int64_t now = d.clock.nowMs();
    Event e;
    e.group = ge.groupId;
    e.member = ge.memberId;
    e.broker = broker;
    e.client = ge.clientId;
    e.cause = ge.reasonCode;
    e.limit = ge.reasonLimit;
    switch (ge.kind) {
    case GroupEventKind::MemberJoined:
        e.type = EventType::MemberJoined;
        e.detail = fmt::format("{} joined ({})", ge.clientId, ge.reason);
        break;
    case GroupEventKind::MemberLeft:
    case GroupEventKind::MemberFenced:
        e.type = EventType::MemberLeft;
        e.detail = fmt::format("{} left: {}", ge.clientId, ge.reason);
        break;
    case GroupEventKind::MemberTimedOut:
        e.type = EventType::MemberTimedOut;
        e.detail = fmt::format("{} removed: {}", ge.clientId, ge.reason);
        break;
    case GroupEventKind::RebalanceStarted:
        e.type = EventType::RebalanceStarted;
        e.generation = ge.generation;
        e.detail = ge.reason;
        e.member = ge.reasonMember;
        if (!ge.reasonMember.empty()) {
            const auto clients = clientIdsOf(coordinatorFor(ge.groupId), ge.groupId);
            const auto it = clients.find(ge.reasonMember);
            e.client = it != clients.end() ? it->second : std::string();
        }
        if (runtime && (runtime->rebalances.empty() || runtime->rebalances.back().completedMs >= 0)) {
            RebalanceSnapshot r;
            r.cause = ge.reason;
            r.causeCode = ge.reasonCode;
            // A member already removed (timed out, left) has no client id any more; its member
            // id is "<client id>-<36-character UUID>" (as Kafka makes it), so the client id is
            // read back from it, and the whole member id is the fallback.
            r.causeClient = e.client;
            if (r.causeClient.empty()) {
                const std::string &m = e.member;
                constexpr size_t kUuid = 36;
                const bool kafkaStyle = m.size() > kUuid + 1 && m[m.size() - kUuid - 1] == '-'
                    && m[m.size() - 28] == '-' && m[m.size() - 23] == '-' && m[m.size() - 18] == '-'
                    && m[m.size() - 13] == '-';
                r.causeClient = kafkaStyle ? m.substr(0, m.size() - kUuid - 1) : m;
            }
            r.causeLimit = ge.reasonLimit;
            r.startedMs = now;
            runtime->rebalances.push_back(std::move(r));
            while (runtime->rebalances.size() > GroupRuntime::kRebalanceHistory)
                runtime->rebalances.pop_front();
        }
        break;
    case GroupEventKind::JoinCompleted:
        if (runtime && !runtime->rebalances.empty() && runtime->rebalances.back().completedMs < 0) {
            runtime->rebalances.back().generation = ge.generation;
            runtime->rebalances.back().joinCompletedMs = now;
        }
        return; // part of the rebalance; the timeline shows it, the event list does not
    case GroupEventKind::RebalanceCompleted:
    case GroupEventKind::GroupEmptied: {
        e.type = EventType::RebalanceCompleted;
        e.generation = ge.generation;
        const auto clients = clientIdsOf(coordinatorFor(ge.groupId), ge.groupId);
        auto clientOf = [&clients](const std::string &memberId) {
            auto it = clients.find(memberId);
            return it != clients.end() ? it->second : memberId;
        };
        std::map<TopicPartition, std::string> owners;
        std::map<std::string, std::vector<TopicPartition>> byClient;
        for (const auto &[memberId, bytes] : ge.assignments) {
            auto &list = byClient[clientOf(memberId)];
            if (auto a = decodeAssignment(bytes))
                for (const auto &tp : a->partitions) {
                    owners[tp] = clientOf(memberId);
                    list.push_back(tp);
                }
        }
        std::string summary;
        for (auto &[client, list] : byClient) {
            std::sort(list.begin(), list.end());
            std::string parts;
            for (const auto &tp : list)
                parts += fmt::format("{}{}", parts.empty() ? "" : ",", partitionLabel(tp));
            summary += fmt::format("{}{} -> {}", summary.empty() ? "" : "; ", parts.empty() ? "(none)" : parts,
                client);
        }
        e.detail = ge.kind == GroupEventKind::GroupEmptied
            ? fmt::format("generation {}: no members left, the group is Empty", ge.generation)
            : fmt::format("generation {} ({}): {}", ge.generation, ge.protocolName, summary);
        e.cause = ge.kind == GroupEventKind::GroupEmptied ? "emptied" : "assigned";
        e.kind = ge.protocolName;
        e.value = static_cast<int64_t>(ge.assignments.size());
        e.count = static_cast<int64_t>(owners.size());
        e.client.clear();
        if (runtime) {
            std::vector<std::string> moved;
            std::set<TopicPartition> all;
            for (const auto &[tp, c] : runtime->owners)
                all.insert(tp);
            for (const auto &[tp, c] : owners)
                all.insert(tp);
            for (const auto &tp : all) {
                auto before = runtime->owners.find(tp);
                auto after = owners.find(tp);
                const std::string from = before == runtime->owners.end() ? "(none)" : before->second;
                const std::string to = after == owners.end() ? "(none)" : after->second;
                if (from != to)
                    moved.push_back(fmt::format("{}: {} -> {}", partitionLabel(tp), from, to));
            }
            runtime->owners = std::move(owners);
            if (runtime->rebalances.empty() || runtime->rebalances.back().completedMs >= 0) {
                RebalanceSnapshot r;
                r.cause = ge.reason;
                r.causeCode = ge.reasonCode;
                r.startedMs = now - ge.durationMs;
                runtime->rebalances.push_back(std::move(r));
            }
            RebalanceSnapshot &r = runtime->rebalances.back();
            r.generation = ge.generation;
            r.completedMs = now;
            if (r.joinCompletedMs < 0)
                r.joinCompletedMs = now;
            r.moved = std::move(moved);
        }
        break;
    }
    case GroupEventKind::OffsetsCommitted:
    case GroupEventKind::GroupDeleted:
        return; // commits are frequent; the consumers report the meaningful ones
    }
    d.emit(std::move(e));
}

// --- the EngineCore API

Result<std::vector<std::string>> EngineCore::startConsumerGroup(const ConsumerGroupSpec &spec)
{
    if (d->shutDown)
        return engineStopped();
    auto bad = [](const std::string &what) { return Status::error(ErrorCode::InvalidConfig, what); };
    if (spec.groupId.empty())
        return Status::error(ErrorCode::InvalidGroupId, "a consumer group needs a non-empty group id");
    if (spec.topics.empty())
        return bad(fmt::format("group {}: subscribe to at least one topic", spec.groupId));
    for (const auto &topic : spec.topics)
        if (!d->topics.count(topic) || topic == kOffsetsTopic)
            return Status::error(ErrorCode::UnknownTopicOrPartition,
                fmt::format("group {}: topic {} does not exist", spec.groupId, topic));
    if (spec.consumers < 0 || spec.consumers > 1000)
        return bad(fmt::format("group {}: consumers must be in 0..1000, got {}", spec.groupId, spec.consumers));
    if (!makeAssignor(spec.assignor))
        return bad(fmt::format("group {}: unknown assignor '{}' (range, roundrobin, sticky, cooperative-sticky)",
            spec.groupId, spec.assignor));
    if (!(spec.recordsPerSecPerConsumer > 0) || spec.recordsPerSecPerConsumer > 1'000'000)
        return bad(fmt::format("group {}: processing rate must be in (0, 1000000] records/s, got {}",
            spec.groupId, spec.recordsPerSecPerConsumer));
    const GroupCoordinatorConfig limits;
    if (spec.sessionTimeoutMs < limits.groupMinSessionTimeoutMs
        || spec.sessionTimeoutMs > limits.groupMaxSessionTimeoutMs)
        return bad(fmt::format("group {}: session.timeout.ms must be in {}..{} (group.min/max.session.timeout.ms), "
                               "got {}",
            spec.groupId, limits.groupMinSessionTimeoutMs, limits.groupMaxSessionTimeoutMs, spec.sessionTimeoutMs));
    if (spec.heartbeatIntervalMs < 1 || spec.heartbeatIntervalMs >= spec.sessionTimeoutMs)
        return bad(fmt::format("group {}: heartbeat.interval.ms must be >= 1 and below session.timeout.ms ({}), "
                               "got {}",
            spec.groupId, spec.sessionTimeoutMs, spec.heartbeatIntervalMs));
    if (spec.pollIntervalMs < 1 || spec.pollIntervalMs > spec.maxPollIntervalMs)
        return bad(fmt::format("group {}: the poll loop period must be between 1 ms and max.poll.interval.ms ({}), "
                               "got {}",
            spec.groupId, spec.maxPollIntervalMs, spec.pollIntervalMs));
    if (spec.maxPollIntervalMs < 1 || spec.autoCommitIntervalMs < 1)
        return bad(fmt::format("group {}: max.poll.interval.ms ({}) and auto.commit.interval.ms ({}) must be >= 1",
            spec.groupId, spec.maxPollIntervalMs, spec.autoCommitIntervalMs));
    if (spec.autoOffsetReset != "earliest" && spec.autoOffsetReset != "latest")
        return bad(fmt::format("group {}: auto.offset.reset must be earliest or latest, got '{}'", spec.groupId,
            spec.autoOffsetReset));
    if (d->groupSystem && d->groupSystem->groups.count(spec.groupId)
        && !d->groupSystem->groups.at(spec.groupId).observedOnly)
        return Status::error(ErrorCode::InvalidRequest,
            fmt::format("group {} was already started; use addConsumer to grow it", spec.groupId));

    // __consumer_offsets, created on the first group use.
    if (Status s = d->ensureOffsetsTopic(); !s)
        return s;
    Impl::GroupSystem &groups = d->groups();
    groups.loadAll();
    GroupRuntime &rt = groups.groups[spec.groupId];
    rt.observedOnly = false; // simulated consumers join real clients' group, if it has any
    rt.spec = spec;
    std::sort(rt.spec.topics.begin(), rt.spec.topics.end());
    rt.spec.topics.erase(std::unique(rt.spec.topics.begin(), rt.spec.topics.end()), rt.spec.topics.end());
    rt.lastCoordinator = groups.findCoordinator(spec.groupId);
    if (!groups.samplerArmed) {
        groups.samplerArmed = true;
        groups.scheduleSample(d->clock.nowMs() + std::max(1, d->options.lagSampleIntervalMs));
    }
    std::vector<std::string> ids;
    for (int32_t i = 0; i < spec.consumers; ++i) {
        auto id = addConsumer(spec.groupId);
        if (!id)
            return id.status();
        ids.push_back(*id);
    }
    return ids;
}

Result<std::string> EngineCore::addConsumer(const std::string &groupId)
{
    if (d->shutDown)
        return engineStopped();
    if (!d->groupSystem || !d->groupSystem->groups.count(groupId))
        return Status::error(ErrorCode::GroupIdNotFound,
            fmt::format("group {} was not started with startConsumerGroup", groupId));
    Impl::GroupSystem &groups = *d->groupSystem;
    GroupRuntime &rt = groups.groups[groupId];
    const int32_t index = rt.nextIndex++;
    const std::string clientId = fmt::format("{}-{}", rt.spec.clientIdPrefix, index);
    std::optional<std::string> instanceId;
    if (rt.spec.staticMembership)
        instanceId = fmt::format("{}-{}-{}", groupId, rt.spec.clientIdPrefix, index);
    rt.consumers.push_back(std::make_unique<SimulatedConsumer>(groups, rt.spec, clientId, instanceId, "/127.0.0.1"));
    rt.consumers.back()->start();
    return clientId;
}

Status EngineCore::consumerAction(const std::string &groupId, const std::string &clientId, ConsumerAction action)
{
    if (d->shutDown)
        return engineStopped();
    SimulatedConsumer *consumer = nullptr;
    if (d->groupSystem && d->groupSystem->groups.count(groupId))
        consumer = d->groupSystem->groups[groupId].consumer(clientId);
    if (!consumer) {
        // A real client, named by its member id: Leave removes it as an admin's
        // removeMembersFromConsumerGroup does, with a LeaveGroup on its behalf. The client learns
        // at its next heartbeat (UNKNOWN_MEMBER_ID) and joins again.
        if (action != ConsumerAction::Leave)
            return Status::error(ErrorCode::InvalidRequest,
                fmt::format("group {} has no simulated consumer {} (a real client can only be removed)", groupId,
                    clientId));
        Impl::GroupSystem &groups = d->groups();
        groups.loadAll();
        const int32_t broker = groups.findCoordinator(groupId);
        GroupCoordinator *coordinator = broker < 0 ? nullptr : groups.coordinatorOn(groupId, broker);
        if (!coordinator)
            return Status::error(ErrorCode::CoordinatorNotAvailable,
                fmt::format("group {} has no coordinator now", groupId));
        LeaveGroupRequest leave;
        leave.groupId = groupId;
        leave.members.push_back({clientId, std::nullopt, "removed from the Kafka Lab window"});
        const LeaveGroupResponse answer = coordinator->leaveGroup(leave);
        d->runDeferred();
        const ErrorCode error = answer.errorCode != ErrorCode::None ? answer.errorCode
                                : answer.members.empty()               ? ErrorCode::UnknownMemberId
                                                                       : answer.members.front().errorCode;
        if (error == ErrorCode::UnknownMemberId || error == ErrorCode::GroupIdNotFound)
            return Status::error(ErrorCode::InvalidRequest,
                fmt::format("group {} has no simulated consumer or member {}", groupId, clientId));
        if (error != ErrorCode::None)
            return Status::error(error, fmt::format("removing {} from group {}", clientId, groupId));
        return Status::ok();
    }
    switch (action) {
    case ConsumerAction::Crash:
        consumer->crash();
        break;
    case ConsumerAction::Leave:
        consumer->leave();
        break;
    case ConsumerAction::Stall:
        consumer->stall();
        break;
    case ConsumerAction::Resume:
        consumer->resume();
        break;
    }
    d->runDeferred();
    return Status::ok();
}

Status EngineCore::resetOrdering(const std::string &groupId)
{
    if (d->shutDown)
        return engineStopped();
    if (!d->groupSystem || !d->groupSystem->groups.count(groupId))
        return Status::error(ErrorCode::GroupIdNotFound,
            fmt::format("group {} was not started with startConsumerGroup", groupId));
    GroupRuntime &rt = d->groupSystem->groups[groupId];
    rt.ordering.reset();
    rt.findingStreams.clear(); // unreported findings go too: the counts restart at zero
    return Status::ok();
}

Status EngineCore::stopConsumerGroup(const std::string &groupId)
{
    if (d->shutDown)
        return engineStopped();
    if (!d->groupSystem || !d->groupSystem->groups.count(groupId))
        return Status::error(ErrorCode::GroupIdNotFound,
            fmt::format("group {} was not started with startConsumerGroup", groupId));
    for (auto &consumer : d->groupSystem->groups[groupId].consumers)
        consumer->leave();
    d->runDeferred();
    return Status::ok();
}

} // namespace kl
