// Bridge: the only place where the GUI thread and the engine thread meet.
// - Pull: a QTimer on the GUI thread fetches the engine's latest immutable snapshot and new
//   events at a steady rate (default 30 Hz) and emits snapshotUpdated()/eventsArrived(); views
//   read snapshot() and never block on the engine.
// - Push: command methods post to the engine; results come back as signals on the GUI thread
//   (the engine-thread callback hops with a queued QMetaObject::invokeMethod). Fault commands
//   (crash / restart / isolate / heal / slow follower / preferred election) go through
//   Engine::post and answer with clusterCommandFinished().
// - Files: readFiles() runs a view's file read on a pool thread and answers on the GUI thread.
// Lives on the GUI thread; all methods must be called there.
#pragma once

#include "api/engine.h"

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>
#include <QVector>

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

// Engine value types carried by Bridge signals (QSignalSpy and queued connections need them).
Q_DECLARE_METATYPE(kl::Status)
Q_DECLARE_METATYPE(kl::ProduceResult)
Q_DECLARE_METATYPE(kl::Event)

class BridgeAliveToken;

class Bridge : public QObject {
    Q_OBJECT
public:
    explicit Bridge(kl::Engine &engine, QObject *parent = nullptr);
    ~Bridge() override;

    // Latest snapshot pulled from the engine (never null once the engine started).
    std::shared_ptr<const kl::ClusterSnapshot> snapshot() const { return m_snapshot; }
    void setRefreshIntervalMs(int ms);
    // Pull now (tests and screenshots use it instead of waiting for the timer).
    void refresh();
    // The events eventsArrived() has already carried that the engine still keeps (its bounded
    // history), oldest first: a window built for this Bridge later (back from a scenario)
    // shows the cluster's events so far instead of an empty list.
    QVector<kl::Event> eventsSoFar() const;

    // Commands. Each answers with exactly one signal below.
    void createTopic(const QString &name, const kl::TopicConfig &config);
    void deleteTopic(const QString &name);
    void createPartitions(const QString &name, int total);
    // Honours request.acks (acks=all answers once every ISR member has the records, or with
    // the refusal). Returns an id that produceAnswered() carries back.
    quint64 produce(kl::ProduceRequest request);
    void startAutoProducer(kl::AutoProducerSpec spec);
    void stopAutoProducer(quint64 id);

    // Faults and controller actions; each answers with clusterCommandFinished(action, target, status),
    // action "crash" / "restart" / "isolate" / "heal" / "slow" / "elect", target "broker-2" or "orders-0".
    void crashBroker(int broker);
    void restartBroker(int broker);
    void isolateBroker(int broker);
    void healBroker(int broker);
    void slowFollower(int broker, qint64 delayMs); // 0 = normal speed
    void electPreferredLeader(const QString &topic, int partition);

    // Consumer groups (bridge_groups.cpp); each answers with groupCommandFinished(action, group,
    // target, status), action "start" / "add" / "crash" / "leave" / "stall" / "resume" / "stop" /
    // "reset-ordering", target the client id concerned ("" for the whole group; "add" names the
    // new consumer).
    void startConsumerGroup(const kl::ConsumerGroupSpec &spec);
    void addConsumer(const QString &group);
    void consumerAction(const QString &group, const QString &clientId, kl::ConsumerAction action);
    void stopConsumerGroup(const QString &group);
    // Clears the group's ordering checker (counts, producers, findings restart at zero).
    void resetOrdering(const QString &group);

    kl::Engine &engine() { return m_engine; }

    // Runs work() on a pool thread and then done(result) on the GUI thread, if this Bridge
    // still exists. For reads that can take long (a segment's batches with their CRCs, a
    // batch's records): views never read files on the GUI thread. work must only read files
    // (it shares nothing with the engine); done must check that its view still exists.
    template <typename Work, typename Done>
    void readFiles(Work work, Done done)
    {
        using R = std::invoke_result_t<Work>;
        auto post = poster();
        QThreadPool::globalInstance()->start([post, work = std::move(work), done = std::move(done)] {
            auto result = std::make_shared<R>(work());
            post([done, result] { done(std::move(*result)); });
        });
    }

signals:
    void snapshotUpdated();                          // snapshot() changed
    void eventsArrived(const QVector<kl::Event> &events); // new events, oldest first
    // action: "create", "delete", "partitions"
    void topicCommandFinished(const QString &action, const QString &topic, const kl::Status &status);
    void produceFinished(const kl::ProduceResult &result);
    void produceAnswered(quint64 requestId, const kl::ProduceResult &result); // right after produceFinished
    void autoProducerStarted(quint64 id, const kl::Status &status);
    void autoProducerStopped(quint64 id, const kl::Status &status);
    void clusterCommandFinished(const QString &action, const QString &target, const kl::Status &status);
    void groupCommandFinished(const QString &action, const QString &group, const QString &target,
                              const kl::Status &status);

private:
    // Runs `fn` on the GUI thread later, if this Bridge still exists. Callable from any thread.
    std::function<void(std::function<void()>)> poster() const;
    // Posts fn(core) -> Status and answers with clusterCommandFinished(action, target, status).
    void clusterCommand(const QString &action, const QString &target,
                        std::function<kl::Status(kl::EngineCore &)> fn);
    // Posts fn(core) -> {Status, target} and answers with groupCommandFinished.
    void groupCommand(const QString &action, const QString &group, const QString &target,
                      std::function<std::pair<kl::Status, std::string>(kl::EngineCore &)> fn);

    kl::Engine &m_engine;
    std::shared_ptr<BridgeAliveToken> m_alive; // engine callbacks check it before hopping
    std::shared_ptr<const kl::ClusterSnapshot> m_snapshot;
    uint64_t m_lastEventSeq = 0;
    quint64 m_nextProduceId = 1;
    QTimer m_timer;
};
