// RebalanceTimeline: rows from GroupMap::rebalances.
#include "views/rebalance_timeline.h"

#include "views/events_panel.h"

#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

RebalanceTimeline::RebalanceTimeline(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_title = new QLabel(this);
    layout->addWidget(m_title);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("rebalanceTimeline"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_list->setColumnCount(5); // before the widths: a column that does not exist yet takes none
    m_list->setColumnWidth(0, 44);
    m_list->setColumnWidth(1, 90);
    m_list->setColumnWidth(2, 200);
    m_list->setColumnWidth(3, 160);
    layout->addWidget(m_list, 1);
    retranslateUi();
}

void RebalanceTimeline::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

// The title and headers; the rows follow the next setMap (their texts are in the signature).
void RebalanceTimeline::retranslateUi()
{
    m_title->setText(tr("<b>Rebalances</b> (newest first): why, how long each phase took, "
                        "which partitions moved"));
    m_list->setHeaderLabels({tr("Gen."), tr("Started"), tr("Cause"),
                             tr("Preparing → Completing"), tr("Moved")});
    m_list->headerItem()->setToolTip(0, tr("The generation this rebalance produced"));
    m_list->headerItem()->setToolTip(3, tr("PreparingRebalance: waiting for members to join; "
                                           "CompletingRebalance: waiting for the leader's "
                                           "assignment; then Stable"));
    m_list->headerItem()->setToolTip(4, tr("Partitions that changed owner (cooperative-sticky "
                                           "revokes only these; eager assignors revoke all)"));
}

void RebalanceTimeline::setMap(const groupmap::GroupMap &map)
{
    const QString none = tr("no rebalance yet");
    // The cause in the UI language from its typed code (the engine's English only when an
    // old snapshot has no code).
    QStringList causes;
    for (const groupmap::Rebalance &r : map.rebalances) {
        const QString typed = EventsPanel::rebalanceCause(r.causeCode, r.causeClient, r.causeLimitMs);
        causes << (typed.isEmpty() ? r.cause : typed);
    }
    QString signature = map.groupId + (map.rebalances.isEmpty() ? none : QString());
    for (qsizetype i = 0; i < map.rebalances.size(); ++i) {
        const groupmap::Rebalance &r = map.rebalances[i];
        signature += QStringLiteral("|%1/%2/%3/%4/%5").arg(r.generation).arg(r.startedMs).arg(r.phases, r.movedText, causes[i]);
    }
    if (signature == m_signature)
        return;
    m_signature = signature;
    m_list->clear();
    for (qsizetype i = 0; i < map.rebalances.size(); ++i) {
        const groupmap::Rebalance &r = map.rebalances[i];
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, r.generation >= 0 ? QString::number(r.generation) : QStringLiteral("…"));
        item->setText(1, QDateTime::fromMSecsSinceEpoch(r.startedMs).toString(QStringLiteral("HH:mm:ss.zzz")));
        item->setText(2, causes[i]);
        item->setToolTip(2, causes[i]);
        item->setText(3, r.phasesShort);
        item->setToolTip(3, r.phases);
        item->setText(4, r.movedText);
        item->setToolTip(4, r.moved.isEmpty() ? r.movedText : r.moved.join(QLatin1Char('\n')));
        if (!r.finished) {
            QFont bold = item->font(0);
            bold.setBold(true);
            for (int c = 0; c < 5; ++c)
                item->setFont(c, bold);
        }
    }
    if (map.rebalances.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(2, none);
        item->setFlags(Qt::ItemIsEnabled);
    }
}
