// Heartbeat (key 12), v0-v4 (flexible from v4), and LeaveGroup (key 13), v0-v5 (flexible from
// v4; v3+ leaves many members at once, by member id or group instance id; v5+ with a reason),
// answered at once by the group's coordinator.
#include "protocol/group_job.h"

namespace kl::proto {

Status handleHeartbeat(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                       Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    HeartbeatRequest r;
    r.groupId = in.string("group_id");
    r.generationId = in.i32("generation_id");
    r.memberId = in.string("member_id");
    if (v >= 3)
        r.groupInstanceId = in.nullableString("group_instance_id");
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    const std::string groupId = r.groupId;
    answer.job = groupJob(groupId, context.broker,
        [v, flexible, r = std::move(r)](GroupCoordinator *c, ErrorCode error, std::function<void(Bytes)> done) {
            const ErrorCode code = c ? c->heartbeat(r).errorCode : error;
            Bytes body;
            Writer w(body, flexible);
            if (v >= 1)
                w.i32(0); // throttle_time_ms
            w.i16(static_cast<int16_t>(code));
            w.tags();
            done(std::move(body));
        });
    return Status::ok();
}

Status handleLeaveGroup(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                        Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    LeaveGroupRequest r;
    r.groupId = in.string("group_id");
    if (v <= 2) {
        LeaveGroupMember m;
        m.memberId = in.string("member_id");
        r.members.push_back(std::move(m));
    } else {
        const int32_t count = in.arrayCount("members", 2);
        for (int32_t i = 0; i < count && in.ok(); ++i) {
            LeaveGroupMember m;
            m.memberId = in.string("members[].member_id");
            m.groupInstanceId = in.nullableString("members[].group_instance_id");
            if (v >= 5)
                m.reason = in.nullableString("members[].reason").value_or("");
            in.skipTags("members[]: tagged fields");
            r.members.push_back(std::move(m));
        }
    }
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    const std::string groupId = r.groupId;
    answer.job = groupJob(groupId, context.broker,
        [v, flexible, r = std::move(r)](GroupCoordinator *c, ErrorCode error, std::function<void(Bytes)> done) {
            LeaveGroupResponse response;
            if (c)
                response = c->leaveGroup(r);
            else
                response.errorCode = error;
            Bytes body;
            Writer w(body, flexible);
            if (v >= 1)
                w.i32(0); // throttle_time_ms
            if (v <= 2) {
                // One member, its error at the top (Kafka's LeaveGroupResponse for v0-v2).
                ErrorCode code = response.errorCode;
                if (code == ErrorCode::None && !response.members.empty())
                    code = response.members.front().errorCode;
                w.i16(static_cast<int16_t>(code));
            } else {
                w.i16(static_cast<int16_t>(response.errorCode));
                w.arrayCount(response.members.size());
                for (const LeaveGroupMemberResponse &m : response.members) {
                    w.string(m.memberId);
                    w.nullableString(optionalView(m.groupInstanceId));
                    w.i16(static_cast<int16_t>(m.errorCode));
                    w.tags();
                }
            }
            w.tags();
            done(std::move(body));
        });
    return Status::ok();
}

} // namespace kl::proto
