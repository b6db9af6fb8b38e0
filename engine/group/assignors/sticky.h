// StickyAssignor: mirrors org.apache.kafka.clients.consumer.StickyAssignor (the EAGER
// protocol) and, through stickyAssign(), the shared core of Kafka's AbstractStickyAssignor that
// CooperativeStickyAssignor also uses. Two goals, in this order:
//  1. balance: with equal subscriptions, partition counts differ by at most one;
//  2. stickiness: as many partitions as possible stay with their previous owner.
//
// Kafka Lab follows Kafka 4.x's AbstractStickyAssignor (without rack awareness) step by step.
//
// Previous ownership comes from each member's ownedPartitions and generation (Java's
// allSubscriptionsEqual pass): a partition claimed by two members goes to the higher generation;
// two claims in the same generation invalidate each other (partitionsWithMultiplePreviousOwners).
// An older generation's claims otherwise stand. Claims on topics nobody subscribes to, or on
// partitions that do not exist, are dropped.
//
// Equal subscriptions follow ConstrainedAssignmentBuilder: with P partitions and C members,
// minQuota = P / C, maxQuota = ceil(P / C), and exactly P % C members may hold maxQuota. Each
// member keeps the first min(owned, quota) of its owned partitions sorted by (partition, topic)
// (maxQuota while such slots remain); everything else is dealt round-robin, in member id order,
// to members below minQuota, then one each to members at minQuota until P % C hold maxQuota.
// Partitions a member gave up, or that were claimed twice, and that now go to another member
// are `transferring`.
//
// Unequal subscriptions follow GeneralAssignmentBuilder: keep every valid claim on a topic the
// member still subscribes to; give each unowned partition (topics with fewer potential members
// first) to the subscribed member with the fewest partitions; then, while some member could take
// a partition from one holding two or more partitions more than it, move partitions (back to an
// older-generation owner first), and keep the moves only if they lowered the balance score (the
// sum over member pairs of the difference in partition counts). `transferring` is then what a
// member reported owning and another member now gets (CooperativeStickyAssignor's
// computePartitionsTransferringOwnership).
//
// Order. Where Java iterates a HashMap or HashSet, we iterate in the order Java's would: member
// ids (and TopicPartitions) by hash bucket, then insertion order, with the members inserted in
// MemberInfo order (a Java leader inserts them in the JoinGroup response's order, which only
// matters between ids in the same bucket). This decides, for example, which members may keep
// maxQuota. Where Java sorts, we sort by the same key. kafka-python's StickyPartitionAssignor
// (a port of Java's pre-2.8 assignor) gave the same result on every random unequal-subscription
// rebalance assignor_oracle.py tried; it differs from Java 4.x, and we follow Java, in that it
// has no constrainedAssign for equal subscriptions, its isBalanced tests `count < other` where
// Java tests `count + 1 < other`, a same-generation double claim stays with its first claimant
// instead of being withheld, and only a partition's second-newest owner counts as its previous
// owner.
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
    // Partitions handed from one member to another (see above): partition -> its new member.
    // CooperativeStickyAssignor withholds exactly these for one round (adjustAssignment).
    std::map<TopicPartition, std::string> transferring;
};

// java.lang.String.hashCode of a UTF-8 string (computed over its UTF-16 code units): the hash
// that orders member ids the way Java's HashMap iterates them.
int32_t javaStringHash(std::string_view s);

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
