// DescribeCluster (key 60), v0-v1 (flexible from v0): the cluster id, the controller and every
// running broker's listener, as Metadata lists them (the Java AdminClient's describeCluster
// asks this). v1's endpoint_type 1 (brokers) is answered; 2 (controllers) is
// MISMATCHED_ENDPOINT_TYPE, as a Kafka broker answers it (controllers have listeners of their
// own there; Kafka Lab's controller role runs inside a broker), anything else
// UNSUPPORTED_ENDPOINT_TYPE. With no authorizer every cluster operation is allowed, so the
// authorized operations asked for are all the cluster resource's.
#include "protocol/apis.h"

#include <fmt/format.h>

namespace kl::proto {

namespace {

// AclOperation codes of the cluster resource's operations: CREATE 5, ALTER 7, DESCRIBE 8,
// CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12.
constexpr int32_t kClusterOperations = (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12);
constexpr int32_t kOperationsNotAsked = INT32_MIN;

} // namespace

Status handleDescribeCluster(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                             Answer &)
{
    const int16_t v = header.apiVersion;
    const bool withOperations = in.i8("include_cluster_authorized_operations") != 0;
    const int8_t endpointType = v >= 1 ? in.i8("endpoint_type") : 1;
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    const ClusterSnapshot &snap = *context.snapshot;
    Status refused = Status::ok();
    if (endpointType == 2)
        refused = Status::error(ErrorCode::MismatchedEndpointType,
            "The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER");
    else if (endpointType != 1)
        refused = Status::error(ErrorCode::UnsupportedEndpointType,
            fmt::format("Unsupported endpoint type {} (1 = brokers, 2 = controllers)", int(endpointType)));
    out.i32(0); // throttle_time_ms
    out.i16(static_cast<int16_t>(refused.code()));
    out.nullableString(refused ? std::nullopt : std::optional<std::string_view>(refused.message()));
    if (v >= 1)
        out.i8(endpointType);
    out.string(snap.clusterId);
    out.i32(refused ? snap.controllerId : -1);
    const auto live = refused ? liveEndpoints(snap, context.endpoints) : std::vector<const BrokerEndpoint *> {};
    out.arrayCount(live.size());
    for (const BrokerEndpoint *e : live) {
        out.i32(e->id);
        out.string(e->host);
        out.i32(e->port);
        out.nullableString(std::nullopt); // rack
        out.tags();
    }
    out.i32(withOperations ? kClusterOperations : kOperationsNotAsked);
    out.tags();
    return Status::ok();
}

} // namespace kl::proto
