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
    std::vector<ConfigResourceAsk> resources;
    const int32_t count = in.arrayCount("resources", 3);
    for (int32_t r = 0; r < count && in.ok(); ++r) {
        ConfigResourceAsk &asked = resources.emplace_back();
        asked.type = in.i8("resources[].resource_type");
        asked.name = in.string("resources[].resource_name");
        const int32_t configs = in.arrayCount("resources[].configs", 3);
        for (int32_t c = 0; c < configs && in.ok(); ++c) {
            ConfigChange &set = asked.changes.emplace_back();
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
        done(alterConfigResources(core, flexible, validateOnly, broker, resources, replaceConfigs));
    };
    return Status::ok();
}

} // namespace kl::proto
