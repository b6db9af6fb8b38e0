// Commands posted to the engine, and their results. Plain values; any thread builds them.
#pragma once

#include "core/status.h"
#include "log/record_batch.h"
#include "partitioners/partitioner.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kl {

constexpr int32_t kMaxPartitions = 1000; // a sane ceiling for an embedded teaching cluster

struct ProduceRecord {
    std::optional<std::string> key;    // nullopt = null key
    std::optional<std::string> value;  // nullopt = null value (a tombstone)
    std::vector<RecordHeader> headers;
    std::optional<int64_t> timestamp;  // CreateTime; nullopt = engine clock now
};

// Kafka's acks: 0 = no answer awaited, 1 = the leader wrote it, all (-1) = every ISR member has it.
enum class Acks : int8_t { None = 0, Leader = 1, All = -1 };
std::string_view acksName(Acks acks); // "0", "1", "all"

struct ProduceRequest {
    std::string topic;
    std::vector<ProduceRecord> records;   // one record, or a batch (same partition rules apply)
    std::optional<int32_t> partition;     // explicit partition override
    PartitionerKind partitioner = PartitionerKind::Default;
    Compression compression = Compression::None;
    Acks acks = Acks::Leader;
    int32_t timeoutMs = 30000;            // request.timeout.ms for acks=all waits
    // enable.idempotence. nullopt = not set: Kafka 3.0+'s default, on when acks=all and silently
    // off otherwise; true with acks 0/1 is refused (INVALID_CONFIG), as Java's producer throws a
    // ConfigException. An idempotent producer's batches carry its producer id, epoch and
    // per-partition sequence numbers; the leader drops resent duplicates.
    std::optional<bool> idempotence;
    // The simulated producer instance sending this (client.id). Each instance gets its own
    // producer id (InitProducerId) on its first idempotent send and keeps its sequences.
    std::string clientId = "producer-1";
    // A resend: write this base sequence (for every target partition) instead of the instance's
    // next one, as a producer retrying a batch whose answer it did not get does. Idempotent only.
    std::optional<int32_t> resendSequence;
};

struct ProduceOutcome {
    int32_t partition = -1;
    int64_t offset = -1;        // assigned offset (a duplicate: the offset of the original)
    std::string explanation;    // why this partition
    int32_t sequence = -1;      // the record's sequence number (-1: not idempotent)
    bool duplicate = false;     // the leader had this batch already and did not append it again
};

struct ProduceResult {
    Status status;              // error: nothing of the request was appended
    std::string topic;
    std::vector<ProduceOutcome> records; // one per request record, in order
    bool idempotent = false;    // the request was sent by an idempotent producer
    int64_t producerId = -1;    // its producer id and epoch (-1 when not idempotent)
    int16_t producerEpoch = -1;
};

enum class KeyDistribution {
    Uniform, // keys key-0 .. key-(K-1), each equally likely
    Zipf,    // key-0 is hottest: P(k) ~ 1/(k+1)^s — shows a hot partition
    None,    // null keys (sticky/round-robin partitioning)
};

struct AutoProducerSpec {
    std::string topic;
    double ratePerSec = 100;     // records per second (engine clock)
    int64_t count = 0;           // stop after this many; 0 = until stopped
    int32_t keyCount = 16;       // K
    KeyDistribution distribution = KeyDistribution::Uniform;
    double zipfExponent = 1.1;
    std::string keyPrefix = "key-";
    int32_t valueSize = 100;
    PartitionerKind partitioner = PartitionerKind::Default;
    Compression compression = Compression::None;
    int32_t lingerMs = 5;        // records are batched per partition for this long
    Acks acks = Acks::All;       // Kafka's default since 3.0
    std::optional<bool> idempotence; // enable.idempotence, as ProduceRequest::idempotence
};

// A group of simulated consumers inside the engine. They speak to the group coordinator with
// exactly the requests a real consumer sends (JoinGroup, SyncGroup, Heartbeat, OffsetCommit,
// LeaveGroup), and the group's leader member runs the assignor, as Kafka's clients do.
struct ConsumerGroupSpec {
    std::string groupId;
    std::vector<std::string> topics;
    int32_t consumers = 3;            // started at once
    std::string assignor = "range";   // range | roundrobin | sticky | cooperative-sticky
    double recordsPerSecPerConsumer = 100; // processing rate
    bool autoCommit = true;           // enable.auto.commit
    int32_t autoCommitIntervalMs = 5000;
    // session.timeout.ms: Kafka Lab's shorter default so a crashed consumer's partitions move
    // within seconds; the Java client's default is 45000 (KIP-735, Kafka 3.0+).
    int32_t sessionTimeoutMs = 10000;
    int32_t heartbeatIntervalMs = 3000; // heartbeat.interval.ms
    int32_t maxPollIntervalMs = 300000; // max.poll.interval.ms (also the rebalance timeout)
    int32_t pollIntervalMs = 100;       // the application's poll loop period (how soon it sees a rebalance)
    std::string autoOffsetReset = "earliest"; // earliest | latest
    bool staticMembership = false;     // group.instance.id = "<group>-consumer-<n>"
    std::string clientIdPrefix = "consumer";
};

enum class ConsumerAction {
    Crash, // stops at once, no LeaveGroup: the coordinator notices after session.timeout.ms
    Leave, // graceful close: LeaveGroup, immediate rebalance
    Stall, // stops polling: after max.poll.interval.ms the client leaves the group
    Resume, // a stalled consumer polls again (and rejoins)
};

} // namespace kl
