// EngineCore inspection: a replica's own log (batches and records), ignoring the high
// watermark. Used by the replication tests and the simulation's invariant checks.
#include "cluster/core_impl.h"

#include <fmt/format.h>

namespace kl {

Result<Log *> EngineCore::Impl::replicaLog(const std::string &topic, int32_t partition, int32_t broker)
{
    if (shutDown)
        return Status::error(ErrorCode::BrokerNotAvailable, "the engine has been shut down");
    PartitionState *p = findPartition(topic, partition);
    if (!p)
        return Status::error(
            ErrorCode::UnknownTopicOrPartition, fmt::format("{}-{} does not exist", topic, partition));
    ReplicaState *r = p->replica(broker);
    if (!r)
        return Status::error(ErrorCode::ReplicaNotAvailable,
            fmt::format("broker {} holds no replica of {}-{}", broker, topic, partition));
    if (!r->log)
        return Status::error(ErrorCode::BrokerNotAvailable,
            fmt::format("broker {} is crashed; its replica of {}-{} is closed", broker, topic, partition));
    return r->log.get();
}

Result<std::vector<EngineCore::ReplicaBatch>> EngineCore::replicaBatches(
    const std::string &topic, int32_t partition, int32_t broker)
{
    auto log = d->replicaLog(topic, partition, broker);
    if (!log)
        return log.status();
    std::vector<ReplicaBatch> out;
    int64_t offset = (*log)->logStartOffset();
    const int64_t end = (*log)->logEndOffset();
    while (offset < end) {
        auto read = (*log)->read(offset, 1 << 20);
        if (!read)
            return read.status();
        const int64_t before = offset;
        forEachBatch(ByteView(read->data), [&](const BatchHeader &h, ByteView, size_t) {
            if (h.lastOffset() >= offset) {
                out.push_back(ReplicaBatch { h.baseOffset, h.lastOffset(), h.partitionLeaderEpoch, h.crc });
                offset = h.lastOffset() + 1;
            }
            return true;
        });
        if (offset == before)
            break;
    }
    return out;
}

Result<std::vector<Record>> EngineCore::readReplica(
    const std::string &topic, int32_t partition, int32_t broker, int64_t offset, int32_t maxBytes)
{
    auto log = d->replicaLog(topic, partition, broker);
    if (!log)
        return log.status();
    auto read = (*log)->read(offset, maxBytes);
    if (!read)
        return read.status();
    std::vector<Record> records;
    Status status;
    forEachBatch(ByteView(read->data), [&](const BatchHeader &h, ByteView batch, size_t) {
        if (h.lastOffset() < offset)
            return true;
        auto decoded = decodeRecords(batch);
        if (!decoded) {
            status = decoded.status();
            return false;
        }
        for (auto &record : *decoded)
            if (record.offset >= offset)
                records.push_back(std::move(record));
        return true;
    });
    if (!status)
        return status;
    return records;
}

} // namespace kl
