// MainWindow: lays out Kafka Lab's window and nothing more (wiring lives in app/).
//   toolbar:  cluster status (brokers ●●●) · engine clock · records produced · 한국어|English
//   left:     navigator (brokers, topics)
//   center:   tabs "Topic" (TopicView) and "Files" (SegmentBrowser)
//   right:    TopicAdminPanel above ProducerPanel (scrollable, so nothing is clipped at 800 px)
//   bottom:   tabs with the events panel
// Selecting a topic anywhere selects it in every panel. Splitter sizes are remembered with
// QSettings. The language toggle only emits languageRequested(); the app reinstalls the
// translator and rebuilds the window (simplest way to retranslate every string).
// Owns its children; the Bridge outlives it. GUI thread only.
#pragma once

#include <QMainWindow>
#include <QString>

class Bridge;
class EventsPanel;
class ProducerPanel;
class QButtonGroup;
class QLabel;
class QSplitter;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;
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
    QTreeWidget *navigator() const { return m_navigator; }

public slots:
    void selectTopic(const QString &topic);

signals:
    void languageRequested(const QString &code);
    void currentTopicChanged(const QString &topic);

private slots:
    void onSnapshotUpdated();
    void onNavigatorClicked(QTreeWidgetItem *item);

private:
    void buildToolBar();
    QWidget *buildRightColumn();
    void rebuildNavigator();
    void saveLayout() const;
    void restoreLayout();

    Bridge &m_bridge;
    QString m_currentTopic;
    QString m_navigatorSignature; // what the navigator shows; rebuilt only when it changes
    QLabel *m_cluster = nullptr;
    QLabel *m_clock = nullptr;
    QLabel *m_produced = nullptr;
    QButtonGroup *m_languages = nullptr;
    QTreeWidget *m_navigator = nullptr;
    QTabWidget *m_center = nullptr;
    TopicView *m_topicView = nullptr;
    SegmentBrowser *m_files = nullptr;
    TopicAdminPanel *m_admin = nullptr;
    ProducerPanel *m_producer = nullptr;
    QTabWidget *m_bottom = nullptr;
    EventsPanel *m_events = nullptr;
    QSplitter *m_vertical = nullptr;
    QSplitter *m_horizontal = nullptr;
};
