// The embedded cluster under a low file-descriptor limit (issue 10, Scale): with RLIMIT_NOFILE
// at 256 (soft and hard, set for this whole process before anything opens), 300 partitions x
// RF 3 (900 replicas, 2,700 segment files) are created, written, closed and reopened, because
// segment files share one bounded descriptor cache instead of keeping 3 fds per replica.
// Linux (/proc/self/fd) only; the limit is this test process's own.
#include "api/engine_core.h"
#include "log/fd_cache.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>

#include <filesystem>
#include <memory>
#include <string>

using namespace kl;
namespace fs = std::filesystem;

namespace {

constexpr rlim_t kLimit = 256;
constexpr int32_t kPartitions = 300;

size_t openFds()
{
    size_t n = 0;
    std::error_code ec;
    for (fs::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec))
        ++n;
    return n;
}

std::unique_ptr<EngineCore> openCore(const fs::path &dir, const Clock &clock)
{
    EngineOptions options;
    options.dataDir = dir;
    options.brokerCount = 3;
    auto core = EngineCore::open(options, clock);
    if (!core)
        qFatal("open failed: %s", core.status().toString().c_str());
    return std::move(*core);
}

} // namespace

class TestFdLimit : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        rlimit limit{};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
        if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < kLimit)
            QSKIP("the hard limit is already below 256");
        limit.rlim_cur = limit.rlim_max = kLimit; // the hard one too: the engine cannot raise it back
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &limit), 0);
    }

    void createsAndReopens300PartitionsRf3()
    {
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        ManualClock clock;
        int64_t produced = 0;
        {
            auto core = openCore(dir, clock);
            QCOMPARE(FdCache::global().capacity(), FdCache::capacityForLimit(kLimit));
            TopicConfig config;
            config.partitions = kPartitions;
            config.replicationFactor = 3;
            const Status s = core->createTopic("wide", config);
            QVERIFY2(s, s.toString().c_str());
            QVERIFY(openFds() < kLimit);
            for (int32_t p = 0; p < kPartitions; ++p) {
                ProduceRequest request;
                request.topic = "wide";
                request.partition = p;
                request.records.push_back(ProduceRecord {"k", "value-" + std::to_string(p), {}, std::nullopt});
                const ProduceResult result = core->produce(request);
                QVERIFY2(result.status, result.status.toString().c_str());
                ++produced;
            }
            core->advanceTo(clock, clock.nowMs() + 2000); // followers fetch every partition
            QVERIFY(openFds() < kLimit);
            QVERIFY(FdCache::global().stats().peakOpen <= FdCache::global().capacity());
            core->shutdown();
        }
        auto core = openCore(dir, clock);
        core->advanceTo(clock, clock.nowMs() + 2000);
        const auto snapshot = core->makeSnapshot();
        const TopicSnapshot *topic = snapshot->topic("wide");
        QVERIFY(topic);
        QCOMPARE(static_cast<int32_t>(topic->partitions.size()), kPartitions);
        int64_t total = 0;
        for (const PartitionSnapshot &p : topic->partitions) {
            QCOMPARE(p.replicas.size(), size_t(3));
            QCOMPARE(p.isr.size(), size_t(3));
            QVERIFY(p.leader > 0);
            for (const ReplicaSnapshot &r : p.replicaStates)
                QCOMPARE(r.logEndOffset, int64_t(1)); // every replica has its record
            total += p.logEndOffset;
        }
        QCOMPARE(total, produced);
        auto records = core->fetch("wide", kPartitions - 1, 0, 1 << 16);
        QVERIFY2(records, records.status().toString().c_str());
        QCOMPARE(records->size(), size_t(1));
        QCOMPARE((*records)[0].value.value_or(""), "value-" + std::to_string(kPartitions - 1));
        QVERIFY(openFds() < kLimit);
    }
};

QTEST_APPLESS_MAIN(TestFdLimit)
#include "test_fd_limit.moc"
