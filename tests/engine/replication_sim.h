// The seeded replication simulation, shared by tests/engine/test_replication_sim.cpp and
// `kafkalab-bench replication` (seeds per second). Plain C++ (no Qt). One seed: a 3-broker
// cluster (RF 3, min.insync.replicas=2, unclean election off unless asked) on a ManualClock in
// a fresh temporary directory; 60 random steps of produce (acks=all and acks=1), crash, restart,
// isolate, heal, slow follower and time advances; after every step the invariants below:
//   - no record acknowledged with acks=all is lost: the current leader's log holds it at its
//     offset with its value;
//   - a leader's high watermark never goes backwards within its epoch; epochs only grow;
//   - every live ISR member's log agrees with the leader's below the high watermark (the same
//     batches: offsets, leader epoch, CRC), above both logs' start;
//   - every online replica's log start offset is at or below the high watermark it knows:
//     retention (on in two seeds of three: segment.bytes 1024 and retention.bytes 100, so segments
//     roll and go while slow followers hold the high watermark back) deletes only committed
//     segments, as Kafka's deletableSegments.
// runSeed returns "" or the failure with the seed, the step and the schedule so far.
#pragma once

#include "api/engine_core.h"

#include <array>
#include <atomic>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <random>
#include <string>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace kl::sim {

// broker.session.timeout.ms by seed: fenced at once, or after a wait shorter or longer than the
// schedule's advances (so crashes, restarts and heals land both before and after the fence).
inline int64_t sessionTimeoutFor(uint64_t seed)
{
    return std::array<int64_t, 3> { 0, 400, 2000 }[(seed / 3) % 3];
}

// A cluster in its own temporary directory, removed afterwards.
struct SimCluster {
    std::filesystem::path dir;
    ManualClock clock;
    std::unique_ptr<EngineCore> core;
    std::string error;

    explicit SimCluster(uint64_t seed)
    {
        static std::atomic<uint64_t> counter { 0 };
        dir = std::filesystem::temp_directory_path()
            / fmt::format("kafkalab-sim-{}-{}-{}", ::getpid(), seed, counter++);
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
        EngineOptions options;
        options.dataDir = dir;
        options.brokerCount = 3;
        options.seed = seed;
        options.replicaLagTimeMaxMs = 1000;
        options.replicaFetchIntervalMs = 100;
        options.recentRecordsPerPartition = 16;
        options.brokerSessionTimeoutMs = sessionTimeoutFor(seed);
        auto opened = EngineCore::open(options, clock);
        if (opened)
            core = std::move(*opened);
        else
            error = opened.status().toString();
    }
    ~SimCluster()
    {
        core.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }

    void advance(int64_t ms) { core->advanceTo(clock, clock.nowMs() + ms); }

    static ProduceRequest request(const std::string &topic, int count, const std::string &prefix, Acks acks,
        int32_t partition)
    {
        ProduceRequest r;
        r.topic = topic;
        r.partition = partition;
        r.acks = acks;
        for (int i = 0; i < count; ++i)
            r.records.push_back(ProduceRecord { std::nullopt, fmt::format("{}-{}", prefix, i), {}, std::nullopt });
        return r;
    }

    PartitionSnapshot partition(const std::string &topic, int32_t p)
    {
        const auto snapshot = core->makeSnapshot();
        return snapshot->topic(topic)->partitions[static_cast<size_t>(p)];
    }

    static const ReplicaSnapshot *replicaOf(const PartitionSnapshot &p, int32_t broker)
    {
        for (const auto &r : p.replicaStates)
            if (r.broker == broker)
                return &r;
        return nullptr;
    }
};


constexpr int kPartitions = 2;
constexpr int kSteps = 60;

struct Acked {
    int32_t partition;
    int64_t offset;
    std::string value;
};

// Two seeds of three run with retention small enough to delete segments during the schedule.
inline bool retentionOn(uint64_t seed) { return seed % 3 != 0; }

struct SimState {
    std::vector<Acked> acked;
    std::map<int32_t, std::pair<int32_t, int64_t>> lastLeaderHw; // partition -> (epoch, hw)
    std::map<int32_t, int32_t> lastEpoch;
    int64_t sent = 0;
};

inline std::string checkInvariants(SimCluster &c, SimState &s)
{
    const auto snapshot = c.core->makeSnapshot();
    const auto &topic = *snapshot->topic("sim");
    for (const auto &p : topic.partitions) {
        if (p.leaderEpoch < s.lastEpoch[p.id])
            return fmt::format("p{}: leader epoch went back from {} to {}", p.id, s.lastEpoch[p.id], p.leaderEpoch);
        s.lastEpoch[p.id] = p.leaderEpoch;
        for (const auto &r : p.replicaStates)
            if (r.online && r.logStartOffset > r.highWatermark)
                return fmt::format("p{}: broker {}'s log start offset {} is above its high watermark {} "
                                   "(leader {}, log end {})",
                    p.id, r.broker, r.logStartOffset, r.highWatermark, p.leader, r.logEndOffset);
        if (p.leader < 0)
            continue; // offline: the last ISR member keeps the records until it returns
        const ReplicaSnapshot *leader = c.replicaOf(p, p.leader);
        if (!leader->online)
            continue; // a crashed leader not fenced yet: unavailable until the controller moves it
        auto &[epoch, hw] = s.lastLeaderHw[p.id];
        if (epoch == p.leaderEpoch && leader->highWatermark < hw)
            return fmt::format("p{}: high watermark went back from {} to {} on leader {} in epoch {}", p.id, hw,
                leader->highWatermark, p.leader, epoch);
        epoch = p.leaderEpoch;
        hw = leader->highWatermark;

        // A read stops at a segment's end (as Kafka's): read on until the log end.
        std::map<int64_t, std::string> byOffset;
        for (int64_t from = leader->logStartOffset; from < leader->logEndOffset;) {
            auto records = c.core->readReplica("sim", p.id, p.leader, from, 1 << 26);
            if (!records)
                return fmt::format("p{}: cannot read leader {} at {}: {}", p.id, p.leader, from,
                    records.status().toString());
            if (records->empty())
                break;
            for (const auto &r : *records)
                byOffset[r.offset] = r.value.value_or("");
            from = records->back().offset + 1;
        }
        for (const auto &a : s.acked) {
            if (a.partition != p.id || a.offset < leader->logStartOffset)
                continue; // retention may delete what was committed
            auto it = byOffset.find(a.offset);
            if (it == byOffset.end() || it->second != a.value)
                return fmt::format("p{}: acknowledged record {} at offset {} is {} on leader {} (epoch {})", p.id,
                    a.value, a.offset, it == byOffset.end() ? "missing" : "'" + it->second + "'", p.leader,
                    p.leaderEpoch);
        }

        auto leaderBatches = c.core->replicaBatches("sim", p.id, p.leader);
        if (!leaderBatches)
            return leaderBatches.status().toString();
        // Each log's retention deletes its own segments: compare above both log starts.
        int64_t from = 0;
        const auto committed = [&](std::vector<EngineCore::ReplicaBatch> batches) {
            std::erase_if(batches, [&](const auto &b) { return b.baseOffset >= hw || b.baseOffset < from; });
            return batches;
        };
        for (int32_t member : p.isr) {
            const ReplicaSnapshot *r = c.replicaOf(p, member);
            if (member == p.leader || !r->online)
                continue;
            from = std::max(leader->logStartOffset, r->logStartOffset);
            const auto expected = committed(*leaderBatches);
            auto batches = c.core->replicaBatches("sim", p.id, member);
            if (!batches)
                return batches.status().toString();
            if (committed(*batches) != expected)
                return fmt::format("p{}: ISR member {} disagrees with leader {} below the high watermark {} "
                                   "({} vs {} batches)",
                    p.id, member, p.leader, hw, committed(*batches).size(), expected.size());
        }
    }
    return {};
}

struct SimTotals {
    int64_t acked = 0;
    int64_t elections = 0;
    int64_t truncations = 0;
    int64_t isrChanges = 0;
    int64_t segmentsDeleted = 0;
};

// Runs one seed; returns "" or what went wrong (with the schedule).
inline std::string runSeed(uint64_t seed, SimTotals &totals, bool unclean = false)
{
    SimCluster c(seed);
    if (!c.core)
        return c.error;
    TopicConfig config;
    config.partitions = kPartitions;
    config.replicationFactor = 3;
    config.minInsyncReplicas = 2;
    config.uncleanLeaderElection = unclean;
    if (retentionOn(seed)) {
        config.log.segmentBytes = 1024;
        config.log.retentionBytes = 100;
    }
    if (Status st = c.core->createTopic("sim", config); !st)
        return st.toString();
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + 1);
    const auto pick = [&](uint64_t n) { return static_cast<int64_t>(rng() % n); };
    SimState s;
    std::string schedule;
    for (int step = 0; step < kSteps; ++step) {
        const int64_t roll = pick(100);
        const int32_t broker = static_cast<int32_t>(pick(3)) + 1;
        std::string action;
        if (roll < 45) {
            const bool all = roll < 30;
            const auto partition = static_cast<int32_t>(pick(kPartitions));
            const int count = static_cast<int>(pick(4)) + 1;
            ProduceRequest r = SimCluster::request(
                "sim", count, fmt::format("s{}-{}", seed, s.sent), all ? Acks::All : Acks::Leader, partition);
            r.timeoutMs = 3000;
            s.sent += count;
            std::vector<std::string> values;
            for (const auto &rec : r.records)
                values.push_back(*rec.value);
            SimState *state = &s;
            c.core->produceAsync(r, [state, all, partition, values](ProduceResult result) {
                if (!all || !result.status)
                    return;
                for (size_t i = 0; i < values.size(); ++i)
                    state->acked.push_back(Acked { partition, result.records[i].offset, values[i] });
            });
            action = fmt::format("produce p{} x{} acks={}", partition, count, all ? "all" : "1");
        } else if (roll < 55) {
            action = fmt::format("crash {} -> {}", broker, c.core->crashBroker(broker).isOk() ? "ok" : "no");
        } else if (roll < 67) {
            action = fmt::format("restart {} -> {}", broker, c.core->restartBroker(broker).isOk() ? "ok" : "no");
        } else if (roll < 73) {
            action = fmt::format("isolate {} -> {}", broker, c.core->isolateBroker(broker).isOk() ? "ok" : "no");
        } else if (roll < 81) {
            action = fmt::format("heal {} -> {}", broker, c.core->healBroker(broker).isOk() ? "ok" : "no");
        } else if (roll < 86) {
            const int64_t delay = std::array<int64_t, 3> { 0, 600, 3000 }[static_cast<size_t>(pick(3))];
            c.core->setFollowerDelay(broker, delay);
            action = fmt::format("slow {} {}ms", broker, delay);
        } else {
            const int64_t ms = pick(1500) + 1;
            c.advance(ms);
            action = fmt::format("advance {}ms", ms);
        }
        c.advance(pick(150));
        schedule += fmt::format("  {}: t={} {}\n", step, c.clock.nowMs(), action);
        if (std::string failure = checkInvariants(c, s); !failure.empty())
            return fmt::format("seed {} step {}: {}\nschedule:\n{}", seed, step, failure, schedule);
    }
    // Heal everything and let it settle: acknowledged records are all still there.
    for (int32_t b = 1; b <= 3; ++b) {
        c.core->restartBroker(b);
        c.core->healBroker(b);
        c.core->setFollowerDelay(b, 0);
    }
    c.advance(5000);
    if (std::string failure = checkInvariants(c, s); !failure.empty())
        return fmt::format("seed {} after healing: {}\nschedule:\n{}", seed, failure, schedule);
    const auto p = c.partition("sim", 0);
    if (p.leader < 0 || p.isr.size() != 3)
        return fmt::format("seed {}: after healing p0 has leader {} and ISR of {}", seed, p.leader, p.isr.size());
    totals.acked += static_cast<int64_t>(s.acked.size());
    for (const auto &e : c.core->eventsSince(0)) {
        totals.elections += e.type == EventType::LeaderElected;
        totals.truncations += e.type == EventType::ReplicaTruncated;
        totals.isrChanges += e.type == EventType::IsrShrunk || e.type == EventType::IsrExpanded;
        totals.segmentsDeleted += e.type == EventType::SegmentDeleted;
    }
    return {};
}

} // namespace kl::sim
