// SyncGroup (key 14), v0-v5 (flexible from v4): the leader hands in the assignments, every
// member gets its own once the leader's arrived (GroupCoordinator::syncGroup, possibly later).
// v3+: static members; v5+: protocol type and name, checked when sent.
#include "protocol/group_job.h"

namespace kl::proto {

namespace {

Bytes syncResponse(int16_t v, bool flexible, const SyncGroupResponse &r)
{
    Bytes body;
    Writer out(body, flexible);
    if (v >= 1)
        out.i32(0); // throttle_time_ms
    out.i16(static_cast<int16_t>(r.errorCode));
    if (v >= 5) {
        out.nullableString(r.protocolType.empty() ? std::nullopt : std::optional<std::string_view>(r.protocolType));
        out.nullableString(r.protocolName.empty() ? std::nullopt : std::optional<std::string_view>(r.protocolName));
    }
    out.bytes(ByteSpan(r.assignment));
    out.tags();
    return body;
}

} // namespace

Status handleSyncGroup(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                       Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    SyncGroupRequest r;
    r.groupId = in.string("group_id");
    r.generationId = in.i32("generation_id");
    r.memberId = in.string("member_id");
    if (v >= 3)
        r.groupInstanceId = in.nullableString("group_instance_id");
    if (v >= 5) {
        r.protocolType = in.nullableString("protocol_type");
        r.protocolName = in.nullableString("protocol_name");
    }
    const int32_t count = in.arrayCount("assignments", 2);
    for (int32_t i = 0; i < count && in.ok(); ++i) {
        SyncGroupAssignment a;
        a.memberId = in.string("assignments[].member_id");
        a.assignment = readBytes(in, "assignments[].assignment");
        in.skipTags("assignments[]: tagged fields");
        r.assignments.push_back(std::move(a));
    }
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    const std::string groupId = r.groupId;
    answer.job = groupJob(groupId, context.broker,
        [v, flexible, r = std::move(r)](GroupCoordinator *c, ErrorCode error, std::function<void(Bytes)> done) {
            if (!c) {
                SyncGroupResponse refused;
                refused.errorCode = error;
                return done(syncResponse(v, flexible, refused));
            }
            c->syncGroup(r, [v, flexible, done = std::move(done)](const SyncGroupResponse &response) {
                done(syncResponse(v, flexible, response));
            });
        });
    return Status::ok();
}

} // namespace kl::proto
