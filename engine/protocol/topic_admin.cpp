// DeleteTopics (key 20), v1-v6 (flexible from v4; topics by name or id from v6) and
// CreatePartitions (key 37), v0-v3 (flexible from v2), done by the engine as the GUI's topic
// panel does them (EngineCore::deleteTopic / createPartitions), one answer per topic with
// Kafka's error: UNKNOWN_TOPIC_OR_PARTITION (UNKNOWN_TOPIC_ID by id), INVALID_PARTITIONS for a
// decrease or no change, POLICY_VIOLATION for __consumer_offsets. CreatePartitions' manual
// assignments are not taken (INVALID_REPLICA_ASSIGNMENT); validate_only checks without adding.
#include "protocol/apis.h"

#include <fmt/format.h>

namespace kl::proto {

namespace {

struct TopicRef {
    std::optional<std::string> name;
    Uuid id;
};

void writeStatus(Writer &w, const Status &s, bool withMessage)
{
    w.i16(static_cast<int16_t>(s.code()));
    if (withMessage)
        w.nullableString(s ? std::nullopt : std::optional<std::string_view>(s.message()));
}

} // namespace

Status handleDeleteTopics(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                          Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    std::vector<TopicRef> topics;
    const int32_t count = in.arrayCount(v >= 6 ? "topics" : "topic_names", 1);
    for (int32_t i = 0; i < count && in.ok(); ++i) {
        TopicRef t;
        if (v >= 6) {
            t.name = in.nullableString("topics[].name");
            t.id = in.uuid("topics[].topic_id");
            in.skipTags("topics[]: tagged fields");
        } else {
            t.name = in.string("topic_names[]");
        }
        topics.push_back(std::move(t));
    }
    in.i32("timeout_ms");
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    // Names for ids, from the snapshot the request arrived with.
    for (TopicRef &t : topics)
        if (!t.name && !t.id.isZero())
            for (const TopicSnapshot &known : context.snapshot->topics)
                if (known.topicId == t.id)
                    t.name = known.name;
    answer.changesMetadata = true;
    answer.job = [v, flexible, topics = std::move(topics)](EngineCore &core, std::function<void(Bytes)> done) {
        Bytes body;
        Writer w(body, flexible);
        w.i32(0); // throttle_time_ms
        w.arrayCount(topics.size());
        for (const TopicRef &t : topics) {
            Uuid id = t.id;
            Status s = Status::ok();
            if (!t.name) {
                s = Status::error(ErrorCode::UnknownTopicId, "no topic has this id");
            } else {
                if (id.isZero())
                    if (const TopicSnapshot *known = core.makeSnapshot()->topic(*t.name))
                        id = known->topicId;
                s = core.deleteTopic(*t.name);
                if (s.code() == ErrorCode::UnknownTopicOrPartition)
                    s = Status::error(ErrorCode::UnknownTopicOrPartition,
                        "This server does not host this topic-partition.");
            }
            if (v >= 6)
                w.nullableString(t.name ? std::optional<std::string_view>(*t.name) : std::nullopt);
            else
                w.string(t.name.value_or(""));
            if (v >= 6)
                w.uuid(id);
            writeStatus(w, s, v >= 5);
            w.tags();
        }
        w.tags();
        done(std::move(body));
    };
    return Status::ok();
}

Status handleCreatePartitions(const RequestHeader &, Reader &in, Writer &out, const RequestContext &, Answer &answer)
{
    const bool flexible = out.flexible();
    struct Ask {
        std::string name;
        int32_t count = 0;
        bool assigned = false;
    };
    std::vector<Ask> asks;
    const int32_t count = in.arrayCount("topics", 1);
    for (int32_t i = 0; i < count && in.ok(); ++i) {
        Ask a;
        a.name = in.string("topics[].name");
        a.count = in.i32("topics[].count");
        const int32_t assignments = in.arrayCount("topics[].assignments", 1);
        a.assigned = assignments >= 0;
        for (int32_t j = 0; j < assignments && in.ok(); ++j) {
            const int32_t ids = in.arrayCount("assignments[].broker_ids", 4);
            for (int32_t k = 0; k < ids && in.ok(); ++k)
                in.i32("assignments[].broker_ids[]");
            in.skipTags("assignments[]: tagged fields");
        }
        in.skipTags("topics[]: tagged fields");
        asks.push_back(std::move(a));
    }
    in.i32("timeout_ms");
    const bool validateOnly = in.boolean("validate_only");
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    answer.changesMetadata = true;
    answer.job = [flexible, validateOnly, asks = std::move(asks)](EngineCore &core, std::function<void(Bytes)> done) {
        Bytes body;
        Writer w(body, flexible);
        w.i32(0); // throttle_time_ms
        w.arrayCount(asks.size());
        for (const Ask &a : asks) {
            Status s = Status::ok();
            const auto snap = core.makeSnapshot();
            const TopicSnapshot *topic = snap->topic(a.name);
            if (a.assigned)
                s = Status::error(ErrorCode::InvalidReplicaAssignment,
                    "Kafka Lab places new partitions itself: send no assignments");
            else if (!topic)
                s = Status::error(ErrorCode::UnknownTopicOrPartition, fmt::format("The topic '{}' does not exist.", a.name));
            else if (a.count <= static_cast<int32_t>(topic->partitions.size()))
                s = Status::error(ErrorCode::InvalidPartitions,
                    a.count == static_cast<int32_t>(topic->partitions.size())
                        ? fmt::format("Topic already has {} partitions.", a.count)
                        : fmt::format("Topic currently has {} partitions, which is higher than the requested {}.",
                              topic->partitions.size(), a.count));
            else if (!validateOnly)
                s = core.createPartitions(a.name, a.count);
            w.string(a.name);
            writeStatus(w, s, true);
            w.tags();
        }
        w.tags();
        done(std::move(body));
    };
    return Status::ok();
}

} // namespace kl::proto
