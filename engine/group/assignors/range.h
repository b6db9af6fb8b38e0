// RangeAssignor: mirrors org.apache.kafka.clients.consumer.RangeAssignor (without its
// rack-aware extension). Per topic, independently: the members subscribed to it, in
// MemberInfo order (see assignor.h), split the partitions into contiguous ranges; with P
// partitions and C members each gets P / C and the first P % C members one more.
//
// Worked example (Kafka's javadoc): consumers C0, C1; topics t0, t1 with 3 partitions each.
//   t0: 3 / 2 = 1 each, 3 % 2 = 1 extra for C0  ->  C0 [t0p0, t0p1], C1 [t0p2]
//   t1: the same split                          ->  C0 [t1p0, t1p1], C1 [t1p2]
//   result: C0 [t0p0, t0p1, t1p0, t1p1], C1 [t0p2, t1p2]
// Because every topic favours the same first members, many topics with few partitions each
// load the first members most: the imbalance that roundrobin and sticky avoid.
// Pure; any thread.
#pragma once

#include "group/assignor.h"

namespace kl {

class RangeAssignor final : public Assignor {
public:
    static constexpr std::string_view kName = "range";
    std::string_view name() const override { return kName; }
    GroupAssignment assign(const std::map<std::string, int32_t> &partitionsPerTopic,
                           const std::vector<MemberSubscription> &members) const override;
};

} // namespace kl
