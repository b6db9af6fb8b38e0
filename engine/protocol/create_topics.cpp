// CreateTopics (key 19), v2-v7 (flexible from v5), as Kafka 4.x serves it: each topic with its
// partition count and replication factor (-1: the broker's default, 1 each as Kafka's
// num.partitions and default.replication.factor, v4+) or a replica assignment, and configs by
// Kafka's names. Created on the engine thread, one answer per topic: TOPIC_ALREADY_EXISTS,
// INVALID_PARTITIONS, INVALID_REPLICATION_FACTOR, INVALID_CONFIG ... with the engine's message.
// validate_only checks what can be checked without creating (name, counts, configs, existence).
// v5+ answers with the topic's partitions, replication factor and configs; v7 with its id.
#include "protocol/apis.h"
#include "protocol/topic_configs.h"

#include "core/topic_name.h"

#include <charconv>
#include <fmt/format.h>

namespace kl::proto {

namespace {

struct TopicAsk {
    std::string name;
    int32_t partitions = -1;
    int16_t replicationFactor = -1;
    std::vector<std::vector<int32_t>> assignment;
    TopicConfig config;
    Status problem = Status::ok(); // found while decoding (a config Kafka Lab does not take)
};

struct TopicAnswer {
    std::string name;
    Uuid id;
    Status status = Status::ok();
    TopicConfig config;
};

// What validate_only can say without creating.
Status validateOnly(EngineCore &core, const TopicAsk &t, int32_t brokers)
{
    if (Status s = validateTopicName(t.name); !s)
        return Status::error(ErrorCode::InvalidTopicException, s.message());
    const auto snap = core.makeSnapshot();
    if (snap->topic(t.name))
        return Status::error(ErrorCode::TopicAlreadyExists, fmt::format("Topic '{}' already exists.", t.name));
    if (t.assignment.empty()) {
        if (t.config.partitions < 1)
            return Status::error(ErrorCode::InvalidPartitions, "Number of partitions must be larger than 0.");
        if (t.config.replicationFactor < 1 || t.config.replicationFactor > brokers)
            return Status::error(ErrorCode::InvalidReplicationFactor,
                fmt::format("Replication factor: {} larger than available brokers: {}.", t.config.replicationFactor,
                    brokers));
    }
    return Status::ok();
}

void writeConfigs(Writer &out, const TopicConfig &c)
{
    const auto entries = topicConfigEntries(c);
    out.arrayCount(entries.size());
    for (const ConfigEntry &e : entries) {
        out.string(e.name);
        out.nullableString(std::string_view(e.value));
        out.boolean(e.readOnly);
        out.i8(static_cast<int8_t>(e.source));
        out.boolean(false); // is_sensitive
        out.tags();
    }
}

} // namespace

Status handleCreateTopics(const RequestHeader &header, Reader &in, Writer &, const RequestContext &context,
                          Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = in.flexible();
    std::vector<TopicAsk> topics;
    const int32_t count = in.arrayCount("topics", 8);
    for (int32_t i = 0; i < count && in.ok(); ++i) {
        TopicAsk t;
        t.name = in.string("topics[].name");
        t.partitions = in.i32("topics[].num_partitions");
        t.replicationFactor = in.i16("topics[].replication_factor");
        const int32_t assignments = in.arrayCount("topics[].assignments", 5);
        for (int32_t a = 0; a < assignments && in.ok(); ++a) {
            const int32_t index = in.i32("assignments[].partition_index");
            const int32_t ids = in.arrayCount("assignments[].broker_ids", 4);
            std::vector<int32_t> brokers;
            for (int32_t b = 0; b < ids && in.ok(); ++b)
                brokers.push_back(in.i32("assignments[].broker_ids[]"));
            in.skipTags("assignments[]: tagged fields");
            if (index != a && t.problem)
                t.problem = Status::error(ErrorCode::InvalidReplicaAssignment,
                    fmt::format("the assignment of partition {} comes where partition {} was expected", index, a));
            t.assignment.push_back(std::move(brokers));
        }
        const int32_t configs = in.arrayCount("topics[].configs", 2);
        for (int32_t c = 0; c < configs && in.ok(); ++c) {
            const std::string name = in.string("configs[].name");
            const auto value = in.nullableString("configs[].value");
            in.skipTags("configs[]: tagged fields");
            if (Status s = applyTopicConfig(t.config, name, value); !s && t.problem)
                t.problem = s;
        }
        in.skipTags("topics[]: tagged fields");
        if (t.assignment.empty()) {
            if ((t.partitions == -1 || t.replicationFactor == -1) && v < 4 && t.problem)
                t.problem = Status::error(ErrorCode::InvalidRequest, "-1 (the broker's default) needs CreateTopics v4+");
            t.config.partitions = t.partitions == -1 ? 1 : t.partitions;               // num.partitions
            t.config.replicationFactor = t.replicationFactor == -1 ? 1 : t.replicationFactor; // default.replication.factor
        } else if ((t.partitions != -1 || t.replicationFactor != -1) && t.problem) {
            t.problem = Status::error(ErrorCode::InvalidRequest,
                "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the "
                "same time.");
        }
        topics.push_back(std::move(t));
    }
    in.i32("timeout_ms");
    const bool validate = in.boolean("validate_only");
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");

    const auto brokers = static_cast<int32_t>(context.snapshot->brokers.size());
    answer.changesMetadata = true;
    answer.job = [v, flexible, validate, brokers, topics = std::move(topics)](EngineCore &core, std::function<void(Bytes)> done) {
        std::vector<TopicAnswer> answers;
        for (const TopicAsk &t : topics) {
            TopicAnswer a;
            a.name = t.name;
            a.config = t.config;
            a.status = t.problem;
            if (a.status && validate)
                a.status = validateOnly(core, t, brokers);
            else if (a.status)
                a.status = t.assignment.empty() ? core.createTopic(t.name, t.config)
                                                : core.createTopic(t.name, t.config, t.assignment);
            if (a.status && !validate) {
                const auto snap = core.makeSnapshot();
                if (const TopicSnapshot *created = snap->topic(t.name)) {
                    a.id = created->topicId;
                    a.config = created->config;
                }
            }
            answers.push_back(std::move(a));
        }
        Bytes body;
        Writer out(body, flexible);
        out.i32(0); // throttle_time_ms
        out.arrayCount(answers.size());
        for (const TopicAnswer &a : answers) {
            out.string(a.name);
            if (v >= 7)
                out.uuid(a.id);
            out.i16(static_cast<int16_t>(a.status.code()));
            out.nullableString(a.status ? std::nullopt : std::optional<std::string_view>(a.status.message()));
            if (v >= 5) {
                out.i32(a.status ? a.config.partitions : -1);
                out.i16(static_cast<int16_t>(a.status ? a.config.replicationFactor : -1));
                if (a.status)
                    writeConfigs(out, a.config);
                else
                    out.nullArray();
            }
            out.tags();
        }
        out.tags();
        done(std::move(body));
    };
    return Status::ok();
}

} // namespace kl::proto
