// __consumer_offsets key/value codecs (see the header for the layouts).
#include "group/offsets_records.h"

#include "group/wire_fields.h"

#include <fmt/format.h>

#include <initializer_list>
#include <string_view>

namespace kl {

namespace {

using wire::FieldReader;
using wire::FieldWriter;

Status checkStrings(std::string_view what, std::initializer_list<std::string_view> strings)
{
    for (std::string_view s : strings) {
        if (!wire::fitsString(s))
            return Status::error(ErrorCode::CorruptMessage,
                                 fmt::format("{}: a string of {} bytes does not fit an INT16 length", what, s.size()));
    }
    return Status::ok();
}

Status checkVersion(std::string_view what, int16_t version, int16_t min, int16_t max)
{
    if (version < min || version > max)
        return Status::error(ErrorCode::UnsupportedVersion,
                             fmt::format("{}: version {} is not in {}..{}", what, version, min, max));
    return Status::ok();
}

// Reads the leading version and checks it is in [min, max].
bool readVersion(FieldReader &r, int16_t &version, int16_t min, int16_t max)
{
    if (!r.i16(version, "version"))
        return false;
    if (version < min || version > max)
        return r.fail("version", fmt::format("is {}, expected {}..{}", version, min, max), r.position() - 2);
    return true;
}

} // namespace

Result<OffsetsKeyKind> classifyOffsetsKey(RecordView key)
{
    FieldReader r(key, "__consumer_offsets key", ErrorCode::CorruptMessage);
    int16_t version = 0;
    if (!readVersion(r, version, 0, INT16_MAX))
        return r.status();
    if (version <= 1)
        return OffsetsKeyKind::OffsetCommit;
    if (version == 2)
        return OffsetsKeyKind::GroupMetadata;
    return OffsetsKeyKind::Other;
}

Result<RecordBytes> encodeOffsetCommitKey(const OffsetCommitKey &key, int16_t version)
{
    if (Status st = checkVersion("OffsetCommitKey", version, 0, 1); !st)
        return st;
    if (Status st = checkStrings("OffsetCommitKey", {key.group, key.topic}); !st)
        return st;
    RecordBytes out;
    FieldWriter w(out);
    w.i16(version);
    w.string(key.group);
    w.string(key.topic);
    w.i32(key.partition);
    return out;
}

Result<OffsetCommitKey> decodeOffsetCommitKey(RecordView bytes)
{
    FieldReader r(bytes, "OffsetCommitKey", ErrorCode::CorruptMessage);
    OffsetCommitKey key;
    int16_t version = 0;
    if (readVersion(r, version, 0, 1)) {
        r.string(key.group, "group");
        r.string(key.topic, "topic");
        r.i32(key.partition, "partition");
    }
    if (!r.ok())
        return r.status();
    return key;
}

Result<RecordBytes> encodeGroupMetadataKey(const GroupMetadataKey &key)
{
    if (Status st = checkStrings("GroupMetadataKey", {key.group}); !st)
        return st;
    RecordBytes out;
    FieldWriter w(out);
    w.i16(2);
    w.string(key.group);
    return out;
}

Result<GroupMetadataKey> decodeGroupMetadataKey(RecordView bytes)
{
    FieldReader r(bytes, "GroupMetadataKey", ErrorCode::CorruptMessage);
    GroupMetadataKey key;
    int16_t version = 0;
    if (readVersion(r, version, 2, 2))
        r.string(key.group, "group");
    if (!r.ok())
        return r.status();
    return key;
}

Result<RecordBytes> encodeOffsetCommitValue(const OffsetCommitValue &v)
{
    if (Status st = checkVersion("OffsetCommitValue", v.version, 0, 3); !st)
        return st;
    if (Status st = checkStrings("OffsetCommitValue", {v.metadata}); !st)
        return st;
    RecordBytes out;
    FieldWriter w(out);
    w.i16(v.version);
    w.i64(v.offset);
    if (v.version >= 3)
        w.i32(v.leaderEpoch);
    w.string(v.metadata);
    w.i64(v.commitTimestamp);
    if (v.version == 1)
        w.i64(v.expireTimestamp);
    return out;
}

Result<std::optional<OffsetCommitValue>> decodeOffsetCommitValue(std::optional<RecordView> bytes)
{
    if (!bytes)
        return std::optional<OffsetCommitValue>{}; // tombstone: the offset was deleted
    FieldReader r(*bytes, "OffsetCommitValue", ErrorCode::CorruptMessage);
    OffsetCommitValue v;
    if (readVersion(r, v.version, 0, 3)) {
        r.i64(v.offset, "offset");
        if (v.version >= 3)
            r.i32(v.leaderEpoch, "leaderEpoch");
        r.string(v.metadata, "metadata");
        r.i64(v.commitTimestamp, "commitTimestamp");
        if (v.version == 1)
            r.i64(v.expireTimestamp, "expireTimestamp");
    }
    if (!r.ok())
        return r.status();
    return std::optional<OffsetCommitValue>(std::move(v));
}

Result<RecordBytes> encodeGroupMetadataValue(const GroupMetadataValue &v)
{
    if (Status st = checkVersion("GroupMetadataValue", v.version, 0, 3); !st)
        return st;
    if (Status st = checkStrings("GroupMetadataValue", {v.protocolType, v.protocol.value_or(""), v.leader.value_or("")});
        !st)
        return st;
    for (const auto &m : v.members) {
        if (Status st = checkStrings("GroupMetadataValue member",
                                     {m.memberId, m.groupInstanceId.value_or(""), m.clientId, m.clientHost});
            !st)
            return st;
    }
    RecordBytes out;
    FieldWriter w(out);
    w.i16(v.version);
    w.string(v.protocolType);
    w.i32(v.generation);
    w.nullableString(v.protocol);
    w.nullableString(v.leader);
    if (v.version >= 2)
        w.i64(v.currentStateTimestamp);
    w.arrayCount(v.members.size());
    for (const auto &m : v.members) {
        w.string(m.memberId);
        if (v.version >= 3)
            w.nullableString(m.groupInstanceId);
        w.string(m.clientId);
        w.string(m.clientHost);
        if (v.version >= 1)
            w.i32(m.rebalanceTimeoutMs);
        w.i32(m.sessionTimeoutMs);
        w.nullableBytes(m.subscription);
        w.nullableBytes(m.assignment);
    }
    return out;
}

Result<std::optional<GroupMetadataValue>> decodeGroupMetadataValue(std::optional<RecordView> bytes)
{
    if (!bytes)
        return std::optional<GroupMetadataValue>{}; // tombstone: the group was removed
    FieldReader r(*bytes, "GroupMetadataValue", ErrorCode::CorruptMessage);
    GroupMetadataValue v;
    if (!readVersion(r, v.version, 0, 3))
        return r.status();
    r.string(v.protocolType, "protocolType");
    r.i32(v.generation, "generation");
    r.nullableString(v.protocol, "protocol");
    r.nullableString(v.leader, "leader");
    if (v.version >= 2)
        r.i64(v.currentStateTimestamp, "currentStateTimestamp");
    int32_t count = 0;
    // A member is at least 3 strings, 1 INT32 and 2 BYTES: 2 * 3 + 4 + 4 * 2 bytes.
    if (!r.arrayCount(count, "members", 18))
        return r.status();
    for (int32_t i = 0; i < count && r.ok(); ++i) {
        GroupMemberMetadata m;
        const std::string at = fmt::format("members[{}].", i);
        r.string(m.memberId, at + "memberId");
        if (v.version >= 3)
            r.nullableString(m.groupInstanceId, at + "groupInstanceId");
        r.string(m.clientId, at + "clientId");
        r.string(m.clientHost, at + "clientHost");
        if (v.version >= 1)
            r.i32(m.rebalanceTimeoutMs, at + "rebalanceTimeout");
        r.i32(m.sessionTimeoutMs, at + "sessionTimeout");
        if (v.version == 0)
            m.rebalanceTimeoutMs = m.sessionTimeoutMs; // Kafka's reader does the same for v0
        r.bytes(m.subscription, at + "subscription");
        r.bytes(m.assignment, at + "assignment");
        v.members.push_back(std::move(m));
    }
    if (!r.ok())
        return r.status();
    return std::optional<GroupMetadataValue>(std::move(v));
}

} // namespace kl
