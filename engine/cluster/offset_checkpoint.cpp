// Offset checkpoint files: text format, parsing and the atomic write. See offset_checkpoint.h.
#include "cluster/offset_checkpoint.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace kl {

std::string offsetCheckpointText(const OffsetCheckpoint &entries)
{
    std::string text = fmt::format("0\n{}\n", entries.size());
    for (const auto &[tp, offset] : entries)
        text += fmt::format("{} {} {}\n", tp.first, tp.second, offset);
    return text;
}

Result<OffsetCheckpoint> parseOffsetCheckpoint(const std::string &text, const std::string &fileName)
{
    const auto bad = [&](size_t lineNo, const std::string &why) {
        return Status::error(ErrorCode::KafkaStorageError, fmt::format("{} line {}: {}", fileName, lineNo, why));
    };
    std::istringstream in(text);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            lines.push_back(line);
    if (lines.size() < 2)
        return bad(lines.size() + 1, "expected a version line and a count line");
    if (lines[0] != "0")
        return bad(1, fmt::format("unsupported version '{}' (expected 0)", lines[0]));
    size_t count = 0;
    try {
        size_t used = 0;
        count = std::stoul(lines[1], &used);
        if (used != lines[1].size())
            throw std::invalid_argument(lines[1]);
    } catch (...) {
        return bad(2, fmt::format("'{}' is not an entry count", lines[1]));
    }
    if (lines.size() != count + 2)
        return bad(2, fmt::format("count says {} entries, the file has {}", count, lines.size() - 2));
    OffsetCheckpoint entries;
    for (size_t i = 2; i < lines.size(); ++i) {
        std::istringstream fields(lines[i]);
        std::string topic, rest;
        int32_t partition = -1;
        int64_t offset = -1;
        if (!(fields >> topic >> partition >> offset) || (fields >> rest) || partition < 0 || offset < 0)
            return bad(i + 1, fmt::format("'{}' is not \"topic partition offset\"", lines[i]));
        if (!entries.emplace(std::make_pair(topic, partition), offset).second)
            return bad(i + 1, fmt::format("{}-{} appears twice", topic, partition));
    }
    return entries;
}

Result<OffsetCheckpoint> readOffsetCheckpoint(const std::filesystem::path &file)
{
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return OffsetCheckpoint {};
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Status::error(ErrorCode::KafkaStorageError, fmt::format("cannot read {}", file.string()));
    std::stringstream text;
    text << in.rdbuf();
    return parseOffsetCheckpoint(text.str(), file.string());
}

Status writeCheckpointFile(const std::filesystem::path &file, const std::string &text)
{
    const auto temp = std::filesystem::path(file.string() + ".tmp");
    // POSIX calls rather than an ofstream, so the error can say why (No space left on device,
    // Permission denied, Read-only file system ...).
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return Status::error(ErrorCode::KafkaStorageError,
            fmt::format("cannot write {}: {}", temp.string(), std::strerror(errno)));
    for (size_t done = 0; done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : EIO;
            ::close(fd);
            return Status::error(ErrorCode::KafkaStorageError,
                fmt::format("cannot write {}: {}", temp.string(), std::strerror(err)));
        }
        done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0)
        return Status::error(ErrorCode::KafkaStorageError,
            fmt::format("cannot write {}: {}", temp.string(), std::strerror(errno)));
    std::error_code ec;
    std::filesystem::rename(temp, file, ec);
    if (ec)
        return Status::error(ErrorCode::KafkaStorageError,
            fmt::format("cannot rename {} to {}: {}", temp.string(), file.string(), ec.message()));
    return Status::ok();
}

} // namespace kl
