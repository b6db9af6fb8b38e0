// The broker-level offset checkpoint files (offset_checkpoint.h) written by the cluster: every
// broker that is not crashed writes its three files with the retention check timer and on a
// clean shutdown; a restarting broker (EngineCore::restartBroker, or the whole engine reopening)
// takes each replica's high watermark from replication-offset-checkpoint, capped at its log end
// offset, as Kafka's ReplicaManager does, instead of starting from 0.
// A crashed broker writes nothing, so after its restart its replicas may start from a stale,
// lower high watermark; fetching from the leader brings them up to date.
// As Kafka's LogManager: recovery-point-offset-checkpoint holds each log's recovery point (its
// flushed offset, not the log end), log-start-offset-checkpoint only the logs whose log start
// offset is above their first segment's base offset (checkpointLogStartOffsetsInDir), and a
// clean shutdown ends with .kafka_cleanshutdown in the broker directory, after every log was
// closed and the checkpoints written; a starting broker deletes it before opening any log.
#include "cluster/core_impl.h"
#include "log/log_dir_files.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace kl {

void EngineCore::Impl::writeCheckpoints(int32_t broker)
{
    OffsetCheckpoint highWatermarks, recoveryPoints, logStarts;
    for (auto &[name, topic] : topics)
        for (auto &p : topic.partitions) {
            const ReplicaState *r = p.replica(broker);
            if (!r || !r->log)
                continue;
            const auto key = std::make_pair(name, p.id);
            highWatermarks[key] = std::min(r->highWatermark, r->log->logEndOffset());
            recoveryPoints[key] = r->log->recoveryPoint();
            if (r->log->logStartOffset() > r->log->firstSegmentBaseOffset())
                logStarts[key] = r->log->logStartOffset();
        }
    const std::pair<const char *, const OffsetCheckpoint *> files[] = {
        { kReplicationOffsetCheckpointFile, &highWatermarks },
        { kRecoveryPointOffsetCheckpointFile, &recoveryPoints },
        { kLogStartOffsetCheckpointFile, &logStarts },
    };
    for (const auto &[fileName, entries] : files) {
        const auto file = brokerDir(broker) / fileName;
        std::string text = offsetCheckpointText(*entries);
        auto &last = checkpointTexts[file.string()];
        if (text == last)
            continue; // unchanged since the last write: spare the disk
        if (Status s = writeCheckpointFile(file, text); !s) {
            spdlog::warn("broker {}: {}", broker, s.toString());
            continue;
        }
        last = std::move(text);
    }
}

void EngineCore::Impl::writeAllCheckpoints()
{
    for (int32_t b = 1; b <= brokerCount; ++b)
        if (brokers[static_cast<size_t>(b)].state != BrokerState::Crashed)
            writeCheckpoints(b);
}

Status EngineCore::Impl::beginLogLoad(int32_t broker, bool removeMarker)
{
    const auto dir = brokerDir(broker);
    auto meta = ensureMetaProperties(dir, clusterId, broker, Uuid::random(idRng), clock.nowMs());
    if (!meta)
        return meta.status();
    LogLoad load;
    load.hadCleanShutdown = hasCleanShutdownMarker(dir);
    // Gone before anything is appended: a crash from then on must not look clean next time
    // (engine open removes it after every log opened, so a failed start leaves it).
    if (removeMarker)
        if (Status s = removeCleanShutdownMarker(dir); !s)
            return s;
    auto points = readOffsetCheckpoint(dir / kRecoveryPointOffsetCheckpointFile);
    if (points)
        load.recoveryPoints = std::move(*points);
    else
        spdlog::warn("broker {}: {}; its logs recover from their start", broker, points.status().toString());
    logLoads[broker] = std::move(load);
    return Status::ok();
}

LogOpenOptions EngineCore::Impl::logOpenOptions(int32_t broker, const TopicState &topic, int32_t partition) const
{
    LogOpenOptions options;
    options.topicId = topic.topicId;
    options.deferRemovals = opening; // done once the whole start succeeded
    const auto load = logLoads.find(broker);
    if (load != logLoads.end()) {
        options.hadCleanShutdown = load->second.hadCleanShutdown;
        const auto point = load->second.recoveryPoints.find(std::make_pair(topic.name, partition));
        if (point != load->second.recoveryPoints.end())
            options.recoveryPoint = point->second;
    }
    return options;
}

void EngineCore::Impl::writeCleanShutdown(int32_t broker)
{
    writeCheckpoints(broker);
    if (Status s = writeCleanShutdownMarker(brokerDir(broker), -1); !s)
        spdlog::warn("broker {}: {}", broker, s.toString());
}

OffsetCheckpoint EngineCore::Impl::readHighWatermarks(int32_t broker)
{
    const auto file = brokerDir(broker) / kReplicationOffsetCheckpointFile;
    auto read = readOffsetCheckpoint(file);
    if (!read) {
        spdlog::warn("broker {}: {}; replicas start with high watermark 0", broker, read.status().toString());
        return {};
    }
    // What is on disk now; the next write compares against it.
    checkpointTexts[file.string()] = std::filesystem::exists(file) ? offsetCheckpointText(*read) : std::string();
    return std::move(*read);
}

int64_t EngineCore::Impl::checkpointedHighWatermark(
    const OffsetCheckpoint &checkpoint, const std::string &topic, int32_t partition, const Log &log)
{
    // As UnifiedLog.updateHighWatermark on load: clamped into [log start, log end]. The log
    // start may be past the checkpoint: a follower that restarted its log at the leader's log
    // start after the last checkpoint was written, then crashed.
    const auto it = checkpoint.find(std::make_pair(topic, partition));
    const int64_t value = it == checkpoint.end() ? 0 : it->second;
    return std::clamp(value, log.logStartOffset(), log.logEndOffset());
}

} // namespace kl
