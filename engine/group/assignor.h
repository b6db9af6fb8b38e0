// Partition assignors for the classic consumer group protocol: the strategy the group's leader
// member runs between JoinGroup and SyncGroup (Kafka's ConsumerPartitionAssignor). Each one is
// small, pure and registered by name ("range", "roundrobin", "sticky", "cooperative-sticky").
//
// Contract shared by every assignor:
//  - Inputs are sorted first (topics by name, members in Kafka's MemberInfo order: static
//    members by group.instance.id first, then dynamic members by member id), so the result
//    depends only on the input's content, never on its order. No randomness, no clock.
//  - Every member appears in the result, possibly with an empty list: idle consumers stay
//    visible (Kafka also sends them an empty assignment).
//  - Topics missing from partitionsPerTopic (unknown, or with a count <= 0) are skipped, as
//    Kafka skips topics without metadata.
//  - Each member's list is sorted by (topic, partition).
// Pure functions of their inputs; any thread.
#pragma once

#include "group/types.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kl {

// What a member sent in its JoinGroup metadata, decoded (see consumer_protocol.h).
struct MemberSubscription {
    std::string memberId;
    std::optional<std::string> groupInstanceId; // static membership (KIP-345)
    std::vector<std::string> topics;
    // What the member owned before this rebalance. Cooperative clients send it in the
    // subscription (v1+); eager sticky clients carry it in their userData instead, and the
    // caller decodes it into this field either way.
    std::vector<TopicPartition> ownedPartitions;
    // The generation ownedPartitions belong to (subscription v2+); -1 when unknown. The sticky
    // assignors use it to discard stale claims.
    int32_t generation = -1;
};

class Assignor {
public:
    virtual ~Assignor();
    virtual std::string_view name() const = 0;
    // True for assignors that only support the COOPERATIVE rebalance protocol (KIP-429).
    virtual bool cooperative() const { return false; }
    virtual GroupAssignment assign(const std::map<std::string, int32_t> &partitionsPerTopic,
                                   const std::vector<MemberSubscription> &members) const = 0;
};

// The assignor registered under `name`, or nullptr for an unknown name.
std::unique_ptr<Assignor> makeAssignor(std::string_view name);
// Every registered name, in a fixed order.
std::vector<std::string_view> assignorNames();

// Kafka's AbstractPartitionAssignor.MemberInfo ordering: static members (with a
// group.instance.id) before dynamic ones, statics by instance id, dynamics by member id.
bool memberInfoLess(const MemberSubscription &a, const MemberSubscription &b);
// Copies of `members` in memberInfoLess order.
std::vector<MemberSubscription> sortedMembers(const std::vector<MemberSubscription> &members);
// The result skeleton: every member id mapped to an empty list.
GroupAssignment emptyAssignment(const std::vector<MemberSubscription> &members);
// Sorts every list of `assignment` (the contract's last point).
void sortAssignment(GroupAssignment &assignment);

} // namespace kl
