// Hostile or broken files at start (issue 10): a bad leader-epoch-checkpoint is validated against
// the log's batches, rebuilt from them and reported, so followers do not truncate forever; a
// leader epoch at INT32_MAX does not overflow (elections are refused and reported); a start that
// fails leaves every file in the data directory byte-identical and names the file at fault.
#include "replication_fixture.h"
#include "file_helpers.h"

#include "cluster/leader_epoch_cache.h"

#include <climits>
#include <fstream>
#include <map>
#include <sstream>

using namespace kl;
using namespace kl::testing;

namespace {

using testfiles::readText;
using testfiles::writeText;

// Every file under `root` (relative path -> bytes) and every directory (-> "<dir>").
std::map<std::string, std::string> snapshotTree(const std::filesystem::path &root)
{
    std::map<std::string, std::string> tree;
    for (const auto &entry : std::filesystem::recursive_directory_iterator(root)) {
        const std::string rel = std::filesystem::relative(entry.path(), root).string();
        tree[rel] = entry.is_directory() ? std::string("<dir>") : readText(entry.path());
    }
    return tree;
}

// The first difference between two snapshotTree()s ("removed: x", "changed: x", "created: x"),
// empty when they are the same.
std::string treeDifference(const std::map<std::string, std::string> &before,
    const std::map<std::string, std::string> &after)
{
    for (const auto &[path, bytes] : before) {
        const auto it = after.find(path);
        if (it == after.end())
            return "removed: " + path;
        if (it->second != bytes)
            return "changed: " + path;
    }
    for (const auto &[path, bytes] : after)
        if (!before.count(path))
            return "created: " + path;
    return {};
}

// Topic a (2 partitions, opened first) and t (1 partition), RF 3, 20 records in each partition,
// committed; then the core is shut down cleanly and closed.
bool fillAndStop(ClusterFixture &c)
{
    if (!c.createTopic("a", 3, 1, false, 2) || !c.createTopic("t", 3))
        return false;
    for (const char *topic : {"a", "t"})
        for (int32_t part = 0; part < (topic[0] == 'a' ? 2 : 1); ++part)
            if (!c.core->produce(ClusterFixture::request(topic, 20, "v", Acks::Leader, part)).status)
                return false;
    c.advance(1000);
    c.core->shutdown();
    c.core.reset();
    return true;
}

size_t countCause(const std::vector<Event> &events, const std::string &cause)
{
    size_t n = 0;
    for (const Event &e : events)
        n += e.cause == cause;
    return n;
}

// Sets partitionLeaderEpoch (bytes 12..15, outside the CRC) of every batch in a segment file.
void stampEpoch(const std::filesystem::path &segment, int32_t epoch)
{
    std::string bytes = readText(segment);
    size_t pos = 0;
    while (pos + 61 <= bytes.size()) {
        const auto u8 = [&](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(bytes[pos + i])); };
        const uint32_t length = u8(8) << 24 | u8(9) << 16 | u8(10) << 8 | u8(11);
        const auto e = static_cast<uint32_t>(epoch);
        for (int i = 0; i < 4; ++i)
            bytes[pos + 12 + static_cast<size_t>(i)] = static_cast<char>((e >> (24 - 8 * i)) & 0xff);
        pos += 12 + length;
    }
    writeText(segment, bytes);
}

} // namespace

class TestStartHardening : public QObject {
    Q_OBJECT

private slots:
    void epochCheckpointCountIsStrict();
    void badEpochCheckpointIsRebuiltAndFollowersSettle();
    void epochCheckpointCheckedAgainstBatches_data();
    void epochCheckpointCheckedAgainstBatches();
    void epochAtInt32MaxDoesNotOverflow();
    void failedStartChangesNothingOnDisk();
    void failedStartAfterOpeningLogsChangesNothing_data();
    void failedStartAfterOpeningLogsChangesNothing();
};

void TestStartHardening::epochCheckpointCountIsStrict()
{
    QVERIFY(LeaderEpochCache::parse("0\n1\n3 0\n"));
    QVERIFY(!LeaderEpochCache::parse("0\n1x\n3 0\n"));
    QVERIFY(!LeaderEpochCache::parse("0\n-1\n"));
    QVERIFY(!LeaderEpochCache::parse("0\n1\n2147483648 0\n")); // above INT32_MAX
    QVERIFY(!LeaderEpochCache::parse("0\n2\n3 10\n3 20\n"));   // epochs must increase
    QVERIFY(!LeaderEpochCache::parse("0\n2\n3 10\n4 5\n"));    // offsets must not decrease
}

void TestStartHardening::badEpochCheckpointIsRebuiltAndFollowersSettle()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("t", 3));
    const auto replicas = c.partition("t").replicas;
    for (int i = 0; i < 8; ++i)
        QVERIFY(c.core->produce(ClusterFixture::request("t", 10, fmt::format("r{}", i), Acks::Leader)).status);
    c.advance(1000);
    for (int32_t b : replicas)
        QCOMPARE(c.replicaOf(c.partition("t"), b)->logEndOffset, int64_t(80));

    // A clean reopen finds every checkpoint consistent: nothing is rebuilt.
    c.reopen();
    QCOMPARE(countCause(c.events(EventType::LogRecovered), "epoch_checkpoint_rebuilt"), size_t(0));
    const int32_t leader = c.partition("t").leader;
    c.advance(1000);

    // Stop cleanly, then the leader's checkpoint goes bad.
    c.core->shutdown();
    c.core.reset();
    const auto file = c.path() / fmt::format("broker-{}", leader) / "t-0" / kLeaderEpochCheckpointFile;
    writeText(file, "0\n1\n2147483647 0\n");
    auto opened = EngineCore::open(c.options, c.clock);
    QVERIFY2(opened, opened.status().toString().c_str());
    c.core = std::move(*opened);

    const auto rebuilt = c.events(EventType::LogRecovered);
    QCOMPARE(countCause(rebuilt, "epoch_checkpoint_rebuilt"), size_t(1));
    for (const Event &e : rebuilt)
        if (e.cause == "epoch_checkpoint_rebuilt") {
            QCOMPARE(e.broker, leader);
            QCOMPARE(e.topic, std::string("t"));
            QVERIFY2(e.detail.find(kLeaderEpochCheckpointFile) != std::string::npos, e.detail.c_str());
            QVERIFY2(e.detail.find("2147483647") != std::string::npos, e.detail.c_str());
        }
    QVERIFY(c.partition("t").leaderEpoch < 100);

    const uint64_t before = c.lastSeq();
    c.advance(5000);
    QVERIFY(c.events(EventType::ReplicaTruncated, before).size() <= 1);
    const auto p = c.partition("t");
    for (int32_t b : replicas)
        QCOMPARE(c.replicaOf(p, b)->logEndOffset, int64_t(80));
    QCOMPARE(p.isr.size(), size_t(3));
    QVERIFY(readText(file).find("2147483647") == std::string::npos);
}

void TestStartHardening::epochCheckpointCheckedAgainstBatches_data()
{
    // The log: offsets 0..9 in one batch of epoch 0, 10..19 in one batch of epoch 1.
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("rebuilt");
    QTest::newRow("as written") << "0\n2\n0 0\n1 10\n" << false;
    QTest::newRow("an epoch led without records") << "0\n3\n0 0\n1 10\n2 20\n" << false;
    QTest::newRow("epoch starts inside a batch") << "0\n2\n0 0\n1 15\n" << true;
    QTest::newRow("newest epoch missing") << "0\n1\n0 0\n" << true;
    QTest::newRow("epoch above the batches'") << "0\n2\n0 0\n7 10\n" << true;
    QTest::newRow("log start not covered") << "0\n1\n1 10\n" << true;
    QTest::newRow("count disagrees") << "0\n3\n0 0\n1 10\n" << true;
    QTest::newRow("version 1") << "1\n2\n0 0\n1 10\n" << true;
    QTest::newRow("not numbers") << "0\n2\n0 0\n1 ten\n" << true;
}

void TestStartHardening::epochCheckpointCheckedAgainstBatches()
{
    QFETCH(QString, text);
    QFETCH(bool, rebuilt);
    ClusterFixture c(1);
    QVERIFY(c.createTopic("t", 1));
    QVERIFY(c.core->produce(ClusterFixture::request("t", 10, "a", Acks::Leader)).status);
    c.reopen(); // epoch 1 from offset 10
    QCOMPARE(c.partition("t").leaderEpoch, 1);
    QVERIFY(c.core->produce(ClusterFixture::request("t", 10, "b", Acks::Leader)).status);
    c.core->shutdown();
    c.core.reset();
    const auto file = c.path() / "broker-1" / "t-0" / kLeaderEpochCheckpointFile;
    QCOMPARE(readText(file), std::string("0\n2\n0 0\n1 10\n"));
    writeText(file, text.toStdString());
    auto opened = EngineCore::open(c.options, c.clock);
    QVERIFY2(opened, opened.status().toString().c_str());
    c.core = std::move(*opened);
    QCOMPARE(countCause(c.events(EventType::LogRecovered), "epoch_checkpoint_rebuilt"), size_t(rebuilt ? 1 : 0));
    // Either way the history is the batches' (and the new epoch 2 from the reopen).
    QCOMPARE(c.partition("t").leaderEpoch, 2);
    QCOMPARE(readText(file), std::string("0\n3\n0 0\n1 10\n2 20\n"));
}

void TestStartHardening::epochAtInt32MaxDoesNotOverflow()
{
    ClusterFixture c;
    QVERIFY(c.createTopic("t", 3));
    QVERIFY(c.core->produce(ClusterFixture::request("t", 10, "r", Acks::Leader)).status);
    c.advance(1000);
    const auto replicas = c.partition("t").replicas;
    c.core->shutdown();
    c.core.reset();
    // Every replica's batches say INT32_MAX (a hostile file: the field is not under the CRC).
    for (int32_t b : replicas)
        stampEpoch(c.path() / fmt::format("broker-{}", b) / "t-0" / "00000000000000000000.log", INT32_MAX);
    auto opened = EngineCore::open(c.options, c.clock);
    QVERIFY2(opened, opened.status().toString().c_str());
    c.core = std::move(*opened);
    auto p = c.partition("t");
    QCOMPARE(p.leaderEpoch, INT32_MAX);
    QVERIFY(p.leader >= 1);
    // Said at open as an event, naming the leader that keeps the epoch.
    const auto atOpen = c.events(EventType::LeaderElected, 0);
    QCOMPARE(atOpen.size(), size_t(1));
    QCOMPARE(atOpen[0].kind, std::string("epoch_exhausted"));
    QCOMPARE(atOpen[0].cause, std::string("log_loaded"));
    QCOMPARE(atOpen[0].newLeader, p.leader);
    QCOMPARE(atOpen[0].epoch, INT32_MAX);

    const uint64_t before = c.lastSeq();
    const int32_t oldLeader = p.leader;
    QVERIFY(c.core->crashBroker(oldLeader));
    c.advance(500);
    p = c.partition("t");
    QCOMPARE(p.leaderEpoch, INT32_MAX);
    QCOMPARE(p.leader, -1); // refused: no new epoch for a new leader
    const auto elected = c.events(EventType::LeaderElected, before);
    QVERIFY(!elected.empty());
    for (const Event &e : elected) {
        QCOMPARE(e.kind, std::string("epoch_exhausted"));
        QCOMPARE(e.epoch, INT32_MAX);
        QVERIFY2(e.detail.find("2147483647") != std::string::npos, e.detail.c_str());
    }
}

void TestStartHardening::failedStartChangesNothingOnDisk()
{
    ClusterFixture c;
    QVERIFY(fillAndStop(c));

    const auto segment = c.path() / "broker-2" / "t-0" / "00000000000000000000.log";
    std::filesystem::remove(segment);
    std::filesystem::create_directory(segment);
    const auto before = snapshotTree(c.path());
    QVERIFY(before.count("broker-1/replication-offset-checkpoint"));
    QVERIFY(before.count("broker-1/.kafka_cleanshutdown"));

    auto opened = EngineCore::open(c.options, c.clock);
    QVERIFY(!opened);
    const std::string message = opened.status().message();
    QVERIFY2(message.find(segment.string()) != std::string::npos, message.c_str());
    QVERIFY2(message.find("directory") != std::string::npos, message.c_str());

    const std::string changed = treeDifference(before, snapshotTree(c.path()));
    QVERIFY2(changed.empty(), changed.c_str());

    // Repaired, the directory opens with every high watermark kept.
    std::filesystem::remove(segment);
    opened = EngineCore::open(c.options, c.clock);
    QVERIFY2(opened, opened.status().toString().c_str());
    c.core = std::move(*opened);
    const auto p = c.partition("a", 1);
    for (const auto &r : p.replicaStates)
        QCOMPARE(r.highWatermark, int64_t(20));
}

void TestStartHardening::failedStartAfterOpeningLogsChangesNothing_data()
{
    QTest::addColumn<bool>("clean");
    QTest::newRow("after a clean shutdown") << true;
    QTest::newRow("after a crash (no .kafka_cleanshutdown: every segment is recovered)") << false;
}

void TestStartHardening::failedStartAfterOpeningLogsChangesNothing()
{
    QFETCH(bool, clean);
    // Broker 2's t-0 holds another topic's partition.metadata: refused, and with it nothing may
    // change in the logs that open before t-0 (a-0, a-1, broker 1's t-0: recovery, indexes,
    // epoch caches). The start reads every partition.metadata before it opens any log.
    ClusterFixture c;
    QVERIFY(fillAndStop(c));
    const auto foreign = c.path() / "broker-2" / "t-0" / "partition.metadata";
    const std::string own = readText(foreign);
    std::filesystem::copy_file(c.path() / "broker-2" / "a-0" / "partition.metadata", foreign,
        std::filesystem::copy_options::overwrite_existing);
    // An older Kafka Lab's per-partition marker in a log opened before the failure stays.
    writeText(c.path() / "broker-1" / "a-0" / ".kafkalab_cleanshutdown", "");
    // So does an index file without a segment (Kafka deletes it when the log opens).
    writeText(c.path() / "broker-3" / "a-1" / "00000000000000099999.index", std::string(16, '\0'));
    if (!clean)
        for (int b = 1; b <= 3; ++b)
            std::filesystem::remove(c.path() / fmt::format("broker-{}", b) / ".kafka_cleanshutdown");
    // What an open repairs or creates must wait too: a torn tail in a log opened before the
    // failure (cut when it opens after a crash), a replica directory that is gone (created with
    // a first segment) and a broker's missing meta.properties (written).
    const auto torn = c.path() / "broker-1" / "a-0" / "00000000000000000000.log";
    std::ofstream(torn, std::ios::binary | std::ios::app) << std::string(30, '\x7f');
    std::filesystem::remove_all(c.path() / "broker-3" / "t-0");
    std::filesystem::remove(c.path() / "broker-3" / "meta.properties");
    const auto before = snapshotTree(c.path());

    auto opened = EngineCore::open(c.options, c.clock);
    QVERIFY(!opened);
    QVERIFY2(opened.status().message().find(foreign.string()) != std::string::npos,
        opened.status().message().c_str());
    const std::string changed = treeDifference(before, snapshotTree(c.path()));
    QVERIFY2(changed.empty(), changed.c_str());

    // Repaired, the start succeeds and only then deletes what it deletes.
    writeText(foreign, own);
    opened = EngineCore::open(c.options, c.clock);
    QVERIFY2(opened, opened.status().toString().c_str());
    QVERIFY(!std::filesystem::exists(c.path() / "broker-1" / "a-0" / ".kafkalab_cleanshutdown"));
    QVERIFY(std::filesystem::exists(c.path() / "broker-3" / "meta.properties"));
    QVERIFY(!std::filesystem::exists(c.path() / "broker-3" / "a-1" / "00000000000000099999.index"));
    QVERIFY(std::filesystem::exists(c.path() / "broker-3" / "t-0" / "00000000000000000000.log"));
    for (int b = 1; b <= 3; ++b)
        QVERIFY(!std::filesystem::exists(c.path() / fmt::format("broker-{}", b) / ".kafka_cleanshutdown"));
    c.core = std::move(*opened);
    QCOMPARE(c.partition("t").replicaStates.size(), size_t(3));
    for (const auto &r : c.partition("a", 1).replicaStates)
        QCOMPARE(r.highWatermark, int64_t(20));
}

QTEST_APPLESS_MAIN(TestStartHardening)
#include "test_start_hardening.moc"
