// DescribeLogDirs (key 35), v1-v4 (flexible from v2), as Kafka 4.x serves it: the broker the
// request reaches describes its log directories. A Kafka Lab broker has one,
// <data dir>/broker-<id>; each replica in it comes with its size on disk (its segments' .log
// files) and offset lag (max(0, high watermark - log end offset) as that replica knows them; no
// replica is ever "future": replicas do not move between directories). Topics null: every
// replica; otherwise the partitions asked for that this broker hosts (others are left out).
// v3 adds a top-level error code, v4 the volume's total and usable bytes.
#include "protocol/apis.h"

#include <map>

namespace kl::proto {

Status handleDescribeLogDirs(const RequestHeader &header, Reader &in, Writer &, const RequestContext &context,
                             Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = in.flexible();
    std::vector<LogDirTopicAsk> topics;
    const int32_t count = in.arrayCount("topics", 2);
    for (int32_t t = 0; t < count && in.ok(); ++t) {
        LogDirTopicAsk &asked = topics.emplace_back();
        asked.topic = in.string("topics[].topic");
        const int32_t partitions = in.arrayCount("topics[].partitions", 4);
        for (int32_t p = 0; p < partitions && in.ok(); ++p)
            asked.partitions.push_back(in.i32("topics[].partitions[]"));
        in.skipTags("topics[]: tagged fields");
    }
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    const bool everything = count < 0;
    if (!everything && topics.empty()) {
        // An empty (not null) list asks for nothing: one directory with no topics.
        topics.push_back(LogDirTopicAsk {});
    }

    const int32_t broker = context.broker;
    answer.job = [v, flexible, broker, everything, topics = std::move(topics)](EngineCore &core,
                     std::function<void(Bytes)> done) {
        const LogDirDescription dir = core.describeLogDir(broker, everything ? std::vector<LogDirTopicAsk> {} : topics);
        Bytes body;
        Writer out(body, flexible);
        out.i32(0); // throttle_time_ms
        if (v >= 3)
            out.i16(0);
        out.arrayCount(1);
        out.i16(static_cast<int16_t>(dir.status.code()));
        out.string(dir.path);
        std::map<std::string, std::vector<const LogDirPartition *>> byTopic;
        for (const LogDirPartition &p : dir.partitions)
            byTopic[p.topic].push_back(&p);
        out.arrayCount(byTopic.size());
        for (const auto &[name, partitions] : byTopic) {
            out.string(name);
            out.arrayCount(partitions.size());
            for (const LogDirPartition *p : partitions) {
                out.i32(p->partition);
                out.i64(p->sizeBytes);
                out.i64(p->offsetLag);
                out.boolean(false); // is_future_key
                out.tags();
            }
            out.tags();
        }
        if (v >= 4) {
            out.i64(dir.totalBytes);
            out.i64(dir.usableBytes);
        }
        out.tags();
        out.tags();
        done(std::move(body));
    };
    return Status::ok();
}

} // namespace kl::proto
