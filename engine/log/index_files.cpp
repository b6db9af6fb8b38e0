// Reading .index / .timeindex files for inspection, and segment file naming. Kafka preallocates
// index files (segment.index.bytes) and trims them on roll/close, so an open segment's index may
// end in zero entries: an all-zero entry after the first marks the end of the real entries.
#include "log/log.h"

#include "log/bytes.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace kl {

namespace {

Result<Bytes> readWholeFile(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("cannot open {}: {}", file.string(), std::strerror(errno)));
    Bytes data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        return Status::error(ErrorCode::KafkaStorageError, fmt::format("cannot read {}", file.string()));
    return data;
}

bool allZero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        if (p[i])
            return false;
    return true;
}

// Where the real entries of a (possibly preallocated) index end: at the first all-zero entry
// after the first one. A zero first entry counts as real unless a zero entry follows it (then
// the file is an untouched preallocation).
bool endOfEntries(const Bytes &data, size_t pos, size_t entrySize)
{
    const uint8_t *p = data.data() + pos;
    if (!allZero(p, entrySize))
        return false;
    if (pos > 0)
        return true;
    return data.size() >= 2 * entrySize && allZero(p + entrySize, entrySize);
}

} // namespace

Result<std::vector<IndexEntry>> readOffsetIndex(const std::filesystem::path &indexFile)
{
    auto data = readWholeFile(indexFile);
    if (!data)
        return data.status();
    constexpr size_t kEntry = 8;
    std::vector<IndexEntry> entries;
    entries.reserve(data->size() / kEntry);
    // A partial entry at the end (a write in progress) is ignored.
    for (size_t pos = 0; pos + kEntry <= data->size(); pos += kEntry) {
        if (endOfEntries(*data, pos, kEntry))
            break;
        const uint8_t *p = data->data() + pos;
        entries.push_back({bytes::getI32(p), bytes::getI32(p + 4)});
    }
    return entries;
}

Result<std::vector<TimeIndexEntry>> readTimeIndex(const std::filesystem::path &timeIndexFile)
{
    auto data = readWholeFile(timeIndexFile);
    if (!data)
        return data.status();
    constexpr size_t kEntry = 12;
    std::vector<TimeIndexEntry> entries;
    entries.reserve(data->size() / kEntry);
    for (size_t pos = 0; pos + kEntry <= data->size(); pos += kEntry) {
        if (endOfEntries(*data, pos, kEntry))
            break;
        const uint8_t *p = data->data() + pos;
        entries.push_back({bytes::getI64(p), bytes::getI32(p + 8)});
    }
    return entries;
}

std::string segmentFileStem(int64_t baseOffset)
{
    return fmt::format("{:020d}", baseOffset);
}

} // namespace kl
