// kafkalab-bench scale: how many partitions the embedded cluster takes, and what they cost.
//
// Creates `--partitions` partitions x `--rf` on `--brokers` brokers (topics of `--per-topic`
// partitions, named scale-0, scale-1, ...) in a fresh data directory on a ManualClock, lets the
// cluster idle for `--idle-ms` of engine time (every follower fetches every 100 ms, retention
// checks every second), shuts it down cleanly, then reopens the same directory in the same way.
// Creating runs in a forked child process and reopening in the parent, so each phase's peak
// RSS (VmHWM) and idle RSS are its own, as a fresh kafkalab-broker start would see them.
//
// Figures per phase (create.* / reopen.*): wall seconds to create the topics or open the data
// directory, to build one ClusterSnapshot (what the GUI gets per refresh; median of 5), to idle
// (wall seconds per engine second), to shut down; RSS after idling (VmRSS) and peak (VmHWM);
// open descriptors (/proc/self/fd) and the segment file cache's capacity, peak and evictions.
// The soft RLIMIT_NOFILE is raised to the hard limit as in every EngineCore start.
#include "bench.h"

#include "api/engine_core.h"
#include "log/fd_cache.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace kl::bench {

namespace {

namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

struct Params {
    int32_t partitions = 10000;
    int32_t rf = 3;
    int32_t brokers = 3;
    int32_t perTopic = 1000;
    int64_t idleMs = 2000;
    fs::path dir;
    bool keep = false;
};

double since(Steady::time_point from)
{
    return std::chrono::duration<double>(Steady::now() - from).count();
}

// VmRSS / VmHWM from /proc/self/status, in MB (kB / 1024).
double statusMb(const std::string &field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(field + ":", 0) == 0)
            return std::strtod(line.c_str() + field.size() + 1, nullptr) / 1024.0;
    }
    return -1;
}

size_t openFds()
{
    size_t n = 0;
    std::error_code ec;
    for (fs::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec))
        ++n;
    return n;
}

std::unique_ptr<EngineCore> openCore(const Params &p, const Clock &clock, double &seconds)
{
    EngineOptions options;
    options.dataDir = p.dir;
    options.brokerCount = p.brokers;
    const auto start = Steady::now();
    auto core = EngineCore::open(options, clock);
    seconds = since(start);
    if (!core) {
        fmt::print(stderr, "scale: cannot open {}: {}\n", p.dir.string(), core.status().toString());
        return nullptr;
    }
    return std::move(*core);
}

double snapshotSeconds(EngineCore &core, size_t &partitions)
{
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) {
        const auto start = Steady::now();
        auto snapshot = core.makeSnapshot();
        times.push_back(since(start));
        partitions = 0;
        for (const auto &t : snapshot->topics)
            partitions += t.partitions.size();
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

// The figures both phases share: snapshot, idle, RSS, fds, cache, shutdown.
void measure(const std::string &phase, EngineCore &core, ManualClock &clock, const Params &p)
{
    size_t partitions = 0;
    const double snapshot = snapshotSeconds(core, partitions);
    const auto idleStart = Steady::now();
    core.advanceTo(clock, clock.nowMs() + p.idleMs);
    const double idle = since(idleStart);
    const FdCache::Stats cache = FdCache::global().stats();
    fmt::print("{}.partitions: {} partitions\n", phase, partitions);
    fmt::print("{}.snapshot: {:.1f} ms\n", phase, snapshot * 1000);
    fmt::print("{}.idle_cpu: {:.3f} s per engine s\n", phase, idle / (static_cast<double>(p.idleMs) / 1000.0));
    fmt::print("{}.rss_idle: {:.1f} MB\n", phase, statusMb("VmRSS"));
    fmt::print("{}.open_fds: {} fds\n", phase, openFds());
    fmt::print("{}.fd_cache: capacity {}, open {}, peak {}, opens {}, evictions {}\n", phase, cache.capacity,
               cache.open, cache.peakOpen, cache.opens, cache.evictions);
    const auto closeStart = Steady::now();
    core.shutdown();
    fmt::print("{}.shutdown: {:.2f} s\n", phase, since(closeStart));
    fmt::print("{}.rss_peak: {:.1f} MB\n", phase, statusMb("VmHWM"));
    std::fflush(stdout);
}

int createPhase(const Params &p)
{
    ManualClock clock;
    double openSeconds = 0;
    auto core = openCore(p, clock, openSeconds);
    if (!core)
        return 1;
    const auto start = Steady::now();
    int32_t created = 0;
    for (int32_t t = 0; created < p.partitions; ++t) {
        TopicConfig config;
        config.partitions = std::min(p.perTopic, p.partitions - created);
        config.replicationFactor = p.rf;
        const Status s = core->createTopic(fmt::format("scale-{}", t), config);
        if (!s) {
            fmt::print(stderr, "scale: creating topic scale-{} ({} partitions created): {}\n", t, created,
                       s.toString());
            return 1;
        }
        created += config.partitions;
    }
    fmt::print("create.topics: {:.2f} s ({} partitions x RF {}, {} replicas)\n", since(start), created, p.rf,
               static_cast<int64_t>(created) * p.rf);
    measure("create", *core, clock, p);
    return 0;
}

int reopenPhase(const Params &p)
{
    ManualClock clock;
    double openSeconds = 0;
    auto core = openCore(p, clock, openSeconds);
    if (!core)
        return 1;
    fmt::print("reopen.open: {:.2f} s\n", openSeconds);
    measure("reopen", *core, clock, p);
    return 0;
}

bool parse(std::span<const std::string> args, Params &p)
{
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a == "--keep") {
            p.keep = true;
            continue;
        }
        if (i + 1 >= args.size()) {
            fmt::print(stderr, "scale: {} needs a value\n", a);
            return false;
        }
        const std::string &v = args[++i];
        char *end = nullptr;
        const long long n = std::strtoll(v.c_str(), &end, 10);
        const bool number = end != v.c_str() && *end == '\0' && n > 0;
        if (a == "--dir")
            p.dir = v;
        else if (a == "--partitions" && number && n <= 100000)
            p.partitions = static_cast<int32_t>(n);
        else if (a == "--rf" && number && n <= 9)
            p.rf = static_cast<int32_t>(n);
        else if (a == "--brokers" && number && n <= 9)
            p.brokers = static_cast<int32_t>(n);
        else if (a == "--per-topic" && number && n <= 100000)
            p.perTopic = static_cast<int32_t>(n);
        else if (a == "--idle-ms" && number && n <= 600000)
            p.idleMs = n;
        else {
            fmt::print(stderr, "scale: bad option {} {} (--partitions 1..100000, --rf 1..9, --brokers 1..9, "
                               "--per-topic 1..100000, --idle-ms 1..600000, --dir D, --keep)\n", a, v);
            return false;
        }
    }
    if (p.rf > p.brokers) {
        fmt::print(stderr, "scale: --rf {} is above --brokers {}\n", p.rf, p.brokers);
        return false;
    }
    return true;
}

} // namespace

int runScale(std::span<const std::string> args)
{
    Params p;
    if (!parse(args, p))
        return 2;
    if (p.dir.empty())
        p.dir = fs::temp_directory_path() / fmt::format("kafkalab-bench-scale-{}", ::getpid());
    std::error_code ec;
    if (fs::exists(p.dir, ec) && !fs::is_empty(p.dir, ec)) {
        fmt::print(stderr, "scale: {} is not empty; give a new or empty --dir\n", p.dir.string());
        return 2;
    }
    spdlog::set_level(spdlog::level::warn); // 30,000 "replica created" lines would be the benchmark
    const uint64_t limit = raiseOpenFileLimit();
    rlimit rl{};
    ::getrlimit(RLIMIT_NOFILE, &rl);
    fmt::print("limit.nofile: {} soft, {} hard\n", limit,
               rl.rlim_max == RLIM_INFINITY ? std::string("unlimited") : std::to_string(rl.rlim_max));
    std::fflush(stdout);

    int rc = 0;
    const pid_t child = ::fork();
    if (child < 0) {
        fmt::print(stderr, "scale: fork failed\n");
        return 1;
    }
    if (child == 0) {
        const int created = createPhase(p);
        std::fflush(stdout);
        ::_exit(created);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        rc = 1;
    if (rc == 0)
        rc = reopenPhase(p);
    if (!p.keep)
        fs::remove_all(p.dir, ec);
    else
        fmt::print("kept: {}\n", p.dir.string());
    return rc;
}

} // namespace kl::bench
