// The sticky core shared by StickyAssignor and CooperativeStickyAssignor (see sticky.h).
#include "group/assignors/sticky.h"

#include <algorithm>
#include <set>

namespace kl {

namespace {

struct Member {
    const MemberSubscription *sub = nullptr;
    std::set<std::string> topics;          // subscribed topics that exist
    std::vector<TopicPartition> owned;     // valid previous ownership, sorted
    std::vector<TopicPartition> assigned;  // being built
};

bool partitionExists(const std::map<std::string, int32_t> &partitionsPerTopic, const TopicPartition &tp)
{
    auto it = partitionsPerTopic.find(tp.topic);
    return it != partitionsPerTopic.end() && tp.partition >= 0 && tp.partition < it->second;
}

bool allSubscriptionsEqual(const std::vector<MemberSubscription> &members)
{
    if (members.empty())
        return true;
    const std::set<std::string> first(members.front().topics.begin(), members.front().topics.end());
    return std::all_of(members.begin(), members.end(), [&](const MemberSubscription &m) {
        return std::set<std::string>(m.topics.begin(), m.topics.end()) == first;
    });
}

// Fills Member::owned with the claims that survive the generation rules in sticky.h.
void resolveOwnership(std::vector<Member> &members, const std::map<std::string, int32_t> &partitionsPerTopic,
                      bool equalSubscriptions)
{
    int32_t maxGeneration = -1;
    for (const auto &m : members)
        maxGeneration = std::max(maxGeneration, m.sub->generation);

    // partition -> (generation, member index) of every admissible claim
    std::map<TopicPartition, std::vector<std::pair<int32_t, size_t>>> claims;
    for (size_t i = 0; i < members.size(); ++i) {
        const Member &m = members[i];
        if (equalSubscriptions && m.sub->generation != maxGeneration)
            continue; // a member of an older generation lost its claims in constrainedAssign
        std::set<TopicPartition> seen; // a member listing a partition twice claims it once
        for (const auto &tp : m.sub->ownedPartitions) {
            if (!m.topics.count(tp.topic) || !partitionExists(partitionsPerTopic, tp) || !seen.insert(tp).second)
                continue;
            claims[tp].push_back({m.sub->generation, i});
        }
    }
    for (auto &[tp, list] : claims) {
        int32_t best = list.front().first;
        for (const auto &c : list)
            best = std::max(best, c.first);
        size_t winners = 0;
        size_t winner = 0;
        for (const auto &c : list) {
            if (c.first == best) {
                ++winners;
                winner = c.second;
            }
        }
        if (winners == 1) // two claims in the same generation invalidate each other
            members[winner].owned.push_back(tp);
    }
    for (auto &m : members)
        std::sort(m.owned.begin(), m.owned.end());
}

// Kafka's constrainedAssign: every member subscribes to the same topics.
void constrainedAssign(std::vector<Member> &members, const std::vector<TopicPartition> &allPartitions)
{
    const size_t total = allPartitions.size();
    const size_t count = members.size();
    const size_t minQuota = total / count;
    const size_t maxQuota = (total + count - 1) / count;
    const size_t expectedOverMin = total % count;
    size_t overMin = 0;

    std::set<TopicPartition> kept;
    for (auto &m : members) {
        size_t keep = std::min(m.owned.size(), minQuota);
        if (m.owned.size() >= maxQuota && overMin < expectedOverMin && maxQuota > minQuota) {
            keep = maxQuota;
            ++overMin;
        }
        m.assigned.assign(m.owned.begin(), m.owned.begin() + static_cast<std::ptrdiff_t>(keep));
        kept.insert(m.assigned.begin(), m.assigned.end());
    }

    std::vector<TopicPartition> unassigned;
    for (const auto &tp : allPartitions) {
        if (!kept.count(tp))
            unassigned.push_back(tp);
    }
    size_t next = 0;
    // Round-robin to members below minQuota, so topics spread across them.
    bool progress = true;
    while (next < unassigned.size() && progress) {
        progress = false;
        for (auto &m : members) {
            if (next < unassigned.size() && m.assigned.size() < minQuota) {
                m.assigned.push_back(unassigned[next++]);
                progress = true;
            }
        }
    }
    // Then one more each to members at minQuota, until P % C members hold maxQuota.
    for (auto &m : members) {
        if (next >= unassigned.size())
            break;
        if (m.assigned.size() == minQuota && overMin < expectedOverMin) {
            m.assigned.push_back(unassigned[next++]);
            ++overMin;
        }
    }
}

// A simpler stand-in for Kafka's generalAssign (unequal subscriptions); see sticky.h.
void generalAssign(std::vector<Member> &members, const std::vector<TopicPartition> &allPartitions)
{
    std::set<TopicPartition> taken;
    for (auto &m : members) {
        m.assigned = m.owned;
        taken.insert(m.owned.begin(), m.owned.end());
    }

    auto eligible = [&](const TopicPartition &tp) {
        size_t n = 0;
        for (const auto &m : members)
            n += m.topics.count(tp.topic);
        return n;
    };
    std::vector<TopicPartition> unassigned;
    for (const auto &tp : allPartitions) {
        if (!taken.count(tp))
            unassigned.push_back(tp);
    }
    // Most constrained partitions first (Kafka sorts by the number of potential consumers).
    std::stable_sort(unassigned.begin(), unassigned.end(),
                     [&](const TopicPartition &a, const TopicPartition &b) { return eligible(a) < eligible(b); });

    auto leastLoaded = [&](const std::string &topic, const Member *exclude) -> Member * {
        Member *best = nullptr;
        for (auto &m : members) {
            if (&m == exclude || !m.topics.count(topic))
                continue;
            if (!best || m.assigned.size() < best->assigned.size())
                best = &m;
        }
        return best;
    };
    for (const auto &tp : unassigned) {
        if (Member *m = leastLoaded(tp.topic, nullptr))
            m->assigned.push_back(tp);
    }

    // Move from the most loaded member to an eligible one with at least two fewer. Every move
    // lowers the sum of squared counts, so the loop ends.
    for (bool moved = true; moved;) {
        moved = false;
        std::vector<Member *> byLoad;
        for (auto &m : members)
            byLoad.push_back(&m);
        std::stable_sort(byLoad.begin(), byLoad.end(),
                         [](const Member *a, const Member *b) { return a->assigned.size() > b->assigned.size(); });
        for (Member *heavy : byLoad) {
            std::sort(heavy->assigned.begin(), heavy->assigned.end());
            for (size_t i = heavy->assigned.size(); i-- > 0 && !moved;) {
                const TopicPartition tp = heavy->assigned[i];
                Member *light = leastLoaded(tp.topic, heavy);
                if (light && light->assigned.size() + 1 < heavy->assigned.size()) {
                    heavy->assigned.erase(heavy->assigned.begin() + static_cast<std::ptrdiff_t>(i));
                    light->assigned.push_back(tp);
                    moved = true;
                }
            }
            if (moved)
                break;
        }
    }
}

} // namespace

StickyResult stickyAssign(const std::map<std::string, int32_t> &partitionsPerTopic,
                          const std::vector<MemberSubscription> &subscriptions)
{
    StickyResult result;
    result.assignment = emptyAssignment(subscriptions);
    const std::vector<MemberSubscription> sorted = sortedMembers(subscriptions);
    if (sorted.empty())
        return result;

    std::vector<Member> members(sorted.size());
    std::set<std::string> subscribedTopics;
    for (size_t i = 0; i < sorted.size(); ++i) {
        members[i].sub = &sorted[i];
        for (const auto &t : sorted[i].topics) {
            auto it = partitionsPerTopic.find(t);
            if (it != partitionsPerTopic.end() && it->second > 0) {
                members[i].topics.insert(t);
                subscribedTopics.insert(t);
            }
        }
    }
    std::vector<TopicPartition> allPartitions; // sorted: topics in order, then partitions
    for (const auto &topic : subscribedTopics) {
        for (int32_t p = 0; p < partitionsPerTopic.at(topic); ++p)
            allPartitions.push_back({topic, p});
    }

    const bool equal = allSubscriptionsEqual(sorted);
    resolveOwnership(members, partitionsPerTopic, equal);
    if (equal)
        constrainedAssign(members, allPartitions);
    else
        generalAssign(members, allPartitions);

    for (auto &m : members) {
        std::sort(m.assigned.begin(), m.assigned.end());
        result.assignment[m.sub->memberId] = m.assigned;
    }
    for (const auto &m : members) {
        for (const auto &tp : m.owned) {
            if (!std::binary_search(m.assigned.begin(), m.assigned.end(), tp)) {
                // Only a partition someone else now gets is transferring; one nobody gets
                // (cannot happen today) would simply be revoked.
                for (const auto &other : members) {
                    if (&other != &m && std::binary_search(other.assigned.begin(), other.assigned.end(), tp))
                        result.transferring[tp] = m.sub->memberId;
                }
            }
        }
    }
    return result;
}

} // namespace kl
