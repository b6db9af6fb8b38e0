// Prometheus metrics (see metrics.h).
#include "net/metrics.h"

#include "net/asio_helpers.h"

#include <asio.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <thread>

namespace kl {

namespace {

// A label value with \, " and newline escaped, as the text format wants.
std::string escape(const std::string &v)
{
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

class Family {
public:
    Family(std::string &out, const char *name, const char *type, const char *help) : m_out(out), m_name(name)
    {
        m_out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
    }
    void sample(const std::string &labels, int64_t value) { m_out += fmt::format("{}{{{}}} {}\n", m_name, labels, value); }
    void sample(int64_t value) { m_out += fmt::format("{} {}\n", m_name, value); }

private:
    std::string &m_out;
    const char *m_name;
};

std::string partitionLabels(const std::string &topic, int32_t partition)
{
    return fmt::format("topic=\"{}\",partition=\"{}\"", escape(topic), partition);
}

} // namespace

std::string renderMetrics(const ClusterSnapshot &snap)
{
    std::string out;
    {
        Family up(out, "kafkalab_broker_up", "gauge", "1 while the broker runs, 0 while it is crashed.");
        for (const auto &b : snap.brokers)
            up.sample(fmt::format("broker=\"{}\"", b.id), b.state == BrokerState::Crashed ? 0 : 1);
    }
    {
        Family controller(out, "kafkalab_controller_id", "gauge", "The broker id of the active controller.");
        controller.sample(snap.controllerId);
    }
    {
        Family produced(out, "kafkalab_records_produced_total", "counter",
            "Records appended to every topic but __consumer_offsets since the engine started.");
        produced.sample(snap.totalRecordsProduced);
    }
    {
        Family produced(out, "kafkalab_topic_records_produced_total", "counter",
            "Records appended to the topic by producers since the engine started.");
        for (const auto &t : snap.topics)
            produced.sample(fmt::format("topic=\"{}\"", escape(t.name)), t.recordsProduced);
    }
    {
        Family consumed(out, "kafkalab_topic_records_consumed_total", "counter",
            "Records of the topic handed to consumers (not followers) since the engine started.");
        for (const auto &t : snap.topics)
            consumed.sample(fmt::format("topic=\"{}\"", escape(t.name)), t.recordsConsumed);
    }
    const auto perPartition = [&](const char *name, const char *help, auto value) {
        Family f(out, name, "gauge", help);
        for (const auto &t : snap.topics)
            for (const auto &p : t.partitions)
                f.sample(partitionLabels(t.name, p.id), value(p));
    };
    perPartition("kafkalab_partition_log_end_offset", "The leader's log end offset.",
        [](const PartitionSnapshot &p) { return p.logEndOffset; });
    perPartition("kafkalab_partition_high_watermark", "The leader's high watermark: what consumers can read up to.",
        [](const PartitionSnapshot &p) { return p.highWatermark; });
    perPartition("kafkalab_partition_log_start_offset", "The leader's log start offset.",
        [](const PartitionSnapshot &p) { return p.logStartOffset; });
    perPartition("kafkalab_partition_leader", "The leader's broker id (-1: offline).",
        [](const PartitionSnapshot &p) { return int64_t(p.leader); });
    perPartition("kafkalab_partition_replicas", "The partition's replica count.",
        [](const PartitionSnapshot &p) { return int64_t(p.replicas.size()); });
    perPartition("kafkalab_partition_in_sync_replicas", "The ISR size.",
        [](const PartitionSnapshot &p) { return int64_t(p.isr.size()); });
    perPartition("kafkalab_partition_under_replicated", "1 when the ISR is smaller than the replica set.",
        [](const PartitionSnapshot &p) { return int64_t(p.isr.size() < p.replicas.size() ? 1 : 0); });
    {
        int64_t under = 0, offline = 0;
        for (const auto &t : snap.topics)
            for (const auto &p : t.partitions) {
                under += p.isr.size() < p.replicas.size() ? 1 : 0;
                offline += p.leader < 0 ? 1 : 0;
            }
        Family(out, "kafkalab_under_replicated_partitions", "gauge", "Partitions whose ISR is smaller than their replica set.")
            .sample(under);
        Family(out, "kafkalab_offline_partitions", "gauge", "Partitions without a leader.").sample(offline);
    }
    {
        Family lag(out, "kafkalab_consumer_group_lag", "gauge",
            "Records the group has not committed yet, per partition: high watermark - committed offset.");
        for (const auto &g : snap.groups)
            for (const auto &p : g.partitions)
                lag.sample(fmt::format("group=\"{}\",{}", escape(g.groupId), partitionLabels(p.topic, p.partition)), p.lag);
    }
    {
        Family committed(out, "kafkalab_consumer_group_committed_offset", "gauge",
            "The group's committed offset per partition (-1: nothing committed).");
        for (const auto &g : snap.groups)
            for (const auto &p : g.partitions)
                committed.sample(
                    fmt::format("group=\"{}\",{}", escape(g.groupId), partitionLabels(p.topic, p.partition)),
                    p.committedOffset);
    }
    {
        Family total(out, "kafkalab_consumer_group_lag_sum", "gauge", "The group's lag over all its partitions.");
        for (const auto &g : snap.groups)
            total.sample(fmt::format("group=\"{}\"", escape(g.groupId)), g.totalLag);
    }
    {
        Family members(out, "kafkalab_consumer_group_members", "gauge", "Members the group's coordinator knows.");
        for (const auto &g : snap.groups)
            members.sample(fmt::format("group=\"{}\"", escape(g.groupId)), int64_t(g.members.size()));
    }
    return out;
}

namespace {

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
public:
    HttpConnection(asio::ip::tcp::socket socket, Engine &engine) : m_socket(std::move(socket)), m_engine(engine) {}

    void start()
    {
        asio::async_read_until(m_socket, m_in, "\r\n\r\n", [self = shared_from_this()](std::error_code ec, size_t) {
            if (!ec)
                self->answer();
        });
    }

private:
    void answer()
    {
        std::istream in(&m_in);
        std::string method, target;
        in >> method >> target;
        std::string body, status = "200 OK", type = "text/plain; version=0.0.4; charset=utf-8";
        if (method != "GET" && method != "HEAD") {
            status = "405 Method Not Allowed";
            body = "only GET /metrics\n";
            type = "text/plain; charset=utf-8";
        } else if (target != "/metrics" && target.rfind("/metrics?", 0) != 0) {
            status = "404 Not Found";
            body = "Kafka Lab serves Prometheus metrics at /metrics\n";
            type = "text/plain; charset=utf-8";
        } else {
            body = renderMetrics(*m_engine.snapshot());
        }
        m_out = fmt::format("HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}", status,
            type, body.size(), method == "HEAD" ? std::string() : body);
        asio::async_write(m_socket, asio::buffer(m_out), [self = shared_from_this()](std::error_code, size_t) {
            std::error_code ignored;
            self->m_socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        });
    }

    asio::ip::tcp::socket m_socket;
    Engine &m_engine;
    asio::streambuf m_in {64 * 1024}; // a request header larger than this is dropped
    std::string m_out;
};

} // namespace

struct MetricsServer::Impl {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor {io};
    Engine *engine = nullptr;
    std::thread thread;

    void accept()
    {
        acceptor.async_accept([this](std::error_code ec, asio::ip::tcp::socket socket) {
            if (ec == asio::error::operation_aborted)
                return;
            if (!ec)
                std::make_shared<HttpConnection>(std::move(socket), *engine)->start();
            accept();
        });
    }
};

MetricsServer::MetricsServer() : d(std::make_unique<Impl>()) {}

MetricsServer::~MetricsServer()
{
    d->io.stop();
    if (d->thread.joinable())
        d->thread.join();
}

int32_t MetricsServer::port() const
{
    std::error_code ec;
    return d->acceptor.local_endpoint(ec).port();
}

Result<std::unique_ptr<MetricsServer>> MetricsServer::start(Engine &engine, const std::string &host, int32_t port)
{
    if (port < 0 || port > 65535)
        return Status::error(ErrorCode::InvalidConfig, fmt::format("metrics port {} is not in 0..65535", port));
    std::unique_ptr<MetricsServer> server(new MetricsServer());
    Impl &d = *server->d;
    d.engine = &engine;
    std::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec)
        return Status::error(ErrorCode::InvalidConfig, fmt::format("metrics host '{}' is not an IP address", host));
    ec = net::listenOn(d.acceptor, asio::ip::tcp::endpoint(address, static_cast<uint16_t>(port)));
    if (ec)
        return Status::error(ErrorCode::InvalidConfig,
            fmt::format("the metrics endpoint cannot listen on {}:{}: {}", host, port, ec.message()));
    d.accept();
    d.thread = net::runGuarded(d.io, "metrics");
    return server;
}

} // namespace kl
