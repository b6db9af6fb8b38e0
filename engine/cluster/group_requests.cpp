// The group coordinators as real clients reach them (EngineCore::findGroupCoordinator,
// withGroupCoordinator): the same coordinators the simulated consumers use, one per
// __consumer_offsets partition on that partition's leader (groups.h).
#include "cluster/consumer_offsets.h"
#include "cluster/groups.h"

#include <fmt/format.h>

namespace kl {

Result<int32_t> EngineCore::findGroupCoordinator(const std::string &groupId)
{
    if (d->shutDown)
        return Status::error(ErrorCode::CoordinatorNotAvailable, "the engine has been shut down");
    if (Status s = d->ensureOffsetsTopic(); !s)
        return Status::error(ErrorCode::CoordinatorNotAvailable,
            fmt::format("__consumer_offsets cannot be created: {}", s.message()));
    Impl::GroupSystem &groups = d->groups();
    groups.loadAll();
    const int32_t broker = groups.findCoordinator(groupId);
    if (broker < 0)
        return Status::error(ErrorCode::CoordinatorNotAvailable,
            fmt::format("__consumer_offsets-{}, which holds group {}, has no leader now", groups.partitionFor(groupId),
                groupId));
    d->runDeferred();
    return broker;
}

void EngineCore::withGroupCoordinator(const std::string &groupId, int32_t broker,
    const std::function<void(GroupCoordinator *, ErrorCode)> &fn)
{
    if (d->shutDown || !d->topics.count(std::string(kOffsetsTopic))) {
        fn(nullptr, ErrorCode::CoordinatorNotAvailable);
        return;
    }
    Impl::GroupSystem &groups = d->groups();
    groups.loadAll();
    GroupCoordinator *coordinator = groups.coordinatorOn(groupId, broker);
    if (!coordinator)
        fn(nullptr, groups.findCoordinator(groupId) < 0 ? ErrorCode::CoordinatorNotAvailable : ErrorCode::NotCoordinator);
    else
        fn(coordinator, ErrorCode::None);
    d->runDeferred();
}

void EngineCore::forEachGroupCoordinatorOn(int32_t broker, const std::function<void(GroupCoordinator &)> &fn)
{
    if (d->shutDown || !d->groupSystem)
        return;
    for (auto &[partition, slot] : d->groupSystem->coordinators)
        if (slot.broker == broker && slot.coordinator)
            fn(*slot.coordinator);
    d->runDeferred();
}

} // namespace kl
