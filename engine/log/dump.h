// dump-log: prints a segment file like Kafka's kafka-dump-log.sh (DumpLogSegments), so its
// output can be compared line by line. Used by `kafkalab-cli dump-log` and the GUI.
// Pure functions over files; any thread.
#pragma once

#include "core/status.h"
#include "log/record_batch.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
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
// Reads one batch at `position` of a .log file and decodes all its records (tests, tools over
// files Kafka Lab wrote). For a file of unknown origin use readBatchRecordPage.
Result<std::vector<Record>> readBatchRecords(const std::filesystem::path &logFile, int64_t position);

// The first records of the batch at `position`, decoded as they stream from the file: at most
// maxRecords, and no more once the kept keys, values and headers pass maxBytes (so a page of
// a hostile batch stays within maxBytes plus one record); each record keeps at most maxHeaders
// headers. For the segment browser, which shows one page of a batch.
struct RecordPage {
    std::vector<Record> records;
    bool more = false;       // a record follows the page
    bool headersCut = false; // a record had more than maxHeaders headers
};
Result<RecordPage> readBatchRecordPage(const std::filesystem::path &logFile, int64_t position, size_t maxRecords,
                                       size_t maxBytes = 16u << 20, size_t maxHeaders = 100);

// What a decoder makes of one record (Kafka's MessageParser): the key and payload text, each
// absent when Kafka prints nothing for it. An error stops the dump (Kafka's tool throws there).
// The Record it gets has the offset, timestamp, key and value; its headers are not copied.
struct ParsedRecord {
    std::optional<std::string> key;
    std::optional<std::string> payload;
};
using RecordParser = std::function<Result<ParsedRecord>(const Record &record)>;

// The flags of kafka-dump-log.sh that Kafka Lab follows.
struct DumpOptions {
    // .log: --deep-iteration prints a "| offset: ..." line per record (by default Kafka prints
    // batch lines only); --print-data-log adds each record's key and payload and implies it.
    bool deepIteration = false;
    bool printDataLog = false;
    // The decoder behind --print-data-log; empty = key and value as text (StringDecoder).
    // --offsets-decoder sets it to the __consumer_offsets JSON (kl::formatOffsetsRecord).
    RecordParser parser;
    // .index / .timeindex: --index-sanity-check runs only the check a broker runs at startup
    // (prints "FILE passed sanity check." or fails); --verify-index-only checks the entries
    // against the .log without printing them (mismatches go to `err` either way).
    bool indexSanityCheck = false;
    bool verifyIndexOnly = false;
};
// Writes the dump of a .log, .index or .timeindex file: what Kafka prints on stdout to `out`,
// what it prints on stderr (mismatches, non-consecutive offsets, Kafka Lab's explanations of a
// torn tail) to `err`. Returns an error if the file cannot be read or has an unknown extension,
// if a flag does not apply to the file's type, if --index-sanity-check fails (Kafka throws
// CorruptIndexException there) or the decoder fails; corruption found while dumping is printed.
Status dumpFile(const std::filesystem::path &file, const DumpOptions &options, std::ostream &out,
                std::ostream &err);

} // namespace kl
