// EngineCore produce and fetch: choose a partition per record, build one batch per partition
// (split only if it would exceed max.message.bytes), append to the leader, copy to followers.
#include "cluster/core_impl.h"

#include <fmt/format.h>
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

ProduceResult EngineCore::Impl::produceWith(
    const ProduceRequest &request, Partitioner &partitioner, std::mt19937_64 &random)
{
    ProduceResult result;
    result.topic = request.topic;
    const auto refuse = [&](Status status, int32_t partition = -1) {
        Event e;
        e.type = EventType::ProduceRefused;
        e.topic = request.topic;
        e.partition = partition;
        e.error = status.code();
        e.detail = status.message();
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

    const int64_t now = clock.nowMs();
    BatchBuilder builder(request.compression);
    Bytes followerCopy;
    for (const auto &[partitionId, indexes] : byPartition) {
        PartitionState &partition = topic.partitions[static_cast<size_t>(partitionId)];
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
            const ByteView batch = builder.finish();
            auto appended = partition.leader().appendAsLeader(batch, partition.leaderEpoch);
            if (!appended)
                return refuse(
                    Status::error(appended.status().code(),
                        fmt::format("{}-{}: {}", request.topic, partitionId, appended.status().message())),
                    partitionId);
            // The follower's copy is the leader's batch with the offsets and epoch it was given.
            followerCopy.assign(batch.begin(), batch.end());
            setBaseOffset(followerCopy.data(), appended->firstOffset);
            setPartitionLeaderEpoch(followerCopy.data(), partition.leaderEpoch);
            for (size_t r = 1; r < partition.logs.size(); ++r) {
                auto copied = partition.logs[r]->appendAsFollower(followerCopy);
                if (!copied) {
                    spdlog::warn("{}-{}: follower on broker {} refused a copy: {}", request.topic,
                        partitionId, partition.replicas[r], copied.status().toString());
                    syncFollowers(request.topic, partition);
                }
            }
            for (size_t k = first; k < next; ++k) {
                const size_t i = indexes[k];
                const ProduceRecord &record = request.records[i];
                result.records[i].offset = appended->firstOffset + static_cast<int64_t>(k - first);
                rememberRecent(partition, result.records[i].offset, record.timestamp.value_or(now),
                    record.key, record.value);
            }
            totalRecordsProduced += static_cast<int64_t>(next - first);
            partition.segmentsDirty = true;
        }
    }
    return result;
}

ProduceResult EngineCore::produce(const ProduceRequest &request)
{
    auto it = d->topics.find(request.topic);
    if (it == d->topics.end() || d->shutDown)
        return d->produceWith(request, d->fallbackPartitioner, d->rng); // refuses with the reason
    Partitioner &partitioner
        = it->second.partitioners.try_emplace(request.partitioner, request.partitioner).first->second;
    return d->produceWith(request, partitioner, d->rng);
}

Result<std::vector<Record>> EngineCore::fetch(
    const std::string &topic, int32_t partition, int64_t offset, int32_t maxBytes)
{
    if (d->shutDown)
        return Status::error(ErrorCode::BrokerNotAvailable, "the engine has been shut down");
    PartitionState *state = d->findPartition(topic, partition);
    if (!state)
        return Status::error(
            ErrorCode::UnknownTopicOrPartition, fmt::format("{}-{} does not exist", topic, partition));
    auto read = state->leader().read(offset, maxBytes);
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
            if (record.offset >= offset)
                records.push_back(std::move(record));
        return true;
    });
    if (!status && records.empty())
        return status;
    return records;
}

} // namespace kl
