// kafkalab-broker: runs the embedded cluster without a GUI. Opens (or creates) a data directory
// with N brokers, optionally creates topics, prints every engine event as one JSON line on
// stdout, and on exit (SIGINT/SIGTERM or --duration-ms) prints one summary line per partition.
// Wiring only: the behaviour lives in kl_engine.
#include "api/engine.h"

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <iostream>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <string>
#include <thread>

namespace {

std::atomic<bool> g_stop { false };

extern "C" void onSignal(int)
{
    g_stop.store(true);
}

// The same directory the GUI uses (QStandardPaths::AppDataLocation for organisation "KafkaLab",
// application "kafkalab"), so the window and the headless broker open the same cluster.
std::filesystem::path defaultDataDir()
{
    if (const char *xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "KafkaLab" / "kafkalab" / "data";
    if (const char *home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "KafkaLab" / "kafkalab" / "data";
    return std::filesystem::path("kafkalab-data");
}

struct TopicArg {
    std::string name;
    int32_t partitions = 1;
    int32_t replicationFactor = 1;
};

// NAME:PARTITIONS[:RF]; the name may not contain ':' (Kafka names cannot anyway).
std::optional<TopicArg> parseTopicArg(const std::string &text, int32_t brokers)
{
    TopicArg arg;
    const auto first = text.find(':');
    if (first == std::string::npos || first == 0)
        return std::nullopt;
    arg.name = text.substr(0, first);
    const auto second = text.find(':', first + 1);
    try {
        arg.partitions = std::stoi(text.substr(first + 1, second - first - 1));
        arg.replicationFactor
            = second == std::string::npos ? std::min(3, brokers) : std::stoi(text.substr(second + 1));
    } catch (const std::exception &) {
        return std::nullopt;
    }
    return arg;
}

void printEvents(const kl::Engine &engine, uint64_t &lastSeq)
{
    for (const auto &event : engine.eventsSince(lastSeq)) {
        std::cout << kl::eventToJson(event) << '\n';
        lastSeq = event.seq;
    }
    std::cout.flush();
}

} // namespace

int main(int argc, char **argv)
{
    CLI::App app { "kafkalab-broker: runs the Kafka Lab embedded cluster headless and prints its events "
                   "as JSON lines.\nNote: this version has no network listeners yet; Kafka clients cannot "
                   "connect to it (the wire protocol arrives in a later version)." };
    std::string dataDir = defaultDataDir().string();
    int32_t brokers = 3;
    uint64_t seed = 1;
    std::vector<std::string> topics;
    int64_t durationMs = 0;
    int64_t brokerSessionTimeoutMs = kl::EngineOptions {}.brokerSessionTimeoutMs;
    app.add_option("--data-dir", dataDir, "data directory (brokers live in <dir>/broker-<id>/)")
        ->capture_default_str();
    app.add_option("--brokers", brokers, "number of brokers")->check(CLI::Range(1, 9))->capture_default_str();
    app.add_option("--seed", seed, "seed of the engine's random generator")->capture_default_str();
    app.add_option("--create-topic", topics,
        "create a topic NAME:PARTITIONS[:RF] (repeatable; RF defaults to min(3, brokers); "
        "an existing topic is left as it is)");
    app.add_option("--duration-ms", durationMs, "stop after this many ms (0 = until SIGINT/SIGTERM)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    app.add_option("--broker-session-timeout-ms", brokerSessionTimeoutMs,
           "broker.session.timeout.ms: a crashed or isolated broker is fenced (its leaderships move, "
           "it leaves the ISRs) after this long without a heartbeat (Kafka's default 9000; 0 = at once)")
        ->check(CLI::Range(int64_t(0), int64_t(3'600'000)))
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    // Logs go to stderr so stdout stays pure JSON lines.
    spdlog::set_default_logger(spdlog::stderr_color_mt("kafkalab-broker"));

    std::vector<TopicArg> topicArgs;
    for (const auto &text : topics) {
        auto arg = parseTopicArg(text, brokers);
        if (!arg) {
            std::cerr << "error: --create-topic expects NAME:PARTITIONS[:RF], got '" << text << "'\n";
            return 2;
        }
        topicArgs.push_back(*arg);
    }

    auto clock = std::make_shared<kl::SystemClock>();
    kl::EngineOptions options;
    options.dataDir = dataDir;
    options.brokerCount = brokers;
    options.seed = seed;
    options.brokerSessionTimeoutMs = brokerSessionTimeoutMs;
    auto core = kl::EngineCore::open(options, *clock);
    if (!core) {
        std::cerr << "error: cannot open " << dataDir << ": " << core.status().toString() << '\n';
        return 1;
    }
    kl::Engine engine(std::move(*core), clock);

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    engine.start();

    int exitCode = 0;
    for (const auto &arg : topicArgs) {
        kl::TopicConfig config;
        config.partitions = arg.partitions;
        config.replicationFactor = arg.replicationFactor;
        std::promise<kl::Status> done;
        auto result = done.get_future();
        engine.createTopic(arg.name, config, [&done](kl::Status s) { done.set_value(std::move(s)); });
        kl::Status s = result.get();
        if (!s && s.code() != kl::ErrorCode::TopicAlreadyExists) {
            std::cerr << "error: cannot create topic " << arg.name << ": " << s.toString() << '\n';
            exitCode = 1;
        }
    }

    uint64_t lastSeq = 0;
    const auto start = std::chrono::steady_clock::now();
    while (!g_stop.load() && exitCode == 0) {
        printEvents(engine, lastSeq);
        if (durationMs > 0
            && std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(durationMs))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    engine.stop();
    printEvents(engine, lastSeq);

    const auto snapshot = engine.snapshot();
    for (const auto &topic : snapshot->topics)
        for (const auto &p : topic.partitions) {
            std::string replicas;
            for (int32_t r : p.replicas) {
                if (!replicas.empty())
                    replicas += ',';
                replicas += std::to_string(r);
            }
            std::printf("%s-%d leader=%d replicas=[%s] log_start=%lld log_end=%lld hw=%lld bytes=%lld "
                        "segments=%zu\n",
                topic.name.c_str(), p.id, p.leader, replicas.c_str(),
                static_cast<long long>(p.logStartOffset), static_cast<long long>(p.logEndOffset),
                static_cast<long long>(p.highWatermark), static_cast<long long>(p.sizeBytes),
                p.segments.size());
        }
    return exitCode;
}
