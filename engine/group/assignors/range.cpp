#include "group/assignors/range.h"

#include <algorithm>

namespace kl {

GroupAssignment RangeAssignor::assign(const std::map<std::string, int32_t> &partitionsPerTopic,
                                      const std::vector<MemberSubscription> &members) const
{
    GroupAssignment result = emptyAssignment(members);
    const std::vector<MemberSubscription> sorted = sortedMembers(members);

    for (const auto &[topic, count] : partitionsPerTopic) {
        if (count <= 0)
            continue;
        std::vector<const MemberSubscription *> subscribers;
        for (const auto &m : sorted) {
            if (std::find(m.topics.begin(), m.topics.end(), topic) != m.topics.end())
                subscribers.push_back(&m);
        }
        if (subscribers.empty())
            continue;
        const int32_t consumers = static_cast<int32_t>(subscribers.size());
        const int32_t perConsumer = count / consumers;
        const int32_t extra = count % consumers;
        for (int32_t i = 0; i < consumers; ++i) {
            // Kafka: start = n * i + min(i, extra); length = n + (i + 1 > extra ? 0 : 1).
            const int32_t start = perConsumer * i + std::min(i, extra);
            const int32_t length = perConsumer + (i < extra ? 1 : 0);
            auto &list = result[subscribers[static_cast<size_t>(i)]->memberId];
            for (int32_t p = start; p < start + length; ++p)
                list.push_back({topic, p});
        }
    }
    sortAssignment(result);
    return result;
}

} // namespace kl
