// OrderingPanel: the bottom "Ordering" tab. For one consumer group (combo box), the ordering
// checker's totals from OrderingSnapshot: records checked, per-key order violations (should be
// 0: Kafka keeps order within a partition, and a key always lands in one partition), duplicates
// (the same producer's record read again: re-delivery after a crash or rebalance before a
// commit), gaps (skipped records) and global inversions (records consumed in another order than
// produced, across partitions: expected, since Kafka gives no order across partitions). Each
// count has a one-line explanation. Beside them, one row per producer run (producer id, topic,
// its counts: sequences are per producer id, so two runs never look like duplicates) and the
// newest findings in words (OrderingFindings). Reset asks the engine to clear the group's
// checker (resetRequested -> Bridge::resetOrdering); showResetResult shows the answer next to
// the button. Drawn from snapshots (setSnapshot); GUI thread only.
#pragma once

#include "api/snapshot.h"
#include "core/status.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

class OrderingPanel : public QWidget {
    Q_OBJECT
public:
    explicit OrderingPanel(QWidget *parent = nullptr);

    QString currentGroup() const { return m_group; }
    void setGroup(const QString &groupId);
    // The number shown for "checked", "perKey", "duplicates", "gaps", "global" (tests).
    QString countText(const QString &name) const;
    QListWidget *findings() const { return m_findings; }
    QTableWidget *producers() const { return m_producers; }
    QPushButton *resetButton() const { return m_reset; }
    QString verdict() const;

signals:
    // The user asked to clear this group's ordering findings.
    void resetRequested(const QString &groupId);

public slots:
    void setSnapshot(std::shared_ptr<const kl::ClusterSnapshot> snapshot);
    // The engine's answer to a reset of `groupId`.
    void showResetResult(const QString &groupId, const kl::Status &status);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // Every text in the UI language (from the constructor, again on QEvent::LanguageChange):
    // labels, headers, counts' meanings, the verdict, findings and the last reset's answer.
    void retranslateUi();
    void showResetText();
    void redraw();
    void redrawProducers(const kl::OrderingSnapshot &o);
    QLabel *addRow(int row, const QString &name);

    enum class ResetState { None, Pending, Answered };

    std::shared_ptr<const kl::ClusterSnapshot> m_snapshot;
    QString m_group;
    bool m_stale = false;
    QComboBox *m_groups = nullptr;
    QLabel *m_verdict = nullptr;
    QPushButton *m_reset = nullptr;
    QLabel *m_resetResult = nullptr;
    QLabel *m_checked = nullptr;
    QLabel *m_perKey = nullptr;
    QLabel *m_duplicates = nullptr;
    QLabel *m_gaps = nullptr;
    QLabel *m_global = nullptr;
    QTableWidget *m_producers = nullptr;
    QListWidget *m_findings = nullptr;
    QLabel *m_groupLabel = nullptr;
    QLabel *m_perProducerLabel = nullptr;
    QLabel *m_recentLabel = nullptr;
    QList<QLabel *> m_rowTitles; // checked, per-key, duplicates, gaps, global
    QList<QLabel *> m_rowMeanings;
    ResetState m_resetState = ResetState::None;
    QString m_resetGroup;
    kl::Status m_resetStatus;
};
