// A topic's configs as Kafka names and types them: read from CreateTopics and
// IncrementalAlterConfigs, written in CreateTopics' answer (v5+) and DescribeConfigs.
#pragma once

#include "api/engine_core.h"
#include "api/snapshot.h"
#include "codec/codec.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kl::proto {

// ConfigResource types (DescribeConfigs, AlterConfigs, IncrementalAlterConfigs).
constexpr int8_t kTopicResource = 2;
constexpr int8_t kBrokerResource = 4;

// DescribeConfigs' config_source.
enum class ConfigSource : int8_t {
    DynamicTopic = 1,  // set on the topic (at creation or altered since)
    StaticBroker = 4,  // the broker's own setting (server.properties in Kafka)
    Default = 5,       // nothing set: the default
};

// DescribeConfigs' config_type (v3+).
enum class ConfigType : int8_t { Boolean = 1, String = 2, Int = 3, Long = 5, List = 7 };

struct ConfigEntry {
    std::string name;
    std::string value;
    ConfigSource source = ConfigSource::Default;
    ConfigType type = ConfigType::String;
    bool readOnly = false;
    std::string documentation;
};

// One config by Kafka's name into `config` (null: leave it as it is): INVALID_CONFIG for a value
// out of range or a name Kafka Lab does not take, with the names it takes.
Status applyTopicConfig(TopicConfig &config, const std::string &name, const std::optional<std::string> &value);

// A value equal to Kafka Lab's default (TopicConfig {}) is Default, any other DynamicTopic.
std::vector<ConfigEntry> topicConfigEntries(const TopicConfig &config);

// One change of IncrementalAlterConfigs (AlterConfigs' entries are SETs of every config named,
// DELETEs of the rest).
enum class ConfigOperation : int8_t { Set = 0, Delete = 1, Append = 2, Subtract = 3 };
struct ConfigChange {
    std::string name;
    int8_t operation = 0;
    std::optional<std::string> value;
};

// The topic's config after `changes`, in order: SET takes the value (applyTopicConfig's checks),
// DELETE goes back to Kafka Lab's default; APPEND / SUBTRACT are INVALID_CONFIG (no list config
// takes more than "delete"); a key twice, a null SET or an unknown operation INVALID_REQUEST.
Result<TopicConfig> applyConfigChanges(TopicConfig config, const std::vector<ConfigChange> &changes);

// One resource of AlterConfigs / IncrementalAlterConfigs.
struct ConfigResourceAsk {
    int8_t type = 0;
    std::string name;
    std::vector<ConfigChange> changes;
};

// Both APIs' answer body, on the engine thread: per resource, a topic's new config from
// `change(current, changes)`, applied unless validateOnly (UNKNOWN_TOPIC_OR_PARTITION for a topic
// that does not exist); broker configs are read-only here and other types unsupported
// (INVALID_REQUEST). `broker` is the broker asked (named in the broker refusal).
using ConfigChangeFn = std::function<Result<TopicConfig>(const TopicConfig &, const std::vector<ConfigChange> &)>;
Bytes alterConfigResources(EngineCore &core, bool flexible, bool validateOnly, int32_t broker,
    const std::vector<ConfigResourceAsk> &resources, const ConfigChangeFn &change);

} // namespace kl::proto
