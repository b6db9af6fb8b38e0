// Simulated auto producers under a ManualClock: deterministic per seed, rate honoured, count
// limits, key distributions, value format, stop, and spec validation.
#include "api/engine_core.h"

#include <QTemporaryDir>
#include <QtTest>
#include <map>

using namespace kl;
namespace fs = std::filesystem;

namespace {

struct Run {
    QTemporaryDir dir;
    ManualClock clock;
    std::unique_ptr<EngineCore> core;

    explicit Run(uint64_t seed, int32_t partitions = 6)
    {
        EngineOptions options;
        options.dataDir = fs::path(dir.path().toStdString());
        options.seed = seed;
        auto opened = EngineCore::open(options, clock);
        if (!opened)
            qFatal("open failed: %s", opened.status().toString().c_str());
        core = std::move(*opened);
        TopicConfig config;
        config.partitions = partitions;
        config.replicationFactor = 2;
        if (!core->createTopic("auto", config))
            qFatal("createTopic failed");
    }

    // Every record of the topic, partition by partition.
    std::vector<std::pair<int32_t, Record>> all()
    {
        std::vector<std::pair<int32_t, Record>> out;
        const auto snapshot = core->makeSnapshot();
        for (const auto &p : snapshot->topic("auto")->partitions) {
            int64_t offset = p.logStartOffset;
            while (offset < p.logEndOffset) {
                auto records = core->fetch("auto", p.id, offset, 1 << 20);
                if (!records || records->empty())
                    qFatal("fetch failed");
                for (auto &r : *records)
                    out.emplace_back(p.id, std::move(r));
                offset = out.back().second.offset + 1;
            }
        }
        return out;
    }

    int64_t total()
    {
        int64_t sum = 0;
        const auto snapshot = core->makeSnapshot();
        for (const auto &p : snapshot->topic("auto")->partitions)
            sum += p.logEndOffset;
        return sum;
    }
};

AutoProducerSpec spec(double rate, int64_t count = 0)
{
    AutoProducerSpec s;
    s.topic = "auto";
    s.ratePerSec = rate;
    s.count = count;
    s.keyCount = 8;
    s.valueSize = 40;
    return s;
}

// "key-3@p1#17 abc..." -> 17
int64_t sequenceOf(const std::string &value)
{
    const auto hash = value.find('#');
    const auto space = value.find(' ', hash);
    return std::stoll(value.substr(hash + 1, space - hash - 1));
}

} // namespace

class TestAutoProducer : public QObject {
    Q_OBJECT
private slots:
    void deterministicForSeed();
    void rateHonoured_data();
    void rateHonoured();
    void countLimitFinishes();
    void zipfMakesHotKey();
    void nullKeysSpread();
    void stopHaltsProduction();
    void invalidSpecsRefused();
    void producerIdsNeverReused();
};

void TestAutoProducer::deterministicForSeed()
{
    auto placements = [](uint64_t seed) {
        Run run(seed);
        const auto id = run.core->startAutoProducer(spec(500, 1000));
        if (!id)
            qFatal("start failed");
        run.core->advanceTo(run.clock, run.clock.nowMs() + 5000);
        std::map<std::string, std::vector<std::pair<int32_t, int64_t>>> byKey;
        for (const auto &[partition, record] : run.all())
            byKey[*record.key].emplace_back(partition, record.offset);
        return byKey;
    };
    const auto a = placements(7);
    const auto b = placements(7);
    const auto c = placements(8);
    QCOMPARE(a.size(), size_t(8));
    QVERIFY(a == b);
    QVERIFY(a != c); // another seed draws another key sequence
    size_t records = 0;
    for (const auto &[key, places] : a) {
        records += places.size();
        // One key, one partition: murmur2 % 6.
        for (const auto &place : places)
            QCOMPARE(place.first, (murmur2(key) & 0x7fffffff) % 6);
    }
    QCOMPARE(records, size_t(1000));
}

void TestAutoProducer::rateHonoured_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<int>("lingerMs");
    QTest::newRow("1000/s, 5 ms") << 1000.0 << 5;
    QTest::newRow("333/s, 7 ms (fractions carry)") << 333.0 << 7;
    QTest::newRow("20000/s, 5 ms") << 20000.0 << 5;
    QTest::newRow("3/s, 100 ms") << 3.0 << 100;
}

void TestAutoProducer::rateHonoured()
{
    QFETCH(double, rate);
    QFETCH(int, lingerMs);
    Run run(1);
    AutoProducerSpec s = spec(rate);
    s.lingerMs = lingerMs;
    const int64_t start = run.clock.nowMs();
    QVERIFY(run.core->startAutoProducer(s));
    run.core->advanceTo(run.clock, start + 10'000);
    // Ticks happen every lingerMs; the last one at or before 10 s.
    const int64_t lastTick = start + (10'000 / lingerMs) * lingerMs;
    const double expected = rate * static_cast<double>(lastTick - start) / 1000.0;
    const int64_t total = run.total();
    QVERIFY2(std::abs(static_cast<double>(total) - expected) <= 1.0,
        qPrintable(QString("produced %1, expected %2").arg(total).arg(expected)));
    QCOMPARE(run.core->makeSnapshot()->producers.at(0).sent, total);
    QCOMPARE(run.core->makeSnapshot()->totalRecordsProduced, total);
}

void TestAutoProducer::countLimitFinishes()
{
    Run run(3);
    const auto id = run.core->startAutoProducer(spec(1000, 250));
    QVERIFY(id);
    run.core->advanceTo(run.clock, run.clock.nowMs() + 10'000);
    QCOMPARE(run.total(), int64_t(250));
    const auto snapshot = run.core->makeSnapshot();
    QCOMPARE(snapshot->producers.size(), size_t(1));
    QCOMPARE(snapshot->producers[0].id, *id);
    QCOMPARE(snapshot->producers[0].sent, int64_t(250));
    QCOMPARE(snapshot->producers[0].target, int64_t(250));
    QCOMPARE(snapshot->producers[0].running, false);
    int started = 0, finished = 0;
    for (const auto &e : run.core->eventsSince(0)) {
        started += e.type == EventType::AutoProducerStarted;
        finished += e.type == EventType::AutoProducerFinished;
    }
    QCOMPARE(started, 1);
    QCOMPARE(finished, 1);

    // Values are exactly valueSize bytes and carry a per-key sequence that grows by one in
    // offset order within each key (the partition keeps a key's order).
    std::map<std::string, int64_t> nextSequence;
    for (const auto &[partition, record] : run.all()) {
        QCOMPARE(record.value->size(), size_t(40));
        QVERIFY(record.value->rfind(*record.key + "@p" + std::to_string(*id) + "#", 0) == 0);
        QCOMPARE(sequenceOf(*record.value), nextSequence[*record.key]++);
    }
}

void TestAutoProducer::zipfMakesHotKey()
{
    Run run(5);
    AutoProducerSpec s = spec(2000, 4000);
    s.distribution = KeyDistribution::Zipf;
    s.zipfExponent = 1.2;
    QVERIFY(run.core->startAutoProducer(s));
    run.core->advanceTo(run.clock, run.clock.nowMs() + 3000);
    std::map<std::string, int> counts;
    for (const auto &[partition, record] : run.all())
        ++counts[*record.key];
    // P(key-0) / P(key-7) = 8^1.2 ~ 12: key-0 must dominate clearly.
    QVERIFY(counts["key-0"] > 4 * counts["key-7"]);
    QVERIFY(counts["key-0"] > counts["key-1"]);
    QVERIFY(counts["key-1"] > counts["key-7"]);
}

void TestAutoProducer::nullKeysSpread()
{
    Run run(9, 4);
    AutoProducerSpec s = spec(5000, 5000);
    s.distribution = KeyDistribution::None;
    s.valueSize = 200;
    QVERIFY(run.core->startAutoProducer(s));
    run.core->advanceTo(run.clock, run.clock.nowMs() + 2000);
    const auto snapshot = run.core->makeSnapshot();
    int used = 0;
    for (const auto &p : snapshot->topic("auto")->partitions)
        used += p.logEndOffset > 0;
    QCOMPARE(used, 4); // sticky switches partitions once batch.size bytes were sent
    for (const auto &[partition, record] : run.all())
        QVERIFY(!record.key.has_value());
}

void TestAutoProducer::stopHaltsProduction()
{
    Run run(2);
    const auto id = run.core->startAutoProducer(spec(1000));
    QVERIFY(id);
    run.core->advanceTo(run.clock, run.clock.nowMs() + 1000);
    const int64_t atStop = run.total();
    QVERIFY(atStop >= 999);
    QVERIFY(run.core->stopAutoProducer(*id));
    run.core->advanceTo(run.clock, run.clock.nowMs() + 1000);
    QCOMPARE(run.total(), atStop);
    QCOMPARE(run.core->stopAutoProducer(999).code(), ErrorCode::InvalidRequest);
}

void TestAutoProducer::invalidSpecsRefused()
{
    Run run(1);
    AutoProducerSpec s = spec(100);
    s.topic = "missing";
    QCOMPARE(run.core->startAutoProducer(s).status().code(), ErrorCode::UnknownTopicOrPartition);
    s = spec(0);
    QCOMPARE(run.core->startAutoProducer(s).status().code(), ErrorCode::InvalidConfig);
    s = spec(100);
    s.lingerMs = 0;
    QCOMPARE(run.core->startAutoProducer(s).status().code(), ErrorCode::InvalidConfig);
    s = spec(100);
    s.keyCount = 0;
    QCOMPARE(run.core->startAutoProducer(s).status().code(), ErrorCode::InvalidConfig);
    // Deleting the topic finishes its producer.
    QVERIFY(run.core->startAutoProducer(spec(100)));
    QVERIFY(run.core->deleteTopic("auto"));
    QCOMPARE(run.core->makeSnapshot()->producers.at(0).running, false);
}

// Each run gets a fresh producer id, stamped into its values, and a restart on the same data
// continues after the last one handed out (cluster-metadata.json keeps it): sequences restart
// at #0 with every run, so an id used twice would make two runs look like one.
void TestAutoProducer::producerIdsNeverReused()
{
    QTemporaryDir dir;
    ManualClock clock;
    EngineOptions options;
    options.dataDir = fs::path(dir.path().toStdString());
    std::vector<uint64_t> ids;
    for (int restart = 0; restart < 2; ++restart) {
        auto opened = EngineCore::open(options, clock);
        QVERIFY(opened);
        auto core = std::move(*opened);
        if (restart == 0) {
            TopicConfig config;
            config.partitions = 2;
            config.replicationFactor = 1;
            QVERIFY(core->createTopic("auto", config));
        }
        for (int run = 0; run < 2; ++run) {
            const auto id = core->startAutoProducer(spec(100, 10));
            QVERIFY(id);
            ids.push_back(*id);
            core->advanceTo(clock, clock.nowMs() + 1000);
        }
        core->shutdown();
    }
    QCOMPARE(ids.size(), size_t(4));
    for (size_t i = 1; i < ids.size(); ++i)
        QVERIFY2(ids[i] > ids[i - 1], qPrintable(QString("id %1 after %2").arg(ids[i]).arg(ids[i - 1])));
    // Every record names its run: 10 records per id, each key numbered from #0 per run.
    auto opened = EngineCore::open(options, clock);
    QVERIFY(opened);
    std::map<std::string, int> perRun;
    for (int32_t p = 0; p < 2; ++p) {
        auto records = (*opened)->fetch("auto", p, 0, 1 << 20);
        QVERIFY(records);
        for (const auto &r : *records) {
            const auto at = r.value->find("@p");
            const auto hash = r.value->find('#');
            QVERIFY(at != std::string::npos && hash > at);
            ++perRun[r.value->substr(at + 2, hash - at - 2)];
        }
    }
    QCOMPARE(perRun.size(), size_t(4));
    for (uint64_t id : ids)
        QCOMPARE(perRun[std::to_string(id)], 10);
}

QTEST_APPLESS_MAIN(TestAutoProducer)
#include "test_auto_producer.moc"
