// A hand-built ClusterSnapshot with consumer groups for the Groups tab, lag chart and ordering
// tests. No engine involved. Test-only.
//   orders: 3 partitions.
//   g1 (range, Stable, generation 5, coordinator broker-2, leader consumer-1):
//     consumer-1 running  [orders-0]        lag 5
//     consumer-2 running  [orders-1]        lag 7
//     consumer-3 stalled  [orders-2]        lag 30
//     consumer-4 running  []                (idle: 4 active members, 3 partitions)
//     consumer-5 crashed  []
//   rebalances: gen 4 (started 1000, joined 4000, stable 4012, moved orders-2: consumer-5 -> consumer-3)
//               gen 5 (started 9000, joined 9500, stable 9520, no partition moved)
//   lag history: total at 1000/2000/3000 = 10/25/42; orders-0: 1000/3000 = 1/5; orders-1: 2000 = 7
//   g2 (roundrobin, PreparingRebalance, generation 1): one real client, rebalance in progress.
#pragma once

#include "api/snapshot.h"

#include <map>
#include <memory>

namespace grouptest {

inline kl::GroupMemberSnapshotView member(const std::string &client, const std::string &state,
                                          std::vector<int> partitions, int64_t lag)
{
    kl::GroupMemberSnapshotView m;
    m.memberId = client + "-7f3a";
    m.clientId = client;
    m.host = "/127.0.0.1";
    m.state = state;
    for (int p : partitions)
        m.assigned.push_back({"orders", p});
    m.lag = lag;
    m.recordsPerSec = state == "running" ? 100 : 0;
    return m;
}

inline kl::GroupPartitionSnapshot partition(int p, int64_t committed, int64_t leo, const std::string &owner,
                                            const std::string &status = "OK")
{
    kl::GroupPartitionSnapshot s;
    s.topic = "orders";
    s.partition = p;
    s.committedOffset = committed;
    s.logEndOffset = leo;
    s.lag = leo - std::max<int64_t>(committed, 0);
    s.owner = owner.empty() ? "" : owner + "-7f3a";
    s.ownerClientId = owner;
    s.status = status;
    return s;
}

inline kl::GroupSnapshot g1()
{
    kl::GroupSnapshot g;
    g.groupId = "g1";
    g.state = "Stable";
    g.generation = 5;
    g.protocolType = "consumer";
    g.assignor = "range";
    g.leader = "consumer-1-7f3a";
    g.coordinator = 2;
    g.members = {member("consumer-1", "running", {0}, 5), member("consumer-2", "running", {1}, 7),
                 member("consumer-3", "stalled", {2}, 30), member("consumer-4", "running", {}, 0),
                 member("consumer-5", "crashed", {}, 0)};
    g.partitions = {partition(0, 10, 15, "consumer-1"), partition(1, -1, 7, "consumer-2", "WARN"),
                    partition(2, 20, 50, "consumer-3", "STALL")};
    g.totalLag = 42;
    kl::RebalanceSnapshot r4;
    r4.generation = 4;
    r4.cause = "member consumer-5 timed out after 10000 ms";
    r4.startedMs = 1000;
    r4.joinCompletedMs = 4000;
    r4.completedMs = 4012;
    r4.moved = {"orders-2: consumer-5 -> consumer-3"};
    kl::RebalanceSnapshot r5;
    r5.generation = 5;
    r5.cause = "consumer-4 joined";
    r5.startedMs = 9000;
    r5.joinCompletedMs = 9500;
    r5.completedMs = 9520;
    g.rebalances = {r4, r5};
    g.ordering.checked = 1200;
    g.ordering.duplicates = 3;
    g.ordering.globalInversions = 57;
    kl::OrderingFindingSnapshot older;
    older.kind = kl::OrderingFindingKind::Gap;
    older.producerId = 7;
    older.key = "key-5";
    older.sequence = 12;
    older.previousSequence = 9;
    older.topic = "orders";
    older.partition = 1;
    older.offset = 30;
    older.processedMs = 1500;
    kl::OrderingFindingSnapshot duplicate;
    duplicate.kind = kl::OrderingFindingKind::Duplicate;
    duplicate.producerId = 8;
    duplicate.key = "key-3";
    duplicate.sequence = 41;
    duplicate.previousSequence = 44;
    duplicate.topic = "orders";
    duplicate.partition = 2;
    duplicate.offset = 77;
    duplicate.processedMs = 2500;
    g.ordering.recent = {older, duplicate};
    g.ordering.gaps = 1;
    g.ordering.producers = {{7, "orders", 700, 0, 0, 1}, {8, "orders", 500, 3, 0, 0}};
    g.lagHistory = std::make_shared<std::vector<kl::LagPoint>>(
        std::vector<kl::LagPoint>{{1000, 10}, {2000, 25}, {3000, 42}});
    g.partitionLagHistory = std::make_shared<std::map<std::string, std::vector<kl::LagPoint>>>(
        std::map<std::string, std::vector<kl::LagPoint>>{{"orders-0", {{1000, 1}, {3000, 5}}},
                                                         {"orders-1", {{2000, 7}}}});
    g.consumedPerSec = 200;
    return g;
}

inline kl::GroupSnapshot g2()
{
    kl::GroupSnapshot g;
    g.groupId = "g2";
    g.state = "PreparingRebalance";
    g.generation = 1;
    g.assignor = "roundrobin";
    g.coordinator = 1;
    kl::GroupMemberSnapshotView real = member("rdkafka", "", {}, 0);
    real.simulated = false;
    real.host = "/10.0.0.9";
    g.members = {real};
    g.partitions = {partition(0, 3, 15, ""), partition(1, 0, 7, ""), partition(2, 0, 50, "")};
    kl::RebalanceSnapshot r;
    r.generation = 1;
    r.cause = "rdkafka joined";
    r.startedMs = 9800;
    g.rebalances = {r};
    return g;
}

inline std::shared_ptr<kl::ClusterSnapshot> snapshot()
{
    auto s = std::make_shared<kl::ClusterSnapshot>();
    s->version = 3;
    s->nowMs = 10000;
    s->startedMs = 500; // engine time = (t - 500) / 1000 s
    kl::TopicSnapshot orders;
    orders.name = "orders";
    orders.config.partitions = 3;
    orders.partitions.resize(3);
    for (int i = 0; i < 3; ++i)
        orders.partitions[static_cast<size_t>(i)].id = i;
    s->topics = {orders};
    s->groups = {g1(), g2()};
    s->producedPerSec = 250;
    return s;
}

} // namespace grouptest
