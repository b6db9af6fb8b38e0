// kafkalab-bench wire: Kafka Lab as real clients see it, over TCP, against librdkafka's own
// in-memory mock cluster (rd_kafka_mock_cluster_new) in the same run.
//
// kafkalab-broker is started as a child process (3 brokers, a fresh data directory under --dir,
// writing to disk; its stdout is drained by a thread), the mock inside this process. Both are
// driven by the same librdkafka code:
// - produce: --records x --size-byte records (null key) to one partition, acks=1, no
//   idempotence; then RF 3, acks=all, enable.idempotence=true. Timed from the first produce call
//   to the last delivery report; every report must be a success.
// - consume: one consumer (assign, no subscription; it finds its group's coordinator before the
//   clock) reads the last --window records of that partition once untimed, then seeks back and
//   reads them again, --rounds times. Compared on what both hold: the mock keeps
//   only about the last 5 MB of a partition (the window shrinks to what it holds, said on
//   stderr). fetch.wait.max.ms is --fetch-wait-ms (10): each round ends with a fetch waiting at
//   the log end, which the seek back has to outwait.
// - produce and consume run --repeat times against each cluster in turn; the ratios compare the
//   medians (single runs of either cluster vary by up to 2x on a 2-vCPU VM).
// - latency: a group consumer (subscribe, waits for its assignment), then a producer paced at
//   --rate records/s for --latency-seconds with linger.ms=0, each value carrying its send time;
//   the consumer thread records receive - send. p50 / p99 / p99.9 / max.
// - idle (kafkalab-broker only): a topic of 1,000 partitions x RF 3 and --connections TCP
//   connections that each sent one ApiVersions request and then stay idle; the broker's RSS.
#include "bench.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <netinet/in.h>
#include <optional>
#include <string>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace kl::bench {

namespace {

namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

struct Params {
    int64_t records = 1'000'000;
    int32_t size = 100;
    int64_t window = 40'000;
    int32_t rounds = 25;
    int32_t rate = 10'000;
    int32_t latencySeconds = 10;
    int32_t connections = 1000;
    // The consumer's fetch.wait.max.ms: at the end of each round its fetch waits at the log end
    // this long before the seek back takes effect (librdkafka's default, 500, would make the
    // benchmark 25 x 0.5 s of waiting on either cluster).
    int32_t fetchWaitMs = 10;
    int32_t idlePartitions = 1000;
    // Produce and consume are measured this many times, against each cluster in turn (lab, mock,
    // lab, mock ...); the ratios compare medians (one run of either varies by 2x on a loaded VM).
    int32_t repeat = 5;
    std::string only; // produce | consume | latency | idle; empty: all
    fs::path broker;
    fs::path dir = "/tmp";
};

double since(Steady::time_point from)
{
    return std::chrono::duration<double>(Steady::now() - from).count();
}

// ---- a kafkalab-broker child process --------------------------------------------------------

class BrokerProcess {
public:
    static std::unique_ptr<BrokerProcess> start(const fs::path &binary, const fs::path &dataDir)
    {
        int out[2];
        if (pipe(out) != 0)
            return nullptr;
        const pid_t pid = fork();
        if (pid < 0)
            return nullptr;
        if (pid == 0) {
            dup2(out[1], STDOUT_FILENO);
            close(out[0]);
            close(out[1]);
            const std::string dir = dataDir.string();
            execl(binary.c_str(), binary.c_str(), "--data-dir", dir.c_str(), "--port-base", "0", "--brokers", "3",
                static_cast<char *>(nullptr));
            _exit(127);
        }
        close(out[1]);
        auto process = std::unique_ptr<BrokerProcess>(new BrokerProcess(pid, out[0]));
        if (!process->readBootstrap())
            return nullptr;
        return process;
    }

    ~BrokerProcess()
    {
        kill(pid_, SIGTERM);
        waitpid(pid_, nullptr, 0);
        if (drain_.joinable())
            drain_.join();
        close(fd_);
    }

    const std::string &bootstrap() const { return bootstrap_; }
    const std::vector<int> &ports() const { return ports_; }

    // VmRSS / VmHWM of the broker, MB.
    double statusMb(const char *field) const
    {
        std::ifstream in(fmt::format("/proc/{}/status", pid_));
        std::string line;
        while (std::getline(in, line))
            if (line.rfind(field, 0) == 0)
                return std::stod(line.substr(std::strlen(field) + 1)) / 1024.0;
        return -1;
    }

private:
    BrokerProcess(pid_t pid, int fd) : pid_(pid), fd_(fd) { }

    bool readBootstrap()
    {
        std::string line;
        char c;
        while (read(fd_, &c, 1) == 1) {
            if (c != '\n') {
                line += c;
                continue;
            }
            const auto event = nlohmann::json::parse(line, nullptr, false);
            line.clear();
            if (event.is_object() && event.value("type", "") == "listening") {
                bootstrap_ = event.value("bootstrap_servers", "");
                for (const auto &b : event["brokers"])
                    ports_.push_back(b.value("port", 0));
                // The broker prints every engine event; keep its stdout from filling up.
                drain_ = std::thread([fd = fd_] {
                    char buffer[65536];
                    while (read(fd, buffer, sizeof buffer) > 0) { }
                });
                return true;
            }
        }
        return false;
    }

    pid_t pid_;
    int fd_;
    std::string bootstrap_;
    std::vector<int> ports_;
    std::thread drain_;
};

// ---- librdkafka helpers --------------------------------------------------------------------

using Conf = std::vector<std::pair<std::string, std::string>>;

rd_kafka_t *makeClient(rd_kafka_type_t type, const std::string &bootstrap, const Conf &settings,
    void (*deliveryReport)(rd_kafka_t *, const rd_kafka_message_t *, void *) = nullptr, void *opaque = nullptr)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char error[512];
    Conf all = settings;
    all.emplace_back("bootstrap.servers", bootstrap);
    all.emplace_back("log_level", "3");
    for (const auto &[key, value] : all)
        if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
            fmt::print(stderr, "wire: {}={}: {}\n", key, value, error);
            rd_kafka_conf_destroy(conf);
            return nullptr;
        }
    if (deliveryReport)
        rd_kafka_conf_set_dr_msg_cb(conf, deliveryReport);
    rd_kafka_conf_set_opaque(conf, opaque);
    rd_kafka_t *rk = rd_kafka_new(type, conf, error, sizeof error);
    if (!rk)
        fmt::print(stderr, "wire: rd_kafka_new: {}\n", error);
    return rk;
}

// CreateTopics through the admin API (segment.bytes as Kafka's default, 1 GiB, so the benchmark
// is not about Kafka Lab's small teaching segments).
bool createTopic(const std::string &bootstrap, const std::string &name, int partitions, int rf)
{
    rd_kafka_t *rk = makeClient(RD_KAFKA_PRODUCER, bootstrap, {});
    if (!rk)
        return false;
    char error[512];
    rd_kafka_NewTopic_t *topic = rd_kafka_NewTopic_new(name.c_str(), partitions, rf, error, sizeof error);
    rd_kafka_NewTopic_set_config(topic, "segment.bytes", "1073741824");
    rd_kafka_queue_t *queue = rd_kafka_queue_new(rk);
    rd_kafka_CreateTopics(rk, &topic, 1, nullptr, queue);
    bool ok = false;
    rd_kafka_event_t *event = rd_kafka_queue_poll(queue, 30000);
    if (event) {
        const rd_kafka_CreateTopics_result_t *result = rd_kafka_event_CreateTopics_result(event);
        size_t count = 0;
        const rd_kafka_topic_result_t **topics = result ? rd_kafka_CreateTopics_result_topics(result, &count) : nullptr;
        if (rd_kafka_event_error(event))
            fmt::print(stderr, "wire: CreateTopics: {}\n", rd_kafka_event_error_string(event));
        else if (count == 1 && rd_kafka_topic_result_error(topics[0]) != RD_KAFKA_RESP_ERR_NO_ERROR)
            fmt::print(stderr, "wire: CreateTopics {}: {}\n", name, rd_kafka_topic_result_error_string(topics[0]));
        else
            ok = count == 1;
        rd_kafka_event_destroy(event);
    }
    rd_kafka_queue_destroy(queue);
    rd_kafka_NewTopic_destroy(topic);
    rd_kafka_destroy(rk);
    return ok;
}

struct ProduceResult {
    double seconds = 0;
    int64_t delivered = 0;
    int64_t failed = 0;
    std::string firstError;
};

void onDelivery(rd_kafka_t *, const rd_kafka_message_t *message, void *opaque)
{
    auto *result = static_cast<ProduceResult *>(opaque);
    if (message->err) {
        if (result->failed++ == 0)
            result->firstError = rd_kafka_err2str(message->err);
    } else {
        ++result->delivered;
    }
}

ProduceResult produce(const std::string &bootstrap, const std::string &topic, const Params &p, const Conf &extra)
{
    ProduceResult result;
    Conf conf = {{"linger.ms", "5"}, {"batch.num.messages", "10000"}, {"queue.buffering.max.messages", "2000000"},
        {"queue.buffering.max.kbytes", "2097151"}, {"compression.codec", "none"}};
    conf.insert(conf.end(), extra.begin(), extra.end());
    rd_kafka_t *rk = makeClient(RD_KAFKA_PRODUCER, bootstrap, conf, onDelivery, &result);
    if (!rk) {
        result.failed = p.records;
        return result;
    }
    // Connect and learn the leader before the clock starts (as kcat does on its first record).
    const rd_kafka_metadata_t *metadata = nullptr;
    rd_kafka_topic_t *handle = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
    rd_kafka_metadata(rk, 0, handle, &metadata, 10000);
    if (metadata)
        rd_kafka_metadata_destroy(metadata);
    std::string value(static_cast<size_t>(p.size), 'v');
    const auto start = Steady::now();
    for (int64_t i = 0; i < p.records; ++i) {
        while (rd_kafka_produce(handle, 0, RD_KAFKA_MSG_F_COPY, value.data(), value.size(), nullptr, 0, nullptr) != 0) {
            if (rd_kafka_last_error() != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                result.failed += p.records - i;
                result.firstError = rd_kafka_err2str(rd_kafka_last_error());
                i = p.records;
                break;
            }
            rd_kafka_poll(rk, 1);
        }
        if ((i & 1023) == 0)
            rd_kafka_poll(rk, 0);
    }
    rd_kafka_flush(rk, 120000);
    result.seconds = since(start);
    rd_kafka_topic_destroy(handle);
    rd_kafka_destroy(rk);
    return result;
}

// The partition's log start offset and high watermark, as a consumer sees them.
std::pair<int64_t, int64_t> watermarks(const std::string &bootstrap, const std::string &topic)
{
    int64_t low = -1, high = -1;
    if (rd_kafka_t *rk = makeClient(RD_KAFKA_CONSUMER, bootstrap, {{"group.id", "kafkalab-bench"}})) {
        rd_kafka_query_watermark_offsets(rk, topic.c_str(), 0, &low, &high, 10000);
        rd_kafka_destroy(rk);
    }
    return {low, high};
}

struct ConsumeResult {
    double seconds = 0;
    int64_t records = 0;
    bool ok = false;
};

ConsumeResult consumeLast(const std::string &bootstrap, const std::string &topic, const Params &p)
{
    ConsumeResult result;
    rd_kafka_t *rk = makeClient(RD_KAFKA_CONSUMER, bootstrap,
        {{"group.id", "kafkalab-bench"}, {"enable.auto.commit", "false"}, {"enable.partition.eof", "false"},
            {"fetch.wait.max.ms", std::to_string(p.fetchWaitMs)}});
    if (!rk)
        return result;
    const int64_t end = watermarks(bootstrap, topic).second;
    const int64_t from = std::max<int64_t>(0, end - p.window);
    if (end <= 0) {
        fmt::print(stderr, "wire: {} has no records to consume\n", topic);
        rd_kafka_destroy(rk);
        return result;
    }
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(list, topic.c_str(), 0)->offset = from;
    // Asking the group's committed offset finds its coordinator first, which on a new cluster
    // creates __consumer_offsets (50 partitions x RF 3 on Kafka Lab, as on Kafka): done before the
    // clock, as it would otherwise land in the first timed rounds.
    if (rd_kafka_committed(rk, list, 30000) != RD_KAFKA_RESP_ERR_NO_ERROR)
        fmt::print(stderr, "wire: the group's coordinator did not answer\n");
    list->elems[0].offset = from;
    // Round 0 is not timed: it connects to the leader, learns the partition's metadata (a
    // consumer may wait up to a second for it) and reads the window from disk once, as the
    // producer learns its leader before its clock starts.
    auto start = Steady::now();
    rd_kafka_assign(rk, list);
    result.ok = true;
    for (int32_t round = 0; round <= p.rounds && result.ok; ++round) {
        if (round == 1) {
            start = Steady::now();
            result.records = 0;
        }
        if (round > 0) {
            list->elems[0].offset = from;
            if (rd_kafka_error_t *e = rd_kafka_seek_partitions(rk, list, 10000)) {
                fmt::print(stderr, "wire: seek: {}\n", rd_kafka_error_string(e));
                rd_kafka_error_destroy(e);
                result.ok = false;
                break;
            }
        }
        int64_t next = from;
        const auto roundStart = Steady::now();
        while (next < end) {
            rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 1000);
            if (!m) {
                if (since(roundStart) > 60) {
                    fmt::print(stderr, "wire: consume stalled at offset {} of {}\n", next, end);
                    result.ok = false;
                    break;
                }
                continue;
            }
            if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR && m->offset == next) {
                ++next;
                ++result.records;
            } else if (m->err) {
                fmt::print(stderr, "wire: consume: {}\n", rd_kafka_message_errstr(m));
            }
            rd_kafka_message_destroy(m);
        }
    }
    result.seconds = since(start);
    rd_kafka_topic_partition_list_destroy(list);
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    return result;
}

struct LatencyResult {
    std::vector<double> micros;
    int64_t sent = 0;
};

LatencyResult latency(const std::string &bootstrap, const std::string &topic, const Params &p)
{
    LatencyResult result;
    rd_kafka_t *consumer = makeClient(RD_KAFKA_CONSUMER, bootstrap,
        {{"group.id", "kafkalab-bench-latency-" + topic}, {"auto.offset.reset", "latest"}, {"enable.partition.eof", "false"}});
    rd_kafka_t *producer = makeClient(RD_KAFKA_PRODUCER, bootstrap, {{"linger.ms", "0"}, {"acks", "1"}});
    if (!consumer || !producer)
        return result;
    rd_kafka_poll_set_consumer(consumer);
    rd_kafka_topic_partition_list_t *subscription = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(subscription, topic.c_str(), RD_KAFKA_PARTITION_UA);
    rd_kafka_subscribe(consumer, subscription);
    rd_kafka_topic_partition_list_destroy(subscription);

    std::atomic<bool> assigned { false }, stop { false };
    std::mutex lock;
    std::thread reader([&] {
        while (!stop.load()) {
            rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer, 100);
            if (!assigned.load()) {
                rd_kafka_topic_partition_list_t *now = nullptr;
                if (rd_kafka_assignment(consumer, &now) == RD_KAFKA_RESP_ERR_NO_ERROR && now) {
                    assigned.store(now->cnt > 0);
                    rd_kafka_topic_partition_list_destroy(now);
                }
            }
            if (!m)
                continue;
            if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR && m->len > sizeof(int64_t)
                && static_cast<const char *>(m->payload)[8] == 'm') {
                int64_t sentNs;
                std::memcpy(&sentNs, m->payload, sizeof sentNs);
                const int64_t nowNs = Steady::now().time_since_epoch().count();
                std::lock_guard guard(lock);
                result.micros.push_back(static_cast<double>(nowNs - sentNs) / 1000.0);
                if (std::getenv("WIRE_DEBUG") && nowNs - sentNs > 10'000'000)
                    fmt::print(stderr, "late #{} offset {} by {:.1f} ms\n", result.micros.size(), m->offset, (nowNs - sentNs) / 1e6);
            }
            rd_kafka_message_destroy(m);
        }
    });
    const auto waitStart = Steady::now();
    while (!assigned.load() && since(waitStart) < 60)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));

    // Two seconds of warm-up records (marked 'w' after the timestamp, not counted): both clients
    // have connected, learnt the leader and positioned before the measured records start.
    std::string value(static_cast<size_t>(std::max(p.size, 9)), 'v');
    const auto send = [&](int64_t count, char mark) {
        value[8] = mark;
        const auto start = Steady::now();
        for (int64_t i = 0; i < count; ++i) {
            std::this_thread::sleep_until(start + std::chrono::nanoseconds(i * 1'000'000'000LL / p.rate));
            const int64_t nowNs = Steady::now().time_since_epoch().count();
            std::memcpy(value.data(), &nowNs, sizeof nowNs);
            if (rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(0),
                    RD_KAFKA_V_VALUE(value.data(), value.size()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                    RD_KAFKA_V_END)
                    == RD_KAFKA_RESP_ERR_NO_ERROR
                && mark == 'm')
                ++result.sent;
            rd_kafka_poll(producer, 0);
        }
    };
    send(2 * static_cast<int64_t>(p.rate), 'w');
    send(static_cast<int64_t>(p.rate) * p.latencySeconds, 'm');
    rd_kafka_flush(producer, 30000);
    const auto drainStart = Steady::now();
    while (since(drainStart) < 10) {
        {
            std::lock_guard guard(lock);
            if (static_cast<int64_t>(result.micros.size()) >= result.sent)
                break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop.store(true);
    reader.join();
    rd_kafka_consumer_close(consumer);
    rd_kafka_destroy(consumer);
    rd_kafka_destroy(producer);
    std::sort(result.micros.begin(), result.micros.end());
    return result;
}

double percentile(const std::vector<double> &sorted, double q)
{
    if (sorted.empty())
        return -1;
    const size_t at = std::min(sorted.size() - 1, static_cast<size_t>(q * static_cast<double>(sorted.size())));
    return sorted[at];
}

// A TCP connection that sent ApiVersions v0 and read the answer, then stays open.
int openIdleConnection(int port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        close(fd);
        return -1;
    }
    // size, api_key 18, api_version 0, correlation_id 1, client_id "bench"
    const unsigned char request[] = {0, 0, 0, 15, 0, 18, 0, 0, 0, 0, 0, 1, 0, 5, 'b', 'e', 'n', 'c', 'h'};
    if (write(fd, request, sizeof request) != static_cast<ssize_t>(sizeof request)) {
        close(fd);
        return -1;
    }
    unsigned char size[4];
    if (read(fd, size, 4) != 4) {
        close(fd);
        return -1;
    }
    std::vector<unsigned char> body((size_t(size[0]) << 24) | (size_t(size[1]) << 16) | (size_t(size[2]) << 8) | size[3]);
    size_t got = 0;
    while (got < body.size()) {
        const ssize_t n = read(fd, body.data() + got, body.size() - got);
        if (n <= 0) {
            close(fd);
            return -1;
        }
        got += static_cast<size_t>(n);
    }
    return fd;
}

bool parse(std::span<const std::string> args, Params &p)
{
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (i + 1 >= args.size()) {
            fmt::print(stderr, "wire: {} needs a value\n", a);
            return false;
        }
        const std::string &v = args[++i];
        try {
            if (a == "--records")
                p.records = std::stoll(v);
            else if (a == "--size")
                p.size = std::stoi(v);
            else if (a == "--window")
                p.window = std::stoll(v);
            else if (a == "--rounds")
                p.rounds = std::stoi(v);
            else if (a == "--rate")
                p.rate = std::stoi(v);
            else if (a == "--latency-seconds")
                p.latencySeconds = std::stoi(v);
            else if (a == "--fetch-wait-ms")
                p.fetchWaitMs = std::stoi(v);
            else if (a == "--connections")
                p.connections = std::stoi(v);
            else if (a == "--idle-partitions")
                p.idlePartitions = std::stoi(v);
            else if (a == "--repeat")
                p.repeat = std::stoi(v);
            else if (a == "--only")
                p.only = v;
            else if (a == "--broker")
                p.broker = v;
            else if (a == "--dir")
                p.dir = v;
            else {
                fmt::print(stderr, "wire: unknown option {}\n", a);
                return false;
            }
        } catch (const std::exception &) {
            fmt::print(stderr, "wire: {} {}: not a number\n", a, v);
            return false;
        }
    }
    if (p.records < 1 || p.size < 9 || p.window < 1 || p.rounds < 1 || p.rate < 1 || p.latencySeconds < 1
        || p.connections < 0 || p.idlePartitions < 1 || p.fetchWaitMs < 0 || p.repeat < 1) {
        fmt::print(stderr, "wire: counts must be positive (--size at least 9)\n");
        return false;
    }
    if (!p.only.empty() && p.only != "produce" && p.only != "consume" && p.only != "latency" && p.only != "idle") {
        fmt::print(stderr, "wire: --only takes produce, consume, latency or idle\n");
        return false;
    }
    return true;
}

} // namespace

int runWire(std::span<const std::string> args)
{
    Params p;
    if (!parse(args, p))
        return 2;
    if (p.broker.empty())
        p.broker = fs::read_symlink("/proc/self/exe").parent_path() / "kafkalab-broker";
    if (!fs::exists(p.broker)) {
        fmt::print(stderr, "wire: no kafkalab-broker at {} (--broker PATH)\n", p.broker.string());
        return 2;
    }
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    const fs::path dataDir = p.dir / fmt::format("kafkalab-bench-wire-{}", getpid());
    std::error_code ec;
    fs::remove_all(dataDir, ec);
    auto broker = BrokerProcess::start(p.broker, dataDir);
    if (!broker) {
        fmt::print(stderr, "wire: kafkalab-broker did not start\n");
        return 1;
    }
    // The mock: 3 brokers (RF 3 needs them), topics made as on the broker.
    rd_kafka_t *mockHandle = makeClient(RD_KAFKA_PRODUCER, "", {});
    rd_kafka_mock_cluster_t *mock = mockHandle ? rd_kafka_mock_cluster_new(mockHandle, 3) : nullptr;
    if (!mock) {
        fmt::print(stderr, "wire: rd_kafka_mock_cluster_new failed\n");
        return 1;
    }
    const std::string mockBootstrap = rd_kafka_mock_cluster_bootstraps(mock);
    const auto all = [&](const char *what) { return p.only.empty() || p.only == what; };
    int failures = 0;
    const auto check = [&](bool ok, const std::string &what) {
        if (!ok) {
            fmt::print(stderr, "wire: {} failed\n", what);
            ++failures;
        }
        return ok;
    };

    // Each cluster's runs, in the order made, then the median and the range.
    const auto printRuns = [](const std::string &name, std::vector<double> seconds, double records) {
        fmt::print("wire_{}_runs_seconds: {:.3f}\n", name, fmt::join(seconds, " "));
        std::sort(seconds.begin(), seconds.end());
        const double median = seconds[seconds.size() / 2];
        fmt::print("wire_{}_seconds: {:.3f} s (median of {}, {:.3f}-{:.3f})\n", name, median, seconds.size(),
            seconds.front(), seconds.back());
        fmt::print("wire_{}_records_per_sec: {:.0f} records/s\n", name, records / median);
        return median;
    };
    const bool needLog = all("produce") || all("consume");
    if (needLog) {
        // Produce --repeat times to each in turn (the log grows by --records each time).
        const auto produceRuns = [&](const std::string &topic, const Conf &conf, const std::string &what) {
            std::pair<std::vector<double>, std::vector<double>> seconds;
            for (int32_t r = 0; r < p.repeat; ++r) {
                for (const bool lab : {true, false}) {
                    const ProduceResult run = produce(lab ? broker->bootstrap() : mockBootstrap, topic, p, conf);
                    check(run.failed == 0 && run.delivered == p.records,
                        fmt::format("{} to {}{}", what, lab ? "kafkalab-broker" : "the mock",
                            run.failed ? fmt::format(" ({} records failed: {})", run.failed, run.firstError) : ""));
                    (lab ? seconds.first : seconds.second).push_back(run.seconds);
                }
            }
            return seconds;
        };
        check(createTopic(broker->bootstrap(), "bench-rf1", 1, 1), "create bench-rf1");
        rd_kafka_mock_topic_create(mock, "bench-rf1", 1, 1);
        const auto rf1 = produceRuns("bench-rf1", {{"acks", "1"}, {"enable.idempotence", "false"}}, "produce");
        double rf1Lab = 0;
        if (all("produce")) {
            fmt::print("wire_produce_records: {} records of {} bytes, 1 partition, {} runs each\n", p.records, p.size,
                p.repeat);
            rf1Lab = printRuns("produce_kafkalab_rf1_acks1", rf1.first, static_cast<double>(p.records));
            const double rf1Mock = printRuns("produce_mock_rf1_acks1", rf1.second, static_cast<double>(p.records));
            fmt::print("wire_produce_ratio_rf1: {:.2f} (mock median seconds / kafkalab median seconds)\n",
                rf1Mock / rf1Lab);
            fmt::print("wire_broker_rss_after_produce_mb: {:.1f} MB (peak {:.1f} MB)\n", broker->statusMb("VmRSS:"),
                broker->statusMb("VmHWM:"));
            check(createTopic(broker->bootstrap(), "bench-rf3", 1, 3), "create bench-rf3");
            rd_kafka_mock_topic_create(mock, "bench-rf3", 1, 3);
            const auto rf3 = produceRuns("bench-rf3", {{"acks", "all"}, {"enable.idempotence", "true"}},
                "idempotent produce");
            const double rf3Lab = printRuns("produce_kafkalab_rf3_acksall_idempotent", rf3.first,
                static_cast<double>(p.records));
            const double rf3Mock = printRuns("produce_mock_rf3_acksall_idempotent", rf3.second,
                static_cast<double>(p.records));
            fmt::print("wire_produce_ratio_rf3: {:.2f} (mock median seconds / kafkalab median seconds)\n",
                rf3Mock / rf3Lab);
            fmt::print("wire_produce_kafkalab_rf3_vs_rf1: {:.2f} (rf1 seconds / rf3 seconds)\n", rf1Lab / rf3Lab);
        }
        if (all("consume")) {
            // The mock keeps about the last 5 MB, in whole batches: read what both hold.
            const auto [mockLow, mockHigh] = watermarks(mockBootstrap, "bench-rf1");
            if (mockLow >= 0 && mockHigh - mockLow < p.window) {
                fmt::print(stderr, "wire: the mock holds {} records of bench-rf1; --window {} -> {}\n",
                    mockHigh - mockLow, p.window, mockHigh - mockLow);
                p.window = mockHigh - mockLow;
            }
            std::vector<double> lab, mocked;
            for (int32_t r = 0; r < p.repeat; ++r)
                for (const bool onLab : {true, false}) {
                    const ConsumeResult run = consumeLast(onLab ? broker->bootstrap() : mockBootstrap, "bench-rf1", p);
                    check(run.ok && run.records == p.window * p.rounds,
                        fmt::format("consume from {}", onLab ? "kafkalab-broker" : "the mock"));
                    (onLab ? lab : mocked).push_back(run.seconds);
                }
            fmt::print("wire_consume_records: {} x the last {} records, fetch.wait.max.ms={}, {} runs each\n",
                p.rounds, p.window, p.fetchWaitMs, p.repeat);
            const double records = static_cast<double>(p.window) * p.rounds;
            const double labMedian = printRuns("consume_kafkalab", lab, records);
            const double mockMedian = printRuns("consume_mock", mocked, records);
            fmt::print("wire_consume_ratio: {:.2f} (mock median seconds / kafkalab median seconds)\n",
                mockMedian / labMedian);
        }
    }
    if (all("latency")) {
        check(createTopic(broker->bootstrap(), "bench-latency", 1, 1), "create bench-latency");
        rd_kafka_mock_topic_create(mock, "bench-latency", 1, 1);
        for (const auto &[name, bootstrap] : {std::pair {"kafkalab", broker->bootstrap()}, std::pair {"mock", mockBootstrap}}) {
            const LatencyResult r = latency(bootstrap, "bench-latency", p);
            check(r.sent == static_cast<int64_t>(p.rate) * p.latencySeconds
                    && static_cast<int64_t>(r.micros.size()) == r.sent,
                fmt::format("latency on {} ({} sent, {} received)", name, r.sent, r.micros.size()));
            fmt::print("wire_latency_{}_records: {} at {} records/s\n", name, r.micros.size(), p.rate);
            fmt::print("wire_latency_{}_p50_ms: {:.3f} ms\n", name, percentile(r.micros, 0.50) / 1000);
            fmt::print("wire_latency_{}_p99_ms: {:.3f} ms\n", name, percentile(r.micros, 0.99) / 1000);
            fmt::print("wire_latency_{}_p999_ms: {:.3f} ms\n", name, percentile(r.micros, 0.999) / 1000);
            fmt::print("wire_latency_{}_max_ms: {:.3f} ms\n", name, r.micros.empty() ? -1.0 : r.micros.back() / 1000);
        }
    }
    if (all("idle")) {
        check(createTopic(broker->bootstrap(), "bench-idle", p.idlePartitions, 3), "create bench-idle");
        std::vector<int> sockets;
        for (int32_t i = 0; i < p.connections; ++i) {
            const int fd = openIdleConnection(broker->ports()[static_cast<size_t>(i) % broker->ports().size()]);
            if (fd < 0)
                break;
            sockets.push_back(fd);
        }
        check(static_cast<int32_t>(sockets.size()) == p.connections,
            fmt::format("{} of {} idle connections opened", sockets.size(), p.connections));
        std::this_thread::sleep_for(std::chrono::seconds(3));
        fmt::print("wire_idle_connections: {} connections, {} partitions x RF 3 (plus the topics above)\n",
            sockets.size(), p.idlePartitions);
        fmt::print("wire_idle_broker_rss_mb: {:.1f} MB (peak {:.1f} MB)\n", broker->statusMb("VmRSS:"),
            broker->statusMb("VmHWM:"));
        for (int fd : sockets)
            close(fd);
    }
    rd_kafka_mock_cluster_destroy(mock);
    rd_kafka_destroy(mockHandle);
    broker.reset();
    fs::remove_all(dataDir, ec);
    return failures ? 1 : 0;
}

} // namespace kl::bench
