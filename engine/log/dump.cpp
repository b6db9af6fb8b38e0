// dump-log: segment scanning and Kafka DumpLogSegments-compatible printing. Everything streams
// with bounded buffers: batches are printed as they are scanned (headers, then the body in
// chunks for its CRC), records as they are decoded (RecordStream over the file, one record held
// at a time), index entries as they are read. What Kafka lists after the dump (non-consecutive
// offsets, index mismatches) is kept up to kMaxListed entries. So no field of a file, however
// large it claims to be, makes us hold more than a fixed budget (docs/PERFORMANCE.md).
// The shared file helpers are in dump_files.cpp, the index dumpers in dump_index.cpp.
#include "log/dump.h"

#include "log/bytes.h"
#include "log/compression.h"
#include "log/crc32c.h"
#include "log/dump_files.h"
#include "log/log.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

namespace kl {

using namespace dump_detail;

namespace {

constexpr size_t kCrcStart = 21; // attributes: where the CRC coverage begins

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

// The scan behind scanSegment and dumpFile: fn(const BatchSummary &) for each batch as it is
// read, false to stop. Kafka's dump keeps going after a CRC mismatch (it prints isvalid: false);
// recovery-style callers stop there. The result holds no batches: fn gets them.
template <typename Fn>
Result<SegmentScan> scanBatches(std::ifstream &in, uint64_t size, bool stopAtBadCrc, Fn &&fn)
{
    SegmentScan result;
    result.fileSize = static_cast<int64_t>(size);
    int64_t pos = 0;
    uint8_t header[kBatchHeaderSize];
    while (pos < result.fileSize) {
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
        const BatchSummary summary{*h, pos, crc == h->crc};
        if (!summary.crcValid && stopAtBadCrc) {
            fn(summary);
            result.problem = fmt::format("corrupt batch at position {}: CRC mismatch (stored {}, computed {})",
                                         pos, h->crc, crc);
            break;
        }
        pos += static_cast<int64_t>(h->totalSize());
        result.validBytes = pos;
        if (!fn(summary))
            break;
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
std::string controlText(const std::optional<std::string_view> &key, const std::optional<std::string_view> &value)
{
    if (!key || key->size() < 4)
        return " controlType: UNKNOWN(-1)";
    const auto *k = reinterpret_cast<const uint8_t *>(key->data());
    const int16_t type = bytes::getI16(k + 2);
    if ((type == 0 || type == 1) && value && value->size() >= 6) {
        const auto *v = reinterpret_cast<const uint8_t *>(value->data());
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

struct OffsetTrack {
    int64_t last = -1;
    Listed<std::pair<int64_t, int64_t>> gaps;
    void see(int64_t offset)
    {
        if (last != -1 && offset != last + 1)
            gaps.keepNewest({last, offset});
        last = offset;
    }
    void printNewestFirst(std::ostream &err) const
    {
        gaps.newestFirst([&](const std::pair<int64_t, int64_t> &g) {
            err << "  " << g.first << " is followed by " << g.second << '\n';
        });
        droppedNote(gaps.dropped(), "older pairs", err);
    }
};

// Writes `bytes` as utf8Text would return them, piece by piece (a payload may be megabytes).
void writeUtf8(std::ostream &out, std::string_view bytes)
{
    constexpr size_t kPiece = 64 * 1024;
    for (size_t i = 0; i < bytes.size();) {
        // Cut before a byte that is not a continuation byte (0x80..0xBF): no sequence goes on
        // across it, so the pieces decode as the whole would. If the four bytes before the cut
        // are all continuation bytes, the cut is safe as it is: a sequence has at most three.
        size_t end = std::min(bytes.size(), i + kPiece);
        if (end < bytes.size()) {
            const auto isContinuation = [&](size_t k) {
                const auto c = static_cast<unsigned char>(bytes[k]);
                return c >= 0x80 && c <= 0xBF;
            };
            for (size_t c = end; c + 3 >= end && c > i; --c) {
                if (!isContinuation(c)) {
                    end = c;
                    break;
                }
            }
        }
        out << utf8Text(bytes.substr(i, end - i));
        i = end;
    }
}

// The "| offset: ..." line of one record, in the field order of DumpLogSegments.dumpLog,
// written as it is made (the header keys of a record may be millions). Returns an error only
// when the decoder fails (Kafka's tool stops there).
Status printRecord(const BatchHeader &h, const StreamedRecord &r, const DumpOptions &options, std::ostream &out)
{
    const int32_t sequence = h.baseSequence < 0 ? -1 : incrementSequence(h.baseSequence, r.offsetDelta);
    out << fmt::format("| offset: {} {}: {} keySize: {} valueSize: {} sequence: {} headerKeys: [", r.offset,
                       timestampType(h), r.timestamp, r.key ? static_cast<int64_t>(r.key->size()) : -1,
                       r.value ? static_cast<int64_t>(r.value->size()) : -1, sequence);
    bool first = true;
    r.forEachHeader([&](std::string_view key, const std::optional<std::string_view> &) {
        if (!first)
            out << ',';
        out << key;
        first = false;
    });
    out << ']';
    if (h.isControl())
        out << controlText(r.key, r.value);
    if (options.printDataLog && !h.isControl()) {
        if (options.parser) {
            // The decoder gets the key and the value (the offsets decoder reads nothing else).
            auto p = options.parser(r.toRecord(0));
            if (!p) {
                out << '\n';
                return p.status();
            }
            if (p->key)
                out << " key: " << *p->key;
            if (p->payload)
                out << " payload: " << *p->payload;
        } else {
            if (r.key) {
                out << " key: ";
                writeUtf8(out, *r.key);
            }
            if (r.value) {
                out << " payload: ";
                writeUtf8(out, *r.value);
            }
        }
    }
    out << '\n';
    return Status::ok();
}

// Every record of one batch, decoded and printed one at a time. A batch that cannot be decoded
// gets a line saying why (after the records before the problem); only the decoder's failure
// stops the dump.
Status printRecords(std::ifstream &in, const fs::path &file, const BatchSummary &b, const DumpOptions &options,
                    OffsetTrack &track, std::ostream &out)
{
    const BatchHeader &h = b.header;
    auto stream = openBatchRecords(in, file, h, b.position);
    Status problem = stream ? Status::ok() : stream.status();
    if (stream) {
        StreamedRecord r;
        for (;;) {
            auto more = stream->next(r);
            if (!more) {
                problem = more.status();
                break;
            }
            if (!*more)
                break;
            track.see(r.offset);
            if (Status s = printRecord(h, r, options, out); !s)
                return s;
        }
    }
    if (!problem)
        out << fmt::format("| cannot decode the records of the batch at position {}: batch at position {}: {}\n",
                           b.position, b.position, problem.message());
    return Status::ok();
}

Status dumpLog(const fs::path &file, const DumpOptions &options, std::ostream &out, std::ostream &err)
{
    std::ifstream in;
    uint64_t size = 0;
    if (Status st = openRegular(file, in, size); !st)
        return st;
    out << "Dumping " << file.string() << '\n';
    // Kafka parses the name as a number; a file renamed to something else has no base offset.
    if (auto base = baseOffsetFromName(file))
        out << "Log starting offset: " << *base << '\n';
    const bool deep = options.deepIteration || options.printDataLog;
    OffsetTrack track;
    Status status = Status::ok();
    // Records are read through a second handle: the scan's stays where the next batch starts.
    std::ifstream records;
    if (deep) {
        records.open(file, std::ios::binary);
        if (!records)
            return openError(file);
    }
    auto s = scanBatches(in, size, false, [&](const BatchSummary &b) {
        printBatchLine(b, out);
        if (deep) {
            status = printRecords(records, file, b, options, track, out);
            if (!status)
                return false;
        }
        return true;
    });
    if (!s)
        return s.status();
    if (status && s->validBytes < s->fileSize) {
        out << fmt::format("Found {} invalid bytes at the end of {}\n", s->fileSize - s->validBytes,
                           file.filename().string());
        err << s->problem << '\n';
    }
    // Kafka keeps these pairs newest first.
    if (!track.gaps.empty()) {
        err << "Non-consecutive offsets in " << absolutePath(file) << '\n';
        track.printNewestFirst(err);
    }
    return status;
}


// The batch header at `position` of an open .log of `size` bytes, for reading its records.
Result<BatchHeader> batchHeaderAt(std::ifstream &in, const fs::path &logFile, uint64_t size, int64_t position)
{
    uint8_t header[kBatchHeaderSize];
    if (position < 0 || !readAt(in, position, header, kBatchHeaderSize))
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("{}: no complete batch header at position {}", logFile.string(), position));
    auto h = peekBatchHeader(ByteView(header, kBatchHeaderSize));
    if (!h)
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("batch at position {}: {}", position, h.status().message()));
    if (position + static_cast<int64_t>(h->totalSize()) > static_cast<int64_t>(size))
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("truncated batch at position {}: header says {} bytes, {} remain",
                                         position, h->totalSize(), static_cast<int64_t>(size) - position));
    return *h;
}

} // namespace

Result<SegmentScan> scanSegment(const std::filesystem::path &logFile, size_t maxBatches)
{
    std::ifstream in;
    uint64_t size = 0;
    if (Status st = openRegular(logFile, in, size); !st)
        return st;
    std::vector<BatchSummary> batches;
    auto result = scanBatches(in, size, true, [&](const BatchSummary &b) {
        batches.push_back(b);
        return batches.size() < maxBatches;
    });
    if (result)
        result->batches = std::move(batches);
    return result;
}

Result<RecordPage> readBatchRecordPage(const std::filesystem::path &logFile, int64_t position, size_t maxRecords,
                                       size_t maxBytes, size_t maxHeaders)
{
    std::ifstream in;
    uint64_t size = 0;
    if (Status st = openRegular(logFile, in, size); !st)
        return st;
    auto h = batchHeaderAt(in, logFile, size, position);
    if (!h)
        return h.status();
    auto stream = openBatchRecords(in, logFile, *h, position);
    if (!stream)
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("batch at position {}: {}", position, stream.status().message()));
    RecordPage page;
    size_t bytes = 0;
    StreamedRecord r;
    for (;;) {
        if (page.records.size() >= maxRecords || bytes >= maxBytes) {
            // More only if another record follows: the count in the header may lie.
            auto more = stream->next(r);
            page.more = more && *more;
            break;
        }
        auto more = stream->next(r);
        if (!more)
            return Status::error(more.status().code(),
                                 fmt::format("batch at position {}: {}", position, more.status().message()));
        if (!*more)
            break;
        if (static_cast<size_t>(r.headerCount) > maxHeaders)
            page.headersCut = true;
        Record rec = r.toRecord(maxHeaders);
        bytes += sizeof(Record) + (rec.key ? rec.key->size() : 0) + (rec.value ? rec.value->size() : 0);
        for (const RecordHeader &rh : rec.headers)
            bytes += sizeof(RecordHeader) + rh.key.size() + (rh.value ? rh.value->size() : 0);
        page.records.push_back(std::move(rec));
    }
    return page;
}

Result<std::vector<Record>> readBatchRecords(const std::filesystem::path &logFile, int64_t position)
{
    auto page = readBatchRecordPage(logFile, position, SIZE_MAX, SIZE_MAX, SIZE_MAX);
    if (!page)
        return page.status();
    return std::move(page->records);
}

namespace {

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
    // What the path is, before anything opens it (a FIFO would block the open).
    if (Status st = checkRegularFile(file); !st)
        return st;
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
