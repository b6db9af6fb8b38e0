// The controller role (in-process, KRaft-like) and the fault commands.
//
// The controller is the lowest-id broker that is Running (not crashed, not isolated). It owns
// the metadata decisions: leader, leader epoch and ISR of every partition. After any broker
// changes state it reconciles every partition (reconcile()):
//   1. fence: brokers that are not live leave the ISR, except that an ISR never becomes empty
//      (its last member stays, as in Kafka, so it can lead again when it returns);
//   2. elect: if the leader is not live, the new leader is the first replica in assignment
//      order that is live and in the ISR (clean). If there is none the partition goes offline
//      (leader -1), unless unclean.leader.election.enable: then the first live replica leads
//      and RecordsLost says which acknowledged offsets [its LEO, committed HW) are gone.
//   Every leader change (including to -1) bumps the leader epoch.
//
// Isolation (a network partition) is modelled as the controller's side seeing it: the
// isolated broker stops heartbeating, so the controller fences it exactly like a crashed broker
// for leadership and ISR, at once (Kafka waits broker.session.timeout.ms). Unlike a crash the
// isolated broker keeps running with its logs open; it cannot fetch or be fetched from, so after
// heal() it truncates where it diverged and catches up like a restarted broker. There is no
// zombie leader accepting writes on the minority side: producers (in-process) always reach the
// controller's chosen leader. With no live broker there is no controller (controllerId -1):
// every partition is offline until a broker returns.
#include "cluster/consumer_offsets.h"
#include "cluster/core_impl.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

namespace kl {

namespace {

std::string_view stateName(BrokerState state)
{
    switch (state) {
    case BrokerState::Running:
        return "running";
    case BrokerState::Crashed:
        return "crashed";
    case BrokerState::Isolated:
        return "isolated";
    }
    return "?";
}

} // namespace

bool EngineCore::Impl::brokerLive(int32_t broker) const
{
    return broker >= 1 && broker < static_cast<int32_t>(brokers.size())
        && brokers[static_cast<size_t>(broker)].state == BrokerState::Running;
}

Status EngineCore::Impl::checkBroker(int32_t broker) const
{
    if (shutDown)
        return Status::error(ErrorCode::BrokerNotAvailable, "the engine has been shut down");
    if (broker < 1 || broker > brokerCount)
        return Status::error(ErrorCode::InvalidRequest,
            fmt::format("no broker {} (the cluster has brokers 1..{})", broker, brokerCount));
    return Status::ok();
}

void EngineCore::Impl::updateController()
{
    controllerId = -1;
    for (int32_t b = 1; b <= brokerCount; ++b)
        if (brokerLive(b)) {
            controllerId = b;
            break;
        }
}

void EngineCore::Impl::initLeadership(PartitionState &p)
{
    const int64_t now = clock.nowMs();
    for (auto &r : p.rs) {
        r.highWatermark = 0;
        r.knownLeo = -1;
        if (!r.log)
            continue;
        if (Status s = r.epochs.loadOrRebuild(*r.log); !s)
            spdlog::warn("{}: leader epoch cache: {}", r.log->dir().string(), s.toString());
        r.lastLeo = r.log->logEndOffset();
    }
    // The most advanced live replica (newest epoch, then longest log) leads; ties go to the
    // assignment order. For a new topic that is the preferred (first) replica.
    ReplicaState *best = nullptr;
    int32_t maxEpoch = -1;
    for (auto &r : p.rs) {
        maxEpoch = std::max(maxEpoch, r.epochs.latestEpoch());
        if (!r.log || !brokerLive(r.broker))
            continue;
        if (!best || r.epochs.latestEpoch() > best->epochs.latestEpoch()
            || (r.epochs.latestEpoch() == best->epochs.latestEpoch() && r.leo() > best->leo()))
            best = &r;
    }
    p.leaderEpoch = maxEpoch < 0 ? 0 : maxEpoch + 1;
    p.isr.clear();
    if (!best) {
        p.leader = -1;
        for (auto &r : p.rs)
            p.isr.push_back(r.broker); // nobody is behind anybody yet
        return;
    }
    p.leader = best->broker;
    // In sync: live replicas with exactly the leader's history (same epochs, same end).
    const auto history = best->epochs.entries();
    const int64_t end = best->leo();
    for (auto &r : p.rs) {
        const bool same = &r == best
            || (r.log && brokerLive(r.broker) && r.leo() == end && r.epochs.entries() == history);
        if (same) {
            p.isr.push_back(r.broker);
            r.highWatermark = end;
            r.lastCaughtUpMs = now;
        }
    }
    best->epochs.assign(p.leaderEpoch, end);
    p.committedHw = std::max(p.committedHw, end);
}

void EngineCore::Impl::becomeLeader(const std::string &topic, PartitionState &p, int32_t newLeader,
    const Cause &why, const std::string &kind)
{
    const bool unclean = kind == "unclean";
    const int32_t oldLeader = p.leader;
    const int64_t now = clock.nowMs();
    p.leader = newLeader;
    ++p.leaderEpoch;
    p.segmentsDirty = true;
    failPartitionPending(topic, p,
        Status::error(ErrorCode::NotLeaderOrFollower,
            fmt::format("{}-{}: leadership moved from broker {} to {} (epoch {}) before the write was "
                        "replicated",
                topic, p.id, oldLeader, newLeader, p.leaderEpoch)));

    Event e;
    e.type = EventType::LeaderElected;
    e.topic = topic;
    e.partition = p.id;
    e.oldLeader = oldLeader;
    e.newLeader = newLeader;
    e.epoch = p.leaderEpoch;
    e.broker = controllerId;
    e.before = p.isr;
    e.cause = why.code;
    e.causeBroker = why.broker;
    e.kind = kind;

    ReplicaState *leader = p.leaderReplica();
    if (!leader) {
        e.after = p.isr;
        e.detail = fmt::format("{}-{} is offline: {} (leader {} -> none, epoch {})", topic, p.id, why.text,
            oldLeader, p.leaderEpoch);
        emit(std::move(e));
        if (topic == kOffsetsTopic)
            onOffsetsLeaderChange(p.id);
        return;
    }
    const int64_t end = leader->leo();
    leader->epochs.assign(p.leaderEpoch, end);
    leader->highWatermark = std::min(leader->highWatermark, end);
    int64_t lostFrom = -1;
    if (unclean) {
        if (end < p.committedHw)
            lostFrom = end;
        p.isr = { newLeader };
    }
    for (auto &r : p.rs) {
        if (r.broker == newLeader)
            continue;
        r.knownLeo = -1;
        r.lastCaughtUpMs = p.inIsr(r.broker) ? now : 0;
        r.lastFetchLeaderLeo = 0;
        r.lastFetchMs = now;
    }
    // The cells now come from the new leader's log: the old leader's cells above its end may be
    // replaced by other records, and a scenario or restart may have drawn none yet.
    reloadRecent(p);
    e.after = p.isr;
    e.offset = end;
    e.detail = fmt::format("{}-{}: broker {} leads in epoch {} ({}{}); its log ends at {}, high "
                           "watermark {}",
        topic, p.id, newLeader, p.leaderEpoch, unclean ? "UNCLEAN: " : "", why.text, end,
        leader->highWatermark);
    emit(std::move(e));
    if (lostFrom >= 0) {
        Event lost;
        lost.type = EventType::RecordsLost;
        lost.topic = topic;
        lost.partition = p.id;
        lost.broker = newLeader;
        lost.offset = lostFrom;
        lost.endOffset = p.committedHw;
        lost.epoch = p.leaderEpoch;
        lost.detail = fmt::format("unclean election of out-of-sync broker {}: records at offsets {}..{} "
                                  "({} records) had been committed (high watermark {}) but are not in "
                                  "its log; they are lost and those offsets will be reused",
            newLeader, lostFrom, p.committedHw - 1, p.committedHw - lostFrom, p.committedHw);
        emit(std::move(lost));
        p.committedHw = end;
    }
    maybeAdvanceHighWatermark(topic, p);
    // The group coordinator moves with the leadership of its __consumer_offsets partition.
    if (topic == kOffsetsTopic)
        onOffsetsLeaderChange(p.id);
}

void EngineCore::Impl::electLeader(const std::string &topic, PartitionState &p, const Cause &why)
{
    if (p.leader >= 0 && brokerLive(p.leader))
        return;
    const auto eligible = [&](const ReplicaState &r) { return r.log && brokerLive(r.broker); };
    for (auto &r : p.rs)
        if (eligible(r) && p.inIsr(r.broker)) {
            Cause c = why;
            c.text += "; first live in-sync replica in assignment order";
            becomeLeader(topic, p, r.broker, c, "in_sync");
            return;
        }
    auto it = topics.find(topic);
    const bool unclean = it != topics.end() && it->second.config.uncleanLeaderElection;
    if (unclean)
        for (auto &r : p.rs)
            if (eligible(r)) {
                Cause c = why;
                c.text = fmt::format("{}; no in-sync replica ({}) is alive, unclean.leader.election.enable=true",
                    why.text, p.isr);
                becomeLeader(topic, p, r.broker, c, "unclean");
                return;
            }
    if (p.leader >= 0) {
        Cause c = why;
        c.text = fmt::format("{}; no live replica in the ISR {}{}", why.text, p.isr,
            unclean ? "" : " and unclean.leader.election.enable=false");
        becomeLeader(topic, p, -1, c, "none");
    }
}

void EngineCore::Impl::reconcile(const Cause &why)
{
    // With no live broker there is no controller; the pass still runs, and since no replica is
    // eligible it can only take partitions offline, which is what clients would see.
    for (auto &[name, topic] : topics) {
        for (auto &p : topic.partitions) {
            std::vector<int32_t> fenced;
            for (int32_t b : p.isr)
                if (brokerLive(b))
                    fenced.push_back(b);
            // Kafka never empties an ISR: its last member may come back and lead again.
            if (fenced.empty() && p.leader < 0 && !p.isr.empty())
                fenced = p.isr;
            else if (fenced.empty() && !p.isr.empty())
                fenced = { p.leader >= 0 && p.inIsr(p.leader) ? p.leader : p.isr.front() };
            if (fenced != p.isr)
                setIsr(name, p, std::move(fenced), why);
            electLeader(name, p, why);
        }
    }
}

// --- fault commands

Status EngineCore::crashBroker(int32_t brokerId)
{
    if (Status s = d->checkBroker(brokerId); !s)
        return s;
    auto &info = d->brokers[static_cast<size_t>(brokerId)];
    if (info.state == BrokerState::Crashed)
        return Status::error(ErrorCode::InvalidRequest, fmt::format("broker {} is already crashed", brokerId));
    int replicas = 0;
    for (auto &[name, topic] : d->topics)
        for (auto &p : topic.partitions)
            if (ReplicaState *r = p.replica(brokerId); r && r->log) {
                // No close(): no clean-shutdown marker, so the restart runs recovery. Appends
                // were pwrite()s, so everything the broker acknowledged is in its files.
                r->lastLeo = r->log->logEndOffset();
                r->log.reset();
                ++replicas;
                p.segmentsDirty = true;
            }
    info.state = BrokerState::Crashed;
    const int32_t oldController = d->controllerId;
    d->updateController();
    Event e;
    e.type = EventType::BrokerCrashed;
    e.broker = brokerId;
    e.value = replicas;
    if (oldController != d->controllerId) {
        e.cause = "controller_moved";
        e.causeBroker = d->controllerId;
    }
    e.detail = fmt::format("broker {} crashed: {} replica logs stopped without a clean shutdown{}", brokerId,
        replicas,
        oldController != d->controllerId ? fmt::format("; controller {} -> {}", oldController, d->controllerId)
                                         : std::string());
    d->emit(std::move(e));
    d->reconcile({"broker_crashed", brokerId, -1, fmt::format("broker {} crashed", brokerId)});
    d->runDeferred();
    return Status::ok();
}

Status EngineCore::restartBroker(int32_t brokerId)
{
    if (Status s = d->checkBroker(brokerId); !s)
        return s;
    auto &info = d->brokers[static_cast<size_t>(brokerId)];
    if (info.state != BrokerState::Crashed)
        return Status::error(ErrorCode::InvalidRequest,
            fmt::format("broker {} is {}, not crashed", brokerId, stateName(info.state)));
    int reopened = 0;
    std::string failures;
    // Memory is gone with the crash: the high watermarks come from the broker's checkpoint.
    const OffsetCheckpoint highWatermarks = d->readHighWatermarks(brokerId);
    if (Status s = d->beginLogLoad(brokerId); !s)
        return s;
    for (auto &[name, topic] : d->topics)
        for (auto &p : topic.partitions) {
            ReplicaState *r = p.replica(brokerId);
            if (!r)
                continue;
            auto log = Log::open(d->replicaDir(brokerId, name, p.id), topic.config.log, d->clock,
                d->logSink(brokerId, name, p.id), d->logOpenOptions(brokerId, topic, p.id));
            if (!log) {
                failures += fmt::format("; {}-{}: {}", name, p.id, log.status().toString());
                continue;
            }
            r->log = std::move(*log);
            if (Status s = r->epochs.loadOrRebuild(*r->log); !s)
                spdlog::warn("{}: leader epoch cache: {}", r->log->dir().string(), s.toString());
            r->lastLeo = r->log->logEndOffset();
            r->highWatermark = d->checkpointedHighWatermark(highWatermarks, name, p.id, *r->log);
            r->knownLeo = -1;
            p.segmentsDirty = true;
            ++reopened;
        }
    d->endLogLoad(brokerId);
    info.state = BrokerState::Running;
    const int32_t oldController = d->controllerId;
    d->updateController();
    Event e;
    e.type = EventType::BrokerRestarted;
    e.broker = brokerId;
    e.value = reopened;
    if (oldController != d->controllerId) {
        e.cause = "controller_moved";
        e.causeBroker = d->controllerId;
    }
    e.detail = fmt::format("broker {} restarted: {} replica logs recovered from its own files{}{}", brokerId,
        reopened,
        oldController != d->controllerId ? fmt::format("; controller {} -> {}", oldController, d->controllerId)
                                         : std::string(),
        failures);
    d->emit(std::move(e));
    d->reconcile({"broker_restarted", brokerId, -1, fmt::format("broker {} restarted", brokerId)});
    d->runDeferred();
    return Status::ok();
}

Status EngineCore::isolateBroker(int32_t brokerId)
{
    if (Status s = d->checkBroker(brokerId); !s)
        return s;
    auto &info = d->brokers[static_cast<size_t>(brokerId)];
    if (info.state != BrokerState::Running)
        return Status::error(ErrorCode::InvalidRequest,
            fmt::format("broker {} is {}; only a running broker can be isolated", brokerId, stateName(info.state)));
    info.state = BrokerState::Isolated;
    const int32_t oldController = d->controllerId;
    d->updateController();
    Event e;
    e.type = EventType::BrokerIsolated;
    e.broker = brokerId;
    if (oldController != d->controllerId) {
        e.cause = "controller_moved";
        e.causeBroker = d->controllerId;
    }
    e.detail = fmt::format("broker {} is cut off from the other brokers: it keeps its files but cannot "
                           "fetch or be fetched from; the controller fences it{}",
        brokerId,
        oldController != d->controllerId ? fmt::format("; controller {} -> {}", oldController, d->controllerId)
                                         : std::string());
    d->emit(std::move(e));
    d->reconcile({"broker_isolated", brokerId, -1, fmt::format("broker {} isolated", brokerId)});
    d->runDeferred();
    return Status::ok();
}

Status EngineCore::healBroker(int32_t brokerId)
{
    if (Status s = d->checkBroker(brokerId); !s)
        return s;
    auto &info = d->brokers[static_cast<size_t>(brokerId)];
    if (info.state != BrokerState::Isolated)
        return Status::error(ErrorCode::InvalidRequest,
            fmt::format("broker {} is {}, not isolated", brokerId, stateName(info.state)));
    info.state = BrokerState::Running;
    const int32_t oldController = d->controllerId;
    d->updateController();
    Event e;
    e.type = EventType::BrokerHealed;
    e.broker = brokerId;
    if (oldController != d->controllerId) {
        e.cause = "controller_moved";
        e.causeBroker = d->controllerId;
    }
    e.detail = fmt::format("broker {} can reach the other brokers again{}", brokerId,
        oldController != d->controllerId ? fmt::format("; controller {} -> {}", oldController, d->controllerId)
                                         : std::string());
    d->emit(std::move(e));
    d->reconcile({"broker_healed", brokerId, -1, fmt::format("broker {} healed", brokerId)});
    d->runDeferred();
    return Status::ok();
}

Status EngineCore::setFollowerDelay(int32_t brokerId, int64_t delayMs)
{
    if (Status s = d->checkBroker(brokerId); !s)
        return s;
    if (delayMs < 0 || delayMs > 3'600'000)
        return Status::error(ErrorCode::InvalidConfig,
            fmt::format("follower delay must be in 0..3600000 ms, got {}", delayMs));
    d->brokers[static_cast<size_t>(brokerId)].fetchDelayMs = delayMs;
    Event e;
    e.type = EventType::FollowerSlowed;
    e.broker = brokerId;
    e.offset = delayMs;
    e.cause = delayMs > 0 ? "slowed" : "normal_speed";
    e.value = delayMs;
    e.limit = d->options.replicaFetchIntervalMs;
    e.detail = delayMs > 0 ? fmt::format("broker {} fetches {} ms later than replica.fetch interval {} ms",
                                 brokerId, delayMs, d->options.replicaFetchIntervalMs)
                           : fmt::format("broker {} fetches at normal speed again", brokerId);
    d->emit(std::move(e));
    return Status::ok();
}

Status EngineCore::electPreferredLeader(const std::string &topic, int32_t partition)
{
    if (d->shutDown)
        return Status::error(ErrorCode::BrokerNotAvailable, "the engine has been shut down");
    PartitionState *p = d->findPartition(topic, partition);
    if (!p)
        return Status::error(
            ErrorCode::UnknownTopicOrPartition, fmt::format("{}-{} does not exist", topic, partition));
    if (d->controllerId < 0)
        return Status::error(ErrorCode::NotController, "no controller: every broker is crashed or isolated");
    const int32_t preferred = p->replicas.front();
    if (p->leader == preferred)
        return Status::error(ErrorCode::InvalidRequest,
            fmt::format("election not needed: {}-{} is already led by its preferred replica, broker {}", topic,
                partition, preferred));
    if (!d->brokerLive(preferred) || !p->inIsr(preferred) || !p->replica(preferred)->log)
        return Status::error(ErrorCode::LeaderNotAvailable,
            fmt::format("preferred replica broker {} of {}-{} is not live and in the ISR {}", preferred, topic,
                partition, p->isr));
    d->becomeLeader(topic, *p, preferred, {"preferred_election", preferred, -1, "preferred leader election"},
        "preferred");
    d->runDeferred();
    return Status::ok();
}

} // namespace kl
