// Log: one partition replica's log, a directory of segments named by 20-digit base offset:
//   00000000000000000000.log / .index / .timeindex
// Appends assign offsets, roll segments at segment.bytes / segment.ms / full index, delete whole
// segments by retention.bytes / retention.ms, read by offset through the sparse offset index.
// Records live on disk; memory per segment is its (small) index, so RAM stays flat.
// Recovery on open: every segment reopened; the last one (all of them after an unclean
// shutdown) validated batch by batch (size, magic, CRC). As Kafka's LogLoader, only what lies at
// or above the recovery point is recovered: there a torn or corrupt tail is truncated (and the
// segments after it, which cannot be trusted to line up, deleted) and reported. Below the
// recovery point the log was flushed, so damage there is not a torn write: the segment is
// reported as corrupt (file, byte position), its bytes are kept on disk, what follows it is kept,
// and the unreadable range is listed in damage(). A missing or overlapping range between
// segments (a zero-length or copied segment) is listed too. A missing or corrupt index is
// rebuilt. Whether the shutdown was clean is the log
// directory's business (its .kafka_cleanshutdown, see log_dir_files.h): the caller says so.
// The recovery point (Kafka's LocalLog.recoveryPoint) is the offset below which the log is
// known flushed: it advances when a segment rolls (the rolled segment is flushed) and to the
// log end on close(); recovery-point-offset-checkpoint holds it.
// Thread-safety: none. A Log is owned and called by the engine thread only.
#pragma once

#include "core/clock.h"
#include "core/status.h"
#include "core/uuid.h"
#include "log/log_config.h"
#include "log/record_batch.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kl {

struct SegmentInfo {
    int64_t baseOffset = 0;
    int64_t nextOffset = 0;      // one past the last offset in the segment
    int64_t sizeBytes = 0;       // .log size
    int64_t recordCount = 0;
    int64_t batchCount = 0;
    int64_t firstTimestamp = -1; // baseTimestamp of the first batch, -1 if empty
    int64_t maxTimestamp = -1;   // largest maxTimestamp, -1 if empty
    int64_t createdMs = 0;       // when the segment was created (engine clock), for segment.ms
    int32_t indexEntries = 0;
    int32_t timeIndexEntries = 0;
    bool active = false;         // the segment appends go to
    std::filesystem::path logPath; // .../00000000000000000000.log
};

struct IndexEntry { int32_t relativeOffset; int32_t position; };
struct TimeIndexEntry { int64_t timestamp; int32_t relativeOffset; };

enum class LogEventType {
    SegmentRolled,    // a new active segment was created (reason in detail)
    SegmentDeleted,   // retention deleted a whole segment
    TailTruncated,    // recovery cut a torn/corrupt tail (bytes, position in detail)
    IndexRebuilt,     // recovery rebuilt a missing or corrupt index
    SegmentDamaged,   // recovery found a range it cannot serve (see LogDamage); nothing removed
    FileIgnored,      // a file named like a segment that is not one (`file`), left untouched
};
struct LogEvent {
    LogEventType type;
    int64_t baseOffset = 0;   // the segment concerned
    std::string detail;       // human readable: "segment.bytes reached (1048576 bytes)"
    // Typed: a stable code ("segment_bytes", "retention_ms", "tail_truncated", ... as listed for
    // kl::Event's cause) and the numbers it needs, so a UI can say it in its own language.
    std::string cause;
    int64_t value = -1;       // SegmentRolled: previous segment's base; TailTruncated: bytes cut
    int64_t limit = -1;       // the config value involved (segment.bytes, retention.ms, ...)
    // SegmentDamaged: the damaged range [firstOffset, endOffset) and, in value, the byte
    // position in the segment's .log where it starts (-1 when between files).
    int64_t firstOffset = -1;
    int64_t endOffset = -1;
    std::string file = {};    // FileIgnored: the file's name in the log directory
};

// A range of offsets recovery found unreadable or doubled, kept on disk and reported. cause:
//   "corrupt_segment" a bad batch below the recovery point: the segment's batches from `position`
//                     on are not served (its bytes stay in the file);
//   "offset_gap"      offsets missing between two segments (e.g. a zero-length middle segment);
//   "offset_overlap"  a segment holds offsets at or above the next segment's base offset (e.g. a
//                     copied segment): [firstOffset, endOffset) appear twice.
// A replica with damage must be repaired from a healthy replica (truncateTo(firstOffset) and
// fetch again); truncation or retention past the range clears it.
struct LogDamage {
    int64_t firstOffset = 0;
    int64_t endOffset = 0;
    std::filesystem::path file; // the .log concerned
    int64_t position = -1;      // byte position in `file`, -1 if not inside one
    std::string cause;
    std::string detail;         // English, with file and position
};

struct AppendInfo {
    int64_t firstOffset = 0;
    int64_t lastOffset = 0;
    int32_t recordCount = 0;
    int64_t maxTimestamp = -1;
};

struct ReadInfo {
    Bytes data;               // whole batches, back to back (the first may start before `offset`)
    int64_t logEndOffset = 0;
    int64_t logStartOffset = 0;
};

// What the broker knows about a log before opening it (Kafka's LogManager hands the same to
// LogLoader).
// Whether appendAsLeader computes the batch's CRC again.
enum class CrcCheck { Verify, Done };

struct LogOpenOptions {
    // The log directory held .kafka_cleanshutdown: only the last segment is validated and the
    // recovery point starts at the log end. Otherwise every segment is validated and the
    // recovery point is the checkpointed one (capped at the log end).
    bool hadCleanShutdown = false;
    // What open would delete (the older per-partition marker .kafkalab_cleanshutdown, index
    // files without a segment) stays until finishOpen(), which the caller calls before
    // appending: a starting engine, once every log opened, so a failed start deletes nothing.
    bool deferRemovals = false;
    // From recovery-point-offset-checkpoint; -1 if the log is not in it.
    int64_t recoveryPoint = -1;
    // The topic's id: partition.metadata is written with it if absent; one holding another id
    // makes open() fail, naming the file (Kafka's InconsistentTopicIdException).
    std::optional<Uuid> topicId;
};

class Log {
public:
    using EventSink = std::function<void(const LogEvent &)>;

    // Opens (creating if needed) the log in `dir` and runs recovery.
    static Result<std::unique_ptr<Log>> open(const std::filesystem::path &dir, const LogConfig &config,
                                             const Clock &clock, EventSink sink = {},
                                             const LogOpenOptions &options = {});
    ~Log();
    Log(const Log &) = delete;
    Log &operator=(const Log &) = delete;

    // Leader append: `batch` is exactly one RecordBatch v2 (as a producer built it). Validates
    // size (MESSAGE_TOO_LARGE above max.message.bytes), magic and CRC (CORRUPT_MESSAGE), then
    // assigns offsets from the log end offset, stamps the leader epoch, and writes it. May roll
    // first. On error nothing is written.
    // CrcCheck::Done: the caller has just checked the CRC (a client's batch, checkClientBatch).
    Result<AppendInfo> appendAsLeader(ByteView batch, int32_t leaderEpoch = 0, CrcCheck crc = CrcCheck::Verify);
    // Follower append: one or more batches that already carry their offsets (at or above the
    // log end offset, increasing). Used by replication.
    Result<AppendInfo> appendAsFollower(ByteView batches);

    // Reads whole batches starting with the one containing `offset`, up to `maxBytes` (at least
    // one batch is returned even if larger, as Kafka does), never past `maxOffset` (exclusive,
    // -1 = log end). OFFSET_OUT_OF_RANGE outside [logStart, logEnd].
    Result<ReadInfo> read(int64_t offset, int32_t maxBytes, int64_t maxOffset = -1) const;
    // Calls fn for every record with from <= offset < end, in offset order (decoding each batch,
    // compressed or not). Stops at the first read error (returned) or undecodable batch (the
    // records before it were given; returns CorruptMessage).
    Status forEachRecord(int64_t from, int64_t end, const std::function<void(const Record &)> &fn) const;

    // Time-based roll (segment.ms) and retention (retention.bytes / retention.ms). Called
    // periodically by the engine. Returns the number of segments deleted. As Kafka, only
    // segments that end at or below `highWatermark` (this replica's) may go, so the log start
    // offset never passes it; a log outside replication (tools, tests) passes no bound.
    int enforceRetention(int64_t highWatermark = INT64_MAX);
    void maybeRollByTime();
    // Remove everything at or above `offset` (replication divergence); keeps the files consistent.
    // An offset below the log start offset empties the log as truncateFullyAndStartAt(offset).
    Status truncateTo(int64_t offset);
    // Kafka's truncateFullyAndStartAt: deletes every segment and restarts the log empty at
    // `offset` (log start = log end = offset), e.g. a follower whose log ends below the leader's
    // log start offset (retention deleted what it would fetch next). The new empty segment is
    // named by `offset`, so a reopen recovers the same log start offset.
    Status truncateFullyAndStartAt(int64_t offset);
    // Change configs at runtime (e.g. per-topic alter).
    void setConfig(const LogConfig &config);

    int64_t logStartOffset() const;
    int64_t logEndOffset() const;
    // The first segment's base offset (log-start-offset-checkpoint lists a log only when its
    // log start offset is above it, as Kafka's checkpointLogStartOffsetsInDir).
    int64_t firstSegmentBaseOffset() const;
    // Everything below it is flushed (see the header comment); in [log start, log end].
    int64_t recoveryPoint() const;
    // The topic id from partition.metadata, if the log has one.
    std::optional<Uuid> topicId() const;
    int64_t sizeBytes() const;
    std::vector<SegmentInfo> segments() const;
    // What recovery found damaged and kept (see LogDamage), in offset order; empty when healthy.
    const std::vector<LogDamage> &damage() const;
    bool damaged() const { return !damage().empty(); }
    const std::filesystem::path &dir() const;
    const LogConfig &config() const;

    // Flush (the recovery point reaches the log end), trim the active segment's indexes; the
    // Log is unusable for appends afterwards, its accessors still answer. The clean-shutdown
    // marker is the log directory's, written by the broker after closing all its logs.
    void close();
    // Kafka's flush(): written data is in the OS (appends are pwrite()s, no fsync); the
    // recovery point moves to the log end.
    void flush();
    // The removals LogOpenOptions::deferRemovals held back. Nothing held: nothing to do.
    void finishOpen();

private:
    Log();
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Reading files directly, for inspection (segment browser, dump-log). These never need a Log
// and tolerate a tail being written concurrently (they stop at the first incomplete batch).
// At most maxEntries entries (one more than a view shows tells it that more follow).
Result<std::vector<IndexEntry>> readOffsetIndex(const std::filesystem::path &indexFile,
                                                size_t maxEntries = SIZE_MAX);
Result<std::vector<TimeIndexEntry>> readTimeIndex(const std::filesystem::path &timeIndexFile,
                                                  size_t maxEntries = SIZE_MAX);
// The 20-digit file stem for a base offset: 00000000000000000042
std::string segmentFileStem(int64_t baseOffset);

} // namespace kl
