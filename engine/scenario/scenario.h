// Scenario: a scripted run of the embedded cluster — timed actions (create a topic, produce,
// crash / restart / isolate / heal a broker, slow a follower, elect the preferred leader, run
// simulated producers and consumer groups, crash / stall / add consumers, advance time, expect a
// condition) read from a JSON file. `kafkalab-cli simulate`, the GUI and lessons
// load the same files; docs/SCENARIOS.md is the format's reference.
// The parser is strict: unknown keys, wrong types and out-of-range values are errors that name
// the line (and, for bad JSON, the column), because a typo silently ignored would make a lesson
// show the wrong thing. Plain values and pure functions; any thread.
#pragma once

#include "api/commands.h"
#include "api/snapshot.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kl {

enum class ScenarioActionKind {
    CreateTopic,     // topic, partitions, replication-factor, config
    Produce,         // topic, count records with keys, acks
    Crash,           // broker stops at once
    Restart,         // broker recovers from its files and catches up
    Isolate,         // broker cut off from the others (network partition)
    Heal,            // isolation ends
    Slow,            // broker's follower fetches get delay-ms extra (0 = normal again)
    ElectPreferred,  // preferred leader election for topic/partition
    Advance,         // let ms of engine time pass (timers fire: fetches, ISR checks)
    Expect,          // check a condition; a failure is reported, the run goes on
    // Simulated clients (engine timers drive them while time advances).
    StartProducer,   // an auto producer on a topic: rate, keys; values stamped "key-3#17 ..."
    StopProducer,    // the topic's auto producer stops
    StartGroup,      // a consumer group of N simulated consumers (assignor, timeouts, rate)
    AddConsumer,     // one more consumer joins the group
    CrashConsumer,   // a consumer stops at once (no LeaveGroup): noticed after session.timeout.ms
    LeaveConsumer,   // a consumer closes gracefully (LeaveGroup): immediate rebalance
    StallConsumer,   // a consumer stops polling: leaves after max.poll.interval.ms
    ResumeConsumer,  // a stalled consumer polls again and rejoins
    StopGroup,       // every consumer of the group leaves
};
std::string_view scenarioActionName(ScenarioActionKind kind); // "create-topic", ...

// A count an `expect` compares: exactly n (min == max), or at least / at most.
struct ScenarioCount {
    int64_t min = 0;
    int64_t max = INT64_MAX;
    bool matches(int64_t value) const { return value >= min && value <= max; }
    std::string toString() const; // "3", "at least 1", "at most 0", "1..4"
};

// A consumer of a scenario's group: its 1-based number in the order the group's consumers were
// started and added, or its client id. Neither = no consumer (an unowned partition).
struct ScenarioConsumerRef {
    int32_t index = 0;
    std::string clientId;
    bool none() const { return index == 0 && clientId.empty(); }
};

// What an `expect` action checks; unset fields are not checked.
struct ScenarioExpectation {
    std::optional<int32_t> partition;        // partition-level checks need it
    std::optional<int32_t> leader;           // -1 = no leader (offline)
    std::optional<std::vector<int32_t>> isr; // compared as a set
    std::optional<int32_t> leaderEpoch;
    std::optional<int64_t> highWatermark;
    std::optional<int64_t> logEndOffset;     // the leader's
    std::optional<int64_t> logStartOffset;
    // Per-replica log end offsets: (broker, LEO) pairs, e.g. a truncated follower.
    std::vector<std::pair<int32_t, int64_t>> replicaLogEndOffsets;
    // Topic-level counters over everything this run produced to the topic so far.
    std::optional<int64_t> acknowledged;     // records whose produce completed without error
    std::optional<int64_t> refused;          // records whose produce failed
    std::optional<int64_t> lost;             // offsets reported lost by unclean elections

    // Consumer-group checks (the action's `group` is set). With `partition`, lag / owner /
    // committed-offset / lag-status are about that partition of `topic`; without, lag is the
    // group's total.
    std::optional<std::string> groupState;   // "Stable", "Empty", "PreparingRebalance", ...
    std::optional<int32_t> generation;
    std::optional<ScenarioCount> members;
    std::optional<ScenarioCount> lag;
    std::optional<ScenarioConsumerRef> owner;
    std::optional<int64_t> committedOffset;  // -1 = nothing committed
    std::optional<std::string> lagStatus;    // Burrow: "OK", "WARN", "STALL", "STOP", "REWIND", "ERR"
    std::optional<ScenarioCount> checked;    // ordering checker counts
    std::optional<ScenarioCount> unchecked;
    std::optional<ScenarioCount> duplicates;
    std::optional<ScenarioCount> perKeyViolations;
    std::optional<ScenarioCount> gaps;
    std::optional<ScenarioCount> globalInversions;
};

struct ScenarioAction {
    int line = 0;               // 1-based line of the action's "{" in the file
    int64_t atMs = 0;           // when, in ms after the scenario's start (resolved at/after)
    ScenarioActionKind kind = ScenarioActionKind::Advance;
    std::optional<ErrorCode> expectError; // the action must fail with exactly this error

    std::string topic;          // create-topic, produce, elect-preferred, expect
    int32_t broker = -1;        // crash, restart, isolate, heal, slow
    int32_t partition = -1;     // elect-preferred; produce: explicit partition (-1 = partitioner)
    int64_t ms = 0;             // advance: duration; slow: delay-ms

    TopicConfig topicConfig;    // create-topic
    std::vector<std::vector<int32_t>> replicaAssignment; // create-topic: pinned replicas per partition

    // produce
    int64_t count = 0;
    std::vector<std::string> keys;   // record i gets keys[i % size] ...
    std::string keyPrefix;           // ... or keyPrefix + (i % keyCount) ...
    int64_t keyCount = 0;            // ... or, when both are empty/0, a null key
    Acks acks = Acks::Leader;
    int32_t valueSize = 100;
    int32_t timeoutMs = 30000;
    Compression compression = Compression::None;

    ScenarioExpectation expect;

    // consumer groups
    std::string group;               // every group action; expect on a group
    ConsumerGroupSpec groupSpec;     // start-group
    ScenarioConsumerRef consumer;    // crash-/leave-/stall-/resume-consumer

    AutoProducerSpec producerSpec;   // start-producer (topic is in producerSpec.topic and `topic`)
};

// A text a scenario file gives in English and, optionally, in the other UI languages:
// `"Leader failover"` (English only, the older form) or
// `{"en": "Leader failover", "ko": "리더 장애 조치"}`. English is what `kafkalab-cli` and every
// language without its own text show.
struct ScenarioText {
    std::string text;                               // English
    std::map<std::string, std::string> translations; // language code ("ko") -> text

    // The text in `language` ("en", "ko"), or the English one when the file has none for it.
    const std::string &in(std::string_view language) const;
    bool empty() const { return text.empty(); }
};

// The languages a scenario text may be given in: the UI's languages.
inline constexpr std::string_view kScenarioLanguages[] = {"en", "ko"};

struct Scenario {
    ScenarioText title;       // "title" (older files: "name")
    ScenarioText description;
    int32_t brokers = 3;
    uint64_t seed = 1;
    int64_t replicaLagTimeMaxMs = 10000;  // config "replica.lag.time.max.ms"
    int32_t replicaFetchIntervalMs = 100; // config "replica.fetch.interval.ms"
    int64_t brokerSessionTimeoutMs = 9000; // config "broker.session.timeout.ms" (Kafka's default)
    std::vector<ScenarioAction> actions;  // in time order (at never decreases)
    int64_t endMs = 0;                    // the time after the last action (an advance counts)
};

struct ScenarioError {
    int line = 0;      // 1-based; 0 = not about a place in the file (cannot read it)
    int column = 0;    // 1-based; only for JSON syntax errors
    std::string reason;
    // "line 12: action 'crash': unknown broker 7 (cluster has 3)"
    std::string toString() const;
    // "orders.json:12: ..." / "orders.json:3:17: ..." — the compiler-style form the CLI prints.
    std::string toString(std::string_view file) const;
};

struct ScenarioParseResult {
    std::optional<Scenario> scenario; // set on success
    ScenarioError error;              // set on failure
    explicit operator bool() const { return scenario.has_value(); }
};

ScenarioParseResult parseScenario(std::string_view text);
ScenarioParseResult loadScenarioFile(const std::filesystem::path &file);

} // namespace kl
