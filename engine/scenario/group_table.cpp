// The --describe table: rows collected as Kafka's ConsumerGroupCommand collects them, then
// padded with its format string "%-Gs %-Ts %-10s %-15s %-15s %-15s %-Cs %-Hs %s".
#include "scenario/group_table.h"

#include <fmt/format.h>

#include <algorithm>

namespace kl {

namespace {

constexpr const char *kMissing = "-"; // Kafka's MISSING_COLUMN_VALUE

struct Row {
    std::string topic = kMissing;
    std::string partition = kMissing;
    std::string currentOffset = kMissing;
    std::string logEndOffset = kMissing;
    std::string lag = kMissing;
    std::string consumerId = kMissing;
    std::string host = kMissing;
    std::string clientId = kMissing;
};

std::string orMissing(const std::string &value)
{
    return value.empty() ? std::string(kMissing) : value;
}

const GroupPartitionSnapshot *findPartition(const GroupSnapshot &g, const std::string &topic, int32_t partition)
{
    for (const GroupPartitionSnapshot &p : g.partitions)
        if (p.topic == topic && p.partition == partition)
            return &p;
    return nullptr;
}

// One partition's offsets; lag as the tool computes it: end offset - committed, "-" if none.
void fillOffsets(Row &row, const GroupPartitionSnapshot *p)
{
    if (!p)
        return;
    row.logEndOffset = std::to_string(p->logEndOffset);
    if (p->committedOffset >= 0) {
        row.currentOffset = std::to_string(p->committedOffset);
        row.lag = std::to_string(p->logEndOffset - p->committedOffset);
    }
}

// Kafka sorts a member's partitions by partition number only; topics break ties here so the
// order is fixed (Kafka's comes from a hash set).
bool byPartition(const TopicPartitionRef &a, const TopicPartitionRef &b)
{
    return a.partition != b.partition ? a.partition < b.partition : a.topic < b.topic;
}

std::vector<Row> collectRows(const GroupSnapshot &g, const GroupDescribeOptions &options)
{
    std::vector<const GroupMemberSnapshotView *> members;
    for (const GroupMemberSnapshotView &m : g.members)
        if (!m.assigned.empty() || options.showIdleMembers)
            members.push_back(&m);
    std::stable_sort(members.begin(), members.end(),
        [](const auto *a, const auto *b) { return a->assigned.size() > b->assigned.size(); });

    std::vector<Row> rows;
    std::vector<TopicPartitionRef> owned;
    for (const GroupMemberSnapshotView *m : members) {
        Row base;
        base.consumerId = orMissing(m->memberId);
        base.host = orMissing(m->host);
        base.clientId = orMissing(m->clientId);
        if (m->assigned.empty()) {
            rows.push_back(base);
            continue;
        }
        std::vector<TopicPartitionRef> assigned = m->assigned;
        std::sort(assigned.begin(), assigned.end(), byPartition);
        for (const TopicPartitionRef &tp : assigned) {
            Row row = base;
            row.topic = orMissing(tp.topic);
            row.partition = std::to_string(tp.partition);
            fillOffsets(row, findPartition(g, tp.topic, tp.partition));
            rows.push_back(std::move(row));
            owned.push_back(tp);
        }
    }

    // Committed offsets of partitions no member owns (a crashed member's, before the rebalance
    // ends; every partition of an Empty group).
    std::vector<TopicPartitionRef> orphans;
    for (const GroupPartitionSnapshot &p : g.partitions) {
        const TopicPartitionRef tp {p.topic, p.partition};
        if (p.committedOffset >= 0 && std::find(owned.begin(), owned.end(), tp) == owned.end())
            orphans.push_back(tp);
    }
    std::sort(orphans.begin(), orphans.end(), byPartition);
    for (const TopicPartitionRef &tp : orphans) {
        Row row;
        row.topic = tp.topic;
        row.partition = std::to_string(tp.partition);
        fillOffsets(row, findPartition(g, tp.topic, tp.partition));
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace

GroupDescribeText describeGroup(const GroupSnapshot &group, const GroupDescribeOptions &options)
{
    GroupDescribeText out;
    const std::vector<Row> rows = collectRows(group, options);
    const std::string &state = group.state;
    if (state == "Dead")
        out.notices.push_back(fmt::format("Error: Consumer group '{}' does not exist.", group.groupId));
    else if (state == "Empty")
        out.notices.push_back(fmt::format("Consumer group '{}' has no active members.", group.groupId));
    else if (state == "PreparingRebalance" || state == "CompletingRebalance")
        out.notices.push_back(fmt::format("Warning: Consumer group '{}' is rebalancing.", group.groupId));
    if (state == "Dead" || rows.empty())
        return out;

    size_t groupWidth = std::max<size_t>(15, group.groupId.size());
    size_t topicWidth = 15, consumerWidth = 15, hostWidth = 15;
    for (const Row &r : rows) {
        topicWidth = std::max(topicWidth, r.topic.size());
        consumerWidth = std::max(consumerWidth, r.consumerId.size());
        hostWidth = std::max(hostWidth, r.host.size());
    }
    const auto line = [&](const std::string &groupId, const Row &r) {
        return fmt::format("{:<{}} {:<{}} {:<10} {:<15} {:<15} {:<15} {:<{}} {:<{}} {}\n", groupId, groupWidth,
            r.topic, topicWidth, r.partition, r.currentOffset, r.logEndOffset, r.lag, r.consumerId, consumerWidth,
            r.host, hostWidth, r.clientId);
    };
    const Row header {"TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"};
    out.table = line("GROUP", header);
    for (const Row &r : rows)
        out.table += line(group.groupId, r);
    return out;
}

std::string describeGroupsText(const std::vector<GroupSnapshot> &groups, const GroupDescribeOptions &options)
{
    std::vector<const GroupSnapshot *> sorted;
    for (const GroupSnapshot &g : groups)
        sorted.push_back(&g);
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto *a, const auto *b) { return a->groupId < b->groupId; });
    std::string text;
    for (const GroupSnapshot *g : sorted) {
        const GroupDescribeText d = describeGroup(*g, options);
        for (const std::string &notice : d.notices)
            text += "\n" + notice + "\n";
        if (!d.table.empty())
            text += "\n" + d.table;
    }
    return text;
}

} // namespace kl
