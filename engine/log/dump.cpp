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
#include <memory>
#include <utility>

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

// DefaultRecordBatch.incrementSequence: sequences wrap from INT32_MAX to 0. Java's int
// arithmetic wraps silently; a damaged header can hold any increment (even a negative one), so
// compute as Java does instead of overflowing a C++ int (found by fuzz_segment_files).
int32_t incrementSequence(int32_t sequence, int32_t increment)
{
    const auto add = [](int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b)); };
    const auto sub = [](int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b)); };
    if (sequence > sub(INT32_MAX, increment))
        return sub(sub(increment, sub(INT32_MAX, sequence)), 1);
    return add(sequence, increment);
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

// Control records: key = version i16, type i16; an ABORT/COMMIT marker's value = version i16,
// coordinatorEpoch i32 (ControlRecordType, EndTransactionMarker).
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
    if (type == 2)
        return " controlType: LEADER_CHANGE(2)";
    return fmt::format(" controlType: UNKNOWN({})", type);
}

// Kafka's StringDecoder is new String(bytes, UTF_8): each ill-formed sequence (its maximal
// subpart, as the Unicode standard recommends and the JDK does) becomes U+FFFD; valid UTF-8 is
// kept as it is.
std::string utf8Text(std::string_view bytes)
{
    static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
    std::string out;
    out.reserve(bytes.size());
    size_t i = 0;
    while (i < bytes.size()) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        size_t needed = 0;
        unsigned char lower = 0x80, upper = 0xBF;
        if (b <= 0x7F) {
            out += static_cast<char>(b);
            ++i;
            continue;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            needed = 2;
            lower = b == 0xE0 ? 0xA0 : 0x80;
            upper = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            needed = 3;
            lower = b == 0xF0 ? 0x90 : 0x80;
            upper = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            out += kReplacement;
            ++i;
            continue;
        }
        size_t j = i + 1;
        for (size_t seen = 0; seen < needed; ++seen, ++j) {
            if (j >= bytes.size())
                break;
            const auto c = static_cast<unsigned char>(bytes[j]);
            if (c < lower || c > upper)
                break;
            lower = 0x80;
            upper = 0xBF;
        }
        if (j - i == needed + 1)
            out.append(bytes.substr(i, j - i));
        else
            out += kReplacement; // the bytes read so far; the one that broke it starts afresh
        i = j;
    }
    return out;
}

// Offsets seen in deep iteration, for Kafka's "Non-consecutive offsets in FILE" report.
struct OffsetTrack {
    int64_t last = -1;
    std::vector<std::pair<int64_t, int64_t>> gaps;
    void see(int64_t offset)
    {
        if (last != -1 && offset != last + 1)
            gaps.emplace_back(last, offset);
        last = offset;
    }
};

// One "| offset: ..." line per record, in the field order of DumpLogSegments.dumpLog. Returns
// an error only when the decoder fails (Kafka's tool stops there).
Status printRecords(const fs::path &file, const BatchSummary &b, const DumpOptions &options, OffsetTrack &track,
                    std::ostream &out)
{
    const BatchHeader &h = b.header;
    auto records = readBatchRecords(file, b.position);
    if (!records) {
        out << fmt::format("| cannot decode the records of the batch at position {}: {}\n", b.position,
                           records.status().message());
        return Status::ok();
    }
    for (const Record &r : *records) {
        track.see(r.offset);
        const int32_t offsetDelta = static_cast<int32_t>(r.offset - h.baseOffset);
        const int32_t sequence = h.baseSequence < 0 ? -1 : incrementSequence(h.baseSequence, offsetDelta);
        std::string keys;
        for (const RecordHeader &rh : r.headers)
            keys += (keys.empty() ? "" : ",") + rh.key;
        std::string line = fmt::format("| offset: {} {}: {} keySize: {} valueSize: {} sequence: {} headerKeys: [{}]",
                                       r.offset, timestampType(h), r.timestamp,
                                       r.key ? static_cast<int64_t>(r.key->size()) : -1,
                                       r.value ? static_cast<int64_t>(r.value->size()) : -1, sequence, keys);
        if (h.isControl())
            line += controlText(r);
        if (options.printDataLog && !h.isControl()) {
            ParsedRecord parsed;
            if (r.key)
                parsed.key = utf8Text(*r.key);
            if (r.value)
                parsed.payload = utf8Text(*r.value);
            if (options.parser) {
                auto p = options.parser(r);
                if (!p) {
                    out << line << '\n';
                    return p.status();
                }
                parsed = std::move(*p);
            }
            if (parsed.key)
                line += " key: " + *parsed.key;
            if (parsed.payload)
                line += " payload: " + *parsed.payload;
        }
        out << line << '\n';
    }
    return Status::ok();
}

Result<int64_t> baseOffsetFromName(const fs::path &file);

std::string absolutePath(const fs::path &file)
{
    std::error_code ec;
    const fs::path abs = fs::absolute(file, ec);
    return ec ? file.string() : abs.string();
}

Status dumpLog(const fs::path &file, const DumpOptions &options, std::ostream &out, std::ostream &err)
{
    auto s = scan(file, SIZE_MAX, false);
    if (!s)
        return s.status();
    out << "Dumping " << file.string() << '\n';
    // Kafka parses the name as a number; a file renamed to something else has no base offset.
    if (auto base = baseOffsetFromName(file))
        out << "Log starting offset: " << *base << '\n';
    const bool deep = options.deepIteration || options.printDataLog;
    OffsetTrack track;
    Status status = Status::ok();
    for (const BatchSummary &b : s->batches) {
        printBatchLine(b, out);
        if (deep) {
            status = printRecords(file, b, options, track, out);
            if (!status)
                break;
        }
    }
    if (status && s->validBytes < s->fileSize) {
        out << fmt::format("Found {} invalid bytes at the end of {}\n", s->fileSize - s->validBytes,
                           file.filename().string());
        err << s->problem << '\n';
    }
    // Kafka keeps these pairs newest first.
    if (!track.gaps.empty()) {
        err << "Non-consecutive offsets in " << absolutePath(file) << '\n';
        for (auto it = track.gaps.rbegin(); it != track.gaps.rend(); ++it)
            err << "  " << it->first << " is followed by " << it->second << '\n';
    }
    return status;
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

namespace {

// An index file as Kafka's dump opens it (AbstractIndex, read-only): floor(size / entry size)
// slots, a partial entry at the end ignored. Kafka preallocates the active segment's index
// (segment.index.bytes, zero-filled), so the dump stops at the first slot after slot 0 whose
// relative offset is 0: entries holds the slots before it, read in chunks so a 10 MiB
// preallocated tail is never loaded whole. first/last are slot 0 and the last slot (zero or
// not), which Kafka's sanityCheck looks at.
struct IndexSlots {
    uint64_t fileSize = 0;
    uint64_t slots = 0;
    std::vector<uint8_t> entries; // the used slots' bytes
    std::vector<uint8_t> first, last;
};

Result<IndexSlots> readIndexSlots(const fs::path &file, size_t entrySize, size_t offsetField)
{
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec)
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("cannot read {}: {}", file.string(), ec.message()));
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return openError(file);
    IndexSlots r;
    r.fileSize = size;
    r.slots = size / entrySize;
    if (r.slots == 0)
        return r;
    r.first.resize(entrySize);
    r.last.resize(entrySize);
    if (!readAt(in, 0, r.first.data(), entrySize) ||
        !readAt(in, static_cast<int64_t>((r.slots - 1) * entrySize), r.last.data(), entrySize))
        return Status::error(ErrorCode::KafkaStorageError, fmt::format("read error in {}", file.string()));
    const size_t perChunk = std::max<size_t>(1, kChunk / entrySize);
    std::vector<uint8_t> chunk(perChunk * entrySize);
    for (uint64_t slot = 0; slot < r.slots;) {
        const uint64_t n = std::min<uint64_t>(perChunk, r.slots - slot);
        if (!readAt(in, static_cast<int64_t>(slot * entrySize), chunk.data(), n * entrySize))
            return Status::error(ErrorCode::KafkaStorageError,
                                 fmt::format("read error in {} at byte position {}", file.string(), slot * entrySize));
        for (uint64_t i = 0; i < n; ++i, ++slot) {
            const uint8_t *e = chunk.data() + i * entrySize;
            if (slot > 0 && bytes::getI32(e + offsetField) == 0)
                return r;
            r.entries.insert(r.entries.end(), e, e + entrySize);
        }
    }
    return r;
}

// The batch that starts at `position` of the log, as FileRecords.slice(position).batches
// reads it; nullopt when no complete, well-formed batch starts there.
std::optional<BatchHeader> batchAt(std::ifstream &log, int64_t logSize, int64_t position)
{
    uint8_t header[kBatchHeaderSize];
    if (position < 0 || position + static_cast<int64_t>(kBatchHeaderSize) > logSize ||
        !readAt(log, position, header, kBatchHeaderSize))
        return std::nullopt;
    auto h = peekBatchHeader(ByteView(header, kBatchHeaderSize));
    if (!h || position + static_cast<int64_t>(h->totalSize()) > logSize)
        return std::nullopt;
    return *h;
}

// The .log beside an index: same directory, same base offset.
fs::path logBeside(const fs::path &index) { return fs::path(index).replace_extension(".log"); }

struct LogFile {
    fs::path path;
    std::ifstream in;
    int64_t size = 0;
};

// Opens the .log beside an index. Kafka's dump always needs it (it checks every entry against
// the log); without it Kafka Lab still prints the entries, and says why nothing was checked.
Result<std::unique_ptr<LogFile>> openLogBeside(const fs::path &index)
{
    auto log = std::make_unique<LogFile>();
    log->path = logBeside(index);
    std::error_code ec;
    if (!fs::is_regular_file(log->path, ec))
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("{}: no such file (the log beside {}, needed to check its entries)",
                                         log->path.string(), index.filename().string()));
    log->size = static_cast<int64_t>(fs::file_size(log->path, ec));
    log->in.open(log->path, std::ios::binary);
    if (ec || !log->in)
        return openError(log->path);
    return log;
}

std::string corruptIndex(const std::string &message)
{
    return "org.apache.kafka.storage.internals.log.CorruptIndexException: " + message;
}

Status dumpOffsetIndex(const fs::path &file, int64_t base, const DumpOptions &options, std::ostream &out,
                       std::ostream &err)
{
    constexpr size_t kEntry = 8;
    auto index = readIndexSlots(file, kEntry, 0);
    if (!index)
        return index.status();
    out << "Dumping " << file.string() << '\n';
    if (index->slots == 0) {
        out << file.string() << " is empty.\n";
        return Status::ok();
    }
    if (options.indexSanityCheck) {
        // OffsetIndex.sanityCheck: the last slot's offset, and the file's length.
        const int64_t lastOffset = base + bytes::getI32(index->last.data());
        if (lastOffset < base)
            return Status::error(ErrorCode::CorruptMessage,
                                 corruptIndex(fmt::format("Corrupt index found, index file {} has non-zero size but "
                                                          "the last offset is {} which is less than the base offset {}",
                                                          absolutePath(file), lastOffset, base)));
        if (index->fileSize % kEntry != 0)
            return Status::error(ErrorCode::CorruptMessage,
                                 corruptIndex(fmt::format("Index file {} is corrupt, found {} bytes which is neither "
                                                          "positive nor a multiple of {}",
                                                          absolutePath(file), index->fileSize, kEntry)));
        out << file.string() << " passed sanity check.\n";
        return Status::ok();
    }
    auto log = openLogBeside(file);
    if (!log && options.verifyIndexOnly)
        return log.status();
    std::vector<std::string> mismatches;
    for (size_t i = 0; i < index->entries.size(); i += kEntry) {
        const int64_t offset = base + bytes::getI32(index->entries.data() + i);
        const int32_t position = bytes::getI32(index->entries.data() + i + 4);
        if (log) {
            // Kafka compares the entry with the last offset of the batch at its position.
            const auto batch = batchAt((*log)->in, (*log)->size, position);
            if (!batch)
                mismatches.push_back(fmt::format("  Index offset: {}, log offset: -1 (no batch starts at position "
                                                 "{} of {})",
                                                 offset, position, (*log)->path.filename().string()));
            else if (batch->lastOffset() != offset)
                mismatches.push_back(fmt::format("  Index offset: {}, log offset: {}", offset, batch->lastOffset()));
        }
        if (!options.verifyIndexOnly)
            out << "offset: " << offset << " position: " << position << '\n';
    }
    if (!log)
        err << "the entries were not checked against the log: " << log.status().message() << '\n';
    if (index->fileSize % kEntry != 0)
        err << fmt::format("{} ends in a partial {}-byte entry at byte position {} (entries are {} bytes); the dump "
                           "ignores it, --index-sanity-check fails on it\n",
                           file.filename().string(), index->fileSize % kEntry, index->slots * kEntry, kEntry);
    if (!mismatches.empty()) {
        // Kafka keeps them newest first.
        err << "Mismatches in :" << absolutePath(file) << '\n';
        for (auto it = mismatches.rbegin(); it != mismatches.rend(); ++it)
            err << *it << '\n';
    }
    return Status::ok();
}

// OffsetIndex.lookup over the used entries: the position of the largest entry whose offset is
// <= target, or 0.
int64_t lookupPosition(const std::vector<uint8_t> &entries, int64_t base, int64_t target)
{
    int64_t position = 0;
    for (size_t i = 0; i + 8 <= entries.size(); i += 8) {
        if (base + bytes::getI32(entries.data() + i) > target)
            break;
        position = bytes::getI32(entries.data() + i + 4);
    }
    return position;
}

Status dumpTimeIndex(const fs::path &file, int64_t base, const DumpOptions &options, std::ostream &out,
                     std::ostream &err)
{
    constexpr size_t kEntry = 12;
    auto index = readIndexSlots(file, kEntry, 8);
    if (!index)
        return index.status();
    out << "Dumping " << file.string() << '\n';
    if (options.indexSanityCheck) {
        // TimeIndex.sanityCheck: the last slot against slot 0, and the file's length.
        if (index->slots > 0) {
            const int64_t firstTs = bytes::getI64(index->first.data());
            const int64_t lastTs = bytes::getI64(index->last.data());
            const int64_t lastOffset = base + bytes::getI32(index->last.data() + 8);
            if (lastTs < firstTs)
                return Status::error(
                    ErrorCode::CorruptMessage,
                    corruptIndex(fmt::format("Corrupt time index found, time index file ({}) has non-zero size but "
                                             "the last timestamp is {} which is less than the first timestamp {}",
                                             absolutePath(file), lastTs, firstTs)));
            if (lastOffset < base)
                return Status::error(
                    ErrorCode::CorruptMessage,
                    corruptIndex(fmt::format("Corrupt time index found, time index file ({}) has non-zero size but "
                                             "the last offset is {} which is less than the first offset {}",
                                             absolutePath(file), lastOffset, base)));
        }
        if (index->fileSize % kEntry != 0)
            return Status::error(ErrorCode::CorruptMessage,
                                 corruptIndex(fmt::format("Time index file {} is corrupt, found {} bytes which is "
                                                          "neither positive nor a multiple of {}",
                                                          absolutePath(file), index->fileSize, kEntry)));
        out << file.string() << " passed sanity check.\n";
        return Status::ok();
    }
    auto log = openLogBeside(file);
    if (!log && options.verifyIndexOnly)
        return log.status();
    // The offset index beside it only says where to start reading the log.
    std::vector<uint8_t> offsetEntries;
    if (log) {
        if (auto offsets = readIndexSlots(fs::path(file).replace_extension(".index"), 8, 0))
            offsetEntries = std::move(offsets->entries);
    }
    std::vector<std::pair<int64_t, int64_t>> tsMismatch, outOfOrder, notFound;
    int64_t prevTimestamp = -1; // RecordBatch.NO_TIMESTAMP
    for (size_t i = 0; i < index->entries.size(); i += kEntry) {
        const int64_t timestamp = bytes::getI64(index->entries.data() + i);
        const int64_t offset = base + bytes::getI32(index->entries.data() + i + 8);
        if (log) {
            LogFile &l = **log;
            int64_t pos = lookupPosition(offsetEntries, base, offset);
            std::optional<BatchHeader> found;
            int64_t foundAt = 0;
            while (auto b = batchAt(l.in, l.size, pos)) {
                if (b->lastOffset() >= offset) {
                    found = b;
                    foundAt = pos;
                    break;
                }
                pos += static_cast<int64_t>(b->totalSize());
            }
            if (!found) {
                notFound.emplace_back(offset, -1);
            } else if (found->lastOffset() != offset) {
                notFound.emplace_back(offset, found->lastOffset());
            } else {
                int64_t maxTimestamp = -1;
                if (auto records = readBatchRecords(l.path, foundAt))
                    for (const Record &r : *records)
                        maxTimestamp = std::max(maxTimestamp, r.timestamp);
                if (maxTimestamp != timestamp)
                    tsMismatch.emplace_back(timestamp, maxTimestamp);
                if (prevTimestamp >= timestamp)
                    outOfOrder.emplace_back(timestamp, prevTimestamp);
            }
        }
        if (!options.verifyIndexOnly)
            out << "timestamp: " << timestamp << " offset: " << offset << '\n';
        prevTimestamp = timestamp;
    }
    if (!log)
        err << "the entries were not checked against the log: " << log.status().message() << '\n';
    if (index->fileSize % kEntry != 0)
        err << fmt::format("{} ends in a partial {}-byte entry at byte position {} (entries are {} bytes); the dump "
                           "ignores it, --index-sanity-check fails on it\n",
                           file.filename().string(), index->fileSize % kEntry, index->slots * kEntry, kEntry);
    const std::string abs = absolutePath(file);
    if (!tsMismatch.empty()) {
        err << "Found timestamp mismatch in :" << abs << '\n';
        for (const auto &[indexTs, logTs] : tsMismatch)
            err << fmt::format("  Index timestamp: {}, log timestamp: {}\n", indexTs, logTs);
    }
    if (!outOfOrder.empty()) {
        err << "Found out of order timestamp in :" << abs << '\n';
        for (const auto &[indexTs, prevTs] : outOfOrder)
            err << fmt::format("  Index timestamp: {}, Previously indexed timestamp: {}\n", indexTs, prevTs);
    }
    if (!notFound.empty()) {
        err << "The following indexed offsets are not found in the log.\n";
        for (const auto &[indexed, found] : notFound)
            err << fmt::format("Indexed offset: {}, found log offset: {}\n", indexed, found);
    }
    return Status::ok();
}

Status checkFlags(const std::string &ext, const DumpOptions &options)
{
    if (options.indexSanityCheck && options.verifyIndexOnly)
        return Status::error(ErrorCode::InvalidRequest,
                             "--index-sanity-check and --verify-index-only do not go together: the sanity check "
                             "never reads the entries that --verify-index-only checks");
    if (ext == ".log" && (options.indexSanityCheck || options.verifyIndexOnly))
        return Status::error(ErrorCode::InvalidRequest,
                             fmt::format("{} applies to .index and .timeindex files, not to a .log",
                                         options.indexSanityCheck ? "--index-sanity-check" : "--verify-index-only"));
    if (ext != ".log" && (options.deepIteration || options.printDataLog || options.parser))
        return Status::error(ErrorCode::InvalidRequest,
                             fmt::format("{} applies to .log files, not to a {} file",
                                         options.parser          ? "--offsets-decoder"
                                         : options.printDataLog ? "--print-data-log"
                                                                : "--deep-iteration",
                                         ext));
    return Status::ok();
}

} // namespace

Status dumpFile(const std::filesystem::path &file, const DumpOptions &options, std::ostream &out,
                std::ostream &err)
{
    const std::string ext = file.extension().string();
    if (ext != ".log" && ext != ".index" && ext != ".timeindex")
        return Status::error(ErrorCode::InvalidRequest,
                             fmt::format("{}: unknown file type '{}' (expected .log, .index or .timeindex)",
                                         file.string(), ext));
    if (Status st = checkFlags(ext, options); !st)
        return st;
    std::error_code ec;
    if (fs::is_directory(file, ec))
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("{}: is a directory, not a segment file", file.string()));
    if (!fs::is_regular_file(file, ec))
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("{}: no such file", file.string()));
    if (ext == ".log")
        return dumpLog(file, options, out, err);

    auto base = baseOffsetFromName(file);
    if (!base)
        return base.status();
    if (ext == ".index")
        return dumpOffsetIndex(file, *base, options, out, err);
    return dumpTimeIndex(file, *base, options, out, err);
}

} // namespace kl
