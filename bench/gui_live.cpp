// gui-live: is the window responsive while an auto-producer sends 20,000 records/s?
// Builds the real application stack as app/gui/main.cpp does (EngineCore with 3 brokers on a
// temporary data dir, kl::Engine on its own thread with a SystemClock, Bridge, MainWindow shown
// at 1280x800; the offscreen platform when there is no display), creates a 6-partition topic
// (RF 3, or RF 1 if the cluster refuses 3), starts an auto-producer (uniform over 100 keys,
// 100-byte values) and, after a one-second warm-up, measures for --seconds:
//   - GUI thread responsiveness: a 10 ms precise QTimer; lateness = gap between ticks - 10 ms.
//   - the cost of one refresh: every ~33 ms Bridge::refresh() (snapshot pull, snapshotUpdated,
//     every view's model update) followed by a forced synchronous repaint of the whole window.
//     The Bridge's own timer is parked so each refresh is counted exactly once.
//   - records produced per second and snapshots published per second, both from the snapshots.
// Not a test: it prints figures, there is no pass/fail threshold.
#include "bench.h"

#include "api/engine.h"
#include "bridge/bridge.h"
#include "views/main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace kl::bench {

namespace {

constexpr int kLatenessTickMs = 10;
constexpr int kRefreshEveryMs = 33;
constexpr int kWarmupMs = 1000;
constexpr int kPartitions = 6;
const QString kTopic = QStringLiteral("gui-live");

struct Options {
    double rate = 20000;
    double seconds = 10;
    int brokers = 3;
    int replicationFactor = 3;
};

std::optional<Options> parseOptions(std::span<const std::string> args)
{
    Options o;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (i + 1 >= args.size())
            return std::nullopt;
        const std::string &value = args[++i];
        char *end = nullptr;
        const double v = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0' || !(v > 0))
            return std::nullopt;
        if (arg == "--rate")
            o.rate = v;
        else if (arg == "--seconds")
            o.seconds = v;
        else if (arg == "--brokers")
            o.brokers = static_cast<int>(v);
        else if (arg == "--rf")
            o.replicationFactor = static_cast<int>(v);
        else
            return std::nullopt;
    }
    return o;
}

// Nearest-rank percentile of `values` (sorted here); 0 for none.
double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

double mean(const std::vector<double> &values)
{
    double sum = 0;
    for (double v : values)
        sum += v;
    return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double processCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Nanoseconds this thread has spent runnable but waiting for a CPU (schedstat's 2nd field):
// separates "the machine is busy" from "our code is slow" when lateness is high.
double threadRunQueueWaitSeconds()
{
    std::ifstream in("/proc/thread-self/schedstat");
    double running = 0, waiting = 0;
    in >> running >> waiting;
    return waiting * 1e-9;
}

std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    std::string one;
    in >> one;
    return one.empty() ? std::string("?") : one;
}

// Process events until cond() holds or timeoutMs passes.
bool waitUntil(const std::function<bool()> &cond, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!cond()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return true;
}

// Runs a command through the Bridge and waits for its one answer signal.
Status createTopic(Bridge &bridge, int partitions, int rf)
{
    std::optional<Status> result;
    auto conn = QObject::connect(&bridge, &Bridge::topicCommandFinished,
                                 [&](const QString &, const QString &t, const Status &s) {
                                     if (t == kTopic)
                                         result = s;
                                 });
    TopicConfig config;
    config.partitions = partitions;
    config.replicationFactor = rf;
    bridge.createTopic(kTopic, config);
    waitUntil([&] { return result.has_value(); }, 10000);
    QObject::disconnect(conn);
    return result ? *result : Status::error(ErrorCode::RequestTimedOut, "no answer to createTopic in 10 s");
}

struct Measurement {
    std::vector<double> latenessMs;  // per 10 ms tick
    std::vector<double> refreshMs;   // Bridge::refresh() incl. every view's update
    std::vector<double> repaintMs;   // forced whole-window repaint
    std::vector<double> totalMs;     // both
    std::shared_ptr<const ClusterSnapshot> first, last;
    double wallSeconds = 0;
    double guiCpuSeconds = 0;
    double guiWaitSeconds = 0;      // runnable, waiting for a CPU
    double processCpuSeconds = 0;
};

// The timed part: an event loop with the two probes for `ms` milliseconds.
Measurement measure(Bridge &bridge, MainWindow &window, int ms)
{
    Measurement m;
    QElapsedTimer clock;
    QEventLoop loop;

    QTimer lateness;
    lateness.setTimerType(Qt::PreciseTimer);
    lateness.setInterval(kLatenessTickMs);
    qint64 lastTickNs = -1;
    QObject::connect(&lateness, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (lastTickNs >= 0)
            m.latenessMs.push_back(std::max(0.0, double(now - lastTickNs) / 1e6 - kLatenessTickMs));
        lastTickNs = now;
    });

    QTimer refresher;
    refresher.setTimerType(Qt::PreciseTimer);
    refresher.setInterval(kRefreshEveryMs);
    QObject::connect(&refresher, &QTimer::timeout, [&] {
        const qint64 t0 = clock.nsecsElapsed();
        bridge.refresh();
        const qint64 t1 = clock.nsecsElapsed();
        window.repaint();
        const qint64 t2 = clock.nsecsElapsed();
        m.refreshMs.push_back(double(t1 - t0) / 1e6);
        m.repaintMs.push_back(double(t2 - t1) / 1e6);
        m.totalMs.push_back(double(t2 - t0) / 1e6);
    });

    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    bridge.refresh();
    m.first = bridge.snapshot();
    const double gui0 = threadCpuSeconds();
    const double wait0 = threadRunQueueWaitSeconds();
    const double proc0 = processCpuSeconds();
    clock.start();
    lateness.start();
    refresher.start();
    loop.exec();
    lateness.stop();
    refresher.stop();
    m.wallSeconds = double(clock.nsecsElapsed()) / 1e9;
    m.guiCpuSeconds = threadCpuSeconds() - gui0;
    m.guiWaitSeconds = threadRunQueueWaitSeconds() - wait0;
    m.processCpuSeconds = processCpuSeconds() - proc0;
    bridge.refresh();
    m.last = bridge.snapshot();
    return m;
}

void printFigures(const Options &o, int rf, const Measurement &m)
{
    const auto &a = *m.first;
    const auto &b = *m.last;
    const double engineSecs = double(b.nowMs - a.nowMs) / 1000.0;
    const double produced = engineSecs > 0 ? double(b.totalRecordsProduced - a.totalRecordsProduced) / engineSecs : 0;
    const double snapshots = m.wallSeconds > 0 ? double(b.version - a.version) / m.wallSeconds : 0;
    fmt::print("brokers: {} brokers\n", o.brokers);
    fmt::print("topic_partitions: {} partitions\n", kPartitions);
    fmt::print("topic_replication_factor: {} replicas\n", rf);
    fmt::print("target_records_per_sec: {:.0f} records/s\n", o.rate);
    fmt::print("measured_seconds: {:.2f} s\n", m.wallSeconds);
    fmt::print("gui_timer_ticks: {} ticks\n", m.latenessMs.size());
    fmt::print("gui_timer_lateness_mean_ms: {:.2f} ms\n", mean(m.latenessMs));
    fmt::print("gui_timer_lateness_p99_ms: {:.2f} ms\n", percentile(m.latenessMs, 99));
    fmt::print("gui_timer_lateness_max_ms: {:.2f} ms\n", percentile(m.latenessMs, 100));
    fmt::print("gui_refreshes: {} refreshes\n", m.totalMs.size());
    fmt::print("gui_refresh_mean_ms: {:.2f} ms\n", mean(m.totalMs));
    fmt::print("gui_refresh_p99_ms: {:.2f} ms\n", percentile(m.totalMs, 99));
    fmt::print("gui_refresh_max_ms: {:.2f} ms\n", percentile(m.totalMs, 100));
    fmt::print("bridge_refresh_p99_ms: {:.2f} ms\n", percentile(m.refreshMs, 99));
    fmt::print("window_repaint_p99_ms: {:.2f} ms\n", percentile(m.repaintMs, 99));
    fmt::print("produced_records_per_sec: {:.0f} records/s\n", produced);
    fmt::print("snapshots_per_sec: {:.1f} snapshots/s\n", snapshots);
    fmt::print("gui_thread_cpu_percent: {:.1f} %\n", 100.0 * m.guiCpuSeconds / m.wallSeconds);
    fmt::print("gui_thread_runqueue_wait_percent: {:.1f} %\n", 100.0 * m.guiWaitSeconds / m.wallSeconds);
    fmt::print("process_cpu_percent: {:.1f} %\n", 100.0 * m.processCpuSeconds / m.wallSeconds);
    int64_t logEnd = 0;
    int64_t hwLag = 0; // records the leaders have that the ISR has not confirmed yet
    if (const TopicSnapshot *t = b.topic(kTopic.toStdString())) {
        for (const auto &p : t->partitions) {
            logEnd += p.logEndOffset;
            hwLag += p.logEndOffset - p.highWatermark;
        }
    }
    fmt::print("log_end_offset_total: {} records\n", logEnd);
    fmt::print("high_watermark_lag_at_end: {} records\n", hwLag);
}

} // namespace

int runGuiLive(std::span<const std::string> args)
{
    const auto parsed = parseOptions(args);
    if (!parsed) {
        fmt::print(stderr, "usage: kafkalab-bench gui-live [--rate 20000] [--seconds 10] [--brokers 3] [--rf 3]\n");
        return 2;
    }
    const Options o = *parsed;
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && !std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);

    static int argc = 1;
    static char name[] = "kafkalab-bench";
    static char *argv[] = {name, nullptr};
    QApplication app(argc, argv);
    // Its own settings file: the window remembers splitter sizes, not the user's app's.
    QCoreApplication::setOrganizationName(QStringLiteral("KafkaLab"));
    QCoreApplication::setApplicationName(QStringLiteral("kafkalab-bench"));
    fmt::print("platform: {}\n", QGuiApplication::platformName().toStdString());
    fmt::print("load_average_1min_before: {}\n", loadAverage());

    QTemporaryDir dataDir;
    auto clock = std::make_shared<SystemClock>();
    EngineOptions engineOptions;
    engineOptions.dataDir = dataDir.path().toStdString();
    engineOptions.brokerCount = o.brokers;
    auto core = EngineCore::open(engineOptions, *clock);
    if (!core) {
        fmt::print(stderr, "gui-live: cannot open the cluster in {}: {}\n", dataDir.path().toStdString(),
                   core.status().toString());
        return 1;
    }
    Engine engine(std::move(*core), clock);
    engine.start();

    int rc = 0;
    {
        Bridge bridge(engine);
        MainWindow window(bridge);
        window.setGeometry(0, 0, 1280, 800);
        window.show();

        int rf = o.replicationFactor;
        Status created = createTopic(bridge, kPartitions, rf);
        if (!created && rf != 1) {
            fmt::print(stderr, "gui-live: RF {} refused ({}); falling back to RF 1\n", rf, created.toString());
            rf = 1;
            created = createTopic(bridge, kPartitions, rf);
        }
        if (!created) {
            fmt::print(stderr, "gui-live: creating topic failed: {}\n", created.toString());
            rc = 1;
        } else {
            window.selectTopic(kTopic);
            std::optional<quint64> producerId;
            Status startStatus;
            auto conn = QObject::connect(&bridge, &Bridge::autoProducerStarted, [&](quint64 id, const Status &s) {
                producerId = id;
                startStatus = s;
            });
            AutoProducerSpec spec;
            spec.topic = kTopic.toStdString();
            spec.ratePerSec = o.rate;
            spec.keyCount = 100;
            spec.distribution = KeyDistribution::Uniform;
            spec.valueSize = 100;
            bridge.startAutoProducer(spec);
            waitUntil([&] { return producerId.has_value(); }, 10000);
            QObject::disconnect(conn);
            if (!producerId || !startStatus) {
                fmt::print(stderr, "gui-live: the auto producer did not start: {}\n", startStatus.toString());
                rc = 1;
            } else {
                // Park the Bridge's own timer: measure() calls refresh() itself, timed.
                bridge.setRefreshIntervalMs(3'600'000);
                waitUntil([] { return false; }, kWarmupMs);
                const Measurement m = measure(bridge, window, static_cast<int>(o.seconds * 1000));
                printFigures(o, rf, m);
                fmt::print("load_average_1min_after: {}\n", loadAverage());
                bridge.stopAutoProducer(*producerId);
            }
        }
    } // window and bridge go before the engine they talk to
    engine.stop();
    return rc;
}

} // namespace kl::bench
