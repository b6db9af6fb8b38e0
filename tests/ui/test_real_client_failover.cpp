// A broker crashed from the window under a real producer and a real consumer (issue 11): a live
// engine with its listeners (followers long-polling their leaders, as kafkalab does) and a
// confluent-kafka process (librdkafka, Debian's /usr/bin/python3) that produces 4,000 keyed
// records to `payments` (3 partitions, RF 3, min.insync.replicas 2) with acks=all and
// enable.idempotence=true while a group consumer reads them. Halfway, with records in flight, the
// Bridge crashes the broker leading payments-0 (what the broker card's Crash button does). The controller fences it
// and elects new leaders; the producer gets NOT_LEADER_OR_FOLLOWER, refreshes its metadata and
// carries on; the consumer's group moves to a new coordinator if it has to. Then: every record
// was acknowledged, the consumer read every acknowledged record exactly once (the idempotent
// producer's retries appended nothing twice) and each key's values in the order sent.
#include "bridge/bridge.h"
#include "live_cluster.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const char *kClient = R"PY(
import json, sys, threading, time
from confluent_kafka import Consumer, Producer
bootstrap, total = sys.argv[1], 4000
acked, failed = {}, []
def report(err, msg):
    if err is not None:
        failed.append(str(err))
    else:
        acked[msg.value().decode()] = (msg.partition(), msg.offset())
seen, stop = [], threading.Event()
def consume():
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "payments-readers", "auto.offset.reset": "earliest",
                  "enable.partition.eof": False, "session.timeout.ms": 6000, "heartbeat.interval.ms": 500})
    c.subscribe(["payments"])
    while not stop.is_set():
        m = c.poll(0.2)
        if m is not None and m.error() is None:
            seen.append((m.key().decode(), int(m.value())))
    c.close()
reader = threading.Thread(target=consume)
reader.start()
p = Producer({"bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True, "linger.ms": 2,
              "message.timeout.ms": 90000})
for i in range(total):
    p.produce("payments", key=b"k%d" % (i % 10), value=b"%d" % i, on_delivery=report)
    p.poll(0)
    if i == total // 2:
        print("crash now", flush=True)  # and go on producing: the crash lands with records in flight
    time.sleep(0.001)
left = p.flush(120)
deadline = time.time() + 90
while len(seen) < len(acked) and time.time() < deadline:
    time.sleep(0.2)
time.sleep(1)  # anything read twice would show up now
stop.set()
reader.join()
values = [v for _, v in seen]
last, order_ok = {}, True
for key, value in seen:  # each key's values must come in the order sent
    order_ok = order_ok and last.get(key, -1) < value
    last[key] = value
print(json.dumps({"acked": len(acked), "failed": len(failed), "unflushed": left, "first_failure": failed[:1],
                  "missing": len({int(v) for v in acked} - set(values)), "read": len(values),
                  "distinct": len(set(values)), "order_ok": order_ok}), flush=True)
)PY";

} // namespace

class TestRealClientFailover : public QObject {
    Q_OBJECT
private slots:
    void crashedLeaderUnderRealClients()
    {
        kl::EngineOptions options;
        options.replicaFetchOnAppend = true;
        options.brokerSessionTimeoutMs = 1000; // fenced (and its leaderships moved) a second after the crash
        LiveCluster cluster(options);
        kl::Engine &engine = *cluster.engine;
        Bridge bridge(engine);
        kl::TopicConfig topic;
        topic.partitions = 3;
        topic.replicationFactor = 3;
        topic.minInsyncReplicas = 2;
        bridge.createTopic(QStringLiteral("payments"), topic);
        QTRY_VERIFY(bridge.snapshot() && bridge.snapshot()->topic("payments"));

        QProcess client;
        cluster.startPython(client, kClient);
        QVERIFY(client.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += client.readAllStandardOutput()).contains("crash now"), 60000);
        const int32_t leader = bridge.snapshot()->topic("payments")->partitions[0].leader;
        QVERIFY(leader > 0);
        bridge.crashBroker(leader);
        QTRY_VERIFY(bridge.snapshot()->brokers[static_cast<size_t>(leader - 1)].state == kl::BrokerState::Crashed);
        // The new leader: another broker, in a later epoch.
        QTRY_VERIFY_WITH_TIMEOUT(bridge.snapshot()->topic("payments")->partitions[0].leader > 0
                && bridge.snapshot()->topic("payments")->partitions[0].leader != leader,
            10000);

        QVERIFY(client.waitForFinished(240000));
        out += client.readAllStandardOutput();
        QCOMPARE(client.exitCode(), 0);
        const QByteArray last = out.trimmed().split('\n').last();
        const QJsonObject r = QJsonDocument::fromJson(last).object();
        QVERIFY2(!r.isEmpty(), last.constData());
        QCOMPARE(r.value("failed").toInt(), 0);
        QCOMPARE(r.value("unflushed").toInt(), 0);
        QCOMPARE(r.value("acked").toInt(), 4000);
        QCOMPARE(r.value("missing").toInt(), 0); // nothing acknowledged was lost
        QCOMPARE(r.value("read").toInt(), 4000); // and nothing was read twice
        QCOMPARE(r.value("distinct").toInt(), 4000);
        QVERIFY(r.value("order_ok").toBool());
        // The log agrees: the partitions hold exactly the 4,000 records (the engine's snapshot:
        // the Bridge's refreshes only run in an event loop).
        const auto committedRecords = [&] {
            int64_t records = 0;
            for (const auto &p : engine.snapshot()->topic("payments")->partitions)
                records += p.highWatermark;
            return records;
        };
        QTRY_COMPARE(committedRecords(), int64_t(4000));
    }
};

QTEST_MAIN(TestRealClientFailover)
#include "test_real_client_failover.moc"
