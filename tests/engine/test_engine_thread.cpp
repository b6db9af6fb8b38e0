// Engine (live mode): commands posted from the test thread run on the engine thread in order,
// callbacks fire there, snapshots and events become visible to other threads; a ManualClock
// advanced from outside drives timers; an auto producer sustains 20,000 records/s.
#include "api/engine.h"

#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <chrono>
#include <future>
#include <thread>

using namespace kl;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<EngineCore> openCore(const QTemporaryDir &dir, const Clock &clock)
{
    EngineOptions options;
    options.dataDir = fs::path(dir.path().toStdString());
    auto core = EngineCore::open(options, clock);
    if (!core)
        qFatal("open failed: %s", core.status().toString().c_str());
    return std::move(*core);
}

// Polls `condition` for up to `timeout` (the engine publishes asynchronously).
template <typename Fn> bool waitFor(Fn condition, std::chrono::milliseconds timeout = 5s)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition())
            return true;
        std::this_thread::sleep_for(5ms);
    }
    return condition();
}

int64_t partitionEnd(const Engine &engine, const std::string &topic, size_t partition)
{
    const auto snapshot = engine.snapshot();
    const auto *t = snapshot->topic(topic);
    return t && t->partitions.size() > partition ? t->partitions[partition].logEndOffset : -1;
}

} // namespace

class TestEngineThread : public QObject {
    Q_OBJECT
private slots:
    void commandsRunOnEngineThreadInOrder();
    void snapshotsAndEventsReachOtherThreads();
    void manualClockDrivesTimers();
    void sustainsTwentyThousandRecordsPerSecond();
    void stopIsCleanAndIdempotent();
    void repliesSeeTheSnapshotOfTheirCommand();
    void onScheduleCommandsWaitForTheTimedSnapshot();
};

void TestEngineThread::commandsRunOnEngineThreadInOrder()
{
    QTemporaryDir dir;
    auto clock = std::make_shared<SystemClock>();
    Engine engine(openCore(dir, *clock), clock);
    QVERIFY(engine.snapshot()); // published before start
    engine.start();

    std::promise<std::pair<Status, std::thread::id>> created;
    TopicConfig config;
    config.partitions = 2;
    engine.createTopic("t", config, [&](Status s) { created.set_value({ s, std::this_thread::get_id() }); });
    auto future = created.get_future();
    QCOMPARE(future.wait_for(5s), std::future_status::ready);
    const auto [status, threadId] = future.get();
    QVERIFY2(status, status.toString().c_str());
    QVERIFY(threadId != std::this_thread::get_id());

    // 100 produces posted back to back get consecutive offsets in posting order.
    std::vector<int64_t> offsets;
    std::mutex mutex;
    std::promise<void> allDone;
    for (int i = 0; i < 100; ++i) {
        ProduceRequest request;
        request.topic = "t";
        request.partition = 0;
        request.records.push_back(ProduceRecord { std::nullopt, std::to_string(i), {}, std::nullopt });
        engine.produce(request, [&, i](ProduceResult r) {
            std::lock_guard lock(mutex);
            offsets.push_back(r.status ? r.records[0].offset : -1);
            if (i == 99)
                allDone.set_value();
        });
    }
    QCOMPARE(allDone.get_future().wait_for(5s), std::future_status::ready);
    QCOMPARE(offsets.size(), size_t(100));
    for (int i = 0; i < 100; ++i)
        QCOMPARE(offsets[static_cast<size_t>(i)], int64_t(i));

    std::promise<Status> refused;
    engine.createPartitions("t", 1, [&](Status s) { refused.set_value(s); });
    auto refusedFuture = refused.get_future();
    QCOMPARE(refusedFuture.wait_for(5s), std::future_status::ready);
    QCOMPARE(refusedFuture.get().code(), ErrorCode::InvalidPartitions);
}

void TestEngineThread::snapshotsAndEventsReachOtherThreads()
{
    QTemporaryDir dir;
    auto clock = std::make_shared<SystemClock>();
    Engine engine(openCore(dir, *clock), clock, 20);
    engine.start();
    const uint64_t firstVersion = engine.snapshot()->version;
    TopicConfig config;
    config.partitions = 3;
    config.replicationFactor = 3;
    engine.createTopic("seen", config);
    ProduceRequest request;
    request.topic = "seen";
    request.partition = 2;
    request.records.push_back(ProduceRecord { std::string("k"), std::string("v"), {}, std::nullopt });
    engine.produce(request);
    QVERIFY(waitFor([&] { return partitionEnd(engine, "seen", 2) == 1; }));
    QVERIFY(engine.snapshot()->version > firstVersion);
    QCOMPARE(engine.snapshot()->topic("seen")->partitions[2].recent->size(), size_t(1));

    QVERIFY(waitFor([&] {
        for (const auto &e : engine.eventsSince(0))
            if (e.type == EventType::TopicCreated && e.topic == "seen")
                return true;
        return false;
    }));
    const auto events = engine.eventsSince(0);
    QCOMPARE(events.front().seq, uint64_t(1));
    QCOMPARE(events.front().type, EventType::BrokerStarted);
    QCOMPARE(engine.eventsSince(events.back().seq).size(), size_t(0));
    QCOMPARE(engine.eventsSince(events.back().seq - 1).size(), size_t(1));
}

void TestEngineThread::manualClockDrivesTimers()
{
    QTemporaryDir dir;
    auto clock = std::make_shared<ManualClock>();
    Engine engine(openCore(dir, *clock), clock);
    engine.start();
    engine.createTopic("sim", TopicConfig {});
    AutoProducerSpec spec;
    spec.topic = "sim";
    spec.ratePerSec = 1000;
    spec.lingerMs = 10;
    std::promise<Result<uint64_t>> started;
    engine.startAutoProducer(spec, [&](Result<uint64_t> r) { started.set_value(std::move(r)); });
    auto future = started.get_future();
    QCOMPARE(future.wait_for(5s), std::future_status::ready);
    QVERIFY(future.get());

    // Time stands still: nothing is produced however long we wait.
    std::this_thread::sleep_for(150ms);
    QCOMPARE(partitionEnd(engine, "sim", 0), int64_t(0));
    // Advancing the clock by 10 ms makes one tick due: 10 records.
    clock->advance(10);
    QVERIFY(waitFor([&] { return partitionEnd(engine, "sim", 0) == 10; }));
    clock->advance(10);
    QVERIFY(waitFor([&] { return partitionEnd(engine, "sim", 0) == 20; }));
}

void TestEngineThread::sustainsTwentyThousandRecordsPerSecond()
{
    QTemporaryDir dir;
    auto clock = std::make_shared<SystemClock>();
    Engine engine(openCore(dir, *clock), clock);
    engine.start();
    TopicConfig config;
    config.partitions = 6;
    config.replicationFactor = 3;
    engine.createTopic("fast", config);
    AutoProducerSpec spec;
    spec.topic = "fast";
    spec.ratePerSec = 20'000;
    spec.count = 30'000;
    spec.valueSize = 100;
    engine.startAutoProducer(spec);
    const auto start = std::chrono::steady_clock::now();
    const bool finished = waitFor(
        [&] {
            const auto snapshot = engine.snapshot();
            return !snapshot->producers.empty() && !snapshot->producers[0].running;
        },
        10s);
    const auto elapsed
        = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    QVERIFY(finished);
    QCOMPARE(engine.snapshot()->totalRecordsProduced, int64_t(30'000));
    // 30,000 records at 20,000/s take 1.5 s when the engine keeps up; allow a loaded machine
    // some slack, but a producer that falls behind (e.g. one record per tick) would take far longer.
    QVERIFY2(elapsed < 3000ms, qPrintable(QString("took %1 ms").arg(elapsed.count())));
}

void TestEngineThread::stopIsCleanAndIdempotent()
{
    QTemporaryDir dir;
    auto clock = std::make_shared<SystemClock>();
    auto engine = std::make_unique<Engine>(openCore(dir, *clock), clock);
    engine->start();
    std::atomic<bool> ran { false };
    engine->createTopic("x", TopicConfig {}, [&](Status s) { ran = s.isOk(); });
    engine->stop(); // runs what was posted before stopping
    QVERIFY(ran);
    QVERIFY(engine->snapshot()->topic("x"));
    engine->stop();
    std::atomic<bool> late { false };
    engine->post([&](EngineCore &) { late = true; });
    engine.reset();
    QVERIFY(!late);

    // The logs were closed cleanly: reopening finds the topic and recovers nothing.
    auto core = openCore(dir, *clock);
    QVERIFY(core->makeSnapshot()->topic("x"));
    for (const auto &e : core->eventsSince(0))
        QVERIFY2(e.type != EventType::LogRecovered, e.detail.c_str());
}

// A reply (a convenience's `done`, or afterPublish from a posted command) runs after the
// snapshot showing the command is published: the window refreshes on the answer and must find
// the new topic, the crashed broker, not the state before.
void TestEngineThread::repliesSeeTheSnapshotOfTheirCommand()
{
    QTemporaryDir dir;
    auto clock = std::make_shared<ManualClock>(1'000);
    Engine engine(openCore(dir, *clock), clock);
    engine.start();
    constexpr int kTopics = 40;
    std::atomic<int> answered = 0, stale = 0;
    for (int i = 0; i < kTopics; ++i) {
        const std::string name = QStringLiteral("t%1").arg(i).toStdString();
        engine.createTopic(name, TopicConfig {}, [&, name](Status s) {
            if (!s.isOk() || !engine.snapshot()->topic(name))
                ++stale;
            ++answered;
        });
    }
    std::atomic<bool> crashedSeen = false, crashAnswered = false;
    engine.post([&](EngineCore &core) {
        const bool ok = core.crashBroker(1).isOk();
        engine.afterPublish([&, ok] {
            const auto snap = engine.snapshot();
            crashedSeen = ok && snap->brokers[0].state == BrokerState::Crashed;
            crashAnswered = true;
        });
    });
    QVERIFY(waitFor([&] { return answered == kTopics && crashAnswered; }));
    QCOMPARE(stale.load(), 0);
    QVERIFY(crashedSeen);
    engine.stop();
}

void TestEngineThread::onScheduleCommandsWaitForTheTimedSnapshot()
{
    // Publish::OnSchedule (the wire's produce, fetch, heartbeat traffic): the command's effect
    // shows in the next timed snapshot (every 3 s here), not right after it; an AfterCommand
    // command publishes at once, with whatever OnSchedule commands did before it.
    QTemporaryDir dir;
    auto clock = std::make_shared<ManualClock>(1'000);
    Engine engine(openCore(dir, *clock), clock, 3000);
    engine.start();
    std::promise<void> created;
    engine.createTopic("first", TopicConfig {}, [&](Status) { created.set_value(); });
    created.get_future().wait();
    QVERIFY(engine.snapshot()->topic("first"));
    std::promise<bool> ran;
    engine.post([&](EngineCore &core) { ran.set_value(core.createTopic("quiet", TopicConfig {}).isOk()); },
        Engine::Publish::OnSchedule);
    QVERIFY(ran.get_future().get());
    std::this_thread::sleep_for(200ms);
    QVERIFY(!engine.snapshot()->topic("quiet"));
    QVERIFY(waitFor([&] { return engine.snapshot()->topic("quiet") != nullptr; }, 10s));

    engine.post([](EngineCore &core) { core.createTopic("quiet-2", TopicConfig {}); }, Engine::Publish::OnSchedule);
    std::promise<bool> seen;
    engine.post([&](EngineCore &) { engine.afterPublish([&] { seen.set_value(engine.snapshot()->topic("quiet-2")); }); });
    QVERIFY(seen.get_future().get());
    engine.stop();
}

QTEST_APPLESS_MAIN(TestEngineThread)
#include "test_engine_thread.moc"
