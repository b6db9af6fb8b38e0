// POSIX helpers for segments; see file_io.h.
#include "log/file_io.h"

#include "log/bytes.h"
#include "log/fd_cache.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <vector>

namespace kl::fileio {

Status storageError(std::string_view what, const std::filesystem::path &file, int err)
{
    return Status::error(ErrorCode::KafkaStorageError,
                         fmt::format("{} {}: {}", what, file.string(), describeOpenError(err)));
}

Result<int> openFile(const std::filesystem::path &file, int flags, int mode)
{
    int fd = -1;
    int err = 0;
    for (bool retried = false;;) {
        do {
            fd = ::open(file.c_str(), flags | O_CLOEXEC, mode);
            err = fd < 0 ? errno : 0;
        } while (fd < 0 && err == EINTR);
        // At the fd limit: the segment files' cache gives back its idle descriptors, once.
        if (fd >= 0 || retried || err != EMFILE || FdCache::global().shed() == 0)
            break;
        retried = true;
    }
    if (fd < 0)
        return storageError("cannot open", file, err);
    return fd;
}

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

Result<size_t> preadUpTo(int fd, uint8_t *buffer, size_t size, int64_t position,
                         const std::filesystem::path &file)
{
    size_t done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd, buffer + done, size - done, static_cast<off_t>(position) + static_cast<off_t>(done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return storageError(fmt::format("cannot read {} bytes at position {} of", size, position), file,
                                errno);
        }
        if (n == 0)
            break;
        done += static_cast<size_t>(n);
    }
    return done;
}

Status pwriteAll(int fd, std::span<const ByteView> parts, int64_t position, const std::filesystem::path &file)
{
    std::vector<iovec> iov;
    iov.reserve(parts.size());
    for (ByteView p : parts) {
        if (!p.empty())
            iov.push_back({const_cast<uint8_t *>(p.data()), p.size()});
    }
    size_t first = 0;
    off_t pos = static_cast<off_t>(position);
    while (first < iov.size()) {
        const int count = static_cast<int>(std::min<size_t>(iov.size() - first, IOV_MAX));
        const ssize_t n = ::pwritev(fd, iov.data() + first, count, pos);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return storageError(fmt::format("cannot write at position {} of", pos), file, errno);
        }
        pos += n;
        // Skip what was fully written; adjust a partly written vector.
        size_t left = static_cast<size_t>(n);
        while (first < iov.size() && left >= iov[first].iov_len) {
            left -= iov[first].iov_len;
            ++first;
        }
        if (left > 0) {
            iov[first].iov_base = static_cast<uint8_t *>(iov[first].iov_base) + left;
            iov[first].iov_len -= left;
        }
    }
    return Status::ok();
}

Status writeAll(int fd, const uint8_t *data, size_t size, const std::filesystem::path &file)
{
    size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return storageError("cannot append to", file, errno);
        }
        done += static_cast<size_t>(n);
    }
    return Status::ok();
}

Status truncateFile(int fd, int64_t size, const std::filesystem::path &file)
{
    while (::ftruncate(fd, static_cast<off_t>(size)) != 0) {
        if (errno != EINTR)
            return storageError(fmt::format("cannot truncate to {} bytes", size), file, errno);
    }
    return Status::ok();
}

Result<int64_t> fileSize(int fd, const std::filesystem::path &file)
{
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return storageError("cannot stat", file, errno);
    return static_cast<int64_t>(st.st_size);
}

BatchHeader decodeHeaderPrefix(const uint8_t *p)
{
    using namespace kl::bytes;
    BatchHeader h;
    h.baseOffset = getI64(p);
    h.batchLength = getI32(p + 8);
    h.partitionLeaderEpoch = getI32(p + 12);
    h.magic = static_cast<int8_t>(p[16]);
    h.crc = getU32(p + 17);
    h.attributes = getI16(p + 21);
    h.lastOffsetDelta = getI32(p + 23);
    h.baseTimestamp = getI64(p + 27);
    h.maxTimestamp = getI64(p + 35);
    h.producerId = getI64(p + 43);
    h.producerEpoch = getI16(p + 51);
    h.baseSequence = getI32(p + 53);
    h.recordCount = getI32(p + 57);
    return h;
}

} // namespace kl::fileio
