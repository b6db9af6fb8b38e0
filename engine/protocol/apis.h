// The Kafka APIs Kafka Lab serves, one table {key, versions, first flexible version, handler},
// and handleFrame(): one request frame in, one response frame out (docs/PROTOCOL.md).
// Handlers read the engine's published snapshot only, so they run on the network thread and
// never wait for the engine thread. Any thread.
#pragma once

#include "api/engine_core.h"
#include "api/snapshot.h"
#include "codec/codec.h"

#include <functional>
#include <memory>

namespace kl::proto {

enum class ApiKey : int16_t {
    Produce = 0,
    Fetch = 1,
    ListOffsets = 2,
    Metadata = 3,
    OffsetCommit = 8,
    OffsetFetch = 9,
    FindCoordinator = 10,
    JoinGroup = 11,
    Heartbeat = 12,
    LeaveGroup = 13,
    SyncGroup = 14,
    DescribeGroups = 15,
    ListGroups = 16,
    CreateTopics = 19,
    DeleteTopics = 20,
    InitProducerId = 22,
    CreatePartitions = 37,
    DeleteGroups = 42,
    OffsetForLeaderEpoch = 23,
    DescribeConfigs = 32,
    DescribeCluster = 60,
    IncrementalAlterConfigs = 44,
    DescribeLogDirs = 35,
    AlterConfigs = 33,
    ApiVersions = 18,
};

// Where clients reach a broker (Metadata's brokers, the bootstrap string).
struct BrokerEndpoint {
    int32_t id = 0;
    std::string host;
    int32_t port = 0;
};

struct RequestHeader {
    int16_t apiKey = 0;
    int16_t apiVersion = 0;
    int32_t correlationId = 0;
    std::optional<std::string> clientId;
};

// What a request is answered from.
struct RequestContext {
    std::shared_ptr<const ClusterSnapshot> snapshot;
    std::vector<BrokerEndpoint> endpoints; // every broker's listener, by id order
    int32_t broker = 0;                    // the broker the connection reached
    std::string clientHost = "/127.0.0.1"; // the client's address, as Kafka shows it
};

// Whether broker `id` is running (not crashed): Metadata and DescribeCluster list only those.
bool brokerUp(const ClusterSnapshot &snap, int32_t id);
// The endpoints of the running brokers, in `endpoints`' order.
std::vector<const BrokerEndpoint *> liveEndpoints(const ClusterSnapshot &snap, const std::vector<BrokerEndpoint> &endpoints);

// Work a request needs from the engine itself (creating a topic): runs on the engine thread and
// completes with the response body, once (then or later). `flexible` is the encoding to write.
using EngineJob = std::function<void(EngineCore &core, std::function<void(Bytes body)> done)>;

// The answer to one request: the whole response frame (size prefix included), or, when the
// engine must act first, a job whose body responseFrame() wraps.
struct Answer {
    Bytes frame;
    EngineJob job;
    int32_t correlationId = 0;
    bool flexibleHeader = false; // response header v1
    bool noResponse = false;     // Produce with acks=0: the client reads no response
    // The job changes what Metadata answers (topics, partitions): its response waits for the
    // snapshot showing the change, so the client's next Metadata request sees it.
    bool changesMetadata = false;
};

// Reads the request body from `in` and either writes the response body to `out` (both in the
// version's encoding) or sets answer.job to answer from the engine thread (and noResponse when
// the client expects none); an error Status means the request was malformed.
using Handler = Status (*)(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                           Answer &answer);

struct ApiSpec {
    ApiKey key;
    const char *name;
    int16_t minVersion;
    int16_t maxVersion;
    int16_t firstFlexible; // versions from this one on use the flexible encoding
    Handler handler;
};

// Every API served, by key (ApiVersions lists exactly these).
const std::vector<ApiSpec> &servedApis();
const ApiSpec *findApi(int16_t key);

// Answers one request frame (the bytes after its INT32 size). An error means the connection
// must be closed; its message says why (an unknown api key, a version not served, a truncated
// or garbled request).
Result<Answer> handleFrame(ByteSpan frame, const RequestContext &context);
// The response frame around a job's body.
Bytes responseFrame(const Answer &answer, const Bytes &body);
// Only what goes before a job's body of `bodySize` bytes (the size, the response header), for a
// writer that sends the two as one gathered write instead of copying the body into a frame.
Bytes responseHead(const Answer &answer, size_t bodySize);

// The handlers, one file each.
Status handleApiVersions(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleMetadata(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleCreateTopics(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleProduce(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleFetch(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleListOffsets(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleFindCoordinator(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleJoinGroup(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleSyncGroup(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleHeartbeat(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleLeaveGroup(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleOffsetCommit(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleOffsetFetch(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleInitProducerId(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleDescribeGroups(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleListGroups(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleDeleteGroups(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleDeleteTopics(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleCreatePartitions(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleOffsetForLeaderEpoch(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleDescribeConfigs(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleDescribeCluster(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleIncrementalAlterConfigs(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleDescribeLogDirs(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);
Status handleAlterConfigs(const RequestHeader &, Reader &, Writer &, const RequestContext &, Answer &);

} // namespace kl::proto
