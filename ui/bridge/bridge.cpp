// Bridge implementation. The only cross-thread code in the UI: engine callbacks run on the
// engine thread and post a closure to the GUI thread through BridgeAliveToken, which is locked
// while posting so the Bridge cannot be destroyed between the check and the post (Qt drops
// events still queued for an object when it is deleted).
#include "bridge/bridge.h"

#include <QMetaObject>
#include <QPointer>

#include <mutex>
#include <utility>

class BridgeAliveToken {
public:
    explicit BridgeAliveToken(Bridge *bridge) : m_bridge(bridge) {}

    void kill()
    {
        std::lock_guard lock(m_mutex);
        m_bridge = nullptr;
    }

    void post(std::function<void()> fn)
    {
        std::lock_guard lock(m_mutex);
        if (!m_bridge)
            return; // the window closed while the engine was working: nobody to tell
        QMetaObject::invokeMethod(m_bridge, std::move(fn), Qt::QueuedConnection);
    }

private:
    std::mutex m_mutex;
    Bridge *m_bridge;
};

Bridge::Bridge(kl::Engine &engine, QObject *parent)
    : QObject(parent), m_engine(engine), m_alive(std::make_shared<BridgeAliveToken>(this))
{
    qRegisterMetaType<kl::Status>();
    qRegisterMetaType<kl::ProduceResult>();
    qRegisterMetaType<kl::Event>();
    qRegisterMetaType<QVector<kl::Event>>();

    m_snapshot = m_engine.snapshot();
    m_timer.setInterval(33);
    connect(&m_timer, &QTimer::timeout, this, &Bridge::refresh);
    m_timer.start();
}

Bridge::~Bridge()
{
    m_alive->kill();
}

void Bridge::setRefreshIntervalMs(int ms)
{
    m_timer.setInterval(ms > 0 ? ms : 33);
}

void Bridge::refresh()
{
    auto snap = m_engine.snapshot();
    if (snap && (!m_snapshot || snap.get() != m_snapshot.get())) {
        m_snapshot = std::move(snap);
        emit snapshotUpdated();
    }

    std::vector<kl::Event> fresh = m_engine.eventsSince(m_lastEventSeq);
    if (fresh.empty())
        return;
    QVector<kl::Event> events;
    events.reserve(static_cast<qsizetype>(fresh.size()));
    for (auto &e : fresh) {
        if (e.seq <= m_lastEventSeq)
            continue; // defensive: the history is ordered, but never emit an event twice
        m_lastEventSeq = e.seq;
        events.push_back(std::move(e));
    }
    if (!events.isEmpty())
        emit eventsArrived(events);
}

QVector<kl::Event> Bridge::eventsSoFar() const
{
    QVector<kl::Event> events;
    if (m_lastEventSeq == 0)
        return events;
    for (kl::Event &e : m_engine.eventsSince(0)) {
        if (e.seq > m_lastEventSeq)
            break; // not emitted yet: the next refresh() brings it
        events.push_back(std::move(e));
    }
    return events;
}

std::function<void(std::function<void()>)> Bridge::poster() const
{
    return [alive = m_alive](std::function<void()> fn) { alive->post(std::move(fn)); };
}

void Bridge::createTopic(const QString &name, const kl::TopicConfig &config)
{
    auto post = poster();
    m_engine.createTopic(name.toStdString(), config, [this, post, name](kl::Status status) {
        post([this, name, status] {
            refresh(); // the new topic should be visible when listeners react
            emit topicCommandFinished(QStringLiteral("create"), name, status);
        });
    });
}

void Bridge::deleteTopic(const QString &name)
{
    auto post = poster();
    m_engine.deleteTopic(name.toStdString(), [this, post, name](kl::Status status) {
        post([this, name, status] {
            refresh();
            emit topicCommandFinished(QStringLiteral("delete"), name, status);
        });
    });
}

void Bridge::createPartitions(const QString &name, int total)
{
    auto post = poster();
    m_engine.createPartitions(name.toStdString(), total, [this, post, name](kl::Status status) {
        post([this, name, status] {
            refresh();
            emit topicCommandFinished(QStringLiteral("partitions"), name, status);
        });
    });
}

quint64 Bridge::produce(kl::ProduceRequest request)
{
    // produceAsync, not Engine::produce: with acks=all the answer comes when the followers have
    // the records (or with the refusal), and the engine thread must not wait for that.
    const quint64 id = m_nextProduceId++;
    auto post = poster();
    kl::Engine &engine = m_engine;
    m_engine.post([this, &engine, post, id, request = std::move(request)](kl::EngineCore &core) {
        core.produceAsync(request, [this, &engine, post, id](kl::ProduceResult result) {
            engine.afterPublish([this, post, id, result = std::move(result)] {
                post([this, id, result] {
                    refresh();
                    emit produceFinished(result);
                    emit produceAnswered(id, result);
                });
            });
        });
    });
    return id;
}

void Bridge::startAutoProducer(kl::AutoProducerSpec spec)
{
    auto post = poster();
    m_engine.startAutoProducer(std::move(spec), [this, post](kl::Result<uint64_t> r) {
        const quint64 id = r ? static_cast<quint64>(*r) : 0;
        const kl::Status status = r ? kl::Status::ok() : r.status();
        post([this, id, status] {
            refresh();
            emit autoProducerStarted(id, status);
        });
    });
}

void Bridge::stopAutoProducer(quint64 id)
{
    auto post = poster();
    m_engine.stopAutoProducer(id, [this, post, id](kl::Status status) {
        post([this, id, status] {
            refresh();
            emit autoProducerStopped(id, status);
        });
    });
}

void Bridge::clusterCommand(const QString &action, const QString &target,
                           std::function<kl::Status(kl::EngineCore &)> fn)
{
    auto post = poster();
    // The answer waits for the snapshot that shows the command's effect (afterPublish), so a
    // listener reading snapshot() on clusterCommandFinished sees the crashed broker, the delay.
    kl::Engine &engine = m_engine;
    m_engine.post([this, &engine, post, action, target, fn = std::move(fn)](kl::EngineCore &core) {
        kl::Status status = fn(core);
        engine.afterPublish([this, post, action, target, status = std::move(status)] {
            post([this, action, target, status] {
                refresh();
                emit clusterCommandFinished(action, target, status);
            });
        });
    });
}

namespace {
QString brokerTarget(int broker)
{
    return QStringLiteral("broker-%1").arg(broker);
}
} // namespace

void Bridge::crashBroker(int broker)
{
    clusterCommand(QStringLiteral("crash"), brokerTarget(broker),
                   [broker](kl::EngineCore &core) { return core.crashBroker(broker); });
}

void Bridge::restartBroker(int broker)
{
    clusterCommand(QStringLiteral("restart"), brokerTarget(broker),
                   [broker](kl::EngineCore &core) { return core.restartBroker(broker); });
}

void Bridge::isolateBroker(int broker)
{
    clusterCommand(QStringLiteral("isolate"), brokerTarget(broker),
                   [broker](kl::EngineCore &core) { return core.isolateBroker(broker); });
}

void Bridge::healBroker(int broker)
{
    clusterCommand(QStringLiteral("heal"), brokerTarget(broker),
                   [broker](kl::EngineCore &core) { return core.healBroker(broker); });
}

void Bridge::slowFollower(int broker, qint64 delayMs)
{
    clusterCommand(QStringLiteral("slow"), brokerTarget(broker), [broker, delayMs](kl::EngineCore &core) {
        return core.setFollowerDelay(broker, delayMs);
    });
}

void Bridge::electPreferredLeader(const QString &topic, int partition)
{
    clusterCommand(QStringLiteral("elect"), QStringLiteral("%1-%2").arg(topic).arg(partition),
                   [t = topic.toStdString(), partition](kl::EngineCore &core) {
                       return core.electPreferredLeader(t, partition);
                   });
}
