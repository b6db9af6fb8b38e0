// ScenarioRunner's simulated clients: auto producers, consumer groups and their consumers'
// faults, `expect` on a group, and the per-group summary lines.
#include "scenario/runner.h"

#include <fmt/format.h>

#include <algorithm>

namespace kl {

using OrderedJson = nlohmann::ordered_json;

namespace {

std::string dumpLine(const OrderedJson &j)
{
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string_view distributionName(KeyDistribution d)
{
    switch (d) {
    case KeyDistribution::Uniform: return "uniform";
    case KeyDistribution::Zipf: return "zipf";
    case KeyDistribution::None: return "none";
    }
    return "uniform";
}

ConsumerAction consumerActionOf(ScenarioActionKind kind)
{
    switch (kind) {
    case ScenarioActionKind::LeaveConsumer: return ConsumerAction::Leave;
    case ScenarioActionKind::StallConsumer: return ConsumerAction::Stall;
    case ScenarioActionKind::ResumeConsumer: return ConsumerAction::Resume;
    default: return ConsumerAction::Crash;
    }
}

const GroupSnapshot *findGroup(const ClusterSnapshot &s, const std::string &id)
{
    for (const GroupSnapshot &g : s.groups)
        if (g.groupId == id)
            return &g;
    return nullptr;
}

std::string partitionName(const std::string &topic, int32_t partition)
{
    return fmt::format("{}-{}", topic, partition);
}

} // namespace

std::string ScenarioRunner::clientIdOf(const std::string &group, const ScenarioConsumerRef &ref) const
{
    if (!ref.clientId.empty() || ref.index <= 0)
        return ref.clientId;
    const auto it = m_groupClients.find(group);
    if (it == m_groupClients.end() || static_cast<size_t>(ref.index) > it->second.size())
        return {};
    return it->second[static_cast<size_t>(ref.index) - 1];
}

void ScenarioRunner::describeClientAction(const ScenarioAction &a, OrderedJson &j) const
{
    switch (a.kind) {
    case ScenarioActionKind::StartProducer: {
        const AutoProducerSpec &p = a.producerSpec;
        j["topic"] = p.topic;
        j["rate"] = p.ratePerSec;
        if (p.count > 0)
            j["count"] = p.count;
        j["keys"] = p.distribution == KeyDistribution::None ? 0 : p.keyCount;
        j["distribution"] = std::string(distributionName(p.distribution));
        break;
    }
    case ScenarioActionKind::StopProducer:
        j["topic"] = a.topic;
        break;
    case ScenarioActionKind::StartGroup: {
        const ConsumerGroupSpec &g = a.groupSpec;
        j["group"] = g.groupId;
        j["topics"] = g.topics;
        j["consumers"] = g.consumers;
        j["assignor"] = g.assignor;
        j["rate"] = g.recordsPerSecPerConsumer;
        j["auto_commit"] = g.autoCommit;
        j["session_timeout_ms"] = g.sessionTimeoutMs;
        j["heartbeat_interval_ms"] = g.heartbeatIntervalMs;
        j["max_poll_interval_ms"] = g.maxPollIntervalMs;
        if (g.staticMembership)
            j["static"] = true;
        break;
    }
    case ScenarioActionKind::AddConsumer:
    case ScenarioActionKind::StopGroup:
        j["group"] = a.group;
        break;
    default:
        j["group"] = a.group;
        j["consumer"] = clientIdOf(a.group, a.consumer);
        break;
    }
}

void ScenarioRunner::runClientAction(const ScenarioAction &a)
{
    switch (a.kind) {
    case ScenarioActionKind::StartProducer: {
        auto id = m_core.startAutoProducer(a.producerSpec);
        if (id)
            m_producers[a.topic] = *id;
        checkStatus(a, id.status());
        break;
    }
    case ScenarioActionKind::StopProducer: {
        const auto it = m_producers.find(a.topic);
        if (it == m_producers.end()) {
            checkStatus(a, Status(ErrorCode::InvalidRequest,
                               fmt::format("topic '{}' has no producer this run started", a.topic)));
            break;
        }
        checkStatus(a, m_core.stopAutoProducer(it->second));
        m_producers.erase(it);
        break;
    }
    case ScenarioActionKind::StartGroup: {
        auto clients = m_core.startConsumerGroup(a.groupSpec);
        std::vector<std::string> &known = m_groupClients[a.group];
        if (clients) {
            known.insert(known.end(), clients->begin(), clients->end());
            OrderedJson j;
            j["time_ms"] = scenarioNow();
            j["type"] = "group_started";
            j["line"] = a.line;
            j["group"] = a.group;
            j["client_ids"] = *clients;
            emitLine(dumpLine(j));
        } else {
            known.resize(known.size() + static_cast<size_t>(a.groupSpec.consumers));
        }
        checkStatus(a, clients.status());
        break;
    }
    case ScenarioActionKind::AddConsumer: {
        auto client = m_core.addConsumer(a.group);
        m_groupClients[a.group].push_back(client ? *client : std::string());
        if (client) {
            OrderedJson j;
            j["time_ms"] = scenarioNow();
            j["type"] = "consumer_added";
            j["line"] = a.line;
            j["group"] = a.group;
            j["client_id"] = *client;
            j["consumer"] = m_groupClients[a.group].size();
            emitLine(dumpLine(j));
        }
        checkStatus(a, client.status());
        break;
    }
    case ScenarioActionKind::StopGroup:
        checkStatus(a, m_core.stopConsumerGroup(a.group));
        break;
    default:
        checkStatus(a, m_core.consumerAction(a.group, clientIdOf(a.group, a.consumer), consumerActionOf(a.kind)));
        break;
    }
}

void ScenarioRunner::runGroupExpect(const ScenarioAction &a)
{
    const ScenarioExpectation &e = a.expect;
    std::vector<std::string> mismatches;
    const auto checkCount = [&](const char *what, int64_t actual, const std::optional<ScenarioCount> &expected) {
        if (expected && !expected->matches(actual))
            mismatches.push_back(fmt::format("{} is {}, expected {}", what, actual, expected->toString()));
    };

    const auto snapshot = m_core.makeSnapshot();
    const GroupSnapshot *g = findGroup(*snapshot, a.group);
    const GroupPartitionSnapshot *p = nullptr;
    if (!g) {
        mismatches.push_back(fmt::format("group '{}' does not exist", a.group));
    } else if (e.partition) {
        for (const GroupPartitionSnapshot &candidate : g->partitions)
            if (candidate.topic == a.topic && candidate.partition == *e.partition)
                p = &candidate;
        if (!p)
            mismatches.push_back(fmt::format("the group does not consume {}", partitionName(a.topic, *e.partition)));
    }
    if (g) {
        if (e.groupState && g->state != *e.groupState)
            mismatches.push_back(fmt::format("state is {}, expected {}", g->state, *e.groupState));
        if (e.generation && g->generation != *e.generation)
            mismatches.push_back(fmt::format("generation is {}, expected {}", g->generation, *e.generation));
        checkCount("members", static_cast<int64_t>(g->members.size()), e.members);
        if (!e.partition)
            checkCount("total lag", g->totalLag, e.lag);
        const OrderingSnapshot &o = g->ordering;
        checkCount("checked records", o.checked, e.checked);
        checkCount("unchecked records", o.unchecked, e.unchecked);
        checkCount("duplicates", o.duplicates, e.duplicates);
        checkCount("per-key violations", o.perKeyViolations, e.perKeyViolations);
        checkCount("gaps", o.gaps, e.gaps);
        checkCount("global inversions", o.globalInversions, e.globalInversions);
    }
    if (p) {
        checkCount("lag", p->lag, e.lag);
        if (e.committedOffset && p->committedOffset != *e.committedOffset)
            mismatches.push_back(fmt::format("committed offset is {}, expected {}", p->committedOffset, *e.committedOffset));
        if (e.owner) {
            const std::string expected = clientIdOf(a.group, *e.owner);
            const std::string actual = p->ownerClientId;
            if (actual != expected)
                mismatches.push_back(fmt::format("owner is {}, expected {}", actual.empty() ? "nobody" : actual,
                    e.owner->none() ? "nobody" : expected));
        }
        if (e.lagStatus) {
            const bool isError = p->status == "STOP" || p->status == "STALL" || p->status == "REWIND";
            if (p->status != *e.lagStatus && !(*e.lagStatus == "ERR" && isError))
                mismatches.push_back(fmt::format("lag status is {}, expected {}", p->status, *e.lagStatus));
        }
    }

    const std::string where = e.partition ? fmt::format("group {} {}", a.group, partitionName(a.topic, *e.partition))
                                          : fmt::format("group {}", a.group);
    OrderedJson j;
    j["time_ms"] = scenarioNow();
    j["type"] = mismatches.empty() ? "expect_passed" : "expect_failed";
    j["line"] = a.line;
    j["group"] = a.group;
    if (e.partition) {
        j["topic"] = a.topic;
        j["partition"] = *e.partition;
    }
    if (!mismatches.empty())
        j["detail"] = fmt::format("{}: {}", where, fmt::join(mismatches, "; "));
    emitLine(dumpLine(j));
    if (mismatches.empty())
        ++m_report.expectsPassed;
    else
        fail(a, fmt::format("expect failed: {}: {}", where, fmt::join(mismatches, "; ")));
}

void ScenarioRunner::reportGroupSummary(const ClusterSnapshot &snapshot)
{
    std::vector<const GroupSnapshot *> groups;
    for (const GroupSnapshot &g : snapshot.groups)
        groups.push_back(&g);
    std::sort(groups.begin(), groups.end(), [](const auto *x, const auto *y) { return x->groupId < y->groupId; });
    m_report.groups.clear();
    for (const GroupSnapshot *g : groups) {
        m_report.groups.push_back(*g);
        OrderedJson j;
        j["type"] = "group";
        j["group"] = g->groupId;
        j["state"] = g->state;
        j["generation"] = g->generation;
        j["assignor"] = g->assignor;
        j["coordinator"] = g->coordinator;
        j["total_lag"] = g->totalLag;
        j["rebalances"] = g->rebalances.size();
        OrderedJson members = OrderedJson::array();
        for (const GroupMemberSnapshotView &m : g->members) {
            OrderedJson assigned = OrderedJson::array();
            for (const TopicPartitionRef &tp : m.assigned)
                assigned.push_back(partitionName(tp.topic, tp.partition));
            members.push_back(OrderedJson {{"client_id", m.clientId}, {"member_id", m.memberId},
                {"state", m.state}, {"assigned", std::move(assigned)}, {"lag", m.lag}, {"consumed", m.consumed}});
        }
        j["members"] = std::move(members);
        OrderedJson partitions = OrderedJson::array();
        for (const GroupPartitionSnapshot &p : g->partitions)
            partitions.push_back(OrderedJson {{"topic", p.topic}, {"partition", p.partition},
                {"committed_offset", p.committedOffset}, {"log_end_offset", p.logEndOffset}, {"lag", p.lag},
                {"owner", p.ownerClientId}, {"status", p.status}});
        j["partitions"] = std::move(partitions);
        const OrderingSnapshot &o = g->ordering;
        j["ordering"] = OrderedJson {{"checked", o.checked}, {"unchecked", o.unchecked},
            {"duplicates", o.duplicates}, {"per_key_violations", o.perKeyViolations}, {"gaps", o.gaps},
            {"global_inversions", o.globalInversions}};
        emitLine(dumpLine(j));
    }
}

} // namespace kl
