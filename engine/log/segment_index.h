// SegmentIndex: one segment's sparse offset index (.index, 8-byte entries: relative offset
// INT32, position INT32) and time index (.timeindex, 12-byte entries: timestamp INT64, relative
// offset INT32), both big-endian as Kafka writes them. The entries are kept in RAM (a few
// bytes per index.interval.bytes of log) for binary search; the files are appended to entry by
// entry, never preallocated, so a file's size is always entries * entry size.
// Owned by its Segment; engine thread only.
#pragma once

#include "core/status.h"
#include "log/log.h"

#include <filesystem>
#include <string>
#include <vector>

namespace kl {

constexpr size_t kOffsetIndexEntrySize = 8;
constexpr size_t kTimeIndexEntrySize = 12;

class SegmentIndex {
public:
    SegmentIndex(std::filesystem::path indexPath, std::filesystem::path timeIndexPath);
    ~SegmentIndex();
    SegmentIndex(const SegmentIndex &) = delete;
    SegmentIndex &operator=(const SegmentIndex &) = delete;

    const std::vector<IndexEntry> &offsets() const { return m_offsets; }
    const std::vector<TimeIndexEntry> &times() const { return m_times; }
    const std::filesystem::path &indexPath() const { return m_indexPath; }
    const std::filesystem::path &timeIndexPath() const { return m_timeIndexPath; }

    // Position of the largest entry whose relative offset is <= `relativeOffset`, 0 if none.
    int64_t lookup(int64_t relativeOffset) const;
    // The last time entry's timestamp; an empty time index counts as -1 (Kafka's convention).
    int64_t lastTimestamp() const { return m_times.empty() ? -1 : m_times.back().timestamp; }
    // Kafka's isFull for either file at segment.index.bytes.
    bool full(int32_t maxIndexBytes) const;

    // Append one entry (strictly increasing, the caller guarantees it).
    Status appendOffset(int32_t relativeOffset, int32_t position);
    // Append (timestamp, relativeOffset) only if timestamp is larger than the last entry's.
    Status maybeAppendTime(int64_t timestamp, int32_t relativeOffset);

    // Reads both files and checks their structure against a log of `logSize` bytes. Returns
    // "" when both are usable, else what is wrong (the entries are then left empty).
    std::string load(int64_t logSize);
    // Replaces both files (and the RAM copy) with the given entries.
    Status replace(std::vector<IndexEntry> offsets, std::vector<TimeIndexEntry> times);
    // Drops entries at or above `relativeOffset` (and offset entries at or past `position`).
    Status truncate(int64_t relativeOffset, int64_t position);

    // Creates (or empties) both files and keeps them open for appends: one open per file,
    // which matters when segments roll often (creating a file is the slow part of a roll).
    Status createEmpty();
    // The files stay open for appends only while the segment is active.
    Status openForAppend();
    void closeFiles();
    Status removeFiles();

private:
    Status appendBytes(int &fd, const std::filesystem::path &file, const uint8_t *data, size_t size);

    std::filesystem::path m_indexPath;
    std::filesystem::path m_timeIndexPath;
    std::vector<IndexEntry> m_offsets;
    std::vector<TimeIndexEntry> m_times;
    int m_indexFd = -1;
    int m_timeIndexFd = -1;
};

} // namespace kl
