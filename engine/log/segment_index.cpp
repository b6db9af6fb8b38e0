// SegmentIndex: see segment_index.h.
#include "log/segment_index.h"

#include "log/bytes.h"
#include "log/file_io.h"

#include <fmt/format.h>

#include <algorithm>
#include <fcntl.h>
#include <system_error>

namespace kl {

namespace fs = std::filesystem;

namespace {

// The first `maxSize` bytes of a small file (all of it when smaller); `missing` when absent.
Status readFilePrefix(const fs::path &file, size_t maxSize, Bytes &out, bool &missing, int64_t &fileBytes)
{
    missing = false;
    fileBytes = 0;
    out.clear();
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        missing = true;
        return Status::ok();
    }
    auto fd = fileio::openFile(file, O_RDONLY);
    if (!fd)
        return fd.status();
    int handle = *fd;
    auto size = fileio::fileSize(handle, file);
    if (!size) {
        fileio::closeFd(handle);
        return size.status();
    }
    fileBytes = *size;
    out.resize(std::min(static_cast<size_t>(*size), maxSize));
    auto n = fileio::preadUpTo(handle, out.data(), out.size(), 0, file);
    fileio::closeFd(handle);
    if (!n)
        return n.status();
    out.resize(*n);
    return Status::ok();
}

bool allZero(const uint8_t *p, size_t n)
{
    return std::all_of(p, p + n, [](uint8_t b) { return b == 0; });
}

// Number of entries in `data` before the zero tail of a preallocated file: the first all-zero
// entry after the first one ends them; a zero first entry is an entry only if the next one is
// not zero too (Kafka's DumpLogSegments stops at an entry naming the base offset, i > 0).
size_t entriesBeforeZeroTail(const Bytes &data, size_t entrySize)
{
    const size_t whole = data.size() / entrySize;
    for (size_t i = 0; i < whole; ++i) {
        if (!allZero(data.data() + i * entrySize, entrySize))
            continue;
        if (i > 0 || (whole > 1 && allZero(data.data() + entrySize, entrySize)))
            return i;
    }
    return whole;
}

size_t preallocatedBytes(int32_t maxIndexBytes, size_t entrySize)
{
    return static_cast<size_t>(std::max(maxIndexBytes, 0)) / entrySize * entrySize;
}

Status writeWholeFile(const fs::path &file, const Bytes &data)
{
    auto fd = fileio::openFile(file, O_WRONLY | O_CREAT | O_TRUNC);
    if (!fd)
        return fd.status();
    int handle = *fd;
    Status s = fileio::writeAll(handle, data.data(), data.size(), file);
    fileio::closeFd(handle);
    return s;
}

} // namespace

SegmentIndex::SegmentIndex(fs::path indexPath, fs::path timeIndexPath)
    : m_indexPath(std::move(indexPath)),
      m_timeIndexPath(std::move(timeIndexPath)),
      m_indexFile(m_indexPath, O_RDWR | O_CREAT),
      m_timeIndexFile(m_timeIndexPath, O_RDWR | O_CREAT)
{
}

SegmentIndex::~SegmentIndex()
{
    closeFiles();
}

int64_t SegmentIndex::lookup(int64_t relativeOffset) const
{
    auto it = std::upper_bound(m_offsets.begin(), m_offsets.end(), relativeOffset,
                               [](int64_t rel, const IndexEntry &e) { return rel < e.relativeOffset; });
    if (it == m_offsets.begin())
        return 0;
    return std::prev(it)->position;
}

bool SegmentIndex::full(int32_t maxIndexBytes) const
{
    const size_t bytes = static_cast<size_t>(std::max(maxIndexBytes, 0));
    return m_offsets.size() >= bytes / kOffsetIndexEntrySize || m_times.size() >= bytes / kTimeIndexEntrySize;
}

Status SegmentIndex::appendBytes(CachedFile &file, size_t entries, const uint8_t *data, size_t size)
{
    auto fd = file.lease();
    if (!fd)
        return fd.status();
    const ByteView part(data, size);
    return fileio::pwriteAll(fd->get(), std::span<const ByteView>(&part, 1), static_cast<int64_t>(entries * size),
                             file.path());
}

Status SegmentIndex::appendOffset(int32_t relativeOffset, int32_t position)
{
    uint8_t entry[kOffsetIndexEntrySize];
    bytes::putI32(bytes::putI32(entry, relativeOffset), position);
    Status s = appendBytes(m_indexFile, m_offsets.size(), entry, sizeof entry);
    if (s)
        m_offsets.push_back({relativeOffset, position});
    if (s && !m_preallocated)
        m_indexFileBytes = m_offsets.size() * kOffsetIndexEntrySize;
    return s;
}

Status SegmentIndex::maybeAppendTime(int64_t timestamp, int32_t relativeOffset)
{
    if (timestamp <= lastTimestamp())
        return Status::ok();
    uint8_t entry[kTimeIndexEntrySize];
    bytes::putI32(bytes::putI64(entry, timestamp), relativeOffset);
    Status s = appendBytes(m_timeIndexFile, m_times.size(), entry, sizeof entry);
    if (s)
        m_times.push_back({timestamp, relativeOffset});
    if (s && !m_preallocated)
        m_timeIndexFileBytes = m_times.size() * kTimeIndexEntrySize;
    return s;
}

std::string SegmentIndex::load(int64_t logSize)
{
    m_offsets.clear();
    m_times.clear();
    // Every entry marks a distinct batch (the time index may add one forced entry), so a file
    // with more entries than the log has batch headers is garbage; never read it whole.
    const size_t maxEntries = static_cast<size_t>(logSize) / kBatchHeaderSize + 1;
    // A preallocated file (the active segment after a crash) is read only as far as entries
    // can reach, plus one entry: if that one is not zero the file really has too many.
    Bytes data;
    bool missing = false;
    int64_t fileBytes = 0;
    Status s = readFilePrefix(m_indexPath, (maxEntries + 1) * kOffsetIndexEntrySize, data, missing, fileBytes);
    if (!s)
        return s.message();
    if (missing)
        return fmt::format("{} is missing", m_indexPath.filename().string());
    size_t count = entriesBeforeZeroTail(data, kOffsetIndexEntrySize);
    if (count > maxEntries)
        return fmt::format("{} has more entries than the log has batches", m_indexPath.filename().string());
    if (count == data.size() / kOffsetIndexEntrySize && fileBytes % kOffsetIndexEntrySize != 0)
        return fmt::format("{} size {} is not a multiple of {}", m_indexPath.filename().string(), fileBytes,
                           kOffsetIndexEntrySize);
    data.resize(count * kOffsetIndexEntrySize);
    const size_t indexFileBytes = static_cast<size_t>(fileBytes);
    std::vector<IndexEntry> offsets;
    offsets.reserve(data.size() / kOffsetIndexEntrySize);
    for (size_t pos = 0; pos < data.size(); pos += kOffsetIndexEntrySize) {
        const IndexEntry e{bytes::getI32(data.data() + pos), bytes::getI32(data.data() + pos + 4)};
        const bool increasing = offsets.empty() || (e.relativeOffset > offsets.back().relativeOffset &&
                                                    e.position > offsets.back().position);
        if (e.relativeOffset < 0 || e.position < 0 || !increasing)
            return fmt::format("{} entry {} (offset {}, position {}) is not strictly increasing",
                               m_indexPath.filename().string(), offsets.size(), e.relativeOffset, e.position);
        if (e.position >= logSize)
            return fmt::format("{} entry {} points to position {} beyond the log ({} bytes)",
                               m_indexPath.filename().string(), offsets.size(), e.position, logSize);
        offsets.push_back(e);
    }

    s = readFilePrefix(m_timeIndexPath, (maxEntries + 1) * kTimeIndexEntrySize, data, missing, fileBytes);
    if (!s)
        return s.message();
    if (missing)
        return fmt::format("{} is missing", m_timeIndexPath.filename().string());
    count = entriesBeforeZeroTail(data, kTimeIndexEntrySize);
    if (count > maxEntries)
        return fmt::format("{} has more entries than the log has batches", m_timeIndexPath.filename().string());
    if (count == data.size() / kTimeIndexEntrySize && fileBytes % kTimeIndexEntrySize != 0)
        return fmt::format("{} size {} is not a multiple of {}", m_timeIndexPath.filename().string(), fileBytes,
                           kTimeIndexEntrySize);
    data.resize(count * kTimeIndexEntrySize);
    std::vector<TimeIndexEntry> times;
    times.reserve(data.size() / kTimeIndexEntrySize);
    for (size_t pos = 0; pos < data.size(); pos += kTimeIndexEntrySize) {
        const TimeIndexEntry e{bytes::getI64(data.data() + pos), bytes::getI32(data.data() + pos + 8)};
        const bool increasing = times.empty() || (e.timestamp > times.back().timestamp &&
                                                  e.relativeOffset >= times.back().relativeOffset);
        if (e.relativeOffset < 0 || !increasing)
            return fmt::format("{} entry {} (timestamp {}, offset {}) is not increasing",
                               m_timeIndexPath.filename().string(), times.size(), e.timestamp,
                               e.relativeOffset);
        times.push_back(e);
    }
    m_offsets = std::move(offsets);
    m_times = std::move(times);
    m_preallocated = false;
    m_indexFileBytes = indexFileBytes;
    m_timeIndexFileBytes = static_cast<size_t>(fileBytes);
    return {};
}

Status SegmentIndex::replace(std::vector<IndexEntry> offsets, std::vector<TimeIndexEntry> times)
{
    Bytes data(offsets.size() * kOffsetIndexEntrySize);
    uint8_t *p = data.data();
    for (const IndexEntry &e : offsets)
        p = bytes::putI32(bytes::putI32(p, e.relativeOffset), e.position);
    Status s = writeWholeFile(m_indexPath, data);
    if (!s)
        return s;
    data.assign(times.size() * kTimeIndexEntrySize, 0);
    p = data.data();
    for (const TimeIndexEntry &e : times)
        p = bytes::putI32(bytes::putI64(p, e.timestamp), e.relativeOffset);
    s = writeWholeFile(m_timeIndexPath, data);
    if (!s)
        return s;
    m_preallocated = false;
    m_indexFileBytes = offsets.size() * kOffsetIndexEntrySize;
    m_timeIndexFileBytes = times.size() * kTimeIndexEntrySize;
    m_offsets = std::move(offsets);
    m_times = std::move(times);
    return Status::ok();
}

Status SegmentIndex::truncate(int64_t relativeOffset, int64_t position)
{
    while (!m_offsets.empty() &&
           (m_offsets.back().relativeOffset >= relativeOffset || m_offsets.back().position >= position))
        m_offsets.pop_back();
    while (!m_times.empty() && m_times.back().relativeOffset >= relativeOffset)
        m_times.pop_back();
    // Dropped entries must not survive in a preallocated tail (a crash would read them back).
    Status s = resize(m_indexFile, m_offsets.size() * kOffsetIndexEntrySize,
                      m_preallocated ? m_indexFileBytes : 0);
    if (s)
        s = resize(m_timeIndexFile, m_times.size() * kTimeIndexEntrySize,
                   m_preallocated ? m_timeIndexFileBytes : 0);
    return s;
}

Status SegmentIndex::resize(CachedFile &file, size_t entryBytes, size_t preallocatedBytes)
{
    auto fd = file.lease();
    if (!fd)
        return fd.status();
    Status s = fileio::truncateFile(fd->get(), static_cast<int64_t>(entryBytes), file.path());
    if (s && preallocatedBytes > entryBytes)
        s = fileio::truncateFile(fd->get(), static_cast<int64_t>(preallocatedBytes), file.path());
    return s;
}

Status SegmentIndex::preallocate(int32_t maxIndexBytes)
{
    // Never below the entries already there (segment.index.bytes lowered at runtime).
    const size_t indexBytes = std::max(preallocatedBytes(maxIndexBytes, kOffsetIndexEntrySize),
                                       m_offsets.size() * kOffsetIndexEntrySize);
    const size_t timeBytes = std::max(preallocatedBytes(maxIndexBytes, kTimeIndexEntrySize),
                                      m_times.size() * kTimeIndexEntrySize);
    Status s = resize(m_indexFile, m_offsets.size() * kOffsetIndexEntrySize, indexBytes);
    if (s)
        s = resize(m_timeIndexFile, m_times.size() * kTimeIndexEntrySize, timeBytes);
    if (!s)
        return s;
    m_preallocated = true;
    m_indexFileBytes = indexBytes;
    m_timeIndexFileBytes = timeBytes;
    return Status::ok();
}

Status SegmentIndex::trimToEntries()
{
    const size_t indexBytes = m_offsets.size() * kOffsetIndexEntrySize;
    const size_t timeBytes = m_times.size() * kTimeIndexEntrySize;
    Status s = Status::ok();
    if (m_indexFileBytes != indexBytes)
        s = resize(m_indexFile, indexBytes, 0);
    if (s && m_timeIndexFileBytes != timeBytes)
        s = resize(m_timeIndexFile, timeBytes, 0);
    if (!s)
        return s;
    m_preallocated = false;
    m_indexFileBytes = indexBytes;
    m_timeIndexFileBytes = timeBytes;
    return Status::ok();
}

Status SegmentIndex::createEmpty(int32_t maxIndexBytes)
{
    closeFiles();
    m_offsets.clear();
    m_times.clear();
    m_preallocated = false;
    m_indexFileBytes = m_timeIndexFileBytes = 0;
    // preallocate() cuts both files to zero entries before extending them: an old file's
    // entries never survive (what O_TRUNC did).
    return preallocate(maxIndexBytes);
}

Status SegmentIndex::openForAppend(int32_t maxIndexBytes)
{
    return preallocate(maxIndexBytes);
}

void SegmentIndex::closeFiles()
{
    m_indexFile.close();
    m_timeIndexFile.close();
}

Status SegmentIndex::removeFiles()
{
    closeFiles();
    std::error_code ec;
    fs::remove(m_indexPath, ec);
    if (ec)
        return fileio::storageError("cannot delete", m_indexPath, ec.value());
    fs::remove(m_timeIndexPath, ec);
    if (ec)
        return fileio::storageError("cannot delete", m_timeIndexPath, ec.value());
    m_offsets.clear();
    m_times.clear();
    m_preallocated = false;
    m_indexFileBytes = m_timeIndexFileBytes = 0;
    return Status::ok();
}

} // namespace kl
