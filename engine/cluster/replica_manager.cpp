// The broker side of real clients' Produce, Fetch and ListOffsets (api/broker_requests.h), as
// Kafka's ReplicaManager and LogValidator do it for a RecordBatch v2 from a client:
//  - append: the broker must lead the partition; exactly one batch, magic 2, not a control
//    batch, CRC right, every record decodable with offset deltas 0..n-1; an idempotent
//    producer's sequence checked against the leader's producer state (a resent batch is
//    acknowledged with its first offsets, not appended again). The batch is stored as sent
//    (compressed ones stay compressed); only a wrong maxTimestamp makes the leader rewrite the
//    header (and CRC), as Kafka's LogValidator does. acks as produceAsync.
//  - read: whole batches below the high watermark; a long poll waits for min bytes.
#include "cluster/consumer_offsets.h"
#include "cluster/core_impl.h"
#include "log/client_batch.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kl {

namespace {

constexpr size_t kMaxTimestampPosition = 35; // baseOffset 8, length 4, epoch 4, magic 1, crc 4, attributes 2, lastOffsetDelta 4, baseTimestamp 8
constexpr size_t kCrcPosition = 17;

void putBigEndian(uint8_t *at, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        at[i] = static_cast<uint8_t>(v >> (8 * (bytes - 1 - i)));
}

int32_t epochAt(const LeaderEpochCache &cache, int64_t offset)
{
    int32_t epoch = -1;
    for (const EpochEntry &e : cache.entries())
        if (e.startOffset <= offset)
            epoch = e.epoch;
    return epoch;
}

} // namespace

void EngineCore::appendRecords(const AppendRecordsRequest &request, std::function<void(AppendRecordsResult)> done)
{
    d->appendRecords(request, std::move(done));
    d->runDeferred();
}

void EngineCore::readRecords(const ReadRecordsRequest &request, std::function<void(std::vector<ReadRecordsPartition>)> done)
{
    int64_t bytes = 0;
    bool refused = false;
    auto now = d->readNow(request, bytes, refused);
    if (request.maxWaitMs <= 0 || refused || bytes >= std::max(1, request.minBytes) || d->shutDown) {
        d->countConsumed(request, now);
        if (done)
            done(std::move(now));
        return;
    }
    const uint64_t id = d->nextFetchWaiterId++;
    d->fetchWaiters.emplace(id, Impl::FetchWaiter { request, std::move(done) });
    d->timers.schedule(d->clock.nowMs() + request.maxWaitMs, [this, id] { d->answerFetchWaiter(id); });
}

Result<int64_t> EngineCore::initProducerId()
{
    if (d->shutDown)
        return Status::error(ErrorCode::CoordinatorNotAvailable, "the engine has been shut down");
    return d->allocateProducerId();
}

void EngineCore::Impl::appendRecords(const AppendRecordsRequest &request, std::function<void(AppendRecordsResult)> done)
{
    AppendRecordsResult result;
    const std::string name = fmt::format("{}-{}", request.topic, request.partition);
    const auto answer = [&](Status status) {
        if (!status) {
            Event e;
            e.type = EventType::ProduceRefused;
            e.topic = request.topic;
            e.partition = request.partition;
            e.broker = request.broker;
            e.error = status.code();
            e.detail = fmt::format("{} (client {})", status.message(), request.clientId);
            emit(std::move(e));
        }
        result.status = std::move(status);
        if (done)
            deferred.push_back([done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); });
    };
    PartitionState *partition = shutDown ? nullptr : findPartition(request.topic, request.partition);
    if (!partition)
        return answer(Status::error(ErrorCode::UnknownTopicOrPartition,
            fmt::format("This server does not host this topic-partition: {}", name)));
    result.leader = partition->leader;
    result.leaderEpoch = partition->leaderEpoch;
    if (partition->leader != request.broker || !partition->leaderLog())
        return answer(Status::error(ErrorCode::NotLeaderOrFollower,
            partition->leader < 0
                ? fmt::format("broker {} is not the leader of {}: it has no leader now", request.broker, name)
                : fmt::format("broker {} is not the leader of {}: broker {} is (epoch {})", request.broker, name,
                      partition->leader, partition->leaderEpoch)));
    if (request.acks != Acks::None && request.acks != Acks::Leader && request.acks != Acks::All)
        return answer(Status::error(ErrorCode::InvalidRequiredAcks,
            fmt::format("acks must be 0, 1 or -1 (all), got {}", static_cast<int>(request.acks))));
    TopicState &topic = topics.at(request.topic);
    ReplicaState &leader = *partition->leaderReplica();
    if (request.records.size() > kBatchHeaderSize && request.records[16] != kMagicV2)
        return answer(Status::error(ErrorCode::InvalidRecord,
            fmt::format("{}: Produce v3+ takes record batches of magic 2 only, this one has magic {}", name,
                int(request.records[16]))));
    auto header = parseBatchHeader(ByteView(request.records));
    if (!header)
        return answer(Status::error(request.records.empty() ? ErrorCode::InvalidRecord : ErrorCode::CorruptMessage,
            request.records.empty() ? fmt::format("{}: Produce v3+ carries exactly one record batch per partition, "
                                                  "this one carries none", name)
                                    : fmt::format("{}: {}", name, header.status().message())));
    const BatchHeader &h = *header;
    if (static_cast<int64_t>(request.records.size()) > topic.config.log.maxMessageBytes)
        return answer(Status::error(ErrorCode::MessageTooLarge,
            fmt::format("{}: a batch of {} bytes is larger than max.message.bytes={}", name, request.records.size(),
                topic.config.log.maxMessageBytes)));
    // The listener's thread has usually checked the batch already (precheckClientBatch).
    const auto keep = static_cast<size_t>(std::max(0, options.recentRecordsPerPartition));
    Result<ClientBatchCheck> checked = request.prechecked && request.prechecked->keep == keep
        ? (request.prechecked->status ? Result<ClientBatchCheck>(request.prechecked->check)
                                      : Result<ClientBatchCheck>(request.prechecked->status))
        : checkClientBatch(ByteView(request.records), h, name, keep);
    if (!checked)
        return answer(checked.status());
    if (h.isTransactional())
        return answer(Status::error(ErrorCode::InvalidTxnState,
            fmt::format("{}: a transactional batch, but Kafka Lab has no transaction coordinator yet", name)));
    const auto isrSize = static_cast<int32_t>(partition->isr.size());
    if (request.acks == Acks::All && isrSize < topic.config.minInsyncReplicas)
        return answer(Status::error(ErrorCode::NotEnoughReplicas,
            fmt::format("{}: acks=all needs min.insync.replicas={} in-sync replicas, the ISR {} has {}; nothing was "
                        "appended",
                name, topic.config.minInsyncReplicas, partition->isr, isrSize)));

    // maxTimestamp must be the records' largest timestamp (LogValidator rewrites it otherwise).
    const Bytes *batch = &request.records;
    Bytes rewritten;
    const int64_t maxTimestamp = checked->maxTimestamp;
    if (!h.logAppendTime() && maxTimestamp != h.maxTimestamp) {
        rewritten = request.records;
        putBigEndian(rewritten.data() + kMaxTimestampPosition, static_cast<uint64_t>(maxTimestamp), 8);
        putBigEndian(rewritten.data() + kCrcPosition, computeBatchCrc(ByteView(rewritten)), 4);
        batch = &rewritten;
    }

    if (h.producerId >= 0) {
        auto state = leaderProducerState(*partition, leader);
        if (!state)
            return answer(state.status());
        const int32_t lastSeq = advanceSequence(h.baseSequence, h.recordCount - 1);
        auto verdict = (*state)->check(h.producerId, h.producerEpoch, h.baseSequence, lastSeq,
            leader.log->logEndOffset(), name);
        if (!verdict)
            return answer(verdict.status());
        if (verdict->duplicate) {
            result.baseOffset = verdict->original.firstOffset;
            result.logStartOffset = leader.log->logStartOffset();
            result.duplicate = true;
            return answer(Status::ok());
        }
    }

    const bool stateFresh
        = leader.producerStateEpoch == partition->leaderEpoch && leader.producerStateEnd == leader.log->logEndOffset();
    auto appended = leader.log->appendAsLeader(ByteView(*batch), partition->leaderEpoch, CrcCheck::Done);
    if (!appended)
        return answer(Status::error(appended.status().code(), fmt::format("{}: {}", name, appended.status().message())));
    leader.epochs.assign(partition->leaderEpoch, appended->firstOffset);
    if (stateFresh) {
        BatchHeader stored = h;
        stored.baseOffset = appended->firstOffset;
        leader.producerState.update(stored);
        leader.producerStateEnd = leader.log->logEndOffset();
    }
    for (const Record &r : checked->tail)
        rememberRecent(*partition, appended->firstOffset + (r.offset - h.baseOffset), r.timestamp, r.key, r.value);
    if (request.topic != kOffsetsTopic)
        totalRecordsProduced += h.recordCount;
    topic.recordsProduced += h.recordCount;
    partition->segmentsDirty = true;
    leader.lastLeo = leader.log->logEndOffset();
    leaderAppended(request.topic, *partition);
    result.baseOffset = appended->firstOffset;
    result.logStartOffset = leader.log->logStartOffset();
    maybeAdvanceHighWatermark(request.topic, *partition);
    if (request.acks != Acks::All)
        return answer(Status::ok());

    ProduceResult waiting;
    waiting.topic = request.topic;
    ProduceOutcome outcome;
    outcome.partition = request.partition;
    outcome.offset = appended->firstOffset;
    waiting.records.push_back(outcome);
    const AppendedRange range { request.partition, appended->firstOffset, appended->lastOffset };
    waitForReplicas(request.topic, {range}, std::move(waiting),
        [result, done = std::move(done)](ProduceResult replicated) mutable {
            result.status = replicated.status;
            if (done)
                done(std::move(result));
        },
        request.timeoutMs, false);
}

std::vector<ReadRecordsPartition> EngineCore::Impl::readNow(const ReadRecordsRequest &request, int64_t &bytes, bool &refused)
{
    std::vector<ReadRecordsPartition> out;
    out.reserve(request.partitions.size());
    int64_t budget = std::max(0, request.maxBytes);
    for (const ReadRecordsRequest::Partition &asked : request.partitions) {
        ReadRecordsPartition &answer = out.emplace_back();
        const std::string name = fmt::format("{}-{}", asked.topic, asked.partition);
        const auto refuse = [&](ErrorCode code, std::string why) {
            answer.status = Status::error(code, fmt::format("{}: {}", name, why));
            refused = true;
        };
        PartitionState *partition = shutDown ? nullptr : findPartition(asked.topic, asked.partition);
        if (!partition) {
            refuse(ErrorCode::UnknownTopicOrPartition, "This server does not host this topic-partition.");
            continue;
        }
        answer.leader = partition->leader;
        answer.leaderEpoch = partition->leaderEpoch;
        Log *log = partition->leaderLog();
        if (partition->leader != request.broker || !log) {
            refuse(ErrorCode::NotLeaderOrFollower,
                fmt::format("broker {} is not its leader (the leader is {})", request.broker, partition->leader));
            continue;
        }
        if (asked.currentLeaderEpoch >= 0 && asked.currentLeaderEpoch < partition->leaderEpoch) {
            refuse(ErrorCode::FencedLeaderEpoch,
                fmt::format("the client's leader epoch {} is older than the leader's {}", asked.currentLeaderEpoch,
                    partition->leaderEpoch));
            continue;
        }
        if (asked.currentLeaderEpoch > partition->leaderEpoch) {
            refuse(ErrorCode::UnknownLeaderEpoch,
                fmt::format("the client's leader epoch {} is newer than the leader's {}", asked.currentLeaderEpoch,
                    partition->leaderEpoch));
            continue;
        }
        const int64_t hw = partition->leaderReplica()->highWatermark;
        answer.highWatermark = hw;
        answer.lastStableOffset = hw; // no transactions: every record below the HW is stable
        answer.logStartOffset = log->logStartOffset();
        if (asked.fetchOffset < log->logStartOffset() || asked.fetchOffset > log->logEndOffset()) {
            refuse(ErrorCode::OffsetOutOfRange,
                fmt::format("fetch offset {} is outside the log [{}, {}]", asked.fetchOffset, log->logStartOffset(),
                    log->logEndOffset()));
            continue;
        }
        if (asked.fetchOffset >= hw)
            continue;
        if (budget <= 0 && bytes > 0)
            continue; // the response is full; the next fetch reads on from here
        const int32_t limit = static_cast<int32_t>(std::min<int64_t>(std::max(0, asked.maxBytes), std::max<int64_t>(budget, 1)));
        auto read = log->read(asked.fetchOffset, std::max(limit, 1), hw); // at least one batch, as Kafka
        if (!read) {
            refuse(read.status().code(), read.status().message());
            continue;
        }
        answer.records = std::move(read->data);
        bytes += static_cast<int64_t>(answer.records.size());
        budget -= static_cast<int64_t>(answer.records.size());
    }
    return out;
}

void EngineCore::Impl::wakeFetchWaiters(const std::string &topic, int32_t partition)
{
    std::vector<uint64_t> ready;
    for (const auto &[id, waiter] : fetchWaiters) {
        bool touches = false;
        for (const auto &p : waiter.request.partitions)
            touches = touches || (p.partition == partition && p.topic == topic);
        if (touches)
            ready.push_back(id);
    }
    for (uint64_t id : ready) {
        FetchWaiter &waiter = fetchWaiters.at(id);
        int64_t bytes = 0;
        bool refused = false;
        auto now = readNow(waiter.request, bytes, refused);
        if (!refused && bytes < std::max(1, waiter.request.minBytes))
            continue;
        auto done = std::move(waiter.done);
        countConsumed(waiter.request, now);
        fetchWaiters.erase(id);
        if (done)
            deferred.push_back([done = std::move(done), now = std::move(now)]() mutable { done(std::move(now)); });
    }
}

void EngineCore::Impl::answerFetchWaiter(uint64_t id)
{
    auto it = fetchWaiters.find(id);
    if (it == fetchWaiters.end())
        return;
    FetchWaiter waiter = std::move(it->second);
    fetchWaiters.erase(it);
    int64_t bytes = 0;
    bool refused = false;
    auto now = readNow(waiter.request, bytes, refused);
    countConsumed(waiter.request, now);
    if (waiter.done)
        waiter.done(std::move(now));
}

void EngineCore::Impl::countConsumed(const ReadRecordsRequest &request, const std::vector<ReadRecordsPartition> &answers)
{
    for (size_t i = 0; i < answers.size() && i < request.partitions.size(); ++i) {
        const ReadRecordsPartition &answer = answers[i];
        if (!answer.status || answer.records.empty())
            continue;
        const ReadRecordsRequest::Partition &asked = request.partitions[i];
        auto topic = topics.find(asked.topic);
        if (topic == topics.end())
            continue;
        // Whole batches come back; a client skips what lies before its fetch offset (and above
        // the high watermark none is returned), so those records are what it consumes.
        ByteView rest(answer.records);
        while (rest.size() >= kBatchHeaderSize) {
            auto header = parseBatchHeader(rest);
            if (!header || header->totalSize() > rest.size())
                break;
            const int64_t first = std::max(header->baseOffset, asked.fetchOffset);
            const int64_t end = std::min<int64_t>(header->baseOffset + header->lastOffsetDelta + 1, answer.highWatermark);
            if (end > first)
                topic->second.recordsConsumed += end - first;
            rest = rest.subspan(header->totalSize());
        }
    }
}

Result<PartitionState *> EngineCore::Impl::leaderPartition(
    const std::string &topic, int32_t id, int32_t broker, int32_t currentLeaderEpoch)
{
    const std::string name = fmt::format("{}-{}", topic, id);
    PartitionState *partition = shutDown ? nullptr : findPartition(topic, id);
    if (!partition)
        return Status::error(ErrorCode::UnknownTopicOrPartition,
            fmt::format("This server does not host this topic-partition: {}", name));
    if (partition->leader != broker || !partition->leaderLog())
        return Status::error(ErrorCode::NotLeaderOrFollower,
            fmt::format("broker {} is not the leader of {} (the leader is {})", broker, name, partition->leader));
    if (currentLeaderEpoch >= 0 && currentLeaderEpoch != partition->leaderEpoch)
        return Status::error(
            currentLeaderEpoch < partition->leaderEpoch ? ErrorCode::FencedLeaderEpoch : ErrorCode::UnknownLeaderEpoch,
            fmt::format("{}: the client's leader epoch {} is not the leader's {}", name, currentLeaderEpoch,
                partition->leaderEpoch));
    return partition;
}

LeaderEpochResult EngineCore::offsetForLeaderEpoch(const LeaderEpochRequest &request)
{
    LeaderEpochResult result;
    auto led = d->leaderPartition(request.topic, request.partition, request.broker, request.currentLeaderEpoch);
    if (!led) {
        result.status = led.status();
        return result;
    }
    PartitionState *partition = *led;
    Log *log = partition->leaderLog();
    const EpochEndOffset found = partition->leaderReplica()->epochs.endOffsetFor(request.leaderEpoch, log->logEndOffset());
    result.leaderEpoch = found.epoch;
    result.endOffset = found.endOffset;
    return result;
}

ListOffsetResult EngineCore::listOffset(const ListOffsetRequest &request)
{
    ListOffsetResult result;
    const std::string name = fmt::format("{}-{}", request.topic, request.partition);
    auto led = d->leaderPartition(request.topic, request.partition, request.broker, request.currentLeaderEpoch);
    if (!led) {
        result.status = led.status();
        return result;
    }
    PartitionState *partition = *led;
    Log *log = partition->leaderLog();
    const ReplicaState &leader = *partition->leaderReplica();
    const int64_t hw = leader.highWatermark;
    if (request.timestamp == kLatestTimestamp) {
        result.offset = hw;
        result.leaderEpoch = leader.epochs.latestEpoch();
        return result;
    }
    if (request.timestamp == kEarliestTimestamp || request.timestamp == kEarliestLocalTimestamp) {
        result.offset = log->logStartOffset();
        result.leaderEpoch = epochAt(leader.epochs, result.offset);
        return result;
    }
    if (request.timestamp < 0 && request.timestamp != kMaxTimestamp) {
        result.status = Status::error(ErrorCode::InvalidRequest,
            fmt::format("{}: timestamp {} is neither a record timestamp nor -1, -2, -3 or -4", name, request.timestamp));
        return result;
    }
    // The first record (below the high watermark) whose timestamp is at or after the one asked
    // for; for -3, the first record holding the largest timestamp.
    const auto segments = log->segments();
    int64_t from = -1, to = -1, wanted = request.timestamp;
    if (request.timestamp == kMaxTimestamp) {
        int64_t best = -1;
        for (const SegmentInfo &s : segments)
            if (s.baseOffset < hw && s.maxTimestamp > best) {
                best = s.maxTimestamp;
                from = s.baseOffset;
                to = std::min(s.nextOffset, hw);
            }
        wanted = best;
        if (best < 0)
            return result;
    } else {
        for (const SegmentInfo &s : segments)
            if (s.baseOffset < hw && s.maxTimestamp >= request.timestamp) {
                from = std::max(s.baseOffset, log->logStartOffset());
                to = std::min(s.nextOffset, hw);
                break;
            }
        if (from < 0)
            return result; // no such record: offset -1, timestamp -1
    }
    bool found = false;
    const Status s = log->forEachRecord(from, to, [&](const Record &r) {
        const bool match = request.timestamp == kMaxTimestamp ? r.timestamp == wanted : r.timestamp >= wanted;
        if (!found && match) {
            found = true;
            result.offset = r.offset;
            result.timestamp = r.timestamp;
        }
    });
    if (!s && !found) {
        result.status = Status::error(s.code(), fmt::format("{}: {}", name, s.message()));
        return result;
    }
    if (found)
        result.leaderEpoch = epochAt(leader.epochs, result.offset);
    return result;
}

} // namespace kl

namespace kl {

LogDirDescription EngineCore::describeLogDir(int32_t broker, const std::vector<LogDirTopicAsk> &topics)
{
    LogDirDescription out;
    out.path = std::filesystem::absolute(d->brokerDir(broker)).lexically_normal().string();
    if (broker < 1 || broker >= static_cast<int32_t>(d->brokers.size())
        || d->brokers[static_cast<size_t>(broker)].state == BrokerState::Crashed || d->shutDown) {
        out.status = Status::error(ErrorCode::KafkaStorageError, fmt::format("broker {} is not running", broker));
        return out;
    }
    std::error_code ec;
    const std::filesystem::space_info space = std::filesystem::space(out.path, ec);
    if (!ec) {
        out.totalBytes = static_cast<int64_t>(space.capacity);
        out.usableBytes = static_cast<int64_t>(space.available);
    }
    const auto describe = [&](TopicState &topic, PartitionState &partition) {
        ReplicaState *replica = partition.replica(broker);
        if (!replica || !replica->log)
            return;
        LogDirPartition &p = out.partitions.emplace_back();
        p.topic = topic.name;
        p.partition = partition.id;
        p.sizeBytes = replica->log->sizeBytes();
        p.offsetLag = std::max<int64_t>(0, replica->highWatermark - replica->log->logEndOffset());
    };
    if (topics.empty()) {
        for (auto &[name, topic] : d->topics)
            for (PartitionState &partition : topic.partitions)
                describe(topic, partition);
        return out;
    }
    for (const LogDirTopicAsk &asked : topics) {
        auto it = d->topics.find(asked.topic);
        if (it == d->topics.end())
            continue; // Kafka leaves out what this broker does not host
        for (int32_t id : asked.partitions)
            if (id >= 0 && id < static_cast<int32_t>(it->second.partitions.size()))
                describe(it->second, it->second.partitions[static_cast<size_t>(id)]);
    }
    return out;
}

} // namespace kl
