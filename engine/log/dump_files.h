// dump-log's private helpers, shared by the .log dumper (dump.cpp) and the index dumpers
// (dump_index.cpp): opening only regular files (a FIFO or a device never blocks or streams
// forever), positioned reads, streaming a batch's records from the file, and the bounded lists
// Kafka's tool prints after a dump. Not part of the engine's API.
#pragma once

#include "core/status.h"
#include "log/dump.h"
#include "log/record_batch.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kl::dump_detail {

namespace fs = std::filesystem;

constexpr size_t kChunk = 64 * 1024;
// How many entries of each list printed after a dump (non-consecutive offsets, index
// mismatches) are kept: ~2 MB each. Kafka's tool keeps all of them (in the JVM's heap).
constexpr size_t kMaxListed = 100000;

Status openError(const fs::path &file);
// Succeeds for a regular file (or a symlink to one); otherwise says what `file` is. Checked
// before every open: opening a FIFO for reading would wait for a writer forever, a device
// such as /dev/zero never ends. `role` says why the file is read ("" for the file asked for).
Status checkRegularFile(const fs::path &file, std::string_view role = {});
// Opens a regular file for reading; its size in `size`.
Status openRegular(const fs::path &file, std::ifstream &in, uint64_t &size, std::string_view role = {});
// Reads exactly `size` bytes at `position`; false when the file ends first.
bool readAt(std::ifstream &in, int64_t position, uint8_t *dst, size_t size);
// The records of the batch `h` at `position` of an open .log, streamed from the file in chunks.
Result<RecordStream> openBatchRecords(std::ifstream &in, const fs::path &file, const BatchHeader &h,
                                      int64_t position);
std::string absolutePath(const fs::path &file);
// A segment file's base offset from its name (00000000000000000042.log -> 42).
Result<int64_t> baseOffsetFromName(const fs::path &file);

// Offsets seen in deep iteration, for Kafka's "Non-consecutive offsets in FILE" report.
// A list Kafka prints after the dump, kept to kMaxListed items: the first ones (oldest first
// lists) or the newest ones (newest first lists, a ring).
template <typename T>
struct Listed {
    std::vector<T> items;
    uint64_t total = 0;
    size_t next = 0; // ring: the oldest kept item once full
    void keepFirst(T t)
    {
        ++total;
        if (items.size() < kMaxListed)
            items.push_back(std::move(t));
    }
    void keepNewest(T t)
    {
        ++total;
        if (items.size() < kMaxListed) {
            items.push_back(std::move(t));
            return;
        }
        items[next] = std::move(t);
        next = (next + 1) % kMaxListed;
    }
    bool empty() const { return total == 0; }
    uint64_t dropped() const { return total - items.size(); }
    template <typename Fn>
    void newestFirst(Fn &&fn) const
    {
        for (size_t i = 0; i < items.size(); ++i)
            fn(items[(next + items.size() - 1 - i) % items.size()]);
    }
};

// "... and N <which> not listed" when a Listed dropped some.
void droppedNote(uint64_t dropped, std::string_view which, std::ostream &err);

// The index dumpers (dump_index.cpp); `base` comes from the file's name.
Status dumpOffsetIndex(const fs::path &file, int64_t base, const DumpOptions &options, std::ostream &out,
                       std::ostream &err);
Status dumpTimeIndex(const fs::path &file, int64_t base, const DumpOptions &options, std::ostream &out,
                     std::ostream &err);

} // namespace kl::dump_detail
