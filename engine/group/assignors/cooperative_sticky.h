// CooperativeStickyAssignor: mirrors org.apache.kafka.clients.consumer.CooperativeStickyAssignor
// (KIP-429, incremental cooperative rebalancing). It computes the same target as the sticky
// assignor (sticky.h) but never hands a partition straight from one member to another: a
// partition another member still owns is LEFT OUT of this round's assignment (Kafka's
// adjustAssignment removes partitionsTransferringOwnership: with equal subscriptions what an owner
// gave up over its quota or what two members claimed in the same generation; otherwise whatever
// a member reported in ownedPartitions and another member now gets). The owner sees it missing,
// revokes it (owned - assigned, see partitionsToRevoke), and because a member that revoked
// something rejoins at once, a second rebalance follows in which the partition is unowned and
// goes to its new member. Members keep consuming everything that does not move.
//
// Worked example: t0 with 6 partitions, generation 1: C0 [p0 p1 p2], C1 [p3 p4 p5]; C2 joins.
//   Round 1: the sticky target is C0 [p0 p1], C1 [p3 p4], C2 [p2 p5]; p2 and p5 would move, so
//            the assignment is C0 [p0 p1], C1 [p3 p4], C2 [] and partitionsToRevoke gives
//            C0 [p2], C1 [p5]. Nobody stops consuming p0 p1 p3 p4.
//   Round 2: C0 owns [p0 p1], C1 owns [p3 p4] (generation 2); p2 and p5 are unowned, so the
//            assignment is C0 [p0 p1], C1 [p3 p4], C2 [p2 p5] and nothing is revoked.
// An eager assignor would revoke all six partitions from everyone before the single round.
// Pure; any thread.
#pragma once

#include "group/assignor.h"

namespace kl {

class CooperativeStickyAssignor final : public Assignor {
public:
    static constexpr std::string_view kName = "cooperative-sticky";
    std::string_view name() const override { return kName; }
    bool cooperative() const override { return true; }
    GroupAssignment assign(const std::map<std::string, int32_t> &partitionsPerTopic,
                           const std::vector<MemberSubscription> &members) const override;
};

// For each member: the partitions it owned (ownedPartitions) that `assignment` no longer gives
// it, sorted; every member appears, possibly with an empty list. Under the cooperative
// protocol this is exactly what each member must revoke before it may rejoin.
GroupAssignment partitionsToRevoke(const std::vector<MemberSubscription> &members,
                                   const GroupAssignment &assignment);

} // namespace kl
