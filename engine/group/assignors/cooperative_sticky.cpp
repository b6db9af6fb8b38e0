#include "group/assignors/cooperative_sticky.h"

#include "group/assignors/sticky.h"

#include <algorithm>
#include <set>

namespace kl {

GroupAssignment CooperativeStickyAssignor::assign(const std::map<std::string, int32_t> &partitionsPerTopic,
                                                  const std::vector<MemberSubscription> &members) const
{
    StickyResult sticky = stickyAssign(partitionsPerTopic, members);
    // Kafka's adjustAssignment: take every partition that changes owner out of its new member's
    // list for this round.
    for (const auto &[tp, member] : sticky.transferring)
        if (auto it = sticky.assignment.find(member); it != sticky.assignment.end())
            std::erase(it->second, tp);
    return sticky.assignment;
}

GroupAssignment partitionsToRevoke(const std::vector<MemberSubscription> &members,
                                   const GroupAssignment &assignment)
{
    GroupAssignment result = emptyAssignment(members);
    for (const auto &m : members) {
        auto it = assignment.find(m.memberId);
        const std::set<TopicPartition> assigned = it == assignment.end()
                                                      ? std::set<TopicPartition>{}
                                                      : std::set<TopicPartition>(it->second.begin(), it->second.end());
        std::set<TopicPartition> revoke;
        for (const auto &tp : m.ownedPartitions) {
            if (!assigned.count(tp))
                revoke.insert(tp);
        }
        result[m.memberId].assign(revoke.begin(), revoke.end());
    }
    return result;
}

} // namespace kl
