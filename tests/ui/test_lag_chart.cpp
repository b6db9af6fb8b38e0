// The bottom charts fed hand-built snapshots, offscreen: the lag chart draws the whole history
// of the chosen group (total + one line per partition, rebalance markers inside the window),
// the throughput chart keeps a bounded ring, and both export exact CSV and a PNG.
#include "group_fixture.h"
#include "charts/lag_chart.h"
#include "charts/throughput_chart.h"

#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

class TestLagChart : public QObject {
    Q_OBJECT
private:
    static QString readFile(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll());
    }

private slots:
    void lagSeriesFromHistory()
    {
        LagChart chart;
        chart.resize(800, 260);
        chart.setSnapshot(grouptest::snapshot());
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QCOMPARE(chart.currentGroup(), QStringLiteral("g1"));
        QCOMPARE(chart.totalSeries()->count(), 3);
        QCOMPARE(chart.totalSeries()->at(2), QPointF(3000, 42));
        QCOMPARE(chart.partitionSeriesCount(), 2);
        QLineSeries *p0 = chart.partitionSeries(QStringLiteral("orders-0"));
        QVERIFY(p0);
        QCOMPARE(p0->points(), (QList<QPointF>{QPointF(1000, 1), QPointF(3000, 5)}));
        // Rebalances at 1000 (inside 1000..3000) and 9000 (outside): one marker.
        QCOMPARE(chart.markerCount(), 1);

        chart.setShowPartitions(false);
        QCOMPARE(chart.partitionSeriesCount(), 0);
        QCOMPARE(chart.totalSeries()->count(), 3);

        // No history: an empty minute ending now (10000), with g2's rebalance at 9800 in it.
        chart.setGroup(QStringLiteral("g2"));
        QCOMPARE(chart.totalSeries()->count(), 0);
        QCOMPARE(chart.markerCount(), 1);
    }

    void lagPointsAreBounded()
    {
        auto snap = grouptest::snapshot();
        auto many = std::make_shared<std::vector<kl::LagPoint>>();
        for (int i = 0; i < LagChart::kMaxPoints + 150; ++i)
            many->push_back({1000 + i * 100, i});
        snap->groups[0].lagHistory = many;
        LagChart chart;
        chart.resize(800, 260);
        chart.show();
        chart.setSnapshot(snap);
        QCOMPARE(chart.totalSeries()->count(), LagChart::kMaxPoints);
        // The newest points are kept.
        QCOMPARE(chart.totalSeries()->at(LagChart::kMaxPoints - 1).y(),
                 double(LagChart::kMaxPoints + 149));
    }

    void lagCsvIsExact()
    {
        LagChart chart;
        chart.setSnapshot(grouptest::snapshot()); // hidden: kept, still exportable
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lag.csv"));
        QVERIFY(chart.exportCsv(path));
        QCOMPARE(readFile(path), QStringLiteral("time_utc,engine_time_s,total,orders-0,orders-1\n"
                                                "1970-01-01T00:00:01.000Z,0.500,10,1,\n"
                                                "1970-01-01T00:00:02.000Z,1.500,25,,7\n"
                                                "1970-01-01T00:00:03.000Z,2.500,42,5,\n"));
        const QString png = dir.filePath(QStringLiteral("lag.png"));
        QVERIFY(chart.exportPng(png));
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 50 && image.height() > 50);
    }

    void throughputRingAndCsv()
    {
        ThroughputChart chart;
        chart.resize(800, 260);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        auto snap = grouptest::snapshot();
        chart.setSnapshot(snap);
        QCOMPARE(chart.sampleCount(), 1);
        QCOMPARE(chart.seriesCount(), 3); // produced, g1, g2
        auto later = std::make_shared<kl::ClusterSnapshot>(*snap);
        later->nowMs = 10100; // closer than kMinSpacingMs: not a new sample
        chart.setSnapshot(later);
        QCOMPARE(chart.sampleCount(), 1);
        later = std::make_shared<kl::ClusterSnapshot>(*snap);
        later->nowMs = 10500;
        later->producedPerSec = 300;
        later->groups.pop_back(); // g2 gone
        chart.setSnapshot(later);
        QCOMPARE(chart.sampleCount(), 2);
        QCOMPARE(chart.producedSeries()->points(),
                 (QList<QPointF>{QPointF(10000, 250), QPointF(10500, 300)}));
        QCOMPARE(chart.consumedSeries(QStringLiteral("g1"))->count(), 2);
        QCOMPARE(chart.consumedSeries(QStringLiteral("g2"))->count(), 1);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("throughput.csv"));
        QVERIFY(chart.exportCsv(path));
        QCOMPARE(readFile(path), QStringLiteral("time_utc,engine_time_s,produced,g1,g2\n"
                                                "1970-01-01T00:00:10.000Z,9.500,250.0,200.0,0.0\n"
                                                "1970-01-01T00:00:10.500Z,10.000,300.0,200.0,\n"));

        // The ring stays bounded however long the run.
        for (int i = 1; i <= ThroughputChart::kMaxSamples + 40; ++i) {
            ThroughputChart::Sample s;
            s.timeMs = 10500 + i * ThroughputChart::kMinSpacingMs;
            s.produced = i;
            QVERIFY(chart.addSample(s));
        }
        chart.refresh();
        QCOMPARE(chart.sampleCount(), ThroughputChart::kMaxSamples);
        QCOMPARE(chart.producedSeries()->count(), ThroughputChart::kMaxSamples);
        QCOMPARE(chart.producedSeries()->at(0).y(), 41.0);
    }
};

QTEST_MAIN(TestLagChart)
#include "test_lag_chart.moc"
