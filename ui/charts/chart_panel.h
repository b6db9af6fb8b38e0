// ChartPanel: the frame shared by the bottom charts (Lag, Throughput): a header row for the
// chart's own controls, "Export PNG…" / "Export CSV…" buttons, and a QChartView. Subclasses
// keep their data bounded and hand each series its whole point list with QXYSeries::replace()
// once per refresh (never one append per sample: replace is much cheaper for Qt Charts).
// While hidden, snapshots are only kept and drawn when the panel shows (refreshIfStale).
// exportPng() / exportCsv() write straight to a path, adding ".png" / ".csv" when the name has
// no suffix; the buttons ask for the path with a file dialog first (which adds it too, and asks
// before overwriting). The PNG is rendered at least kExportSize with what the on-screen strip
// leaves out: a title (which chart, which group), axis titles with units and the legend. CSV
// times are ISO 8601 UTC and engine seconds, in named columns (timeColumns()).
// Owns its children; GUI thread only.
#pragma once

#include "api/snapshot.h"

#include <QImage>
#include <QSize>
#include <QString>
#include <QWidget>

#include <memory>

class QChart;
class QChartView;
class QDateTimeAxis;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QValueAxis;

class ChartPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr QSize kExportSize {1200, 600};

    explicit ChartPanel(const QString &objectName, QWidget *parent = nullptr);
    ~ChartPanel() override;

    QChart *chart() const { return m_chart; }
    QChartView *chartView() const { return m_view; }
    // The chart's data as CSV (what exportCsv writes).
    virtual QString csvText() const = 0;
    bool exportCsv(const QString &path);
    bool exportPng(const QString &path);
    // The image exportPng writes: the chart with title, axis titles and legend.
    QImage exportImage();
    // What the exported image's title says ("Consumer lag — group g1").
    virtual QString exportTitle() const = 0;
    // `path`, with ".<suffix>" appended when its file name has no suffix of its own.
    static QString withDefaultSuffix(const QString &path, const QString &suffix);
    // The CSV's first two columns for an engine-clock time, and their header.
    static QString timeColumnsHeader() { return QStringLiteral("time_utc,engine_time_s"); }
    QString timeColumns(qint64 timeMs) const;
    // Engine time ms -> the x value the chart uses (ms since the epoch for QDateTimeAxis).
    static double xOf(qint64 timeMs) { return static_cast<double>(timeMs); }

public slots:
    void setSnapshot(std::shared_ptr<const kl::ClusterSnapshot> snapshot);
    // Redraw from the latest data now (tests and screenshots call it; the timer-driven path
    // goes through setSnapshot).
    void refresh();

protected:
    // Take in a new snapshot (cheap; called even while hidden).
    virtual void takeSnapshot(const kl::ClusterSnapshot &snapshot) = 0;
    // Replace series from the kept data.
    virtual void redraw() = 0;
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;
    QHBoxLayout *header() const { return m_header; }
    QDateTimeAxis *timeAxis() const { return m_x; }
    QValueAxis *valueAxis() const { return m_y; }
    // The value axis's title in the export, with its unit ("lag (records)").
    virtual QString valueAxisTitle() const = 0;
    std::shared_ptr<const kl::ClusterSnapshot> m_snapshot;
    // Fit the axes to [minX, maxX] x [0, maxY] (with a floor so a flat line still shows).
    void fitAxes(double minX, double maxX, double maxY);

private:
    void showResult(const QString &text, bool ok);
    // Asks for a path to save to (a save dialog adding `suffix`); empty when cancelled.
    QString askPath(const QString &caption, const QString &filter, const QString &suffix);
    void retranslateUi();

    QHBoxLayout *m_header = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QDateTimeAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_png = nullptr;
    QPushButton *m_csv = nullptr;
    bool m_stale = false;
};
