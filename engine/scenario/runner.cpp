// ScenarioRunner: actions in order on the manual clock, engine events and the runner's own
// lines to the sink, expects checked against a fresh snapshot.
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

void replaceAll(std::string &text, const std::string &from, const std::string &to)
{
    if (from.empty())
        return;
    for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
}

// Record i's key for a produce action: from the list, from prefix+number, or null.
std::optional<std::string> keyFor(const ScenarioAction &a, int64_t i)
{
    if (!a.keys.empty())
        return a.keys[static_cast<size_t>(i) % a.keys.size()];
    if (a.keyCount > 0)
        return a.keyPrefix + std::to_string(i % a.keyCount);
    return std::nullopt;
}

// A value of exactly `size` bytes that still says which record it is ("v<line>-<i>......").
std::string valueFor(const ScenarioAction &a, int64_t i)
{
    std::string value = fmt::format("v{}-{}", a.line, i);
    value.resize(static_cast<size_t>(a.valueSize), '.');
    return value;
}

} // namespace

ScenarioRunner::ScenarioRunner(const Scenario &scenario, EngineCore &core, ManualClock &clock,
    int64_t startMs, std::string dataDir, ScenarioLineSink sink)
    : m_scenario(scenario)
    , m_core(core)
    , m_clock(clock)
    , m_startMs(startMs)
    , m_dataDir(std::move(dataDir))
    , m_sink(std::move(sink))
{
    m_core.setEventListener([this](const Event &event) { onEvent(event); });
}

ScenarioRunner::~ScenarioRunner()
{
    m_core.setEventListener({});
}

void ScenarioRunner::reportEarlierEvents()
{
    for (const Event &event : m_core.eventsSince(0))
        onEvent(event);
}

int64_t ScenarioRunner::nextActionMs() const
{
    return atEnd() ? m_scenario.endMs : m_scenario.actions[m_next].atMs;
}

int64_t ScenarioRunner::scenarioNow() const
{
    return m_clock.nowMs() - m_startMs;
}

void ScenarioRunner::advanceTo(int64_t scenarioMs)
{
    if (!m_progress) {
        if (scenarioMs > scenarioNow())
            m_core.advanceTo(m_clock, m_startMs + scenarioMs);
        return;
    }
    const int64_t slice = std::max<int64_t>(60'000, m_scenario.endMs / 100);
    while (scenarioMs > scenarioNow()) {
        m_core.advanceTo(m_clock, m_startMs + std::min(scenarioMs, scenarioNow() + slice));
        m_progress(scenarioNow(), m_scenario.endMs);
    }
}

void ScenarioRunner::emitLine(const std::string &line)
{
    if (m_sink)
        m_sink(line);
}

void ScenarioRunner::onEvent(const Event &event)
{
    if (event.type == EventType::RecordsLost && event.offset >= 0 && event.endOffset > event.offset)
        m_lost[{event.topic, event.partition}] += event.endOffset - event.offset;
    Event relative = event;
    relative.timeMs -= m_startMs;
    std::string line = eventToJson(relative);
    replaceAll(line, m_dataDir, "<data-dir>");
    emitLine(line);
}

void ScenarioRunner::fail(const ScenarioAction &action, std::string reason)
{
    m_report.failures.push_back(ScenarioFailure {action.line, scenarioNow(), std::move(reason)});
}

void ScenarioRunner::reportActionLine(const ScenarioAction &a)
{
    OrderedJson j;
    j["time_ms"] = scenarioNow();
    j["type"] = "scenario_action";
    j["line"] = a.line;
    j["action"] = std::string(scenarioActionName(a.kind));
    switch (a.kind) {
    case ScenarioActionKind::CreateTopic:
        j["topic"] = a.topic;
        j["partitions"] = a.topicConfig.partitions;
        j["replication_factor"] = a.topicConfig.replicationFactor;
        if (!a.replicaAssignment.empty())
            j["replica_assignment"] = a.replicaAssignment;
        j["min_insync_replicas"] = a.topicConfig.minInsyncReplicas;
        j["unclean_leader_election"] = a.topicConfig.uncleanLeaderElection;
        break;
    case ScenarioActionKind::Produce:
        j["topic"] = a.topic;
        j["count"] = a.count;
        j["acks"] = std::string(acksName(a.acks));
        if (a.partition >= 0)
            j["partition"] = a.partition;
        break;
    case ScenarioActionKind::Crash:
    case ScenarioActionKind::Restart:
    case ScenarioActionKind::Isolate:
    case ScenarioActionKind::Heal:
        j["broker"] = a.broker;
        break;
    case ScenarioActionKind::Slow:
        j["broker"] = a.broker;
        j["delay_ms"] = a.ms;
        break;
    case ScenarioActionKind::ElectPreferred:
        j["topic"] = a.topic;
        j["partition"] = a.partition;
        break;
    case ScenarioActionKind::Advance:
        j["ms"] = a.ms;
        break;
    case ScenarioActionKind::Expect:
        return; // expect_passed / expect_failed say it all
    case ScenarioActionKind::StartProducer:
    case ScenarioActionKind::StopProducer:
    case ScenarioActionKind::StartGroup:
    case ScenarioActionKind::AddConsumer:
    case ScenarioActionKind::CrashConsumer:
    case ScenarioActionKind::LeaveConsumer:
    case ScenarioActionKind::StallConsumer:
    case ScenarioActionKind::ResumeConsumer:
    case ScenarioActionKind::StopGroup:
        describeClientAction(a, j);
        break;
    }
    if (a.expectError)
        j["expect_error"] = std::string(errorName(*a.expectError));
    emitLine(dumpLine(j));
}

// An action's outcome against its expect-error: an unexpected error, or a missing expected one,
// is a failure. Either way the outcome is a line of the timeline.
void ScenarioRunner::checkStatus(const ScenarioAction &a, const Status &status)
{
    if (status.isOk() && !a.expectError)
        return;
    const bool asExpected = a.expectError && status.code() == *a.expectError;
    OrderedJson j;
    j["time_ms"] = scenarioNow();
    j["type"] = "action_result";
    j["line"] = a.line;
    j["action"] = std::string(scenarioActionName(a.kind));
    j["error"] = std::string(errorName(status.code()));
    if (a.expectError)
        j["expected_error"] = std::string(errorName(*a.expectError));
    j["ok"] = asExpected;
    if (!status.message().empty())
        j["detail"] = status.message();
    emitLine(dumpLine(j));
    if (asExpected)
        return;
    if (a.expectError)
        fail(a, fmt::format("action '{}': expected {}, got {}", scenarioActionName(a.kind),
                    errorName(*a.expectError), status.isOk() ? std::string("success") : status.toString()));
    else
        fail(a, fmt::format("action '{}' failed: {}", scenarioActionName(a.kind), status.toString()));
}

void ScenarioRunner::step()
{
    if (atEnd())
        return;
    const ScenarioAction &a = m_scenario.actions[m_next++];
    advanceTo(a.atMs);
    reportActionLine(a);
    switch (a.kind) {
    case ScenarioActionKind::CreateTopic:
        checkStatus(a, m_core.createTopic(a.topic, a.topicConfig, a.replicaAssignment));
        break;
    case ScenarioActionKind::Produce:
        runProduce(a);
        break;
    case ScenarioActionKind::Crash:
        checkStatus(a, m_core.crashBroker(a.broker));
        break;
    case ScenarioActionKind::Restart:
        checkStatus(a, m_core.restartBroker(a.broker));
        break;
    case ScenarioActionKind::Isolate:
        checkStatus(a, m_core.isolateBroker(a.broker));
        break;
    case ScenarioActionKind::Heal:
        checkStatus(a, m_core.healBroker(a.broker));
        break;
    case ScenarioActionKind::Slow:
        checkStatus(a, m_core.setFollowerDelay(a.broker, a.ms));
        break;
    case ScenarioActionKind::ElectPreferred:
        checkStatus(a, m_core.electPreferredLeader(a.topic, a.partition));
        break;
    case ScenarioActionKind::Advance:
        advanceTo(a.atMs + a.ms);
        break;
    case ScenarioActionKind::Expect:
        runExpect(a);
        break;
    case ScenarioActionKind::StartProducer:
    case ScenarioActionKind::StopProducer:
    case ScenarioActionKind::StartGroup:
    case ScenarioActionKind::AddConsumer:
    case ScenarioActionKind::CrashConsumer:
    case ScenarioActionKind::LeaveConsumer:
    case ScenarioActionKind::StallConsumer:
    case ScenarioActionKind::ResumeConsumer:
    case ScenarioActionKind::StopGroup:
        runClientAction(a);
        break;
    }
}

void ScenarioRunner::runProduce(const ScenarioAction &a)
{
    ProduceRequest request;
    request.topic = a.topic;
    if (a.partition >= 0)
        request.partition = a.partition;
    request.acks = a.acks;
    request.clientId = "scenario-producer"; // one producer instance for the run's produce actions
    request.timeoutMs = a.timeoutMs;
    request.compression = a.compression;
    request.records.reserve(static_cast<size_t>(a.count));
    for (int64_t i = 0; i < a.count; ++i)
        request.records.push_back(ProduceRecord {keyFor(a, i), valueFor(a, i), {}, std::nullopt});
    const uint64_t id = m_nextProduceId++;
    m_pending[id] = PendingProduce {a.line, a.atMs, a.topic, a.count, a.expectError};
    // `done` may run inside produceAsync (acks=0/1, refusals) or from a later advance (acks=all).
    m_core.produceAsync(request, [this, id, alive = std::weak_ptr<bool>(m_alive)](ProduceResult result) {
        if (!alive.expired())
            onProduceDone(id, result);
    });
}

void ScenarioRunner::onProduceDone(uint64_t id, const ProduceResult &result)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const PendingProduce p = it->second;
    m_pending.erase(it);
    const bool ok = result.status.isOk();
    (ok ? m_counters[p.topic].acknowledged : m_counters[p.topic].refused) += p.count;

    OrderedJson j;
    j["time_ms"] = scenarioNow();
    j["type"] = "produce_completed";
    j["line"] = p.line;
    j["topic"] = p.topic;
    j["records"] = p.count;
    if (ok) {
        // Offsets per partition as [first, last] ranges, partitions in ascending order.
        std::map<int32_t, std::pair<int64_t, int64_t>> ranges;
        for (const auto &r : result.records) {
            auto [pos, inserted] = ranges.try_emplace(r.partition, r.offset, r.offset);
            if (!inserted) {
                pos->second.first = std::min(pos->second.first, r.offset);
                pos->second.second = std::max(pos->second.second, r.offset);
            }
        }
        OrderedJson parts = OrderedJson::array();
        for (const auto &[partition, range] : ranges)
            parts.push_back(OrderedJson {{"partition", partition}, {"first_offset", range.first},
                {"last_offset", range.second}});
        j["partitions"] = std::move(parts);
    } else {
        j["error"] = std::string(errorName(result.status.code()));
        j["detail"] = result.status.message();
    }
    emitLine(dumpLine(j));

    ScenarioAction action;
    action.kind = ScenarioActionKind::Produce;
    action.line = p.line;
    action.expectError = p.expectError;
    if (!ok || p.expectError) {
        if (p.expectError && ok)
            fail(action, fmt::format("action 'produce': expected {}, but the records were acknowledged",
                             errorName(*p.expectError)));
        else if (!p.expectError)
            fail(action, fmt::format("action 'produce' failed: {}", result.status.toString()));
        else if (result.status.code() != *p.expectError)
            fail(action, fmt::format("action 'produce': expected {}, got {}", errorName(*p.expectError),
                             result.status.toString()));
    }
}

void ScenarioRunner::runToEnd()
{
    while (!atEnd())
        step();
    advanceTo(m_scenario.endMs);
    for (const auto &[id, p] : m_pending) {
        OrderedJson j;
        j["time_ms"] = scenarioNow();
        j["type"] = "produce_pending";
        j["line"] = p.line;
        j["topic"] = p.topic;
        j["records"] = p.count;
        emitLine(dumpLine(j));
        if (p.expectError)
            m_report.failures.push_back(ScenarioFailure {p.line, scenarioNow(),
                fmt::format("action 'produce': expected {}, but it was still waiting at the end",
                    errorName(*p.expectError))});
    }
    reportSummary();
}

} // namespace kl
