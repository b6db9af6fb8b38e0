// EngineTimerService: the group coordinator's TimerService (and the simulated consumers' timers)
// on top of the engine's TimerQueue. The queue cannot cancel, so each timer gets an id kept in a
// live set; cancel() removes the id and the queued callback finds it gone and does nothing.
// Timers due at the same millisecond fire in scheduling order (the queue's rule): deterministic.
// Owned by the engine's group system, which must outlive the queued callbacks' firing (the
// engine clears its queue on shutdown). Single-threaded: the engine thread.
#pragma once

#include "cluster/timer_queue.h"
#include "core/clock.h"
#include "group/timer_service.h"

#include <set>

namespace kl {

class EngineTimerService final : public TimerService {
public:
    EngineTimerService(TimerQueue &queue, const Clock &clock)
        : m_queue(queue)
        , m_clock(clock)
    {
    }

    int64_t nowMs() const override { return m_clock.nowMs(); }

    uint64_t schedule(int64_t atMs, std::function<void()> fn) override
    {
        const uint64_t id = m_nextId++;
        m_live.insert(id);
        m_queue.schedule(atMs, [this, id, fn = std::move(fn)] {
            // Erase first: the callback may schedule or cancel other timers.
            if (m_live.erase(id) > 0)
                fn();
        });
        return id;
    }

    void cancel(uint64_t id) override { m_live.erase(id); }

    size_t pending() const { return m_live.size(); }

private:
    TimerQueue &m_queue;
    const Clock &m_clock;
    std::set<uint64_t> m_live;
    uint64_t m_nextId = 1;
};

} // namespace kl
