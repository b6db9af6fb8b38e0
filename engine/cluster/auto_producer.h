// AutoProducer: a simulated producer actor driven by engine timers. Every lingerMs it emits
// floor(rate * elapsed + carried fraction) records (the fraction carries to the next tick, so the
// long-run rate is exact), which the engine groups per partition into one batch each.
// Keys are "<prefix><k>" with k drawn uniformly or Zipf(s) from K keys (or null keys); values are
// exactly valueSize bytes and start with the stamp "<key>@p<producer id>#<n> " ("key-3@p2#17 "),
// where n counts that key's records in this run, so an ordering check can read the producer run
// and the per-key sequence back from the log (OrderingChecker::parseStamp). The id is this run's
// producer id: the engine allocates it as InitProducerId does (from a block the controller
// persisted in cluster-metadata.json, never reused in a cluster's life), and it is also the
// handle that stops the run. With acks=all (the default) the run is an idempotent producer and
// its batches carry this id, epoch 0 and per-partition sequence numbers (the batch-level ones,
// not the per-key #n of the stamp). Stamp sequences restart at #0 with every run, so only
// (producer id, sequence) names a record.
// Owns its own generator (seeded from the engine's) and partitioner, so a run is deterministic
// for a seed. Thread-safety: none; engine thread only.
#pragma once

#include "api/commands.h"
#include "core/status.h"

#include <cstdint>
#include <random>
#include <vector>

namespace kl {

class AutoProducer {
public:
    AutoProducer(uint64_t id, AutoProducerSpec spec, uint64_t seed, int64_t startMs);

    // INVALID_CONFIG naming the bad field (topic existence is checked by the engine).
    static Status validate(const AutoProducerSpec &spec);

    // The records to send at nowMs (may be empty). Advances the carried fraction and the sent
    // count; honours spec.count.
    std::vector<ProduceRecord> nextRecords(int64_t nowMs);

    uint64_t id() const { return m_id; }
    const AutoProducerSpec &spec() const { return m_spec; }
    int64_t sent() const { return m_sent; }
    bool running() const { return m_running; }
    void stop() { m_running = false; }
    bool reachedTarget() const { return m_spec.count > 0 && m_sent >= m_spec.count; }
    Partitioner &partitioner() { return m_partitioner; }
    std::mt19937_64 &rng() { return m_rng; }

private:
    int32_t drawKey();
    double uniform01();

    uint64_t m_id;
    AutoProducerSpec m_spec;
    std::mt19937_64 m_rng;
    Partitioner m_partitioner;
    std::vector<double> m_zipfCdf; // cumulative probabilities for Zipf keys
    std::vector<int64_t> m_keySequence; // next sequence number per key (index K = null key)
    int64_t m_lastTickMs;
    double m_carry = 0;
    int64_t m_sent = 0;
    bool m_running = true;
};

} // namespace kl
