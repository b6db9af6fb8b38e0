// kafkalab-bench subcommands. Each takes its own arguments (after the subcommand name), prints
// one `name: value unit` line per figure on stdout, and returns the process exit code
// (0 ok, 1 failure, 2 bad arguments). Single-threaded; run one at a time.
#pragma once

#include <span>
#include <string>

namespace kl::bench {

// storage-append [--dir D] [--bytes N] [--segment-bytes N]: Log append and sequential read.
int runStorageAppend(std::span<const std::string> args);

// gui-live [--rate R] [--seconds S]: GUI responsiveness while an auto-producer runs.
int runGuiLive(std::span<const std::string> args);

// replication [--batches N] [--in-flight N] [--seeds N]: produce throughput RF 3 acks=all vs
// RF 1 acks=1 (same run, ManualClock), and the replication simulation's seeds per second.
int runReplication(std::span<const std::string> args);

// rebalance [--consumers 100] [--partitions 200] [--heartbeat-ms 3000] [--session-ms 10000]:
// engine time from a graceful leave to a Stable group; partitions revoked/moved, eager vs
// cooperative-sticky, for one member leaving and one joining.
int runRebalance(std::span<const std::string> args);

// scale [--partitions 10000] [--rf 3] [--brokers 3] [--per-topic 1000] [--idle-ms 2000] [--dir D]
// [--keep]: creates, idles, closes and reopens that many partitions; times, RSS, open fds.
int runScale(std::span<const std::string> args);

// dump-memory [--cli PATH] [--as-limit-mb N] [--only NAME] [--dir D]: peak RSS and time of
// `kafkalab-cli dump-log` on the issue 10 reproducers (hostile batches, sparse files, a 1 GB
// index), built at full size in a temp dir.
int runDumpMemory(std::span<const std::string> args);

// wire [--records N] [--size B] [--window N] [--rounds N] [--rate R] [--latency-seconds S]
// [--connections N] [--idle-partitions N] [--only WHAT] [--broker PATH] [--dir D]: librdkafka
// producing to and consuming from kafkalab-broker (a child process) and librdkafka's in-memory
// mock cluster in the same run; end-to-end latency; broker RSS with idle connections.
int runWire(std::span<const std::string> args);

} // namespace kl::bench
