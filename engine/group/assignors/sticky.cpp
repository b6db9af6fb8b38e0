// The sticky core shared by StickyAssignor and CooperativeStickyAssignor (see sticky.h): Kafka
// 4.x's AbstractStickyAssignor without racks, step by step.
#include "group/assignors/sticky.h"

#include <algorithm>
#include <set>

namespace kl {

// java.lang.String.hashCode: over the UTF-16 code units of the (UTF-8) string. Topic names are
// ASCII in Kafka; member ids start with the client id, which need not be.
int32_t javaStringHash(std::string_view s)
{
    uint32_t h = 0;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        uint32_t cp = length == 1 ? c : length == 2 ? c & 0x1Fu : length == 3 ? c & 0x0Fu : c & 0x07u;
        for (size_t k = 1; k < length && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        i += length;
        if (cp >= 0x10000) { // a surrogate pair
            cp -= 0x10000;
            h = 31u * h + (0xD800u + (cp >> 10));
            h = 31u * h + (0xDC00u + (cp & 0x3FFu));
        } else {
            h = 31u * h + cp;
        }
    }
    return static_cast<int32_t>(h);
}

namespace {

using Lists = std::map<std::string, std::vector<TopicPartition>>;

// ---- Java's hash-based iteration orders (see sticky.h, "Order") ----

int32_t javaHash(const std::string &s)
{
    return javaStringHash(s);
}

// org.apache.kafka.common.TopicPartition.hashCode.
int32_t javaHash(const TopicPartition &tp)
{
    uint32_t h = 31u + static_cast<uint32_t>(tp.partition);
    h = 31u * h + static_cast<uint32_t>(javaHash(tp.topic));
    return static_cast<int32_t>(h);
}

// java.util.HashMap's bucket of a hash in a table of `capacity` (a power of two).
size_t javaBucket(int32_t hash, size_t capacity)
{
    const auto h = static_cast<uint32_t>(hash);
    return (h ^ (h >> 16)) & (capacity - 1);
}

// The table size of a `new HashMap<>()` after n puts: 16, doubled whenever size > 0.75 * capacity.
size_t javaCapacity(size_t n)
{
    size_t capacity = 16;
    while (n > capacity * 3 / 4)
        capacity *= 2;
    return capacity;
}

// The order a Java HashMap<String, ...> filled with `ids` (in this order) iterates its keys: by
// bucket, then insertion order within a bucket.
std::vector<std::string> javaHashMapOrder(const std::vector<std::string> &ids)
{
    const size_t capacity = javaCapacity(ids.size());
    std::vector<std::pair<size_t, size_t>> keyed; // (bucket, insertion index)
    for (size_t i = 0; i < ids.size(); ++i)
        keyed.push_back({javaBucket(javaHash(ids[i]), capacity), i});
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::string> out;
    for (const auto &[bucket, i] : keyed)
        out.push_back(ids[i]);
    return out;
}

// A java.util.HashSet<TopicPartition>, for the one place Java takes "any" element of one
// (PartitionMovements: iterator().next()): the first in bucket order.
class JavaPartitionSet {
public:
    void add(const TopicPartition &tp)
    {
        if (contains(tp))
            return;
        m_items.push_back({tp, m_nextSeq++});
        if (m_items.size() > m_capacity * 3 / 4)
            m_capacity *= 2;
    }
    void remove(const TopicPartition &tp)
    {
        std::erase_if(m_items, [&](const auto &item) { return item.first == tp; });
    }
    bool contains(const TopicPartition &tp) const
    {
        return std::any_of(m_items.begin(), m_items.end(),
                           [&](const auto &item) { return item.first == tp; });
    }
    bool empty() const { return m_items.empty(); }
    TopicPartition first() const
    {
        auto key = [&](const std::pair<TopicPartition, uint64_t> &item) {
            return std::pair(javaBucket(javaHash(item.first), m_capacity), item.second);
        };
        return std::min_element(m_items.begin(), m_items.end(),
                                [&](const auto &a, const auto &b) { return key(a) < key(b); })
            ->first;
    }

private:
    std::vector<std::pair<TopicPartition, uint64_t>> m_items; // (partition, insertion sequence)
    uint64_t m_nextSeq = 0;
    size_t m_capacity = 16;
};

// ---- what every path shares ----

struct Input {
    std::map<std::string, int32_t> partitionsPerTopic; // subscribed topics that exist
    std::vector<const MemberSubscription *> members;   // Java's subscriptions map order
    std::map<std::string, const MemberSubscription *> byId;
    int32_t maxGeneration = -1;
};

bool allSubscriptionsEqual(const std::vector<MemberSubscription> &members)
{
    if (members.empty())
        return true;
    const std::set<std::string> first(members.front().topics.begin(), members.front().topics.end());
    return std::all_of(members.begin(), members.end(), [&](const MemberSubscription &m) {
        return std::set<std::string>(m.topics.begin(), m.topics.end()) == first;
    });
}

// Java's allSubscriptionsEqual ownership pass: each member's claims on subscribed topics, where a
// partition claimed twice goes to the higher generation, and two claims in the same generation
// invalidate each other (the partition lands in `multiplyClaimed`). Claims on partitions that do
// not exist are dropped too (Kafka never shrinks a topic; this only guards bad input).
Lists resolveOwnership(const Input &in, std::set<TopicPartition> &multiplyClaimed)
{
    Lists owned;
    std::map<TopicPartition, std::string> previousOwner;
    for (const MemberSubscription *m : in.members) {
        std::vector<TopicPartition> &mine = owned[m->memberId];
        std::set<TopicPartition> seen; // a member listing a partition twice claims it once
        for (const auto &tp : m->ownedPartitions) {
            auto topic = in.partitionsPerTopic.find(tp.topic);
            if (topic == in.partitionsPerTopic.end() || tp.partition < 0 || tp.partition >= topic->second
                || !seen.insert(tp).second)
                continue;
            auto other = previousOwner.find(tp);
            if (other == previousOwner.end()) {
                mine.push_back(tp);
                previousOwner[tp] = m->memberId;
                continue;
            }
            const int32_t otherGeneration = in.byId.at(other->second)->generation;
            auto &theirs = owned[other->second];
            if (m->generation == otherGeneration) {
                multiplyClaimed.insert(tp);
                std::erase(theirs, tp);
                other->second = m->memberId;
            } else if (m->generation > otherGeneration) {
                mine.push_back(tp);
                std::erase(theirs, tp);
                other->second = m->memberId;
            } // else the other member's newer claim stands
        }
    }
    return owned;
}

// ---- ConstrainedAssignmentBuilder (every member subscribes to the same topics) ----

StickyResult constrainedAssign(const Input &in, Lists owned, const std::set<TopicPartition> &multiplyClaimed)
{
    StickyResult result;
    size_t total = 0;
    for (const auto &[topic, count] : in.partitionsPerTopic)
        total += static_cast<size_t>(count);
    const size_t consumers = in.members.size();
    const size_t minQuota = total / consumers;
    const size_t maxQuota = (total + consumers - 1) / consumers;
    const size_t expectedOverMin = total % consumers;
    size_t overMin = 0;

    std::set<TopicPartition> revoked;
    std::vector<std::string> underMin;   // unfilledMembersWithUnderMinQuotaPartitions
    std::vector<std::string> exactlyMin; // unfilledMembersWithExactlyMinQuotaPartitions
    std::set<TopicPartition> assigned;
    Lists &assignment = result.assignment;

    std::vector<std::string> ids;
    for (const MemberSubscription *m : in.members)
        ids.push_back(m->memberId);
    for (const std::string &consumer : javaHashMapOrder(ids)) {
        std::vector<TopicPartition> mine = owned[consumer];
        // Java sorts owned partitions by partition number, then topic.
        std::sort(mine.begin(), mine.end(), [](const TopicPartition &a, const TopicPartition &b) {
            return std::tie(a.partition, a.topic) < std::tie(b.partition, b.topic);
        });
        std::erase_if(mine, [&](const TopicPartition &tp) { return multiplyClaimed.count(tp) > 0; });
        std::vector<TopicPartition> &target = assignment[consumer];
        size_t keep = 0;
        if (mine.size() < minQuota) {
            keep = mine.size();
            underMin.push_back(consumer);
        } else if (mine.size() >= maxQuota && overMin < expectedOverMin) {
            keep = maxQuota;
            if (++overMin == expectedOverMin)
                exactlyMin.clear();
        } else {
            keep = minQuota;
            if (overMin < expectedOverMin)
                exactlyMin.push_back(consumer);
        }
        target.assign(mine.begin(), mine.begin() + static_cast<std::ptrdiff_t>(keep));
        assigned.insert(target.begin(), target.end());
        revoked.insert(mine.begin() + static_cast<std::ptrdiff_t>(keep), mine.end());
    }

    std::vector<TopicPartition> unassigned; // by topic, then partition
    for (const auto &[topic, count] : in.partitionsPerTopic)
        for (int32_t p = 0; p < count; ++p)
            if (!assigned.count({topic, p}))
                unassigned.push_back({topic, p});
    std::sort(underMin.begin(), underMin.end());
    std::sort(exactlyMin.begin(), exactlyMin.end());

    // assignRoundRobin: cycle through the members under minQuota; once none is left, one each to
    // the members at exactly minQuota (in id order) until the expected number hold maxQuota.
    size_t cursor = 0;
    for (const TopicPartition &tp : unassigned) {
        std::string consumer;
        bool fromUnder = false;
        if (cursor < underMin.size()) {
            consumer = underMin[cursor];
            fromUnder = true;
        } else if (underMin.empty() && exactlyMin.empty()) {
            break; // Java throws here ("No more unfilled consumers"): cannot happen with exact quotas
        } else if (underMin.empty()) {
            consumer = exactlyMin.front();
            exactlyMin.erase(exactlyMin.begin());
        } else {
            cursor = 0;
            consumer = underMin[cursor];
            fromUnder = true;
        }
        std::vector<TopicPartition> &target = assignment[consumer];
        target.push_back(tp);
        if (revoked.count(tp) || multiplyClaimed.count(tp))
            result.transferring[tp] = consumer;
        if (target.size() == minQuota && fromUnder) {
            underMin.erase(underMin.begin() + static_cast<std::ptrdiff_t>(cursor));
            exactlyMin.push_back(consumer);
        } else {
            if (fromUnder)
                ++cursor;
            if (target.size() == maxQuota)
                ++overMin;
        }
    }
    return result;
}

// ---- GeneralAssignmentBuilder (unequal subscriptions) ----

struct ConsumerPair {
    std::string src;
    std::string dst;
    auto operator<=>(const ConsumerPair &) const = default;
};

// AbstractStickyAssignor.PartitionMovements: which partitions moved between which members during
// this assignment, so a partition moving back undoes a move instead of making a second one.
class PartitionMovements {
public:
    void move(const TopicPartition &tp, const std::string &oldConsumer, const std::string &newConsumer)
    {
        if (auto it = m_movements.find(tp); it != m_movements.end()) {
            const ConsumerPair existing = removeRecord(tp);
            if (existing.src != newConsumer)
                addRecord(tp, {existing.src, newConsumer});
        } else {
            addRecord(tp, {oldConsumer, newConsumer});
        }
    }

    // getTheActualPartitionToBeMoved
    TopicPartition actualPartitionToMove(const TopicPartition &tp, std::string oldConsumer,
                                         const std::string &newConsumer) const
    {
        auto topic = m_byTopic.find(tp.topic);
        if (topic == m_byTopic.end())
            return tp;
        if (auto it = m_movements.find(tp); it != m_movements.end())
            oldConsumer = it->second.src;
        auto reverse = topic->second.find({newConsumer, oldConsumer});
        if (reverse == topic->second.end())
            return tp;
        return reverse->second.first();
    }

private:
    ConsumerPair removeRecord(const TopicPartition &tp)
    {
        const ConsumerPair pair = m_movements.at(tp);
        m_movements.erase(tp);
        auto &forTopic = m_byTopic[tp.topic];
        forTopic[pair].remove(tp);
        if (forTopic[pair].empty())
            forTopic.erase(pair);
        if (forTopic.empty())
            m_byTopic.erase(tp.topic);
        return pair;
    }
    void addRecord(const TopicPartition &tp, const ConsumerPair &pair)
    {
        m_movements[tp] = pair;
        m_byTopic[tp.topic][pair].add(tp);
    }

    std::map<std::string, std::map<ConsumerPair, JavaPartitionSet>> m_byTopic;
    std::map<TopicPartition, ConsumerPair> m_movements;
};

class GeneralAssignment {
public:
    GeneralAssignment(const Input &in, Lists owned) : m_in(in), m_current(std::move(owned))
    {
        for (const auto &[topic, count] : in.partitionsPerTopic)
            m_topicConsumers[topic];
        for (const MemberSubscription *m : in.members) {
            auto &topics = m_consumerTopics[m->memberId];
            for (const auto &topic : m->topics) {
                if (in.partitionsPerTopic.count(topic)
                    && std::find(topics.begin(), topics.end(), topic) == topics.end()) {
                    topics.push_back(topic);
                    m_topicConsumers[topic].push_back(m->memberId);
                }
            }
            m_current[m->memberId];
        }
        for (const auto &[consumer, partitions] : m_current)
            for (const auto &tp : partitions)
                m_partitionConsumer[tp] = consumer;
        // Topics with fewer potential consumers first (TopicComparator), then by name.
        std::vector<std::string> topics;
        for (const auto &[topic, count] : in.partitionsPerTopic)
            topics.push_back(topic);
        std::sort(topics.begin(), topics.end(), [&](const std::string &a, const std::string &b) {
            return std::pair(m_topicConsumers[a].size(), a) < std::pair(m_topicConsumers[b].size(), b);
        });
        for (const auto &topic : topics)
            for (int32_t p = 0; p < in.partitionsPerTopic.at(topic); ++p)
                m_sortedAll.push_back({topic, p});
    }

    Lists build()
    {
        prepopulatePreviousAssignment();
        const std::set<TopicPartition> assigned = assignOwnedPartitions();
        std::vector<TopicPartition> unassigned;
        for (const auto &tp : m_sortedAll)
            if (!assigned.count(tp))
                unassigned.push_back(tp);
        balance(unassigned);
        return m_current;
    }

private:
    struct Previous {
        std::string consumer;
        int32_t generation;
    };

    size_t size(const std::string &consumer) const { return m_current.at(consumer).size(); }

    bool subscribes(const std::string &consumer, const std::string &topic) const
    {
        const auto &topics = m_consumerTopics.at(consumer);
        return std::find(topics.begin(), topics.end(), topic) != topics.end();
    }

    size_t maxAssignmentSize(const std::string &consumer) const
    {
        size_t n = 0;
        for (const auto &topic : m_consumerTopics.at(consumer))
            n += static_cast<size_t>(m_in.partitionsPerTopic.at(topic));
        return n;
    }

    // sortedCurrentSubscriptions: the members still taking part, fewest partitions first, then by id.
    std::vector<std::string> sortedConsumers() const
    {
        std::vector<std::string> out;
        for (const auto &[consumer, partitions] : m_current)
            out.push_back(consumer);
        std::stable_sort(out.begin(), out.end(), [&](const std::string &a, const std::string &b) {
            return size(a) < size(b);
        });
        return out;
    }

    // The claims of members older than the group's newest generation: a partition's newest such
    // owner is where a move prefers to send it back (prevAssignment).
    void prepopulatePreviousAssignment()
    {
        for (const MemberSubscription *m : m_in.members) {
            if (m->generation >= m_in.maxGeneration)
                continue;
            for (const auto &tp : m->ownedPartitions) {
                auto it = m_previous.find(tp);
                if (it == m_previous.end())
                    m_previous.emplace(tp, Previous{m->memberId, m->generation});
                else if (m->generation > it->second.generation)
                    it->second = Previous{m->memberId, m->generation};
            }
        }
    }

    std::set<TopicPartition> assignOwnedPartitions()
    {
        std::set<TopicPartition> assigned;
        for (auto &[consumer, partitions] : m_current) {
            std::vector<TopicPartition> kept;
            for (const auto &tp : partitions) {
                if (!subscribes(consumer, tp.topic)) {
                    m_revocationRequired = true; // no longer subscribed: it must move
                    continue;
                }
                kept.push_back(tp);
                assigned.insert(tp);
            }
            partitions = kept;
        }
        return assigned;
    }

    bool isBalanced() const
    {
        const std::vector<std::string> sorted = sortedConsumers();
        if (sorted.empty() || size(sorted.front()) + 1 >= size(sorted.back()))
            return true;
        std::map<TopicPartition, std::string> owner;
        for (const auto &[consumer, partitions] : m_current)
            for (const auto &tp : partitions)
                owner[tp] = consumer;
        for (const std::string &consumer : sorted) {
            const size_t count = size(consumer);
            if (count == maxAssignmentSize(consumer))
                continue;
            const auto &mine = m_current.at(consumer);
            for (const auto &topic : m_consumerTopics.at(consumer)) {
                for (int32_t p = 0; p < m_in.partitionsPerTopic.at(topic); ++p) {
                    const TopicPartition tp{topic, p};
                    if (std::find(mine.begin(), mine.end(), tp) != mine.end())
                        continue;
                    auto other = owner.find(tp);
                    if (other != owner.end() && count + 1 < size(other->second))
                        return false; // it could take tp from a member with two or more over it
                }
            }
        }
        return true;
    }

    static int64_t balanceScore(const Lists &assignment)
    {
        std::vector<int64_t> sizes;
        for (const auto &[consumer, partitions] : assignment)
            sizes.push_back(static_cast<int64_t>(partitions.size()));
        int64_t score = 0;
        for (size_t i = 0; i < sizes.size(); ++i)
            for (size_t j = i + 1; j < sizes.size(); ++j)
                score += std::abs(sizes[i] - sizes[j]);
        return score;
    }

    bool canConsumerParticipate(const std::string &consumer) const
    {
        if (size(consumer) < maxAssignmentSize(consumer))
            return true;
        for (const auto &tp : m_current.at(consumer))
            if (m_topicConsumers.at(tp.topic).size() >= 2)
                return true;
        return false;
    }

    void balance(std::vector<TopicPartition> unassigned)
    {
        const std::vector<std::string> sorted = sortedConsumers();
        const bool initializing = sorted.empty() || m_current.at(sorted.back()).empty();

        // maybeAssign: each unassigned partition to the member with the fewest partitions that
        // subscribes to its topic.
        for (const auto &tp : unassigned) {
            if (m_topicConsumers.at(tp.topic).empty())
                continue;
            for (const std::string &consumer : sortedConsumers()) {
                if (subscribes(consumer, tp.topic)) {
                    m_current[consumer].push_back(tp);
                    m_partitionConsumer[tp] = consumer;
                    break;
                }
            }
        }

        // Only partitions with two or more potential members, and members that could change,
        // take part in the balancing.
        auto fixedPartition = [&](const TopicPartition &tp) {
            return m_topicConsumers.at(tp.topic).size() < 2;
        };
        std::erase_if(m_sortedAll, fixedPartition);
        std::erase_if(unassigned, fixedPartition);
        Lists fixed;
        for (const auto &[consumer, topics] : m_consumerTopics) {
            if (!canConsumerParticipate(consumer)) {
                fixed[consumer] = m_current.at(consumer);
                m_current.erase(consumer);
            }
        }

        const Lists preBalance = m_current;
        const std::map<TopicPartition, std::string> preBalanceOwners = m_partitionConsumer;
        // Without forced revocations, first try to balance by moving only the newly assigned partitions.
        if (!m_revocationRequired)
            performReassignments(unassigned);
        const bool reassigned = performReassignments(m_sortedAll);
        // Keep the moves only if they improved the balance.
        if (!initializing && reassigned && balanceScore(m_current) >= balanceScore(preBalance)) {
            m_current = preBalance;
            m_partitionConsumer = preBalanceOwners;
        }
        for (auto &[consumer, partitions] : fixed)
            m_current[consumer] = partitions;
    }

    bool performReassignments(const std::vector<TopicPartition> &reassignable)
    {
        bool reassigned = false;
        bool modified = false;
        do {
            modified = false;
            for (size_t i = 0; i < reassignable.size() && !isBalanced(); ++i) {
                const TopicPartition &tp = reassignable[i];
                auto owner = m_partitionConsumer.find(tp);
                if (owner == m_partitionConsumer.end() || !m_current.count(owner->second))
                    continue; // Java logs "Expected partition to be assigned to a consumer"
                const std::string consumer = owner->second;
                // Back to its previous owner if that one has two or more fewer.
                if (auto prev = m_previous.find(tp);
                    prev != m_previous.end() && m_current.count(prev->second.consumer)
                    && size(consumer) > size(prev->second.consumer) + 1) {
                    reassignPartition(tp, prev->second.consumer);
                    reassigned = modified = true;
                    continue;
                }
                // Otherwise to the least loaded subscriber if some subscriber has two or more fewer.
                for (const std::string &other : m_topicConsumers.at(tp.topic)) {
                    if (m_current.count(other) && size(consumer) > size(other) + 1) {
                        reassignPartition(tp);
                        reassigned = modified = true;
                        break;
                    }
                }
            }
        } while (modified);
        return reassigned;
    }

    void reassignPartition(const TopicPartition &tp)
    {
        for (const std::string &consumer : sortedConsumers()) {
            if (subscribes(consumer, tp.topic)) {
                reassignPartition(tp, consumer);
                return;
            }
        }
    }

    void reassignPartition(const TopicPartition &tp, const std::string &newConsumer)
    {
        const std::string consumer = m_partitionConsumer.at(tp);
        const TopicPartition moved = m_movements.actualPartitionToMove(tp, consumer, newConsumer);
        const std::string oldConsumer = m_partitionConsumer.at(moved);
        m_movements.move(moved, oldConsumer, newConsumer);
        auto &from = m_current.at(oldConsumer);
        if (auto it = std::find(from.begin(), from.end(), moved); it != from.end())
            from.erase(it);
        m_current.at(newConsumer).push_back(moved);
        m_partitionConsumer[moved] = newConsumer;
    }

    const Input &m_in;
    Lists m_current;
    std::map<std::string, std::vector<std::string>> m_topicConsumers;  // topic2AllPotentialConsumers
    std::map<std::string, std::vector<std::string>> m_consumerTopics;  // consumer2AllPotentialTopics
    std::map<TopicPartition, std::string> m_partitionConsumer;         // currentPartitionConsumer
    std::map<TopicPartition, Previous> m_previous;                     // prevAssignment
    std::vector<TopicPartition> m_sortedAll;
    PartitionMovements m_movements;
    bool m_revocationRequired = false;
};

// CooperativeStickyAssignor.computePartitionsTransferringOwnership, for the general path: a
// partition some member reported owning (its ownedPartitions as sent, whatever its generation)
// that now goes to a member which did not own it.
std::map<TopicPartition, std::string> addedWhileOwnedElsewhere(const Input &in,
                                                               const GroupAssignment &assignment)
{
    std::map<TopicPartition, std::string> added;
    std::set<TopicPartition> revoked;
    for (const auto &[consumer, partitions] : assignment) {
        auto sub = in.byId.find(consumer);
        const std::vector<TopicPartition> none;
        const auto &owned = sub == in.byId.end() ? none : sub->second->ownedPartitions;
        for (const auto &tp : partitions)
            if (std::find(owned.begin(), owned.end(), tp) == owned.end())
                added[tp] = consumer;
        for (const auto &tp : owned)
            if (std::find(partitions.begin(), partitions.end(), tp) == partitions.end())
                revoked.insert(tp);
    }
    std::erase_if(added, [&](const auto &entry) { return !revoked.count(entry.first); });
    return added;
}

} // namespace

StickyResult stickyAssign(const std::map<std::string, int32_t> &partitionsPerTopic,
                          const std::vector<MemberSubscription> &subscriptions)
{
    const std::vector<MemberSubscription> sorted = sortedMembers(subscriptions);
    Input in;
    std::vector<std::string> ids;
    for (const auto &m : sorted) {
        ids.push_back(m.memberId);
        in.byId[m.memberId] = &m;
        in.maxGeneration = std::max(in.maxGeneration, m.generation);
        for (const auto &t : m.topics) {
            auto it = partitionsPerTopic.find(t);
            if (it != partitionsPerTopic.end() && it->second > 0)
                in.partitionsPerTopic[t] = it->second;
        }
    }
    if (sorted.empty())
        return {};
    // Java's subscriptions map iterates in hash order; so do we wherever that order matters.
    for (const auto &id : javaHashMapOrder(ids))
        in.members.push_back(in.byId.at(id));

    std::set<TopicPartition> multiplyClaimed;
    Lists owned = resolveOwnership(in, multiplyClaimed);
    StickyResult result;
    if (allSubscriptionsEqual(sorted)) {
        result = constrainedAssign(in, std::move(owned), multiplyClaimed);
    } else {
        result.assignment = GeneralAssignment(in, std::move(owned)).build();
        sortAssignment(result.assignment);
        result.transferring = addedWhileOwnedElsewhere(in, result.assignment);
    }
    for (const auto &m : sorted)
        result.assignment[m.memberId];
    sortAssignment(result.assignment);
    return result;
}

} // namespace kl
