// RoundRobinAssignor: mirrors org.apache.kafka.clients.consumer.RoundRobinAssignor. All
// topic-partitions, sorted by (topic, partition), are dealt one at a time to the members in
// MemberInfo order (see assignor.h), cycling; a member not subscribed to a partition's topic
// is skipped for that partition (the cycle moves on until a subscriber is found).
//
// Worked example (Kafka's javadoc): consumers C0, C1; topics t0, t1 with 3 partitions each.
//   deal t0p0 C0, t0p1 C1, t0p2 C0, t1p0 C1, t1p1 C0, t1p2 C1
//   result: C0 [t0p0, t0p2, t1p1], C1 [t0p1, t1p0, t1p2]
// With unequal subscriptions (C0 {t0}, C1 {t0, t1}, C2 {t0, t1, t2}; t0 1, t1 2, t2 3
// partitions) it is unbalanced: C0 [t0p0], C1 [t1p0], C2 [t1p1, t2p0, t2p1, t2p2].
// Pure; any thread.
#pragma once

#include "group/assignor.h"

namespace kl {

class RoundRobinAssignor final : public Assignor {
public:
    static constexpr std::string_view kName = "roundrobin";
    std::string_view name() const override { return kName; }
    GroupAssignment assign(const std::map<std::string, int32_t> &partitionsPerTopic,
                           const std::vector<MemberSubscription> &members) const override;
};

} // namespace kl
