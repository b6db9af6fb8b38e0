// Log: rolling (segment.bytes, segment.ms, full index, offset overflow), retention
// (retention.ms, retention.bytes; whole segments only) and truncation for replication.
// See log.h.
#include "log/log.h"

#include "log/log_impl.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <climits>

namespace kl {

Log::Impl::Reason Log::Impl::rollReason(int64_t bytes, int64_t lastOffset, int64_t nowMs) const
{
    const Segment &segment = active();
    if (segment.empty())
        return {}; // Kafka never rolls an empty segment: it would create the same file again
    if (segment.sizeBytes() > config.segmentBytes - bytes)
        return {"segment_bytes", config.segmentBytes,
                fmt::format("segment.bytes {} reached ({} bytes + {} appended)", config.segmentBytes,
                            segment.sizeBytes(), bytes)};
    if (segment.sizeBytes() > INT32_MAX - bytes)
        return {"offset_overflow", INT32_MAX,
                fmt::format("segment size {} + {} would overflow INT32 index positions", segment.sizeBytes(), bytes)};
    if (segment.rollBaseMs() >= 0 && nowMs - segment.rollBaseMs() > config.segmentMs)
        return {"segment_ms", config.segmentMs,
                fmt::format("segment.ms {} elapsed ({} ms since the first append)", config.segmentMs,
                            nowMs - segment.rollBaseMs())};
    if (segment.indexFull(config.segmentIndexBytes))
        return {"index_full", config.segmentIndexBytes,
                fmt::format("index full (segment.index.bytes {})", config.segmentIndexBytes)};
    if (lastOffset - segment.baseOffset() > INT32_MAX)
        return {"offset_overflow", INT32_MAX,
                fmt::format("offset {} would overflow the INT32 relative offset from base {}", lastOffset,
                            segment.baseOffset())};
    return {};
}

Status Log::Impl::roll(const Reason &reason)
{
    const int64_t base = logEndOffset();
    const int64_t oldBase = active().baseOffset();
    if (active().empty())
        return Status::ok();
    auto segment = Segment::create(dir, base, clock->nowMs(), config.segmentIndexBytes);
    if (!segment)
        return segment.status();
    Status s = (*segment)->activate(config.segmentIndexBytes);
    if (!s)
        return s;
    s = active().deactivate();
    if (!s)
        return s;
    segments.push_back(std::move(*segment));
    // Kafka's roll schedules flushUptoOffsetExclusive(new base): the rolled segment is flushed.
    recoveryPoint = std::max(recoveryPoint, base);
    spdlog::debug("{}: rolled segment {} -> {}: {}", dir.string(), oldBase, base, reason.detail);
    emit({LogEventType::SegmentRolled, base, fmt::format("{} (previous segment {})", reason.detail, oldBase),
          reason.cause, oldBase, reason.limit});
    return Status::ok();
}

Status Log::Impl::deleteOldest(const Reason &reason)
{
    if (segments.size() < 2)
        return Status::error(ErrorCode::UnknownServerError, "refusing to delete the active segment");
    Segment &segment = *segments.front();
    forgetRead(&segment);
    const int64_t base = segment.baseOffset();
    Status s = segment.removeFiles();
    if (!s)
        return s;
    segments.erase(segments.begin());
    logStartOffset = std::max(logStartOffset, segments.front()->baseOffset());
    recoveryPoint = std::max(recoveryPoint, logStartOffset);
    pruneDamage();
    spdlog::info("{}: deleted segment {}: {}", dir.string(), base, reason.detail);
    emit({LogEventType::SegmentDeleted, base, reason.detail, reason.cause, -1, reason.limit});
    return Status::ok();
}

int Log::enforceRetention(int64_t highWatermark)
{
    if (d->closed)
        return 0;
    int deleted = 0;
    const int64_t now = d->clock->nowMs();
    // Kafka's UnifiedLog.deletableSegments: a segment may go only once the high watermark is at
    // or past its end (the next segment's base offset; the log end offset for the active one),
    // so the log start offset never passes the high watermark and retention never deletes a
    // record that is not yet committed (a consumer could not have read it, and a follower that
    // still needs it would have to truncate fully).
    const auto committed = [&](size_t i) {
        const int64_t end = i + 1 < d->segments.size() ? d->segments[i + 1]->baseOffset() : d->logEndOffset();
        return end <= highWatermark;
    };
    if (d->config.retentionMs >= 0) {
        auto expired = [&](const Segment &s) {
            return !s.empty() && s.maxTimestamp() >= 0 && now - s.maxTimestamp() > d->config.retentionMs;
        };
        // Only a prefix goes: a segment stays while an older one must stay.
        size_t count = 0;
        while (count < d->segments.size() && expired(*d->segments[count]) && committed(count))
            ++count;
        if (count == d->segments.size()) {
            // Everything expired and committed, the active segment too: roll so it becomes deletable.
            Status s = d->roll({"retention_ms_all_expired", d->config.retentionMs,
                                fmt::format("retention.ms {}: every segment expired", d->config.retentionMs)});
            if (!s)
                spdlog::warn("{}: {}", d->dir.string(), s.message());
        }
        for (size_t i = 0; i < count && d->segments.size() > 1; ++i) {
            const Segment &s = *d->segments.front();
            const Impl::Reason reason {"retention_ms", d->config.retentionMs,
                fmt::format("retention.ms {} exceeded: largest timestamp {} is {} ms old", d->config.retentionMs,
                            s.maxTimestamp(), now - s.maxTimestamp())};
            if (!d->deleteOldest(reason))
                return deleted;
            ++deleted;
        }
    }
    if (d->config.retentionBytes >= 0) {
        int64_t total = sizeBytes();
        while (d->segments.size() > 1 && total - d->segments.front()->sizeBytes() >= d->config.retentionBytes
               && committed(0)) {
            const int64_t size = d->segments.front()->sizeBytes();
            const Impl::Reason reason {"retention_bytes", d->config.retentionBytes,
                fmt::format("retention.bytes {} exceeded: log is {} bytes, {} without this segment",
                            d->config.retentionBytes, total, total - size)};
            if (!d->deleteOldest(reason))
                return deleted;
            total -= size;
            ++deleted;
        }
    }
    return deleted;
}

void Log::maybeRollByTime()
{
    if (d->closed)
        return;
    const Segment &segment = d->active();
    const int64_t now = d->clock->nowMs();
    if (segment.empty() || segment.rollBaseMs() < 0 || now - segment.rollBaseMs() <= d->config.segmentMs)
        return;
    Status s = d->roll({"segment_ms", d->config.segmentMs,
                        fmt::format("segment.ms {} elapsed ({} ms since the first append)", d->config.segmentMs,
                                    now - segment.rollBaseMs())});
    if (!s)
        spdlog::warn("{}: time-based roll failed: {}", d->dir.string(), s.message());
}

Status Log::truncateTo(int64_t offset)
{
    if (d->closed)
        return Status::error(ErrorCode::KafkaStorageError, fmt::format("log {} is closed", d->dir.string()));
    if (offset < 0)
        return Status::error(ErrorCode::InvalidRequest, fmt::format("cannot truncate to offset {}", offset));
    if (offset >= d->logEndOffset())
        return Status::ok();
    if (offset < d->logStartOffset)
        return truncateFullyAndStartAt(offset);
    const int64_t now = d->clock->nowMs();
    // Segments that start above the offset go entirely (Kafka: baseOffset > targetOffset).
    while (d->segments.size() > 1 && d->segments.back()->baseOffset() > offset) {
        d->forgetRead(d->segments.back().get());
        Status s = d->segments.back()->removeFiles();
        if (!s)
            return s;
        d->segments.pop_back();
    }
    Segment &last = d->active();
    d->forgetRead(&last);
    auto removed = last.truncateTo(offset, now);
    if (!removed)
        return removed.status();
    d->recoveryPoint = std::min(d->recoveryPoint, d->logEndOffset());
    d->pruneDamage();
    spdlog::info("{}: truncated to offset {} (log end offset now {}, {} bytes removed from segment {})",
                 d->dir.string(), offset, d->logEndOffset(), *removed, last.baseOffset());
    return last.activate(d->config.segmentIndexBytes);
}

Status Log::truncateFullyAndStartAt(int64_t offset)
{
    if (d->closed)
        return Status::error(ErrorCode::KafkaStorageError, fmt::format("log {} is closed", d->dir.string()));
    if (offset < 0)
        return Status::error(ErrorCode::InvalidRequest,
            fmt::format("cannot restart log {} at offset {}", d->dir.string(), offset));
    const int64_t oldStart = d->logStartOffset;
    const int64_t oldEnd = d->logEndOffset();
    // The fresh segment first, so the directory is never without a segment. A crash before the
    // old segments are gone leaves them below the new one; the follower then finds its log
    // still out of range on the next fetch and truncates again.
    auto fresh = Segment::create(d->dir, offset, d->clock->nowMs(), d->config.segmentIndexBytes);
    if (!fresh)
        return fresh.status();
    for (auto &segment : d->segments) {
        d->forgetRead(segment.get());
        if (segment->baseOffset() == offset)
            continue; // create() has just emptied and reused these files
        Status s = segment->removeFiles();
        if (!s)
            return s;
    }
    d->segments.clear();
    d->segments.push_back(std::move(*fresh));
    d->logStartOffset = offset;
    d->recoveryPoint = offset;
    d->damage.clear();
    spdlog::info("{}: truncated fully ([{}, {}) removed), log restarts at offset {}", d->dir.string(), oldStart,
        oldEnd, offset);
    return d->active().activate(d->config.segmentIndexBytes);
}

} // namespace kl
