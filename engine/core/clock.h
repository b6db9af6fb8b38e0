// Clock: the engine's only source of time. Injected, so a run with ManualClock is deterministic.
// Nothing in engine/ reads the wall clock except SystemClock. Times are milliseconds since the
// Unix epoch (Kafka's timestamp unit).
// Thread-safety: nowMs() may be called from any thread; ManualClock is advanced by its owner
// (the engine loop in simulated mode, or a test) and read atomically.
#pragma once

#include <atomic>
#include <cstdint>

namespace kl {

class Clock {
public:
    virtual ~Clock() = default;
    virtual int64_t nowMs() const = 0;
    // True when time only moves when someone advances it (tests, simulations, lessons).
    virtual bool isManual() const { return false; }
};

class SystemClock final : public Clock {
public:
    int64_t nowMs() const override;
};

class ManualClock final : public Clock {
public:
    explicit ManualClock(int64_t startMs = 1'700'000'000'000) : m_now(startMs) {}
    int64_t nowMs() const override { return m_now.load(std::memory_order_acquire); }
    bool isManual() const override { return true; }
    void advance(int64_t ms) { m_now.fetch_add(ms, std::memory_order_acq_rel); }
    void set(int64_t ms) { m_now.store(ms, std::memory_order_release); }

private:
    std::atomic<int64_t> m_now;
};

} // namespace kl
