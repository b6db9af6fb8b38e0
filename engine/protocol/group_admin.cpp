// The group admin APIs, answered by the coordinators on the connection's broker:
//  - DescribeGroups (key 15), v0-v5 (flexible from v5): state, protocol, members with their
//    client id, host, metadata and assignment (both only when Stable), as Kafka's; a group
//    another broker coordinates gets NOT_COORDINATOR, an unknown one is "Dead".
//  - ListGroups (key 16), v0-v5 (flexible from v3): the groups this broker coordinates (a
//    client asks every broker), filtered by state (v4+); every group here is "classic" (v5+).
//  - DeleteGroups (key 42), v0-v2 (flexible from v2): empty groups only (NON_EMPTY_GROUP).
#include "protocol/group_job.h"

#include <algorithm>
#include <cctype>

namespace kl::proto {

namespace {

constexpr int32_t kNoAuthorizedOperations = INT32_MIN;

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

} // namespace

Status handleDescribeGroups(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                            Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    std::vector<std::string> ids;
    const int32_t count = in.arrayCount("groups", 1);
    for (int32_t i = 0; i < count && in.ok(); ++i)
        ids.push_back(in.string("groups[]"));
    if (v >= 3)
        in.boolean("include_authorized_operations");
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    const int32_t broker = context.broker;
    answer.job = [v, flexible, broker, ids = std::move(ids)](EngineCore &core, std::function<void(Bytes)> done) {
        Bytes body;
        Writer w(body, flexible);
        if (v >= 1)
            w.i32(0); // throttle_time_ms
        w.arrayCount(ids.size());
        for (const std::string &id : ids) {
            DescribedGroup g;
            g.groupId = id;
            core.withGroupCoordinator(id, broker, [&](GroupCoordinator *c, ErrorCode error) {
                if (c)
                    g = c->describeGroups({id}).front();
                else
                    g.errorCode = error;
            });
            w.i16(static_cast<int16_t>(g.errorCode));
            w.string(g.groupId);
            w.string(g.groupState);
            w.string(g.protocolType);
            w.string(g.protocolData);
            w.arrayCount(g.members.size());
            for (const DescribedGroupMember &m : g.members) {
                w.string(m.memberId);
                if (v >= 4)
                    w.nullableString(optionalView(m.groupInstanceId));
                w.string(m.clientId);
                w.string(m.clientHost);
                w.bytes(ByteSpan(m.memberMetadata));
                w.bytes(ByteSpan(m.memberAssignment));
                w.tags();
            }
            if (v >= 3)
                w.i32(kNoAuthorizedOperations);
            w.tags();
        }
        w.tags();
        done(std::move(body));
    };
    return Status::ok();
}

Status handleListGroups(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                        Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    std::vector<std::string> states, types;
    if (v >= 4) {
        const int32_t n = in.arrayCount("states_filter", 1);
        for (int32_t i = 0; i < n && in.ok(); ++i)
            states.push_back(in.string("states_filter[]"));
    }
    if (v >= 5) {
        const int32_t n = in.arrayCount("types_filter", 1);
        for (int32_t i = 0; i < n && in.ok(); ++i)
            types.push_back(lower(in.string("types_filter[]")));
    }
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    const int32_t broker = context.broker;
    answer.job = [v, flexible, broker, states = std::move(states), types = std::move(types)](EngineCore &core,
                     std::function<void(Bytes)> done) {
        std::vector<ListedGroup> groups;
        ErrorCode error = ErrorCode::None;
        const bool classicWanted = types.empty() || std::find(types.begin(), types.end(), "classic") != types.end();
        core.forEachGroupCoordinatorOn(broker, [&](GroupCoordinator &c) {
            const ListGroupsResponse r = c.listGroups(states);
            if (r.errorCode != ErrorCode::None)
                error = r.errorCode;
            if (classicWanted)
                groups.insert(groups.end(), r.groups.begin(), r.groups.end());
        });
        std::sort(groups.begin(), groups.end(), [](const ListedGroup &a, const ListedGroup &b) { return a.groupId < b.groupId; });
        Bytes body;
        Writer w(body, flexible);
        if (v >= 1)
            w.i32(0); // throttle_time_ms
        w.i16(static_cast<int16_t>(error));
        w.arrayCount(groups.size());
        for (const ListedGroup &g : groups) {
            w.string(g.groupId);
            w.string(g.protocolType);
            if (v >= 4)
                w.string(g.groupState);
            if (v >= 5)
                w.string("classic");
            w.tags();
        }
        w.tags();
        done(std::move(body));
    };
    return Status::ok();
}

Status handleDeleteGroups(const RequestHeader &, Reader &in, Writer &out, const RequestContext &context,
                          Answer &answer)
{
    const bool flexible = out.flexible();
    std::vector<std::string> ids;
    const int32_t count = in.arrayCount("groups_names", 1);
    for (int32_t i = 0; i < count && in.ok(); ++i)
        ids.push_back(in.string("groups_names[]"));
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    const int32_t broker = context.broker;
    answer.job = [flexible, broker, ids = std::move(ids)](EngineCore &core, std::function<void(Bytes)> done) {
        Bytes body;
        Writer w(body, flexible);
        w.i32(0); // throttle_time_ms
        w.arrayCount(ids.size());
        for (const std::string &id : ids) {
            ErrorCode code = ErrorCode::None;
            core.withGroupCoordinator(id, broker, [&](GroupCoordinator *c, ErrorCode error) {
                code = c ? c->deleteGroups({id}).front().errorCode : error;
            });
            w.string(id);
            w.i16(static_cast<int16_t>(code));
            w.tags();
        }
        w.tags();
        done(std::move(body));
    };
    return Status::ok();
}

} // namespace kl::proto
