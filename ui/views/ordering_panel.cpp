// OrderingPanel: the ordering checker's counts, their meaning, per-producer rows, recent
// findings, Reset.
#include "views/ordering_panel.h"

#include "core/error_code.h"
#include "views/ordering_findings.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace {

enum ProducerColumn { ColProducer, ColTopic, ColChecked, ColDuplicates, ColViolations, ColGaps, ColCount };

} // namespace

OrderingPanel::OrderingPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("orderingPanel"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);

    auto *left = new QWidget(this);
    auto *grid = new QGridLayout(left);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setVerticalSpacing(1);
    auto *top = new QHBoxLayout;
    m_groupLabel = new QLabel(left);
    top->addWidget(m_groupLabel);
    m_groups = new QComboBox(left);
    m_groups->setObjectName(QStringLiteral("orderingGroup"));
    m_groups->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_groups, &QComboBox::activated, this,
            [this](int i) { setGroup(m_groups->itemData(i).toString()); });
    top->addWidget(m_groups);
    top->addSpacing(8);
    m_verdict = new QLabel(left);
    m_verdict->setObjectName(QStringLiteral("orderingVerdict"));
    m_verdict->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // clipped, never widening
    top->addWidget(m_verdict, 1);
    m_resetResult = new QLabel(left);
    m_resetResult->setObjectName(QStringLiteral("orderingResetResult"));
    top->addWidget(m_resetResult);
    m_reset = new QPushButton(left);
    m_reset->setObjectName(QStringLiteral("orderingReset"));
    connect(m_reset, &QPushButton::clicked, this, [this] {
        if (m_group.isEmpty())
            return;
        m_resetState = ResetState::Pending;
        m_resetGroup = m_group;
        showResetText();
        emit resetRequested(m_group);
    });
    top->addWidget(m_reset);
    grid->addLayout(top, 0, 0, 1, 3);
    m_checked = addRow(1, QStringLiteral("checked"));
    m_perKey = addRow(2, QStringLiteral("perKey"));
    m_duplicates = addRow(3, QStringLiteral("duplicates"));
    m_gaps = addRow(4, QStringLiteral("gaps"));
    m_global = addRow(5, QStringLiteral("global"));
    grid->setColumnStretch(2, 1);
    grid->setRowStretch(6, 1);
    layout->addWidget(left, 3);

    auto *right = new QWidget(this);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    rl->setSpacing(1);
    m_perProducerLabel = new QLabel(right);
    m_perProducerLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    rl->addWidget(m_perProducerLabel);
    m_producers = new QTableWidget(0, ColCount, right);
    m_producers->setObjectName(QStringLiteral("orderingProducers"));
    m_producers->verticalHeader()->hide();
    m_producers->verticalHeader()->setDefaultSectionSize(m_producers->fontMetrics().height() + 4);
    m_producers->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_producers->horizontalHeader()->setSectionResizeMode(ColTopic, QHeaderView::Stretch);
    m_producers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_producers->setSelectionMode(QAbstractItemView::NoSelection);
    m_producers->setFocusPolicy(Qt::NoFocus);
    rl->addWidget(m_producers, 1);
    m_recentLabel = new QLabel(right);
    rl->addWidget(m_recentLabel);
    m_findings = new QListWidget(right);
    m_findings->setObjectName(QStringLiteral("orderingFindings"));
    m_findings->setWordWrap(true);
    m_findings->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    rl->addWidget(m_findings, 1);
    layout->addWidget(right, 2);
    retranslateUi();
}

void OrderingPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void OrderingPanel::retranslateUi()
{
    using Kind = kl::OrderingFindingKind;
    m_groupLabel->setText(tr("Group"));
    m_reset->setText(tr("Reset"));
    const QStringList titles = {tr("checked"), tr("per-key violations"), tr("duplicates"), tr("gaps"),
                                tr("global inversions")};
    const QStringList meanings = {
        tr("records stamped with a producer id and per-key sequence that the "
           "consumers checked (others, e.g. null keys or hand-sent records, are not)"),
        OrderingFindings::meaning(Kind::Violation), OrderingFindings::meaning(Kind::Duplicate),
        OrderingFindings::meaning(Kind::Gap), OrderingFindings::meaning(Kind::GlobalInversion)};
    const QList<QLabel *> values = {m_checked, m_perKey, m_duplicates, m_gaps, m_global};
    for (qsizetype i = 0; i < m_rowTitles.size(); ++i) {
        m_rowTitles[i]->setText(titles[i]);
        m_rowTitles[i]->setToolTip(meanings[i]);
        m_rowMeanings[i]->setText(meanings[i]);
        m_rowMeanings[i]->setToolTip(meanings[i]);
        values[i]->setToolTip(meanings[i]);
    }
    m_perProducerLabel->setText(tr("Per producer (each auto-producer run has its own producer id)"));
    m_perProducerLabel->setToolTip(m_perProducerLabel->text());
    m_producers->setHorizontalHeaderLabels({tr("Producer"), tr("Topic"), tr("Checked"), tr("Duplicates"),
                                            tr("Order violations"), tr("Gaps")});
    const QString producerTip = tr("The producer id: every auto-producer run gets a new one and stamps "
                                   "its values \"<key>@p<id>#<sequence>\", like the producer id and "
                                   "sequence of Kafka's idempotent producer");
    m_producers->horizontalHeaderItem(ColProducer)->setToolTip(producerTip);
    m_producers->horizontalHeaderItem(ColTopic)->setToolTip(tr("The topic this producer wrote to"));
    m_producers->horizontalHeaderItem(ColChecked)->setToolTip(tr("This producer's records the group checked"));
    m_producers->horizontalHeaderItem(ColDuplicates)->setToolTip(OrderingFindings::meaning(Kind::Duplicate));
    m_producers->horizontalHeaderItem(ColViolations)->setToolTip(OrderingFindings::meaning(Kind::Violation));
    m_producers->horizontalHeaderItem(ColGaps)->setToolTip(OrderingFindings::meaning(Kind::Gap));
    m_recentLabel->setText(tr("Recent findings (newest first)"));
    showResetText();
    redraw();
}

QLabel *OrderingPanel::addRow(int row, const QString &name)
{
    auto *grid = static_cast<QGridLayout *>(m_groups->parentWidget()->layout());
    auto *t = new QLabel(this);
    auto *value = new QLabel(QStringLiteral("–"), this);
    value->setObjectName(QStringLiteral("ordering-") + name);
    value->setMinimumWidth(60);
    value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto *why = new QLabel(this);
    why->setStyleSheet(QStringLiteral("color:#666"));
    why->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widening: wraps
    why->setWordWrap(true);
    m_rowTitles << t;
    m_rowMeanings << why;
    grid->addWidget(t, row, 0);
    grid->addWidget(value, row, 1);
    grid->addWidget(why, row, 2);
    return value;
}

void OrderingPanel::setGroup(const QString &groupId)
{
    m_group = groupId;
    const int i = m_groups->findData(groupId);
    if (i >= 0)
        m_groups->setCurrentIndex(i);
    redraw();
}

QString OrderingPanel::countText(const QString &name) const
{
    if (auto *l = findChild<QLabel *>(QStringLiteral("ordering-") + name))
        return l->text();
    return {};
}

QString OrderingPanel::verdict() const
{
    return m_verdict->text();
}

void OrderingPanel::setSnapshot(std::shared_ptr<const kl::ClusterSnapshot> snapshot)
{
    if (!snapshot)
        return;
    m_snapshot = std::move(snapshot);
    if (isVisible())
        redraw();
    else
        m_stale = true;
}

void OrderingPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        redraw();
}

void OrderingPanel::redraw()
{
    m_stale = false;
    QStringList ids;
    if (m_snapshot)
        for (const auto &g : m_snapshot->groups)
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
    {
        const QSignalBlocker block(m_groups);
        m_groups->setCurrentIndex(m_groups->findData(m_group));
    }

    const kl::GroupSnapshot *g = nullptr;
    if (m_snapshot)
        for (const auto &x : m_snapshot->groups)
            if (QString::fromStdString(x.groupId) == m_group)
                g = &x;
    m_reset->setEnabled(g != nullptr);
    m_reset->setToolTip(g ? tr("Clear this group's ordering counts, producers and findings; checking "
                               "starts again from the next record it reads")
                          : tr("No consumer group to reset yet: start one on the Groups tab"));
    if (!g) {
        for (QLabel *l : {m_checked, m_perKey, m_duplicates, m_gaps, m_global})
            l->setText(QStringLiteral("–"));
        m_verdict->setText(tr("no consumer group yet"));
        m_verdict->setStyleSheet(QString());
        m_producers->setRowCount(0);
        m_findings->clear();
        return;
    }
    const kl::OrderingSnapshot &o = g->ordering;
    m_checked->setText(QString::number(o.checked));
    m_perKey->setText(QString::number(o.perKeyViolations));
    m_duplicates->setText(QString::number(o.duplicates));
    m_gaps->setText(QString::number(o.gaps));
    m_global->setText(QString::number(o.globalInversions));
    auto mark = [](QLabel *l, bool bad, const QString &badColour) {
        l->setStyleSheet(bad ? QStringLiteral("font-weight:bold; color:%1").arg(badColour)
                             : QStringLiteral("font-weight:bold"));
    };
    mark(m_perKey, o.perKeyViolations > 0, QStringLiteral("#c62828"));
    mark(m_duplicates, o.duplicates > 0, QStringLiteral("#ef6c00"));
    mark(m_gaps, o.gaps > 0, QStringLiteral("#c62828"));
    mark(m_global, o.globalInversions > 0, QStringLiteral("#1565c0"));
    if (o.checked == 0) {
        m_verdict->setText(o.unchecked > 0
                               ? tr("nothing checked yet: %n record(s) read carry no producer id and "
                                    "sequence (null keys, hand-sent records, or data from before producer ids)",
                                    nullptr, static_cast<int>(std::min<int64_t>(o.unchecked, INT32_MAX)))
                               : tr("nothing checked yet"));
        m_verdict->setStyleSheet(QString());
    } else if (o.perKeyViolations == 0) {
        m_verdict->setText(o.globalInversions > 0
                               ? tr("✓ per-key order holds; global order across partitions does not")
                               : tr("✓ per-key order holds"));
        m_verdict->setStyleSheet(QStringLiteral("color:#2e7d32; font-weight:bold"));
    } else {
        m_verdict->setText(tr("✗ per-key order violated"));
        m_verdict->setStyleSheet(QStringLiteral("color:#c62828; font-weight:bold"));
    }
    redrawProducers(o);
    const qint64 started = m_snapshot->startedMs;
    QStringList recent;
    QStringList tips;
    for (auto it = o.recent.rbegin(); it != o.recent.rend(); ++it) {
        recent << OrderingFindings::text(*it, started);
        tips << OrderingFindings::toolTip(*it, started);
    }
    QStringList listed;
    for (int i = 0; i < m_findings->count(); ++i)
        listed << m_findings->item(i)->text();
    if (recent != listed) {
        m_findings->clear();
        m_findings->addItems(recent);
        for (int i = 0; i < m_findings->count(); ++i)
            m_findings->item(i)->setToolTip(tips[i]);
    }
}

void OrderingPanel::redrawProducers(const kl::OrderingSnapshot &o)
{
    m_producers->setRowCount(static_cast<int>(o.producers.size()));
    auto cell = [this](int row, int column, const QString &text) {
        QTableWidgetItem *item = m_producers->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            m_producers->setItem(row, column, item);
        }
        if (item->text() != text)
            item->setText(text);
        return item;
    };
    auto count = [&](int row, int column, int64_t n, const QString &badColour) {
        QTableWidgetItem *item = cell(row, column, QString::number(n));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        item->setForeground(n > 0 && !badColour.isEmpty() ? QBrush(QColor(badColour)) : QBrush());
    };
    for (int row = 0; row < static_cast<int>(o.producers.size()); ++row) {
        const kl::OrderingProducerSnapshot &p = o.producers[static_cast<size_t>(row)];
        cell(row, ColProducer, OrderingFindings::producerName(p.producerId))
            ->setToolTip(tr("producer id %1: values stamped \"<key>@p%1#<sequence>\"").arg(p.producerId));
        cell(row, ColTopic, QString::fromStdString(p.topic));
        count(row, ColChecked, p.checked, QString());
        count(row, ColDuplicates, p.duplicates, QStringLiteral("#ef6c00"));
        count(row, ColViolations, p.perKeyViolations, QStringLiteral("#c62828"));
        count(row, ColGaps, p.gaps, QStringLiteral("#c62828"));
    }
}

void OrderingPanel::showResetResult(const QString &groupId, const kl::Status &status)
{
    m_resetState = ResetState::Answered;
    m_resetGroup = groupId;
    m_resetStatus = status;
    showResetText();
}

// The last reset's state in the current language (nothing before the first Reset).
void OrderingPanel::showResetText()
{
    const QString &groupId = m_resetGroup;
    const kl::Status &status = m_resetStatus;
    if (m_resetState == ResetState::None) {
        m_resetResult->clear();
        m_resetResult->setToolTip(QString());
        return;
    }
    if (m_resetState == ResetState::Pending) {
        m_resetResult->setStyleSheet(QString());
        m_resetResult->setText(tr("resetting…"));
    } else if (status.isOk()) {
        m_resetResult->setStyleSheet(QStringLiteral("color:#2e7d32"));
        m_resetResult->setText(tr("%1: counts reset").arg(groupId));
    } else {
        const std::string_view name = kl::errorName(status.code());
        m_resetResult->setStyleSheet(QStringLiteral("color:#c62828"));
        m_resetResult->setText(tr("reset of %1 refused: %2 — %3")
                                   .arg(groupId, QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size())),
                                        QString::fromStdString(status.message())));
    }
    m_resetResult->setToolTip(m_resetResult->text());
}
