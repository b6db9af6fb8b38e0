// ChartPanel: chart view, axes, export buttons.
#include "charts/chart_panel.h"

#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QValueAxis>

#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

#include <algorithm>

ChartPanel::ChartPanel(const QString &objectName, QWidget *parent) : QWidget(parent)
{
    setObjectName(objectName);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    m_header = new QHBoxLayout;
    m_header->setContentsMargins(4, 0, 4, 0);
    layout->addLayout(m_header);

    m_chart = new QChart;
    m_chart->setMargins(QMargins(4, 2, 4, 2));
    // The bottom strip is short: legend on top in a small font, few y ticks, no axis titles.
    m_chart->legend()->setAlignment(Qt::AlignTop);
    QFont small = m_chart->legend()->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_chart->legend()->setFont(small);
    m_chart->setAnimationOptions(QChart::NoAnimation); // a live chart must not lag its data
    m_x = new QDateTimeAxis(m_chart);
    m_x->setFormat(QStringLiteral("HH:mm:ss"));
    m_x->setTickCount(6);
    m_x->setLabelsFont(small);
    m_y = new QValueAxis(m_chart);
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    m_y->setTickCount(3);
    m_y->setLabelsFont(small);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(120);
    layout->addWidget(m_view, 1);

    m_result = new QLabel(this);
    m_result->setObjectName(objectName + QStringLiteral("Result"));
    auto *png = m_png = new QPushButton(this);
    png->setObjectName(objectName + QStringLiteral("Png"));
    auto *csv = m_csv = new QPushButton(this);
    csv->setObjectName(objectName + QStringLiteral("Csv"));
    connect(png, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export PNG"), QString(),
                                                          tr("PNG image (*.png)"));
        if (!path.isEmpty())
            exportPng(path);
    });
    connect(csv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), QString(),
                                                          tr("CSV file (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    m_header->addStretch(1);
    m_header->addWidget(m_result);
    m_header->addWidget(png);
    m_header->addWidget(csv);
    retranslateUi();
}

ChartPanel::~ChartPanel() = default;

void ChartPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ChartPanel::retranslateUi()
{
    m_png->setText(tr("Export PNG…"));
    m_png->setToolTip(tr("Save the chart as it is drawn now as a PNG image"));
    m_csv->setText(tr("Export CSV…"));
    m_csv->setToolTip(tr("Save the chart's data points as CSV (one row per time, engine clock ms)"));
}

void ChartPanel::setSnapshot(std::shared_ptr<const kl::ClusterSnapshot> snapshot)
{
    if (!snapshot)
        return;
    m_snapshot = std::move(snapshot);
    takeSnapshot(*m_snapshot);
    if (isVisible())
        redraw();
    else
        m_stale = true; // nobody looks: draw when shown
}

void ChartPanel::refresh()
{
    m_stale = false;
    redraw();
}

void ChartPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void ChartPanel::fitAxes(double minX, double maxX, double maxY)
{
    if (maxX <= minX)
        maxX = minX + 1000.0; // one second, so a single sample still has an axis
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(minX)),
                  QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(maxX)));
    m_y->setRange(0, std::max(10.0, maxY * 1.1));
}

bool ChartPanel::exportCsv(const QString &path)
{
    QSaveFile file(path);
    bool ok = file.open(QIODevice::WriteOnly | QIODevice::Text);
    if (ok) {
        file.write(csvText().toUtf8());
        ok = file.commit();
    }
    showResult(ok ? tr("saved %1").arg(path) : tr("could not write %1: %2").arg(path, file.errorString()),
               ok);
    return ok;
}

bool ChartPanel::exportPng(const QString &path)
{
    if (m_stale)
        refresh();
    const QPixmap shot = m_view->grab();
    const bool ok = !shot.isNull() && shot.save(path, "PNG");
    showResult(ok ? tr("saved %1").arg(path) : tr("could not write %1").arg(path), ok);
    return ok;
}

void ChartPanel::showResult(const QString &text, bool ok)
{
    m_result->setText(text);
    m_result->setStyleSheet(ok ? QString() : QStringLiteral("color:#c62828"));
}
