// Fetch (key 1), v4-v17 (flexible from v12; topics by id from v13), as Kafka 4.x serves a
// consumer's fetch: whole batches below each partition's high watermark, read from the leader
// (EngineCore::readRecords), with a long poll: the answer waits up to max_wait_ms for min_bytes.
//  - Fetch sessions (KIP-227) are not kept: every answer has session_id 0, which tells a client
//    that no session was made, so it sends full fetches (Kafka does the same when its session
//    cache is full). A request naming a session gets FETCH_SESSION_ID_NOT_FOUND.
//  - read_committed reads to the last stable offset, which is the high watermark: Kafka Lab has
//    no transactions, so aborted_transactions is always empty.
//  - Follower fetches (replica_id >= 0) do not come over the wire: replication is internal.
#include "protocol/apis.h"

#include <fmt/format.h>
#include <memory>

namespace kl::proto {

namespace {

struct TopicAsk {
    std::string name; // v13+: empty for an id no topic has
    Uuid id;
    std::vector<int32_t> partitions;
};

Bytes fetchResponse(int16_t v, bool flexible, bool readCommitted, ErrorCode top, const std::vector<TopicAsk> &topics,
    const std::vector<ReadRecordsPartition> &results)
{
    Bytes body;
    Writer out(body, flexible);
    out.i32(0); // throttle_time_ms
    if (v >= 7) {
        out.i16(static_cast<int16_t>(top));
        out.i32(0); // session_id: none
    }
    size_t next = 0;
    out.arrayCount(top == ErrorCode::None ? topics.size() : 0);
    for (const TopicAsk &topic : top == ErrorCode::None ? topics : std::vector<TopicAsk> {}) {
        if (v >= 13)
            out.uuid(topic.id);
        else
            out.string(topic.name);
        out.arrayCount(topic.partitions.size());
        for (int32_t partition : topic.partitions) {
            out.i32(partition);
            if (v >= 13 && topic.name.empty()) {
                out.i16(static_cast<int16_t>(ErrorCode::UnknownTopicId));
                out.i64(-1);
                out.i64(-1);
                if (v >= 5)
                    out.i64(-1);
                out.nullArray();
                if (v >= 11)
                    out.i32(-1);
                out.bytes({});
                out.tags();
                continue;
            }
            const ReadRecordsPartition &r = results[next++];
            out.i16(static_cast<int16_t>(r.status.code()));
            out.i64(r.highWatermark);
            out.i64(r.lastStableOffset); // v4+
            if (v >= 5)
                out.i64(r.logStartOffset);
            if (readCommitted)
                out.arrayCount(0); // aborted_transactions: none
            else
                out.nullArray();
            if (v >= 11)
                out.i32(-1); // preferred_read_replica: the leader
            out.bytes(ByteSpan(r.records));
            out.tags();
        }
        out.tags();
    }
    out.tags();
    return body;
}

} // namespace

Status handleFetch(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context, Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    ReadRecordsRequest request;
    request.broker = context.broker;
    request.clientId = header.clientId.value_or("");
    if (v <= 14)
        in.i32("replica_id");
    request.maxWaitMs = in.i32("max_wait_ms");
    request.minBytes = in.i32("min_bytes");
    request.maxBytes = in.i32("max_bytes");
    request.readCommitted = in.i8("isolation_level") == 1;
    int32_t sessionId = 0, sessionEpoch = -1;
    if (v >= 7) {
        sessionId = in.i32("session_id");
        sessionEpoch = in.i32("session_epoch");
    }
    std::vector<TopicAsk> topics;
    const int32_t count = in.arrayCount("topics", 2);
    for (int32_t t = 0; t < count && in.ok(); ++t) {
        TopicAsk &topic = topics.emplace_back();
        if (v >= 13) {
            topic.id = in.uuid("topics[].topic_id");
            for (const TopicSnapshot &known : context.snapshot->topics)
                if (known.topicId == topic.id)
                    topic.name = known.name;
        } else {
            topic.name = in.string("topics[].topic");
        }
        const int32_t partitions = in.arrayCount("topics[].partitions", 16);
        for (int32_t p = 0; p < partitions && in.ok(); ++p) {
            ReadRecordsRequest::Partition asked;
            asked.topic = topic.name;
            asked.partition = in.i32("partitions[].partition");
            if (v >= 9)
                asked.currentLeaderEpoch = in.i32("partitions[].current_leader_epoch");
            asked.fetchOffset = in.i64("partitions[].fetch_offset");
            if (v >= 12)
                in.i32("partitions[].last_fetched_epoch");
            if (v >= 5)
                in.i64("partitions[].log_start_offset");
            asked.maxBytes = in.i32("partitions[].partition_max_bytes");
            in.skipTags("partitions[]: tagged fields");
            topic.partitions.push_back(asked.partition);
            if (v < 13 || !topic.name.empty())
                request.partitions.push_back(std::move(asked));
        }
        in.skipTags("topics[]: tagged fields");
    }
    if (v >= 7) {
        const int32_t forgotten = in.arrayCount("forgotten_topics_data", 2);
        for (int32_t t = 0; t < forgotten && in.ok(); ++t) {
            if (v >= 13)
                in.uuid("forgotten_topics_data[].topic_id");
            else
                in.string("forgotten_topics_data[].topic");
            const int32_t partitions = in.arrayCount("forgotten_topics_data[].partitions", 4);
            for (int32_t p = 0; p < partitions && in.ok(); ++p)
                in.i32("forgotten_topics_data[].partitions[]");
            in.skipTags("forgotten_topics_data[]: tagged fields");
        }
    }
    if (v >= 11)
        in.string("rack_id");
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");

    // No sessions are kept: a full fetch (session 0, epoch 0 or -1) is answered; a request that
    // names a session, or continues one (epoch > 0), is not.
    if (v >= 7 && (sessionId != 0 || sessionEpoch > 0)) {
        const Bytes body = fetchResponse(v, flexible, request.readCommitted, ErrorCode::FetchSessionIdNotFound, {}, {});
        out.raw(body);
        return Status::ok();
    }
    const bool readCommitted = request.readCommitted;
    answer.job = [v, flexible, readCommitted, topics = std::move(topics), request = std::move(request)](
                     EngineCore &core, std::function<void(Bytes)> done) mutable {
        core.readRecords(request,
            [v, flexible, readCommitted, topics = std::move(topics), done = std::move(done)](
                std::vector<ReadRecordsPartition> results) {
                done(fetchResponse(v, flexible, readCommitted, ErrorCode::None, topics, results));
            });
    };
    return Status::ok();
}

} // namespace kl::proto
