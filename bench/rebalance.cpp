// kafkalab-bench rebalance: how long a consumer-group rebalance takes in engine time, and how
// many partitions an eager assignor revokes and moves compared with cooperative-sticky.
//
// Each run opens a fresh one-broker EngineCore on a ManualClock in a temporary directory
// (removed afterwards) with group.initial.rebalance.delay.ms = 0, creates a topic (RF 1), starts
// a group of simulated consumers and advances the clock until the group is Stable with every
// member in it and every partition owned. Then, so that every owned partition has progress to
// commit, it produces a few records to every partition and lets the consumers read them. Then it
// applies one change — a member leaves gracefully (ConsumerAction::Leave) or one member joins
// (addConsumer) — and advances in small steps until the group has settled.
//
// What is measured, and from where:
//  - engine time: the RebalanceSnapshot timestamps of the rebalances that start at the change
//    (exact: the coordinator stamps them with the engine clock when the state changes);
//  - moved partitions: GroupSnapshot.partitions[].ownerClientId before and after the change;
//  - revoked partitions: the consumers' commit-on-revocation, as the engine reports it in
//    OffsetsCommitted events ("... (eager rebalance)", "... (cooperative revocation)" and the
//    leaver's "... (close)").
//    Auto-commit is on with a long interval, so every revocation of a partition the member has
//    read since its last commit shows up there; the fresh records make that every partition.
//    The count is cross-checked against its definition for the eager protocol: every member
//    that rejoins revokes everything it owned.
// Wall time (steady clock) covers everything the engine simulates meanwhile (all consumers'
// polls and heartbeats), not only the coordinator's work.
#include "bench.h"

#include "api/engine_core.h"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <map>
#include <spdlog/spdlog.h>
#include <system_error>
#include <unistd.h>

namespace kl::bench {

namespace {

constexpr const char *kTopic = "bench";
constexpr const char *kGroup = "bench-group";

struct Params {
    int32_t consumers = 100;
    int32_t partitions = 200;
    int32_t heartbeatMs = 3000;
    int32_t sessionMs = 10000;
    int32_t pollMs = 100;       // the members' poll loop period
};

enum class Change { Leave, Join };

struct RunResult {
    bool ok = false;
    int64_t toFirstStableMs = -1;  // change -> first Stable
    int64_t toLastRejoinMs = -1;   // change -> join phase complete (the last member rejoined)
    int64_t joinToStableMs = -1;   // join complete -> Stable (SyncGroup round)
    int64_t toSettledMs = -1;      // change -> last rebalance it caused completed
    int32_t rebalances = 0;        // rebalances the change caused
    int64_t revoked = 0;           // partitions revoked from members (the leaver's on close included)
    int64_t revokedDerived = 0;    // eager definition: all partitions owned before the change
    int64_t moved = 0;             // partitions whose owner changed
    double wallMsToStable = 0;       // the whole window, every consumer's polls included
    double wallMsCompletingStep = 0; // the 1 ms step holding the last rejoins, the assignment, SyncGroup
};

size_t countChar(const std::string &s, char c)
{
    return static_cast<size_t>(std::count(s.begin(), s.end(), c));
}

const GroupSnapshot *groupOf(const ClusterSnapshot &snapshot)
{
    for (const auto &g : snapshot.groups)
        if (g.groupId == kGroup)
            return &g;
    return nullptr;
}

bool settled(const GroupSnapshot &g, size_t members)
{
    if (g.state != "Stable" || g.members.size() != members)
        return false;
    return std::all_of(g.partitions.begin(), g.partitions.end(),
        [](const GroupPartitionSnapshot &p) { return !p.ownerClientId.empty(); });
}

std::map<int32_t, std::string> ownersOf(const GroupSnapshot &g)
{
    std::map<int32_t, std::string> out;
    for (const auto &p : g.partitions)
        if (p.topic == kTopic)
            out[p.partition] = p.ownerClientId;
    return out;
}

RunResult runOnce(const Params &params, const std::string &assignor, Change change, int64_t phaseMs = 0)
{
    RunResult out;
    const auto dir = std::filesystem::temp_directory_path()
        / fmt::format("kafkalab-bench-rebalance-{}", ::getpid());
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    struct RemoveDir { // also on the early returns; runs after the engine below is closed
        std::filesystem::path path;
        ~RemoveDir() { std::error_code e; std::filesystem::remove_all(path, e); }
    } removeDir { dir };
    auto fail = [&](const std::string &what) {
        fmt::print(stderr, "rebalance ({}, {}): {}\n", assignor, change == Change::Leave ? "leave" : "join", what);
        return out;
    };
    {
        ManualClock clock;
        EngineOptions options;
        options.dataDir = dir;
        options.brokerCount = 1;
        options.offsetsTopicPartitions = 3;
        options.offsetsTopicReplicationFactor = 1;
        options.groupInitialRebalanceDelayMs = 0;
        auto opened = EngineCore::open(options, clock);
        if (!opened)
            return fail(opened.status().toString());
        EngineCore &core = **opened;
        TopicConfig config;
        config.partitions = params.partitions;
        config.replicationFactor = 1;
        config.minInsyncReplicas = 1;
        if (Status s = core.createTopic(kTopic, config); !s)
            return fail(s.toString());

        ConsumerGroupSpec spec;
        spec.groupId = kGroup;
        spec.topics = { kTopic };
        spec.consumers = params.consumers;
        spec.assignor = assignor;
        spec.recordsPerSecPerConsumer = 10000;
        spec.autoCommit = true;
        spec.autoCommitIntervalMs = 3'600'000; // commits happen on revocation only
        spec.sessionTimeoutMs = params.sessionMs;
        spec.heartbeatIntervalMs = params.heartbeatMs;
        spec.pollIntervalMs = params.pollMs;
        auto started = core.startConsumerGroup(spec);
        if (!started)
            return fail(started.status().toString());

        // Formation: until Stable with everyone in, then one more session of quiet operation.
        const int64_t formDeadline = clock.nowMs() + 120'000;
        while (true) {
            core.advanceTo(clock, clock.nowMs() + 100);
            const auto snap = core.makeSnapshot();
            const GroupSnapshot *g = groupOf(*snap);
            if (g && settled(*g, static_cast<size_t>(params.consumers)))
                break;
            if (clock.nowMs() > formDeadline)
                return fail("the group did not become Stable within 120 s of engine time");
        }
        core.advanceTo(clock, clock.nowMs() + params.sessionMs + phaseMs);

        // Fresh records on every partition, read by their owners: each owned partition now has
        // an uncommitted position, so a revocation of it is visible as a commit.
        ProduceRequest request;
        request.topic = kTopic;
        for (int32_t p = 0; p < params.partitions; ++p) {
            request.partition = p;
            request.records.assign(5, ProduceRecord { std::string("k"), std::string("v"), {}, std::nullopt });
            if (ProduceResult r = core.produce(request); !r.status)
                return fail(r.status.toString());
        }
        core.advanceTo(clock, clock.nowMs() + 1000);

        const auto before = core.makeSnapshot();
        const GroupSnapshot *gBefore = groupOf(*before);
        if (!gBefore || !settled(*gBefore, static_cast<size_t>(params.consumers)))
            return fail("the group was not Stable before the change");
        const std::map<int32_t, std::string> ownersBefore = ownersOf(*gBefore);
        const size_t rebalancesBefore = gBefore->rebalances.size();
        const int32_t generationBefore = gBefore->generation;
        // (lag counts from the committed offset, which only revocations move: check consumption)
        int64_t consumed = 0;
        for (const auto &m : gBefore->members)
            consumed += m.consumed;
        if (consumed != 5 * int64_t(params.partitions))
            return fail(fmt::format("{} of {} records consumed before the change", consumed, 5 * params.partitions));

        std::string leaver;
        std::map<std::string, int64_t> ownedBefore; // client -> partitions
        for (const auto &[p, owner] : ownersBefore)
            ++ownedBefore[owner];
        leaver = ownersBefore.begin()->second; // the owner of partition 0

        int64_t revokedSeen = 0;
        int64_t completedAtMs = -1;
        core.setEventListener([&](const Event &e) {
            if (e.type == EventType::RebalanceCompleted && e.group == kGroup && e.generation > generationBefore
                && completedAtMs < 0)
                completedAtMs = e.timeMs;
            if (e.type != EventType::OffsetsCommitted)
                return;
            if (e.detail.find("(eager rebalance)") != std::string::npos
                || e.detail.find("(cooperative revocation)") != std::string::npos
                || e.detail.find("(close)") != std::string::npos)
                revokedSeen += static_cast<int64_t>(countChar(e.detail, '@'));
        });

        const int64_t changeMs = clock.nowMs();
        const auto wallStart = std::chrono::steady_clock::now();
        if (change == Change::Leave) {
            if (Status s = core.consumerAction(kGroup, leaver, ConsumerAction::Leave); !s)
                return fail(s.toString());
        } else {
            if (auto id = core.addConsumer(kGroup); !id)
                return fail(id.status().toString());
        }
        const size_t membersAfter = static_cast<size_t>(params.consumers + (change == Change::Leave ? -1 : 1));

        // Step 1 ms at a time until the first rebalance completion after the change (the
        // listener sees it as it happens; no snapshots inside the timed loop).
        const int64_t deadline = changeMs + 10 * int64_t(params.sessionMs);
        while (completedAtMs < 0) {
            const auto stepStart = std::chrono::steady_clock::now();
            core.advanceTo(clock, clock.nowMs() + 1);
            if (completedAtMs >= 0)
                out.wallMsCompletingStep
                    = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - stepStart).count();
            if (clock.nowMs() > deadline)
                return fail("no new Stable generation after the change");
        }
        out.wallMsToStable = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wallStart).count();
        if (const GroupSnapshot *g = groupOf(*core.makeSnapshot()); !g || g->state != "Stable")
            return fail("a rebalance completed but the group is not Stable");

        // Then let it settle (cooperative: the second round) for three heartbeat intervals.
        core.advanceTo(clock, clock.nowMs() + 3 * int64_t(params.heartbeatMs) + 1000);
        const auto after = core.makeSnapshot();
        const GroupSnapshot *gAfter = groupOf(*after);
        if (!gAfter || !settled(*gAfter, membersAfter))
            return fail("the group did not settle after the change");
        core.setEventListener(nullptr);

        for (size_t i = rebalancesBefore; i < gAfter->rebalances.size(); ++i) {
            const RebalanceSnapshot &r = gAfter->rebalances[i];
            if (r.startedMs < changeMs || r.completedMs < 0)
                continue;
            if (out.rebalances == 0) {
                out.toFirstStableMs = r.completedMs - changeMs;
                out.toLastRejoinMs = r.joinCompletedMs - changeMs;
                out.joinToStableMs = r.completedMs - r.joinCompletedMs;
            }
            out.toSettledMs = r.completedMs - changeMs;
            ++out.rebalances;
        }
        if (out.rebalances == 0)
            return fail("no rebalance recorded for the change");

        const std::map<int32_t, std::string> ownersAfter = ownersOf(*gAfter);
        for (const auto &[p, owner] : ownersBefore) {
            auto it = ownersAfter.find(p);
            if (it == ownersAfter.end() || it->second != owner)
                ++out.moved;
        }
        out.revoked = revokedSeen;
        for (const auto &[client, n] : ownedBefore)
            out.revokedDerived += n; // eager: the leaver on close, everyone else on rejoining
        out.ok = true;
        core.shutdown();
    }
    return out;
}

bool parseArgs(std::span<const std::string> args, Params &params)
{
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        int32_t *target = a == "--consumers" ? &params.consumers
            : a == "--partitions"            ? &params.partitions
            : a == "--heartbeat-ms"          ? &params.heartbeatMs
            : a == "--session-ms"            ? &params.sessionMs
            : a == "--poll-ms"               ? &params.pollMs
                                             : nullptr;
        if (!target || i + 1 >= args.size()) {
            fmt::print(stderr, "rebalance: unknown or incomplete option '{}'\n", a);
            return false;
        }
        try {
            *target = std::stoi(args[++i]);
        } catch (...) {
            fmt::print(stderr, "rebalance: '{}' needs a number\n", a);
            return false;
        }
    }
    if (params.consumers < 2 || params.consumers > 999 || params.partitions < params.consumers
        || params.heartbeatMs < 1 || params.heartbeatMs >= params.sessionMs || params.pollMs < 1) {
        fmt::print(stderr, "rebalance: need 2 <= consumers <= 999, partitions >= consumers, "
                           "1 <= heartbeat-ms < session-ms\n");
        return false;
    }
    return true;
}

std::string metricName(const std::string &assignor)
{
    std::string s = assignor;
    std::replace(s.begin(), s.end(), '-', '_');
    return s;
}

} // namespace

int runRebalance(std::span<const std::string> args)
{
    Params params;
    if (!parseArgs(args, params))
        return 2;
    spdlog::set_level(spdlog::level::warn);

    fmt::print("rebalance_consumers: {} members\n", params.consumers);
    fmt::print("rebalance_partitions: {} partitions\n", params.partitions);
    fmt::print("rebalance_heartbeat_interval: {} ms\n", params.heartbeatMs);

    const char *assignors[] = { "range", "sticky", "cooperative-sticky" };
    std::map<std::pair<std::string, int>, RunResult> results;
    for (Change change : { Change::Leave, Change::Join }) {
        const char *changeName = change == Change::Leave ? "leave" : "join";
        for (const char *assignor : assignors) {
            const RunResult r = runOnce(params, assignor, change);
            if (!r.ok)
                return 1;
            results[{ assignor, int(change) }] = r;
            const std::string prefix = fmt::format("rebalance_{}_{}", changeName, metricName(assignor));
            fmt::print("{}_to_stable_engine_ms: {} ms\n", prefix, r.toFirstStableMs);
            fmt::print("{}_to_last_rejoin_engine_ms: {} ms\n", prefix, r.toLastRejoinMs);
            fmt::print("{}_join_complete_to_stable_engine_ms: {} ms\n", prefix, r.joinToStableMs);
            fmt::print("{}_to_settled_engine_ms: {} ms\n", prefix, r.toSettledMs);
            fmt::print("{}_rebalances: {}\n", prefix, r.rebalances);
            fmt::print("{}_wall_ms_to_stable: {:.1f} ms\n", prefix, r.wallMsToStable);
            fmt::print("{}_wall_ms_completing_step: {:.2f} ms\n", prefix, r.wallMsCompletingStep);
            fmt::print("{}_partitions_revoked: {} partitions\n", prefix, r.revoked);
            fmt::print("{}_partitions_moved: {} partitions\n", prefix, r.moved);
            if (std::string(assignor) != "cooperative-sticky")
                fmt::print("{}_partitions_revoked_by_definition: {} partitions\n", prefix, r.revokedDerived);
        }
    }

    // Headline figures: a graceful leave from a Stable group, eager sticky vs cooperative-sticky
    // (the same assignment algorithm; only the protocol differs).
    const RunResult &leave = results[{ "range", int(Change::Leave) }];
    const RunResult &eager = results[{ "sticky", int(Change::Leave) }];
    const RunResult &coop = results[{ "cooperative-sticky", int(Change::Leave) }];
    // The leave lands at some phase of the members' heartbeat cycle; sweep it.
    int64_t worst = leave.toFirstStableMs, best = leave.toFirstStableMs;
    int64_t worstJoinToStable = leave.joinToStableMs;
    double worstStep = leave.wallMsCompletingStep;
    for (int k = 1; k < 4; ++k) {
        const RunResult r = runOnce(params, "range", Change::Leave, k * int64_t(params.heartbeatMs) / 4);
        if (!r.ok)
            return 1;
        fmt::print("rebalance_leave_range_phase_{}_to_stable_engine_ms: {} ms\n", k, r.toFirstStableMs);
        worst = std::max(worst, r.toFirstStableMs);
        best = std::min(best, r.toFirstStableMs);
        worstJoinToStable = std::max(worstJoinToStable, r.joinToStableMs);
        worstStep = std::max(worstStep, r.wallMsCompletingStep);
    }
    fmt::print("rebalance_leave_to_stable_engine_ms: {} ms\n", leave.toFirstStableMs);
    fmt::print("rebalance_leave_to_stable_engine_ms_min: {} ms\n", best);
    fmt::print("rebalance_leave_to_stable_engine_ms_max: {} ms\n", worst);
    fmt::print("rebalance_leave_last_rejoin_to_stable_engine_ms_max: {} ms\n", worstJoinToStable);
    fmt::print("rebalance_leave_wall_ms_per_rebalance: {:.1f} ms\n", leave.wallMsToStable);
    fmt::print("rebalance_leave_wall_ms_completing_step_max: {:.2f} ms\n", worstStep);
    fmt::print("rebalance_eager_partitions_revoked: {} partitions\n", eager.revoked);
    fmt::print("rebalance_eager_partitions_moved: {} partitions\n", eager.moved);
    fmt::print("rebalance_cooperative_partitions_revoked: {} partitions\n", coop.revoked);
    fmt::print("rebalance_cooperative_partitions_moved: {} partitions\n", coop.moved);

    // The same leave with responsive members: heartbeat.interval.ms 10 and a 5 ms poll loop
    // (session.timeout.ms 6000, the broker's minimum). Members still learn of the rebalance only
    // from a heartbeat and rejoin on their next poll, as in Kafka's classic protocol; this shows
    // what the coordinator and the protocol cost once the clients' own intervals are short.
    Params fast = params;
    fast.heartbeatMs = 10;
    fast.pollMs = 5;
    fast.sessionMs = 6000;
    int64_t fastWorst = 0, fastFirst = -1;
    for (int k = 0; k < 4; ++k) {
        const RunResult r = runOnce(fast, "range", Change::Leave, k * int64_t(fast.heartbeatMs) / 4);
        if (!r.ok)
            return 1;
        if (fastFirst < 0)
            fastFirst = r.toFirstStableMs;
        fastWorst = std::max(fastWorst, r.toFirstStableMs);
    }
    fmt::print("rebalance_leave_to_stable_responsive_clients_engine_ms: {} ms\n", fastFirst);
    fmt::print("rebalance_leave_to_stable_responsive_clients_engine_ms_max: {} ms\n", fastWorst);
    return 0;
}

} // namespace kl::bench
