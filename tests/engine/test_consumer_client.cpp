// The simulated consumer against the Java client's behaviour, read back from what reached
// __consumer_offsets: auto-commit sends every position at every interval, unchanged or not, with
// the position's leader epoch (so Burrow's STALL can be seen); the subscriptions it joins with
// (eager assignors own nothing when they rejoin, sticky carries its previous assignment in
// userData, cooperative-sticky its generation), as ConsumerCoordinator.metadata() writes them.
#include "consumer_group_fixture.h"

#include <QtTest>

// moc cannot parse <compare> (pulled in by group/types.h); it needs nothing from these.
#ifndef Q_MOC_RUN
#include "cluster/consumer_offsets.h"
#include "group/consumer_protocol.h"
#endif

using namespace kl;
using kl::testing::GroupFixture;

namespace {

// Every record of the group's __consumer_offsets partition, decoded, in log order.
std::vector<ReplayedGroupRecord> offsetsRecords(GroupFixture &f, const std::string &group)
{
    std::vector<ReplayedGroupRecord> out;
    const int32_t partition = offsetsPartitionFor(group, f.options.offsetsTopicPartitions);
    int64_t next = 0;
    for (;;) {
        auto records = f.core->fetch(std::string(kOffsetsTopic), partition, next, 1 << 20);
        if (!records || records->empty())
            break;
        for (const Record &r : *records) {
            next = r.offset + 1;
            auto decoded = decodeOffsetsTopicRecord(r);
            if (decoded && decoded->has_value() && (*decoded)->groupId == group)
                out.push_back(**decoded);
        }
    }
    return out;
}

std::vector<OffsetCommitRecord> commitsOf(GroupFixture &f, const std::string &group, const TopicPartition &tp)
{
    std::vector<OffsetCommitRecord> out;
    for (const auto &r : offsetsRecords(f, group))
        if (r.offset && r.offset->topic == tp.topic && r.offset->partition == tp.partition)
            out.push_back(*r.offset);
    return out;
}

// The group's GroupMetadataValue for `generation` (the last one written for it).
std::optional<GroupMetadataRecord> metadataOf(GroupFixture &f, const std::string &group, int32_t generation)
{
    std::optional<GroupMetadataRecord> out;
    for (const auto &r : offsetsRecords(f, group))
        if (r.metadata && r.metadata->generation == generation)
            out = *r.metadata;
    return out;
}

const PartitionSnapshot &partitionOf(const ClusterSnapshot &s, const std::string &topic, int32_t p)
{
    return s.topic(topic)->partitions[static_cast<size_t>(p)];
}

const GroupPartitionSnapshot *groupPartition(const GroupSnapshot &g, const std::string &topic, int32_t p)
{
    for (const auto &gp : g.partitions)
        if (gp.topic == topic && gp.partition == p)
            return &gp;
    return nullptr;
}

} // namespace

class TestConsumerClient : public QObject {
    Q_OBJECT
private slots:
    void autoCommitRepeatsPositionsWithLeaderEpoch();
    void autoCommitWithoutProgressIsStall();
    void eagerRejoinSubscriptions_data();
    void eagerRejoinSubscriptions();
    void cooperativeRejoinSubscription();
};

void TestConsumerClient::autoCommitRepeatsPositionsWithLeaderEpoch()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 2).isOk());
    f.produceEach("orders", 2, 10);
    QVERIFY(f.core->startConsumerGroup(GroupFixture::spec("g1", "orders", 1)).isOk());
    QVERIFY(f.waitStable("g1", 1));
    f.advance(3000); // everything read and committed
    const TopicPartition p0 { "orders", 0 };
    const size_t before = commitsOf(f, "g1", p0).size();
    QVERIFY(before > 0);

    // Caught up, nothing new: every auto.commit.interval.ms=1000 commits offset 10 again,
    // with the epoch of the batch it last read (the partition's first leader: epoch 0).
    f.advance(5000);
    std::vector<OffsetCommitRecord> commits = commitsOf(f, "g1", p0);
    QVERIFY2(commits.size() >= before + 4, qPrintable(QString("%1 -> %2").arg(before).arg(commits.size())));
    for (size_t i = before; i < commits.size(); ++i) {
        QCOMPARE(commits[i].offset, int64_t(10));
        QCOMPARE(commits[i].leaderEpoch, 0);
        QCOMPARE(commits[i].metadata, std::string());
        if (i > before)
            QVERIFY(commits[i].commitTimestampMs > commits[i - 1].commitTimestampMs);
    }
    // The Groups view is not confused by the repeats: offset 10, lag 0, OK.
    GroupSnapshot g = f.group("g1");
    QCOMPARE(groupPartition(g, "orders", 0)->committedOffset, int64_t(10));
    QCOMPARE(groupPartition(g, "orders", 0)->lag, int64_t(0));
    QCOMPARE(groupPartition(g, "orders", 0)->status, std::string("OK"));

    // A new leader (epoch + 1) writes the next records: the commit carries the new epoch.
    const auto snapshot = f.core->makeSnapshot();
    const int32_t oldLeader = partitionOf(*snapshot, "orders", 0).leader;
    const int32_t oldEpoch = partitionOf(*snapshot, "orders", 0).leaderEpoch;
    QVERIFY(f.core->crashBroker(oldLeader).isOk());
    f.advance(15000); // past any broker session timeout
    QVERIFY(f.core->restartBroker(oldLeader).isOk());
    f.advance(5000);
    const int32_t newEpoch = partitionOf(*f.core->makeSnapshot(), "orders", 0).leaderEpoch;
    QVERIFY(newEpoch > oldEpoch);
    f.produceEach("orders", 2, 5);
    f.advance(10000); // room for a coordinator move and a rejoin after the crash
    commits = commitsOf(f, "g1", p0);
    QCOMPARE(commits.back().offset, int64_t(15));
    QCOMPARE(commits.back().leaderEpoch, newEpoch);
    g = f.group("g1");
    QCOMPARE(groupPartition(g, "orders", 0)->committedOffset, int64_t(15));
    QCOMPARE(groupPartition(g, "orders", 0)->status, std::string("OK"));
}

void TestConsumerClient::autoCommitWithoutProgressIsStall()
{
    // A consumer that polls and commits but processes almost nothing (one record every 50 s):
    // it commits the same offset every second while the lag stays, which is Burrow's STALL.
    // (Committing only changed offsets would leave one old commit: Burrow would call it STOP.)
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 1).isOk());
    f.produceEach("orders", 1, 50);
    ConsumerGroupSpec spec = GroupFixture::spec("g1", "orders", 1);
    spec.recordsPerSecPerConsumer = 0.02;
    QVERIFY(f.core->startConsumerGroup(spec).isOk());
    QVERIFY(f.waitStable("g1", 1));
    f.advance(15000);
    const std::vector<OffsetCommitRecord> commits = commitsOf(f, "g1", { "orders", 0 });
    QVERIFY2(commits.size() >= 12, qPrintable(QString::number(commits.size())));
    for (const auto &c : commits) {
        QCOMPARE(c.offset, int64_t(0));
        QCOMPARE(c.leaderEpoch, -1); // a reset position (earliest) has no epoch until a record is read
    }
    const GroupSnapshot g = f.group("g1");
    QCOMPARE(groupPartition(g, "orders", 0)->lag, int64_t(50));
    QCOMPARE(groupPartition(g, "orders", 0)->status, std::string("STALL"));
}

void TestConsumerClient::eagerRejoinSubscriptions_data()
{
    QTest::addColumn<QString>("assignor");
    QTest::newRow("range") << "range";
    QTest::newRow("roundrobin") << "roundrobin";
    QTest::newRow("sticky") << "sticky";
}

// Two members form generation 1; a third joins. The two rejoin for generation 2 having revoked
// everything (ownedPartitions empty) but still in generation 1; the sticky assignor's userData
// holds each one's generation-1 assignment. The newcomer sends generation -1 and no userData.
void TestConsumerClient::eagerRejoinSubscriptions()
{
    QFETCH(QString, assignor);
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 6).isOk());
    QVERIFY(f.core->startConsumerGroup(GroupFixture::spec("g1", "orders", 2, assignor.toStdString())).isOk());
    QVERIFY(f.waitStable("g1", 2));
    QVERIFY(f.core->addConsumer("g1").isOk());
    QVERIFY(f.waitStable("g1", 3));
    QCOMPARE(f.group("g1").generation, 2);
    f.advance(1000); // the followers replicate generation 2's GroupMetadata record

    const auto gen1 = metadataOf(f, "g1", 1);
    const auto gen2 = metadataOf(f, "g1", 2);
    QVERIFY(gen1 && gen2);
    QCOMPARE(gen2->members.size(), size_t(3));
    for (const auto &m : gen2->members) {
        auto sub = decodeSubscription(m.subscription);
        QVERIFY2(sub.isOk(), sub.status().message().c_str());
        QCOMPARE(sub->version, int16_t(3));
        QCOMPARE(sub->topics, std::vector<std::string> { "orders" });
        QVERIFY(sub->ownedPartitions.empty());
        QVERIFY(!sub->rackId);
        const GroupMemberRecord *before = nullptr;
        for (const auto &old : gen1->members)
            if (old.memberId == m.memberId)
                before = &old;
        if (!before) { // the newcomer
            QCOMPARE(sub->generationId, -1);
            QVERIFY(!sub->userData);
            continue;
        }
        QCOMPARE(sub->generationId, 1);
        if (assignor != "sticky") {
            QVERIFY(!sub->userData);
            continue;
        }
        QVERIFY(sub->userData);
        auto previous = decodeStickyUserData(*sub->userData);
        QVERIFY(previous.isOk());
        auto assigned = decodeAssignment(before->assignment);
        QVERIFY(assigned.isOk() && !assigned->partitions.empty());
        QCOMPARE(previous->previousAssignment, assigned->partitions);
        QCOMPARE(previous->generation, std::optional<int32_t>(1));
        // And the leader reads it as the previous owner: both old members keep two partitions.
        auto now = decodeAssignment(m.assignment);
        QVERIFY(now.isOk());
        size_t kept = 0;
        for (const auto &tp : now->partitions)
            kept += std::count(assigned->partitions.begin(), assigned->partitions.end(), tp);
        QCOMPARE(kept, size_t(2));
    }
}

// cooperative-sticky keeps what it owns and says so; its userData is just its generation.
void TestConsumerClient::cooperativeRejoinSubscription()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 6).isOk());
    QVERIFY(f.core->startConsumerGroup(GroupFixture::spec("g1", "orders", 2, "cooperative-sticky")).isOk());
    QVERIFY(f.waitStable("g1", 2));
    QVERIFY(f.core->addConsumer("g1").isOk());
    QVERIFY(f.waitStable("g1", 3));
    f.advance(1000);
    const auto gen1 = metadataOf(f, "g1", 1);
    const auto gen2 = metadataOf(f, "g1", 2);
    QVERIFY(gen1 && gen2);
    size_t oldMembers = 0;
    for (const auto &m : gen2->members) {
        auto sub = decodeSubscription(m.subscription);
        QVERIFY(sub.isOk());
        const GroupMemberRecord *before = nullptr;
        for (const auto &old : gen1->members)
            if (old.memberId == m.memberId)
                before = &old;
        QVERIFY(sub->userData);
        if (!before) {
            QCOMPARE(sub->generationId, -1);
            QCOMPARE(*sub->userData, encodeCooperativeStickyUserData(-1));
            QVERIFY(sub->ownedPartitions.empty());
            continue;
        }
        ++oldMembers;
        QCOMPARE(sub->generationId, 1);
        QCOMPARE(*sub->userData, encodeCooperativeStickyUserData(1));
        auto assigned = decodeAssignment(before->assignment);
        QVERIFY(assigned.isOk());
        auto expected = assigned->partitions;
        std::sort(expected.begin(), expected.end());
        QCOMPARE(sub->ownedPartitions, expected);
    }
    QCOMPARE(oldMembers, size_t(2));
}

QTEST_APPLESS_MAIN(TestConsumerClient)
#include "test_consumer_client.moc"
