// ScenarioSession: one scenario being played in the GUI. It opens a fresh simulated cluster
// (the scenario's brokers and seed, a temporary data directory, a ManualClock) on its own
// kl::Engine thread, and paces a kl::ScenarioPlayer: a GUI-thread timer measures wall time and
// posts player.advanceBy(wall ms × speed) to the engine thread, so every engine timer fires in
// order and the Bridge's snapshots show the scenario live. Pause stops the scenario clock
// (nothing is posted); stepToNextAction() jumps to the next action and runs it.
// The player's progress hops back to the GUI thread after every posted step (progressChanged).
// Owns the engine, the clock, the player and the temporary directory; a Bridge made on
// engine() must be destroyed before the session. GUI thread only.
#pragma once

#include "api/engine.h"
#include "scenario/player.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

class ScenarioSessionToken;

class ScenarioSession : public QObject {
    Q_OBJECT
public:
    // Speeds offered to the user (scenario ms per wall ms).
    static QVector<double> speeds() { return {0.25, 1.0, 4.0, 16.0}; }

    // Opens the cluster and starts its engine thread, paused at 1x: a scenario of a few seconds
    // would otherwise be over before anyone could press Pause (the player bar says "press Play").
    // Returns null and sets *error when the cluster cannot be opened.
    static std::unique_ptr<ScenarioSession> start(std::shared_ptr<const kl::Scenario> scenario,
        const QString &fileName, QString *error = nullptr);
    ~ScenarioSession() override;

    kl::Engine &engine() { return *m_engine; }
    const kl::Scenario &scenario() const { return *m_scenario; }
    std::shared_ptr<const kl::Scenario> sharedScenario() const { return m_scenario; }
    QString fileName() const { return m_fileName; }
    QString dataDir() const { return m_dir.path(); }

    double speed() const { return m_speed; }
    void setSpeed(double speed);
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);
    // Jumps to the next action and runs it (also while paused).
    void stepToNextAction();
    // Lets `ms` of scenario time pass at once (tests, lessons).
    void advanceBy(qint64 ms);
    // How often the pacing timer ticks (wall ms).
    void setTickIntervalMs(int ms) { m_timer.setInterval(ms); }

    // The latest progress received from the engine thread.
    const kl::ScenarioProgress &progress() const { return m_progress; }
    bool isFinished() const { return m_progress.finished; }
    // Steps or advances posted to the engine thread and not yet answered with progress.
    bool isBusy() const { return m_inFlight > 0; }

signals:
    void progressChanged();
    void pausedChanged(bool paused);
    void speedChanged(double speed);
    void finished();

private:
    ScenarioSession(std::shared_ptr<const kl::Scenario> scenario, const QString &fileName);
    bool open(QString *error);
    void onTick();
    // Runs fn(player) on the engine thread, then sends the progress back here.
    void postToPlayer(std::function<void(kl::ScenarioPlayer &)> fn);
    void onProgress(const kl::ScenarioProgress &progress);

    QTemporaryDir m_dir; // first member: removed after the engine has closed its files
    std::shared_ptr<const kl::Scenario> m_scenario;
    QString m_fileName;
    std::shared_ptr<kl::ManualClock> m_clock;
    std::unique_ptr<kl::Engine> m_engine;
    // Used only on the engine thread; created and destroyed there.
    std::shared_ptr<std::unique_ptr<kl::ScenarioPlayer>> m_player;
    std::shared_ptr<ScenarioSessionToken> m_alive;
    kl::ScenarioProgress m_progress;
    QTimer m_timer;
    QElapsedTimer m_wall;
    qint64 m_lastWallMs = 0;
    double m_carryMs = 0; // scenario time owed but below one ms
    int m_inFlight = 0;   // advances posted and not yet answered
    double m_speed = 1.0;
    bool m_paused = true;
};
