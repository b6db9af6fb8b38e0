// MainWindow: lays out Kafka Lab's window and nothing more (wiring lives in app/).
//   toolbar:  cluster status (brokers ●●●) · engine clock · records produced · 한국어|English
//   left:     navigator (brokers, topics)
//   center:   tabs "Topic" (TopicView), "Cluster" (ClusterView) and "Files" (SegmentBrowser)
//   right:    tabs "Producer" (first, so Send and the key -> partition explanation are in view
//             at 1280x800) and "Topics" (TopicAdminPanel), each scrollable
//   bottom:   tabs with the events timeline; selecting an event highlights what changed
//             (Cluster tab for brokers/replicas, the partition row in the Topic tab otherwise)
// The Cluster tab's fault buttons go to the Bridge; results come back to the tab.
// Selecting a topic anywhere selects it in every panel. Splitter sizes are remembered with
// QSettings. The language toggle only emits languageRequested(); the app installs the other
// translator and every widget retranslates itself on QEvent::LanguageChange (state is kept);
// retranslated() follows the window's own texts.
// Owns its children; the Bridge outlives it. GUI thread only.
#pragma once

#include "api/events.h"

#include <QMainWindow>
#include <QString>

class Bridge;
class ClusterView;
class EventsPanel;
class GroupTabs;
class ProducerPanel;
class QButtonGroup;
class QLabel;
class QSplitter;
class QTabWidget;
class QToolBar;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;
class ScenarioMenu;
class SegmentBrowser;
class TopicAdminPanel;
class TopicView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Bridge &bridge, QWidget *parent = nullptr);
    ~MainWindow() override;

    QString currentTopic() const { return m_currentTopic; }
    // Which language button is shown as active ("ko" or "en").
    void setLanguage(const QString &code);

    TopicView *topicView() const { return m_topicView; }
    EventsPanel *eventsPanel() const { return m_events; }
    ClusterView *clusterView() const { return m_clusterView; }
    ProducerPanel *producerPanel() const { return m_producer; }
    QTabWidget *centerTabs() const { return m_center; }
    QTabWidget *bottomTabs() const { return m_bottom; }
    GroupTabs *groupTabs() const { return m_groupTabs; }
    QTabWidget *rightTabs() const { return m_right; }
    QTreeWidget *navigator() const { return m_navigator; }
    // The toolbar's "Scenario" menu (play a file or an example; back to the live cluster).
    ScenarioMenu *scenarioMenu() const { return m_scenarioMenu; }
    // Where real Kafka clients connect ("127.0.0.1:9092,127.0.0.1:9093,..."; empty: nothing is
    // listening) and, if the usual ports were taken, a note saying so. Shown in the toolbar
    // with a button that copies the bootstrap string.
    void setListeners(const QString &bootstrapServers, const QString &note);
    // Where Prometheus scrapes the cluster ("http://127.0.0.1:9308/metrics"; empty: nowhere),
    // shown in the toolbar as a link that opens it.
    void setMetrics(const QString &url);

public slots:
    void selectTopic(const QString &topic);
    // The centre tab: "topic", "cluster", "groups" or "files".
    void setCurrentView(const QString &name);

signals:
    void languageRequested(const QString &code);
    void retranslated(); // after the window set its texts in the current language
    void currentTopicChanged(const QString &topic);

private slots:
    void onSnapshotUpdated();
    void onNavigatorClicked(QTreeWidgetItem *item);
    void onEventSelected(const kl::Event &event);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void retranslateNavigator();
    void buildToolBar();
    void connectClusterView();
    QWidget *buildRightColumn();
    void rebuildNavigator();
    void saveLayout() const;
    void restoreLayout();

    Bridge &m_bridge;
    QString m_currentTopic;
    QString m_navigatorSignature; // what the navigator shows; rebuilt only when it changes
    QToolBar *m_toolBar = nullptr;
    QToolButton *m_scenarioButton = nullptr;
    QLabel *m_cluster = nullptr;
    QLabel *m_clock = nullptr;
    QLabel *m_produced = nullptr;
    QLabel *m_listeners = nullptr;
    QToolButton *m_copyBootstrap = nullptr;
    QAction *m_listenersSeparator = nullptr;
    QAction *m_listenersAction = nullptr;
    QAction *m_copyAction = nullptr;
    QLabel *m_metrics = nullptr;
    QAction *m_metricsAction = nullptr;
    QString m_metricsUrl;
    QString m_bootstrap;
    bool m_portsMoved = false; // the usual ports were taken: others were chosen
    QButtonGroup *m_languages = nullptr;
    QTreeWidget *m_navigator = nullptr;
    QTabWidget *m_center = nullptr;
    TopicView *m_topicView = nullptr;
    SegmentBrowser *m_files = nullptr;
    ClusterView *m_clusterView = nullptr;
    QTabWidget *m_right = nullptr;
    TopicAdminPanel *m_admin = nullptr;
    ProducerPanel *m_producer = nullptr;
    QTabWidget *m_bottom = nullptr;
    GroupTabs *m_groupTabs = nullptr; // Groups tab + Lag / Throughput / Ordering bottom tabs
    EventsPanel *m_events = nullptr;
    QSplitter *m_vertical = nullptr;
    QSplitter *m_horizontal = nullptr;
    ScenarioMenu *m_scenarioMenu = nullptr;
};
