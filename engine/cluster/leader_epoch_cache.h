// LeaderEpochCache: one replica's history of leader epochs, epoch -> the first offset written
// in that epoch, as Kafka's LeaderEpochFileCache. Persisted next to the replica's segments as
// Kafka's text file `leader-epoch-checkpoint`:
//     0            <- format version
//     2            <- number of entries
//     0 0          <- "epoch startOffset", epochs strictly increasing
//     3 120
// It answers OffsetsForLeaderEpoch (endOffsetFor), which a returning follower uses to find
// where its log diverges from the leader's. Written with temp file + rename on every change, so
// a crash leaves the old or the new file (changes happen on elections and truncations, rarely).
// Owned by the replica's ReplicaState; engine thread only.
#pragma once

#include "core/status.h"
#include "log/log.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace kl {

struct EpochEntry {
    int32_t epoch = 0;
    int64_t startOffset = 0;
    bool operator==(const EpochEntry &) const = default;
};

// What OffsetsForLeaderEpoch answers: the largest known epoch <= the requested one and the end
// offset (exclusive) of that epoch's records. {-1, -1} when undefined.
struct EpochEndOffset {
    int32_t epoch = -1;
    int64_t endOffset = -1;
};

constexpr const char *kLeaderEpochCheckpointFile = "leader-epoch-checkpoint";

class LeaderEpochCache {
public:
    LeaderEpochCache() = default;
    explicit LeaderEpochCache(std::filesystem::path dir) : m_dir(std::move(dir)) {}

    // Reads the checkpoint in the replica directory; a missing or unreadable file (or one that
    // disagrees with the log) is rebuilt from the batches' partitionLeaderEpoch fields. A file
    // that was there but is malformed or disagrees with the log (validateAgainst) is rebuilt
    // and reported: spdlog warning now, takeRebuildReport() for the caller's event.
    Status loadOrRebuild(const Log &log);
    // Why the last loadOrRebuild replaced an existing checkpoint (empty: it did not); cleared.
    std::string takeRebuildReport() { return std::exchange(m_rebuildReport, {}); }
    // What is wrong with `entries` as the history of `log` (empty: nothing). Checked, as far as
    // the log still holds them: each entry's start offset is where its epoch's batches begin
    // (the batch there carries that partitionLeaderEpoch and, above the log start, starts
    // there), the first entry covers the log start, and the newest epoch is the one the last
    // batch carries (no epoch above what the batches say). Entries at or above the log end are
    // not checked: recovery may have cut the tail they describe (they are dropped).
    static std::string validateAgainst(const std::vector<EpochEntry> &entries, const Log &log);
    // Saves wait until releaseSaves() while held (a starting engine writes nothing until every
    // log opened; a failed start leaves the files as they were).
    void holdSaves() { m_holdSaves = true; }
    void releaseSaves();

    // A leader (or a follower appending a batch) starts `epoch` at `startOffset`. Ignored if
    // the epoch is not newer than the latest one. Persists on change.
    void assign(int32_t epoch, int64_t startOffset);
    // Drop entries starting at or above `endOffset` (the log was truncated to it).
    void truncateFromEnd(int64_t endOffset);
    // Drop every entry (Kafka's clearAndFlush: the log was truncated fully and restarts empty;
    // fetched batches assign the epochs again). Persists.
    void clear();

    int32_t latestEpoch() const { return m_entries.empty() ? -1 : m_entries.back().epoch; }
    // Start offset of `epoch`, or -1 if the cache has no such epoch.
    int64_t startOffsetOf(int32_t epoch) const;
    // Kafka's LeaderEpochFileCache.endOffsetFor(requestedEpoch, logEndOffset).
    EpochEndOffset endOffsetFor(int32_t requestedEpoch, int64_t logEndOffset) const;

    const std::vector<EpochEntry> &entries() const { return m_entries; }
    const std::filesystem::path &dir() const { return m_dir; }
    // The checkpoint text (also what is written to the file).
    std::string checkpointText() const;
    // Parses checkpoint text; an error names the line that is wrong.
    static Result<std::vector<EpochEntry>> parse(const std::string &text);

private:
    void save() const;

    std::filesystem::path m_dir;
    std::vector<EpochEntry> m_entries; // epochs strictly increasing, offsets non-decreasing
    std::string m_rebuildReport;
    bool m_holdSaves = false;
    mutable bool m_unsaved = false;
};

} // namespace kl
