// TopicView: summary + partition strips.
#include "views/topic_view.h"

#include "bridge/bridge.h"
#include "models/partition_strip_model.h"
#include "models/record_bytes.h"
#include "views/key_colors.h"
#include "views/partition_strip_delegate.h"
#include "views/retranslate.h"

#include <QCollator>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

TopicView::TopicView(Bridge &bridge, QWidget *parent) : QWidget(parent), m_bridge(bridge)
{
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_model = new PartitionStripModel(this);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(PartitionStripModel::LogColumn,
                                      new PartitionStripDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setMouseTracking(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(PartitionStripDelegate::kRowHeight);
    QHeaderView *h = m_table->horizontalHeader();
    h->setSectionResizeMode(QHeaderView::ResizeToContents);
    h->setSectionResizeMode(PartitionStripModel::LogColumn, QHeaderView::Stretch);
    h->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    h->setHighlightSections(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);

    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("topicKeyLegend"));
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    layout->addWidget(m_legend);

    connect(&m_bridge, &Bridge::snapshotUpdated, this, &TopicView::onSnapshotUpdated);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const int partition = index.data(PartitionStripModel::PartitionIdRole).toInt();
        emit partitionActivated(m_model->topic(), partition);
    });
    // Few partitions: taller rows with bigger cells instead of an empty table.
    m_table->viewport()->installEventFilter(this);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TopicView::fitRowHeight);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TopicView::fitRowHeight);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TopicView::fitRowHeight);
    m_model->setSnapshot(m_bridge.snapshot());
    retranslateUi();
}

void TopicView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TopicView::retranslateUi()
{
    m_legend->setToolTip(tr("Each key has one colour everywhere: its records' cells, the producer "
                            "and the files view. Same key, same partition (murmur2 % partitions)."));
    m_legendHtml.clear();
    updateSummary();
    retranslate::refreshModel(m_model);
}

bool TopicView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        fitRowHeight();
    return QWidget::eventFilter(watched, event);
}

void TopicView::fitRowHeight()
{
    const int rows = std::max(1, m_model->rowCount());
    const int fill = m_table->viewport()->height() / rows;
    const int height = std::clamp(fill, PartitionStripDelegate::kRowHeight, 66);
    if (m_table->verticalHeader()->defaultSectionSize() != height)
        m_table->verticalHeader()->setDefaultSectionSize(height);
}

QString TopicView::topic() const
{
    return m_model->topic();
}

void TopicView::setTopic(const QString &topic)
{
    m_model->setSnapshot(m_bridge.snapshot());
    m_model->setTopic(topic);
    updateSummary();
}

void TopicView::onSnapshotUpdated()
{
    m_model->setSnapshot(m_bridge.snapshot());
    updateSummary();
}

void TopicView::updateSummary()
{
    const QString name = m_model->topic();
    const auto snap = m_bridge.snapshot();
    const kl::TopicSnapshot *t = (snap && !name.isEmpty()) ? snap->topic(name.toStdString()) : nullptr;
    updateLegend(t);
    if (name.isEmpty()) {
        m_title->setText(tr("No topic selected"));
        m_summary->setText(tr("Pick a topic in the navigator on the left, or create one in the "
                              "panel on the right."));
        return;
    }
    if (!t) {
        m_title->setText(name);
        m_summary->setText(tr("Topic \"%1\" does not exist (any more).").arg(name));
        return;
    }
    qint64 records = 0;
    qint64 bytes = 0;
    int segments = 0;
    for (const auto &p : t->partitions) {
        records += p.logEndOffset - p.logStartOffset;
        bytes += p.sizeBytes;
        segments += static_cast<int>(p.segments.size());
    }
    const QLocale locale;
    m_title->setText(tr("Topic %1").arg(name));
    m_summary->setText(
        tr("%n partition(s)", nullptr, static_cast<int>(t->partitions.size())) + QStringLiteral(" · ")
        + tr("replication factor %1").arg(t->config.replicationFactor) + QStringLiteral(" · ")
        + tr("%1 records on disk").arg(locale.toString(records)) + QStringLiteral(" · ")
        + tr("%n segment(s)", nullptr, segments) + QStringLiteral(" · ")
        + PartitionStripModel::formatBytes(bytes) + QStringLiteral(" · ")
        + tr("segment.bytes %1").arg(PartitionStripModel::formatBytes(t->config.log.segmentBytes)));
}

void TopicView::updateLegend(const kl::TopicSnapshot *topic)
{
    // Keys seen in the records kept for drawing, with how many records each has there.
    struct KeyInfo {
        uint32_t hash = 0;
        int records = 0;
    };
    std::map<QString, KeyInfo> keys;
    int nullRecords = 0;
    if (topic) {
        for (const auto &p : topic->partitions) {
            if (!p.recent)
                continue;
            for (const kl::RecordCell &c : *p.recent) {
                if (c.keyNull) {
                    ++nullRecords;
                    continue;
                }
                KeyInfo &k = keys[recordbytes::display(c.key, 40, c.key.size() >= 64)];
                k.hash = c.keyHash;
                ++k.records;
            }
        }
    }
    QString html;
    if (!keys.empty() || nullRecords > 0) {
        QCollator collator;
        collator.setNumericMode(true); // order-2 before order-10
        std::vector<QString> names;
        for (const auto &[name, info] : keys)
            names.push_back(name);
        std::sort(names.begin(), names.end(),
                  [&](const QString &a, const QString &b) { return collator.compare(a, b) < 0; });
        constexpr size_t kMaxChips = 40;
        auto chip = [](const QColor &fill, const QString &text) {
            return QStringLiteral("<span style='background-color:%1; color:%2'>&nbsp;%3&nbsp;</span> ")
                .arg(fill.name(), keycolors::textColorOn(fill).name(), text.toHtmlEscaped());
        };
        html = QStringLiteral("<b>%1</b> ").arg(tr("Keys:").toHtmlEscaped());
        for (size_t i = 0; i < names.size() && i < kMaxChips; ++i)
            html += chip(keycolors::keyColor(keys[names[i]].hash), names[i]);
        if (names.size() > kMaxChips)
            html += tr("+%n more", nullptr, int(names.size() - kMaxChips)).toHtmlEscaped();
        if (nullRecords > 0)
            html += chip(keycolors::nullKeyColor(), tr("null key"));
    } else if (topic) {
        html = tr("No records yet: send some with the producer on the right.").toHtmlEscaped();
    }
    html += QStringLiteral("<br><span style='color:gray'>%1</span>")
                .arg(tr("Hover a cell for its key, time and size; double-click a partition to "
                        "open its segment files.").toHtmlEscaped());
    if (html != m_legendHtml) {
        m_legendHtml = html;
        m_legend->setText(html);
    }
}
