#include "group/assignors/roundrobin.h"

#include <algorithm>

namespace kl {

GroupAssignment RoundRobinAssignor::assign(const std::map<std::string, int32_t> &partitionsPerTopic,
                                           const std::vector<MemberSubscription> &members) const
{
    GroupAssignment result = emptyAssignment(members);
    const std::vector<MemberSubscription> sorted = sortedMembers(members);
    if (sorted.empty())
        return result;

    auto subscribed = [](const MemberSubscription &m, const std::string &topic) {
        return std::find(m.topics.begin(), m.topics.end(), topic) != m.topics.end();
    };

    size_t next = 0; // Kafka's CircularIterator over the sorted members
    for (const auto &[topic, count] : partitionsPerTopic) { // std::map: topics sorted
        if (count <= 0)
            continue;
        if (std::none_of(sorted.begin(), sorted.end(),
                         [&, &name = topic](const MemberSubscription &m) { return subscribed(m, name); }))
            continue; // nobody subscribes (Kafka never lists such topics); do not spin
        for (int32_t p = 0; p < count; ++p) {
            while (!subscribed(sorted[next], topic))
                next = (next + 1) % sorted.size();
            result[sorted[next].memberId].push_back({topic, p});
            next = (next + 1) % sorted.size();
        }
    }
    sortAssignment(result);
    return result;
}

} // namespace kl
