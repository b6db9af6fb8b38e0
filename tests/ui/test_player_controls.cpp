// The scenario player bar's controls, clicked as a user does: a scenario starts paused and says
// "Paused: press Play" (a 4.6 s scenario would otherwise end before Pause can be pressed); Play
// lets scenario time run and Pause stops it; Replay restarts the same scenario from its start
// on a fresh cluster; scenarios with consumer groups open on the Groups tab, the others on the
// Cluster tab. A small window keeper rebuilds the window on every switch, as the app's Shell does.
#include "bridge/bridge.h"
#include "player/player_bar.h"
#include "player/scenario_session.h"
#include "player/scenario_workspace.h"
#include "view_test_fixture.h"
#include "views/cluster_view.h"
#include "views/group_tabs.h"
#include "views/groups_view.h"
#include "views/main_window.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

constexpr int kWaitMs = 15000;
const QString kFailover = QStringLiteral(":/scenarios/leader-failover.json");
const QString kConsumerCrash = QStringLiteral(":/scenarios/consumer-crash-rebalance.json");

// What app/gui/main.cpp's Shell does around a workspace: the window goes before the Bridge it
// shows, a new one (with its player bar, on the scenario's start view) comes after each switch.
class WindowKeeper : public QObject {
public:
    explicit WindowKeeper(ScenarioWorkspace &workspace) : m_workspace(workspace)
    {
        connect(&workspace, &ScenarioWorkspace::aboutToSwitch, this, [this] {
            bar = nullptr;
            window.reset();
        });
        connect(&workspace, &ScenarioWorkspace::switched, this, &WindowKeeper::build);
    }

    void build()
    {
        window = std::make_unique<MainWindow>(m_workspace.bridge());
        if (ScenarioSession *session = m_workspace.session()) {
            window->setCurrentView(ScenarioWorkspace::startView(session->scenario()));
            bar = attachPlayerBar(window.get(), *session);
            connect(bar, &PlayerBar::replayRequested, this,
                    [this] { QTimer::singleShot(0, this, [this] { m_workspace.replay(); }); });
        }
        window->resize(1280, 800);
        window->show();
    }

    std::unique_ptr<MainWindow> window;
    PlayerBar *bar = nullptr;

private:
    ScenarioWorkspace &m_workspace;
};

} // namespace

class TestPlayerControls : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_live.open(1)); // the live cluster the workspace returns to
    }
    void cleanupTestCase()
    {
        m_live.engine->stop();
    }

    void startsPausedUntilPlayIsPressed()
    {
        ScenarioWorkspace workspace(*m_live.engine);
        WindowKeeper keeper(workspace);
        QString error;
        QVERIFY2(workspace.playFile(kFailover, &error), qPrintable(error));
        QVERIFY(keeper.bar);
        PlayerBar *bar = keeper.bar;
        ScenarioSession *session = workspace.session();

        // Paused, and the bar says what to press.
        QVERIFY(session->isPaused());
        QVERIFY(bar->statusLabel()->isVisible());
        QCOMPARE(bar->statusLabel()->text(), PlayerBar::tr("<b>Paused</b>: press Play"));
        QCOMPARE(bar->pauseButton()->text(), PlayerBar::tr("Play"));
        QTest::qWait(500); // at 1x, half of a 4.6 s scenario would pass
        QCOMPARE(session->progress().nowMs, 0);

        // Play: scenario time runs, the hint goes.
        QTest::mouseClick(bar->pauseButton(), Qt::LeftButton);
        QVERIFY(!session->isPaused());
        QVERIFY(!bar->statusLabel()->isVisible());
        QCOMPARE(bar->pauseButton()->text(), PlayerBar::tr("Pause"));
        QVERIFY(QTest::qWaitFor([&] { return session->progress().nowMs >= 100; }, kWaitMs));

        // Pause: it stops again.
        QTest::mouseClick(bar->pauseButton(), Qt::LeftButton);
        QVERIFY(session->isPaused());
        QVERIFY(QTest::qWaitFor([&] { return !session->isBusy(); }, kWaitMs));
        const qint64 at = session->progress().nowMs;
        QTest::qWait(300);
        QCOMPARE(session->progress().nowMs, at);
        QVERIFY(bar->statusLabel()->isVisible());
    }

    void replayRestartsFromTheStart()
    {
        ScenarioWorkspace workspace(*m_live.engine);
        WindowKeeper keeper(workspace);
        QString error;
        QVERIFY2(workspace.playFile(kFailover, &error), qPrintable(error));
        ScenarioSession *first = workspace.session();
        for (int i = 0; i < 100 && !first->isFinished(); ++i) {
            QTest::mouseClick(keeper.bar->stepButton(), Qt::LeftButton);
            QVERIFY(QTest::qWaitFor([&] { return !first->isBusy(); }, kWaitMs));
        }
        QVERIFY(first->isFinished());
        QVERIFY(keeper.bar->outcomes()->count() > 0);
        QVERIFY(!keeper.bar->stepButton()->isEnabled());
        QVERIFY(keeper.bar->replayButton()->isEnabled());
        const int expects = first->progress().expectsPassed;

        QSignalSpy switched(&workspace, &ScenarioWorkspace::switched);
        QTest::mouseClick(keeper.bar->replayButton(), Qt::LeftButton);
        QVERIFY(switched.wait(kWaitMs));
        ScenarioSession *again = workspace.session();
        QVERIFY(again);
        QCOMPARE(again->fileName(), QStringLiteral("leader-failover.json"));
        QCOMPARE(again->scenario().title.text, std::string("Leader failover"));
        QCOMPARE(again->progress().nowMs, 0);
        QVERIFY(!again->isFinished());
        QVERIFY(again->isPaused());
        QVERIFY(keeper.bar);
        QCOMPARE(keeper.bar->outcomes()->count(), 0);
        QVERIFY(keeper.bar->stepButton()->isEnabled());
        QVERIFY(keeper.bar->statusLabel()->isVisible());

        // The replay plays the same run: every expect passes again.
        for (int i = 0; i < 100 && !again->isFinished(); ++i) {
            QTest::mouseClick(keeper.bar->stepButton(), Qt::LeftButton);
            QVERIFY(QTest::qWaitFor([&] { return !again->isBusy(); }, kWaitMs));
        }
        QVERIFY(again->isFinished());
        QCOMPARE(again->progress().expectsPassed, expects);
        QCOMPARE(again->progress().failures, 0);
    }

    void opensOnTheTabItIsAbout_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("groups");
        for (const QString &path : ScenarioWorkspace::bundledExamples()) {
            QString error;
            auto scenario = ScenarioWorkspace::loadScenario(path, &error);
            QVERIFY2(scenario, qPrintable(error));
            bool groups = false;
            for (const kl::ScenarioAction &a : scenario->actions)
                groups = groups || !a.group.empty();
            QTest::newRow(qPrintable(path)) << path << groups;
        }
    }

    void opensOnTheTabItIsAbout()
    {
        QFETCH(QString, path);
        QFETCH(bool, groups);
        ScenarioWorkspace workspace(*m_live.engine);
        WindowKeeper keeper(workspace);
        QString error;
        QVERIFY2(workspace.playFile(path, &error), qPrintable(error));
        QWidget *current = keeper.window->centerTabs()->currentWidget();
        if (groups)
            QCOMPARE(current, static_cast<QWidget *>(keeper.window->groupTabs()->groupsView()));
        else
            QVERIFY(qobject_cast<ClusterView *>(current));
    }

    void groupScenarioIsAGroupsScenario()
    {
        // The two kinds both exist among the examples, so the table above checks both tabs.
        auto crash = ScenarioWorkspace::loadScenario(kConsumerCrash, nullptr);
        auto failover = ScenarioWorkspace::loadScenario(kFailover, nullptr);
        QVERIFY(crash && failover);
        QCOMPARE(ScenarioWorkspace::startView(*crash), QStringLiteral("groups"));
        QCOMPARE(ScenarioWorkspace::startView(*failover), QStringLiteral("cluster"));
    }

private:
    viewtest::LiveCluster m_live;
};

QTEST_MAIN(TestPlayerControls)
#include "test_player_controls.moc"
