// ScenarioPlayer: the runner's actions interleaved with clock advances of any size.
#include "scenario/player.h"

#include <algorithm>

namespace kl {

ScenarioPlayer::ScenarioPlayer(std::shared_ptr<const Scenario> scenario, EngineCore &core,
    ManualClock &clock, int64_t startMs, std::string dataDir, ScenarioLineSink sink)
    : m_scenario(std::move(scenario))
    , m_core(core)
    , m_clock(clock)
    , m_startMs(startMs)
    , m_runner(std::make_unique<ScenarioRunner>(
          *m_scenario, core, clock, startMs, std::move(dataDir), std::move(sink)))
{
    m_runner->reportEarlierEvents();
}

ScenarioPlayer::~ScenarioPlayer() = default;

int64_t ScenarioPlayer::nowMs() const
{
    return m_clock.nowMs() - m_startMs;
}

int64_t ScenarioPlayer::nextDueMs() const
{
    if (m_next >= m_scenario->actions.size())
        return m_scenario->endMs;
    const ScenarioAction &a = m_scenario->actions[m_next];
    return a.kind == ScenarioActionKind::Advance ? a.atMs + a.ms : a.atMs;
}

void ScenarioPlayer::advanceClockTo(int64_t scenarioMs)
{
    if (scenarioMs > nowMs())
        m_core.advanceTo(m_clock, m_startMs + scenarioMs);
}

void ScenarioPlayer::collectFailures(int actionIndex)
{
    const auto &failures = m_runner->report().failures;
    for (; m_failuresSeen < failures.size(); ++m_failuresSeen) {
        const ScenarioFailure &f = failures[m_failuresSeen];
        ScenarioOutcome o;
        o.line = f.line;
        o.atMs = f.atMs;
        o.reason = f.reason;
        // A failure found while stepping an action is that action's; one found while time
        // passed (an acks=all produce timing out) belongs to the action on its line.
        o.actionIndex = actionIndex;
        for (size_t i = 0; o.actionIndex < 0 && i < m_scenario->actions.size(); ++i)
            if (m_scenario->actions[i].line == f.line)
                o.actionIndex = static_cast<int>(i);
        o.expect = o.actionIndex >= 0
            && m_scenario->actions[static_cast<size_t>(o.actionIndex)].kind == ScenarioActionKind::Expect;
        m_outcomes.push_back(std::move(o));
    }
}

void ScenarioPlayer::runNext()
{
    const size_t index = m_next++;
    const ScenarioAction &a = m_scenario->actions[index];
    advanceClockTo(a.kind == ScenarioActionKind::Advance ? a.atMs + a.ms : a.atMs);
    collectFailures(-1); // anything that happened while time passed
    const int passedBefore = m_runner->report().expectsPassed;
    m_runner->step();
    if (m_runner->report().expectsPassed > passedBefore) {
        ScenarioOutcome o;
        o.actionIndex = static_cast<int>(index);
        o.line = a.line;
        o.atMs = nowMs();
        o.passed = true;
        o.expect = true;
        m_outcomes.push_back(std::move(o));
    }
    collectFailures(static_cast<int>(index));
}

void ScenarioPlayer::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_runner->runToEnd(); // no actions left: reaches the end, reports pending produces, summary
    collectFailures(-1);
}

void ScenarioPlayer::advanceBy(int64_t ms)
{
    if (m_finished || ms < 0)
        return;
    const int64_t target = std::min(nowMs() + ms, m_scenario->endMs);
    while (m_next < m_scenario->actions.size() && nextDueMs() <= target)
        runNext();
    advanceClockTo(target);
    collectFailures(-1);
    if (m_next >= m_scenario->actions.size() && nowMs() >= m_scenario->endMs)
        finish();
}

void ScenarioPlayer::stepToNextAction()
{
    if (m_finished)
        return;
    if (m_next < m_scenario->actions.size())
        runNext();
    // The last action just ran (or none was left): go to the end and finish.
    if (m_next >= m_scenario->actions.size())
        finish();
}

void ScenarioPlayer::runToEnd()
{
    while (!m_finished && m_next < m_scenario->actions.size())
        runNext();
    finish();
}

ScenarioProgress ScenarioPlayer::progress() const
{
    ScenarioProgress p;
    p.nowMs = nowMs();
    p.endMs = m_scenario->endMs;
    p.nextAction = m_next < m_scenario->actions.size() ? static_cast<int>(m_next) : -1;
    p.nextActionMs = nextDueMs();
    p.finished = m_finished;
    p.expectsPassed = m_runner->report().expectsPassed;
    p.failures = static_cast<int>(m_runner->report().failures.size());
    p.outcomes = m_outcomes;
    return p;
}

} // namespace kl
