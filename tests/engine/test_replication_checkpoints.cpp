// Replication across restarts: a follower whose log ends below the leader's log start offset
// (retention deleted segments while it was down) gets OFFSET_OUT_OF_RANGE, truncates fully and
// restarts at the leader's log start offset; the broker offset checkpoint files
// (replication-offset-checkpoint, recovery-point-offset-checkpoint, log-start-offset-checkpoint)
// and the high watermark a restarted replica takes from them; meta.properties,
// partition.metadata and .kafka_cleanshutdown as Kafka 4.x writes them; LeaderElected for new
// topics.
#include "replication_fixture.h"
#include "file_helpers.h"

#include "cluster/offset_checkpoint.h"
#include "log/log.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

using namespace kl;
using namespace kl::testing;

namespace {

using testfiles::readText;
using testfiles::flipByte;

ProduceRequest bigRequest(const std::string &topic, int count, Acks acks)
{
    ProduceRequest r;
    r.topic = topic;
    r.partition = 0;
    r.acks = acks;
    for (int i = 0; i < count; ++i)
        r.records.push_back(ProduceRecord { std::nullopt, std::string(100, 'a' + static_cast<char>(i % 26)), {},
            std::nullopt });
    return r;
}

} // namespace

class TestReplicationCheckpoints : public QObject {
    Q_OBJECT

private slots:
    void writeErrorSaysWhy();
    void initialLeadersAnnounced();
    void followerBehindLogStartTruncatesFully();
    void checkpointFilesText();
    void restartedReplicaTakesCheckpointedHighWatermark();
    void recoveryPointAdvancesOnRoll();
    void logDirectoryFilesAsKafka();
    void partitionMetadataOfAnotherTopicRefused();
    void metaPropertiesOfAnotherNodeRefused();
    void damagedReplicaRepairedFromLeader();
    void damagedSoleReplicaKeepsItsRecords();
    void everyReplicaDamagedSettles();
};

void TestReplicationCheckpoints::initialLeadersAnnounced()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("t", 3, 1, false, 2));
    auto elected = c.events(EventType::LeaderElected);
    QCOMPARE(elected.size(), size_t(2));
    const auto created = c.events(EventType::TopicCreated);
    QCOMPARE(created.size(), size_t(1));
    for (int32_t i = 0; i < 2; ++i) {
        const auto p = c.partition("t", i);
        const Event &e = elected[static_cast<size_t>(i)];
        QVERIFY(e.seq > created[0].seq);
        QCOMPARE(e.partition, i);
        QCOMPARE(e.oldLeader, -1);
        QCOMPARE(e.newLeader, p.replicas.front());
        QCOMPARE(e.newLeader, p.leader);
        QCOMPARE(e.epoch, 0);
        QCOMPARE(e.after, p.isr);
        QVERIFY2(e.detail.find("initial leader: first replica in assignment order") != std::string::npos,
            e.detail.c_str());
    }
    const uint64_t before = c.lastSeq();
    QVERIFY(c.core->createPartitions("t", 3));
    elected = c.events(EventType::LeaderElected, before);
    QCOMPARE(elected.size(), size_t(1));
    QCOMPARE(elected[0].partition, 2);
    QCOMPARE(elected[0].newLeader, c.partition("t", 2).replicas.front());

    // With the preferred replica down, the first live one leads, and the event says so.
    const int32_t preferredOfNext = c.partition("t", 0).replicas.front();
    QVERIFY(c.core->crashBroker(preferredOfNext));
    const uint64_t beforeU = c.lastSeq();
    QVERIFY(c.createTopic("u", 3, 1, false, 3));
    elected = c.events(EventType::LeaderElected, beforeU);
    QCOMPARE(elected.size(), size_t(3));
    for (const Event &e : elected) {
        const auto p = c.partition("u", e.partition);
        QCOMPARE(e.newLeader, p.leader);
        QVERIFY(e.newLeader != preferredOfNext);
        const bool preferred = p.leader == p.replicas.front();
        QCOMPARE(e.detail.find("first live replica") != std::string::npos, !preferred);
    }
}

void TestReplicationCheckpoints::followerBehindLogStartTruncatesFully()
{
    ClusterFixture c;
    TopicConfig config;
    config.partitions = 1;
    config.replicationFactor = 3;
    config.log.segmentBytes = 1024;
    config.log.retentionBytes = 2048;
    QVERIFY(c.core->createTopic("r", config));
    const auto replicas = c.partition("r").replicas;
    const int32_t leader = replicas[0];
    const int32_t follower = replicas[2];
    QVERIFY(c.core->produce(bigRequest("r", 5, Acks::Leader)).status);
    c.advance(300);
    QCOMPARE(c.replicaOf(c.partition("r"), follower)->logEndOffset, int64_t(5));

    QVERIFY(c.core->crashBroker(follower));
    for (int i = 0; i < 30; ++i)
        QVERIFY(c.core->produce(bigRequest("r", 3, Acks::Leader)).status);
    c.advance(1500); // the retention check deletes the leader's oldest segments
    auto p = c.partition("r");
    const int64_t leaderStart = c.replicaOf(p, leader)->logStartOffset;
    const int64_t leaderEnd = c.replicaOf(p, leader)->logEndOffset;
    QCOMPARE(leaderEnd, int64_t(95));
    QVERIFY2(leaderStart > 5, std::to_string(leaderStart).c_str());
    QVERIFY(!c.replicaOf(p, follower)->inIsr);

    const uint64_t before = c.lastSeq();
    QVERIFY(c.core->restartBroker(follower));
    c.advance(500);
    const auto truncated = c.events(EventType::ReplicaTruncated, before);
    QCOMPARE(truncated.size(), size_t(1));
    QCOMPARE(truncated[0].broker, follower);
    QCOMPARE(truncated[0].offset, leaderStart);
    QCOMPARE(truncated[0].endOffset, int64_t(5));
    QVERIFY2(truncated[0].detail.find("OFFSET_OUT_OF_RANGE") != std::string::npos, truncated[0].detail.c_str());
    QVERIFY2(truncated[0].detail.find(fmt::format("below leader broker {}'s log start offset {}", leader, leaderStart))
            != std::string::npos,
        truncated[0].detail.c_str());

    p = c.partition("r");
    const ReplicaSnapshot *f = c.replicaOf(p, follower);
    QCOMPARE(p.leader, leader);
    QVERIFY(c.replicaOf(p, follower)->inIsr); // rejoined once caught up
    QCOMPARE(p.isr.size(), size_t(3));
    QCOMPARE(f->logStartOffset, leaderStart);
    QCOMPARE(f->logStartOffset, c.replicaOf(p, leader)->logStartOffset);
    QCOMPARE(f->logEndOffset, leaderEnd);
    QCOMPARE(f->highWatermark, leaderEnd);
    // The follower's files: one segment named by the new start, the old ones gone, and a
    // leader-epoch-checkpoint that starts there too.
    const auto dir = c.path() / fmt::format("broker-{}", follower) / "r-0";
    QVERIFY(std::filesystem::exists(dir / (segmentFileStem(leaderStart) + ".log")));
    QVERIFY(!std::filesystem::exists(dir / (segmentFileStem(0) + ".log")));
    QCOMPARE(readText(dir / "leader-epoch-checkpoint"), fmt::format("0\n1\n0 {}\n", leaderStart));

    // Batch for batch (offsets, epochs, CRCs) the follower now holds what the leader holds.
    auto leaderBatches = c.core->replicaBatches("r", 0, leader);
    auto followerBatches = c.core->replicaBatches("r", 0, follower);
    QVERIFY(leaderBatches);
    QVERIFY(followerBatches);
    QVERIFY(!followerBatches->empty());
    QCOMPARE(followerBatches->front().baseOffset, leaderStart);
    QVERIFY(*followerBatches == *leaderBatches);
}

void TestReplicationCheckpoints::checkpointFilesText()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("cp", 3, 2, false, 2));
    auto r0 = c.request("cp", 5, "a", Acks::All, 0);
    auto r1 = c.request("cp", 3, "b", Acks::All, 1);
    auto a0 = c.produceAsync(r0);
    auto a1 = c.produceAsync(r1);
    c.advance(1500); // the checkpoints are written with the retention check at 1000 ms
    QVERIFY(a0->has_value() && (*a0)->status);
    QVERIFY(a1->has_value() && (*a1)->status);
    for (int32_t b = 1; b <= 3; ++b) {
        const auto dir = c.path() / fmt::format("broker-{}", b);
        QCOMPARE(readText(dir / "replication-offset-checkpoint"), std::string("0\n2\ncp 0 5\ncp 1 3\n"));
        // Nothing flushed yet (no segment rolled): the recovery point is not the log end.
        QCOMPARE(readText(dir / "recovery-point-offset-checkpoint"), std::string("0\n2\ncp 0 0\ncp 1 0\n"));
        // Kafka lists only logs whose log start is above their first segment's base: none.
        QCOMPARE(readText(dir / "log-start-offset-checkpoint"), std::string("0\n0\n"));
        QVERIFY(!std::filesystem::exists(dir / "replication-offset-checkpoint.tmp"));
    }

    // acks=1 records the followers have not fetched yet, then a clean shutdown: the leader's
    // log reaches 7, the high watermark stays 5 everywhere.
    const int32_t leader = c.partition("cp", 0).leader;
    QVERIFY(c.core->produce(c.request("cp", 2, "c", Acks::Leader, 0)).status);
    c.advance(10);
    c.core->shutdown();
    for (int32_t b = 1; b <= 3; ++b) {
        const auto dir = c.path() / fmt::format("broker-{}", b);
        QCOMPARE(readText(dir / "replication-offset-checkpoint"), std::string("0\n2\ncp 0 5\ncp 1 3\n"));
        QCOMPARE(readText(dir / "recovery-point-offset-checkpoint"),
            fmt::format("0\n2\ncp 0 {}\ncp 1 3\n", b == leader ? 7 : 5));
    }
}

void TestReplicationCheckpoints::restartedReplicaTakesCheckpointedHighWatermark()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("hw", 3));
    const auto replicas = c.partition("hw").replicas;
    const int32_t follower = replicas[2];
    const auto file = c.path() / fmt::format("broker-{}", follower) / "replication-offset-checkpoint";
    auto first = c.produceAsync(c.request("hw", 5, "a", Acks::All));
    c.advance(1500); // checkpoint at 1000: high watermark 5
    QVERIFY(first->has_value() && (*first)->status);
    auto second = c.produceAsync(c.request("hw", 3, "b", Acks::All));
    c.advance(300); // 1800: replicated and acknowledged, not checkpointed yet
    QVERIFY(second->has_value() && (*second)->status);
    QCOMPARE(c.replicaOf(c.partition("hw"), follower)->highWatermark, int64_t(8));
    QCOMPARE(readText(file), std::string("0\n1\nhw 0 5\n"));

    // A crash loses what the broker had in memory: the restarted replica starts from the file.
    QVERIFY(c.core->crashBroker(follower));
    QVERIFY(c.core->restartBroker(follower));
    auto p = c.partition("hw");
    QCOMPARE(c.replicaOf(p, follower)->logEndOffset, int64_t(8));
    QCOMPARE(c.replicaOf(p, follower)->highWatermark, int64_t(5));
    c.advance(300); // fetching brings it up to date; the checkpoint at 2000 records it
    QCOMPARE(c.replicaOf(c.partition("hw"), follower)->highWatermark, int64_t(8));
    QCOMPARE(readText(file), std::string("0\n1\nhw 0 8\n"));

    // The whole engine restarting: the crashed follower wrote nothing after its crash, the
    // others moved on to 12. Reopened, it is out of sync and keeps its checkpointed 8, not 0.
    QVERIFY(c.core->crashBroker(follower));
    QVERIFY(c.core->produce(c.request("hw", 4, "c", Acks::Leader)).status);
    c.advance(300);
    QCOMPARE(c.partition("hw").highWatermark, int64_t(12));
    c.core->shutdown();
    QCOMPARE(readText(file), std::string("0\n1\nhw 0 8\n"));
    c.core = c.openAgain();
    p = c.partition("hw");
    QVERIFY(!c.replicaOf(p, follower)->inIsr);
    QCOMPARE(c.replicaOf(p, follower)->logEndOffset, int64_t(8));
    QCOMPARE(c.replicaOf(p, follower)->highWatermark, int64_t(8));
    QCOMPARE(c.replicaOf(p, p.leader)->highWatermark, int64_t(12));
    c.advance(500);
    p = c.partition("hw");
    QVERIFY(c.replicaOf(p, follower)->inIsr);
    QCOMPARE(c.replicaOf(p, follower)->highWatermark, int64_t(12));
}

// The recovery point is the flushed offset: a roll flushes the rolled segment, so while the log
// runs it is the active segment's base offset; a clean shutdown flushes to the log end.
void TestReplicationCheckpoints::recoveryPointAdvancesOnRoll()
{
    ClusterFixture c;
    TopicConfig config;
    config.replicationFactor = 1;
    config.log.segmentBytes = 1024;
    QVERIFY(c.core->createTopic("roll", config));
    for (int i = 0; i < 6; ++i)
        QVERIFY(c.core->produce(bigRequest("roll", 3, Acks::Leader)).status);
    c.advance(1500);
    const auto p = c.partition("roll");
    QVERIFY2(p.segments.size() >= 3, std::to_string(p.segments.size()).c_str());
    const int64_t activeBase = p.segments.back().baseOffset;
    QVERIFY(activeBase > 0 && activeBase < p.logEndOffset);
    const auto dir = c.path() / fmt::format("broker-{}", p.leader);
    QCOMPARE(readText(dir / "recovery-point-offset-checkpoint"), fmt::format("0\n1\nroll 0 {}\n", activeBase));
    QCOMPARE(readText(dir / "log-start-offset-checkpoint"), std::string("0\n0\n"));
    c.core->shutdown();
    QCOMPARE(readText(dir / "recovery-point-offset-checkpoint"), fmt::format("0\n1\nroll 0 {}\n", p.logEndOffset));
}

// Kafka 4.x's files around the segments: meta.properties in every broker directory (one
// cluster.id, the broker's node.id, its own directory.id), partition.metadata with the topic id
// in every replica directory, and one .kafka_cleanshutdown per broker directory after a clean
// shutdown only (a crashed broker gets none), deleted again when the broker starts.
void TestReplicationCheckpoints::logDirectoryFilesAsKafka()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("files", 3));
    QVERIFY(c.createTopic("other", 2, 1, false, 2));
    auto snapshot = c.core->makeSnapshot();
    Uuid filesId, otherId;
    for (const auto &t : snapshot->topics) {
        if (t.name == "files")
            filesId = t.topicId;
        if (t.name == "other")
            otherId = t.topicId;
    }
    QVERIFY(!filesId.isZero() && !otherId.isZero() && !(filesId == otherId));
    QCOMPARE(filesId.toString().size(), size_t(22));

    std::string clusterId;
    std::set<std::string> directoryIds;
    for (int32_t b = 1; b <= 3; ++b) {
        const auto dir = c.path() / fmt::format("broker-{}", b);
        std::istringstream meta(readText(dir / "meta.properties"));
        std::vector<std::string> lines;
        for (std::string line; std::getline(meta, line);)
            lines.push_back(line);
        QCOMPARE(lines.size(), size_t(6));
        QCOMPARE(lines[0], std::string("#"));
        QVERIFY2(lines[1].size() > 20 && lines[1][0] == '#' && lines[1].find(" UTC ") != std::string::npos,
            lines[1].c_str());
        QCOMPARE(lines[2], fmt::format("node.id={}", b));
        QVERIFY2(lines[3].rfind("directory.id=", 0) == 0 && Uuid::fromString(lines[3].substr(13)), lines[3].c_str());
        directoryIds.insert(lines[3]);
        QCOMPARE(lines[4], std::string("version=1"));
        QVERIFY2(lines[5].rfind("cluster.id=", 0) == 0 && lines[5].size() == 11 + 22, lines[5].c_str());
        if (clusterId.empty())
            clusterId = lines[5];
        QCOMPARE(lines[5], clusterId);
        QCOMPARE(readText(dir / "files-0" / "partition.metadata"),
            fmt::format("version: 0\ntopic_id: {}", filesId.toString()));
        QVERIFY(!std::filesystem::exists(dir / ".kafka_cleanshutdown"));
    }
    QCOMPARE(directoryIds.size(), size_t(3));
    for (int32_t p = 0; p < 2; ++p)
        for (int32_t b : c.partition("other", p).replicas)
            QCOMPARE(readText(c.path() / fmt::format("broker-{}", b) / fmt::format("other-{}", p) / "partition.metadata"),
                fmt::format("version: 0\ntopic_id: {}", otherId.toString()));

    QVERIFY(c.core->produce(c.request("files", 4, "x", Acks::Leader)).status);
    c.advance(300);
    QVERIFY(c.core->crashBroker(3));
    c.core->shutdown();
    for (int32_t b = 1; b <= 3; ++b) {
        const auto dir = c.path() / fmt::format("broker-{}", b);
        if (b == 3)
            QVERIFY(!std::filesystem::exists(dir / ".kafka_cleanshutdown"));
        else
            QCOMPARE(readText(dir / ".kafka_cleanshutdown"), std::string("{\"version\":0,\"brokerEpoch\":-1}"));
        for (const auto &entry : std::filesystem::recursive_directory_iterator(dir))
            QVERIFY2(entry.path().filename() != ".kafkalab_cleanshutdown", entry.path().c_str());
    }

    // Reopened: the markers are consumed, the ids are the ones persisted.
    const std::string metaBefore = readText(c.path() / "broker-1" / "meta.properties");
    c.core = c.openAgain();
    for (int32_t b = 1; b <= 3; ++b)
        QVERIFY(!std::filesystem::exists(c.path() / fmt::format("broker-{}", b) / ".kafka_cleanshutdown"));
    QCOMPARE(readText(c.path() / "broker-1" / "meta.properties"), metaBefore);
    snapshot = c.core->makeSnapshot();
    for (const auto &t : snapshot->topics)
        if (t.name == "files")
            QCOMPARE(t.topicId.toString(), filesId.toString());
}

// A partition directory whose partition.metadata names another topic id is not this topic's:
// the broker refuses to open it, naming the file.
void TestReplicationCheckpoints::partitionMetadataOfAnotherTopicRefused()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("mine", 1));
    const int32_t b = c.partition("mine").leader;
    c.core->shutdown();
    const auto file = c.path() / fmt::format("broker-{}", b) / "mine-0" / "partition.metadata";
    std::ofstream(file, std::ios::trunc) << "version: 0\ntopic_id: AAAAAAAAAAAAAAAAAAAAAw";
    EngineOptions options;
    options.dataDir = c.path();
    options.brokerCount = 3;
    options.seed = 1;
    auto opened = EngineCore::open(options, c.clock);
    QVERIFY(!opened);
    const std::string message = opened.status().message();
    QVERIFY2(message.find(file.string()) != std::string::npos, message.c_str());
    QVERIFY2(message.find("AAAAAAAAAAAAAAAAAAAAAw") != std::string::npos, message.c_str());
}

// A broker directory whose meta.properties names another node.id (or cluster.id) is not this
// broker's: the engine does not open, naming the file, as a Kafka broker refuses to start.
void TestReplicationCheckpoints::metaPropertiesOfAnotherNodeRefused()
{
    ClusterFixture c;
    c.core->shutdown();
    const auto file = c.path() / "broker-2" / "meta.properties";
    std::string text = readText(file);
    const auto at = text.find("node.id=2");
    QVERIFY(at != std::string::npos);
    text.replace(at, 9, "node.id=5");
    std::ofstream(file, std::ios::trunc) << text;
    EngineOptions options;
    options.dataDir = c.path();
    options.brokerCount = 3;
    options.seed = 1;
    auto opened = EngineCore::open(options, c.clock);
    QVERIFY(!opened);
    const std::string message = opened.status().message();
    QVERIFY2(message.find(file.string()) != std::string::npos, message.c_str());
    QVERIFY2(message.find("node.id 5") != std::string::npos, message.c_str());
}

// Issue 10: "cannot write X.tmp" said nothing about why. The OS's reason is part of it now.
void TestReplicationCheckpoints::writeErrorSaysWhy()
{
    QTemporaryDir dir;
    const std::filesystem::path base(dir.path().toStdString());
    const Status missing = writeCheckpointFile(base / "no-such-dir" / "recovery-point-offset-checkpoint", "0\n0\n");
    QVERIFY(!missing);
    QCOMPARE(missing.code(), ErrorCode::KafkaStorageError);
    QVERIFY2(missing.message().ends_with("no-such-dir/recovery-point-offset-checkpoint.tmp: No such file or directory"),
        missing.message().c_str());
    // A directory where the temporary file should go.
    std::filesystem::create_directories(base / "cp.tmp");
    const Status isDir = writeCheckpointFile(base / "cp", "x");
    QVERIFY2(isDir.message().ends_with("cp.tmp: Is a directory"), isDir.message().c_str());
    // And a good write still lands whole, through the rename.
    QVERIFY(writeCheckpointFile(base / "ok", "0\n1\nt 0 5\n"));
    std::ifstream in(base / "ok");
    std::stringstream text;
    text << in.rdbuf();
    QCOMPARE(text.str(), std::string("0\n1\nt 0 5\n"));
    QVERIFY(!std::filesystem::exists(base / "ok.tmp"));
}


namespace {

// 80 records in 16 batches of 5 over several 2 KiB segments of a new topic, committed.
bool fillSegments(ClusterFixture &c, const std::string &topic, int32_t replicationFactor)
{
    TopicConfig config;
    config.replicationFactor = replicationFactor;
    config.log.segmentBytes = 2048;
    if (!c.core->createTopic(topic, config))
        return false;
    for (int i = 0; i < 16; ++i)
        if (!c.core->produce(bigRequest(topic, 5, Acks::Leader)).status)
            return false;
    c.advance(1500);
    return true;
}

std::string segmentPath(ClusterFixture &c, int32_t broker, const std::string &topic, int64_t base,
    const char *ext = ".log")
{
    return (c.path() / fmt::format("broker-{}", broker) / (topic + "-0") / fmt::format("{:020}{}", base, ext)).string();
}

} // namespace

// A replica whose flushed first segment is corrupt (one flipped byte in batch 0) keeps every
// intact segment, is reported (file, byte position), stays out of the ISR and leadership even
// as the preferred replica, then repairs itself from the leader: it truncates where the damage
// starts, fetches the rest and rejoins the ISR with the leader's bytes.
void TestReplicationCheckpoints::damagedReplicaRepairedFromLeader()
{
    ClusterFixture c;
    QVERIFY(fillSegments(c, "dmg", 3));
    auto p = c.partition("dmg");
    QCOMPARE(p.logEndOffset, int64_t(80));
    QVERIFY(p.segments.size() >= 3);
    const int32_t damaged = p.replicas[0]; // the preferred replica: it would lead
    // It crashes (so the next start validates its segments), the others shut down cleanly;
    // its recovery-point-offset-checkpoint (written at 1000) is past the first segment.
    QVERIFY(c.core->crashBroker(damaged));
    c.core->shutdown();
    flipByte(segmentPath(c, damaged, "dmg", 0), 70);

    c.core = c.openAgain();
    const auto recovered = c.events(EventType::LogRecovered);
    const auto it = std::find_if(recovered.begin(), recovered.end(),
        [](const Event &e) { return e.cause == "corrupt_segment"; });
    QVERIFY(it != recovered.end());
    QCOMPARE(it->broker, damaged);
    QCOMPARE(it->offset, int64_t(0));
    QCOMPARE(it->value, int64_t(0)); // byte position
    QVERIFY2(it->detail.find("00000000000000000000.log") != std::string::npos, it->detail.c_str());
    p = c.partition("dmg");
    QVERIFY(p.leader != damaged);
    QVERIFY(!c.replicaOf(p, damaged)->inIsr);
    QCOMPARE(c.replicaOf(p, damaged)->logEndOffset, int64_t(80)); // nothing dropped at open

    const uint64_t before = c.lastSeq();
    c.advance(1000);
    const auto truncated = c.events(EventType::ReplicaTruncated, before);
    QCOMPARE(truncated.size(), size_t(1));
    QCOMPARE(truncated[0].cause, std::string("damage_repair"));
    QCOMPARE(truncated[0].broker, damaged);
    QCOMPARE(truncated[0].offset, int64_t(0));
    p = c.partition("dmg");
    QVERIFY(c.replicaOf(p, damaged)->inIsr);
    QCOMPARE(c.replicaOf(p, damaged)->logEndOffset, int64_t(80));
    c.core->shutdown();
    for (const auto &segment : p.segments)
        QVERIFY2(readText(segmentPath(c, damaged, "dmg", segment.baseOffset))
                == readText(segmentPath(c, p.leader, "dmg", segment.baseOffset)),
            segmentPath(c, damaged, "dmg", segment.baseOffset).c_str());
    c.core = c.openAgain(); // repaired for good: no damage reported any more
    for (const auto &e : c.events(EventType::LogRecovered))
        QVERIFY2(e.cause != "corrupt_segment", e.detail.c_str());
}

// RF 1, the issue 10 reproducer: today a flipped byte in batch 0 of the first of three segments
// left log_end=0. The only replica still leads and serves every intact record after the damage.
void TestReplicationCheckpoints::damagedSoleReplicaKeepsItsRecords()
{
    ClusterFixture c;
    QVERIFY(fillSegments(c, "one", 1));
    auto p = c.partition("one");
    QVERIFY(p.segments.size() >= 3);
    const int64_t secondBase = p.segments[1].baseOffset;
    const int32_t leader = p.leader;
    QVERIFY(c.core->crashBroker(leader)); // unclean: validated from the recovery point on
    c.core->shutdown();
    flipByte(segmentPath(c, leader, "one", 0), 70);
    c.core = c.openAgain();
    p = c.partition("one");
    QCOMPARE(p.leader, leader);
    QCOMPARE(p.logEndOffset, int64_t(80));
    QCOMPARE(p.segments.front().baseOffset, int64_t(0));
    QVERIFY(std::filesystem::exists(segmentPath(c, leader, "one", secondBase)));
    const auto recovered = c.events(EventType::LogRecovered);
    QVERIFY(std::any_of(recovered.begin(), recovered.end(),
        [](const Event &e) { return e.cause == "corrupt_segment" && e.endOffset > 0; }));
    // Its leader-epoch-checkpoint is right: what the damage hides cannot contradict it, so it is
    // kept, not reported as wrong and rebuilt.
    for (const Event &e : recovered)
        QVERIFY2(e.cause != "epoch_checkpoint_rebuilt", e.detail.c_str());
}

// Every replica has the same batch damaged: there is no healthy copy to repair from. One of
// them leads and serves what is readable; the followers keep their copies (truncating would
// lose what the leader cannot give back), go on replicating new records, and stay out of the
// ISR, marked damaged, so the partition shows as under-replicated until someone repairs it.
void TestReplicationCheckpoints::everyReplicaDamagedSettles()
{
    ClusterFixture c;
    QVERIFY(fillSegments(c, "all", 3));
    auto p = c.partition("all");
    QCOMPARE(p.logEndOffset, int64_t(80));
    for (int32_t b : p.replicas)
        QVERIFY(c.core->crashBroker(b));
    c.core->shutdown();
    for (int32_t b : p.replicas)
        flipByte(segmentPath(c, b, "all", 0), 70);

    c.core = c.openAgain();
    const uint64_t before = c.lastSeq();
    c.advance(5000);
    QVERIFY(c.core->produce(bigRequest("all", 5, Acks::Leader)).status);
    c.advance(5000);
    p = c.partition("all");
    QVERIFY(p.leader >= 1);
    QCOMPARE(p.isr, std::vector<int32_t> {p.leader});
    QCOMPARE(c.events(EventType::ReplicaTruncated, before).size(), size_t(0));
    for (const auto &r : p.replicaStates) {
        QCOMPARE(r.logEndOffset, int64_t(85));
        QCOMPARE(r.damageCause, std::string("corrupt_segment"));
        QCOMPARE(r.inIsr, r.broker == p.leader);
    }
}

QTEST_APPLESS_MAIN(TestReplicationCheckpoints)
#include "test_replication_checkpoints.moc"
