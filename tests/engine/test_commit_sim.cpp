// Durable offset commits (issue 9): a commit is answered and becomes visible (OffsetFetch, the
// group snapshot) only once __consumer_offsets' ISR has it, so a coordinator crash right after
// a commit never rolls the group's committed offset back.
//  - coordinatorCrashRightAfterCommit: the reported case, a crash 50 ms after an auto-commit;
//  - seededCommitSchedules: seeds of random produce, coordinator crashes, restarts and slow
//    followers on RF 3 with unclean election off; after every step the invariant: a committed
//    offset the coordinator has shown (acknowledged) is never lost or rolled back.
// KAFKALAB_COMMIT_SIM_SEEDS=N runs seeds 1..N (default 20); KAFKALAB_COMMIT_SIM_SEED=S replays S.
#include "cluster/consumer_offsets.h"
#include "commit_sim.h"
#include "consumer_group_fixture.h"

#include <cstdlib>

using namespace kl;
using kl::testing::GroupFixture;

class TestCommitSim : public QObject {
    Q_OBJECT
private slots:
    void coordinatorCrashRightAfterCommit();
    void seededCommitSchedules();
};

namespace {

int32_t offsetsLeader(GroupFixture &f, const std::string &group)
{
    const auto snapshot = f.core->makeSnapshot();
    return snapshot->topic("__consumer_offsets")->partitions[static_cast<size_t>(offsetsPartitionFor(group, 5))].leader;
}

} // namespace

void TestCommitSim::coordinatorCrashRightAfterCommit()
{
    GroupFixture f;
    QVERIFY(f.createTopic("orders", 1).isOk());
    f.produceEach("orders", 1, 50);
    ConsumerGroupSpec spec = GroupFixture::spec("g1", "orders", 1);
    QVERIFY(f.core->startConsumerGroup(spec).isOk());
    QVERIFY(f.waitStable("g1", 1));
    f.advance(3000);
    QCOMPARE(f.group("g1").partitions[0].committedOffset, int64_t(50));

    // Slow followers: a commit written now reaches the ISR only seconds later.
    const int32_t coordinator = offsetsLeader(f, "g1");
    for (int32_t b = 1; b <= 3; ++b)
        if (b != coordinator)
            QVERIFY(f.core->setFollowerDelay(b, 2000));
    f.produceEach("orders", 1, 30);
    // Run until the coordinator's leader has the next commit record in its log (the slow
    // followers hold the orders partition's high watermark back too, so that takes seconds).
    const auto offsetsEnd = [&] {
        return f.core->makeSnapshot()->topic("__consumer_offsets")->partitions[2].logEndOffset;
    };
    const int64_t before = offsetsEnd();
    for (int i = 0; i < 200 && offsetsEnd() == before; ++i)
        f.advance(50);
    QVERIFY(offsetsEnd() > before);
    // Written on the leader, not replicated: pending, so not shown (Kafka's OffsetFetch neither).
    QCOMPARE(f.group("g1").partitions[0].committedOffset, int64_t(50));
    f.advance(50);
    QVERIFY(f.core->crashBroker(coordinator).isOk()); // 50 ms after the commit
    // The coordinator moves once the controller fences the crashed broker.
    f.advance(f.options.brokerSessionTimeoutMs + 200);
    // The new leader may hold the unreplicated commit record above its high watermark: its
    // coordinator loads only once the ISR has everything (until then: no coordinator, and the
    // last shown offset, 50, stays shown). Nothing shown is ever lost; 80 may appear once durable.
    GroupSnapshot g = f.group("g1");
    for (int i = 0; i < 100 && g.coordinator < 0; ++i) {
        QCOMPARE(g.partitions[0].committedOffset, int64_t(50));
        f.advance(50);
        g = f.group("g1");
    }
    QVERIFY(g.coordinator > 0 && g.coordinator != coordinator);
    QVERIFY(g.partitions[0].committedOffset == 50 || g.partitions[0].committedOffset == 80);
    // The consumer retries: the next auto-commit stores 80 on the new coordinator.
    for (int32_t b = 1; b <= 3; ++b)
        QVERIFY(f.core->setFollowerDelay(b, 0));
    f.advance(5000);
    QCOMPARE(f.group("g1").partitions[0].committedOffset, int64_t(80));
}

void TestCommitSim::seededCommitSchedules()
{
    std::vector<uint64_t> seeds;
    if (const char *one = std::getenv("KAFKALAB_COMMIT_SIM_SEED")) {
        seeds.push_back(std::strtoull(one, nullptr, 10));
    } else {
        uint64_t n = 20;
        if (const char *count = std::getenv("KAFKALAB_COMMIT_SIM_SEEDS"))
            n = std::max<uint64_t>(1, std::strtoull(count, nullptr, 10));
        for (uint64_t seed = 1; seed <= n; ++seed)
            seeds.push_back(seed);
        // Found by the benchmark's 2,000 seeds: 1612, a coordinator loaded on a new leader showed
        // commits above its high watermark, which the next leader (its only ISR member) lacked.
        for (uint64_t seed : { 1612 })
            if (seed > n)
                seeds.push_back(seed);
    }
    sim::CommitSimTotals totals;
    for (uint64_t seed : seeds) {
        const std::string failure = sim::runCommitSeed(seed, totals);
        if (!failure.empty()) {
            const std::string message
                = failure + fmt::format("\nreplay: KAFKALAB_COMMIT_SIM_SEED={} test_commit_sim", seed);
            QFAIL(message.c_str());
        }
    }
    qInfo("%zu seeds passed: %lld coordinator crashes, %lld committed offsets shown moving forward", seeds.size(),
        static_cast<long long>(totals.coordinatorCrashes), static_cast<long long>(totals.commitsShown));
    // The schedules must really crash coordinators and move commits, or the invariant proves little.
    if (seeds.size() >= 10) {
        QVERIFY(totals.coordinatorCrashes >= static_cast<int64_t>(seeds.size()));
        QVERIFY(totals.commitsShown > static_cast<int64_t>(seeds.size()) * 5);
    }
}

QTEST_APPLESS_MAIN(TestCommitSim)
#include "test_commit_sim.moc"
