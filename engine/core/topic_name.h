// Topic name rules, exactly as Kafka's org.apache.kafka.common.internals.Topic.validate:
// not empty, not "." or "..", at most 249 characters, only ASCII letters, digits, '.', '_', '-'.
// The length counts UTF-16 code units as Java's String.length() does, so the first rule a
// name breaks (and so the message) matches what a real broker would say.
// Pure functions; any thread.
#pragma once

#include "core/status.h"

#include <string_view>

namespace kl {

inline constexpr int kMaxTopicNameLength = 249;

// OK, or INVALID_TOPIC_EXCEPTION naming the broken rule (and the first bad character with
// its position, for an illegal character). `name` is UTF-8.
Status validateTopicName(std::string_view name);

// Kafka's Topic.hasCollision: '.' and '_' may clash in metric names, so "a.b" and "a_b"
// cannot both exist. Identical names collide too.
bool topicNamesCollide(std::string_view a, std::string_view b);

// Kafka's internal topic names (org.apache.kafka.common.internals.Topic). __cluster_metadata is
// the KRaft metadata log: never a topic a client may create.
inline constexpr std::string_view kConsumerOffsetsTopic = "__consumer_offsets";
inline constexpr std::string_view kTransactionStateTopic = "__transaction_state";
inline constexpr std::string_view kShareGroupStateTopic = "__share_group_state";
inline constexpr std::string_view kClusterMetadataTopic = "__cluster_metadata";

// Kafka's Topic.isInternal: the three coordinator topics (not __cluster_metadata).
inline bool isInternalTopic(std::string_view name)
{
    return name == kConsumerOffsetsTopic || name == kTransactionStateTopic || name == kShareGroupStateTopic;
}

// What a learner should not see by default: the internal topics and the metadata log.
inline bool isInternalTopicName(std::string_view name)
{
    return isInternalTopic(name) || name == kClusterMetadataTopic;
}

} // namespace kl
