#include "log/producer_state.h"

#include "log/log.h"

#include <algorithm>
#include <climits>
#include <fmt/format.h>

namespace kl {

int32_t advanceSequence(int32_t sequence, int32_t increment)
{
    if (sequence > INT32_MAX - increment)
        return increment - (INT32_MAX - sequence) - 1;
    return sequence + increment;
}

namespace {

bool inSequence(int32_t lastSeq, int32_t nextSeq)
{
    return static_cast<int64_t>(nextSeq) == static_cast<int64_t>(lastSeq) + 1
        || (nextSeq == 0 && lastSeq == INT32_MAX);
}

} // namespace

Result<ProducerStateTable::Verdict> ProducerStateTable::check(int64_t producerId, int16_t producerEpoch,
    int32_t firstSeq, int32_t lastSeq, int64_t nextOffset, const std::string &partitionName) const
{
    Verdict verdict;
    const auto it = m_entries.find(producerId);
    if (it == m_entries.end())
        return verdict; // unknown producer: any sequence is accepted (see the header)
    const ProducerStateEntry &entry = it->second;
    // A resend of one of the last batches: the same epoch and sequence range.
    if (producerEpoch == entry.producerEpoch)
        for (const ProducerBatchMetadata &b : entry.batches)
            if (b.firstSeq == firstSeq && b.lastSeq == lastSeq) {
                verdict.duplicate = true;
                verdict.original = b;
                return verdict;
            }
    if (producerEpoch < entry.producerEpoch)
        return Status::error(ErrorCode::InvalidProducerEpoch,
            fmt::format("epoch of producer {} at offset {} in {} is {}, older than its last seen epoch {}",
                producerId, nextOffset, partitionName, producerEpoch, entry.producerEpoch));
    if (producerEpoch != entry.producerEpoch) {
        if (firstSeq != 0)
            return Status::error(ErrorCode::OutOfOrderSequenceNumber,
                fmt::format("invalid sequence number for the new epoch {} of producer {} at offset {} in {}: "
                            "{} (a new epoch starts at sequence 0; the current epoch is {})",
                    producerEpoch, producerId, nextOffset, partitionName, firstSeq, entry.producerEpoch));
        return verdict;
    }
    if (!inSequence(entry.lastSeq(), firstSeq))
        return Status::error(ErrorCode::OutOfOrderSequenceNumber,
            fmt::format("out of order sequence number for producer {} at offset {} in {}: {} (incoming "
                        "sequence), {} (current end sequence); expected {}",
                producerId, nextOffset, partitionName, firstSeq, entry.lastSeq(),
                advanceSequence(entry.lastSeq(), 1)));
    return verdict;
}

void ProducerStateTable::update(const BatchHeader &batch)
{
    if (batch.producerId < 0 || batch.isControl())
        return;
    ProducerStateEntry &entry = m_entries[batch.producerId];
    entry.producerId = batch.producerId;
    if (entry.producerEpoch != batch.producerEpoch) {
        // A new epoch forgets the old epoch's batches (ProducerStateEntry.maybeUpdateProducerEpoch).
        entry.batches.clear();
        entry.producerEpoch = batch.producerEpoch;
    }
    ProducerBatchMetadata m;
    m.firstSeq = batch.baseSequence;
    m.lastSeq = batch.baseSequence < 0 ? -1 : advanceSequence(batch.baseSequence, batch.lastOffsetDelta);
    m.firstOffset = batch.baseOffset;
    m.lastOffset = batch.lastOffset();
    m.maxTimestamp = batch.maxTimestamp;
    entry.batches.push_back(m);
    while (entry.batches.size() > kBatchesToRetain)
        entry.batches.pop_front();
}

void ProducerStateTable::removeBelow(int64_t logStartOffset)
{
    for (auto it = m_entries.begin(); it != m_entries.end();)
        if (it->second.lastOffset() < logStartOffset)
            it = m_entries.erase(it);
        else
            ++it;
}

const ProducerStateEntry *ProducerStateTable::find(int64_t producerId) const
{
    const auto it = m_entries.find(producerId);
    return it == m_entries.end() ? nullptr : &it->second;
}

Status ProducerStateTable::rebuildFromLog(const Log &log)
{
    m_entries.clear();
    int64_t offset = log.logStartOffset();
    const int64_t end = log.logEndOffset();
    while (offset < end) {
        auto read = log.read(offset, 1 << 20);
        if (!read)
            return read.status();
        int64_t next = offset;
        forEachBatch(ByteView(read->data), [&](const BatchHeader &h, ByteView, size_t) {
            if (h.lastOffset() >= offset)
                update(h);
            next = std::max(next, h.lastOffset() + 1);
            return true;
        });
        if (next == offset)
            return Status::error(ErrorCode::CorruptMessage,
                fmt::format("{}: no complete batch at offset {} while rebuilding the producer state",
                    log.dir().string(), offset));
        offset = next;
    }
    return Status::ok();
}

} // namespace kl
