// ThroughputChart: produced / consumed rates in a bounded ring.
#include "charts/throughput_chart.h"

#include "charts/series_palette.h"

#include <QtCharts/QChart>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <QEvent>
#include <QLabel>
#include <QHBoxLayout>
#include <QPen>

#include <algorithm>

ThroughputChart::ThroughputChart(QWidget *parent) : ChartPanel(QStringLiteral("throughputChart"), parent)
{
    auto *hint = m_hint = new QLabel(this);
    hint->setStyleSheet(QStringLiteral("color:#666"));
    hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widening: wraps
    hint->setWordWrap(true);
    header()->insertWidget(0, hint, 1);
    m_produced = new QLineSeries(chart());
    m_produced->setName(tr("produced"));
    QPen pen(seriespalette::totalColor());
    pen.setWidthF(2.0);
    m_produced->setPen(pen);
    chart()->addSeries(m_produced);
    m_produced->attachAxis(timeAxis());
    m_produced->attachAxis(valueAxis());
    retranslateUi();
}

void ThroughputChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    ChartPanel::changeEvent(event);
}

void ThroughputChart::retranslateUi()
{
    m_hint->setText(tr("records per second: produced by all producers, consumed by each group"));
    m_hint->setToolTip(m_hint->text());
    m_produced->setName(tr("produced"));
    for (auto it = m_consumed.cbegin(); it != m_consumed.cend(); ++it)
        it.value()->setName(consumedName(it.key()));
}

QString ThroughputChart::consumedName(const QString &group)
{
    return tr("consumed by %1").arg(group);
}

bool ThroughputChart::addSample(const Sample &sample)
{
    if (!m_samples.empty() && sample.timeMs < m_samples.back().timeMs + kMinSpacingMs)
        return false;
    m_samples.push_back(sample);
    while (m_samples.size() > static_cast<size_t>(kMaxSamples))
        m_samples.pop_front();
    for (const auto &[group, rate] : sample.consumed)
        if (!m_groupOrder.contains(group))
            m_groupOrder << group;
    return true;
}

void ThroughputChart::takeSnapshot(const kl::ClusterSnapshot &snapshot)
{
    Sample s;
    s.timeMs = snapshot.nowMs;
    s.produced = snapshot.producedPerSec;
    for (const auto &g : snapshot.groups)
        s.consumed[QString::fromStdString(g.groupId)] = g.consumedPerSec;
    addSample(s);
}

int ThroughputChart::seriesCount() const
{
    return 1 + static_cast<int>(m_consumed.size());
}

void ThroughputChart::redraw()
{
    QList<QPointF> produced;
    produced.reserve(static_cast<qsizetype>(m_samples.size()));
    std::map<QString, QList<QPointF>> consumed;
    double maxY = 0;
    for (const Sample &s : m_samples) {
        produced.append(QPointF(xOf(s.timeMs), s.produced));
        maxY = std::max(maxY, s.produced);
        for (const auto &[group, rate] : s.consumed) {
            consumed[group].append(QPointF(xOf(s.timeMs), rate));
            maxY = std::max(maxY, rate);
        }
    }
    m_produced->replace(produced);
    for (const QString &group : m_groupOrder) {
        auto it = consumed.find(group);
        QLineSeries *series = m_consumed.value(group);
        if (it == consumed.end()) { // the group's samples all left the ring
            if (series) {
                chart()->removeSeries(series);
                delete series;
                m_consumed.remove(group);
            }
            continue;
        }
        if (!series) {
            series = new QLineSeries(chart());
            series->setName(tr("consumed by %1").arg(group));
            series->setPen(seriespalette::pen(static_cast<int>(m_groupOrder.indexOf(group)), 1.5));
            series->setName(consumedName(group));
            chart()->addSeries(series);
            series->attachAxis(timeAxis());
            series->attachAxis(valueAxis());
            m_consumed.insert(group, series);
        }
        series->replace(it->second);
    }
    if (m_samples.empty()) {
        const double now = m_snapshot ? xOf(m_snapshot->nowMs) : 0.0;
        fitAxes(now - 60000.0, now, 0);
    } else {
        fitAxes(xOf(m_samples.front().timeMs), xOf(m_samples.back().timeMs), maxY);
    }
}

QString ThroughputChart::csvText() const
{
    QString out = timeColumnsHeader() + QStringLiteral(",produced");
    for (const QString &g : m_groupOrder)
        out += QLatin1Char(',') + g;
    out += QLatin1Char('\n');
    for (const Sample &s : m_samples) {
        QStringList line{timeColumns(s.timeMs), QString::number(s.produced, 'f', 1)};
        for (const QString &g : m_groupOrder) {
            auto it = s.consumed.find(g);
            line << (it == s.consumed.end() ? QString() : QString::number(it->second, 'f', 1));
        }
        out += line.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

QString ThroughputChart::exportTitle() const
{
    return m_groupOrder.isEmpty() ? tr("Throughput: records produced")
                                  : tr("Throughput: records produced, consumed by %1")
                                        .arg(m_groupOrder.join(QStringLiteral(", ")));
}

QString ThroughputChart::valueAxisTitle() const
{
    return tr("rate (records/s)");
}
