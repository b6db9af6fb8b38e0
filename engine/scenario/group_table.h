// The `kafka-consumer-groups.sh --describe` view of one group, as text, from a GroupSnapshot:
//
//   GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID
//   billing         orders          0          40              52              12              c-1-4f0e        /sim            consumer-1
//
// Formatted as Kafka's ConsumerGroupCommand prints it: GROUP, TOPIC, CONSUMER-ID and HOST are
// left-aligned to max(15, longest value), PARTITION to 10, the three offset columns to 15,
// CLIENT-ID unpadded, one space between columns, "-" where a value is missing (no committed
// offset: CURRENT-OFFSET and LAG are "-"). Rows: members that own partitions, those with more
// partitions first (stable), each member's partitions by partition number; then partitions
// nobody owns that have a committed offset, with "-" for the consumer columns. LAG is
// LOG-END-OFFSET - CURRENT-OFFSET, as the tool computes it. Members without partitions get no
// row (Kafka >= 1.1); GroupDescribeOptions::showIdleMembers prints them as Kafka 1.0 did, with
// "-" for the partition columns. The tool's messages about the group's state (rebalancing, no
// active members, does not exist) are returned apart, since it prints them on stderr.
// Pure functions; any thread. The CLI (`simulate`, later `groups`) and the GUI share them.
#pragma once

#include "api/snapshot.h"

#include <string>
#include <vector>

namespace kl {

struct GroupDescribeOptions {
    bool showIdleMembers = false;
};

struct GroupDescribeText {
    std::string table;                 // header + rows, each ending in '\n'; "" when Kafka prints none
    std::vector<std::string> notices;  // "Warning: Consumer group 'g' is rebalancing." ...
};

GroupDescribeText describeGroup(const GroupSnapshot &group, const GroupDescribeOptions &options = {});

// Kafka prints each group's table after a blank line: "\n" + table, groups in id order.
std::string describeGroupsText(const std::vector<GroupSnapshot> &groups, const GroupDescribeOptions &options = {});

} // namespace kl
