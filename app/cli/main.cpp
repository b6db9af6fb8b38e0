// kafkalab-cli: parses the command line and runs the chosen subcommand. Nothing else lives
// here; each subcommand is in its own *_command.cpp.
#include "commands.h"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <vector>

int main(int argc, char **argv)
{
    CLI::App app{"kafkalab-cli: Kafka Lab's engine from the command line"};
    app.require_subcommand(1);

    const std::vector<kl::cli::Command> commands{
        kl::cli::addPartitionCommand(app),
        kl::cli::addDumpLogCommand(app),
        kl::cli::addSimulateCommand(app),
    };

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        return app.exit(e); // --help prints and exits 0; a bad argument explains and exits non-zero
    }

    for (const auto &command : commands) {
        if (!command.app->parsed())
            continue;
        try {
            return command.run();
        } catch (const std::exception &e) {
            // Engine calls do not throw, but the standard library may (bad_alloc, filesystem):
            // report it like any other failure instead of aborting.
            std::cerr << "kafkalab-cli: " << e.what() << '\n';
            return 1;
        }
    }
    return 1;
}
