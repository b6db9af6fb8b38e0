// kafkalab-broker: runs the embedded cluster without a GUI. Opens (or creates) a data directory
// with N brokers, each listening for Kafka clients on 127.0.0.1 (--port-base), optionally
// creates topics, prints the listeners and every engine event as one JSON line on stdout, and
// on exit (SIGINT/SIGTERM or --duration-ms) prints one summary line per partition.
// Wiring only: the behaviour lives in kl_engine.
#include "../cli_numbers.h"
#include "../memory_reuse.h"
#include "api/engine.h"
#include "net/kafka_server.h"
#include "net/metrics.h"
#include "core/uuid.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <iostream>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

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

// NAME:PARTITIONS[:RF]; the name may not contain ':' (Kafka names cannot anyway). Each count is
// a whole number: "1x", "1:1:1" and a trailing ':' are refused with what is accepted.
std::optional<TopicArg> parseTopicArg(const std::string &text, int32_t brokers, std::string &why)
{
    const auto number = [](std::string_view part, int32_t min, int32_t max) -> std::optional<int32_t> {
        int32_t value = 0;
        const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (part.empty() || ptr != part.data() + part.size() || ec != std::errc() || value < min || value > max)
            return std::nullopt;
        return value;
    };
    std::vector<std::string_view> parts;
    std::string_view rest(text);
    for (size_t colon; (colon = rest.find(':')) != std::string_view::npos; rest.remove_prefix(colon + 1))
        parts.push_back(rest.substr(0, colon));
    parts.push_back(rest);
    if (parts.size() < 2 || parts.size() > 3 || parts[0].empty()) {
        why = "expected NAME:PARTITIONS or NAME:PARTITIONS:RF";
        return std::nullopt;
    }
    TopicArg arg;
    arg.name = std::string(parts[0]);
    const auto partitions = number(parts[1], 1, 100000);
    if (!partitions) {
        why = "PARTITIONS must be a whole number 1..100000, got '" + std::string(parts[1]) + "'";
        return std::nullopt;
    }
    arg.partitions = *partitions;
    arg.replicationFactor = std::min(3, brokers);
    if (parts.size() == 3) {
        const auto rf = number(parts[2], 1, brokers);
        if (!rf) {
            why = "RF must be a whole number 1.." + std::to_string(brokers) + " (the broker count), got '"
                + std::string(parts[2]) + "'";
            return std::nullopt;
        }
        arg.replicationFactor = *rf;
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

int run(int argc, char **argv)
{
    CLI::App app { "kafkalab-broker: runs the Kafka Lab embedded cluster headless, with one Kafka listener "
                   "per broker on 127.0.0.1, and prints its events as JSON lines.\nServed so far: ApiVersions, "
                   "Metadata, CreateTopics, Produce, Fetch, ListOffsets and the consumer group APIs (FindCoordinator, "
                   "JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch): kcat, producers, "
                   "consumers and consumer groups." };
    std::string dataDir = defaultDataDir().string();
    int32_t brokers = 3;
    uint64_t seed = 1;
    std::vector<std::string> topics;
    int64_t durationMs = 0;
    int64_t brokerSessionTimeoutMs = kl::EngineOptions {}.brokerSessionTimeoutMs;
    int32_t portBase = 9092;
    int32_t metricsPort = -1;
    app.add_option("--data-dir", dataDir, "data directory (brokers live in <dir>/broker-<id>/)")
        ->capture_default_str();
    app.add_option("--brokers", brokers, "number of brokers")->check(CLI::Range(1, 9))->capture_default_str();
    app.add_option("--seed", seed, "seed of the engine's random generator")
        ->check(kl::cli::wholeNumber(0, UINT64_MAX, ""))
        ->capture_default_str();
    app.add_option("--create-topic", topics,
        "create a topic NAME:PARTITIONS[:RF] (repeatable; RF defaults to min(3, brokers); "
        "an existing topic is left as it is)");
    app.add_option("--duration-ms", durationMs, "stop after this many ms (0 = until SIGINT/SIGTERM)")
        ->check(kl::cli::wholeNumber(0, INT64_MAX, "milliseconds; 0 runs until a signal"))
        ->capture_default_str();
    app.add_option("--broker-session-timeout-ms", brokerSessionTimeoutMs,
           "broker.session.timeout.ms: a crashed or isolated broker is fenced (its leaderships move, "
           "it leaves the ISRs) after this long without a heartbeat (Kafka's default 9000; 0 = at once)")
        ->check(kl::cli::wholeNumber(0, 3'600'000, "milliseconds"))
        ->capture_default_str();
    app.add_option("--port-base", portBase,
           "broker N listens on 127.0.0.1:(PORT + N - 1); 0 picks free ports (printed at start)")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    app.add_option("--metrics-port", metricsPort,
           "serve Prometheus metrics (lag, committed offsets, log end offsets, high watermarks, ISR sizes) at "
           "http://127.0.0.1:PORT/metrics (0 picks a free port; printed at start)")
        ->check(CLI::Range(0, 65535));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        // --help prints and exits 0; a bad argument explains itself and exits 2, as in kafkalab-cli.
        return app.exit(e) == 0 ? 0 : 2;
    }

    // Logs go to stderr so stdout stays pure JSON lines.
    spdlog::set_default_logger(spdlog::stderr_color_mt("kafkalab-broker"));

    std::vector<TopicArg> topicArgs;
    for (const auto &text : topics) {
        std::string why;
        auto arg = parseTopicArg(text, brokers, why);
        if (!arg) {
            std::cerr << "error: --create-topic '" << text << "': " << why << '\n';
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
    options.replicaFetchOnAppend = true; // followers long-poll their leaders, as in Kafka
    std::mt19937_64 idSource(std::random_device {}());
    options.newClusterId = kl::Uuid::random(idSource).toString(); // a new data dir's cluster.id
    auto core = kl::EngineCore::open(options, *clock);
    if (!core) {
        // A data directory it cannot open (a refused cluster-metadata.json: FILE:LINE:COL, topic,
        // field) is bad input, as a bad argument is: exit code 2.
        std::cerr << "error: cannot open " << dataDir << ": " << core.status().toString() << '\n';
        return 2;
    }
    kl::Engine engine(std::move(*core), clock);

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    engine.start();

    kl::KafkaServerOptions listen;
    listen.portBase = portBase;
    listen.brokers = static_cast<int32_t>(engine.snapshot()->brokers.size());
    auto server = kl::KafkaServer::start(engine, listen);
    if (!server) {
        std::cerr << "error: " << server.status().message() << '\n';
        engine.stop();
        return 2;
    }
    {
        std::string brokersJson;
        for (const auto &e : (*server)->endpoints())
            brokersJson += fmt::format("{}{{\"id\":{},\"host\":\"{}\",\"port\":{}}}", brokersJson.empty() ? "" : ",",
                e.id, e.host, e.port);
        std::cout << fmt::format("{{\"type\":\"listening\",\"bootstrap_servers\":\"{}\",\"brokers\":[{}]}}\n",
                         (*server)->bootstrapServers(), brokersJson);
        std::cout.flush();
        std::cerr << "kafkalab-broker: bootstrap servers " << (*server)->bootstrapServers() << '\n';
    }

    std::unique_ptr<kl::MetricsServer> metrics;
    if (metricsPort >= 0) {
        auto started = kl::MetricsServer::start(engine, "127.0.0.1", metricsPort);
        if (!started) {
            std::cerr << "error: " << started.status().message() << '\n';
            (*server).reset();
            engine.stop();
            return 2;
        }
        metrics = std::move(*started);
        std::cout << fmt::format("{{\"type\":\"metrics\",\"url\":\"http://127.0.0.1:{}/metrics\"}}\n", metrics->port());
        std::cout.flush();
    }

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
    server->reset(); // no client is answered from a stopped engine
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

} // namespace

int main(int argc, char **argv)
{
    kl::app::reuseLargeBuffers();
    // Engine calls report errors as Status; the standard library may still throw (bad_alloc,
    // filesystem): report it and exit, never abort with a core dump.
    try {
        return run(argc, argv);
    } catch (const std::exception &e) {
        std::cerr << "kafkalab-broker: internal error: " << e.what() << '\n';
    } catch (...) {
        std::cerr << "kafkalab-broker: internal error (an unknown exception)\n";
    }
    return 70;
}
