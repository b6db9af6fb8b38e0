// What a broker checks of a client's batch before a leader appends it (Kafka's
// ProduceRequest.validateRecords and LogValidator for magic 2): exactly one batch, not a control
// batch, the CRC right, every record decodable with offset deltas 0..n-1 and as many records as
// the header says. A pure function of the bytes, so the listener's thread can run it while the
// engine thread appends the batch before (PrecheckedBatch); the engine runs it itself otherwise.
#pragma once

#include "log/record_batch.h"

#include <string>
#include <vector>

namespace kl {

struct ClientBatchCheck {
    int64_t maxTimestamp = -1; // the records' largest timestamp (the header's may be wrong)
    std::vector<Record> tail;  // the last `keep` records, in order, without headers (for drawing)
};

// `name` ("topic-partition") starts each error message. `h` is parseBatchHeader(records).
Result<ClientBatchCheck> checkClientBatch(ByteView records, const BatchHeader &h, const std::string &name,
                                          size_t keep);

// checkClientBatch's answer for a batch, made before the batch reached the engine; the engine
// uses it when `keep` is what it keeps (EngineOptions::recentRecordsPerPartition).
struct PrecheckedBatch {
    size_t keep = 0;
    Status status;           // checkClientBatch's error, if any
    ClientBatchCheck check;  // when status is ok
};

// Parses the header and runs checkClientBatch; nullptr when the header does not parse or is
// not magic 2 (the engine reports those itself, after the errors that come first).
std::shared_ptr<const PrecheckedBatch> precheckClientBatch(ByteView records, const std::string &name, size_t keep);

} // namespace kl
