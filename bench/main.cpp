// kafkalab-bench SUBCOMMAND [options]: dispatches to one benchmark. Figures go to stdout as
// `name: value unit` lines so scripts and docs/PERFORMANCE.md can quote them verbatim.
#include "bench.h"

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <vector>

namespace {

struct Subcommand {
    const char *name;
    const char *usage;
    int (*run)(std::span<const std::string>);
};

const Subcommand kSubcommands[] = {
    {"storage-append", "[--dir D] [--bytes N] [--segment-bytes N]  Log append + sequential read (N: 2G, 512M, ...)",
     kl::bench::runStorageAppend},
    {"gui-live", "[--rate 20000] [--seconds 10]  GUI responsiveness while an auto-producer runs", kl::bench::runGuiLive},
    {"replication", "[--batches 1000] [--in-flight 20] [--seeds 2000] [--commit-seeds 2000]  RF 3 acks=all vs RF 1 acks=1; replication and offset-commit simulations (seeds/s)", kl::bench::runReplication},
    {"dump-memory", "[--cli PATH] [--as-limit-mb N] [--only NAME]  peak RSS of kafkalab-cli dump-log on hostile segment files",
     kl::bench::runDumpMemory},
    {"rebalance", "[--consumers 100] [--partitions 200] [--heartbeat-ms 3000]  leave -> Stable engine time; eager vs cooperative revoked/moved", kl::bench::runRebalance},
    {"scale", "[--partitions 10000] [--rf 3] [--brokers 3] [--per-topic 1000] [--idle-ms 2000] [--dir D] [--keep]  create, idle, close and reopen: times, RSS, open fds", kl::bench::runScale},
    {"wire", "[--records 1000000] [--size 100] [--window 40000] [--rounds 25] [--fetch-wait-ms 10] [--rate 10000] [--latency-seconds 10] [--connections 1000] [--idle-partitions 1000] [--only produce|consume|latency|idle] [--broker PATH] [--dir D]  kafkalab-broker vs librdkafka's mock cluster over TCP",
     kl::bench::runWire},
};

void printUsage(std::FILE *out)
{
    fmt::print(out, "usage: kafkalab-bench SUBCOMMAND [options]\nsubcommands:\n");
    for (const Subcommand &s : kSubcommands)
        fmt::print(out, "  {} {}\n", s.name, s.usage);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        printUsage(stderr);
        return 2;
    }
    const std::string name = argv[1];
    if (name == "-h" || name == "--help") {
        printUsage(stdout);
        return 0;
    }
    const std::vector<std::string> args(argv + 2, argv + argc);
    for (const Subcommand &s : kSubcommands) {
        if (name == s.name)
            return s.run(args);
    }
    fmt::print(stderr, "kafkalab-bench: unknown subcommand '{}'\n", name);
    printUsage(stderr);
    return 2;
}
