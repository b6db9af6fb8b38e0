// A live cluster for tests with real clients: an engine on the system clock, on its own thread,
// in a temporary data directory, with its brokers' listeners on free ports (as kafkalab runs
// it). Opening or listening failing ends the test (qFatal).
#pragma once

#include "api/engine.h"
#include "net/kafka_server.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtGlobal>
#include <memory>

struct LiveCluster {
    QTemporaryDir dir;
    std::shared_ptr<kl::SystemClock> clock = std::make_shared<kl::SystemClock>();
    std::unique_ptr<kl::Engine> engine;
    std::unique_ptr<kl::KafkaServer> server;

    // `options.dataDir` is set here; groups form at once and __consumer_offsets has 5 partitions.
    explicit LiveCluster(kl::EngineOptions options)
    {
        options.dataDir = dir.path().toStdString();
        options.groupInitialRebalanceDelayMs = 0;
        options.offsetsTopicPartitions = 5;
        auto core = kl::EngineCore::open(options, *clock);
        if (!core)
            qFatal("open failed: %s", core.status().toString().c_str());
        engine = std::make_unique<kl::Engine>(std::move(*core), clock);
        engine->start();
        kl::KafkaServerOptions listen;
        listen.portBase = 0;
        auto started = kl::KafkaServer::start(*engine, listen);
        if (!started)
            qFatal("listen failed: %s", started.status().toString().c_str());
        server = std::move(*started);
    }
    ~LiveCluster()
    {
        server.reset(); // no client is answered from a stopped engine
        engine->stop();
    }
    QString bootstrap() const { return QString::fromStdString(server->bootstrapServers()); }
    // Runs `script` with Debian's /usr/bin/python3 (where python3-kafka and python3-confluent-kafka
    // live), the bootstrap servers as its argument; its stderr goes to the test's.
    void startPython(QProcess &client, const char *script) const
    {
        client.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        client.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromUtf8(script), bootstrap()});
    }
};
