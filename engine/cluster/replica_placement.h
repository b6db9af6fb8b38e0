// Replica placement without racks, as ZooKeeper-mode Kafka does it
// (AdminUtils.assignReplicasToBrokersRackUnaware): a random startIndex and shift; partition p's
// first replica is broker[(p + startIndex) % n]; replica j+1 is
// broker[(first + 1 + (shift + j) % (n - 1)) % n]; shift grows by one each time p reaches a
// multiple of n. Leaders (first replicas) spread round-robin, followers are staggered so losing
// one broker does not move all of its followers' load onto one other broker.
// Worked example, brokers [1,2,3], startIndex 0, shift 0, RF 2, 4 partitions:
//   p0 -> [1,2], p1 -> [2,3], p2 -> [3,1], p3 (shift 1) -> [1,3].
// Pure function; the randomness comes from the caller's seeded generator.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace kl {

struct PlacementStart {
    int32_t startIndex = 0;
    int32_t shift = 0;
};

// Draws startIndex and shift in [0, brokerCount) from rng.
PlacementStart randomPlacementStart(int32_t brokerCount, std::mt19937_64 &rng);

// When adding partitions Kafka passes startIndex = shift = the index of partition 0's leader.
// Assignments for partitions firstPartition .. firstPartition+count-1 over brokers 1..brokerCount.
// REQUIRES: 1 <= replicationFactor <= brokerCount.
std::vector<std::vector<int32_t>> assignReplicas(int32_t brokerCount, int32_t replicationFactor,
    int32_t firstPartition, int32_t count, PlacementStart start);

} // namespace kl
