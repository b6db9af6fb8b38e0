// EngineCore: opening the data directory, events, timers and snapshots. Topic commands live in
// topics.cpp, produce/fetch in produce.cpp, simulated producers in auto_producer.cpp.
#include "cluster/core_impl.h"
#include "cluster/groups.h"
#include "cluster/metadata_store.h"
#include "log/fd_cache.h"
#include "log/log_dir_files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <random>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <system_error>
#include <unistd.h>

namespace kl {

EngineCore::EngineCore() = default;

// What a start reads must be there as files before anything is written: the broker
// directories' files, each replica directory and the files Kafka keeps in it. An error names
// the file and says that nothing was changed.
Status EngineCore::Impl::checkStartFiles(const ClusterMetadata &metadata) const
{
    namespace fs = std::filesystem;
    const auto refuse = [](const fs::path &path, const std::string &why) {
        return Status::error(ErrorCode::KafkaStorageError,
            fmt::format("cannot start: {} {}; nothing in the data directory was changed", path.string(), why));
    };
    const auto checkFile = [&](const fs::path &path, const fs::file_status &status) -> Status {
        if (fs::is_directory(status))
            return refuse(path, "is a directory, not a file");
        if (!fs::is_regular_file(status))
            return refuse(path, fs::is_symlink(fs::symlink_status(path)) && !fs::exists(status)
                    ? "is a dangling symbolic link, not a file"
                    : "is not a regular file");
        if (::access(path.c_str(), R_OK | W_OK) != 0)
            return refuse(path, fmt::format("cannot be read and written: {}", std::strerror(errno)));
        return Status::ok();
    };
    const auto exists = [](const fs::path &path) {
        std::error_code ec;
        return fs::symlink_status(path, ec).type() != fs::file_type::not_found && !ec;
    };
    // What the start would refuse once it reads a file (a foreign meta.properties or
    // partition.metadata) is read here too, so no log is recovered, no directory created and no
    // segment written before the refusal.
    const auto unchanged = [](const Status &s) {
        return Status::error(s.code(), fmt::format("cannot start: {}; nothing in the data directory was changed",
                                           s.message()));
    };
    for (int32_t b = 1; b <= brokerCount; ++b) {
        const fs::path dir = brokerDir(b);
        std::error_code dirEc;
        if (exists(dir) && !fs::is_directory(dir, dirEc))
            return refuse(dir, "is not a directory (a broker's data directory)");
        for (const char *name : { kMetaPropertiesFileName, kReplicationOffsetCheckpointFile,
                 kRecoveryPointOffsetCheckpointFile, kLogStartOffsetCheckpointFile, kCleanShutdownFileName }) {
            const fs::path file = dir / name;
            std::error_code ec;
            if (exists(file))
                if (Status s = checkFile(file, fs::status(file, ec)); !s)
                    return s;
        }
        if (auto meta = checkMetaProperties(dir, clusterId, b); !meta)
            return unchanged(meta.status());
    }
    for (const auto &topic : metadata.topics)
        for (size_t p = 0; p < topic.assignment.size(); ++p)
            for (int32_t broker : topic.assignment[p]) {
                const fs::path dir = replicaDir(broker, topic.name, static_cast<int32_t>(p));
                if (!exists(dir))
                    continue; // created empty when opened
                std::error_code ec;
                if (!fs::is_directory(dir, ec))
                    return refuse(dir, "is not a directory (a replica's log directory)");
                fs::directory_iterator it(dir, ec), end;
                if (ec)
                    return refuse(dir, fmt::format("cannot be listed: {}", ec.message()));
                for (; it != end; it.increment(ec)) {
                    const fs::path file = it->path();
                    const std::string name = file.filename().string();
                    const std::string ext = file.extension().string();
                    const bool kafkaFile = ext == ".log" || ext == ".index" || ext == ".timeindex"
                        || ext == ".snapshot" || ext == ".txnindex" || name == kLeaderEpochCheckpointFile
                        || name == kPartitionMetadataFileName || name == kLegacyCleanShutdownFileName;
                    if (!kafkaFile)
                        continue;
                    if (Status s = checkFile(file, fs::status(file, ec)); !s)
                        return s;
                }
                if (ec)
                    return refuse(dir, fmt::format("cannot be listed: {}", ec.message()));
                if (auto id = checkPartitionMetadata(dir, topic.topicId); !id)
                    return unchanged(id.status());
            }
    return Status::ok();
}

EngineCore::~EngineCore()
{
    if (d && !d->shutDown)
        shutdown();
}

Result<std::unique_ptr<EngineCore>> EngineCore::open(const EngineOptions &options, const Clock &clock)
{
    if (options.brokerCount < 1 || options.brokerCount > 9)
        return Status::error(
            ErrorCode::InvalidConfig, fmt::format("broker count must be 1..9, got {}", options.brokerCount));
    if (options.dataDir.empty())
        return Status::error(ErrorCode::LogDirNotFound, "no data directory given");
    if (options.recentRecordsPerPartition < 0 || options.retentionCheckIntervalMs < 1)
        return Status::error(ErrorCode::InvalidConfig,
            "recentRecordsPerPartition must be >= 0 and retentionCheckIntervalMs >= 1");
    if (options.replicaLagTimeMaxMs < 1 || options.replicaFetchIntervalMs < 1)
        return Status::error(ErrorCode::InvalidConfig,
            fmt::format("replica.lag.time.max.ms ({}) and the replica fetch interval ({}) must be >= 1 ms",
                options.replicaLagTimeMaxMs, options.replicaFetchIntervalMs));
    if (options.brokerSessionTimeoutMs < 0 || options.brokerSessionTimeoutMs > 3'600'000)
        return Status::error(ErrorCode::InvalidConfig,
            fmt::format("broker.session.timeout.ms must be in 0..3600000 ms, got {}",
                options.brokerSessionTimeoutMs));
    // Every replica's files share one bounded descriptor cache sized from this limit; a low soft
    // limit (1,024 is common) is raised to the hard one first, as Kafka's scripts ask of ulimit.
    const uint64_t fileLimit = raiseOpenFileLimit();
    spdlog::debug("open file limit {} (RLIMIT_NOFILE); segment file cache {}", fileLimit,
        FdCache::global().capacity());
    std::error_code ec;
    std::filesystem::create_directories(options.dataDir, ec);
    if (ec)
        return Status::error(ErrorCode::KafkaStorageError,
            fmt::format("cannot create data directory {}: {}", options.dataDir.string(), ec.message()));

    auto loaded = loadClusterMetadata(options.dataDir);
    if (!loaded)
        return loaded.status();

    std::unique_ptr<EngineCore> core(new EngineCore());
    core->d = std::make_unique<Impl>(options, clock);
    Impl &d = *core->d;

    // Topics may name brokers beyond a smaller --brokers given now: keep those brokers, since
    // their directories hold the replicas.
    d.brokerCount = options.brokerCount;
    d.nextProducerId = loaded->nextProducerId;
    if (!loaded->clusterId.empty()) {
        d.clusterId = loaded->clusterId;
    } else {
        // Drawn even when not used, so topic ids stay the same for a seed either way.
        d.clusterId = Uuid::random(d.idRng).toString();
        if (!options.newClusterId.empty())
            d.clusterId = options.newClusterId;
    }
    d.startedMs = clock.nowMs();
    for (const auto &topic : loaded->topics)
        for (const auto &replicas : topic.assignment)
            for (int32_t broker : replicas)
                d.brokerCount = std::max(d.brokerCount, broker);
    if (d.brokerCount > options.brokerCount)
        spdlog::warn("cluster metadata in {} uses {} brokers; keeping them (asked for {})",
            options.dataDir.string(), d.brokerCount, options.brokerCount);
    d.brokers.assign(static_cast<size_t>(d.brokerCount) + 1, Impl::BrokerInfo {});
    d.updateController();

    // Validate first, write after: a start that fails leaves every file as it was. The files
    // are checked before anything is created or opened; markers are removed, epoch checkpoints
    // written and logs closed cleanly only once every replica opened (on failure the destructor
    // writes no checkpoint and no marker, see shutdown()).
    if (Status s = d.checkStartFiles(*loaded); !s)
        return s;
    for (int32_t b = 1; b <= d.brokerCount; ++b) {
        std::filesystem::create_directories(d.brokerDir(b), ec);
        if (ec)
            return Status::error(ErrorCode::KafkaStorageError,
                fmt::format("cannot create broker directory {}: {}", d.brokerDir(b).string(), ec.message()));
    }
    d.opening = true;
    // Replicas start from the high watermarks their broker checkpointed (openPartition), and
    // recover as their broker's clean-shutdown marker and recovery points say.
    for (int32_t b = 1; b <= d.brokerCount; ++b) {
        d.openingHighWatermarks[b] = d.readHighWatermarks(b);
        if (Status s = d.beginLogLoad(b, false); !s)
            return s;
    }
    std::vector<int32_t> replicasPerBroker(static_cast<size_t>(d.brokerCount) + 1, 0);
    for (const auto &meta : loaded->topics) {
        TopicState &topic = d.topics[meta.name];
        topic.name = meta.name;
        // Files from before topic ids: the topic gets one now (saved below).
        topic.topicId = meta.topicId ? *meta.topicId : Uuid::random(d.idRng);
        topic.config = meta.config;
        for (int32_t p = 0; p < meta.config.partitions; ++p) {
            const auto &replicas = meta.assignment[static_cast<size_t>(p)];
            if (Status s = d.openPartition(topic, p, replicas); !s)
                return s;
            for (int32_t broker : replicas)
                ++replicasPerBroker[static_cast<size_t>(broker)];
        }
    }
    if (Status s = d.setAsideStrayReplicas(); !s)
        return s;
    // Every log opened: from here on the start changes files. The markers go before any append
    // (a crash from now on must not look clean), then the held epoch checkpoints are written.
    for (int32_t b = 1; b <= d.brokerCount; ++b)
        if (Status s = removeCleanShutdownMarker(d.brokerDir(b)); !s)
            return s;
    d.opening = false;
    for (auto &[name, topic] : d.topics)
        for (auto &partition : topic.partitions)
            for (auto &r : partition.rs) {
                r.epochs.releaseSaves();
                if (r.log)
                    r.log->finishOpen();
            }
    for (int32_t b = 1; b <= d.brokerCount; ++b) {
        Event e;
        e.type = EventType::BrokerStarted;
        e.broker = b;
        e.cause = "opened";
        e.value = replicasPerBroker[static_cast<size_t>(b)];
        e.detail = fmt::format("broker {} opened {} ({} partition replicas recovered)", b,
            d.brokerDir(b).string(), replicasPerBroker[static_cast<size_t>(b)]);
        d.emit(std::move(e));
    }
    d.openingHighWatermarks.clear();
    d.logLoads.clear();
    if (Status s = d.saveMetadata(); !s)
        return s;
    d.opened = true;
    d.scheduleRetentionCheck(clock.nowMs() + options.retentionCheckIntervalMs);
    for (int32_t b = 1; b <= d.brokerCount; ++b)
        d.scheduleFetch(b, clock.nowMs() + std::max(1, options.replicaFetchIntervalMs));
    d.scheduleIsrCheck(clock.nowMs() + std::max<int64_t>(1, options.replicaLagTimeMaxMs / 2));
    return core;
}

// --- Impl helpers

namespace {

// "<topic>-<partition>": the topic and the partition, or nullopt for any other name (checkpoint
// files, "...-stray", "...-delete").
std::optional<std::pair<std::string, int32_t>> replicaDirName(const std::string &name)
{
    const auto dash = name.rfind('-');
    if (dash == std::string::npos || dash + 1 == name.size() || name.size() - dash > 11)
        return std::nullopt;
    int64_t partition = 0;
    for (size_t i = dash + 1; i < name.size(); ++i) {
        if (name[i] < '0' || name[i] > '9')
            return std::nullopt;
        partition = partition * 10 + (name[i] - '0');
    }
    if (partition > INT32_MAX)
        return std::nullopt;
    return std::pair {name.substr(0, dash), static_cast<int32_t>(partition)};
}

// Kafka's stray suffix is a UUID without dashes; any 32 hex digits unique in the directory do.
std::string uniqueSuffix(std::mt19937_64 &random)
{
    return fmt::format("{:016x}{:016x}", random(), random());
}

} // namespace

Status EngineCore::Impl::setAsideStrayReplicas()
{
    // Seeded like every engine choice (and apart from idRng, so topic ids do not move); a suffix
    // already taken (the same stray set aside twice) draws again.
    std::mt19937_64 random(options.seed ^ 0x7374726179ULL);
    for (int32_t b = 1; b <= brokerCount; ++b) {
        const auto dir = brokerDir(b);
        std::error_code ec;
        std::vector<std::filesystem::path> strays;
        std::vector<const char *> causes;
        for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            if (!it->is_directory(ec) || it->is_symlink(ec))
                continue;
            const auto parsed = replicaDirName(it->path().filename().string());
            if (!parsed)
                continue;
            const auto topic = topics.find(parsed->first);
            const bool known = topic != topics.end() && parsed->second < static_cast<int32_t>(topic->second.partitions.size());
            if (known) {
                const auto &replicas = topic->second.partitions[static_cast<size_t>(parsed->second)].replicas;
                if (std::find(replicas.begin(), replicas.end(), b) != replicas.end())
                    continue;
            }
            strays.push_back(it->path());
            causes.push_back(known ? "not_assigned" : "not_in_metadata");
        }
        if (ec)
            return Status::error(ErrorCode::KafkaStorageError,
                fmt::format("cannot list broker directory {}: {}", dir.string(), ec.message()));
        std::sort(strays.begin(), strays.end());
        for (size_t i = 0; i < strays.size(); ++i) {
            const auto &from = strays[i];
            const auto parsed = replicaDirName(from.filename().string());
            std::filesystem::path to;
            do
                to = dir / fmt::format("{}.{}-stray", from.filename().string(), uniqueSuffix(random));
            while (std::filesystem::exists(to, ec));
            std::filesystem::rename(from, to, ec);
            if (ec)
                return Status::error(ErrorCode::KafkaStorageError,
                    fmt::format("cannot set aside stray replica directory {} (not in {}): {}", from.string(),
                        kMetadataFileName, ec.message()));
            const std::string why = std::string(causes[i]) == "not_assigned"
                ? fmt::format("partition {}-{} is not placed on broker {}", parsed->first, parsed->second, b)
                : fmt::format("{} has no partition {}-{}", kMetadataFileName, parsed->first, parsed->second);
            spdlog::warn("stray replica directory {} set aside as {}: {}", from.string(), to.filename().string(), why);
            Event e;
            e.type = EventType::StrayReplicaSetAside;
            e.broker = b;
            e.topic = parsed->first;
            e.partition = parsed->second;
            e.cause = causes[i];
            e.kind = to.filename().string();
            e.detail = fmt::format("broker {}: {} renamed {} and not opened ({}, as Kafka 3.7+ sets aside stray "
                                   "logs; delete it when its records are not needed)",
                b, from.filename().string(), to.filename().string(), why);
            emit(std::move(e));
        }
    }
    return Status::ok();
}

void EngineCore::Impl::emit(Event event)
{
    event.seq = nextEventSeq++;
    event.timeMs = clock.nowMs();
    if (listener)
        listener(event);
    events.push_back(std::move(event));
    while (events.size() > kEventHistory)
        events.pop_front();
}

std::filesystem::path EngineCore::Impl::brokerDir(int32_t broker) const
{
    return options.dataDir / fmt::format("broker-{}", broker);
}

std::filesystem::path EngineCore::Impl::replicaDir(
    int32_t broker, const std::string &topic, int32_t partition) const
{
    return brokerDir(broker) / fmt::format("{}-{}", topic, partition);
}

Log::EventSink EngineCore::Impl::logSink(int32_t broker, const std::string &topic, int32_t partition)
{
    return [this, broker, topic, partition](const LogEvent &logEvent) {
        Event e;
        switch (logEvent.type) {
        case LogEventType::SegmentRolled:
            e.type = EventType::SegmentRolled;
            break;
        case LogEventType::SegmentDeleted:
            e.type = EventType::SegmentDeleted;
            break;
        case LogEventType::TailTruncated:
        case LogEventType::IndexRebuilt:
        case LogEventType::SegmentDamaged:
        case LogEventType::FileIgnored:
            e.type = EventType::LogRecovered;
            break;
        }
        e.broker = broker;
        e.topic = topic;
        e.partition = partition;
        e.offset = logEvent.baseOffset;
        e.detail = logEvent.detail;
        e.cause = logEvent.cause;
        e.value = logEvent.value;
        e.limit = logEvent.limit;
        if (logEvent.type == LogEventType::SegmentDamaged) {
            e.offset = logEvent.firstOffset;
            e.endOffset = logEvent.endOffset;
            e.limit = logEvent.baseOffset;
        }
        if (logEvent.type == LogEventType::FileIgnored)
            e.key = logEvent.file; // the file's name, for the UI's text
        emit(std::move(e));
        // During Log::open the partition is not registered yet; it starts dirty anyway.
        if (PartitionState *state = findPartition(topic, partition))
            state->segmentsDirty = true;
    };
}

Status EngineCore::Impl::saveMetadata() const
{
    ClusterMetadata metadata;
    metadata.brokerCount = brokerCount;
    metadata.nextProducerId = nextProducerId;
    metadata.clusterId = clusterId;
    for (const auto &[name, topic] : topics) {
        TopicMetadata meta;
        meta.name = name;
        meta.topicId = topic.topicId;
        meta.config = topic.config;
        for (const auto &partition : topic.partitions)
            meta.assignment.push_back(partition.replicas);
        metadata.topics.push_back(std::move(meta));
    }
    return saveClusterMetadata(options.dataDir, metadata);
}

PartitionState *EngineCore::Impl::findPartition(const std::string &topic, int32_t partition)
{
    auto it = topics.find(topic);
    if (it == topics.end() || partition < 0
        || partition >= static_cast<int32_t>(it->second.partitions.size()))
        return nullptr;
    return &it->second.partitions[static_cast<size_t>(partition)];
}

void EngineCore::Impl::scheduleRetentionCheck(int64_t dueMs)
{
    timers.schedule(dueMs, [this] {
        for (auto &[name, topic] : topics) {
            for (auto &partition : topic.partitions) {
                for (auto &r : partition.rs) {
                    if (!r.log)
                        continue;
                    r.log->maybeRollByTime();
                    // Bounded by the high watermark this replica knows (Kafka's deletableSegments).
                    r.log->enforceRetention(r.highWatermark);
                }
                // Cells for records retention removed are not drawn any more.
                const Log *leader = partition.leaderLog();
                const int64_t start = leader ? leader->logStartOffset() : 0;
                while (!partition.recent.empty() && partition.recent.front().offset < start) {
                    partition.recent.pop_front();
                    partition.recentDirty = true;
                }
            }
        }
        writeAllCheckpoints(); // Kafka: replica.high.watermark.checkpoint.interval.ms and friends
        scheduleRetentionCheck(clock.nowMs() + options.retentionCheckIntervalMs);
    });
}

// --- time

void EngineCore::runDueTimers()
{
    if (d->shutDown)
        return;
    d->timers.runDue(d->clock.nowMs());
}

int64_t EngineCore::nextTimerMs() const
{
    return d->timers.nextDueMs();
}

void EngineCore::advanceTo(ManualClock &clock, int64_t targetMs)
{
    // Jump from timer to timer so each fires at its own time, as if time had flowed.
    while (!d->shutDown && d->timers.nextDueMs() <= targetMs) {
        clock.set(std::max(clock.nowMs(), d->timers.nextDueMs()));
        d->timers.runDue(clock.nowMs());
    }
    if (clock.nowMs() < targetMs)
        clock.set(targetMs);
}

// --- output

std::shared_ptr<const ClusterSnapshot> EngineCore::makeSnapshot()
{
    auto snapshot = std::make_shared<ClusterSnapshot>();
    snapshot->version = ++d->snapshotVersion;
    const int64_t now = d->clock.nowMs();
    snapshot->nowMs = now;
    snapshot->startedMs = d->startedMs;
    snapshot->dataDir = d->options.dataDir.string();
    snapshot->controllerId = d->controllerId;
    snapshot->clusterId = d->clusterId;
    snapshot->brokerSessionTimeoutMs = d->options.brokerSessionTimeoutMs;
    snapshot->replicaLagTimeMaxMs = d->options.replicaLagTimeMaxMs;
    for (int32_t b = 1; b <= d->brokerCount; ++b) {
        const auto &info = d->brokers[static_cast<size_t>(b)];
        BrokerSnapshot bs;
        bs.id = b;
        bs.state = info.state;
        bs.alive = info.state != BrokerState::Crashed;
        bs.controller = b == d->controllerId;
        bs.fetchDelayMs = info.fetchDelayMs;
        bs.fenced = info.fenced;
        bs.fenceAtMs = info.fenceAtMs;
        bs.dataDir = d->brokerDir(b).string();
        snapshot->brokers.push_back(std::move(bs));
    }
    for (auto &[name, topic] : d->topics) {
        TopicSnapshot ts;
        ts.name = name;
        ts.topicId = topic.topicId;
        ts.config = topic.config;
        ts.recordsProduced = topic.recordsProduced;
        ts.recordsConsumed = topic.recordsConsumed;
        for (auto &partition : topic.partitions) {
            PartitionSnapshot ps;
            ps.id = partition.id;
            ps.leader = partition.leader;
            ps.leaderEpoch = partition.leaderEpoch;
            ps.isr = partition.isr;
            ps.replicas = partition.replicas;
            ps.replicaStates.reserve(partition.rs.size());
            for (const auto &r : partition.rs) {
                ReplicaSnapshot rsn;
                rsn.broker = r.broker;
                rsn.leader = r.broker == partition.leader;
                rsn.inIsr = partition.inIsr(r.broker);
                rsn.online = r.log != nullptr;
                rsn.logStartOffset = r.log ? r.log->logStartOffset() : 0;
                rsn.logEndOffset = r.leo();
                rsn.highWatermark = r.highWatermark;
                rsn.lastCaughtUpMs = rsn.leader ? now : r.lastCaughtUpMs;
                if (r.log && r.log->damaged()) {
                    const LogDamage &damage = r.log->damage().front();
                    rsn.damageCause = damage.cause;
                    rsn.damageFrom = damage.firstOffset;
                    rsn.damageTo = damage.endOffset;
                }
                ps.replicaStates.push_back(rsn);
            }
            ReplicaState *view = d->shutDown ? nullptr : partition.viewReplica();
            if (view) {
                const Log &log = *view->log;
                ps.logStartOffset = log.logStartOffset();
                ps.logEndOffset = log.logEndOffset();
                ps.highWatermark = view->highWatermark;
                ps.sizeBytes = log.sizeBytes();
                ps.dir = log.dir().string();
                if (partition.segmentsDirty) {
                    partition.segmentsCache.clear();
                    for (const SegmentInfo &s : log.segments())
                        partition.segmentsCache.push_back(SegmentSnapshot { s.baseOffset, s.nextOffset,
                            s.sizeBytes, s.recordCount, s.firstTimestamp, s.maxTimestamp, s.indexEntries,
                            s.timeIndexEntries, s.active, s.logPath.string() });
                    partition.segmentsDirty = false;
                }
            }
            ps.segments = partition.segmentsCache;
            if (partition.recentDirty || !partition.recentShared) {
                partition.recentShared = std::make_shared<const std::vector<RecordCell>>(
                    partition.recent.begin(), partition.recent.end());
                partition.recentDirty = false;
            }
            ps.recent = partition.recentShared;
            ts.partitions.push_back(std::move(ps));
        }
        snapshot->topics.push_back(std::move(ts));
    }
    for (const auto &[id, producer] : d->producers)
        snapshot->producers.push_back(AutoProducerSnapshot { id, producer->spec().topic,
            producer->spec().ratePerSec, producer->spec().count, producer->sent(), producer->running() });
    d->fillGroupSnapshots(*snapshot);
    // Produced records/s over windows of at least one second of engine time.
    if (d->rateWindowStartMs < 0 || now < d->rateWindowStartMs) {
        d->rateWindowStartMs = now;
        d->rateWindowProduced = d->totalRecordsProduced;
    } else if (now - d->rateWindowStartMs >= 1000) {
        d->producedPerSec = static_cast<double>(d->totalRecordsProduced - d->rateWindowProduced) * 1000.0
            / static_cast<double>(now - d->rateWindowStartMs);
        d->rateWindowStartMs = now;
        d->rateWindowProduced = d->totalRecordsProduced;
    }
    snapshot->producedPerSec = d->producedPerSec;
    snapshot->lastEventSeq = d->nextEventSeq - 1;
    snapshot->totalRecordsProduced = d->totalRecordsProduced;
    return snapshot;
}

std::vector<Event> EngineCore::eventsSince(uint64_t afterSeq) const
{
    // seq is dense, so the first wanted event's index is a subtraction away.
    std::vector<Event> result;
    if (d->events.empty() || afterSeq >= d->events.back().seq)
        return result;
    const uint64_t firstSeq = d->events.front().seq;
    const size_t begin = afterSeq < firstSeq ? 0 : static_cast<size_t>(afterSeq - firstSeq + 1);
    result.assign(d->events.begin() + static_cast<ptrdiff_t>(begin), d->events.end());
    return result;
}

void EngineCore::setEventListener(std::function<void(const Event &)> listener)
{
    d->listener = std::move(listener);
}

void EngineCore::shutdown()
{
    if (d->shutDown)
        return;
    for (auto &[id, producer] : d->producers)
        producer->stop();
    d->timers.clear();
    // Writes still waiting for acks=all are dropped unanswered: their callers are shutting down.
    d->pending.clear();
    d->deferred.clear();
    for (auto &[name, topic] : d->topics)
        for (auto &partition : topic.partitions) {
            partition.pendingAcks.clear();
            for (auto &r : partition.rs)
                if (r.log) {
                    r.lastLeo = r.log->logEndOffset();
                    r.log->close(); // flushed: its recovery point is its log end
                }
        }
    // As Kafka's LogManager.shutdown: with every log closed, each running broker's checkpoints
    // are current and its directory gets .kafka_cleanshutdown (a crashed broker gets neither).
    // A failed open writes neither: its checkpoints would lack the replicas it did not open.
    // (Closing the logs it opened trims their active indexes back to what they held.)
    for (int32_t b = 1; b <= d->brokerCount && d->opened; ++b)
        if (d->brokers[static_cast<size_t>(b)].state != BrokerState::Crashed)
            d->writeCleanShutdown(b);
    d->shutDown = true;
}

} // namespace kl
