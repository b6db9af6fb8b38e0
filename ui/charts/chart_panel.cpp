// ChartPanel: chart view, axes, export buttons.
#include "charts/chart_panel.h"

#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QValueAxis>

#include "models/engine_time.h"

#include <QtCharts/QLegend>

#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
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
    m_view->setMinimumHeight(100); // the bottom pane stays short at 1024x700 and 1280x800
    layout->addWidget(m_view, 1);

    m_result = new QLabel(this);
    m_result->setObjectName(objectName + QStringLiteral("Result"));
    auto *png = m_png = new QPushButton(this);
    png->setObjectName(objectName + QStringLiteral("Png"));
    auto *csv = m_csv = new QPushButton(this);
    csv->setObjectName(objectName + QStringLiteral("Csv"));
    connect(png, &QPushButton::clicked, this, [this] {
        const QString path = askPath(tr("Export PNG"), tr("PNG image (*.png)"), QStringLiteral("png"));
        if (!path.isEmpty())
            exportPng(path);
    });
    connect(csv, &QPushButton::clicked, this, [this] {
        const QString path = askPath(tr("Export CSV"), tr("CSV file (*.csv)"), QStringLiteral("csv"));
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
    m_csv->setToolTip(tr("Save the chart's data points as CSV (one row per time: ISO 8601 UTC time "
                         "and seconds since the engine started)"));
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

QString ChartPanel::askPath(const QString &caption, const QString &filter, const QString &suffix)
{
    QFileDialog dialog(this, caption, QString(), filter);
    dialog.setObjectName(objectName() + QStringLiteral("SaveDialog"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    dialog.setDefaultSuffix(suffix); // "lag" -> "lag.png", and the overwrite question names that
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    return dialog.selectedFiles().front();
}

QString ChartPanel::withDefaultSuffix(const QString &path, const QString &suffix)
{
    if (path.isEmpty() || !QFileInfo(path).suffix().isEmpty())
        return path;
    return path + QLatin1Char('.') + suffix;
}

QString ChartPanel::timeColumns(qint64 timeMs) const
{
    const qint64 started = m_snapshot ? m_snapshot->startedMs : 0;
    return enginetime::isoUtc(timeMs) + QLatin1Char(',') + enginetime::engineSeconds(timeMs, started);
}

bool ChartPanel::exportCsv(const QString &chosen)
{
    const QString path = withDefaultSuffix(chosen, QStringLiteral("csv"));
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

QImage ChartPanel::exportImage()
{
    if (m_stale)
        refresh();
    // Dress the live chart for print, render it off screen at the export size, then put it back
    // as the strip shows it (the view re-lays it out at its own size).
    const QString title = m_chart->title();
    const QFont titleFont = m_chart->titleFont();
    const Qt::Alignment legendAlignment = m_chart->legend()->alignment();
    const bool legendVisible = m_chart->legend()->isVisible();
    const QRectF geometry = m_chart->geometry();
    QFont bold = titleFont;
    bold.setBold(true);
    bold.setPointSizeF(std::max<qreal>(bold.pointSizeF(), 11.0) * 1.2);
    m_chart->setTitleFont(bold);
    m_chart->setTitle(exportTitle());
    m_x->setTitleText(tr("time (engine clock, hh:mm:ss, local time)"));
    m_y->setTitleText(valueAxisTitle());
    m_chart->legend()->setVisible(true);
    m_chart->legend()->setAlignment(Qt::AlignBottom);

    const QSize size = m_view->size().expandedTo(kExportSize);
    m_chart->setGeometry(QRectF(geometry.topLeft(), QSizeF(size)));
    if (m_chart->layout())
        m_chart->layout()->activate();
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        m_chart->scene()->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)),
                                 QRectF(geometry.topLeft(), QSizeF(size)));
    }

    m_chart->setTitle(title);
    m_chart->setTitleFont(titleFont);
    m_x->setTitleText(QString());
    m_y->setTitleText(QString());
    m_chart->legend()->setAlignment(legendAlignment);
    m_chart->legend()->setVisible(legendVisible);
    m_chart->setGeometry(geometry);
    if (m_chart->layout())
        m_chart->layout()->activate();
    return image;
}

bool ChartPanel::exportPng(const QString &chosen)
{
    const QString path = withDefaultSuffix(chosen, QStringLiteral("png"));
    const QImage image = exportImage();
    const bool ok = !image.isNull() && image.save(path, "PNG");
    showResult(ok ? tr("saved %1").arg(path) : tr("could not write %1").arg(path), ok);
    return ok;
}

void ChartPanel::showResult(const QString &text, bool ok)
{
    m_result->setText(text);
    m_result->setStyleSheet(ok ? QString() : QStringLiteral("color:#c62828"));
}
