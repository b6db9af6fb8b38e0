// Replica directories and the metadata agree: a failed topic creation or partition increase
// removes the directories it made (and only those), and at open a <topic>-<partition> directory
// the metadata does not place on its broker is renamed <name>.<unique>-stray, reported, and never
// reused by a later topic of the same name.
#include "api/engine_core.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fmt/format.h>
#include <fstream>

using namespace kl;
namespace fs = std::filesystem;

namespace {

fs::path toPath(const QTemporaryDir &dir)
{
    return fs::path(dir.path().toStdString());
}

std::unique_ptr<EngineCore> openCore(const fs::path &dir, const Clock &clock, int32_t brokers = 3)
{
    EngineOptions options;
    options.dataDir = dir;
    options.brokerCount = brokers;
    options.seed = 1;
    auto core = EngineCore::open(options, clock);
    if (!core)
        qFatal("open failed: %s", core.status().toString().c_str());
    return std::move(*core);
}

TopicConfig topicConfig(int32_t partitions, int32_t rf)
{
    TopicConfig c;
    c.partitions = partitions;
    c.replicationFactor = rf;
    return c;
}

void produce(EngineCore &core, const std::string &topic, int n)
{
    for (int i = 0; i < n; ++i) {
        ProduceRequest r;
        r.topic = topic;
        r.partition = 0;
        r.records.push_back(ProduceRecord {std::nullopt, fmt::format("v{}", i), {}, std::nullopt});
        QVERIFY(core.produce(r).status);
    }
}

// A regular file where a replica directory would go: that replica's open fails.
void blockReplica(const fs::path &file)
{
    std::ofstream(file) << "not a directory";
}

std::vector<std::string> straysUnder(const fs::path &brokerDir)
{
    std::vector<std::string> out;
    for (const auto &entry : fs::directory_iterator(brokerDir)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 6 && name.substr(name.size() - 6) == "-stray")
            out.push_back(name);
    }
    return out;
}

std::vector<Event> eventsOf(const EngineCore &core, EventType type)
{
    std::vector<Event> out;
    for (const auto &e : core.eventsSince(0))
        if (e.type == type)
            out.push_back(e);
    return out;
}

} // namespace

class TestReplicaDirs : public QObject {
    Q_OBJECT
private slots:
    void failedCreateLeavesNothing();
    void failedPartitionIncreaseLeavesNothing();
    void unknownDirectorySetAsideAtOpen();
    void unassignedReplicaSetAsideAtOpen();
};

void TestReplicaDirs::failedCreateLeavesNothing()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    const fs::path root = toPath(dir);
    blockReplica(root / "broker-3" / "t-1");
    const Status s = core->createTopic("t", topicConfig(2, 3), {{1, 2, 3}, {1, 2, 3}});
    QVERIFY(!s);
    for (int b = 1; b <= 3; ++b)
        QVERIFY2(!fs::exists(root / fmt::format("broker-{}", b) / "t-0"), qPrintable(QString::number(b)));
    QVERIFY(!fs::exists(root / "broker-1" / "t-1"));
    QVERIFY(!fs::exists(root / "broker-2" / "t-1"));
    QVERIFY2(fs::is_regular_file(root / "broker-3" / "t-1"), "the file it did not create was removed");

    fs::remove(root / "broker-3" / "t-1");
    QVERIFY(core->createTopic("t", topicConfig(2, 3)));
    const auto snapshot = core->makeSnapshot();
    QCOMPARE(snapshot->topic("t")->partitions.size(), size_t(2));
}

void TestReplicaDirs::failedPartitionIncreaseLeavesNothing()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    const fs::path root = toPath(dir);
    QVERIFY(core->createTopic("t", topicConfig(1, 3)));
    produce(*core, "t", 3);
    blockReplica(root / "broker-3" / "t-2");
    QVERIFY(!core->createPartitions("t", 3));
    for (int b = 1; b <= 3; ++b) {
        const fs::path brokerDir = root / fmt::format("broker-{}", b);
        QVERIFY(fs::is_directory(brokerDir / "t-0"));
        QVERIFY2(!fs::exists(brokerDir / "t-1"), qPrintable(QString::number(b)));
        if (b != 3)
            QVERIFY(!fs::exists(brokerDir / "t-2"));
    }
    QVERIFY(fs::is_regular_file(root / "broker-3" / "t-2"));
    QCOMPARE(core->makeSnapshot()->topic("t")->partitions.size(), size_t(1));
}

// Before: a later "ghost" topic opened the leftover directory and showed its 5 records.
void TestReplicaDirs::unknownDirectorySetAsideAtOpen()
{
    QTemporaryDir dir;
    ManualClock clock;
    const fs::path root = toPath(dir);
    {
        auto core = openCore(root, clock);
        QVERIFY(core->createTopic("t", topicConfig(1, 3)));
        produce(*core, "t", 5);
        core->shutdown();
    }
    // A directory the metadata does not know: left by a failed create, or copied in.
    fs::copy(root / "broker-1" / "t-0", root / "broker-1" / "ghost-0", fs::copy_options::recursive);
    auto core = openCore(root, clock);
    QVERIFY(!fs::exists(root / "broker-1" / "ghost-0"));
    const auto strays = straysUnder(root / "broker-1");
    QCOMPARE(strays.size(), size_t(1));
    QVERIFY2(strays[0].rfind("ghost-0.", 0) == 0, strays[0].c_str());
    QVERIFY(fs::exists(root / "broker-1" / strays[0] / "00000000000000000000.log"));
    const auto events = eventsOf(*core, EventType::StrayReplicaSetAside);
    QCOMPARE(events.size(), size_t(1));
    QCOMPARE(events[0].broker, 1);
    QCOMPARE(events[0].topic, std::string("ghost"));
    QCOMPARE(events[0].partition, 0);
    QCOMPARE(events[0].cause, std::string("not_in_metadata"));
    QCOMPARE(events[0].kind, strays[0]);
    QVERIFY2(events[0].detail.find(strays[0]) != std::string::npos, events[0].detail.c_str());

    QVERIFY(core->createTopic("ghost", topicConfig(1, 3), {{1, 2, 3}}));
    QCOMPARE(core->makeSnapshot()->topic("ghost")->partitions[0].logEndOffset, int64_t(0));
    QCOMPARE(core->makeSnapshot()->topic("t")->partitions[0].logEndOffset, int64_t(5));
}

void TestReplicaDirs::unassignedReplicaSetAsideAtOpen()
{
    QTemporaryDir dir;
    ManualClock clock;
    const fs::path root = toPath(dir);
    int32_t home = -1;
    {
        auto core = openCore(root, clock);
        QVERIFY(core->createTopic("t", topicConfig(1, 1), {{2}}));
        produce(*core, "t", 4);
        home = core->makeSnapshot()->topic("t")->partitions[0].replicas.front();
        core->shutdown();
    }
    QCOMPARE(home, 2);
    fs::copy(root / "broker-2" / "t-0", root / "broker-3" / "t-0", fs::copy_options::recursive);
    auto core = openCore(root, clock);
    QVERIFY(!fs::exists(root / "broker-3" / "t-0"));
    QCOMPARE(straysUnder(root / "broker-3").size(), size_t(1));
    QVERIFY(straysUnder(root / "broker-2").empty());
    const auto events = eventsOf(*core, EventType::StrayReplicaSetAside);
    QCOMPARE(events.size(), size_t(1));
    QCOMPARE(events[0].broker, 3);
    QCOMPARE(events[0].cause, std::string("not_assigned"));
    QCOMPARE(core->makeSnapshot()->topic("t")->partitions[0].logEndOffset, int64_t(4));
}

QTEST_APPLESS_MAIN(TestReplicaDirs)
#include "test_replica_dirs.moc"
