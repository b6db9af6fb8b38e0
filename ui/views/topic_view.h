// TopicView: the "Topic" tab. A summary line for the selected topic (partitions, replication,
// records, segment.bytes) above a QTableView with one row per partition (PartitionStripModel),
// the log column drawn by PartitionStripDelegate, and under it a legend of the keys in view
// with their colours (the same colour a key has everywhere). Pulls the Bridge's snapshot on every
// snapshotUpdated(); the model repaints only the rows that changed.
// Double-clicking a row asks to open that partition's files (partitionActivated).
// Owns its children; the Bridge outlives it. GUI thread only.
#pragma once

#include <QString>
#include <QWidget>

namespace kl {
struct TopicSnapshot;
}

class Bridge;
class PartitionStripModel;
class QLabel;
class QTableView;

class TopicView : public QWidget {
    Q_OBJECT
public:
    explicit TopicView(Bridge &bridge, QWidget *parent = nullptr);

    QString topic() const;
    QTableView *table() const { return m_table; }
    PartitionStripModel *model() const { return m_model; }

public slots:
    void setTopic(const QString &topic);

signals:
    void partitionActivated(const QString &topic, int partition);

private slots:
    void onSnapshotUpdated();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fitRowHeight();
    void updateSummary();
    void updateLegend(const kl::TopicSnapshot *topic);

    Bridge &m_bridge;
    PartitionStripModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_legend = nullptr;   // key -> colour chips for the keys in view
    QString m_legendHtml;         // last legend text, to skip needless relayouts
};
