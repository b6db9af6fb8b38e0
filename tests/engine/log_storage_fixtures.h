// Fixtures for the log storage tests (test_segment, test_log, test_recovery): batches built
// with BatchBuilder, whole-file reads and byte pokes, hand-written big-endian index entries,
// and an event recorder. Test code only.
#pragma once

#include "log/bytes.h"
#include "log/log.h"
#include "log/record_batch.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace kl::testing {

constexpr int64_t kT0 = 1'700'000'000'000;

// One batch of `records` records, each with a `valueSize`-byte value, all stamped `timestamp`.
inline Bytes makeBatch(int records, int64_t timestamp, size_t valueSize = 100)
{
    BatchBuilder builder;
    const std::string value(valueSize, 'v');
    for (int i = 0; i < records; ++i)
        builder.add(timestamp, std::nullopt, value);
    const ByteView v = builder.finish();
    return Bytes(v.begin(), v.end());
}

inline Bytes readAll(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void writeAll(const std::filesystem::path &file, const Bytes &data)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(data.data()), static_cast<std::streamsize>(data.size()));
}

// Expected .index / .timeindex content, written out field by field (big-endian).
inline Bytes offsetIndexBytes(const std::vector<std::pair<int32_t, int32_t>> &entries)
{
    Bytes out(entries.size() * 8);
    uint8_t *p = out.data();
    for (auto [rel, pos] : entries)
        p = bytes::putI32(bytes::putI32(p, rel), pos);
    return out;
}

inline Bytes timeIndexBytes(const std::vector<std::pair<int64_t, int32_t>> &entries)
{
    Bytes out(entries.size() * 12);
    uint8_t *p = out.data();
    for (auto [ts, rel] : entries)
        p = bytes::putI32(bytes::putI64(p, ts), rel);
    return out;
}

// The entries of an index file: an active segment's file is preallocated (segment.index.bytes)
// and ends in zero entries, which are cut here. Real entries are never all zero in these tests
// (positions and timestamps are above 0).
inline Bytes indexEntries(const std::filesystem::path &file, size_t entrySize)
{
    Bytes data = readAll(file);
    size_t end = data.size() / entrySize * entrySize;
    while (end >= entrySize
           && std::all_of(data.begin() + static_cast<std::ptrdiff_t>(end - entrySize),
                          data.begin() + static_cast<std::ptrdiff_t>(end), [](uint8_t b) { return b == 0; }))
        end -= entrySize;
    data.resize(end);
    return data;
}
inline Bytes offsetIndexEntries(const std::filesystem::path &file) { return indexEntries(file, 8); }
inline Bytes timeIndexEntries(const std::filesystem::path &file) { return indexEntries(file, 12); }

inline std::filesystem::path segmentFile(const std::filesystem::path &dir, int64_t base, const char *ext)
{
    return dir / (segmentFileStem(base) + ext);
}

// Headers of every batch in a read result.
inline std::vector<BatchHeader> headersOf(ByteView data)
{
    std::vector<BatchHeader> out;
    const size_t used = forEachBatch(data, [&](const BatchHeader &h, ByteView, size_t) {
        out.push_back(h);
        return true;
    });
    if (used != data.size())
        qWarning("read returned %zu trailing bytes that are not a whole batch", data.size() - used);
    return out;
}

struct EventRecorder {
    std::vector<LogEvent> events;
    Log::EventSink sink()
    {
        return [this](const LogEvent &e) { events.push_back(e); };
    }
    int count(LogEventType type) const
    {
        int n = 0;
        for (const LogEvent &e : events)
            n += e.type == type;
        return n;
    }
    const LogEvent *first(LogEventType type) const
    {
        for (const LogEvent &e : events)
            if (e.type == type)
                return &e;
        return nullptr;
    }
};

inline std::filesystem::path tempPath(const QTemporaryDir &dir)
{
    return std::filesystem::path(dir.path().toStdString()) / "topic-0";
}

} // namespace kl::testing
