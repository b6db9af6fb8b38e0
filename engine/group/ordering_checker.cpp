// OrderingChecker: per-key sequence bookkeeping and the cross-partition order check.
#include "group/ordering_checker.h"

#include <fmt/format.h>

namespace kl {

std::string_view orderingFindingName(OrderingFindingKind kind)
{
    switch (kind) {
    case OrderingFindingKind::Duplicate: return "duplicate";
    case OrderingFindingKind::Violation: return "violation";
    case OrderingFindingKind::Gap: return "gap";
    case OrderingFindingKind::GlobalInversion: return "global_inversion";
    }
    return "unknown";
}

OrderingChecker::OrderingChecker() : OrderingChecker(Options {}) {}

OrderingChecker::OrderingChecker(Options options) : m_options(options)
{
    if (m_options.maxKeys == 0)
        m_options.maxKeys = 1;
}

std::optional<OrderingChecker::Stamp> OrderingChecker::parseStamp(std::string_view value)
{
    const size_t hash = value.find('#');
    if (hash == std::string_view::npos || hash == 0)
        return std::nullopt;
    int64_t n = 0;
    size_t i = hash + 1;
    const size_t firstDigit = i;
    for (; i < value.size() && value[i] >= '0' && value[i] <= '9'; ++i) {
        if (i - firstDigit >= 18) // more digits than any real sequence: not ours
            return std::nullopt;
        n = n * 10 + (value[i] - '0');
    }
    if (i == firstDigit || i >= value.size() || value[i] != ' ')
        return std::nullopt;
    return Stamp {value.substr(0, hash), n};
}

void OrderingChecker::onRecord(const ConsumedRecord &record)
{
    std::optional<Stamp> stamp;
    if (record.key && record.value)
        stamp = parseStamp(*record.value);
    // The stamp must be for this very key: a value copied between keys proves nothing.
    if (stamp && stamp->label == *record.key) {
        ++m_checked;
        checkKey(record, *record.key, stamp->sequence);
    } else {
        ++m_unchecked;
    }
    checkGlobalOrder(record);
}

OrderingChecker::KeyState &OrderingChecker::stateFor(std::string_view topic, std::string_view key, bool &fresh)
{
    std::string id;
    id.reserve(topic.size() + key.size() + 1);
    id.append(topic).push_back('\0');
    id.append(key);
    auto it = m_keys.find(id);
    if (it != m_keys.end()) {
        fresh = false;
        m_lru.splice(m_lru.begin(), m_lru, it->second.lru);
        return it->second;
    }
    fresh = true;
    if (m_keys.size() >= m_options.maxKeys) {
        m_keys.erase(m_lru.back());
        m_lru.pop_back();
        ++m_forgottenKeys;
    }
    m_lru.push_front(id);
    KeyState &state = m_keys[id];
    state.lru = m_lru.begin();
    return state;
}

void OrderingChecker::checkKey(const ConsumedRecord &record, std::string_view key, int64_t sequence)
{
    bool fresh = false;
    KeyState &s = stateFor(record.topic, key, fresh);
    const std::string where = fmt::format("{}-{}@{}", record.topic, record.partition, record.offset);
    const auto finding = [&](OrderingFindingKind kind, std::string text) {
        addFinding(OrderingFinding {kind, std::string(key), sequence, s.highest, std::string(record.topic),
            record.partition, record.offset, std::move(text)});
    };

    if (fresh) {
        s.highest = sequence;
        s.seen.reset();
        s.seen.set(0);
        s.lastWhere = where;
        return;
    }
    if (sequence > s.highest) {
        const int64_t jump = sequence - s.highest;
        if (jump > 1) {
            ++m_gaps;
            finding(OrderingFindingKind::Gap,
                fmt::format("{}: #{} after #{} on {} ({} missing: skipped or lost)", key, sequence, s.highest,
                    where, jump - 1));
        }
        s.seen = jump >= kWindow ? std::bitset<kWindow>() : s.seen << static_cast<size_t>(jump);
        s.seen.set(0);
        s.highest = sequence;
        s.lastWhere = where;
        return;
    }
    const int64_t back = s.highest - sequence; // >= 0
    if (back >= kWindow || s.seen.test(static_cast<size_t>(back))) {
        ++m_duplicates;
        finding(OrderingFindingKind::Duplicate,
            fmt::format("{}: #{} after #{} on {} (re-delivered after rebalance?)", key, sequence, s.highest, where));
        return;
    }
    ++m_violations;
    s.seen.set(static_cast<size_t>(back));
    finding(OrderingFindingKind::Violation,
        fmt::format("{}: #{} after #{} on {} (never seen before: order violated; #{} came from {})", key, sequence,
            s.highest, where, s.highest, s.lastWhere));
}

void OrderingChecker::checkGlobalOrder(const ConsumedRecord &record)
{
    const bool samePartition = m_hasPrevious && m_prevTopic == record.topic && m_prevPartition == record.partition;
    if (m_hasPrevious && !samePartition && record.producedTimestamp >= 0 && m_prevTimestamp >= 0) {
        const bool reversed = record.producedTimestamp < m_prevTimestamp
            || (record.producedTimestamp == m_prevTimestamp && record.produceSequence >= 0 && m_prevSequence >= 0
                && record.produceSequence < m_prevSequence);
        if (reversed) {
            // Normal with several partitions: only the first one is worth a line of its own.
            if (++m_globalInversions == 1)
                addFinding(OrderingFinding {OrderingFindingKind::GlobalInversion, {}, -1, -1, std::string(record.topic),
                    record.partition, record.offset,
                    fmt::format("global order: {}-{}@{} (produced at {}) processed after {}-{}@{} (produced at {}): "
                                "Kafka orders records only within a partition",
                        record.topic, record.partition, record.offset, record.producedTimestamp, m_prevTopic,
                        m_prevPartition, m_prevOffset, m_prevTimestamp)});
        }
    }
    m_hasPrevious = true;
    m_prevTopic.assign(record.topic);
    m_prevPartition = record.partition;
    m_prevOffset = record.offset;
    m_prevTimestamp = record.producedTimestamp;
    m_prevSequence = record.produceSequence;
}

void OrderingChecker::addFinding(OrderingFinding finding)
{
    m_findings.push_back(std::move(finding));
    while (m_findings.size() > m_options.maxFindings)
        m_findings.pop_front();
}

OrderingSnapshot OrderingChecker::snapshot() const
{
    OrderingSnapshot s;
    s.checked = m_checked;
    s.unchecked = m_unchecked;
    s.perKeyViolations = m_violations;
    s.duplicates = m_duplicates;
    s.gaps = m_gaps;
    s.globalInversions = m_globalInversions;
    s.recent.reserve(m_findings.size());
    for (const OrderingFinding &f : m_findings)
        s.recent.push_back(f.text);
    return s;
}

} // namespace kl
