// libFuzzer target: the record batch decoder. Any bytes, read as back-to-back batches: headers,
// CRC checks and full record decoding (with decompression) must never crash, hang or read out
// of bounds; errors come back as Status.
#include "log/record_batch.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const kl::ByteView buffer(data, size);
    kl::forEachBatch(buffer, [](const kl::BatchHeader &, kl::ByteView batch, size_t) {
        (void)kl::batchCrcValid(batch);
        // Decode whatever the CRC says: a damaged batch must be refused, not crash.
        auto records = kl::decodeRecords(batch);
        if (records)
            for (const auto &r : *records)
                (void)r.offset;
        return true;
    });
    (void)kl::peekBatchHeader(buffer);
    return 0;
}
