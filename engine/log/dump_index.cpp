// dump-log for .index and .timeindex files, as Kafka's DumpLogSegments prints them: the used
// slots (a preallocated tail is not listed), each entry checked against the .log beside it,
// --index-sanity-check as Kafka's OffsetIndex/TimeIndex sanityCheck. Entries are read in
// chunks and the lists printed after the dump are bounded (dump_files.h).
#include "log/dump_files.h"

#include "log/bytes.h"
#include "log/log.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>

namespace kl::dump_detail {

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

} // namespace

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

} // namespace kl::dump_detail
