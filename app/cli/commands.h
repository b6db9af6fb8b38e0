// kafkalab-cli subcommands. Each `add...Command` registers one subcommand (its options live in
// state owned by the returned runner) and returns the function main() calls after a
// successful parse. A new subcommand is one new file plus one line in main.cpp.
// Runners return the process exit code and report failures on stderr; they never throw.
// Single-threaded: the CLI's main thread only.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace kl::cli {

struct Command {
    CLI::App *app = nullptr;      // the subcommand, to know whether it was the one invoked
    std::function<int()> run;     // exit code: 0 ok, 1 the operation failed
};

Command addPartitionCommand(CLI::App &app);
Command addDumpLogCommand(CLI::App &app);
Command addSimulateCommand(CLI::App &app);

} // namespace kl::cli
