// ScenarioPlayer: plays a scenario at whatever pace its owner chooses, for the GUI and lessons.
// It wraps a ScenarioRunner (so actions, expects and outcomes are exactly those of
// `kafkalab-cli simulate`) and adds time in small pieces: advanceBy(ms) moves the ManualClock
// forward (firing every engine timer in order) and runs each action when its time comes;
// stepToNextAction() jumps to the next action and runs it. An `advance` action is played as
// time passing, not as a jump, so a paced viewer sees its seconds go by; it is due at its end.
// The player does not own the core or the clock and must outlive neither; it owns the runner.
// Thread: single-threaded, the thread that drives the core (in the GUI: the Engine thread,
// through Engine::post). progress() is a plain value to hand to other threads.
#pragma once

#include "scenario/runner.h"
#include "scenario/scenario.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kl {

// An expect's result, or an action whose outcome differed from the file, as it happened.
struct ScenarioOutcome {
    int actionIndex = -1;  // into Scenario::actions; -1 when not tied to one action
    int line = 0;          // the action's line in the scenario file
    int64_t atMs = 0;      // scenario time
    bool passed = false;
    bool expect = false;   // an `expect` (else an action failure)
    std::string reason;    // failures: what differed (the runner's words)
};

struct ScenarioProgress {
    int64_t nowMs = 0;         // scenario time (ms since the scenario's start)
    int64_t endMs = 0;         // the scenario's end
    int nextAction = -1;       // index of the next action to run; -1 = none left
    int64_t nextActionMs = 0;  // when it is due (an advance: its end)
    bool finished = false;     // every action ran, the end was reached, the summary is out
    int expectsPassed = 0;
    int failures = 0;
    std::vector<ScenarioOutcome> outcomes; // in the order they happened
};

class ScenarioPlayer {
public:
    // `startMs` is the engine-clock time of scenario time 0; the clock must be there already.
    // `sink` receives the runner's JSON lines (may be empty).
    ScenarioPlayer(std::shared_ptr<const Scenario> scenario, EngineCore &core, ManualClock &clock,
        int64_t startMs, std::string dataDir, ScenarioLineSink sink = {});
    ~ScenarioPlayer();
    ScenarioPlayer(const ScenarioPlayer &) = delete;
    ScenarioPlayer &operator=(const ScenarioPlayer &) = delete;

    const Scenario &scenario() const { return *m_scenario; }
    int64_t nowMs() const;
    bool finished() const { return m_finished; }
    // When the next action is due (an advance: at its end); the end time when none is left.
    int64_t nextDueMs() const;

    // Lets `ms` of scenario time pass, running every action that comes due on the way; stops
    // at the scenario's end (then finishes: produces still waiting, the summary).
    void advanceBy(int64_t ms);
    // Advances to the next action's due time and runs it (with none left: to the end, finish).
    void stepToNextAction();
    // Plays everything that is left.
    void runToEnd();

    ScenarioProgress progress() const;
    const ScenarioRunReport &report() const { return m_runner->report(); }

private:
    void advanceClockTo(int64_t scenarioMs);
    void runNext();
    void finish();
    void collectFailures(int actionIndex);

    std::shared_ptr<const Scenario> m_scenario;
    EngineCore &m_core;
    ManualClock &m_clock;
    int64_t m_startMs = 0;
    std::unique_ptr<ScenarioRunner> m_runner;
    size_t m_next = 0;          // mirrors the runner's position (it runs one action per step)
    bool m_finished = false;
    size_t m_failuresSeen = 0;
    std::vector<ScenarioOutcome> m_outcomes;
};

} // namespace kl
