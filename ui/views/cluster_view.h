// ClusterView: the "Cluster" tab. Brokers side by side as columns; each column shows the
// broker's state (running / crashed / isolated), the controller marker, its fault buttons
// (Crash, Restart, Isolate/Heal, Slow follower ▾) and its partition replicas as tiles
// (ReplicaTiles). Under the columns: the selected partition's summary and "Elect preferred
// leader". An action the current state refuses is disabled with a tooltip saying why.
// It knows no engine: it draws whatever snapshot it is given (setSnapshot, from the Bridge at
// its refresh rate, or hand-built in tests) and asks for actions through signals; MainWindow
// wires those to the Bridge and feeds results back with showCommandResult().
// highlightEvent() makes the tiles/brokers an event concerns glow for a few seconds.
// While hidden (another tab is in front) snapshots are only kept, and drawn when it shows.
// Owns its children; GUI thread only.
#pragma once

#include "api/events.h"
#include "api/snapshot.h"
#include "core/status.h"
#include "models/cluster_map_model.h"

#include <QElapsedTimer>
#include <QMap>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QFrame;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QToolButton;
class ReplicaTiles;

class ClusterView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kHighlightMs = 3000;

    explicit ClusterView(QWidget *parent = nullptr);
    ~ClusterView() override;

    const clustermap::ClusterMap &map() const { return m_map; }
    QString topicFilter() const { return m_filter; }
    QString selectedTopic() const { return m_selectedTopic; }
    int selectedPartition() const { return m_selectedPartition; }
    int columnCount() const { return static_cast<int>(m_columns.size()); }
    ReplicaTiles *tilesOf(int broker) const;
    // Brokers and the partition currently glowing (empty / -1 when nothing is).
    QSet<int> highlightedBrokers() const { return m_hlBrokers; }
    QString highlightedTopic() const { return m_hlTopic; }
    int highlightedPartition() const { return m_hlPartition; }

public slots:
    void setSnapshot(std::shared_ptr<const kl::ClusterSnapshot> snapshot);
    void setTopicFilter(const QString &topic); // empty = all topics
    void selectPartition(const QString &topic, int partition);
    // True if the event concerns brokers or partitions this view shows (and they now glow).
    bool highlightEvent(const kl::Event &event);
    // action: "crash", "restart", "isolate", "heal", "slow", "elect"; target: "broker-2", "orders-0"
    void showCommandResult(const QString &action, const QString &target, const kl::Status &status);

signals:
    void crashRequested(int broker);
    void restartRequested(int broker);
    void isolateRequested(int broker);
    void healRequested(int broker);
    void slowFollowerRequested(int broker, qint64 delayMs);
    void electPreferredLeaderRequested(const QString &topic, int partition);
    void showPartitionRequested(const QString &topic, int partition); // in the Topic view
    // The user picked this topic here (a tile clicked, the topic filter chosen): the producer
    // and group forms follow it.
    void topicChosen(const QString &topic);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Column {
        int id = 0;
        QFrame *frame = nullptr;
        QLabel *title = nullptr;
        QLabel *state = nullptr;
        QLabel *controller = nullptr;
        QLabel *detail = nullptr;
        QPushButton *crash = nullptr;
        QPushButton *restart = nullptr;
        QPushButton *isolate = nullptr; // Isolate or Heal, by state
        QToolButton *slow = nullptr;
        ReplicaTiles *tiles = nullptr;
    };

    void retranslateUi();
    void retranslateColumn(Column &column);
    QWidget *buildHeader();
    QWidget *buildPartitionBar();
    void rebuildColumns();
    Column makeColumn(int brokerId);
    void updateColumn(Column &column, const clustermap::Broker &broker);
    void updatePartitionBar();
    void syncTopicCombo();
    void rebuildMap();
    void startHighlight(const QSet<int> &brokers, const QString &topic, int partition);
    void stepHighlight();

    std::shared_ptr<const kl::ClusterSnapshot> m_snapshot;
    clustermap::ClusterMap m_map;
    bool m_stale = false; // a snapshot arrived while hidden (or too soon): rebuild when shown / due
    // A map of 30,000 replica tiles takes tens of ms to build: snapshots arriving sooner than
    // 3x the last build's time after it are drawn by m_deferred, so building takes at most a
    // quarter of the GUI thread and input stays served (issue 10, Scale).
    QElapsedTimer m_sinceBuild;
    qint64 m_lastBuildMs = 0;
    QTimer m_deferred;
    QString m_filter;
    QString m_selectedTopic;
    int m_selectedPartition = -1;

    QLabel *m_topicLabel = nullptr;
    QComboBox *m_topics = nullptr;
    QCheckBox *m_showInternal = nullptr; // Kafka's internal topics: collapsed unless checked
    QWidget *m_legend = nullptr;
    QLabel *m_legendLeader = nullptr;
    QLabel *m_legendInSync = nullptr;
    QLabel *m_legendOutOfSync = nullptr;
    QLabel *m_legendOffline = nullptr;
    QLabel *m_legendPreferred = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_columnsHost = nullptr;
    QHBoxLayout *m_columnsLayout = nullptr;
    QVector<Column> m_columns;
    QLabel *m_partitionSummary = nullptr;
    QPushButton *m_elect = nullptr;
    QPushButton *m_showInTopic = nullptr;
    QLabel *m_result = nullptr;

    QSet<int> m_hlBrokers;
    QString m_hlTopic;
    int m_hlPartition = -1;
    QElapsedTimer m_hlClock;
    QTimer m_hlTimer;
};
