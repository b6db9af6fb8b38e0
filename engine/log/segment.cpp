// Segment: appends, offset lookup, reads and truncation. Recovery lives in
// segment_recovery.cpp. See segment.h.
#include "log/segment.h"

#include "log/file_io.h"

#include <fmt/format.h>

#include <algorithm>
#include <fcntl.h>
#include <system_error>

namespace kl {

namespace fs = std::filesystem;

Segment::Segment(const fs::path &dir, int64_t baseOffset, int64_t nowMs)
    : m_baseOffset(baseOffset),
      m_logPath(dir / (segmentFileStem(baseOffset) + ".log")),
      m_index(dir / (segmentFileStem(baseOffset) + ".index"), dir / (segmentFileStem(baseOffset) + ".timeindex")),
      m_log(m_logPath, O_RDWR),
      m_nextOffset(baseOffset),
      m_createdMs(nowMs)
{
}

Segment::~Segment() = default;

Result<std::unique_ptr<Segment>> Segment::create(const fs::path &dir, int64_t baseOffset, int64_t nowMs,
                                                 int32_t maxIndexBytes)
{
    std::unique_ptr<Segment> segment(new Segment(dir, baseOffset, nowMs));
    {
        auto fd = segment->m_log.lease(O_CREAT | O_TRUNC);
        if (!fd)
            return fd.status();
    }
    Status s = segment->m_index.createEmpty(maxIndexBytes);
    if (!s)
        return s;
    return segment;
}

SegmentInfo Segment::info(bool active) const
{
    SegmentInfo i;
    i.baseOffset = m_baseOffset;
    i.nextOffset = m_nextOffset;
    i.sizeBytes = m_size;
    i.recordCount = m_recordCount;
    i.batchCount = m_batchCount;
    i.firstTimestamp = m_firstTimestamp;
    i.maxTimestamp = m_maxTimestamp;
    i.createdMs = m_createdMs;
    i.indexEntries = static_cast<int32_t>(m_index.offsets().size());
    i.timeIndexEntries = static_cast<int32_t>(m_index.times().size());
    i.active = active;
    i.logPath = m_logPath;
    return i;
}

void Segment::resetCounters()
{
    m_nextOffset = m_baseOffset;
    m_recordCount = 0;
    m_batchCount = 0;
    m_firstTimestamp = -1;
    m_maxTimestamp = -1;
    m_offsetOfMaxTimestamp = -1;
}

void Segment::account(const BatchHeader &h)
{
    if (m_batchCount == 0)
        m_firstTimestamp = h.baseTimestamp;
    ++m_batchCount;
    m_recordCount += h.recordCount;
    if (h.maxTimestamp > m_maxTimestamp) {
        m_maxTimestamp = h.maxTimestamp;
        m_offsetOfMaxTimestamp = h.lastOffset();
    }
    m_nextOffset = h.lastOffset() + 1;
}

Status Segment::append(std::span<const ByteView> parts, const SegmentAppend &what, int32_t indexIntervalBytes,
                       int64_t nowMs)
{
    auto fd = logFd();
    if (!fd)
        return fd.status();
    int64_t total = 0;
    for (ByteView p : parts)
        total += static_cast<int64_t>(p.size());
    const int64_t positionBefore = m_size;
    Status s = fileio::pwriteAll(fd->get(), parts, positionBefore, m_logPath);
    if (!s) {
        (void)fileio::truncateFile(fd->get(), positionBefore, m_logPath); // cut a partial write
        return s;
    }

    int64_t maxTimestamp = m_maxTimestamp;
    int64_t offsetOfMaxTimestamp = m_offsetOfMaxTimestamp;
    int64_t bytesSinceLastIndexEntry = m_bytesSinceLastIndexEntry;
    int64_t position = positionBefore;
    // Kafka 4.x's LogSegment.append, batch by batch: the largest timestamp so far includes this
    // batch; the check happens before the batch is counted, so an entry names the batch's last
    // offset at the position where the batch starts.
    for (const SegmentBatch &batch : what.batches) {
        if (batch.maxTimestamp > maxTimestamp) {
            maxTimestamp = batch.maxTimestamp;
            offsetOfMaxTimestamp = batch.lastOffset;
        }
        if (bytesSinceLastIndexEntry > indexIntervalBytes) {
            s = m_index.appendOffset(static_cast<int32_t>(batch.lastOffset - m_baseOffset),
                                     static_cast<int32_t>(position));
            if (s)
                s = m_index.maybeAppendTime(maxTimestamp, static_cast<int32_t>(offsetOfMaxTimestamp - m_baseOffset));
            if (!s) {
                (void)m_index.truncate(what.firstOffset - m_baseOffset, positionBefore);
                (void)fileio::truncateFile(fd->get(), positionBefore, m_logPath);
                return s;
            }
            bytesSinceLastIndexEntry = 0;
        }
        position += batch.sizeBytes;
        bytesSinceLastIndexEntry += batch.sizeBytes;
    }
    m_bytesSinceLastIndexEntry = bytesSinceLastIndexEntry;

    if (m_batchCount == 0) {
        m_firstTimestamp = what.firstTimestamp;
        m_firstAppendMs = nowMs;
    }
    m_size += total;
    m_nextOffset = what.lastOffset + 1;
    m_recordCount += what.recordCount;
    m_batchCount += what.batchCount;
    m_maxTimestamp = maxTimestamp;
    m_offsetOfMaxTimestamp = offsetOfMaxTimestamp;
    return Status::ok();
}

Result<int64_t> Segment::findPosition(int64_t offset) const
{
    if (offset >= m_nextOffset)
        return m_size;
    int64_t position = offset > m_baseOffset ? m_index.lookup(offset - m_baseOffset) : 0;
    auto fd = logFd();
    if (!fd)
        return fd.status();
    uint8_t header[kBatchHeaderSize];
    while (position < m_size) {
        auto n = fileio::preadUpTo(fd->get(), header, sizeof header, position, m_logPath);
        if (!n)
            return n.status();
        const BatchHeader h = fileio::decodeHeaderPrefix(header);
        if (*n < sizeof header || h.batchLength < static_cast<int32_t>(kBatchHeaderSize - kLogOverhead))
            return Status::error(ErrorCode::CorruptMessage,
                                 fmt::format("no valid batch header at position {} of {}", position,
                                             m_logPath.string()));
        if (h.lastOffset() >= offset)
            return position;
        position += static_cast<int64_t>(h.totalSize());
    }
    return m_size;
}

Result<Bytes> Segment::read(int64_t position, int64_t maxBytes, int64_t maxOffset) const
{
    Bytes data;
    if (position >= m_size)
        return data;
    auto fd = logFd();
    if (!fd)
        return fd.status();
    const int64_t chunk = std::min(std::max<int64_t>(maxBytes, kBatchHeaderSize), m_size - position);
    data.resize(static_cast<size_t>(chunk));
    auto n = fileio::preadUpTo(fd->get(), data.data(), data.size(), position, m_logPath);
    if (!n)
        return n.status();
    data.resize(*n);

    size_t used = 0;
    while (data.size() - used >= kBatchHeaderSize) {
        const BatchHeader h = fileio::decodeHeaderPrefix(data.data() + used);
        if (h.batchLength < static_cast<int32_t>(kBatchHeaderSize - kLogOverhead))
            break;
        if (maxOffset >= 0 && h.lastOffset() >= maxOffset)
            break;
        const size_t total = h.totalSize();
        if (used + total > data.size()) {
            // Kafka returns the first batch whole even when it is larger than maxBytes.
            if (used == 0 && position + static_cast<int64_t>(total) <= m_size) {
                data.resize(total);
                auto m = fileio::preadUpTo(fd->get(), data.data(), total, position, m_logPath);
                if (!m)
                    return m.status();
                if (*m == total)
                    used = total;
            }
            break;
        }
        used += total;
    }
    data.resize(used);
    return data;
}

Result<int64_t> Segment::truncateTo(int64_t offset, int64_t nowMs)
{
    auto position = findPosition(offset);
    if (!position)
        return position.status();
    if (*position >= m_size && m_damagedTailBytes == 0)
        return int64_t{0};
    *position = std::min(*position, m_size);
    Status s = Status::ok();
    {
        auto fd = logFd();
        if (!fd)
            return fd.status();
        s = fileio::truncateFile(fd->get(), *position, m_logPath);
    }
    if (!s)
        return s;
    const int64_t removed = m_size + m_damagedTailBytes - *position;
    m_size = *position;
    m_damagedTailBytes = 0;
    m_damageProblem.clear();
    s = m_index.truncate(offset - m_baseOffset, *position);
    if (!s)
        return s;
    resetCounters();
    const BatchScan scanned = scan(m_size, false, [this](const BatchHeader &h, int64_t) { account(h); });
    if (!scanned.problem.empty())
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("{} after truncation: {}", m_logPath.string(), scanned.problem));
    m_bytesSinceLastIndexEntry = 0;
    if (m_size == 0) {
        m_createdMs = nowMs;
        m_firstAppendMs = -1;
    }
    return removed;
}

Status Segment::activate(int32_t maxIndexBytes)
{
    Status s = m_index.openForAppend(maxIndexBytes);
    if (s)
        m_active = true;
    return s;
}

Status Segment::deactivate()
{
    Status s = Status::ok();
    if (m_maxTimestamp >= 0)
        s = m_index.maybeAppendTime(m_maxTimestamp, static_cast<int32_t>(m_offsetOfMaxTimestamp - m_baseOffset));
    if (s)
        s = m_index.trimToEntries();
    m_index.closeFiles();
    m_log.close();
    m_active = false;
    return s;
}

void Segment::releaseReadFd() const
{
    if (!m_active)
        m_log.close();
}

Status Segment::removeFiles()
{
    m_log.close();
    m_active = false;
    std::error_code ec;
    fs::remove(m_logPath, ec);
    if (ec)
        return fileio::storageError("cannot delete", m_logPath, ec.value());
    return m_index.removeFiles();
}

} // namespace kl
