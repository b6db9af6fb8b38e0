// ThroughputChart: the bottom "Throughput" tab: records/s produced (all producers) and
// consumed (one line per group) over time. Snapshots carry only the current rates, so the
// chart keeps its own bounded ring of samples (kMaxSamples, one at most every kMinSpacingMs
// of engine time), fed even while hidden, and redraws with one replace() per series. Each
// group's line has the SeriesPalette colour of its first-seen order (stable across refreshes).
// CSV: "time_utc,engine_time_s,produced,<group>..." one row per sample. Owns its children; GUI
// thread only.
#pragma once

#include "charts/chart_panel.h"

#include <QMap>
#include <QStringList>
#include <QVector>

#include <deque>
#include <map>

class QLabel;
class QLineSeries;

class ThroughputChart : public ChartPanel {
    Q_OBJECT
public:
    static constexpr int kMaxSamples = 600;
    static constexpr qint64 kMinSpacingMs = 250;

    struct Sample {
        qint64 timeMs = 0;
        double produced = 0;
        std::map<QString, double> consumed; // by group id
    };

    explicit ThroughputChart(QWidget *parent = nullptr);

    // Add one sample (snapshots do this; tests may call it directly). Returns false when it
    // is too close to the previous one or older.
    bool addSample(const Sample &sample);
    int sampleCount() const { return static_cast<int>(m_samples.size()); }
    QLineSeries *producedSeries() const { return m_produced; }
    QLineSeries *consumedSeries(const QString &group) const { return m_consumed.value(group); }
    int seriesCount() const; // produced + one per group
    QString csvText() const override;
    QString exportTitle() const override;

protected:
    void takeSnapshot(const kl::ClusterSnapshot &snapshot) override;
    void redraw() override;
    QString valueAxisTitle() const override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    static QString consumedName(const QString &group);

    QLabel *m_hint = nullptr;
    std::deque<Sample> m_samples; // oldest first, at most kMaxSamples
    QStringList m_groupOrder;     // first seen first: stable colours and CSV columns
    QLineSeries *m_produced = nullptr;
    QMap<QString, QLineSeries *> m_consumed;
};
