// IncrementalAlterConfigs (key 44), v0-v1 (flexible from v1): a topic's configs changed one by
// one, as kafka-configs.sh --alter --add-config / --delete-config sends them. Per resource, on
// the engine thread: the topic's current configs, then each operation in order: SET (0) takes
// the value (checked as CreateTopics checks it: INVALID_CONFIG), DELETE (1) goes back to Kafka
// Lab's default; APPEND (2) / SUBTRACT (3) are for list configs, and the one list Kafka Lab has,
// cleanup.policy, only takes "delete", so they are INVALID_CONFIG. A key twice in one resource
// is INVALID_REQUEST (as Kafka). validate_only checks without changing. An unknown topic is
// UNKNOWN_TOPIC_OR_PARTITION; broker configs are read-only here (INVALID_REQUEST), other
// resource types INVALID_REQUEST. The new min.insync.replicas holds from the next write.
#include "protocol/apis.h"
#include "protocol/topic_configs.h"

#include <algorithm>
#include <fmt/format.h>

namespace kl::proto {

Status handleIncrementalAlterConfigs(const RequestHeader &, Reader &in, Writer &out, const RequestContext &context,
                                     Answer &answer)
{
    const bool flexible = out.flexible();
    std::vector<ConfigResourceAsk> resources;
    const int32_t count = in.arrayCount("resources", 3);
    for (int32_t r = 0; r < count && in.ok(); ++r) {
        ConfigResourceAsk &asked = resources.emplace_back();
        asked.type = in.i8("resources[].resource_type");
        asked.name = in.string("resources[].resource_name");
        const int32_t configs = in.arrayCount("resources[].configs", 4);
        for (int32_t c = 0; c < configs && in.ok(); ++c) {
            ConfigChange &change = asked.changes.emplace_back();
            change.name = in.string("configs[].name");
            change.operation = in.i8("configs[].config_operation");
            change.value = in.nullableString("configs[].value");
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
        done(alterConfigResources(core, flexible, validateOnly, broker, resources, applyConfigChanges));
    };
    return Status::ok();
}

} // namespace kl::proto
