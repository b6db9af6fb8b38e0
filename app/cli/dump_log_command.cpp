// `kafkalab-cli dump-log FILE [--records]`: prints a .log, .index or .timeindex file the way
// Kafka's kafka-dump-log.sh does (kl::dumpFile). A file that cannot be read is reported on
// stderr with exit code 1.
#include "commands.h"

#include "log/dump.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace kl::cli {

namespace {

struct DumpLogOptions {
    std::string file;
    bool records = false;
};

int runDumpLog(const DumpLogOptions &o)
{
    DumpOptions options;
    options.records = o.records;
    const Status status = dumpFile(o.file, options, std::cout);
    std::cout.flush();
    if (!status) {
        std::cerr << status.toString() << '\n';
        return 1;
    }
    return 0;
}

} // namespace

Command addDumpLogCommand(CLI::App &app)
{
    auto options = std::make_shared<DumpLogOptions>();
    CLI::App *sub = app.add_subcommand(
        "dump-log", "Print a segment file (.log, .index, .timeindex) like kafka-dump-log.sh");
    // No CLI::ExistingFile check: dumpFile's Status says what is wrong with the file.
    sub->add_option("file", options->file, "Path of the .log, .index or .timeindex file")
        ->required();
    sub->add_flag("--records,--print-data-log", options->records,
                  "Also print each record with its key and value");
    return {sub, [options]() { return runDumpLog(*options); }};
}

} // namespace kl::cli
