// StickyAssignor: mirrors org.apache.kafka.clients.consumer.StickyAssignor (the EAGER
// protocol) and, through stickyAssign(), the shared core of Kafka's AbstractStickyAssignor that
// CooperativeStickyAssignor also uses. Two goals, in this order:
//  1. balance: with equal subscriptions, partition counts differ by at most one;
//  2. stickiness: as many partitions as possible stay with their previous owner.
//
// Previous ownership comes from each member's ownedPartitions and generation; stale or
// conflicting claims are discarded first, as Kafka does:
//  - equal subscriptions (Kafka's constrainedAssign): only members of the highest generation
//    keep their claims; a partition claimed by two members of that generation is invalidated
//    for both;
//  - unequal subscriptions (Kafka's generalAssign): per partition the claim of the highest
//    generation wins; two claims at that generation invalidate each other.
// Claims on topics a member no longer subscribes to, or on partitions that no longer exist,
// are dropped.
//
// Equal subscriptions follow constrainedAssign: with P partitions and C members, minQuota =
// P / C, maxQuota = ceil(P / C), and exactly P % C members may hold maxQuota. Each member
// (MemberInfo order) keeps the first min(owned, quota) of its sorted owned partitions (maxQuota
// while such slots remain); everything else is dealt round-robin to members below minQuota,
// then one each to members at minQuota until P % C members hold maxQuota.
// Unequal subscriptions use a simpler stand-in for generalAssign: keep valid claims, give each
// unowned partition (fewest eligible members first) to its least-loaded eligible member, then
// move partitions from a member to an eligible one holding at least two fewer until no such
// move exists. Balanced in that sense, not always optimal.
//
// Worked example: t0 with 6 partitions. Generation 1: C0 [p0 p1 p2], C1 [p3 p4 p5]; C2 joins.
//   minQuota 2, maxQuota 2: C0 keeps p0 p1 (p2 freed), C1 keeps p3 p4 (p5 freed);
//   C2 gets p2 p5. Result C0 [p0 p1], C1 [p3 p4], C2 [p2 p5]: 2 of 6 partitions moved
//   (range would move 3: C0 [p0 p1], C1 [p2 p3], C2 [p4 p5]).
// When C2 then leaves, C0 and C1 keep theirs and share p2, p5: C0 [p0 p1 p2], C1 [p3 p4 p5].
// Pure; any thread.
#pragma once

#include "group/assignor.h"

namespace kl {

struct StickyResult {
    GroupAssignment assignment;
    // Partitions whose valid previous owner differs from their new member: partition -> the
    // previous owner. The cooperative assignor withholds exactly these for one round.
    std::map<TopicPartition, std::string> transferring;
};

StickyResult stickyAssign(const std::map<std::string, int32_t> &partitionsPerTopic,
                          const std::vector<MemberSubscription> &members);

class StickyAssignor final : public Assignor {
public:
    static constexpr std::string_view kName = "sticky";
    std::string_view name() const override { return kName; }
    GroupAssignment assign(const std::map<std::string, int32_t> &partitionsPerTopic,
                           const std::vector<MemberSubscription> &members) const override
    {
        return stickyAssign(partitionsPerTopic, members).assignment;
    }
};

} // namespace kl
