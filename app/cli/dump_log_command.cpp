// `kafkalab-cli dump-log FILE [flags]`: prints a .log, .index or .timeindex file the way
// Kafka's kafka-dump-log.sh does (kl::dumpFile), with its flags --deep-iteration,
// --print-data-log, --offsets-decoder, --index-sanity-check and --verify-index-only. What Kafka
// prints on stderr (index mismatches, non-consecutive offsets) goes to stderr here too. A file
// that cannot be read, a flag that does not apply to the file, a failed sanity check or a
// record the decoder cannot take is reported on stderr with exit code 1.
#include "commands.h"

#include "group/offsets_json.h"
#include "log/dump.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace kl::cli {

namespace {

struct DumpLogOptions {
    std::string file;
    bool deepIteration = false;
    bool printDataLog = false;
    bool offsetsDecoder = false;
    bool indexSanityCheck = false;
    bool verifyIndexOnly = false;
};

int runDumpLog(const DumpLogOptions &o)
{
    DumpOptions options;
    options.deepIteration = o.deepIteration;
    // As in Kafka, a decoder implies --print-data-log, which implies --deep-iteration.
    options.printDataLog = o.printDataLog || o.offsetsDecoder;
    options.indexSanityCheck = o.indexSanityCheck;
    options.verifyIndexOnly = o.verifyIndexOnly;
    if (o.offsetsDecoder)
        options.parser = [](const Record &r) -> Result<ParsedRecord> {
            auto text = formatOffsetsRecord(r.offset, r.key, r.value);
            if (!text)
                return text.status();
            return ParsedRecord{std::move(text->key), std::move(text->payload)};
        };
    const Status status = dumpFile(o.file, options, std::cout, std::cerr);
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
    sub->add_flag("--deep-iteration", options->deepIteration,
                  ".log: a line per record (offset, timestamp, sizes, sequence, header keys); "
                  "by default only batch lines are printed");
    sub->add_flag("--print-data-log,--records", options->printDataLog,
                  ".log: also print each record's key and payload (implies --deep-iteration)");
    sub->add_flag("--offsets-decoder", options->offsetsDecoder,
                  ".log of __consumer_offsets: print keys and payloads as Kafka's JSON of offset "
                  "commits and group metadata (implies --print-data-log)");
    auto *sanity = sub->add_flag("--index-sanity-check", options->indexSanityCheck,
                                 ".index/.timeindex: only run the check a broker runs at startup "
                                 "(\"FILE passed sanity check.\" or the corruption, exit code 1)");
    auto *verify = sub->add_flag("--verify-index-only", options->verifyIndexOnly,
                                 ".index/.timeindex: check the entries against the .log beside it "
                                 "without printing them (mismatches on stderr)");
    sanity->excludes(verify);
    return {sub, [options]() { return runDumpLog(*options); }};
}

} // namespace kl::cli
