// SegmentIndex: one segment's sparse offset index (.index, 8-byte entries: relative offset
// INT32, position INT32) and time index (.timeindex, 12-byte entries: timestamp INT64, relative
// offset INT32), both big-endian as Kafka writes them. The entries are kept in RAM (a few
// bytes per index.interval.bytes of log) for binary search; each entry is written at
// entries * entry size. As Kafka's AbstractIndex, the active segment's files are preallocated
// to segment.index.bytes (rounded down to whole entries; ftruncate, so a sparse file that costs
// no disk blocks) and trimmed to their entries when the segment rolls or the log closes. A
// file left preallocated by a crash ends in zero entries: load() stops at the first one.
// Both files are opened through the FdCache only when an entry is written or a file resized
// (the entries in RAM answer every lookup), so an idle segment holds no index descriptor.
// Owned by its Segment; engine thread only.
#pragma once

#include "core/status.h"
#include "log/fd_cache.h"
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
    // "" when both are usable, else what is wrong (the entries are then left empty). A zero
    // tail (preallocated, then a crash) ends the entries, as in Kafka's DumpLogSegments.
    std::string load(int64_t logSize);
    // Replaces both files (and the RAM copy) with the given entries.
    Status replace(std::vector<IndexEntry> offsets, std::vector<TimeIndexEntry> times);
    // Drops entries at or above `relativeOffset` (and offset entries at or past `position`).
    Status truncate(int64_t relativeOffset, int64_t position);

    // Creates (or empties) both files, preallocated to `maxIndexBytes`; their descriptors stay
    // in the FdCache, so the next appends need no open while the cache keeps them.
    Status createEmpty(int32_t maxIndexBytes);
    // The files preallocated to `maxIndexBytes` (Kafka's resizeIndexes on the active segment)
    // while the segment is active.
    Status openForAppend(int32_t maxIndexBytes);
    // Kafka's trimToValidSize: both files cut to their entries (on roll and clean close).
    Status trimToEntries();
    // Closes the files' descriptors as they are (a crash: a preallocated file stays preallocated).
    void closeFiles();
    Status removeFiles();

    // Whether the files are open at their preallocated sizes (the active segment).
    bool preallocated() const { return m_preallocated; }

private:
    Status appendBytes(CachedFile &file, size_t entries, const uint8_t *data, size_t size);
    Status preallocate(int32_t maxIndexBytes);
    // Sets a file's length to its entries then (if preallocated) back to the preallocated size,
    // so everything after the entries reads as zeros.
    Status resize(CachedFile &file, size_t entryBytes, size_t preallocatedBytes);

    std::filesystem::path m_indexPath;
    std::filesystem::path m_timeIndexPath;
    std::vector<IndexEntry> m_offsets;
    std::vector<TimeIndexEntry> m_times;
    CachedFile m_indexFile;
    CachedFile m_timeIndexFile;
    bool m_preallocated = false;   // the files are at their preallocated sizes below
    size_t m_indexFileBytes = 0;
    size_t m_timeIndexFileBytes = 0;
};

} // namespace kl
