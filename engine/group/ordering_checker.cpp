// OrderingChecker: per-key sequence bookkeeping and the cross-partition order check.
#include "group/ordering_checker.h"

#include <fmt/format.h>

#include <algorithm>

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
    Stamp stamp {value.substr(0, hash), -1, n};
    // "<label>@p<digits>": the producer id; anything else is an older, id-less stamp.
    const size_t at = stamp.label.rfind("@p");
    if (at != std::string_view::npos && at > 0 && at + 2 < stamp.label.size()
        && stamp.label.size() - (at + 2) <= 18) {
        int64_t id = 0;
        bool digits = true;
        for (size_t j = at + 2; j < stamp.label.size() && digits; ++j) {
            digits = stamp.label[j] >= '0' && stamp.label[j] <= '9';
            id = id * 10 + (stamp.label[j] - '0');
        }
        if (digits) {
            stamp.producerId = id;
            stamp.label = stamp.label.substr(0, at);
        }
    }
    return stamp;
}

std::string OrderingChecker::formatStamp(std::string_view label, int64_t producerId, int64_t sequence)
{
    return fmt::format("{}@p{}#{} ", label, producerId, sequence);
}

void OrderingChecker::reset()
{
    *this = OrderingChecker(m_options);
}

void OrderingChecker::onRecord(const ConsumedRecord &record)
{
    std::optional<Stamp> stamp;
    if (record.key && record.value)
        stamp = parseStamp(*record.value);
    // The stamp must be for this very key (a value copied between keys proves nothing) and
    // name its producer run (sequences restart with every run).
    if (stamp && stamp->producerId >= 0 && stamp->label == *record.key) {
        ++m_checked;
        checkKey(record, *record.key, stamp->producerId, stamp->sequence);
    } else {
        ++m_unchecked;
    }
    checkGlobalOrder(record);
}

OrderingChecker::KeyState &OrderingChecker::stateFor(
    int64_t producerId, std::string_view topic, std::string_view key, bool &fresh)
{
    std::string id = std::to_string(producerId);
    id.reserve(id.size() + topic.size() + key.size() + 2);
    id.push_back('\0');
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

OrderingChecker::ProducerState &OrderingChecker::producerFor(int64_t producerId, std::string_view topic)
{
    auto it = m_producers.find(producerId);
    if (it == m_producers.end()) {
        if (m_producers.size() >= std::max<size_t>(1, m_options.maxProducers)) {
            auto oldest = m_producers.begin();
            for (auto p = m_producers.begin(); p != m_producers.end(); ++p)
                if (p->second.lastSeen < oldest->second.lastSeen)
                    oldest = p;
            m_producers.erase(oldest);
        }
        it = m_producers.emplace(producerId, ProducerState {}).first;
        it->second.counts.producerId = producerId;
        it->second.counts.topic = std::string(topic);
    }
    it->second.lastSeen = m_checked;
    return it->second;
}

const OrderingProducerSnapshot *OrderingChecker::producer(int64_t producerId) const
{
    auto it = m_producers.find(producerId);
    return it == m_producers.end() ? nullptr : &it->second.counts;
}

void OrderingChecker::checkKey(const ConsumedRecord &record, std::string_view key, int64_t producerId, int64_t sequence)
{
    bool fresh = false;
    KeyState &s = stateFor(producerId, record.topic, key, fresh);
    OrderingProducerSnapshot &counts = producerFor(producerId, record.topic).counts;
    ++counts.checked;
    const std::string where = fmt::format("{}-{}@{}", record.topic, record.partition, record.offset);
    const auto finding = [&](OrderingFindingKind kind, std::string text) {
        OrderingFinding f;
        f.record.kind = kind;
        f.record.producerId = producerId;
        f.record.key = std::string(key);
        f.record.sequence = sequence;
        f.record.previousSequence = s.highest;
        f.record.topic = std::string(record.topic);
        f.record.partition = record.partition;
        f.record.offset = record.offset;
        f.record.timestampMs = record.producedTimestamp;
        f.record.processedMs = record.processedMs;
        if (kind == OrderingFindingKind::Violation) {
            f.record.previousTopic = f.record.topic;
            f.record.previousPartition = s.lastPartition;
            f.record.previousOffset = s.lastOffset;
        }
        f.text = std::move(text);
        addFinding(std::move(f));
    };
    const auto setHighest = [&] {
        s.highest = sequence;
        s.lastPartition = record.partition;
        s.lastOffset = record.offset;
    };

    if (fresh) {
        s.seen.reset();
        s.seen.set(0);
        setHighest();
        return;
    }
    if (sequence > s.highest) {
        const int64_t jump = sequence - s.highest;
        if (jump > 1) {
            ++m_gaps;
            ++counts.gaps;
            finding(OrderingFindingKind::Gap,
                fmt::format("{}@p{}: #{} after #{} on {} ({} missing: skipped or lost)", key, producerId, sequence,
                    s.highest, where, jump - 1));
        }
        s.seen = jump >= kWindow ? std::bitset<kWindow>() : s.seen << static_cast<size_t>(jump);
        s.seen.set(0);
        setHighest();
        return;
    }
    const int64_t back = s.highest - sequence; // >= 0
    if (back >= kWindow || s.seen.test(static_cast<size_t>(back))) {
        ++m_duplicates;
        ++counts.duplicates;
        finding(OrderingFindingKind::Duplicate,
            fmt::format("{}@p{}: #{} read again after #{} on {} (re-delivered: processed, not committed, "
                        "read again)",
                key, producerId, sequence, s.highest, where));
        return;
    }
    ++m_violations;
    ++counts.perKeyViolations;
    s.seen.set(static_cast<size_t>(back));
    finding(OrderingFindingKind::Violation,
        fmt::format("{}@p{}: #{} after #{} on {} (never seen before: order violated; #{} came from {}-{}@{})", key,
            producerId, sequence, s.highest, where, s.highest, record.topic, s.lastPartition, s.lastOffset));
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
            if (++m_globalInversions == 1) {
                OrderingFinding f;
                f.record.kind = OrderingFindingKind::GlobalInversion;
                f.record.topic = std::string(record.topic);
                f.record.partition = record.partition;
                f.record.offset = record.offset;
                f.record.timestampMs = record.producedTimestamp;
                f.record.processedMs = record.processedMs;
                f.record.previousTopic = m_prevTopic;
                f.record.previousPartition = m_prevPartition;
                f.record.previousOffset = m_prevOffset;
                f.record.previousTimestampMs = m_prevTimestamp;
                f.text = fmt::format("global order: {}-{}@{} (produced at {}) processed after {}-{}@{} (produced "
                                     "at {}): Kafka orders records only within a partition",
                    record.topic, record.partition, record.offset, record.producedTimestamp, m_prevTopic,
                    m_prevPartition, m_prevOffset, m_prevTimestamp);
                addFinding(std::move(f));
            }
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
    s.producers.reserve(m_producers.size());
    for (const auto &[id, p] : m_producers)
        s.producers.push_back(p.counts);
    s.recent.reserve(m_findings.size());
    for (const OrderingFinding &f : m_findings)
        s.recent.push_back(f.record);
    return s;
}

} // namespace kl
