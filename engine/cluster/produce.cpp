// EngineCore produce and fetch: choose a partition per record, build one batch per partition
// (split only if it would exceed max.message.bytes), append to the partition leader's log, then
// answer by acks (0/1 at once; all once the high watermark covers the records, see
// replication.cpp). Followers copy the records by fetching. Consumers read below the HW.
#include "cluster/consumer_offsets.h"
#include "cluster/core_impl.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <spdlog/spdlog.h>

namespace kl {

namespace {

// Upper bound of a record's encoded size inside a batch (varint framing included).
int64_t recordSizeEstimate(const ProduceRecord &record)
{
    int64_t size = 32;
    size += record.key ? static_cast<int64_t>(record.key->size()) : 0;
    size += record.value ? static_cast<int64_t>(record.value->size()) : 0;
    for (const auto &h : record.headers)
        size += 10 + static_cast<int64_t>(h.key.size())
            + (h.value ? static_cast<int64_t>(h.value->size()) : 0);
    return size;
}

} // namespace

void EngineCore::Impl::rememberRecent(PartitionState &partition, int64_t offset, int64_t timestamp,
    const std::optional<std::string> &key, const std::optional<std::string> &value)
{
    const auto limit = static_cast<size_t>(options.recentRecordsPerPartition);
    if (limit == 0)
        return;
    RecordCell cell;
    cell.offset = offset;
    cell.timestamp = timestamp;
    cell.keyNull = !key.has_value();
    if (key) {
        cell.key = key->substr(0, 64);
        cell.keyHash = static_cast<uint32_t>(toPositive(murmur2(*key)));
    }
    cell.valueSize = value ? static_cast<int32_t>(value->size()) : -1;
    partition.recent.push_back(std::move(cell));
    while (partition.recent.size() > limit)
        partition.recent.pop_front();
    partition.recentDirty = true;
}

void EngineCore::Impl::reloadRecent(PartitionState &partition)
{
    partition.recent.clear();
    partition.recentDirty = true;
    const auto limit = static_cast<int64_t>(options.recentRecordsPerPartition);
    ReplicaState *replica = partition.viewReplica();
    const Log *log = replica ? replica->log.get() : nullptr;
    if (limit == 0 || !log)
        return;
    const int64_t end = log->logEndOffset();
    const Status s = log->forEachRecord(end - limit, end, [&](const Record &record) {
        rememberRecent(partition, record.offset, record.timestamp, record.key, record.value);
    });
    if (!s)
        spdlog::warn("reading the tail of {}: {}", log->dir().string(), s.toString());
}

Result<ProducerStateTable *> EngineCore::Impl::leaderProducerState(PartitionState &partition, ReplicaState &leader)
{
    if (!leader.log)
        return Status::error(ErrorCode::NotLeaderOrFollower, "the leader's log is not open");
    if (leader.producerStateEpoch != partition.leaderEpoch || leader.producerStateEnd != leader.log->logEndOffset()) {
        // As a Kafka replica does on becoming leader (or on open): read the producers back from
        // the batches in the log.
        Status rebuilt = leader.producerState.rebuildFromLog(*leader.log);
        if (!rebuilt) {
            leader.producerStateEpoch = -1;
            return rebuilt;
        }
        leader.producerStateEpoch = partition.leaderEpoch;
        leader.producerStateEnd = leader.log->logEndOffset();
    }
    // Producers whose batches retention deleted are forgotten (ProducerStateManager.truncateHead).
    leader.producerState.removeBelow(leader.log->logStartOffset());
    return &leader.producerState;
}

Result<int64_t> EngineCore::Impl::allocateProducerId()
{
    if (producerIdBlockNext >= producerIdBlockEnd) {
        // The coordinator asks the controller for the next block (AllocateProducerIds), which
        // persists the block's end before handing it out.
        const uint64_t start = nextProducerId;
        nextProducerId = start + kProducerIdBlockSize;
        if (Status saved = saveMetadata(); !saved) {
            nextProducerId = start;
            return saved;
        }
        producerIdBlockNext = start;
        producerIdBlockEnd = start + kProducerIdBlockSize;
    }
    return static_cast<int64_t>(producerIdBlockNext++);
}

ProduceResult EngineCore::Impl::produceWith(const ProduceRequest &request, Partitioner &partitioner,
    std::mt19937_64 &random, std::vector<AppendedRange> *appendedRanges)
{
    ProduceResult result;
    result.topic = request.topic;
    const auto refuse = [&](Status status, int32_t partition = -1, int64_t value = -1, int64_t limit = -1) {
        Event e;
        e.type = EventType::ProduceRefused;
        e.topic = request.topic;
        e.partition = partition;
        e.error = status.code();
        e.detail = status.message();
        e.value = value;
        e.limit = limit;
        emit(std::move(e));
        result.status = std::move(status);
        result.records.clear();
        return result;
    };
    if (shutDown)
        return refuse(Status::error(ErrorCode::BrokerNotAvailable, "the engine has been shut down"));
    auto it = topics.find(request.topic);
    if (it == topics.end())
        return refuse(Status::error(
            ErrorCode::UnknownTopicOrPartition, fmt::format("topic {} does not exist", request.topic)));
    TopicState &topic = it->second;
    const LogConfig &config = topic.config.log;
    if (request.acks != Acks::None && request.acks != Acks::Leader && request.acks != Acks::All)
        return refuse(Status::error(ErrorCode::InvalidRequiredAcks,
            fmt::format("acks must be 0, 1 or all (-1), got {}", static_cast<int>(request.acks))));
    // enable.idempotence: Kafka 3.0+ turns it on by default, and off without a word when acks is
    // not all; set explicitly with acks 0/1 the Java producer refuses to start (ConfigException).
    // The coordinators' own writes to __consumer_offsets carry no producer id, as Kafka's.
    if (request.idempotence.value_or(false) && request.acks != Acks::All)
        return refuse(Status::error(ErrorCode::InvalidConfig,
            fmt::format("enable.idempotence=true needs acks=all, got acks={}: \"Must set acks to all in "
                        "order to use the idempotent producer. Otherwise we cannot guarantee "
                        "idempotence.\" (Java's ConfigException)",
                acksName(request.acks))));
    if (request.resendSequence && (*request.resendSequence < 0))
        return refuse(Status::error(ErrorCode::InvalidRequest,
            fmt::format("a resent batch's sequence must be 0 or more, got {}", *request.resendSequence)));
    const bool idempotent
        = request.idempotence.value_or(request.acks == Acks::All && request.topic != kOffsetsTopic);
    if (request.resendSequence && !idempotent)
        return refuse(Status::error(ErrorCode::InvalidRequest,
            "only an idempotent producer (acks=all, enable.idempotence not false) resends with a sequence"));

    // Validate everything before appending anything: a refused request leaves no trace on disk.
    for (size_t i = 0; i < request.records.size(); ++i) {
        const ProduceRecord &record = request.records[i];
        const int64_t size = static_cast<int64_t>(kBatchHeaderSize) + recordSizeEstimate(record);
        if (size > config.maxMessageBytes)
            return refuse(Status::error(ErrorCode::MessageTooLarge,
                fmt::format("record {} (key {} bytes, value {} bytes, about {} bytes in a batch) is "
                            "larger than max.message.bytes={} of topic {}",
                    i, record.key ? record.key->size() : 0, record.value ? record.value->size() : 0, size,
                    config.maxMessageBytes, request.topic)));
    }
    const auto partitionCount = static_cast<int32_t>(topic.partitions.size());
    result.records.resize(request.records.size());
    std::map<int32_t, std::vector<size_t>> byPartition; // ordered: appends happen in partition order
    for (size_t i = 0; i < request.records.size(); ++i) {
        const ProduceRecord &record = request.records[i];
        std::optional<std::string_view> key;
        if (record.key)
            key = *record.key;
        auto choice = partitioner.choose(key, partitionCount, request.partition, random);
        if (!choice)
            return refuse(Status::error(choice.status().code(),
                              fmt::format("topic {}: {}", request.topic, choice.status().message())),
                request.partition.value_or(-1));
        partitioner.onAppend(choice->partition, recordSizeEstimate(record));
        result.records[i].partition = choice->partition;
        result.records[i].explanation = std::move(choice->explanation);
        byPartition[choice->partition].push_back(i);
    }

    // Every target partition must have a leader (and for acks=all enough in-sync replicas)
    // before anything is appended anywhere.
    for (const auto &[partitionId, indexes] : byPartition) {
        PartitionState &partition = topic.partitions[static_cast<size_t>(partitionId)];
        if (!partition.leaderLog() && partition.leader >= 0)
            // The controller still names a crashed broker as leader: it is not fenced yet.
            return refuse(Status::error(ErrorCode::NetworkException,
                              fmt::format("{}-{}: its leader, broker {}, is down (crashed; the controller "
                                          "moves the leadership once it fences the broker after "
                                          "broker.session.timeout.ms)",
                                  request.topic, partitionId, partition.leader)),
                partitionId);
        if (!partition.leaderLog())
            return refuse(Status::error(ErrorCode::LeaderNotAvailable,
                              fmt::format("{}-{} has no leader: no live replica in its ISR {} (replicas {})",
                                  request.topic, partitionId, partition.isr, partition.replicas)),
                partitionId);
        const auto isrSize = static_cast<int32_t>(partition.isr.size());
        if (request.acks == Acks::All && isrSize < topic.config.minInsyncReplicas)
            return refuse(Status::error(ErrorCode::NotEnoughReplicas,
                              fmt::format("{}-{}: acks=all needs min.insync.replicas={} in-sync replicas, "
                                          "the ISR {} has {}; nothing was appended",
                                  request.topic, partitionId, topic.config.minInsyncReplicas, partition.isr,
                                  isrSize)),
                partitionId, isrSize, topic.config.minInsyncReplicas);
    }

    // The producer instance: idempotent ones (Kafka 3.0+'s default with acks=all) stamp their
    // producer id, epoch and per-partition sequence into every batch.
    ProducerSession *session = nullptr;
    if (idempotent) {
        session = &producerSessions[request.clientId];
        if (session->producerId < 0) {
            auto id = allocateProducerId();
            if (!id)
                return refuse(id.status());
            session->producerId = *id;
            session->producerEpoch = 0;
        }
        result.idempotent = true;
        result.producerId = session->producerId;
        result.producerEpoch = session->producerEpoch;
    }

    // Build every batch first, then check the idempotent ones against each leader's producer
    // state, then append: a refused request leaves nothing on disk.
    const int64_t now = clock.nowMs();
    struct PlannedBatch {
        int32_t partition = 0;
        size_t first = 0, end = 0; // indexes[first, end) of the partition's records
        Bytes bytes;
        int32_t baseSequence = -1;
        bool duplicate = false;
        ProducerBatchMetadata original;
    };
    std::vector<PlannedBatch> plan;
    BatchBuilder builder(request.compression);
    for (const auto &[partitionId, indexes] : byPartition) {
        int32_t sequence = -1;
        if (session)
            sequence = request.resendSequence ? *request.resendSequence
                                              : session->nextSequence[{request.topic, partitionId}];
        size_t next = 0;
        while (next < indexes.size()) {
            builder.reset();
            const size_t first = next;
            while (next < indexes.size()) {
                const ProduceRecord &record = request.records[indexes[next]];
                if (builder.count() > 0
                    && static_cast<int64_t>(builder.estimatedSize()) + recordSizeEstimate(record)
                        > config.maxMessageBytes)
                    break;
                std::optional<std::string_view> key, value;
                if (record.key)
                    key = *record.key;
                if (record.value)
                    value = *record.value;
                builder.add(record.timestamp.value_or(now), key, value, record.headers);
                ++next;
            }
            if (session)
                builder.setProducer(session->producerId, session->producerEpoch, sequence);
            const ByteView batch = builder.finish();
            PlannedBatch planned;
            planned.partition = partitionId;
            planned.first = first;
            planned.end = next;
            planned.bytes.assign(batch.begin(), batch.end());
            planned.baseSequence = sequence;
            if (session)
                sequence = advanceSequence(sequence, static_cast<int32_t>(next - first));
            plan.push_back(std::move(planned));
        }
    }
    if (session) {
        // Each partition's batches in order against a copy of the producer's entry, so a later
        // batch of the same request sees the earlier ones.
        std::map<int32_t, ProducerStateTable> trial;
        for (PlannedBatch &planned : plan) {
            PartitionState &partition = topic.partitions[static_cast<size_t>(planned.partition)];
            auto [pos, fresh] = trial.try_emplace(planned.partition);
            ProducerStateTable &table = pos->second;
            if (fresh) {
                auto state = leaderProducerState(partition, *partition.leaderReplica());
                if (!state)
                    return refuse(Status::error(state.status().code(),
                                      fmt::format("{}-{}: {}", request.topic, planned.partition,
                                          state.status().message())),
                        planned.partition);
                if (const ProducerStateEntry *entry = (*state)->find(session->producerId))
                    table.put(*entry);
            }
            const int32_t count = static_cast<int32_t>(planned.end - planned.first);
            const int32_t lastSeq = advanceSequence(planned.baseSequence, count - 1);
            const int64_t nextOffset = partition.leaderLog()->logEndOffset();
            auto verdict = table.check(session->producerId, session->producerEpoch, planned.baseSequence,
                lastSeq, nextOffset, fmt::format("{}-{}", request.topic, planned.partition));
            if (!verdict) {
                // Java's idempotent producer bumps its epoch after OUT_OF_ORDER_SEQUENCE_NUMBER
                // and starts every partition's sequences again at 0 (TransactionManager
                // bumpIdempotentProducerEpoch): the next send goes through.
                if (verdict.status().code() == ErrorCode::OutOfOrderSequenceNumber && !request.resendSequence) {
                    ++session->producerEpoch;
                    session->nextSequence.clear();
                }
                return refuse(verdict.status(), planned.partition);
            }
            planned.duplicate = verdict->duplicate;
            planned.original = verdict->original;
            if (!planned.duplicate) {
                BatchHeader h = *parseBatchHeader(ByteView(planned.bytes));
                h.baseOffset = nextOffset; // as appended (only the sequence range matters here)
                table.update(h);
            }
        }
    }

    std::map<int32_t, AppendedRange> ranges;
    for (const PlannedBatch &planned : plan) {
        const int32_t partitionId = planned.partition;
        PartitionState &partition = topic.partitions[static_cast<size_t>(partitionId)];
        ReplicaState &leader = *partition.leaderReplica();
        const std::vector<size_t> &indexes = byPartition[partitionId];
        AppendedRange &range = ranges.try_emplace(partitionId, AppendedRange { partitionId, -1, -1 }).first->second;
        int64_t firstOffset = -1, lastOffset = -1;
        if (planned.duplicate) {
            // Kafka 4.x answers a resent batch with the offsets it got the first time.
            firstOffset = planned.original.firstOffset;
            lastOffset = planned.original.lastOffset;
        } else {
            const bool stateFresh = leader.producerStateEpoch == partition.leaderEpoch
                && leader.producerStateEnd == leader.log->logEndOffset();
            auto appended = leader.log->appendAsLeader(ByteView(planned.bytes), partition.leaderEpoch);
            if (!appended)
                return refuse(
                    Status::error(appended.status().code(),
                        fmt::format("{}-{}: {}", request.topic, partitionId, appended.status().message())),
                    partitionId);
            leader.epochs.assign(partition.leaderEpoch, appended->firstOffset);
            firstOffset = appended->firstOffset;
            lastOffset = appended->lastOffset;
            if (stateFresh) {
                BatchHeader h = *parseBatchHeader(ByteView(planned.bytes));
                h.baseOffset = firstOffset;
                leader.producerState.update(h);
                leader.producerStateEnd = leader.log->logEndOffset();
            }
        }
        if (range.firstOffset < 0 || firstOffset < range.firstOffset)
            range.firstOffset = firstOffset;
        range.lastOffset = std::max(range.lastOffset, lastOffset);
        for (size_t k = planned.first; k < planned.end; ++k) {
            const size_t i = indexes[k];
            const ProduceRecord &record = request.records[i];
            ProduceOutcome &outcome = result.records[i];
            outcome.offset = firstOffset + static_cast<int64_t>(k - planned.first);
            outcome.duplicate = planned.duplicate;
            if (session)
                outcome.sequence = advanceSequence(planned.baseSequence, static_cast<int32_t>(k - planned.first));
            if (!planned.duplicate)
                rememberRecent(partition, outcome.offset, record.timestamp.value_or(now), record.key, record.value);
        }
        if (planned.duplicate)
            continue;
        // The coordinators' own writes to __consumer_offsets are not "produced records".
        if (request.topic != kOffsetsTopic)
            totalRecordsProduced += static_cast<int64_t>(planned.end - planned.first);
        topic.recordsProduced += static_cast<int64_t>(planned.end - planned.first);
        partition.segmentsDirty = true;
        if (session && !request.resendSequence)
            session->nextSequence[{request.topic, partitionId}]
                = advanceSequence(planned.baseSequence, static_cast<int32_t>(planned.end - planned.first));
    }
    for (const auto &[partitionId, range] : ranges) {
        PartitionState &partition = topic.partitions[static_cast<size_t>(partitionId)];
        ReplicaState &leader = *partition.leaderReplica();
        leader.lastLeo = leader.log->logEndOffset();
        leaderAppended(request.topic, partition);
        if (appendedRanges)
            appendedRanges->push_back(range);
        // With the leader alone in the ISR the high watermark moves at once.
        maybeAdvanceHighWatermark(request.topic, partition);
    }
    return result;
}

void EngineCore::Impl::produceAsyncWith(const ProduceRequest &request, Partitioner &partitioner,
    std::mt19937_64 &random, std::function<void(ProduceResult)> done, bool emitAckEvents)
{
    std::vector<AppendedRange> ranges;
    ProduceResult result = produceWith(request, partitioner, random, &ranges);
    if (!result.status || request.acks != Acks::All) {
        if (result.status && request.acks == Acks::Leader && emitAckEvents)
            for (const auto &range : ranges) {
                Event e;
                e.type = EventType::ProduceAcknowledged;
                e.topic = request.topic;
                e.partition = range.partition;
                e.offset = range.firstOffset;
                e.endOffset = range.lastOffset + 1;
                e.broker = findPartition(request.topic, range.partition)->leader;
                e.epoch = findPartition(request.topic, range.partition)->leaderEpoch;
                e.detail = fmt::format("acks=1: offsets {}..{} acknowledged once the leader wrote them",
                    range.firstOffset, range.lastOffset);
                emit(std::move(e));
            }
        if (done)
            deferred.push_back([done = std::move(done), result = std::move(result)]() mutable {
                done(std::move(result));
            });
        return;
    }
    waitForReplicas(request.topic, ranges, std::move(result), std::move(done), request.timeoutMs, emitAckEvents);
}

void EngineCore::Impl::waitForReplicas(const std::string &topic, const std::vector<AppendedRange> &ranges,
    ProduceResult result, std::function<void(ProduceResult)> done, int32_t timeoutMsAsked, bool emitAckEvents)
{
    const uint64_t id = nextPendingId++;
    PendingProduce waiting;
    waiting.result = std::move(result);
    waiting.done = std::move(done);
    waiting.emitEvents = emitAckEvents;
    for (const auto &range : ranges) {
        PartitionState *p = findPartition(topic, range.partition);
        waiting.parts.push_back(PendingProduce::Part {
            topic, range.partition, range.firstOffset, range.lastOffset + 1, p->leaderEpoch, false });
        p->pendingAcks.push_back(id);
    }
    pending.emplace(id, std::move(waiting));
    for (const auto &range : ranges)
        if (pending.count(id))
            checkPending(topic, *findPartition(topic, range.partition));
    if (pending.count(id)) {
        const int32_t timeoutMs = std::max(0, timeoutMsAsked);
        timers.schedule(clock.nowMs() + timeoutMs, [this, id, timeoutMs] {
            if (!pending.count(id))
                return;
            finishPending(id, Status::error(ErrorCode::RequestTimedOut,
                fmt::format("acks=all: the in-sync replicas did not all confirm the records within "
                            "{} ms (they were appended on the leader and may still be replicated)",
                    timeoutMs)));
            runDeferred();
        });
    }
}

ProduceResult EngineCore::produce(const ProduceRequest &request)
{
    auto it = d->topics.find(request.topic);
    if (it == d->topics.end() || d->shutDown)
        return d->produceWith(request, d->fallbackPartitioner, d->rng); // refuses with the reason
    if (request.acks == Acks::All) {
        ProduceResult refused;
        refused.topic = request.topic;
        refused.status = Status::error(ErrorCode::InvalidRequest,
            "acks=all waits for the followers to fetch the records, which takes engine time: use "
            "EngineCore::produceAsync (Engine::produce does) instead of the synchronous produce");
        Event e;
        e.type = EventType::ProduceRefused;
        e.topic = request.topic;
        e.error = refused.status.code();
        e.detail = refused.status.message();
        d->emit(std::move(e));
        return refused;
    }
    Partitioner &partitioner
        = it->second.partitioners.try_emplace(request.partitioner, request.partitioner).first->second;
    ProduceResult result = d->produceWith(request, partitioner, d->rng);
    d->runDeferred();
    return result;
}

void EngineCore::produceAsync(const ProduceRequest &request, std::function<void(ProduceResult)> done)
{
    auto it = d->topics.find(request.topic);
    Partitioner &partitioner = it == d->topics.end() || d->shutDown
        ? d->fallbackPartitioner
        : it->second.partitioners.try_emplace(request.partitioner, request.partitioner).first->second;
    d->produceAsyncWith(request, partitioner, d->rng, std::move(done), true);
    d->runDeferred();
}

std::string_view acksName(Acks acks)
{
    switch (acks) {
    case Acks::None:
        return "0";
    case Acks::Leader:
        return "1";
    case Acks::All:
        return "all";
    }
    return "?";
}

Result<std::vector<Record>> EngineCore::fetch(
    const std::string &topic, int32_t partition, int64_t offset, int32_t maxBytes)
{
    return d->fetchCommitted(topic, partition, offset, maxBytes);
}

Result<std::vector<Record>> EngineCore::Impl::fetchCommitted(const std::string &topic, int32_t partition,
    int64_t offset, int32_t maxBytes, std::vector<int32_t> *leaderEpochs)
{
    if (shutDown)
        return Status::error(ErrorCode::BrokerNotAvailable, "the engine has been shut down");
    PartitionState *state = findPartition(topic, partition);
    if (!state)
        return Status::error(
            ErrorCode::UnknownTopicOrPartition, fmt::format("{}-{} does not exist", topic, partition));
    Log *leader = state->leaderLog();
    if (!leader)
        return Status::error(ErrorCode::LeaderNotAvailable,
            fmt::format("{}-{} has no leader (offline): no live replica in its ISR", topic, partition));
    // Consumers only see committed records: below the leader's high watermark.
    const int64_t hw = state->leaderReplica()->highWatermark;
    if (offset >= hw && offset >= leader->logStartOffset() && offset <= leader->logEndOffset())
        return std::vector<Record> {};
    auto read = leader->read(offset, maxBytes, hw);
    if (!read)
        return Status::error(
            read.status().code(), fmt::format("{}-{}: {}", topic, partition, read.status().message()));
    std::vector<Record> records;
    Status status;
    forEachBatch(ByteView(read->data), [&](const BatchHeader &header, ByteView batch, size_t position) {
        if (header.lastOffset() < offset)
            return true;
        auto decoded = decodeRecords(batch);
        if (!decoded) {
            status = Status::error(decoded.status().code(),
                fmt::format("{}-{}: batch at offset {} (read position {}): {}", topic, partition,
                    header.baseOffset, position, decoded.status().message()));
            return false;
        }
        for (auto &record : *decoded)
            if (record.offset >= offset && record.offset < hw) {
                records.push_back(std::move(record));
                if (leaderEpochs)
                    leaderEpochs->push_back(header.partitionLeaderEpoch);
            }
        return true;
    });
    if (!status && records.empty())
        return status;
    return records;
}

} // namespace kl
