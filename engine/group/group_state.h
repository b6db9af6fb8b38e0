// GroupState: Kafka's classic consumer-group state machine (kafka.coordinator.group.GroupState).
// Names are spelled exactly as Kafka prints them (DescribeGroups, ListGroups, kafka-consumer-groups).
// Plain values; any thread.
#pragma once

#include <optional>
#include <string_view>

namespace kl {

enum class GroupState {
    // No members. Offsets may still be stored (a simple, standalone consumer commits here).
    Empty,
    // A rebalance is under way: members must (re)send JoinGroup before the rebalance timeout.
    PreparingRebalance,
    // The join phase ended with a new generation; waiting for the leader's SyncGroup assignment.
    CompletingRebalance,
    // Every member has its assignment; heartbeats keep the members alive.
    Stable,
    // The group was deleted or unloaded (moved to another coordinator); it accepts nothing.
    Dead,
};

constexpr std::string_view toString(GroupState state)
{
    switch (state) {
    case GroupState::Empty: return "Empty";
    case GroupState::PreparingRebalance: return "PreparingRebalance";
    case GroupState::CompletingRebalance: return "CompletingRebalance";
    case GroupState::Stable: return "Stable";
    case GroupState::Dead: return "Dead";
    }
    return "Unknown";
}

// Parses Kafka's exact spelling ("Stable", "PreparingRebalance", ...).
inline std::optional<GroupState> groupStateFromString(std::string_view name)
{
    for (GroupState s : {GroupState::Empty, GroupState::PreparingRebalance,
                         GroupState::CompletingRebalance, GroupState::Stable, GroupState::Dead}) {
        if (toString(s) == name)
            return s;
    }
    return std::nullopt;
}

// Kafka's GroupMetadata.validPreviousStates: the only legal transitions.
constexpr bool isValidGroupTransition(GroupState from, GroupState to)
{
    switch (to) {
    case GroupState::Dead: return true;
    case GroupState::CompletingRebalance: return from == GroupState::PreparingRebalance;
    case GroupState::Stable: return from == GroupState::CompletingRebalance;
    case GroupState::PreparingRebalance:
        return from == GroupState::Stable || from == GroupState::CompletingRebalance
            || from == GroupState::Empty;
    case GroupState::Empty: return from == GroupState::PreparingRebalance;
    }
    return false;
}

} // namespace kl
