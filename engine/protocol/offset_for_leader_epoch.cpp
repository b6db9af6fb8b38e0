// OffsetForLeaderEpoch (key 23), v2-v4 (flexible from v4), as Kafka 4.x serves it (v0-v1 were
// removed in 4.0): per partition, from its leader's epoch cache, the largest epoch at or below
// the one asked for and the offset where it ended (the next epoch's start offset, or the log
// end offset for the latest epoch); -1 / -1 for an epoch older than the cache knows. A consumer
// sends it after a leader change to check that its position was not truncated away (KIP-320);
// current_leader_epoch fences a stale client (FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH).
#include "protocol/apis.h"

namespace kl::proto {

namespace {

struct PartitionAsk {
    int32_t index = 0;
    int32_t currentLeaderEpoch = -1;
    int32_t leaderEpoch = 0;
};

struct TopicAsk {
    std::string name;
    std::vector<PartitionAsk> partitions;
};

} // namespace

Status handleOffsetForLeaderEpoch(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                                  Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    if (v >= 3)
        in.i32("replica_id"); // -1 a consumer, -2 a debug consumer; both read the leader's cache
    std::vector<TopicAsk> topics;
    const int32_t count = in.arrayCount("topics", 2);
    for (int32_t t = 0; t < count && in.ok(); ++t) {
        TopicAsk &topic = topics.emplace_back();
        topic.name = in.string("topics[].topic");
        const int32_t partitions = in.arrayCount("topics[].partitions", 12);
        for (int32_t p = 0; p < partitions && in.ok(); ++p) {
            PartitionAsk &asked = topic.partitions.emplace_back();
            asked.index = in.i32("partitions[].partition");
            asked.currentLeaderEpoch = in.i32("partitions[].current_leader_epoch");
            asked.leaderEpoch = in.i32("partitions[].leader_epoch");
            in.skipTags("partitions[]: tagged fields");
        }
        in.skipTags("topics[]: tagged fields");
    }
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");

    const int32_t broker = context.broker;
    answer.job = [flexible, broker, topics = std::move(topics)](EngineCore &core, std::function<void(Bytes)> done) {
        Bytes body;
        Writer out(body, flexible);
        out.i32(0); // throttle_time_ms
        out.arrayCount(topics.size());
        for (const TopicAsk &topic : topics) {
            out.string(topic.name);
            out.arrayCount(topic.partitions.size());
            for (const PartitionAsk &asked : topic.partitions) {
                const LeaderEpochResult r = core.offsetForLeaderEpoch(
                    {topic.name, asked.index, broker, asked.currentLeaderEpoch, asked.leaderEpoch});
                out.i16(static_cast<int16_t>(r.status.code()));
                out.i32(asked.index);
                out.i32(r.status ? r.leaderEpoch : -1);
                out.i64(r.status ? r.endOffset : -1);
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
