// Playing scenarios in the GUI, offscreen: the bundled leader-failover example played on its own
// engine (ManualClock) in steps and advances passes every expect, agrees with the headless
// runner, and the cluster map shows the leadership moving; a malformed file is refused with its
// line and the live engine keeps running; pause stops scenario time; the player bar shows
// passed and failed expects (failures in red, with the reason).
#include "bridge/bridge.h"
#include "models/cluster_map_model.h"
#include "player/player_bar.h"
#include "player/scenario_menu.h"
#include "player/scenario_session.h"
#include "player/scenario_workspace.h"
#include "scenario/runner.h"
#include "views/main_window.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>

namespace {

constexpr int kWaitMs = 15000;
const QString kFailover = QStringLiteral(":/scenarios/leader-failover.json");

std::shared_ptr<const kl::Scenario> load(const QString &path)
{
    QString error;
    auto scenario = ScenarioWorkspace::loadScenario(path, &error);
    if (!scenario)
        qWarning("%s", qPrintable(error));
    return scenario;
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

int countExpects(const kl::Scenario &s)
{
    return int(std::count_if(s.actions.begin(), s.actions.end(),
        [](const kl::ScenarioAction &a) { return a.kind == kl::ScenarioActionKind::Expect; }));
}

// Index of the first action of `kind` (and broker, if given).
int findAction(const kl::Scenario &s, kl::ScenarioActionKind kind, int broker = -1)
{
    for (size_t i = 0; i < s.actions.size(); ++i)
        if (s.actions[i].kind == kind && (broker < 0 || s.actions[i].broker == broker))
            return int(i);
    return -1;
}

// The map of the session's cluster, as the Cluster tab would draw it now.
clustermap::ClusterMap mapOf(Bridge &bridge)
{
    bridge.refresh();
    return clustermap::ClusterMap::build(*bridge.snapshot());
}

// Waits for every posted step to be answered, then for the Bridge to see a snapshot at least
// as new as the player's time (the engine publishes after each posted command).
bool settle(ScenarioSession &session, Bridge &bridge)
{
    if (!QTest::qWaitFor([&] { return !session.isBusy(); }, kWaitMs))
        return false;
    const int64_t start = kl::ScenarioRunOptions {}.startMs;
    return QTest::qWaitFor([&] {
        bridge.refresh();
        return bridge.snapshot()->nowMs - start >= session.progress().nowMs;
    }, kWaitMs);
}

} // namespace

class TestScenarioPlayer : public QObject {
    Q_OBJECT
private slots:
    void bundledExamplesAreListed()
    {
        const QStringList examples = ScenarioWorkspace::bundledExamples();
        QVERIFY(examples.contains(kFailover));
        for (const QString &path : examples)
            QVERIFY2(load(path) != nullptr, qPrintable(path));
    }

    void windowMenuOffersTheExamples()
    {
        QTemporaryDir dir;
        auto clock = std::make_shared<kl::SystemClock>();
        kl::EngineOptions options;
        options.dataDir = dir.path().toStdString();
        auto core = kl::EngineCore::open(options, *clock);
        QVERIFY(core);
        kl::Engine engine(std::move(*core), clock);
        engine.start();
        {
            Bridge bridge(engine);
            MainWindow window(bridge);
            QVERIFY(window.findChild<QToolButton *>(QStringLiteral("scenarioButton")));
            ScenarioMenu *menu = window.scenarioMenu();
            QVERIFY(menu);
            QAction *back = menu->findChild<QAction *>(QStringLiteral("backToLiveAction"));
            QVERIFY(back);
            QVERIFY(!back->isEnabled());
            menu->setPlaying(true);
            QVERIFY(back->isEnabled());

            // Each example is listed by its title in the UI language (English here), its file
            // name in the tooltip.
            QAction *failover = nullptr;
            for (QAction *a : menu->examplesMenu()->actions())
                if (a->data().toString() == kFailover)
                    failover = a;
            QVERIFY(failover);
            QCOMPARE(failover->text(), QStringLiteral("Leader failover"));
            QVERIFY(failover->toolTip().contains(QStringLiteral("leader-failover.json")));
            QVERIFY(failover->toolTip().contains(QStringLiteral("The leader crashes")));
            // In Korean the file's Korean title (no translator needed: the text is the file's).
            QLocale::setDefault(QLocale(QLocale::Korean));
            menu->retranslateExamples();
            QCOMPARE(failover->text(), QStringLiteral("리더 장애 조치"));
            QLocale::setDefault(QLocale(QLocale::English));
            menu->retranslateExamples();
            QCOMPARE(failover->text(), QStringLiteral("Leader failover"));
            QSignalSpy requested(menu, &ScenarioMenu::playRequested);
            failover->trigger();
            QCOMPARE(requested.count(), 1);
            QCOMPARE(requested.front().front().toString(), kFailover);
        }
        engine.stop();
    }

    void playsLeaderFailoverToTheEnd()
    {
        auto scenario = load(kFailover);
        QVERIFY(scenario);
        QString error;
        auto session = ScenarioSession::start(scenario, QStringLiteral("leader-failover.json"), &error);
        QVERIFY2(session, qPrintable(error));
        session->setPaused(true);
        Bridge bridge(session->engine());

        // Let the first 599 ms pass in small advances: create (0 ms) and produce (100 ms) run;
        // the expect, the crash and the next produce are all due at 600 ms.
        for (int i = 0; i < 5; ++i)
            session->advanceBy(100);
        session->advanceBy(99);
        QVERIFY(settle(*session, bridge));
        QCOMPARE(session->progress().nowMs, 599);
        const int crash = findAction(*scenario, kl::ScenarioActionKind::Crash, 3);
        QVERIFY(crash > 0);
        QCOMPARE(session->progress().nextAction, crash - 1);
        QCOMPARE(session->progress().expectsPassed, 0);
        // One step: the expect at 600 ms, and only it.
        session->stepToNextAction();
        QVERIFY(settle(*session, bridge));
        QCOMPARE(session->progress().nowMs, 600);
        QCOMPARE(session->progress().nextAction, crash);
        QCOMPARE(session->progress().expectsPassed, 1);
        clustermap::ClusterMap before = mapOf(bridge);
        QVERIFY(before.partition(QStringLiteral("orders"), 0));
        QCOMPARE(before.partition(QStringLiteral("orders"), 0)->leader, 3);

        // Step the crash: broker 3 is down but not fenced yet, so it still leads (its tile is
        // offline) and its state counts down broker.session.timeout.ms.
        session->stepToNextAction();
        QVERIFY(settle(*session, bridge));
        clustermap::ClusterMap down = mapOf(bridge);
        QCOMPARE(down.partition(QStringLiteral("orders"), 0)->leader, 3);
        QCOMPARE(down.tile(3, QStringLiteral("orders"), 0)->role, clustermap::Role::Offline);
        QCOMPARE(down.broker(3)->fenceInMs, qint64(9000));
        QCOMPARE(down.broker(3)->stateText, QStringLiteral("crashed — fenced in 9.0 s"));

        // Step up to the fence: broker 1 (next in assignment order) leads.
        const int fence = findAction(*scenario, kl::ScenarioActionKind::Advance);
        QVERIFY(fence > crash);
        while (session->progress().nextAction <= fence) {
            session->stepToNextAction();
            QVERIFY(settle(*session, bridge));
        }
        clustermap::ClusterMap after = mapOf(bridge);
        QVERIFY(after.broker(3)->fenced);
        QCOMPARE(after.partition(QStringLiteral("orders"), 0)->leader, 1);
        QCOMPARE(after.partition(QStringLiteral("orders"), 0)->leaderEpoch, 1);
        QVERIFY(after.tile(3, QStringLiteral("orders"), 0));
        QCOMPARE(after.tile(3, QStringLiteral("orders"), 0)->role, clustermap::Role::Offline);
        QCOMPARE(after.tile(1, QStringLiteral("orders"), 0)->role, clustermap::Role::Leader);

        // The rest, one action at a time.
        QSignalSpy finished(session.get(), &ScenarioSession::finished);
        for (int i = 0; i < 100 && !session->isFinished(); ++i) {
            session->stepToNextAction();
            QVERIFY(QTest::qWaitFor([&] { return !session->isBusy(); }, kWaitMs));
        }
        QVERIFY(session->isFinished());
        QCOMPARE(finished.count(), 1);
        const kl::ScenarioProgress &p = session->progress();
        QCOMPARE(p.nowMs, scenario->endMs);
        QCOMPARE(p.failures, 0);
        QCOMPARE(p.expectsPassed, countExpects(*scenario));
        for (const kl::ScenarioOutcome &o : p.outcomes)
            QVERIFY2(o.passed && o.expect, o.reason.c_str());
        QCOMPARE(int(p.outcomes.size()), countExpects(*scenario));

        // The headless runner (kafkalab-cli simulate) agrees.
        QTemporaryDir dir;
        kl::ScenarioRunOptions options;
        options.dataDir = dir.path().toStdString();
        const kl::ScenarioRunReport cli = kl::runScenario(*scenario, options, {});
        QCOMPARE(cli.expectsPassed, p.expectsPassed);
        QCOMPARE(int(cli.failures.size()), p.failures);

        // The preferred election gave broker 3 its leadership back: the map shows it.
        QVERIFY(settle(*session, bridge));
        clustermap::ClusterMap last = mapOf(bridge);
        QCOMPARE(last.partition(QStringLiteral("orders"), 0)->leader, 3);
        QCOMPARE(last.partition(QStringLiteral("orders"), 0)->leaderEpoch, 2);
        QVector<int> isr = last.partition(QStringLiteral("orders"), 0)->isr;
        std::sort(isr.begin(), isr.end());
        QCOMPARE(isr, (QVector<int> {1, 2, 3}));
        QCOMPARE(last.tile(3, QStringLiteral("orders"), 0)->logEndOffset, 20);
    }

    void malformedFileKeepsTheLiveEngine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown key") << QByteArray("{\n  \"brokers\": 3,\n  \"actions\": [\n"
                                                   "    {\"at\": 0, \"do\": \"create-topic\", \"topic\": \"t\"},\n"
                                                   "    {\"do\": \"produce\", \"topic\": \"t\", \"count\": 1, \"ack\": 1}\n"
                                                   "  ]\n}\n")
                                     << QStringLiteral("bad.json:5:") << QStringLiteral("'ack'");
        QTest::newRow("unknown broker") << QByteArray("{\n  \"brokers\": 3,\n  \"actions\": [\n"
                                                      "    {\"do\": \"crash\", \"broker\": 7}\n  ]\n}\n")
                                        << QStringLiteral("bad.json:4:") << QStringLiteral("7");
        QTest::newRow("syntax") << QByteArray("{\n  \"brokers\": 3\n  \"actions\": []\n}\n")
                                << QStringLiteral("bad.json:3:") << QStringLiteral("JSON");
    }

    void malformedFileKeepsTheLiveEngine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, where);
        QFETCH(QString, reason);

        QTemporaryDir dir;
        auto clock = std::make_shared<kl::SystemClock>();
        kl::EngineOptions options;
        options.dataDir = dir.filePath(QStringLiteral("live")).toStdString();
        auto core = kl::EngineCore::open(options, *clock);
        QVERIFY(core);
        kl::Engine engine(std::move(*core), clock);
        engine.start();
        {
            ScenarioWorkspace workspace(engine);
            QSignalSpy switching(&workspace, &ScenarioWorkspace::aboutToSwitch);
            const QString bad = dir.filePath(QStringLiteral("bad.json"));
            QVERIFY(writeFile(bad, text));
            QString error;
            QVERIFY(!workspace.playFile(bad, &error));
            QVERIFY2(error.startsWith(where), qPrintable(error));
            QVERIFY2(error.contains(reason), qPrintable(error));
            QCOMPARE(switching.count(), 0);
            QVERIFY(!workspace.isPlaying());
            QCOMPARE(&workspace.bridge(), &workspace.liveBridge());

            // The live engine still answers commands through the live Bridge.
            QSignalSpy created(&workspace.bridge(), &Bridge::topicCommandFinished);
            workspace.bridge().createTopic(QStringLiteral("still-live"), kl::TopicConfig {});
            QVERIFY(created.wait(kWaitMs));
            QVERIFY(created.front().at(2).value<kl::Status>().isOk());

            // A good file switches; back to live returns to the same live Bridge.
            QVERIFY2(workspace.playFile(kFailover, &error), qPrintable(error));
            QVERIFY(workspace.isPlaying());
            QVERIFY(&workspace.bridge() != &workspace.liveBridge());
            QCOMPARE(switching.count(), 1);
            workspace.backToLive();
            QVERIFY(!workspace.isPlaying());
            QCOMPARE(&workspace.bridge(), &workspace.liveBridge());
            QVERIFY(QTest::qWaitFor([&] {
                workspace.bridge().refresh();
                return workspace.bridge().snapshot()->topic("still-live") != nullptr;
            }, kWaitMs));
        }
        engine.stop();
    }

    void pauseStopsScenarioTime()
    {
        auto scenario = load(kFailover);
        QVERIFY(scenario);
        auto session = ScenarioSession::start(scenario, QStringLiteral("leader-failover.json"));
        QVERIFY(session);
        session->setSpeed(4.0);
        session->setPaused(false); // sessions start paused
        QVERIFY(QTest::qWaitFor([&] { return session->progress().nowMs >= 200; }, kWaitMs));
        session->setPaused(true);
        QVERIFY(QTest::qWaitFor([&] { return !session->isBusy(); }, kWaitMs));
        const qint64 paused = session->progress().nowMs;
        QTest::qWait(400); // at 4x this would be 1.6 s of scenario time
        QCOMPARE(session->progress().nowMs, paused);
        QVERIFY(!session->isBusy());

        session->setPaused(false);
        QVERIFY(QTest::qWaitFor([&] { return session->progress().nowMs > paused; }, kWaitMs));
    }

    void playerBarShowsPassedAndFailedExpects()
    {
        // The failover example with one expect made wrong on purpose (leader 2 after the crash).
        QFile source(kFailover);
        QVERIFY(source.open(QIODevice::ReadOnly));
        QByteArray text = source.readAll();
        const QByteArray good = "\"leader\": 1, \"leader-epoch\": 1";
        QVERIFY(text.contains(good));
        text.replace(good, "\"leader\": 2, \"leader-epoch\": 1");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("wrong.json"));
        QVERIFY(writeFile(path, text));
        auto scenario = load(path);
        QVERIFY(scenario);

        auto session = ScenarioSession::start(scenario, QStringLiteral("wrong.json"));
        QVERIFY(session);
        session->setPaused(true);
        {
            Bridge bridge(session->engine());
            MainWindow window(bridge);
            PlayerBar *bar = attachPlayerBar(&window, *session);
            window.setCurrentView(QStringLiteral("cluster"));
            window.resize(1280, 800);
            window.show();
            QCOMPARE(bar->pauseButton()->text(), PlayerBar::tr("Play"));
            QVERIFY(bar->nextLabel()->text().contains(QStringLiteral("orders")));

            for (int i = 0; i < 100 && !session->isFinished(); ++i) {
                QTest::mouseClick(bar->stepButton(), Qt::LeftButton);
                QVERIFY(QTest::qWaitFor([&] { return !session->isBusy(); }, kWaitMs));
            }
            QVERIFY(session->isFinished());
            QCOMPARE(session->progress().failures, 1);
            QListWidget *list = bar->outcomes();
            QCOMPARE(list->count(), countExpects(*scenario));
            int red = 0;
            for (int i = 0; i < list->count(); ++i) {
                QListWidgetItem *item = list->item(i);
                if (item->data(Qt::UserRole).toBool())
                    continue;
                ++red;
                QCOMPARE(item->foreground().color(), QColor(0xc0, 0x39, 0x2b));
                QVERIFY2(item->text().contains(QStringLiteral("leader is 1, expected 2")),
                         qPrintable(item->text()));
            }
            QCOMPARE(red, 1);
            QVERIFY(bar->nextLabel()->text().contains(PlayerBar::tr("Finished.")));
            QVERIFY(!bar->stepButton()->isEnabled());

            // A picture of the finished run, for people to look at.
            QVERIFY(settle(*session, bridge));
            QTest::qWait(300);
            const QString shot = QDir::temp().filePath(QStringLiteral("kafkalab-scenario-player.png"));
            QVERIFY(window.grab().save(shot, "PNG"));
            qInfo("screenshot: %s", qPrintable(shot));
        }
    }
};

QTEST_MAIN(TestScenarioPlayer)
#include "test_scenario_player.moc"
