// libFuzzer target: the readers of a partition's files. The input is written as a .log, a
// .index and a .timeindex and each is dumped as `kafkalab-cli dump-log` does in each of its modes
// (batches, records, the offsets decoder, the index checks against the .log); then the .log is
// scanned and its first batch read by position.
#include "fuzz_file_readers.h"
#include "group/offsets_json.h"
#include "log/dump.h"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto &dir = kl::fuzz::scratchDir();
    for (const char *name : {"00000000000000000000.log", "00000000000000000000.index", "00000000000000000000.timeindex"}) {
        const auto file = dir / name;
        kl::fuzz::writeFile(file, data, size);
        // Each mode a user can ask for: batches, records with data, the __consumer_offsets
        // decoder, and the two index checks (refused for a .log, run for an index).
        for (int mode = 0; mode < 5; ++mode) {
            std::ostringstream out, err;
            kl::DumpOptions options;
            options.deepIteration = mode >= 1;
            options.printDataLog = mode == 1 || mode == 2;
            if (mode == 2)
                options.parser = [](const kl::Record &r) -> kl::Result<kl::ParsedRecord> {
                    auto text = kl::formatOffsetsRecord(r.offset, r.key, r.value);
                    if (!text)
                        return text.status();
                    return kl::ParsedRecord { std::move(text->key), std::move(text->payload) };
                };
            options.indexSanityCheck = mode == 3;
            options.verifyIndexOnly = mode == 4;
            (void)kl::dumpFile(file, options, out, err);
        }
    }
    const auto log = dir / "00000000000000000000.log";
    (void)kl::scanSegment(log, 1000);
    (void)kl::readBatchRecords(log, 0);
    return 0;
}
