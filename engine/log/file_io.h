// Small POSIX file helpers for the segment code: EINTR-safe positioned reads and writes that
// go straight to the kernel (no user-space buffer a crash could lose), storage errors that name
// the file, and a header-only decode of a RecordBatch so scans can skip over the records.
// Free functions on caller-owned file descriptors; any thread, no shared state.
#pragma once

#include "core/status.h"
#include "log/record_batch.h"

#include <filesystem>
#include <span>
#include <string>

namespace kl::fileio {

// KAFKA_STORAGE_ERROR "<what> <file>: <strerror>"; EMFILE/ENFILE name the limit and the fix
// (describeOpenError in fd_cache.h).
Status storageError(std::string_view what, const std::filesystem::path &file, int err);

// open(2) with O_CLOEXEC; the error names the file. At EMFILE the segment fd cache sheds its
// idle descriptors and the open is tried once more. For files opened briefly; a segment's own
// files go through FdCache.
Result<int> openFile(const std::filesystem::path &file, int flags, int mode = 0644);
void closeFd(int &fd);

// Reads up to `size` bytes at `position`, fewer only at end of file.
Result<size_t> preadUpTo(int fd, uint8_t *buffer, size_t size, int64_t position,
                         const std::filesystem::path &file);
// Writes every part, back to back, at `position` (pwritev, retried on short writes).
Status pwriteAll(int fd, std::span<const ByteView> parts, int64_t position,
                 const std::filesystem::path &file);
// write(2) until done, for O_APPEND index files.
Status writeAll(int fd, const uint8_t *data, size_t size, const std::filesystem::path &file);
Status truncateFile(int fd, int64_t size, const std::filesystem::path &file);
Result<int64_t> fileSize(int fd, const std::filesystem::path &file);

// Decodes the fixed 61-byte header at `p` without any check and without needing the records
// (parseBatchHeader insists the whole batch is present; scans only read headers).
BatchHeader decodeHeaderPrefix(const uint8_t *p);

} // namespace kl::fileio
