// kafkalab-bench replication: produce throughput through the EngineCore with replication
// factor 3 and acks=all versus replication factor 1 and acks=1, in the same run, then the
// seeded replication simulation's seeds per second.
//
// Each mode opens a fresh 3-broker EngineCore on a ManualClock in a temporary directory and
// sends batches of 1,000 records (null key, 100-byte value) to one partition with
// produceAsync. acks=1 answers at once. acks=all keeps up to --in-flight requests waiting
// (a producer's max.in.flight, with linger) and, when the window is full, advances the
// manual clock by one replica fetch interval so the followers fetch and the high watermark
// moves; every request must come back acknowledged. Wall time (steady clock) covers building
// requests, leader appends, follower fetches (read + CRC check + append on both followers) and
// completions; simulated time costs nothing. Both followers run on the same thread as the
// leader (the engine is single-threaded), so RF 3 writes three logs where RF 1 writes one.
// Then the two seeded simulations with their invariants: the replication simulation (no
// acks=all record lost, log start <= high watermark, ...) and the offset-commit simulation
// (no acknowledged commit lost or rolled back); a failing seed fails the run with its schedule.
#include "bench.h"

#include "../tests/engine/commit_sim.h"
#include "../tests/engine/replication_sim.h"
#include "api/engine_core.h"

#include <chrono>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <system_error>
#include <unistd.h>

namespace kl::bench {

namespace {

struct ModeResult {
    double recordsPerSec = 0;
    double seconds = 0;
    int64_t records = 0;
    bool ok = false;
};

ModeResult runMode(int32_t rf, Acks acks, int64_t batches, int inFlight, int64_t segmentBytes)
{
    ModeResult out;
    const auto dir = std::filesystem::temp_directory_path()
        / fmt::format("kafkalab-bench-repl-{}-rf{}", ::getpid(), rf);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    {
        ManualClock clock;
        EngineOptions options;
        options.dataDir = dir;
        options.brokerCount = 3;
        options.replicaFetchIntervalMs = 100;
        options.replicaLagTimeMaxMs = 30000;
        auto opened = EngineCore::open(options, clock);
        if (!opened) {
            fmt::print(stderr, "replication: {}\n", opened.status().toString());
            return out;
        }
        auto &core = **opened;
        TopicConfig config;
        config.partitions = 1;
        config.replicationFactor = rf;
        config.minInsyncReplicas = rf >= 2 ? 2 : 1;
        config.log.segmentBytes = segmentBytes;
        if (Status s = core.createTopic("bench", config); !s) {
            fmt::print(stderr, "replication: {}\n", s.toString());
            return out;
        }
        ProduceRequest request;
        request.topic = "bench";
        request.partition = 0;
        request.acks = acks;
        const std::string value(100, 'v');

        int64_t waiting = 0, acknowledged = 0, failed = 0;
        const auto start = std::chrono::steady_clock::now();
        for (int64_t b = 0; b < batches; ++b) {
            request.records.clear();
            for (int i = 0; i < 1000; ++i)
                request.records.push_back(ProduceRecord { std::nullopt, value, {}, std::nullopt });
            ++waiting;
            core.produceAsync(request, [&](ProduceResult r) {
                --waiting;
                (r.status ? acknowledged : failed) += static_cast<int64_t>(r.records.size());
            });
            while (waiting >= inFlight)
                core.advanceTo(clock, clock.nowMs() + options.replicaFetchIntervalMs);
        }
        while (waiting > 0)
            core.advanceTo(clock, clock.nowMs() + options.replicaFetchIntervalMs);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto snapshot = core.makeSnapshot();
        const auto &p = snapshot->topic("bench")->partitions[0];
        out.records = acknowledged;
        out.seconds = seconds;
        out.recordsPerSec = static_cast<double>(acknowledged) / seconds;
        out.ok = failed == 0 && acknowledged == batches * 1000 && p.highWatermark == acknowledged;
        for (const auto &r : p.replicaStates)
            out.ok = out.ok && r.logEndOffset == acknowledged;
        if (!out.ok)
            fmt::print(stderr, "replication: rf {} acks {}: {} acknowledged, {} failed, HW {}\n", rf,
                acksName(acks), acknowledged, failed, p.highWatermark);
    }
    std::filesystem::remove_all(dir, ec);
    return out;
}

} // namespace

int runReplication(std::span<const std::string> args)
{
    int64_t batches = 1000;
    int inFlight = 20;
    uint64_t seeds = 2000; // "thousands in a benchmark run" (issue 3); CI runs 200
    uint64_t commitSeeds = 2000; // "at least 2,000 seeds in the benchmark" (issue 9); CI runs 20
    int64_t segmentBytes = 1 << 30;
    for (size_t i = 0; i < args.size(); ++i) {
        const auto next = [&]() -> const std::string * { return i + 1 < args.size() ? &args[++i] : nullptr; };
        const std::string &a = args[i];
        const std::string *v = (a == "--batches" || a == "--in-flight" || a == "--seeds" || a == "--commit-seeds"
                               || a == "--segment-bytes")
            ? next()
            : nullptr;
        try {
            if (a == "--batches" && v)
                batches = std::stoll(*v);
            else if (a == "--in-flight" && v)
                inFlight = std::stoi(*v);
            else if (a == "--seeds" && v)
                seeds = std::stoull(*v);
            else if (a == "--commit-seeds" && v)
                commitSeeds = std::stoull(*v);
            else if (a == "--segment-bytes" && v)
                segmentBytes = std::stoll(*v);
            else {
                fmt::print(stderr, "replication: unknown or incomplete option '{}'\n", a);
                return 2;
            }
        } catch (...) {
            fmt::print(stderr, "replication: '{}' needs a number\n", a);
            return 2;
        }
    }
    if (batches < 1 || inFlight < 1 || segmentBytes < 1024) {
        fmt::print(stderr, "replication: --batches, --in-flight must be >= 1, --segment-bytes >= 1024\n");
        return 2;
    }

    spdlog::set_level(spdlog::level::warn); // truncations in the simulation log at info
    const ModeResult one = runMode(1, Acks::Leader, batches, inFlight, segmentBytes);
    const ModeResult three = runMode(3, Acks::All, batches, inFlight, segmentBytes);
    if (!one.ok || !three.ok)
        return 1;
    fmt::print("replication_rf1_acks1_records_per_sec: {:.0f} records/s\n", one.recordsPerSec);
    fmt::print("replication_rf3_acksall_records_per_sec: {:.0f} records/s\n", three.recordsPerSec);
    fmt::print("replication_ratio_rf3_all_vs_rf1_1: {:.2f}\n", three.recordsPerSec / one.recordsPerSec);
    fmt::print("replication_records_per_mode: {} records\n", one.records);

    sim::SimTotals totals;
    const auto start = std::chrono::steady_clock::now();
    for (uint64_t seed = 1; seed <= seeds; ++seed) {
        const std::string failure = sim::runSeed(seed, totals);
        if (!failure.empty()) {
            fmt::print(stderr, "replication simulation failed:\n{}\n", failure);
            return 1;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print("replication_sim_seeds: {} seeds\n", seeds);
    fmt::print("replication_sim_seeds_per_sec: {:.0f} seeds/s\n", static_cast<double>(seeds) / seconds);

    sim::CommitSimTotals commitTotals;
    const auto commitStart = std::chrono::steady_clock::now();
    for (uint64_t seed = 1; seed <= commitSeeds; ++seed) {
        const std::string failure = sim::runCommitSeed(seed, commitTotals);
        if (!failure.empty()) {
            fmt::print(stderr, "offset-commit simulation failed:\n{}\n", failure);
            return 1;
        }
    }
    const double commitSeconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - commitStart).count();
    fmt::print("commit_sim_seeds: {} seeds\n", commitSeeds);
    fmt::print("commit_sim_coordinator_crashes: {} crashes\n", commitTotals.coordinatorCrashes);
    fmt::print("commit_sim_commits_shown: {} commits\n", commitTotals.commitsShown);
    fmt::print("commit_sim_seeds_per_sec: {:.1f} seeds/s\n", static_cast<double>(commitSeeds) / commitSeconds);
    return 0;
}

} // namespace kl::bench
