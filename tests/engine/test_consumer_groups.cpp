// Consumer groups inside the cluster (ManualClock): the coordinator partition of a group
// (Java's String.hashCode), a range group consuming everything, crash / leave / stall, idle
// members, two independent groups, and the API's validation.
#include "cluster/consumer_offsets.h"
#include "consumer_group_fixture.h"

using namespace kl;
using kl::testing::GroupFixture;

class TestConsumerGroups : public QObject {
    Q_OBJECT

private slots:
    void javaHashCode_data();
    void javaHashCode();
    void kafkaAbsMapsMinValueToZero();
    void offsetsTopicRecordsRoundTrip();
    void rangeGroupConsumesEverything();
    void crashedConsumerTimesOutAndOthersTakeOver();
    void leaveRebalancesAtOnce();
    void stallLeavesAfterMaxPollInterval();
    void moreConsumersThanPartitionsLeavesIdleMembers();
    void twoGroupsAreIndependent();
    void validation();
};

void TestConsumerGroups::javaHashCode_data()
{
    QTest::addColumn<QString>("group");
    QTest::addColumn<int>("hash");
    QTest::addColumn<int>("partitionOf50");
    QTest::addColumn<int>("partitionOf5");
    // By hand: "g1" = 'g'(103) * 31 + '1'(49) = 3242; 3242 % 50 = 42, % 5 = 2.
    QTest::newRow("g1") << "g1" << 3242 << 42 << 2;
    QTest::newRow("empty") << "" << 0 << 0 << 0;
    QTest::newRow("a") << "a" << 97 << 47 << 2;
    // 'a'(97)*961 + 'b'(98)*31 + 'c'(99) = 93217 + 3038 + 99 = 96354.
    QTest::newRow("abc") << "abc" << 96354 << 4 << 4;
    // Overflows to a negative hash: Utils.abs(-403968617) = 403968617; % 50 = 17.
    QTest::newRow("negative") << "orders-group" << -403968617 << 17 << 2;
    // Its hash is Integer.MIN_VALUE: Utils.abs maps it to 0 (Math.abs would stay negative).
    QTest::newRow("min value") << "polygenelubricants" << int(INT32_MIN) << 0 << 0;
    // U+00E9 is one UTF-16 unit (233), although two UTF-8 bytes.
    QTest::newRow("latin-1") << QString::fromUtf8("\xc3\xa9") << 233 << 33 << 3;
    // U+1F600 is two surrogates: 0xD83D * 31 + 0xDE00 = 1716067 + 56832 = 1772899.
    QTest::newRow("surrogates") << QString::fromUtf8("\xf0\x9f\x98\x80") << 1772899 << 49 << 4;
}

void TestConsumerGroups::javaHashCode()
{
    QFETCH(QString, group);
    QFETCH(int, hash);
    QFETCH(int, partitionOf50);
    QFETCH(int, partitionOf5);
    const std::string id = group.toStdString();
    QCOMPARE(javaStringHashCode(id), hash);
    QCOMPARE(offsetsPartitionFor(id, 50), partitionOf50);
    QCOMPARE(offsetsPartitionFor(id, 5), partitionOf5);
}

void TestConsumerGroups::kafkaAbsMapsMinValueToZero()
{
    QCOMPARE(kafkaAbs(INT32_MIN), 0);
    QCOMPARE(kafkaAbs(-5), 5);
    QCOMPARE(kafkaAbs(7), 7);
    QCOMPARE(kafkaAbs(INT32_MAX), INT32_MAX);
}

void TestConsumerGroups::offsetsTopicRecordsRoundTrip()
{
    OffsetCommitRecord commit;
    commit.topic = "orders";
    commit.partition = 3;
    commit.offset = 42;
    commit.leaderEpoch = 2;
    commit.metadata = std::string("meta"); // (a literal assignment trips GCC 12 -Wrestrict)
    commit.commitTimestampMs = 1234;
    auto records = encodeOffsetCommits("g1", { commit }, 1234);
    QVERIFY(records.isOk());
    QCOMPARE(records->size(), size_t(1));
    Record r;
    r.key = (*records)[0].key;
    r.value = (*records)[0].value;
    auto decoded = decodeOffsetsTopicRecord(r);
    QVERIFY(decoded.isOk());
    QVERIFY(decoded->has_value());
    QCOMPARE((*decoded)->groupId, std::string("g1"));
    QVERIFY((*decoded)->offset.has_value());
    QVERIFY(*(*decoded)->offset == commit);

    GroupMetadataRecord meta;
    meta.protocolType = "consumer";
    meta.generation = 4;
    meta.protocolName = "range";
    meta.leader = "c-1";
    meta.currentStateTimestampMs = 99;
    meta.members.push_back(GroupMemberRecord { "c-1", std::nullopt, "c", "/127.0.0.1", 300000, 10000, { 1, 2 }, { 3 } });
    auto m = encodeGroupMetadata("g1", meta);
    QVERIFY(m.isOk());
    r.key = m->key;
    r.value = m->value;
    decoded = decodeOffsetsTopicRecord(r);
    QVERIFY(decoded.isOk() && decoded->has_value());
    QVERIFY((*decoded)->metadata.has_value());
    QVERIFY(*(*decoded)->metadata == meta);

    // A tombstone (null value) of a commit.
    r.key = (*records)[0].key;
    r.value.reset();
    decoded = decodeOffsetsTopicRecord(r);
    QVERIFY(decoded.isOk() && decoded->has_value());
    QVERIFY((*decoded)->offset->tombstone);
    // Garbage is an error, not a crash.
    Record junk;
    junk.key.emplace(1, '\0');
    QVERIFY(!decodeOffsetsTopicRecord(junk).isOk());
}

void TestConsumerGroups::rangeGroupConsumesEverything()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 6).isOk());
    f.produceEach("orders", 6, 100);
    auto ids = f.core->startConsumerGroup(GroupFixture::spec("g1", "orders", 3));
    QVERIFY2(ids.isOk(), ids.status().toString().c_str());
    QCOMPARE(ids->size(), size_t(3));
    QCOMPARE((*ids)[0], std::string("consumer-1"));

    // __consumer_offsets exists with the configured partitions; g1 lives on partition 2.
    const auto snapshot = f.core->makeSnapshot();
    const TopicSnapshot *offsets = snapshot->topic("__consumer_offsets");
    QVERIFY(offsets);
    QCOMPARE(offsets->partitions.size(), size_t(5));
    QCOMPARE(offsets->config.replicationFactor, 3);

    QVERIFY(f.waitStable("g1", 3));
    f.advance(8000);
    const GroupSnapshot g = f.group("g1");
    QCOMPARE(g.state, std::string("Stable"));
    QCOMPARE(g.generation, 1);
    QCOMPARE(g.assignor, std::string("range"));
    QCOMPARE(g.coordinator, offsets->partitions[2].leader);
    QCOMPARE(g.members.size(), size_t(3));
    // Range over members sorted by id (client id first): 0-1, 2-3, 4-5.
    QCOMPARE(GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-1")), (std::vector<int32_t> { 0, 1 }));
    QCOMPARE(GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-2")), (std::vector<int32_t> { 2, 3 }));
    QCOMPARE(GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-3")), (std::vector<int32_t> { 4, 5 }));
    for (const auto &m : g.members) {
        QCOMPARE(m.state, std::string("running"));
        QCOMPARE(m.host, std::string("/127.0.0.1"));
        QVERIFY(m.simulated);
        QCOMPARE(m.consumed, int64_t(200));
        QCOMPARE(m.lag, int64_t(0));
    }
    QCOMPARE(g.partitions.size(), size_t(6));
    for (const auto &p : g.partitions) {
        QCOMPARE(p.committedOffset, int64_t(100));
        QCOMPARE(p.logEndOffset, int64_t(100));
        QCOMPARE(p.lag, int64_t(0));
        QVERIFY(!p.ownerClientId.empty());
    }
    QCOMPARE(g.totalLag, int64_t(0));
    QCOMPARE(g.ordering.checked, int64_t(600));
    QCOMPARE(g.ordering.duplicates, int64_t(0));
    QCOMPARE(g.ordering.perKeyViolations, int64_t(0));
    QCOMPARE(g.ordering.gaps, int64_t(0));
    // Lag history: sampled every 500 ms, fell from 600 to 0.
    QVERIFY(g.lagHistory && g.lagHistory->size() > 5);
    QVERIFY(g.lagHistory->back().lag == 0);
    int64_t peak = 0;
    for (const auto &point : *g.lagHistory)
        peak = std::max(peak, point.lag);
    QVERIFY(peak > 0 && peak <= 600);
    QVERIFY(g.partitionLagHistory && g.partitionLagHistory->count("orders-0") == 1);

    // Events: three joins, one rebalance with the assignment.
    QCOMPARE(f.eventsOf(EventType::MemberJoined, "g1").size(), size_t(3));
    const auto completed = f.eventsOf(EventType::RebalanceCompleted, "g1");
    QCOMPARE(completed.size(), size_t(1));
    QCOMPARE(completed[0].generation, 1);
    QVERIFY2(completed[0].detail.find("orders-0,orders-1 -> consumer-1; orders-2,orders-3 -> consumer-2; "
                                      "orders-4,orders-5 -> consumer-3")
            != std::string::npos,
        completed[0].detail.c_str());
    QVERIFY(eventToJson(completed[0]).find("\"group\":\"g1\"") != std::string::npos);
    QCOMPARE(g.rebalances.size(), size_t(1));
    QCOMPARE(g.rebalances[0].generation, 1);
    QCOMPARE(g.rebalances[0].moved.size(), size_t(6));
    QVERIFY(g.rebalances[0].completedMs >= g.rebalances[0].joinCompletedMs);
    QVERIFY(g.rebalances[0].joinCompletedMs - g.rebalances[0].startedMs >= 1000); // the initial delay

    // The commits are real records of __consumer_offsets-2.
    auto records = f.core->fetch("__consumer_offsets", 2, 0, 1 << 20);
    QVERIFY(records.isOk());
    QVERIFY(!records->empty());
    bool sawCommit = false;
    for (const auto &r : *records) {
        auto decoded = decodeOffsetsTopicRecord(r);
        QVERIFY(decoded.isOk());
        if (decoded->has_value() && (*decoded)->offset)
            sawCommit = (*decoded)->groupId == "g1";
    }
    QVERIFY(sawCommit);
    // The group's own writes are not counted as produced records.
    QCOMPARE(f.core->makeSnapshot()->totalRecordsProduced, int64_t(600));
}

void TestConsumerGroups::crashedConsumerTimesOutAndOthersTakeOver()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 6).isOk());
    QVERIFY(f.core->startConsumerGroup(GroupFixture::spec("g1", "orders", 3)).isOk());
    QVERIFY(f.waitStable("g1", 3));
    AutoProducerSpec producer;
    producer.topic = "orders";
    producer.ratePerSec = 120;
    producer.count = 3600;
    producer.keyCount = 12;
    QVERIFY(f.core->startAutoProducer(producer).isOk());
    f.advance(5000);

    const GroupSnapshot before = f.group("g1");
    const std::vector<int32_t> lost = GroupFixture::partitionsOf(*GroupFixture::member(before, "consumer-2"));
    QCOMPARE(lost, (std::vector<int32_t> { 2, 3 }));
    const int64_t crashAt = f.clock.nowMs();
    QVERIFY(f.core->consumerAction("g1", "consumer-2", ConsumerAction::Crash).isOk());
    QCOMPARE(f.eventsOf(EventType::ConsumerCrashed, "g1").size(), size_t(1));
    f.advance(2000);
    // Still a member (its session has not expired): shown as crashed, still owning its partitions.
    GroupSnapshot g = f.group("g1");
    QCOMPARE(g.generation, 1);
    QCOMPARE(GroupFixture::member(g, "consumer-2")->state, std::string("crashed"));

    f.advance(10000);
    const auto timedOut = f.eventsOf(EventType::MemberTimedOut, "g1");
    QCOMPARE(timedOut.size(), size_t(1));
    // The last heartbeat was at most one interval before the crash.
    QVERIFY(timedOut[0].timeMs <= crashAt + 10000);
    QVERIFY(timedOut[0].timeMs >= crashAt + 10000 - 3000 - 100);
    QVERIFY(timedOut[0].detail.find("consumer-2") != std::string::npos);
    QVERIFY(f.waitStable("g1", 2));
    g = f.group("g1");
    QCOMPARE(g.generation, 2);
    QVERIFY(!GroupFixture::member(g, "consumer-2"));
    // The rebalance timeline names whose session timed out by client id (read back from the
    // gone member's "<client id>-<uuid>" member id), not by the long member id.
    QCOMPARE(g.rebalances.back().causeClient, std::string("consumer-2"));
    QCOMPARE(GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-1")), (std::vector<int32_t> { 0, 1, 2 }));
    QCOMPARE(GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-3")), (std::vector<int32_t> { 3, 4, 5 }));
    QVERIFY(!g.rebalances.empty());
    QVERIFY(g.rebalances.back().cause.find("consumer-2") != std::string::npos);
    QCOMPARE(g.rebalances.back().generation, 2);

    // The survivors finish the work: lag 0, nothing skipped (no gaps), per-key order intact.
    f.advance(40000);
    g = f.group("g1");
    QCOMPARE(g.totalLag, int64_t(0));
    for (const auto &p : g.partitions)
        QCOMPARE(p.committedOffset, p.logEndOffset);
    QCOMPARE(g.ordering.gaps, int64_t(0));
    QCOMPARE(g.ordering.perKeyViolations, int64_t(0));
    // Every produced record was checked at least once (re-deliveries are duplicates).
    QCOMPARE(g.ordering.checked - g.ordering.duplicates, int64_t(3600));
}

void TestConsumerGroups::leaveRebalancesAtOnce()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 6).isOk());
    f.produceEach("orders", 6, 100);
    QVERIFY(f.core->startConsumerGroup(GroupFixture::spec("g1", "orders", 3)).isOk());
    QVERIFY(f.waitStable("g1", 3));
    // Half-way through its 200 records, past an auto-commit: it has uncommitted progress.
    f.advance(1550);
    const int64_t leaveAt = f.clock.nowMs();
    QVERIFY(f.core->consumerAction("g1", "consumer-3", ConsumerAction::Leave).isOk());
    // close() commits first (commitSync): the commit is answered once __consumer_offsets'
    // ISR has it (two follower fetches), and only then does the consumer leave.
    QVERIFY(f.eventsOf(EventType::MemberLeft, "g1").empty());
    for (int i = 0; i < 20 && f.eventsOf(EventType::MemberLeft, "g1").empty(); ++i)
        f.advance(50);
    const auto left = f.eventsOf(EventType::MemberLeft, "g1");
    QCOMPARE(left.size(), size_t(1));
    QVERIFY(left[0].timeMs - leaveAt <= 300);
    const auto started = f.eventsOf(EventType::RebalanceStarted, "g1", leaveAt);
    QCOMPARE(started.size(), size_t(1));
    QCOMPARE(started[0].timeMs, left[0].timeMs); // the LeaveGroup rebalances at once
    // Its positions were committed on close, before it left.
    const auto commits = f.eventsOf(EventType::OffsetsCommitted, "g1", leaveAt);
    QCOMPARE(commits.size(), size_t(1));
    QVERIFY(commits[0].detail.find("consumer-3") != std::string::npos);
    QVERIFY(commits[0].timeMs <= left[0].timeMs);
    // The others learn of it with their next heartbeat (<= 3 s) and split its partitions.
    f.advance(3500);
    const GroupSnapshot g = f.group("g1");
    QCOMPARE(g.state, std::string("Stable"));
    QCOMPARE(g.generation, 2);
    QCOMPARE(g.members.size(), size_t(2));
    QCOMPARE(GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-1")), (std::vector<int32_t> { 0, 1, 2 }));
    QCOMPARE(GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-2")), (std::vector<int32_t> { 3, 4, 5 }));
    f.advance(10000);
    QCOMPARE(f.group("g1").totalLag, int64_t(0));
    QCOMPARE(f.group("g1").ordering.gaps, int64_t(0));
}

void TestConsumerGroups::stallLeavesAfterMaxPollInterval()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 4).isOk());
    ConsumerGroupSpec spec = GroupFixture::spec("g1", "orders", 2);
    spec.maxPollIntervalMs = 8000;
    QVERIFY(f.core->startConsumerGroup(spec).isOk());
    QVERIFY(f.waitStable("g1", 2));
    const int64_t stallAt = f.clock.nowMs();
    QVERIFY(f.core->consumerAction("g1", "consumer-1", ConsumerAction::Stall).isOk());
    QCOMPARE(f.eventsOf(EventType::ConsumerStalled, "g1").size(), size_t(1));
    f.advance(7000);
    // Still in the group: the heartbeat thread keeps it alive.
    QCOMPARE(f.eventsOf(EventType::MemberLeft, "g1").size(), size_t(0));
    QCOMPARE(GroupFixture::member(f.group("g1"), "consumer-1")->state, std::string("stalled"));
    f.advance(2000);
    const auto left = f.eventsOf(EventType::MemberLeft, "g1");
    QCOMPARE(left.size(), size_t(1));
    QVERIFY(left[0].timeMs > stallAt + 8000 - 200 && left[0].timeMs <= stallAt + 8000 + 200);
    QVERIFY2(left[0].detail.find("poll timeout") != std::string::npos, left[0].detail.c_str());
    QVERIFY(f.waitStable("g1", 1, 5000) || f.group("g1").state == "Stable");
    GroupSnapshot g = f.group("g1");
    QCOMPARE(GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-2")), (std::vector<int32_t> { 0, 1, 2, 3 }));
    // The stalled consumer is shown outside the group, without partitions.
    const auto *stalled = GroupFixture::member(g, "consumer-1");
    QVERIFY(stalled);
    QCOMPARE(stalled->state, std::string("stalled"));
    QVERIFY(stalled->memberId.empty());
    QVERIFY(stalled->assigned.empty());

    QVERIFY(f.core->consumerAction("g1", "consumer-1", ConsumerAction::Resume).isOk());
    QVERIFY(f.waitStable("g1", 2));
    g = f.group("g1");
    QCOMPARE(GroupFixture::partitionsOf(*GroupFixture::member(g, "consumer-1")).size(), size_t(2));
    QCOMPARE(GroupFixture::member(g, "consumer-1")->state, std::string("running"));
}

void TestConsumerGroups::moreConsumersThanPartitionsLeavesIdleMembers()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 2).isOk());
    f.produceEach("orders", 2, 30);
    QVERIFY(f.core->startConsumerGroup(GroupFixture::spec("g1", "orders", 4, "roundrobin")).isOk());
    QVERIFY(f.waitStable("g1", 4));
    f.advance(3000);
    const GroupSnapshot g = f.group("g1");
    QCOMPARE(g.members.size(), size_t(4));
    int idle = 0;
    for (const auto &m : g.members) {
        QVERIFY(!m.memberId.empty());
        QVERIFY(m.assigned.size() <= 1);
        if (m.assigned.empty()) {
            ++idle;
            QCOMPARE(m.consumed, int64_t(0));
        }
    }
    QCOMPARE(idle, 2);
    QCOMPARE(g.totalLag, int64_t(0));
    const auto completed = f.eventsOf(EventType::RebalanceCompleted, "g1");
    QVERIFY(!completed.empty());
    QVERIFY(completed.back().detail.find("(none) -> consumer-") != std::string::npos);
}

void TestConsumerGroups::twoGroupsAreIndependent()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 4).isOk());
    f.produceEach("orders", 4, 60);
    QVERIFY(f.core->startConsumerGroup(GroupFixture::spec("ga", "orders", 2)).isOk());
    QVERIFY(f.core->startConsumerGroup(GroupFixture::spec("gb", "orders", 1, "cooperative-sticky")).isOk());
    f.advance(8000);
    GroupSnapshot a = f.group("ga");
    GroupSnapshot b = f.group("gb");
    QCOMPARE(a.state, std::string("Stable"));
    QCOMPARE(b.state, std::string("Stable"));
    QCOMPARE(a.members.size(), size_t(2));
    QCOMPARE(b.members.size(), size_t(1));
    QCOMPARE(b.assignor, std::string("cooperative-sticky"));
    // Each group read every record once.
    QCOMPARE(a.ordering.checked, int64_t(240));
    QCOMPARE(b.ordering.checked, int64_t(240));
    for (const auto &p : a.partitions)
        QCOMPARE(p.committedOffset, int64_t(60));
    for (const auto &p : b.partitions)
        QCOMPARE(p.committedOffset, int64_t(60));
    // A crash in one group does not touch the other.
    const int32_t bGeneration = b.generation;
    QVERIFY(f.core->consumerAction("ga", "consumer-1", ConsumerAction::Crash).isOk());
    f.advance(15000);
    a = f.group("ga");
    b = f.group("gb");
    QCOMPARE(a.generation, 2);
    QCOMPARE(b.generation, bGeneration);
    QCOMPARE(f.eventsOf(EventType::RebalanceStarted, "gb").size(), size_t(1));
}

void TestConsumerGroups::validation()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 2).isOk());
    auto spec = GroupFixture::spec("g1", "missing", 1);
    QCOMPARE(f.core->startConsumerGroup(spec).status().code(), ErrorCode::UnknownTopicOrPartition);
    spec = GroupFixture::spec("g1", "orders", 1, "fastest");
    QCOMPARE(f.core->startConsumerGroup(spec).status().code(), ErrorCode::InvalidConfig);
    spec = GroupFixture::spec("g1", "orders", 1);
    spec.sessionTimeoutMs = 100; // below group.min.session.timeout.ms
    QCOMPARE(f.core->startConsumerGroup(spec).status().code(), ErrorCode::InvalidConfig);
    spec = GroupFixture::spec("", "orders", 1);
    QCOMPARE(f.core->startConsumerGroup(spec).status().code(), ErrorCode::InvalidGroupId);
    // Nothing was created by the refused calls.
    QVERIFY(!f.core->makeSnapshot()->topic("__consumer_offsets"));
    QCOMPARE(f.core->addConsumer("g1").status().code(), ErrorCode::GroupIdNotFound);

    QVERIFY(f.core->startConsumerGroup(GroupFixture::spec("g1", "orders", 1)).isOk());
    QCOMPARE(f.core->startConsumerGroup(GroupFixture::spec("g1", "orders", 1)).status().code(),
        ErrorCode::InvalidRequest);
    QCOMPARE(f.core->consumerAction("g1", "consumer-9", ConsumerAction::Crash).code(), ErrorCode::InvalidRequest);
    auto added = f.core->addConsumer("g1");
    QVERIFY(added.isOk());
    QCOMPARE(*added, std::string("consumer-2"));
    QVERIFY(f.core->stopConsumerGroup("g1").isOk());
    f.advance(2000);
    for (const auto &m : f.group("g1").members)
        QVERIFY(m.state != "running");
}

QTEST_APPLESS_MAIN(TestConsumerGroups)
#include "test_consumer_groups.moc"
