// dump-log: segment scanning and Kafka DumpLogSegments-compatible printing. Everything streams
// with bounded buffers: batches are printed as they are scanned (headers, then the body in
// chunks for its CRC), records as they are decoded (RecordStream over the file, one record held
// at a time), index entries as they are read. What Kafka lists after the dump (non-consecutive
// offsets, index mismatches) is kept up to kMaxListed entries. So no field of a file, however
// large it claims to be, makes us hold more than a fixed budget (docs/PERFORMANCE.md).
#include "log/dump.h"

#include "log/bytes.h"
#include "log/compression.h"
#include "log/crc32c.h"
#include "log/log.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <sys/stat.h>
#include <charconv>
#include <cstring>
#include <fstream>
namespace kl {

namespace {

namespace fs = std::filesystem;

constexpr size_t kCrcStart = 21; // attributes: where the CRC coverage begins
constexpr size_t kChunk = 64 * 1024;
// How many entries of each list printed after a dump (non-consecutive offsets, index
// mismatches) are kept: ~2 MB each. Kafka's tool keeps all of them (in the JVM's heap).
constexpr size_t kMaxListed = 100000;

Status openError(const fs::path &file)
{
    return Status::error(ErrorCode::KafkaStorageError,
                         fmt::format("cannot open {}: {}", file.string(), std::strerror(errno)));
}

const char *fileKind(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO (named pipe)";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

// Succeeds for a regular file (or a symlink to one); otherwise says what `file` is. Checked
// before every open: opening a FIFO for reading would wait for a writer forever, a device
// such as /dev/zero never ends. `role` says why the file is read ("" for the file asked for).
Status checkRegularFile(const fs::path &file, std::string_view role = {})
{
    const std::string why = role.empty() ? std::string() : fmt::format(" ({})", role);
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
        const int error = errno;
        if (error == ENOENT) {
            struct stat link {};
            if (::lstat(file.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
                std::error_code ec;
                const fs::path target = fs::read_symlink(file, ec);
                return Status::error(ErrorCode::KafkaStorageError,
                                     fmt::format("{}: is a symlink to {}, which does not exist{}", file.string(),
                                                 ec ? std::string("?") : target.string(), why));
            }
            return Status::error(ErrorCode::KafkaStorageError, fmt::format("{}: no such file{}", file.string(), why));
        }
        if (error == ELOOP)
            return Status::error(ErrorCode::KafkaStorageError,
                                 fmt::format("{}: too many levels of symbolic links (a symlink loop: a link that "
                                             "leads back to itself){}",
                                             file.string(), why));
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("{}: {}{}", file.string(), std::strerror(error), why));
    }
    if (S_ISREG(st.st_mode))
        return Status::ok();
    struct stat link {};
    std::string what = fmt::format("is {}", fileKind(st.st_mode));
    if (::lstat(file.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        std::error_code ec;
        const fs::path target = fs::canonical(file, ec);
        what = fmt::format("is a symlink to {}, {}", ec ? fs::read_symlink(file, ec).string() : target.string(),
                           fileKind(st.st_mode));
    }
    if (S_ISDIR(st.st_mode))
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("{}: {}, not a segment file{}", file.string(), what, why));
    return Status::error(ErrorCode::KafkaStorageError,
                         fmt::format("{}: {}, not a regular file: dump-log reads segment files (.log, .index, "
                                     ".timeindex){}",
                                     file.string(), what, why));
}

// Opens a regular file for reading; its size in `size`.
Status openRegular(const fs::path &file, std::ifstream &in, uint64_t &size, std::string_view role = {})
{
    if (Status s = checkRegularFile(file, role); !s)
        return s;
    std::error_code ec;
    size = fs::file_size(file, ec);
    if (ec)
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("cannot read {}: {}", file.string(), ec.message()));
    in.open(file, std::ios::binary);
    if (!in)
        return openError(file);
    return Status::ok();
}

bool readAt(std::ifstream &in, int64_t position, uint8_t *dst, size_t size)
{
    in.clear();
    in.seekg(position);
    in.read(reinterpret_cast<char *>(dst), static_cast<std::streamsize>(size));
    return static_cast<size_t>(in.gcount()) == size;
}

// `length` bytes of an open file from `position`, in chunks of 64 KiB.
class FileRangeSource final : public ByteSource {
public:
    FileRangeSource(std::ifstream &in, const fs::path &file, int64_t position, uint64_t length)
        : m_in(in), m_file(file), m_position(position), m_left(length)
    {
    }
    Result<ByteView> next() override
    {
        if (m_left == 0)
            return ByteView{};
        const size_t n = static_cast<size_t>(std::min<uint64_t>(m_left, kChunk));
        if (!readAt(m_in, m_position, m_buffer.data(), n))
            return Status::error(ErrorCode::KafkaStorageError,
                                 fmt::format("read error in {} at byte position {}", m_file.string(), m_position));
        m_position += static_cast<int64_t>(n);
        m_left -= n;
        return ByteView(m_buffer.data(), n);
    }

private:
    std::ifstream &m_in;
    const fs::path &m_file;
    int64_t m_position;
    uint64_t m_left;
    Bytes m_buffer = Bytes(kChunk);
};

// The records of the batch `h` at `position` of an open .log, streamed from the file.
Result<RecordStream> openBatchRecords(std::ifstream &in, const fs::path &file, const BatchHeader &h, int64_t position)
{
    if (h.recordCount < 0)
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("at byte 57: negative recordCount {}", h.recordCount));
    if (static_cast<uint8_t>(h.compression()) > static_cast<uint8_t>(Compression::Zstd))
        return Status::error(ErrorCode::CorruptMessage, fmt::format("at byte 21: unknown compression codec {}",
                                                                    static_cast<int>(h.compression())));
    const uint64_t sectionSize = h.totalSize() - kBatchHeaderSize;
    return RecordStream(h,
                        std::make_unique<FileRangeSource>(in, file, position + static_cast<int64_t>(kBatchHeaderSize),
                                                          sectionSize),
                        sectionSize);
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

// Offsets seen in deep iteration, for Kafka's "Non-consecutive offsets in FILE" report.
// A list Kafka prints after the dump, kept to kMaxListed items: the first ones (oldest first
// lists) or the newest ones (newest first lists, a ring).
template <typename T>
struct Listed {
    std::vector<T> items;
    uint64_t total = 0;
    size_t next = 0; // ring: the oldest kept item once full
    void keepFirst(T t)
    {
        ++total;
        if (items.size() < kMaxListed)
            items.push_back(std::move(t));
    }
    void keepNewest(T t)
    {
        ++total;
        if (items.size() < kMaxListed) {
            items.push_back(std::move(t));
            return;
        }
        items[next] = std::move(t);
        next = (next + 1) % kMaxListed;
    }
    bool empty() const { return total == 0; }
    uint64_t dropped() const { return total - items.size(); }
    template <typename Fn>
    void newestFirst(Fn &&fn) const
    {
        for (size_t i = 0; i < items.size(); ++i)
            fn(items[(next + items.size() - 1 - i) % items.size()]);
    }
};

void droppedNote(uint64_t dropped, std::string_view which, std::ostream &err)
{
    if (dropped > 0)
        err << fmt::format("  ... and {} {} not listed (Kafka Lab keeps {} of them)\n", dropped, which, kMaxListed);
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

Result<int64_t> baseOffsetFromName(const fs::path &file);

std::string absolutePath(const fs::path &file)
{
    std::error_code ec;
    const fs::path abs = fs::absolute(file, ec);
    return ec ? file.string() : abs.string();
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

// An index file as Kafka's dump opens it (AbstractIndex, read-only): floor(size / entry size)
// slots, a partial entry at the end ignored. Kafka preallocates the active segment's index
// (segment.index.bytes, zero-filled), so the dump stops at the first slot after slot 0 whose
// relative offset is 0: the slots before it are the used ones. first/last are slot 0 and the
// last slot (zero or not), which Kafka's sanityCheck looks at. The file is read in chunks and
// the entries go to a callback, so neither a 10 MiB preallocated tail nor a 1 GB index is
// ever held.
struct IndexFile {
    fs::path path;
    std::ifstream in;
    uint64_t fileSize = 0;
    uint64_t slots = 0;
    size_t entrySize = 0;
    size_t offsetField = 0;
    Bytes first, last;
};

Result<std::unique_ptr<IndexFile>> openIndex(const fs::path &file, size_t entrySize, size_t offsetField,
                                             std::string_view role = {})
{
    auto index = std::make_unique<IndexFile>();
    index->path = file;
    index->entrySize = entrySize;
    index->offsetField = offsetField;
    if (Status st = openRegular(file, index->in, index->fileSize, role); !st)
        return st;
    index->slots = index->fileSize / entrySize;
    if (index->slots > 0) {
        index->first.resize(entrySize);
        index->last.resize(entrySize);
        if (!readAt(index->in, 0, index->first.data(), entrySize) ||
            !readAt(index->in, static_cast<int64_t>((index->slots - 1) * entrySize), index->last.data(), entrySize))
            return Status::error(ErrorCode::KafkaStorageError, fmt::format("read error in {}", file.string()));
    }
    return index;
}

// fn(const uint8_t *entry) for each used slot, in order. Returns the number of used slots.
template <typename Fn>
Result<uint64_t> forEachUsedSlot(IndexFile &index, Fn &&fn)
{
    const size_t entrySize = index.entrySize;
    const size_t perChunk = std::max<size_t>(1, kChunk / entrySize);
    Bytes chunk(perChunk * entrySize);
    for (uint64_t slot = 0; slot < index.slots;) {
        const uint64_t n = std::min<uint64_t>(perChunk, index.slots - slot);
        if (!readAt(index.in, static_cast<int64_t>(slot * entrySize), chunk.data(), n * entrySize))
            return Status::error(ErrorCode::KafkaStorageError,
                                 fmt::format("read error in {} at byte position {}", index.path.string(),
                                             slot * entrySize));
        for (uint64_t i = 0; i < n; ++i, ++slot) {
            const uint8_t *e = chunk.data() + i * entrySize;
            if (slot > 0 && bytes::getI32(e + index.offsetField) == 0)
                return slot;
            fn(e);
        }
    }
    return index.slots;
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
    uint64_t size = 0;
    if (Status st = openRegular(log->path, log->in, size,
                                fmt::format("the log beside {}, needed to check its entries", index.filename().string()));
        !st)
        return st;
    log->size = static_cast<int64_t>(size);
    return log;
}

std::string corruptIndex(const std::string &message)
{
    return "org.apache.kafka.storage.internals.log.CorruptIndexException: " + message;
}

void partialEntryNote(const IndexFile &index, std::ostream &err)
{
    if (index.fileSize % index.entrySize != 0)
        err << fmt::format("{} ends in a partial {}-byte entry at byte position {} (entries are {} bytes); the dump "
                           "ignores it, --index-sanity-check fails on it\n",
                           index.path.filename().string(), index.fileSize % index.entrySize,
                           index.slots * index.entrySize, index.entrySize);
}

struct Mismatch {
    int64_t indexOffset = 0;
    int64_t logOffset = -1;
    int64_t position = -1; // >= 0: no batch starts at this position
};

Status dumpOffsetIndex(const fs::path &file, int64_t base, const DumpOptions &options, std::ostream &out,
                       std::ostream &err)
{
    constexpr size_t kEntry = 8;
    auto opened = openIndex(file, kEntry, 0);
    if (!opened)
        return opened.status();
    IndexFile &index = **opened;
    out << "Dumping " << file.string() << '\n';
    if (index.slots == 0) {
        out << file.string() << " is empty.\n";
        return Status::ok();
    }
    if (options.indexSanityCheck) {
        // OffsetIndex.sanityCheck: the last slot's offset, and the file's length.
        const int64_t lastOffset = base + bytes::getI32(index.last.data());
        if (lastOffset < base)
            return Status::error(ErrorCode::CorruptMessage,
                                 corruptIndex(fmt::format("Corrupt index found, index file {} has non-zero size but "
                                                          "the last offset is {} which is less than the base offset {}",
                                                          absolutePath(file), lastOffset, base)));
        if (index.fileSize % kEntry != 0)
            return Status::error(ErrorCode::CorruptMessage,
                                 corruptIndex(fmt::format("Index file {} is corrupt, found {} bytes which is neither "
                                                          "positive nor a multiple of {}",
                                                          absolutePath(file), index.fileSize, kEntry)));
        out << file.string() << " passed sanity check.\n";
        return Status::ok();
    }
    auto log = openLogBeside(file);
    if (!log && options.verifyIndexOnly)
        return log.status();
    Listed<Mismatch> mismatches;
    auto used = forEachUsedSlot(index, [&](const uint8_t *e) {
        const int64_t offset = base + bytes::getI32(e);
        const int32_t position = bytes::getI32(e + 4);
        if (log) {
            // Kafka compares the entry with the last offset of the batch at its position.
            const auto batch = batchAt((*log)->in, (*log)->size, position);
            if (!batch)
                mismatches.keepNewest({offset, -1, position});
            else if (batch->lastOffset() != offset)
                mismatches.keepNewest({offset, batch->lastOffset(), -1});
        }
        if (!options.verifyIndexOnly)
            out << "offset: " << offset << " position: " << position << '\n';
    });
    if (!used)
        return used.status();
    if (!log)
        err << "the entries were not checked against the log: " << log.status().message() << '\n';
    partialEntryNote(index, err);
    if (!mismatches.empty()) {
        // Kafka keeps them newest first.
        err << "Mismatches in :" << absolutePath(file) << '\n';
        const std::string logName = log ? (*log)->path.filename().string() : std::string();
        mismatches.newestFirst([&](const Mismatch &m) {
            if (m.position >= 0)
                err << fmt::format("  Index offset: {}, log offset: -1 (no batch starts at position {} of {})\n",
                                   m.indexOffset, m.position, logName);
            else
                err << fmt::format("  Index offset: {}, log offset: {}\n", m.indexOffset, m.logOffset);
        });
        droppedNote(mismatches.dropped(), "older mismatches", err);
    }
    return Status::ok();
}

// OffsetIndex.lookup over the `used` slots of an offset index: the position of the largest
// entry whose offset is <= target (a binary search, as Kafka's), or 0.
int64_t lookupPosition(IndexFile &index, uint64_t used, int64_t base, int64_t target)
{
    uint64_t lo = 0, hi = used; // the answer is the last slot in [0, lo) with offset <= target
    uint8_t e[8];
    while (lo < hi) {
        const uint64_t mid = lo + (hi - lo) / 2;
        if (!readAt(index.in, static_cast<int64_t>(mid * 8), e, 8))
            return 0;
        if (base + bytes::getI32(e) > target)
            hi = mid;
        else
            lo = mid + 1;
    }
    if (lo == 0 || !readAt(index.in, static_cast<int64_t>((lo - 1) * 8), e, 8))
        return 0;
    return bytes::getI32(e + 4);
}

// The largest timestamp of the batch's records, -1 (RecordBatch.NO_TIMESTAMP) when it cannot
// be decoded.
int64_t maxRecordTimestamp(LogFile &log, const BatchHeader &h, int64_t position)
{
    auto stream = openBatchRecords(log.in, log.path, h, position);
    if (!stream)
        return -1;
    int64_t maxTimestamp = -1;
    StreamedRecord r;
    for (;;) {
        auto more = stream->next(r);
        if (!more)
            return -1;
        if (!*more)
            return maxTimestamp;
        maxTimestamp = std::max(maxTimestamp, r.timestamp);
    }
}

Status dumpTimeIndex(const fs::path &file, int64_t base, const DumpOptions &options, std::ostream &out,
                     std::ostream &err)
{
    constexpr size_t kEntry = 12;
    auto opened = openIndex(file, kEntry, 8);
    if (!opened)
        return opened.status();
    IndexFile &index = **opened;
    out << "Dumping " << file.string() << '\n';
    if (options.indexSanityCheck) {
        // TimeIndex.sanityCheck: the last slot against slot 0, and the file's length.
        if (index.slots > 0) {
            const int64_t firstTs = bytes::getI64(index.first.data());
            const int64_t lastTs = bytes::getI64(index.last.data());
            const int64_t lastOffset = base + bytes::getI32(index.last.data() + 8);
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
        if (index.fileSize % kEntry != 0)
            return Status::error(ErrorCode::CorruptMessage,
                                 corruptIndex(fmt::format("Time index file {} is corrupt, found {} bytes which is "
                                                          "neither positive nor a multiple of {}",
                                                          absolutePath(file), index.fileSize, kEntry)));
        out << file.string() << " passed sanity check.\n";
        return Status::ok();
    }
    auto log = openLogBeside(file);
    if (!log && options.verifyIndexOnly)
        return log.status();
    // The offset index beside it only says where to start reading the log: looked up on disk.
    std::unique_ptr<IndexFile> offsets;
    uint64_t offsetsUsed = 0;
    if (log) {
        const fs::path indexPath = fs::path(file).replace_extension(".index");
        if (checkRegularFile(indexPath))
            if (auto o = openIndex(indexPath, 8, 0)) {
                if (auto n = forEachUsedSlot(**o, [](const uint8_t *) {})) {
                    offsets = std::move(*o);
                    offsetsUsed = *n;
                }
            }
    }
    Listed<std::pair<int64_t, int64_t>> tsMismatch, outOfOrder, notFound;
    int64_t prevTimestamp = -1; // RecordBatch.NO_TIMESTAMP
    auto used = forEachUsedSlot(index, [&](const uint8_t *e) {
        const int64_t timestamp = bytes::getI64(e);
        const int64_t offset = base + bytes::getI32(e + 8);
        if (log) {
            LogFile &l = **log;
            int64_t pos = offsets ? lookupPosition(*offsets, offsetsUsed, base, offset) : 0;
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
                notFound.keepFirst({offset, -1});
            } else if (found->lastOffset() != offset) {
                notFound.keepFirst({offset, found->lastOffset()});
            } else {
                const int64_t maxTimestamp = maxRecordTimestamp(l, *found, foundAt);
                if (maxTimestamp != timestamp)
                    tsMismatch.keepFirst({timestamp, maxTimestamp});
                if (prevTimestamp >= timestamp)
                    outOfOrder.keepFirst({timestamp, prevTimestamp});
            }
        }
        if (!options.verifyIndexOnly)
            out << "timestamp: " << timestamp << " offset: " << offset << '\n';
        prevTimestamp = timestamp;
    });
    if (!used)
        return used.status();
    if (!log)
        err << "the entries were not checked against the log: " << log.status().message() << '\n';
    partialEntryNote(index, err);
    const std::string abs = absolutePath(file);
    if (!tsMismatch.empty()) {
        err << "Found timestamp mismatch in :" << abs << '\n';
        for (const auto &[indexTs, logTs] : tsMismatch.items)
            err << fmt::format("  Index timestamp: {}, log timestamp: {}\n", indexTs, logTs);
        droppedNote(tsMismatch.dropped(), "more mismatches", err);
    }
    if (!outOfOrder.empty()) {
        err << "Found out of order timestamp in :" << abs << '\n';
        for (const auto &[indexTs, prevTs] : outOfOrder.items)
            err << fmt::format("  Index timestamp: {}, Previously indexed timestamp: {}\n", indexTs, prevTs);
        droppedNote(outOfOrder.dropped(), "more out of order timestamps", err);
    }
    if (!notFound.empty()) {
        err << "The following indexed offsets are not found in the log.\n";
        for (const auto &[indexed, found] : notFound.items)
            err << fmt::format("Indexed offset: {}, found log offset: {}\n", indexed, found);
        droppedNote(notFound.dropped(), "more offsets", err);
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
