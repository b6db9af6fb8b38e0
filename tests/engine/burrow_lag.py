#!/usr/bin/python3
"""Burrow reads Kafka Lab's __consumer_offsets and reports the group's lag (issue 11).

Burrow (Debian 12's 1.2.1, LinkedIn's lag checker, built on the Sarama client) is an independent
reader of what the engine writes: it tails __consumer_offsets with Fetch and decodes the offset
commit and group metadata records itself, and asks each partition leader for its latest offset
(ListOffsets v0). It keeps its own state in ZooKeeper, so the test starts Debian's ZooKeeper on
loopback for it.

The test starts `kafkalab-broker --port-base 0 --metrics-port 0` with topic orders (3 partitions,
RF 3), produces 90 keyed records with kafka-python, lets group "b-group" read 10 and commit,
starts ZooKeeper and Burrow, waits until Burrow has the partitions' end offsets, then lets the
group read 20 more and commit again.
Burrow's /v3/kafka/lab/consumer/b-group/lag must then report, per partition, the committed
offset, the end offset and the lag kafka-python saw, and the same lag the engine shows (its
/metrics, read from the snapshot the GUI draws).
Burrow 1.2.1 decodes group metadata records only up to value version 2 (Kafka 2.3+ writes 3, as
Kafka Lab does), so it logs "failed to decode" for them and cannot name the owners; lag is not
affected, and owners are not checked here.
Usage: burrow_lag.py --broker PATH --work DIR [--burrow PATH] [--java PATH]
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from broker_process import fail, free_port, start_broker  # noqa: E402

ZOOKEEPER_JAR = "/usr/share/java/zookeeper.jar"


def get_json(url):
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.load(r)


def wait_for(what, probe, seconds, procs):
    """probe() until it returns something other than None; fails naming `what`."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        for name, proc in procs:
            if proc.poll() is not None:
                fail("%s exited (%d) while waiting for %s" % (name, proc.returncode, what))
        try:
            got = probe()
            if got is not None:
                return got
        except (urllib.error.URLError, ConnectionError, socket.timeout, KeyError, ValueError):
            pass
        time.sleep(0.5)
    fail("timed out waiting for " + what)


def start_zookeeper(java, work):
    port = free_port()
    data = os.path.join(work, "zookeeper")
    os.makedirs(data)
    config = os.path.join(work, "zoo.cfg")
    with open(config, "w") as f:
        f.write("tickTime=2000\ndataDir=%s\nclientPort=%d\nclientPortAddress=127.0.0.1\n"
                "admin.enableServer=false\n4lw.commands.whitelist=srvr\n" % (data, port))
    log = open(os.path.join(work, "zookeeper.log"), "w")
    proc = subprocess.Popen([java, "-Xmx128m", "-cp", ZOOKEEPER_JAR, "org.apache.zookeeper.server.ZooKeeperServerMain",
                             config], stdout=log, stderr=subprocess.STDOUT)

    # "srvr" names the mode only once the server takes sessions ("ruok" answers earlier, and a
    # Burrow started then has its session closed and stops).
    def serving():
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(b"srvr")
            answer = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                answer += chunk
        return True if b"Mode: standalone" in answer else None
    wait_for("ZooKeeper to serve sessions", serving, 60, [("ZooKeeper", proc)])
    return proc, port


def start_burrow(binary, work, bootstrap, zookeeper_port):
    http_port = free_port()
    config_dir = os.path.join(work, "burrow")
    os.makedirs(config_dir)
    servers = ", ".join('"%s"' % s for s in bootstrap.split(","))
    with open(os.path.join(config_dir, "burrow.toml"), "w") as f:
        f.write("""[general]
pidfile="{work}/burrow.pid"
[logging]
filename="{work}/burrow.log"
level="debug"
[zookeeper]
servers=["127.0.0.1:{zk}"]
timeout=6
root-path="/burrow"
[client-profile.lab]
client-id="burrow-test"
kafka-version="2.0.0"
[cluster.lab]
class-name="kafka"
servers=[{servers}]
client-profile="lab"
topic-refresh=2
offset-refresh=1
[consumer.lab]
class-name="kafka"
cluster="lab"
servers=[{servers}]
client-profile="lab"
start-latest=false
[httpserver.default]
address="127.0.0.1:{http}"
[storage.default]
class-name="inmemory"
workers=2
intervals=10
expire-group=604800
min-distance=1
""".format(work=work, zk=zookeeper_port, servers=servers, http=http_port))
    log = open(os.path.join(work, "burrow.out"), "w")
    proc = subprocess.Popen([binary, "--config-dir", config_dir], stdout=log, stderr=subprocess.STDOUT)
    return proc, "http://127.0.0.1:%d/v3/kafka/lab" % http_port


def metrics_lag(url, group):
    """The engine's per-partition lag for group, from /metrics."""
    with urllib.request.urlopen(url, timeout=5) as r:
        text = r.read().decode()
    lag = {}
    prefix = 'kafkalab_consumer_group_lag{group="%s",topic="orders",partition="' % group
    for line in text.splitlines():
        if line.startswith(prefix):
            partition, rest = line[len(prefix):].split('"', 1)
            lag[int(partition)] = int(float(rest.split()[-1]))
    return lag


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--broker", required=True)
    args.add_argument("--work", required=True)
    args.add_argument("--burrow", default="/usr/bin/Burrow")
    args.add_argument("--java", default="/usr/bin/java")
    opts = args.parse_args()
    shutil.rmtree(opts.work, ignore_errors=True)
    os.makedirs(opts.work)
    for path in (opts.burrow, opts.java, ZOOKEEPER_JAR):
        if not os.path.exists(path):
            fail("%s is missing: scripts/install-deps installs Burrow and ZooKeeper (burrow, zookeeper)" % path)

    broker, listening = start_broker(opts.broker, os.path.join(opts.work, "data"), "--metrics-port", "0",
                                     "--create-topic", "orders:3:3")
    metrics = None
    while metrics is None:
        line = broker.stdout.readline()
        if not line:
            fail("kafkalab-broker exited before serving /metrics")
        event = json.loads(line)
        if event.get("type") == "metrics":
            metrics = event["url"]
    threading.Thread(target=lambda: [None for _ in broker.stdout], daemon=True).start()
    threading.Thread(target=lambda: [None for _ in broker.stderr], daemon=True).start()
    bootstrap = listening["bootstrap_servers"]
    procs = [("kafkalab-broker", broker)]
    try:
        from kafka import KafkaConsumer, KafkaProducer, TopicPartition
        producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
        for i in range(90):
            producer.send("orders", key=b"key-%d" % (i % 9), value=b"%d" % i)
        producer.flush(30)
        producer.close()
        partitions = [TopicPartition("orders", p) for p in range(3)]

        reader = KafkaConsumer(bootstrap_servers=bootstrap)
        ends = {tp.partition: off for tp, off in reader.end_offsets(partitions).items()}
        reader.close()
        if sum(ends.values()) != 90:
            fail("kafka-python sees end offsets %r, not 90 records" % ends)

        consumer = KafkaConsumer("orders", bootstrap_servers=bootstrap, group_id="b-group",
                                 enable_auto_commit=False, auto_offset_reset="earliest", max_poll_records=10)

        def consume(until):
            read = 0
            deadline = time.time() + 60
            while read < until and time.time() < deadline:
                for records in consumer.poll(timeout_ms=500, max_records=until - read).values():
                    read += len(records)
            consumer.commit()
            return read

        # A first commit before Burrow starts: Burrow stops at once if __consumer_offsets does not
        # exist yet, and Kafka (like Kafka Lab) creates it for the first group that needs it.
        read = consume(10)

        zookeeper, zk_port = start_zookeeper(opts.java, opts.work)
        procs.append(("ZooKeeper", zookeeper))
        burrow, api = start_burrow(opts.burrow, opts.work, bootstrap, zk_port)
        procs.append(("Burrow", burrow))

        # Burrow's cluster module polls the leaders (ListOffsets v0); its topic endpoint shows them.
        def burrow_ends():
            got = get_json(api + "/topic/orders")
            return got["offsets"] if got.get("offsets") == [ends[p] for p in range(3)] else None
        wait_for("Burrow to report orders' end offsets %r" % ends, burrow_ends, 90, procs)

        # A second commit while Burrow tails __consumer_offsets.
        read += consume(20)
        committed = {p: consumer.committed(TopicPartition("orders", p)) or 0 for p in range(3)}
        consumer.close()
        want = {p: ends[p] - committed[p] for p in range(3)}
        if sum(want.values()) != 90 - read:
            fail("kafka-python read %d and committed %r: lag %r does not add up" % (read, committed, want))

        # Burrow tails __consumer_offsets: the commit shows as each partition's last offset.
        def burrow_lag():
            status = get_json(api + "/consumer/b-group/lag")["status"]
            seen = {p["partition"]: p for p in status["partitions"] if p["topic"] == "orders"}
            if len(seen) != 3 or any(seen[p]["end"] is None or seen[p]["end"]["offset"] != committed[p]
                                     for p in range(3)):
                return None
            return status, seen
        status, seen = wait_for("Burrow to see b-group's commit %r" % committed, burrow_lag, 60, procs)
        for p in range(3):
            if seen[p]["current_lag"] != want[p]:
                fail("orders-%d: Burrow says lag %d, kafka-python %d (end %d, committed %d)" %
                     (p, seen[p]["current_lag"], want[p], ends[p], committed[p]))
        if status["totallag"] != sum(want.values()):
            fail("Burrow's total lag %d, kafka-python's %d" % (status["totallag"], sum(want.values())))

        # The engine's own view (what the Groups view draws), sampled once a second.
        def engine_lag():
            lag = metrics_lag(metrics, "b-group")
            return lag if lag == want else None
        wait_for("the engine's lag for b-group to equal Burrow's %r (it shows %r)" %
                 (want, metrics_lag(metrics, "b-group")), engine_lag, 20, procs)
    finally:
        for name, proc in reversed(procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
    if broker.returncode != 0:
        fail("kafkalab-broker exited %d" % broker.returncode)
    print("ok: Burrow reports b-group's lag %r (total %d) from __consumer_offsets, as kafka-python and the engine do"
          % (want, sum(want.values())))


if __name__ == "__main__":
    main()
