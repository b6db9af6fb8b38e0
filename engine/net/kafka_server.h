// KafkaServer: one TCP listener per broker (127.0.0.1 by default; ports portBase, portBase+1,
// ...; port 0 lets the system pick free ones) serving the Kafka protocol to real clients.
// Threading: one network thread runs Asio. It reads a frame, answers it from the engine's
// latest published snapshot (engine/protocol) or, for requests the engine must act on
// (CreateTopics), posts a job to the engine thread, whose answer comes back to the network
// thread; requests on one connection are answered in order (clients pipeline them), the next
// frame is read once the answer is written. The engine thread never waits on a socket, and the
// network thread never waits on the engine. A connection that sends a frame
// over maxRequestBytes, a negative size, a garbled or truncated request, an unknown api key or
// a version not served is closed and the reason logged; the others go on.
// Construct and destroy on one thread; endpoints() and bootstrapServers() from any thread.
#pragma once

#include "api/engine.h"
#include "protocol/apis.h"

#include <memory>
#include <string>
#include <vector>

namespace kl {

struct KafkaServerOptions {
    std::string host = "127.0.0.1";
    int32_t portBase = 9092;         // broker b listens on portBase + b - 1; 0 = any free port
    int32_t brokers = 3;
    int32_t maxRequestBytes = 100 << 20; // socket.request.max.bytes
};

class KafkaServer {
public:
    // Binds every listener (an error names the port and why: "127.0.0.1:9092 is in use") and
    // starts serving.
    static Result<std::unique_ptr<KafkaServer>> start(Engine &engine, const KafkaServerOptions &options);
    ~KafkaServer(); // closes the listeners and every connection

    const std::vector<proto::BrokerEndpoint> &endpoints() const;
    // "127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094"
    std::string bootstrapServers() const;

private:
    KafkaServer();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace kl
