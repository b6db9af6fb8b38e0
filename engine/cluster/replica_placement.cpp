#include "cluster/replica_placement.h"

#include <cassert>

namespace kl {

PlacementStart randomPlacementStart(int32_t brokerCount, std::mt19937_64 &rng)
{
    // Modulo of a 64-bit draw: the bias for n <= 9 is far below anything observable.
    PlacementStart start;
    start.startIndex = static_cast<int32_t>(rng() % static_cast<uint64_t>(brokerCount));
    start.shift = static_cast<int32_t>(rng() % static_cast<uint64_t>(brokerCount));
    return start;
}

std::vector<std::vector<int32_t>> assignReplicas(int32_t brokerCount, int32_t replicationFactor,
    int32_t firstPartition, int32_t count, PlacementStart start)
{
    assert(brokerCount >= 1 && replicationFactor >= 1 && replicationFactor <= brokerCount);
    const int32_t n = brokerCount;
    std::vector<std::vector<int32_t>> result;
    result.reserve(static_cast<size_t>(count));
    int32_t shift = start.shift;
    for (int32_t p = firstPartition; p < firstPartition + count; ++p) {
        if (p > 0 && p % n == 0)
            ++shift;
        const int32_t first = (p + start.startIndex) % n;
        std::vector<int32_t> replicas { first + 1 };
        for (int32_t j = 0; j < replicationFactor - 1; ++j) {
            const int32_t index = (first + 1 + (shift + j) % (n - 1)) % n;
            replicas.push_back(index + 1);
        }
        result.push_back(std::move(replicas));
    }
    return result;
}

} // namespace kl
