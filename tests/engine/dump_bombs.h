// Segment files that claim far more than they hold, for measuring what dump-log and the segment
// browser hold while reading them (issue 10, "Memory and time"). Shared by test_dump_memory
// (small versions under an address-space limit) and `kafkalab-bench dump-memory` (the full
// sizes, peak RSS). Every batch is well formed (CRC valid): a reader must cope by design, not
// by luck of a corrupt byte.
//   zstdHeaders   one 2 KB zstd batch: 64 MiB of records, each with millions of empty headers
//   gzipTiny      one ~100 KB gzip batch: 64 MiB of 7-byte records (9.6 million)
//   sparseRecord  an uncompressed batch whose one record (headers, all zero bytes) fills a hole
//   sparseZeros   `truncate -s N`: a hole and nothing else
//   denseIndex    a .index of N bytes whose every slot is a used entry
//   sparseIndex   a .index with one entry, then a hole up to N bytes
#pragma once

#include "log/bytes.h"
#include "log/compression.h"
#include "log/crc32c.h"
#include "log/record_batch.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace kl::dumpbombs {

namespace fs = std::filesystem;

// The 61-byte header of a batch of `recordCount` records whose section (after the header) is
// `sectionSize` bytes; the CRC is left 0 (see finishCrc).
inline Bytes batchHeader(Compression codec, int32_t recordCount, uint64_t sectionSize)
{
    using namespace bytes;
    Bytes h(kBatchHeaderSize);
    uint8_t *b = h.data();
    putI64(b + 0, 0);                                                            // baseOffset
    putI32(b + 8, static_cast<int32_t>(kBatchHeaderSize - kLogOverhead + sectionSize)); // batchLength
    putI32(b + 12, 0);                                                           // partitionLeaderEpoch
    putI8(b + 16, kMagicV2);
    putI16(b + 21, static_cast<int16_t>(codec));                                 // attributes
    putI32(b + 23, recordCount - 1);                                             // lastOffsetDelta
    putI64(b + 27, 1700000000000);                                               // baseTimestamp
    putI64(b + 35, 1700000000000);                                               // maxTimestamp
    putI64(b + 43, -1);                                                          // producerId
    putI16(b + 51, -1);                                                          // producerEpoch
    putI32(b + 53, -1);                                                          // baseSequence
    putI32(b + 57, recordCount);
    return h;
}

// One record with a null key and value and `headers` empty headers (key "", value ""): the
// smallest encoding of a header, two zero bytes each.
inline void appendHeaderRecord(Bytes &out, int32_t offsetDelta, int32_t headers)
{
    using namespace bytes;
    const size_t body = 1 + 1 + varintSize(offsetDelta) + 1 + 1 + varintSize(headers) + 2 * static_cast<size_t>(headers);
    const size_t start = out.size();
    out.resize(start + varintSize(static_cast<int32_t>(body)) + body);
    uint8_t *p = out.data() + start;
    p = putVarint(p, static_cast<int32_t>(body));
    p = putI8(p, 0);            // attributes
    p = putVarlong(p, 0);       // timestampDelta
    p = putVarint(p, offsetDelta);
    p = putVarint(p, -1);       // null key
    p = putVarint(p, -1);       // null value
    p = putVarint(p, headers);  // the headers themselves are zero bytes, already there
}

// A 7-byte record: null key and value, no headers, offsetDelta 0 (so it compresses to nothing).
inline void appendTinyRecord(Bytes &out)
{
    const uint8_t r[] = {0x0c, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00};
    out.insert(out.end(), r, r + sizeof r);
}

inline Status writeFile(const fs::path &file, const Bytes &bytes)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out)
        return Status::error(ErrorCode::KafkaStorageError, "cannot write " + file.string());
    return Status::ok();
}

// A compressed batch of `plain` (the encoded records), with its CRC.
inline Bytes compressedBatch(Compression codec, int32_t recordCount, const Bytes &plain)
{
    Bytes section;
    compress(codec, plain, section, codec == Compression::Gzip ? 9 : 19);
    // Sized once and filled in place (g++ 12 misreads an insert after 61 bytes as out of bounds).
    Bytes batch(kBatchHeaderSize + section.size());
    const Bytes header = batchHeader(codec, recordCount, section.size());
    std::copy(header.begin(), header.end(), batch.begin());
    std::copy(section.begin(), section.end(), batch.begin() + static_cast<std::ptrdiff_t>(kBatchHeaderSize));
    bytes::putU32(batch.data() + 17, computeBatchCrc(batch));
    return batch;
}

// zstd: `plainBytes` of records with `headersPerRecord` empty headers each.
inline Status writeZstdHeaders(const fs::path &file, size_t plainBytes, int32_t headersPerRecord)
{
    Bytes plain;
    plain.reserve(plainBytes);
    int32_t n = 0;
    while (plain.size() + 2 * static_cast<size_t>(headersPerRecord) + 16 <= plainBytes)
        appendHeaderRecord(plain, n++, headersPerRecord);
    return writeFile(file, compressedBatch(Compression::Zstd, n, plain));
}

// gzip: `plainBytes` / 7 tiny records.
inline Status writeGzipTiny(const fs::path &file, size_t plainBytes)
{
    Bytes plain;
    plain.reserve(plainBytes);
    int32_t n = 0;
    while (plain.size() + 7 <= plainBytes) {
        appendTinyRecord(plain);
        ++n;
    }
    return writeFile(file, compressedBatch(Compression::Gzip, n, plain));
}

// An uncompressed batch of about `fileBytes` holding one record of empty headers: only its
// first bytes are written, the rest is a hole (zero bytes are empty headers).
inline Status writeSparseRecord(const fs::path &file, uint64_t fileBytes)
{
    using namespace bytes;
    const int32_t headers = static_cast<int32_t>((fileBytes - kBatchHeaderSize - 16) / 2);
    Bytes record;
    appendHeaderRecord(record, 0, headers);
    const size_t prefix = record.size() - 2 * static_cast<size_t>(headers); // bytes before the zeros
    Bytes batch(kBatchHeaderSize + prefix);
    const Bytes header = batchHeader(Compression::None, 1, record.size());
    std::copy(header.begin(), header.end(), batch.begin());
    std::copy(record.begin(), record.begin() + static_cast<std::ptrdiff_t>(prefix),
              batch.begin() + static_cast<std::ptrdiff_t>(kBatchHeaderSize));
    // CRC-32C of attributes..end: the written bytes, then the zeros of the hole.
    uint32_t crc = crc32cExtend(0, batch.data() + 21, batch.size() - 21);
    const Bytes zeros(64 * 1024, 0);
    for (uint64_t left = 2 * static_cast<uint64_t>(headers); left > 0;) {
        const size_t n = static_cast<size_t>(std::min<uint64_t>(left, zeros.size()));
        crc = crc32cExtend(crc, zeros.data(), n);
        left -= n;
    }
    putU32(batch.data() + 17, crc);
    if (Status s = writeFile(file, batch); !s)
        return s;
    std::error_code ec;
    fs::resize_file(file, kBatchHeaderSize + record.size(), ec);
    return ec ? Status::error(ErrorCode::KafkaStorageError, "cannot extend " + file.string()) : Status::ok();
}

// A file of `bytes` zero bytes that takes no disk space (truncate -s).
inline Status writeSparseZeros(const fs::path &file, uint64_t bytes)
{
    if (Status s = writeFile(file, {}); !s)
        return s;
    std::error_code ec;
    fs::resize_file(file, bytes, ec);
    return ec ? Status::error(ErrorCode::KafkaStorageError, "cannot extend " + file.string()) : Status::ok();
}

// A .index of `bytes` whose slots are all used: relative offsets 1, 2, 3, ... (positions 0).
inline Status writeDenseIndex(const fs::path &file, uint64_t bytes)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    Bytes chunk(64 * 1024);
    uint32_t next = 1;
    for (uint64_t left = bytes / 8 * 8; left > 0;) {
        const size_t n = static_cast<size_t>(std::min<uint64_t>(left, chunk.size()));
        for (size_t i = 0; i < n; i += 8) {
            bytes::putI32(chunk.data() + i, static_cast<int32_t>(next++));
            bytes::putI32(chunk.data() + i + 4, 0);
        }
        out.write(reinterpret_cast<const char *>(chunk.data()), static_cast<std::streamsize>(n));
        left -= n;
    }
    out.close();
    if (!out)
        return Status::error(ErrorCode::KafkaStorageError, "cannot write " + file.string());
    return Status::ok();
}

// A .index with one entry (offset 1, position 0) and then a hole up to `bytes`.
inline Status writeSparseIndex(const fs::path &file, uint64_t bytes)
{
    Bytes entry(8);
    bytes::putI32(entry.data(), 1);
    if (Status s = writeFile(file, entry); !s)
        return s;
    std::error_code ec;
    fs::resize_file(file, bytes, ec);
    return ec ? Status::error(ErrorCode::KafkaStorageError, "cannot extend " + file.string()) : Status::ok();
}

} // namespace kl::dumpbombs
