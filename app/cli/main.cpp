// kafkalab-cli: parses the command line and runs the chosen subcommand. Nothing else lives
// here; each subcommand is in its own *_command.cpp.
#include "commands.h"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <string>
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

    // CLI11 says only "A subcommand is required" for a mistyped one: name it and the known ones.
    if (argc >= 2 && argv[1][0] != '-') {
        bool known = false;
        std::string names;
        for (const auto &command : commands) {
            known = known || command.app->get_name() == argv[1];
            names += (names.empty() ? "" : ", ") + command.app->get_name();
        }
        if (!known) {
            std::cerr << "kafkalab-cli: unknown subcommand '" << argv[1] << "' (subcommands: " << names
                      << "; see kafkalab-cli --help)\n";
            return 2;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        return app.exit(e) == 0 ? 0 : 2; // --help prints and exits 0; a bad argument explains and exits 2
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
