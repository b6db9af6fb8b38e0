// What a broker is asked by real clients over the wire (engine/protocol): appends and reads of
// raw record batches, as a Kafka broker's replica manager serves Produce, Fetch and
// ListOffsets. The batches are the client's bytes: the engine checks them, assigns offsets and
// stores them as sent; reads hand back whole batches as stored. Plain values; any thread.
#pragma once

#include "api/commands.h"
#include "core/status.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kl {

struct PrecheckedBatch;

// One partition's records of a Produce request.
struct AppendRecordsRequest {
    std::string topic;
    int32_t partition = 0;
    int32_t broker = 0;        // the broker the request reached: it must lead the partition
    Bytes records;             // exactly one RecordBatch v2 (Produce v3+), as the client sent it
    Acks acks = Acks::Leader;
    int32_t timeoutMs = 30000; // acks=all: how long to wait for the in-sync replicas
    std::string clientId;      // the request header's client.id (events)
    // The batch's checks, when the caller made them off the engine thread (log/client_batch.h);
    // the engine makes them itself otherwise.
    std::shared_ptr<const PrecheckedBatch> prechecked;
};

struct AppendRecordsResult {
    Status status;             // Kafka's error for the partition (nothing appended on error,
                               // except NOT_ENOUGH_REPLICAS_AFTER_APPEND and REQUEST_TIMED_OUT)
    int64_t baseOffset = -1;   // the batch's first offset (a duplicate: the original's)
    int64_t logStartOffset = -1;
    bool duplicate = false;    // an idempotent producer's resend, acknowledged without a second append
    int32_t leader = -1;       // the partition's leader and epoch now (NOT_LEADER_OR_FOLLOWER's hint)
    int32_t leaderEpoch = -1;
};

// A Fetch request (or part of one): partitions in the order the client asked.
struct ReadRecordsRequest {
    struct Partition {
        std::string topic;
        int32_t partition = 0;
        int64_t fetchOffset = 0;
        int32_t currentLeaderEpoch = -1; // -1: not checked (Fetch < v9)
        int32_t maxBytes = 1 << 20;      // partition_max_bytes
    };
    int32_t broker = 0;        // the broker the request reached: it must lead each partition
    std::vector<Partition> partitions;
    int32_t maxWaitMs = 0;     // long poll: wait up to this long ...
    int32_t minBytes = 1;      // ... for at least this many bytes
    int32_t maxBytes = 50 << 20; // the response's limit (at least one batch is always returned)
    bool readCommitted = false;  // isolation.level (no transactions: the same as read_uncommitted)
    std::string clientId;
};

struct ReadRecordsPartition {
    Status status;
    int64_t highWatermark = -1;
    int64_t lastStableOffset = -1;
    int64_t logStartOffset = -1;
    Bytes records;             // whole batches; the first may start before the fetch offset
    int32_t leader = -1;
    int32_t leaderEpoch = -1;
};

// ListOffsets' special timestamps.
constexpr int64_t kLatestTimestamp = -1;        // the next offset to be written (high watermark)
constexpr int64_t kEarliestTimestamp = -2;      // the log start offset
constexpr int64_t kMaxTimestamp = -3;           // the record with the largest timestamp (v7+)
constexpr int64_t kEarliestLocalTimestamp = -4; // the local log start (no tiered storage: the same)

struct ListOffsetRequest {
    std::string topic;
    int32_t partition = 0;
    int32_t broker = 0;
    int64_t timestamp = kLatestTimestamp; // or a record timestamp: the first offset at or after it
    int32_t currentLeaderEpoch = -1;
    bool readCommitted = false;
};

// OffsetsForLeaderEpoch, as the leader answers a consumer validating its position after a
// leader change (KIP-320) or a follower: where `leaderEpoch` ended in the leader's log.
struct LeaderEpochRequest {
    std::string topic;
    int32_t partition = 0;
    int32_t broker = 0;               // it must lead the partition
    int32_t currentLeaderEpoch = -1;  // -1: not checked
    int32_t leaderEpoch = 0;          // the epoch to look up
};

struct LeaderEpochResult {
    Status status;
    int32_t leaderEpoch = -1;  // the largest epoch <= the one asked for (-1: none known)
    int64_t endOffset = -1;    // where it ended: the next epoch's start, or the log end offset
};

struct ListOffsetResult {
    Status status;
    int64_t offset = -1;       // -1 with no error: no record at or after the timestamp
    int64_t timestamp = -1;
    int32_t leaderEpoch = -1;  // the epoch of the record at `offset` (-1 when unknown)
};

// DescribeLogDirs: which partitions of a topic to describe.
struct LogDirTopicAsk {
    std::string topic;
    std::vector<int32_t> partitions;
};

struct LogDirPartition {
    std::string topic;
    int32_t partition = 0;
    int64_t sizeBytes = 0;     // its segments' .log files
    int64_t offsetLag = 0;     // max(0, high watermark - log end offset), as Kafka reports it
};

struct LogDirDescription {
    Status status;             // KAFKA_STORAGE_ERROR while the broker is down
    std::string path;          // absolute: <data dir>/broker-<id>
    std::vector<LogDirPartition> partitions; // by topic, then partition
    int64_t totalBytes = -1;   // the volume's size and what is free on it (-1: unknown)
    int64_t usableBytes = -1;
};

} // namespace kl
