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

// A VARINT length (-1 = null) followed by that many bytes, as a view.
bool readNullableView(bytes::ByteReader &r, std::optional<std::string_view> &out)
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

} // namespace

Record StreamedRecord::toRecord(size_t maxHeaders) const
{
    Record r;
    r.offset = offset;
    r.timestamp = timestamp;
    if (key)
        r.key.emplace(*key);
    if (value)
        r.value.emplace(*value);
    r.headers.reserve(std::min(maxHeaders, static_cast<size_t>(headerCount)));
    forEachHeader([&](std::string_view k, std::optional<std::string_view> v) {
        if (r.headers.size() >= maxHeaders)
            return;
        RecordHeader h;
        h.key = std::string(k);
        if (v)
            h.value.emplace(*v);
        r.headers.push_back(std::move(h));
    });
    return r;
}

struct RecordStream::Impl {
    BatchHeader header;
    std::unique_ptr<ByteSource> section;   // the bytes after the batch header
    std::unique_ptr<ByteSource> plain;     // the decompressor over it, if compressed
    std::unique_ptr<StreamWindow> window;  // over plain or section
    uint64_t sectionSize = 0;
    size_t base = 0;                       // error positions: base + stream position
    std::string_view where;                // "byte" (of the batch) or "decompressed byte"
    int32_t index = 0;                     // the next record's number
    size_t pendingConsume = 0;             // the last record, released at the next call
    Status failed;
    bool done = false;

    Status fail(Status s)
    {
        failed = s;
        return s;
    }
    // A decompression (or read) error, said as decodeRecords always said it.
    Status sourceError(const Status &s)
    {
        if (header.compression() == Compression::None)
            return fail(s);
        return fail(Status::error(ErrorCode::CorruptMessage,
                                  fmt::format("records at byte {} ({}): {}", kBatchHeaderSize,
                                              compressionName(header.compression()), s.message())));
    }
    Status corruptAt(size_t position, std::string_view what) { return fail(corrupt(where, position, what)); }
    // Bytes left in the stream: known for an uncompressed section, counted by reading for a
    // compressed one (bounded by the decompression limit).
    Result<uint64_t> remaining()
    {
        if (header.compression() == Compression::None)
            return sectionSize - window->position();
        uint64_t n = 0;
        for (;;) {
            auto some = window->peekSome();
            if (!some)
                return some.status();
            if (some->empty())
                return n;
            n += some->size();
            window->consume(some->size());
        }
    }
};

RecordStream::RecordStream(const BatchHeader &header, std::unique_ptr<ByteSource> section, uint64_t sectionSize)
    : d(std::make_unique<Impl>())
{
    d->header = header;
    d->section = std::move(section);
    d->sectionSize = sectionSize;
    if (header.compression() == Compression::None) {
        d->window = std::make_unique<StreamWindow>(*d->section);
        d->base = kBatchHeaderSize;
        d->where = "byte";
    } else {
        d->plain = decompressingSource(header.compression(), *d->section, sectionSize);
        d->window = std::make_unique<StreamWindow>(*d->plain);
        d->where = "decompressed byte";
    }
}

RecordStream::RecordStream(RecordStream &&) noexcept = default;
RecordStream &RecordStream::operator=(RecordStream &&) noexcept = default;
RecordStream::~RecordStream() = default;

const BatchHeader &RecordStream::header() const { return d->header; }
int32_t RecordStream::decoded() const { return d->index; }

Result<bool> RecordStream::next(StreamedRecord &rec)
{
    Impl &s = *d;
    if (!s.failed)
        return s.failed;
    if (s.done)
        return false;
    StreamWindow &w = *s.window;
    w.consume(s.pendingConsume);
    s.pendingConsume = 0;
    const int32_t i = s.index;
    const size_t recordStart = s.base + static_cast<size_t>(w.position());
    if (i >= s.header.recordCount) {
        auto left = s.remaining();
        if (!left)
            return s.sourceError(left.status());
        if (*left > 0)
            return s.corruptAt(recordStart, fmt::format("{} unexpected bytes after the {} declared records", *left,
                                                        s.header.recordCount));
        s.done = true;
        return false;
    }
    auto head = w.peek(5);
    if (!head)
        return s.sourceError(head.status());
    bytes::ByteReader lr(*head);
    int32_t length;
    if (!lr.varint(length))
        return s.corruptAt(recordStart, fmt::format("record {}: bad or truncated length varint", i));
    const size_t prefix = lr.consumed();
    if (s.header.compression() == Compression::None) {
        const uint64_t left = s.sectionSize - w.position() - prefix;
        if (length < 0 || static_cast<uint64_t>(length) > left)
            return s.corruptAt(recordStart, fmt::format("record {}: length {} but {} bytes remain", i, length, left));
    } else if (length < 0) {
        return s.corruptAt(recordStart, fmt::format("record {}: negative length {}", i, length));
    }
    if (static_cast<size_t>(length) > kMaxRecordSize)
        return s.corruptAt(recordStart, fmt::format("record {}: length {} is more than the {} MiB a record may "
                                                    "take here (Kafka's max.message.bytes is 1 MiB by default)",
                                                    i, length, kMaxRecordSize >> 20));
    auto whole = w.peek(prefix + static_cast<size_t>(length));
    if (!whole)
        return s.sourceError(whole.status());
    if (whole->size() < prefix + static_cast<size_t>(length))
        return s.corruptAt(recordStart, fmt::format("record {}: length {} but {} bytes remain", i, length,
                                                    whole->size() - prefix));
    const ByteView body = whole->subspan(prefix);
    bytes::ByteReader b(body, recordStart + prefix);

    int8_t attributes;
    int64_t timestampDelta;
    int32_t offsetDelta;
    if (!b.i8(attributes))
        return s.corruptAt(b.position(), fmt::format("record {}: missing attributes", i));
    if (!b.varlong(timestampDelta))
        return s.corruptAt(b.position(), fmt::format("record {}: bad timestampDelta varlong", i));
    if (!b.varint(offsetDelta))
        return s.corruptAt(b.position(), fmt::format("record {}: bad offsetDelta varint", i));
    size_t fieldStart = b.position();
    if (!readNullableView(b, rec.key))
        return s.corruptAt(fieldStart, fmt::format("record {}: bad key length or truncated key", i));
    fieldStart = b.position();
    if (!readNullableView(b, rec.value))
        return s.corruptAt(fieldStart, fmt::format("record {}: bad value length or truncated value", i));
    int32_t headerCount;
    fieldStart = b.position();
    // Each header takes at least 2 bytes.
    if (!b.varint(headerCount) || headerCount < 0 || static_cast<size_t>(headerCount) > b.remaining() / 2)
        return s.corruptAt(fieldStart, fmt::format("record {}: bad header count", i));
    const size_t headersStart = b.consumed();
    for (int32_t k = 0; k < headerCount; ++k) {
        std::optional<std::string_view> hk, hv;
        fieldStart = b.position();
        if (!readNullableView(b, hk) || !hk)
            return s.corruptAt(fieldStart, fmt::format("record {} header {}: bad key", i, k));
        fieldStart = b.position();
        if (!readNullableView(b, hv))
            return s.corruptAt(fieldStart, fmt::format("record {} header {}: bad value", i, k));
    }
    if (!b.atEnd())
        return s.corruptAt(b.position(), fmt::format("record {}: {} bytes left over inside its declared length {}", i,
                                                     b.remaining(), length));
    const BatchHeader &h = s.header;
    rec.offsetDelta = offsetDelta;
    rec.offset = static_cast<int64_t>(static_cast<uint64_t>(h.baseOffset) + static_cast<uint64_t>(int64_t(offsetDelta)));
    // With LogAppendTime every record carries the broker's time, kept in maxTimestamp.
    rec.timestamp = h.logAppendTime()
        ? h.maxTimestamp
        : static_cast<int64_t>(static_cast<uint64_t>(h.baseTimestamp) + static_cast<uint64_t>(timestampDelta));
    rec.headerCount = headerCount;
    rec.headerBytes = body.subspan(headersStart, body.size() - headersStart);
    s.pendingConsume = prefix + static_cast<size_t>(length);
    ++s.index;
    return true;
}

Result<RecordStream> openRecords(ByteView batch)
{
    auto header = parseBatchHeader(batch);
    if (!header)
        return header.status();
    const BatchHeader &h = *header;
    if (h.recordCount < 0)
        return corrupt("byte", kRecordCountPos, fmt::format("negative recordCount {}", h.recordCount));
    const Compression codec = h.compression();
    if (static_cast<uint8_t>(codec) > static_cast<uint8_t>(Compression::Zstd))
        return corrupt("byte", kAttributesPos,
                       fmt::format("unknown compression codec {}", static_cast<int>(codec)));
    const ByteView section = batch.subspan(kBatchHeaderSize, h.totalSize() - kBatchHeaderSize);
    return RecordStream(h, std::make_unique<MemorySource>(section), section.size());
}

Result<std::vector<Record>> decodeRecords(ByteView batch)
{
    auto stream = openRecords(batch);
    if (!stream)
        return stream.status();
    std::vector<Record> records;
    // Every record takes at least 7 bytes uncompressed; never trust recordCount for reserve.
    if (stream->header().compression() == Compression::None)
        records.reserve(std::min<size_t>(static_cast<size_t>(stream->header().recordCount),
                                         (batch.size() - kBatchHeaderSize) / 7));
    StreamedRecord view;
    for (;;) {
        auto more = stream->next(view);
        if (!more)
            return more.status();
        if (!*more)
            return records;
        records.push_back(view.toRecord());
    }
}

} // namespace kl
