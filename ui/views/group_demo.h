// Group demo for screenshots (kafkalab --screenshot --view groups) and live tests: an auto
// producer on `topic`, group "orders-app" (3 consumers, range, session.timeout.ms 6000) and
// group "audit" (7 cooperative-sticky consumers: more than 6 partitions, so one is idle); once
// both are Stable, consumer-2 of "orders-app" crashes so the picture shows a rebalance after
// the session timeout. Blocks while pumping the GUI event loop; GUI thread only.
#pragma once

#include <QString>

class Bridge;

namespace groupdemo {

// Returns "" on success, else what failed. timeoutMs bounds the whole run.
QString run(Bridge &bridge, const QString &topic, int timeoutMs = 30000);

} // namespace groupdemo
