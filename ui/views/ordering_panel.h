// OrderingPanel: the bottom "Ordering" tab. For one consumer group (combo box), the ordering
// checker's totals from OrderingSnapshot: records checked, per-key order violations (should be
// 0: Kafka keeps order within a partition, and a key always lands in one partition), duplicates
// (re-delivery after a rebalance before a commit), gaps (skipped records) and global inversions
// (records consumed in another order than produced, across partitions: expected, since Kafka
// gives no order across partitions). Each count has a one-line explanation; the newest findings
// are listed below. Drawn from snapshots (setSnapshot); GUI thread only.
#pragma once

#include "api/snapshot.h"

#include <QList>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QListWidget;

class OrderingPanel : public QWidget {
    Q_OBJECT
public:
    explicit OrderingPanel(QWidget *parent = nullptr);

    QString currentGroup() const { return m_group; }
    void setGroup(const QString &groupId);
    // The number shown for "checked", "perKey", "duplicates", "gaps", "global" (tests).
    QString countText(const QString &name) const;
    QListWidget *findings() const { return m_findings; }
    QString verdict() const;

public slots:
    void setSnapshot(std::shared_ptr<const kl::ClusterSnapshot> snapshot);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void redraw();
    void retranslateUi();
    // A count row: its title, value and explanation labels (texts set by retranslateUi).
    QLabel *addRow(int row, const QString &name);
    struct CountRow {
        QLabel *title = nullptr;
        QLabel *value = nullptr;
        QLabel *why = nullptr;
    };
    QList<CountRow> m_rows;
    QLabel *m_groupLabel = nullptr;
    QLabel *m_findingsTitle = nullptr;

    std::shared_ptr<const kl::ClusterSnapshot> m_snapshot;
    QString m_group;
    bool m_stale = false;
    QComboBox *m_groups = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_checked = nullptr;
    QLabel *m_perKey = nullptr;
    QLabel *m_duplicates = nullptr;
    QLabel *m_gaps = nullptr;
    QLabel *m_global = nullptr;
    QListWidget *m_findings = nullptr;
};
