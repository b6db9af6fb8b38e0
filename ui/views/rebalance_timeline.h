// RebalanceTimeline: one group's rebalances, newest on top: the generation it produced, when
// it started (engine clock), its cause, its phases with durations (PreparingRebalance ->
// CompletingRebalance -> Stable, from RebalanceSnapshot's timestamps) and which partitions
// moved (for cooperative-sticky only the moved ones; eager assignors list every change).
// A rebalance still running is shown in bold. Rows are rewritten only when the rebalance list
// changes. Drawn from groupmap::GroupMap; GUI thread only.
#pragma once

#include "models/group_model.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

class RebalanceTimeline : public QWidget {
    Q_OBJECT
public:
    explicit RebalanceTimeline(QWidget *parent = nullptr);
    void setMap(const groupmap::GroupMap &map);
    QTreeWidget *list() const { return m_list; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_title = nullptr;
    QTreeWidget *m_list = nullptr;
    QString m_signature; // what the rows show; rebuilt only when it changes
};
