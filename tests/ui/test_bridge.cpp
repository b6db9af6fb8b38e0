// Bridge round trips against a real engine thread: each command answers with exactly one
// signal on the GUI thread, carrying the engine's Status; snapshots and events are pulled.
#include "bridge/bridge.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Fixture {
    QTemporaryDir dir;
    std::shared_ptr<kl::SystemClock> clock = std::make_shared<kl::SystemClock>();
    std::unique_ptr<kl::Engine> engine;

    bool open()
    {
        kl::EngineOptions options;
        options.dataDir = dir.path().toStdString();
        options.brokerCount = 3;
        auto core = kl::EngineCore::open(options, *clock);
        if (!core) {
            qWarning("EngineCore::open: %s", core.status().toString().c_str());
            return false;
        }
        engine = std::make_unique<kl::Engine>(std::move(*core), clock);
        engine->start();
        return true;
    }
};

kl::TopicConfig config(int partitions)
{
    kl::TopicConfig c;
    c.partitions = partitions;
    c.replicationFactor = 1;
    return c;
}

} // namespace

class TestBridge : public QObject {
    Q_OBJECT
private slots:
    void createTopicAnswersWithStatus()
    {
        Fixture f;
        QVERIFY(f.open());
        Bridge bridge(*f.engine);
        QSignalSpy finished(&bridge, &Bridge::topicCommandFinished);

        bridge.createTopic(QStringLiteral("t1"), config(3));
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("create"));
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("t1"));
        const auto ok = finished.at(0).at(2).value<kl::Status>();
        QVERIFY2(ok.isOk(), ok.toString().c_str());

        // The same name again is refused with Kafka's error, through the same signal.
        bridge.createTopic(QStringLiteral("t1"), config(3));
        QTRY_COMPARE(finished.count(), 2);
        const auto refused = finished.at(1).at(2).value<kl::Status>();
        QCOMPARE(refused.code(), kl::ErrorCode::TopicAlreadyExists);

        // The pulled snapshot shows the topic with its partitions.
        QTRY_VERIFY([&] {
            bridge.refresh();
            const kl::TopicSnapshot *t = bridge.snapshot()->topic("t1");
            return t && t->partitions.size() == 3;
        }());
    }

    void produceAnswersWithOffsets()
    {
        Fixture f;
        QVERIFY(f.open());
        Bridge bridge(*f.engine);
        QSignalSpy created(&bridge, &Bridge::topicCommandFinished);
        bridge.createTopic(QStringLiteral("p"), config(3));
        QTRY_COMPARE(created.count(), 1);

        QSignalSpy produced(&bridge, &Bridge::produceFinished);
        for (int i = 0; i < 2; ++i) {
            kl::ProduceRequest request;
            request.topic = "p";
            request.partition = 1;
            kl::ProduceRecord record;
            record.key = "k";
            record.value = "v" + std::to_string(i);
            request.records.push_back(record);
            bridge.produce(request);
        }
        QTRY_COMPARE(produced.count(), 2);
        for (int i = 0; i < 2; ++i) {
            const auto result = produced.at(i).at(0).value<kl::ProduceResult>();
            QVERIFY2(result.status.isOk(), result.status.toString().c_str());
            QCOMPARE(result.topic, std::string("p"));
            QCOMPARE(result.records.size(), size_t(1));
            QCOMPARE(result.records[0].partition, 1);
            QCOMPARE(result.records[0].offset, int64_t(i)); // answered in posting order
        }

        // A partition that does not exist is refused, not crashed on.
        kl::ProduceRequest bad;
        bad.topic = "p";
        bad.partition = 99;
        bad.records.push_back(kl::ProduceRecord{});
        bridge.produce(bad);
        QTRY_COMPARE(produced.count(), 3);
        QVERIFY(!produced.at(2).at(0).value<kl::ProduceResult>().status.isOk());

        QTRY_VERIFY([&] {
            bridge.refresh();
            const kl::TopicSnapshot *t = bridge.snapshot()->topic("p");
            return t && t->partitions.size() == 3 && t->partitions[1].logEndOffset == 2;
        }());
    }

    void eventsArePulledOnce()
    {
        Fixture f;
        QVERIFY(f.open());
        Bridge bridge(*f.engine);
        QSignalSpy events(&bridge, &Bridge::eventsArrived);
        bridge.createTopic(QStringLiteral("e"), config(2));
        QTRY_VERIFY([&] {
            for (const auto &args : events)
                for (const kl::Event &e : args.at(0).value<QVector<kl::Event>>())
                    if (e.type == kl::EventType::TopicCreated && e.topic == "e")
                        return true;
            return false;
        }());
        // No event is delivered twice: sequence numbers strictly increase across batches.
        uint64_t last = 0;
        for (const auto &args : events) {
            for (const kl::Event &e : args.at(0).value<QVector<kl::Event>>()) {
                QVERIFY(e.seq > last);
                last = e.seq;
            }
        }
    }

    void faultCommandsAnswerWithStatus()
    {
        Fixture f;
        QVERIFY(f.open());
        Bridge bridge(*f.engine);
        QSignalSpy done(&bridge, &Bridge::clusterCommandFinished);
        auto statusAt = [&](int i) { return done.at(i).at(2).value<kl::Status>(); };

        bridge.crashBroker(2);
        QTRY_COMPARE(done.count(), 1);
        QCOMPARE(done.at(0).at(0).toString(), QStringLiteral("crash"));
        QCOMPARE(done.at(0).at(1).toString(), QStringLiteral("broker-2"));
        QVERIFY2(statusAt(0).isOk(), statusAt(0).toString().c_str());
        // The snapshot says so by the time the signal arrives.
        const auto *b2 = &bridge.snapshot()->brokers[1];
        QCOMPARE(b2->id, 2);
        QCOMPARE(b2->state, kl::BrokerState::Crashed);

        bridge.crashBroker(2); // already down: refused, with the engine's reason
        QTRY_COMPARE(done.count(), 2);
        QVERIFY(!statusAt(1).isOk());

        bridge.restartBroker(2);
        QTRY_COMPARE(done.count(), 3);
        QVERIFY2(statusAt(2).isOk(), statusAt(2).toString().c_str());

        bridge.slowFollower(3, 500);
        QTRY_COMPARE(done.count(), 4);
        QCOMPARE(done.at(3).at(0).toString(), QStringLiteral("slow"));
        QVERIFY(statusAt(3).isOk());
        QCOMPARE(bridge.snapshot()->brokers[2].fetchDelayMs, int64_t(500));

        bridge.electPreferredLeader(QStringLiteral("no-such-topic"), 0);
        QTRY_COMPARE(done.count(), 5);
        QCOMPARE(done.at(4).at(1).toString(), QStringLiteral("no-such-topic-0"));
        QCOMPARE(statusAt(4).code(), kl::ErrorCode::UnknownTopicOrPartition);

        bridge.isolateBroker(1);
        bridge.healBroker(1);
        QTRY_COMPARE(done.count(), 7);
        QVERIFY(statusAt(5).isOk());
        QVERIFY(statusAt(6).isOk());
    }

    void bridgeMayDieWithACommandInFlight()
    {
        Fixture f;
        QVERIFY(f.open());
        auto bridge = std::make_unique<Bridge>(*f.engine);
        bridge->createTopic(QStringLiteral("late"), config(1));
        bridge.reset(); // the answer must find nobody, not a dangling pointer
        QTest::qWait(200);
        Bridge second(*f.engine);
        QTRY_VERIFY([&] {
            second.refresh();
            return second.snapshot()->topic("late") != nullptr;
        }());
    }
};

QTEST_MAIN(TestBridge)
#include "test_bridge.moc"
