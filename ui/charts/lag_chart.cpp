// LagChart: total and per-partition lag lines, rebalance markers, CSV.
#include "charts/lag_chart.h"

#include "charts/series_palette.h"

#include <QtCharts/QChart>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPen>

#include <algorithm>
#include <limits>
#include <set>

namespace {

// The newest kMaxPoints of a history, as chart points.
QList<QPointF> tail(const std::vector<kl::LagPoint> &points)
{
    const size_t n = std::min<size_t>(points.size(), LagChart::kMaxPoints);
    QList<QPointF> out;
    out.reserve(static_cast<qsizetype>(n));
    for (size_t i = points.size() - n; i < points.size(); ++i)
        out.append(QPointF(ChartPanel::xOf(points[i].timeMs), static_cast<double>(points[i].lag)));
    return out;
}

} // namespace

LagChart::LagChart(QWidget *parent) : ChartPanel(QStringLiteral("lagChart"), parent)
{
    m_groups = new QComboBox(this);
    m_groups->setObjectName(QStringLiteral("lagGroup"));
    m_groups->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_groups, &QComboBox::activated, this,
            [this](int i) { setGroup(m_groups->itemData(i).toString()); });
    m_perPartition = new QCheckBox(this);
    m_perPartition->setChecked(true);
    connect(m_perPartition, &QCheckBox::toggled, this, [this](bool) { refresh(); });
    m_groupLabel = new QLabel(this);
    header()->insertWidget(0, m_groupLabel);
    header()->insertWidget(1, m_groups);
    header()->insertWidget(2, m_perPartition);
    auto *hint = m_hint = new QLabel(this);
    hint->setStyleSheet(QStringLiteral("color:#666"));
    hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widening: wraps
    hint->setWordWrap(true);
    header()->insertWidget(3, hint, 1);

    chart()->setTitle(QString());
    m_total = newSeries(tr("total lag"), true);
    QPen pen(seriespalette::totalColor());
    pen.setWidthF(2.5);
    m_total->setPen(pen);
    retranslateUi();
}

void LagChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    ChartPanel::changeEvent(event);
}

// The controls and the series names; markers are named again by the redraw.
void LagChart::retranslateUi()
{
    m_groups->setToolTip(tr("The consumer group whose lag is drawn"));
    m_perPartition->setText(tr("per partition"));
    m_perPartition->setToolTip(tr("Also draw each partition's lag as a thin line"));
    m_groupLabel->setText(tr("Group"));
    m_hint->setText(tr("lag = log end offset - committed offset; dashed lines: rebalances"));
    m_hint->setToolTip(m_hint->text());
    m_total->setName(tr("total lag"));
    if (m_snapshot)
        refresh();
}

QLineSeries *LagChart::newSeries(const QString &name, bool inLegend)
{
    auto *s = new QLineSeries(chart());
    s->setName(name);
    chart()->addSeries(s);
    s->attachAxis(timeAxis());
    s->attachAxis(valueAxis());
    if (!inLegend)
        for (QLegendMarker *m : chart()->legend()->markers(s))
            m->setVisible(false);
    return s;
}

void LagChart::setGroup(const QString &groupId)
{
    if (groupId == m_group)
        return;
    m_group = groupId;
    const int i = m_groups->findData(groupId);
    if (i >= 0)
        m_groups->setCurrentIndex(i);
    refresh();
}

void LagChart::setShowPartitions(bool show)
{
    m_perPartition->setChecked(show); // toggled() refreshes
}

const kl::GroupSnapshot *LagChart::group() const
{
    if (!m_snapshot)
        return nullptr;
    for (const auto &g : m_snapshot->groups)
        if (QString::fromStdString(g.groupId) == m_group)
            return &g;
    return nullptr;
}

void LagChart::takeSnapshot(const kl::ClusterSnapshot &snapshot)
{
    QStringList ids;
    for (const auto &g : snapshot.groups)
        ids << QString::fromStdString(g.groupId);
    QStringList shown;
    for (int i = 0; i < m_groups->count(); ++i)
        shown << m_groups->itemData(i).toString();
    if (ids != shown) {
        const QSignalBlocker block(m_groups);
        m_groups->clear();
        for (const QString &id : ids)
            m_groups->addItem(id, id);
    }
    if (!ids.contains(m_group))
        m_group = ids.isEmpty() ? QString() : ids.front();
    const int i = m_groups->findData(m_group);
    if (i >= 0 && i != m_groups->currentIndex()) {
        const QSignalBlocker block(m_groups);
        m_groups->setCurrentIndex(i);
    }
}

int LagChart::markerCount() const
{
    return static_cast<int>(std::count_if(m_markers.begin(), m_markers.end(),
                                          [](QLineSeries *s) { return s->isVisible(); }));
}

void LagChart::redraw()
{
    const kl::GroupSnapshot *g = group();
    double minX = std::numeric_limits<double>::max();
    double maxX = std::numeric_limits<double>::lowest();
    double maxY = 0;
    auto account = [&](const QList<QPointF> &pts) {
        for (const QPointF &p : pts) {
            minX = std::min(minX, p.x());
            maxX = std::max(maxX, p.x());
            maxY = std::max(maxY, p.y());
        }
    };

    const QList<QPointF> total = g && g->lagHistory ? tail(*g->lagHistory) : QList<QPointF>{};
    m_total->replace(total);
    account(total);

    // Partition lines: one per "topic-p", created on first sight, removed when gone.
    std::set<QString> present;
    if (g && g->partitionLagHistory && m_perPartition->isChecked()) {
        for (const auto &[name, points] : *g->partitionLagHistory) {
            const QString key = QString::fromStdString(name);
            present.insert(key);
            QLineSeries *s = m_partitions.value(key);
            if (!s) {
                s = newSeries(key, true);
                if (!m_colourIndex.contains(key))
                    m_colourIndex.insert(key, static_cast<int>(m_colourIndex.size()));
                s->setPen(seriespalette::pen(m_colourIndex.value(key), 1.5));
                m_partitions.insert(key, s);
            }
            const QList<QPointF> pts = tail(points);
            s->replace(pts);
            account(pts);
        }
    }
    for (auto it = m_partitions.begin(); it != m_partitions.end();) {
        if (present.count(it.key())) {
            ++it;
            continue;
        }
        chart()->removeSeries(it.value());
        delete it.value();
        it = m_partitions.erase(it);
    }

    if (minX > maxX) { // no data: an empty window ending now
        const double now = m_snapshot ? xOf(m_snapshot->nowMs) : 0.0;
        minX = now - 60000.0;
        maxX = now;
    }
    const double top = std::max(10.0, maxY * 1.1);

    // Rebalance markers: the newest kMaxMarkers inside the drawn window, dashed, no legend.
    int used = 0;
    if (g) {
        const auto &rebalances = g->rebalances;
        const size_t first = rebalances.size() > kMaxMarkers ? rebalances.size() - kMaxMarkers : 0;
        for (size_t i = first; i < rebalances.size(); ++i) {
            const double x = xOf(rebalances[i].startedMs);
            if (x < minX || x > maxX)
                continue;
            if (used == m_markers.size()) {
                QLineSeries *s = newSeries(tr("rebalance"), false);
                QPen pen(QColor(0x8e, 0x24, 0xaa));
                pen.setStyle(Qt::DashLine);
                pen.setWidthF(1.2);
                s->setPen(pen);
                m_markers.push_back(s);
            }
            QLineSeries *s = m_markers[used++];
            s->setName(tr("rebalance → generation %1").arg(rebalances[i].generation));
            s->replace(QList<QPointF>{QPointF(x, 0), QPointF(x, top)});
            s->setVisible(true);
            for (QLegendMarker *m : chart()->legend()->markers(s))
                m->setVisible(false);
        }
    }
    for (int i = used; i < m_markers.size(); ++i)
        m_markers[i]->setVisible(false);

    fitAxes(minX, maxX, maxY);
}

QString LagChart::csvText() const
{
    const kl::GroupSnapshot *g = group();
    QStringList names;
    std::map<qint64, std::map<int, qint64>> rows; // time -> column -> lag
    auto take = [&](int column, const std::vector<kl::LagPoint> &points) {
        const size_t n = std::min<size_t>(points.size(), kMaxPoints);
        for (size_t i = points.size() - n; i < points.size(); ++i)
            rows[points[i].timeMs][column] = points[i].lag;
    };
    names << QStringLiteral("total");
    if (g && g->lagHistory)
        take(0, *g->lagHistory);
    if (g && g->partitionLagHistory) {
        for (const auto &[name, points] : *g->partitionLagHistory) {
            names << QString::fromStdString(name);
            take(static_cast<int>(names.size()) - 1, points);
        }
    }
    QString out = timeColumnsHeader() + QLatin1Char(',') + names.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const auto &[time, cells] : rows) {
        QStringList line{timeColumns(time)};
        for (int c = 0; c < names.size(); ++c) {
            auto it = cells.find(c);
            line << (it == cells.end() ? QString() : QString::number(it->second));
        }
        out += line.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

QString LagChart::exportTitle() const
{
    return m_group.isEmpty() ? tr("Consumer lag (no group)") : tr("Consumer lag — group %1").arg(m_group);
}

QString LagChart::valueAxisTitle() const
{
    return tr("lag (records)");
}
