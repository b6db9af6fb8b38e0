#!/usr/bin/python3
"""Real Kafka clients read a running kafkalab-broker's metadata (issue 11).

Starts `kafkalab-broker --port-base 0` with topics orders (3 partitions, RF 3) and solo (1, RF 1)
and checks what three independent clients see against the broker's own summary at exit:
  - kcat -L -J (librdkafka 2.0.2: ApiVersions v3, flexible Metadata),
  - confluent-kafka's AdminClient.list_topics (librdkafka again, through Python),
  - kafka-python's KafkaConsumer (ApiVersions v0 with a pipelined Metadata v0, then classic
    versions: it guesses the broker's version from what ApiVersions lists).
Then topics are created through CreateTopics by kafka-python's KafkaAdminClient (v3) and
confluent-kafka's AdminClient (librdkafka: v4), with a config, a refused replication factor,
an unknown config and validate_only, and kcat sees what was created; a kafka-python producer
asking for a missing topic creates it (auto.create.topics.enable, Kafka's default); both
admin clients add partitions (CreatePartitions; a decrease is INVALID_PARTITIONS) and
kafka-python deletes a topic (DeleteTopics; a missing one is UNKNOWN_TOPIC_OR_PARTITION). Both admin
clients read topic and broker configs (DescribeConfigs); DescribeCluster (by hand: no client here
sends it) gives the cluster id confluent-kafka's Metadata reports; OffsetForLeaderEpoch is encoded
and decoded with kafka-python's protocol types. Then hostile frames (a 2 GiB size, an unknown api key, a garbled Metadata request): each
closes only its own connection, and kcat still works afterwards.
Usage: real_clients_metadata.py --broker PATH --work DIR
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
import time

from broker_process import fail, recv_exactly, start_broker


def closed_after(bootstrap_port, payload):
    """Sends raw bytes; True when the broker closes the connection without answering."""
    with socket.create_connection(("127.0.0.1", bootstrap_port), timeout=10) as s:
        s.sendall(payload)
        try:
            data = s.recv(65536)
        except ConnectionResetError:
            return True
        return data == b""


def raw_exchange(port, api_key, version, body, flexible):
    """One request; returns the response body after its header."""
    header = struct.pack(">hhih", api_key, version, 42, 4) + b"test"
    if flexible:
        header += b"\x00"  # request header v2: tagged fields
    frame = header + body
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(struct.pack(">i", len(frame)) + frame)
        size = struct.unpack(">i", recv_exactly(s, 4))[0]
        data = recv_exactly(s, size)
    if struct.unpack(">i", data[:4])[0] != 42:
        fail("correlation id %r" % data[:4])
    return data[5:] if flexible else data[4:]  # response header v1 has tagged fields


def uvarint(data, at):
    value, shift = 0, 0
    while True:
        b = data[at]
        at += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return value, at


def compact_string(data, at):
    n, at = uvarint(data, at)
    return (None, at) if n == 0 else (data[at:at + n - 1].decode(), at + n - 1)


def describe_cluster(port, endpoint_type=1):
    """DescribeCluster v1 (flexible): KIP-700's fields, decoded here by hand."""
    data = raw_exchange(port, 60, 1, struct.pack(">bb", 0, endpoint_type) + b"\x00", True)
    _throttle, error = struct.unpack(">ih", data[:6])
    _message, at = compact_string(data, 6)
    at += 1  # endpoint_type
    cluster_id, at = compact_string(data, at)
    controller = struct.unpack(">i", data[at:at + 4])[0]
    count, at = uvarint(data, at + 4)
    brokers = []
    for _ in range(count - 1):
        broker_id = struct.unpack(">i", data[at:at + 4])[0]
        host, at = compact_string(data, at + 4)
        port_ = struct.unpack(">i", data[at:at + 4])[0]
        _rack, at = compact_string(data, at + 4)
        _tags, at = uvarint(data, at)
        brokers.append((broker_id, host, port_))
    return {"error": error, "cluster_id": cluster_id, "controller": controller, "brokers": sorted(brokers)}


def incremental_alter_configs(port, resources, validate_only):
    """IncrementalAlterConfigs v0 through kafka-python's types; [(error, type, name)]."""
    import io
    from kafka.protocol.types import Array, Boolean, Int8, Int16, Int32, Schema, String
    request = Schema(("resources", Array(("resource_type", Int8), ("resource_name", String("utf-8")), ("configs", Array(
        ("name", String("utf-8")), ("config_operation", Int8), ("value", String("utf-8")))))), ("validate_only", Boolean))
    response = Schema(("throttle_time_ms", Int32), ("responses", Array(("error_code", Int16),
        ("error_message", String("utf-8")), ("resource_type", Int8), ("resource_name", String("utf-8")))))
    body = request.encode((resources, validate_only))
    decoded = response.decode(io.BytesIO(raw_exchange(port, 44, 0, body, False)))
    return [(r[0], r[2], r[3]) for r in decoded[1]]


def offset_for_leader_epoch(port, topic, partition, current_epoch, epoch):
    """OffsetForLeaderEpoch v3 (replica_id -1, a consumer), through kafka-python's types."""
    from kafka.protocol.types import Array, Int16, Int32, Int64, Schema, String
    request = Schema(("replica_id", Int32), ("topics", Array(("topic", String("utf-8")), ("partitions", Array(
        ("partition", Int32), ("current_leader_epoch", Int32), ("leader_epoch", Int32))))))
    response = Schema(("throttle_time_ms", Int32), ("topics", Array(("topic", String("utf-8")), ("partitions", Array(
        ("error_code", Int16), ("partition", Int32), ("leader_epoch", Int32), ("end_offset", Int64))))))
    body = request.encode((-1, [(topic, [(partition, current_epoch, epoch)])]))
    import io
    decoded = response.decode(io.BytesIO(raw_exchange(port, 23, 3, body, False)))
    return [(t[0], [tuple(p) for p in t[1]]) for t in decoded[1]]


def describe_log_dirs_v1(port, topics):
    """DescribeLogDirs v1 through kafka-python's types; {dir: (error, {(topic, partition): (size, lag, future)})}."""
    import io
    from kafka.protocol.types import Array, Boolean, Int16, Int32, Int64, Schema, String
    request = Schema(("topics", Array(("topic", String("utf-8")), ("partitions", Array(Int32)))))
    response = Schema(("throttle_time_ms", Int32), ("results", Array(("error_code", Int16), ("log_dir", String("utf-8")),
        ("topics", Array(("name", String("utf-8")), ("partitions", Array(("partition_index", Int32),
            ("partition_size", Int64), ("offset_lag", Int64), ("is_future_key", Boolean))))))))
    decoded = response.decode(io.BytesIO(raw_exchange(port, 35, 1, request.encode((topics,)), False)))
    return {r[1]: (r[0], {(t[0], p[0]): (p[1], p[2], p[3]) for t in r[2] for p in t[1]}) for r in decoded[1]}


def describe_log_dirs_v4(port):
    """DescribeLogDirs v4 (flexible) for every topic, decoded by hand: (error, [(dir, error, partitions, total,
    usable)])."""
    data = raw_exchange(port, 35, 4, b"\x00\x00", True)  # topics null, no tagged fields
    _throttle, error = struct.unpack(">ih", data[:6])
    count, at = uvarint(data, 6)
    dirs = []
    for _ in range(count - 1):
        dir_error = struct.unpack(">h", data[at:at + 2])[0]
        path, at = compact_string(data, at + 2)
        partitions = {}
        topics, at = uvarint(data, at)
        for _ in range(topics - 1):
            name, at = compact_string(data, at)
            n, at = uvarint(data, at)
            for _ in range(n - 1):
                index, size, lag, future = struct.unpack(">iqq?", data[at:at + 21])
                _tags, at = uvarint(data, at + 21)
                partitions[(name, index)] = (size, lag, future)
            _tags, at = uvarint(data, at)
        total, usable = struct.unpack(">qq", data[at:at + 16])
        _tags, at = uvarint(data, at + 16)
        dirs.append((path, dir_error, partitions, total, usable))
    return error, dirs


def log_sizes_on_disk(broker_dir):
    """{(topic, partition): bytes of its .log files}, read from the directory itself."""
    sizes = {}
    for entry in os.listdir(broker_dir):
        topic, dash, partition = entry.rpartition("-")
        path = os.path.join(broker_dir, entry)
        if not dash or not partition.isdigit() or not os.path.isdir(path):
            continue
        sizes[(topic, int(partition))] = sum(os.path.getsize(os.path.join(path, f))
                                             for f in os.listdir(path) if f.endswith(".log"))
    return sizes


def check_describe_log_dirs(ports, data_dir):
    """Each broker describes its own directory: the replicas in it and their sizes, as on disk."""
    for broker, port in ports.items():
        broker_dir = os.path.join(os.path.abspath(data_dir), "broker-%d" % broker)
        on_disk = log_sizes_on_disk(broker_dir)
        error, dirs = describe_log_dirs_v4(port)
        if error != 0 or len(dirs) != 1:
            fail("DescribeLogDirs v4 on broker %d: error %d, %d directories" % (broker, error, len(dirs)))
        path, dir_error, partitions, total, usable = dirs[0]
        if path != broker_dir or dir_error != 0:
            fail("DescribeLogDirs v4 on broker %d names %r (error %d), not %r" % (broker, path, dir_error, broker_dir))
        got = {tp: size for tp, (size, _lag, _future) in partitions.items()}
        if got != on_disk:
            fail("DescribeLogDirs v4 on broker %d: sizes %r, the directory holds %r" % (broker, got, on_disk))
        if any(lag != 0 or future for _size, lag, future in partitions.values()):
            fail("DescribeLogDirs v4 on broker %d: a lag or a future replica in %r" % (broker, partitions))
        vfs = os.statvfs(broker_dir)
        if total != vfs.f_frsize * vfs.f_blocks or not 0 < usable <= total:
            fail("DescribeLogDirs v4 on broker %d: total %d usable %d, statvfs says %d" %
                 (broker, total, usable, vfs.f_frsize * vfs.f_blocks))
        # v1 (kafka-python's types): only what is asked and hosted here.
        asked = [("orders", [0, 1, 2]), ("solo", [0]), ("no-such-topic", [0])]
        answer = describe_log_dirs_v1(port, asked)
        want = {tp: on_disk[tp] for tp in on_disk if tp[0] in ("orders", "solo")}
        if list(answer) != [broker_dir] or answer[broker_dir][0] != 0 or \
                {tp: v[0] for tp, v in answer[broker_dir][1].items()} != want:
            fail("DescribeLogDirs v1 on broker %d: %r, want sizes %r" % (broker, answer, want))
    return sum(on_disk.values())


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--broker", required=True)
    args.add_argument("--work", required=True)
    opts = args.parse_args()
    shutil.rmtree(opts.work, ignore_errors=True)
    os.makedirs(opts.work)
    proc, listening = start_broker(opts.broker, os.path.join(opts.work, "data"), "--create-topic", "orders:3:3",
                                   "--create-topic", "solo:1:1")
    bootstrap = listening["bootstrap_servers"]
    ports = {b["id"]: b["port"] for b in listening["brokers"]}
    if sorted(ports) != [1, 2, 3] or len(set(ports.values())) != 3:
        fail("expected 3 brokers on 3 ports, got %r" % listening)
    try:
        # The partitions' leaders settle at creation; give the snapshot a moment.
        time.sleep(0.5)
        kcat = subprocess.run(["kcat", "-L", "-J", "-b", bootstrap, "-m", "10"], capture_output=True,
                              text=True, timeout=30)
        if kcat.returncode != 0:
            fail("kcat -L failed: " + kcat.stderr)
        meta = json.loads(kcat.stdout)
        brokers = {b["id"]: b["name"] for b in meta["brokers"]}
        expected = {i: "127.0.0.1:%d" % p for i, p in ports.items()}
        if brokers != expected:
            fail("kcat brokers %r, expected %r" % (brokers, expected))
        topics = {t["topic"]: t for t in meta["topics"]}
        seen = {}
        for name, count, rf in (("orders", 3, 3), ("solo", 1, 1)):
            if name not in topics:
                fail("kcat does not list %s: %r" % (name, sorted(topics)))
            parts = sorted(topics[name]["partitions"], key=lambda p: p["partition"])
            if [p["partition"] for p in parts] != list(range(count)):
                fail("%s partitions %r" % (name, parts))
            for p in parts:
                replicas = [r["id"] for r in p["replicas"]]
                isrs = [r["id"] for r in p["isrs"]]
                if len(replicas) != rf or p["leader"] not in replicas or sorted(isrs) != sorted(replicas):
                    fail("%s-%d: leader %r replicas %r isr %r" % (name, p["partition"], p["leader"], replicas, isrs))
                seen["%s-%d" % (name, p["partition"])] = (p["leader"], replicas)

        from confluent_kafka.admin import AdminClient
        admin = AdminClient({"bootstrap.servers": bootstrap})
        cluster = admin.list_topics(timeout=20)
        if sorted(cluster.brokers) != [1, 2, 3] or cluster.controller_id not in (1, 2, 3):
            fail("confluent-kafka brokers %r controller %r" % (cluster.brokers, cluster.controller_id))
        for key, (leader, replicas) in seen.items():
            name, part = key.rsplit("-", 1)
            p = cluster.topics[name].partitions[int(part)]
            if p.leader != leader or list(p.replicas) != replicas:
                fail("confluent-kafka %s: leader %r replicas %r, kcat said %r %r" % (key, p.leader, p.replicas,
                                                                                     leader, replicas))

        from kafka import KafkaConsumer, TopicPartition
        consumer = KafkaConsumer(bootstrap_servers=bootstrap, request_timeout_ms=20000)
        try:
            names = consumer.topics()
            if not {"orders", "solo"} <= names:
                fail("kafka-python topics %r" % names)
            if consumer.partitions_for_topic("orders") != {0, 1, 2}:
                fail("kafka-python orders partitions %r" % consumer.partitions_for_topic("orders"))
            for key, (leader, _) in seen.items():
                name, part = key.rsplit("-", 1)
                got = consumer._client.cluster.leader_for_partition(TopicPartition(name, int(part)))
                if got != leader:
                    fail("kafka-python leader of %s is %r, kcat said %r" % (key, got, leader))
        finally:
            consumer.close()

        # CreateTopics from two clients: created, refused with Kafka's codes, validate_only.
        from kafka.admin import KafkaAdminClient, NewTopic
        from kafka.errors import InvalidReplicationFactorError, TopicAlreadyExistsError
        kadmin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=20000)
        try:
            kadmin.create_topics([NewTopic("made-by-python", 2, 3, topic_configs={"retention.ms": "60000"})])
            try:
                kadmin.create_topics([NewTopic("made-by-python", 2, 3)])
                fail("kafka-python: a second create of made-by-python was not refused")
            except TopicAlreadyExistsError:
                pass
            try:
                kadmin.create_topics([NewTopic("too-many-replicas", 1, 5)])
                fail("kafka-python: replication factor 5 on 3 brokers was not refused")
            except InvalidReplicationFactorError:
                pass
        finally:
            kadmin.close()
        from confluent_kafka.admin import NewTopic as CNewTopic
        from confluent_kafka import KafkaError
        futures = admin.create_topics([CNewTopic("made-by-librdkafka", 3, 2),
                                       CNewTopic("bad-config", 1, 1, config={"no.such.config": "1"})],
                                      request_timeout=20)
        futures["made-by-librdkafka"].result(timeout=20)
        try:
            futures["bad-config"].result(timeout=20)
            fail("confluent-kafka: an unknown config was not refused")
        except Exception as e:  # KafkaException wrapping INVALID_CONFIG
            if e.args[0].code() != KafkaError.INVALID_CONFIG:
                fail("confluent-kafka: unknown config gave %r" % (e,))
        admin.create_topics([CNewTopic("only-validated", 1, 1)], validate_only=True)["only-validated"].result(timeout=20)
        time.sleep(0.3)
        listed = json.loads(subprocess.run(["kcat", "-L", "-J", "-b", bootstrap, "-m", "10"], capture_output=True,
                                           text=True, timeout=30).stdout)
        made = {t["topic"]: t for t in listed["topics"]}
        for name, count, rf in (("made-by-python", 2, 3), ("made-by-librdkafka", 3, 2)):
            if name not in made or len(made[name]["partitions"]) != count or \
                    any(len(p["replicas"]) != rf for p in made[name]["partitions"]):
                fail("kcat after CreateTopics: %s is %r" % (name, made.get(name)))
        for name in ("too-many-replicas", "bad-config", "only-validated"):
            if name in made:
                fail("kcat lists %s, which was refused or only validated" % name)

        # auto.create.topics.enable (Kafka's default): a producer asking for a topic creates it.
        from kafka import KafkaProducer
        producer = KafkaProducer(bootstrap_servers=bootstrap, request_timeout_ms=20000)
        try:
            if producer.partitions_for("auto-made") != {0}:
                fail("kafka-python producer: auto-made has partitions %r" % producer.partitions_for("auto-made"))
        finally:
            producer.close()

        # CreatePartitions and DeleteTopics, from both admin clients.
        from confluent_kafka.admin import NewPartitions as CNewPartitions
        admin.create_partitions([CNewPartitions("made-by-librdkafka", 5)])["made-by-librdkafka"].result(timeout=20)
        try:
            admin.create_partitions([CNewPartitions("made-by-librdkafka", 2)])["made-by-librdkafka"].result(timeout=20)
            fail("confluent-kafka: a partition decrease was not refused")
        except Exception as e:
            if e.args[0].code() != KafkaError.INVALID_PARTITIONS:
                fail("confluent-kafka: a partition decrease gave %r" % (e,))
        admin.create_topics([CNewTopic("doomed", 2, 2)])["doomed"].result(timeout=20)
        from kafka.admin import NewPartitions
        from kafka.errors import UnknownTopicOrPartitionError
        kadmin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=20000)
        try:
            kadmin.create_partitions({"made-by-python": NewPartitions(4)})
            kadmin.delete_topics(["doomed"])
            try:
                kadmin.delete_topics(["never-was"])
                fail("kafka-python: deleting a missing topic was not refused")
            except UnknownTopicOrPartitionError:
                pass
        finally:
            kadmin.close()
        time.sleep(0.3)
        listed = json.loads(subprocess.run(["kcat", "-L", "-J", "-b", bootstrap, "-m", "10"], capture_output=True,
                                           text=True, timeout=30).stdout)
        made = {t["topic"]: len(t["partitions"]) for t in listed["topics"]}
        if made.get("made-by-librdkafka") != 5 or made.get("made-by-python") != 4 or "doomed" in made:
            fail("kcat after CreatePartitions and DeleteTopics: %r" % made)

        # DescribeConfigs: kafka-python (v2) and confluent-kafka (librdkafka) read the configs
        # made-by-python was created with; an unknown topic and another broker's id are refused.
        from kafka.admin import ConfigResource, ConfigResourceType
        kadmin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=20000)
        try:
            answer = kadmin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "made-by-python")])
            resources = [r for response in answer for r in response.resources]
            if len(resources) != 1 or resources[0][0] != 0:
                fail("kafka-python DescribeConfigs made-by-python: %r" % resources)
            # v1+: (name, value, read_only, config_source, is_sensitive, synonyms)
            entries = {e[0]: (e[1], e[3]) for e in resources[0][4]}
            if entries.get("retention.ms") != ("60000", 1):  # DYNAMIC_TOPIC_CONFIG
                fail("kafka-python: retention.ms of made-by-python is %r" % (entries.get("retention.ms"),))
            if entries.get("segment.bytes") != ("1048576", 5):  # DEFAULT_CONFIG
                fail("kafka-python: segment.bytes of made-by-python is %r" % (entries.get("segment.bytes"),))
            answer = kadmin.describe_configs([ConfigResource(ConfigResourceType.BROKER, "2")])
            resources = [r for response in answer for r in response.resources]
            broker_entries = {e[0]: e[1] for e in resources[0][4]}
            if resources[0][0] != 0 or broker_entries.get("broker.id") != "2" or \
                    broker_entries.get("listeners") != "PLAINTEXT://127.0.0.1:%d" % ports[2]:
                fail("kafka-python DescribeConfigs broker 2: %r" % resources)
        finally:
            kadmin.close()
        from confluent_kafka.admin import ConfigResource as CConfigResource
        described = admin.describe_configs([CConfigResource("topic", "made-by-librdkafka")])
        configs = list(described.values())[0].result(timeout=20)
        if configs["min.insync.replicas"].value != "1" or not configs["min.insync.replicas"].is_default or \
                configs["cleanup.policy"].value != "delete":
            fail("confluent-kafka DescribeConfigs made-by-librdkafka: %r" % {k: v.value for k, v in configs.items()})
        try:
            list(admin.describe_configs([CConfigResource("topic", "never-was")]).values())[0].result(timeout=20)
            fail("confluent-kafka: DescribeConfigs of a missing topic was not refused")
        except Exception as e:
            if e.args[0].code() != KafkaError.UNKNOWN_TOPIC_OR_PART:
                fail("confluent-kafka: DescribeConfigs of a missing topic gave %r" % (e,))

        # IncrementalAlterConfigs v0 (kafka-configs.sh --alter sends it; none of the clients here
        # do, so encoded with kafka-python's types), then read back with kafka-python's
        # DescribeConfigs: SET and DELETE apply in order; a bad value, a duplicate key, an unknown
        # topic are refused; validate_only changes nothing.
        def alter(resources, validate_only=False):
            return incremental_alter_configs(ports[1], resources, validate_only)
        if alter([(2, "made-by-python", [("retention.ms", 0, "120000"), ("min.insync.replicas", 0, "2")])]) != \
                [(0, 2, "made-by-python")]:
            fail("IncrementalAlterConfigs SET on made-by-python was refused")
        if alter([(2, "made-by-python", [("retention.ms", 1, None)])], validate_only=True) != [(0, 2, "made-by-python")]:
            fail("IncrementalAlterConfigs validate_only DELETE was refused")
        refusals = alter([(2, "made-by-python", [("min.insync.replicas", 0, "zero")]),
                          (2, "made-by-python", [("retention.ms", 0, "1"), ("retention.ms", 1, None)]),
                          (2, "never-was", [("retention.ms", 0, "1")])])
        if [r[0] for r in refusals] != [40, 42, 3]:  # INVALID_CONFIG, INVALID_REQUEST, UNKNOWN_TOPIC_OR_PARTITION
            fail("IncrementalAlterConfigs refusals: %r" % refusals)
        kadmin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=20000)
        try:
            answer = kadmin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "made-by-python")])
            entries = {e[0]: (e[1], e[3]) for response in answer for r in response.resources for e in r[4]}
            if entries.get("retention.ms") != ("120000", 1) or entries.get("min.insync.replicas") != ("2", 1):
                fail("after IncrementalAlterConfigs made-by-python has %r" % entries)
        finally:
            kadmin.close()
        # Back to what it was created with (the file check at exit expects retention.ms 60000).
        if alter([(2, "made-by-python", [("min.insync.replicas", 1, None), ("retention.ms", 0, "60000")])]) != \
                [(0, 2, "made-by-python")]:
            fail("IncrementalAlterConfigs DELETE min.insync.replicas was refused")

        # AlterConfigs (the non-incremental one the clients' alter_configs send): confluent-kafka
        # sets retention.ms; then kafka-python's sets only segment.bytes, which takes retention.ms
        # back to its default (the entries given replace the topic's configs); refusals per resource.
        fs = admin.alter_configs([CConfigResource("topic", "made-by-librdkafka", set_config={"retention.ms": "90000"})])
        list(fs.values())[0].result(timeout=20)
        configs = list(admin.describe_configs([CConfigResource("topic", "made-by-librdkafka")]).values())[0] \
            .result(timeout=20)
        if configs["retention.ms"].value != "90000" or configs["retention.ms"].is_default:
            fail("confluent-kafka AlterConfigs: retention.ms is %r" % configs["retention.ms"].value)
        kadmin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=20000)
        try:
            answer = kadmin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, "made-by-librdkafka",
                                                          configs={"segment.bytes": "2097152"})])
            if [tuple(r[:1]) + tuple(r[2:]) for r in answer.resources] != [(0, 2, "made-by-librdkafka")]:
                fail("kafka-python AlterConfigs made-by-librdkafka: %r" % answer.resources)
            answer = kadmin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "made-by-librdkafka")])
            entries = {e[0]: (e[1], e[3]) for response in answer for r in response.resources for e in r[4]}
            if entries.get("segment.bytes") != ("2097152", 1) or entries.get("retention.ms") != ("604800000", 5):
                fail("after kafka-python's AlterConfigs made-by-librdkafka has %r" % entries)
            answer = kadmin.alter_configs([
                ConfigResource(ConfigResourceType.TOPIC, "made-by-librdkafka", configs={"min.insync.replicas": "0"}),
                ConfigResource(ConfigResourceType.TOPIC, "never-was", configs={"retention.ms": "1"})])
            if [r[0] for r in answer.resources] != [40, 3]:  # INVALID_CONFIG, UNKNOWN_TOPIC_OR_PARTITION
                fail("kafka-python AlterConfigs refusals: %r" % answer.resources)
            answer = kadmin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "made-by-librdkafka")])
            entries = {e[0]: e[1] for response in answer for r in response.resources for e in r[4]}
            if entries.get("segment.bytes") != "2097152" or entries.get("min.insync.replicas") != "1":
                fail("a refused AlterConfigs changed made-by-librdkafka: %r" % entries)
        finally:
            kadmin.close()

        # DescribeCluster v1 (flexible; no client here sends it, so by hand): the cluster id
        # confluent-kafka's Metadata reports, the controller and the three listeners.
        cluster_id = admin.list_topics(timeout=20).cluster_id
        if not cluster_id or len(cluster_id) != 22:
            fail("confluent-kafka: Metadata cluster_id %r" % (cluster_id,))
        body = describe_cluster(ports[1])
        if body["error"] != 0 or body["cluster_id"] != cluster_id or body["controller"] not in ports or \
                body["brokers"] != sorted((i, "127.0.0.1", p) for i, p in ports.items()):
            fail("DescribeCluster: %r (cluster id %r, ports %r)" % (body, cluster_id, ports))
        if describe_cluster(ports[1], endpoint_type=2)["error"] != 114:  # MISMATCHED_ENDPOINT_TYPE
            fail("DescribeCluster for controllers was not MISMATCHED_ENDPOINT_TYPE")

        # OffsetForLeaderEpoch v3, encoded and decoded with kafka-python's protocol types: the
        # latest epoch of solo-0 (never changed leader) ends at its log end offset.
        solo_leader = [p["leader"] for p in topics["solo"]["partitions"]][0]
        answer = offset_for_leader_epoch(ports[solo_leader], "solo", 0, 0, 0)
        if answer != [("solo", [(0, 0, 0, 0)])]:
            fail("OffsetForLeaderEpoch solo-0 epoch 0 on its leader: %r" % (answer,))
        other = [i for i in ports if i != solo_leader][0]
        answer = offset_for_leader_epoch(ports[other], "solo", 0, 0, 0)
        if answer[0][1][0][0] != 6:  # NOT_LEADER_OR_FOLLOWER
            fail("OffsetForLeaderEpoch on a broker not leading solo-0: %r" % (answer,))
        answer = offset_for_leader_epoch(ports[solo_leader], "solo", 0, 7, 0)
        if answer[0][1][0][0] != 75:  # UNKNOWN_LEADER_EPOCH: the client's epoch is ahead
            fail("OffsetForLeaderEpoch with current epoch 7: %r" % (answer,))

        # DescribeLogDirs, each broker on its own directory, against the files in it.
        check_describe_log_dirs(ports, os.path.join(opts.work, "data"))

        # Hostile frames close their own connection only.
        port = ports[1]
        if not closed_after(port, struct.pack(">i", 0x7fffffff)):
            fail("a 2 GiB request size was not refused")
        if not closed_after(port, struct.pack(">i", -5)):
            fail("a negative request size was not refused")
        unknown = struct.pack(">hhih", 999, 0, 1, -1)
        if not closed_after(port, struct.pack(">i", len(unknown)) + unknown):
            fail("an unknown api key was not refused")
        garbled = struct.pack(">hhih", 3, 1, 2, -1) + struct.pack(">i", 1000000)  # 1e6 topics, no bytes
        if not closed_after(port, struct.pack(">i", len(garbled)) + garbled):
            fail("a garbled Metadata request was not refused")
        again = subprocess.run(["kcat", "-L", "-b", bootstrap, "-m", "10"], capture_output=True, text=True,
                               timeout=30)
        if again.returncode != 0 or "3 brokers" not in again.stdout:
            fail("kcat after the hostile frames: %s %s" % (again.stdout, again.stderr))
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    if proc.returncode != 0:
        fail("kafkalab-broker exited %d: %s" % (proc.returncode, err))
    if "closing the connection" not in err:
        fail("the refused connections were not logged: " + err)
    # The broker's own view at exit agrees with what the clients saw.
    for line in out.splitlines():
        if line.startswith("{"):
            continue
        name = line.split()[0]
        if name in seen:
            leader, replicas = seen[name]
            want = "leader=%d replicas=[%s]" % (leader, ",".join(map(str, replicas)))
            if want not in line:
                fail("broker summary %r, clients saw %s" % (line, want))
    with open(os.path.join(opts.work, "data", "cluster-metadata.json")) as f:
        saved = {t["name"]: t for t in json.load(f)["topics"]}
    if saved["made-by-python"]["config"]["retention.ms"] != 60000:
        fail("retention.ms from CreateTopics was not kept: %r" % saved["made-by-python"]["config"])
    if saved["auto-made"]["partitions"] != 1 or saved["auto-made"]["replicationFactor"] != 1:
        fail("auto-made is not num.partitions 1 / default.replication.factor 1: %r" % saved["auto-made"])
    for created in ("made-by-python-0", "made-by-librdkafka-2", "auto-made-0"):
        if created not in out:
            fail("the broker's summary has no %s:\n%s" % (created, out))
    print("ok: kcat, confluent-kafka and kafka-python agree with the broker on %d partitions; "
          "CreateTopics from kafka-python and confluent-kafka" % len(seen))


if __name__ == "__main__":
    main()
