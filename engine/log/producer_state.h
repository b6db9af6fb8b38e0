// ProducerStateTable: a partition leader's memory of idempotent producers, as Kafka's
// ProducerStateManager keeps it (storage/internals/log: ProducerStateEntry, ProducerAppendInfo)
// for producers that are not transactional. Per producer id: the epoch and the metadata of its
// last 5 batches (sequence range and offsets), enough to
//   - answer a resent batch (same epoch, same first and last sequence as one of the 5) with the
//     offsets it got the first time, without appending it again (Kafka 4.x acks it with
//     Errors.NONE; DUPLICATE_SEQUENCE_NUMBER is not sent to clients any more),
//   - refuse a batch whose first sequence does not follow the producer's last one with
//     OUT_OF_ORDER_SEQUENCE_NUMBER (a new epoch must start at sequence 0),
//   - refuse an epoch older than the producer's current one with INVALID_PRODUCER_EPOCH.
// A producer id the table does not know is accepted with any sequence, as Kafka 4.x does
// outside transactions v2 (since KIP-360 the broker no longer answers UNKNOWN_PRODUCER_ID: its
// records may simply have been deleted by retention).
// Kafka keeps the table in memory, rebuilds it from the log when a replica opens or becomes
// leader, and writes <offset>.snapshot files to shorten that scan; Kafka Lab rebuilds it by
// reading every batch header from the log start (rebuildFromLog) and writes no .snapshot files.
// Plain values; no thread-safety of its own.
#pragma once

#include "core/status.h"
#include "log/record_batch.h"

#include <cstdint>
#include <deque>
#include <map>

namespace kl {

class Log;

// DefaultRecordBatch.incrementSequence: sequences count records and wrap from INT32_MAX to 0.
int32_t advanceSequence(int32_t sequence, int32_t increment);

struct ProducerBatchMetadata {
    int32_t firstSeq = -1;
    int32_t lastSeq = -1;
    int64_t firstOffset = -1;
    int64_t lastOffset = -1;
    int64_t maxTimestamp = -1;
};

struct ProducerStateEntry {
    int64_t producerId = -1;
    int16_t producerEpoch = -1;
    std::deque<ProducerBatchMetadata> batches; // oldest first, at most kBatchesToRetain
    int32_t lastSeq() const { return batches.empty() ? -1 : batches.back().lastSeq; }
    int64_t lastOffset() const { return batches.empty() ? -1 : batches.back().lastOffset; }
};

class ProducerStateTable {
public:
    static constexpr size_t kBatchesToRetain = 5; // ProducerStateEntry.NUM_BATCHES_TO_RETAIN

    struct Verdict {
        bool duplicate = false;          // true: answer with `original`, append nothing
        ProducerBatchMetadata original;
    };
    // The leader's check of a client's batch from an idempotent producer (producerId >= 0).
    // Errors: OUT_OF_ORDER_SEQUENCE_NUMBER, INVALID_PRODUCER_EPOCH, with Kafka's message.
    Result<Verdict> check(int64_t producerId, int16_t producerEpoch, int32_t firstSeq, int32_t lastSeq,
        int64_t nextOffset, const std::string &partitionName) const;
    // Records an appended batch (leader append, or a batch read back while rebuilding). Batches
    // without a producer id are ignored.
    void update(const BatchHeader &batch);
    void clear() { m_entries.clear(); }
    void put(const ProducerStateEntry &entry) { m_entries[entry.producerId] = entry; }
    // Drops producers whose newest batch is below the log start offset (retention removed them).
    void removeBelow(int64_t logStartOffset);
    const ProducerStateEntry *find(int64_t producerId) const;
    const std::map<int64_t, ProducerStateEntry> &entries() const { return m_entries; }

    // Rebuilds the table from every batch in `log`, from its log start offset to its end.
    Status rebuildFromLog(const Log &log);

private:
    std::map<int64_t, ProducerStateEntry> m_entries;
};

} // namespace kl
