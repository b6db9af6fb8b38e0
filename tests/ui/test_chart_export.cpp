// Exporting the bottom charts as a user does, offscreen: the Export PNG / CSV buttons' save
// dialog gets a name without a suffix and the file gets ".png" / ".csv"; the PNG is larger
// than the on-screen plot, not blank, and carries a title naming the chart and group, axis
// titles with units and the legend (the live chart is left as it was); CSV times are ISO 8601
// UTC and engine seconds in named columns; line colours come from a palette whose neighbours
// are clearly different (Tableau 10, then dashed), one per series, stable across refreshes.
#include "group_fixture.h"
#include "charts/lag_chart.h"
#include "charts/series_palette.h"
#include "charts/throughput_chart.h"

#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>

namespace {

// CIE76 colour difference (sRGB -> L*a*b*, D65): ~2.3 is just noticeable, > 25 clearly different.
double deltaE(const QColor &x, const QColor &y)
{
    auto lab = [](const QColor &c) {
        auto lin = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        const double r = lin(c.redF()), g = lin(c.greenF()), b = lin(c.blueF());
        const double X = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        const double Y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        const double Z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
        return std::array<double, 3>{116 * f(Y) - 16, 500 * (f(X) - f(Y)), 200 * (f(Y) - f(Z))};
    };
    const auto a = lab(x), b = lab(y);
    return std::sqrt(std::pow(a[0] - b[0], 2) + std::pow(a[1] - b[1], 2) + std::pow(a[2] - b[2], 2));
}

// Answers the next save dialog: goes to `dir`, types `name` in the file name field, Enter.
void answerSaveDialog(const QString &dir, const QString &name, bool *answered)
{
    QTimer::singleShot(50, [dir, name, answered] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            answerSaveDialog(dir, name, answered); // not up yet
            return;
        }
        dialog->setDirectory(dir);
        auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        QVERIFY(edit);
        edit->clear();
        QTest::keyClicks(edit, name);
        QTest::keyClick(edit, Qt::Key_Return);
        *answered = true;
    });
}

// 24 partitions with some lag each: more series than the palette has colours.
std::shared_ptr<kl::ClusterSnapshot> manyPartitions(int count)
{
    auto snap = grouptest::snapshot();
    auto lags = std::make_shared<std::map<std::string, std::vector<kl::LagPoint>>>();
    for (int p = 0; p < count; ++p)
        (*lags)["orders-" + std::to_string(p)] = {{1000, p}, {2000, p + 1}};
    snap->groups[0].partitionLagHistory = lags;
    return snap;
}

int nonWhitePixels(const QImage &image, const QRect &area)
{
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            n += qGray(image.pixel(x, y)) < 200 ? 1 : 0;
    return n;
}

} // namespace

class TestChartExport : public QObject {
    Q_OBJECT
private slots:
    void buttonsAddTheSuffix()
    {
        LagChart chart;
        chart.resize(800, 260);
        chart.setSnapshot(grouptest::snapshot());
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QTemporaryDir dir;
        bool answered = false;
        answerSaveDialog(dir.path(), QStringLiteral("lag-picture"), &answered);
        QTest::mouseClick(chart.findChild<QPushButton *>(QStringLiteral("lagChartPng")), Qt::LeftButton);
        QVERIFY(answered);
        QVERIFY2(QFile::exists(dir.filePath(QStringLiteral("lag-picture.png"))),
                 qPrintable(QDir(dir.path()).entryList(QDir::Files).join(QLatin1Char(' '))));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("lag-picture"))));
        QVERIFY(!QImage(dir.filePath(QStringLiteral("lag-picture.png"))).isNull());

        answered = false;
        answerSaveDialog(dir.path(), QStringLiteral("lag-data"), &answered);
        QTest::mouseClick(chart.findChild<QPushButton *>(QStringLiteral("lagChartCsv")), Qt::LeftButton);
        QVERIFY(answered);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("lag-data.csv"))));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("lag-data"))));

        // A name with its own suffix is kept as typed; the direct calls add a missing one too.
        QVERIFY(chart.exportCsv(dir.filePath(QStringLiteral("typed.txt"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("typed.txt"))));
        QVERIFY(chart.exportPng(dir.filePath(QStringLiteral("direct"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("direct.png"))));
    }

    void pngHasTitleAxesAndLegend()
    {
        LagChart chart;
        chart.resize(800, 260);
        chart.setSnapshot(grouptest::snapshot());
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const QSize bare = chart.chartView()->grab().size();
        QCOMPARE(chart.exportTitle(), QStringLiteral("Consumer lag — group g1"));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lag.png"));
        QVERIFY(chart.exportPng(path));
        const QImage image(path);
        QVERIFY(!image.isNull());
        QVERIFY2(image.width() > bare.width() && image.height() > bare.height(),
                 qPrintable(QStringLiteral("%1x%2 vs bare %3x%4")
                                .arg(image.width()).arg(image.height()).arg(bare.width()).arg(bare.height())));
        QVERIFY(image.width() >= ChartPanel::kExportSize.width());
        // Not blank: many dark pixels, several colours (the lines).
        QVERIFY(nonWhitePixels(image, image.rect()) > 2000);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 8);
        // The title is text across the top centre, the legend at the bottom, the value axis
        // title along the left edge.
        const int w = image.width(), h = image.height();
        QVERIFY(nonWhitePixels(image, QRect(w / 4, 0, w / 2, h / 14)) > 100);
        QVERIFY(nonWhitePixels(image, QRect(w / 4, h - h / 12, w / 2, h / 12 - 1)) > 50);
        QVERIFY(nonWhitePixels(image, QRect(0, h / 4, 30, h / 2)) > 30);

        // The strip on screen stays as it was: no title, no axis titles, its own size.
        QVERIFY(chart.chart()->title().isEmpty());
        QVERIFY(chart.chart()->axes(Qt::Horizontal).front()->titleText().isEmpty());
        QVERIFY(chart.chart()->axes(Qt::Vertical).front()->titleText().isEmpty());
        QCOMPARE(chart.chartView()->grab().size(), bare);

        ThroughputChart throughput;
        throughput.setSnapshot(grouptest::snapshot());
        QVERIFY(throughput.exportTitle().contains(QStringLiteral("g1")));
        QVERIFY(throughput.exportPng(dir.filePath(QStringLiteral("throughput"))));
        QVERIFY(QImage(dir.filePath(QStringLiteral("throughput.png"))).width() >= ChartPanel::kExportSize.width());
    }

    void csvTimesAreIsoAndEngineSeconds()
    {
        LagChart chart;
        chart.setSnapshot(grouptest::snapshot()); // startedMs 500
        const QStringList lines = chart.csvText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.front(), QStringLiteral("time_utc,engine_time_s,total,orders-0,orders-1"));
        QCOMPARE(lines.at(1), QStringLiteral("1970-01-01T00:00:01.000Z,0.500,10,1,"));
        ThroughputChart throughput;
        throughput.setSnapshot(grouptest::snapshot()); // one sample at nowMs 10000
        const QStringList t = throughput.csvText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(t.front(), QStringLiteral("time_utc,engine_time_s,produced,g1,g2"));
        QVERIFY2(t.at(1).startsWith(QStringLiteral("1970-01-01T00:00:10.000Z,9.500,")), qPrintable(t.at(1)));
    }

    void paletteNeighboursAreDistinct()
    {
        for (int i = 0; i < 39; ++i) {
            const double d = deltaE(seriespalette::color(i), seriespalette::color(i + 1));
            QVERIFY2(d >= 25.0, qPrintable(QStringLiteral("colours %1 and %2: deltaE %3").arg(i).arg(i + 1).arg(d)));
        }
        // Within one round every pair differs clearly; the next round changes the line style.
        for (int i = 0; i < 10; ++i)
            for (int j = i + 1; j < 10; ++j)
                QVERIFY(deltaE(seriespalette::color(i), seriespalette::color(j)) >= 20.0);
        QVERIFY(seriespalette::style(3) != seriespalette::style(13));
    }

    void lagLinesKeepDistinctColours()
    {
        LagChart chart;
        chart.resize(800, 260);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setSnapshot(manyPartitions(24));
        QCOMPARE(chart.partitionSeriesCount(), 24);
        // In legend (creation) order: neighbours clearly different; no two lines look the same.
        const auto many = manyPartitions(24);
        const auto &history = *many->groups[0].partitionLagHistory;
        QStringList order;
        for (const auto &[name, points] : history)
            order << QString::fromStdString(name);
        QSet<QString> looks;
        QMap<QString, QPen> pens;
        for (int i = 0; i < order.size(); ++i) {
            const QPen pen = chart.partitionSeries(order[i])->pen();
            pens.insert(order[i], pen);
            looks.insert(QStringLiteral("%1/%2").arg(pen.color().name()).arg(int(pen.style())));
            if (i > 0) {
                const QPen prev = chart.partitionSeries(order[i - 1])->pen();
                QVERIFY2(deltaE(pen.color(), prev.color()) >= 25.0,
                         qPrintable(order[i - 1] + QStringLiteral(" / ") + order[i]));
            }
        }
        QCOMPARE(looks.size(), 24);
        // Stable across refreshes: hiding and showing lines, fewer partitions, then all again.
        chart.setShowPartitions(false);
        chart.setShowPartitions(true);
        chart.setSnapshot(manyPartitions(5));
        chart.setSnapshot(manyPartitions(24));
        for (const QString &name : order)
            QCOMPARE(chart.partitionSeries(name)->pen(), pens.value(name));

        // The throughput chart's groups use the palette too.
        ThroughputChart throughput;
        throughput.setSnapshot(grouptest::snapshot());
        throughput.refresh();
        const QColor g1 = throughput.consumedSeries(QStringLiteral("g1"))->pen().color();
        const QColor g2 = throughput.consumedSeries(QStringLiteral("g2"))->pen().color();
        QVERIFY(deltaE(g1, g2) >= 25.0);
        QCOMPARE(g1, seriespalette::color(0));
    }
};

QTEST_MAIN(TestChartExport)
#include "test_chart_export.moc"
