#include "core/status.h"

#include <fmt/format.h>

namespace kl {

std::string Status::toString() const
{
    if (isOk())
        return "OK";
    return fmt::format("{}: {}", errorName(m_code), m_message);
}

std::string_view errorName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::UnknownServerError: return "UNKNOWN_SERVER_ERROR";
    case ErrorCode::None: return "NONE";
    case ErrorCode::OffsetOutOfRange: return "OFFSET_OUT_OF_RANGE";
    case ErrorCode::CorruptMessage: return "CORRUPT_MESSAGE";
    case ErrorCode::UnknownTopicOrPartition: return "UNKNOWN_TOPIC_OR_PARTITION";
    case ErrorCode::InvalidFetchSize: return "INVALID_FETCH_SIZE";
    case ErrorCode::LeaderNotAvailable: return "LEADER_NOT_AVAILABLE";
    case ErrorCode::NotLeaderOrFollower: return "NOT_LEADER_OR_FOLLOWER";
    case ErrorCode::RequestTimedOut: return "REQUEST_TIMED_OUT";
    case ErrorCode::BrokerNotAvailable: return "BROKER_NOT_AVAILABLE";
    case ErrorCode::ReplicaNotAvailable: return "REPLICA_NOT_AVAILABLE";
    case ErrorCode::MessageTooLarge: return "MESSAGE_TOO_LARGE";
    case ErrorCode::OffsetMetadataTooLarge: return "OFFSET_METADATA_TOO_LARGE";
    case ErrorCode::NetworkException: return "NETWORK_EXCEPTION";
    case ErrorCode::CoordinatorLoadInProgress: return "COORDINATOR_LOAD_IN_PROGRESS";
    case ErrorCode::CoordinatorNotAvailable: return "COORDINATOR_NOT_AVAILABLE";
    case ErrorCode::NotCoordinator: return "NOT_COORDINATOR";
    case ErrorCode::InvalidTopicException: return "INVALID_TOPIC_EXCEPTION";
    case ErrorCode::RecordListTooLarge: return "RECORD_LIST_TOO_LARGE";
    case ErrorCode::NotEnoughReplicas: return "NOT_ENOUGH_REPLICAS";
    case ErrorCode::NotEnoughReplicasAfterAppend: return "NOT_ENOUGH_REPLICAS_AFTER_APPEND";
    case ErrorCode::InvalidRequiredAcks: return "INVALID_REQUIRED_ACKS";
    case ErrorCode::IllegalGeneration: return "ILLEGAL_GENERATION";
    case ErrorCode::InconsistentGroupProtocol: return "INCONSISTENT_GROUP_PROTOCOL";
    case ErrorCode::InvalidGroupId: return "INVALID_GROUP_ID";
    case ErrorCode::UnknownMemberId: return "UNKNOWN_MEMBER_ID";
    case ErrorCode::InvalidSessionTimeout: return "INVALID_SESSION_TIMEOUT";
    case ErrorCode::RebalanceInProgress: return "REBALANCE_IN_PROGRESS";
    case ErrorCode::InvalidCommitOffsetSize: return "INVALID_COMMIT_OFFSET_SIZE";
    case ErrorCode::InvalidTimestamp: return "INVALID_TIMESTAMP";
    case ErrorCode::UnsupportedVersion: return "UNSUPPORTED_VERSION";
    case ErrorCode::TopicAlreadyExists: return "TOPIC_ALREADY_EXISTS";
    case ErrorCode::InvalidPartitions: return "INVALID_PARTITIONS";
    case ErrorCode::InvalidReplicationFactor: return "INVALID_REPLICATION_FACTOR";
    case ErrorCode::InvalidReplicaAssignment: return "INVALID_REPLICA_ASSIGNMENT";
    case ErrorCode::InvalidConfig: return "INVALID_CONFIG";
    case ErrorCode::NotController: return "NOT_CONTROLLER";
    case ErrorCode::InvalidRequest: return "INVALID_REQUEST";
    case ErrorCode::UnsupportedForMessageFormat: return "UNSUPPORTED_FOR_MESSAGE_FORMAT";
    case ErrorCode::PolicyViolation: return "POLICY_VIOLATION";
    case ErrorCode::OutOfOrderSequenceNumber: return "OUT_OF_ORDER_SEQUENCE_NUMBER";
    case ErrorCode::InvalidProducerEpoch: return "INVALID_PRODUCER_EPOCH";
    case ErrorCode::InvalidTxnState: return "INVALID_TXN_STATE";
    case ErrorCode::KafkaStorageError: return "KAFKA_STORAGE_ERROR";
    case ErrorCode::LogDirNotFound: return "LOG_DIR_NOT_FOUND";
    case ErrorCode::UnknownProducerId: return "UNKNOWN_PRODUCER_ID";
    case ErrorCode::NonEmptyGroup: return "NON_EMPTY_GROUP";
    case ErrorCode::GroupIdNotFound: return "GROUP_ID_NOT_FOUND";
    case ErrorCode::FetchSessionIdNotFound: return "FETCH_SESSION_ID_NOT_FOUND";
    case ErrorCode::FencedLeaderEpoch: return "FENCED_LEADER_EPOCH";
    case ErrorCode::UnknownLeaderEpoch: return "UNKNOWN_LEADER_EPOCH";
    case ErrorCode::OffsetNotAvailable: return "OFFSET_NOT_AVAILABLE";
    case ErrorCode::MemberIdRequired: return "MEMBER_ID_REQUIRED";
    case ErrorCode::FencedInstanceId: return "FENCED_INSTANCE_ID";
    case ErrorCode::InvalidRecord: return "INVALID_RECORD";
    case ErrorCode::UnknownTopicId: return "UNKNOWN_TOPIC_ID";
    case ErrorCode::MismatchedEndpointType: return "MISMATCHED_ENDPOINT_TYPE";
    case ErrorCode::UnsupportedEndpointType: return "UNSUPPORTED_ENDPOINT_TYPE";
    }
    return "UNKNOWN_ERROR_CODE";
}

std::string_view errorDescription(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None: return "No error.";
    case ErrorCode::OffsetOutOfRange: return "The requested offset is outside the partition's log.";
    case ErrorCode::CorruptMessage: return "A record batch failed its size or CRC check.";
    case ErrorCode::UnknownTopicOrPartition: return "The topic or partition does not exist.";
    case ErrorCode::LeaderNotAvailable: return "The partition has no leader right now.";
    case ErrorCode::NotLeaderOrFollower: return "This broker is not the partition's leader.";
    case ErrorCode::MessageTooLarge: return "The record is larger than the topic's max.message.bytes.";
    case ErrorCode::InvalidTopicException: return "The topic name is not a valid Kafka topic name.";
    case ErrorCode::NotEnoughReplicas: return "Fewer in-sync replicas than min.insync.replicas: nothing was written.";
    case ErrorCode::TopicAlreadyExists: return "A topic with this name already exists.";
    case ErrorCode::InvalidPartitions: return "The partition count is invalid; Kafka can only increase it.";
    case ErrorCode::InvalidReplicationFactor: return "The replication factor is larger than the number of brokers, or below 1.";
    case ErrorCode::InvalidConfig: return "A configuration value is invalid.";
    case ErrorCode::InvalidRequest: return "The request is malformed.";
    case ErrorCode::OutOfOrderSequenceNumber:
        return "The idempotent producer's batch does not follow the last sequence number the leader has.";
    case ErrorCode::InvalidProducerEpoch:
        return "The producer's epoch is older than the one the leader knows: a newer instance replaced it.";
    case ErrorCode::KafkaStorageError: return "The broker could not read or write its log files.";
    default: return "See Kafka's error code documentation.";
    }
}

} // namespace kl
