// Per-topic log settings, named and defaulted as Kafka's topic configs, but with small
// defaults that suit teaching (segments roll often enough to be seen).
#pragma once

#include <cstdint>

namespace kl {

struct LogConfig {
    int64_t segmentBytes = 1 << 20;            // segment.bytes (Kafka: 1 GiB)
    int64_t segmentMs = 7LL * 24 * 3600 * 1000; // segment.ms
    int64_t retentionBytes = -1;                // retention.bytes per partition, -1 = unlimited
    int64_t retentionMs = 7LL * 24 * 3600 * 1000; // retention.ms, -1 = unlimited
    int32_t indexIntervalBytes = 4096;          // index.interval.bytes
    int32_t segmentIndexBytes = 10 << 20;       // segment.index.bytes (max index file size)
    int32_t maxMessageBytes = 1048588;          // max.message.bytes (largest batch accepted)
    bool operator==(const LogConfig &) const = default;
};

} // namespace kl
