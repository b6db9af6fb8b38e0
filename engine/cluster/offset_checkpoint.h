// Kafka's broker-level offset checkpoint files, one set in each broker directory
// <dataDir>/broker-<id>/:
//     replication-offset-checkpoint      high watermark of every replica on the broker
//     recovery-point-offset-checkpoint   offset up to which each log is known to be on disk
//     log-start-offset-checkpoint        log start offset of each replica
// All three share Kafka's plain-text format (OffsetCheckpointFile):
//     0              <- format version
//     2              <- number of entries
//     orders 0 120   <- "topic partition offset"
//     orders 1 98
// Entries are sorted by topic, then partition, so the same state gives the same bytes.
// Written with temp file + rename, so a crash leaves the old or the new file, never half of one.
// Pure functions over files; called on the engine thread.
#pragma once

#include "core/status.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>

namespace kl {

constexpr const char *kReplicationOffsetCheckpointFile = "replication-offset-checkpoint";
constexpr const char *kRecoveryPointOffsetCheckpointFile = "recovery-point-offset-checkpoint";
constexpr const char *kLogStartOffsetCheckpointFile = "log-start-offset-checkpoint";

// (topic, partition) -> offset.
using OffsetCheckpoint = std::map<std::pair<std::string, int32_t>, int64_t>;

std::string offsetCheckpointText(const OffsetCheckpoint &entries);
// Parses checkpoint text; an error names `fileName` and the line that is wrong.
Result<OffsetCheckpoint> parseOffsetCheckpoint(const std::string &text, const std::string &fileName);
// A missing file reads as no entries; an unreadable or malformed one is an error.
Result<OffsetCheckpoint> readOffsetCheckpoint(const std::filesystem::path &file);
// Writes `text` to `file` through `file`.tmp and a rename (the checkpoints, the leader epoch
// checkpoint, cluster-metadata.json). An error names the file and the OS's reason.
Status writeCheckpointFile(const std::filesystem::path &file, const std::string &text);

} // namespace kl
