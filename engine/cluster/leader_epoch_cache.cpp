// LeaderEpochCache: the leader-epoch-checkpoint file and OffsetsForLeaderEpoch lookups.
#include "cluster/leader_epoch_cache.h"

#include "cluster/offset_checkpoint.h"

#include <fmt/format.h>
#include <algorithm>
#include <fstream>
#include <optional>
#include <spdlog/spdlog.h>
#include <sstream>
#include <system_error>

namespace kl {

Result<std::vector<EpochEntry>> LeaderEpochCache::parse(const std::string &text)
{
    std::istringstream in(text);
    std::string line;
    const auto bad = [](int lineNo, const std::string &why) {
        return Status::error(ErrorCode::KafkaStorageError,
            fmt::format("{} line {}: {}", kLeaderEpochCheckpointFile, lineNo, why));
    };
    std::vector<std::string> lines;
    while (std::getline(in, line))
        if (!line.empty())
            lines.push_back(line);
    if (lines.size() < 2)
        return bad(static_cast<int>(lines.size()) + 1, "expected a version line and a count line");
    if (lines[0] != "0")
        return bad(1, fmt::format("unsupported version '{}' (expected 0)", lines[0]));
    size_t count = 0;
    try {
        size_t used = 0;
        if (lines[1].empty() || lines[1][0] < '0' || lines[1][0] > '9')
            throw std::invalid_argument(lines[1]);
        count = std::stoul(lines[1], &used);
        if (used != lines[1].size())
            throw std::invalid_argument(lines[1]);
    } catch (...) {
        return bad(2, fmt::format("'{}' is not an entry count", lines[1]));
    }
    if (lines.size() != count + 2)
        return bad(2, fmt::format("count says {} entries, the file has {}", count, lines.size() - 2));
    std::vector<EpochEntry> entries;
    for (size_t i = 2; i < lines.size(); ++i) {
        std::istringstream fields(lines[i]);
        EpochEntry e;
        std::string rest;
        if (!(fields >> e.epoch >> e.startOffset) || (fields >> rest) || e.epoch < 0 || e.startOffset < 0)
            return bad(static_cast<int>(i) + 1, fmt::format("'{}' is not \"epoch startOffset\"", lines[i]));
        if (!entries.empty()
            && (e.epoch <= entries.back().epoch || e.startOffset < entries.back().startOffset))
            return bad(static_cast<int>(i) + 1, "epochs must increase and offsets must not decrease");
        entries.push_back(e);
    }
    return entries;
}

std::string LeaderEpochCache::checkpointText() const
{
    std::string text = fmt::format("0\n{}\n", m_entries.size());
    for (const auto &e : m_entries)
        text += fmt::format("{} {}\n", e.epoch, e.startOffset);
    return text;
}

void LeaderEpochCache::save() const
{
    if (m_dir.empty())
        return;
    if (m_holdSaves) {
        m_unsaved = true;
        return;
    }
    m_unsaved = false;
    if (Status s = writeCheckpointFile(m_dir / kLeaderEpochCheckpointFile, checkpointText()); !s)
        spdlog::warn("{}", s.message());
}

void LeaderEpochCache::releaseSaves()
{
    m_holdSaves = false;
    if (m_unsaved)
        save();
}

namespace {

// The header of the batch holding `offset` (the log's read starts with it), or nothing.
std::optional<BatchHeader> batchHolding(const Log &log, int64_t offset)
{
    auto read = log.read(offset, static_cast<int32_t>(kBatchHeaderSize));
    if (!read)
        return std::nullopt;
    std::optional<BatchHeader> found;
    forEachBatch(ByteView(read->data), [&](const BatchHeader &h, ByteView, size_t) {
        if (h.lastOffset() < offset)
            return true;
        if (h.baseOffset <= offset)
            found = h;
        return false;
    });
    return found;
}

// Whether recovery found `offset` unreadable (Log::damage): nothing can be checked there.
bool damagedAt(const Log &log, int64_t offset)
{
    const auto &damage = log.damage();
    return std::any_of(damage.begin(), damage.end(),
        [offset](const LogDamage &d) { return d.firstOffset <= offset && offset < d.endOffset; });
}

} // namespace

std::string LeaderEpochCache::validateAgainst(const std::vector<EpochEntry> &entries, const Log &log)
{
    const int64_t start = log.logStartOffset();
    const int64_t end = log.logEndOffset();
    // Only what the log holds is checked: entries from the log end on are dropped anyway.
    size_t live = entries.size();
    while (live > 0 && entries[live - 1].startOffset >= end)
        --live;
    if (start >= end)
        return {};
    if (live == 0)
        return fmt::format("no entry covers the log's offsets {}..{}", start, end - 1);
    if (entries[0].startOffset > start)
        return fmt::format("the first entry (epoch {}) starts at {}, above the log start offset {}: offsets "
                           "{}..{} have no epoch",
            entries[0].epoch, entries[0].startOffset, start, start, entries[0].startOffset - 1);
    for (size_t i = 0; i < live; ++i) {
        const EpochEntry &e = entries[i];
        const int64_t next = i + 1 < live ? entries[i + 1].startOffset : end;
        if (next == e.startOffset || next <= start)
            continue; // an epoch without records here (led without writing) or below the log start
        const int64_t at = std::max(e.startOffset, start);
        if (damagedAt(log, at))
            continue; // unreadable batches cannot contradict the entry (nor a rebuild restore it)
        const auto batch = batchHolding(log, at);
        if (!batch)
            return fmt::format("epoch {} starts at offset {}, where the log has no readable batch", e.epoch, at);
        if (batch->partitionLeaderEpoch != e.epoch)
            return fmt::format("epoch {} starts at offset {}, but the batch there carries leader epoch {}", e.epoch,
                at, batch->partitionLeaderEpoch);
        if (e.startOffset > start && batch->baseOffset != e.startOffset)
            return fmt::format("epoch {} starts at offset {}, inside the batch {}..{}", e.epoch, e.startOffset,
                batch->baseOffset, batch->lastOffset());
    }
    // The newest epoch is the last batch's: nothing above what the batches carry.
    const auto last = batchHolding(log, end - 1);
    if (last && last->partitionLeaderEpoch != entries[live - 1].epoch)
        return fmt::format("its newest epoch {} (from offset {}) is not the last batch's leader epoch {} "
                           "(offsets {}..{})",
            entries[live - 1].epoch, entries[live - 1].startOffset, last->partitionLeaderEpoch, last->baseOffset,
            last->lastOffset());
    return {};
}

Status LeaderEpochCache::loadOrRebuild(const Log &log)
{
    m_entries.clear();
    m_rebuildReport.clear();
    const auto file = m_dir / kLeaderEpochCheckpointFile;
    std::ifstream in(file, std::ios::binary);
    bool loaded = false;
    std::string problem;
    if (in) {
        std::stringstream s;
        s << in.rdbuf();
        auto parsed = parse(s.str());
        if (parsed) {
            problem = validateAgainst(*parsed, log);
            if (problem.empty()) {
                m_entries = std::move(*parsed);
                loaded = true;
            } else {
                problem = fmt::format("{}: {}", kLeaderEpochCheckpointFile, problem);
            }
        } else {
            problem = parsed.status().message();
        }
    }
    const int64_t end = log.logEndOffset();
    if (!loaded) {
        m_entries.clear();
        int64_t offset = log.logStartOffset();
        while (offset < end) {
            auto read = log.read(offset, 1 << 20);
            if (!read)
                return read.status();
            int64_t next = offset;
            forEachBatch(ByteView(read->data), [&](const BatchHeader &h, ByteView, size_t) {
                if (h.partitionLeaderEpoch > latestEpoch())
                    m_entries.push_back(EpochEntry { h.partitionLeaderEpoch, h.baseOffset });
                next = h.lastOffset() + 1;
                return true;
            });
            if (next <= offset)
                break; // nothing readable: leave the rest to replication
            offset = next;
        }
        if (!problem.empty()) {
            std::string rebuilt;
            for (const auto &e : m_entries)
                rebuilt += fmt::format("{}{} {}", rebuilt.empty() ? "" : ", ", e.epoch, e.startOffset);
            m_rebuildReport = fmt::format("{} was wrong ({}); rebuilt from the log's batches: {} entries [{}]",
                file.string(), problem, m_entries.size(), rebuilt);
            spdlog::warn("{}", m_rebuildReport);
        }
        save();
    }
    // Recovery may have cut the tail the checkpoint still describes.
    truncateFromEnd(end);
    return Status::ok();
}

void LeaderEpochCache::assign(int32_t epoch, int64_t startOffset)
{
    if (epoch < 0 || epoch <= latestEpoch())
        return;
    m_entries.push_back(EpochEntry { epoch, startOffset });
    save();
}

void LeaderEpochCache::truncateFromEnd(int64_t endOffset)
{
    // Kafka keeps an entry that starts exactly at the end offset only if it is the newest
    // leader's assignment; a truncated log cannot hold records of it yet, so dropping it and
    // re-assigning on the next append gives the same answers.
    size_t keep = m_entries.size();
    while (keep > 0 && m_entries[keep - 1].startOffset >= endOffset)
        --keep;
    if (keep == m_entries.size())
        return;
    m_entries.resize(keep);
    save();
}

void LeaderEpochCache::clear()
{
    if (m_entries.empty())
        return;
    m_entries.clear();
    save();
}

int64_t LeaderEpochCache::startOffsetOf(int32_t epoch) const
{
    for (const auto &e : m_entries)
        if (e.epoch == epoch)
            return e.startOffset;
    return -1;
}

EpochEndOffset LeaderEpochCache::endOffsetFor(int32_t requestedEpoch, int64_t logEndOffset) const
{
    if (m_entries.empty() || requestedEpoch < 0)
        return {};
    if (requestedEpoch == latestEpoch())
        return { requestedEpoch, logEndOffset };
    // The first entry with an epoch above the requested one ends the requested epoch.
    size_t higher = 0;
    while (higher < m_entries.size() && m_entries[higher].epoch <= requestedEpoch)
        ++higher;
    if (higher == m_entries.size())
        return {}; // newer than anything known
    if (higher == 0)
        return { requestedEpoch, m_entries[0].startOffset };
    return { m_entries[higher - 1].epoch, m_entries[higher].startOffset };
}

} // namespace kl
