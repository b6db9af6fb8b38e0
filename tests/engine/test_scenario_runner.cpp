// The scenario runner on a real EngineCore with a manual clock: every example scenario passes its
// expects and gives the same lines twice for the same seed (and no temp paths); a failed expect or
// an unexpected action outcome is reported with its line while the run goes on; times in the
// output are relative to the scenario's start.
#include "scenario/group_table.h"
#include "scenario/runner.h"
#include "scenario/scenario.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <filesystem>

using namespace kl;
namespace fs = std::filesystem;

namespace {

struct Run {
    ScenarioRunReport report;
    std::vector<std::string> lines;
    std::string dataDir;
    std::vector<std::pair<int64_t, int64_t>> progress; // (now, end) reports, when asked for
};

Run run(const Scenario &scenario, std::optional<uint64_t> seed = std::nullopt, bool withProgress = false)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        qFatal("no temporary directory");
    Run r;
    r.dataDir = dir.path().toStdString();
    ScenarioRunOptions options;
    options.dataDir = r.dataDir;
    options.seed = seed;
    if (withProgress)
        options.progress = [&r](int64_t now, int64_t end) { r.progress.emplace_back(now, end); };
    r.report = runScenario(scenario, options, [&](const std::string &line) { r.lines.push_back(line); });
    return r;
}

Scenario parse(const std::string &text)
{
    auto parsed = parseScenario(text);
    if (!parsed)
        qFatal("scenario does not parse: %s", parsed.error.toString().c_str());
    return *parsed.scenario;
}

std::vector<nlohmann::json> linesOfType(const Run &r, const std::string &type)
{
    std::vector<nlohmann::json> out;
    for (const auto &line : r.lines) {
        auto j = nlohmann::json::parse(line);
        if (j.value("type", "") == type)
            out.push_back(std::move(j));
    }
    return out;
}

std::string failuresText(const ScenarioRunReport &report)
{
    std::string text = report.status.isOk() ? "" : report.status.toString();
    for (const auto &f : report.failures)
        text += "\n  line " + std::to_string(f.line) + ": " + f.reason;
    return text;
}

} // namespace

class TestScenarioRunner : public QObject {
    Q_OBJECT

private slots:
    void examples_data();
    void examples();
    void failedExpectIsReported();
    void expectErrorOnActions();
    void relativeTimes();
    void groupExpectsAndSummary();
    void lagAndOrderingEventsInTimeline();
};

void TestScenarioRunner::examples_data()
{
    QTest::addColumn<QString>("file");
    const fs::path dir = fs::path(KAFKALAB_SOURCE_DIR) / "resources" / "scenarios";
    std::vector<fs::path> files;
    for (const auto &entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".json")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto &file : files)
        QTest::newRow(file.filename().string().c_str()) << QString::fromStdString(file.string());
}

void TestScenarioRunner::examples()
{
    QFETCH(QString, file);
    const auto parsed = loadScenarioFile(file.toStdString());
    QVERIFY2(parsed, parsed.error.toString().c_str());

    const Run first = run(*parsed.scenario);
    QVERIFY2(first.report.ok(), failuresText(first.report).c_str());
    QVERIFY(first.report.expectsPassed > 0);
    QCOMPARE(int(linesOfType(first, "expect_passed").size()), first.report.expectsPassed);
    QVERIFY(linesOfType(first, "expect_failed").empty());
    QVERIFY(!linesOfType(first, "partition").empty());
    const auto result = linesOfType(first, "result");
    QCOMPARE(result.size(), size_t(1));
    QCOMPARE(result[0]["ok"].get<bool>(), true);

    // Same file, same seed, another directory: the same bytes, and no path of either run. The
    // second run reports progress, which advances the clock in slices: still the same bytes.
    const Run second = run(*parsed.scenario, std::nullopt, true);
    QCOMPARE(second.lines, first.lines);
    QVERIFY(!second.progress.empty());
    for (size_t i = 1; i < second.progress.size(); ++i)
        QVERIFY(second.progress[i].first > second.progress[i - 1].first);
    QCOMPARE(second.progress.back().first, parsed.scenario->endMs);
    for (const auto &line : first.lines)
        QVERIFY2(line.find(first.dataDir) == std::string::npos, line.c_str());
}

void TestScenarioRunner::failedExpectIsReported()
{
    const Scenario s = parse(R"({
  "brokers": 1,
  "actions": [
    {"at": 0, "do": "create-topic", "topic": "t", "partitions": 2},
    {"at": 10, "do": "produce", "topic": "t", "count": 4, "partition": 1},
    {"do": "expect", "topic": "t", "partition": 1, "log-end-offset": 5, "leader": 1},
    {"do": "expect", "topic": "t", "partition": 1, "log-end-offset": 4, "acknowledged": 4, "refused": 0},
    {"do": "expect", "topic": "t", "partition": 0, "log-end-offset": 0}
  ]
})");
    const Run r = run(s);
    QVERIFY(r.report.status.isOk());
    QCOMPARE(r.report.failures.size(), size_t(1));
    QCOMPARE(r.report.failures[0].line, 6);
    QCOMPARE(r.report.failures[0].atMs, int64_t(10));
    QVERIFY2(r.report.failures[0].reason.find("t-1: log end offset is 4, expected 5") != std::string::npos,
        r.report.failures[0].reason.c_str());
    // The leader matched, so only the offset is reported; the run went on to the later expects.
    QVERIFY(r.report.failures[0].reason.find("leader") == std::string::npos);
    QCOMPARE(r.report.expectsPassed, 2);
    const auto failed = linesOfType(r, "expect_failed");
    QCOMPARE(failed.size(), size_t(1));
    QCOMPARE(failed[0]["line"].get<int>(), 6);
    const auto completed = linesOfType(r, "produce_completed");
    QCOMPARE(completed.size(), size_t(1));
    QCOMPARE(completed[0]["partitions"][0]["partition"].get<int>(), 1);
    QCOMPARE(completed[0]["partitions"][0]["last_offset"].get<int>(), 3);
    QCOMPARE(linesOfType(r, "result")[0]["ok"].get<bool>(), false);
}

void TestScenarioRunner::expectErrorOnActions()
{
    const Scenario s = parse(R"({
  "brokers": 2,
  "actions": [
    {"do": "create-topic", "topic": "big", "replication-factor": 3, "expect-error": "INVALID_REPLICATION_FACTOR"},
    {"do": "create-topic", "topic": "t"},
    {"do": "create-topic", "topic": "u", "expect-error": "TOPIC_ALREADY_EXISTS"},
    {"do": "produce", "topic": "t", "count": 1, "value-size": 2000000},
    {"do": "produce", "topic": "t", "count": 1, "value-size": 2000000, "expect-error": "MESSAGE_TOO_LARGE"}
  ]
})");
    const Run r = run(s);
    QVERIFY(r.report.status.isOk());
    // Line 4 refused as expected; line 6 succeeded but should not have; line 7 failed unexpectedly.
    QCOMPARE(r.report.failures.size(), size_t(2));
    QCOMPARE(r.report.failures[0].line, 6);
    QVERIFY2(r.report.failures[0].reason.find("expected TOPIC_ALREADY_EXISTS, got success") != std::string::npos,
        r.report.failures[0].reason.c_str());
    QCOMPARE(r.report.failures[1].line, 7);
    QVERIFY2(r.report.failures[1].reason.find("MESSAGE_TOO_LARGE") != std::string::npos,
        r.report.failures[1].reason.c_str());
    const auto results = linesOfType(r, "action_result");
    QVERIFY(results.size() >= 2);
    QCOMPARE(results[0]["line"].get<int>(), 4);
    QCOMPARE(results[0]["ok"].get<bool>(), true);
    QCOMPARE(results[0]["error"].get<std::string>(), std::string("INVALID_REPLICATION_FACTOR"));
}

void TestScenarioRunner::relativeTimes()
{
    const Scenario s = parse(R"({
  "brokers": 1,
  "actions": [
    {"at": 0, "do": "create-topic", "topic": "t"},
    {"at": 250, "do": "produce", "topic": "t", "count": 1},
    {"do": "advance", "ms": 1000},
    {"after": 5, "do": "expect", "topic": "t", "partition": 0, "log-end-offset": 1}
  ]
})");
    const Run r = run(s, 7);
    QVERIFY2(r.report.ok(), failuresText(r.report).c_str());
    const auto actions = linesOfType(r, "scenario_action");
    QCOMPARE(actions.size(), size_t(3));
    QCOMPARE(actions[1]["time_ms"].get<int64_t>(), int64_t(250));
    QCOMPARE(actions[1]["line"].get<int>(), 5);
    QCOMPARE(linesOfType(r, "expect_passed")[0]["time_ms"].get<int64_t>(), int64_t(1255));
    QCOMPARE(linesOfType(r, "result")[0]["time_ms"].get<int64_t>(), int64_t(1255));
    // Engine events carry the same relative clock.
    const auto created = linesOfType(r, "topic_created");
    QCOMPARE(created.size(), size_t(1));
    QCOMPARE(created[0]["time_ms"].get<int64_t>(), int64_t(0));
}

// A group's expects resolve consumer numbers to client ids; a wrong one fails with its line; the
// summary has the group line and the report carries the snapshot the --describe table is made of.
void TestScenarioRunner::groupExpectsAndSummary()
{
    const Scenario s = parse(R"({
  "brokers": 1,
  "actions": [
    {"do": "create-topic", "topic": "t", "partitions": 2},
    {"do": "start-producer", "topic": "t", "rate": 20, "key-count": 2},
    {"at": 100, "do": "start-group", "group": "g", "topics": ["t"], "consumers": 2,
     "session-timeout-ms": 6000, "heartbeat-interval-ms": 2000},
    {"at": 8000, "do": "expect", "group": "g", "state": "Stable", "members": 2},
    {"do": "expect", "group": "g", "topic": "t", "partition": 1, "owner": 2},
    {"do": "expect", "group": "g", "topic": "t", "partition": 1, "owner": 1},
    {"do": "crash-consumer", "group": "g", "consumer": "no-such-client", "expect-error": "INVALID_REQUEST"}
  ]
})");
    const Run r = run(s);
    QVERIFY(r.report.status.isOk());
    QCOMPARE(r.report.expectsPassed, 2);
    QCOMPARE(r.report.failures.size(), size_t(1)); // the crash of an unknown client failed as expected
    QCOMPARE(r.report.failures[0].line, 10);
    QVERIFY2(r.report.failures[0].reason.find("group g t-1: owner is consumer-2, expected consumer-1")
            != std::string::npos, r.report.failures[0].reason.c_str());
    const auto started = linesOfType(r, "group_started");
    QCOMPARE(started.size(), size_t(1));
    QCOMPARE(started[0]["client_ids"].size(), size_t(2));
    const auto groups = linesOfType(r, "group");
    QCOMPARE(groups.size(), size_t(1));
    QCOMPARE(groups[0]["group"].get<std::string>(), std::string("g"));
    QCOMPARE(groups[0]["members"].size(), size_t(2));
    QCOMPARE(r.report.groups.size(), size_t(1));
    const std::string table = describeGroup(r.report.groups[0]).table;
    QVERIFY2(table.starts_with("GROUP           TOPIC           PARTITION  CURRENT-OFFSET"), table.c_str());
    QVERIFY2(table.find("\ng               t               1 ") != std::string::npos, table.c_str());
    // Internal topics are not in the summary.
    for (const auto &p : linesOfType(r, "partition"))
        QCOMPARE(p["topic"].get<std::string>(), std::string("t"));
}

// The group examples' timelines carry lag samples and ordering findings: a crash re-delivers
// uncommitted records (duplicate findings, aggregated with a count; no per-key violation or gap),
// one consumer over four partitions sees none; static membership restarts without a rebalance.
void TestScenarioRunner::lagAndOrderingEventsInTimeline()
{
    const fs::path dir = fs::path(KAFKALAB_SOURCE_DIR) / "resources" / "scenarios";
    const auto load = [&dir](const char *name) {
        auto parsed = loadScenarioFile((dir / name).string());
        if (!parsed)
            qFatal("%s", parsed.error.toString().c_str());
        return *parsed.scenario;
    };

    const Run crash = run(load("consumer-crash-rebalance.json"));
    QVERIFY2(crash.report.ok(), failuresText(crash.report).c_str());
    const auto samples = linesOfType(crash, "lag_sampled");
    QVERIFY(samples.size() >= 25); // every 1000 ms from 1500 to 29500
    for (const auto &j : samples) {
        QCOMPARE(j["group"].get<std::string>(), std::string("billing"));
        QVERIFY(j["lag"].get<int64_t>() >= 0);
        QVERIFY2(j["detail"].get<std::string>().starts_with("orders-0="), j.dump().c_str());
    }
    QCOMPARE(samples.back()["lag"].get<int64_t>(), int64_t(0));
    const auto findings = linesOfType(crash, "ordering_violation");
    QVERIFY(!findings.empty());
    int64_t duplicates = 0;
    for (const auto &j : findings) {
        QCOMPARE(j["kind"].get<std::string>(), std::string("duplicate"));
        QVERIFY(j["time_ms"].get<int64_t>() > 8000); // after the crash
        duplicates += j["count"].get<int64_t>();
    }
    QVERIFY(duplicates > int64_t(findings.size())); // aggregated, not one line per record

    const Run ordered = run(load("ordering-per-key.json"));
    QVERIFY(!linesOfType(ordered, "lag_sampled").empty());
    QVERIFY(linesOfType(ordered, "ordering_violation").empty());

    const Run restart = run(load("static-membership.json"));
    QVERIFY2(restart.report.ok(), failuresText(restart.report).c_str());
    const auto rebalances = linesOfType(restart, "rebalance_started");
    QCOMPARE(rebalances.size(), size_t(1)); // only the first join
    QCOMPARE(linesOfType(restart, "rebalance_completed").size(), size_t(1));
}

QTEST_APPLESS_MAIN(TestScenarioRunner)
#include "test_scenario_runner.moc"
