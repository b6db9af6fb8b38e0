// TimerService: the one-shot timers the group coordinator needs (session expiry, rebalance and
// initial-delay timeouts, pending-sync deadlines). The engine implements it with its TimerQueue
// on the engine thread; tests implement it with a small fake driven by a manual time.
// Contract: callbacks run later on the caller's (engine) thread, never from inside schedule();
// cancel() of an id that already fired or was cancelled is a no-op. Single-threaded.
#pragma once

#include <cstdint>
#include <functional>

namespace kl {

class TimerService {
public:
    virtual ~TimerService() = default;
    // Current time in milliseconds (the engine's injected Clock).
    virtual int64_t nowMs() const = 0;
    // Runs fn once at (or after) atMs; returns a non-zero id for cancel().
    virtual uint64_t schedule(int64_t atMs, std::function<void()> fn) = 0;
    virtual void cancel(uint64_t id) = 0;
};

} // namespace kl
