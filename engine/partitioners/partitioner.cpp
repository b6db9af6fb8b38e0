// Partitioners: the hash functions and the per-topic Partitioner state machine.
// The murmur2 here must agree bit for bit with the Java client's Utils.murmur2, so that a key
// lands on the same partition as it would with a real producer; the test vectors in
// tests/engine/test_partitioner.cpp come from kafka-python's port and zlib.
#include "partitioners/partitioner.h"

#include <fmt/format.h>
#include <zlib.h>

#include <array>
#include <utility>

namespace kl {

int32_t murmur2(std::string_view bytes)
{
    // Java does this arithmetic on signed ints with wraparound and `>>>` shifts; unsigned
    // arithmetic gives the same bits without C++ signed-overflow UB.
    constexpr uint32_t seed = 0x9747b28cU;
    constexpr uint32_t m = 0x5bd1e995U;
    constexpr int r = 24;

    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    const size_t length = bytes.size();
    uint32_t h = seed ^ static_cast<uint32_t>(length);

    const size_t length4 = length / 4;
    for (size_t i = 0; i < length4; ++i) {
        const size_t i4 = i * 4;
        uint32_t k = uint32_t(data[i4]) | (uint32_t(data[i4 + 1]) << 8)
            | (uint32_t(data[i4 + 2]) << 16) | (uint32_t(data[i4 + 3]) << 24);
        k *= m;
        k ^= k >> r;
        k *= m;
        h *= m;
        h ^= k;
    }

    const size_t tail = length & ~size_t(3);
    switch (length % 4) {
    case 3:
        h ^= uint32_t(data[tail + 2]) << 16;
        [[fallthrough]];
    case 2:
        h ^= uint32_t(data[tail + 1]) << 8;
        [[fallthrough]];
    case 1:
        h ^= uint32_t(data[tail]);
        h *= m;
        break;
    default:
        break;
    }

    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return static_cast<int32_t>(h);
}

uint32_t crc32Ieee(std::string_view bytes)
{
    uLong crc = ::crc32(0L, Z_NULL, 0);
    // zlib takes a uInt length; feed huge inputs in chunks rather than truncate.
    const auto *data = reinterpret_cast<const Bytef *>(bytes.data());
    size_t left = bytes.size();
    while (left > 0) {
        const uInt chunk = left > 0x40000000U ? 0x40000000U : static_cast<uInt>(left);
        crc = ::crc32(crc, data, chunk);
        data += chunk;
        left -= chunk;
    }
    return static_cast<uint32_t>(crc);
}

namespace {

constexpr std::array<std::pair<PartitionerKind, std::string_view>, 5> kNames{{
    {PartitionerKind::Default, "default"},
    {PartitionerKind::Murmur2, "murmur2"},
    {PartitionerKind::Crc32, "crc32"},
    {PartitionerKind::RoundRobin, "round-robin"},
    {PartitionerKind::UniformSticky, "uniform-sticky"},
}};

// A uniform pick in [0, n). `rng() % n` rather than std::uniform_int_distribution, whose
// algorithm differs between standard libraries: a seed must replay the same run everywhere.
// The modulo bias of a 64-bit draw over a partition count is far below anything observable.
int32_t randomPartition(std::mt19937_64 &rng, int32_t n)
{
    return static_cast<int32_t>(rng() % static_cast<uint64_t>(n));
}

} // namespace

std::string_view partitionerName(PartitionerKind kind)
{
    for (const auto &[k, name] : kNames) {
        if (k == kind)
            return name;
    }
    return "unknown";
}

std::optional<PartitionerKind> partitionerFromName(std::string_view name)
{
    for (const auto &[k, n] : kNames) {
        if (n == name)
            return k;
    }
    return std::nullopt;
}

Result<PartitionChoice> Partitioner::choose(std::optional<std::string_view> key,
                                            int32_t numPartitions,
                                            std::optional<int32_t> explicitPartition,
                                            std::mt19937_64 &rng)
{
    if (numPartitions < 1) {
        return Status::error(ErrorCode::InvalidPartitions,
                             fmt::format("cannot choose a partition among {} partitions: a topic "
                                         "needs at least 1",
                                         numPartitions));
    }
    if (explicitPartition) {
        const int32_t p = *explicitPartition;
        if (p < 0 || p >= numPartitions) {
            return Status::error(ErrorCode::UnknownTopicOrPartition,
                                 fmt::format("explicit partition {} does not exist: valid "
                                             "partitions are [0, {}) i.e. 0..{}",
                                             p, numPartitions, numPartitions - 1));
        }
        return PartitionChoice{p, fmt::format("explicit partition {}", p)};
    }

    switch (m_kind) {
    case PartitionerKind::Default:
    case PartitionerKind::Murmur2:
        if (!key) {
            PartitionChoice c = sticky(numPartitions, rng);
            c.explanation = "null key: " + c.explanation;
            return c;
        } else {
            // Java hashes an empty (non-null) key like any other.
            const int32_t positive = toPositive(murmur2(*key));
            const int32_t p = positive % numPartitions;
            return PartitionChoice{p, fmt::format("murmur2(\"{}\") & 0x7fffffff = {}; mod {} = {}",
                                                  *key, positive, numPartitions, p)};
        }
    case PartitionerKind::Crc32:
        if (!key || key->empty()) {
            // consistent_random: no key to be consistent about, so any partition will do.
            const int32_t p = randomPartition(rng, numPartitions);
            return PartitionChoice{p, fmt::format("{} key: crc32 consistent_random picks random "
                                                  "partition {}",
                                                  key ? "empty" : "null", p)};
        } else {
            const uint32_t crc = crc32Ieee(*key);
            const auto p = static_cast<int32_t>(crc % static_cast<uint32_t>(numPartitions));
            return PartitionChoice{p, fmt::format("crc32(\"{}\") = {}; mod {} = {}", *key, crc,
                                                  numPartitions, p)};
        }
    case PartitionerKind::RoundRobin: {
        // Java's RoundRobinPartitioner: counter.getAndIncrement(), toPositive, % N.
        const uint32_t record = m_roundRobin++;
        const int32_t p = toPositive(static_cast<int32_t>(record)) % numPartitions;
        return PartitionChoice{p,
                               fmt::format("round-robin: record #{} -> partition {}", record, p)};
    }
    case PartitionerKind::UniformSticky: {
        PartitionChoice c = sticky(numPartitions, rng);
        c.explanation = (key ? "key ignored: " : "null key: ") + c.explanation;
        return c;
    }
    }
    return Status::error(ErrorCode::InvalidConfig, "unknown partitioner kind");
}

PartitionChoice Partitioner::sticky(int32_t numPartitions, std::mt19937_64 &rng)
{
    std::string switched;
    if (m_stickyPartition < 0 || m_stickyPartition >= numPartitions) {
        // First record, or the topic shrank under us (only in tests): start afresh.
        m_stickyPartition = randomPartition(rng, numPartitions);
        m_stickyBytes = 0;
    } else if (m_stickyBytes >= m_batchSize) {
        // KIP-794: batch.size bytes went to this partition; move on, never to the same one
        // when there is a choice (pick among the N-1 others, skipping the current one).
        const int32_t previous = m_stickyPartition;
        if (numPartitions > 1) {
            int32_t p = randomPartition(rng, numPartitions - 1);
            if (p >= previous)
                ++p;
            m_stickyPartition = p;
        }
        switched = fmt::format(" (switched from partition {} after {} bytes)", previous,
                               m_stickyBytes);
        m_stickyBytes = 0;
    }
    return PartitionChoice{m_stickyPartition,
                           fmt::format("uniform sticky partitioner (KIP-794) keeps partition {} "
                                       "until batch.size {} bytes{}",
                                       m_stickyPartition, m_batchSize, switched)};
}

void Partitioner::onAppend(int32_t partition, int64_t bytes)
{
    // Only bytes that went to the sticky partition count; keyed or explicit records sent
    // elsewhere by the same producer do not move the sticky choice.
    if (partition == m_stickyPartition && bytes > 0)
        m_stickyBytes += bytes;
}

} // namespace kl
