// The broker requests real clients reach over the wire (api/broker_requests.h), on a
// ManualClock: a client's batch is stored as sent (compressed ones stay compressed) and acks=all
// answers only once the followers have it; a wrong maxTimestamp is rewritten with a right CRC;
// an idempotent producer's resend is acknowledged with the first offsets and not appended twice,
// a gap is OUT_OF_ORDER_SEQUENCE_NUMBER; a long poll waits for data or for its max wait;
// ListOffsets by timestamp finds the first record at or after it.
// (The wire itself, with kcat, kafka-python and confluent-kafka: real_clients_records.py.)
#include "group/consumer_protocol.h"
#include "group/group_coordinator.h"
#include "replication_fixture.h"
#include "log/client_batch.h"

using namespace kl;
using kl::testing::ClusterFixture;

namespace {

Bytes clientBatch(const std::vector<std::pair<std::string, int64_t>> &values, Compression compression = Compression::None,
    int64_t producerId = -1, int32_t baseSequence = -1)
{
    BatchBuilder builder(compression);
    for (const auto &[value, timestamp] : values)
        builder.add(timestamp, std::string_view("key"), std::string_view(value));
    if (producerId >= 0)
        builder.setProducer(producerId, 0, baseSequence);
    const ByteView view = builder.finish();
    return Bytes(view.begin(), view.end());
}

void setCrc(Bytes &batch)
{
    const uint32_t crc = computeBatchCrc(ByteView(batch));
    for (int i = 0; i < 4; ++i)
        batch[17 + static_cast<size_t>(i)] = static_cast<uint8_t>(crc >> (8 * (3 - i)));
}

int32_t leaderOf(ClusterFixture &c, const std::string &topic, int32_t partition = 0)
{
    return c.partition(topic, partition).leader;
}

struct Appended {
    std::shared_ptr<std::optional<AppendRecordsResult>> result = std::make_shared<std::optional<AppendRecordsResult>>();
};

Appended append(ClusterFixture &c, const std::string &topic, Bytes records, Acks acks, int32_t broker = -1,
    std::shared_ptr<const PrecheckedBatch> prechecked = nullptr)
{
    AppendRecordsRequest request;
    request.prechecked = std::move(prechecked);
    request.topic = topic;
    request.partition = 0;
    request.broker = broker < 0 ? leaderOf(c, topic) : broker;
    request.records = std::move(records);
    request.acks = acks;
    request.timeoutMs = 5000;
    Appended out;
    c.core->appendRecords(request, [holder = out.result](AppendRecordsResult r) { *holder = std::move(r); });
    return out;
}

std::shared_ptr<std::optional<std::vector<ReadRecordsPartition>>> read(ClusterFixture &c, const std::string &topic,
    int64_t offset, int32_t maxWaitMs)
{
    ReadRecordsRequest request;
    request.broker = leaderOf(c, topic);
    request.partitions.push_back({topic, 0, offset, -1, 1 << 20});
    request.maxWaitMs = maxWaitMs;
    auto holder = std::make_shared<std::optional<std::vector<ReadRecordsPartition>>>();
    c.core->readRecords(request, [holder](std::vector<ReadRecordsPartition> r) { *holder = std::move(r); });
    return holder;
}

} // namespace

class TestBrokerRequests : public QObject {
    Q_OBJECT
private slots:
    void batchStoredAsSentAndAcksAllWaits();
    void followersThatLongPollFetchAtOnce();
    void bigBatchKeepsItsLastRecordsForTheView();
    void wrongMaxTimestampIsRewritten();
    void refusalsStoreNothing();
    void listenerChecksGiveTheEnginesVerdicts();
    void idempotentResendIsNotAppendedTwice();
    void longPollWaitsForDataOrItsMaxWait();
    void listOffsetsByTimestamp();
    void offsetForLeaderEpochSaysWhereAnEpochEnded();
    void alteredMinInsyncReplicasHoldsAtOnceAndAfterARestart();
    void realGroupShowsAfterARestart();
    void topicCountsRecordsProducedAndConsumed();
    void describeLogDirListsEachReplicaOfTheBroker();
};

void TestBrokerRequests::batchStoredAsSentAndAcksAllWaits()
{
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("t", 3, 2));
    const int64_t now = c.clock.nowMs(); // (far older records would go by retention.ms)
    const Bytes sent = clientBatch({{"a", now}, {"b", now + 1}, {"c", now + 2}}, Compression::Lz4);
    auto first = append(c, "t", sent, Acks::All);
    QVERIFY(!first.result->has_value()); // the followers have not fetched yet
    c.advance(1000);
    QVERIFY(first.result->has_value());
    QVERIFY2((*first.result)->status.isOk(), (*first.result)->status.toString().c_str());
    QCOMPARE((*first.result)->baseOffset, 0);
    // Every replica holds the client's bytes after the leader's 16 (offset, length, epoch).
    for (int32_t broker : c.partition("t").replicas) {
        auto batches = c.core->replicaBatches("t", 0, broker);
        QVERIFY(batches);
        QCOMPARE(batches->size(), size_t(1));
        QCOMPARE(batches->front().lastOffset, 2);
    }
    auto fetched = read(c, "t", 0, 0);
    QVERIFY(fetched->has_value());
    const Bytes &stored = (**fetched)[0].records;
    QCOMPARE(stored.size(), sent.size());
    QVERIFY(std::equal(sent.begin() + 16, sent.end(), stored.begin() + 16));
    QCOMPARE(parseBatchHeader(ByteView(stored))->compression(), Compression::Lz4);
    // The next one is numbered after it.
    auto second = append(c, "t", clientBatch({{"d", now + 3}}), Acks::Leader);
    QVERIFY(second.result->has_value());
    QCOMPARE((*second.result)->baseOffset, 3);
}

void TestBrokerRequests::followersThatLongPollFetchAtOnce()
{
    // replicaFetchOnAppend (live brokers): a follower's fetch waits at the leader and is answered
    // by the append, and the follower fetches again at once: acks=all completes without the
    // engine clock moving, where the interval model above needs two fetch rounds.
    ClusterFixture c(3, 1000, 100);
    c.options.replicaFetchOnAppend = true;
    c.reopen();
    QVERIFY(c.createTopic("t", 3, 3)); // RF 3, min.insync.replicas 3
    const int64_t now = c.clock.nowMs();
    auto first = append(c, "t", clientBatch({{"a", now}, {"b", now}}), Acks::All);
    c.advance(0); // the fetches are engine timers due now
    QVERIFY(first.result->has_value());
    QVERIFY2((*first.result)->status.isOk(), (*first.result)->status.toString().c_str());
    QCOMPARE(c.clock.nowMs(), now);
    for (int32_t broker : c.partition("t").replicas)
        QCOMPARE(c.core->replicaBatches("t", 0, broker)->size(), size_t(1));
    QCOMPARE(c.partition("t").highWatermark, 2);
    // A broker slowed on purpose (its fetch delay) still fetches on its own timer only.
    const int32_t slow = c.partition("t").replicas[0] == leaderOf(c, "t") ? c.partition("t").replicas[1]
                                                                         : c.partition("t").replicas[0];
    QVERIFY(c.core->setFollowerDelay(slow, 300).isOk());
    auto second = append(c, "t", clientBatch({{"c", now}}), Acks::Leader);
    c.advance(0);
    QCOMPARE(c.core->replicaBatches("t", 0, slow)->size(), size_t(1));
    c.advance(500);
    QCOMPARE(c.core->replicaBatches("t", 0, slow)->size(), size_t(2));
}

void TestBrokerRequests::bigBatchKeepsItsLastRecordsForTheView()
{
    // The partition view draws the last recentRecordsPerPartition (16 here) records; a batch of
    // 40 leaves its last 16.
    ClusterFixture c(1);
    QVERIFY(c.createTopic("t", 1));
    std::vector<std::pair<std::string, int64_t>> values;
    for (int i = 0; i < 40; ++i)
        values.emplace_back(std::string(static_cast<size_t>(i), 'v'), c.clock.nowMs() + i);
    auto appended = append(c, "t", clientBatch(values), Acks::Leader);
    QVERIFY((*appended.result)->status.isOk());
    const auto recent = c.partition("t").recent;
    QCOMPARE(recent->size(), size_t(16));
    for (size_t i = 0; i < 16; ++i) {
        QCOMPARE(recent->at(i).offset, static_cast<int64_t>(24 + i));
        QCOMPARE(recent->at(i).valueSize, static_cast<int32_t>(24 + i));
    }
}

void TestBrokerRequests::wrongMaxTimestampIsRewritten()
{
    ClusterFixture c(1);
    QVERIFY(c.createTopic("t", 1));
    Bytes sent = clientBatch({{"a", 5000}, {"b", 9000}, {"c", 7000}});
    QCOMPARE(parseBatchHeader(ByteView(sent))->maxTimestamp, 9000);
    // A client that wrote its first timestamp as the max (the header's CRC made right for it).
    for (int i = 0; i < 8; ++i)
        sent[35 + static_cast<size_t>(i)] = static_cast<uint8_t>(uint64_t(5000) >> (8 * (7 - i)));
    setCrc(sent);
    QVERIFY(batchCrcValid(ByteView(sent)));
    auto appended = append(c, "t", sent, Acks::Leader);
    QVERIFY((*appended.result)->status.isOk());
    auto fetched = read(c, "t", 0, 0);
    const Bytes &stored = (**fetched)[0].records;
    QCOMPARE(parseBatchHeader(ByteView(stored))->maxTimestamp, 9000);
    QVERIFY(batchCrcValid(ByteView(stored)));
    ListOffsetRequest latestTime {"t", 0, leaderOf(c, "t"), kMaxTimestamp, -1, false};
    const ListOffsetResult max = c.core->listOffset(latestTime);
    QCOMPARE(max.offset, 1);
    QCOMPARE(max.timestamp, 9000);
}

void TestBrokerRequests::refusalsStoreNothing()
{
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("t", 3, 3));
    const int32_t leader = leaderOf(c, "t");
    const int32_t other = leader == 1 ? 2 : 1;
    const auto codeOf = [&](Bytes records, Acks acks = Acks::Leader, int32_t broker = -1) {
        auto a = append(c, "t", std::move(records), acks, broker);
        return a.result->has_value() ? (*a.result)->status.code() : ErrorCode::UnknownServerError;
    };
    QCOMPARE(codeOf(clientBatch({{"x", 1}}), Acks::Leader, other), ErrorCode::NotLeaderOrFollower);
    Bytes flipped = clientBatch({{"x", 1}});
    flipped.back() ^= 0x01;
    QCOMPARE(codeOf(flipped), ErrorCode::CorruptMessage);
    Bytes two = clientBatch({{"x", 1}});
    const Bytes more = clientBatch({{"y", 2}});
    two.insert(two.end(), more.begin(), more.end());
    QCOMPARE(codeOf(two), ErrorCode::InvalidRecord);
    QCOMPARE(codeOf({}), ErrorCode::InvalidRecord);
    Bytes transactional = clientBatch({{"x", 1}});
    transactional[22] |= 0x10; // attributes: transactional
    QCOMPARE(codeOf(transactional), ErrorCode::CorruptMessage); // the CRC covers the attributes
    setCrc(transactional);
    QCOMPARE(codeOf(transactional), ErrorCode::InvalidTxnState); // no transaction coordinator
    QCOMPARE(codeOf(clientBatch({{"x", 1}}), static_cast<Acks>(2)), ErrorCode::InvalidRequiredAcks);
    // A record numbered out of turn (its offset delta, byte 64 of a small first record: 1, not 0).
    Bytes misnumbered = clientBatch({{"x", 1}});
    QCOMPARE(misnumbered[64], uint8_t(0));
    misnumbered[64] = 2; // zigzag varint 1
    setCrc(misnumbered);
    QCOMPARE(codeOf(misnumbered), ErrorCode::InvalidRecord);
    // A header that counts more records than the batch holds.
    Bytes miscounted = clientBatch({{"x", 1}});
    miscounted[60] = 2; // recordCount (bytes 57-60) 1 -> 2
    setCrc(miscounted);
    QCOMPARE(codeOf(miscounted), ErrorCode::CorruptMessage);
    QVERIFY(c.core->crashBroker(other));
    c.advance(100);
    QCOMPARE(codeOf(clientBatch({{"x", 1}}), Acks::All), ErrorCode::NotEnoughReplicas); // min.insync.replicas 3
    QCOMPARE(c.partition("t").logEndOffset, 0);
}

void TestBrokerRequests::listenerChecksGiveTheEnginesVerdicts()
{
    // The listener checks a client's batch (precheckClientBatch) while the engine appends the one
    // before; the engine's answer must be the one it would give itself.
    ClusterFixture c(1, 1000, 100);
    QVERIFY(c.createTopic("t", 1));
    const size_t keep = 16; // the fixture's recentRecordsPerPartition
    Bytes flipped = clientBatch({{"x", 1}});
    flipped.back() ^= 0x01;
    Bytes misnumbered = clientBatch({{"x", 1}});
    misnumbered[64] = 2;
    setCrc(misnumbered);
    Bytes miscounted = clientBatch({{"x", 1}});
    miscounted[60] = 2;
    setCrc(miscounted);
    Bytes two = clientBatch({{"x", 1}});
    const Bytes more = clientBatch({{"y", 2}});
    two.insert(two.end(), more.begin(), more.end());
    for (const Bytes &bad : {flipped, misnumbered, miscounted, two}) {
        auto pre = precheckClientBatch(ByteView(bad), "t-0", keep);
        QVERIFY(pre);
        QVERIFY(!pre->status.isOk());
        auto own = append(c, "t", bad, Acks::Leader);
        auto checked = append(c, "t", bad, Acks::Leader, -1, pre);
        QCOMPARE((*checked.result)->status.code(), (*own.result)->status.code());
        QCOMPARE((*checked.result)->status.message(), (*own.result)->status.message());
    }
    Bytes notV2 = clientBatch({{"x", 1}});
    notV2[16] = 1;
    QVERIFY(!precheckClientBatch(ByteView(notV2), "t-0", keep)); // the engine says why, in its order
    // The engine takes the listener's verdict: a good batch with a bad batch's verdict is refused...
    auto lied = append(c, "t", clientBatch({{"x", 1}}), Acks::Leader, -1,
        precheckClientBatch(ByteView(flipped), "t-0", keep));
    QCOMPARE((*lied.result)->status.code(), ErrorCode::CorruptMessage);
    // ... unless it was made for another number of records kept, which the engine checks again.
    auto other = append(c, "t", clientBatch({{"x", 1}}), Acks::Leader, -1,
        precheckClientBatch(ByteView(flipped), "t-0", keep + 1));
    QVERIFY((*other.result)->status.isOk());
    QCOMPARE(c.partition("t").logEndOffset, 1);
    // A good batch's check carries its last records to the partition view.
    const Bytes good = clientBatch({{"aa", 5}, {"bbb", 6}});
    auto fine = append(c, "t", good, Acks::Leader, -1, precheckClientBatch(ByteView(good), "t-0", keep));
    QVERIFY((*fine.result)->status.isOk());
    const auto recent = c.partition("t").recent;
    QCOMPARE(recent->back().offset, 2);
    QCOMPARE(recent->back().valueSize, 3);
}

void TestBrokerRequests::idempotentResendIsNotAppendedTwice()
{
    ClusterFixture c(1);
    QVERIFY(c.createTopic("t", 1));
    auto first = append(c, "t", clientBatch({{"a", 1}, {"b", 2}}, Compression::None, 4000, 0), Acks::Leader);
    QVERIFY2((*first.result)->status.isOk(), (*first.result)->status.toString().c_str());
    auto next = append(c, "t", clientBatch({{"c", 3}}, Compression::None, 4000, 2), Acks::Leader);
    QCOMPARE((*next.result)->baseOffset, 2);
    auto resent = append(c, "t", clientBatch({{"a", 1}, {"b", 2}}, Compression::None, 4000, 0), Acks::Leader);
    QVERIFY((*resent.result)->status.isOk());
    QVERIFY((*resent.result)->duplicate);
    QCOMPARE((*resent.result)->baseOffset, 0);
    QCOMPARE(c.partition("t").logEndOffset, 3);
    auto gap = append(c, "t", clientBatch({{"e", 5}}, Compression::None, 4000, 7), Acks::Leader);
    QCOMPARE((*gap.result)->status.code(), ErrorCode::OutOfOrderSequenceNumber);
    QCOMPARE(c.partition("t").logEndOffset, 3);
}

void TestBrokerRequests::longPollWaitsForDataOrItsMaxWait()
{
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("t", 3, 1));
    auto waiting = read(c, "t", 0, 500);
    QVERIFY(!waiting->has_value());
    c.advance(499);
    QVERIFY(!waiting->has_value());
    c.advance(1);
    QVERIFY(waiting->has_value()); // the max wait is over: an empty answer
    QVERIFY((**waiting)[0].records.empty());
    QCOMPARE((**waiting)[0].highWatermark, 0);

    auto woken = read(c, "t", 0, 10000);
    QVERIFY(!woken->has_value());
    append(c, "t", clientBatch({{"a", 1}}), Acks::Leader);
    // The record counts once the followers have it (the high watermark moves): well before
    // the 10 s wait is over.
    c.advance(300);
    QVERIFY(woken->has_value());
    QVERIFY(!(**woken)[0].records.empty());
    QCOMPARE((**woken)[0].highWatermark, 1);

    auto outOfRange = read(c, "t", 7, 10000);
    QVERIFY(outOfRange->has_value()); // refusals answer at once
    QCOMPARE((**outOfRange)[0].status.code(), ErrorCode::OffsetOutOfRange);
}

void TestBrokerRequests::listOffsetsByTimestamp()
{
    ClusterFixture c(1);
    QVERIFY(c.createTopic("t", 1));
    append(c, "t", clientBatch({{"a", 100}, {"b", 200}}), Acks::Leader);
    append(c, "t", clientBatch({{"c", 300}, {"d", 400}}), Acks::Leader);
    const int32_t leader = leaderOf(c, "t");
    const auto at = [&](int64_t timestamp) {
        return c.core->listOffset(ListOffsetRequest {"t", 0, leader, timestamp, -1, false});
    };
    QCOMPARE(at(kEarliestTimestamp).offset, 0);
    QCOMPARE(at(kLatestTimestamp).offset, 4);
    QCOMPARE(at(150).offset, 1);
    QCOMPARE(at(150).timestamp, 200);
    QCOMPARE(at(300).offset, 2);
    QCOMPARE(at(401).offset, -1);
    QVERIFY(at(401).status.isOk());
    QCOMPARE(at(-7).status.code(), ErrorCode::InvalidRequest);
    QCOMPARE(c.core->listOffset(ListOffsetRequest {"t", 0, leader + 1, kLatestTimestamp, -1, false}).status.code(),
        ErrorCode::NotLeaderOrFollower);
}

// A group formed over the wire (coordinator calls, as the handlers make them) is in the
// snapshot with its member, and after a restart it is there again as soon as a client's
// FindCoordinator loads its coordinator: its member rejoins without a new JoinGroup (the group
// is loaded Stable), so no join event would have made it visible.
void TestBrokerRequests::offsetForLeaderEpochSaysWhereAnEpochEnded()
{
    // Epoch 0 writes offsets 0-2; the leader crashes, the next leader (epoch 1) writes 3-4. A
    // consumer that read in epoch 0 asks where epoch 0 ended: at 3, where epoch 1 began.
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("t", 3, 1));
    const int64_t now = c.clock.nowMs();
    auto first = append(c, "t", clientBatch({{"a", now}, {"b", now}, {"c", now}}), Acks::All);
    c.advance(1000);
    QVERIFY((*first.result)->status.isOk());
    const int32_t oldLeader = leaderOf(c, "t");
    QVERIFY(c.core->crashBroker(oldLeader).isOk());
    c.advance(100);
    const int32_t leader = leaderOf(c, "t");
    QVERIFY(leader != oldLeader && leader >= 0);
    QCOMPARE(c.partition("t").leaderEpoch, 1);
    auto second = append(c, "t", clientBatch({{"d", now}, {"e", now}}), Acks::Leader);
    QCOMPARE((*second.result)->baseOffset, 3);

    const auto ask = [&](int32_t epoch, int32_t current = -1, int32_t broker = -1) {
        return c.core->offsetForLeaderEpoch({"t", 0, broker < 0 ? leader : broker, current, epoch});
    };
    LeaderEpochResult r = ask(0);
    QVERIFY(r.status.isOk());
    QCOMPARE(r.leaderEpoch, 0);
    QCOMPARE(r.endOffset, 3);
    r = ask(1, 1); // the latest epoch ends at the log end offset
    QVERIFY(r.status.isOk());
    QCOMPARE(r.leaderEpoch, 1);
    QCOMPARE(r.endOffset, 5);
    QCOMPARE(ask(1, 0).status.code(), ErrorCode::FencedLeaderEpoch);  // the client is behind
    QCOMPARE(ask(1, 2).status.code(), ErrorCode::UnknownLeaderEpoch);  // the client is ahead
    const int32_t follower = c.partition("t").replicas[0] == leader ? c.partition("t").replicas[1]
                                                                   : c.partition("t").replicas[0];
    QCOMPARE(ask(1, -1, follower).status.code(), ErrorCode::NotLeaderOrFollower);
    QCOMPARE(c.core->offsetForLeaderEpoch({"nope", 0, leader, -1, 0}).status.code(), ErrorCode::UnknownTopicOrPartition);
}

void TestBrokerRequests::alteredMinInsyncReplicasHoldsAtOnceAndAfterARestart()
{
    // IncrementalAlterConfigs' engine side: min.insync.replicas 1 -> 3 on an RF 3 topic with a
    // broker down refuses the next acks=all write; the change is in cluster-metadata.json.
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("t", 3, 1));
    TopicConfig config = c.core->makeSnapshot()->topic("t")->config;
    config.minInsyncReplicas = 3;
    config.log.retentionMs = 120000;
    QVERIFY(c.core->alterTopicConfig("t", config).isOk());
    TopicConfig wrong = config;
    wrong.partitions = 2;
    QCOMPARE(c.core->alterTopicConfig("t", wrong).code(), ErrorCode::InvalidRequest);
    QCOMPARE(c.core->alterTopicConfig("nope", config).code(), ErrorCode::UnknownTopicOrPartition);
    const int32_t leader = leaderOf(c, "t");
    const int32_t other = c.partition("t").replicas[0] == leader ? c.partition("t").replicas[1]
                                                                : c.partition("t").replicas[0];
    QVERIFY(c.core->crashBroker(other).isOk());
    c.advance(1100); // out of the ISR after replica.lag.time.max.ms
    QCOMPARE(c.partition("t").isr.size(), size_t(2));
    auto refused = append(c, "t", clientBatch({{"x", c.clock.nowMs()}}), Acks::All);
    QCOMPARE((*refused.result)->status.code(), ErrorCode::NotEnoughReplicas);
    c.reopen();
    const TopicConfig reopened = c.core->makeSnapshot()->topic("t")->config;
    QCOMPARE(reopened.minInsyncReplicas, 3);
    QCOMPARE(reopened.log.retentionMs, int64_t(120000));
}

void TestBrokerRequests::realGroupShowsAfterARestart()
{
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("t", 3, 1, false, 2));
    auto coordinator = c.core->findGroupCoordinator("wire-g");
    QVERIFY2(coordinator, coordinator.status().toString().c_str());
    c.advance(100);
    coordinator = c.core->findGroupCoordinator("wire-g");
    QVERIFY(coordinator);
    ConsumerSubscription subscription;
    subscription.topics = {"t"};
    JoinGroupRequest join;
    join.apiVersion = 2; // no MEMBER_ID_REQUIRED round
    join.groupId = "wire-g";
    join.sessionTimeoutMs = 10000;
    join.rebalanceTimeoutMs = 10000;
    join.requireKnownMemberId = false;
    join.clientId = "wire-client";
    join.clientHost = "/127.0.0.1";
    join.protocols = {{"range", *encodeSubscription(subscription)}};
    std::optional<JoinGroupResponse> joined;
    c.core->withGroupCoordinator("wire-g", *coordinator, [&](GroupCoordinator *g, ErrorCode error) {
        QVERIFY(g);
        QCOMPARE(error, ErrorCode::None);
        g->joinGroup(join, [&](const JoinGroupResponse &r) { joined = r; });
    });
    c.advance(4000); // group.initial.rebalance.delay.ms
    QVERIFY(joined);
    QCOMPARE(joined->errorCode, ErrorCode::None);
    ConsumerAssignment assignment;
    assignment.partitions = {{"t", 0}, {"t", 1}};
    SyncGroupRequest sync;
    sync.groupId = "wire-g";
    sync.generationId = joined->generationId;
    sync.memberId = joined->memberId;
    sync.assignments = {{joined->memberId, *encodeAssignment(assignment)}};
    std::optional<SyncGroupResponse> synced;
    c.core->withGroupCoordinator("wire-g", *coordinator, [&](GroupCoordinator *g, ErrorCode) {
        g->syncGroup(sync, [&](const SyncGroupResponse &r) { synced = r; });
    });
    c.advance(100);
    QVERIFY(synced && synced->errorCode == ErrorCode::None);
    const auto memberOf = [&]() -> std::optional<GroupMemberSnapshotView> {
        const auto snapshot = c.core->makeSnapshot(); // kept: the loop reads into it
        for (const auto &g : snapshot->groups)
            if (g.groupId == "wire-g" && g.members.size() == 1)
                return g.members.front();
        return std::nullopt;
    };
    auto member = memberOf();
    QVERIFY(member);
    QCOMPARE(member->clientId, std::string("wire-client"));
    QVERIFY(!member->simulated);
    QCOMPARE(member->assigned.size(), size_t(2));

    c.reopen();
    QVERIFY(!memberOf()); // nothing asked for the group yet
    QVERIFY(c.core->findGroupCoordinator("wire-g"));
    c.advance(1000);
    QVERIFY(c.core->findGroupCoordinator("wire-g"));
    member = memberOf();
    QVERIFY2(member, "the loaded group is not in the snapshot");
    QCOMPARE(member->clientId, std::string("wire-client"));
}

void TestBrokerRequests::topicCountsRecordsProducedAndConsumed()
{
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("t", 3, 1));
    const int64_t now = c.clock.nowMs();
    auto a = append(c, "t", clientBatch({{"a", now}, {"b", now}, {"c", now}, {"d", now}, {"e", now}}), Acks::All);
    auto b = append(c, "t", clientBatch({{"f", now}, {"g", now}, {"h", now}}), Acks::All);
    c.advance(1000); // the followers copy both batches: the high watermark is 8
    QVERIFY(a.result->has_value() && b.result->has_value());
    QCOMPARE(c.core->makeSnapshot()->topic("t")->recordsProduced, 8);
    QCOMPARE(c.core->makeSnapshot()->topic("t")->recordsConsumed, 0); // followers' copies are not consumption
    // From offset 2 the whole first batch comes back; the client skips 0 and 1: 6 consumed.
    auto fetched = read(c, "t", 2, 0);
    QVERIFY(fetched->has_value());
    QCOMPARE(c.core->makeSnapshot()->topic("t")->recordsConsumed, 6);
    // A long poll counts what it answers with, once.
    auto waiting = read(c, "t", 8, 5000);
    QVERIFY(!waiting->has_value());
    append(c, "t", clientBatch({{"i", now}, {"j", now}}), Acks::Leader);
    c.advance(300);
    QVERIFY(waiting->has_value());
    c.advance(6000);
    const auto snap = c.core->makeSnapshot();
    QCOMPARE(snap->topic("t")->recordsProduced, 10);
    QCOMPARE(snap->topic("t")->recordsConsumed, 8);
}

void TestBrokerRequests::describeLogDirListsEachReplicaOfTheBroker()
{
    ClusterFixture c(3, 1000, 100);
    QVERIFY(c.createTopic("t", 2, 1));
    const int64_t now = c.clock.nowMs();
    append(c, "t", clientBatch({{"a", now}, {"b", now}}), Acks::All);
    c.advance(1000);
    const PartitionSnapshot p = c.partition("t");
    QCOMPARE(p.replicas.size(), size_t(2));
    int32_t outside = 0;
    for (int32_t broker = 1; broker <= 3; ++broker)
        if (std::find(p.replicas.begin(), p.replicas.end(), broker) == p.replicas.end())
            outside = broker;
    for (int32_t broker : p.replicas) {
        const LogDirDescription dir = c.core->describeLogDir(broker, {});
        QVERIFY(dir.status.isOk());
        QCOMPARE(dir.path, (c.path() / fmt::format("broker-{}", broker)).lexically_normal().string());
        QVERIFY(dir.totalBytes > 0 && dir.usableBytes > 0 && dir.usableBytes <= dir.totalBytes);
        const auto mine = std::find_if(dir.partitions.begin(), dir.partitions.end(),
            [](const LogDirPartition &x) { return x.topic == "t" && x.partition == 0; });
        QVERIFY(mine != dir.partitions.end());
        // Its size is its .log files', as on disk.
        int64_t onDisk = 0;
        for (const auto &f : std::filesystem::directory_iterator(c.path() / fmt::format("broker-{}", broker) / "t-0"))
            if (f.path().extension() == ".log")
                onDisk += static_cast<int64_t>(f.file_size());
        QVERIFY(onDisk > 0);
        QCOMPARE(mine->sizeBytes, onDisk);
        QCOMPARE(mine->offsetLag, 0);
    }
    // The broker without a replica lists none of t; asked partitions it lacks are left out.
    const LogDirDescription other = c.core->describeLogDir(outside, {{"t", {0}}, {"missing", {0}}, {"t", {9}}});
    QVERIFY(other.status.isOk());
    QVERIFY(other.partitions.empty());
    const LogDirDescription asked = c.core->describeLogDir(p.replicas[0], {{"t", {0, 9}}});
    QCOMPARE(asked.partitions.size(), size_t(1));
    // A crashed broker's directory is KAFKA_STORAGE_ERROR (it could not answer on the wire).
    QVERIFY(c.core->crashBroker(p.replicas[1]).isOk());
    QCOMPARE(c.core->describeLogDir(p.replicas[1], {}).status.code(), ErrorCode::KafkaStorageError);
}

QTEST_GUILESS_MAIN(TestBrokerRequests)
#include "test_broker_requests.moc"
