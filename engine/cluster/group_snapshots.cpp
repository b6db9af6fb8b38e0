// Consumer groups in the engine: the lag sampler (rings of lag points per group and partition,
// Burrow-style evaluators, consumption rates) and each group's GroupSnapshot (see groups.h).
#include "cluster/groups.h"

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

} // namespace

// --- lag sampling

void EngineCore::Impl::GroupSystem::scheduleSample(int64_t dueMs)
{
    timerService.schedule(dueMs, [this] {
        sample();
        scheduleSample(d.clock.nowMs() + std::max(1, d.options.lagSampleIntervalMs));
    });
}

void EngineCore::Impl::GroupSystem::noteTopics(GroupRuntime &rt, const GroupDescription &desc)
{
    if (!rt.observedOnly)
        return;
    // A group of real clients: the topics its members subscribe to and those it committed
    // offsets for (kept once seen, so lag history stays when members leave).
    std::vector<std::string> topics = rt.spec.topics;
    for (const auto &m : desc.members)
        if (auto subscription = decodeSubscription(m.metadata))
            topics.insert(topics.end(), subscription->topics.begin(), subscription->topics.end());
    for (const auto &o : desc.offsets)
        topics.push_back(o.partition.topic);
    std::sort(topics.begin(), topics.end());
    topics.erase(std::unique(topics.begin(), topics.end()), topics.end());
    rt.spec.topics = std::move(topics);
}

GroupRuntime &EngineCore::Impl::GroupSystem::observe(const std::string &groupId)
{
    auto [it, fresh] = groups.try_emplace(groupId);
    GroupRuntime &rt = it->second;
    if (fresh) {
        rt.spec.groupId = groupId;
        rt.spec.consumers = 0;
        rt.observedOnly = true;
        rt.lastCoordinator = findCoordinator(groupId);
        if (!samplerArmed) {
            samplerArmed = true;
            scheduleSample(d.clock.nowMs() + std::max(1, d.options.lagSampleIntervalMs));
        }
    }
    return rt;
}

void EngineCore::Impl::GroupSystem::sample()
{
    const int64_t now = d.clock.nowMs();
    for (auto &[groupId, rt] : groups) {
        GroupCoordinator *c = coordinatorFor(groupId);
        std::optional<GroupDescription> desc;
        if (c)
            desc = c->describe(groupId);
        if (desc)
            noteTopics(rt, *desc);
        std::map<TopicPartition, std::pair<int64_t, int64_t>> commits; // offset, timestamp
        if (desc)
            for (const auto &o : desc->offsets)
                commits[o.partition] = { o.offset, o.commitTimestampMs };
        flushOrderingFindings(rt);
        int64_t total = 0;
        std::string perPartition; // "orders-0=12 orders-1=0 ..."
        for (const auto &topic : rt.spec.topics) {
            const int32_t n = partitionCount(topic);
            for (int32_t p = 0; p < n; ++p) {
                const TopicPartition tp { topic, p };
                const PartitionView v = partitionView(tp);
                PartitionLagEvaluator &eval = rt.evaluators[tp];
                if (auto it = commits.find(tp); it != commits.end()) {
                    rt.committed[tp] = it->second.first;
                    auto seen = rt.commitTimes.find(tp);
                    if (seen == rt.commitTimes.end() || seen->second != it->second.second) {
                        rt.commitTimes[tp] = it->second.second;
                        eval.onCommit(it->second.second, it->second.first, v.hw);
                    }
                }
                eval.onLogEndOffset(v.hw);
                auto committed = rt.committed.find(tp);
                const int64_t from = std::max(committed == rt.committed.end() ? -1 : committed->second, v.logStart);
                const int64_t lag = std::max<int64_t>(0, v.hw - from);
                auto &ring = rt.partitionLag[partitionLabel(tp)];
                ring.push_back(LagPoint { now, lag });
                while (ring.size() > GroupRuntime::kLagHistory)
                    ring.pop_front();
                total += lag;
                perPartition += fmt::format("{}{}={}", perPartition.empty() ? "" : " ", partitionLabel(tp), lag);
            }
        }
        Event e;
        e.type = EventType::LagSampled;
        e.group = groupId;
        e.lag = total;
        e.detail = std::move(perPartition);
        d.emit(std::move(e));
        rt.lag.push_back(LagPoint { now, total });
        while (rt.lag.size() > GroupRuntime::kLagHistory)
            rt.lag.pop_front();
        rt.lagDirty = true;
        for (auto &consumer : rt.consumers)
            consumer->sampleRate(now);
    }
}

void EngineCore::Impl::GroupSystem::noteFinding(GroupRuntime &rt, const OrderingFinding &finding, int64_t added)
{
    GroupRuntime::FindingStream &stream = rt.findingStreams[{finding.record.producerId, finding.record.kind}];
    stream.total += added;
    if (stream.pending == 0)
        stream.first = finding;
    stream.pending += added;
}

void EngineCore::Impl::GroupSystem::flushOrderingFindings(GroupRuntime &rt)
{
    const int64_t interval = std::max(1, d.options.orderingSummaryIntervalMs);
    // A stream that starts (or starts again after a quiet interval) is reported at this sample,
    // with what the burst found since the previous one; later findings wait for the interval.
    // std::map order: by producer id, then duplicate, violation, gap — the same lines for the same run.
    for (auto &[id, stream] : rt.findingStreams)
        if (stream.pending > 0 && (stream.lastEventMs < 0 || d.clock.nowMs() - stream.lastEventMs >= interval))
            emitFindings(rt, id.second, stream);
}

void EngineCore::Impl::GroupSystem::emitFindings(
    GroupRuntime &rt, OrderingFindingKind kind, GroupRuntime::FindingStream &stream)
{
    const OrderingFindingSnapshot &f = stream.first.record;
    Event e;
    e.type = EventType::OrderingViolation;
    e.group = rt.spec.groupId;
    e.kind = std::string(orderingFindingName(kind));
    e.count = stream.pending;
    e.total = stream.total;
    e.producerId = f.producerId;
    e.key = f.key;
    e.sequence = f.sequence;
    e.topic = f.topic;
    e.partition = f.partition;
    e.offset = f.offset;
    e.detail = stream.pending == stream.total
        ? fmt::format("{} {}{} from producer {}: {}", stream.pending, e.kind, stream.pending == 1 ? "" : "s",
              f.producerId, stream.first.text)
        : fmt::format("{} more {}s from producer {} ({} in all), the first: {}", stream.pending, e.kind,
              f.producerId, stream.total, stream.first.text);
    stream.pending = 0;
    stream.lastEventMs = d.clock.nowMs();
    d.emit(std::move(e));
}

// --- snapshots

GroupSnapshot EngineCore::Impl::GroupSystem::snapshotOf(GroupRuntime &rt)
{
    GroupSnapshot s;
    s.groupId = rt.spec.groupId;
    s.assignor = rt.spec.assignor;
    s.protocolType = "consumer";
    const int64_t now = d.clock.nowMs();
    int32_t broker = -1;
    GroupCoordinator *c = coordinatorFor(rt.spec.groupId, &broker);
    std::optional<GroupDescription> desc;
    if (c)
        desc = c->describe(rt.spec.groupId);
    s.coordinator = c ? broker : -1;
    s.state = desc ? std::string(toString(desc->state)) : c ? "Empty" : "Unknown";
    if (desc)
        noteTopics(rt, *desc);
    if (desc) {
        s.generation = desc->generation;
        if (!desc->protocolName.empty())
            s.assignor = desc->protocolName;
        s.leader = desc->leader;
        for (const auto &o : desc->offsets)
            rt.committed[o.partition] = o.offset;
    }

    // Partitions: committed offset, high watermark, lag, owner.
    std::map<TopicPartition, std::pair<std::string, std::string>> owners; // member id, client id
    if (desc)
        for (const auto &m : desc->members)
            if (auto a = decodeAssignment(m.assignment))
                for (const auto &tp : a->partitions)
                    owners[tp] = { m.memberId, m.clientId };
    std::map<std::string, int64_t> memberLag;
    for (const auto &topic : rt.spec.topics) {
        const int32_t n = partitionCount(topic);
        for (int32_t p = 0; p < n; ++p) {
            const TopicPartition tp { topic, p };
            const PartitionView v = partitionView(tp);
            GroupPartitionSnapshot ps;
            ps.topic = topic;
            ps.partition = p;
            auto committed = rt.committed.find(tp);
            ps.committedOffset = committed == rt.committed.end() ? -1 : committed->second;
            ps.logEndOffset = v.hw;
            ps.lag = std::max<int64_t>(0, v.hw - std::max(ps.committedOffset, v.logStart));
            if (auto o = owners.find(tp); o != owners.end()) {
                ps.owner = o->second.first;
                ps.ownerClientId = o->second.second;
                memberLag[ps.owner] += ps.lag;
            }
            if (auto e = rt.evaluators.find(tp); e != rt.evaluators.end())
                ps.status = std::string(lagStatusName(e->second.evaluate(now).status));
            s.totalLag += ps.lag;
            s.partitions.push_back(std::move(ps));
        }
    }

    // Members as the coordinator knows them, then simulated consumers outside the group.
    std::set<const SimulatedConsumer *> listed;
    if (desc) {
        for (const auto &m : desc->members) {
            GroupMemberSnapshotView v;
            v.memberId = m.memberId;
            v.clientId = m.clientId;
            v.host = m.clientHost;
            v.groupInstanceId = m.groupInstanceId.value_or("");
            SimulatedConsumer *consumer = nullptr;
            for (const auto &sc : rt.consumers)
                if (sc->memberId() == m.memberId)
                    consumer = sc.get();
            if (consumer) {
                listed.insert(consumer);
                v.state = std::string(consumerStatusName(consumer->status()));
                v.recordsPerSec = consumer->recordsPerSec();
                v.consumed = consumer->consumed();
            } else if (rt.consumer(m.clientId)) {
                v.state = "crashed"; // a simulated consumer's earlier process (its session has not expired yet)
            } else {
                v.simulated = false; // a real client over the wire: alive as long as it heartbeats
                v.state = "running";
            }
            if (auto a = decodeAssignment(m.assignment))
                for (const auto &tp : a->partitions)
                    v.assigned.push_back(TopicPartitionRef { tp.topic, tp.partition });
            v.lag = memberLag[m.memberId];
            s.consumedPerSec += v.recordsPerSec;
            s.members.push_back(std::move(v));
        }
    }
    for (const auto &sc : rt.consumers) {
        if (listed.count(sc.get()))
            continue;
        if (sc->status() != ConsumerStatus::Running && sc->status() != ConsumerStatus::Stalled)
            continue;
        GroupMemberSnapshotView v;
        v.memberId = sc->memberId();
        v.clientId = sc->clientId();
        v.host = sc->clientHost();
        v.groupInstanceId = sc->groupInstanceId().value_or("");
        v.state = std::string(consumerStatusName(sc->status()));
        v.recordsPerSec = sc->recordsPerSec();
        v.consumed = sc->consumed();
        s.consumedPerSec += v.recordsPerSec;
        s.members.push_back(std::move(v));
    }

    s.rebalances.assign(rt.rebalances.begin(), rt.rebalances.end());
    s.ordering = rt.ordering.snapshot();
    if (rt.lagDirty || !rt.lagShared) {
        rt.lagShared = std::make_shared<const std::vector<LagPoint>>(rt.lag.begin(), rt.lag.end());
        auto byPartition = std::make_shared<std::map<std::string, std::vector<LagPoint>>>();
        for (const auto &[label, ring] : rt.partitionLag)
            (*byPartition)[label].assign(ring.begin(), ring.end());
        rt.partitionLagShared = std::move(byPartition);
        rt.lagDirty = false;
    }
    s.lagHistory = rt.lagShared;
    s.partitionLagHistory = rt.partitionLagShared;
    return s;
}

void EngineCore::Impl::fillGroupSnapshots(ClusterSnapshot &snapshot)
{
    if (!groupSystem || shutDown)
        return;
    for (auto &[groupId, runtime] : groupSystem->groups)
        snapshot.groups.push_back(groupSystem->snapshotOf(runtime));
}

} // namespace kl
