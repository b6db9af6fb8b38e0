// The seeded offset-commit simulation, shared by tests/engine/test_commit_sim.cpp and
// `kafkalab-bench replication` (issue 9's second invariant over thousands of seeds). Plain C++
// (no Qt). One seed: a 3-broker cluster (RF 3 __consumer_offsets with 5 partitions, unclean
// election off) on a ManualClock in a fresh temporary directory, a 2-consumer group on a
// 2-partition topic with a 500 ms auto-commit, an auto producer; 40 random steps of produce,
// coordinator crashes soon after a commit, restarts, slow followers and waits. After every step
// the invariant: a committed offset the coordinator has shown (answered, visible to OffsetFetch)
// is never lost or rolled back. runCommitSeed returns "" or the failure with the seed, the step
// and the schedule so far.
#pragma once

#include "api/engine_core.h"
#include "cluster/consumer_offsets.h"
#include "replication_sim.h" // sessionTimeoutFor

#include <array>
#include <atomic>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <random>
#include <string>
#include <system_error>
#include <unistd.h>

namespace kl::sim {

struct CommitSimCluster {
    std::filesystem::path dir;
    ManualClock clock;
    std::unique_ptr<EngineCore> core;
    std::string error;
    std::map<int32_t, int64_t> sequence; // per partition, for the stamped values

    explicit CommitSimCluster(uint64_t seed)
    {
        static std::atomic<uint64_t> counter { 0 };
        dir = std::filesystem::temp_directory_path()
            / fmt::format("kafkalab-commit-sim-{}-{}-{}", ::getpid(), seed, counter++);
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
        EngineOptions options;
        options.dataDir = dir;
        options.brokerCount = 3;
        options.seed = seed;
        options.recentRecordsPerPartition = 16;
        options.offsetsTopicPartitions = 5;
        options.offsetsTopicReplicationFactor = 3;
        options.groupInitialRebalanceDelayMs = 1000;
        options.lagSampleIntervalMs = 500;
        // Fenced at once, or after 400 ms / 2 s, by seed: coordinator crashes land before and
        // after the fence (as in the replication simulation).
        options.brokerSessionTimeoutMs = sessionTimeoutFor(seed);
        auto opened = EngineCore::open(options, clock);
        if (opened)
            core = std::move(*opened);
        else
            error = opened.status().toString();
    }
    ~CommitSimCluster()
    {
        core.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    CommitSimCluster(const CommitSimCluster &) = delete;
    CommitSimCluster &operator=(const CommitSimCluster &) = delete;

    void advance(int64_t ms) { core->advanceTo(clock, clock.nowMs() + ms); }

    const GroupSnapshot *group(const ClusterSnapshot &snapshot, const std::string &id) const
    {
        for (const auto &g : snapshot.groups)
            if (g.groupId == id)
                return &g;
        return nullptr;
    }
};

struct CommitSimTotals {
    int64_t commitsShown = 0;       // times a partition's shown committed offset moved forward
    int64_t coordinatorCrashes = 0; // crashes of the group's coordinator
};

inline std::string runCommitSeed(uint64_t seed, CommitSimTotals &totals)
{
    CommitSimCluster c(seed);
    if (!c.core)
        return c.error;
    TopicConfig config;
    config.partitions = 2;
    config.replicationFactor = 3;
    if (Status s = c.core->createTopic("orders", config); !s)
        return "cannot create the topic: " + s.toString();
    ConsumerGroupSpec spec;
    spec.groupId = "g1";
    spec.topics = { "orders" };
    spec.consumers = 2;
    spec.assignor = "range";
    spec.recordsPerSecPerConsumer = 200;
    spec.autoCommitIntervalMs = 500;
    spec.sessionTimeoutMs = 10000;
    spec.heartbeatIntervalMs = 3000;
    spec.maxPollIntervalMs = 30000;
    if (auto started = c.core->startConsumerGroup(spec); !started)
        return "cannot start the group: " + started.status().toString();
    AutoProducerSpec producer; // positions keep moving, so every auto-commit writes something new
    producer.topic = "orders";
    producer.ratePerSec = 60;
    producer.keyCount = 4;
    if (auto started = c.core->startAutoProducer(producer); !started)
        return "cannot start the producer: " + started.status().toString();

    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + 7);
    const auto pick = [&](uint64_t n) { return static_cast<int64_t>(rng() % n); };
    std::map<int32_t, int64_t> highest; // partition -> the highest committed offset ever shown
    std::string schedule;
    int64_t seen = 0;
    const auto check = [&](const std::string &when) -> std::string {
        const auto snapshot = c.core->makeSnapshot();
        const GroupSnapshot *g = c.group(*snapshot, "g1");
        if (!g)
            return fmt::format("seed {} {}: group g1 is not in the snapshot", seed, when);
        if (g->coordinator < 0)
            return {}; // no coordinator: nothing is shown (the snapshot keeps the last known)
        for (const auto &p : g->partitions) {
            int64_t &top = highest.try_emplace(p.partition, p.committedOffset).first->second;
            if (p.committedOffset < top)
                return fmt::format("seed {} {}: orders-{}'s committed offset went back from {} to {} "
                                   "(coordinator broker {})\nschedule:\n{}",
                    seed, when, p.partition, top, p.committedOffset, g->coordinator, schedule);
            if (p.committedOffset > top)
                ++seen;
            top = std::max(top, p.committedOffset);
        }
        return {};
    };
    const auto offsetsLeader = [&] {
        const auto snapshot = c.core->makeSnapshot();
        return snapshot->topic("__consumer_offsets")
            ->partitions[static_cast<size_t>(offsetsPartitionFor("g1", 5))]
            .leader;
    };
    const auto downBrokers = [&] {
        int down = 0;
        const auto snapshot = c.core->makeSnapshot(); // alive for the loop (range-for keeps only the vector)
        for (const auto &b : snapshot->brokers)
            down += b.state == BrokerState::Crashed ? 1 : 0;
        return down;
    };
    // n stamped records to each partition; refused while a partition is offline (that is fine).
    const auto produce = [&](int n) {
        for (int32_t p = 0; p < 2; ++p) {
            ProduceRequest r;
            r.topic = "orders";
            r.partition = p;
            for (int i = 0; i < n; ++i)
                r.records.push_back(ProduceRecord { fmt::format("k{}", p),
                    fmt::format("k{}@p0#{} payload", p, c.sequence[p]++), {}, std::nullopt });
            if (!c.core->produce(r).status)
                c.sequence[p] -= n;
        }
    };

    for (int step = 0; step < 40; ++step) {
        const int64_t roll = pick(100);
        std::string action;
        if (roll < 35) {
            const int n = static_cast<int>(pick(30)) + 1;
            produce(n);
            action = fmt::format("produce {} per partition", n);
        } else if (roll < 55) {
            const int32_t leader = offsetsLeader();
            // A crash soon after a commit: the auto-commit interval is 500 ms.
            c.advance(pick(500));
            // What the coordinator shows now counts as acknowledged, whatever the crash does.
            if (std::string failure = check(fmt::format("step {} before the crash", step)); !failure.empty())
                return failure;
            const Status crashed = leader > 0 && downBrokers() < 2
                ? c.core->crashBroker(leader)
                : Status::error(ErrorCode::InvalidRequest, "two brokers are down already");
            totals.coordinatorCrashes += crashed.isOk() ? 1 : 0;
            action = fmt::format("crash coordinator {} -> {}", leader, crashed.isOk() ? "ok" : crashed.message());
        } else if (roll < 75) {
            const int32_t b = static_cast<int32_t>(pick(3)) + 1;
            action = fmt::format("restart {} -> {}", b, c.core->restartBroker(b).isOk() ? "ok" : "no");
        } else if (roll < 85) {
            for (int32_t b = 1; b <= 3; ++b) {
                const int64_t delay = std::array<int64_t, 3> { 0, 300, 1500 }[static_cast<size_t>(pick(3))];
                c.core->setFollowerDelay(b, delay);
                action += fmt::format("slow {} {}ms; ", b, delay);
            }
        } else {
            action = "wait";
        }
        c.advance(pick(1500) + 1);
        schedule += fmt::format("  {}: t={} {}\n", step, c.clock.nowMs(), action);
        if (std::string failure = check(fmt::format("step {}", step)); !failure.empty())
            return failure;
    }
    for (int32_t b = 1; b <= 3; ++b) {
        c.core->restartBroker(b);
        c.core->setFollowerDelay(b, 0);
    }
    c.advance(30'000);
    if (std::string failure = check("after healing"); !failure.empty())
        return failure;
    if (seen == 0)
        return fmt::format("seed {}: no commit was ever shown\nschedule:\n{}", seed, schedule);
    totals.commitsShown += seen;
    return {};
}

} // namespace kl::sim
