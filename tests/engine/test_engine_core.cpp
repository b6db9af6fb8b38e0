// EngineCore under a ManualClock: topic validation, replica placement, partition increase,
// produce (murmur2 explanation, MESSAGE_TOO_LARGE), roll and retention events, reopening the
// data directory, followers catching up by fetching, snapshots and events.
#include "api/engine_core.h"
#include "cluster/replica_placement.h"
#include "log/log.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fmt/format.h>
#include <fstream>
#include <set>
#include <sstream>

using namespace kl;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(kl::ErrorCode)

namespace {

fs::path toPath(const QTemporaryDir &dir)
{
    return fs::path(dir.path().toStdString());
}

std::unique_ptr<EngineCore> openCore(
    const fs::path &dir, const Clock &clock, int32_t brokers = 3, uint64_t seed = 1)
{
    EngineOptions options;
    options.dataDir = dir;
    options.brokerCount = brokers;
    options.seed = seed;
    auto core = EngineCore::open(options, clock);
    if (!core)
        qFatal("open failed: %s", core.status().toString().c_str());
    return std::move(*core);
}

TopicConfig topicConfig(int32_t partitions, int32_t rf = 1)
{
    TopicConfig c;
    c.partitions = partitions;
    c.replicationFactor = rf;
    return c;
}

ProduceRequest keyed(const std::string &topic, const std::string &key, const std::string &value)
{
    ProduceRequest r;
    r.topic = topic;
    r.records.push_back(ProduceRecord { key, value, {}, std::nullopt });
    return r;
}

std::vector<Event> eventsOf(const EngineCore &core, EventType type)
{
    std::vector<Event> out;
    for (const auto &e : core.eventsSince(0))
        if (e.type == type)
            out.push_back(e);
    return out;
}

std::string readFile(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

int64_t totalEnd(const ClusterSnapshot &snapshot, const std::string &topic)
{
    int64_t total = 0;
    for (const auto &p : snapshot.topic(topic)->partitions)
        total += p.logEndOffset;
    return total;
}

} // namespace

class TestEngineCore : public QObject {
    Q_OBJECT
private slots:
    void createTopicValidation_data();
    void createTopicValidation();
    void manualReplicaAssignment();
    void duplicateAndCollidingTopics();
    void placementWorkedExample();
    void placementSpreadsReplicas();
    void partitionsOnlyIncrease();
    void produceKeyedRecordExplained();
    void messageTooLargeAppendsNothing();
    void unknownTopicRefused();
    void segmentRollEmitsEvent();
    void retentionDeletesSegments();
    void reopenRestoresTopicsAndOffsets();
    void recentRecordsComeFromTheLogAfterReopen();
    void recentRecordsFollowTheNewLeader();
    void internalTopicsAnswerAsKafkaDoes();
    void followersAreByteIdentical();
    void snapshotContents();
    void deleteTopicRemovesDirectories();
    void eventsAndJson();
};

void TestEngineCore::createTopicValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("rf");
    QTest::addColumn<qint64>("segmentBytes");
    QTest::addColumn<kl::ErrorCode>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("valid") << "orders" << 6 << 3 << qint64(1 << 20) << ErrorCode::None << "";
    QTest::newRow("space in name") << "my orders" << 1 << 1 << qint64(1 << 20)
                                   << ErrorCode::InvalidTopicException << "";
    QTest::newRow("empty name") << "" << 1 << 1 << qint64(1 << 20) << ErrorCode::InvalidTopicException << "";
    QTest::newRow("zero partitions") << "t" << 0 << 1 << qint64(1 << 20) << ErrorCode::InvalidPartitions
                                     << "number of partitions must be in 1..1000, got 0";
    QTest::newRow("too many partitions")
        << "t" << 1001 << 1 << qint64(1 << 20) << ErrorCode::InvalidPartitions << "got 1001";
    QTest::newRow("rf zero") << "t" << 1 << 0 << qint64(1 << 20) << ErrorCode::InvalidReplicationFactor
                             << "at least 1";
    QTest::newRow("rf above brokers")
        << "t" << 1 << 4 << qint64(1 << 20) << ErrorCode::InvalidReplicationFactor
        << "replication factor 4 is larger than the 3 available brokers";
    QTest::newRow("tiny segments") << "t" << 1 << 1 << qint64(100) << ErrorCode::InvalidConfig
                                   << "segment.bytes must be at least 1024, got 100";
}

void TestEngineCore::createTopicValidation()
{
    QFETCH(QString, name);
    QFETCH(int, partitions);
    QFETCH(int, rf);
    QFETCH(qint64, segmentBytes);
    QFETCH(kl::ErrorCode, code);
    QFETCH(QString, message);

    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    TopicConfig config = topicConfig(partitions, rf);
    config.log.segmentBytes = segmentBytes;
    const Status s = core->createTopic(name.toStdString(), config);
    QCOMPARE(s.code(), code);
    QVERIFY2(QString::fromStdString(s.message()).contains(message), s.message().c_str());
    const auto snapshot = core->makeSnapshot();
    QCOMPARE(snapshot->topic(name.toStdString()) != nullptr, code == ErrorCode::None);
    // A refused topic leaves no replica directory behind.
    if (code != ErrorCode::None)
        QVERIFY(!fs::exists(toPath(dir) / "broker-1" / (name.toStdString() + "-0")) || name.isEmpty());
}

// A manual assignment (CreateTopics' assignments): used as given, leader first, partition count
// and replication factor from it; a bad one is refused with the Kafka controller's own messages.
void TestEngineCore::manualReplicaAssignment()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    QVERIFY(core->createTopic("pinned", topicConfig(9, 1), {{3, 1, 2}, {2, 3, 1}}));
    const auto snapshot = core->makeSnapshot();
    const TopicSnapshot *t = snapshot->topic("pinned");
    QVERIFY(t);
    QCOMPARE(t->partitions.size(), size_t(2));
    QCOMPARE(t->config.replicationFactor, 3);
    QCOMPARE(t->partitions[0].replicas, (std::vector<int32_t> {3, 1, 2}));
    QCOMPARE(t->partitions[0].leader, 3);
    QCOMPARE(t->partitions[1].replicas, (std::vector<int32_t> {2, 3, 1}));
    QCOMPARE(t->partitions[1].leader, 2);

    const std::pair<std::vector<std::vector<int32_t>>, std::string> bad[] = {
        {{{1, 2}, {}}, "The manual partition assignment includes an empty replica list."},
        {{{1, 4}}, "The manual partition assignment includes broker 4, but no such broker is registered."},
        {{{2, 1, 2}}, "The manual partition assignment includes the broker 2 more than once."},
        {{{1, 2}, {1, 2, 3}},
            "The manual partition assignment includes a partition with 3 replica(s), but this is not "
            "consistent with previous partitions, which have 2 replica(s)."},
    };
    int n = 0;
    for (const auto &[assignment, message] : bad) {
        const std::string name = "bad" + std::to_string(n++);
        const Status s = core->createTopic(name, topicConfig(1, 1), assignment);
        QCOMPARE(s.code(), ErrorCode::InvalidReplicaAssignment);
        QCOMPARE(QString::fromStdString(s.message()), QString::fromStdString(message));
        QVERIFY(!core->makeSnapshot()->topic(name));
    }
}

void TestEngineCore::duplicateAndCollidingTopics()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    QVERIFY(core->createTopic("a.b", topicConfig(1)));
    QCOMPARE(core->createTopic("a.b", topicConfig(2)).code(), ErrorCode::TopicAlreadyExists);
    QCOMPARE(core->createTopic("a_b", topicConfig(1)).code(), ErrorCode::InvalidTopicException);
    QCOMPARE(core->makeSnapshot()->topic("a.b")->partitions.size(), size_t(1));
}

void TestEngineCore::placementWorkedExample()
{
    // brokers [1,2,3], startIndex 0, shift 0, RF 2: p3 starts the second round with shift 1.
    const auto a = assignReplicas(3, 2, 0, 4, PlacementStart { 0, 0 });
    const std::vector<std::vector<int32_t>> expected { { 1, 2 }, { 2, 3 }, { 3, 1 }, { 1, 3 } };
    QCOMPARE(a, expected);
    // startIndex 1, shift 1, 5 brokers, RF 3: first replica p+1, followers at +2, +3.
    const auto b = assignReplicas(5, 3, 0, 2, PlacementStart { 1, 1 });
    const std::vector<std::vector<int32_t>> expectedB { { 2, 4, 5 }, { 3, 5, 1 } };
    QCOMPARE(b, expectedB);
}

void TestEngineCore::placementSpreadsReplicas()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock, 3, 42);
    QVERIFY(core->createTopic("spread", topicConfig(6, 2)));
    const auto snapshot = core->makeSnapshot();
    std::map<int32_t, int> leaders, replicas;
    for (const auto &p : snapshot->topic("spread")->partitions) {
        QCOMPARE(p.replicas.size(), size_t(2));
        QVERIFY(p.replicas[0] != p.replicas[1]);
        QCOMPARE(p.leader, p.replicas[0]);
        ++leaders[p.leader];
        for (int32_t r : p.replicas) {
            ++replicas[r];
            QVERIFY(fs::is_directory(
                toPath(dir) / (fmt::format("broker-{}", r)) / (fmt::format("spread-{}", p.id))));
        }
    }
    for (int32_t b = 1; b <= 3; ++b) {
        QCOMPARE(leaders[b], 2);
        QCOMPARE(replicas[b], 4);
    }
}

void TestEngineCore::partitionsOnlyIncrease()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    QVERIFY(core->createTopic("orders", topicConfig(6, 2)));
    for (int32_t total : { 3, 6 }) {
        const Status s = core->createPartitions("orders", total);
        QCOMPARE(s.code(), ErrorCode::InvalidPartitions);
        QVERIFY2(s.message().find("topic orders has 6 partitions; Kafka can only increase the count")
                != std::string::npos,
            s.message().c_str());
    }
    QCOMPARE(core->createPartitions("nope", 8).code(), ErrorCode::UnknownTopicOrPartition);
    QVERIFY(core->createPartitions("orders", 8));
    const auto snapshot = core->makeSnapshot();
    QCOMPARE(snapshot->topic("orders")->partitions.size(), size_t(8));
    QCOMPARE(snapshot->topic("orders")->config.partitions, 8);
    for (const auto &p : snapshot->topic("orders")->partitions)
        QCOMPARE(p.replicas.size(), size_t(2));
    const auto added = eventsOf(*core, EventType::PartitionsAdded);
    QCOMPARE(added.size(), size_t(1));
    QVERIFY(added[0].detail.find("6 -> 8") != std::string::npos);
    QVERIFY(added[0].detail.find("% 8") != std::string::npos);
    // A keyed record now lands by % 8.
    const auto r = core->produce(keyed("orders", "order-100", "x"));
    QVERIFY(r.status);
    QCOMPARE(r.records[0].partition, 1191522601 % 8);
}

void TestEngineCore::produceKeyedRecordExplained()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    QVERIFY(core->createTopic("orders", topicConfig(6, 3)));
    const auto first = core->produce(keyed("orders", "order-100", "v1"));
    QVERIFY2(first.status, first.status.toString().c_str());
    QCOMPARE(first.records.size(), size_t(1));
    QCOMPARE(first.records[0].partition, 1);
    QCOMPARE(first.records[0].offset, int64_t(0));
    QCOMPARE(first.records[0].explanation,
        std::string("murmur2(\"order-100\") & 0x7fffffff = 1191522601; mod 6 = 1"));
    const auto second = core->produce(keyed("orders", "order-100", "v2"));
    QCOMPARE(second.records[0].partition, 1);
    QCOMPARE(second.records[0].offset, int64_t(1));

    // Consumers read below the high watermark: with RF 3 the followers must fetch first.
    auto uncommitted = core->fetch("orders", 1, 0, 1 << 20);
    QVERIFY(uncommitted);
    QVERIFY(uncommitted->empty());
    core->advanceTo(clock, clock.nowMs() + 1000);
    auto records = core->fetch("orders", 1, 1, 1 << 20);
    QVERIFY(records);
    QCOMPARE(records->size(), size_t(1));
    QCOMPARE((*records)[0].offset, int64_t(1));
    QCOMPARE(*(*records)[0].key, std::string("order-100"));
    QCOMPARE(*(*records)[0].value, std::string("v2"));
    QCOMPARE((*records)[0].timestamp, clock.nowMs() - 1000);
    QCOMPARE(core->fetch("orders", 6, 0, 1024).status().code(), ErrorCode::UnknownTopicOrPartition);
}

void TestEngineCore::messageTooLargeAppendsNothing()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    TopicConfig config = topicConfig(3, 2);
    config.log.maxMessageBytes = 2000;
    QVERIFY(core->createTopic("small", config));
    ProduceRequest request = keyed("small", "k1", std::string(100, 'a'));
    request.records.push_back(ProduceRecord { "k2", std::string(5000, 'b'), {}, std::nullopt });
    const auto result = core->produce(request);
    QCOMPARE(result.status.code(), ErrorCode::MessageTooLarge);
    QVERIFY(result.status.message().find("max.message.bytes=2000") != std::string::npos);
    QCOMPARE(totalEnd(*core->makeSnapshot(), "small"), int64_t(0));
    const auto refused = eventsOf(*core, EventType::ProduceRefused);
    QCOMPARE(refused.size(), size_t(1));
    QCOMPARE(refused[0].error, ErrorCode::MessageTooLarge);

    // Many small records that together exceed max.message.bytes are split into several batches.
    ProduceRequest many;
    many.topic = "small";
    many.partition = 0;
    for (int i = 0; i < 100; ++i)
        many.records.push_back(ProduceRecord { std::nullopt, std::string(100, 'c'), {}, std::nullopt });
    const auto ok = core->produce(many);
    QVERIFY2(ok.status, ok.status.toString().c_str());
    QCOMPARE(ok.records.back().offset, int64_t(99));
    QCOMPARE(ok.records.back().explanation, std::string("explicit partition 0"));
}

void TestEngineCore::unknownTopicRefused()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    const auto r = core->produce(keyed("ghost", "k", "v"));
    QCOMPARE(r.status.code(), ErrorCode::UnknownTopicOrPartition);
    QVERIFY(r.records.empty());
    QCOMPARE(eventsOf(*core, EventType::ProduceRefused).size(), size_t(1));
    QVERIFY(core->createTopic("real", topicConfig(2)));
    ProduceRequest bad = keyed("real", "k", "v");
    bad.partition = 5;
    QCOMPARE(core->produce(bad).status.code(), ErrorCode::UnknownTopicOrPartition);
}

void TestEngineCore::segmentRollEmitsEvent()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    TopicConfig config = topicConfig(1, 1);
    config.log.segmentBytes = 1024;
    QVERIFY(core->createTopic("rolls", config));
    for (int i = 0; i < 40; ++i)
        QVERIFY(core->produce(keyed("rolls", fmt::format("k{}", i), std::string(100, 'x'))).status);
    const auto rolled = eventsOf(*core, EventType::SegmentRolled);
    QVERIFY(!rolled.empty());
    QCOMPARE(rolled[0].topic, std::string("rolls"));
    QCOMPARE(rolled[0].partition, 0);
    QCOMPARE(rolled[0].broker, core->makeSnapshot()->topic("rolls")->partitions[0].leader);
    QVERIFY(rolled[0].offset > 0);
    const auto snapshot = core->makeSnapshot();
    const auto &p = snapshot->topic("rolls")->partitions[0];
    QCOMPARE(p.segments.size(), rolled.size() + 1);
    QCOMPARE(p.segments[1].baseOffset, rolled[0].offset);
    QVERIFY(p.segments.back().active);
    QVERIFY(fs::exists(p.segments[0].logPath));
}

void TestEngineCore::retentionDeletesSegments()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    TopicConfig config = topicConfig(1, 2);
    config.log.segmentBytes = 1024;
    config.log.retentionBytes = 2048;
    QVERIFY(core->createTopic("old", config));
    for (int i = 0; i < 60; ++i)
        QVERIFY(core->produce(keyed("old", "k", std::string(100, 'x'))).status);
    const auto before = core->makeSnapshot();
    QCOMPARE(before->topic("old")->partitions[0].logStartOffset, int64_t(0));
    QVERIFY(eventsOf(*core, EventType::SegmentDeleted).empty());

    core->advanceTo(clock, clock.nowMs() + 1000); // the retention check runs every second
    const auto deleted = eventsOf(*core, EventType::SegmentDeleted);
    QVERIFY(!deleted.empty());
    QCOMPARE(deleted[0].offset, int64_t(0));
    const auto after = core->makeSnapshot();
    const auto &p = after->topic("old")->partitions[0];
    QVERIFY(p.logStartOffset > 0);
    QCOMPARE(p.segments.front().baseOffset, p.logStartOffset);
    QVERIFY(p.sizeBytes <= 2048 + 1024);
    QCOMPARE(p.logEndOffset, int64_t(60));
    QVERIFY(p.recent->front().offset >= p.logStartOffset);
    QCOMPARE(core->fetch("old", 0, 0, 1024).status().code(), ErrorCode::OffsetOutOfRange);
}

void TestEngineCore::reopenRestoresTopicsAndOffsets()
{
    QTemporaryDir dir;
    ManualClock clock;
    std::vector<std::vector<int32_t>> replicasBefore;
    {
        auto core = openCore(toPath(dir), clock);
        TopicConfig config = topicConfig(4, 3);
        config.log.segmentBytes = 4096;
        QVERIFY(core->createTopic("orders", config));
        QVERIFY(core->createTopic("other", topicConfig(1, 1)));
        for (int i = 0; i < 100; ++i)
            QVERIFY(core->produce(keyed("orders", fmt::format("order-{}", i), fmt::format("v{}", i))).status);
        const auto before = core->makeSnapshot();
        for (const auto &p : before->topic("orders")->partitions)
            replicasBefore.push_back(p.replicas);
        core->shutdown();
    }
    QVERIFY(fs::exists(toPath(dir) / "cluster-metadata.json"));
    auto core = openCore(toPath(dir), clock);
    const auto snapshot = core->makeSnapshot();
    QCOMPARE(snapshot->topics.size(), size_t(2));
    const auto *orders = snapshot->topic("orders");
    QVERIFY(orders);
    QCOMPARE(orders->config.log.segmentBytes, int64_t(4096));
    QCOMPARE(totalEnd(*snapshot, "orders"), int64_t(100));
    for (size_t i = 0; i < orders->partitions.size(); ++i)
        QCOMPARE(orders->partitions[i].replicas, replicasBefore[i]);
    QCOMPARE(eventsOf(*core, EventType::BrokerStarted).size(), size_t(3));

    const auto r = core->produce(keyed("orders", "order-7", "again"));
    QVERIFY(r.status);
    const int32_t p = r.records[0].partition;
    QCOMPARE(r.records[0].offset, orders->partitions[static_cast<size_t>(p)].logEndOffset);
    auto records = core->fetch("orders", p, 0, 1 << 20);
    QVERIFY(records);
    QVERIFY(!records->empty());
    QCOMPARE(records->back().value.value(), std::string("again"));
    QCOMPARE(records->size(), static_cast<size_t>(r.records[0].offset + 1));
}

namespace {

std::vector<RecordCell> recentOf(const ClusterSnapshot &snapshot, const std::string &topic, size_t partition)
{
    const auto &p = snapshot.topic(topic)->partitions.at(partition);
    return p.recent ? *p.recent : std::vector<RecordCell> {};
}

bool sameCells(const std::vector<RecordCell> &a, const std::vector<RecordCell> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].offset != b[i].offset || a[i].timestamp != b[i].timestamp || a[i].keyNull != b[i].keyNull
            || a[i].key != b[i].key || a[i].keyHash != b[i].keyHash || a[i].valueSize != b[i].valueSize)
            return false;
    return true;
}

} // namespace

// The cells the views colour by key are the tail of the log, not only what this process
// produced: after a restart they are the same as before it (bounded by the window size).
void TestEngineCore::recentRecordsComeFromTheLogAfterReopen()
{
    QTemporaryDir dir;
    ManualClock clock;
    std::vector<std::vector<RecordCell>> before;
    EngineOptions options;
    options.dataDir = toPath(dir);
    options.recentRecordsPerPartition = 20;
    {
        auto core = std::move(*EngineCore::open(options, clock));
        QVERIFY(core->createTopic("orders", topicConfig(3, 2)));
        for (int i = 0; i < 90; ++i) {
            clock.advance(7);
            ProduceRequest r = keyed("orders", fmt::format("order-{}", i % 13), std::string(size_t(i % 5), 'x'));
            if (i % 17 == 0)
                r.records[0].key.reset();
            QVERIFY(core->produce(r).status);
        }
        const auto snapshot = core->makeSnapshot();
        for (size_t p = 0; p < 3; ++p) {
            before.push_back(recentOf(*snapshot, "orders", p));
            QVERIFY(!before.back().empty());
        }
        QVERIFY(before[0].size() <= 20);
        core->shutdown();
    }
    auto core = std::move(*EngineCore::open(options, clock));
    const auto snapshot = core->makeSnapshot();
    for (size_t p = 0; p < 3; ++p) {
        const auto after = recentOf(*snapshot, "orders", p);
        QVERIFY2(sameCells(after, before[p]),
            qPrintable(QStringLiteral("partition %1: %2 cells before, %3 after")
                           .arg(p).arg(before[p].size()).arg(after.size())));
    }
}

// A new leader's log decides what the cells show.
void TestEngineCore::recentRecordsFollowTheNewLeader()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    QVERIFY(core->createTopic("orders", topicConfig(1, 3)));
    for (int i = 0; i < 10; ++i)
        QVERIFY(core->produce(keyed("orders", fmt::format("k{}", i), "v")).status);
    core->advanceTo(clock, clock.nowMs() + 5000); // followers catch up: all in sync
    const auto before = recentOf(*core->makeSnapshot(), "orders", 0);
    QCOMPARE(before.size(), size_t(10));
    const int32_t leader = core->makeSnapshot()->topic("orders")->partitions[0].leader;
    QVERIFY(core->crashBroker(leader));
    // Leadership moves once the controller fences the crashed broker.
    core->advanceTo(clock, clock.nowMs() + EngineOptions {}.brokerSessionTimeoutMs);
    const auto snapshot = core->makeSnapshot();
    QVERIFY(snapshot->topic("orders")->partitions[0].leader != leader);
    QVERIFY(sameCells(recentOf(*snapshot, "orders", 0), before));
}

// Kafka 4.x answers: creating __cluster_metadata is INVALID_REQUEST, an existing topic is
// TOPIC_ALREADY_EXISTS with its message. The lab refuses (POLICY_VIOLATION, saying what Kafka
// would do) to create, delete or grow __consumer_offsets itself, which its coordinators own.
void TestEngineCore::internalTopicsAnswerAsKafkaDoes()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    Status s = core->createTopic("__cluster_metadata", topicConfig(1));
    QCOMPARE(s.code(), ErrorCode::InvalidRequest);
    QCOMPARE(s.message(), std::string("Creation of internal topic __cluster_metadata is prohibited."));

    s = core->createTopic("__consumer_offsets", topicConfig(3));
    QCOMPARE(s.code(), ErrorCode::PolicyViolation);
    QVERIFY(s.message().find("Kafka Lab refuses") != std::string::npos);
    QVERIFY(s.message().find("Apache Kafka 4.x would") != std::string::npos);
    QVERIFY(!core->makeSnapshot()->topic("__consumer_offsets"));

    QVERIFY(core->createTopic("orders", topicConfig(2)));
    ConsumerGroupSpec spec;
    spec.groupId = "g";
    spec.topics = { "orders" };
    spec.consumers = 1;
    QVERIFY(core->startConsumerGroup(spec));
    const auto snapshot = core->makeSnapshot(); // the topic pointer points into it
    const auto *offsets = snapshot->topic("__consumer_offsets");
    QVERIFY(offsets);
    QCOMPARE(offsets->partitions.size(), size_t(50)); // offsets.topic.num.partitions, not the user's 3

    s = core->createTopic("__consumer_offsets", topicConfig(3));
    QCOMPARE(s.code(), ErrorCode::TopicAlreadyExists);
    QCOMPARE(s.message(), std::string("Topic '__consumer_offsets' already exists."));
    s = core->deleteTopic("__consumer_offsets");
    QCOMPARE(s.code(), ErrorCode::PolicyViolation);
    QVERIFY(s.message().find("Apache Kafka 4.x would delete it") != std::string::npos);
    s = core->createPartitions("__consumer_offsets", 60);
    QCOMPARE(s.code(), ErrorCode::PolicyViolation);
    QCOMPARE(core->makeSnapshot()->topic("__consumer_offsets")->partitions.size(), size_t(50));
    // Kafka's other internal names are ordinary topics to a client: accepted, and deletable.
    QVERIFY(core->createTopic("__transaction_state", topicConfig(1)));
    QVERIFY(core->deleteTopic("__transaction_state"));
    QCOMPARE(core->deleteTopic("__cluster_metadata").code(), ErrorCode::UnknownTopicOrPartition);
}

void TestEngineCore::followersAreByteIdentical()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    TopicConfig config = topicConfig(2, 3);
    config.log.segmentBytes = 2048;
    QVERIFY(core->createTopic("copies", config));
    for (int i = 0; i < 30; ++i) {
        ProduceRequest request = keyed("copies", fmt::format("key-{}", i % 5), std::string(50 + i, 'q'));
        request.records.push_back(ProduceRecord { std::nullopt, std::string("tail"), {}, std::nullopt });
        request.compression = i % 2 ? Compression::Gzip : Compression::None;
        QVERIFY(core->produce(request).status);
    }
    // Followers copy by fetching on engine timers: nothing yet, everything after a while.
    const auto before = core->makeSnapshot();
    for (const auto &p : before->topic("copies")->partitions) {
        QVERIFY(p.logEndOffset > 0);
        QCOMPARE(p.highWatermark, int64_t(0));
        for (const auto &r : p.replicaStates)
            QCOMPARE(r.logEndOffset, r.leader ? p.logEndOffset : int64_t(0));
    }
    core->advanceTo(clock, clock.nowMs() + 1000);
    const auto snapshot = core->makeSnapshot();
    for (const auto &p : snapshot->topic("copies")->partitions) {
        QCOMPARE(p.highWatermark, p.logEndOffset);
        QCOMPARE(p.isr.size(), size_t(3));
        for (const auto &r : p.replicaStates)
            QCOMPARE(r.logEndOffset, p.logEndOffset);
    }
    core->shutdown();
    int compared = 0;
    for (const auto &p : snapshot->topic("copies")->partitions) {
        QVERIFY(p.logEndOffset > 0);
        const fs::path leaderDir
            = toPath(dir) / (fmt::format("broker-{}", p.leader)) / (fmt::format("copies-{}", p.id));
        QCOMPARE(fs::path(p.dir), leaderDir);
        for (int32_t follower : p.replicas) {
            if (follower == p.leader)
                continue;
            const fs::path followerDir
                = toPath(dir) / (fmt::format("broker-{}", follower)) / (fmt::format("copies-{}", p.id));
            for (const auto &segment : p.segments) {
                const fs::path name = fs::path(segment.logPath).filename();
                const std::string leaderBytes = readFile(leaderDir / name);
                QVERIFY(!leaderBytes.empty());
                QCOMPARE(readFile(followerDir / name) == leaderBytes, true);
                ++compared;
            }
        }
    }
    QVERIFY(compared >= 4);
}

void TestEngineCore::snapshotContents()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    QVERIFY(core->createTopic("cells", topicConfig(1, 1)));
    const std::string longKey(100, 'k');
    ProduceRequest request = keyed("cells", longKey, "12345");
    request.records.push_back(ProduceRecord { std::nullopt, std::nullopt, {}, int64_t(42) });
    QVERIFY(core->produce(request).status);

    const auto s1 = core->makeSnapshot();
    QCOMPARE(s1->brokers.size(), size_t(3));
    QCOMPARE(s1->brokers[2].id, 3);
    QCOMPARE(fs::path(s1->brokers[0].dataDir), toPath(dir) / "broker-1");
    QCOMPARE(s1->nowMs, clock.nowMs());
    QCOMPARE(s1->totalRecordsProduced, int64_t(2));
    const auto &p = s1->topic("cells")->partitions[0];
    QCOMPARE(p.logEndOffset, int64_t(2));
    QCOMPARE(p.highWatermark, int64_t(2));
    QVERIFY(p.sizeBytes > 0);
    QCOMPARE(p.recent->size(), size_t(2));
    const RecordCell &keyedCell = (*p.recent)[0];
    QCOMPARE(keyedCell.key, std::string(64, 'k'));
    QVERIFY(!keyedCell.keyNull);
    QCOMPARE(keyedCell.keyHash, static_cast<uint32_t>(murmur2(longKey) & 0x7fffffff));
    QCOMPARE(keyedCell.valueSize, 5);
    QCOMPARE((*p.recent)[1].keyNull, true);
    QCOMPARE((*p.recent)[1].valueSize, -1);
    QCOMPARE((*p.recent)[1].timestamp, int64_t(42));
    QCOMPARE(s1->lastEventSeq, core->eventsSince(0).back().seq);

    // Unchanged partitions share their cells; a change rebuilds them.
    const auto s2 = core->makeSnapshot();
    QCOMPARE(s2->version, s1->version + 1);
    QCOMPARE(s2->topic("cells")->partitions[0].recent.get(), p.recent.get());
    QVERIFY(core->produce(keyed("cells", "x", "y")).status);
    const auto s3 = core->makeSnapshot();
    QVERIFY(s3->topic("cells")->partitions[0].recent.get() != p.recent.get());
    QCOMPARE(s3->topic("cells")->partitions[0].recent->size(), size_t(3));
    QCOMPARE(p.recent->size(), size_t(2)); // the old snapshot is immutable
}

void TestEngineCore::deleteTopicRemovesDirectories()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto core = openCore(toPath(dir), clock);
    QVERIFY(core->createTopic("gone", topicConfig(2, 3)));
    QVERIFY(core->produce(keyed("gone", "k", "v")).status);
    QVERIFY(fs::exists(toPath(dir) / "broker-2" / "gone-1"));
    QVERIFY(core->deleteTopic("gone"));
    for (int b = 1; b <= 3; ++b)
        for (int p = 0; p < 2; ++p)
            QVERIFY(!fs::exists(toPath(dir) / (fmt::format("broker-{}", b)) / (fmt::format("gone-{}", p))));
    QCOMPARE(core->deleteTopic("gone").code(), ErrorCode::UnknownTopicOrPartition);
    QCOMPARE(core->produce(keyed("gone", "k", "v")).status.code(), ErrorCode::UnknownTopicOrPartition);
    QCOMPARE(eventsOf(*core, EventType::TopicDeleted).size(), size_t(1));
    // Re-creating starts from offset 0, and reopening does not bring the old topic back.
    QVERIFY(core->createTopic("gone", topicConfig(1, 1)));
    QCOMPARE(core->produce(keyed("gone", "k", "v")).records[0].offset, int64_t(0));
    QVERIFY(core->deleteTopic("gone"));
    core.reset();
    auto reopened = openCore(toPath(dir), clock);
    QVERIFY(reopened->makeSnapshot()->topics.empty());
}

void TestEngineCore::eventsAndJson()
{
    QTemporaryDir dir;
    ManualClock clock(5000);
    auto core = openCore(toPath(dir), clock, 2);
    std::vector<Event> heard;
    core->setEventListener([&](const Event &e) { heard.push_back(e); });
    QVERIFY(core->createTopic("ev", topicConfig(2, 2)));
    const auto all = core->eventsSince(0);
    // Two brokers started, one topic created, the initial leader of each of its two partitions.
    QCOMPARE(all.size(), size_t(5));
    for (size_t i = 0; i < all.size(); ++i)
        QCOMPARE(all[i].seq, uint64_t(i + 1));
    QCOMPARE(heard.size(), size_t(3));
    QCOMPARE(heard[0].type, EventType::TopicCreated);
    QCOMPARE(heard[0].timeMs, int64_t(5000));
    QCOMPARE(heard[1].type, EventType::LeaderElected);
    QCOMPARE(heard[2].type, EventType::LeaderElected);
    QCOMPARE(heard[2].partition, 1);
    QCOMPARE(core->eventsSince(2).size(), size_t(3));
    QVERIFY(core->eventsSince(5).empty());

    QCOMPARE(eventTypeName(EventType::SegmentRolled), std::string_view("segment_rolled"));
    QCOMPARE(eventTypeName(EventType::AutoProducerFinished), std::string_view("auto_producer_finished"));
    Event e;
    e.seq = 7;
    e.timeMs = 123;
    e.type = EventType::ProduceRefused;
    e.topic = "t\"q";
    e.partition = 2;
    e.error = ErrorCode::MessageTooLarge;
    e.detail = "too big";
    const std::string json = eventToJson(e);
    const std::string expected = "{\"seq\":7,\"time_ms\":123,\"type\":\"produce_refused\","
                                 "\"topic\":\"t\\\"q\",\"partition\":2,\"error\":\"MESSAGE_TOO_LARGE\","
                                 "\"error_code\":10,\"detail\":\"too big\"}";
    QCOMPARE(json, expected);
    QVERIFY(json.find('\n') == std::string::npos);
}

QTEST_APPLESS_MAIN(TestEngineCore)
#include "test_engine_core.moc"
