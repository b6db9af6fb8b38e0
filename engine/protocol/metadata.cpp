// Metadata (key 3), v0-v12: the live brokers with their listeners, the cluster id and the
// controller, and each topic's partitions with leader, leader epoch, replicas, ISR and offline
// replicas, read from the engine's latest snapshot.
//  - v0: an empty topic list means every topic; v1+: null means every topic, empty none.
//  - v10+: topics may be asked for by id (name null); v12: a topic's name may be null.
//  - auto.create.topics.enable is on, as Kafka's default: a topic asked for by name that does not
//    exist is created (1 partition, RF 1) when the request allows it (always before v4); an
//    invalid name gets INVALID_TOPIC_EXCEPTION, other refusals UNKNOWN_TOPIC_OR_PARTITION.
#include "protocol/apis.h"

#include <algorithm>

namespace kl::proto {

namespace {

constexpr int32_t kNoAuthorizedOperations = INT32_MIN; // "not requested" in Kafka
constexpr int16_t kUnknownTopicId = 100;                // UNKNOWN_TOPIC_ID

struct AskedTopic {
    std::optional<std::string> name;
    Uuid id;
};

void writeIds(Writer &out, const std::vector<int32_t> &ids)
{
    out.arrayCount(ids.size());
    for (int32_t id : ids)
        out.i32(id);
}

void writeTopic(Writer &out, int16_t version, const TopicSnapshot &topic, const ClusterSnapshot &snap)
{
    out.i16(0);
    out.string(topic.name);
    if (version >= 10)
        out.uuid(topic.topicId);
    if (version >= 1)
        out.boolean(topic.name == "__consumer_offsets" || topic.name == "__transaction_state"); // is_internal
    out.arrayCount(topic.partitions.size());
    for (const PartitionSnapshot &p : topic.partitions) {
        out.i16(static_cast<int16_t>(p.leader < 0 ? ErrorCode::LeaderNotAvailable : ErrorCode::None));
        out.i32(p.id);
        out.i32(p.leader);
        if (version >= 7)
            out.i32(p.leaderEpoch);
        writeIds(out, p.replicas);
        writeIds(out, p.isr);
        if (version >= 5) {
            std::vector<int32_t> offline;
            for (int32_t r : p.replicas)
                if (!brokerUp(snap, r))
                    offline.push_back(r);
            writeIds(out, offline);
        }
        out.tags();
    }
    if (version >= 8)
        out.i32(kNoAuthorizedOperations);
    out.tags();
}

void writeMissing(Writer &out, int16_t version, const AskedTopic &asked, ErrorCode why)
{
    out.i16(!asked.name ? kUnknownTopicId
                        : static_cast<int16_t>(why != ErrorCode::None ? why : ErrorCode::UnknownTopicOrPartition));
    if (version >= 12)
        out.nullableString(asked.name ? std::optional<std::string_view>(*asked.name) : std::nullopt);
    else
        out.string(asked.name ? *asked.name : std::string());
    if (version >= 10)
        out.uuid(asked.id);
    if (version >= 1)
        out.boolean(false);
    out.arrayCount(0);
    if (version >= 8)
        out.i32(kNoAuthorizedOperations);
    out.tags();
}

} // namespace

namespace {

// The response body from `snap`; `refused` holds the error of a topic auto-creation refused
// (an invalid name), by name.
void writeMetadata(Writer &out, int16_t v, const ClusterSnapshot &snap, const std::vector<BrokerEndpoint> &endpoints,
                   const std::vector<AskedTopic> &asked, bool allTopics,
                   const std::vector<std::pair<std::string, ErrorCode>> &refused)
{
    if (v >= 3)
        out.i32(0); // throttle_time_ms
    const auto live = liveEndpoints(snap, endpoints);
    out.arrayCount(live.size());
    for (const BrokerEndpoint *e : live) {
        out.i32(e->id);
        out.string(e->host);
        out.i32(e->port);
        if (v >= 1)
            out.nullableString(std::nullopt); // rack
        out.tags();
    }
    if (v >= 2)
        out.nullableString(snap.clusterId.empty() ? std::nullopt : std::optional<std::string_view>(snap.clusterId));
    if (v >= 1)
        out.i32(snap.controllerId);
    if (allTopics) {
        out.arrayCount(snap.topics.size());
        for (const TopicSnapshot &t : snap.topics)
            writeTopic(out, v, t, snap);
    } else {
        out.arrayCount(asked.size());
        for (const AskedTopic &a : asked) {
            const auto it = std::find_if(snap.topics.begin(), snap.topics.end(), [&](const TopicSnapshot &t) {
                return a.name ? t.name == *a.name : t.topicId == a.id;
            });
            const auto no = std::find_if(refused.begin(), refused.end(),
                [&](const auto &r) { return a.name && r.first == *a.name; });
            if (it != snap.topics.end())
                writeTopic(out, v, *it, snap);
            else
                writeMissing(out, v, a, no != refused.end() ? no->second : ErrorCode::None);
        }
    }
    if (v >= 8 && v <= 10)
        out.i32(kNoAuthorizedOperations); // cluster_authorized_operations
    out.tags();
}

} // namespace

Status handleMetadata(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                      Answer &answer)
{
    const int16_t v = header.apiVersion;
    const int32_t count = in.arrayCount("topics", v >= 10 ? 17 : 2);
    std::vector<AskedTopic> asked;
    for (int32_t i = 0; i < count && in.ok(); ++i) {
        AskedTopic t;
        if (v >= 10)
            t.id = in.uuid("topics[].topic_id");
        t.name = v >= 10 ? in.nullableString("topics[].name") : std::optional<std::string>(in.string("topics[].name"));
        in.skipTags("topics[]: tagged fields");
        asked.push_back(std::move(t));
    }
    // Before v4 a Metadata request for a topic always creates it (auto.create.topics.enable).
    bool allowAutoCreate = true;
    if (v >= 4)
        allowAutoCreate = in.boolean("allow_auto_topic_creation");
    if (v >= 8 && v <= 10)
        in.boolean("include_cluster_authorized_operations");
    if (v >= 8)
        in.boolean("include_topic_authorized_operations");
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    const bool allTopics = count < 0 || (v == 0 && count == 0);

    const ClusterSnapshot &snap = *context.snapshot;
    std::vector<std::string> missing;
    if (!allTopics && allowAutoCreate)
        for (const AskedTopic &a : asked)
            if (a.name && !snap.topic(*a.name)
                && std::find(missing.begin(), missing.end(), *a.name) == missing.end())
                missing.push_back(*a.name);
    if (missing.empty()) {
        writeMetadata(out, v, snap, context.endpoints, asked, allTopics, {});
        return Status::ok();
    }
    // auto.create.topics.enable (Kafka's default, true): asked-for topics that do not exist are
    // created with num.partitions 1 and default.replication.factor 1, on the engine thread; the
    // answer then describes them (Kafka answers LEADER_NOT_AVAILABLE first and the client asks
    // again; here they have leaders at once).
    answer.job = [v, flexible = out.flexible(), endpoints = context.endpoints, asked = std::move(asked),
              missing = std::move(missing)](EngineCore &core, std::function<void(Bytes)> done) {
        std::vector<std::pair<std::string, ErrorCode>> refused;
        for (const std::string &name : missing) {
            TopicConfig config; // partitions 1, replication factor 1: Kafka's broker defaults
            Status s = core.createTopic(name, config);
            if (!s && s.code() != ErrorCode::TopicAlreadyExists)
                refused.emplace_back(name, s.code() == ErrorCode::InvalidTopicException
                        ? ErrorCode::InvalidTopicException : ErrorCode::UnknownTopicOrPartition);
        }
        Bytes body;
        Writer w(body, flexible);
        writeMetadata(w, v, *core.makeSnapshot(), endpoints, asked, false, refused);
        done(std::move(body));
    };
    return Status::ok();
}

} // namespace kl::proto
