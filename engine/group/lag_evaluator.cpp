// LagEvaluator: Burrow's rules over a window of commits (see lag_evaluator.h for each rule).
#include "group/lag_evaluator.h"

#include <fmt/format.h>

#include <algorithm>

namespace kl {

std::string_view lagStatusName(LagStatus status)
{
    switch (status) {
    case LagStatus::Ok: return "OK";
    case LagStatus::Warn: return "WARN";
    case LagStatus::Stop: return "STOP";
    case LagStatus::Stall: return "STALL";
    case LagStatus::Rewind: return "REWIND";
    }
    return "OK";
}

std::string_view groupStatusName(const std::vector<LagStatus> &partitions)
{
    LagStatus worst = LagStatus::Ok;
    for (LagStatus s : partitions)
        worst = std::max(worst, s);
    if (worst == LagStatus::Ok)
        return "OK";
    return worst == LagStatus::Warn ? "WARN" : "ERR";
}

namespace {

// Index of the first commit whose offset is lower than the one before it, or -1 (Burrow's
// checkIfOffsetsRewind).
int rewindIndex(const std::vector<CommitSample> &c)
{
    for (size_t i = 1; i < c.size(); ++i)
        if (c[i].offset < c[i - 1].offset)
            return static_cast<int>(i);
    return -1;
}

} // namespace

LagEvaluation evaluateLagWindow(const std::vector<CommitSample> &commits,
    const std::vector<int64_t> &recentLogEndOffsets, int64_t currentLag, int64_t nowMs,
    const LagEvaluatorOptions &options)
{
    LagEvaluation e;
    e.currentLag = currentLag;
    const size_t intervals = std::max<size_t>(1, options.intervals);
    e.complete = std::min(1.0, static_cast<double>(commits.size()) / static_cast<double>(intervals));
    if (commits.empty()) {
        e.reason = "no commits yet";
        return e;
    }
    if (e.complete < options.minimumComplete) {
        e.reason = fmt::format("window {}/{} commits: not enough to judge", commits.size(), intervals);
        return e;
    }
    if (currentLag <= options.allowedLag) {
        e.reason = fmt::format("lag {}: caught up", currentLag);
        return e;
    }

    const CommitSample &first = commits.front();
    const CommitSample &last = commits.back();
    const int64_t silent = nowMs - last.timeMs;
    const int64_t span = last.timeMs - first.timeMs;
    const bool recentlyCaughtUp = std::any_of(recentLogEndOffsets.begin(), recentLogEndOffsets.end(),
        [&](int64_t leo) { return leo <= last.offset; });
    if (silent > span && !recentlyCaughtUp) {
        e.status = LagStatus::Stop;
        e.reason = fmt::format("no commit for {} ms (window spans {} ms) with lag {}", silent, span, currentLag);
        return e;
    }

    // Burrow's isLagAlwaysNotZero: a window with a zero lag is OK, and the rules below are not checked.
    if (std::any_of(commits.begin(), commits.end(),
                    [&](const CommitSample &c) { return c.lagKnown && c.lag <= options.allowedLag; })) {
        e.reason = "lag reached zero within the window";
        return e;
    }

    if (const int rewind = rewindIndex(commits); rewind > 0) {
        e.status = LagStatus::Rewind;
        e.reason = fmt::format("committed offset went back from {} to {}",
            commits[static_cast<size_t>(rewind) - 1].offset, commits[static_cast<size_t>(rewind)].offset);
        return e;
    }

    const bool moved = std::any_of(commits.begin() + 1, commits.end(),
        [&](const CommitSample &c) { return c.offset != first.offset; });
    if (!moved) {
        e.status = LagStatus::Stall;
        e.reason = fmt::format("committing offset {} over and over ({} commits) with lag {}", first.offset,
            commits.size(), currentLag);
        return e;
    }

    // Burrow's checkIfLagNotDecreasing: commits without a known lag are skipped.
    bool decreased = false;
    const CommitSample *previous = nullptr;
    const CommitSample *firstKnown = nullptr;
    for (const CommitSample &c : commits) {
        if (!c.lagKnown)
            continue;
        if (!firstKnown)
            firstKnown = &c;
        if (previous && c.lag < previous->lag)
            decreased = true;
        previous = &c;
    }
    if (!decreased) {
        e.status = LagStatus::Warn;
        e.reason = fmt::format("lag never decreased over {} commits ({} -> {})", commits.size(),
            firstKnown ? firstKnown->lag : 0, previous ? previous->lag : 0);
        return e;
    }
    e.reason = fmt::format("lag {} and decreasing at times", currentLag);
    return e;
}

void PartitionLagEvaluator::onCommit(int64_t timeMs, int64_t offset, int64_t logEndOffset)
{
    CommitSample sample {timeMs, offset, std::max<int64_t>(0, logEndOffset - offset)};
    if (logEndOffset < 0) { // no log end offset known yet: Burrow stores the commit with a nil lag
        sample.lag = 0;
        sample.lagKnown = false;
    }
    if (!m_commits.empty() && m_options.minDistanceMs > 0 && timeMs - m_commits.back().timeMs < m_options.minDistanceMs)
        m_commits.back() = sample;
    else
        m_commits.push_back(sample);
    while (m_commits.size() > std::max<size_t>(1, m_options.intervals))
        m_commits.pop_front();
    m_logEndOffset = std::max(m_logEndOffset, logEndOffset);
}

void PartitionLagEvaluator::onLogEndOffset(int64_t logEndOffset)
{
    m_logEndOffsets.push_back(logEndOffset);
    while (m_logEndOffsets.size() > std::max<size_t>(1, m_options.intervals))
        m_logEndOffsets.pop_front();
    m_logEndOffset = logEndOffset;
}

int64_t PartitionLagEvaluator::currentLag() const
{
    if (m_commits.empty() || m_logEndOffset < 0)
        return 0;
    return std::max<int64_t>(0, m_logEndOffset - m_commits.back().offset);
}

LagEvaluation PartitionLagEvaluator::evaluate(int64_t nowMs) const
{
    const std::vector<CommitSample> commits(m_commits.begin(), m_commits.end());
    const std::vector<int64_t> leos(m_logEndOffsets.begin(), m_logEndOffsets.end());
    return evaluateLagWindow(commits, leos, currentLag(), nowMs, m_options);
}

} // namespace kl
