// __consumer_offsets: the coordinator partition of a group, and the group records <-> topic
// records conversion (see consumer_offsets.h).
#include "cluster/consumer_offsets.h"

#include "group/offsets_records.h"

#include <fmt/format.h>

namespace kl {

namespace {

std::span<const uint8_t> bytesOf(const std::string &s)
{
    return { reinterpret_cast<const uint8_t *>(s.data()), s.size() };
}

std::string toString(const RecordBytes &bytes)
{
    return std::string(bytes.begin(), bytes.end());
}

} // namespace

int32_t kafkaAbs(int32_t n)
{
    // Utils.abs: (n == Integer.MIN_VALUE) ? 0 : Math.abs(n)
    return n == INT32_MIN ? 0 : (n < 0 ? -n : n);
}

int32_t offsetsPartitionFor(std::string_view groupId, int32_t partitionCount)
{
    if (partitionCount <= 0)
        return 0;
    return kafkaAbs(javaStringHashCode(groupId)) % partitionCount;
}

Result<std::vector<ProduceRecord>> encodeOffsetCommits(
    const std::string &groupId, const std::vector<OffsetCommitRecord> &commits, int64_t nowMs)
{
    std::vector<ProduceRecord> out;
    out.reserve(commits.size());
    for (const OffsetCommitRecord &c : commits) {
        auto key = encodeOffsetCommitKey(OffsetCommitKey { groupId, c.topic, c.partition });
        if (!key)
            return key.status();
        ProduceRecord record;
        record.key = toString(*key);
        record.timestamp = nowMs;
        if (!c.tombstone) {
            OffsetCommitValue value;
            value.offset = c.offset;
            value.leaderEpoch = c.leaderEpoch;
            value.metadata = c.metadata;
            value.commitTimestamp = c.commitTimestampMs;
            auto bytes = encodeOffsetCommitValue(value);
            if (!bytes)
                return bytes.status();
            record.value = toString(*bytes);
        }
        out.push_back(std::move(record));
    }
    return out;
}

Result<ProduceRecord> encodeGroupMetadata(const std::string &groupId, const GroupMetadataRecord &metadata)
{
    auto key = encodeGroupMetadataKey(GroupMetadataKey { groupId });
    if (!key)
        return key.status();
    ProduceRecord record;
    record.key = toString(*key);
    record.timestamp = metadata.currentStateTimestampMs;
    if (metadata.tombstone)
        return record;
    GroupMetadataValue value;
    value.protocolType = metadata.protocolType;
    value.generation = metadata.generation;
    if (!metadata.protocolName.empty())
        value.protocol = metadata.protocolName;
    if (!metadata.leader.empty())
        value.leader = metadata.leader;
    value.currentStateTimestamp = metadata.currentStateTimestampMs;
    for (const GroupMemberRecord &m : metadata.members)
        value.members.push_back(GroupMemberMetadata { m.memberId, m.groupInstanceId, m.clientId, m.clientHost,
            m.rebalanceTimeoutMs, m.sessionTimeoutMs, m.subscription, m.assignment });
    auto bytes = encodeGroupMetadataValue(value);
    if (!bytes)
        return bytes.status();
    record.value = toString(*bytes);
    return record;
}

Result<std::optional<ReplayedGroupRecord>> decodeOffsetsTopicRecord(const Record &record)
{
    if (!record.key)
        return std::optional<ReplayedGroupRecord> {};
    const auto key = bytesOf(*record.key);
    std::optional<RecordView> value;
    if (record.value)
        value = bytesOf(*record.value);
    auto kind = classifyOffsetsKey(key);
    if (!kind)
        return kind.status();
    ReplayedGroupRecord out;
    switch (*kind) {
    case OffsetsKeyKind::Other:
        return std::optional<ReplayedGroupRecord> {};
    case OffsetsKeyKind::OffsetCommit: {
        auto k = decodeOffsetCommitKey(key);
        if (!k)
            return k.status();
        auto v = decodeOffsetCommitValue(value);
        if (!v)
            return v.status();
        out.groupId = k->group;
        OffsetCommitRecord c;
        c.topic = k->topic;
        c.partition = k->partition;
        if (*v) {
            c.offset = (*v)->offset;
            c.leaderEpoch = (*v)->leaderEpoch;
            c.metadata = (*v)->metadata;
            c.commitTimestampMs = (*v)->commitTimestamp;
            c.expireTimestampMs = (*v)->expireTimestamp;
        } else {
            c.tombstone = true;
        }
        out.offset = std::move(c);
        break;
    }
    case OffsetsKeyKind::GroupMetadata: {
        auto k = decodeGroupMetadataKey(key);
        if (!k)
            return k.status();
        auto v = decodeGroupMetadataValue(value);
        if (!v)
            return v.status();
        out.groupId = k->group;
        GroupMetadataRecord m;
        if (*v) {
            const GroupMetadataValue &g = **v;
            m.protocolType = g.protocolType;
            m.generation = g.generation;
            m.protocolName = g.protocol.value_or("");
            m.leader = g.leader.value_or("");
            m.currentStateTimestampMs = g.currentStateTimestamp;
            for (const GroupMemberMetadata &gm : g.members)
                m.members.push_back(GroupMemberRecord { gm.memberId, gm.groupInstanceId, gm.clientId,
                    gm.clientHost, gm.rebalanceTimeoutMs, gm.sessionTimeoutMs, gm.subscription, gm.assignment });
        } else {
            m.tombstone = true;
        }
        out.metadata = std::move(m);
        break;
    }
    }
    return std::optional<ReplayedGroupRecord>(std::move(out));
}

} // namespace kl
