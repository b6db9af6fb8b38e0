// Segment::open and Segment::scan: recovery of an existing segment. Headers are read with
// pread and records skipped by length; with `validate` every batch is read (in large chunks)
// and its CRC checked. The first bad batch ends the segment: the tail is cut (or, for a flushed
// segment, kept on disk and not served), reported, and the indexes rebuilt by Kafka's recovery
// rule. See segment.h.
#include "log/segment.h"

#include "log/file_io.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <climits>
#include <fcntl.h>

namespace kl {

namespace fs = std::filesystem;

namespace {
constexpr int64_t kScanChunk = 4 << 20; // read size while validating
constexpr int32_t kMinBatchLength = static_cast<int32_t>(kBatchHeaderSize - kLogOverhead);
} // namespace

BatchScan Segment::scan(int64_t to, bool checkCrc, const BatchFn &fn) const
{
    BatchScan result;
    auto fd = logFd();
    if (!fd) {
        result.problem = fd.status().message();
        return result;
    }
    Bytes buffer;              // checkCrc: a window of the file starting at bufferStart
    int64_t bufferStart = 0;
    uint8_t header[kBatchHeaderSize];

    // Bytes [pos, pos + size) of the file, or nullptr on a read error (problem set).
    auto fetch = [&](int64_t pos, size_t size) -> const uint8_t * {
        if (!checkCrc) {
            auto n = fileio::preadUpTo(fd->get(), header, size, pos, m_logPath);
            if (!n || *n < size) {
                result.problem = n ? fmt::format("short read at position {}", pos) : n.status().message();
                return nullptr;
            }
            return header;
        }
        if (pos < bufferStart || pos + static_cast<int64_t>(size) > bufferStart + static_cast<int64_t>(buffer.size())) {
            const int64_t want = std::min(std::max<int64_t>(kScanChunk, static_cast<int64_t>(size)), to - pos);
            buffer.resize(static_cast<size_t>(want));
            auto n = fileio::preadUpTo(fd->get(), buffer.data(), buffer.size(), pos, m_logPath);
            if (!n || *n < size) {
                result.problem = n ? fmt::format("short read at position {}", pos) : n.status().message();
                return nullptr;
            }
            buffer.resize(*n);
            bufferStart = pos;
        }
        return buffer.data() + (pos - bufferStart);
    };

    int64_t pos = 0;
    int64_t expected = m_baseOffset;
    while (pos < to) {
        const int64_t remain = to - pos;
        if (remain < static_cast<int64_t>(kBatchHeaderSize)) {
            result.problem = fmt::format("incomplete batch header ({} bytes) at position {}", remain, pos);
            break;
        }
        const uint8_t *p = fetch(pos, kBatchHeaderSize);
        if (!p)
            break;
        const BatchHeader h = fileio::decodeHeaderPrefix(p);
        if (h.batchLength < kMinBatchLength) {
            result.problem = fmt::format("batchLength {} at position {} is below the minimum {}", h.batchLength,
                                         pos, kMinBatchLength);
            break;
        }
        if (h.magic != kMagicV2) {
            result.problem = fmt::format("magic {} at position {} (expected 2)", h.magic, pos);
            break;
        }
        const int64_t total = static_cast<int64_t>(h.totalSize());
        if (total > remain) {
            result.problem = fmt::format("batch at position {} needs {} bytes but only {} remain (torn write)", pos,
                                         total, remain);
            break;
        }
        if (h.lastOffsetDelta < 0 || h.baseOffset < expected) {
            result.problem = fmt::format("batch at position {} has offsets {}..{}, expected to start at or above {}",
                                         pos, h.baseOffset, h.lastOffset(), expected);
            break;
        }
        if (h.lastOffset() - m_baseOffset > INT32_MAX) {
            result.problem = fmt::format("batch at position {} has offset {}, too far above the base offset {}", pos,
                                         h.lastOffset(), m_baseOffset);
            break;
        }
        if (checkCrc) {
            const uint8_t *whole = fetch(pos, static_cast<size_t>(total));
            if (!whole)
                break;
            const ByteView batch(whole, static_cast<size_t>(total));
            if (!batchCrcValid(batch)) {
                result.problem = fmt::format("CRC mismatch in batch at position {}: stored {}, computed {}", pos,
                                             h.crc, computeBatchCrc(batch));
                break;
            }
        }
        fn(h, pos);
        expected = h.lastOffset() + 1;
        pos += total;
        result.validBytes = pos;
    }
    return result;
}

Result<std::unique_ptr<Segment>> Segment::open(const fs::path &dir, int64_t baseOffset, bool validate,
                                               bool keepDamagedTail, int32_t indexIntervalBytes, int64_t nowMs,
                                               std::vector<LogEvent> &events)
{
    std::unique_ptr<Segment> segment(new Segment(dir, baseOffset, nowMs));
    Status s = segment->recover(validate, keepDamagedTail, indexIntervalBytes, events);
    if (!s)
        return s;
    if (!segment->empty())
        segment->m_firstAppendMs = nowMs; // segment.ms counts from reopening (engine clock)
    return segment;
}

Status Segment::recover(bool validate, bool keepDamagedTail, int32_t indexIntervalBytes,
                        std::vector<LogEvent> &events)
{
    auto fd = logFd();
    if (!fd)
        return fd.status();
    auto size = fileio::fileSize(fd->get(), m_logPath);
    if (!size)
        return size.status();
    m_size = *size;
    std::string indexProblem = m_index.load(m_size);
    const std::vector<IndexEntry> &loaded = m_index.offsets();
    size_t nextEntry = 0;

    // The index Kafka's recovery would build, kept in case the files on disk are unusable.
    std::vector<IndexEntry> rebuiltOffsets;
    std::vector<TimeIndexEntry> rebuiltTimes;
    int64_t lastIndexEntryPosition = 0;
    auto relative = [this](int64_t offset) { return static_cast<int32_t>(offset - m_baseOffset); };

    resetCounters();
    const BatchScan scanned = scan(m_size, validate, [&](const BatchHeader &h, int64_t pos) {
        // Every loaded entry must sit on a batch start whose base offset is not above it.
        while (indexProblem.empty() && nextEntry < loaded.size() && loaded[nextEntry].position <= pos) {
            const IndexEntry &e = loaded[nextEntry];
            if (e.position != pos)
                indexProblem = fmt::format("index entry {} points to position {}, inside a batch", nextEntry,
                                           e.position);
            else if (m_baseOffset + e.relativeOffset < h.baseOffset)
                indexProblem = fmt::format("index entry {} (offset {}) is below the batch at position {}",
                                           nextEntry, m_baseOffset + e.relativeOffset, pos);
            ++nextEntry;
        }
        account(h);
        if (pos - lastIndexEntryPosition > indexIntervalBytes) {
            rebuiltOffsets.push_back({relative(h.lastOffset()), static_cast<int32_t>(pos)});
            if (m_maxTimestamp > (rebuiltTimes.empty() ? -1 : rebuiltTimes.back().timestamp))
                rebuiltTimes.push_back({m_maxTimestamp, relative(m_offsetOfMaxTimestamp)});
            lastIndexEntryPosition = pos;
        }
    });

    if (!scanned.problem.empty() && !validate) // damaged although shut down cleanly
        return recover(true, keepDamagedTail, indexIntervalBytes, events);

    if (!scanned.problem.empty() && keepDamagedTail) {
        // Flushed: not a torn write but damage. Nothing is cut; the Log reports the range.
        m_damagedTailBytes = m_size - scanned.validBytes;
        m_damageProblem = scanned.problem;
        spdlog::error("{}: {}; the {} bytes from position {} are kept but not served", m_logPath.string(),
                      scanned.problem, m_damagedTailBytes, scanned.validBytes);
        m_size = scanned.validBytes;
        if (indexProblem.empty())
            indexProblem = "the segment has a damaged tail";
    } else if (!scanned.problem.empty()) {
        const int64_t removed = m_size - scanned.validBytes;
        Status s = fileio::truncateFile(fd->get(), scanned.validBytes, m_logPath);
        if (!s)
            return s;
        spdlog::warn("{}: {}; truncated at byte position {}, {} bytes removed", m_logPath.string(),
                     scanned.problem, scanned.validBytes, removed);
        events.push_back({LogEventType::TailTruncated, m_baseOffset,
                          fmt::format("{}: {}; truncated at byte position {}, {} bytes removed",
                                      m_logPath.filename().string(), scanned.problem, scanned.validBytes,
                                      removed),
                          "tail_truncated", removed, scanned.validBytes});
        m_size = scanned.validBytes;
        if (indexProblem.empty())
            indexProblem = "the log was truncated";
    }

    if (indexProblem.empty() && nextEntry < loaded.size())
        indexProblem = fmt::format("index entry {} points to position {}, inside the last batch", nextEntry,
                                   loaded[nextEntry].position);
    if (indexProblem.empty()) {
        for (const TimeIndexEntry &e : m_index.times()) {
            if (m_baseOffset + e.relativeOffset >= m_nextOffset || e.timestamp > m_maxTimestamp) {
                indexProblem = fmt::format("time index entry (timestamp {}, offset {}) is beyond the log",
                                           e.timestamp, m_baseOffset + e.relativeOffset);
                break;
            }
        }
    }

    if (!indexProblem.empty()) {
        // The final entry Kafka forces at the end of recovery.
        if (m_maxTimestamp > (rebuiltTimes.empty() ? -1 : rebuiltTimes.back().timestamp))
            rebuiltTimes.push_back({m_maxTimestamp, relative(m_offsetOfMaxTimestamp)});
        const size_t offsetCount = rebuiltOffsets.size(), timeCount = rebuiltTimes.size();
        Status s = m_index.replace(std::move(rebuiltOffsets), std::move(rebuiltTimes));
        if (!s)
            return s;
        spdlog::info("{}: index rebuilt ({})", m_logPath.string(), indexProblem);
        events.push_back({LogEventType::IndexRebuilt, m_baseOffset,
                          fmt::format("{}; rebuilt {} offset and {} time index entries", indexProblem,
                                      offsetCount, timeCount),
                          "index_rebuilt", static_cast<int64_t>(offsetCount), -1});
    } else if (m_maxTimestamp >= 0) {
        Status s = m_index.maybeAppendTime(m_maxTimestamp, relative(m_offsetOfMaxTimestamp));
        if (!s)
            return s;
    }
    m_bytesSinceLastIndexEntry = 0;
    // A file a crash left preallocated is cut to its entries (the active segment is then
    // preallocated again by activate()).
    return m_index.trimToEntries();
}

} // namespace kl
