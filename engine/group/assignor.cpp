// The assignor registry and the helpers every assignor shares.
#include "group/assignor.h"

#include "group/assignors/cooperative_sticky.h"
#include "group/assignors/range.h"
#include "group/assignors/roundrobin.h"
#include "group/assignors/sticky.h"

#include <algorithm>

namespace kl {

Assignor::~Assignor() = default;

std::unique_ptr<Assignor> makeAssignor(std::string_view name)
{
    if (name == RangeAssignor::kName)
        return std::make_unique<RangeAssignor>();
    if (name == RoundRobinAssignor::kName)
        return std::make_unique<RoundRobinAssignor>();
    if (name == StickyAssignor::kName)
        return std::make_unique<StickyAssignor>();
    if (name == CooperativeStickyAssignor::kName)
        return std::make_unique<CooperativeStickyAssignor>();
    return nullptr;
}

std::vector<std::string_view> assignorNames()
{
    return {RangeAssignor::kName, RoundRobinAssignor::kName, StickyAssignor::kName,
            CooperativeStickyAssignor::kName};
}

bool memberInfoLess(const MemberSubscription &a, const MemberSubscription &b)
{
    if (a.groupInstanceId && b.groupInstanceId) {
        if (*a.groupInstanceId != *b.groupInstanceId)
            return *a.groupInstanceId < *b.groupInstanceId;
        return a.memberId < b.memberId; // not in Kafka; keeps the order total for duplicates
    }
    if (a.groupInstanceId)
        return true;
    if (b.groupInstanceId)
        return false;
    return a.memberId < b.memberId;
}

std::vector<MemberSubscription> sortedMembers(const std::vector<MemberSubscription> &members)
{
    std::vector<MemberSubscription> sorted = members;
    std::stable_sort(sorted.begin(), sorted.end(), memberInfoLess);
    return sorted;
}

GroupAssignment emptyAssignment(const std::vector<MemberSubscription> &members)
{
    GroupAssignment result;
    for (const auto &m : members)
        result[m.memberId];
    return result;
}

void sortAssignment(GroupAssignment &assignment)
{
    for (auto &[member, partitions] : assignment)
        std::sort(partitions.begin(), partitions.end());
}

} // namespace kl
