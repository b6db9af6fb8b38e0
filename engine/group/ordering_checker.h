// OrderingChecker: what ordering a consumer group actually saw. Fed every record the group's
// consumers process, in the order they processed them (all consumers of the group interleaved,
// as the engine ran them), it checks the stamp the simulated producers write at the start of
// each value, "<key>@p<producer id>#<n> " ("key-3@p2#17 ..." = the 18th record of key-3 sent by
// auto producer run 2, counted from #0). Like Kafka's idempotent producer (producer id + epoch +
// sequence in every batch header), each producer run gets its own producer id from the engine
// (never reused in a cluster's life) and numbers its records from 0, so the pair (producer id,
// sequence) names one send. State is kept per (producer id, topic, key) and counted per
// producer:
//
//   duplicate       the same producer id + key + sequence read again by the group: a real
//                   re-delivery, typically records processed but not committed before a rebalance
//                   or a crash, read again by the new owner.
//                   Example: key-3@p2 #17, #18, #19, [crash, rebalance], #18 -> one duplicate.
//                   Another run's #18 (key-3@p3#18) is another record, never a duplicate.
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
//                   Counted for the whole group, not per producer.
//
// The first record of a (producer, key) (or one forgotten by the memory cap) only sets its
// baseline. Records whose value carries no stamp for their own key (null keys, hand-sent or
// scenario `produce` values, truncated values, and the producer-id-less "<key>#<n> " stamps of
// older Kafka Lab versions, whose runs cannot be told apart) are counted as unchecked and only
// take part in the global-inversion check.
//
// Memory is bounded: per (producer, key) the highest sequence and a bitset of the kWindow
// sequences below it; at most Options::maxKeys of them (least recently seen is forgotten,
// counted in forgottenKeys()); counts for at most Options::maxProducers producers (the least
// recently seen is dropped). A sequence older than the window cannot be told apart and is
// counted as a duplicate (the likely cause). Findings kept for display are bounded too.
// reset() forgets everything, so counts restart at zero (the GUI's Reset button).
// Plain value type, no clock, no I/O; single-threaded (the engine thread that runs consumers).
#pragma once

#include "api/snapshot.h"

#include <bitset>
#include <cstdint>
#include <deque>
#include <list>
#include <map>
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
    int64_t processedMs = -1;              // when the consumer processed it (engine clock), if known
};

std::string_view orderingFindingName(OrderingFindingKind kind); // "duplicate", ...

// One finding with the offending record (typed, for the GUI) and an English line for logs.
struct OrderingFinding {
    OrderingFindingSnapshot record;
    std::string text; // "key-3@p2: #17 after #19 on orders-2@40 (read again: re-delivered)"
};

class OrderingChecker {
public:
    static constexpr int kWindow = 256; // sequences remembered below a key's highest

    struct Options {
        size_t maxKeys = 10000;     // distinct (producer, topic, key) tracked at once
        size_t maxFindings = 20;    // newest findings kept for display
        size_t maxProducers = 64;   // producers whose counts are kept
    };

    OrderingChecker();
    explicit OrderingChecker(Options options);

    void onRecord(const ConsumedRecord &record);
    // Forget the previous record for the global-inversion check (e.g. after the group's
    // consumers were all restarted); per-key state stays.
    void resetGlobalOrder() { m_hasPrevious = false; }
    // Forget every key, producer, finding and count: the next records only set baselines.
    void reset();

    // Parses "<label>@p<producer id>#<n> ..." (the auto producer's value format). Returns the
    // label, the producer id and n, or nullopt when the value does not start that way or the
    // number is not followed by a space (a value cut inside the number would give a wrong
    // sequence). An older "<label>#<n> " stamp parses with producerId -1 (not checkable).
    struct Stamp {
        std::string_view label;
        int64_t producerId = -1;
        int64_t sequence = 0;
    };
    static std::optional<Stamp> parseStamp(std::string_view value);
    // The stamp the auto producer writes: "<label>@p<producerId>#<sequence> ".
    static std::string formatStamp(std::string_view label, int64_t producerId, int64_t sequence);

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
    // Counts for one producer run (nullptr when never seen or dropped by the cap).
    const OrderingProducerSnapshot *producer(int64_t producerId) const;

private:
    struct KeyState {
        int64_t highest = -1;
        std::bitset<kWindow> seen;  // bit i: sequence (highest - i) was seen
        std::list<std::string>::iterator lru;
        int32_t lastPartition = -1; // where the record that set `highest` was read
        int64_t lastOffset = -1;
    };
    struct ProducerState {
        OrderingProducerSnapshot counts;
        int64_t lastSeen = 0;       // m_checked when it was last seen (for the cap)
    };

    void checkKey(const ConsumedRecord &record, std::string_view key, int64_t producerId, int64_t sequence);
    void checkGlobalOrder(const ConsumedRecord &record);
    KeyState &stateFor(int64_t producerId, std::string_view topic, std::string_view key, bool &fresh);
    ProducerState &producerFor(int64_t producerId, std::string_view topic);
    void addFinding(OrderingFinding finding);

    Options m_options;
    std::unordered_map<std::string, KeyState> m_keys; // "producer\0topic\0key" -> state
    std::list<std::string> m_lru;                     // most recently seen first
    std::map<int64_t, ProducerState> m_producers;     // by producer id
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
