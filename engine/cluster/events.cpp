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
    case EventType::ProduceRefused:
        return "produce_refused";
    case EventType::AutoProducerStarted:
        return "auto_producer_started";
    case EventType::AutoProducerFinished:
        return "auto_producer_finished";
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
