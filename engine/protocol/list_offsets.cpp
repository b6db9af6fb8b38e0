// ListOffsets (key 2), v1-v8 (flexible from v6), as Kafka 4.x serves it: per partition, from its
// leader, the offset for a timestamp: -1 latest (the high watermark, which is also the last
// stable offset: no transactions), -2 earliest (log start), -3 the record with the largest
// timestamp (v7+), -4 earliest local (v8+; no tiered storage, so the log start), or the first
// record whose timestamp is at or after the one given (offset -1 when there is none).
//
// Also v0, which Kafka 4.0 dropped (KIP-896) but Burrow 1.2.1 (Debian 12's) still sends for the
// partitions' latest offsets: the same lookup, answered as v0's list of at most max_num_offsets
// offsets (Kafka 3's v0 listed segment base offsets for an older timestamp; here it is the one
// offset the lookup finds, or none).
#include "protocol/apis.h"

namespace kl::proto {

namespace {

struct PartitionAsk {
    int32_t index = 0;
    int32_t currentLeaderEpoch = -1;
    int64_t timestamp = -1;
    int32_t maxNumOffsets = 1; // v0 only
};

struct TopicAsk {
    std::string name;
    std::vector<PartitionAsk> partitions;
};

} // namespace

Status handleListOffsets(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                         Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    in.i32("replica_id");
    bool readCommitted = false;
    if (v >= 2)
        readCommitted = in.i8("isolation_level") == 1;
    std::vector<TopicAsk> topics;
    const int32_t count = in.arrayCount("topics", 2);
    for (int32_t t = 0; t < count && in.ok(); ++t) {
        TopicAsk &topic = topics.emplace_back();
        topic.name = in.string("topics[].name");
        const int32_t partitions = in.arrayCount("topics[].partitions", 12);
        for (int32_t p = 0; p < partitions && in.ok(); ++p) {
            PartitionAsk &asked = topic.partitions.emplace_back();
            asked.index = in.i32("partitions[].partition_index");
            if (v >= 4)
                asked.currentLeaderEpoch = in.i32("partitions[].current_leader_epoch");
            asked.timestamp = in.i64("partitions[].timestamp");
            if (v == 0)
                asked.maxNumOffsets = in.i32("partitions[].max_num_offsets");
            in.skipTags("partitions[]: tagged fields");
        }
        in.skipTags("topics[]: tagged fields");
    }
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");

    const int32_t broker = context.broker;
    answer.job = [v, flexible, readCommitted, broker, topics = std::move(topics)](EngineCore &core,
                     std::function<void(Bytes)> done) {
        Bytes body;
        Writer out(body, flexible);
        if (v >= 2)
            out.i32(0); // throttle_time_ms
        out.arrayCount(topics.size());
        for (const TopicAsk &topic : topics) {
            out.string(topic.name);
            out.arrayCount(topic.partitions.size());
            for (const PartitionAsk &asked : topic.partitions) {
                ListOffsetRequest request;
                request.topic = topic.name;
                request.partition = asked.index;
                request.broker = broker;
                request.timestamp = asked.timestamp;
                request.currentLeaderEpoch = asked.currentLeaderEpoch;
                request.readCommitted = readCommitted;
                const ListOffsetResult r = core.listOffset(request);
                out.i32(asked.index);
                out.i16(static_cast<int16_t>(r.status.code()));
                if (v == 0) {
                    const bool listed = r.status && r.offset >= 0 && asked.maxNumOffsets > 0;
                    out.arrayCount(listed ? 1 : 0); // old_style_offsets
                    if (listed)
                        out.i64(r.offset);
                    continue;
                }
                out.i64(r.status ? r.timestamp : -1);
                out.i64(r.status ? r.offset : -1);
                if (v >= 4)
                    out.i32(r.status ? r.leaderEpoch : -1);
                out.tags();
            }
            out.tags();
        }
        out.tags();
        done(std::move(body));
    };
    return Status::ok();
}

} // namespace kl::proto
