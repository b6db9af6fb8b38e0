// Segment: one slice of a partition log, three files named by its 20-digit base offset:
//   NNN.log (record batches back to back), NNN.index, NNN.timeindex (see segment_index.h).
// Appends go through pwrite on a file descriptor at the segment's size, so what returns is in
// the kernel; the segment keeps only counters and its index entries in RAM, never records.
// Index entries follow Kafka 4.x's LogSegment.append, one decision per batch, for leader and
// follower appends alike (so a leader and its followers write the same index for the same
// batches).
// Files are opened through the process-wide FdCache (fd_cache.h): a segment holds a descriptor
// only while the cache keeps it among the recently used ones, active segment or not, so 30,000
// replicas cost a bounded number of fds. An evicted file reopens on its next use; an inactive
// segment's .log is also closed when the Log's reads move elsewhere.
// Owned by its Log; engine thread only.
#pragma once

#include "core/status.h"
#include "log/fd_cache.h"
#include "log/log.h"
#include "log/segment_index.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace kl {

// One batch of an append, in order: what the per-batch index rule needs.
struct SegmentBatch {
    int64_t lastOffset = 0;
    int64_t maxTimestamp = -1;
    int64_t sizeBytes = 0;
};

// What one append call adds, computed by the Log from the batch headers.
struct SegmentAppend {
    int64_t firstOffset = 0;
    int64_t lastOffset = 0;
    int64_t firstTimestamp = -1;        // baseTimestamp of the first batch
    int64_t maxTimestamp = -1;          // largest maxTimestamp of the batches
    int64_t offsetOfMaxTimestamp = -1;  // last offset of the first batch holding maxTimestamp
    int64_t recordCount = 0;
    int64_t batchCount = 0;
    std::vector<SegmentBatch> batches; // every batch of the append, in order
};

// Result of walking the batches of a .log file.
struct BatchScan {
    int64_t validBytes = 0;   // end of the last good batch
    std::string problem;      // empty when the whole file was good
};

class Segment {
public:
    using BatchFn = std::function<void(const BatchHeader &, int64_t position)>;

    // New, empty segment (files created or emptied; indexes preallocated to `maxIndexBytes`).
    static Result<std::unique_ptr<Segment>> create(const std::filesystem::path &dir, int64_t baseOffset,
                                                   int64_t nowMs, int32_t maxIndexBytes);
    // Existing segment: scans the batch headers (validating every batch fully when `validate`),
    // truncates a torn or corrupt tail, loads or rebuilds the indexes. Events are appended to
    // `events` (TailTruncated, IndexRebuilt). With `keepDamagedTail` (a flushed segment, below
    // the recovery point) a bad batch is not cut: the segment ends before it in memory, the
    // file keeps its bytes, and damagedTailBytes() / damageProblem() say what was found.
    static Result<std::unique_ptr<Segment>> open(const std::filesystem::path &dir, int64_t baseOffset,
                                                 bool validate, bool keepDamagedTail, int32_t indexIntervalBytes,
                                                 int64_t nowMs, std::vector<LogEvent> &events);
    ~Segment();
    Segment(const Segment &) = delete;
    Segment &operator=(const Segment &) = delete;

    int64_t baseOffset() const { return m_baseOffset; }
    int64_t nextOffset() const { return m_nextOffset; }
    int64_t sizeBytes() const { return m_size; }
    bool empty() const { return m_size == 0; }
    int64_t maxTimestamp() const { return m_maxTimestamp; }
    // Bytes of the file after sizeBytes() that recovery kept but does not serve (0 if none).
    int64_t damagedTailBytes() const { return m_damagedTailBytes; }
    const std::string &damageProblem() const { return m_damageProblem; }
    int64_t recordCount() const { return m_recordCount; }
    // When the first append happened (engine clock), -1 while empty: segment.ms counts from it.
    int64_t rollBaseMs() const { return m_firstAppendMs; }
    const std::filesystem::path &logPath() const { return m_logPath; }
    const SegmentIndex &index() const { return m_index; }
    SegmentInfo info(bool active) const;
    bool indexFull(int32_t segmentIndexBytes) const { return m_index.full(segmentIndexBytes); }

    // Writes `parts` (together one or more whole batches) at the end. On error the file is cut
    // back to its previous size and nothing changes.
    Status append(std::span<const ByteView> parts, const SegmentAppend &what, int32_t indexIntervalBytes,
                  int64_t nowMs);

    // Byte position of the first batch whose last offset is >= `offset` (sizeBytes() if none):
    // index binary search, then a forward scan that reads only batch headers.
    Result<int64_t> findPosition(int64_t offset) const;
    // Whole batches from `position`: at least one (if any remain), then as many as fit in
    // `maxBytes`, stopping before a batch whose last offset reaches `maxOffset` (exclusive).
    Result<Bytes> read(int64_t position, int64_t maxBytes, int64_t maxOffset) const;

    // Removes the batch containing `offset` and everything after it (Kafka's
    // LogSegment.truncateTo), trims the indexes and recounts; a damaged tail kept by recovery
    // goes too when `offset` reaches it. Returns bytes removed.
    Result<int64_t> truncateTo(int64_t offset, int64_t nowMs);

    // Active: .log and index files open for appends, the indexes preallocated to
    // `maxIndexBytes` (segment.index.bytes).
    Status activate(int32_t maxIndexBytes);
    // No longer active (roll, clean close): force the final time index entry (as Kafka's
    // onBecomeInactiveSegment), trim the indexes to their entries and close files.
    Status deactivate();
    // Close the .log descriptor of an inactive segment (reads moved elsewhere).
    void releaseReadFd() const;
    Status removeFiles();

    // Walk batches from position 0 to `to` (headers only, or full validation with CRC when
    // `checkCrc`), calling fn for each good one; stops at the first bad one.
    BatchScan scan(int64_t to, bool checkCrc, const BatchFn &fn) const;

private:
    Segment(const std::filesystem::path &dir, int64_t baseOffset, int64_t nowMs);
    // The .log's descriptor, opened (or reopened after an eviction) if needed.
    Result<FdLease> logFd() const { return m_log.lease(); }
    void resetCounters();
    void account(const BatchHeader &h);
    Status recover(bool validate, bool keepDamagedTail, int32_t indexIntervalBytes, std::vector<LogEvent> &events);

    int64_t m_baseOffset;
    std::filesystem::path m_logPath;
    SegmentIndex m_index;
    mutable CachedFile m_log;
    bool m_active = false;

    int64_t m_size = 0;
    int64_t m_nextOffset;
    int64_t m_recordCount = 0;
    int64_t m_batchCount = 0;
    int64_t m_firstTimestamp = -1;
    int64_t m_maxTimestamp = -1;          // == Kafka's maxTimestampSoFar
    int64_t m_offsetOfMaxTimestamp = -1;  // its offset (absolute)
    int64_t m_createdMs;
    int64_t m_firstAppendMs = -1;
    int64_t m_bytesSinceLastIndexEntry = 0;
    int64_t m_damagedTailBytes = 0;       // see damagedTailBytes()
    std::string m_damageProblem;
};

} // namespace kl
