// Prometheus metrics of the cluster: renderMetrics() writes a snapshot in Prometheus' text
// exposition format (version 0.0.4), and MetricsServer serves it over HTTP at /metrics on
// 127.0.0.1 (kafkalab-broker --metrics-port). Names follow Prometheus' conventions: a
// kafkalab_ prefix, base units, _total for counters; labels topic, partition, group, broker.
// renderMetrics: pure, any thread. MetricsServer: one thread of its own; it only reads the
// engine's published snapshot, so it never waits for the engine thread.
#pragma once

#include "api/engine.h"
#include "api/snapshot.h"
#include "core/status.h"

#include <memory>
#include <string>

namespace kl {

std::string renderMetrics(const ClusterSnapshot &snapshot);

class MetricsServer {
public:
    // Listens on host:port (0 = a free port).
    static Result<std::unique_ptr<MetricsServer>> start(Engine &engine, const std::string &host, int32_t port);
    ~MetricsServer();
    int32_t port() const;

private:
    MetricsServer();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace kl
