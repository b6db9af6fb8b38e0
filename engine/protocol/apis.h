// The Kafka APIs Kafka Lab serves, one table {key, versions, first flexible version, handler},
// and handleFrame(): one request frame in, one response frame out (docs/PROTOCOL.md).
// Handlers read the engine's published snapshot only, so they run on the network thread and
// never wait for the engine thread. Any thread.
#pragma once

#include "api/snapshot.h"
#include "protocol/codec.h"

#include <memory>

namespace kl::proto {

enum class ApiKey : int16_t {
    Metadata = 3,
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
};

// Reads the request body from `in` and writes the response body to `out` (both in the
// version's encoding); an error Status means the request was malformed.
using Handler = Status (*)(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context);

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

// Answers one request frame (the bytes after its INT32 size): the whole response frame, size
// prefix included. An error means the connection must be closed; its message says why (an
// unknown api key, a version not served, a truncated or garbled request).
Result<Bytes> handleFrame(ByteSpan frame, const RequestContext &context);

// The handlers (api_versions.cpp, metadata.cpp).
Status handleApiVersions(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context);
Status handleMetadata(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context);

} // namespace kl::proto
