// ScenarioRunner's read side: `expect` checks against a fresh snapshot, the end-of-run summary
// (brokers, then every partition with its replicas), and runScenario, which opens the core.
#include "scenario/runner.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace kl {

using OrderedJson = nlohmann::ordered_json;

namespace {

std::string dumpLine(const OrderedJson &j)
{
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string idsText(std::vector<int32_t> ids)
{
    return fmt::format("[{}]", fmt::join(ids, ","));
}

std::string_view brokerStateName(BrokerState state)
{
    switch (state) {
    case BrokerState::Running: return "running";
    case BrokerState::Crashed: return "crashed";
    case BrokerState::Isolated: return "isolated";
    }
    return "unknown";
}

} // namespace

void ScenarioRunner::runExpect(const ScenarioAction &a)
{
    if (!a.group.empty()) {
        runGroupExpect(a);
        return;
    }
    const ScenarioExpectation &e = a.expect;
    std::vector<std::string> mismatches;
    const auto check = [&](const char *what, auto actual, auto expected) {
        if (actual != expected)
            mismatches.push_back(fmt::format("{} is {}, expected {}", what, actual, expected));
    };

    const auto snapshot = m_core.makeSnapshot();
    const TopicSnapshot *topic = snapshot->topic(a.topic);
    const PartitionSnapshot *partition = nullptr;
    if (!topic)
        mismatches.push_back(fmt::format("topic '{}' does not exist", a.topic));
    else if (e.partition && *e.partition < static_cast<int32_t>(topic->partitions.size()))
        partition = &topic->partitions[static_cast<size_t>(*e.partition)];
    else if (e.partition)
        mismatches.push_back(fmt::format("topic '{}' has no partition {}", a.topic, *e.partition));

    if (partition) {
        if (e.leader)
            check("leader", partition->leader, *e.leader);
        if (e.isr) {
            std::vector<int32_t> isr = partition->isr;
            std::sort(isr.begin(), isr.end());
            if (isr != *e.isr)
                mismatches.push_back(fmt::format("isr is {}, expected {}", idsText(isr), idsText(*e.isr)));
        }
        if (e.leaderEpoch)
            check("leader epoch", partition->leaderEpoch, *e.leaderEpoch);
        if (e.highWatermark)
            check("high watermark", partition->highWatermark, *e.highWatermark);
        if (e.logEndOffset)
            check("log end offset", partition->logEndOffset, *e.logEndOffset);
        if (e.logStartOffset)
            check("log start offset", partition->logStartOffset, *e.logStartOffset);
        for (const auto &[broker, offset] : e.replicaLogEndOffsets) {
            const auto it = std::find_if(partition->replicaStates.begin(), partition->replicaStates.end(),
                [broker = broker](const ReplicaSnapshot &r) { return r.broker == broker; });
            if (it == partition->replicaStates.end())
                mismatches.push_back(fmt::format("broker {} holds no replica of the partition", broker));
            else
                check(fmt::format("broker {}'s log end offset", broker).c_str(), it->logEndOffset, offset);
        }
    }
    const TopicCounters counters = m_counters[a.topic];
    if (e.acknowledged)
        check("acknowledged records", counters.acknowledged, *e.acknowledged);
    if (e.refused)
        check("refused records", counters.refused, *e.refused);
    if (e.lost) {
        int64_t lost = 0;
        for (const auto &[key, count] : m_lost)
            if (key.first == a.topic && (!e.partition || key.second == *e.partition))
                lost += count;
        check("lost records", lost, *e.lost);
    }

    const std::string where = e.partition ? fmt::format("{}-{}", a.topic, *e.partition) : a.topic;
    OrderedJson j;
    j["time_ms"] = scenarioNow();
    j["type"] = mismatches.empty() ? "expect_passed" : "expect_failed";
    j["line"] = a.line;
    j["topic"] = a.topic;
    if (e.partition)
        j["partition"] = *e.partition;
    if (!mismatches.empty())
        j["detail"] = fmt::format("{}: {}", where, fmt::join(mismatches, "; "));
    emitLine(dumpLine(j));
    if (mismatches.empty())
        ++m_report.expectsPassed;
    else
        fail(a, fmt::format("expect failed: {}: {}", where, fmt::join(mismatches, "; ")));
}

void ScenarioRunner::reportSummary()
{
    const auto snapshot = m_core.makeSnapshot();
    for (const BrokerSnapshot &b : snapshot->brokers) {
        OrderedJson j;
        j["type"] = "broker";
        j["broker"] = b.id;
        j["state"] = std::string(brokerStateName(b.state));
        j["controller"] = b.id == snapshot->controllerId;
        if (b.fetchDelayMs > 0)
            j["fetch_delay_ms"] = b.fetchDelayMs;
        if (b.fenced)
            j["fenced"] = true;
        else if (b.fenceAtMs >= 0)
            j["fenced_in_ms"] = b.fenceAtMs - snapshot->nowMs;
        emitLine(dumpLine(j));
    }
    for (const TopicSnapshot &t : snapshot->topics) {
        if (t.name.starts_with("__"))
            continue; // internal topics (__consumer_offsets: 50 partitions) would drown the summary
        for (const PartitionSnapshot &p : t.partitions) {
            OrderedJson j;
            j["type"] = "partition";
            j["topic"] = t.name;
            j["partition"] = p.id;
            j["leader"] = p.leader;
            j["leader_epoch"] = p.leaderEpoch;
            j["replicas"] = p.replicas;
            j["isr"] = p.isr;
            j["log_start_offset"] = p.logStartOffset;
            j["log_end_offset"] = p.logEndOffset;
            j["high_watermark"] = p.highWatermark;
            OrderedJson replicas = OrderedJson::array();
            for (const ReplicaSnapshot &r : p.replicaStates) {
                replicas.push_back(OrderedJson {{"broker", r.broker}, {"leader", r.leader},
                    {"in_isr", r.inIsr}, {"online", r.online}, {"log_start_offset", r.logStartOffset},
                    {"log_end_offset", r.logEndOffset}, {"high_watermark", r.highWatermark}});
            }
            j["replica_states"] = std::move(replicas);
            emitLine(dumpLine(j));
        }
    }
    reportGroupSummary(*snapshot);
    OrderedJson j;
    j["type"] = "result";
    j["time_ms"] = scenarioNow();
    j["expects_passed"] = m_report.expectsPassed;
    j["failures"] = m_report.failures.size();
    j["ok"] = m_report.failures.empty();
    emitLine(dumpLine(j));
}

ScenarioRunReport runScenario(
    const Scenario &scenario, const ScenarioRunOptions &options, const ScenarioLineSink &sink)
{
    EngineOptions engineOptions;
    engineOptions.dataDir = options.dataDir;
    engineOptions.brokerCount = scenario.brokers;
    engineOptions.seed = options.seed.value_or(scenario.seed);
    engineOptions.replicaLagTimeMaxMs = scenario.replicaLagTimeMaxMs;
    engineOptions.replicaFetchIntervalMs = scenario.replicaFetchIntervalMs;
    engineOptions.brokerSessionTimeoutMs = scenario.brokerSessionTimeoutMs;
    ManualClock clock(options.startMs);
    auto core = EngineCore::open(engineOptions, clock);
    if (!core) {
        ScenarioRunReport report;
        report.status = core.status();
        return report;
    }
    ScenarioRunReport report;
    {
        ScenarioRunner runner(scenario, **core, clock, options.startMs, options.dataDir.string(), sink);
        runner.setProgress(options.progress);
        runner.reportEarlierEvents();
        runner.runToEnd();
        report = runner.report();
    }
    (*core)->shutdown();
    return report;
}

} // namespace kl
