// LagEvaluator: Burrow's consumer-lag evaluation (github.com/linkedin/Burrow, wiki "Consumer
// Lag Evaluation Rules" and core/internal/evaluator), per partition of a consumer group.
// It judges HOW a consumer behaves over a sliding window instead of comparing lag to a fixed
// threshold. Pure: the caller feeds observations with engine-clock times and asks for a status;
// no clock, no I/O. Single-threaded (the engine thread); plain values, cheap to copy.
//
// The window: the last `intervals` (Burrow's default 10) offset COMMITS of the partition, each
// stored as (time, committed offset, lag at that moment = log end offset - committed offset).
// A new commit pushes the oldest out. Commits closer than `minDistanceMs` to the previous one
// replace it instead (Burrow's storage `min-distance`), so a chatty committer does not shrink the
// window's time span. Separately the last `intervals` log end offsets seen (Burrow's broker offset
// ring) are kept. currentLag = newest log end offset - newest committed offset.
//
// The rules, in Burrow's order (calculatePartitionStatus); the first that matches wins. Nothing
// but OK is possible while currentLag <= allowedLag (default 0): a consumer with nothing to read
// is fine.
//
//   STOP    The last commit is older than the window is long:
//             now - last.time > last.time - first.time
//           and the consumer was not caught up recently (no recent log end offset <= its newest
//           committed offset; Burrow's "recent lag zero" guard against a slow topic whose first
//           new record arrives just before the check).
//           Example: commits at t = 0, 10, 20, 30, 40 s (span 40 s), lag 5 each; at now = 81 s
//           (41 s without a commit) -> STOP. The consumer crashed or left and nobody took over.
//   (OK)    The lag was <= allowedLag at some commit in the window (Burrow's isLagAlwaysNotZero):
//           the consumer caught up recently; a backlog that comes and goes is fine. None of the
//           rules below is checked, not even REWIND.
//           Example: lags 3, 0, 7, 12, 20 -> OK; offsets 100, 110, 20 with lags 0, 0, 90 -> OK.
//   REWIND  A committed offset went backwards from one commit to the next anywhere in the window
//           (Burrow has no "recovered" exception: it stays REWIND until the step back leaves the
//           window). Example: offsets 100, 110, 120, 40, 60 (lag > 0) -> REWIND (reset to an old
//           offset); 100, 110, 50, 90, 115 -> REWIND as well.
//   STALL   Every commit in the window has the same offset (while lag > 0): the consumer is
//           alive and committing but not making progress (stuck on a poison record).
//           Example: offsets 500, 500, 500, 500 with lags 10, 14, 19, 25 -> STALL.
//   WARN    The offsets move, but the lag never decreases from one commit to the next: the
//           consumer works but falls behind (slower than the producers). Commits whose lag is
//           unknown (made before any log end offset was seen: Burrow's nil lag) are skipped here
//           and in the zero-lag rule.
//           Example: offsets 100, 150, 200, 250 with lags 20, 30, 30, 45 -> WARN.
//   OK      Otherwise (the lag shrank somewhere in the window).
//           Example: offsets 100, 150, 200 with lags 50, 60, 40 -> OK.
//
// An empty window is OK (nothing to judge yet). The window's completeness (commits / intervals)
// is reported; below `minimumComplete` (Burrow's evaluator `minimum-complete`, default 0) the
// status is OK. A group's status is the worst partition status, with STOP, STALL and REWIND
// folded into ERR, as Burrow reports groups (groupStatusName).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace kl {

// Burrow's partition statuses, in increasing severity as Burrow orders them.
enum class LagStatus { Ok, Warn, Stop, Stall, Rewind };
std::string_view lagStatusName(LagStatus status);   // "OK", "WARN", "STOP", "STALL", "REWIND"
// A group's status from its partitions' (Burrow: worst of them, anything above WARN = "ERR").
std::string_view groupStatusName(const std::vector<LagStatus> &partitions); // "OK", "WARN", "ERR"

struct CommitSample {
    int64_t timeMs = 0;       // when the commit was stored (engine clock)
    int64_t offset = 0;       // the committed offset
    int64_t lag = 0;          // log end offset - offset at that moment (>= 0)
    bool lagKnown = true;     // false: no log end offset was known yet (Burrow's nil lag)
    bool operator==(const CommitSample &) const = default;
};

struct LagEvaluation {
    LagStatus status = LagStatus::Ok;
    int64_t currentLag = 0;
    double complete = 0;      // window fill: commits / intervals
    std::string reason;       // one line: which rule and the numbers behind it
};

struct LagEvaluatorOptions {
    size_t intervals = 10;         // Burrow storage `intervals`
    int64_t minDistanceMs = 0;     // Burrow storage `min-distance` (0 = every commit counts)
    double minimumComplete = 0;    // Burrow evaluator `minimum-complete`
    int64_t allowedLag = 0;        // Burrow's `allowed-lag`: lag at or below it counts as zero
};

// The rules above on one window (oldest commit first). `recentLogEndOffsets` is the broker offset
// ring; `currentLag` the lag now. Exposed for tests and for callers that keep their own history.
LagEvaluation evaluateLagWindow(const std::vector<CommitSample> &commits,
    const std::vector<int64_t> &recentLogEndOffsets, int64_t currentLag, int64_t nowMs,
    const LagEvaluatorOptions &options = {});

// The window of one partition of one group.
class PartitionLagEvaluator {
public:
    PartitionLagEvaluator() = default;
    explicit PartitionLagEvaluator(LagEvaluatorOptions options) : m_options(options) {}

    // The group committed `offset` for this partition while its log ended at `logEndOffset`
    // (-1: not known yet; the commit's lag is then unknown).
    void onCommit(int64_t timeMs, int64_t offset, int64_t logEndOffset);
    // The partition's log end offset (high watermark) was sampled.
    void onLogEndOffset(int64_t logEndOffset);
    LagEvaluation evaluate(int64_t nowMs) const;

    const std::deque<CommitSample> &commits() const { return m_commits; }
    int64_t currentLag() const;

private:
    LagEvaluatorOptions m_options;
    std::deque<CommitSample> m_commits;
    std::deque<int64_t> m_logEndOffsets;
    int64_t m_logEndOffset = -1;
};

} // namespace kl
