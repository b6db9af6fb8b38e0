// Shared value types for consumer groups: topic-partitions and assignments. Plain values.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kl {

struct TopicPartition {
    std::string topic;
    int32_t partition = 0;
    auto operator<=>(const TopicPartition &) const = default;
    bool operator==(const TopicPartition &) const = default;
};

// member id -> the partitions it owns, each list sorted.
using GroupAssignment = std::map<std::string, std::vector<TopicPartition>>;

} // namespace kl
