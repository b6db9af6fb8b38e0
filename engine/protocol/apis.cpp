// The API table and the request framing (see apis.h).
#include "protocol/apis.h"

#include <fmt/format.h>

namespace kl::proto {

const std::vector<ApiSpec> &servedApis()
{
    // Versions as Apache Kafka 4.x serves them, from their message JSON files; the first
    // flexible version from the same files (KIP-482).
    static const std::vector<ApiSpec> apis {
        {ApiKey::Produce, "Produce", 3, 11, 9, handleProduce},
        {ApiKey::Fetch, "Fetch", 4, 17, 12, handleFetch},
        {ApiKey::ListOffsets, "ListOffsets", 0, 8, 6, handleListOffsets},
        {ApiKey::Metadata, "Metadata", 0, 12, 9, handleMetadata},
        {ApiKey::OffsetCommit, "OffsetCommit", 2, 9, 8, handleOffsetCommit},
        {ApiKey::OffsetFetch, "OffsetFetch", 1, 9, 6, handleOffsetFetch},
        {ApiKey::FindCoordinator, "FindCoordinator", 0, 6, 3, handleFindCoordinator},
        {ApiKey::JoinGroup, "JoinGroup", 2, 9, 6, handleJoinGroup},
        {ApiKey::Heartbeat, "Heartbeat", 0, 4, 4, handleHeartbeat},
        {ApiKey::LeaveGroup, "LeaveGroup", 0, 5, 4, handleLeaveGroup},
        {ApiKey::SyncGroup, "SyncGroup", 0, 5, 4, handleSyncGroup},
        {ApiKey::DescribeGroups, "DescribeGroups", 0, 5, 5, handleDescribeGroups},
        {ApiKey::ListGroups, "ListGroups", 0, 5, 3, handleListGroups},
        {ApiKey::CreateTopics, "CreateTopics", 2, 7, 5, handleCreateTopics},
        {ApiKey::DeleteTopics, "DeleteTopics", 1, 6, 4, handleDeleteTopics},
        {ApiKey::ApiVersions, "ApiVersions", 0, 3, 3, handleApiVersions},
        {ApiKey::InitProducerId, "InitProducerId", 0, 5, 2, handleInitProducerId},
        {ApiKey::CreatePartitions, "CreatePartitions", 0, 3, 2, handleCreatePartitions},
        {ApiKey::DeleteGroups, "DeleteGroups", 0, 2, 2, handleDeleteGroups},
        {ApiKey::OffsetForLeaderEpoch, "OffsetForLeaderEpoch", 2, 4, 4, handleOffsetForLeaderEpoch},
        {ApiKey::DescribeConfigs, "DescribeConfigs", 1, 4, 4, handleDescribeConfigs},
        {ApiKey::DescribeCluster, "DescribeCluster", 0, 1, 0, handleDescribeCluster},
        {ApiKey::IncrementalAlterConfigs, "IncrementalAlterConfigs", 0, 1, 1, handleIncrementalAlterConfigs},
        {ApiKey::DescribeLogDirs, "DescribeLogDirs", 1, 4, 2, handleDescribeLogDirs},
        {ApiKey::AlterConfigs, "AlterConfigs", 0, 2, 2, handleAlterConfigs},
    };
    return apis;
}

const ApiSpec *findApi(int16_t key)
{
    for (const ApiSpec &api : servedApis())
        if (static_cast<int16_t>(api.key) == key)
            return &api;
    return nullptr;
}

namespace {

// ApiVersions at a version it does not know: answered with a v0 body, error UNSUPPORTED_VERSION
// and the ApiVersions range, so the client retries with one it can use (KIP-511).
Bytes unsupportedApiVersions(const RequestHeader &header, const ApiSpec &api)
{
    Bytes frame(4);
    Writer w(frame, false);
    w.i32(header.correlationId);
    w.i16(static_cast<int16_t>(ErrorCode::UnsupportedVersion));
    w.arrayCount(1);
    w.i16(static_cast<int16_t>(api.key));
    w.i16(api.minVersion);
    w.i16(api.maxVersion);
    return frame;
}

void patchSize(Bytes &frame)
{
    const uint32_t size = static_cast<uint32_t>(frame.size() - 4);
    for (int i = 0; i < 4; ++i)
        frame[static_cast<size_t>(i)] = static_cast<uint8_t>(size >> (8 * (3 - i)));
}

} // namespace

Bytes responseFrame(const Answer &answer, const Bytes &body)
{
    Bytes out(4);
    Writer head(out, false);
    head.i32(answer.correlationId);
    if (answer.flexibleHeader)
        head.uvarint(0);
    head.raw(body);
    patchSize(out);
    return out;
}

Bytes responseHead(const Answer &answer, size_t bodySize)
{
    Bytes out(4);
    Writer head(out, false);
    head.i32(answer.correlationId);
    if (answer.flexibleHeader)
        head.uvarint(0);
    const auto size = static_cast<uint32_t>(out.size() - 4 + bodySize);
    for (int i = 0; i < 4; ++i)
        out[static_cast<size_t>(i)] = static_cast<uint8_t>(size >> (8 * (3 - i)));
    return out;
}

bool brokerUp(const ClusterSnapshot &snap, int32_t id)
{
    for (const auto &b : snap.brokers)
        if (b.id == id)
            return b.state != BrokerState::Crashed;
    return false;
}

std::vector<const BrokerEndpoint *> liveEndpoints(const ClusterSnapshot &snap, const std::vector<BrokerEndpoint> &endpoints)
{
    std::vector<const BrokerEndpoint *> live;
    for (const BrokerEndpoint &e : endpoints)
        if (brokerUp(snap, e.id))
            live.push_back(&e);
    return live;
}

Result<Answer> handleFrame(ByteSpan frame, const RequestContext &context)
{
    Reader in(frame, false);
    RequestHeader header;
    header.apiKey = in.i16("request header: api_key");
    header.apiVersion = in.i16("request header: api_version");
    header.correlationId = in.i32("request header: correlation_id");
    if (!in.ok())
        return in.status("request");
    const ApiSpec *api = findApi(header.apiKey);
    if (!api)
        return Status::error(ErrorCode::InvalidRequest,
            fmt::format("api key {} is not served (correlation id {})", header.apiKey, header.correlationId));
    if (header.apiVersion < api->minVersion || header.apiVersion > api->maxVersion) {
        if (api->key == ApiKey::ApiVersions) {
            Answer answer;
            answer.frame = unsupportedApiVersions(header, *api);
            patchSize(answer.frame);
            return answer;
        }
        return Status::error(ErrorCode::UnsupportedVersion,
            fmt::format("{} v{} is not served (Kafka Lab serves v{}-v{}; ApiVersions lists them)", api->name,
                header.apiVersion, api->minVersion, api->maxVersion));
    }
    const std::string request = fmt::format("{} v{}", api->name, header.apiVersion);
    header.clientId = in.classicNullableString("request header: client_id");
    const bool flexible = header.apiVersion >= api->firstFlexible;
    in.setFlexible(flexible);
    in.skipTags("request header: tagged fields");
    if (!in.ok())
        return in.status(request);

    Answer answer;
    answer.correlationId = header.correlationId;
    // Response header v1 (tagged fields) for flexible versions, except ApiVersions: its
    // response header is always v0, so a client can read it before it knows the versions.
    answer.flexibleHeader = flexible && api->key != ApiKey::ApiVersions;
    Bytes body;
    Writer out(body, flexible);
    if (Status s = api->handler(header, in, out, context, answer); !s)
        return Status::error(s.code(), fmt::format("{}: {}", request, s.message()));
    if (!in.ok())
        return in.status(request);
    if (!answer.job && !answer.noResponse)
        answer.frame = responseFrame(answer, body);
    return answer;
}

} // namespace kl::proto
