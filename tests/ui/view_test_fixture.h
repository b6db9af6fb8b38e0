// A live cluster for the view tests (producer panel, topic admin, segment browser): a real
// EngineCore in a QTemporaryDir on its own engine thread (kl::Engine), and helpers that wait
// for engine commands synchronously. Test-only; GUI thread.
#pragma once

#include "api/engine.h"

#include <QTemporaryDir>
#include <QtGlobal>

#include <future>
#include <memory>

namespace viewtest {

struct LiveCluster {
    QTemporaryDir dir;
    std::shared_ptr<kl::SystemClock> clock = std::make_shared<kl::SystemClock>();
    std::unique_ptr<kl::Engine> engine;

    bool open(int brokers = 3)
    {
        if (!dir.isValid())
            return false;
        kl::EngineOptions options;
        options.dataDir = dir.path().toStdString();
        options.brokerCount = brokers;
        auto core = kl::EngineCore::open(options, *clock);
        if (!core) {
            qWarning("EngineCore::open: %s", core.status().toString().c_str());
            return false;
        }
        engine = std::make_unique<kl::Engine>(std::move(*core), clock);
        engine->start();
        return true;
    }

    // Runs the command on the engine thread and blocks until it is done. The GUI event loop
    // does not run meanwhile, so a Bridge keeps its older snapshot until the test spins it.
    kl::Status createTopic(const std::string &name, const kl::TopicConfig &config)
    {
        std::promise<kl::Status> done;
        auto future = done.get_future();
        engine->createTopic(name, config, [&done](kl::Status s) { done.set_value(std::move(s)); });
        return future.get();
    }

    kl::ProduceResult produce(kl::ProduceRequest request)
    {
        std::promise<kl::ProduceResult> done;
        auto future = done.get_future();
        engine->produce(std::move(request),
                        [&done](kl::ProduceResult r) { done.set_value(std::move(r)); });
        return future.get();
    }

    // `count` single-record sends to `topic`, keys order-0..order-5 in turn and values
    // {"order":i}: a demo topic for the whole-window tests. False at the first refusal.
    bool produceOrders(const std::string &topic, int count)
    {
        for (int i = 0; i < count; ++i) {
            kl::ProduceRequest request;
            request.topic = topic;
            kl::ProduceRecord record;
            record.key = "order-" + std::to_string(i % 6);
            record.value = "{\"order\":" + std::to_string(i) + "}";
            request.records.push_back(std::move(record));
            if (!produce(std::move(request)).status.isOk())
                return false;
        }
        return true;
    }
};

inline kl::TopicConfig topicConfig(int partitions, int rf = 1)
{
    kl::TopicConfig c;
    c.partitions = partitions;
    c.replicationFactor = rf;
    return c;
}

} // namespace viewtest
