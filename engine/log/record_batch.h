// RecordBatch v2 (magic 2): the unit Kafka writes to disk and sends on the wire, byte for byte
// the same. See shared KAFKA-NOTES "RecordBatch v2". Layout (big-endian):
//   baseOffset i64 | batchLength i32 | partitionLeaderEpoch i32 | magic i8 | crc u32 |
//   attributes i16 | lastOffsetDelta i32 | baseTimestamp i64 | maxTimestamp i64 |
//   producerId i64 | producerEpoch i16 | baseSequence i32 | recordCount i32 | records...
// The CRC-32C covers attributes..end, so rewriting baseOffset / partitionLeaderEpoch keeps it.
// Pure functions and value types; any thread.
#pragma once

#include "core/status.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kl {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

constexpr size_t kBatchHeaderSize = 61;   // bytes before the first record
constexpr size_t kLogOverhead = 12;       // baseOffset + batchLength
constexpr int8_t kMagicV2 = 2;

enum class Compression : uint8_t { None = 0, Gzip = 1, Snappy = 2, Lz4 = 3, Zstd = 4 };
std::string_view compressionName(Compression c); // "none", "gzip", ... as Kafka prints them
std::optional<Compression> compressionFromName(std::string_view name);

// Parsed fixed header of a batch.
struct BatchHeader {
    int64_t baseOffset = 0;
    int32_t batchLength = 0; // bytes after this field
    int32_t partitionLeaderEpoch = -1;
    int8_t magic = kMagicV2;
    uint32_t crc = 0;
    int16_t attributes = 0;
    int32_t lastOffsetDelta = 0;
    int64_t baseTimestamp = 0;
    int64_t maxTimestamp = 0;
    int64_t producerId = -1;
    int16_t producerEpoch = -1;
    int32_t baseSequence = -1;
    int32_t recordCount = 0;

    Compression compression() const { return static_cast<Compression>(attributes & 0x7); }
    bool logAppendTime() const { return attributes & 0x8; }
    bool isTransactional() const { return attributes & 0x10; }
    bool isControl() const { return attributes & 0x20; }
    // Wraps as Java's long arithmetic does: a damaged header may hold any baseOffset and delta
    // (found by fuzz_segment_files: INT64_MIN + a negative delta).
    int64_t lastOffset() const
    {
        return static_cast<int64_t>(static_cast<uint64_t>(baseOffset) + static_cast<uint64_t>(int64_t(lastOffsetDelta)));
    }
    size_t totalSize() const { return kLogOverhead + static_cast<size_t>(batchLength); }
};

struct RecordHeader {
    std::string key;
    std::optional<std::string> value;
    bool operator==(const RecordHeader &) const = default;
};

// A decoded record with its absolute offset and timestamp.
struct Record {
    int64_t offset = 0;
    int64_t timestamp = 0;
    std::optional<std::string> key;
    std::optional<std::string> value;
    std::vector<RecordHeader> headers;
};

// Builds one batch into a reusable buffer without per-record allocations.
// Usage: BatchBuilder b(Compression::None); b.add(ts, key, value); ... ; ByteView v = b.finish();
// baseOffset is written as 0 (the leader assigns offsets on append).
class BatchBuilder {
public:
    explicit BatchBuilder(Compression compression = Compression::None, int32_t compressionLevel = -1);
    void reset();
    // nullopt key/value = null. Headers optional.
    void add(int64_t timestamp, std::optional<std::string_view> key,
             std::optional<std::string_view> value, std::span<const RecordHeader> headers = {});
    int32_t count() const { return m_count; }
    size_t estimatedSize() const { return kBatchHeaderSize + m_records.size(); }
    // Encode header (+ compression) and CRC. The view stays valid until the next reset/add/finish.
    ByteView finish();
    // An idempotent producer's id, epoch and first sequence for the batch finish() writes
    // (-1/-1/-1, the default, for a non-idempotent producer). Kept across reset().
    void setProducer(int64_t producerId, int16_t producerEpoch, int32_t baseSequence)
    {
        m_producerId = producerId;
        m_producerEpoch = producerEpoch;
        m_baseSequence = baseSequence;
    }

private:
    Compression m_compression;
    int32_t m_level;
    Bytes m_records; // uncompressed record bytes
    Bytes m_out;
    int32_t m_count = 0;
    int64_t m_baseTimestamp = 0;
    int64_t m_maxTimestamp = 0;
    int64_t m_producerId = -1;
    int16_t m_producerEpoch = -1;
    int32_t m_baseSequence = -1;
};

// Parse the fixed header at the start of `bytes`. Checks magic 2, batchLength >= 49 (header
// size after the length field) and that the whole batch is present; CRC is NOT checked here.
Result<BatchHeader> parseBatchHeader(ByteView bytes);
// The same checks on the first 61 bytes only (magic, batchLength >= 49), without requiring the
// rest of the batch: for reading headers from a file before reading the body.
Result<BatchHeader> peekBatchHeader(ByteView bytes);
// The CRC stored in the header equals CRC-32C(attributes..end).
bool batchCrcValid(ByteView batch);
uint32_t computeBatchCrc(ByteView batch);
// In-place header rewrites (CRC unaffected).
void setBaseOffset(uint8_t *batch, int64_t baseOffset);
void setPartitionLeaderEpoch(uint8_t *batch, int32_t epoch);

// Decode every record of one batch (decompressing if needed). Validates record framing; an
// error names the byte position inside the batch (or the decompressed records) that is wrong.
Result<std::vector<Record>> decodeRecords(ByteView batch);

// Walk a buffer of back-to-back batches. Stops at the first incomplete batch.
// For each complete one calls fn(header, batchBytes, positionInBuffer); fn returns false to stop.
template <typename Fn>
size_t forEachBatch(ByteView buffer, Fn &&fn)
{
    size_t pos = 0;
    while (buffer.size() - pos >= kBatchHeaderSize) {
        auto header = parseBatchHeader(buffer.subspan(pos));
        if (!header)
            break;
        if (!fn(*header, buffer.subspan(pos, header->totalSize()), pos))
            break;
        pos += header->totalSize();
    }
    return pos;
}

} // namespace kl
