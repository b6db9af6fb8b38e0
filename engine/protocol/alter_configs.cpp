// AlterConfigs (key 33), v0-v2 (flexible from v2), as Kafka 4.x serves it: the older,
// non-incremental way to change configs (kafka-python's alter_configs, kafkajs' alterConfigs and
// confluent-kafka's alter_configs send it). A topic's configs become exactly the entries given:
// each one SET (checked as CreateTopics checks it: INVALID_CONFIG), every config not given back
// to its default. A key twice or a null value is INVALID_REQUEST; validate_only checks without
// changing. An unknown topic is UNKNOWN_TOPIC_OR_PARTITION; broker configs are read-only here and
// other resource types unsupported (INVALID_REQUEST). The new min.insync.replicas holds from the
// next write; the answer waits for the snapshot that shows the change.
#include "protocol/apis.h"
#include "protocol/topic_configs.h"

#include <fmt/format.h>

namespace kl::proto {

namespace {

constexpr int8_t kTopic = 2;
constexpr int8_t kBroker = 4;

struct ResourceAsk {
    int8_t type = 0;
    std::string name;
    std::vector<ConfigChange> sets;
};

// Every config not named goes back to its default, then each named one is set.
Result<TopicConfig> replaceConfigs(const TopicConfig &current, const std::vector<ConfigChange> &sets)
{
    std::vector<ConfigChange> changes;
    for (const ConfigEntry &e : topicConfigEntries(TopicConfig {})) {
        bool named = false;
        for (const ConfigChange &c : sets)
            named = named || c.name == e.name;
        if (!named)
            changes.push_back({e.name, static_cast<int8_t>(ConfigOperation::Delete), std::nullopt});
    }
    changes.insert(changes.end(), sets.begin(), sets.end());
    return applyConfigChanges(current, changes);
}

} // namespace

Status handleAlterConfigs(const RequestHeader &, Reader &in, Writer &out, const RequestContext &context,
                          Answer &answer)
{
    const bool flexible = out.flexible();
    std::vector<ResourceAsk> resources;
    const int32_t count = in.arrayCount("resources", 3);
    for (int32_t r = 0; r < count && in.ok(); ++r) {
        ResourceAsk &asked = resources.emplace_back();
        asked.type = in.i8("resources[].resource_type");
        asked.name = in.string("resources[].resource_name");
        const int32_t configs = in.arrayCount("resources[].configs", 3);
        for (int32_t c = 0; c < configs && in.ok(); ++c) {
            ConfigChange &set = asked.sets.emplace_back();
            set.name = in.string("configs[].name");
            set.operation = static_cast<int8_t>(ConfigOperation::Set);
            set.value = in.nullableString("configs[].value");
            in.skipTags("configs[]: tagged fields");
        }
        in.skipTags("resources[]: tagged fields");
    }
    const bool validateOnly = in.i8("validate_only") != 0;
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");

    const int32_t broker = context.broker;
    answer.changesMetadata = true; // a DescribeConfigs after the answer sees the change
    answer.job = [flexible, validateOnly, broker, resources = std::move(resources)](EngineCore &core,
                     std::function<void(Bytes)> done) {
        Bytes body;
        Writer w(body, flexible);
        w.i32(0); // throttle_time_ms
        w.arrayCount(resources.size());
        const auto snapshot = core.makeSnapshot();
        for (const ResourceAsk &asked : resources) {
            Status s = Status::ok();
            if (asked.type == kTopic) {
                const TopicSnapshot *topic = snapshot->topic(asked.name);
                if (!topic) {
                    s = Status::error(ErrorCode::UnknownTopicOrPartition,
                        fmt::format("The topic '{}' does not exist.", asked.name));
                } else if (auto replaced = replaceConfigs(topic->config, asked.sets); !replaced) {
                    s = replaced.status();
                } else if (!validateOnly) {
                    s = core.alterTopicConfig(asked.name, *replaced);
                }
            } else if (asked.type == kBroker) {
                s = Status::error(ErrorCode::InvalidRequest,
                    fmt::format("broker {}: Kafka Lab's broker configs are read-only (DescribeConfigs lists them)",
                        asked.name.empty() ? std::to_string(broker) : asked.name));
            } else {
                s = Status::error(ErrorCode::InvalidRequest,
                    fmt::format("Unsupported resource type {} (Kafka Lab alters topics (2))", int(asked.type)));
            }
            w.i16(static_cast<int16_t>(s.code()));
            w.nullableString(s ? std::nullopt : std::optional<std::string_view>(s.message()));
            w.i8(asked.type);
            w.string(asked.name);
            w.tags();
        }
        w.tags();
        done(std::move(body));
    };
    return Status::ok();
}

} // namespace kl::proto
