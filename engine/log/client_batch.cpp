#include "log/client_batch.h"

#include <fmt/format.h>

#include <algorithm>

namespace kl {

Result<ClientBatchCheck> checkClientBatch(ByteView records, const BatchHeader &h, const std::string &name, size_t keep)
{
    if (records.size() != h.totalSize())
        return Status::error(ErrorCode::InvalidRecord,
            fmt::format("{}: Produce v3+ carries exactly one record batch per partition; this one holds {} bytes "
                        "after a batch of {}",
                name, records.size() - h.totalSize(), h.totalSize()));
    if (h.isControl())
        return Status::error(ErrorCode::InvalidRecord,
            fmt::format("{}: clients are not allowed to write control records", name));
    if (!batchCrcValid(records))
        return Status::error(ErrorCode::CorruptMessage,
            fmt::format("{}: the batch's CRC is {}, its bytes give {}", name, h.crc, computeBatchCrc(records)));
    const auto undecodable = [&](const Status &why) {
        return Status::error(ErrorCode::CorruptMessage,
            fmt::format("{}: the batch's records do not decode: {}", name, why.message()));
    };
    auto stream = openRecords(records);
    if (!stream)
        return undecodable(stream.status());
    ClientBatchCheck checked;
    const int64_t keepFrom = static_cast<int64_t>(h.recordCount) - static_cast<int64_t>(keep);
    StreamedRecord record;
    int64_t count = 0;
    for (;; ++count) {
        auto more = stream->next(record);
        if (!more)
            return undecodable(more.status());
        if (!*more)
            break;
        if (record.offsetDelta != count)
            return Status::error(ErrorCode::InvalidRecord,
                fmt::format("{}: record {} has offset delta {}, expected {}", name, count, record.offsetDelta, count));
        checked.maxTimestamp = std::max(checked.maxTimestamp, record.timestamp);
        if (count >= keepFrom)
            checked.tail.push_back(record.toRecord(0));
    }
    if (count != h.recordCount)
        return Status::error(ErrorCode::CorruptMessage,
            fmt::format("{}: the batch says {} records and holds {}", name, h.recordCount, count));
    return checked;
}

std::shared_ptr<const PrecheckedBatch> precheckClientBatch(ByteView records, const std::string &name, size_t keep)
{
    if (records.size() <= kBatchHeaderSize || records[16] != kMagicV2)
        return nullptr;
    auto header = parseBatchHeader(records);
    if (!header)
        return nullptr;
    auto pre = std::make_shared<PrecheckedBatch>();
    pre->keep = keep;
    auto checked = checkClientBatch(records, *header, name, keep);
    if (checked)
        pre->check = std::move(*checked);
    else
        pre->status = checked.status();
    return pre;
}

} // namespace kl
