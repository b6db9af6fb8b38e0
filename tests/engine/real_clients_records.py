#!/usr/bin/python3
"""Real Kafka clients produce to and consume from a running kafkalab-broker (issue 11).

Starts `kafkalab-broker --port-base 0` with topic orders (3 partitions, RF 3) and checks, with
independent clients and their own encoders:
  - kcat (librdkafka 2.0.2, flexible Produce/Fetch, acks=all) writes keyed records with headers;
    kcat -C reads them back per partition in order with keys and headers intact, each key in the
    partition `kafkalab-cli partition` names (kcat's murmur2_random partitioner is the Java
    client's murmur2);
  - kafka-python (classic Produce v7 / Fetch v4 / ListOffsets v1, gzip) keyed records land where
    its own murmur2 partitioner and `kafkalab-cli partition` both say; its consumer reads every
    record back; end_offsets, beginning_offsets and offsets_for_times agree;
  - confluent-kafka with lz4 and acks=all, an idempotent confluent-kafka producer (InitProducerId;
    its batches stored with its producer id), and kcat with acks=0 (no response is read);
  - refusals by raw Produce v7 frames whose batches kafka-python's record builder made: a
    partition led by another broker (NOT_LEADER_OR_FOLLOWER), a flipped byte (CORRUPT_MESSAGE),
    two batches in one partition (INVALID_RECORD), an unknown topic (UNKNOWN_TOPIC_OR_PARTITION);
    nothing refused is stored;
  - a raw Fetch v4 long poll at the log end waits for max_wait_ms, and one woken by a produce
    answers with the new record long before its wait is over;
  - after SIGTERM and a restart on the same data, kcat reads the same records back.
Usage: real_clients_records.py --broker PATH --cli PATH --work DIR
"""
import argparse
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time

from kafka.record.default_records import DefaultRecordBatchBuilder

from broker_process import fail, recv_exactly, start_broker

RECORDS_PER_TOOL = 60


def stop_broker(proc):
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    if proc.returncode != 0:
        fail("kafkalab-broker exited %d: %s" % (proc.returncode, err))
    return out, err


def cli_partition(cli, key, partitions):
    out = subprocess.run([cli, "partition", "-n", str(partitions), "-k", key], capture_output=True, text=True,
                         check=True).stdout
    return int(out.split("partition:")[1].split()[0])


def kcat(bootstrap, *args, stdin=None):
    run = subprocess.run(["kcat", "-b", bootstrap] + list(args), input=stdin, capture_output=True, text=True,
                         timeout=60)
    if run.returncode != 0:
        fail("kcat %s failed: %s" % (" ".join(args), run.stderr))
    return run.stdout


def read_all(bootstrap, topic):
    """Every record of the topic, as kcat -C -J sees them."""
    out = kcat(bootstrap, "-C", "-t", topic, "-o", "beginning", "-e", "-J", "-q")
    return [json.loads(line) for line in out.splitlines() if line.strip()]


# --- raw frames (Produce v7, Fetch v4, Metadata v1), classic encoding

def string(s):
    b = s.encode()
    return struct.pack(">h", len(b)) + b


def request(api_key, version, correlation, body):
    frame = struct.pack(">hhi", api_key, version, correlation) + string("raw-test") + body
    return struct.pack(">i", len(frame)) + frame


def exchange(port, payload, timeout=30):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(payload)
        size = struct.unpack(">i", recv_exactly(s, 4))[0]
        return recv_exactly(s, size)


def batch(records, timestamp=None):
    builder = DefaultRecordBatchBuilder(magic=2, compression_type=0, is_transactional=0, producer_id=-1,
                                        producer_epoch=-1, base_sequence=-1, batch_size=1 << 20)
    now = int(time.time() * 1000) if timestamp is None else timestamp
    for i, (key, value) in enumerate(records):
        builder.append(i, timestamp=now, key=key, value=value, headers=[])
    return bytes(builder.build())


def produce_v7(port, topic, partition, records_bytes, acks=-1):
    body = struct.pack(">hhi", -1, acks, 10000) + struct.pack(">i", 1) + string(topic) + struct.pack(">i", 1)
    body += struct.pack(">i", partition) + struct.pack(">i", len(records_bytes)) + records_bytes
    reply = exchange(port, request(0, 7, 7, body))
    # correlation, [topic [partition error base_offset log_append_time log_start_offset]], throttle
    pos = 4 + 4
    name_len = struct.unpack_from(">h", reply, pos)[0]
    pos += 2 + name_len + 4
    index, error, base = struct.unpack_from(">ihq", reply, pos)
    return error, base


def fetch_v4(port, topic, partition, offset, max_wait_ms):
    body = struct.pack(">iiiib", -1, max_wait_ms, 1, 1 << 20, 0) + struct.pack(">i", 1) + string(topic)
    body += struct.pack(">i", 1) + struct.pack(">iqi", partition, offset, 1 << 20)
    reply = exchange(port, request(1, 4, 9, body), timeout=max_wait_ms / 1000 + 30)
    # correlation, throttle, [topic [partition error hw lso aborted records]]
    pos = 4 + 4 + 4
    name_len = struct.unpack_from(">h", reply, pos)[0]
    pos += 2 + name_len + 4
    index, error, hw, lso, aborted = struct.unpack_from(">ihqqi", reply, pos)
    pos += 4 + 2 + 8 + 8 + 4
    size = struct.unpack_from(">i", reply, pos)[0]
    return error, hw, reply[pos + 4:pos + 4 + max(size, 0)]


def leaders(port, topic):
    """partition -> leader, from a raw Metadata v1."""
    reply = exchange(port, request(3, 1, 3, struct.pack(">i", 1) + string(topic)))
    pos = 4
    brokers = struct.unpack_from(">i", reply, pos)[0]
    pos += 4
    for _ in range(brokers):
        pos += 4
        pos += 2 + struct.unpack_from(">h", reply, pos)[0]
        pos += 4
        rack = struct.unpack_from(">h", reply, pos)[0]
        pos += 2 + max(rack, 0)
    pos += 4  # controller
    topics = struct.unpack_from(">i", reply, pos)[0]
    pos += 4
    out = {}
    for _ in range(topics):
        pos += 2
        pos += 2 + struct.unpack_from(">h", reply, pos)[0]
        pos += 1
        parts = struct.unpack_from(">i", reply, pos)[0]
        pos += 4
        for _ in range(parts):
            _, index, leader = struct.unpack_from(">hii", reply, pos)
            pos += 10
            for _ in range(2):
                n = struct.unpack_from(">i", reply, pos)[0]
                pos += 4 + 4 * n
            out[index] = leader
    return out


def check_kcat(bootstrap, cli):
    lines = "".join("user-%d:kcat-%d\n" % (i % 12, i) for i in range(RECORDS_PER_TOOL))
    kcat(bootstrap, "-P", "-t", "orders", "-K:", "-H", "source=kcat", "-H", "lang=한국어",
         "-X", "partitioner=murmur2_random", stdin=lines)
    seen = [r for r in read_all(bootstrap, "orders") if (r["payload"] or "").startswith("kcat-")]
    if len(seen) != RECORDS_PER_TOOL:
        fail("kcat -C read %d of kcat's %d records" % (len(seen), RECORDS_PER_TOOL))
    last = {}
    for r in seen:
        i = int(r["payload"].split("-")[1])
        if r["key"] != "user-%d" % (i % 12):
            fail("record %r has the wrong key" % r)
        if r["headers"] != ["source", "kcat", "lang", "한국어"]:
            fail("record %r lost its headers" % r)
        want = cli_partition(cli, r["key"], 3)
        if r["partition"] != want:
            fail("key %s is in partition %d, kafkalab-cli partition says %d" % (r["key"], r["partition"], want))
        if last.get(r["partition"], -1) > i:
            fail("partition %d is out of order at %r" % (r["partition"], r))
        last[r["partition"]] = i
    return len(seen)


def check_kafka_python(bootstrap, cli):
    from kafka import KafkaConsumer, KafkaProducer, TopicPartition
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", compression_type="gzip", linger_ms=5)
    start = int(time.time() * 1000)
    futures = [producer.send("orders", key=b"acct-%d" % (i % 9), value=b"python-%d" % i)
               for i in range(RECORDS_PER_TOOL)]
    producer.flush(30)
    placed = {}
    for i, future in enumerate(futures):
        meta = future.get(timeout=30)
        key = "acct-%d" % (i % 9)
        if meta.partition != cli_partition(cli, key, 3):
            fail("kafka-python put %s in partition %d, kafkalab-cli partition says otherwise" % (key, meta.partition))
        placed[(meta.partition, meta.offset)] = b"python-%d" % i
    producer.close()
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, consumer_timeout_ms=4000)
    parts = [TopicPartition("orders", p) for p in range(3)]
    consumer.assign(parts)
    consumer.seek_to_beginning()
    got = {(m.partition, m.offset): m.value for m in consumer}
    for where, value in placed.items():
        if got.get(where) != value:
            fail("kafka-python's record at %r reads back as %r, not %r" % (where, got.get(where), value))
    ends = consumer.end_offsets(parts)
    counts = {p: sum(1 for (pp, _) in got if pp == p) for p in range(3)}
    for tp, end in ends.items():
        if end != counts[tp.partition]:
            fail("end_offsets %r, but %d records were read from partition %d" % (ends, counts[tp.partition],
                                                                                  tp.partition))
    if any(v != 0 for v in consumer.beginning_offsets(parts).values()):
        fail("beginning_offsets are not 0")
    # offsets_for_times: the first of kafka-python's records in each partition holding one.
    times = consumer.offsets_for_times({tp: start for tp in parts})
    for tp, found in times.items():
        first = min((o for (p, o) in placed if p == tp.partition), default=None)
        if first is None:
            continue
        if found is None or found.offset > first:
            fail("offsets_for_times(%d) in partition %d gave %r, kafka-python's first record is at %d" %
                 (start, tp.partition, found, first))
    future = consumer.offsets_for_times({parts[0]: int(time.time() * 1000) + 3600_000})
    if future[parts[0]] is not None:
        fail("offsets_for_times an hour ahead found %r" % future[parts[0]])
    consumer.close()
    return len(placed)


def check_confluent(bootstrap):
    from confluent_kafka import Consumer, Producer, TopicPartition
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "compression.type": "lz4",
                         "linger.ms": 5, "enable.idempotence": False})
    delivered = []
    for i in range(RECORDS_PER_TOOL):
        producer.produce("orders", key="c-%d" % (i % 5), value="confluent-%d" % i,
                         on_delivery=lambda err, msg: delivered.append((err, msg.partition(), msg.offset(),
                                                                        msg.value())))
    producer.flush(30)
    if len(delivered) != RECORDS_PER_TOOL or any(d[0] for d in delivered):
        fail("confluent-kafka delivery reports: %r" % [d for d in delivered if d[0]][:3])
    # An idempotent producer (InitProducerId, then its id, epoch and sequences in every batch).
    idempotent = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "linger.ms": 5})
    for i in range(RECORDS_PER_TOOL):
        idempotent.produce("orders", key="i-%d" % (i % 5), value="idempotent-%d" % i,
                           on_delivery=lambda err, msg: delivered.append((err, msg.partition(), msg.offset(),
                                                                          msg.value())))
    idempotent.flush(30)
    if len(delivered) != 2 * RECORDS_PER_TOOL or any(d[0] for d in delivered):
        fail("the idempotent producer's delivery reports: %r" % [d for d in delivered if d[0]][:3])
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "unused", "enable.auto.commit": False})
    consumer.assign([TopicPartition("orders", p, 0) for p in range(3)])
    got = {}
    deadline = time.time() + 30
    while len([v for v in got.values() if v.startswith((b"confluent-", b"idempotent-"))]) < 2 * RECORDS_PER_TOOL \
            and time.time() < deadline:
        m = consumer.poll(0.5)
        if m is not None and not m.error():
            got[(m.partition(), m.offset())] = m.value()
    consumer.close()
    for err, partition, offset, value in delivered:
        if got.get((partition, offset)) != value:
            fail("confluent-kafka's %r at %d/%d reads back as %r" % (value, partition, offset,
                                                                      got.get((partition, offset))))
    return len(delivered)


def check_refusals(ports):
    lead = leaders(ports[1], "orders")
    partition = 0
    leader = lead[partition]
    other = next(b for b in ports if b != leader)
    good = batch([(b"raw", b"raw-ok")])
    error, base = produce_v7(ports[leader], "orders", partition, good)
    if error != 0:
        fail("a raw Produce v7 to the leader got error %d" % error)
    error, _ = produce_v7(ports[other], "orders", partition, good)
    if error != 6:
        fail("a Produce to broker %d, not the leader, got error %d, not NOT_LEADER_OR_FOLLOWER (6)" % (other, error))
    flipped = bytearray(batch([(b"raw", b"raw-flipped")]))
    flipped[-3] ^= 0x40
    error, _ = produce_v7(ports[leader], "orders", partition, bytes(flipped))
    if error != 2:
        fail("a batch with a flipped byte got error %d, not CORRUPT_MESSAGE (2)" % error)
    two = batch([(b"raw", b"raw-two-a")]) + batch([(b"raw", b"raw-two-b")])
    error, _ = produce_v7(ports[leader], "orders", partition, two)
    if error != 87:
        fail("two batches in one partition got error %d, not INVALID_RECORD (87)" % error)
    error, _ = produce_v7(ports[leader], "no-such-topic", 0, good)
    if error != 3:
        fail("a Produce to an unknown topic got error %d, not UNKNOWN_TOPIC_OR_PARTITION (3)" % error)
    return leader, base


def check_long_poll(ports, leader):
    error, hw, records = fetch_v4(ports[leader], "orders", 0, 0, 100)
    if error != 0 or hw <= 0 or not records:
        fail("a Fetch v4 from offset 0 got error %d, high watermark %d, %d bytes" % (error, hw, len(records)))
    began = time.time()
    error, _, records = fetch_v4(ports[leader], "orders", 0, hw, 1500)
    waited = time.time() - began
    if error != 0 or records or waited < 1.2:
        fail("a Fetch at the log end with max_wait_ms 1500 answered after %.2f s (error %d, %d bytes)" %
             (waited, error, len(records)))
    timer = threading.Timer(0.3, lambda: produce_v7(ports[leader], "orders", 0, batch([(b"raw", b"raw-wakes")])))
    timer.start()
    began = time.time()
    error, _, records = fetch_v4(ports[leader], "orders", 0, hw, 20000)
    waited = time.time() - began
    timer.join()
    if error != 0 or b"raw-wakes" not in records or waited > 10:
        fail("a waiting Fetch was not woken by a produce: %.2f s, error %d, %r" % (waited, error, records[:80]))
    return waited


def check_pipelined(ports, leader):
    """Five Produce requests (the first acks=all, the others acks=1) and a Fetch in one write on
    one connection: the broker reads the produces while earlier ones are in the engine, holds the
    Fetch until they are answered, and answers all six in request order, though the acks=1 ones
    are done first; the Fetch sees the five batches."""
    _, start, _ = fetch_v4(ports[leader], "orders", 0, 0, 0)
    payload = b""
    for i in range(5):
        records = batch([(b"pipe", b"pipelined-%d" % i)])
        acks = -1 if i == 0 else 1  # the first waits for the followers: the others finish before it
        body = struct.pack(">hhi", -1, acks, 10000) + struct.pack(">i", 1) + string("orders") + struct.pack(">i", 1)
        body += struct.pack(">i", 0) + struct.pack(">i", len(records)) + records
        payload += request(0, 7, 100 + i, body)
    body = struct.pack(">iiiib", -1, 0, 1, 1 << 20, 0) + struct.pack(">i", 1) + string("orders")
    body += struct.pack(">i", 1) + struct.pack(">iqi", 0, start, 1 << 20)
    payload += request(1, 4, 105, body)
    with socket.create_connection(("127.0.0.1", ports[leader]), timeout=30) as s:
        s.sendall(payload)
        answers = []
        for _ in range(6):
            size = struct.unpack(">i", recv_exactly(s, 4))[0]
            answers.append(recv_exactly(s, size))
    order = [struct.unpack_from(">i", a)[0] for a in answers]
    if order != list(range(100, 106)):
        fail("pipelined answers came in the order %r" % order)
    bases = []
    for reply in answers[:5]:
        pos = 8 + 2 + struct.unpack_from(">h", reply, 8)[0] + 4
        _, error, base = struct.unpack_from(">ihq", reply, pos)
        if error != 0:
            fail("a pipelined produce got error %d" % error)
        bases.append(base)
    if bases != list(range(start, start + 5)):
        fail("pipelined produces got offsets %r, expected %d.." % (bases, start))
    for i in range(5):
        if b"pipelined-%d" % i not in answers[5]:
            fail("the Fetch behind five produces does not hold pipelined-%d" % i)


def cluster_id(bootstrap):
    """The cluster id confluent-kafka's Metadata reports."""
    from confluent_kafka.admin import AdminClient
    return AdminClient({"bootstrap.servers": bootstrap}).list_topics(timeout=20).cluster_id


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--broker", required=True)
    args.add_argument("--cli", required=True)
    args.add_argument("--work", required=True)
    opts = args.parse_args()
    shutil.rmtree(opts.work, ignore_errors=True)
    os.makedirs(opts.work)
    data = os.path.join(opts.work, "data")
    proc, listening = start_broker(opts.broker, data, "--create-topic", "orders:3:3")
    bootstrap = listening["bootstrap_servers"]
    ports = {b["id"]: b["port"] for b in listening["brokers"]}
    try:
        time.sleep(0.5)
        counts = [check_kcat(bootstrap, opts.cli), check_kafka_python(bootstrap, opts.cli), check_confluent(bootstrap)]
        before = len(read_all(bootstrap, "orders"))
        kcat(bootstrap, "-P", "-t", "orders", "-X", "acks=0", "-p", "1", stdin="fire-and-forget\n")
        deadline = time.time() + 10
        while len(read_all(bootstrap, "orders")) != before + 1:
            if time.time() > deadline:
                fail("kcat's acks=0 record did not arrive")
            time.sleep(0.2)
        leader, raw_offset = check_refusals(ports)
        woken = check_long_poll(ports, leader)
        check_pipelined(ports, leader)
        stored = read_all(bootstrap, "orders")
        first_id = cluster_id(bootstrap)
        payloads = [r["payload"] for r in stored]
        for refused in ("raw-flipped", "raw-two-a", "raw-two-b"):
            if refused in payloads:
                fail("the refused %s was stored" % refused)
        if not any(r["payload"] == "raw-ok" and r["offset"] == raw_offset for r in stored):
            fail("the raw Produce's record is not at offset %d" % raw_offset)
        # The idempotent producer's batches are stored with its producer id and sequences.
        idempotent = [r for r in stored if r["payload"].startswith("idempotent-")]
        partition = idempotent[0]["partition"]
        leader = leaders(ports[1], "orders")[partition]
        segment = os.path.join(data, "broker-%d" % leader, "orders-%d" % partition, "00000000000000000000.log")
        dump = subprocess.run([opts.cli, "dump-log", segment], capture_output=True, text=True, check=True).stdout
        if "producerId: -1" not in dump or not any("producerId: " in line and "producerId: -1" not in line
                                                   for line in dump.splitlines()):
            fail("no batch of %s carries a producer id:\n%s" % (segment, dump))
    finally:
        stop_broker(proc)
    proc, listening = start_broker(opts.broker, data)
    try:
        again = read_all(listening["bootstrap_servers"], "orders")
        if cluster_id(listening["bootstrap_servers"]) != first_id:
            fail("the cluster id changed across a restart (was %s)" % first_id)
    finally:
        stop_broker(proc)
    # Another data directory (same default seed) is another cluster, with its own id.
    proc, listening = start_broker(opts.broker, os.path.join(opts.work, "other-data"))
    try:
        other_id = cluster_id(listening["bootstrap_servers"])
        if not other_id or len(other_id) != 22 or other_id == first_id:
            fail("a second cluster got cluster id %r, the first %r" % (other_id, first_id))
    finally:
        stop_broker(proc)
    key = lambda r: (r["partition"], r["offset"])
    if sorted(map(key, again)) != sorted(map(key, stored)) or \
            {key(r): r["payload"] for r in again} != {key(r): r["payload"] for r in stored}:
        fail("after a restart kcat reads %d records, %d before" % (len(again), len(stored)))
    print("ok: kcat %d, kafka-python %d, confluent-kafka %d records produced and read back; refusals as Kafka's; "
          "a long poll woken after %.2f s; %d records intact after a restart" % (counts[0], counts[1], counts[2],
                                                                                 woken, len(again)))


if __name__ == "__main__":
    main()
