// MainWindow: layout, navigator and the toolbar's status labels.
#include "views/main_window.h"

#include "bridge/bridge.h"
#include "core/topic_name.h"
#include "views/cluster_view.h"
#include "views/events_panel.h"
#include "views/group_tabs.h"
#include "views/groups_view.h"
#include "charts/lag_chart.h"
#include "charts/throughput_chart.h"
#include "views/ordering_panel.h"
#include "views/producer_panel.h"
#include "views/segment_browser.h"
#include "views/topic_admin_panel.h"
#include "views/topic_view.h"
#include "player/scenario_menu.h"

#include <algorithm>
#include <limits>

#include <QButtonGroup>
#include <QClipboard>
#include <QGuiApplication>
#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTableView>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <vector>

namespace {
enum NavRole { KindRole = Qt::UserRole + 1, NameRole, PartitionsRole };
enum NavKind { BrokerItem = 1, TopicItem = 2, BrokersHeading = 3, TopicsHeading = 4, NoTopicsHint = 5 };
} // namespace

MainWindow::MainWindow(Bridge &bridge, QWidget *parent) : QMainWindow(parent), m_bridge(bridge)
{
    buildToolBar();

    m_navigator = new QTreeWidget(this);
    m_navigator->setHeaderHidden(true);
    m_navigator->setRootIsDecorated(true);
    m_navigator->setMinimumWidth(110); // the window fits a 1024 px projector
    connect(m_navigator, &QTreeWidget::itemClicked, this, &MainWindow::onNavigatorClicked);

    m_topicView = new TopicView(bridge, this);
    m_files = new SegmentBrowser(bridge, this);
    m_clusterView = new ClusterView(this);
    m_center = new QTabWidget(this);
    m_groupTabs = new GroupTabs(bridge, this);
    m_center->addTab(m_topicView, QString());
    m_center->addTab(m_clusterView, QString());
    m_center->addTab(m_groupTabs->groupsView(), QString());
    m_center->addTab(m_files, QString());

    m_horizontal = new QSplitter(Qt::Horizontal, this);
    m_horizontal->addWidget(m_navigator);
    m_horizontal->addWidget(m_center);
    m_horizontal->addWidget(buildRightColumn());
    m_horizontal->setStretchFactor(0, 0);
    m_horizontal->setStretchFactor(1, 1);
    m_horizontal->setStretchFactor(2, 0);
    m_horizontal->setSizes({160, 740, 380});

    m_events = new EventsPanel(bridge, this);
    // The events this cluster had before this window (a scenario was shown meanwhile, or the
    // window was rebuilt): the list goes on where it was.
    m_events->addEvents(bridge.eventsSoFar());
    m_bottom = new QTabWidget(this);
    m_bottom->addTab(m_events, QString());
    // Charts and the ordering panel scrolled: the bottom pane stays short (the producer's
    // auto-producer in view at 1280x800) and their wrapped hints are never cut at 1024x700.
    auto scrolled = [this](QWidget *content) {
        auto *area = new QScrollArea(this);
        area->setWidget(content);
        area->setWidgetResizable(true);
        area->setFrameShape(QFrame::NoFrame);
        return area;
    };
    m_bottom->addTab(scrolled(m_groupTabs->lagChart()), QString());
    m_bottom->addTab(scrolled(m_groupTabs->throughputChart()), QString());
    m_bottom->addTab(scrolled(m_groupTabs->orderingPanel()), QString());
    connect(m_events, &EventsPanel::eventSelected, this, &MainWindow::onEventSelected);
    connectClusterView();

    m_vertical = new QSplitter(Qt::Vertical, this);
    m_vertical->addWidget(m_horizontal);
    m_vertical->addWidget(m_bottom);
    m_vertical->setStretchFactor(0, 1);
    m_vertical->setStretchFactor(1, 0);
    m_vertical->setSizes({575, 145}); // the auto-producer's Start in view at 1280x800
    setCentralWidget(m_vertical);

    connect(m_topicView, &TopicView::partitionActivated, this,
            [this](const QString &topic, int partition) {
                m_files->showPartition(topic, partition);
                m_center->setCurrentWidget(m_files);
            });
    connect(m_producer, &ProducerPanel::recordsSent, &m_bridge, &Bridge::refresh);
    connect(&m_bridge, &Bridge::topicCommandFinished, this,
            [this](const QString &action, const QString &topic, const kl::Status &status) {
                // A topic just created becomes the current one, so its strips are in view.
                if (action == QLatin1String("create") && status.isOk())
                    selectTopic(topic);
            });
    connect(&m_bridge, &Bridge::snapshotUpdated, this, &MainWindow::onSnapshotUpdated);

    restoreLayout();
    retranslateUi();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

// Every text the window itself sets; the panels retranslate themselves on the same event.
void MainWindow::retranslateUi()
{
    setListeners(m_bootstrap, m_portsMoved ? QStringLiteral("moved") : QString());
    setMetrics(m_metricsUrl);
    setWindowTitle(tr("Kafka Lab"));
    m_toolBar->setWindowTitle(tr("Cluster"));
    m_clock->setToolTip(tr("Engine clock: the time the brokers stamp on records and events"));
    m_produced->setToolTip(tr("Records appended by all producers since the engine started"));
    m_scenarioButton->setText(tr("Play scenario…"));
    m_scenarioButton->setToolTip(tr("Play a scripted scenario (leader failover, acks, ...) on a fresh simulated cluster"));
    for (QAbstractButton *b : m_languages->buttons())
        b->setToolTip(tr("Switch the interface language"));

    const int topic = m_center->indexOf(m_topicView);
    const int cluster = m_center->indexOf(m_clusterView);
    const int groups = m_center->indexOf(m_groupTabs->groupsView());
    const int files = m_center->indexOf(m_files);
    m_center->setTabText(topic, tr("Topic"));
    m_center->setTabText(cluster, tr("Cluster"));
    m_center->setTabText(groups, tr("Groups"));
    m_center->setTabText(files, tr("Files"));
    m_center->setTabToolTip(topic, tr("Each partition's log as offset cells, coloured by key"));
    m_center->setTabToolTip(cluster, tr("Brokers and their replicas: leaders, followers, ISR, high "
                                        "watermark; crash, restart or isolate a broker"));
    m_center->setTabToolTip(groups, tr("Consumer groups: which member reads which partition, "
                                       "rebalances, lag; crash, leave or stall a consumer"));
    m_center->setTabToolTip(files, tr("A replica's directory: segment files, index entries, batches"));

    m_right->setTabText(0, tr("Producer"));
    m_right->setTabText(1, tr("Topics"));
    m_right->setTabToolTip(0, tr("Send records and see which partition each key goes to, and why"));
    m_right->setTabToolTip(1, tr("Create, delete and grow topics; replication factor and configs"));

    m_bottom->setTabText(0, tr("Events"));
    m_bottom->setTabText(1, tr("Lag"));
    m_bottom->setTabText(2, tr("Throughput"));
    m_bottom->setTabText(3, tr("Ordering"));
    m_bottom->setTabToolTip(1, tr("Consumer lag over time, per group and per partition"));
    m_bottom->setTabToolTip(2, tr("Records per second produced and consumed"));
    m_bottom->setTabToolTip(3, tr("Per-key order, duplicates and gaps seen by each group"));

    onSnapshotUpdated();
    retranslateNavigator();
    emit retranslated();
}

MainWindow::~MainWindow()
{
    saveLayout();
}

void MainWindow::buildToolBar()
{
    QToolBar *bar = m_toolBar = addToolBar(QString());
    bar->setObjectName(QStringLiteral("clusterToolBar"));
    bar->setMovable(false);
    bar->setFloatable(false);

    m_cluster = new QLabel(bar);
    m_cluster->setTextFormat(Qt::RichText);
    m_cluster->setContentsMargins(6, 0, 12, 0);
    bar->addWidget(m_cluster);
    bar->addSeparator();
    m_clock = new QLabel(bar);
    m_clock->setContentsMargins(12, 0, 12, 0);
    bar->addWidget(m_clock);
    bar->addSeparator();
    m_produced = new QLabel(bar);
    m_produced->setContentsMargins(12, 0, 12, 0);
    bar->addWidget(m_produced);

    // Where real clients connect: the first broker is enough to bootstrap; Copy takes all.
    m_listenersSeparator = bar->addSeparator();
    m_listeners = new QLabel(bar);
    m_listeners->setObjectName(QStringLiteral("listenersLabel"));
    m_listeners->setContentsMargins(12, 0, 4, 0);
    m_listeners->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_listenersAction = bar->addWidget(m_listeners);
    m_copyBootstrap = new QToolButton(bar);
    m_copyBootstrap->setObjectName(QStringLiteral("copyBootstrap"));
    connect(m_copyBootstrap, &QToolButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_bootstrap); });
    m_copyAction = bar->addWidget(m_copyBootstrap);
    setListeners(QString(), QString());
    m_metrics = new QLabel(bar);
    m_metrics->setObjectName(QStringLiteral("metricsLabel"));
    m_metrics->setContentsMargins(8, 0, 4, 0);
    m_metrics->setTextFormat(Qt::RichText);
    m_metrics->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_metrics->setOpenExternalLinks(true);
    m_metricsAction = bar->addWidget(m_metrics);
    setMetrics(QString());

    bar->addSeparator();
    auto *scenarios = m_scenarioButton = new QToolButton(bar);
    scenarios->setObjectName(QStringLiteral("scenarioButton"));
    scenarios->setPopupMode(QToolButton::InstantPopup);
    m_scenarioMenu = new ScenarioMenu(this);
    scenarios->setMenu(m_scenarioMenu);
    bar->addWidget(scenarios);

    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);

    // Language names are written in their own language on purpose: a user who cannot read the
    // current one must still find theirs.
    m_languages = new QButtonGroup(this);
    m_languages->setExclusive(true);
    const struct { const char *code; QString label; } langs[] = {
        {"ko", QStringLiteral("한국어")}, {"en", QStringLiteral("English")}};
    for (const auto &lang : langs) {
        auto *button = new QToolButton(bar);
        button->setText(lang.label);
        button->setCheckable(true);
        button->setProperty("lang", QString::fromLatin1(lang.code));
        button->setObjectName(QStringLiteral("language-%1").arg(QString::fromLatin1(lang.code)));
        m_languages->addButton(button);
        bar->addWidget(button);
    }
    connect(m_languages, &QButtonGroup::buttonClicked, this, [this](QAbstractButton *b) {
        emit languageRequested(b->property("lang").toString());
    });
}

void MainWindow::setListeners(const QString &bootstrapServers, const QString &note)
{
    m_bootstrap = bootstrapServers;
    m_portsMoved = !note.isEmpty();
    const bool shown = !bootstrapServers.isEmpty();
    m_listenersSeparator->setVisible(shown);
    m_listenersAction->setVisible(shown);
    m_copyAction->setVisible(shown);
    if (!shown)
        return;
    const QString first = bootstrapServers.section(QLatin1Char(','), 0, 0);
    m_listeners->setText(tr("Clients: %1").arg(first) + (m_portsMoved ? QStringLiteral(" ⚠") : QString()));
    QString tip = tr("Kafka clients connect here, e.g. kcat -L -b %1\nEvery broker: %2")
                      .arg(first, QString(bootstrapServers).replace(QLatin1Char(','), QStringLiteral(", ")));
    if (m_portsMoved)
        tip += QLatin1Char('\n') + tr("The usual ports were taken, so free ports were chosen.");
    m_listeners->setToolTip(tip);
    m_copyBootstrap->setText(tr("Copy"));
    m_copyBootstrap->setToolTip(tr("Copy the bootstrap servers: %1").arg(bootstrapServers));
}

void MainWindow::setMetrics(const QString &url)
{
    m_metricsUrl = url;
    m_metricsAction->setVisible(!url.isEmpty());
    if (url.isEmpty())
        return;
    const QString port = QUrl(url).port() > 0 ? QStringLiteral(":%1").arg(QUrl(url).port()) : QString();
    m_metrics->setText(QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toHtmlEscaped(), tr("Metrics %1").arg(port)));
    m_metrics->setToolTip(tr("Prometheus metrics of this cluster (lag, committed offsets, log end offsets, "
                             "high watermarks, ISR sizes): a scrape target at %1").arg(url));
}

QWidget *MainWindow::buildRightColumn()
{
    m_admin = new TopicAdminPanel(m_bridge);
    m_producer = new ProducerPanel(m_bridge);
    auto scrolled = [this](QWidget *content) {
        auto *scroll = new QScrollArea(this);
        scroll->setWidget(content);
        scroll->setWidgetResizable(true);
        scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        scroll->setFrameShape(QFrame::NoFrame);
        return scroll;
    };
    m_right = new QTabWidget(this);
    m_right->setObjectName(QStringLiteral("rightTabs"));
    m_right->addTab(scrolled(m_producer), QString());
    m_right->addTab(scrolled(m_admin), QString());
    m_right->setMinimumWidth(300);
    return m_right;
}

void MainWindow::connectClusterView()
{
    ClusterView *v = m_clusterView;
    connect(&m_bridge, &Bridge::snapshotUpdated, v, [this] { m_clusterView->setSnapshot(m_bridge.snapshot()); });
    connect(v, &ClusterView::crashRequested, &m_bridge, &Bridge::crashBroker);
    connect(v, &ClusterView::restartRequested, &m_bridge, &Bridge::restartBroker);
    connect(v, &ClusterView::isolateRequested, &m_bridge, &Bridge::isolateBroker);
    connect(v, &ClusterView::healRequested, &m_bridge, &Bridge::healBroker);
    connect(v, &ClusterView::slowFollowerRequested, &m_bridge, &Bridge::slowFollower);
    connect(v, &ClusterView::electPreferredLeaderRequested, &m_bridge, &Bridge::electPreferredLeader);
    connect(&m_bridge, &Bridge::clusterCommandFinished, v, &ClusterView::showCommandResult);
    connect(v, &ClusterView::topicChosen, this, [this](const QString &topic) { selectTopic(topic); });
    connect(v, &ClusterView::showPartitionRequested, this, [this](const QString &topic, int partition) {
        selectTopic(topic);
        m_center->setCurrentWidget(m_topicView);
        m_topicView->table()->selectRow(partition);
    });
    v->setSnapshot(m_bridge.snapshot());
}

void MainWindow::onEventSelected(const kl::Event &event)
{
    if (m_clusterView->highlightEvent(event)) {
        m_center->setCurrentWidget(m_clusterView);
        return;
    }
    // Topic-level events (created, segment rolled, ...): the topic, and the partition's row.
    const QString topic = QString::fromStdString(event.topic);
    if (topic.isEmpty() || !m_bridge.snapshot()->topic(event.topic))
        return;
    selectTopic(topic);
    m_center->setCurrentWidget(m_topicView);
    if (event.partition >= 0)
        m_topicView->table()->selectRow(event.partition);
}

void MainWindow::setLanguage(const QString &code)
{
    for (QAbstractButton *b : m_languages->buttons())
        b->setChecked(b->property("lang").toString() == code);
}

void MainWindow::selectTopic(const QString &topic)
{
    if (topic != m_currentTopic) {
        m_currentTopic = topic;
        m_topicView->setTopic(topic);
        m_admin->setCurrentTopic(topic);
        m_producer->setCurrentTopic(topic);
        m_groupTabs->groupsView()->suggestTopic(topic);
        if (!topic.isEmpty() && !m_clusterView->topicFilter().isEmpty())
            m_clusterView->setTopicFilter(topic);
        if (!topic.isEmpty())
            m_files->showPartition(topic, 0);
        emit currentTopicChanged(topic);
    }
    // Mirror the selection in the navigator without re-entering onNavigatorClicked.
    const QSignalBlocker blocker(m_navigator);
    m_navigator->clearSelection();
    for (int i = 0; i < m_navigator->topLevelItemCount(); ++i) {
        QTreeWidgetItem *group = m_navigator->topLevelItem(i);
        for (int j = 0; j < group->childCount(); ++j) {
            QTreeWidgetItem *item = group->child(j);
            if (item->data(0, KindRole).toInt() == TopicItem
                && item->data(0, NameRole).toString() == topic)
                item->setSelected(true);
        }
    }
}

void MainWindow::setCurrentView(const QString &name)
{
    if (name == QLatin1String("cluster"))
        m_center->setCurrentWidget(m_clusterView);
    else if (name == QLatin1String("files"))
        m_center->setCurrentWidget(m_files);
    else if (name == QLatin1String("groups"))
        m_center->setCurrentWidget(m_groupTabs->groupsView());
    else
        m_center->setCurrentWidget(m_topicView);
}

void MainWindow::onNavigatorClicked(QTreeWidgetItem *item)
{
    if (item && item->data(0, KindRole).toInt() == TopicItem) {
        selectTopic(item->data(0, NameRole).toString());
        m_center->setCurrentWidget(m_topicView);
    } else if (item && item->data(0, KindRole).toInt() == BrokerItem) {
        // A broker lives on the Cluster tab: show it there and make its column glow.
        kl::Event e;
        e.type = kl::EventType::BrokerStarted;
        e.broker = item->data(0, NameRole).toInt();
        m_clusterView->highlightEvent(e);
        m_center->setCurrentWidget(m_clusterView);
    }
}

void MainWindow::onSnapshotUpdated()
{
    const auto snap = m_bridge.snapshot();
    if (!snap)
        return;

    int alive = 0;
    QString dots;
    QStringList dirs;
    for (const auto &b : snap->brokers) {
        const bool isolated = b.alive && b.state == kl::BrokerState::Isolated;
        alive += b.alive ? 1 : 0;
        dots += !b.alive ? QStringLiteral("<span style='color:#c0392b'>●</span>")
            : isolated   ? QStringLiteral("<span style='color:#6a1b9a'>●</span>")
                         : QStringLiteral("<span style='color:#2e9d4f'>●</span>");
        const QString state = !b.alive ? tr("down") : isolated ? tr("isolated") : tr("running");
        dirs << tr("broker-%1: %2 (%3)").arg(b.id).arg(state, QString::fromStdString(b.dataDir))
                + (b.controller || snap->controllerId == b.id ? tr(", controller") : QString());
    }
    m_cluster->setText(tr("Cluster: %n broker(s)", nullptr, static_cast<int>(snap->brokers.size()))
                       + QStringLiteral(" ") + dots);
    m_cluster->setToolTip(tr("%1 of %2 brokers running").arg(alive).arg(snap->brokers.size())
                          + QStringLiteral("\n") + dirs.join(QLatin1Char('\n')));
    m_clock->setText(tr("t = %1").arg(
        QDateTime::fromMSecsSinceEpoch(snap->nowMs).toString(QStringLiteral("HH:mm:ss"))));
    const int produced = int(std::clamp<int64_t>(snap->totalRecordsProduced, 0, std::numeric_limits<int>::max()));
    m_produced->setText(tr("%Ln record(s) produced", nullptr, produced));

    rebuildNavigator();

    // First topic appears (or the current one was deleted): show something rather than nothing.
    const bool currentExists = !m_currentTopic.isEmpty() && snap->topic(m_currentTopic.toStdString());
    if (!currentExists) {
        // The learner's first topic, not __consumer_offsets (which sorts first).
        const auto first = std::find_if(snap->topics.begin(), snap->topics.end(),
                                        [](const auto &t) { return !kl::isInternalTopicName(t.name); });
        if (!snap->topics.empty())
            selectTopic(QString::fromStdString(first != snap->topics.end() ? first->name
                                                                            : snap->topics.front().name));
        else if (!m_currentTopic.isEmpty())
            selectTopic(QString());
    }
}

void MainWindow::rebuildNavigator()
{
    const auto snap = m_bridge.snapshot();
    QString signature;
    for (const auto &b : snap->brokers)
        signature += QStringLiteral("b%1:%2:%3;").arg(b.id).arg(b.alive).arg(int(b.state));
    for (const auto &t : snap->topics)
        signature += QStringLiteral("t%1:%2;").arg(QString::fromStdString(t.name)).arg(t.partitions.size());
    if (signature == m_navigatorSignature)
        return;
    m_navigatorSignature = signature;

    const QSignalBlocker blocker(m_navigator);
    m_navigator->clear();
    auto *brokers = new QTreeWidgetItem(m_navigator);
    brokers->setData(0, KindRole, BrokersHeading);
    for (const auto &b : snap->brokers) {
        auto *item = new QTreeWidgetItem(brokers);
        item->setData(0, KindRole, BrokerItem);
        item->setData(0, NameRole, b.id);
        item->setForeground(0, !b.alive ? QColor(0xc0, 0x39, 0x2b)
                               : b.state == kl::BrokerState::Isolated ? QColor(0x6a, 0x1b, 0x9a)
                                                                      : palette().color(QPalette::Text));
    }
    auto *topics = new QTreeWidgetItem(m_navigator);
    topics->setData(0, KindRole, TopicsHeading);
    // The learner's topics first, Kafka's internal ones (__consumer_offsets...) after them.
    std::vector<const kl::TopicSnapshot *> ordered;
    for (const bool internal : {false, true})
        for (const auto &t : snap->topics)
            if (kl::isInternalTopicName(t.name) == internal)
                ordered.push_back(&t);
    for (const kl::TopicSnapshot *topic : ordered) {
        const kl::TopicSnapshot &t = *topic;
        auto *item = new QTreeWidgetItem(topics);
        item->setData(0, KindRole, TopicItem);
        item->setData(0, NameRole, QString::fromStdString(t.name));
        item->setData(0, PartitionsRole, static_cast<int>(t.partitions.size()));
    }
    if (snap->topics.empty()) {
        auto *hint = new QTreeWidgetItem(topics);
        hint->setData(0, KindRole, NoTopicsHint);
        hint->setFlags(Qt::ItemIsEnabled);
    }
    retranslateNavigator();
    m_navigator->expandAll();
    selectTopic(m_currentTopic); // re-mark the selection in the new items
}

// The navigator's texts from its items' data, in place (selection, expansion and scrolling stay).
void MainWindow::retranslateNavigator()
{
    const auto snap = m_bridge.snapshot();
    const QSignalBlocker blocker(m_navigator);
    for (QTreeWidgetItemIterator it(m_navigator); *it; ++it) {
        QTreeWidgetItem *item = *it;
        switch (item->data(0, KindRole).toInt()) {
        case BrokersHeading:
            item->setText(0, tr("Brokers"));
            break;
        case TopicsHeading:
            item->setText(0, tr("Topics"));
            break;
        case NoTopicsHint:
            item->setText(0, tr("(none yet)"));
            break;
        case BrokerItem: {
            const int id = item->data(0, NameRole).toInt();
            item->setText(0, tr("broker-%1").arg(id));
            for (const auto &b : snap ? snap->brokers : std::vector<kl::BrokerSnapshot>{})
                if (b.id == id)
                    item->setToolTip(0, tr("Data directory: %1").arg(QString::fromStdString(b.dataDir)));
            break;
        }
        case TopicItem: {
            const QString name = item->data(0, NameRole).toString();
            const int partitions = item->data(0, PartitionsRole).toInt();
            item->setText(0, QStringLiteral("%1 (%2)").arg(name).arg(partitions));
            item->setToolTip(0, tr("Topic %1: %n partition(s)", nullptr, partitions).arg(name));
            break;
        }
        default:
            break;
        }
    }
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/horizontal"), m_horizontal->saveState());
    settings.setValue(QStringLiteral("mainWindow/vertical"), m_vertical->saveState());
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    m_horizontal->restoreState(settings.value(QStringLiteral("mainWindow/horizontal")).toByteArray());
    m_vertical->restoreState(settings.value(QStringLiteral("mainWindow/vertical")).toByteArray());
}
