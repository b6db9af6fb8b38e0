// OffsetCommit (key 8), v2-v9 (flexible from v8), and OffsetFetch (key 9), v1-v9 (flexible
// from v6; v8+ asks for many groups at once), served by the group's coordinator: a commit is
// answered once __consumer_offsets' in-sync replicas have it (acks=all, as Kafka's), so an
// acknowledged commit survives the coordinator's broker crashing; a fetch reads what was
// committed (-1 for a partition with nothing).
#include "protocol/group_job.h"

#include <memory>

namespace kl::proto {

namespace {

// Partitions grouped by topic in first-seen order (responses list them as requests did).
template <typename P, typename F>
void byTopic(Writer &out, const std::vector<P> &partitions, F writePartition)
{
    std::vector<std::string> topics;
    for (const P &p : partitions)
        if (std::find(topics.begin(), topics.end(), p.topic) == topics.end())
            topics.push_back(p.topic);
    out.arrayCount(topics.size());
    for (const std::string &topic : topics) {
        out.string(topic);
        size_t n = 0;
        for (const P &p : partitions)
            n += p.topic == topic;
        out.arrayCount(n);
        for (const P &p : partitions)
            if (p.topic == topic) {
                writePartition(p);
                out.tags();
            }
        out.tags();
    }
}

} // namespace

Status handleOffsetCommit(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                          Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    OffsetCommitRequest r;
    r.groupId = in.string("group_id");
    r.generationId = in.i32("generation_id_or_member_epoch");
    r.memberId = in.string("member_id");
    if (v >= 7)
        r.groupInstanceId = in.nullableString("group_instance_id");
    if (v <= 4)
        r.retentionTimeMs = in.i64("retention_time_ms");
    const int32_t topics = in.arrayCount("topics", 2);
    for (int32_t t = 0; t < topics && in.ok(); ++t) {
        const std::string topic = in.string("topics[].name");
        const int32_t partitions = in.arrayCount("topics[].partitions", 14);
        for (int32_t p = 0; p < partitions && in.ok(); ++p) {
            OffsetCommitPartition c;
            c.topic = topic;
            c.partition = in.i32("partitions[].partition_index");
            c.committedOffset = in.i64("partitions[].committed_offset");
            if (v >= 6)
                c.committedLeaderEpoch = in.i32("partitions[].committed_leader_epoch");
            c.committedMetadata = in.nullableString("partitions[].committed_metadata").value_or("");
            in.skipTags("partitions[]: tagged fields");
            r.partitions.push_back(std::move(c));
        }
        in.skipTags("topics[]: tagged fields");
    }
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    const std::string groupId = r.groupId;
    const auto respond = [v, flexible](const OffsetCommitResponse &response) {
        Bytes body;
        Writer w(body, flexible);
        if (v >= 3)
            w.i32(0); // throttle_time_ms
        byTopic(w, response.partitions, [&](const OffsetCommitPartitionResponse &p) {
            w.i32(p.partition);
            w.i16(static_cast<int16_t>(p.errorCode));
        });
        w.tags();
        return body;
    };
    answer.job = groupJob(groupId, context.broker,
        [respond, r = std::move(r)](GroupCoordinator *c, ErrorCode error, std::function<void(Bytes)> done) {
            if (!c) {
                OffsetCommitResponse refused;
                for (const OffsetCommitPartition &p : r.partitions)
                    refused.partitions.push_back({p.topic, p.partition, error});
                return done(respond(refused));
            }
            c->commitOffsets(r, [respond, done = std::move(done)](const OffsetCommitResponse &response) {
                done(respond(response));
            });
        });
    return Status::ok();
}

namespace {

struct FetchAsk {
    std::string groupId;
    std::optional<std::vector<TopicPartition>> partitions; // nullopt: every committed one
};

void writeFetched(Writer &w, int16_t v, const OffsetFetchResponse &r)
{
    byTopic(w, r.partitions, [&](const OffsetFetchPartition &p) {
        w.i32(p.partition);
        w.i64(p.committedOffset);
        if (v >= 5)
            w.i32(p.committedLeaderEpoch);
        w.nullableString(std::string_view(p.metadata));
        // v1 has no group-level error: it goes to every partition.
        w.i16(static_cast<int16_t>(p.errorCode != ErrorCode::None || v >= 2 ? p.errorCode : r.errorCode));
    });
}

OffsetFetchResponse fetchFrom(EngineCore &core, int32_t broker, const FetchAsk &ask)
{
    OffsetFetchResponse response;
    core.withGroupCoordinator(ask.groupId, broker, [&](GroupCoordinator *c, ErrorCode error) {
        if (c) {
            response = c->fetchOffsets(OffsetFetchRequest {ask.groupId, ask.partitions});
            return;
        }
        response.errorCode = error;
        if (ask.partitions)
            for (const TopicPartition &tp : *ask.partitions) {
                OffsetFetchPartition p;
                p.topic = tp.topic;
                p.partition = tp.partition;
                response.partitions.push_back(std::move(p));
            }
    });
    return response;
}

} // namespace

Status handleOffsetFetch(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                         Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    std::vector<FetchAsk> asks;
    const auto readTopics = [&](FetchAsk &ask) {
        const int32_t topics = in.arrayCount("topics", 2);
        if (topics < 0)
            return; // null: every committed partition (v2+)
        ask.partitions.emplace();
        for (int32_t t = 0; t < topics && in.ok(); ++t) {
            const std::string topic = in.string("topics[].name");
            const int32_t partitions = in.arrayCount("topics[].partition_indexes", 4);
            for (int32_t p = 0; p < partitions && in.ok(); ++p)
                ask.partitions->push_back(TopicPartition {topic, in.i32("topics[].partition_indexes[]")});
            in.skipTags("topics[]: tagged fields");
        }
    };
    if (v <= 7) {
        FetchAsk &ask = asks.emplace_back();
        ask.groupId = in.string("group_id");
        readTopics(ask);
    } else {
        const int32_t groups = in.arrayCount("groups", 2);
        for (int32_t g = 0; g < groups && in.ok(); ++g) {
            FetchAsk &ask = asks.emplace_back();
            ask.groupId = in.string("groups[].group_id");
            if (v >= 9) {
                in.nullableString("groups[].member_id");
                in.i32("groups[].member_epoch");
            }
            readTopics(ask);
            in.skipTags("groups[]: tagged fields");
        }
    }
    if (v >= 7)
        in.boolean("require_stable"); // commits are applied only once replicated: always stable
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    if (v == 1)
        for (const FetchAsk &ask : asks)
            if (!ask.partitions)
                return Status::error(ErrorCode::InvalidRequest, "OffsetFetch v1 topics cannot be null");
    const int32_t broker = context.broker;
    answer.job = [v, flexible, broker, asks = std::move(asks)](EngineCore &core, std::function<void(Bytes)> done) {
        Bytes body;
        Writer w(body, flexible);
        if (v >= 3)
            w.i32(0); // throttle_time_ms
        if (v <= 7) {
            const OffsetFetchResponse r = fetchFrom(core, broker, asks.front());
            writeFetched(w, v, r);
            if (v >= 2)
                w.i16(static_cast<int16_t>(r.errorCode));
        } else {
            w.arrayCount(asks.size());
            for (const FetchAsk &ask : asks) {
                const OffsetFetchResponse r = fetchFrom(core, broker, ask);
                w.string(ask.groupId);
                writeFetched(w, v, r);
                w.i16(static_cast<int16_t>(r.errorCode));
                w.tags();
            }
        }
        w.tags();
        done(std::move(body));
    };
    return Status::ok();
}

} // namespace kl::proto
