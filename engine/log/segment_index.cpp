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

// Whole small file into memory; nullopt-like empty result with `missing` when absent.
Status readWholeFile(const fs::path &file, size_t maxSize, Bytes &out, bool &missing, bool &tooLarge)
{
    missing = false;
    tooLarge = false;
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
    if (static_cast<size_t>(*size) > maxSize) {
        tooLarge = true;
        fileio::closeFd(handle);
        return Status::ok();
    }
    out.resize(static_cast<size_t>(*size));
    auto n = fileio::preadUpTo(handle, out.data(), out.size(), 0, file);
    fileio::closeFd(handle);
    if (!n)
        return n.status();
    out.resize(*n);
    return Status::ok();
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
    : m_indexPath(std::move(indexPath)), m_timeIndexPath(std::move(timeIndexPath))
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

Status SegmentIndex::appendBytes(int &fd, const fs::path &file, const uint8_t *data, size_t size)
{
    // An inactive segment (recovery, truncation) opens its file just for this write.
    const bool temporary = fd < 0;
    if (temporary) {
        auto opened = fileio::openFile(file, O_WRONLY | O_CREAT | O_APPEND);
        if (!opened)
            return opened.status();
        fd = *opened;
    }
    Status s = fileio::writeAll(fd, data, size, file);
    if (temporary)
        fileio::closeFd(fd);
    return s;
}

Status SegmentIndex::appendOffset(int32_t relativeOffset, int32_t position)
{
    uint8_t entry[kOffsetIndexEntrySize];
    bytes::putI32(bytes::putI32(entry, relativeOffset), position);
    Status s = appendBytes(m_indexFd, m_indexPath, entry, sizeof entry);
    if (s)
        m_offsets.push_back({relativeOffset, position});
    return s;
}

Status SegmentIndex::maybeAppendTime(int64_t timestamp, int32_t relativeOffset)
{
    if (timestamp <= lastTimestamp())
        return Status::ok();
    uint8_t entry[kTimeIndexEntrySize];
    bytes::putI32(bytes::putI64(entry, timestamp), relativeOffset);
    Status s = appendBytes(m_timeIndexFd, m_timeIndexPath, entry, sizeof entry);
    if (s)
        m_times.push_back({timestamp, relativeOffset});
    return s;
}

std::string SegmentIndex::load(int64_t logSize)
{
    m_offsets.clear();
    m_times.clear();
    // Every entry marks a distinct batch (the time index may add one forced entry), so a file
    // with more entries than the log has batch headers is garbage; never read it whole.
    const size_t maxEntries = static_cast<size_t>(logSize) / kBatchHeaderSize + 1;
    Bytes data;
    bool missing = false, tooLarge = false;
    Status s = readWholeFile(m_indexPath, maxEntries * kOffsetIndexEntrySize, data, missing, tooLarge);
    if (!s)
        return s.message();
    if (missing)
        return fmt::format("{} is missing", m_indexPath.filename().string());
    if (tooLarge)
        return fmt::format("{} has more entries than the log has batches", m_indexPath.filename().string());
    if (data.size() % kOffsetIndexEntrySize != 0)
        return fmt::format("{} size {} is not a multiple of {}", m_indexPath.filename().string(), data.size(),
                           kOffsetIndexEntrySize);
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

    s = readWholeFile(m_timeIndexPath, maxEntries * kTimeIndexEntrySize, data, missing, tooLarge);
    if (!s)
        return s.message();
    if (missing)
        return fmt::format("{} is missing", m_timeIndexPath.filename().string());
    if (tooLarge)
        return fmt::format("{} has more entries than the log has batches", m_timeIndexPath.filename().string());
    if (data.size() % kTimeIndexEntrySize != 0)
        return fmt::format("{} size {} is not a multiple of {}", m_timeIndexPath.filename().string(),
                           data.size(), kTimeIndexEntrySize);
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
    std::error_code ec;
    fs::resize_file(m_indexPath, m_offsets.size() * kOffsetIndexEntrySize, ec);
    if (ec)
        return fileio::storageError("cannot truncate", m_indexPath, ec.value());
    fs::resize_file(m_timeIndexPath, m_times.size() * kTimeIndexEntrySize, ec);
    if (ec)
        return fileio::storageError("cannot truncate", m_timeIndexPath, ec.value());
    return Status::ok();
}

Status SegmentIndex::createEmpty()
{
    closeFiles();
    m_offsets.clear();
    m_times.clear();
    auto fd = fileio::openFile(m_indexPath, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND);
    if (!fd)
        return fd.status();
    m_indexFd = *fd;
    fd = fileio::openFile(m_timeIndexPath, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND);
    if (!fd)
        return fd.status();
    m_timeIndexFd = *fd;
    return Status::ok();
}

Status SegmentIndex::openForAppend()
{
    if (m_indexFd < 0) {
        auto fd = fileio::openFile(m_indexPath, O_WRONLY | O_CREAT | O_APPEND);
        if (!fd)
            return fd.status();
        m_indexFd = *fd;
    }
    if (m_timeIndexFd < 0) {
        auto fd = fileio::openFile(m_timeIndexPath, O_WRONLY | O_CREAT | O_APPEND);
        if (!fd)
            return fd.status();
        m_timeIndexFd = *fd;
    }
    return Status::ok();
}

void SegmentIndex::closeFiles()
{
    fileio::closeFd(m_indexFd);
    fileio::closeFd(m_timeIndexFd);
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
    return Status::ok();
}

} // namespace kl
