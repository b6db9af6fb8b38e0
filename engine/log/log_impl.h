// Log::Impl: the state behind kl::Log, shared by log.cpp (open, append, read, close) and
// log_retention.cpp (roll, retention, truncation). Private to engine/log.
// Engine thread only, like the Log that owns it.
#pragma once

#include "log/log.h"
#include "log/segment.h"

#include <memory>
#include <string>
#include <vector>

namespace kl {

struct Log::Impl {
    std::filesystem::path dir;
    LogConfig config;
    const Clock *clock = nullptr;
    EventSink sink;
    // Sorted by base offset; back() is the active segment and is never missing.
    std::vector<std::unique_ptr<Segment>> segments;
    int64_t logStartOffset = 0;
    int64_t recoveryPoint = 0;      // see Log::recoveryPoint()
    std::optional<Uuid> topicId;    // from partition.metadata
    // The inactive segment whose .log a read left open (closed when reads move on).
    mutable const Segment *lastRead = nullptr;
    bool closed = false;
    std::vector<LogDamage> damage;  // see Log::damage()
    std::vector<std::filesystem::path> deferredRemovals; // LogOpenOptions::deferRemovals

    Segment &active() { return *segments.back(); }
    const Segment &active() const { return *segments.back(); }
    int64_t logEndOffset() const { return segments.back()->nextOffset(); }
    void emit(LogEvent event) const;

    // Why a segment rolls or goes: the event's cause code, the limit involved, English detail.
    struct Reason {
        std::string cause;
        int64_t limit = -1;
        std::string detail;
        bool empty() const { return cause.empty(); }
    };
    // Why the active segment must roll before an append of `bytes` ending at `lastOffset`,
    // or an empty Reason if it need not.
    Reason rollReason(int64_t bytes, int64_t lastOffset, int64_t nowMs) const;
    // New active segment at the log end offset; `reason` goes into the SegmentRolled event.
    Status roll(const Reason &reason);
    // Deletes segments[0] (never the active one).
    Status deleteOldest(const Reason &reason);
    void forgetRead(const Segment *segment) const;
    // Recovery: lists the damaged ranges between and inside the segments, with an event each.
    void findDamage(std::vector<LogEvent> &events);
    // Drops the ranges truncation or retention has removed.
    void pruneDamage();
};

} // namespace kl
