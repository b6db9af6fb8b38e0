// Event names and the one-line JSON form of an event (kafkalab-broker output, CLI simulate).
#include "api/events.h"

#include <nlohmann/json.hpp>

namespace kl {

std::string_view eventTypeName(EventType type)
{
    switch (type) {
    case EventType::BrokerStarted:
        return "broker_started";
    case EventType::TopicCreated:
        return "topic_created";
    case EventType::TopicDeleted:
        return "topic_deleted";
    case EventType::PartitionsAdded:
        return "partitions_added";
    case EventType::SegmentRolled:
        return "segment_rolled";
    case EventType::SegmentDeleted:
        return "segment_deleted";
    case EventType::LogRecovered:
        return "log_recovered";
    case EventType::StrayReplicaSetAside:
        return "stray_replica_set_aside";
    case EventType::ProduceRefused:
        return "produce_refused";
    case EventType::AutoProducerStarted:
        return "auto_producer_started";
    case EventType::AutoProducerFinished:
        return "auto_producer_finished";
    case EventType::BrokerCrashed:
        return "broker_crashed";
    case EventType::BrokerRestarted:
        return "broker_restarted";
    case EventType::BrokerIsolated:
        return "broker_isolated";
    case EventType::BrokerHealed:
        return "broker_healed";
    case EventType::BrokerFenced:
        return "broker_fenced";
    case EventType::FollowerSlowed:
        return "follower_slowed";
    case EventType::LeaderElected:
        return "leader_elected";
    case EventType::IsrShrunk:
        return "isr_shrunk";
    case EventType::IsrExpanded:
        return "isr_expanded";
    case EventType::HighWatermarkAdvanced:
        return "high_watermark_advanced";
    case EventType::ReplicaTruncated:
        return "replica_truncated";
    case EventType::RecordsLost:
        return "records_lost";
    case EventType::ProduceAcknowledged:
        return "produce_acknowledged";
    case EventType::MemberJoined:
        return "member_joined";
    case EventType::MemberLeft:
        return "member_left";
    case EventType::MemberTimedOut:
        return "member_timed_out";
    case EventType::RebalanceStarted:
        return "rebalance_started";
    case EventType::RebalanceCompleted:
        return "rebalance_completed";
    case EventType::OffsetsCommitted:
        return "offsets_committed";
    case EventType::ConsumerCrashed:
        return "consumer_crashed";
    case EventType::ConsumerStalled:
        return "consumer_stalled";
    case EventType::ConsumerResumed:
        return "consumer_resumed";
    case EventType::CoordinatorMoved:
        return "coordinator_moved";
    case EventType::LagSampled:
        return "lag_sampled";
    case EventType::OrderingViolation:
        return "ordering_violation";
    }
    return "unknown";
}

std::string eventToJson(const Event &event)
{
    // Fields that do not apply (-1, empty, no error) are left out so lines stay short.
    nlohmann::ordered_json j;
    j["seq"] = event.seq;
    j["time_ms"] = event.timeMs;
    j["type"] = std::string(eventTypeName(event.type));
    if (event.broker >= 0)
        j["broker"] = event.broker;
    if (!event.topic.empty())
        j["topic"] = event.topic;
    if (event.partition >= 0)
        j["partition"] = event.partition;
    if (event.offset >= 0)
        j["offset"] = event.offset;
    // Typed replication fields, always in this order. A leader change prints both leaders even
    // when one is -1 (offline), an ISR change both lists even when one is empty.
    if (event.endOffset >= 0)
        j["end_offset"] = event.endOffset;
    const bool leaderChange = event.type == EventType::LeaderElected;
    if (leaderChange || event.oldLeader >= 0)
        j["old_leader"] = event.oldLeader;
    if (leaderChange || event.newLeader >= 0)
        j["new_leader"] = event.newLeader;
    if (event.epoch >= 0)
        j["epoch"] = event.epoch;
    const bool isrChange = event.type == EventType::IsrShrunk || event.type == EventType::IsrExpanded;
    if (isrChange || !event.before.empty())
        j["before"] = event.before;
    if (isrChange || !event.after.empty())
        j["after"] = event.after;
    // Group fields, always in this order.
    if (!event.group.empty())
        j["group"] = event.group;
    if (!event.member.empty())
        j["member"] = event.member;
    if (event.generation >= 0)
        j["generation"] = event.generation;
    if (event.lag >= 0)
        j["lag"] = event.lag;
    if (!event.kind.empty())
        j["kind"] = event.kind;
    if (!event.key.empty())
        j["key"] = event.key;
    if (event.sequence >= 0)
        j["sequence"] = event.sequence;
    if (event.count >= 0)
        j["count"] = event.count;
    if (!event.client.empty())
        j["client"] = event.client;
    if (!event.cause.empty())
        j["cause"] = event.cause;
    if (event.causeBroker >= 0)
        j["cause_broker"] = event.causeBroker;
    if (event.value >= 0)
        j["value"] = event.value;
    if (event.limit >= 0)
        j["limit"] = event.limit;
    if (event.total >= 0)
        j["total"] = event.total;
    if (event.producerId >= 0)
        j["producer_id"] = event.producerId;
    if (event.error != ErrorCode::None) {
        j["error"] = std::string(errorName(event.error));
        j["error_code"] = static_cast<int>(event.error);
    }
    if (!event.detail.empty())
        j["detail"] = event.detail;
    // Replace invalid UTF-8 (a topic name or key could carry anything) instead of throwing.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace kl
