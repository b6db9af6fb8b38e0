#!/usr/bin/env python3
"""Kafka Lab's assignors against kafka-python's (the oracle) on seeded random consumer groups.

Usage: assignor_oracle.py DRIVER [--groups N] [--seed S] [--show-differences]

DRIVER is the assignor_driver executable (reads "assignor TAB topics TAB members" lines, prints
each assignment; notation in assignor_notation.h). Every case is generated here from the seed,
so nothing generated is stored in the repository.

  range, roundrobin   must equal kafka-python's assignment exactly.
  sticky              kafka-python's StickyPartitionAssignor is a port of Java's pre-2.8 sticky
                      assignor; Kafka Lab follows Java 4.x (AbstractStickyAssignor), which differs
                      by design (constrainedAssign for equal subscriptions, `count + 1 < other`
                      in isBalanced, generation handling). So the sticky check is on the two
                      properties the assignor promises, per rebalance: Kafka Lab's assignment is
                      valid, no less balanced than kafka-python's (Java's balance score: the sum
                      over member pairs of the difference in partition counts) and moves no more
                      previously owned partitions.
Groups go through several rebalances (members join, leave, change subscriptions); each round's
owned partitions are the previous round's kafka-python result, so both sides start equal.
Exit code 0 when every case holds, 1 otherwise, 77 when kafka-python is not installed.
"""
import argparse
import os
import random
import subprocess
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    # kafka-python's sticky assignor iterates sets; a fixed hash seed makes runs repeatable.
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

try:
    from kafka.coordinator.assignors.range import RangePartitionAssignor
    from kafka.coordinator.assignors.roundrobin import RoundRobinPartitionAssignor
    from kafka.coordinator.assignors.sticky.sticky_assignor import (StickyAssignorUserDataV1,
                                                                     StickyPartitionAssignor)
    from kafka.coordinator.protocol import ConsumerProtocolMemberMetadata
except ImportError:
    print("kafka-python is not installed: skipped")
    sys.exit(77)


class Cluster:
    def __init__(self, topics):
        self._topics = topics

    def topics(self):
        return set(self._topics)

    def partitions_for_topic(self, topic):
        n = self._topics.get(topic)
        return set(range(n)) if n else None


def fmt_topics(topics):
    return ",".join("%s:%d" % (t, n) for t, n in sorted(topics.items()))


def fmt_members(members):
    out = []
    for m in members:
        s = "%s=%s" % (m["id"], ",".join(m["topics"]))
        if m["owned"] or m["generation"] >= 0:
            s += "|" + ",".join("%sp%d" % tp for tp in m["owned"]) + "@%d" % m["generation"]
        out.append(s)
    return ";".join(out)


def parse_result(line):
    result = {}
    for entry in line.split(";") if line else []:
        member, _, parts = entry.partition("=")
        result[member] = [(p[:p.rfind("p")], int(p[p.rfind("p") + 1:])) for p in parts.split(",") if p]
    return result


def kafka_python(name, topics, members):
    cluster = Cluster(topics)
    metadata = {}
    for m in members:
        user_data = b""
        if name == "sticky" and m["generation"] >= 0:
            by_topic = {}
            for t, p in m["owned"]:
                by_topic.setdefault(t, []).append(p)
            data = StickyAssignorUserDataV1(list(by_topic.items()), m["generation"])
            user_data = data.encode()  # encode() holds `data` weakly: keep it alive
        metadata[m["id"]] = ConsumerProtocolMemberMetadata(0, list(m["topics"]), user_data)
    assignor = {"range": RangePartitionAssignor, "roundrobin": RoundRobinPartitionAssignor,
                "sticky": StickyPartitionAssignor}[name]
    out = {}
    for member, assignment in assignor.assign(cluster, metadata).items():
        out[member] = sorted((t, p) for t, parts in assignment.assignment for p in parts)
    for m in members:
        out.setdefault(m["id"], [])
    return out


def balance_score(assignment):
    sizes = [len(v) for v in assignment.values()]
    return sum(abs(a - b) for i, a in enumerate(sizes) for b in sizes[i + 1:])


def moved(members, assignment):
    """Previously owned partitions (still subscribed by their owner) now with someone else."""
    n = 0
    for m in members:
        now = set(assignment.get(m["id"], []))
        n += sum(1 for tp in m["owned"] if tp[0] in m["topics"] and tp not in now)
    return n


def problem(topics, members, assignment):
    expected = {(t, p) for m in members for t in m["topics"] if t in topics for p in range(topics[t])}
    seen = set()
    for m in members:
        for tp in assignment.get(m["id"], []):
            if tp in seen:
                return "%sp%d assigned twice" % tp
            if tp[0] not in m["topics"]:
                return "%s got %sp%d without subscribing" % (m["id"], tp[0], tp[1])
            seen.add(tp)
    if seen != expected:
        return "not every partition is assigned"
    if set(assignment) != {m["id"] for m in members}:
        return "members differ"
    return None


def random_groups(rng, groups):
    """Yields (group, round, topics, members); members carry the previous round's result."""
    for g in range(groups):
        topics = {"t%d" % i: rng.randint(1, 8) for i in range(rng.randint(1, 5))}
        names = sorted(topics)
        equal = rng.random() < 0.3
        next_id = [0]

        def new_member():
            next_id[0] += 1
            subscribed = names if equal else sorted(rng.sample(names, rng.randint(1, len(names))))
            return {"id": "c%02d" % next_id[0], "topics": list(subscribed), "owned": [], "generation": -1}

        members = [new_member() for _ in range(rng.randint(1, 8))]
        previous = None
        for rnd in range(rng.randint(1, 4)):
            if previous is not None:
                kept = []
                for i, m in enumerate(members):
                    if i + 1 < len(members) and rng.random() < 0.2:
                        continue  # left (the last member always stays)
                    m = dict(m, owned=sorted(previous[m["id"]]), generation=rnd)
                    if not equal and rng.random() < 0.2:
                        m["topics"] = sorted(rng.sample(names, rng.randint(1, len(names))))
                    kept.append(m)
                members = kept + [new_member() for _ in range(rng.randint(0, 2))]
                if rng.random() < 0.15:
                    t = rng.choice(names)
                    topics[t] += rng.randint(1, 3)  # partitions added
            yield g, rnd, dict(topics), [dict(m) for m in members]
            previous = kafka_python("sticky", topics, members)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("driver")
    parser.add_argument("--groups", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show-differences", action="store_true")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    cases = []
    for g, rnd, topics, members in random_groups(rng, args.groups):
        for name in ("range", "roundrobin", "sticky"):
            cases.append((name, g, rnd, topics, members))
    lines = "".join("%s\t%s\t%s\n" % (name, fmt_topics(t), fmt_members(m)) for name, _, _, t, m in cases)
    out = subprocess.run([args.driver], input=lines, capture_output=True, text=True, check=True).stdout
    results = out.splitlines()
    if len(results) != len(cases):
        print("driver answered %d of %d cases" % (len(results), len(cases)))
        return 1

    failures = 0
    counts = {"range": [0, 0], "roundrobin": [0, 0], "sticky": [0, 0]}
    for (name, g, rnd, topics, members), line in zip(cases, results):
        ours = parse_result(line)
        theirs = kafka_python(name, topics, members)
        counts[name][1] += 1
        case = "%s\t%s\t%s" % (name, fmt_topics(topics), fmt_members(members))
        if ours == theirs:
            counts[name][0] += 1
            continue
        why = None
        if name != "sticky":
            why = "differs"
        else:
            why = problem(topics, members, ours)
            if not why and balance_score(ours) > balance_score(theirs):
                why = "less balanced (score %d > %d)" % (balance_score(ours), balance_score(theirs))
            if not why and moved(members, ours) > moved(members, theirs):
                why = "moves more partitions (%d > %d)" % (moved(members, ours), moved(members, theirs))
        if why:
            failures += 1
            print("FAIL group %d round %d %s: %s\n  case:       %s\n  kafka lab:  %s\n  kafka-python: %s"
                  % (g, rnd, name, why, case, line, ";".join(
                      "%s=%s" % (k, ",".join("%sp%d" % tp for tp in v)) for k, v in sorted(theirs.items()))))
        elif args.show_differences:
            print("differs (allowed) group %d round %d: %s\n  ours:   %s\n  theirs: %s" % (g, rnd, case, line, theirs))
    for name, (same, total) in counts.items():
        print("%s: %d of %d identical to kafka-python" % (name, same, total))
    print("%d failing case(s)" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
