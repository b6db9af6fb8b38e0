// Every event the engine emits while playing the example scenarios is described from its typed
// fields, never from the engine's English `detail` (which only the tooltip shows): a learner who
// reads Korean reads no English sentence in the event list. Oracle: the engine's own run, with
// `detail` replaced by a marker that must not appear in the text.
#include "api/engine_core.h"
#include "core/clock.h"
#include "scenario/runner.h"
#include "scenario/scenario.h"
#include "views/events_panel.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <set>

namespace fs = std::filesystem;

class TestEventTexts : public QObject {
    Q_OBJECT
private slots:
    void scenarioEventsAreDescribedFromTypedFields_data()
    {
        QTest::addColumn<QString>("file");
        const fs::path dir = fs::path(KAFKALAB_SOURCE_DIR) / "resources" / "scenarios";
        std::vector<fs::path> files;
        for (const auto &entry : fs::directory_iterator(dir))
            if (entry.path().extension() == ".json")
                files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto &file : files)
            QTest::newRow(file.filename().string().c_str()) << QString::fromStdString(file.string());
    }

    void scenarioEventsAreDescribedFromTypedFields()
    {
        QFETCH(QString, file);
        const auto parsed = kl::loadScenarioFile(file.toStdString());
        QVERIFY2(parsed, parsed.error.toString().c_str());
        const kl::Scenario &scenario = *parsed.scenario;
        QTemporaryDir dir;
        kl::EngineOptions options;
        options.dataDir = dir.path().toStdString();
        options.brokerCount = scenario.brokers;
        options.seed = scenario.seed;
        options.replicaLagTimeMaxMs = scenario.replicaLagTimeMaxMs;
        options.replicaFetchIntervalMs = scenario.replicaFetchIntervalMs;
        options.brokerSessionTimeoutMs = scenario.brokerSessionTimeoutMs;
        const int64_t start = 1'700'000'000'000;
        kl::ManualClock clock(start);
        auto core = kl::EngineCore::open(options, clock);
        QVERIFY2(core, core ? "" : core.status().toString().c_str());
        {
            kl::ScenarioRunner runner(scenario, **core, clock, start, options.dataDir.string(),
                                      [](const std::string &) {});
            runner.runToEnd();
        }
        const std::vector<kl::Event> events = (*core)->eventsSince(0);
        QVERIFY(!events.empty());
        std::set<std::string> fallbacks;
        for (kl::Event e : events) {
            if (e.type == kl::EventType::LagSampled)
                continue; // its detail is the per-partition list: names and numbers only
            e.detail = "ENGLISH-DETAIL";
            const QString text = EventsPanel::describe(e);
            if (text.isEmpty() || text.contains(QStringLiteral("ENGLISH-DETAIL")))
                fallbacks.insert(std::string(kl::eventTypeName(e.type)) + "/" + e.cause);
        }
        std::string missing;
        for (const auto &f : fallbacks)
            missing += " " + f;
        QVERIFY2(fallbacks.empty(), ("described from the English detail:" + missing).c_str());
        (*core)->shutdown();
    }

    // The typed fields, not the detail, carry the words: a few exact texts.
    void typedTexts_data()
    {
        QTest::addColumn<kl::Event>("event");
        QTest::addColumn<QString>("expected");
        kl::Event rolled;
        rolled.type = kl::EventType::SegmentRolled;
        rolled.offset = 120;
        rolled.value = 60;
        rolled.cause = "segment_bytes";
        rolled.limit = 1024;
        QTest::newRow("segment rolled") << rolled << "new segment at offset 120 (the previous began at 60): segment.bytes 1,024 bytes reached";
        kl::Event shrunk;
        shrunk.type = kl::EventType::IsrShrunk;
        shrunk.before = {1, 2, 3};
        shrunk.after = {1, 2};
        shrunk.cause = "lagging";
        shrunk.causeBroker = 3;
        shrunk.limit = 10000;
        QTest::newRow("isr lagging") << shrunk << "ISR {1, 2, 3} → {1, 2}: broker-3 did not catch up within replica.lag.time.max.ms 10 s (Kafka's default: 30 s)";
        kl::Event timedOut;
        timedOut.type = kl::EventType::MemberTimedOut;
        timedOut.client = "consumer-2";
        timedOut.cause = "session_timeout";
        timedOut.limit = 6000;
        QTest::newRow("session timeout") << timedOut << "consumer-2 removed: no heartbeat within session.timeout.ms 6 s";
        kl::Event rebalance;
        rebalance.type = kl::EventType::RebalanceStarted;
        rebalance.client = "consumer-2";
        rebalance.cause = "session_timeout";
        rebalance.limit = 6500;
        QTest::newRow("rebalance") << rebalance << "rebalance: consumer-2's session timed out (6.5 s)";
    }

    void typedTexts()
    {
        QFETCH(kl::Event, event);
        QFETCH(QString, expected);
        event.detail = "ENGLISH-DETAIL";
        QCOMPARE(EventsPanel::describe(event), expected);
    }
};

QTEST_GUILESS_MAIN(TestEventTexts)
#include "test_event_texts.moc"
