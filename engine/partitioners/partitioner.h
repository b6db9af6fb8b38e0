// Partitioners: which partition a record goes to, exactly as real clients choose.
//  - murmur2: the Java client's default for keyed records,
//      (murmur2(keyBytes) & 0x7fffffff) % numPartitions, seed 0x9747b28c.
//  - crc32: librdkafka's default `consistent_random`: zlib CRC-32(key) % N; null or empty key
//      -> random partition.
//  - round-robin: Java's RoundRobinPartitioner, cycles 0,1,2,... per topic.
//  - uniform sticky (KIP-794): keyless records stick to one partition until `batch.size` bytes
//      were sent to it, then a new one is picked at random (never the same when N > 1).
//  - explicit: the record names its partition.
// The hash functions are pure; Partitioner objects hold per-topic state (round-robin counter,
// sticky partition) and are owned by one thread (the engine's, or a producer's).
#pragma once

#include "core/status.h"

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace kl {

// Java-compatible murmur2 (Utils.murmur2): returns the signed 32-bit hash.
int32_t murmur2(std::string_view bytes);
inline int32_t toPositive(int32_t h) { return h & 0x7fffffff; }
// zlib CRC-32 (IEEE), as librdkafka's consistent partitioners use.
uint32_t crc32Ieee(std::string_view bytes);

enum class PartitionerKind {
    Default,       // Java client: murmur2 for keyed records, uniform sticky for keyless ones
    Murmur2,       // murmur2 for keyed; keyless -> uniform sticky (same as Default)
    Crc32,         // librdkafka consistent_random
    RoundRobin,    // Java RoundRobinPartitioner (ignores keys)
    UniformSticky, // KIP-794 sticky, ignores keys
};
std::string_view partitionerName(PartitionerKind kind); // "murmur2", "crc32", ...
std::optional<PartitionerKind> partitionerFromName(std::string_view name);

struct PartitionChoice {
    int32_t partition = 0;
    // The rule that decided it, with the numbers, e.g.
    // murmur2("order-100") & 0x7fffffff = 1191522601; mod 6 = 1
    std::string explanation;
};

class Partitioner {
public:
    explicit Partitioner(PartitionerKind kind = PartitionerKind::Default, int32_t batchSize = 16384)
        : m_kind(kind), m_batchSize(batchSize) {}

    // key: nullopt = null key. explicitPartition, if set, wins (validated against numPartitions).
    // INVALID_PARTITIONS if numPartitions < 1; UNKNOWN_TOPIC_OR_PARTITION for a bad explicit one.
    Result<PartitionChoice> choose(std::optional<std::string_view> key, int32_t numPartitions,
                                   std::optional<int32_t> explicitPartition, std::mt19937_64 &rng);
    // Sticky partitioners count bytes sent to the current partition to know when to switch.
    void onAppend(int32_t partition, int64_t bytes);
    PartitionerKind kind() const { return m_kind; }

private:
    PartitionChoice sticky(int32_t numPartitions, std::mt19937_64 &rng);

    PartitionerKind m_kind;
    int32_t m_batchSize;
    uint32_t m_roundRobin = 0;
    int32_t m_stickyPartition = -1;
    int64_t m_stickyBytes = 0;
};

} // namespace kl
