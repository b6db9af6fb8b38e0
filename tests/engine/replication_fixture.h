// A small cluster for replication tests: an EngineCore on a ManualClock in a temporary
// directory, with helpers to produce (sync or async), advance time, and look at partitions and
// events. Header-only; used by test_replication.cpp and test_replication_sim.cpp.
#pragma once

#include "api/engine_core.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fmt/format.h>
#include <optional>

namespace kl::testing {

struct ClusterFixture {
    QTemporaryDir dir;
    ManualClock clock;
    EngineOptions options; // what core was opened with (reopen() opens the same directory so)
    std::unique_ptr<EngineCore> core;

    // brokerSessionMs: broker.session.timeout.ms. 0 (fenced at once) by default: these tests are
    // about replication after a fence, not the wait for it (test_broker_fencing.cpp is).
    explicit ClusterFixture(int32_t brokers = 3, int64_t lagMs = 1000, int32_t fetchMs = 100, uint64_t seed = 1,
        int64_t brokerSessionMs = 0)
    {
        options.dataDir = std::filesystem::path(dir.path().toStdString());
        options.brokerCount = brokers;
        options.seed = seed;
        options.replicaLagTimeMaxMs = lagMs;
        options.replicaFetchIntervalMs = fetchMs;
        options.brokerSessionTimeoutMs = brokerSessionMs;
        options.recentRecordsPerPartition = 16;
        auto opened = EngineCore::open(options, clock);
        if (!opened)
            qFatal("open failed: %s", opened.status().toString().c_str());
        core = std::move(*opened);
    }

    std::filesystem::path path() const { return std::filesystem::path(dir.path().toStdString()); }

    // A new core on the same data directory and options (the old one shut down first, or not:
    // tests that damage files shut it down themselves).
    std::unique_ptr<EngineCore> openAgain()
    {
        auto opened = EngineCore::open(options, clock);
        if (!opened)
            qFatal("reopen failed: %s", opened.status().toString().c_str());
        return std::move(*opened);
    }
    void reopen()
    {
        core->shutdown();
        core.reset();
        core = openAgain();
    }

    Status createTopic(const std::string &name, int32_t rf, int32_t minIsr = 1, bool unclean = false,
        int32_t partitions = 1)
    {
        TopicConfig config;
        config.partitions = partitions;
        config.replicationFactor = rf;
        config.minInsyncReplicas = minIsr;
        config.uncleanLeaderElection = unclean;
        return core->createTopic(name, config);
    }

    void advance(int64_t ms) { core->advanceTo(clock, clock.nowMs() + ms); }

    static ProduceRequest request(const std::string &topic, int count, const std::string &prefix, Acks acks,
        int32_t partition = 0)
    {
        ProduceRequest r;
        r.topic = topic;
        r.partition = partition;
        r.acks = acks;
        for (int i = 0; i < count; ++i)
            r.records.push_back(ProduceRecord { std::nullopt, fmt::format("{}-{}", prefix, i), {}, std::nullopt });
        return r;
    }

    // produceAsync; the answer lands in the returned holder (empty until it completes).
    std::shared_ptr<std::optional<ProduceResult>> produceAsync(const ProduceRequest &r)
    {
        auto holder = std::make_shared<std::optional<ProduceResult>>();
        core->produceAsync(r, [holder](ProduceResult result) { *holder = std::move(result); });
        return holder;
    }

    PartitionSnapshot partition(const std::string &topic, int32_t p = 0)
    {
        const auto snapshot = core->makeSnapshot();
        return snapshot->topic(topic)->partitions[static_cast<size_t>(p)];
    }

    const ReplicaSnapshot *replicaOf(const PartitionSnapshot &p, int32_t broker)
    {
        for (const auto &r : p.replicaStates)
            if (r.broker == broker)
                return &r;
        return nullptr;
    }

    std::vector<Event> events(EventType type, uint64_t after = 0) const
    {
        std::vector<Event> out;
        for (const auto &e : core->eventsSince(after))
            if (e.type == type)
                out.push_back(e);
        return out;
    }

    uint64_t lastSeq() const
    {
        const auto all = core->eventsSince(0);
        return all.empty() ? 0 : all.back().seq;
    }
};

} // namespace kl::testing
