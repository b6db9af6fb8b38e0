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
#include <memory>
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
// Holds every record: for batches from the broker's own log. To look at a batch from a file,
// whatever it holds, use RecordStream.
Result<std::vector<Record>> decodeRecords(ByteView batch);

// The largest record (its whole encoding) RecordStream holds at once: far above what
// max.message.bytes lets a producer write (1 MiB by default), far below what hurts the machine.
constexpr size_t kMaxRecordSize = 32u << 20;

// One record as RecordStream decodes it: views into the stream's buffer, valid until its next
// call. The headers are checked but not copied: walk them with forEachHeader.
struct StreamedRecord {
    int64_t offset = 0;
    int64_t timestamp = 0;
    int32_t offsetDelta = 0;
    std::optional<std::string_view> key;
    std::optional<std::string_view> value;
    int32_t headerCount = 0;
    ByteView headerBytes;
    // fn(std::string_view key, std::optional<std::string_view> value) for each header in order.
    template <typename Fn>
    void forEachHeader(Fn &&fn) const;
    // A Record owning copies of the key, the value and at most maxHeaders headers.
    Record toRecord(size_t maxHeaders = SIZE_MAX) const;
};

class ByteSource;

// Decodes the records of one batch one at a time, decompressing as it goes, so what it holds is
// one record (at most kMaxRecordSize) and a codec's buffers, whatever the batch claims: a
// count of 2^31 - 1, a million headers per record, 64 MiB of tiny records.
class RecordStream {
public:
    // `section` yields the batch's bytes after its 61-byte header, `sectionSize` of them
    // (header.totalSize() - 61); header.recordCount must not be negative (openRecords checks).
    RecordStream(const BatchHeader &header, std::unique_ptr<ByteSource> section, uint64_t sectionSize);
    RecordStream(RecordStream &&) noexcept;
    RecordStream &operator=(RecordStream &&) noexcept;
    ~RecordStream();
    // The next record into `record`; false after the last one (the bytes after the declared
    // records are checked then). An error names the record and its byte position and is final.
    Result<bool> next(StreamedRecord &record);
    const BatchHeader &header() const;
    // Records handed out so far.
    int32_t decoded() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// A RecordStream over a whole batch in memory (`batch` must outlive it): checks the header
// (complete batch, recordCount >= 0, a known codec) first.
Result<RecordStream> openRecords(ByteView batch);

template <typename Fn>
void StreamedRecord::forEachHeader(Fn &&fn) const
{
    // The bytes were checked when the record was decoded: each header is a key (varint length,
    // never null) and a nullable value.
    size_t pos = 0;
    const auto varint = [&](int32_t &v) {
        uint32_t u = 0;
        for (int shift = 0; pos < headerBytes.size(); shift += 7) {
            const uint8_t b = headerBytes[pos++];
            u |= uint32_t(b & 0x7f) << shift;
            if (!(b & 0x80))
                break;
        }
        v = static_cast<int32_t>((u >> 1) ^ (~(u & 1) + 1));
    };
    const auto text = [&](int32_t length) {
        std::string_view s(reinterpret_cast<const char *>(headerBytes.data()) + pos, static_cast<size_t>(length));
        pos += static_cast<size_t>(length);
        return s;
    };
    for (int32_t i = 0; i < headerCount; ++i) {
        int32_t keyLength = 0, valueLength = 0;
        varint(keyLength);
        const std::string_view key = text(keyLength);
        varint(valueLength);
        std::optional<std::string_view> value;
        if (valueLength >= 0)
            value = text(valueLength);
        fn(key, value);
    }
}

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
