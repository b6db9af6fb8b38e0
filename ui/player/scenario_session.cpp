// ScenarioSession: the engine for one scenario, paced from the GUI thread.
#include "player/scenario_session.h"

#include <QMetaObject>

#include <algorithm>
#include <cmath>
#include <mutex>

// Lets the engine thread post to the session only while it exists (locked while posting, so
// the session cannot go away between the check and the post).
class ScenarioSessionToken {
public:
    explicit ScenarioSessionToken(ScenarioSession *session) : m_session(session) {}
    void kill()
    {
        std::lock_guard lock(m_mutex);
        m_session = nullptr;
    }
    void post(std::function<void()> fn)
    {
        std::lock_guard lock(m_mutex);
        if (m_session)
            QMetaObject::invokeMethod(m_session, std::move(fn), Qt::QueuedConnection);
    }

private:
    std::mutex m_mutex;
    ScenarioSession *m_session;
};

namespace {
constexpr int kTickMs = 30;
// A stalled GUI thread must not make the scenario leap: at most this much wall time per tick.
constexpr qint64 kMaxWallPerTickMs = 250;
} // namespace

ScenarioSession::ScenarioSession(std::shared_ptr<const kl::Scenario> scenario, const QString &fileName)
    : m_scenario(std::move(scenario))
    , m_fileName(fileName)
    , m_player(std::make_shared<std::unique_ptr<kl::ScenarioPlayer>>())
    , m_alive(std::make_shared<ScenarioSessionToken>(this))
{
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &ScenarioSession::onTick);
    // What the player will report before it has run anything, so views start out right.
    m_progress.endMs = m_scenario->endMs;
    m_progress.nextAction = m_scenario->actions.empty() ? -1 : 0;
    m_progress.nextActionMs = m_scenario->actions.empty() ? m_scenario->endMs : m_scenario->actions.front().atMs;
}

std::unique_ptr<ScenarioSession> ScenarioSession::start(
    std::shared_ptr<const kl::Scenario> scenario, const QString &fileName, QString *error)
{
    std::unique_ptr<ScenarioSession> session(new ScenarioSession(std::move(scenario), fileName));
    if (!session->open(error))
        return nullptr;
    return session;
}

bool ScenarioSession::open(QString *error)
{
    auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    if (!m_dir.isValid())
        return fail(tr("Cannot create a temporary directory for the scenario's brokers: %1")
                        .arg(m_dir.errorString()));
    const int64_t startMs = kl::ScenarioRunOptions {}.startMs;
    m_clock = std::make_shared<kl::ManualClock>(startMs);
    kl::EngineOptions options;
    options.dataDir = m_dir.path().toStdString();
    options.brokerCount = m_scenario->brokers;
    options.seed = m_scenario->seed;
    options.replicaLagTimeMaxMs = m_scenario->replicaLagTimeMaxMs;
    options.replicaFetchIntervalMs = m_scenario->replicaFetchIntervalMs;
    options.brokerSessionTimeoutMs = m_scenario->brokerSessionTimeoutMs;
    auto core = kl::EngineCore::open(options, *m_clock);
    if (!core)
        return fail(tr("Cannot open the scenario's cluster: %1")
                        .arg(QString::fromStdString(core.status().toString())));
    kl::EngineCore *corePtr = core->get();
    m_engine = std::make_unique<kl::Engine>(std::move(*core), m_clock);
    // The player is made on the engine thread's first command, so it is only ever touched there.
    auto player = m_player;
    auto clock = m_clock;
    auto scenario = m_scenario;
    const std::string dataDir = options.dataDir.string();
    m_engine->post([player, clock, scenario, dataDir, startMs, corePtr](kl::EngineCore &) {
        *player = std::make_unique<kl::ScenarioPlayer>(scenario, *corePtr, *clock, startMs, dataDir);
    });
    m_engine->start();
    postToPlayer([](kl::ScenarioPlayer &) {}); // a first progress report
    m_wall.start();
    m_lastWallMs = 0;
    m_timer.start();
    return true;
}

ScenarioSession::~ScenarioSession()
{
    m_timer.stop();
    m_alive->kill();
    if (m_engine) {
        // The player (the runner is the core's event listener) goes before the core, on its thread.
        m_engine->post([player = m_player](kl::EngineCore &) { player->reset(); });
        m_engine->stop();
        m_engine.reset();
    }
}

void ScenarioSession::postToPlayer(std::function<void(kl::ScenarioPlayer &)> fn)
{
    ++m_inFlight;
    // `this` is only used on the GUI thread, inside the queued call the token makes while the
    // session exists (Qt drops it if the session is deleted before it runs).
    m_engine->post([this, player = m_player, alive = m_alive, fn = std::move(fn)](kl::EngineCore &) {
        if (!*player)
            return;
        fn(**player);
        alive->post([this, progress = (*player)->progress()] { onProgress(progress); });
    });
}

void ScenarioSession::onProgress(const kl::ScenarioProgress &progress)
{
    m_inFlight = std::max(0, m_inFlight - 1);
    const bool justFinished = progress.finished && !m_progress.finished;
    m_progress = progress;
    emit progressChanged();
    if (justFinished) {
        m_timer.stop();
        emit finished();
    }
}

void ScenarioSession::onTick()
{
    const qint64 wall = m_wall.elapsed();
    const qint64 elapsed = std::min(wall - m_lastWallMs, kMaxWallPerTickMs);
    m_lastWallMs = wall;
    if (m_paused || m_progress.finished)
        return;
    // The engine is behind (slow machine, 16x): skip this tick rather than pile up work.
    if (m_inFlight > 2)
        return;
    m_carryMs += static_cast<double>(elapsed) * m_speed;
    const double whole = std::floor(m_carryMs);
    if (whole < 1)
        return;
    m_carryMs -= whole;
    const auto ms = static_cast<int64_t>(whole);
    postToPlayer([ms](kl::ScenarioPlayer &p) { p.advanceBy(ms); });
}

void ScenarioSession::setSpeed(double speed)
{
    if (speed <= 0 || speed == m_speed)
        return;
    m_speed = speed;
    emit speedChanged(speed);
}

void ScenarioSession::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    m_carryMs = 0;
    m_lastWallMs = m_wall.elapsed(); // the pause's wall time is not owed afterwards
    emit pausedChanged(paused);
}

void ScenarioSession::stepToNextAction()
{
    postToPlayer([](kl::ScenarioPlayer &p) { p.stepToNextAction(); });
}

void ScenarioSession::advanceBy(qint64 ms)
{
    postToPlayer([ms](kl::ScenarioPlayer &p) { p.advanceBy(ms); });
}
