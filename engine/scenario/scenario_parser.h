// ScenarioParser: the structural and cross-reference checks of a scenario document that
// nlohmann::json has already parsed, with the line of every value from JsonLines. It tracks what
// earlier actions made exist (topics and their partition counts) and the running time, so a
// later action can be checked against them. Errors are thrown as ScenarioParseFailure and caught
// by parseScenario. Internal to kl_scenario_format; one instance per parse.
#pragma once

#include "scenario/json_lines.h"
#include "scenario/scenario.h"
#include "scenario/scenario_fields.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>

namespace kl {

// A week of engine time: retention.ms's default, and a few seconds of wall time to simulate
// (every follower fetches every 100 ms of engine time, so a year would take minutes).
inline constexpr int64_t kScenarioMaxMs = 7LL * 24 * 3600 * 1000;
inline constexpr int64_t kScenarioMaxCount = 1'000'000;
// Bounds on a whole scenario's simulated work, checked while parsing (issue 10: chained
// week-long advances, a 1 ms fetch interval or thousands of partitions ran for hours):
//  - its total time is at most kScenarioMaxMs (a week), not each value;
//  - follower fetch rounds (total time / replica.fetch.interval.ms) at most a week's worth at
//    Kafka Lab's 100 ms default;
//  - partition replicas x seconds at most kScenarioMaxReplicaSeconds: about a million
//    replica-seconds take a second of CPU on a 2-core VM (150 replicas for a day: 12 s), so the
//    cap is about two minutes of work; a small cluster with a group for a week still fits.
inline constexpr int64_t kScenarioMaxFetchRounds = kScenarioMaxMs / 100;
inline constexpr int64_t kScenarioMaxReplicaSeconds = 120'000'000;
inline constexpr int64_t kScenarioMaxInt32 = 2'147'483'647;

class ScenarioParser {
public:
    explicit ScenarioParser(const JsonLineNode &root) : m_root(root) {}
    Scenario parse(const nlohmann::json &document);

private:
    using json = nlohmann::json;

    // What an earlier create-topic made exist, for cross-reference checks.
    struct TopicInfo {
        int32_t partitions = 0;
        int line = 0;
    };

    // Counts the work from the last accounted time up to m_now and fails at `key` of `f` when
    // a bound above is crossed.
    void accountWork(const ScenarioFields &f, std::string_view key);

    void parseClusterConfig(const ScenarioFields &top, Scenario &s);
    ScenarioText readText(const ScenarioFields &top, std::string_view key);
    ScenarioAction parseAction(const json &value, const JsonLineNode &node, size_t index);
    void readCommon(const ScenarioFields &f, ScenarioAction &a);
    int32_t readBroker(const ScenarioFields &f, std::string_view key);
    int32_t checkBroker(const ScenarioFields &f, std::string_view key, int64_t id) const;
    std::string readKnownTopic(const ScenarioFields &f);
    int32_t readPartition(const ScenarioFields &f, const std::string &topic, bool required);
    void parseCreateTopic(const ScenarioFields &f, ScenarioAction &a);
    void parseReplicaAssignment(const ScenarioFields &f, ScenarioAction &a);
    void parseTopicConfig(const ScenarioFields &f, TopicConfig &c);
    void parseProduce(const ScenarioFields &f, ScenarioAction &a);
    void parseExpect(const ScenarioFields &f, ScenarioAction &a);
    // Simulated clients (scenario_groups.cpp).
    void parseStartProducer(const ScenarioFields &f, ScenarioAction &a);
    void parseStopProducer(const ScenarioFields &f, ScenarioAction &a);
    void parseStartGroup(const ScenarioFields &f, ScenarioAction &a);
    void parseGroupAction(const ScenarioFields &f, ScenarioAction &a);
    void parseGroupExpect(const ScenarioFields &f, ScenarioAction &a);
    std::string readRunningGroup(const ScenarioFields &f);
    ScenarioConsumerRef readConsumer(const ScenarioFields &f, std::string_view key, const std::string &group);
    std::optional<ScenarioCount> readCount(const ScenarioFields &f, std::string_view key);

    const JsonLineNode &m_root;
    int32_t m_brokers = 3;
    int64_t m_now = 0;
    std::map<std::string, TopicInfo> m_topics;
    int32_t m_fetchIntervalMs = 100;
    int64_t m_accountedMs = 0;   // work is counted up to here
    int64_t m_replicas = 0;      // partition replicas created so far (with __consumer_offsets once a group starts)
    double m_replicaSeconds = 0; // replicas x seconds so far

    // What earlier start-group / add-consumer / stop-group actions did to each group.
    struct GroupInfo {
        int line = 0;           // start-group
        int32_t consumers = 0;  // started + added so far (consumer numbers are 1..consumers)
        int stoppedLine = 0;    // stop-group; 0 = running
    };
    std::map<std::string, GroupInfo> m_groups;
    std::map<std::string, int> m_producers; // topic -> line of its running start-producer
};

} // namespace kl
