// Reading .index / .timeindex files for inspection, and segment file naming. Kafka preallocates
// the active segment's index files (segment.index.bytes) and trims them on roll/close, so an
// open segment's index ends in zero entries: an all-zero entry after the first marks the end of
// the real entries, and reading stops there.
#include "log/log.h"

#include "log/bytes.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace kl {

namespace {

bool allZero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        if (p[i])
            return false;
    return true;
}

// Calls fn(entry bytes) for each real entry of a (possibly preallocated) index file, reading
// it in chunks and stopping at the zero tail, so a 10 MiB preallocated file with a few entries
// costs one small read, and a huge one is never held (fn returns false to stop). The real entries end at the first all-zero entry after the first one;
// a zero first entry counts as real unless a zero entry follows it (then the file is an
// untouched preallocation). A partial entry at the end (a write in progress) is ignored.
template <typename Fn>
Status forEachIndexEntry(const std::filesystem::path &file, size_t entrySize, Fn fn)
{
    // Opening a FIFO would wait for a writer; a device never ends. Say what it is instead.
    std::error_code ec;
    const auto type = std::filesystem::status(file, ec).type();
    if (!ec && type != std::filesystem::file_type::regular && type != std::filesystem::file_type::not_found)
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("{}: not a regular file (an index file is one)", file.string()));
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("cannot open {}: {}", file.string(), std::strerror(errno)));
    constexpr size_t kChunkEntries = 4096;
    Bytes chunk(kChunkEntries * entrySize);
    size_t index = 0;
    for (;;) {
        in.read(reinterpret_cast<char *>(chunk.data()), static_cast<std::streamsize>(chunk.size()));
        const size_t got = static_cast<size_t>(in.gcount());
        const size_t whole = got / entrySize;
        for (size_t i = 0; i < whole; ++i, ++index) {
            const uint8_t *p = chunk.data() + i * entrySize;
            if (allZero(p, entrySize)) {
                if (index > 0)
                    return Status::ok();
                if (whole > 1 && allZero(p + entrySize, entrySize))
                    return Status::ok();
            }
            if (!fn(p))
                return Status::ok();
        }
        if (got < chunk.size())
            break;
    }
    if (in.bad())
        return Status::error(ErrorCode::KafkaStorageError, fmt::format("cannot read {}", file.string()));
    return Status::ok();
}

} // namespace

Result<std::vector<IndexEntry>> readOffsetIndex(const std::filesystem::path &indexFile, size_t maxEntries)
{
    std::vector<IndexEntry> entries;
    Status s = forEachIndexEntry(indexFile, 8, [&](const uint8_t *p) {
        if (entries.size() >= maxEntries)
            return false;
        entries.push_back({bytes::getI32(p), bytes::getI32(p + 4)});
        return true;
    });
    if (!s)
        return s;
    return entries;
}

Result<std::vector<TimeIndexEntry>> readTimeIndex(const std::filesystem::path &timeIndexFile, size_t maxEntries)
{
    std::vector<TimeIndexEntry> entries;
    Status s = forEachIndexEntry(timeIndexFile, 12, [&](const uint8_t *p) {
        if (entries.size() >= maxEntries)
            return false;
        entries.push_back({bytes::getI64(p), bytes::getI32(p + 8)});
        return true;
    });
    if (!s)
        return s;
    return entries;
}

std::string segmentFileStem(int64_t baseOffset)
{
    return fmt::format("{:020d}", baseOffset);
}

} // namespace kl
