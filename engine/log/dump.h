// dump-log: prints a segment file like Kafka's kafka-dump-log.sh (DumpLogSegments), so its
// output can be compared line by line. Used by `kafkalab-cli dump-log` and the GUI.
// Pure functions over files; any thread.
#pragma once

#include "core/status.h"
#include "log/record_batch.h"

#include <filesystem>
#include <ostream>
#include <vector>

namespace kl {

struct BatchSummary {
    BatchHeader header;
    int64_t position = 0;   // byte position in the .log file
    bool crcValid = false;
};

struct SegmentScan {
    std::vector<BatchSummary> batches;
    int64_t validBytes = 0;    // bytes covered by complete batches
    int64_t fileSize = 0;
    // Set when the scan stopped before the end: what is wrong and at which byte position.
    std::string problem;
};

// Reads the batch headers of a .log file (and checks each CRC). Never throws; a malformed or
// truncated file yields the batches before the problem plus `problem`.
Result<SegmentScan> scanSegment(const std::filesystem::path &logFile, size_t maxBatches = SIZE_MAX);
// Reads one batch at `position` of a .log file and decodes its records.
Result<std::vector<Record>> readBatchRecords(const std::filesystem::path &logFile, int64_t position);

struct DumpOptions {
    bool records = false;   // --records: per-record lines with key and value (--print-data-log)
};
// Writes the dump of a .log, .index or .timeindex file to `out`. Returns an error only if the
// file cannot be opened or has an unknown extension; corruption is printed (with byte position).
Status dumpFile(const std::filesystem::path &file, const DumpOptions &options, std::ostream &out);

} // namespace kl
