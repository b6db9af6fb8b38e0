// __consumer_offsets key/value codecs (see the header for the layouts).
#include "group/offsets_records.h"

#include "codec/codec.h"

#include <fmt/format.h>

#include <initializer_list>
#include <string_view>

namespace kl {

namespace {

using proto::Reader;
using proto::Writer;

std::optional<std::string_view> view(const std::optional<std::string> &s)
{
    return s ? std::optional<std::string_view>(*s) : std::nullopt;
}

Status checkStrings(std::string_view what, std::initializer_list<std::string_view> strings)
{
    for (std::string_view s : strings) {
        if (!proto::fitsClassicString(s))
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
bool readVersion(Reader &r, int16_t &version, int16_t min, int16_t max)
{
    version = r.i16("version");
    if (!r.ok())
        return false;
    if (version < min || version > max) {
        r.fail("version", fmt::format("{} is not in {}..{}", version, min, max));
        return false;
    }
    return true;
}

} // namespace

Result<OffsetsKeyKind> classifyOffsetsKey(RecordView key)
{
    Reader r(key, false);
    int16_t version = 0;
    if (!readVersion(r, version, 0, INT16_MAX))
        return r.status("__consumer_offsets key", ErrorCode::CorruptMessage);
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
    Writer w(out, false);
    w.i16(version);
    w.string(key.group);
    w.string(key.topic);
    w.i32(key.partition);
    return out;
}

Result<OffsetCommitKey> decodeOffsetCommitKey(RecordView bytes)
{
    Reader r(bytes, false);
    OffsetCommitKey key;
    int16_t version = 0;
    if (readVersion(r, version, 0, 1)) {
        key.group = r.string("group");
        key.topic = r.string("topic");
        key.partition = r.i32("partition");
    }
    if (!r.ok())
        return r.status("OffsetCommitKey", ErrorCode::CorruptMessage);
    return key;
}

Result<RecordBytes> encodeGroupMetadataKey(const GroupMetadataKey &key)
{
    if (Status st = checkStrings("GroupMetadataKey", {key.group}); !st)
        return st;
    RecordBytes out;
    Writer w(out, false);
    w.i16(2);
    w.string(key.group);
    return out;
}

Result<GroupMetadataKey> decodeGroupMetadataKey(RecordView bytes)
{
    Reader r(bytes, false);
    GroupMetadataKey key;
    int16_t version = 0;
    if (readVersion(r, version, 2, 2))
        key.group = r.string("group");
    if (!r.ok())
        return r.status("GroupMetadataKey", ErrorCode::CorruptMessage);
    return key;
}

Result<RecordBytes> encodeOffsetCommitValue(const OffsetCommitValue &v)
{
    if (Status st = checkVersion("OffsetCommitValue", v.version, 0, 3); !st)
        return st;
    if (Status st = checkStrings("OffsetCommitValue", {v.metadata}); !st)
        return st;
    RecordBytes out;
    Writer w(out, false);
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
    Reader r(*bytes, false);
    OffsetCommitValue v;
    if (readVersion(r, v.version, 0, 3)) {
        v.offset = r.i64("offset");
        if (v.version >= 3)
            v.leaderEpoch = r.i32("leaderEpoch");
        v.metadata = r.string("metadata");
        v.commitTimestamp = r.i64("commitTimestamp");
        if (v.version == 1)
            v.expireTimestamp = r.i64("expireTimestamp");
    }
    if (!r.ok())
        return r.status("OffsetCommitValue", ErrorCode::CorruptMessage);
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
    Writer w(out, false);
    w.i16(v.version);
    w.string(v.protocolType);
    w.i32(v.generation);
    w.nullableString(view(v.protocol));
    w.nullableString(view(v.leader));
    if (v.version >= 2)
        w.i64(v.currentStateTimestamp);
    w.arrayCount(v.members.size());
    for (const auto &m : v.members) {
        w.string(m.memberId);
        if (v.version >= 3)
            w.nullableString(view(m.groupInstanceId));
        w.string(m.clientId);
        w.string(m.clientHost);
        if (v.version >= 1)
            w.i32(m.rebalanceTimeoutMs);
        w.i32(m.sessionTimeoutMs);
        w.bytes(m.subscription);
        w.bytes(m.assignment);
    }
    return out;
}

Result<std::optional<GroupMetadataValue>> decodeGroupMetadataValue(std::optional<RecordView> bytes)
{
    if (!bytes)
        return std::optional<GroupMetadataValue>{}; // tombstone: the group was removed
    constexpr const char *kWhat = "GroupMetadataValue";
    Reader r(*bytes, false);
    GroupMetadataValue v;
    if (!readVersion(r, v.version, 0, 3))
        return r.status(kWhat, ErrorCode::CorruptMessage);
    v.protocolType = r.string("protocolType");
    v.generation = r.i32("generation");
    v.protocol = r.nullableString("protocol");
    v.leader = r.nullableString("leader");
    if (v.version >= 2)
        v.currentStateTimestamp = r.i64("currentStateTimestamp");
    // A member is at least 3 strings, 1 INT32 and 2 BYTES: 2 * 3 + 4 + 4 * 2 bytes.
    const int32_t count = r.requiredArrayCount("members", 18);
    for (int32_t i = 0; i < count && r.ok(); ++i) {
        GroupMemberMetadata m;
        const std::string at = fmt::format("members[{}].", i);
        m.memberId = r.string((at + "memberId").c_str());
        if (v.version >= 3)
            m.groupInstanceId = r.nullableString((at + "groupInstanceId").c_str());
        m.clientId = r.string((at + "clientId").c_str());
        m.clientHost = r.string((at + "clientHost").c_str());
        if (v.version >= 1)
            m.rebalanceTimeoutMs = r.i32((at + "rebalanceTimeout").c_str());
        m.sessionTimeoutMs = r.i32((at + "sessionTimeout").c_str());
        if (v.version == 0)
            m.rebalanceTimeoutMs = m.sessionTimeoutMs; // Kafka's reader does the same for v0
        m.subscription = r.bytes((at + "subscription").c_str());
        m.assignment = r.bytes((at + "assignment").c_str());
        v.members.push_back(std::move(m));
    }
    if (!r.ok())
        return r.status(kWhat, ErrorCode::CorruptMessage);
    return std::optional<GroupMetadataValue>(std::move(v));
}

} // namespace kl
