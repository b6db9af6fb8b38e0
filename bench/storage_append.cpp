// storage-append: how fast kl::Log takes producer batches and gives them back.
// Appends 100-byte-value records in batches of 1,000 built with BatchBuilder (the building is
// timed too, as a producer would pay it) into a fresh log in a temporary directory, then reads
// the whole log sequentially from offset 0 with Log::read in 1 MiB fetches, walking every batch,
// checking its CRC (as a consumer with check.crcs=true) and summing its record count. No fsync (Kafka's default flush policy leaves it to the OS), so
// this measures the write path into the page cache, not the disk. The directory is removed.
#include "bench.h"

#include "core/clock.h"
#include "log/log.h"
#include "log/record_batch.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sys/resource.h>
#include <unistd.h>

namespace kl::bench {

namespace {

namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

constexpr int kRecordsPerBatch = 1000;
constexpr size_t kValueSize = 100;
constexpr int32_t kFetchBytes = 1 << 20;

// "2G", "512M", "64k" or plain bytes.
std::optional<int64_t> parseSize(const std::string &text)
{
    char *end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || value <= 0)
        return std::nullopt;
    const std::string unit(end);
    double scale = 1;
    if (unit == "k" || unit == "K" || unit == "KiB")
        scale = 1024.0;
    else if (unit == "m" || unit == "M" || unit == "MiB")
        scale = 1024.0 * 1024;
    else if (unit == "g" || unit == "G" || unit == "GiB")
        scale = 1024.0 * 1024 * 1024;
    else if (!unit.empty())
        return std::nullopt;
    return static_cast<int64_t>(value * scale);
}

double seconds(Steady::time_point from, Steady::time_point to)
{
    return std::chrono::duration<double>(to - from).count();
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

int fail(const std::string &message, const fs::path &dir)
{
    fmt::print(stderr, "storage-append: {}\n", message);
    std::error_code ec;
    fs::remove_all(dir, ec);
    return 1;
}

} // namespace

int runStorageAppend(std::span<const std::string> args)
{
    fs::path parent = fs::temp_directory_path();
    int64_t totalBytes = int64_t(2) << 30;
    LogConfig config;
    config.segmentBytes = int64_t(1) << 30; // Kafka's default segment.bytes
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        const bool hasValue = i + 1 < args.size();
        if (arg == "--dir" && hasValue) {
            parent = args[++i];
        } else if ((arg == "--bytes" || arg == "--segment-bytes") && hasValue) {
            const auto size = parseSize(args[++i]);
            if (!size) {
                fmt::print(stderr, "storage-append: bad size '{}'\n", args[i]);
                return 2;
            }
            (arg == "--bytes" ? totalBytes : config.segmentBytes) = *size;
        } else {
            fmt::print(stderr, "storage-append: unknown argument '{}'\n"
                               "usage: kafkalab-bench storage-append [--dir D] [--bytes N] [--segment-bytes N]\n",
                       arg);
            return 2;
        }
    }
    const fs::path dir = parent / fmt::format("kafkalab-bench-{}", ::getpid());
    std::error_code ec;
    fs::remove_all(dir, ec);

    SystemClock clock;
    auto opened = Log::open(dir / "bench-0", config, clock);
    if (!opened)
        return fail(opened.status().toString(), dir);
    Log &log = **opened;

    const std::string value(kValueSize, 'x');
    const int64_t baseTimestamp = clock.nowMs();
    BatchBuilder builder;
    int64_t records = 0;
    int64_t batches = 0;
    double buildSecs = 0; // the producer's share, to tell where the time goes
    const auto appendStart = Steady::now();
    while (log.sizeBytes() < totalBytes) {
        const auto buildStart = Steady::now();
        builder.reset();
        for (int i = 0; i < kRecordsPerBatch; ++i)
            builder.add(baseTimestamp + batches, std::nullopt, value);
        const ByteView batch = builder.finish();
        buildSecs += seconds(buildStart, Steady::now());
        auto info = log.appendAsLeader(batch);
        if (!info)
            return fail(info.status().toString(), dir);
        records += info->recordCount;
        ++batches;
    }
    const auto appendEnd = Steady::now();
    const double appendSecs = seconds(appendStart, appendEnd);
    const int64_t logBytes = log.sizeBytes();
    const size_t segmentCount = log.segments().size();

    int64_t readRecords = 0;
    int64_t readBytes = 0;
    int64_t offset = 0;
    const auto readStart = Steady::now();
    while (offset < log.logEndOffset()) {
        auto r = log.read(offset, kFetchBytes);
        if (!r)
            return fail(r.status().toString(), dir);
        int64_t next = offset;
        bool crcOk = true;
        const size_t used = forEachBatch(r->data, [&](const BatchHeader &h, ByteView batch, size_t) {
            crcOk = crcOk && batchCrcValid(batch); // as a consumer with check.crcs=true
            readRecords += h.recordCount;
            next = h.lastOffset() + 1;
            return true;
        });
        if (used != r->data.size() || next == offset)
            return fail(fmt::format("read at offset {} returned no whole batch", offset), dir);
        if (!crcOk)
            return fail(fmt::format("CRC mismatch in a batch read at offset {}", offset), dir);
        readBytes += static_cast<int64_t>(used);
        offset = next;
    }
    const double readSecs = seconds(readStart, Steady::now());
    log.close();
    opened->reset();
    fs::remove_all(dir, ec);
    if (readRecords != records)
        return fail(fmt::format("read {} records, appended {}", readRecords, records), dir);

    fmt::print("storage_append_records: {} records\n", records);
    fmt::print("storage_append_log_bytes: {} bytes\n", logBytes);
    fmt::print("storage_append_segments: {} segments\n", segmentCount);
    fmt::print("storage_append_seconds: {:.2f} s\n", appendSecs);
    fmt::print("storage_append_build_seconds: {:.2f} s\n", buildSecs);
    fmt::print("storage_append_records_per_sec: {:.0f} records/s\n", static_cast<double>(records) / appendSecs);
    fmt::print("storage_append_mb_per_sec: {:.1f} MB/s\n", static_cast<double>(logBytes) / 1e6 / appendSecs);
    fmt::print("storage_read_seconds: {:.2f} s\n", readSecs);
    fmt::print("storage_read_records_per_sec: {:.0f} records/s\n", static_cast<double>(readRecords) / readSecs);
    fmt::print("storage_read_mb_per_sec: {:.1f} MB/s\n", static_cast<double>(readBytes) / 1e6 / readSecs);
    fmt::print("peak_rss_mb: {:.1f} MB\n", peakRssMb());
    return 0;
}

} // namespace kl::bench
