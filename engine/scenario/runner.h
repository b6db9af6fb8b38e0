// ScenarioRunner: plays a parsed Scenario on an EngineCore driven by a ManualClock — each action
// at its time, in file order, the clock advanced with EngineCore::advanceTo so every timer
// (follower fetches, ISR checks, produce timeouts) fires in between exactly as scheduled.
// It reports a timeline of JSON lines through a sink: the engine's events (eventToJson, with
// time_ms relative to the scenario's start and the data directory replaced by "<data-dir>"),
// interleaved with the runner's own lines (scenario_action, action_result, produce_completed,
// group_started, consumer_added, expect_passed / expect_failed), then a summary (broker,
// partition, group, result lines).
// Same scenario + same seed = the same lines, byte for byte.
// The runner does not own the core or the clock; it must outlive neither. It installs itself
// as the core's event listener. Single-threaded: the thread that drives the core.
#pragma once

#include "api/engine_core.h"
#include "scenario/scenario.h"

#include <cstdint>
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kl {

// One JSON object, one line, no trailing newline.
using ScenarioLineSink = std::function<void(const std::string &line)>;

// An expect that did not hold, or an action whose outcome differed from the file's.
struct ScenarioFailure {
    int line = 0;        // the action's line in the scenario file
    int64_t atMs = 0;    // scenario time
    std::string reason;
};

struct ScenarioRunReport {
    Status status;                          // not OK: the engine could not open; nothing ran
    std::vector<ScenarioFailure> failures;
    int expectsPassed = 0;
    std::vector<GroupSnapshot> groups;      // every consumer group at the end (for --describe tables)
    bool ok() const { return status.isOk() && failures.empty(); }
};

class ScenarioRunner {
public:
    // `startMs` is the engine-clock time of the scenario's time 0 (the clock must be there).
    // `dataDir` text is replaced by "<data-dir>" in event lines (temp paths are not output).
    ScenarioRunner(const Scenario &scenario, EngineCore &core, ManualClock &clock, int64_t startMs,
        std::string dataDir, ScenarioLineSink sink);
    ~ScenarioRunner(); // removes the event listener

    // Reports events the core emitted before the runner listened (brokers starting).
    void reportEarlierEvents();
    bool atEnd() const { return m_next >= m_scenario.actions.size(); }
    // Scenario time of the next action (or the scenario's end).
    int64_t nextActionMs() const;
    // Advances to the next action's time and runs it.
    void step();
    // Runs every remaining action, advances to the scenario's end, reports produces still
    // waiting for acknowledgement, then the summary lines.
    void runToEnd();
    const ScenarioRunReport &report() const { return m_report; }
    void setProgress(std::function<void(int64_t nowMs, int64_t endMs)> progress) { m_progress = std::move(progress); }

private:
    std::function<void(int64_t, int64_t)> m_progress;
    struct TopicCounters {
        int64_t acknowledged = 0;
        int64_t refused = 0;
    };
    struct PendingProduce {
        int line = 0;
        int64_t atMs = 0;
        std::string topic;
        int64_t count = 0;
        std::optional<ErrorCode> expectError;
    };

    void advanceTo(int64_t scenarioMs);
    int64_t scenarioNow() const;
    void onEvent(const Event &event);
    void emitLine(const std::string &line);
    void fail(const ScenarioAction &action, std::string reason);
    void reportActionLine(const ScenarioAction &action);
    void checkStatus(const ScenarioAction &action, const Status &status);
    void runProduce(const ScenarioAction &action);
    void onProduceDone(uint64_t id, const ProduceResult &result);
    void runExpect(const ScenarioAction &action);
    void reportSummary();
    // Simulated producers and consumer groups (runner_groups.cpp).
    void describeClientAction(const ScenarioAction &action, nlohmann::ordered_json &line) const;
    void runClientAction(const ScenarioAction &action);
    void runGroupExpect(const ScenarioAction &action);
    void reportGroupSummary(const ClusterSnapshot &snapshot);
    std::string clientIdOf(const std::string &group, const ScenarioConsumerRef &ref) const;

    const Scenario &m_scenario;
    EngineCore &m_core;
    ManualClock &m_clock;
    int64_t m_startMs = 0;
    std::string m_dataDir;
    ScenarioLineSink m_sink;
    size_t m_next = 0;
    ScenarioRunReport m_report;
    std::map<std::string, TopicCounters> m_counters;
    // (topic, partition) -> offsets reported lost by RecordsLost events.
    std::map<std::pair<std::string, int32_t>, int64_t> m_lost;
    std::map<uint64_t, PendingProduce> m_pending;
    uint64_t m_nextProduceId = 1;
    // Client ids of each group's consumers in start/add order (consumer number n = index n-1);
    // "" for one whose start failed.
    std::map<std::string, std::vector<std::string>> m_groupClients;
    std::map<std::string, uint64_t> m_producers; // topic -> running auto producer id
    // Produce callbacks hold a weak copy: a callback the core runs after the runner is gone
    // (at its shutdown, say) finds it expired instead of touching a dead runner.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

struct ScenarioRunOptions {
    std::filesystem::path dataDir;          // brokers' directories go here; should be empty
    std::optional<uint64_t> seed;           // overrides the scenario's seed
    int64_t startMs = 1'700'000'000'000;    // engine clock at scenario time 0 (record timestamps)
    // Called with (scenario time, scenario end) after each slice of at most 1% of the run (and
    // at least a simulated minute), so a long run can show how far it is.
    std::function<void(int64_t nowMs, int64_t endMs)> progress;
};

// Opens a fresh EngineCore for the scenario, runs it to the end with lines going to `sink`,
// and shuts the core down.
ScenarioRunReport runScenario(
    const Scenario &scenario, const ScenarioRunOptions &options, const ScenarioLineSink &sink);

} // namespace kl
