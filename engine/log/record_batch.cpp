// RecordBatch v2: building (BatchBuilder), header parsing, CRC and record decoding.
// Field offsets below follow the layout in record_batch.h. Decoding treats every byte as
// hostile: each varint and length is checked against what remains before it is used.
#include "log/record_batch.h"

#include "log/bytes.h"
#include "log/compression.h"
#include "log/crc32c.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace kl {

namespace {

// Byte positions of the header fields.
constexpr size_t kBaseOffsetPos = 0;
constexpr size_t kBatchLengthPos = 8;
constexpr size_t kLeaderEpochPos = 12;
constexpr size_t kMagicPos = 16;
constexpr size_t kCrcPos = 17;
constexpr size_t kAttributesPos = 21;
constexpr size_t kLastOffsetDeltaPos = 23;
constexpr size_t kBaseTimestampPos = 27;
constexpr size_t kMaxTimestampPos = 35;
constexpr size_t kProducerIdPos = 43;
constexpr size_t kProducerEpochPos = 51;
constexpr size_t kBaseSequencePos = 53;
constexpr size_t kRecordCountPos = 57;
// batchLength counts from partitionLeaderEpoch: the smallest batch has no records.
constexpr int32_t kMinBatchLength = static_cast<int32_t>(kBatchHeaderSize - kLogOverhead);

} // namespace

std::string_view compressionName(Compression c)
{
    switch (c) {
    case Compression::None: return "none";
    case Compression::Gzip: return "gzip";
    case Compression::Snappy: return "snappy";
    case Compression::Lz4: return "lz4";
    case Compression::Zstd: return "zstd";
    }
    return "unknown";
}

std::optional<Compression> compressionFromName(std::string_view name)
{
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    // "uncompressed" is how the topic config compression.type spells none.
    if (lower == "none" || lower == "uncompressed")
        return Compression::None;
    if (lower == "gzip")
        return Compression::Gzip;
    if (lower == "snappy")
        return Compression::Snappy;
    if (lower == "lz4")
        return Compression::Lz4;
    if (lower == "zstd")
        return Compression::Zstd;
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// BatchBuilder

BatchBuilder::BatchBuilder(Compression compression, int32_t compressionLevel)
    : m_compression(compression), m_level(compressionLevel)
{
}

void BatchBuilder::reset()
{
    // clear() keeps the capacity: the steady state allocates nothing.
    m_records.clear();
    m_out.clear();
    m_count = 0;
    m_baseTimestamp = 0;
    m_maxTimestamp = 0;
}

void BatchBuilder::add(int64_t timestamp, std::optional<std::string_view> key,
                       std::optional<std::string_view> value, std::span<const RecordHeader> headers)
{
    using namespace bytes;
    if (m_count == 0) {
        m_baseTimestamp = timestamp;
        m_maxTimestamp = timestamp;
    } else {
        m_maxTimestamp = std::max(m_maxTimestamp, timestamp);
    }
    const int64_t timestampDelta = timestamp - m_baseTimestamp;
    const int32_t offsetDelta = m_count;
    const int32_t keyLength = key ? static_cast<int32_t>(key->size()) : -1;
    const int32_t valueLength = value ? static_cast<int32_t>(value->size()) : -1;

    // Size the record first: its length prefix comes before it, and one resize is cheaper
    // than growing byte by byte.
    size_t body = 1 + varlongSize(timestampDelta) + varintSize(offsetDelta)
        + varintSize(keyLength) + (key ? key->size() : 0)
        + varintSize(valueLength) + (value ? value->size() : 0)
        + varintSize(static_cast<int32_t>(headers.size()));
    for (const RecordHeader &h : headers) {
        body += varintSize(static_cast<int32_t>(h.key.size())) + h.key.size();
        body += varintSize(h.value ? static_cast<int32_t>(h.value->size()) : -1)
            + (h.value ? h.value->size() : 0);
    }
    const size_t start = m_records.size();
    m_records.resize(start + varintSize(static_cast<int32_t>(body)) + body);

    uint8_t *p = m_records.data() + start;
    p = putVarint(p, static_cast<int32_t>(body));
    p = putI8(p, 0); // record attributes: unused
    p = putVarlong(p, timestampDelta);
    p = putVarint(p, offsetDelta);
    p = putVarint(p, keyLength);
    if (key)
        p = putRaw(p, key->data(), key->size());
    p = putVarint(p, valueLength);
    if (value)
        p = putRaw(p, value->data(), value->size());
    p = putVarint(p, static_cast<int32_t>(headers.size()));
    for (const RecordHeader &h : headers) {
        p = putVarint(p, static_cast<int32_t>(h.key.size()));
        p = putRaw(p, h.key.data(), h.key.size());
        p = putVarint(p, h.value ? static_cast<int32_t>(h.value->size()) : -1);
        if (h.value)
            p = putRaw(p, h.value->data(), h.value->size());
    }
    ++m_count;
}

ByteView BatchBuilder::finish()
{
    using namespace bytes;
    Compression codec = m_compression;
    m_out.clear();
    m_out.resize(kBatchHeaderSize);
    if (codec == Compression::None) {
        m_out.insert(m_out.end(), m_records.begin(), m_records.end());
    } else if (!compress(codec, m_records, m_out, m_level)) {
        // A codec failing to compress is not expected (only memory exhaustion); an uncompressed
        // batch is still a correct batch, so fall back rather than lose the records.
        codec = Compression::None;
        m_out.resize(kBatchHeaderSize);
        m_out.insert(m_out.end(), m_records.begin(), m_records.end());
    }

    uint8_t *b = m_out.data();
    putI64(b + kBaseOffsetPos, 0);
    putI32(b + kBatchLengthPos, static_cast<int32_t>(m_out.size() - kLogOverhead));
    putI32(b + kLeaderEpochPos, -1); // a producer sends -1; the leader stamps its epoch
    putI8(b + kMagicPos, kMagicV2);
    putI16(b + kAttributesPos, static_cast<int16_t>(codec));
    putI32(b + kLastOffsetDeltaPos, m_count - 1);
    putI64(b + kBaseTimestampPos, m_baseTimestamp);
    putI64(b + kMaxTimestampPos, m_maxTimestamp);
    putI64(b + kProducerIdPos, m_producerId);
    putI16(b + kProducerEpochPos, m_producerEpoch);
    putI32(b + kBaseSequencePos, m_baseSequence);
    putI32(b + kRecordCountPos, m_count);
    putU32(b + kCrcPos, crc32c(b + kAttributesPos, m_out.size() - kAttributesPos));
    return m_out;
}

// ---------------------------------------------------------------------------------------------
// Header parsing and in-place rewrites

Result<BatchHeader> peekBatchHeader(ByteView bytes)
{
    using namespace bytes;
    if (bytes.size() < kBatchHeaderSize)
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("truncated batch header: {} bytes needed, {} present",
                                         kBatchHeaderSize, bytes.size()));
    const uint8_t *b = bytes.data();
    BatchHeader h;
    h.baseOffset = getI64(b + kBaseOffsetPos);
    h.batchLength = getI32(b + kBatchLengthPos);
    if (h.batchLength < kMinBatchLength)
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("batchLength {} at byte {} is below the minimum {}",
                                         h.batchLength, kBatchLengthPos, kMinBatchLength));
    h.partitionLeaderEpoch = getI32(b + kLeaderEpochPos);
    h.magic = static_cast<int8_t>(b[kMagicPos]);
    if (h.magic != kMagicV2)
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("unsupported magic {} at byte {} (only 2 is supported)",
                                         h.magic, kMagicPos));
    h.crc = getU32(b + kCrcPos);
    h.attributes = getI16(b + kAttributesPos);
    h.lastOffsetDelta = getI32(b + kLastOffsetDeltaPos);
    h.baseTimestamp = getI64(b + kBaseTimestampPos);
    h.maxTimestamp = getI64(b + kMaxTimestampPos);
    h.producerId = getI64(b + kProducerIdPos);
    h.producerEpoch = getI16(b + kProducerEpochPos);
    h.baseSequence = getI32(b + kBaseSequencePos);
    h.recordCount = getI32(b + kRecordCountPos);
    return h;
}

Result<BatchHeader> parseBatchHeader(ByteView bytes)
{
    auto h = peekBatchHeader(bytes);
    if (!h)
        return h;
    if (h->totalSize() > bytes.size())
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("truncated batch: header says {} bytes, {} present",
                                         h->totalSize(), bytes.size()));
    return h;
}

uint32_t computeBatchCrc(ByteView batch)
{
    if (batch.size() < kBatchHeaderSize)
        return 0;
    size_t end = batch.size();
    const int32_t length = bytes::getI32(batch.data() + kBatchLengthPos);
    if (length >= kMinBatchLength && kLogOverhead + static_cast<size_t>(length) < end)
        end = kLogOverhead + static_cast<size_t>(length);
    return crc32c(batch.data() + kAttributesPos, end - kAttributesPos);
}

bool batchCrcValid(ByteView batch)
{
    if (batch.size() < kBatchHeaderSize)
        return false;
    const int32_t length = bytes::getI32(batch.data() + kBatchLengthPos);
    if (length < kMinBatchLength || kLogOverhead + static_cast<size_t>(length) > batch.size())
        return false;
    return bytes::getU32(batch.data() + kCrcPos) == computeBatchCrc(batch);
}

void setBaseOffset(uint8_t *batch, int64_t baseOffset)
{
    bytes::putI64(batch + kBaseOffsetPos, baseOffset);
}

void setPartitionLeaderEpoch(uint8_t *batch, int32_t epoch)
{
    bytes::putI32(batch + kLeaderEpochPos, epoch);
}

// ---------------------------------------------------------------------------------------------
// Record decoding

namespace {

Status corrupt(std::string_view where, size_t position, std::string_view what)
{
    return Status::error(ErrorCode::CorruptMessage,
                         fmt::format("at {} {}: {}", where, position, what));
}

// A VARINT length (-1 = null) followed by that many bytes.
bool readNullableString(bytes::ByteReader &r, std::optional<std::string> &out)
{
    int32_t length;
    if (!r.varint(length) || length < -1)
        return false;
    if (length == -1) {
        out.reset();
        return true;
    }
    ByteView data;
    if (!r.take(static_cast<size_t>(length), data))
        return false;
    out.emplace(reinterpret_cast<const char *>(data.data()), data.size());
    return true;
}

// Decodes `count` records from `section`; positions in errors are `base` + offset in section,
// described by `where` ("byte" of the batch, or "decompressed byte").
Status decodeSection(const BatchHeader &h, ByteView section, size_t base, std::string_view where,
                     std::vector<Record> &out)
{
    bytes::ByteReader r(section, base);
    for (int32_t i = 0; i < h.recordCount; ++i) {
        const size_t recordStart = r.position();
        int32_t length;
        if (!r.varint(length))
            return corrupt(where, recordStart, fmt::format("record {}: bad or truncated length varint", i));
        if (length < 0 || static_cast<size_t>(length) > r.remaining())
            return corrupt(where, recordStart,
                           fmt::format("record {}: length {} but {} bytes remain", i, length, r.remaining()));
        ByteView body;
        r.take(static_cast<size_t>(length), body);
        bytes::ByteReader b(body, r.position() - body.size());

        Record rec;
        int8_t attributes;
        int64_t timestampDelta;
        int32_t offsetDelta;
        if (!b.i8(attributes))
            return corrupt(where, b.position(), fmt::format("record {}: missing attributes", i));
        if (!b.varlong(timestampDelta))
            return corrupt(where, b.position(), fmt::format("record {}: bad timestampDelta varlong", i));
        if (!b.varint(offsetDelta))
            return corrupt(where, b.position(), fmt::format("record {}: bad offsetDelta varint", i));
        size_t fieldStart = b.position();
        if (!readNullableString(b, rec.key))
            return corrupt(where, fieldStart, fmt::format("record {}: bad key length or truncated key", i));
        fieldStart = b.position();
        if (!readNullableString(b, rec.value))
            return corrupt(where, fieldStart, fmt::format("record {}: bad value length or truncated value", i));
        int32_t headerCount;
        fieldStart = b.position();
        // Each header takes at least 2 bytes, which bounds a hostile count before reserving.
        if (!b.varint(headerCount) || headerCount < 0 || static_cast<size_t>(headerCount) > b.remaining() / 2)
            return corrupt(where, fieldStart, fmt::format("record {}: bad header count", i));
        rec.headers.reserve(static_cast<size_t>(headerCount));
        for (int32_t k = 0; k < headerCount; ++k) {
            RecordHeader header;
            std::optional<std::string> key;
            fieldStart = b.position();
            if (!readNullableString(b, key) || !key)
                return corrupt(where, fieldStart, fmt::format("record {} header {}: bad key", i, k));
            header.key = std::move(*key);
            fieldStart = b.position();
            if (!readNullableString(b, header.value))
                return corrupt(where, fieldStart, fmt::format("record {} header {}: bad value", i, k));
            rec.headers.push_back(std::move(header));
        }
        if (!b.atEnd())
            return corrupt(where, b.position(),
                           fmt::format("record {}: {} bytes left over inside its declared length {}", i,
                                       b.remaining(), length));
        rec.offset = h.baseOffset + offsetDelta;
        // With LogAppendTime every record carries the broker's time, kept in maxTimestamp.
        rec.timestamp = h.logAppendTime() ? h.maxTimestamp : h.baseTimestamp + timestampDelta;
        out.push_back(std::move(rec));
    }
    if (!r.atEnd())
        return corrupt(where, r.position(),
                       fmt::format("{} unexpected bytes after the {} declared records", r.remaining(),
                                   h.recordCount));
    return Status::ok();
}

} // namespace

Result<std::vector<Record>> decodeRecords(ByteView batch)
{
    auto header = parseBatchHeader(batch);
    if (!header)
        return header.status();
    const BatchHeader &h = *header;
    if (h.recordCount < 0)
        return corrupt("byte", kRecordCountPos, fmt::format("negative recordCount {}", h.recordCount));
    const ByteView section = batch.subspan(kBatchHeaderSize, h.totalSize() - kBatchHeaderSize);
    std::vector<Record> records;
    // Every record takes at least 7 bytes uncompressed; never trust recordCount for reserve.
    const Compression codec = h.compression();
    if (codec == Compression::None) {
        records.reserve(std::min<size_t>(static_cast<size_t>(h.recordCount), section.size() / 7));
        Status s = decodeSection(h, section, kBatchHeaderSize, "byte", records);
        if (!s)
            return s;
        return records;
    }
    if (static_cast<uint8_t>(codec) > static_cast<uint8_t>(Compression::Zstd))
        return corrupt("byte", kAttributesPos,
                       fmt::format("unknown compression codec {}", static_cast<int>(codec)));
    Bytes plain;
    Status s = decompress(codec, section, plain);
    if (!s)
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("records at byte {} ({}): {}", kBatchHeaderSize,
                                         compressionName(codec), s.message()));
    records.reserve(std::min<size_t>(static_cast<size_t>(h.recordCount), plain.size() / 7));
    s = decodeSection(h, plain, 0, "decompressed byte", records);
    if (!s)
        return s;
    return records;
}

} // namespace kl
