// Burrow's lag rules (lag_evaluator.h) from hand-made commit windows: each status with the
// window that should produce it and near misses that should not; rule precedence; the
// PartitionLagEvaluator window (intervals, min-distance, broker offset ring); group folding.
#include <QtTest>

#ifndef Q_MOC_RUN
#include "group/lag_evaluator.h"
#endif

#include <array>
#include <vector>

using namespace kl;

Q_DECLARE_METATYPE(std::vector<kl::CommitSample>)
Q_DECLARE_METATYPE(std::vector<int64_t>)

namespace {

// Commits every 10 s from t = 0: (offset, lag) pairs.
std::vector<CommitSample> window(std::initializer_list<std::pair<int64_t, int64_t>> commits)
{
    std::vector<CommitSample> out;
    int64_t t = 0;
    for (const auto &[offset, lag] : commits) {
        out.push_back(CommitSample {t, offset, lag});
        t += 10'000;
    }
    return out;
}

// Burrow's ConsumerOffset literals: {offset, timestamp ms, lag}; lag -1 is Burrow's nil lag (the
// commit was stored before any broker offset was known).
std::vector<CommitSample> burrow(std::initializer_list<std::array<int64_t, 3>> commits)
{
    std::vector<CommitSample> out;
    for (const auto &[offset, timeMs, lag] : commits) {
        CommitSample c {timeMs, offset, lag < 0 ? 0 : lag};
        c.lagKnown = lag >= 0;
        out.push_back(c);
    }
    return out;
}

// Burrow's test 9 and 10 window: 15 commits one second apart, lag 0 at each.
std::vector<CommitSample> burrowCaughtUpWindow()
{
    const int64_t times[] = {1512224618356, 1512224619362, 1512224620366, 1512224621367, 1512224622370,
                             1512224623373, 1512224624378, 1512224625379, 1512224626383, 1512224627383,
                             1512224628383, 1512224629388, 1512224630391, 1512224631394, 1512224632397};
    std::vector<CommitSample> out;
    for (int i = 0; i < 15; ++i)
        out.push_back(CommitSample {times[i], 792748079 + i, 0});
    return out;
}

} // namespace

class TestLagEvaluator : public QObject {
    Q_OBJECT
private slots:
    void rules_data()
    {
        QTest::addColumn<std::vector<CommitSample>>("commits");
        QTest::addColumn<std::vector<int64_t>>("logEnds");
        QTest::addColumn<qlonglong>("currentLag");
        QTest::addColumn<qlonglong>("nowMs");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("reasonPart");

        // Last commit at t = 40 s; the window spans 40 s; the lag shrinks (OK unless stopped).
        const auto steady = window({{100, 9}, {110, 8}, {120, 7}, {130, 6}, {140, 5}});
        QTest::newRow("empty window") << std::vector<CommitSample> {} << std::vector<int64_t> {} << 10LL << 0LL << "OK"
                                      << "no commits";
        QTest::newRow("no lag now: OK whatever the window")
            << window({{500, 10}, {500, 14}, {500, 19}}) << std::vector<int64_t> {} << 0LL << 20'000LL << "OK"
            << "caught up";
        QTest::newRow("STOP: silent longer than the window")
            << steady << std::vector<int64_t> {150, 160} << 20LL << 81'000LL << "STOP" << "no commit for 41000 ms";
        QTest::newRow("not STOP: silent exactly as long as the window")
            << steady << std::vector<int64_t> {150, 160} << 20LL << 80'000LL << "OK" << "decreasing";
        QTest::newRow("not STOP: caught up recently (broker offset ring)")
            << steady << std::vector<int64_t> {140, 160} << 20LL << 81'000LL << "OK" << "decreasing";
        QTest::newRow("STOP even though lag was zero long ago")
            << window({{100, 0}, {110, 3}}) << std::vector<int64_t> {150} << 40LL << 30'000LL << "STOP"
            << "no commit";
        QTest::newRow("REWIND: went back and stayed back")
            << window({{100, 20}, {110, 20}, {120, 20}, {40, 90}, {60, 80}}) << std::vector<int64_t> {} << 80LL
            << 40'000LL << "REWIND" << "from 120 to 40";
        // Burrow has no "recovered" exception: any step back in the window is a rewind.
        QTest::newRow("REWIND even when a later commit passes the old offset")
            << window({{100, 20}, {110, 20}, {50, 80}, {90, 50}, {115, 30}}) << std::vector<int64_t> {} << 30LL
            << 40'000LL << "REWIND" << "from 110 to 50";
        // Burrow checks "lag was zero in the window" before REWIND.
        QTest::newRow("zero lag in the window beats REWIND: OK")
            << window({{100, 0}, {110, 0}, {20, 90}}) << std::vector<int64_t> {} << 90LL << 20'000LL << "OK"
            << "reached zero";
        QTest::newRow("zero lag in the window: OK")
            << window({{100, 3}, {103, 0}, {110, 7}, {115, 12}, {118, 20}}) << std::vector<int64_t> {} << 20LL
            << 40'000LL << "OK" << "reached zero";
        QTest::newRow("STALL: same offset committed again and again")
            << window({{500, 10}, {500, 14}, {500, 19}, {500, 25}}) << std::vector<int64_t> {} << 25LL << 30'000LL
            << "STALL" << "committing offset 500";
        QTest::newRow("WARN: moving but lag never decreases")
            << window({{100, 20}, {150, 30}, {200, 30}, {250, 45}}) << std::vector<int64_t> {} << 45LL << 30'000LL
            << "WARN" << "20 -> 45";
        QTest::newRow("OK: lag decreased somewhere")
            << window({{100, 50}, {150, 60}, {200, 40}}) << std::vector<int64_t> {} << 40LL << 20'000LL << "OK"
            << "decreasing";
        QTest::newRow("single commit, time passed: STOP (as Burrow)")
            << window({{100, 5}}) << std::vector<int64_t> {} << 5LL << 1LL << "STOP" << "window spans 0 ms";
        QTest::newRow("single commit, same instant: STALL (one offset)")
            << window({{100, 5}}) << std::vector<int64_t> {} << 5LL << 0LL << "STALL" << "1 commits";
    }
    void rules()
    {
        QFETCH(std::vector<CommitSample>, commits);
        QFETCH(std::vector<int64_t>, logEnds);
        QFETCH(qlonglong, currentLag);
        QFETCH(qlonglong, nowMs);
        QFETCH(QString, status);
        QFETCH(QString, reasonPart);
        const LagEvaluation e = evaluateLagWindow(commits, logEnds, currentLag, nowMs);
        QCOMPARE(QString::fromStdString(std::string(lagStatusName(e.status))), status);
        QCOMPARE(e.currentLag, int64_t(currentLag));
        QVERIFY2(QString::fromStdString(e.reason).contains(reasonPart), e.reason.c_str());
    }

    // Burrow's own correctness table (core/internal/evaluator/caching_test.go, `tests`), in its
    // order and with its numbers: timestamps in ms, Burrow's timeNow (seconds) as nowMs.
    void burrowExamples_data()
    {
        QTest::addColumn<std::vector<CommitSample>>("commits");
        QTest::addColumn<std::vector<int64_t>>("brokerOffsets");
        QTest::addColumn<qlonglong>("currentLag");
        QTest::addColumn<qlonglong>("nowMs");
        QTest::addColumn<QString>("status");

        const auto rising0 = burrow({{1, 100000, 0}, {2, 200000, 50}, {3, 300000, 100}, {4, 400000, 150},
                                     {5, 500000, 200}});
        QTest::newRow("0 zero lag somewhere: OK") << rising0 << std::vector<int64_t> {5200} << 200LL << 600'000LL << "OK";
        QTest::newRow("1 silent exactly the window: not STOP") << rising0 << std::vector<int64_t> {5200} << 200LL
                                                               << 900'000LL << "OK";
        QTest::newRow("2 STOP although lag was zero at the start") << rising0 << std::vector<int64_t> {5200} << 200LL
                                                                   << 1'000'000LL << "STOP";
        const auto rising50 = burrow({{1, 100000, 50}, {2, 200000, 100}, {3, 300000, 150}, {4, 400000, 200},
                                      {5, 500000, 250}});
        QTest::newRow("3 STOP with lag always non-zero") << rising50 << std::vector<int64_t> {5250} << 250LL
                                                         << 1'000'000LL << "STOP";
        QTest::newRow("4 same offset but zero lag once: OK")
            << burrow({{1, 100000, 0}, {1, 200000, 50}, {1, 300000, 100}, {1, 400000, 150}, {1, 500000, 200}})
            << std::vector<int64_t> {1200} << 200LL << 600'000LL << "OK";
        QTest::newRow("5 STALL")
            << burrow({{1, 100000, 100}, {1, 200000, 150}, {1, 300000, 200}, {1, 400000, 250}, {1, 500000, 300}})
            << std::vector<int64_t> {1300} << 300LL << 600'000LL << "STALL";
        QTest::newRow("6 STALL with constant lag")
            << burrow({{1, 100000, 100}, {1, 200000, 100}, {1, 300000, 100}, {1, 400000, 100}, {1, 500000, 100}})
            << std::vector<int64_t> {1100} << 100LL << 600'000LL << "STALL";
        QTest::newRow("7 REWIND although the lag decreases")
            << burrow({{1, 100000, 100}, {2, 200000, 150}, {3, 300000, 200}, {2, 400000, 1250}, {4, 500000, 300}})
            << std::vector<int64_t> {4300} << 300LL << 600'000LL << "REWIND";
        QTest::newRow("8 current lag zero: OK though stopped") << rising50 << std::vector<int64_t> {5250} << 0LL
                                                               << 1'000'000LL << "OK";
        QTest::newRow("9 STOP: new data after a caught-up window (Burrow #290)")
            << burrowCaughtUpWindow()
            << std::vector<int64_t> {792749024, 792749000, 792748800, 792748600, 792748500} << 931LL
            << 1'512'224'650'000LL << "STOP";
        QTest::newRow("10 recent broker offset caught up: OK (Burrow #303)")
            << burrowCaughtUpWindow() << std::vector<int64_t> {792748094, 792748093, 792748093, 792748093} << 1LL
            << 1'512'224'650'000LL << "OK";
        QTest::newRow("11 as 0 with nil lags in between")
            << burrow({{10, 100000, 0}, {15, 150000, -1}, {20, 200000, 50}, {25, 250000, -1}, {30, 300000, 100},
                       {35, 350000, -1}, {40, 400000, 150}, {45, 450000, -1}, {50, 500000, 200}, {55, 550000, -1}})
            << std::vector<int64_t> {5700} << 200LL << 600'000LL << "OK";
    }
    void burrowExamples()
    {
        QFETCH(std::vector<CommitSample>, commits);
        QFETCH(std::vector<int64_t>, brokerOffsets);
        QFETCH(qlonglong, currentLag);
        QFETCH(qlonglong, nowMs);
        QFETCH(QString, status);
        LagEvaluatorOptions options;
        options.intervals = commits.size();
        const LagEvaluation e = evaluateLagWindow(commits, brokerOffsets, currentLag, nowMs, options);
        QCOMPARE(QString::fromStdString(std::string(lagStatusName(e.status))), status);
    }

    // Burrow skips nil lags when it looks for a decrease (checkIfLagNotDecreasing): 30, ?, 20 decreased.
    void unknownLagIsSkipped()
    {
        const auto w = burrow({{10, 0, 30}, {20, 10'000, -1}, {25, 20'000, 20}, {30, 30'000, -1}});
        QCOMPARE(evaluateLagWindow(w, {}, 20, 30'000).status, LagStatus::Ok);
        const auto rising = burrow({{10, 0, 20}, {20, 10'000, -1}, {25, 20'000, 30}, {30, 30'000, -1}});
        QCOMPARE(evaluateLagWindow(rising, {}, 30, 30'000).status, LagStatus::Warn);
        // A commit made before any log end offset was known carries no lag.
        PartitionLagEvaluator p;
        p.onCommit(0, 10, -1);
        QVERIFY(!p.commits().back().lagKnown);
        p.onCommit(1000, 12, 20);
        QVERIFY(p.commits().back().lagKnown);
        QCOMPARE(p.commits().back().lag, int64_t(8));
    }

    void allowedLagAndCompleteness()
    {
        const auto w = window({{500, 2}, {500, 2}, {500, 2}});
        QCOMPARE(evaluateLagWindow(w, {}, 2, 20'000).status, LagStatus::Stall);
        LagEvaluatorOptions options;
        options.allowedLag = 2;
        QCOMPARE(evaluateLagWindow(w, {}, 2, 20'000, options).status, LagStatus::Ok);
        QCOMPARE(evaluateLagWindow(w, {}, 3, 20'000, options).status, LagStatus::Ok); // lag <= 2 in the window

        LagEvaluatorOptions partial;
        partial.minimumComplete = 0.5; // 3 of 10 commits is not enough
        const LagEvaluation e = evaluateLagWindow(w, {}, 2, 20'000, partial);
        QCOMPARE(e.status, LagStatus::Ok);
        QCOMPARE(e.complete, 0.3);
        partial.intervals = 4;
        QCOMPARE(evaluateLagWindow(w, {}, 2, 20'000, partial).status, LagStatus::Stall);
    }

    void partitionWindow()
    {
        LagEvaluatorOptions options;
        options.intervals = 3;
        PartitionLagEvaluator p(options);
        QCOMPARE(p.evaluate(0).status, LagStatus::Ok);
        QCOMPARE(p.currentLag(), int64_t(0));
        // A consumer falling behind: lag 10, 20, 30, 40 at commits 0, 5, 10, 15 s.
        for (int i = 0; i < 4; ++i)
            p.onCommit(i * 5000, 100 + i * 10, 110 + i * 20);
        QCOMPARE(p.commits().size(), size_t(3)); // the oldest fell out
        QCOMPARE(p.commits().front(), (CommitSample {5000, 110, 20}));
        QCOMPARE(p.currentLag(), int64_t(40));
        QCOMPARE(p.evaluate(15'000).status, LagStatus::Warn);
        // The log grows, nobody commits: after more than the 10 s the window spans -> STOP.
        p.onLogEndOffset(200);
        p.onLogEndOffset(210);
        QCOMPARE(p.currentLag(), int64_t(80));
        QCOMPARE(p.evaluate(25'000).status, LagStatus::Warn);
        QCOMPARE(p.evaluate(25'001).status, LagStatus::Stop);
        // It comes back and catches up.
        p.onCommit(26'000, 210, 210);
        QCOMPARE(p.currentLag(), int64_t(0));
        QCOMPARE(p.evaluate(26'000).status, LagStatus::Ok);
    }

    void minDistanceReplacesTheLastCommit()
    {
        LagEvaluatorOptions options;
        options.intervals = 5;
        options.minDistanceMs = 1000;
        PartitionLagEvaluator p(options);
        p.onCommit(0, 10, 20);
        p.onCommit(400, 12, 20);  // within 1 s: replaces
        p.onCommit(900, 14, 20);  // still within 1 s of the replaced one (t = 400)
        p.onCommit(2000, 16, 20); // a new entry
        QCOMPARE(p.commits().size(), size_t(2));
        QCOMPARE(p.commits().front(), (CommitSample {900, 14, 6}));
        QCOMPARE(p.commits().back(), (CommitSample {2000, 16, 4}));
    }

    void groupStatus_data()
    {
        QTest::addColumn<QList<int>>("statuses");
        QTest::addColumn<QString>("group");
        QTest::newRow("none") << QList<int> {} << "OK";
        QTest::newRow("all ok") << QList<int> {int(LagStatus::Ok), int(LagStatus::Ok)} << "OK";
        QTest::newRow("a warning") << QList<int> {int(LagStatus::Ok), int(LagStatus::Warn)} << "WARN";
        QTest::newRow("stop is an error") << QList<int> {int(LagStatus::Warn), int(LagStatus::Stop)} << "ERR";
        QTest::newRow("stall is an error") << QList<int> {int(LagStatus::Stall)} << "ERR";
        QTest::newRow("rewind is an error") << QList<int> {int(LagStatus::Rewind), int(LagStatus::Ok)} << "ERR";
    }
    void groupStatus()
    {
        QFETCH(QList<int>, statuses);
        QFETCH(QString, group);
        std::vector<LagStatus> s;
        for (int v : statuses)
            s.push_back(static_cast<LagStatus>(v));
        QCOMPARE(QString::fromStdString(std::string(groupStatusName(s))), group);
    }
};

QTEST_APPLESS_MAIN(TestLagEvaluator)
#include "test_lag_evaluator.moc"
