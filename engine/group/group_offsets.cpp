// GroupCoordinator: offsets (OffsetCommit, OffsetFetch), administration (DescribeGroups,
// ListGroups, DeleteGroups), loading from replayed __consumer_offsets records, and snapshots.
#include "group/group_coordinator.h"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace kl {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace

Group *GroupCoordinator::checkCommit(const OffsetCommitRequest &req, OffsetCommitResponse &resp)
{
    auto all = [&](ErrorCode code) -> Group * {
        for (const auto &p : req.partitions)
            resp.partitions.push_back({p.topic, p.partition, code});
        return nullptr;
    };
    // An empty group id is allowed here, as in Kafka, for old standalone consumers.
    if (!m_active)
        return all(ErrorCode::CoordinatorNotAvailable);
    Group *group = findGroup(req.groupId);
    if (!group) {
        if (req.generationId >= 0) // a commit from a generation this coordinator never had
            return all(ErrorCode::IllegalGeneration);
        group = &addGroup(req.groupId);
    }
    if (group->is(GroupState::Dead))
        return all(ErrorCode::CoordinatorNotAvailable);
    const bool simpleCommit = req.generationId < 0 && group->is(GroupState::Empty);
    if (!simpleCommit) {
        if (group->isStaticMemberFenced(req.memberId, req.groupInstanceId))
            return all(ErrorCode::FencedInstanceId);
        GroupMember *member = group->find(req.memberId);
        if (req.generationId >= 0 && !member)
            return all(ErrorCode::UnknownMemberId);
        if (req.generationId != group->generation() || !member)
            return all(ErrorCode::IllegalGeneration);
        // The member has its JoinGroup answer but not its assignment yet: it must not commit.
        if (group->is(GroupState::CompletingRebalance))
            return all(ErrorCode::RebalanceInProgress);
        // Stable, or PreparingRebalance: commits are still welcome (heartbeats carry the news).
        scheduleSessionExpiry(*group, *member, member->sessionTimeoutMs);
    }
    return group;
}

std::vector<OffsetCommitRecord> GroupCoordinator::commitRecords(const OffsetCommitRequest &req) const
{
    const int64_t now = m_timers.nowMs();
    std::vector<OffsetCommitRecord> records;
    for (const auto &p : req.partitions) {
        if (static_cast<int64_t>(p.committedMetadata.size()) > m_config.offsetMetadataMaxBytes)
            continue;
        OffsetCommitRecord rec;
        rec.topic = p.topic;
        rec.partition = p.partition;
        rec.offset = p.committedOffset;
        rec.leaderEpoch = p.committedLeaderEpoch;
        rec.metadata = p.committedMetadata;
        rec.commitTimestampMs = now;
        rec.expireTimestampMs = req.retentionTimeMs >= 0 ? now + req.retentionTimeMs : -1;
        records.push_back(std::move(rec));
    }
    return records;
}

OffsetCommitResponse GroupCoordinator::completeCommit(
    const OffsetCommitRequest &req, std::vector<OffsetCommitRecord> records, ErrorCode storeError)
{
    OffsetCommitResponse resp;
    for (const auto &p : req.partitions) {
        ErrorCode code = storeError;
        if (static_cast<int64_t>(p.committedMetadata.size()) > m_config.offsetMetadataMaxBytes)
            code = ErrorCode::OffsetMetadataTooLarge;
        resp.partitions.push_back({p.topic, p.partition, code});
    }
    Group *group = findGroup(req.groupId);
    // A group deleted while its commit was being replicated keeps nothing (Kafka: Dead groups
    // ignore completed appends).
    if (storeError != ErrorCode::None || records.empty() || !group || group->is(GroupState::Dead))
        return resp;
    for (const auto &rec : records)
        group->offsets()[TopicPartition{rec.topic, rec.partition}] = rec;
    GroupEvent e = makeEvent(GroupEventKind::OffsetsCommitted, *group);
    e.memberId = req.memberId;
    if (const GroupMember *m = group->find(req.memberId))
        e.clientId = m->clientId;
    e.offsets = std::move(records);
    emit(std::move(e));
    return resp;
}

OffsetCommitResponse GroupCoordinator::commitOffsets(const OffsetCommitRequest &req)
{
    CallScope scope(*this);
    OffsetCommitResponse refused;
    Group *group = checkCommit(req, refused);
    if (!group)
        return refused;
    std::vector<OffsetCommitRecord> records = commitRecords(req);
    ErrorCode storeError = ErrorCode::None;
    if (!records.empty() && m_sink.appendOffsets) {
        Status st = m_sink.appendOffsets(group->groupId(), records);
        if (!st.isOk())
            storeError = mapStoreError(st.code(), true);
    }
    return completeCommit(req, std::move(records), storeError);
}

void GroupCoordinator::commitOffsets(const OffsetCommitRequest &req, OffsetCommitCallback callback)
{
    CallScope scope(*this);
    if (!m_sink.appendOffsetsReplicated) {
        defer([callback, resp = commitOffsets(req)] { callback(resp); });
        return;
    }
    OffsetCommitResponse refused;
    Group *group = checkCommit(req, refused);
    if (!group) {
        defer([callback, refused] { callback(refused); });
        return;
    }
    std::vector<OffsetCommitRecord> records = commitRecords(req);
    if (records.empty()) {
        defer([callback, resp = completeCommit(req, {}, ErrorCode::None)] { callback(resp); });
        return;
    }
    // Pending until replicated: group->offsets() (what OffsetFetch answers) is not touched yet.
    std::weak_ptr<bool> lifetime = m_lifetime;
    m_sink.appendOffsetsReplicated(group->groupId(), records,
        [this, lifetime, req, records, callback](Status st) {
            if (lifetime.expired() || !m_active) {
                // The coordinator moved or unloaded while the commit was being replicated.
                OffsetCommitResponse resp;
                for (const auto &p : req.partitions)
                    resp.partitions.push_back({p.topic, p.partition, ErrorCode::NotCoordinator});
                callback(resp);
                return;
            }
            CallScope inner(*this);
            const ErrorCode storeError = st.isOk() ? ErrorCode::None : mapStoreError(st.code(), true);
            defer([callback, resp = completeCommit(req, records, storeError)] { callback(resp); });
        });
}

OffsetFetchResponse GroupCoordinator::fetchOffsets(const OffsetFetchRequest &req) const
{
    OffsetFetchResponse resp;
    if (!m_active) {
        resp.errorCode = ErrorCode::CoordinatorNotAvailable;
        return resp;
    }
    // Offsets are returned whatever the group's state: a group may use Kafka only for storage.
    const Group *group = findGroup(req.groupId);
    auto entry = [](const TopicPartition &tp, const OffsetCommitRecord *rec) {
        OffsetFetchPartition p;
        p.topic = tp.topic;
        p.partition = tp.partition;
        if (rec) {
            p.committedOffset = rec->offset;
            p.committedLeaderEpoch = rec->leaderEpoch;
            p.metadata = rec->metadata;
        }
        return p;
    };
    if (req.partitions) {
        for (const auto &tp : *req.partitions) {
            const OffsetCommitRecord *rec = nullptr;
            if (group) {
                auto it = group->offsets().find(tp);
                if (it != group->offsets().end())
                    rec = &it->second;
            }
            resp.partitions.push_back(entry(tp, rec));
        }
    } else if (group) {
        for (const auto &[tp, rec] : group->offsets())
            resp.partitions.push_back(entry(tp, &rec));
    }
    return resp;
}

std::vector<DescribedGroup> GroupCoordinator::describeGroups(const std::vector<std::string> &groupIds) const
{
    std::vector<DescribedGroup> out;
    for (const auto &id : groupIds) {
        DescribedGroup d;
        d.groupId = id;
        const Group *group = findGroup(id);
        if (!m_active) {
            d.errorCode = ErrorCode::CoordinatorNotAvailable;
        } else if (!group) {
            d.groupState = std::string(toString(GroupState::Dead)); // Kafka: unknown = Dead
        } else {
            d.groupState = std::string(toString(group->state()));
            d.protocolType = group->protocolType().value_or("");
            // Only a Stable group shows its protocol, metadata and assignments (GroupMetadata.summary).
            const bool stable = group->is(GroupState::Stable);
            if (stable)
                d.protocolData = group->protocolName().value_or("");
            for (const auto &[mid, m] : group->members()) {
                DescribedGroupMember dm{mid, m.groupInstanceId, m.clientId, m.clientHost, {}, {}};
                if (stable) {
                    if (const auto *md = m.metadataFor(d.protocolData))
                        dm.memberMetadata = *md;
                    dm.memberAssignment = m.assignment;
                }
                d.members.push_back(std::move(dm));
            }
        }
        out.push_back(std::move(d));
    }
    return out;
}

ListGroupsResponse GroupCoordinator::listGroups(const std::vector<std::string> &statesFilter) const
{
    ListGroupsResponse resp;
    if (!m_active) {
        resp.errorCode = ErrorCode::CoordinatorNotAvailable;
        return resp;
    }
    std::vector<std::string> wanted;
    for (const auto &s : statesFilter)
        wanted.push_back(lower(s)); // Kafka compares state names case-insensitively
    for (const auto &[id, group] : m_groups) {
        const std::string state(toString(group->state()));
        if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), lower(state)) == wanted.end())
            continue;
        resp.groups.push_back({id, group->protocolType().value_or(""), state});
    }
    return resp;
}

std::vector<DeleteGroupResult> GroupCoordinator::deleteGroups(const std::vector<std::string> &groupIds)
{
    CallScope scope(*this);
    std::vector<DeleteGroupResult> out;
    for (const auto &id : groupIds) {
        DeleteGroupResult r{id, ErrorCode::None};
        Group *group = findGroup(id);
        if (!m_active) {
            r.errorCode = ErrorCode::CoordinatorNotAvailable;
        } else if (!group || group->is(GroupState::Dead)) {
            r.errorCode = ErrorCode::GroupIdNotFound;
        } else if (!group->is(GroupState::Empty)) {
            r.errorCode = ErrorCode::NonEmptyGroup;
        } else {
            // Tombstones for every offset and for the group, then forget it.
            Status st;
            std::vector<OffsetCommitRecord> tombstones;
            for (const auto &[tp, rec] : group->offsets()) {
                OffsetCommitRecord t;
                t.topic = tp.topic;
                t.partition = tp.partition;
                t.commitTimestampMs = m_timers.nowMs();
                t.tombstone = true;
                tombstones.push_back(std::move(t));
            }
            if (!tombstones.empty() && m_sink.appendOffsets)
                st = m_sink.appendOffsets(id, tombstones);
            if (st.isOk() && m_sink.appendGroupMetadata) {
                GroupMetadataRecord t;
                t.tombstone = true;
                t.generation = group->generation();
                t.currentStateTimestampMs = m_timers.nowMs();
                st = m_sink.appendGroupMetadata(id, t);
            }
            if (!st.isOk()) {
                r.errorCode = mapStoreError(st.code(), false);
            } else {
                cancelGroupTimers(*group);
                group->transitionTo(GroupState::Dead, m_timers.nowMs());
                GroupEvent e = makeEvent(GroupEventKind::GroupDeleted, *group);
                e.reason = fmt::format("deleted with {} committed offsets", tombstones.size());
                m_groups.erase(id);
                emit(std::move(e));
            }
        }
        out.push_back(std::move(r));
    }
    return out;
}

Status GroupCoordinator::load(const std::vector<ReplayedGroupRecord> &records)
{
    CallScope scope(*this);
    if (!m_active)
        return Status::error(ErrorCode::CoordinatorNotAvailable, "cannot load groups: the coordinator is not active");
    struct Loaded {
        std::optional<GroupMetadataRecord> metadata;
        std::map<TopicPartition, OffsetCommitRecord> offsets;
    };
    std::map<std::string, Loaded> loaded;
    for (size_t i = 0; i < records.size(); ++i) {
        const ReplayedGroupRecord &rec = records[i];
        if (rec.offset.has_value() == rec.metadata.has_value())
            return Status::error(ErrorCode::InvalidRequest,
                fmt::format("replayed record {} for group '{}' must hold exactly one of an offset or group metadata",
                            i, rec.groupId));
        if (findGroup(rec.groupId))
            return Status::error(ErrorCode::InvalidRequest,
                fmt::format("replayed record {}: group '{}' is already loaded", i, rec.groupId));
        Loaded &l = loaded[rec.groupId];
        if (rec.offset) {
            TopicPartition tp{rec.offset->topic, rec.offset->partition};
            if (rec.offset->tombstone)
                l.offsets.erase(tp);
            else
                l.offsets[tp] = *rec.offset;
        } else if (rec.metadata->tombstone) {
            l.metadata.reset();
        } else {
            l.metadata = *rec.metadata;
        }
    }
    const int64_t now = m_timers.nowMs();
    for (auto &[id, l] : loaded) {
        if (!l.metadata && l.offsets.empty())
            continue; // deleted
        const bool hasMembers = l.metadata && !l.metadata->members.empty();
        auto group = std::make_unique<Group>(id, hasMembers ? GroupState::Stable : GroupState::Empty, now);
        if (l.metadata) {
            const GroupMetadataRecord &md = *l.metadata;
            for (const GroupMemberRecord &mr : md.members) {
                GroupMember m;
                m.memberId = mr.memberId;
                m.groupInstanceId = mr.groupInstanceId;
                m.clientId = mr.clientId;
                m.clientHost = mr.clientHost;
                m.rebalanceTimeoutMs = mr.rebalanceTimeoutMs;
                m.sessionTimeoutMs = mr.sessionTimeoutMs;
                m.protocolType = md.protocolType;
                m.protocols = {JoinGroupProtocol{md.protocolName, mr.subscription}};
                m.assignment = mr.assignment;
                group->add(std::move(m));
            }
            group->setGeneration(md.generation);
            group->setProtocolType(md.protocolType.empty() ? std::nullopt : std::optional(md.protocolType));
            group->setProtocolName(md.protocolName.empty() ? std::nullopt : std::optional(md.protocolName));
            group->setLeader(md.leader.empty() ? std::nullopt : std::optional(md.leader));
        }
        group->offsets() = std::move(l.offsets);
        Group &ref = *group;
        m_groups[id] = std::move(group);
        // Kafka's onGroupLoaded: every member's session starts over on the new coordinator.
        for (auto &[mid, m] : ref.members())
            scheduleSessionExpiry(ref, m, m.sessionTimeoutMs);
    }
    return Status::ok();
}

std::vector<GroupDescription> GroupCoordinator::describe() const
{
    std::vector<GroupDescription> out;
    for (const auto &[id, group] : m_groups)
        out.push_back(group->snapshot());
    return out;
}

std::optional<GroupDescription> GroupCoordinator::describe(const std::string &groupId) const
{
    const Group *group = findGroup(groupId);
    if (!group)
        return std::nullopt;
    return group->snapshot();
}

} // namespace kl
