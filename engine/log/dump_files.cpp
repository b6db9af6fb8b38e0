// The file helpers that dump-log's .log and index dumpers share (log/dump_files.h).
#include "log/dump_files.h"

#include "log/bytes.h"
#include "log/compression.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <sys/stat.h>

namespace kl::dump_detail {

namespace {

const char *fileKind(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO (named pipe)";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

// `length` bytes of an open file from `position`, in chunks of 64 KiB.
class FileRangeSource final : public ByteSource {
public:
    FileRangeSource(std::ifstream &in, const fs::path &file, int64_t position, uint64_t length)
        : m_in(in), m_file(file), m_position(position), m_left(length)
    {
    }
    Result<ByteView> next() override
    {
        if (m_left == 0)
            return ByteView{};
        const size_t n = static_cast<size_t>(std::min<uint64_t>(m_left, kChunk));
        if (!readAt(m_in, m_position, m_buffer.data(), n))
            return Status::error(ErrorCode::KafkaStorageError,
                                 fmt::format("read error in {} at byte position {}", m_file.string(), m_position));
        m_position += static_cast<int64_t>(n);
        m_left -= n;
        return ByteView(m_buffer.data(), n);
    }

private:
    std::ifstream &m_in;
    const fs::path &m_file;
    int64_t m_position;
    uint64_t m_left;
    Bytes m_buffer = Bytes(kChunk);
};

} // namespace

Status openError(const fs::path &file)
{
    return Status::error(ErrorCode::KafkaStorageError,
                         fmt::format("cannot open {}: {}", file.string(), std::strerror(errno)));
}

// Succeeds for a regular file (or a symlink to one); otherwise says what `file` is. Checked
// before every open: opening a FIFO for reading would wait for a writer forever, a device
// such as /dev/zero never ends. `role` says why the file is read ("" for the file asked for).
Status checkRegularFile(const fs::path &file, std::string_view role)
{
    const std::string why = role.empty() ? std::string() : fmt::format(" ({})", role);
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
        const int error = errno;
        if (error == ENOENT) {
            struct stat link {};
            if (::lstat(file.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
                std::error_code ec;
                const fs::path target = fs::read_symlink(file, ec);
                return Status::error(ErrorCode::KafkaStorageError,
                                     fmt::format("{}: is a symlink to {}, which does not exist{}", file.string(),
                                                 ec ? std::string("?") : target.string(), why));
            }
            return Status::error(ErrorCode::KafkaStorageError, fmt::format("{}: no such file{}", file.string(), why));
        }
        if (error == ELOOP)
            return Status::error(ErrorCode::KafkaStorageError,
                                 fmt::format("{}: too many levels of symbolic links (a symlink loop: a link that "
                                             "leads back to itself){}",
                                             file.string(), why));
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("{}: {}{}", file.string(), std::strerror(error), why));
    }
    if (S_ISREG(st.st_mode))
        return Status::ok();
    struct stat link {};
    std::string what = fmt::format("is {}", fileKind(st.st_mode));
    if (::lstat(file.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        std::error_code ec;
        const fs::path target = fs::canonical(file, ec);
        what = fmt::format("is a symlink to {}, {}", ec ? fs::read_symlink(file, ec).string() : target.string(),
                           fileKind(st.st_mode));
    }
    if (S_ISDIR(st.st_mode))
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("{}: {}, not a segment file{}", file.string(), what, why));
    return Status::error(ErrorCode::KafkaStorageError,
                         fmt::format("{}: {}, not a regular file: dump-log reads segment files (.log, .index, "
                                     ".timeindex){}",
                                     file.string(), what, why));
}

// Opens a regular file for reading; its size in `size`.
Status openRegular(const fs::path &file, std::ifstream &in, uint64_t &size, std::string_view role)
{
    if (Status s = checkRegularFile(file, role); !s)
        return s;
    std::error_code ec;
    size = fs::file_size(file, ec);
    if (ec)
        return Status::error(ErrorCode::KafkaStorageError,
                             fmt::format("cannot read {}: {}", file.string(), ec.message()));
    in.open(file, std::ios::binary);
    if (!in)
        return openError(file);
    return Status::ok();
}

bool readAt(std::ifstream &in, int64_t position, uint8_t *dst, size_t size)
{
    in.clear();
    in.seekg(position);
    in.read(reinterpret_cast<char *>(dst), static_cast<std::streamsize>(size));
    return static_cast<size_t>(in.gcount()) == size;
}

// The records of the batch `h` at `position` of an open .log, streamed from the file.
Result<RecordStream> openBatchRecords(std::ifstream &in, const fs::path &file, const BatchHeader &h, int64_t position)
{
    if (h.recordCount < 0)
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("at byte 57: negative recordCount {}", h.recordCount));
    if (static_cast<uint8_t>(h.compression()) > static_cast<uint8_t>(Compression::Zstd))
        return Status::error(ErrorCode::CorruptMessage, fmt::format("at byte 21: unknown compression codec {}",
                                                                    static_cast<int>(h.compression())));
    const uint64_t sectionSize = h.totalSize() - kBatchHeaderSize;
    return RecordStream(h,
                        std::make_unique<FileRangeSource>(in, file, position + static_cast<int64_t>(kBatchHeaderSize),
                                                          sectionSize),
                        sectionSize);
}

void droppedNote(uint64_t dropped, std::string_view which, std::ostream &err)
{
    if (dropped > 0)
        err << fmt::format("  ... and {} {} not listed (Kafka Lab keeps {} of them)\n", dropped, which, kMaxListed);
}

std::string absolutePath(const fs::path &file)
{
    std::error_code ec;
    const fs::path abs = fs::absolute(file, ec);
    return ec ? file.string() : abs.string();
}

Result<int64_t> baseOffsetFromName(const fs::path &file)
{
    const std::string stem = file.stem().string();
    int64_t base = 0;
    const auto [end, ec] = std::from_chars(stem.data(), stem.data() + stem.size(), base);
    if (stem.empty() || ec != std::errc() || end != stem.data() + stem.size() || base < 0)
        return Status::error(ErrorCode::InvalidRequest,
                             fmt::format("{}: the file name is not a base offset (00000000000000000042)",
                                         file.string()));
    return base;
}

} // namespace kl::dump_detail
