#!/usr/bin/python3
"""Writes the dump-log fixtures and what Kafka 4.x's kafka-dump-log.sh prints for them.

The oracle is independent of Kafka Lab's code: record batches are built by kafka-python
(DefaultRecordBatchBuilder), __consumer_offsets keys and values are packed here from Kafka's
schemas (OffsetCommitKey/Value.json, GroupMetadataKey/Value.json, ConsumerProtocolSubscription/
Assignment.json), and every expected line is formatted from the strings in Kafka's
DumpLogSegments.scala (printBatchLevel, dumpLog, dumpIndex, dumpTimeIndex, TimeIndexDumpErrors,
OffsetsMessageParser) and the generated JSON converters (compact JSON, schema field order,
BYTES as base64). @DIR@ in an expected file stands for this directory's absolute path.

Run with the system Python that has kafka-python:  /usr/bin/python3 make_fixtures.py
"""
import base64
import gzip
import json
import os
import struct

from kafka.record.default_records import DefaultRecordBatchBuilder

HERE = os.path.dirname(os.path.abspath(__file__))
# gzip stamps the time into its header; a fixed one makes the fixtures reproducible.
gzip.time = type("FixedTime", (), {"time": staticmethod(lambda: 1700000000)})
CODEC = {0: "none", 1: "gzip"}


def batch(base_offset, epoch, records, codec=0, producer=(-1, -1, -1)):
    """records: (timestamp, key, value, headers). Returns (bytes, info) with Kafka's batch fields."""
    pid, pepoch, seq = producer
    b = DefaultRecordBatchBuilder(magic=2, compression_type=codec, is_transactional=False,
                                  producer_id=pid, producer_epoch=pepoch, base_sequence=seq,
                                  batch_size=1 << 20)
    for delta, (ts, key, value, headers) in enumerate(records):
        b.append(delta, timestamp=ts, key=key, value=value, headers=headers)
    data = bytearray(b.build())
    struct.pack_into(">q", data, 0, base_offset)   # BaseOffset: not covered by the CRC
    struct.pack_into(">i", data, 12, epoch)        # PartitionLeaderEpoch: not covered either
    crc = struct.unpack_from(">I", data, 17)[0]
    # kafka-python keeps a batch uncompressed when compression would not make it smaller.
    codec = struct.unpack_from(">h", data, 21)[0] & 7
    info = dict(base=base_offset, last=base_offset + len(records) - 1, count=len(records),
                seq=seq, pid=pid, pepoch=pepoch, epoch=epoch, codec=CODEC[codec],
                max_ts=max(r[0] for r in records), size=len(data), crc=crc, records=records)
    return bytes(data), info


def batch_line(info, position):
    last_seq = -1 if info["seq"] < 0 else info["seq"] + info["count"] - 1
    return ("baseOffset: %d lastOffset: %d count: %d baseSequence: %d lastSequence: %d producerId: %d "
            "producerEpoch: %d partitionLeaderEpoch: %d isTransactional: false isControl: false "
            "deleteHorizonMs: OptionalLong.empty position: %d CreateTime: %d size: %d magic: 2 "
            "compresscodec: %s crc: %d isvalid: true"
            % (info["base"], info["last"], info["count"], info["seq"], last_seq, info["pid"], info["pepoch"],
               info["epoch"], position, info["max_ts"], info["size"], info["codec"], info["crc"]))


def record_lines(info, data_log, parse=None):
    out = []
    for delta, (ts, key, value, headers) in enumerate(info["records"]):
        seq = -1 if info["seq"] < 0 else info["seq"] + delta
        line = ("| offset: %d CreateTime: %d keySize: %d valueSize: %d sequence: %d headerKeys: [%s]"
                % (info["base"] + delta, ts, -1 if key is None else len(key), -1 if value is None else len(value),
                   seq, ",".join(h[0] for h in headers)))
        if data_log:
            k, v = parse(info["base"] + delta, key, value) if parse else (
                # StringDecoder is new String(bytes, UTF_8): each ill-formed sequence becomes
                # U+FFFD, as Python's "replace" does it (maximal subparts).
                None if key is None else key.decode("utf-8", "replace"),
                None if value is None else value.decode("utf-8", "replace"))
            if k is not None:
                line += " key: " + k
            if v is not None:
                line += " payload: " + v
        out.append(line)
    return out


def dump_log(path, batches, deep=False, data_log=False, parse=None):
    lines = ["Dumping " + path, "Log starting offset: %d" % int(os.path.basename(path).split(".")[0])]
    position = 0
    for data, info in batches:
        lines.append(batch_line(info, position))
        if deep or data_log:
            lines += record_lines(info, data_log, parse)
        position += len(data)
    return lines


def write(rel, data):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def expect(name, stdout_lines, stderr_lines=()):
    with open(os.path.join(HERE, name + ".stdout"), "w") as f:
        f.write("".join(l + "\n" for l in stdout_lines))
    with open(os.path.join(HERE, name + ".stderr"), "w") as f:
        f.write("".join(l + "\n" for l in stderr_lines))


def positions(batches):
    pos, out = 0, []
    for data, _ in batches:
        out.append(pos)
        pos += len(data)
    return out


# ---------------------------------------------------------------- a data log with its indexes
T = 1700000000000
data_batches = [
    batch(0, 0, [(T + 0, b"order-1", b"created", [("trace", b"a1")]),
                 (T + 1, b"order-2", b"created", []),
                 (T + 2, b"order-1", b"paid", [("trace", b"a2"), ("retry", b"1")])],
          producer=(1000, 0, 0)),
    batch(3, 1, [(T + 150, None, b"no key here, " * 8, []),
                 (T + 200, b"order-3", b"created " * 8, [])], codec=1),
    # Offsets 5-9 are gone, as after compaction: deep iteration reports the gap on stderr.
    batch(10, 1, [(T + 50, b"order-4", b"late \xff clock \xed\xa0\x80 \xf0\x9f\x98\x80 \xe2\x82", [])]),
]
data_log = b"".join(d for d, _ in data_batches)
write("data/00000000000000000000.log", data_log)
P = positions(data_batches)
D = "@DIR@/data/00000000000000000000"
expect("data_log_default", dump_log(D + ".log", data_batches))
gap = ["Non-consecutive offsets in " + D + ".log", "  4 is followed by 10"]
expect("data_log_deep", dump_log(D + ".log", data_batches, deep=True), gap)
expect("data_log_print", dump_log(D + ".log", data_batches, data_log=True), gap)

# .index: (relative offset, position); entry 1 and 9 do not name their batch's last offset.
# Two zero slots follow, as in a preallocated (untrimmed) index.
index_entries = [(1, P[0]), (4, P[1]), (9, P[2])]
write("data/00000000000000000000.index",
      b"".join(struct.pack(">ii", o, p) for o, p in index_entries) + bytes(16))
index_lines = ["offset: %d position: %d" % e for e in index_entries]
# dumpIndex prepends each mismatch to its list: newest first.
index_err = ["Mismatches in :" + D + ".index", "  Index offset: 9, log offset: 10",
             "  Index offset: 1, log offset: 2"]
expect("data_index", ["Dumping " + D + ".index"] + index_lines, index_err)
expect("data_index_verify", ["Dumping " + D + ".index"], index_err)
expect("data_index_sanity", ["Dumping " + D + ".index", D + ".index passed sanity check."])

# .timeindex: (timestamp, relative offset), then two zero slots.
time_entries = [(T + 2, 2),      # right
                (123, 3),        # 3 is not a batch's last offset: the batch found ends at 4
                (T + 201, 4),    # the batch's max timestamp is T + 200
                (T + 50, 10)]    # right, but smaller than the entry before it
write("data/00000000000000000000.timeindex",
      b"".join(struct.pack(">qi", t, o) for t, o in time_entries) + bytes(24))
time_lines = ["timestamp: %d offset: %d" % e for e in time_entries]
time_err = ["Found timestamp mismatch in :" + D + ".timeindex",
            "  Index timestamp: %d, log timestamp: %d" % (T + 201, T + 200),
            "Found out of order timestamp in :" + D + ".timeindex",
            "  Index timestamp: %d, Previously indexed timestamp: %d" % (T + 50, T + 201),
            "The following indexed offsets are not found in the log.",
            "Indexed offset: 3, found log offset: 4"]
expect("data_timeindex", ["Dumping " + D + ".timeindex"] + time_lines, time_err)
expect("data_timeindex_verify", ["Dumping " + D + ".timeindex"], time_err)
# TimeIndex.sanityCheck compares the LAST slot (a zero one here) with the first.
expect("data_timeindex_sanity", ["Dumping " + D + ".timeindex"],
       ["CORRUPT_MESSAGE: org.apache.kafka.storage.internals.log.CorruptIndexException: Corrupt time index found, "
        "time index file (" + D + ".timeindex) has non-zero size but the last timestamp is 0 which is less "
        "than the first timestamp %d" % (T + 2)])

# ---------------------------------------------------------------- a clean, trimmed segment
clean = data_batches[:2]
write("clean/00000000000000000000.log", b"".join(d for d, _ in clean))
write("clean/00000000000000000000.index", struct.pack(">ii", 2, P[0]) + struct.pack(">ii", 4, P[1]))
write("clean/00000000000000000000.timeindex", struct.pack(">qi", T + 2, 2) + struct.pack(">qi", T + 200, 4))
C = "@DIR@/clean/00000000000000000000"
expect("clean_index_verify", ["Dumping " + C + ".index"])
expect("clean_timeindex_verify", ["Dumping " + C + ".timeindex"])
expect("clean_timeindex_sanity", ["Dumping " + C + ".timeindex", C + ".timeindex passed sanity check."])

# ---------------------------------------------------------------- __consumer_offsets
def i16(v): return struct.pack(">h", v)
def i32(v): return struct.pack(">i", v)
def i64(v): return struct.pack(">q", v)
def string(s):
    b = s.encode()
    return i16(len(b)) + b
def nstring(s): return i16(-1) if s is None else string(s)
def nbytes(b): return i32(-1) if b is None else i32(len(b)) + b
def array(items, enc): return i32(len(items)) + b"".join(enc(x) for x in items)
def b64(b): return base64.b64encode(b).decode()


def topic_partitions(tps):  # [(topic, [partitions])]
    return array(tps, lambda tp: string(tp[0]) + array(tp[1], i32))


def subscription(version, topics, user_data=None, owned=(), generation=-1, rack=None):
    out = i16(version) + array(topics, string) + nbytes(user_data)
    js = {"topics": topics, "userData": None if user_data is None else b64(user_data)}
    if version >= 1:
        out += topic_partitions(list(owned))
        js["ownedPartitions"] = [{"topic": t, "partitions": p} for t, p in owned]
    if version >= 2:
        out += i32(generation)
        js["generationId"] = generation
    if version >= 3:
        out += nstring(rack)
        js["rackId"] = rack
    return out, js


def assignment(version, tps, user_data=None):
    out = i16(version) + topic_partitions(tps) + nbytes(user_data)
    return out, {"assignedPartitions": [{"topic": t, "partitions": p} for t, p in tps],
                 "userData": None if user_data is None else b64(user_data)}


def offset_commit_key(version, group, topic, partition):
    return (i16(version) + string(group) + string(topic) + i32(partition),
            {"type": str(version), "data": {"group": group, "topic": topic, "partition": partition}})


def group_key(group):
    return i16(2) + string(group), {"type": "2", "data": {"group": group}}


def offset_commit_value(version, offset, metadata, commit_ts, leader_epoch=-1, expire_ts=-1):
    out = i16(version) + i64(offset)
    js = {"offset": offset}
    if version >= 3:
        out += i32(leader_epoch)
        js["leaderEpoch"] = leader_epoch
    out += string(metadata) + i64(commit_ts)
    js["metadata"] = metadata
    js["commitTimestamp"] = commit_ts
    if version == 1:
        out += i64(expire_ts)
        js["expireTimestamp"] = expire_ts
    return out, {"version": str(version), "data": js}


def group_value(version, protocol_type, generation, protocol, leader, state_ts, members):
    """members: dicts with memberId, groupInstanceId, clientId, clientHost, rebalanceTimeout,
    sessionTimeout, subscription (bytes, json), assignment (bytes, json)."""
    out = i16(version) + string(protocol_type) + i32(generation) + nstring(protocol) + nstring(leader)
    js = {"protocolType": protocol_type, "generation": generation, "protocol": protocol, "leader": leader}
    if version >= 2:
        out += i64(state_ts)
        js["currentStateTimestamp"] = state_ts
    out += i32(len(members))
    jm = []
    for m in members:
        out += string(m["memberId"])
        j = {"memberId": m["memberId"]}
        if version >= 3:
            out += nstring(m["groupInstanceId"])
            j["groupInstanceId"] = m["groupInstanceId"]
        out += string(m["clientId"]) + string(m["clientHost"])
        j["clientId"] = m["clientId"]
        j["clientHost"] = m["clientHost"]
        if version >= 1:
            out += i32(m["rebalanceTimeout"])
            j["rebalanceTimeout"] = m["rebalanceTimeout"]
        out += i32(m["sessionTimeout"]) + nbytes(m["subscription"][0]) + nbytes(m["assignment"][0])
        j["sessionTimeout"] = m["sessionTimeout"]
        # OffsetsMessageParser decodes the embedded protocol only for protocol type "consumer".
        decoded = protocol_type == "consumer"
        j["subscription"] = m["subscription"][1] if decoded and m["subscription"][1] is not None \
            else b64(m["subscription"][0])
        j["assignment"] = m["assignment"][1] if decoded and m["assignment"][1] is not None \
            else b64(m["assignment"][0])
        jm.append(j)
    js["members"] = jm
    return out, {"version": str(version), "data": js}


def js(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


expected_parse = {}  # offset -> (key text, payload text)


def rec(offset, key, value, ts):
    """key/value: (bytes, json) pairs, or a text for what Kafka prints instead."""
    kb, kj = key
    vb, vj = value if value is not None else (None, None)
    expected_parse[offset] = (kj if isinstance(kj, str) else js(kj),
                              "<DELETE>" if value is None else (vj if isinstance(vj, str) or vj is None else js(vj)))
    return (ts, kb, vb, [])


sub1 = subscription(1, ["orders"], owned=[("orders", [0, 1])])
sub3 = subscription(3, ["orders", "payments"], user_data=b"\x00\x01sticky", owned=[], generation=2, rack=None)
asg0 = assignment(0, [("orders", [0, 1])])
asg3 = assignment(3, [("orders", [2]), ("payments", [0])], user_data=b"\xff")
members = [
    dict(memberId="consumer-orders-app-1-5f0c", groupInstanceId=None, clientId="consumer-orders-app-1",
         clientHost="/127.0.0.1", rebalanceTimeout=300000, sessionTimeout=45000, subscription=sub1, assignment=asg0),
    dict(memberId="static-2-9a1b", groupInstanceId="static-2", clientId="주문-client \"2\"",
         clientHost="/10.0.0.7", rebalanceTimeout=300000, sessionTimeout=45000, subscription=sub3, assignment=asg3),
    # Bytes that are no ConsumerProtocolSubscription stay base64, as Kafka's parser keeps them.
    dict(memberId="odd-3", groupInstanceId=None, clientId="odd", clientHost="/10.0.0.8", rebalanceTimeout=1000,
         sessionTimeout=6000, subscription=(b"\x00\x00\x00\x00\x00\x09xx", None), assignment=asg0),
]
G = "orders-app"
offsets_batches = [
    batch(0, 0, [rec(0, group_key(G), group_value(3, "consumer", 3, "range", members[0]["memberId"], T + 5, members),
                     T + 5)]),
    batch(1, 0, [rec(1, offset_commit_key(1, G, "orders", 0), offset_commit_value(3, 468, "", T + 10, 4), T + 10),
                 rec(2, offset_commit_key(1, G, "orders", 1),
                     offset_commit_value(1, 312, "a \"quoted\"\tnote\n", T + 10, expire_ts=T + 86400000), T + 10),
                 rec(3, offset_commit_key(0, "legacy", "orders", 2), offset_commit_value(0, 7, "m", T + 11), T + 11)]),
    batch(4, 1, [rec(4, offset_commit_key(1, G, "orders", 1), None, T + 20),
                 rec(5, group_key("idle"), group_value(2, "consumer", 4, None, None, T + 21, []), T + 21),
                 rec(6, group_key("connect-sink"),
                     group_value(0, "connect", 1, "sessioned", "worker-1",
                                 -1, [dict(memberId="worker-1", groupInstanceId=None, clientId="w", clientHost="/h",
                                           rebalanceTimeout=0, sessionTimeout=10000,
                                           subscription=(b"\x00\x01cfg", None), assignment=(b"\x00\x02", None))]),
                     T + 22)]),
    batch(7, 1, [rec(7, (i16(99) + b"??", "Unknown record type 99 at offset 7, skipping."), (b"\x00\x00", None), T + 30),
                 rec(8, (b"\x01", "Error at offset 8, skipping. Could not read version from key's buffer."),
                     (b"x", None), T + 31)]),
]
write("offsets/00000000000000000000.log", b"".join(d for d, _ in offsets_batches))
O = "@DIR@/offsets/00000000000000000000"
expect("offsets_decoder", dump_log(O + ".log", offsets_batches, data_log=True,
                                   parse=lambda off, k, v: expected_parse[off]))

# ---------------------------------------------------------------- bad input
write("bad/00000000000000000000.index", struct.pack(">ii", 1, 0) + struct.pack(">ii", 2, 0) + b"\x00\x00\x00\x03")
write("bad/00000000000000000000.timeindex", struct.pack(">qi", T, 1))  # and no .log beside it
