// Group demo: producer, two groups, one crash, wait for the rebalance.
#include "views/group_demo.h"

#include "bridge/bridge.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <functional>

namespace groupdemo {

namespace {

bool waitUntil(const std::function<bool()> &cond, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!cond()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

const kl::GroupSnapshot *findGroup(const kl::ClusterSnapshot &s, const std::string &id)
{
    for (const auto &g : s.groups)
        if (g.groupId == id)
            return &g;
    return nullptr;
}

} // namespace

QString run(Bridge &bridge, const QString &topic, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    auto left = [&] { return std::max(1, timeoutMs - static_cast<int>(clock.elapsed())); };

    kl::AutoProducerSpec producer;
    producer.topic = topic.toStdString();
    producer.ratePerSec = 60;
    producer.keyCount = 12;
    bool producing = false;
    kl::Status producerStatus;
    auto producerConn = QObject::connect(&bridge, &Bridge::autoProducerStarted, [&](quint64, const kl::Status &s) {
        producing = true;
        producerStatus = s;
    });
    bridge.startAutoProducer(producer);
    const bool answered = waitUntil([&] { return producing; }, left());
    QObject::disconnect(producerConn);
    if (!answered || !producerStatus.isOk())
        return QStringLiteral("starting the demo producer failed: %1")
            .arg(QString::fromStdString(producerStatus.toString()));

    QStringList answers;
    kl::Status failure;
    auto conn = QObject::connect(&bridge, &Bridge::groupCommandFinished,
                                 [&](const QString &action, const QString &group, const QString &,
                                     const kl::Status &s) {
                                     answers << action + QLatin1Char(':') + group;
                                     if (!s.isOk())
                                         failure = s;
                                 });
    kl::ConsumerGroupSpec app;
    app.groupId = "orders-app";
    app.topics = {topic.toStdString()};
    app.consumers = 3;
    app.recordsPerSecPerConsumer = 15; // slower than the producer: lag builds up visibly
    app.sessionTimeoutMs = 6000;
    app.heartbeatIntervalMs = 2000;
    app.autoCommitIntervalMs = 1000;
    bridge.startConsumerGroup(app);
    kl::ConsumerGroupSpec audit = app;
    audit.groupId = "audit";
    audit.consumers = 7;
    audit.assignor = "cooperative-sticky";
    audit.recordsPerSecPerConsumer = 50;
    bridge.startConsumerGroup(audit);
    const bool started = waitUntil([&] { return answers.size() >= 2; }, left());
    if (!started || !failure.isOk()) {
        QObject::disconnect(conn);
        return QStringLiteral("starting the demo groups failed: %1")
            .arg(QString::fromStdString(failure.toString()));
    }
    auto stable = [&](const char *id, int generation) {
        bridge.refresh();
        const kl::GroupSnapshot *g = findGroup(*bridge.snapshot(), id);
        return g && g->state == "Stable" && g->generation >= generation;
    };
    if (!waitUntil([&] { return stable("orders-app", 1) && stable("audit", 1); }, left())) {
        QObject::disconnect(conn);
        return QStringLiteral("the demo groups did not become Stable");
    }
    const int generation = findGroup(*bridge.snapshot(), "orders-app")->generation;
    waitUntil([] { return false; }, 1500); // some consumption and lag samples first
    bridge.consumerAction(QStringLiteral("orders-app"), QStringLiteral("consumer-2"), kl::ConsumerAction::Crash);
    const bool rebalanced = waitUntil([&] { return stable("orders-app", generation + 1); }, left());
    QObject::disconnect(conn);
    if (!failure.isOk())
        return QStringLiteral("crashing consumer-2 failed: %1").arg(QString::fromStdString(failure.toString()));
    if (!rebalanced)
        return QStringLiteral("orders-app did not rebalance after the crash");
    waitUntil([] { return false; }, 1500); // lag falls again on the new owners
    return {};
}

} // namespace groupdemo
