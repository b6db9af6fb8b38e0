// `kafkalab-cli partition`: which partition a key goes to, and why, e.g.
//   kafkalab-cli partition --key order-100 --partitions 6
//   partition: 1
//   hash: 1191522601
//   murmur2("order-100") & 0x7fffffff = 1191522601; mod 6 = 1
#include "commands.h"

#include "partitioners/partitioner.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <string>

namespace kl::cli {

namespace {

struct PartitionOptions {
    std::string key;
    bool nullKey = false;
    int32_t partitions = 0;
    std::string partitioner = "murmur2";
    std::optional<int32_t> explicitPartition;
    uint64_t seed = 1;
};

// The number the partitioner reduces mod N, when there is one.
std::optional<std::string> hashOf(PartitionerKind kind, const std::optional<std::string_view> &key)
{
    switch (kind) {
    case PartitionerKind::Default:
    case PartitionerKind::Murmur2:
        if (key)
            return std::to_string(toPositive(murmur2(*key)));
        break;
    case PartitionerKind::Crc32:
        if (key && !key->empty())
            return std::to_string(crc32Ieee(*key));
        break;
    case PartitionerKind::RoundRobin:
    case PartitionerKind::UniformSticky:
        break;
    }
    return std::nullopt;
}

int runPartition(const PartitionOptions &o)
{
    const auto kind = partitionerFromName(o.partitioner);
    if (!kind) { // unreachable: CLI11 checked the name
        std::cerr << "unknown partitioner: " << o.partitioner << '\n';
        return 1;
    }
    std::optional<std::string_view> key;
    if (!o.nullKey)
        key = o.key;

    Partitioner partitioner(*kind);
    std::mt19937_64 rng(o.seed);
    const auto choice = partitioner.choose(key, o.partitions, o.explicitPartition, rng);
    if (!choice) {
        std::cerr << choice.status().toString() << '\n';
        return 1;
    }
    std::cout << "partition: " << choice->partition << '\n';
    const auto hash = o.explicitPartition ? std::nullopt : hashOf(*kind, key);
    std::cout << "hash: " << hash.value_or("none") << '\n';
    std::cout << choice->explanation << '\n';
    return 0;
}

} // namespace

Command addPartitionCommand(CLI::App &app)
{
    auto options = std::make_shared<PartitionOptions>();
    CLI::App *sub = app.add_subcommand("partition", "Show which partition a key goes to, and why");

    CLI::Option *key = sub->add_option("--key,-k", options->key, "The record key (UTF-8 bytes)");
    CLI::Option *nullKey = sub->add_flag("--null-key", options->nullKey,
                                         "The record has no key (sticky or random partitioning)");
    key->excludes(nullKey);
    sub->add_option("--partitions,-n", options->partitions, "Number of partitions of the topic")
        ->required();
    sub->add_option("--partitioner,-p", options->partitioner, "Partitioner to use")
        ->check(CLI::IsMember({"default", "murmur2", "crc32", "round-robin", "uniform-sticky"}))
        ->capture_default_str();
    sub->add_option("--explicit", options->explicitPartition,
                    "The record names its partition (validated against --partitions)");
    sub->add_option("--seed", options->seed, "Seed of the random source for keyless records")
        ->capture_default_str();
    // CLI11 has no "exactly one of these options"; check it once all options are parsed.
    sub->final_callback([sub, key, nullKey]() {
        if (key->count() == 0 && nullKey->count() == 0)
            throw CLI::RequiredError(sub->get_name() + ": one of --key or --null-key");
    });

    return {sub, [options]() { return runPartition(*options); }};
}

} // namespace kl::cli
