// Engine: runs an EngineCore on its own thread (live mode). Other threads post commands; the
// engine thread runs them in order, runs timers as the Clock reaches them, and publishes a new
// snapshot after changes (at most every `snapshotIntervalMs`). snapshot() is lock-cheap and
// never waits for the engine to finish work.
// Callbacks passed to the command helpers run ON THE ENGINE THREAD: copy what you need and hop
// to your own thread (ui/bridge does this).
#pragma once

#include "api/engine_core.h"

#include <functional>
#include <memory>

namespace kl {

class Engine {
public:
    Engine(std::unique_ptr<EngineCore> core, std::shared_ptr<const Clock> clock,
           int snapshotIntervalMs = 33);
    ~Engine(); // stops the thread and shuts the core down cleanly

    void start();
    void stop();

    // When the snapshot showing a command's effect is published: right after its batch of
    // commands (what the GUI's commands want: the next refresh shows what was done), or with the
    // next timed snapshot, at most snapshotIntervalMs later (what the wire's produce, fetch and
    // heartbeat traffic wants: thousands of requests a second must not each build a snapshot).
    enum class Publish { AfterCommand, OnSchedule };
    // Run fn(core) on the engine thread, in posting order.
    void post(std::function<void(EngineCore &)> fn, Publish publish = Publish::AfterCommand);
    // Engine thread only (from a posted command or a callback the core runs): run `reply` once
    // the next snapshot, which shows what was just done, is published, so whoever it answers
    // finds snapshot() up to date.
    void afterPublish(std::function<void()> reply);
    // Latest published snapshot (never null after start()).
    std::shared_ptr<const ClusterSnapshot> snapshot() const;
    // Events with seq > afterSeq (bounded history), for other threads.
    std::vector<Event> eventsSince(uint64_t afterSeq) const;

    // Conveniences over post(); `done` runs on the engine thread, after the snapshot showing
    // the command's effect is published.
    void createTopic(std::string name, TopicConfig config, std::function<void(Status)> done = {});
    void deleteTopic(std::string name, std::function<void(Status)> done = {});
    void createPartitions(std::string name, int32_t total, std::function<void(Status)> done = {});
    void produce(ProduceRequest request, std::function<void(ProduceResult)> done = {});
    void startAutoProducer(AutoProducerSpec spec, std::function<void(Result<uint64_t>)> done = {});
    void stopAutoProducer(uint64_t id, std::function<void(Status)> done = {});

private:
    template <typename Done, typename Value>
    void replyAfterPublish(Done done, Value value)
    {
        if (done)
            afterPublish([done = std::move(done), value = std::move(value)]() mutable { done(std::move(value)); });
    }

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace kl
