// Burrow's lag rules (lag_evaluator.h) from hand-made commit windows: each status with the
// window that should produce it and near misses that should not; rule precedence; the
// PartitionLagEvaluator window (intervals, min-distance, broker offset ring); group folding.
#include <QtTest>

#ifndef Q_MOC_RUN
#include "group/lag_evaluator.h"
#endif

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
        QTest::newRow("rewind recovered: other rules apply (lag shrank: OK)")
            << window({{100, 20}, {110, 20}, {50, 80}, {90, 50}, {115, 30}}) << std::vector<int64_t> {} << 30LL
            << 40'000LL << "OK" << "decreasing";
        QTest::newRow("REWIND even with zero lag in the window")
            << window({{100, 0}, {110, 0}, {20, 90}}) << std::vector<int64_t> {} << 90LL << 20'000LL << "REWIND"
            << "from 110 to 20";
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
