// SimulatedConsumer: the Java consumer's group protocol and poll loop (see simulated_consumer.h).
#include "cluster/simulated_consumer.h"

#include "group/assignor.h"
#include "group/consumer_protocol.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <set>

namespace kl {

namespace {

std::string describePartitions(const std::vector<TopicPartition> &parts)
{
    std::string out;
    for (const auto &tp : parts)
        out += fmt::format("{}{}-{}", out.empty() ? "" : ",", tp.topic, tp.partition);
    return out.empty() ? std::string("none") : out;
}

std::vector<TopicPartition> minus(const std::vector<TopicPartition> &a, const std::vector<TopicPartition> &b)
{
    std::vector<TopicPartition> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

bool coordinatorError(ErrorCode code)
{
    return code == ErrorCode::NotCoordinator || code == ErrorCode::CoordinatorNotAvailable
        || code == ErrorCode::CoordinatorLoadInProgress;
}

} // namespace

std::string_view consumerStatusName(ConsumerStatus status)
{
    switch (status) {
    case ConsumerStatus::Running:
        return "running";
    case ConsumerStatus::Stalled:
        return "stalled";
    case ConsumerStatus::Crashed:
        return "crashed";
    case ConsumerStatus::Left:
        return "left";
    }
    return "unknown";
}

SimulatedConsumer::SimulatedConsumer(ConsumerHost &host, ConsumerGroupSpec spec, std::string clientId,
    std::optional<std::string> groupInstanceId, std::string clientHost)
    : m_host(host)
    , m_spec(std::move(spec))
    , m_clientId(std::move(clientId))
    , m_instanceId(std::move(groupInstanceId))
    , m_clientHost(std::move(clientHost))
{
    auto assignor = makeAssignor(m_spec.assignor);
    m_cooperative = assignor && assignor->cooperative();
    std::sort(m_spec.topics.begin(), m_spec.topics.end());
}

SimulatedConsumer::~SimulatedConsumer()
{
    if (m_timer)
        m_host.timers().cancel(m_timer);
}

bool SimulatedConsumer::cooperative() const
{
    return m_cooperative;
}

// --- lifecycle

void SimulatedConsumer::start()
{
    const int64_t now = m_host.timers().nowMs();
    ++m_incarnation;
    m_status = ConsumerStatus::Running;
    m_phase = Phase::NeedJoin;
    m_memberId.clear();
    m_generation = -1;
    m_owned.clear();
    m_positions.clear();
    // A new process: its assignor remembers no previous assignment.
    m_lastAssigned.clear();
    m_lastGeneration = -1;
    m_commitBeforeJoin = false;
    m_closing = false;
    m_lastPollMs = now;
    m_lastAutoCommitMs = now;
    m_carry = 0;
    m_leftOnPollTimeout = false;
    scheduleTick(now);
}

void SimulatedConsumer::crash()
{
    if (m_status == ConsumerStatus::Crashed || m_status == ConsumerStatus::Left)
        return;
    // A process that dies sends nothing: the coordinator learns it from the missing heartbeats.
    ++m_incarnation;
    m_closing = false;
    if (m_timer)
        m_host.timers().cancel(m_timer);
    m_timer = 0;
    m_status = ConsumerStatus::Crashed;
    Event e;
    e.type = EventType::ConsumerCrashed;
    e.group = m_spec.groupId;
    e.member = m_memberId;
    e.client = m_clientId;
    e.cause = "crashed";
    e.limit = m_spec.sessionTimeoutMs;
    e.count = static_cast<int64_t>(m_owned.size());
    e.detail = fmt::format("{} crashed without leaving (owned {}); the coordinator notices after "
                           "session.timeout.ms={}",
        m_clientId, describePartitions(m_owned), m_spec.sessionTimeoutMs);
    m_owned.clear();
    m_positions.clear();
    m_host.emit(std::move(e));
}

void SimulatedConsumer::leave()
{
    if (m_status == ConsumerStatus::Crashed || m_status == ConsumerStatus::Left)
        return;
    if (m_closing)
        return;
    // KafkaConsumer.close(): commitSync (auto-commit), revoke, LeaveGroup (dynamic members
    // only). The commit is answered once replicated; the consumer stops polling meanwhile and
    // leaves when the answer (or its failure) arrives, as close() blocks on commitSync.
    if (inGroup() && !m_owned.empty() && m_spec.autoCommit) {
        if (m_timer)
            m_host.timers().cancel(m_timer);
        m_timer = 0;
        m_closing = true;
        const std::vector<TopicPartition> owned = m_owned;
        if (commit(owned, "close", [this] {
                if (m_closing)
                    finishLeave();
            }))
            return;
    }
    finishLeave();
}

void SimulatedConsumer::finishLeave()
{
    m_closing = false;
    if (inGroup() && !m_owned.empty()) {
        const std::vector<TopicPartition> owned = m_owned;
        revoke(owned, false, "close");
    }
    if (inGroup() || !m_memberId.empty())
        sendLeave("the consumer is being closed");
    ++m_incarnation;
    if (m_timer)
        m_host.timers().cancel(m_timer);
    m_timer = 0;
    m_status = ConsumerStatus::Left;
    m_memberId.clear();
    m_generation = -1;
    m_phase = Phase::NeedJoin;
}

void SimulatedConsumer::stall()
{
    if (m_status != ConsumerStatus::Running)
        return;
    m_status = ConsumerStatus::Stalled;
    Event e;
    e.type = EventType::ConsumerStalled;
    e.group = m_spec.groupId;
    e.member = m_memberId;
    e.client = m_clientId;
    e.cause = "stalled";
    e.limit = m_spec.maxPollIntervalMs;
    e.detail = fmt::format("{} stopped polling; its heartbeats go on, and after max.poll.interval.ms={} "
                           "it leaves the group",
        m_clientId, m_spec.maxPollIntervalMs);
    m_host.emit(std::move(e));
}

void SimulatedConsumer::resume()
{
    Event e;
    e.type = EventType::ConsumerResumed;
    e.group = m_spec.groupId;
    e.client = m_clientId;
    if (m_status == ConsumerStatus::Stalled) {
        m_status = ConsumerStatus::Running;
        m_lastPollMs = m_host.timers().nowMs();
        m_carry = 0;
        if (!inGroup())
            m_phase = Phase::NeedJoin;
        e.member = m_memberId;
        e.cause = inGroup() ? "polls_again" : "rejoins";
        e.detail = fmt::format("{} polls again{}", m_clientId, inGroup() ? "" : " and rejoins the group");
    } else if (m_status == ConsumerStatus::Crashed || m_status == ConsumerStatus::Left) {
        // KIP-345: a static member rejoins under its group.instance.id; within the session
        // timeout the coordinator swaps its member id and hands back its assignment unchanged.
        e.cause = m_instanceId ? "restarted_static" : "restarted";
        e.detail = m_instanceId
            ? fmt::format("{} restarted; it rejoins with group.instance.id {}", m_clientId, *m_instanceId)
            : fmt::format("{} restarted; it joins as a new member", m_clientId);
        start();
    } else {
        return;
    }
    m_host.emit(std::move(e));
}

void SimulatedConsumer::sampleRate(int64_t nowMs)
{
    if (m_rateSampleMs >= 0 && nowMs > m_rateSampleMs)
        m_rate = static_cast<double>(m_consumed - m_rateSampleConsumed) * 1000.0
            / static_cast<double>(nowMs - m_rateSampleMs);
    m_rateSampleMs = nowMs;
    m_rateSampleConsumed = m_consumed;
}

// --- the poll loop

void SimulatedConsumer::scheduleTick(int64_t atMs)
{
    if (m_timer)
        m_host.timers().cancel(m_timer);
    m_timer = m_host.timers().schedule(atMs, [this] {
        m_timer = 0;
        tick();
    });
}

void SimulatedConsumer::tick()
{
    if (m_status == ConsumerStatus::Crashed || m_status == ConsumerStatus::Left)
        return;
    const int64_t now = m_host.timers().nowMs();
    if (m_status == ConsumerStatus::Stalled) {
        // Only the heartbeat thread runs. It gives up the membership once polls stop too long.
        if (inGroup() && now - m_lastPollMs > m_spec.maxPollIntervalMs) {
            m_leftOnPollTimeout = true;
            sendLeave(fmt::format("consumer poll timeout has expired: {} ms since the last poll, more "
                                  "than max.poll.interval.ms={}",
                now - m_lastPollMs, m_spec.maxPollIntervalMs));
            loseMembership(false);
        } else if (inGroup() && m_phase == Phase::Stable
            && now - m_lastHeartbeatMs >= m_spec.heartbeatIntervalMs) {
            heartbeat(now);
        }
        scheduleTick(now + int64_t(m_spec.pollIntervalMs));
        return;
    }
    const uint64_t incarnation = m_incarnation;
    if (m_phase == Phase::NeedJoin && !m_commitBeforeJoin)
        sendJoin();
    if (incarnation != m_incarnation)
        return;
    if (m_phase == Phase::Stable && now - m_lastHeartbeatMs >= m_spec.heartbeatIntervalMs)
        heartbeat(now);
    if (m_phase == Phase::NeedJoin && m_status == ConsumerStatus::Running && !m_commitBeforeJoin)
        sendJoin(); // a heartbeat said "rebalance": rejoin within the same poll
    poll(now);
    if (m_spec.autoCommit) {
        if (now - m_lastAutoCommitMs >= m_spec.autoCommitIntervalMs) {
            m_lastAutoCommitMs = now;
            commit(m_owned, nullptr);
        }
    }
    if (incarnation == m_incarnation && !m_timer)
        scheduleTick(now + int64_t(m_spec.pollIntervalMs));
}

GroupCoordinator *SimulatedConsumer::coordinator()
{
    if (m_coordinatorBroker < 0) {
        m_coordinatorBroker = m_host.findCoordinator(m_spec.groupId); // FindCoordinator
        if (m_coordinatorBroker < 0)
            return nullptr;
    }
    GroupCoordinator *c = m_host.coordinatorOn(m_spec.groupId, m_coordinatorBroker);
    if (!c)
        markCoordinatorUnknown(); // NOT_COORDINATOR: look it up again next time
    return c;
}

// --- JoinGroup / SyncGroup

void SimulatedConsumer::sendJoin()
{
    GroupCoordinator *c = coordinator();
    if (!c) {
        m_phase = Phase::NeedJoin;
        return;
    }
    // ConsumerCoordinator.metadata(): what it owns now (an eager member revoked everything in
    // prepareRejoin, so nothing), the generation it is in (-1 once it lost its membership),
    // and its assignor's userData (the sticky ones carry the last assignment / generation).
    auto metadata = encodeJavaClientSubscription(
        m_spec.assignor, JavaClientState { m_spec.topics, m_owned, m_generation, m_lastAssigned, m_lastGeneration });
    JoinGroupRequest request;
    request.groupId = m_spec.groupId;
    request.sessionTimeoutMs = m_spec.sessionTimeoutMs;
    request.rebalanceTimeoutMs = m_spec.maxPollIntervalMs;
    request.memberId = m_memberId;
    request.groupInstanceId = m_instanceId;
    request.protocols.push_back(
        JoinGroupProtocol { m_spec.assignor, metadata ? *metadata : std::vector<uint8_t> {} });
    request.clientId = m_clientId;
    request.clientHost = m_clientHost;
    m_phase = Phase::Joining;
    const uint64_t incarnation = m_incarnation;
    c->joinGroup(request, [this, incarnation](const JoinGroupResponse &response) {
        if (incarnation == m_incarnation)
            onJoin(response);
    });
}

bool SimulatedConsumer::handleGroupError(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None:
        return false;
    case ErrorCode::UnknownMemberId:
    case ErrorCode::IllegalGeneration:
        loseMembership(false);
        return true;
    case ErrorCode::FencedInstanceId:
        // Fatal for the Java client: another instance with our group.instance.id took over.
        m_status = ConsumerStatus::Left;
        ++m_incarnation;
        m_owned.clear();
        return true;
    default:
        if (coordinatorError(code))
            markCoordinatorUnknown();
        m_phase = Phase::NeedJoin; // REBALANCE_IN_PROGRESS and the rest: rejoin on the next poll
        return true;
    }
}

void SimulatedConsumer::onJoin(const JoinGroupResponse &response)
{
    if (response.errorCode == ErrorCode::MemberIdRequired) {
        m_memberId = response.memberId;
        sendJoin(); // the second half of the two-step join, at once
        return;
    }
    if (handleGroupError(response.errorCode))
        return;
    m_memberId = response.memberId;
    m_generation = response.generationId;
    SyncGroupRequest request;
    request.groupId = m_spec.groupId;
    request.generationId = m_generation;
    request.memberId = m_memberId;
    request.groupInstanceId = m_instanceId;
    request.protocolType = response.protocolType;
    request.protocolName = response.protocolName;
    // ConsumerCoordinator.onLeaderElected; a static leader that rejoined a Stable group is told
    // to skip the assignment (KIP-814) and syncs with none, keeping the one it has.
    if (response.leader == m_memberId && !response.skipAssignment)
        request.assignments = computeAssignment(response);
    GroupCoordinator *c = coordinator();
    if (!c) {
        m_phase = Phase::NeedJoin;
        return;
    }
    m_phase = Phase::Syncing;
    const uint64_t incarnation = m_incarnation;
    c->syncGroup(request, [this, incarnation](const SyncGroupResponse &r) {
        if (incarnation == m_incarnation)
            onSync(r);
    });
}

std::vector<SyncGroupAssignment> SimulatedConsumer::computeAssignment(const JoinGroupResponse &response)
{
    // The leader's job (ConsumerCoordinator.onLeaderElected): decode every member's
    // subscription, run the group's assignor on the topics' partition counts, encode.
    std::vector<SyncGroupAssignment> out;
    auto assignor = makeAssignor(response.protocolName);
    if (!assignor)
        return out;
    std::vector<MemberSubscription> members;
    std::map<std::string, int32_t> partitionsPerTopic;
    for (const auto &m : response.members) {
        MemberSubscription s;
        s.memberId = m.memberId;
        s.groupInstanceId = m.groupInstanceId;
        if (auto decoded = decodeSubscription(m.metadata)) {
            s.topics = decoded->topics;
            PreviousOwnership previous = previousOwnership(response.protocolName, *decoded);
            s.ownedPartitions = std::move(previous.partitions);
            s.generation = previous.generation;
        }
        for (const auto &topic : s.topics)
            if (!partitionsPerTopic.count(topic))
                if (const int32_t n = m_host.partitionCount(topic); n > 0)
                    partitionsPerTopic[topic] = n;
        members.push_back(std::move(s));
    }
    const GroupAssignment assignment = assignor->assign(partitionsPerTopic, members);
    for (const auto &[memberId, partitions] : assignment) {
        ConsumerAssignment a;
        a.partitions = partitions;
        auto bytes = encodeAssignment(a);
        out.push_back(SyncGroupAssignment { memberId, bytes ? *bytes : std::vector<uint8_t> {} });
    }
    return out;
}

void SimulatedConsumer::onSync(const SyncGroupResponse &response)
{
    if (handleGroupError(response.errorCode))
        return;
    std::vector<TopicPartition> assigned;
    if (auto decoded = decodeAssignment(response.assignment))
        assigned = decoded->partitions;
    // The assignor's onAssignment keeps the list as it came (the sticky userData's order).
    m_lastAssigned = assigned;
    m_lastGeneration = m_generation;
    std::sort(assigned.begin(), assigned.end());
    const int64_t now = m_host.timers().nowMs();
    m_phase = Phase::Stable;
    m_lastHeartbeatMs = now;
    const std::vector<TopicPartition> revoked = minus(m_owned, assigned);
    if (!revoked.empty())
        revoke(revoked, true, "cooperative revocation"); // only cooperative members still own any
    m_owned = assigned;
    ensurePositions();
    // KIP-429: a member that gave partitions up rejoins so they can be handed to their new owner.
    if (!revoked.empty() && m_cooperative)
        m_phase = Phase::NeedJoin;
}

// --- Heartbeat, rejoin, leave

void SimulatedConsumer::heartbeat(int64_t nowMs)
{
    GroupCoordinator *c = coordinator();
    if (!c)
        return;
    m_lastHeartbeatMs = nowMs;
    const HeartbeatResponse r
        = c->heartbeat(HeartbeatRequest { m_spec.groupId, m_generation, m_memberId, m_instanceId });
    switch (r.errorCode) {
    case ErrorCode::None:
        return;
    case ErrorCode::RebalanceInProgress:
        // A stalled consumer only notes it: the rejoin happens inside poll(), which it does not call.
        if (m_status == ConsumerStatus::Running)
            prepareRejoin();
        return;
    case ErrorCode::UnknownMemberId:
    case ErrorCode::IllegalGeneration:
    case ErrorCode::FencedInstanceId:
        loseMembership(false);
        return;
    default:
        if (coordinatorError(r.errorCode))
            markCoordinatorUnknown();
        return;
    }
}

void SimulatedConsumer::prepareRejoin()
{
    if (!m_cooperative && !m_owned.empty()) {
        const std::vector<TopicPartition> owned = m_owned;
        // Kafka's onJoinPrepare commits synchronously before rejoining: no JoinGroup until the
        // commit is answered, so the next owner starts from it.
        // (The answer always arrives: a failed or timed-out commit is answered too.)
        if (m_spec.autoCommit)
            m_commitBeforeJoin = commit(owned, "eager rebalance", [this] { m_commitBeforeJoin = false; });
        revoke(owned, false, "eager rebalance");
    }
    m_phase = Phase::NeedJoin;
}

void SimulatedConsumer::revoke(const std::vector<TopicPartition> &partitions, bool commitFirst, const char *why)
{
    if (commitFirst)
        commit(partitions, why);
    m_revokedCount += static_cast<int64_t>(partitions.size());
    for (const auto &tp : partitions)
        m_positions.erase(tp);
    m_owned = minus(m_owned, partitions);
}

void SimulatedConsumer::loseMembership(bool keepMemberId)
{
    // onPartitionsLost: another member may already own them, so nothing is committed.
    for (const auto &tp : m_owned)
        m_positions.erase(tp);
    m_revokedCount += static_cast<int64_t>(m_owned.size());
    m_owned.clear();
    if (!keepMemberId)
        m_memberId.clear();
    m_generation = -1;
    m_phase = Phase::NeedJoin;
}

void SimulatedConsumer::sendLeave(const std::string &reason)
{
    if (m_instanceId)
        return; // static members do not leave on close (KIP-345): their session timeout decides
    GroupCoordinator *c = coordinator();
    if (!c || m_memberId.empty())
        return;
    LeaveGroupRequest request;
    request.groupId = m_spec.groupId;
    request.members.push_back(LeaveGroupMember { m_memberId, std::nullopt, reason });
    c->leaveGroup(request);
}

// --- Fetch and commit

void SimulatedConsumer::ensurePositions()
{
    std::vector<TopicPartition> missing;
    for (const auto &tp : m_owned)
        if (!m_positions.count(tp))
            missing.push_back(tp);
    if (missing.empty())
        return;
    GroupCoordinator *c = coordinator();
    if (!c)
        return;
    const OffsetFetchResponse r = c->fetchOffsets(OffsetFetchRequest { m_spec.groupId, missing });
    if (r.errorCode != ErrorCode::None) {
        if (coordinatorError(r.errorCode))
            markCoordinatorUnknown();
        return;
    }
    for (const auto &p : r.partitions) {
        const TopicPartition tp { p.topic, p.partition };
        if (p.errorCode != ErrorCode::None)
            continue;
        if (p.committedOffset >= 0) {
            // The committed offset with its leader epoch (refreshCommittedOffsetsIfNeeded).
            m_positions[tp] = Position { p.committedOffset, p.committedLeaderEpoch };
            continue;
        }
        // Nothing committed: auto.offset.reset. Java's reset position has no offset epoch.
        auto range = m_host.offsetRange(tp);
        if (!range)
            continue;
        m_positions[tp] = Position { m_spec.autoOffsetReset == "latest" ? range->second : range->first, -1 };
    }
}

void SimulatedConsumer::poll(int64_t nowMs)
{
    const int64_t elapsed = std::max<int64_t>(0, nowMs - m_lastPollMs);
    m_lastPollMs = nowMs;
    ensurePositions();
    m_carry += m_spec.recordsPerSecPerConsumer * static_cast<double>(elapsed) / 1000.0;
    auto budget = static_cast<int64_t>(std::floor(m_carry));
    budget = std::min<int64_t>(budget, kMaxPollRecords);
    int64_t processed = 0;
    const size_t n = m_owned.size();
    bool any = false;
    for (size_t k = 0; k < n && processed < budget; ++k) {
        const TopicPartition &tp = m_owned[(m_nextPartition + k) % n];
        auto pos = m_positions.find(tp);
        if (pos == m_positions.end())
            continue;
        auto fetched = m_host.fetch(tp, pos->second.offset, static_cast<int32_t>(budget - processed));
        if (!fetched) {
            if (fetched.status().code() == ErrorCode::OffsetOutOfRange) {
                // Retention removed it (or an unclean election cut the log): auto.offset.reset.
                if (auto range = m_host.offsetRange(tp))
                    pos->second = Position { m_spec.autoOffsetReset == "latest" ? range->second : range->first, -1 };
            }
            continue;
        }
        for (size_t i = 0; i < fetched->records.size(); ++i) {
            if (processed >= budget)
                break;
            const Record &record = fetched->records[i];
            m_host.onConsumed(*this, tp, record);
            // The position after a record carries its batch's leader epoch (FetchCollector).
            pos->second = Position { record.offset + 1, fetched->leaderEpochs[i] };
            ++processed;
            any = true;
        }
    }
    if (n > 0)
        m_nextPartition = (m_nextPartition + 1) % n;
    m_consumed += processed;
    m_carry -= static_cast<double>(processed);
    // Capacity left unused while there was nothing to read is not banked for later bursts.
    m_carry = std::min(m_carry, 1.0);
    if (any && !m_spec.autoCommit)
        commit(m_owned, nullptr); // commitSync() after each poll
}

bool SimulatedConsumer::commit(
    const std::vector<TopicPartition> &partitions, const char *why, std::function<void()> then)
{
    if (!inGroup())
        return false;
    OffsetCommitRequest request;
    request.groupId = m_spec.groupId;
    request.generationId = m_generation;
    request.memberId = m_memberId;
    request.groupInstanceId = m_instanceId;
    // SubscriptionState.allConsumed: every partition with a position, changed or not (a
    // consumer that makes no progress commits the same offset again and again, which is what
    // Burrow's STALL rule looks for), with the position's leader epoch and empty metadata.
    for (const auto &tp : partitions) {
        auto pos = m_positions.find(tp);
        if (pos == m_positions.end())
            continue;
        request.partitions.push_back(
            OffsetCommitPartition { tp.topic, tp.partition, pos->second.offset, pos->second.offsetEpoch, "" });
    }
    if (request.partitions.empty())
        return false;
    GroupCoordinator *c = coordinator();
    if (!c)
        return false;
    const uint64_t incarnation = m_incarnation;
    std::weak_ptr<bool> lifetime = m_lifetime;
    c->commitOffsets(request, [this, lifetime, request, incarnation, why, then](const OffsetCommitResponse &r) {
        if (lifetime.expired())
            return;
        onCommitted(request, r, incarnation, why);
        if (then)
            then();
    });
    return true;
}

void SimulatedConsumer::onCommitted(
    const OffsetCommitRequest &request, const OffsetCommitResponse &r, uint64_t incarnation, const char *why)
{
    // A commit sent before a crash, close or restart still reports what it stored, but no
    // longer changes this (new) incarnation's state.
    const bool current = incarnation == m_incarnation;
    std::string committed;
    bool rejoin = false;
    for (size_t i = 0; i < r.partitions.size() && i < request.partitions.size(); ++i) {
        const auto &p = request.partitions[i];
        const ErrorCode code = r.partitions[i].errorCode;
        if (code == ErrorCode::None) {
            committed += fmt::format("{}{}-{}@{}", committed.empty() ? "" : ", ", p.topic, p.partition,
                p.committedOffset);
        } else if (coordinatorError(code) || code == ErrorCode::RequestTimedOut) {
            // Java's OffsetCommitResponseHandler: look the coordinator up again; retriable.
            if (current)
                markCoordinatorUnknown();
        } else if (code == ErrorCode::UnknownMemberId || code == ErrorCode::IllegalGeneration) {
            rejoin = current; // CommitFailedException: the group moved on without us
        }
    }
    if (why && !committed.empty()) {
        Event e;
        e.type = EventType::OffsetsCommitted;
        e.group = m_spec.groupId;
        e.member = request.memberId;
        e.generation = request.generationId;
        e.client = m_clientId;
        e.cause = std::string(why) == "close" ? "close"
            : std::string(why) == "cooperative revocation" ? "cooperative_revocation"
            : std::string(why) == "eager rebalance" ? "eager_rebalance"
                                                    : "other";
        e.count = static_cast<int64_t>(std::count(committed.begin(), committed.end(), '@'));
        e.detail = fmt::format("{} committed {} ({})", m_clientId, committed, why);
        m_host.emit(std::move(e));
    }
    if (rejoin && m_status != ConsumerStatus::Left)
        loseMembership(false);
}

} // namespace kl
