// LagChart: the bottom "Lag" tab. For one consumer group (chosen in a combo box): the group's
// total lag over time as a thick line, each partition's lag as a thin line (optional), and each
// rebalance as a vertical marker line at its start, so a learner sees lag climb while a member
// is gone and fall once its partitions move. Data come from GroupSnapshot.lagHistory and
// partitionLagHistory (already bounded by the engine); the chart keeps at most kMaxPoints per
// series (the newest) and at most kMaxMarkers markers, and redraws with one replace() per
// series. Partition lines take the SeriesPalette colour of the index they got on first sight,
// kept for the chart's life (a line keeps its colour across refreshes, group switches and the
// per-partition toggle). CSV: "time_utc,engine_time_s,total,<topic-partition>..." one row per
// sample time.
// Owns its children; GUI thread only.
#pragma once

#include "charts/chart_panel.h"

#include <QMap>
#include <QVector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineSeries;

class LagChart : public ChartPanel {
    Q_OBJECT
public:
    static constexpr int kMaxPoints = 600;
    static constexpr int kMaxMarkers = 20;

    explicit LagChart(QWidget *parent = nullptr);

    QString currentGroup() const { return m_group; }
    void setGroup(const QString &groupId);
    void setShowPartitions(bool show);
    QLineSeries *totalSeries() const { return m_total; }
    QLineSeries *partitionSeries(const QString &name) const { return m_partitions.value(name); }
    int partitionSeriesCount() const { return static_cast<int>(m_partitions.size()); }
    int markerCount() const; // visible rebalance markers
    QString csvText() const override;
    QString exportTitle() const override;

protected:
    void takeSnapshot(const kl::ClusterSnapshot &snapshot) override;
    void redraw() override;
    QString valueAxisTitle() const override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    const kl::GroupSnapshot *group() const;
    QLineSeries *newSeries(const QString &name, bool inLegend);

    QString m_group;
    QComboBox *m_groups = nullptr;
    QCheckBox *m_perPartition = nullptr;
    QLabel *m_groupLabel = nullptr;
    QLabel *m_hint = nullptr;
    QLineSeries *m_total = nullptr;
    QMap<QString, QLineSeries *> m_partitions; // by "topic-p"
    QMap<QString, int> m_colourIndex;          // "topic-p" -> palette index, first sight first
    QVector<QLineSeries *> m_markers;          // pooled; unused ones are hidden
};
