#!/usr/bin/python3
"""Prometheus metrics of a running kafkalab-broker (issue 11).

Starts `kafkalab-broker --port-base 0 --metrics-port 0` with topic orders (3 partitions, RF 3),
produces keyed records with kafka-python and consumes part of them in group "m-group"
(committing), then:
  - /metrics parses with prometheus_client's own text parser (Debian's python3-prometheus-client,
    an independent reader of the format) and its numbers agree with what the clients saw:
    log end offsets and high watermarks with kafka-python's end_offsets, the group's committed
    offsets and lag with its commits, ISR sizes 3, no under-replicated partition;
  - Debian's `prometheus` scrapes the endpoint and its HTTP API returns the same group lag;
  - anything but GET /metrics gets 404 or 405.
Usage: metrics_prometheus.py --broker PATH --work DIR [--prometheus PATH]
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
import urllib.error
import urllib.parse
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from broker_process import free_port  # noqa: E402


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def start_broker(binary, data_dir):
    proc = subprocess.Popen([binary, "--data-dir", data_dir, "--port-base", "0", "--metrics-port", "0",
                             "--create-topic", "orders:3:3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    listening = metrics = None
    while listening is None or metrics is None:
        line = proc.stdout.readline()
        if not line:
            fail("kafkalab-broker exited early: " + proc.stderr.read())
        event = json.loads(line)
        if event.get("type") == "listening":
            listening = event
        elif event.get("type") == "metrics":
            metrics = event["url"]
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    return proc, listening["bootstrap_servers"], metrics


def scrape(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        if not r.headers["Content-Type"].startswith("text/plain; version=0.0.4"):
            fail("Content-Type %r" % r.headers["Content-Type"])
        text = r.read().decode()
    samples = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return samples


def value(samples, name, **labels):
    key = (name, tuple(sorted((k, str(v)) for k, v in labels.items())))
    if key not in samples:
        fail("no sample %s%r in /metrics" % (name, labels))
    return samples[key]


def check_prometheus(binary, work, metrics_url, want_lag):
    target = urllib.parse.urlparse(metrics_url).netloc
    config = os.path.join(work, "prometheus.yml")
    with open(config, "w") as f:
        f.write("global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: kafkalab\n"
                "    static_configs:\n      - targets: ['%s']\n" % target)
    port = free_port()
    proc = subprocess.Popen([binary, "--config.file=" + config, "--storage.tsdb.path=" + os.path.join(work, "tsdb"),
                             "--web.listen-address=127.0.0.1:%d" % port], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        query = urllib.parse.quote('kafkalab_consumer_group_lag_sum{group="m-group"}')
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/api/v1/query?query=%s" % (port, query), timeout=5) as r:
                    result = json.load(r)["data"]["result"]
                if result:
                    got = float(result[0]["value"][1])
                    if got != want_lag:
                        fail("prometheus reports lag %r for m-group, /metrics says %r" % (got, want_lag))
                    return got
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.5)
        fail("prometheus never returned m-group's lag")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--broker", required=True)
    args.add_argument("--work", required=True)
    args.add_argument("--prometheus", default="/usr/bin/prometheus")
    opts = args.parse_args()
    shutil.rmtree(opts.work, ignore_errors=True)
    os.makedirs(opts.work)
    proc, bootstrap, url = start_broker(opts.broker, os.path.join(opts.work, "data"))
    try:
        from kafka import KafkaConsumer, KafkaProducer, TopicPartition
        producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
        for i in range(90):
            producer.send("orders", key=b"k%d" % (i % 9), value=b"%d" % i)
        producer.flush(30)
        producer.close()
        consumer = KafkaConsumer("orders", bootstrap_servers=bootstrap, group_id="m-group", enable_auto_commit=False,
                                 auto_offset_reset="earliest", max_poll_records=10)
        read = 0
        deadline = time.time() + 60
        while read < 30 and time.time() < deadline:
            for records in consumer.poll(timeout_ms=500, max_records=10).values():
                read += len(records)
        consumer.commit()
        committed = {p: consumer.committed(TopicPartition("orders", p)) for p in range(3)}
        ends = consumer.end_offsets([TopicPartition("orders", p) for p in range(3)])
        consumer.close()
        want_lag = sum(ends[TopicPartition("orders", p)] - (committed[p] or 0) for p in range(3))

        # The lag is sampled by the engine once a second: wait for the commit to show.
        deadline = time.time() + 20
        while True:
            samples = scrape(url)
            if value(samples, "kafkalab_consumer_group_lag_sum", group="m-group") == want_lag:
                break
            if time.time() > deadline:
                fail("m-group's lag in /metrics is %r, the clients say %d" %
                     (value(samples, "kafkalab_consumer_group_lag_sum", group="m-group"), want_lag))
            time.sleep(0.3)
        for p in range(3):
            end = ends[TopicPartition("orders", p)]
            if value(samples, "kafkalab_partition_high_watermark", topic="orders", partition=p) != end or \
                    value(samples, "kafkalab_partition_log_end_offset", topic="orders", partition=p) != end:
                fail("orders-%d: /metrics and end_offsets (%d) disagree" % (p, end))
            if value(samples, "kafkalab_partition_in_sync_replicas", topic="orders", partition=p) != 3:
                fail("orders-%d's ISR is not 3 in /metrics" % p)
            if value(samples, "kafkalab_consumer_group_committed_offset", group="m-group", topic="orders",
                     partition=p) != (committed[p] if committed[p] is not None else -1):
                fail("orders-%d: the committed offset in /metrics is not %r" % (p, committed[p]))
            if value(samples, "kafkalab_consumer_group_lag", group="m-group", topic="orders", partition=p) != \
                    end - (committed[p] or 0):
                fail("orders-%d: the lag in /metrics is wrong" % p)
        if value(samples, "kafkalab_under_replicated_partitions") != 0:
            fail("/metrics counts under-replicated partitions")
        if value(samples, "kafkalab_records_produced_total") != 90:
            fail("kafkalab_records_produced_total is %r, not 90" % value(samples, "kafkalab_records_produced_total"))
        if value(samples, "kafkalab_topic_records_produced_total", topic="orders") != 90:
            fail("orders: kafkalab_topic_records_produced_total is not 90")
        # kafka-python fetches ahead of what poll() hands out, but each record once: between
        # the 30 it returned and the 90 there are.
        consumed = value(samples, "kafkalab_topic_records_consumed_total", topic="orders")
        if not read <= consumed <= 90:
            fail("orders: kafkalab_topic_records_consumed_total is %r; kafka-python read %d of 90" % (consumed, read))
        for path, code in (("/", 404), ("/metricsx", 404)):
            try:
                urllib.request.urlopen(url.replace("/metrics", path), timeout=10)
                fail("%s was answered" % path)
            except urllib.error.HTTPError as e:
                if e.code != code:
                    fail("%s got %d, not %d" % (path, e.code, code))
        try:
            urllib.request.urlopen(urllib.request.Request(url, data=b"x", method="POST"), timeout=10)
            fail("a POST was answered")
        except urllib.error.HTTPError as e:
            if e.code != 405:
                fail("a POST got %d, not 405" % e.code)
        scraped = check_prometheus(opts.prometheus, opts.work, url, want_lag)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    if proc.returncode != 0:
        fail("kafkalab-broker exited %d" % proc.returncode)
    print("ok: /metrics agrees with kafka-python (lag %d, committed %r) and Prometheus scraped lag %r" %
          (want_lag, committed, scraped))


if __name__ == "__main__":
    main()
