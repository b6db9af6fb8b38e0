// Produce (key 0), v3-v11 (flexible from v9), as Kafka 4.x serves it: each partition's records
// (one RecordBatch v2) are appended by the engine (EngineCore::appendRecords: checked, stored as
// sent, offsets assigned) and answered per partition with the base offset, or Kafka's error
// (NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION, CORRUPT_MESSAGE, INVALID_RECORD,
// MESSAGE_TOO_LARGE, NOT_ENOUGH_REPLICAS, OUT_OF_ORDER_SEQUENCE_NUMBER, ...). acks=0 gets no
// response at all, as from Kafka. v8+ answers carry the error message.
#include "protocol/apis.h"

#include "log/client_batch.h"

#include <fmt/format.h>
#include <memory>

namespace kl::proto {

namespace {

struct PartitionAsk {
    int32_t index = 0;
    Bytes records;
    std::shared_ptr<const PrecheckedBatch> prechecked;
};

struct TopicAsk {
    std::string name;
    std::vector<PartitionAsk> partitions;
};

struct Collected {
    std::vector<TopicAsk> topics;
    std::vector<std::vector<AppendRecordsResult>> results; // [topic][partition]
    size_t waiting = 0;
    std::function<void(Bytes)> done;
};

Bytes produceResponse(int16_t v, bool flexible, const Collected &c)
{
    Bytes body;
    Writer out(body, flexible);
    out.arrayCount(c.topics.size());
    for (size_t t = 0; t < c.topics.size(); ++t) {
        out.string(c.topics[t].name);
        out.arrayCount(c.topics[t].partitions.size());
        for (size_t p = 0; p < c.topics[t].partitions.size(); ++p) {
            const AppendRecordsResult &r = c.results[t][p];
            out.i32(c.topics[t].partitions[p].index);
            out.i16(static_cast<int16_t>(r.status.code()));
            out.i64(r.status ? r.baseOffset : -1);
            out.i64(-1); // log_append_time_ms: topics keep CreateTime
            if (v >= 5)
                out.i64(r.status ? r.logStartOffset : -1);
            if (v >= 8) {
                out.arrayCount(0); // record_errors
                out.nullableString(r.status ? std::nullopt : std::optional<std::string_view>(r.status.message()));
            }
            out.tags();
        }
        out.tags();
    }
    out.i32(0); // throttle_time_ms
    out.tags();
    return body;
}

} // namespace

Status handleProduce(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                     Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    in.nullableString("transactional_id");
    const int16_t acks = in.i16("acks");
    const int32_t timeoutMs = in.i32("timeout_ms");
    auto collected = std::make_shared<Collected>();
    const int32_t topics = in.arrayCount("topic_data", 2);
    for (int32_t t = 0; t < topics && in.ok(); ++t) {
        TopicAsk &topic = collected->topics.emplace_back();
        topic.name = in.string("topic_data[].name");
        const int32_t partitions = in.arrayCount("partition_data", 5);
        for (int32_t p = 0; p < partitions && in.ok(); ++p) {
            PartitionAsk &partition = topic.partitions.emplace_back();
            partition.index = in.i32("partition_data[].index");
            if (auto records = in.nullableBytes("partition_data[].records")) {
                partition.records.assign(records->begin(), records->end());
                // CRC and record checks here, on the listener's thread, while the engine appends
                // the batch before (it keeps the default number of records for drawing).
                partition.prechecked = precheckClientBatch(ByteView(partition.records),
                    fmt::format("{}-{}", topic.name, partition.index),
                    static_cast<size_t>(EngineOptions {}.recentRecordsPerPartition));
            }
            in.skipTags("partition_data[]: tagged fields");
        }
        in.skipTags("topic_data[]: tagged fields");
    }
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");

    answer.noResponse = acks == 0;
    const int32_t broker = context.broker;
    const std::string clientId = header.clientId.value_or("");
    answer.job = [v, flexible, acks, timeoutMs, broker, clientId, collected](EngineCore &core,
                     std::function<void(Bytes)> done) {
        Collected &c = *collected;
        c.done = std::move(done);
        c.results.resize(c.topics.size());
        for (size_t t = 0; t < c.topics.size(); ++t) {
            c.results[t].resize(c.topics[t].partitions.size());
            c.waiting += c.topics[t].partitions.size();
        }
        if (c.waiting == 0)
            return c.done(produceResponse(v, flexible, c));
        for (size_t t = 0; t < c.topics.size(); ++t)
            for (size_t p = 0; p < c.topics[t].partitions.size(); ++p) {
                AppendRecordsRequest request;
                request.topic = c.topics[t].name;
                request.partition = c.topics[t].partitions[p].index;
                request.broker = broker;
                request.records = std::move(c.topics[t].partitions[p].records);
                request.prechecked = std::move(c.topics[t].partitions[p].prechecked);
                // Anything but 0, 1 and -1 is refused per partition (INVALID_REQUIRED_ACKS).
                request.acks = acks == 0 || acks == 1 || acks == -1 ? static_cast<Acks>(acks) : static_cast<Acks>(2);
                request.timeoutMs = timeoutMs;
                request.clientId = clientId;
                core.appendRecords(request, [collected, t, p, v, flexible](AppendRecordsResult result) {
                    Collected &c = *collected;
                    c.results[t][p] = std::move(result);
                    if (--c.waiting == 0)
                        c.done(produceResponse(v, flexible, c));
                });
            }
    };
    return Status::ok();
}

} // namespace kl::proto
