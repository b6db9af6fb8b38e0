// Names and one-line renderings of group events. See group_events.h.
#include "group/group_events.h"

#include <fmt/format.h>

namespace kl {

std::string_view toString(GroupEventKind kind)
{
    switch (kind) {
    case GroupEventKind::MemberJoined: return "MemberJoined";
    case GroupEventKind::MemberLeft: return "MemberLeft";
    case GroupEventKind::MemberTimedOut: return "MemberTimedOut";
    case GroupEventKind::MemberFenced: return "MemberFenced";
    case GroupEventKind::RebalanceStarted: return "RebalanceStarted";
    case GroupEventKind::JoinCompleted: return "JoinCompleted";
    case GroupEventKind::RebalanceCompleted: return "RebalanceCompleted";
    case GroupEventKind::GroupEmptied: return "GroupEmptied";
    case GroupEventKind::OffsetsCommitted: return "OffsetsCommitted";
    case GroupEventKind::GroupDeleted: return "GroupDeleted";
    }
    return "Unknown";
}

std::string GroupEvent::toString() const
{
    std::string s = fmt::format("t={} group {} {} gen={}", timeMs, groupId, kl::toString(kind), generation);
    if (!memberId.empty())
        s += fmt::format(" member={}", memberId);
    if (!leader.empty() && (kind == GroupEventKind::JoinCompleted || kind == GroupEventKind::RebalanceCompleted))
        s += fmt::format(" leader={} protocol={}", leader, protocolName);
    if (!members.empty())
        s += fmt::format(" members={}", fmt::join(members, ","));
    if (!assignments.empty()) {
        s += " assignments=";
        bool first = true;
        for (const auto &[id, bytes] : assignments) {
            s += fmt::format("{}{}:{}B", first ? "" : ",", id, bytes.size());
            first = false;
        }
    }
    if (kind == GroupEventKind::RebalanceCompleted || kind == GroupEventKind::GroupEmptied)
        s += fmt::format(" duration={}ms", durationMs);
    for (const auto &o : offsets)
        s += fmt::format(" {}-{}@{}", o.topic, o.partition, o.offset);
    if (!reason.empty())
        s += fmt::format(": {}", reason);
    return s;
}

} // namespace kl
