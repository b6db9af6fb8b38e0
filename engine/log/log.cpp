// Log: open with recovery, appends, reads, accessors and close. Rolling, retention and
// truncation are in log_retention.cpp. See log.h.
#include "log/log.h"

#include "log/fd_cache.h"
#include "log/file_io.h"
#include "log/log_dir_files.h"
#include "log/log_impl.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <utility>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <fcntl.h>
#include <limits>
#include <regex>
#include <system_error>

namespace kl {

namespace fs = std::filesystem;

namespace {

Status storageError(const std::string &message)
{
    return Status::error(ErrorCode::KafkaStorageError, message);
}

// Base offsets of the NNN.log files in `dir`, sorted; index files without a .log are removed
// (or, with `deferred`, listed there for Log::finishOpen).
Result<std::vector<int64_t>> listSegments(const fs::path &dir, std::vector<fs::path> *deferred,
                                          std::vector<LogEvent> &events)
{
    static const std::regex kSegmentName(R"((\d{20})\.(log|index|timeindex))");
    std::vector<int64_t> logs;
    std::vector<std::pair<int64_t, fs::path>> indexes;
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec.value() == EMFILE && FdCache::global().shed() > 0) // at the fd limit: make room, once
        it = fs::directory_iterator(dir, ec);
    for (fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::smatch m;
        if (!std::regex_match(name, m, kSegmentName))
            continue;
        // 20 digits can exceed INT64_MAX (99999999999999999999.log): not a segment Kafka could
        // have written. Report it and leave it alone, never abort the broker.
        int64_t base = 0;
        const std::string digits = m[1].str();
        const auto [last, err] = std::from_chars(digits.data(), digits.data() + digits.size(), base);
        if (err != std::errc() || last != digits.data() + digits.size()) {
            spdlog::warn("{}: ignoring {}: its name is not a base offset (above {})", dir.string(), name,
                std::numeric_limits<int64_t>::max());
            LogEvent e{LogEventType::FileIgnored, -1,
                       fmt::format("{}: ignored {}: its name is not a base offset (above {}); left as it is",
                                   dir.string(), name, std::numeric_limits<int64_t>::max()),
                       "unparseable_name", -1, -1};
            e.file = name;
            events.push_back(std::move(e));
            continue;
        }
        if (m[2] == "log")
            logs.push_back(base);
        else
            indexes.emplace_back(base, it->path());
    }
    if (ec)
        return storageError(fmt::format("cannot list {}: {}", dir.string(), describeOpenError(ec.value())));
    std::sort(logs.begin(), logs.end());
    for (const auto &[base, path] : indexes) {
        if (!std::binary_search(logs.begin(), logs.end(), base)) {
            spdlog::info("{}: removing index file without a segment", path.string());
            if (deferred)
                deferred->push_back(path);
            else
                fs::remove(path, ec);
        }
    }
    return logs;
}

} // namespace

void Log::Impl::emit(LogEvent event) const
{
    if (sink)
        sink(event);
}

void Log::Impl::findDamage(std::vector<LogEvent> &events)
{
    damage.clear();
    auto add = [&](LogDamage damaged, int64_t segmentBase) {
        spdlog::error("{}", damaged.detail);
        LogEvent e{LogEventType::SegmentDamaged, segmentBase, damaged.detail, damaged.cause, damaged.position, -1};
        e.firstOffset = damaged.firstOffset;
        e.endOffset = damaged.endOffset;
        events.push_back(std::move(e));
        damage.push_back(std::move(damaged));
    };
    for (size_t i = 0; i + 1 < segments.size(); ++i) {
        const Segment &s = *segments[i];
        const Segment &next = *segments[i + 1];
        const std::string file = s.logPath().string();
        if (s.damagedTailBytes() > 0) {
            const int64_t end = std::max(next.baseOffset(), s.nextOffset());
            add({s.nextOffset(), end, s.logPath(), s.sizeBytes(), "corrupt_segment",
                 fmt::format("{}: corrupt segment below the recovery point: {}; offsets {}..{} are not served "
                             "(the {} bytes from byte position {} are kept in the file) until this replica is "
                             "repaired from the leader",
                             file, s.damageProblem(), s.nextOffset(), end - 1, s.damagedTailBytes(),
                             s.sizeBytes())},
                s.baseOffset());
        } else if (s.nextOffset() < next.baseOffset()) {
            add({s.nextOffset(), next.baseOffset(), s.logPath(), s.sizeBytes(), "offset_gap",
                 fmt::format("{} ends at offset {} ({} bytes) but the next segment starts at {}: offsets {}..{} "
                             "are missing",
                             file, s.nextOffset(), s.sizeBytes(), next.baseOffset(), s.nextOffset(),
                             next.baseOffset() - 1)},
                s.baseOffset());
        }
        if (s.nextOffset() > next.baseOffset())
            add({next.baseOffset(), s.nextOffset(), next.logPath(), 0, "offset_overlap",
                 fmt::format("{} holds offsets up to {}, at or above the next segment {}'s base offset {}: "
                             "offsets {}..{} appear twice",
                             file, s.nextOffset() - 1, next.logPath().filename().string(), next.baseOffset(),
                             next.baseOffset(), s.nextOffset() - 1)},
                next.baseOffset());
    }
}

void Log::Impl::pruneDamage()
{
    const int64_t end = logEndOffset();
    std::erase_if(damage, [&](const LogDamage &x) { return x.firstOffset >= end || x.endOffset <= logStartOffset; });
}

void Log::Impl::forgetRead(const Segment *segment) const
{
    if (lastRead == segment)
        lastRead = nullptr;
}

Status Log::forEachRecord(int64_t from, int64_t end, const std::function<void(const Record &)> &fn) const
{
    int64_t offset = std::max(from, logStartOffset());
    end = std::min(end, logEndOffset());
    while (offset < end) {
        auto read = this->read(offset, 1 << 20); // whole batches: the last may run past `end`
        if (!read)
            return read.status();
        const int64_t before = offset;
        bool corrupt = false;
        forEachBatch(ByteView(read->data), [&](const BatchHeader &header, ByteView batch, size_t) {
            if (header.lastOffset() < offset)
                return true;
            auto records = decodeRecords(batch);
            if (!records) {
                corrupt = true;
                return false;
            }
            for (const Record &record : *records)
                if (record.offset >= offset && record.offset < end)
                    fn(record);
            offset = header.lastOffset() + 1;
            return true;
        });
        if (corrupt || offset == before) // nothing decodable: do not spin
            return Status::error(ErrorCode::CorruptMessage,
                fmt::format("{}: no decodable batch at offset {}", dir().string(), offset));
    }
    return Status::ok();
}

Log::Log() : d(std::make_unique<Impl>()) {}

Log::~Log()
{
    // No clean-shutdown marker here: only close() vouches for the files.
}

Result<std::unique_ptr<Log>> Log::open(const fs::path &dir, const LogConfig &config, const Clock &clock,
                                       EventSink sink, const LogOpenOptions &options)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return Status::error(ErrorCode::LogDirNotFound,
                             fmt::format("cannot create log directory {}: {}", dir.string(), ec.message()));
    std::unique_ptr<Log> log(new Log());
    Impl &d = *log->d;
    d.dir = dir;
    d.config = config;
    d.clock = &clock;
    d.sink = std::move(sink);

    // partition.metadata first: a directory that belongs to another topic is left untouched.
    auto storedId = checkPartitionMetadata(dir, options.topicId);
    if (!storedId)
        return storedId.status();
    if (options.topicId && !*storedId) {
        if (Status s = writePartitionMetadata(dir, *options.topicId); !s)
            return s;
    }
    d.topicId = options.topicId ? options.topicId : *storedId;

    // The per-partition marker of older Kafka Lab versions counts as a clean shutdown once.
    const fs::path legacyMarker = dir / kLegacyCleanShutdownFileName;
    const bool clean = options.hadCleanShutdown || fs::exists(legacyMarker, ec);
    std::vector<LogEvent> events;
    auto bases = listSegments(dir, options.deferRemovals ? &d.deferredRemovals : nullptr, events);
    if (!bases)
        return bases.status();
    // Removed before anything is touched: a crash during this open must not look clean later
    // (unless the caller removes it itself, with finishOpen, once its whole start succeeded).
    if (options.deferRemovals && fs::exists(legacyMarker, ec))
        d.deferredRemovals.push_back(legacyMarker);
    else
        fs::remove(legacyMarker, ec);

    const int64_t now = clock.nowMs();
    // As Kafka's LogLoader: what lies below the recovery point was flushed (after a clean
    // shutdown, everything but the active segment). A bad batch there is damage, kept and
    // reported; at or above it, a torn write, cut with everything after it.
    const int64_t flushedBelow = clean ? std::numeric_limits<int64_t>::max() : std::max<int64_t>(options.recoveryPoint, 0);
    for (size_t i = 0; i < bases->size(); ++i) {
        const bool last = i + 1 == bases->size();
        const bool flushed = !last && (*bases)[i + 1] <= flushedBelow;
        // Only the last segment can hold a torn write after a clean shutdown.
        auto segment = Segment::open(dir, (*bases)[i], !clean || last, flushed, config.indexIntervalBytes, now,
                                     events);
        if (!segment)
            return segment.status();
        const bool truncated = std::any_of(events.begin(), events.end(), [&](const LogEvent &e) {
            return e.type == LogEventType::TailTruncated && e.baseOffset == (*segment)->baseOffset();
        });
        if (truncated && !last) {
            // As Kafka's recoverLog: what follows a torn write cannot be trusted to line up.
            for (size_t j = i + 1; j < bases->size(); ++j) {
                const std::string stem = segmentFileStem((*bases)[j]);
                for (const char *ext : {".log", ".index", ".timeindex"})
                    fs::remove(dir / (stem + ext), ec);
                spdlog::warn("{}: deleted segment {} that follows a truncated segment", dir.string(), stem);
                events.push_back({LogEventType::SegmentDeleted, (*bases)[j],
                                  fmt::format("recovery: follows segment {} whose tail was truncated",
                                              (*segment)->baseOffset()),
                                  "follows_truncated", (*segment)->baseOffset(), -1});
            }
            bases->resize(i + 1);
        }
        if (i + 1 < bases->size())
            (*segment)->releaseReadFd();
        d.segments.push_back(std::move(*segment));
    }
    d.findDamage(events);
    if (d.segments.empty()) {
        // A new first segment must not be deleted later as an orphan index.
        for (const fs::path &orphan : std::exchange(d.deferredRemovals, {}))
            if (orphan != legacyMarker)
                fs::remove(orphan, ec);
            else
                d.deferredRemovals.push_back(orphan);
        auto segment = Segment::create(dir, 0, now, config.segmentIndexBytes);
        if (!segment)
            return segment.status();
        d.segments.push_back(std::move(*segment));
    }
    Status s = d.active().activate(config.segmentIndexBytes);
    if (!s)
        return s;
    d.logStartOffset = d.segments.front()->baseOffset();
    // LogLoader: after a clean shutdown everything is flushed; otherwise only what the
    // checkpoint vouches for (a recovery point beyond a truncated tail is cut back).
    const int64_t end = d.logEndOffset();
    d.recoveryPoint = clean ? end : std::clamp<int64_t>(options.recoveryPoint, d.logStartOffset, end);
    for (const LogEvent &e : events)
        d.emit(e);
    return log;
}

Result<AppendInfo> Log::appendAsLeader(ByteView batch, int32_t leaderEpoch, CrcCheck crc)
{
    if (d->closed)
        return storageError(fmt::format("log {} is closed", d->dir.string()));
    auto header = parseBatchHeader(batch);
    if (!header)
        return Status::error(ErrorCode::CorruptMessage, "invalid batch: " + header.status().message());
    const BatchHeader &h = *header;
    if (batch.size() != h.totalSize())
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("expected exactly one batch of {} bytes, got {} bytes", h.totalSize(),
                                         batch.size()));
    if (static_cast<int64_t>(batch.size()) > d->config.maxMessageBytes)
        return Status::error(ErrorCode::MessageTooLarge,
                             fmt::format("batch of {} bytes is larger than max.message.bytes {}", batch.size(),
                                         d->config.maxMessageBytes));
    if (static_cast<int64_t>(batch.size()) > d->config.segmentBytes)
        return Status::error(ErrorCode::RecordListTooLarge,
                             fmt::format("batch of {} bytes is larger than segment.bytes {}", batch.size(),
                                         d->config.segmentBytes));
    if (crc == CrcCheck::Verify && !batchCrcValid(batch))
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("batch CRC mismatch: stored {}, computed {}", h.crc,
                                         computeBatchCrc(batch)));
    if (h.recordCount <= 0 || h.lastOffsetDelta != h.recordCount - 1)
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("batch has recordCount {} and lastOffsetDelta {}; expected a non-empty "
                                         "batch with lastOffsetDelta = recordCount - 1",
                                         h.recordCount, h.lastOffsetDelta));

    const int64_t now = d->clock->nowMs();
    const int64_t firstOffset = d->logEndOffset();
    const int64_t lastOffset = firstOffset + h.lastOffsetDelta;
    const Impl::Reason reason = d->rollReason(static_cast<int64_t>(batch.size()), lastOffset, now);
    if (!reason.empty()) {
        Status s = d->roll(reason);
        if (!s)
            return s;
    }
    // Only the first 16 bytes change (baseOffset, batchLength, partitionLeaderEpoch); the CRC
    // starts after them, so the rest is written straight from the caller's buffer.
    uint8_t prefix[16];
    std::copy_n(batch.data(), sizeof prefix, prefix);
    setBaseOffset(prefix, firstOffset);
    setPartitionLeaderEpoch(prefix, leaderEpoch);
    const ByteView parts[] = {ByteView(prefix, sizeof prefix), batch.subspan(sizeof prefix)};
    SegmentAppend what;
    what.firstOffset = firstOffset;
    what.lastOffset = lastOffset;
    what.firstTimestamp = h.baseTimestamp;
    what.maxTimestamp = h.maxTimestamp;
    what.offsetOfMaxTimestamp = lastOffset;
    what.recordCount = h.recordCount;
    what.batchCount = 1;
    what.batches.push_back({lastOffset, h.maxTimestamp, static_cast<int64_t>(batch.size())});
    Status s = d->active().append(parts, what, d->config.indexIntervalBytes, now);
    if (!s)
        return s;
    return AppendInfo{firstOffset, lastOffset, h.recordCount, h.maxTimestamp};
}

Result<AppendInfo> Log::appendAsFollower(ByteView batches)
{
    if (d->closed)
        return storageError(fmt::format("log {} is closed", d->dir.string()));
    SegmentAppend what;
    int64_t expected = d->logEndOffset();
    size_t pos = 0;
    while (pos < batches.size()) {
        auto header = parseBatchHeader(batches.subspan(pos));
        if (!header)
            return Status::error(ErrorCode::CorruptMessage,
                                 fmt::format("invalid batch at byte {}: {}", pos, header.status().message()));
        const BatchHeader &h = *header;
        const ByteView batch = batches.subspan(pos, h.totalSize());
        if (static_cast<int64_t>(batch.size()) > d->config.maxMessageBytes)
            return Status::error(ErrorCode::MessageTooLarge,
                                 fmt::format("batch at byte {} of {} bytes is larger than max.message.bytes {}", pos,
                                             batch.size(), d->config.maxMessageBytes));
        if (!batchCrcValid(batch))
            return Status::error(ErrorCode::CorruptMessage,
                                 fmt::format("batch at byte {}: CRC mismatch: stored {}, computed {}", pos, h.crc,
                                             computeBatchCrc(batch)));
        const bool first = what.batchCount == 0;
        // As Kafka's follower append: offsets only grow; a gap (a leader whose recovery kept a
        // damaged range it cannot serve) is taken as the leader has it.
        if (h.baseOffset < expected || h.lastOffsetDelta < 0)
            return Status::error(ErrorCode::CorruptMessage,
                                 fmt::format("batch at byte {} has offsets {}..{}; expected it to start at or above {}",
                                             pos, h.baseOffset, h.lastOffset(), expected));
        if (first) {
            what.firstOffset = h.baseOffset;
            what.firstTimestamp = h.baseTimestamp;
        }
        if (h.maxTimestamp > what.maxTimestamp) {
            what.maxTimestamp = h.maxTimestamp;
            what.offsetOfMaxTimestamp = h.lastOffset();
        }
        what.lastOffset = h.lastOffset();
        what.recordCount += h.recordCount;
        ++what.batchCount;
        what.batches.push_back({h.lastOffset(), h.maxTimestamp, static_cast<int64_t>(h.totalSize())});
        expected = h.lastOffset() + 1;
        pos += h.totalSize();
    }
    if (what.batchCount == 0)
        return AppendInfo{d->logEndOffset(), d->logEndOffset() - 1, 0, -1};

    const int64_t now = d->clock->nowMs();
    const Impl::Reason reason = d->rollReason(static_cast<int64_t>(batches.size()), what.lastOffset, now);
    if (!reason.empty()) {
        Status s = d->roll(reason);
        if (!s)
            return s;
    }
    if (what.lastOffset - d->active().baseOffset() > INT32_MAX)
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("batches span offsets {}..{}, more than one segment can hold",
                                         what.firstOffset, what.lastOffset));
    const ByteView parts[] = {batches};
    Status s = d->active().append(parts, what, d->config.indexIntervalBytes, now);
    if (!s)
        return s;
    return AppendInfo{what.firstOffset, what.lastOffset, static_cast<int32_t>(what.recordCount), what.maxTimestamp};
}

Result<ReadInfo> Log::read(int64_t offset, int32_t maxBytes, int64_t maxOffset) const
{
    ReadInfo info;
    info.logStartOffset = d->logStartOffset;
    info.logEndOffset = d->logEndOffset();
    if (offset < d->logStartOffset || offset > info.logEndOffset)
        return Status::error(ErrorCode::OffsetOutOfRange,
                             fmt::format("offset {} is outside the log [{}, {}] of {}", offset, d->logStartOffset,
                                         info.logEndOffset, d->dir.string()));
    // The last segment whose base offset is <= offset.
    auto it = std::upper_bound(d->segments.begin(), d->segments.end(), offset,
                               [](int64_t o, const std::unique_ptr<Segment> &s) { return o < s->baseOffset(); });
    if (it != d->segments.begin())
        --it;
    for (; it != d->segments.end(); ++it) {
        const Segment &segment = **it;
        if (d->lastRead && d->lastRead != &segment)
            d->lastRead->releaseReadFd();
        d->lastRead = &segment;
        auto position = segment.findPosition(offset);
        if (!position)
            return position.status();
        if (*position >= segment.sizeBytes())
            continue; // offset past this segment's batches (e.g. a gap): try the next one
        auto data = segment.read(*position, maxBytes, maxOffset);
        if (!data)
            return data.status();
        info.data = std::move(*data);
        break;
    }
    return info;
}

void Log::setConfig(const LogConfig &config)
{
    d->config = config;
}

void Log::finishOpen()
{
    for (const fs::path &path : std::exchange(d->deferredRemovals, {})) {
        std::error_code ec;
        fs::remove(path, ec);
        if (ec)
            spdlog::warn("cannot remove {}: {}", path.string(), ec.message());
    }
}

int64_t Log::logStartOffset() const
{
    return d->logStartOffset;
}

int64_t Log::logEndOffset() const
{
    return d->logEndOffset();
}

int64_t Log::firstSegmentBaseOffset() const
{
    return d->segments.front()->baseOffset();
}

int64_t Log::recoveryPoint() const
{
    return d->recoveryPoint;
}

std::optional<Uuid> Log::topicId() const
{
    return d->topicId;
}

int64_t Log::sizeBytes() const
{
    int64_t total = 0;
    for (const auto &s : d->segments)
        total += s->sizeBytes();
    return total;
}

const std::vector<LogDamage> &Log::damage() const
{
    return d->damage;
}

std::vector<SegmentInfo> Log::segments() const
{
    std::vector<SegmentInfo> out;
    out.reserve(d->segments.size());
    for (const auto &s : d->segments)
        out.push_back(s->info(s == d->segments.back()));
    return out;
}

const fs::path &Log::dir() const
{
    return d->dir;
}

const LogConfig &Log::config() const
{
    return d->config;
}

void Log::flush()
{
    // Appends are pwrite()s: there is no user-space buffer, the data is already in the kernel.
    if (!d->closed)
        d->recoveryPoint = d->logEndOffset();
}

void Log::close()
{
    if (d->closed)
        return;
    flush();
    d->closed = true;
    Status s = d->active().deactivate();
    if (!s)
        spdlog::warn("{}: closing: {}", d->dir.string(), s.message());
    for (const auto &segment : d->segments)
        segment->releaseReadFd();
    d->lastRead = nullptr;
}

} // namespace kl
