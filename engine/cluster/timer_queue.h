// TimerQueue: the engine loop's timers, ordered by (due time, insertion sequence) so timers due
// at the same millisecond fire in the order they were scheduled: that keeps runs deterministic.
// No cancellation: a callback whose owner is gone checks its own state and does nothing.
// Thread-safety: none; owned by EngineCore (engine thread).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <vector>

namespace kl {

class TimerQueue {
public:
    using Callback = std::function<void()>;

    void schedule(int64_t dueMs, Callback callback)
    {
        m_heap.push(Entry { dueMs, m_nextSeq++, std::move(callback) });
    }

    int64_t nextDueMs() const
    {
        return m_heap.empty() ? std::numeric_limits<int64_t>::max() : m_heap.top().dueMs;
    }

    // Fires every timer due at or before nowMs, including ones scheduled by callbacks if they are
    // due too. Returns how many fired.
    int runDue(int64_t nowMs)
    {
        int fired = 0;
        while (!m_heap.empty() && m_heap.top().dueMs <= nowMs) {
            // Move the callback out before popping: it may schedule new timers.
            Callback callback = std::move(const_cast<Entry &>(m_heap.top()).callback);
            m_heap.pop();
            ++fired;
            if (callback)
                callback();
        }
        return fired;
    }

    size_t size() const { return m_heap.size(); }
    void clear() { m_heap = {}; }

private:
    struct Entry {
        int64_t dueMs;
        uint64_t seq;
        Callback callback;
    };
    struct Later {
        bool operator()(const Entry &a, const Entry &b) const
        {
            return a.dueMs != b.dueMs ? a.dueMs > b.dueMs : a.seq > b.seq;
        }
    };
    std::priority_queue<Entry, std::vector<Entry>, Later> m_heap;
    uint64_t m_nextSeq = 0;
};

} // namespace kl
