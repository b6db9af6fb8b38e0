#include "cluster/auto_producer.h"

#include "cluster/core_impl.h"
#include "group/ordering_checker.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <memory>

namespace kl {

AutoProducer::AutoProducer(uint64_t id, AutoProducerSpec spec, uint64_t seed, int64_t startMs)
    : m_id(id)
    , m_spec(std::move(spec))
    , m_rng(seed)
    , m_partitioner(m_spec.partitioner)
    , m_lastTickMs(startMs)
{
    const int32_t keys = std::max(1, m_spec.keyCount);
    m_keySequence.assign(static_cast<size_t>(keys) + 1, 0);
    if (m_spec.distribution == KeyDistribution::Zipf) {
        m_zipfCdf.resize(static_cast<size_t>(keys));
        double total = 0;
        for (int32_t k = 0; k < keys; ++k) {
            total += 1.0 / std::pow(k + 1.0, m_spec.zipfExponent);
            m_zipfCdf[static_cast<size_t>(k)] = total;
        }
        for (double &c : m_zipfCdf)
            c /= total;
    }
}

Status AutoProducer::validate(const AutoProducerSpec &spec)
{
    auto bad = [](const std::string &what) { return Status::error(ErrorCode::InvalidConfig, what); };
    if (!(spec.ratePerSec > 0) || spec.ratePerSec > 1'000'000)
        return bad(
            fmt::format("auto producer rate must be in (0, 1000000] records/s, got {}", spec.ratePerSec));
    if (spec.count < 0)
        return bad(fmt::format("auto producer count must be 0 (unlimited) or more, got {}", spec.count));
    if (spec.distribution != KeyDistribution::None && (spec.keyCount < 1 || spec.keyCount > 1'000'000))
        return bad(fmt::format("auto producer key count must be in 1..1000000, got {}", spec.keyCount));
    if (spec.distribution == KeyDistribution::Zipf && !(spec.zipfExponent > 0))
        return bad(fmt::format("Zipf exponent must be positive, got {}", spec.zipfExponent));
    if (spec.valueSize < 0 || spec.valueSize > 1'000'000)
        return bad(
            fmt::format("auto producer value size must be in 0..1000000 bytes, got {}", spec.valueSize));
    if (spec.lingerMs < 1 || spec.lingerMs > 60'000)
        return bad(fmt::format("linger.ms must be in 1..60000, got {}", spec.lingerMs));
    if (spec.idempotence.value_or(false) && spec.acks != Acks::All)
        return bad(fmt::format("enable.idempotence=true needs acks=all, got acks={} (Java's producer "
                               "refuses to start: \"Must set acks to all in order to use the idempotent "
                               "producer.\")",
            acksName(spec.acks)));
    return Status::ok();
}

double AutoProducer::uniform01()
{
    // 53 random bits -> [0, 1); the same on every standard library, unlike
    // std::uniform_real_distribution.
    return static_cast<double>(m_rng() >> 11) * 0x1.0p-53;
}

int32_t AutoProducer::drawKey()
{
    switch (m_spec.distribution) {
    case KeyDistribution::None:
        return -1;
    case KeyDistribution::Uniform:
        return static_cast<int32_t>(m_rng() % static_cast<uint64_t>(m_spec.keyCount));
    case KeyDistribution::Zipf: {
        const double u = uniform01();
        const auto it = std::upper_bound(m_zipfCdf.begin(), m_zipfCdf.end(), u);
        return static_cast<int32_t>(
            std::min<ptrdiff_t>(it - m_zipfCdf.begin(), static_cast<ptrdiff_t>(m_zipfCdf.size()) - 1));
    }
    }
    return -1;
}

std::vector<ProduceRecord> AutoProducer::nextRecords(int64_t nowMs)
{
    std::vector<ProduceRecord> records;
    if (!m_running)
        return records;
    const int64_t elapsed = std::max<int64_t>(0, nowMs - m_lastTickMs);
    m_lastTickMs = nowMs;
    m_carry += m_spec.ratePerSec * static_cast<double>(elapsed) / 1000.0;
    auto n = static_cast<int64_t>(std::floor(m_carry));
    m_carry -= static_cast<double>(n);
    if (m_spec.count > 0)
        n = std::min(n, m_spec.count - m_sent);
    if (n <= 0)
        return records;

    static constexpr std::string_view kFiller = "abcdefghijklmnopqrstuvwxyz0123456789";
    records.reserve(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        const int32_t k = drawKey();
        ProduceRecord record;
        std::string label;
        if (k >= 0) {
            record.key = m_spec.keyPrefix + std::to_string(k);
            label = *record.key;
        } else {
            label = "null";
        }
        const size_t slot = k >= 0 ? static_cast<size_t>(k) : m_keySequence.size() - 1;
        std::string value
            = OrderingChecker::formatStamp(label, static_cast<int64_t>(m_id), m_keySequence[slot]++);
        const auto size = static_cast<size_t>(m_spec.valueSize);
        if (value.size() > size) {
            value.resize(size);
        } else {
            value.reserve(size);
            while (value.size() < size)
                value.append(kFiller.substr(0, std::min(kFiller.size(), size - value.size())));
        }
        record.value = std::move(value);
        record.timestamp = nowMs;
        records.push_back(std::move(record));
    }
    m_sent += n;
    return records;
}

// --- the engine side: timers and events for auto producers

void EngineCore::Impl::scheduleProducerTick(uint64_t id, int64_t dueMs)
{
    timers.schedule(dueMs, [this, id] { producerTick(id); });
}

void EngineCore::Impl::producerTick(uint64_t id)
{
    auto it = producers.find(id);
    if (it == producers.end() || !it->second->running())
        return;
    AutoProducer &producer = *it->second;
    const auto finish = [&](ErrorCode error, const std::string &why) {
        producer.stop();
        Event e;
        e.type = EventType::AutoProducerFinished;
        e.topic = producer.spec().topic;
        e.producerId = static_cast<int64_t>(id);
        e.error = error;
        e.cause = error == ErrorCode::None ? "count_reached" : "failed";
        e.count = producer.sent();
        e.detail = fmt::format("auto producer {} finished after {} records: {}", id, producer.sent(), why);
        emit(std::move(e));
    };

    ProduceRequest request;
    request.topic = producer.spec().topic;
    request.partitioner = producer.spec().partitioner;
    request.compression = producer.spec().compression;
    request.acks = producer.spec().acks;
    request.idempotence = producer.spec().idempotence;
    request.clientId = autoProducerClientId(id);
    request.records = producer.nextRecords(clock.nowMs());
    if (!request.records.empty()) {
        // acks=all answers later; its outcome shows in the events. A refusal a real producer
        // would retry through (no leader, ISR too small) does not stop the simulated one.
        auto answer = std::make_shared<Status>();
        produceAsyncWith(request, producer.partitioner(), producer.rng(),
            [answer](ProduceResult result) { *answer = std::move(result.status); }, false);
        // Refusals answer at once: the callback is queued in `deferred`; take it now.
        runDeferred();
        const Status refused = *answer;
        const ErrorCode code = refused.code();
        const bool retriable = code == ErrorCode::LeaderNotAvailable || code == ErrorCode::NotEnoughReplicas
            || code == ErrorCode::NotEnoughReplicasAfterAppend || code == ErrorCode::RequestTimedOut
            || code == ErrorCode::NotLeaderOrFollower || code == ErrorCode::NetworkException
            // The leader lost records the producer had sent (an unclean election, or acks=1
            // records truncated): its epoch was bumped and it goes on from sequence 0.
            || code == ErrorCode::OutOfOrderSequenceNumber;
        if (!refused && !retriable) {
            finish(refused.code(), refused.message());
            return;
        }
    }
    if (producer.reachedTarget()) {
        finish(ErrorCode::None, "target count reached");
        return;
    }
    scheduleProducerTick(id, clock.nowMs() + producer.spec().lingerMs);
}

Result<uint64_t> EngineCore::startAutoProducer(const AutoProducerSpec &spec)
{
    if (d->topics.find(spec.topic) == d->topics.end())
        return Status::error(ErrorCode::UnknownTopicOrPartition,
            fmt::format("cannot start an auto producer: topic {} does not exist", spec.topic));
    if (Status s = AutoProducer::validate(spec); !s)
        return s;
    // A fresh producer id (InitProducerId), from a block the controller persisted before
    // handing it out, so a restart on the same data never hands it out again. The run's
    // idempotent batches carry it with epoch 0.
    auto allocated = d->allocateProducerId();
    if (!allocated)
        return allocated.status();
    const auto id = static_cast<uint64_t>(*allocated);
    d->producerSessions[Impl::autoProducerClientId(id)].producerId = *allocated;
    const int64_t now = d->clock.nowMs();
    d->producers[id] = std::make_unique<AutoProducer>(id, spec, d->rng(), now);
    Event e;
    e.type = EventType::AutoProducerStarted;
    e.topic = spec.topic;
    e.cause = "started";
    e.count = spec.count;
    e.limit = std::llround(spec.ratePerSec);
    e.producerId = static_cast<int64_t>(id);
    e.detail = fmt::format("auto producer {}: {} records/s{}, {} keys, {}-byte values, partitioner {}, "
                           "compression {}, linger.ms {}",
        id, spec.ratePerSec, spec.count > 0 ? fmt::format(" x {}", spec.count) : "",
        spec.distribution == KeyDistribution::None ? std::string("null")
            : spec.distribution == KeyDistribution::Zipf
            ? fmt::format("{} Zipf({})", spec.keyCount, spec.zipfExponent)
            : fmt::format("{} uniform", spec.keyCount),
        spec.valueSize, partitionerName(spec.partitioner), compressionName(spec.compression), spec.lingerMs);
    d->emit(std::move(e));
    d->scheduleProducerTick(id, now + spec.lingerMs);
    return id;
}

Status EngineCore::stopAutoProducer(uint64_t id)
{
    auto it = d->producers.find(id);
    if (it == d->producers.end())
        return Status::error(ErrorCode::InvalidRequest, fmt::format("no auto producer with id {}", id));
    AutoProducer &producer = *it->second;
    if (!producer.running())
        return Status::ok(); // already finished; stopping twice is harmless
    producer.stop();
    Event e;
    e.type = EventType::AutoProducerFinished;
    e.topic = producer.spec().topic;
    e.cause = "stopped";
    e.count = producer.sent();
    e.producerId = static_cast<int64_t>(id);
    e.detail = fmt::format("auto producer {} stopped after {} records", id, producer.sent());
    d->emit(std::move(e));
    return Status::ok();
}

} // namespace kl
