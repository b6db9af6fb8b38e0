// A cluster with consumer groups for tests: an EngineCore on a ManualClock in a temporary
// directory with a small __consumer_offsets topic, helpers to produce stamped records
// ("k<p>@p0#<n> ..." like the auto producer, as producer id 0, which the engine never hands
// out), start groups, advance time, reopen on the same data, and read group snapshots and
// events. Header-only; used by test_consumer_groups*.cpp and test_ordering_producers.cpp.
#pragma once

#include "api/engine_core.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fmt/format.h>

namespace kl::testing {

struct GroupFixture {
    QTemporaryDir dir;
    ManualClock clock;
    std::unique_ptr<EngineCore> core;
    std::vector<Event> events;
    std::map<int32_t, int64_t> sequence; // per partition key "k<p>"
    EngineOptions options;

    explicit GroupFixture(int32_t brokers = 3, uint64_t seed = 1, int32_t initialDelayMs = 1000)
    {
        options.dataDir = std::filesystem::path(dir.path().toStdString());
        options.brokerCount = brokers;
        options.seed = seed;
        options.recentRecordsPerPartition = 16;
        options.offsetsTopicPartitions = 5;
        options.offsetsTopicReplicationFactor = 3;
        options.groupInitialRebalanceDelayMs = initialDelayMs;
        options.lagSampleIntervalMs = 500;
        open();
    }

    void open()
    {
        auto opened = EngineCore::open(options, clock);
        if (!opened)
            qFatal("open failed: %s", opened.status().toString().c_str());
        core = std::move(*opened);
        core->setEventListener([this](const Event &e) { events.push_back(e); });
    }

    // A clean restart on the same data directory (groups and producers do not survive it).
    void reopen()
    {
        core->shutdown();
        core.reset();
        open();
    }

    Status createTopic(const std::string &name, int32_t partitions, int32_t rf = 3)
    {
        TopicConfig config;
        config.partitions = partitions;
        config.replicationFactor = rf;
        return core->createTopic(name, config);
    }

    // `perPartition` records to every partition of the topic, key "k<p>", value "k<p>@p0#<n> ...".
    void produceEach(const std::string &topic, int32_t partitions, int perPartition)
    {
        for (int32_t p = 0; p < partitions; ++p) {
            ProduceRequest r;
            r.topic = topic;
            r.partition = p;
            for (int i = 0; i < perPartition; ++i) {
                const std::string key = fmt::format("k{}", p);
                r.records.push_back(ProduceRecord { key, fmt::format("{}@p0#{} payload", key, sequence[p]++), {},
                    std::nullopt });
            }
            const ProduceResult result = core->produce(r);
            QVERIFY2(result.status.isOk(), result.status.toString().c_str());
        }
    }

    static ConsumerGroupSpec spec(const std::string &group, const std::string &topic, int32_t consumers,
        const std::string &assignor = "range")
    {
        ConsumerGroupSpec s;
        s.groupId = group;
        s.topics = { topic };
        s.consumers = consumers;
        s.assignor = assignor;
        s.recordsPerSecPerConsumer = 100;
        s.autoCommitIntervalMs = 1000;
        s.sessionTimeoutMs = 10000;
        s.heartbeatIntervalMs = 3000;
        s.maxPollIntervalMs = 30000;
        return s;
    }

    void advance(int64_t ms) { core->advanceTo(clock, clock.nowMs() + ms); }

    GroupSnapshot group(const std::string &id)
    {
        const auto snapshot = core->makeSnapshot();
        for (const auto &g : snapshot->groups)
            if (g.groupId == id)
                return g;
        qFatal("group %s not in the snapshot", id.c_str());
        return {};
    }

    static const GroupMemberSnapshotView *member(const GroupSnapshot &g, const std::string &clientId)
    {
        for (const auto &m : g.members)
            if (m.clientId == clientId)
                return &m;
        return nullptr;
    }

    static std::vector<int32_t> partitionsOf(const GroupMemberSnapshotView &m)
    {
        std::vector<int32_t> out;
        for (const auto &tp : m.assigned)
            out.push_back(tp.partition);
        std::sort(out.begin(), out.end());
        return out;
    }

    std::vector<Event> eventsOf(EventType type, const std::string &group, int64_t fromMs = 0) const
    {
        std::vector<Event> out;
        for (const auto &e : events)
            if (e.type == type && e.group == group && e.timeMs >= fromMs)
                out.push_back(e);
        return out;
    }

    // Advances in 100 ms steps until the group is Stable with `members` members (or gives up).
    bool waitStable(const std::string &id, size_t members, int64_t maxMs = 60000)
    {
        for (int64_t waited = 0; waited <= maxMs; waited += 100) {
            const GroupSnapshot g = group(id);
            size_t inGroup = 0;
            for (const auto &m : g.members)
                inGroup += m.memberId.empty() ? 0 : 1;
            if (g.state == "Stable" && inGroup == members && g.members.size() == members)
                return true;
            advance(100);
        }
        return false;
    }
};

} // namespace kl::testing
