// What the group APIs share: an engine job that reaches the coordinator of a group on the
// connection's broker (NOT_COORDINATOR when another broker hosts it), and the opaque bytes
// fields. Network thread builds the job; the engine thread runs it.
#pragma once

#include "group/group_coordinator.h"
#include "protocol/apis.h"

namespace kl::proto {

// `fn` gets the coordinator (nullptr with the error when this broker does not host the group)
// and `done`, which it calls once with the response body, then or later.
using GroupWork = std::function<void(GroupCoordinator *coordinator, ErrorCode error, std::function<void(Bytes)> done)>;

inline EngineJob groupJob(std::string groupId, int32_t broker, GroupWork work)
{
    return [groupId = std::move(groupId), broker, work = std::move(work)](EngineCore &core,
               std::function<void(Bytes)> done) {
        core.withGroupCoordinator(groupId, broker,
            [&](GroupCoordinator *coordinator, ErrorCode error) { work(coordinator, error, std::move(done)); });
    };
}

inline std::vector<uint8_t> readBytes(Reader &in, const char *what)
{
    auto b = in.nullableBytes(what);
    return b ? std::vector<uint8_t>(b->begin(), b->end()) : std::vector<uint8_t>();
}

inline std::optional<std::string_view> optionalView(const std::optional<std::string> &s)
{
    return s ? std::optional<std::string_view>(*s) : std::nullopt;
}

} // namespace kl::proto
