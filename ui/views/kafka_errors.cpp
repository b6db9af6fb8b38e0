#include "views/kafka_errors.h"

#include "core/error_code.h"

#include <QCoreApplication>

namespace kafkaerrors {

QString name(kl::ErrorCode code)
{
    const std::string_view n = kl::errorName(code);
    return QString::fromUtf8(n.data(), static_cast<qsizetype>(n.size()));
}

QString meaning(kl::ErrorCode code)
{
    using E = kl::ErrorCode;
    auto tr = [](const char *text) { return QCoreApplication::translate("KafkaErrors", text); };
    switch (code) {
    case E::None: return tr("No error.");
    case E::UnknownServerError: return tr("An unexpected failure on the broker.");
    case E::OffsetOutOfRange: return tr("The requested offset is outside the partition's log.");
    case E::CorruptMessage: return tr("A record batch failed its size or CRC check.");
    case E::UnknownTopicOrPartition: return tr("The topic or partition does not exist.");
    case E::LeaderNotAvailable: return tr("The partition has no leader right now.");
    case E::NotLeaderOrFollower: return tr("This broker is not the partition's leader.");
    case E::RequestTimedOut: return tr("The request did not complete in time.");
    case E::BrokerNotAvailable: return tr("The broker is not running.");
    case E::NetworkException: return tr("The connection to the broker broke (it may be down).");
    case E::MessageTooLarge: return tr("The record is larger than the topic's max.message.bytes.");
    case E::CoordinatorNotAvailable: return tr("The group's coordinator is not available.");
    case E::NotCoordinator: return tr("This broker is not the group's coordinator.");
    case E::InvalidTopicException: return tr("The topic name is not a valid Kafka topic name.");
    case E::RecordListTooLarge: return tr("The batch is larger than the segment size (segment.bytes).");
    case E::NotEnoughReplicas: return tr("Fewer in-sync replicas than min.insync.replicas: nothing was written.");
    case E::NotEnoughReplicasAfterAppend:
        return tr("Written by the leader, but the ISR shrank below min.insync.replicas before it was replicated.");
    case E::IllegalGeneration: return tr("The member's generation is stale: the group has rebalanced.");
    case E::UnknownMemberId: return tr("The coordinator does not know this member.");
    case E::RebalanceInProgress: return tr("The group is rebalancing: the member must rejoin.");
    case E::TopicAlreadyExists: return tr("A topic with this name already exists.");
    case E::InvalidPartitions: return tr("The partition count is invalid; Kafka can only increase it.");
    case E::InvalidReplicationFactor:
        return tr("The replication factor is larger than the number of brokers, or below 1.");
    case E::InvalidConfig: return tr("A configuration value is invalid.");
    case E::InvalidRequest: return tr("The request is malformed.");
    case E::PolicyViolation: return tr("The request breaks a topic policy of the cluster.");
    case E::OutOfOrderSequenceNumber:
        return tr("The idempotent producer's batch does not follow the last sequence number the leader has.");
    case E::InvalidProducerEpoch:
        return tr("The producer's epoch is older than the one the leader knows: a newer instance replaced it.");
    case E::KafkaStorageError: return tr("The broker could not read or write its log files.");
    default: return tr("See Kafka's documentation of this error code.");
    }
}

} // namespace kafkaerrors
