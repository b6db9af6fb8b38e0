// OrderingChecker: what ordering a consumer group actually saw. Fed every record the group's
// consumers process, in the order they processed them (all consumers of the group interleaved,
// as the engine ran them), it checks the per-key sequence the simulated producers stamp into
// values ("key-3#17 ..." = the 18th record of key-3, counted from #0) and counts:
//
//   duplicate       a key's sequence that was already seen: a re-delivery, typically records
//                   processed but not committed before a rebalance, read again by the new owner.
//                   Example: key-3 #17, #18, #19, [rebalance], #18 -> one duplicate.
//   violation       a LOWER sequence that was NOT seen before: the key's order really broke
//                   (it arrived after a later record of the same key). Within one partition this
//                   must never happen; it can when a key moved partitions (partitions added).
//                   Example: key-3 #17, #19 (a gap), then #18 -> one gap, then one violation.
//   gap             a jump of more than one past the highest sequence seen: records skipped or
//                   lost (an offset committed past unprocessed records, an unclean election).
//                   Example: key-3 #17 then #20 -> one gap (2 missing).
//   global inversion  two consecutively processed records from different partitions whose
//                   produce order is reversed (the later-processed one was produced earlier:
//                   timestamp, then the optional global produce sequence on a tie). Kafka only
//                   orders records within a partition, so with several partitions this count
//                   grows while per-key violations stay 0 — the lesson this checker exists for.
//
// The first record of a key (or of a key forgotten by the memory cap) only sets its baseline.
// Records whose value carries no "<key>#<n> " sequence for their own key (null keys, scenario
// `produce` values, truncated values) are counted as unchecked and only take part in the
// global-inversion check.
//
// Memory is bounded: per key the highest sequence and a bitset of the kWindow sequences below
// it; at most Options::maxKeys keys (least recently seen is forgotten, counted in
// forgottenKeys()). A sequence older than the window cannot be told apart and is counted as a
// duplicate (the likely cause). Findings kept for display are bounded too.
// Keys are (topic, key): sequences are per producer and topic. Two producers stamping the same
// key of the same topic would look like duplicates; the engine runs one auto producer per topic.
// Plain value type, no clock, no I/O; single-threaded (the engine thread that runs consumers).
#pragma once

#include "api/snapshot.h"

#include <bitset>
#include <cstdint>
#include <deque>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kl {

// One consumed record, as the simulated consumer saw it.
struct ConsumedRecord {
    std::string_view topic;
    int32_t partition = 0;
    int64_t offset = 0;
    std::optional<std::string_view> key;   // nullopt = null key
    std::optional<std::string_view> value; // nullopt = null value
    int64_t producedTimestamp = -1;        // the record's (CreateTime) timestamp
    int64_t produceSequence = -1;          // a global produce order if known; -1 = unknown
};

enum class OrderingFindingKind { Duplicate, Violation, Gap, GlobalInversion };
std::string_view orderingFindingName(OrderingFindingKind kind); // "duplicate", ...

// One finding with the offending record, for the GUI's ordering panel.
struct OrderingFinding {
    OrderingFindingKind kind = OrderingFindingKind::Duplicate;
    std::string key;              // empty for a global inversion
    int64_t sequence = -1;        // the offending record's sequence (-1: none)
    int64_t previousSequence = -1; // the key's highest sequence before it
    std::string topic;
    int32_t partition = 0;
    int64_t offset = 0;
    std::string text;             // "key-3: #17 after #19 on orders-2@40 (re-delivered after rebalance?)"
};

class OrderingChecker {
public:
    static constexpr int kWindow = 256; // sequences remembered below a key's highest

    struct Options {
        size_t maxKeys = 10000;     // distinct (topic, key) pairs tracked at once
        size_t maxFindings = 20;    // newest findings kept for display
    };

    OrderingChecker();
    explicit OrderingChecker(Options options);

    void onRecord(const ConsumedRecord &record);
    // Forget the previous record for the global-inversion check (e.g. after the group's
    // consumers were all restarted); per-key state stays.
    void resetGlobalOrder() { m_hasPrevious = false; }

    // Parses "<label>#<n> ..." (the auto producer's value format). Returns the label and n, or
    // nullopt when the value does not start that way or the number is not followed by a space
    // (a value cut inside the number would give a wrong sequence).
    struct Stamp {
        std::string_view label;
        int64_t sequence = 0;
    };
    static std::optional<Stamp> parseStamp(std::string_view value);

    OrderingSnapshot snapshot() const;
    const std::deque<OrderingFinding> &findings() const { return m_findings; } // oldest first

    int64_t checked() const { return m_checked; }
    int64_t unchecked() const { return m_unchecked; }
    int64_t duplicates() const { return m_duplicates; }
    int64_t violations() const { return m_violations; }
    int64_t gaps() const { return m_gaps; }
    int64_t globalInversions() const { return m_globalInversions; }
    int64_t forgottenKeys() const { return m_forgottenKeys; }
    size_t trackedKeys() const { return m_keys.size(); }

private:
    struct KeyState {
        int64_t highest = -1;
        std::bitset<kWindow> seen;  // bit i: sequence (highest - i) was seen
        std::list<std::string>::iterator lru;
        std::string lastWhere;      // "orders-2@40" of the record that set `highest`
    };

    void checkKey(const ConsumedRecord &record, std::string_view key, int64_t sequence);
    void checkGlobalOrder(const ConsumedRecord &record);
    KeyState &stateFor(std::string_view topic, std::string_view key, bool &fresh);
    void addFinding(OrderingFinding finding);

    Options m_options;
    std::unordered_map<std::string, KeyState> m_keys; // "topic\0key" -> state
    std::list<std::string> m_lru;                     // most recently seen first
    std::deque<OrderingFinding> m_findings;

    // The previously processed record, for the global-inversion check.
    bool m_hasPrevious = false;
    std::string m_prevTopic;
    int32_t m_prevPartition = 0;
    int64_t m_prevOffset = 0;
    int64_t m_prevTimestamp = -1;
    int64_t m_prevSequence = -1;

    int64_t m_checked = 0;
    int64_t m_unchecked = 0;
    int64_t m_duplicates = 0;
    int64_t m_violations = 0;
    int64_t m_gaps = 0;
    int64_t m_globalInversions = 0;
    int64_t m_forgottenKeys = 0;
};

} // namespace kl
