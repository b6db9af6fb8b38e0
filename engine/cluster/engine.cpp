// Engine: the live-mode driver of an EngineCore. One thread runs the loop:
//   wait (condition variable) until a command is posted or the next timer is due (at most 50 ms,
//   so a ManualClock advanced by someone else is noticed) -> run posted commands in order ->
//   run due timers -> copy new events -> publish a snapshot (right after commands posted with
//   Publish::AfterCommand, otherwise at most every snapshotIntervalMs of wall time).
// Other threads touch only the command queue, the published snapshot and the event copy, each
// under a mutex held for a copy or a swap, never while the engine works.
#include "api/engine.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <pthread.h>
#include <spdlog/spdlog.h>
#include <thread>

namespace kl {

struct Engine::Impl {
    std::unique_ptr<EngineCore> core;
    std::shared_ptr<const Clock> clock;
    int snapshotIntervalMs = 33;

    std::thread thread;
    mutable std::mutex queueMutex;
    std::condition_variable wake;
    struct Command {
        std::function<void(EngineCore &)> fn;
        Publish publish;
    };
    std::deque<Command> queue;
    bool stopRequested = false;
    bool running = false;
    bool stopped = false;

    mutable std::mutex snapshotMutex;
    std::shared_ptr<const ClusterSnapshot> snapshot;

    // Replies to commands of the current batch, run once the snapshot showing their effect is
    // published (engine thread only, so no lock).
    std::vector<std::function<void()>> afterPublish;

    mutable std::mutex eventsMutex;
    std::deque<Event> events;
    uint64_t lastCopiedSeq = 0;
    static constexpr size_t kEventHistory = 10'000;

    void publish()
    {
        auto next = core->makeSnapshot();
        std::lock_guard lock(snapshotMutex);
        snapshot = std::move(next);
    }

    void runAfterPublish()
    {
        std::vector<std::function<void()>> replies;
        replies.swap(afterPublish);
        for (auto &reply : replies) {
            try {
                reply();
            } catch (const std::exception &e) {
                spdlog::error("engine reply threw: {}", e.what());
            } catch (...) {
                spdlog::error("engine reply threw a non-standard exception");
            }
        }
    }

    void copyEvents()
    {
        auto fresh = core->eventsSince(lastCopiedSeq);
        if (fresh.empty())
            return;
        lastCopiedSeq = fresh.back().seq;
        std::lock_guard lock(eventsMutex);
        for (auto &e : fresh)
            events.push_back(std::move(e));
        while (events.size() > kEventHistory)
            events.pop_front();
    }

    void loop()
    {
        // Publishing is throttled in wall time (steady clock): it serves the viewers' refresh
        // rate, which must not depend on how fast a ManualClock is being advanced.
        using Steady = std::chrono::steady_clock;
        const auto baseInterval = std::chrono::milliseconds(snapshotIntervalMs);
        // A snapshot of 10,000 partitions takes ~30 ms to build: timer-driven publishing waits
        // at least 4x the last build, so it never takes more than a fifth of this thread.
        Steady::duration interval = baseInterval;
        auto lastPublish = Steady::now();
        bool dirty = false;
        for (;;) {
            std::deque<Command> batch;
            bool exiting = false;
            {
                std::unique_lock lock(queueMutex);
                if (queue.empty() && !stopRequested) {
                    auto delay = std::chrono::milliseconds(
                        std::clamp<int64_t>(core->nextTimerMs() - clock->nowMs(), 0, 50));
                    if (dirty)
                        delay = std::min(delay,
                            std::max(std::chrono::milliseconds(0),
                                std::chrono::duration_cast<std::chrono::milliseconds>(
                                    lastPublish + interval - Steady::now())));
                    if (delay.count() > 0)
                        wake.wait_for(lock, delay, [this] { return !queue.empty() || stopRequested; });
                }
                batch.swap(queue);
                exiting = stopRequested;
            }
            bool publishNow = false;
            for (auto &command : batch) {
                publishNow = publishNow || command.publish == Publish::AfterCommand;
                dirty = true;
                // Exceptions must not cross into the engine thread's loop (or kill the process).
                try {
                    command.fn(*core);
                } catch (const std::exception &e) {
                    spdlog::error("engine command threw: {}", e.what());
                } catch (...) {
                    spdlog::error("engine command threw a non-standard exception");
                }
            }
            // Nor may timers or publishing end the process: an exception here is a bug, logged
            // (and the loop goes on serving commands) rather than std::terminate.
            try {
                if (core->nextTimerMs() <= clock->nowMs()) {
                    core->runDueTimers();
                    dirty = true;
                }
                copyEvents();
                if (publishNow || exiting || !afterPublish.empty() ||
                    (dirty && Steady::now() - lastPublish >= interval)) {
                    const auto publishStart = Steady::now();
                    publish();
                    lastPublish = Steady::now();
                    interval = std::max<Steady::duration>(baseInterval, 4 * (lastPublish - publishStart));
                    dirty = false;
                }
            } catch (const std::exception &e) {
                spdlog::error("engine timers threw: {}", e.what());
            } catch (...) {
                spdlog::error("engine timers threw a non-standard exception");
            }
            runAfterPublish();
            if (exiting)
                return;
        }
    }
};

Engine::Engine(std::unique_ptr<EngineCore> core, std::shared_ptr<const Clock> clock, int snapshotIntervalMs)
    : d(std::make_unique<Impl>())
{
    d->core = std::move(core);
    d->clock = std::move(clock);
    d->snapshotIntervalMs = std::max(1, snapshotIntervalMs);
    // A first snapshot exists before the thread starts, so snapshot() is never null.
    d->publish();
    d->copyEvents();
}

Engine::~Engine()
{
    stop();
}

void Engine::start()
{
    std::lock_guard lock(d->queueMutex);
    if (d->running || d->stopped)
        return;
    d->running = true;
    d->thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "kl-engine"); // what top -H and perf show
        d->loop();
    });
}

void Engine::stop()
{
    {
        std::lock_guard lock(d->queueMutex);
        if (d->stopped)
            return;
        d->stopped = true;
        d->stopRequested = true;
    }
    d->wake.notify_all();
    if (d->thread.joinable())
        d->thread.join();
    else if (!d->queue.empty()) {
        // Never started: run what was posted so callbacks are not silently dropped.
        for (auto &command : d->queue)
            command.fn(*d->core);
        d->queue.clear();
        d->copyEvents();
        d->publish();
        d->runAfterPublish();
    }
    d->core->shutdown();
}

void Engine::post(std::function<void(EngineCore &)> fn, Publish publish)
{
    {
        std::lock_guard lock(d->queueMutex);
        if (d->stopped) {
            spdlog::warn("engine stopped; command dropped");
            return;
        }
        d->queue.push_back(Impl::Command {std::move(fn), publish});
    }
    d->wake.notify_one();
}

void Engine::afterPublish(std::function<void()> reply)
{
    d->afterPublish.push_back(std::move(reply));
}

std::shared_ptr<const ClusterSnapshot> Engine::snapshot() const
{
    std::lock_guard lock(d->snapshotMutex);
    return d->snapshot;
}

std::vector<Event> Engine::eventsSince(uint64_t afterSeq) const
{
    std::lock_guard lock(d->eventsMutex);
    std::vector<Event> result;
    auto it = std::upper_bound(d->events.begin(), d->events.end(), afterSeq,
        [](uint64_t seq, const Event &e) { return seq < e.seq; });
    result.assign(it, d->events.end());
    return result;
}

void Engine::createTopic(std::string name, TopicConfig config, std::function<void(Status)> done)
{
    post([this, name = std::move(name), config, done = std::move(done)](EngineCore &core) {
        replyAfterPublish(std::move(done), core.createTopic(name, config));
    });
}

void Engine::deleteTopic(std::string name, std::function<void(Status)> done)
{
    post([this, name = std::move(name), done = std::move(done)](EngineCore &core) {
        replyAfterPublish(std::move(done), core.deleteTopic(name));
    });
}

void Engine::createPartitions(std::string name, int32_t total, std::function<void(Status)> done)
{
    post([this, name = std::move(name), total, done = std::move(done)](EngineCore &core) {
        replyAfterPublish(std::move(done), core.createPartitions(name, total));
    });
}

void Engine::produce(ProduceRequest request, std::function<void(ProduceResult)> done)
{
    // Asynchronous on the engine too: acks=all answers once the followers have the records.
    post([request = std::move(request), done = std::move(done)](EngineCore &core) mutable {
        core.produceAsync(request, std::move(done));
    });
}

void Engine::startAutoProducer(AutoProducerSpec spec, std::function<void(Result<uint64_t>)> done)
{
    post([this, spec = std::move(spec), done = std::move(done)](EngineCore &core) {
        replyAfterPublish(std::move(done), core.startAutoProducer(spec));
    });
}

void Engine::stopAutoProducer(uint64_t id, std::function<void(Status)> done)
{
    post([this, id, done = std::move(done)](EngineCore &core) {
        replyAfterPublish(std::move(done), core.stopAutoProducer(id));
    });
}

} // namespace kl
