// A hand-built ClusterSnapshot for the Cluster tab's model and view tests: three brokers in
// three states (broker-1 running and controller, broker-2 crashed, broker-3 isolated) and
// replicas in every role. No engine involved. Test-only.
#pragma once

#include "api/snapshot.h"

#include <memory>

namespace clustertest {

inline kl::ReplicaSnapshot replica(int broker, bool leader, bool inIsr, bool online, int64_t leo)
{
    kl::ReplicaSnapshot r;
    r.broker = broker;
    r.leader = leader;
    r.inIsr = inIsr;
    r.online = online;
    r.logEndOffset = leo;
    r.highWatermark = online ? 0 : leo - 1; // an offline replica: what it last knew, below its LEO
    return r;
}

inline kl::BrokerSnapshot broker(int id, kl::BrokerState state)
{
    kl::BrokerSnapshot b;
    b.id = id;
    b.state = state;
    b.alive = state != kl::BrokerState::Crashed;
    b.dataDir = "/data/broker-" + std::to_string(id);
    return b;
}

// orders-0: replicas [2,3,1], leader 1 (epoch 5), ISR {1}: 2 offline, 3 out of ISR (LEO 8 of 10)
// orders-1: replicas [1,3,2], leader 1 (epoch 2), ISR {1,3}: 3 in ISR, 2 offline
// other-0:  replicas [3,1], leader 3 (epoch 1), ISR {3,1} (3 is isolated: not yet noticed)
inline std::shared_ptr<kl::ClusterSnapshot> snapshot()
{
    auto s = std::make_shared<kl::ClusterSnapshot>();
    s->version = 7;
    s->controllerId = 1;
    s->brokers = {broker(1, kl::BrokerState::Running), broker(2, kl::BrokerState::Crashed),
                  broker(3, kl::BrokerState::Isolated)};
    s->brokers[0].controller = true;
    s->brokers[2].fetchDelayMs = 1000;

    kl::TopicSnapshot orders;
    orders.name = "orders";
    orders.config.partitions = 2;
    orders.config.replicationFactor = 3;
    kl::PartitionSnapshot p0;
    p0.id = 0;
    p0.leader = 1;
    p0.leaderEpoch = 5;
    p0.replicas = {2, 3, 1};
    p0.isr = {1};
    p0.replicaStates = {replica(2, false, false, false, 6), replica(3, false, false, true, 8),
                        replica(1, true, true, true, 10)};
    p0.logEndOffset = 10;
    p0.highWatermark = 10;
    kl::PartitionSnapshot p1;
    p1.id = 1;
    p1.leader = 1;
    p1.leaderEpoch = 2;
    p1.replicas = {1, 3, 2};
    p1.isr = {1, 3};
    p1.replicaStates = {replica(1, true, true, true, 7), replica(3, false, true, true, 7),
                        replica(2, false, false, false, 5)};
    p1.logEndOffset = 7;
    p1.highWatermark = 7;
    orders.partitions = {p0, p1};

    kl::TopicSnapshot other;
    other.name = "other";
    other.config.partitions = 1;
    other.config.replicationFactor = 2;
    kl::PartitionSnapshot q0;
    q0.id = 0;
    q0.leader = 3;
    q0.leaderEpoch = 1;
    q0.replicas = {3, 1};
    q0.isr = {3, 1};
    q0.replicaStates = {replica(3, true, true, true, 4), replica(1, false, true, true, 4)};
    q0.logEndOffset = 4;
    q0.highWatermark = 4;
    other.partitions = {q0};

    s->topics = {orders, other};
    return s;
}

} // namespace clustertest
