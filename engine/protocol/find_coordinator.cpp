// FindCoordinator (key 10), v0-v6 (flexible from v3; v4+ asks for many keys at once, KIP-699):
// a group's coordinator is the leader of its __consumer_offsets partition (created on the first
// request, as Kafka does). key_type 1 (a transactional id) gets COORDINATOR_NOT_AVAILABLE:
// Kafka Lab has no transaction coordinator yet.
#include "protocol/apis.h"

#include <fmt/format.h>

namespace kl::proto {

namespace {

struct Found {
    std::string key;
    int32_t node = -1;
    std::string host;
    int32_t port = -1;
    Status status;
};

Found find(EngineCore &core, const std::string &key, int8_t keyType, const std::vector<BrokerEndpoint> &endpoints)
{
    Found f;
    f.key = key;
    if (keyType == 1) {
        f.status = Status::error(ErrorCode::CoordinatorNotAvailable, "Kafka Lab has no transaction coordinator yet");
        return f;
    }
    if (keyType != 0) {
        f.status = Status::error(ErrorCode::InvalidRequest,
            fmt::format("key_type {} is neither a group (0) nor a transaction (1)", keyType));
        return f;
    }
    auto broker = core.findGroupCoordinator(key);
    if (!broker) {
        f.status = broker.status();
        return f;
    }
    for (const BrokerEndpoint &e : endpoints)
        if (e.id == *broker) {
            f.node = e.id;
            f.host = e.host;
            f.port = e.port;
        }
    if (f.node < 0)
        f.status = Status::error(ErrorCode::CoordinatorNotAvailable, fmt::format("broker {} has no listener", *broker));
    return f;
}

} // namespace

Status handleFindCoordinator(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &context,
                             Answer &answer)
{
    const int16_t v = header.apiVersion;
    const bool flexible = out.flexible();
    std::vector<std::string> keys;
    int8_t keyType = 0;
    if (v <= 3)
        keys.push_back(in.string("key"));
    if (v >= 1)
        keyType = in.i8("key_type");
    if (v >= 4) {
        const int32_t count = in.arrayCount("coordinator_keys", 1);
        for (int32_t i = 0; i < count && in.ok(); ++i)
            keys.push_back(in.string("coordinator_keys[]"));
    }
    in.skipTags("tagged fields");
    if (!in.ok())
        return in.status("request body");
    answer.job = [v, flexible, keyType, keys = std::move(keys), endpoints = context.endpoints](EngineCore &core,
                     std::function<void(Bytes)> done) {
        Bytes body;
        Writer w(body, flexible);
        if (v >= 1)
            w.i32(0); // throttle_time_ms
        if (v <= 3) {
            const Found f = find(core, keys.front(), keyType, endpoints);
            w.i16(static_cast<int16_t>(f.status.code()));
            if (v >= 1)
                w.nullableString(f.status ? std::nullopt : std::optional<std::string_view>(f.status.message()));
            w.i32(f.node);
            w.string(f.host);
            w.i32(f.port);
        } else {
            w.arrayCount(keys.size());
            for (const std::string &key : keys) {
                const Found f = find(core, key, keyType, endpoints);
                w.string(f.key);
                w.i32(f.node);
                w.string(f.host);
                w.i32(f.port);
                w.i16(static_cast<int16_t>(f.status.code()));
                w.nullableString(f.status ? std::nullopt : std::optional<std::string_view>(f.status.message()));
                w.tags();
            }
        }
        w.tags();
        done(std::move(body));
    };
    return Status::ok();
}

} // namespace kl::proto
