// Replication: followers fetch from leaders on engine timers, the leader tracks each follower
// and moves the high watermark and the ISR, and acks=all produce requests complete.
//
// Each broker has one fetcher timer (Kafka's replica fetcher thread): every
// replicaFetchIntervalMs plus the broker's extra delay it fetches, for every partition it
// follows, from the partition's leader. One fetch, as in Kafka:
//   1. divergence: the follower's latest epoch is looked up in the leader's epoch cache
//      (OffsetsForLeaderEpoch); if the leader's history differs, the follower truncates and
//      asks again (KIP-279 / KIP-595 semantics) -> ReplicaTruncated; a follower whose log ends
//      below the leader's log start offset (retention deleted what it would fetch next) gets
//      OFFSET_OUT_OF_RANGE and truncates fully, restarting at the leader's log start offset
//      -> ReplicaTruncated;
//   2. the leader records the fetch offset as the follower's LEO, updates lastCaughtUpMs
//      (caught up = fetched from the leader's LEO, or from the LEO the leader had at the previous
//      fetch), adds it to the ISR if it reached the high watermark in the current epoch, and
//      recomputes HW = min LEO over the ISR (never lower on a leader);
//   3. the response: batches from the fetch offset to the leader's LEO (at most kMaxFetchBytes
//      per read, 16 reads) appended with appendAsFollower, and the leader's HW.
// So the leader learns a follower has a record on the fetch after the one that copied it, as in
// Kafka: an acks=all write needs two fetch rounds.
// A separate timer every replicaLagTimeMaxMs/2 removes followers that have not caught up within
// replicaLagTimeMaxMs from the ISR.
#include "cluster/core_impl.h"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

namespace kl {

namespace {
constexpr int32_t kMaxFetchBytes = 1 << 20; // replica.fetch.max.bytes
constexpr int kMaxReadsPerFetch = 16;
} // namespace

void EngineCore::Impl::scheduleFetch(int32_t broker, int64_t dueMs)
{
    timers.schedule(dueMs, [this, broker] {
        fetcherTick(broker);
        runDeferred();
        const int64_t delay = brokers[static_cast<size_t>(broker)].fetchDelayMs;
        scheduleFetch(broker, clock.nowMs() + std::max<int64_t>(1, options.replicaFetchIntervalMs + delay));
    });
}

void EngineCore::Impl::fetcherTick(int32_t broker)
{
    if (!brokerLive(broker))
        return;
    for (auto &[name, topic] : topics)
        for (auto &p : topic.partitions) {
            if (p.leader < 0 || p.leader == broker || !brokerLive(p.leader))
                continue;
            ReplicaState *follower = p.replica(broker);
            ReplicaState *leader = p.leaderReplica();
            if (follower && follower->log && leader && leader->log)
                followerFetch(name, p, *follower);
        }
}

void EngineCore::Impl::leaderAppended(const std::string &topic, const PartitionState &p)
{
    if (!options.replicaFetchOnAppend)
        return;
    for (int32_t b : p.replicas)
        if (b != p.leader)
            fetchSoon(b, topic, p.id);
}

void EngineCore::Impl::fetchSoon(int32_t broker, const std::string &topic, int32_t partition)
{
    // A broker slowed on purpose (its fetch delay) keeps fetching on its own timer.
    if (broker < 0 || static_cast<size_t>(broker) >= brokers.size() || brokers[static_cast<size_t>(broker)].fetchDelayMs > 0
        || !brokerLive(broker))
        return;
    auto &waiting = soonFetches[broker];
    const bool scheduled = !waiting.empty();
    waiting.emplace(topic, partition);
    if (scheduled)
        return;
    timers.schedule(clock.nowMs(), [this, broker] {
        auto due = std::move(soonFetches[broker]);
        soonFetches.erase(broker);
        if (!brokerLive(broker))
            return;
        for (const auto &[name, id] : due) {
            auto topic = topics.find(name);
            if (topic == topics.end() || id < 0 || static_cast<size_t>(id) >= topic->second.partitions.size())
                continue;
            PartitionState &p = topic->second.partitions[static_cast<size_t>(id)];
            if (p.leader < 0 || p.leader == broker || !brokerLive(p.leader))
                continue;
            ReplicaState *follower = p.replica(broker);
            ReplicaState *leader = p.leaderReplica();
            if (!follower || !follower->log || !leader || !leader->log)
                continue;
            const int64_t before = follower->log->logEndOffset();
            followerFetch(name, p, *follower);
            // What it copied, the leader learns from the next fetch: make it now.
            if (follower->log && follower->log->logEndOffset() > before)
                fetchSoon(broker, name, id);
        }
        runDeferred();
    });
}

void EngineCore::Impl::truncateReplica(const std::string &topic, PartitionState &p, ReplicaState &r,
    int64_t offset, const std::string &why, const std::string &cause)
{
    const int64_t before = r.log->logEndOffset();
    if (offset >= before)
        return;
    if (Status s = r.log->truncateTo(offset); !s) {
        spdlog::warn("{}-{} on broker {}: truncation to {} failed: {}", topic, p.id, r.broker, offset,
            s.toString());
        return;
    }
    r.epochs.truncateFromEnd(r.log->logEndOffset());
    r.lastLeo = r.log->logEndOffset();
    r.highWatermark = std::min(r.highWatermark, r.lastLeo);
    p.segmentsDirty = true;
    Event e;
    e.type = EventType::ReplicaTruncated;
    e.broker = r.broker;
    e.topic = topic;
    e.partition = p.id;
    e.offset = r.log->logEndOffset();
    e.endOffset = before;
    e.epoch = p.leaderEpoch;
    e.cause = cause;
    e.detail = fmt::format("replica on broker {} truncated its log from {} to {} ({} records removed): {}",
        r.broker, before, r.log->logEndOffset(), before - r.log->logEndOffset(), why);
    emit(std::move(e));
}

void EngineCore::Impl::restartBehindLogStart(
    const std::string &topic, PartitionState &p, ReplicaState &leader, ReplicaState &follower)
{
    // Kafka: the leader answers the fetch with OFFSET_OUT_OF_RANGE; the follower asks for the
    // leader's log start offset (ListOffsets EARLIEST) and calls truncateFullyAndStartAt.
    Log &log = *follower.log;
    const int64_t beforeStart = log.logStartOffset();
    const int64_t beforeEnd = log.logEndOffset();
    const int64_t leaderStart = leader.log->logStartOffset();
    if (Status s = log.truncateFullyAndStartAt(leaderStart); !s) {
        spdlog::warn("{}-{} on broker {}: restarting the log at {} failed: {}", topic, p.id, follower.broker,
            leaderStart, s.toString());
        return;
    }
    follower.epochs.clear();
    follower.lastLeo = log.logEndOffset();
    // As Kafka's UnifiedLog: the high watermark is clamped into the new, empty log.
    follower.highWatermark = leaderStart;
    p.segmentsDirty = true;
    Event e;
    e.type = EventType::ReplicaTruncated;
    e.broker = follower.broker;
    e.topic = topic;
    e.partition = p.id;
    e.offset = leaderStart;
    e.endOffset = beforeEnd;
    e.epoch = p.leaderEpoch;
    e.detail = fmt::format("replica on broker {} truncated its log fully and restarts at offset {} (it held "
                           "[{}, {})): OFFSET_OUT_OF_RANGE: its log end offset {} is below leader broker {}'s "
                           "log start offset {}, which retention moved while it was away",
        follower.broker, leaderStart, beforeStart, beforeEnd, beforeEnd, leader.broker, leaderStart);
    emit(std::move(e));
}

void EngineCore::Impl::truncateDiverged(
    const std::string &topic, PartitionState &p, ReplicaState &leader, ReplicaState &follower)
{
    // Kafka's AbstractFetcherThread truncation loop: each round either proves the logs agree or
    // cuts the follower's log further back; a log only shrinks, so this ends.
    for (int round = 0; round < 64; ++round) {
        const int64_t followerEnd = follower.log->logEndOffset();
        // An epoch this replica led without writing anything says nothing about its records.
        follower.epochs.truncateFromEnd(followerEnd);
        const int32_t followerEpoch = follower.epochs.latestEpoch();
        if (followerEpoch < 0 || followerEnd == 0)
            return;
        const EpochEndOffset answer = leader.epochs.endOffsetFor(followerEpoch, leader.log->logEndOffset());
        if (answer.epoch < 0) {
            // The leader knows no epoch at or below ours: keep only what was committed.
            truncateReplica(topic, p, follower, std::min(follower.highWatermark, followerEnd),
                fmt::format("leader broker {} has no epoch <= {}; truncating to the high watermark",
                    leader.broker, followerEpoch));
            return;
        }
        if (answer.epoch == followerEpoch) {
            if (answer.endOffset < followerEnd)
                truncateReplica(topic, p, follower, answer.endOffset,
                    fmt::format("epoch {} ends at offset {} on leader broker {} (OffsetsForLeaderEpoch)",
                        followerEpoch, answer.endOffset, leader.broker));
            return;
        }
        // The leader never saw our latest epoch: cut back to the end of its epoch in our log.
        const EpochEndOffset ours = follower.epochs.endOffsetFor(answer.epoch, followerEnd);
        const int64_t cut = ours.epoch == answer.epoch ? std::min(ours.endOffset, answer.endOffset)
                                                       : std::min(ours.endOffset, followerEnd);
        if (cut < 0 || cut >= followerEnd) {
            if (ours.epoch < 0) // nothing in common at all
                truncateReplica(topic, p, follower, std::min(follower.highWatermark, followerEnd),
                    "no common leader epoch with the leader");
            return;
        }
        truncateReplica(topic, p, follower, cut,
            fmt::format("our epoch {} is unknown to leader broker {} (its epoch {} ends at {})", followerEpoch,
                leader.broker, answer.epoch, answer.endOffset));
    }
}

void EngineCore::Impl::followerFetch(const std::string &topic, PartitionState &p, ReplicaState &follower)
{
    ReplicaState &leader = *p.leaderReplica();
    Log &leaderLog = *leader.log;
    Log &log = *follower.log;
    // Damage recovery kept (a corrupt flushed segment, a gap, an overlap) is repaired from the
    // leader: cut the log where the damage starts and fetch the rest again.
    if (log.damaged() && !leaderLog.damaged()) {
        const LogDamage first = log.damage().front();
        truncateReplica(topic, p, follower, first.firstOffset,
            fmt::format("repairing damage found at recovery ({}: offsets {}..{}) from leader broker {}", first.cause,
                first.firstOffset, first.endOffset - 1, leader.broker),
            "damage_repair");
    }
    truncateDiverged(topic, p, leader, follower);
    if (log.logEndOffset() < leaderLog.logStartOffset())
        restartBehindLogStart(topic, p, leader, follower);

    // The leader's side of the fetch.
    const int64_t now = clock.nowMs();
    const int64_t fetchOffset = log.logEndOffset();
    const int64_t leaderEnd = leaderLog.logEndOffset();
    follower.knownLeo = fetchOffset;
    if (fetchOffset >= leaderEnd)
        follower.lastCaughtUpMs = now;
    else if (fetchOffset >= follower.lastFetchLeaderLeo)
        follower.lastCaughtUpMs = std::max(follower.lastCaughtUpMs, follower.lastFetchMs);
    follower.lastFetchLeaderLeo = leaderEnd;
    follower.lastFetchMs = now;
    if (!p.inIsr(follower.broker) && !log.damaged() && fetchOffset >= leader.highWatermark
        && fetchOffset >= leader.epochs.startOffsetOf(p.leaderEpoch)) {
        std::vector<int32_t> isr;
        for (int32_t b : p.replicas)
            if (p.inIsr(b) || b == follower.broker)
                isr.push_back(b);
        setIsr(topic, p, std::move(isr),
            {"caught_up", follower.broker, -1,
                fmt::format("broker {} caught up to the high watermark {}", follower.broker, leader.highWatermark)});
    }
    maybeAdvanceHighWatermark(topic, p);

    // The response: the leader's batches from the fetch offset on.
    if (fetchOffset < leaderLog.logStartOffset())
        return; // the full truncation above failed (logged); the next fetch tries again
    std::vector<EpochEntry> newEpochs;
    for (int reads = 0; reads < kMaxReadsPerFetch && log.logEndOffset() < leaderEnd; ++reads) {
        const int64_t from = log.logEndOffset();
        auto read = leaderLog.read(from, kMaxFetchBytes, leaderEnd);
        if (!read) {
            spdlog::warn("{}-{}: fetch by broker {} at {} failed: {}", topic, p.id, follower.broker, from,
                read.status().toString());
            break;
        }
        size_t begin = 0, end = 0;
        int64_t splitAt = -1;
        newEpochs.clear();
        int32_t latest = follower.epochs.latestEpoch();
        forEachBatch(ByteView(read->data), [&](const BatchHeader &h, ByteView, size_t pos) {
            if (h.lastOffset() < from) {
                begin = pos + h.totalSize();
                return true;
            }
            if (h.baseOffset < from) {
                splitAt = h.baseOffset; // our log ends inside this batch
                return false;
            }
            if (h.partitionLeaderEpoch > latest) {
                latest = h.partitionLeaderEpoch;
                newEpochs.push_back(EpochEntry { h.partitionLeaderEpoch, h.baseOffset });
            }
            end = pos + h.totalSize();
            return true;
        });
        if (splitAt >= 0) {
            truncateReplica(topic, p, follower, splitAt, "its log ended inside a leader batch");
            continue;
        }
        if (end <= begin)
            break;
        auto appended = log.appendAsFollower(ByteView(read->data).subspan(begin, end - begin));
        if (!appended) {
            spdlog::warn("{}-{}: follower on broker {} refused fetched batches: {}", topic, p.id,
                follower.broker, appended.status().toString());
            break;
        }
        for (const auto &entry : newEpochs)
            follower.epochs.assign(entry.epoch, entry.startOffset);
    }
    follower.lastLeo = log.logEndOffset();
    // Kafka's UnifiedLog.updateHighWatermark: the leader's value clamped into
    // [log start, log end]. A new leader may know a lower high watermark than this follower
    // had, below what this follower's retention has already deleted.
    follower.highWatermark = std::clamp(leader.highWatermark, log.logStartOffset(), log.logEndOffset());
}

void EngineCore::Impl::maybeAdvanceHighWatermark(const std::string &topic, PartitionState &p)
{
    ReplicaState *leader = p.leaderReplica();
    if (!leader || !leader->log)
        return;
    int64_t hw = leader->log->logEndOffset();
    for (int32_t b : p.isr) {
        if (b == p.leader)
            continue;
        const ReplicaState *r = p.replica(b);
        if (!r || r->knownLeo < 0)
            return; // a member's position is unknown in this epoch: wait for its fetch
        hw = std::min(hw, r->knownLeo);
    }
    if (hw <= leader->highWatermark)
        return;
    leader->highWatermark = hw;
    p.committedHw = std::max(p.committedHw, hw);
    if (!p.pendingAcks.empty())
        checkPending(topic, p);
    if (!fetchWaiters.empty())
        wakeFetchWaiters(topic, p.id);
}

void EngineCore::Impl::setIsr(
    const std::string &topic, PartitionState &p, std::vector<int32_t> isr, const Cause &why)
{
    if (isr == p.isr)
        return;
    Event e;
    e.type = isr.size() < p.isr.size() ? EventType::IsrShrunk : EventType::IsrExpanded;
    e.topic = topic;
    e.partition = p.id;
    e.broker = p.leader;
    e.epoch = p.leaderEpoch;
    e.before = p.isr;
    e.after = isr;
    e.cause = why.code;
    e.causeBroker = why.broker;
    e.limit = why.limit;
    e.detail = fmt::format("{}-{}: ISR {} -> {}: {}", topic, p.id, p.isr, isr, why.text);
    p.isr = std::move(isr);
    emit(std::move(e));
    maybeAdvanceHighWatermark(topic, p);
}

void EngineCore::Impl::scheduleIsrCheck(int64_t dueMs)
{
    timers.schedule(dueMs, [this] {
        shrinkLaggingIsrs();
        runDeferred();
        scheduleIsrCheck(clock.nowMs() + std::max<int64_t>(1, options.replicaLagTimeMaxMs / 2));
    });
}

void EngineCore::Impl::shrinkLaggingIsrs()
{
    const int64_t now = clock.nowMs();
    for (auto &[name, topic] : topics)
        for (auto &p : topic.partitions) {
            ReplicaState *leader = p.leaderReplica();
            if (!leader || !leader->log || !brokerLive(p.leader))
                continue;
            const int64_t leaderEnd = leader->log->logEndOffset();
            std::vector<int32_t> kept, out;
            for (int32_t b : p.isr) {
                const ReplicaState *r = p.replica(b);
                const bool lagging = b != p.leader && r->knownLeo != leaderEnd
                    && now - r->lastCaughtUpMs > options.replicaLagTimeMaxMs;
                (lagging ? out : kept).push_back(b);
            }
            if (!out.empty())
                setIsr(name, p, std::move(kept),
                    {"lagging", out.size() == 1 ? out.front() : -1, options.replicaLagTimeMaxMs,
                        fmt::format("{} not caught up within replica.lag.time.max.ms={}", out,
                            options.replicaLagTimeMaxMs)});
        }
}

// --- acks=all

void EngineCore::Impl::checkPending(const std::string &topic, PartitionState &p)
{
    const ReplicaState *leader = p.leaderReplica();
    if (!leader)
        return;
    const int64_t hw = leader->highWatermark;
    const auto it = topics.find(topic);
    const int32_t minIsr = it == topics.end() ? 1 : it->second.config.minInsyncReplicas;
    std::vector<std::pair<uint64_t, Status>> finished;
    for (uint64_t id : p.pendingAcks) {
        auto pit = pending.find(id);
        if (pit == pending.end())
            continue;
        PendingProduce &request = pit->second;
        bool all = true;
        for (auto &part : request.parts) {
            if (!part.done && part.topic == topic && part.partition == p.id && hw >= part.requiredOffset) {
                part.done = true;
                // Kafka checks min.insync.replicas again once the records are replicated.
                if (static_cast<int32_t>(p.isr.size()) < minIsr && request.result.status)
                    request.result.status = Status::error(ErrorCode::NotEnoughReplicasAfterAppend,
                        fmt::format("{}-{}: offsets {}..{} were written, but the ISR {} shrank below "
                                    "min.insync.replicas={} before they were acknowledged",
                            topic, p.id, part.firstOffset, part.requiredOffset - 1, p.isr, minIsr));
            }
            all = all && part.done;
        }
        if (all)
            finished.emplace_back(id, Status::ok());
    }
    for (auto &[id, status] : finished)
        finishPending(id, status);
}

void EngineCore::Impl::finishPending(uint64_t id, Status status)
{
    auto it = pending.find(id);
    if (it == pending.end())
        return;
    PendingProduce request = std::move(it->second);
    pending.erase(it);
    if (!status.isOk() && request.result.status)
        request.result.status = std::move(status);
    for (const auto &part : request.parts) {
        if (PartitionState *p = findPartition(part.topic, part.partition)) {
            auto &ids = p->pendingAcks;
            ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
        }
        if (!request.emitEvents)
            continue;
        Event e;
        e.topic = part.topic;
        e.partition = part.partition;
        e.offset = part.firstOffset;
        e.endOffset = part.requiredOffset;
        e.epoch = part.epoch;
        if (request.result.status) {
            e.type = EventType::ProduceAcknowledged;
            e.detail = fmt::format("acks=all: offsets {}..{} acknowledged: every in-sync replica has them",
                part.firstOffset, part.requiredOffset - 1);
        } else {
            e.type = EventType::ProduceRefused;
            e.error = request.result.status.code();
            e.detail = request.result.status.message();
        }
        emit(std::move(e));
    }
    if (request.done)
        deferred.push_back([done = std::move(request.done), result = std::move(request.result)]() mutable {
            done(std::move(result));
        });
}

void EngineCore::Impl::failPartitionPending(const std::string &, PartitionState &p, const Status &status)
{
    const auto ids = p.pendingAcks;
    for (uint64_t id : ids)
        finishPending(id, status);
}

void EngineCore::Impl::runDeferred()
{
    // Callbacks may produce (and defer more callbacks): take the list each round.
    while (!deferred.empty()) {
        auto batch = std::move(deferred);
        deferred.clear();
        for (auto &fn : batch)
            fn();
    }
}

} // namespace kl
