#!/usr/bin/python3
"""Real Kafka clients consume in consumer groups from a running kafkalab-broker (issue 11).

Starts `kafkalab-broker --port-base 0` with topic orders (3 partitions, RF 3), produces keyed
records, then:
  - kafka-python (FindCoordinator v0, JoinGroup v2, SyncGroup/Heartbeat/LeaveGroup v1,
    OffsetCommit v2, OffsetFetch v1): two consumers in group "py-group" share the partitions;
    midway one closes (LeaveGroup: a rebalance) and the other takes over its partitions; every
    record is consumed, per key in offset order; the committed offsets, read back by
    KafkaAdminClient.list_consumer_group_offsets, equal the log end offsets (lag 0);
  - confluent-kafka (librdkafka: flexible versions where offered, FindCoordinator v2,
    JoinGroup v5, OffsetCommit v7 ...): a group reads every record, commits synchronously and
    reads its committed offsets back with committed();
  - kafka-python's admin lists both groups (ListGroups on every broker), describes py-group as
    Empty (DescribeGroups) and deletes it (DeleteGroups); librdkafka's list_groups shows rd-group
    Stable with its member while it consumes;
  - the broker reported the rebalances among its events.
Usage: real_clients_groups.py --broker PATH --work DIR
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

from broker_process import fail, start_broker

RECORDS = 300


def start_draining(binary, data_dir):
    proc, event = start_broker(binary, data_dir, "--create-topic", "orders:3:3")
    # Keep reading its events so its stdout never fills.
    lines = []
    threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True).start()
    return proc, event, lines


def produce(bootstrap):
    from kafka import KafkaProducer
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
    for i in range(RECORDS):
        producer.send("orders", key=b"user-%d" % (i % 10), value=b"%d" % i)
    producer.flush(30)
    producer.close()


def check_kafka_python(bootstrap):
    from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
    seen = []
    lock = threading.Lock()
    half = threading.Event()
    stop = threading.Event()
    assignments = {}

    def run(name, leave_at_half):
        consumer = KafkaConsumer("orders", bootstrap_servers=bootstrap, group_id="py-group", client_id=name,
                                 auto_offset_reset="earliest", enable_auto_commit=False,
                                 session_timeout_ms=10000, heartbeat_interval_ms=1000, max_poll_records=10)
        try:
            while not stop.is_set():
                batch = consumer.poll(timeout_ms=200)
                for tp, records in batch.items():
                    with lock:
                        for r in records:
                            seen.append((name, r.partition, r.offset, r.key, int(r.value)))
                        if len(seen) >= RECORDS // 2:
                            half.set()
                if batch:
                    consumer.commit()
                assignments.setdefault(name, []).append(sorted(tp.partition for tp in consumer.assignment()))
                if leave_at_half and half.is_set():
                    return
                with lock:
                    if len({(p, o) for (_, p, o, _, _) in seen}) >= RECORDS:
                        if consumer.assignment():
                            consumer.commit()
                        stop.set()
        finally:
            consumer.close()  # LeaveGroup

    threads = [threading.Thread(target=run, args=("py-a", False)), threading.Thread(target=run, args=("py-b", True))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    if any(t.is_alive() for t in threads):
        stop.set()
        fail("kafka-python's group did not finish; it read %d of %d records" % (len(seen), RECORDS))
    unique = {(p, o): (k, v) for (_, p, o, k, v) in seen}
    if len(unique) != RECORDS:
        fail("kafka-python's group read %d distinct records of %d" % (len(unique), RECORDS))
    if sorted(v for (_, v) in unique.values()) != list(range(RECORDS)):
        fail("kafka-python's group lost or changed records")
    # Per key, the values come in produce order (offset order within a partition).
    by_key = {}
    for (p, o) in sorted(unique):
        k, v = unique[(p, o)]
        if by_key.get(k, -1) > v:
            fail("key %r read out of order at %d/%d" % (k, p, o))
        by_key[k] = v
    shared = [a for a in assignments.get("py-a", []) if a and len(a) < 3]
    if not shared:
        fail("py-a never shared the partitions with py-b: %r" % assignments.get("py-a"))
    if assignments["py-a"][-1] != [0, 1, 2]:
        fail("after py-b left, py-a did not take every partition: %r" % assignments["py-a"][-1])
    readers = {name for (name, _, _, _, _) in seen}
    if readers != {"py-a", "py-b"}:
        fail("only %r consumed" % readers)
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    committed = admin.list_consumer_group_offsets("py-group")
    admin.close()
    consumer = KafkaConsumer(bootstrap_servers=bootstrap)
    ends = consumer.end_offsets([TopicPartition("orders", p) for p in range(3)])
    consumer.close()
    for tp, end in ends.items():
        if tp not in committed or committed[tp].offset != end:
            fail("py-group committed %r, the log ends at %r" % (committed, ends))
    return ends


def check_confluent(bootstrap, ends):
    from confluent_kafka import Consumer, TopicPartition
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "rd-group", "auto.offset.reset": "earliest",
                         "enable.auto.commit": False, "session.timeout.ms": 10000})
    consumer.subscribe(["orders"])
    got = set()
    deadline = time.time() + 60
    while len(got) < RECORDS and time.time() < deadline:
        m = consumer.poll(0.5)
        if m is None:
            continue
        if m.error():
            fail("confluent-kafka: %s" % m.error())
        got.add((m.partition(), m.offset()))
    if len(got) != RECORDS:
        fail("confluent-kafka's group read %d of %d records" % (len(got), RECORDS))
    consumer.commit(asynchronous=False)
    committed = consumer.committed([TopicPartition("orders", p) for p in range(3)], timeout=10)
    # The live group through librdkafka's ListGroups + DescribeGroups.
    from confluent_kafka.admin import AdminClient
    listed = {g.id: g for g in AdminClient({"bootstrap.servers": bootstrap}).list_groups(timeout=10)}
    live = listed.get("rd-group")
    if live is None or live.state != "Stable" or len(live.members) != 1 or live.protocol_type != "consumer":
        fail("list_groups shows rd-group as %r" % (live and (live.state, live.protocol_type, len(live.members))))
    if live.members[0].client_host != "/127.0.0.1" or not live.members[0].assignment:
        fail("rd-group's member is %r" % vars(live.members[0]))
    consumer.close()
    for tp in committed:
        want = ends[next(k for k in ends if k.partition == tp.partition)]
        if tp.error or tp.offset != want:
            fail("rd-group committed %r at partition %d, the log ends at %d" % (tp.offset, tp.partition, want))


def check_group_admin(bootstrap):
    """kafka-python's admin: ListGroups on every broker, DescribeGroups, DeleteGroups."""
    from kafka import KafkaAdminClient
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    listed = sorted(admin.list_consumer_groups())
    if ("py-group", "consumer") not in listed or ("rd-group", "consumer") not in listed:
        fail("list_consumer_groups: %r" % listed)
    described = admin.describe_consumer_groups(["py-group"])[0]
    if described.state != "Empty" or described.members:
        fail("describe_consumer_groups(py-group): %r" % (described,))
    deleted = admin.delete_consumer_groups(["py-group"])
    if [(g, e.errno) for g, e in deleted] != [("py-group", 0)]:
        fail("delete_consumer_groups: %r" % deleted)
    if any(g == "py-group" for g, _ in admin.list_consumer_groups()):
        fail("py-group is still listed after its deletion")
    if admin.list_consumer_group_offsets("py-group"):
        fail("py-group still has committed offsets after its deletion")
    admin.close()


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--broker", required=True)
    args.add_argument("--work", required=True)
    opts = args.parse_args()
    shutil.rmtree(opts.work, ignore_errors=True)
    os.makedirs(opts.work)
    proc, listening, events = start_draining(opts.broker, os.path.join(opts.work, "data"))
    bootstrap = listening["bootstrap_servers"]
    try:
        time.sleep(0.5)
        produce(bootstrap)
        ends = check_kafka_python(bootstrap)
        check_confluent(bootstrap, ends)
        check_group_admin(bootstrap)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        err = proc.stderr.read()
    if proc.returncode != 0:
        fail("kafkalab-broker exited %d: %s" % (proc.returncode, err))
    kinds = [json.loads(line).get("type") for line in events if line.startswith("{")]
    if "rebalance_started" not in kinds:
        fail("the broker reported no rebalance: %r" % sorted(set(kinds)))
    print("ok: kafka-python's two-member group (one left midway) and confluent-kafka's group read all %d records "
          "and committed the log end offsets %r" % (RECORDS, sorted((tp.partition, o) for tp, o in ends.items())))


if __name__ == "__main__":
    main()
