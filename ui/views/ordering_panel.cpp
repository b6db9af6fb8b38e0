// OrderingPanel: the ordering checker's counts, their meaning, recent findings.
#include "views/ordering_panel.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

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
    top->addWidget(m_verdict, 1);
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
    m_findingsTitle = new QLabel(right);
    rl->addWidget(m_findingsTitle);
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
    m_groupLabel->setText(tr("Group"));
    m_findingsTitle->setText(tr("Recent findings (newest first)"));
    // The count rows, in addRow's order: title, and what the count means.
    const QString rows[][2] = {
        {tr("checked"), tr("records whose per-key sequence number the consumers checked")},
        {tr("per-key violations"), tr("a key's sequence went backwards; should stay 0: a key always goes to "
                                      "one partition, and a partition is read in order")},
        {tr("duplicates"), tr("a record read again: consumed after the last commit, then its "
                              "partition moved (at-least-once delivery)")},
        {tr("gaps"), tr("a key's sequence skipped ahead: records lost or skipped")},
        {tr("global inversions"), tr("records consumed in another order than produced, across partitions: "
                                     "normal, Kafka orders only within a partition")},
    };
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const CountRow &r = m_rows[i];
        r.title->setText(rows[i][0]);
        r.why->setText(rows[i][1]);
        for (QLabel *l : {r.title, r.value, r.why})
            l->setToolTip(rows[i][1]);
    }
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
    why->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // clipped, never widening
    m_rows.append({t, value, why});
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
    if (!g) {
        for (QLabel *l : {m_checked, m_perKey, m_duplicates, m_gaps, m_global})
            l->setText(QStringLiteral("–"));
        m_verdict->setText(tr("no consumer group yet"));
        m_verdict->setStyleSheet(QString());
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
        m_verdict->setText(tr("nothing checked yet"));
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
    QStringList recent;
    for (auto it = o.recent.rbegin(); it != o.recent.rend(); ++it)
        recent << QString::fromStdString(*it);
    QStringList listed;
    for (int i = 0; i < m_findings->count(); ++i)
        listed << m_findings->item(i)->text();
    if (recent != listed) {
        m_findings->clear();
        m_findings->addItems(recent);
    }
}
