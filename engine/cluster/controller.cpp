// The controller role (in-process, KRaft-like) and the fault commands.
//
// The controller is the lowest-id broker that is Running (not crashed, not isolated). It owns
// the metadata decisions: leader, leader epoch and ISR of every partition. After any broker
// changes state it reconciles every partition (reconcile()):
//   1. fence: fenced brokers leave the ISR, except that an ISR never becomes empty (its last
//      member stays, as in Kafka, so it can lead again when it returns);
//   2. elect: if the leader is fenced, the new leader is the first replica in assignment order
//      that is live, unfenced and in the ISR (clean). If there is none the partition goes
//      offline (leader -1), unless unclean.leader.election.enable: then the first live replica
//      leads and RecordsLost says which acknowledged offsets [its LEO, committed HW) are gone.
//   Every leader change (including to -1) bumps the leader epoch.
//
// Fencing follows KRaft's BrokerHeartbeatManager: a broker heartbeats every
// broker.heartbeat.interval.ms (2 s) and the controller fences one whose last heartbeat is
// older than broker.session.timeout.ms (EngineOptions::brokerSessionTimeoutMs, 9 s). So a
// crashed or isolated broker keeps its leaderships and ISR places for that long: its
// partitions are unavailable (a crashed leader) or accept writes no follower can fetch (an
// isolated leader), and acks=all writes wait, until the fence moves leadership and shrinks
// ISRs (ReplicationControlManager.handleBrokerFenced). A crashed broker that restarts before
// it is fenced registers again (a new broker epoch) after an unclean shutdown: registered
// fenced, the controller takes it out of every ISR and moves its leaderships
// (handleBrokerShutdown), then unfences it and it catches up as a follower. An isolated broker
// healed in time simply heartbeats again. The lab's controller never picks a broker that has
// stopped heartbeating as a new leader (Kafka's could, until it is fenced).
//
// Isolation (a network partition) is modelled as the controller's side seeing it: the
// isolated broker stops heartbeating. Unlike a crash the isolated broker keeps running with
// its logs open; it cannot fetch or be fetched from (nor reach the controller to shrink an
// ISR), so after heal() it truncates where it diverged and catches up like a restarted broker.
// With no live broker there is no controller (controllerId -1): every partition is offline
// until a broker returns.
#include "cluster/consumer_offsets.h"
#include "cluster/core_impl.h"

#include <limits>
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

bool EngineCore::Impl::brokerUnfenced(int32_t broker) const
{
    return broker >= 1 && broker < static_cast<int32_t>(brokers.size())
        && !brokers[static_cast<size_t>(broker)].fenced;
}

void EngineCore::Impl::startFenceTimer(int32_t broker)
{
    auto &info = brokers[static_cast<size_t>(broker)];
    const int64_t now = clock.nowMs();
    ++info.session;
    info.lastHeartbeatMs = now;
    info.fenceAtMs = now + options.brokerSessionTimeoutMs;
    if (options.brokerSessionTimeoutMs == 0) {
        fenceBroker(broker, info.session);
        return;
    }
    timers.schedule(info.fenceAtMs, [this, broker, session = info.session] {
        if (shutDown)
            return;
        fenceBroker(broker, session);
        runDeferred();
    });
}

void EngineCore::Impl::fenceBroker(int32_t broker, uint64_t session)
{
    auto &info = brokers[static_cast<size_t>(broker)];
    if (info.session != session || info.fenced || info.state == BrokerState::Running)
        return;
    info.fenced = true;
    info.fenceAtMs = -1;
    const int64_t silentMs = clock.nowMs() - info.lastHeartbeatMs;
    Event e;
    e.type = EventType::BrokerFenced;
    e.broker = broker;
    e.cause = "session_timeout";
    e.limit = options.brokerSessionTimeoutMs;
    e.value = silentMs;
    e.causeBroker = controllerId;
    e.detail = fmt::format("controller {} fenced broker {} ({}): no heartbeat for {} ms "
                           "(broker.session.timeout.ms={}); its leaderships move and it leaves the ISRs",
        controllerId, broker, stateName(info.state), silentMs, options.brokerSessionTimeoutMs);
    emit(std::move(e));
    // With a zero session timeout the fault command itself reconciles, under its own cause.
    if (options.brokerSessionTimeoutMs > 0)
        reconcile({"broker_fenced", broker, options.brokerSessionTimeoutMs,
            fmt::format("broker {} fenced after broker.session.timeout.ms={}", broker,
                options.brokerSessionTimeoutMs)});
}

void EngineCore::Impl::reloadCoordinatorsLedBy(int32_t broker)
{
    if (!groupSystem)
        return;
    auto it = topics.find(std::string(kOffsetsTopic));
    if (it == topics.end())
        return;
    for (auto &p : it->second.partitions)
        if (p.leader == broker)
            onOffsetsLeaderChange(p.id);
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

void EngineCore::Impl::reportEpochRebuild(const std::string &topic, int32_t partition, ReplicaState &r)
{
    std::string report = r.epochs.takeRebuildReport();
    if (report.empty())
        return;
    Event e;
    e.type = EventType::LogRecovered;
    e.broker = r.broker;
    e.topic = topic;
    e.partition = partition;
    e.cause = "epoch_checkpoint_rebuilt";
    e.value = static_cast<int64_t>(r.epochs.entries().size());
    e.offset = r.log ? r.log->logStartOffset() : -1;
    e.detail = std::move(report);
    emit(std::move(e));
}

void EngineCore::Impl::initLeadership(const std::string &topic, PartitionState &p)
{
    const int64_t now = clock.nowMs();
    for (auto &r : p.rs) {
        r.highWatermark = 0;
        r.knownLeo = -1;
        if (!r.log)
            continue;
        if (Status s = r.epochs.loadOrRebuild(*r.log); !s)
            spdlog::warn("{}: leader epoch cache: {}", r.log->dir().string(), s.toString());
        reportEpochRebuild(topic, p.id, r);
        r.lastLeo = r.log->logEndOffset();
    }
    // The most advanced live replica (newest epoch, then longest log) leads; ties go to the
    // assignment order. For a new topic that is the preferred (first) replica.
    // A replica whose log recovery found damaged (Log::damage) leads only if no healthy one can.
    ReplicaState *best = nullptr;
    int32_t maxEpoch = -1;
    for (auto &r : p.rs) {
        maxEpoch = std::max(maxEpoch, r.epochs.latestEpoch());
        if (!r.log || !brokerLive(r.broker))
            continue;
        if (!best || (best->log->damaged() && !r.log->damaged())
            || (best->log->damaged() == r.log->damaged()
                && (r.epochs.latestEpoch() > best->epochs.latestEpoch()
                    || (r.epochs.latestEpoch() == best->epochs.latestEpoch() && r.leo() > best->leo()))))
            best = &r;
    }
    if (maxEpoch == std::numeric_limits<int32_t>::max()) {
        // The batches themselves carry the largest epoch (partitionLeaderEpoch is outside the
        // CRC): it cannot grow, so the partition keeps it and no later election can take place.
        // Said as an event (the window shows it), not only logged.
        p.leaderEpoch = maxEpoch;
        Event e;
        e.type = EventType::LeaderElected;
        e.topic = topic;
        e.partition = p.id;
        e.oldLeader = -1;
        e.newLeader = best ? best->broker : -1;
        e.epoch = maxEpoch;
        e.broker = controllerId;
        e.cause = "log_loaded";
        e.kind = "epoch_exhausted";
        e.value = e.newLeader;
        e.detail = fmt::format("{}-{}: its replicas carry leader epoch {}, the largest there is; {} and "
                               "leadership cannot move any more (repair or recreate the partition)",
            topic, p.id, maxEpoch,
            best ? fmt::format("broker {} leads with it", best->broker) : std::string("the partition is offline"));
        spdlog::error("{}", e.detail);
        emit(std::move(e));
    } else {
        p.leaderEpoch = maxEpoch < 0 ? 0 : maxEpoch + 1;
    }
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
            || (r.log && brokerLive(r.broker) && !r.log->damaged() && r.leo() == end
                && r.epochs.entries() == history);
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
    if (p.leaderEpoch == std::numeric_limits<int32_t>::max()) {
        refuseExhaustedEpoch(topic, p, newLeader, why);
        return;
    }
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
    e.limit = why.limit; // e.g. broker.session.timeout.ms for a fence (the timeline names it)
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

void EngineCore::Impl::refuseExhaustedEpoch(
    const std::string &topic, PartitionState &p, int32_t newLeader, const Cause &why)
{
    // A new leader needs a new epoch; there is none above INT32_MAX. Reusing the epoch would let
    // two leaders write under the same one, so the change is refused: a usable leader keeps
    // the partition, otherwise it goes offline (without a new epoch).
    const int32_t oldLeader = p.leader;
    const ReplicaState *old = p.leaderReplica();
    const bool keep = old && old->log && brokerLive(oldLeader) && brokerUnfenced(oldLeader);
    if (!keep && oldLeader >= 0) {
        p.leader = -1;
        p.segmentsDirty = true;
        failPartitionPending(topic, p,
            Status::error(ErrorCode::NotLeaderOrFollower,
                fmt::format("{}-{}: its leader epoch {} cannot be incremented; the partition is offline", topic,
                    p.id, p.leaderEpoch)));
    }
    Event e;
    e.type = EventType::LeaderElected;
    e.topic = topic;
    e.partition = p.id;
    e.oldLeader = oldLeader;
    e.newLeader = p.leader;
    e.epoch = p.leaderEpoch;
    e.broker = controllerId;
    e.before = p.isr;
    e.after = p.isr;
    e.cause = why.code;
    e.causeBroker = why.broker;
    e.limit = why.limit;
    e.kind = "epoch_exhausted";
    e.value = newLeader;
    e.detail = fmt::format("{}-{}: election of broker {} refused ({}): the leader epoch is {}, the largest "
                           "there is, and a new leader needs a larger one; {}",
        topic, p.id, newLeader, why.text, p.leaderEpoch,
        p.leader >= 0 ? fmt::format("broker {} stays leader", p.leader) : std::string("the partition is offline"));
    spdlog::error("{}", e.detail);
    emit(std::move(e));
    if (topic == kOffsetsTopic && p.leader != oldLeader)
        onOffsetsLeaderChange(p.id);
}

void EngineCore::Impl::electLeader(const std::string &topic, PartitionState &p, const Cause &why)
{
    // An unfenced leader keeps its leadership, even crashed or isolated: the controller has not
    // noticed yet.
    if (p.leader >= 0 && brokerUnfenced(p.leader))
        return;
    const auto eligible = [&](const ReplicaState &r) {
        return r.log && brokerLive(r.broker) && brokerUnfenced(r.broker);
    };
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
            std::vector<int32_t> kept;
            for (int32_t b : p.isr)
                if (brokerUnfenced(b))
                    kept.push_back(b);
            // Kafka never empties an ISR: its last member may come back and lead again.
            if (kept.empty() && p.leader < 0 && !p.isr.empty())
                kept = p.isr;
            else if (kept.empty() && !p.isr.empty())
                kept = { p.leader >= 0 && p.inIsr(p.leader) ? p.leader : p.isr.front() };
            if (kept != p.isr)
                setIsr(name, p, std::move(kept), why);
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
    // An isolated broker has not heartbeated since it was cut off: its fence deadline stands.
    const bool wasHeartbeating = info.state == BrokerState::Running;
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
    e.limit = d->options.brokerSessionTimeoutMs;
    e.detail = fmt::format("broker {} crashed: {} replica logs stopped without a clean shutdown{}; the "
                           "controller fences it when broker.session.timeout.ms={} passes without a heartbeat",
        brokerId, replicas,
        oldController != d->controllerId ? fmt::format("; controller {} -> {}", oldController, d->controllerId)
                                         : std::string(),
        d->options.brokerSessionTimeoutMs);
    d->emit(std::move(e));
    // Its group coordinators died with it; the groups have none until leadership moves.
    d->reloadCoordinatorsLedBy(brokerId);
    if (wasHeartbeating)
        d->startFenceTimer(brokerId);
    if (info.fenced)
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
            d->reportEpochRebuild(name, p.id, *r);
            r->lastLeo = r->log->logEndOffset();
            r->highWatermark = d->checkpointedHighWatermark(highWatermarks, name, p.id, *r->log);
            r->knownLeo = -1;
            p.segmentsDirty = true;
            ++reopened;
        }
    d->endLogLoad(brokerId);
    info.state = BrokerState::Running;
    ++info.session; // no fence timer applies any more
    info.fenceAtMs = -1;
    const bool wasFenced = info.fenced;
    // Registration: a (re)registered broker starts fenced, with a new broker epoch.
    info.fenced = true;
    const int32_t oldController = d->controllerId;
    d->updateController();
    if (!wasFenced)
        failures += "; it registers again before its session expired: after an unclean shutdown the "
                    "controller takes it out of every ISR and moves its leaderships";
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
    const Cause why { "broker_restarted", brokerId, -1, fmt::format("broker {} restarted", brokerId) };
    d->reconcile(why);
    info.fenced = false; // caught up with the metadata: unfenced, it may lead again
    d->reconcile(why);
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
    e.limit = d->options.brokerSessionTimeoutMs;
    e.detail = fmt::format("broker {} is cut off from the other brokers: it keeps its files but cannot "
                           "fetch or be fetched from; the controller fences it when "
                           "broker.session.timeout.ms={} passes without a heartbeat{}",
        brokerId, d->options.brokerSessionTimeoutMs,
        oldController != d->controllerId ? fmt::format("; controller {} -> {}", oldController, d->controllerId)
                                         : std::string());
    d->emit(std::move(e));
    // Clients cannot reach its group coordinators.
    d->reloadCoordinatorsLedBy(brokerId);
    d->startFenceTimer(brokerId);
    if (info.fenced)
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
    ++info.session;
    info.fenceAtMs = -1;
    const bool wasFenced = info.fenced;
    info.fenced = false; // it heartbeats again
    const int32_t oldController = d->controllerId;
    d->updateController();
    Event e;
    e.type = EventType::BrokerHealed;
    e.broker = brokerId;
    if (oldController != d->controllerId) {
        e.cause = "controller_moved";
        e.causeBroker = d->controllerId;
    }
    e.detail = fmt::format("broker {} can reach the other brokers again{}{}", brokerId,
        wasFenced ? "" : " before it was fenced: it kept its leaderships and ISR places",
        oldController != d->controllerId ? fmt::format("; controller {} -> {}", oldController, d->controllerId)
                                         : std::string());
    d->emit(std::move(e));
    // The coordinators of the partitions it still leads serve again.
    if (!wasFenced)
        d->reloadCoordinatorsLedBy(brokerId);
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
