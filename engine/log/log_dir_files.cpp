// Clean-shutdown marker, meta.properties and partition.metadata; see log_dir_files.h.
#include "log/log_dir_files.h"

#include "log/fd_cache.h"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace kl {

namespace fs = std::filesystem;

namespace {

Status storageError(const std::string &message)
{
    return Status::error(ErrorCode::KafkaStorageError, message);
}

Status writeAtomically(const fs::path &file, const std::string &text)
{
    const fs::path temp = file.string() + ".tmp";
    {
        errno = 0;
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out)
            return storageError(fmt::format("cannot write {}: {}", temp.string(),
                                            errno != 0 ? describeOpenError(errno) : std::string("write failed")));
    }
    std::error_code ec;
    fs::rename(temp, file, ec);
    if (ec)
        return storageError(fmt::format("cannot rename {} to {}: {}", temp.string(), file.string(), ec.message()));
    return Status::ok();
}

// nullopt when absent.
Result<std::optional<std::string>> readText(const fs::path &file)
{
    std::error_code ec;
    if (!fs::exists(file, ec))
        return std::optional<std::string>();
    errno = 0;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return storageError(fmt::format("cannot read {}: {}", file.string(),
                                        errno != 0 ? describeOpenError(errno) : std::string("unreadable")));
    std::stringstream text;
    text << in.rdbuf();
    return std::optional<std::string>(text.str());
}

template <typename T>
bool parseInt(std::string_view text, T &out)
{
    const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), out);
    return err == std::errc() && end == text.data() + text.size();
}

std::string trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r");
    return std::string(s.substr(first, last - first + 1));
}

// java.util.Date.toString in UTC: "Wed Dec 02 14:12:37 UTC 2026".
std::string javaDate(int64_t nowMs)
{
    static constexpr const char *kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char *kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t seconds = static_cast<std::time_t>(nowMs / 1000);
    std::tm tm {};
    gmtime_r(&seconds, &tm);
    return fmt::format("{} {} {:02d} {:02d}:{:02d}:{:02d} UTC {}", kDays[tm.tm_wday], kMonths[tm.tm_mon], tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900);
}

} // namespace

bool hasCleanShutdownMarker(const fs::path &logDir)
{
    std::error_code ec;
    return fs::exists(logDir / kCleanShutdownFileName, ec);
}

Status removeCleanShutdownMarker(const fs::path &logDir)
{
    std::error_code ec;
    fs::remove(logDir / kCleanShutdownFileName, ec);
    if (ec)
        return storageError(fmt::format("cannot delete {}: {}", (logDir / kCleanShutdownFileName).string(),
                                        ec.message()));
    return Status::ok();
}

Status writeCleanShutdownMarker(const fs::path &logDir, int64_t brokerEpoch)
{
    // Jackson writes CleanShutdownFileHandler.Content's fields in declaration order.
    return writeAtomically(logDir / kCleanShutdownFileName,
                           fmt::format("{{\"version\":0,\"brokerEpoch\":{}}}", brokerEpoch));
}

std::string metaPropertiesText(const MetaProperties &props, int64_t nowMs)
{
    // Properties.store(writer, ""): an empty comment line, the date, then the entries in the
    // order of the Properties' hash table (for these four keys: node.id, directory.id,
    // version, cluster.id).
    return fmt::format("#\n#{}\nnode.id={}\ndirectory.id={}\nversion={}\ncluster.id={}\n", javaDate(nowMs),
                       props.nodeId, props.directoryId.toString(), props.version, props.clusterId);
}

Result<std::optional<MetaProperties>> readMetaProperties(const fs::path &logDir)
{
    const fs::path file = logDir / kMetaPropertiesFileName;
    auto text = readText(file);
    if (!text)
        return text.status();
    if (!*text)
        return std::optional<MetaProperties>();
    std::map<std::string, std::string> keys;
    std::istringstream in(**text);
    for (std::string line; std::getline(in, line);) {
        const std::string t = trim(line);
        if (t.empty() || t[0] == '#' || t[0] == '!')
            continue;
        const auto eq = t.find_first_of("=:");
        if (eq == std::string::npos)
            return storageError(fmt::format("{}: line '{}' is not key=value", file.string(), t));
        keys[trim(std::string_view(t).substr(0, eq))] = trim(std::string_view(t).substr(eq + 1));
    }
    const auto bad = [&](const std::string &why) { return storageError(fmt::format("{}: {}", file.string(), why)); };
    MetaProperties props;
    if (!keys.count("version") || !parseInt(keys["version"], props.version))
        return bad("no valid version");
    if (props.version != 1)
        return bad(fmt::format("version {} is not the KRaft version 1", keys["version"]));
    if (!keys.count("node.id") || !parseInt(keys["node.id"], props.nodeId))
        return bad("no valid node.id");
    if (!keys.count("cluster.id") || keys["cluster.id"].empty())
        return bad("no cluster.id");
    props.clusterId = keys["cluster.id"];
    if (!keys.count("directory.id"))
        return bad("no directory.id");
    const auto dirId = Uuid::fromString(keys["directory.id"]);
    if (!dirId)
        return bad(fmt::format("directory.id '{}' is not a base64 Uuid", keys["directory.id"]));
    props.directoryId = *dirId;
    return std::optional<MetaProperties>(props);
}

Status writeMetaProperties(const fs::path &logDir, const MetaProperties &props, int64_t nowMs)
{
    return writeAtomically(logDir / kMetaPropertiesFileName, metaPropertiesText(props, nowMs));
}

Result<std::optional<MetaProperties>> checkMetaProperties(const fs::path &logDir, const std::string &clusterId,
                                                          int32_t nodeId)
{
    auto read = readMetaProperties(logDir);
    if (!read || !*read)
        return read;
    const fs::path file = logDir / kMetaPropertiesFileName;
    const MetaProperties &props = **read;
    if (props.clusterId != clusterId)
        return Status::error(ErrorCode::InvalidConfig,
            fmt::format("{}: cluster.id {} does not match this cluster's id {}", file.string(), props.clusterId,
                        clusterId));
    if (props.nodeId != nodeId)
        return Status::error(ErrorCode::InvalidConfig,
            fmt::format("{}: node.id {} does not match broker {} whose directory this is", file.string(),
                        props.nodeId, nodeId));
    return read;
}

Result<MetaProperties> ensureMetaProperties(const fs::path &logDir, const std::string &clusterId, int32_t nodeId,
                                            const Uuid &newDirectoryId, int64_t nowMs)
{
    auto read = checkMetaProperties(logDir, clusterId, nodeId);
    if (!read)
        return read.status();
    if (*read)
        return **read;
    MetaProperties props;
    props.clusterId = clusterId;
    props.nodeId = nodeId;
    props.directoryId = newDirectoryId;
    if (Status s = writeMetaProperties(logDir, props, nowMs); !s)
        return s;
    return props;
}

std::string partitionMetadataText(const Uuid &topicId)
{
    return fmt::format("version: 0\ntopic_id: {}", topicId.toString());
}

Result<std::optional<Uuid>> readPartitionMetadata(const fs::path &partitionDir)
{
    const fs::path file = partitionDir / kPartitionMetadataFileName;
    auto text = readText(file);
    if (!text)
        return text.status();
    if (!*text)
        return std::optional<Uuid>();
    // PartitionMetadataReadBuffer: "version: 0" then "topic_id: <uuid>", fields split on ":\s+".
    std::istringstream in(**text);
    std::string versionLine, idLine;
    std::getline(in, versionLine);
    std::getline(in, idLine);
    const auto field = [](const std::string &line, const char *name) -> std::optional<std::string> {
        const std::string prefix = std::string(name) + ":";
        if (line.rfind(prefix, 0) != 0 || line.size() == prefix.size() || (line[prefix.size()] != ' ' && line[prefix.size()] != '\t'))
            return std::nullopt;
        return trim(std::string_view(line).substr(prefix.size()));
    };
    const auto version = field(versionLine, "version");
    if (!version || *version != "0")
        return storageError(fmt::format("{}: expected 'version: 0' on the first line, found '{}'", file.string(),
                                        versionLine));
    const auto idText = field(idLine, "topic_id");
    const auto id = idText ? Uuid::fromString(*idText) : std::nullopt;
    if (!id)
        return storageError(fmt::format("{}: expected 'topic_id: <base64 uuid>' on the second line, found '{}'",
                                        file.string(), idLine));
    return std::optional<Uuid>(*id);
}

Status writePartitionMetadata(const fs::path &partitionDir, const Uuid &topicId)
{
    return writeAtomically(partitionDir / kPartitionMetadataFileName, partitionMetadataText(topicId));
}

Result<std::optional<Uuid>> checkPartitionMetadata(const fs::path &partitionDir, const std::optional<Uuid> &topicId)
{
    auto stored = readPartitionMetadata(partitionDir);
    if (!stored || !topicId || !*stored || **stored == *topicId)
        return stored;
    return Status::error(ErrorCode::KafkaStorageError,
        fmt::format("{} holds topic id {}, but the topic's id is {}: the directory belongs to another topic",
                    (partitionDir / kPartitionMetadataFileName).string(), (*stored)->toString(), topicId->toString()));
}

} // namespace kl
