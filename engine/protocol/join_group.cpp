// JoinGroup (key 11), v2-v9 (flexible from v6), answered by the group's coordinator
// (GroupCoordinator::joinGroup) once the join phase completes, which may be much later (the
// initial rebalance delay, other members rejoining): the connection waits, as with Kafka.
// v4+: a new member first gets MEMBER_ID_REQUIRED with its id; v5+: static membership;
// v8+: the reason; v9+: skip_assignment (KIP-814).
#include "protocol/group_job.h"

namespace kl::proto {

namespace {

Bytes joinResponse(int16_t v, bool flexible, const JoinGroupResponse &r)
{
    Bytes body;
    Writer out(body, flexible);
    out.i32(0); // throttle_time_ms (v2+)
    out.i16(static_cast<int16_t>(r.errorCode));
    out.i32(r.generationId);
    if (v >= 7) {
        out.nullableString(r.protocolType.empty() ? std::nullopt : std::optional<std::string_view>(r.protocolType));
        out.nullableString(r.protocolName.empty() ? std::nullopt : std::optional<std::string_view>(r.protocolName));
    } else {
        out.string(r.protocolName);
    }
    out.string(r.leader);
    if (v >= 9)
        out.boolean(r.skipAssignment);
    out.string(r.memberId);
    out.arrayCount(r.members.size());
    for (const JoinGroupResponseMember &m : r.members) {
        out.string(m.memberId);
        if (v >= 5)
            out.nullableString(optionalView(m.groupInstanceId));
        out.bytes(ByteSpan(m.metadata));
        out.tags();
    }
    out.tags();
    return body;
}

} // namespace

Status handleJoinGroup(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                       Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    JoinGroupRequest r;
    r.apiVersion = v;
    r.groupId = in.string("group_id");
    r.sessionTimeoutMs = in.i32("session_timeout_ms");
    r.rebalanceTimeoutMs = in.i32("rebalance_timeout_ms");
    r.memberId = in.string("member_id");
    if (v >= 5)
        r.groupInstanceId = in.nullableString("group_instance_id");
    r.protocolType = in.string("protocol_type");
    const int32_t protocols = in.arrayCount("protocols", 2);
    for (int32_t i = 0; i < protocols && in.ok(); ++i) {
        JoinGroupProtocol p;
        p.name = in.string("protocols[].name");
        p.metadata = readBytes(in, "protocols[].metadata");
        in.skipTags("protocols[]: tagged fields");
        r.protocols.push_back(std::move(p));
    }
    if (v >= 8)
        r.reason = in.nullableString("reason").value_or("");
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    r.clientId = header.clientId.value_or("");
    r.clientHost = context.clientHost;
    r.requireKnownMemberId = v >= 4;
    const std::string groupId = r.groupId;
    answer.job = groupJob(groupId, context.broker,
        [v, flexible, r = std::move(r)](GroupCoordinator *c, ErrorCode error, std::function<void(Bytes)> done) {
            if (!c) {
                JoinGroupResponse refused;
                refused.errorCode = error;
                refused.memberId = r.memberId;
                return done(joinResponse(v, flexible, refused));
            }
            c->joinGroup(r, [v, flexible, done = std::move(done)](const JoinGroupResponse &response) {
                done(joinResponse(v, flexible, response));
            });
        });
    return Status::ok();
}

} // namespace kl::proto
