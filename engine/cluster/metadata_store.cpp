#include "cluster/metadata_store.h"

#include "cluster/offset_checkpoint.h"
#include "api/commands.h"
#include "core/topic_name.h"
#include "scenario/json_lines.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <limits>
#include <type_traits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

namespace kl {

namespace {

using Json = nlohmann::ordered_json;

Json logConfigToJson(const LogConfig &c)
{
    Json j;
    j["segment.bytes"] = c.segmentBytes;
    j["segment.ms"] = c.segmentMs;
    j["retention.bytes"] = c.retentionBytes;
    j["retention.ms"] = c.retentionMs;
    j["index.interval.bytes"] = c.indexIntervalBytes;
    j["segment.index.bytes"] = c.segmentIndexBytes;
    j["max.message.bytes"] = c.maxMessageBytes;
    return j;
}

Status configError(const char *key, const std::string &rule, int64_t value)
{
    return Status::error(ErrorCode::InvalidConfig, fmt::format("{} {}, got {}", key, rule, value));
}

} // namespace

Status validateLogConfig(const LogConfig &c)
{
    if (c.segmentBytes < 1024)
        return configError("segment.bytes", "must be at least 1024", c.segmentBytes);
    if (c.segmentBytes > INT32_MAX)
        return configError("segment.bytes", "must fit a 32-bit file position", c.segmentBytes);
    if (c.segmentMs < 1)
        return configError("segment.ms", "must be at least 1", c.segmentMs);
    if (c.retentionBytes < -1)
        return configError("retention.bytes", "must be -1 (unlimited) or more", c.retentionBytes);
    if (c.retentionMs < -1)
        return configError("retention.ms", "must be -1 (unlimited) or more", c.retentionMs);
    if (c.indexIntervalBytes < 0)
        return configError("index.interval.bytes", "must not be negative", c.indexIntervalBytes);
    if (c.segmentIndexBytes < 8)
        return configError("segment.index.bytes", "must hold at least one 8-byte entry", c.segmentIndexBytes);
    if (c.maxMessageBytes < 0)
        return configError("max.message.bytes", "must not be negative", c.maxMessageBytes);
    return Status::ok();
}

namespace {

constexpr int32_t kMaxBrokerId = 9; // EngineOptions::brokerCount is 1..9

// Thrown inside the loader only: a finished message ("FILE:LINE:COL: topic 't': field ...").
struct MetadataFailure {
    std::string message;
};

// Reads the parsed document next to its positions, so every refusal names the file, the place,
// the topic and the field.
class MetadataReader {
public:
    MetadataReader(std::string file, const JsonLineNode &root) : m_file(std::move(file)), m_root(root) {}

    [[noreturn]] void fail(const JsonLineNode &at, const std::string &what) const
    {
        throw MetadataFailure {fmt::format("cluster metadata {}:{}:{}: {}", m_file, at.line, at.column, what)};
    }

    static std::string typeName(const nlohmann::json &v)
    {
        if (v.is_number_integer())
            return "an integer";
        if (v.is_number_float())
            return "a number with a fraction";
        if (v.is_string())
            return "a string";
        if (v.is_boolean())
            return "a boolean";
        if (v.is_null())
            return "null";
        if (v.is_array())
            return "an array";
        return "an object";
    }

    // An integer member in [min, max], or `fallback` when absent (required: absent is an error).
    int64_t integer(const nlohmann::json &object, const JsonLineNode &node, const char *key, const std::string &context,
        int64_t min, int64_t max, std::optional<int64_t> fallback) const
    {
        const auto it = object.find(key);
        if (it == object.end()) {
            if (!fallback)
                fail(node, fmt::format("{}field '{}' is missing", context, key));
            return *fallback;
        }
        const JsonLineNode &at = node.memberOrSelf(key);
        if (!it->is_number_integer())
            fail(at, fmt::format("{}field '{}' must be an integer, got {}", context, key, typeName(*it)));
        if (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
            fail(at, fmt::format("{}field '{}' must be in {}..{}, got {}", context, key, min, max, it->dump()));
        const int64_t v = it->get<int64_t>();
        if (v < min || v > max)
            fail(at, fmt::format("{}field '{}' must be in {}..{}, got {}", context, key, min, max, v));
        return v;
    }

    ClusterMetadata read(const nlohmann::json &j) const
    {
        if (!j.is_object())
            fail(m_root, fmt::format("the document must be an object with 'version' and 'topics', got {}", typeName(j)));
        ClusterMetadata metadata;
        integer(j, m_root, "version", "", 1, 1, 1);
        metadata.brokerCount = static_cast<int32_t>(integer(j, m_root, "brokerCount", "", 0, kMaxBrokerId, 0));
        if (const auto it = j.find("nextProducerId"); it != j.end()) {
            if (!it->is_number_unsigned())
                fail(m_root.memberOrSelf("nextProducerId"),
                    fmt::format("field 'nextProducerId' must be a non-negative integer, got {}", typeName(*it)));
            metadata.nextProducerId = it->get<uint64_t>();
        }
        if (const auto it = j.find("clusterId"); it != j.end()) {
            if (!it->is_string())
                fail(m_root.memberOrSelf("clusterId"),
                    fmt::format("field 'clusterId' must be a string, got {}", typeName(*it)));
            metadata.clusterId = it->get<std::string>();
        }
        const auto topics = j.find("topics");
        if (topics == j.end())
            fail(m_root, "field 'topics' is missing");
        const JsonLineNode &topicsNode = m_root.memberOrSelf("topics");
        if (!topics->is_array())
            fail(topicsNode, fmt::format("field 'topics' must be an array, got {}", typeName(*topics)));
        // Broker ids a replica list may name: the file's own broker count, else the engine's limit.
        const int32_t maxBroker = metadata.brokerCount > 0 ? metadata.brokerCount : kMaxBrokerId;
        for (size_t i = 0; i < topics->size(); ++i)
            metadata.topics.push_back(readTopic((*topics)[i], topicsNode.itemOrSelf(i), i, maxBroker, metadata));
        return metadata;
    }

private:
    TopicMetadata readTopic(const nlohmann::json &t, const JsonLineNode &node, size_t index, int32_t maxBroker,
        const ClusterMetadata &earlier) const
    {
        if (!t.is_object())
            fail(node, fmt::format("topics[{}] must be an object, got {}", index, typeName(t)));
        TopicMetadata topic;
        const auto name = t.find("name");
        if (name == t.end())
            fail(node, fmt::format("topics[{}]: field 'name' is missing", index));
        const JsonLineNode &nameNode = node.memberOrSelf("name");
        if (!name->is_string())
            fail(nameNode, fmt::format("topics[{}]: field 'name' must be a string, got {}", index, typeName(*name)));
        topic.name = name->get<std::string>();
        const std::string context = fmt::format("topic '{}': ", topic.name);
        // The same rules as a created topic: the name becomes a directory name under each broker.
        if (Status s = validateTopicName(topic.name); !s)
            fail(nameNode, fmt::format("{}field 'name': {}", context, s.message()));
        if (topic.name == kClusterMetadataTopic)
            fail(nameNode, fmt::format("{}field 'name': {} is the metadata log, not a topic", context, topic.name));
        for (const auto &other : earlier.topics)
            if (topicNamesCollide(other.name, topic.name))
                fail(nameNode,
                    other.name == topic.name
                        ? fmt::format("{}field 'name': the topic appears twice", context)
                        : fmt::format("{}field 'name': collides with topic '{}' ('.' and '_' mean the same in "
                                      "metric names)",
                              context, other.name));
        if (const auto it = t.find("topicId"); it != t.end()) {
            const JsonLineNode &at = node.memberOrSelf("topicId");
            if (!it->is_string())
                fail(at, fmt::format("{}field 'topicId' must be a string, got {}", context, typeName(*it)));
            const std::string text = it->get<std::string>();
            topic.topicId = Uuid::fromString(text);
            if (!topic.topicId)
                fail(at, fmt::format("{}field 'topicId' is '{}', not a base64 Uuid", context, text));
        }
        topic.config.partitions
            = static_cast<int32_t>(integer(t, node, "partitions", context, 1, kMaxPartitions, std::nullopt));
        topic.config.replicationFactor
            = static_cast<int32_t>(integer(t, node, "replicationFactor", context, 1, maxBroker, std::nullopt));
        const int32_t rf = topic.config.replicationFactor;
        if (const auto it = t.find("config"); it != t.end()) {
            const JsonLineNode &configNode = node.memberOrSelf("config");
            if (!it->is_object())
                fail(configNode, fmt::format("{}field 'config' must be an object, got {}", context, typeName(*it)));
            LogConfig &c = topic.config.log;
            const auto field = [&](const char *key, auto &value) {
                using T = std::decay_t<decltype(value)>;
                value = static_cast<T>(integer(*it, configNode, key, context, std::numeric_limits<T>::min(),
                    std::numeric_limits<T>::max(), value));
            };
            field("segment.bytes", c.segmentBytes);
            field("segment.ms", c.segmentMs);
            field("retention.bytes", c.retentionBytes);
            field("retention.ms", c.retentionMs);
            field("index.interval.bytes", c.indexIntervalBytes);
            field("segment.index.bytes", c.segmentIndexBytes);
            field("max.message.bytes", c.maxMessageBytes);
            if (Status s = validateLogConfig(c); !s) {
                // The message starts with the key it is about.
                const std::string key = s.message().substr(0, s.message().find(' '));
                fail(configNode.memberOrSelf(key), fmt::format("{}field 'config.{}': {}", context, key, s.message()));
            }
        }
        topic.config.minInsyncReplicas
            = static_cast<int32_t>(integer(t, node, "min.insync.replicas", context, 1, maxBroker, 1));
        if (const auto it = t.find("unclean.leader.election.enable"); it != t.end()) {
            if (!it->is_boolean())
                fail(node.memberOrSelf("unclean.leader.election.enable"),
                    fmt::format("{}field 'unclean.leader.election.enable' must be a boolean, got {}", context,
                        typeName(*it)));
            topic.config.uncleanLeaderElection = it->get<bool>();
        }
        const auto assignment = t.find("assignment");
        if (assignment == t.end())
            fail(node, fmt::format("{}field 'assignment' is missing", context));
        const JsonLineNode &assignmentNode = node.memberOrSelf("assignment");
        if (!assignment->is_array())
            fail(assignmentNode,
                fmt::format("{}field 'assignment' must be an array of replica lists, got {}", context,
                    typeName(*assignment)));
        if (static_cast<int64_t>(assignment->size()) != topic.config.partitions)
            fail(assignmentNode,
                fmt::format("{}field 'assignment' has {} replica lists but 'partitions' is {}", context,
                    assignment->size(), topic.config.partitions));
        for (size_t p = 0; p < assignment->size(); ++p) {
            const nlohmann::json &list = (*assignment)[p];
            const JsonLineNode &listNode = assignmentNode.itemOrSelf(p);
            const std::string where = fmt::format("{}field 'assignment' (partition {})", context, p);
            if (!list.is_array())
                fail(listNode, fmt::format("{} must be an array of broker ids, got {}", where, typeName(list)));
            if (static_cast<int64_t>(list.size()) != rf)
                fail(listNode,
                    fmt::format("{} has {} replicas but 'replicationFactor' is {}", where, list.size(), rf));
            std::vector<int32_t> replicas;
            for (size_t r = 0; r < list.size(); ++r) {
                const JsonLineNode &at = listNode.itemOrSelf(r);
                if (!list[r].is_number_integer())
                    fail(at, fmt::format("{}: a broker id must be an integer, got {}", where, typeName(list[r])));
                const int64_t broker = list[r].is_number_unsigned() && list[r].get<uint64_t>() > INT32_MAX
                    ? INT64_MAX
                    : list[r].get<int64_t>();
                if (broker < 1 || broker > maxBroker)
                    fail(at,
                        fmt::format("{}: broker {} is outside the cluster's brokers 1..{}", where,
                            list[r].dump(), maxBroker));
                if (std::find(replicas.begin(), replicas.end(), broker) != replicas.end())
                    fail(at, fmt::format("{}: broker {} appears twice in one replica list", where, broker));
                replicas.push_back(static_cast<int32_t>(broker));
            }
            topic.assignment.push_back(std::move(replicas));
        }
        return topic;
    }

    std::string m_file;
    const JsonLineNode &m_root;
};

} // namespace

Result<ClusterMetadata> loadClusterMetadata(const std::filesystem::path &dataDir)
{
    const auto file = dataDir / kMetadataFileName;
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(file, ec);
    if (ec || status.type() == std::filesystem::file_type::not_found)
        return ClusterMetadata {};
    const auto target = std::filesystem::status(file, ec);
    if (target.type() == std::filesystem::file_type::directory)
        return Status::error(ErrorCode::KafkaStorageError,
            fmt::format("cluster metadata {} is a directory, not a file (move it away; the engine writes this "
                        "file itself)",
                file.string()));
    if (target.type() != std::filesystem::file_type::regular)
        return Status::error(ErrorCode::KafkaStorageError,
            fmt::format("cluster metadata {} is not a regular file (a dangling link, a FIFO or a device)",
                file.string()));
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Status::error(ErrorCode::KafkaStorageError,
            fmt::format("cannot read cluster metadata {}: {}", file.string(), std::strerror(errno)));
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (text.empty())
        return Status::error(ErrorCode::KafkaStorageError,
            fmt::format("cluster metadata {} is empty (the engine writes it whole, through a temporary file)",
                file.string()));
    nlohmann::json document;
    if (const JsonTextError error = parseJsonText(text, document, "cluster-metadata.json needs 4"); error.failed())
        return Status::error(ErrorCode::KafkaStorageError,
            fmt::format("cluster metadata {}:{}:{}: {}", file.string(), error.line, error.column, error.reason));
    const JsonLinesResult lines = scanJsonLines(text);
    if (lines.duplicateLine > 0)
        return Status::error(ErrorCode::KafkaStorageError,
            fmt::format("cluster metadata {}:{}:{}: key '{}' appears twice in the same object", file.string(),
                lines.duplicateLine, lines.duplicateColumn, lines.duplicateKey));
    try {
        return MetadataReader(file.string(), lines.root).read(document);
    } catch (const MetadataFailure &failure) {
        return Status::error(ErrorCode::KafkaStorageError, failure.message);
    } catch (const std::exception &e) {
        // Every access is checked first; this is a safety net, not a path we expect.
        return Status::error(
            ErrorCode::KafkaStorageError, fmt::format("cluster metadata {}: internal error: {}", file.string(), e.what()));
    }
}

Status saveClusterMetadata(const std::filesystem::path &dataDir, const ClusterMetadata &metadata)
{
    Json j;
    j["version"] = 1;
    j["brokerCount"] = metadata.brokerCount;
    j["nextProducerId"] = metadata.nextProducerId;
    j["clusterId"] = metadata.clusterId;
    j["topics"] = Json::array();
    for (const auto &t : metadata.topics) {
        Json topic;
        topic["name"] = t.name;
        if (t.topicId)
            topic["topicId"] = t.topicId->toString();
        topic["partitions"] = t.config.partitions;
        topic["replicationFactor"] = t.config.replicationFactor;
        topic["config"] = logConfigToJson(t.config.log);
        topic["min.insync.replicas"] = t.config.minInsyncReplicas;
        topic["unclean.leader.election.enable"] = t.config.uncleanLeaderElection;
        topic["assignment"] = t.assignment;
        j["topics"].push_back(std::move(topic));
    }
    return writeCheckpointFile(
        dataDir / kMetadataFileName, j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n');
}

} // namespace kl
