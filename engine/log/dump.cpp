// dump-log: segment scanning and Kafka DumpLogSegments-compatible printing. Files are read
// with bounded buffers (headers, then the batch body in chunks for its CRC), so a corrupt
// length field can never make us allocate what the file does not hold.
#include "log/dump.h"

#include "log/bytes.h"
#include "log/crc32c.h"
#include "log/log.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>

namespace kl {

namespace {

namespace fs = std::filesystem;

constexpr size_t kCrcStart = 21; // attributes: where the CRC coverage begins
constexpr size_t kChunk = 64 * 1024;

Status openError(const fs::path &file)
{
    return Status::error(ErrorCode::KafkaStorageError,
                         fmt::format("cannot open {}: {}", file.string(), std::strerror(errno)));
}

bool readAt(std::ifstream &in, int64_t position, uint8_t *dst, size_t size)
{
    in.clear();
    in.seekg(position);
    in.read(reinterpret_cast<char *>(dst), static_cast<std::streamsize>(size));
    return static_cast<size_t>(in.gcount()) == size;
}

// CRC of attributes..end of the batch at `position`, streamed so no whole-batch buffer is needed.
bool streamBatchCrc(std::ifstream &in, int64_t position, const BatchHeader &h, const uint8_t *header,
                    uint32_t &crc)
{
    crc = crc32c(header + kCrcStart, kBatchHeaderSize - kCrcStart);
    uint8_t buffer[kChunk];
    size_t left = h.totalSize() - kBatchHeaderSize;
    in.clear();
    in.seekg(position + static_cast<int64_t>(kBatchHeaderSize));
    while (left > 0) {
        const size_t n = std::min(left, kChunk);
        in.read(reinterpret_cast<char *>(buffer), static_cast<std::streamsize>(n));
        if (static_cast<size_t>(in.gcount()) != n)
            return false;
        crc = crc32cExtend(crc, buffer, n);
        left -= n;
    }
    return true;
}

// The scan behind scanSegment and dumpFile. Kafka's dump keeps going after a CRC mismatch
// (it prints isvalid: false); recovery-style callers stop there.
Result<SegmentScan> scan(const fs::path &logFile, size_t maxBatches, bool stopAtBadCrc)
{
    std::error_code ec;
    const auto size = fs::file_size(logFile, ec);
    if (ec)
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("cannot read {}: {}", logFile.string(), ec.message()));
    std::ifstream in(logFile, std::ios::binary);
    if (!in)
        return openError(logFile);

    SegmentScan result;
    result.fileSize = static_cast<int64_t>(size);
    int64_t pos = 0;
    uint8_t header[kBatchHeaderSize];
    while (pos < result.fileSize && result.batches.size() < maxBatches) {
        const int64_t remain = result.fileSize - pos;
        if (remain < static_cast<int64_t>(kBatchHeaderSize)) {
            result.problem = fmt::format("truncated batch header at position {}: {} bytes needed, {} remain",
                                         pos, kBatchHeaderSize, remain);
            break;
        }
        if (!readAt(in, pos, header, kBatchHeaderSize)) {
            result.problem = fmt::format("read error at position {}", pos);
            break;
        }
        auto h = peekBatchHeader(ByteView(header, kBatchHeaderSize));
        if (!h) {
            result.problem = fmt::format("corrupt batch at position {}: {}", pos, h.status().message());
            break;
        }
        if (static_cast<int64_t>(h->totalSize()) > remain) {
            result.problem = fmt::format("truncated batch at position {}: header says {} bytes, {} remain",
                                         pos, h->totalSize(), remain);
            break;
        }
        uint32_t crc = 0;
        if (!streamBatchCrc(in, pos, *h, header, crc)) {
            result.problem = fmt::format("read error in batch at position {}", pos);
            break;
        }
        BatchSummary summary{*h, pos, crc == h->crc};
        result.batches.push_back(summary);
        if (!summary.crcValid && stopAtBadCrc) {
            result.problem = fmt::format("corrupt batch at position {}: CRC mismatch (stored {}, computed {})",
                                         pos, h->crc, crc);
            break;
        }
        pos += static_cast<int64_t>(h->totalSize());
        result.validBytes = pos;
    }
    return result;
}

// DefaultRecordBatch.incrementSequence: sequences wrap from INT32_MAX to 0.
int32_t incrementSequence(int32_t sequence, int32_t increment)
{
    if (sequence > INT32_MAX - increment)
        return increment - (INT32_MAX - sequence) - 1;
    return sequence + increment;
}

std::string_view boolText(bool b) { return b ? "true" : "false"; }

std::string_view timestampType(const BatchHeader &h) { return h.logAppendTime() ? "LogAppendTime" : "CreateTime"; }

void printBatchLine(const BatchSummary &b, std::ostream &out)
{
    const BatchHeader &h = b.header;
    const int32_t lastSequence = h.baseSequence < 0 ? -1 : incrementSequence(h.baseSequence, h.lastOffsetDelta);
    // Attributes bit 6: the batch carries a delete horizon, kept in baseTimestamp.
    const std::string horizon = (h.attributes & 0x40) ? fmt::format("OptionalLong[{}]", h.baseTimestamp)
                                                      : std::string("OptionalLong.empty");
    out << fmt::format("baseOffset: {} lastOffset: {} count: {} baseSequence: {} lastSequence: {} "
                       "producerId: {} producerEpoch: {} partitionLeaderEpoch: {} isTransactional: {} "
                       "isControl: {} deleteHorizonMs: {} position: {} {}: {} size: {} magic: {} "
                       "compresscodec: {} crc: {} isvalid: {}\n",
                       h.baseOffset, h.lastOffset(), h.recordCount, h.baseSequence, lastSequence,
                       h.producerId, h.producerEpoch, h.partitionLeaderEpoch, boolText(h.isTransactional()),
                       boolText(h.isControl()), horizon, b.position, timestampType(h), h.maxTimestamp,
                       h.totalSize(), h.magic, compressionName(h.compression()), h.crc, boolText(b.crcValid));
}

// Control records (transaction markers): key = version i16, type i16; value = version i16,
// coordinatorEpoch i32.
std::string controlText(const Record &r)
{
    if (!r.key || r.key->size() < 4)
        return " controlType: UNKNOWN(-1)";
    const auto *k = reinterpret_cast<const uint8_t *>(r.key->data());
    const int16_t type = bytes::getI16(k + 2);
    if ((type == 0 || type == 1) && r.value && r.value->size() >= 6) {
        const auto *v = reinterpret_cast<const uint8_t *>(r.value->data());
        return fmt::format(" endTxnMarker: {} coordinatorEpoch: {}", type == 0 ? "ABORT" : "COMMIT",
                           bytes::getI32(v + 2));
    }
    return fmt::format(" controlType: UNKNOWN({})", type);
}

void printRecords(const fs::path &file, const BatchSummary &b, std::ostream &out)
{
    const BatchHeader &h = b.header;
    auto records = readBatchRecords(file, b.position);
    if (!records) {
        out << fmt::format("| cannot decode the records of the batch at position {}: {}\n", b.position,
                           records.status().message());
        return;
    }
    for (const Record &r : *records) {
        const int32_t offsetDelta = static_cast<int32_t>(r.offset - h.baseOffset);
        const int32_t sequence = h.baseSequence < 0 ? -1 : incrementSequence(h.baseSequence, offsetDelta);
        std::string keys;
        for (const RecordHeader &rh : r.headers)
            keys += (keys.empty() ? "" : ",") + rh.key;
        std::string line = fmt::format("| offset: {} {}: {} keySize: {} valueSize: {} sequence: {} headerKeys: [{}]",
                                       r.offset, timestampType(h), r.timestamp,
                                       r.key ? static_cast<int64_t>(r.key->size()) : -1,
                                       r.value ? static_cast<int64_t>(r.value->size()) : -1, sequence, keys);
        if (h.isControl()) {
            line += controlText(r);
        } else {
            if (r.key)
                line += " key: " + *r.key;
            if (r.value)
                line += " payload: " + *r.value;
        }
        out << line << '\n';
    }
}

Result<int64_t> baseOffsetFromName(const fs::path &file);

Status dumpLog(const fs::path &file, const DumpOptions &options, std::ostream &out)
{
    auto s = scan(file, SIZE_MAX, false);
    if (!s)
        return s.status();
    out << "Dumping " << file.string() << '\n';
    // Kafka parses the name as a number; a file renamed to something else has no base offset.
    if (auto base = baseOffsetFromName(file))
        out << "Log starting offset: " << *base << '\n';
    for (const BatchSummary &b : s->batches) {
        printBatchLine(b, out);
        if (options.records)
            printRecords(file, b, out);
    }
    if (s->validBytes < s->fileSize) {
        out << fmt::format("Found {} invalid bytes at the end of {}\n", s->fileSize - s->validBytes,
                           file.filename().string());
        out << s->problem << '\n';
    }
    return Status::ok();
}

Result<int64_t> baseOffsetFromName(const fs::path &file)
{
    const std::string stem = file.stem().string();
    int64_t base = 0;
    const auto [end, ec] = std::from_chars(stem.data(), stem.data() + stem.size(), base);
    if (stem.empty() || ec != std::errc() || end != stem.data() + stem.size() || base < 0)
        return Status::error(ErrorCode::InvalidRequest,
                             fmt::format("{}: the file name is not a base offset (00000000000000000042)",
                                         file.string()));
    return base;
}

} // namespace

Result<SegmentScan> scanSegment(const std::filesystem::path &logFile, size_t maxBatches)
{
    return scan(logFile, maxBatches, true);
}

Result<std::vector<Record>> readBatchRecords(const std::filesystem::path &logFile, int64_t position)
{
    std::ifstream in(logFile, std::ios::binary);
    if (!in)
        return openError(logFile);
    uint8_t header[kBatchHeaderSize];
    if (position < 0 || !readAt(in, position, header, kBatchHeaderSize))
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("{}: no complete batch header at position {}", logFile.string(), position));
    auto h = peekBatchHeader(ByteView(header, kBatchHeaderSize));
    if (!h)
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("batch at position {}: {}", position, h.status().message()));
    std::error_code ec;
    const auto size = static_cast<int64_t>(fs::file_size(logFile, ec));
    if (ec || position + static_cast<int64_t>(h->totalSize()) > size)
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("truncated batch at position {}: header says {} bytes, {} remain",
                                         position, h->totalSize(), ec ? 0 : size - position));
    Bytes batch(h->totalSize());
    if (!readAt(in, position, batch.data(), batch.size()))
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("read error in batch at position {}", position));
    auto records = decodeRecords(batch);
    if (!records)
        return Status::error(records.status().code(),
                             fmt::format("batch at position {}: {}", position, records.status().message()));
    return records;
}

// An index file's size is a whole number of entries; a torn write leaves a partial one at the end.
static void reportPartialEntry(const std::filesystem::path &file, uint64_t entrySize, std::ostream &out)
{
    std::error_code ec;
    const uint64_t size = fs::file_size(file, ec);
    if (ec || size % entrySize == 0)
        return;
    const uint64_t partial = size % entrySize;
    out << fmt::format("Found {} invalid bytes at the end of {}\n", partial, file.filename().string());
    out << fmt::format("a partial {}-byte entry starts at byte position {} (entries are {} bytes)\n", partial,
                       size - partial, entrySize);
}

Status dumpFile(const std::filesystem::path &file, const DumpOptions &options, std::ostream &out)
{
    const std::string ext = file.extension().string();
    if (ext != ".log" && ext != ".index" && ext != ".timeindex")
        return Status::error(ErrorCode::InvalidRequest,
                             fmt::format("{}: unknown file type '{}' (expected .log, .index or .timeindex)",
                                         file.string(), ext));
    std::error_code ec;
    if (fs::is_directory(file, ec))
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("{}: is a directory, not a segment file", file.string()));
    if (!fs::is_regular_file(file, ec))
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("{}: no such file", file.string()));
    if (ext == ".log")
        return dumpLog(file, options, out);

    auto base = baseOffsetFromName(file);
    if (!base)
        return base.status();
    if (ext == ".index") {
        auto entries = readOffsetIndex(file);
        if (!entries)
            return entries.status();
        out << "Dumping " << file.string() << '\n';
        if (entries->empty())
            out << file.string() << " is empty.\n";
        for (const IndexEntry &e : *entries)
            out << "offset: " << *base + e.relativeOffset << " position: " << e.position << '\n';
        reportPartialEntry(file, 8, out);
        return Status::ok();
    }
    auto entries = readTimeIndex(file);
    if (!entries)
        return entries.status();
    out << "Dumping " << file.string() << '\n';
    for (const TimeIndexEntry &e : *entries)
        out << "timestamp: " << e.timestamp << " offset: " << *base + e.relativeOffset << '\n';
    reportPartialEntry(file, 12, out);
    return Status::ok();
}

} // namespace kl
