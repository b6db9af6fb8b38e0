// Kafka's error codes, with Kafka's numbers (org.apache.kafka.common.protocol.Errors).
// Used by the engine's Status, by events, and later on the wire. Plain data; any thread.
#pragma once

#include <cstdint>
#include <string_view>

namespace kl {

enum class ErrorCode : int16_t {
    UnknownServerError = -1,        // an unexpected failure on the broker
    None = 0,                       // success
    OffsetOutOfRange = 1,           // the requested offset is not in the log
    CorruptMessage = 2,             // a record batch failed its CRC or size checks
    UnknownTopicOrPartition = 3,    // no such topic or partition
    InvalidFetchSize = 4,           // fetch size is invalid
    LeaderNotAvailable = 5,         // no leader elected right now
    NotLeaderOrFollower = 6,        // this broker is not the leader (or a replica) for it
    RequestTimedOut = 7,            // the request did not complete in time
    BrokerNotAvailable = 8,         // the broker is not running
    ReplicaNotAvailable = 9,        // the replica is not available
    MessageTooLarge = 10,           // a record or batch exceeds max.message.bytes
    OffsetMetadataTooLarge = 12,    // commit metadata too large
    NetworkException = 13,          // the connection broke
    CoordinatorLoadInProgress = 14, // the coordinator is still loading offsets
    CoordinatorNotAvailable = 15,   // the coordinator is not available
    NotCoordinator = 16,            // this broker is not the group's coordinator
    InvalidTopicException = 17,     // the topic name is not valid
    RecordListTooLarge = 18,        // a produce request is larger than the segment size
    NotEnoughReplicas = 19,         // ISR smaller than min.insync.replicas; nothing appended
    NotEnoughReplicasAfterAppend = 20, // appended, but the ISR shrank while waiting
    InvalidRequiredAcks = 21,       // acks is not -1, 0 or 1
    IllegalGeneration = 22,         // the member's generation is stale
    InconsistentGroupProtocol = 23, // the member's protocols do not match the group's
    InvalidGroupId = 24,            // the group id is empty or invalid
    UnknownMemberId = 25,           // the coordinator does not know this member
    InvalidSessionTimeout = 26,     // session timeout outside the broker's allowed range
    RebalanceInProgress = 27,       // the group is rebalancing; rejoin
    InvalidCommitOffsetSize = 28,   // commit offset data too large
    InvalidTimestamp = 32,          // a record timestamp is out of the accepted range
    UnsupportedVersion = 35,        // the API version is not supported
    TopicAlreadyExists = 36,        // a topic with this name exists
    InvalidPartitions = 37,         // the partition count is invalid (e.g. a decrease)
    InvalidReplicationFactor = 38,  // the replication factor is invalid
    InvalidReplicaAssignment = 39,  // the replica assignment is invalid
    InvalidConfig = 40,             // a configuration value is invalid
    NotController = 41,             // this broker is not the controller
    InvalidRequest = 42,            // the request is malformed
    UnsupportedForMessageFormat = 43, // not supported by this message format
    PolicyViolation = 44,           // a topic/config policy refused it
    OutOfOrderSequenceNumber = 45,  // an idempotent producer's batch does not follow its last sequence
    InvalidProducerEpoch = 47,      // the producer's epoch is older than the one the broker knows
    InvalidTxnState = 48,           // the producer tried a transactional operation the broker cannot do
    KafkaStorageError = 56,         // a disk error on the broker
    LogDirNotFound = 57,            // the log directory does not exist
    UnknownProducerId = 59,         // the broker no longer knows the producer id
    NonEmptyGroup = 68,             // the group still has members
    GroupIdNotFound = 69,           // no such group
    FetchSessionIdNotFound = 70,    // the fetch session the client names does not exist
    FencedLeaderEpoch = 74,         // the leader epoch in the request is stale
    UnknownLeaderEpoch = 75,        // the leader epoch in the request is newer than ours
    OffsetNotAvailable = 78,        // the offset asked for is not known yet (a leader catching up)
    MemberIdRequired = 79,          // a new member must rejoin with the id it was given
    FencedInstanceId = 82,          // a static member with this instance id was replaced
    InvalidRecord = 87,             // a record batch breaks a rule the broker checks (one batch, magic 2, ...)
    UnknownTopicId = 100,           // no topic has this id
    MismatchedEndpointType = 114,   // DescribeCluster asked a broker for the controllers' endpoints
    UnsupportedEndpointType = 115,  // DescribeCluster with an endpoint type that is neither 1 nor 2
};

// Kafka's name for the code, e.g. "NOT_ENOUGH_REPLICAS".
std::string_view errorName(ErrorCode code);
// One plain-English sentence saying what the code means.
std::string_view errorDescription(ErrorCode code);

} // namespace kl
