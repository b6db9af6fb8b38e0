// ClusterView: broker columns, fault buttons, partition bar, event highlighting.
#include "views/cluster_view.h"

#include "core/error_code.h"
#include "core/topic_name.h"
#include "models/units.h"
#include "views/replica_tiles.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using clustermap::ClusterMap;

namespace {

// A legend entry: a small swatch drawn like a tile, and its meaning (*text, set by retranslateUi).
QWidget *legendChip(QWidget *parent, const QString &fill, const QString &border, QLabel **text,
                    bool dashed = false)
{
    auto *w = new QWidget(parent);
    auto *row = new QHBoxLayout(w);
    row->setContentsMargins(0, 0, 6, 0);
    row->setSpacing(4);
    auto *swatch = new QLabel(w);
    swatch->setFixedSize(16, 12);
    swatch->setStyleSheet(QStringLiteral("background:%1; border:1px %3 %2; border-radius:2px;")
                              .arg(fill, border, dashed ? QStringLiteral("dashed") : QStringLiteral("solid")));
    row->addWidget(swatch);
    *text = new QLabel(w);
    row->addWidget(*text);
    return w;
}

QString delayText(qint64 ms)
{
    return Units::duration(ms);
}

void applyAction(QAbstractButton *button, const clustermap::Action &action)
{
    button->setEnabled(action.enabled);
    button->setToolTip(action.tip);
}

QString stateColour(kl::BrokerState state)
{
    switch (state) {
    case kl::BrokerState::Running: return QStringLiteral("#2e7d32");
    case kl::BrokerState::Crashed: return QStringLiteral("#c62828");
    case kl::BrokerState::Isolated: return QStringLiteral("#6a1b9a");
    }
    return QStringLiteral("#000000");
}

QString stateBackground(kl::BrokerState state)
{
    switch (state) {
    case kl::BrokerState::Running: return QStringLiteral("#fafafa");
    case kl::BrokerState::Crashed: return QStringLiteral("#fdecea");
    case kl::BrokerState::Isolated: return QStringLiteral("#f3e5f5");
    }
    return QStringLiteral("#fafafa");
}

} // namespace

ClusterView::ClusterView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(6);
    layout->addWidget(buildHeader());

    m_columnsHost = new QWidget;
    m_columnsLayout = new QHBoxLayout(m_columnsHost);
    m_columnsLayout->setContentsMargins(0, 0, 0, 0);
    m_columnsLayout->setSpacing(8);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_columnsHost);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(buildPartitionBar());

    m_hlTimer.setInterval(40);
    connect(&m_hlTimer, &QTimer::timeout, this, &ClusterView::stepHighlight);
    m_deferred.setSingleShot(true);
    connect(&m_deferred, &QTimer::timeout, this, [this] {
        if (m_stale && isVisible())
            rebuildMap();
    });
    retranslateUi();
}

ClusterView::~ClusterView() = default;

void ClusterView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

// The texts set here, then the map again (its texts are built in the current language).
void ClusterView::retranslateUi()
{
    m_topicLabel->setText(tr("Topic"));
    m_topics->setToolTip(tr("Show the replicas of one topic, or of all topics"));
    m_topics->setItemText(0, tr("all topics"));
    m_showInternal->setText(tr("Show internal topics"));
    m_showInternal->setToolTip(tr("Kafka's own topics, such as __consumer_offsets where the group "
                                  "coordinators keep committed offsets (50 partitions)"));
    m_legendLeader->setText(tr("leader"));
    m_legendInSync->setText(tr("follower in ISR"));
    m_legendOutOfSync->setText(tr("follower out of ISR"));
    m_legendOffline->setText(tr("offline"));
    m_legendPreferred->setText(tr("★ preferred"));
    m_legend->setToolTip(tr("LEO = log end offset of the replica; HW = high watermark of the "
                            "partition (consumers read below it); epoch = leader epoch.\n"
                            "ISR = in-sync replicas: the followers that are caught up."));
    m_elect->setText(tr("Elect preferred leader"));
    m_showInTopic->setText(tr("Show in Topic view"));
    for (Column &c : m_columns)
        retranslateColumn(c);
    if (m_snapshot)
        rebuildMap();
    else
        updatePartitionBar();
}

void ClusterView::retranslateColumn(Column &c)
{
    c.title->setText(ClusterMap::brokerName(c.id));
    c.controller->setText(tr("★ controller"));
    c.crash->setText(tr("Crash"));
    c.restart->setText(tr("Restart"));
    c.isolate->setText(tr("Isolate")); // "Heal" when isolated: updateColumn
    c.slow->setText(tr("Slow follower"));
    for (QAction *a : c.slow->menu()->actions()) {
        const qint64 ms = a->data().toLongLong();
        a->setText(ms == 0 ? tr("normal speed (no delay)") : tr("+%1 per fetch").arg(delayText(ms)));
    }
}

QWidget *ClusterView::buildHeader()
{
    auto *header = new QWidget(this);
    auto *row = new QHBoxLayout(header);
    row->setContentsMargins(0, 0, 0, 0);
    auto *topicLabel = m_topicLabel = new QLabel(header);
    m_topics = new QComboBox(header);
    m_topics->setObjectName(QStringLiteral("clusterTopicFilter"));
    m_topics->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_topics->addItem(QString(), QString());
    connect(m_topics, &QComboBox::activated, this,
            [this](int index) {
                setTopicFilter(m_topics->itemData(index).toString());
                if (!topicFilter().isEmpty())
                    emit topicChosen(topicFilter());
            });
    m_showInternal = new QCheckBox(header);
    m_showInternal->setObjectName(QStringLiteral("showInternalTopics"));
    connect(m_showInternal, &QCheckBox::toggled, this, [this] {
        if (m_snapshot) {
            syncTopicCombo();
            rebuildMap();
        }
    });
    // Topic filter above, the internal-topics toggle below it, next to the legend's two rows:
    // the header fits a 1024 px wide window.
    auto *filter = new QGridLayout;
    filter->setContentsMargins(0, 0, 0, 0);
    filter->setVerticalSpacing(0);
    filter->addWidget(topicLabel, 0, 0);
    filter->addWidget(m_topics, 0, 1);
    filter->addWidget(m_showInternal, 1, 0, 1, 2);
    row->addLayout(filter);
    row->addSpacing(12);

    auto *legend = m_legend = new QWidget(header);
    legend->setObjectName(QStringLiteral("clusterLegend"));
    // Two rows of three: the whole legend fits a 1024 px wide window.
    auto *chips = new QGridLayout(legend);
    chips->setContentsMargins(0, 0, 0, 0);
    chips->setHorizontalSpacing(2);
    chips->setVerticalSpacing(0);
    chips->addWidget(legendChip(legend, QStringLiteral("#2e7d32"), QStringLiteral("#1b5e20"), &m_legendLeader), 0, 0);
    chips->addWidget(legendChip(legend, QStringLiteral("#c8e6c9"), QStringLiteral("#2e7d32"), &m_legendInSync), 0, 1);
    chips->addWidget(legendChip(legend, QStringLiteral("#ffe0b2"), QStringLiteral("#ef6c00"), &m_legendOutOfSync), 0, 2);
    chips->addWidget(legendChip(legend, QStringLiteral("#eeeeee"), QStringLiteral("#9e9e9e"), &m_legendOffline, true), 1, 0);
    m_legendPreferred = new QLabel(legend);
    chips->addWidget(m_legendPreferred, 1, 1);
    chips->setColumnStretch(3, 1);
    row->addWidget(legend, 1);
    return header;
}

QWidget *ClusterView::buildPartitionBar()
{
    auto *bar = new QFrame(this);
    bar->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QGridLayout(bar);
    layout->setContentsMargins(6, 4, 6, 4);
    m_partitionSummary = new QLabel(bar);
    m_partitionSummary->setObjectName(QStringLiteral("partitionSummary"));
    m_partitionSummary->setWordWrap(true);
    m_partitionSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_elect = new QPushButton(bar);
    m_elect->setObjectName(QStringLiteral("electPreferred"));
    connect(m_elect, &QPushButton::clicked, this, [this] {
        if (!m_selectedTopic.isEmpty() && m_selectedPartition >= 0)
            emit electPreferredLeaderRequested(m_selectedTopic, m_selectedPartition);
    });
    m_showInTopic = new QPushButton(bar);
    m_showInTopic->setObjectName(QStringLiteral("showInTopic"));
    connect(m_showInTopic, &QPushButton::clicked, this, [this] {
        if (!m_selectedTopic.isEmpty() && m_selectedPartition >= 0)
            emit showPartitionRequested(m_selectedTopic, m_selectedPartition);
    });
    m_result = new QLabel(bar);
    m_result->setObjectName(QStringLiteral("clusterResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_partitionSummary, 0, 0);
    layout->addWidget(m_elect, 0, 1);
    layout->addWidget(m_showInTopic, 0, 2);
    layout->addWidget(m_result, 1, 0, 1, 3);
    layout->setColumnStretch(0, 1);
    m_result->hide();
    return bar;
}

ReplicaTiles *ClusterView::tilesOf(int broker) const
{
    for (const Column &c : m_columns)
        if (c.id == broker)
            return c.tiles;
    return nullptr;
}

void ClusterView::setSnapshot(std::shared_ptr<const kl::ClusterSnapshot> snapshot)
{
    if (!snapshot)
        return;
    m_snapshot = std::move(snapshot);
    syncTopicCombo();
    if (isVisible() || m_columns.isEmpty()) {
        const qint64 due = 3 * m_lastBuildMs;
        if (m_lastBuildMs >= 10 && m_sinceBuild.isValid() && m_sinceBuild.elapsed() < due) {
            m_stale = true; // a big cluster: the latest snapshot is drawn when the pause is over
            if (!m_deferred.isActive())
                m_deferred.start(static_cast<int>(due - m_sinceBuild.elapsed()));
            return;
        }
        rebuildMap();
    } else {
        m_stale = true; // nobody looks: skip the work until the tab is shown
    }
}

void ClusterView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        rebuildMap();
}

void ClusterView::setTopicFilter(const QString &topic)
{
    m_filter = topic;
    if (kl::isInternalTopicName(topic.toStdString()) && !m_showInternal->isChecked()) {
        const QSignalBlocker blocker(m_showInternal);
        m_showInternal->setChecked(true); // asked for by name (a coordinator link): show it
        if (m_snapshot)
            syncTopicCombo();
    }
    const int index = m_topics->findData(topic);
    if (index >= 0)
        m_topics->setCurrentIndex(index);
    rebuildMap();
}

void ClusterView::syncTopicCombo()
{
    // The learner's topics first; Kafka's internal ones only when asked for.
    QStringList names;
    QStringList internal;
    for (const auto &t : m_snapshot->topics)
        (kl::isInternalTopicName(t.name) ? internal : names) << QString::fromStdString(t.name);
    if (m_showInternal->isChecked())
        names += internal;
    QStringList items;
    for (int i = 1; i < m_topics->count(); ++i)
        items << m_topics->itemData(i).toString();
    if (names == items)
        return;
    const QSignalBlocker blocker(m_topics);
    while (m_topics->count() > 1)
        m_topics->removeItem(1);
    for (const QString &n : names)
        m_topics->addItem(n, n);
    if (!m_filter.isEmpty() && !names.contains(m_filter))
        m_filter.clear(); // the shown topic was deleted: show all rather than nothing
    m_topics->setCurrentIndex(std::max(0, m_topics->findData(m_filter)));
}

void ClusterView::rebuildMap()
{
    if (!m_snapshot)
        return;
    m_stale = false;
    m_deferred.stop();
    QElapsedTimer building;
    building.start();
    m_map = ClusterMap::build(*m_snapshot, m_filter, m_showInternal->isChecked());
    bool sameBrokers = m_map.brokers.size() == m_columns.size();
    for (qsizetype i = 0; sameBrokers && i < m_columns.size(); ++i)
        sameBrokers = m_columns[i].id == m_map.brokers[i].id;
    if (!sameBrokers)
        rebuildColumns();
    for (qsizetype i = 0; i < m_columns.size(); ++i)
        updateColumn(m_columns[i], m_map.brokers[i]);
    updatePartitionBar();
    m_lastBuildMs = building.elapsed();
    m_sinceBuild.start();
}

void ClusterView::rebuildColumns()
{
    for (Column &c : m_columns)
        delete c.frame;
    m_columns.clear();
    while (QLayoutItem *item = m_columnsLayout->takeAt(0))
        delete item;
    for (const clustermap::Broker &b : m_map.brokers) {
        m_columns.push_back(makeColumn(b.id));
        m_columnsLayout->addWidget(m_columns.back().frame, 1, Qt::AlignTop);
    }
}

ClusterView::Column ClusterView::makeColumn(int id)
{
    Column c;
    c.id = id;
    c.frame = new QFrame(m_columnsHost);
    c.frame->setObjectName(QStringLiteral("brokerColumn-%1").arg(id));
    c.frame->setMinimumWidth(190);
    auto *v = new QVBoxLayout(c.frame);
    v->setContentsMargins(8, 6, 8, 8);
    v->setSpacing(4);

    auto *titleRow = new QHBoxLayout;
    c.title = new QLabel(c.frame);
    QFont big = c.title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    c.title->setFont(big);
    c.controller = new QLabel(c.frame);
    c.controller->setObjectName(QStringLiteral("controller-%1").arg(id));
    c.controller->setStyleSheet(QStringLiteral("color:#1565c0; font-weight:bold;"));
    titleRow->addWidget(c.title);
    titleRow->addStretch(1);
    titleRow->addWidget(c.controller);
    v->addLayout(titleRow);

    c.state = new QLabel(c.frame);
    c.state->setObjectName(QStringLiteral("state-%1").arg(id));
    c.state->setTextFormat(Qt::RichText);
    v->addWidget(c.state);
    c.detail = new QLabel(c.frame);
    c.detail->setObjectName(QStringLiteral("detail-%1").arg(id));
    c.detail->setWordWrap(true);
    v->addWidget(c.detail);

    c.crash = new QPushButton(c.frame);
    c.crash->setObjectName(QStringLiteral("crash-%1").arg(id));
    c.restart = new QPushButton(c.frame);
    c.restart->setObjectName(QStringLiteral("restart-%1").arg(id));
    c.isolate = new QPushButton(c.frame);
    c.isolate->setObjectName(QStringLiteral("isolate-%1").arg(id));
    c.slow = new QToolButton(c.frame);
    c.slow->setObjectName(QStringLiteral("slow-%1").arg(id));
    c.slow->setPopupMode(QToolButton::InstantPopup);
    c.slow->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto *menu = new QMenu(c.slow);
    menu->setToolTipsVisible(true);
    for (qint64 ms : {0LL, 300LL, 1000LL, 3000LL, 15000LL}) {
        QAction *a = menu->addAction(QString());
        a->setData(ms);
        connect(a, &QAction::triggered, this, [this, id, ms] { emit slowFollowerRequested(id, ms); });
    }
    c.slow->setMenu(menu);

    connect(c.crash, &QPushButton::clicked, this, [this, id] { emit crashRequested(id); });
    connect(c.restart, &QPushButton::clicked, this, [this, id] { emit restartRequested(id); });
    connect(c.isolate, &QPushButton::clicked, this, [this, id] {
        const clustermap::Broker *b = m_map.broker(id);
        if (b && b->state == kl::BrokerState::Isolated)
            emit healRequested(id);
        else
            emit isolateRequested(id);
    });
    auto *buttons = new QGridLayout;
    buttons->setSpacing(4);
    buttons->addWidget(c.crash, 0, 0);
    buttons->addWidget(c.restart, 0, 1);
    buttons->addWidget(c.isolate, 1, 0);
    buttons->addWidget(c.slow, 2, 0, 1, 2); // its own row: "Slow follower ▾" in full
    v->addLayout(buttons);

    c.tiles = new ReplicaTiles(c.frame);
    c.tiles->setObjectName(QStringLiteral("tiles-%1").arg(id));
    connect(c.tiles, &ReplicaTiles::tileClicked, this, [this](const QString &topic, int partition) {
        selectPartition(topic, partition);
        emit topicChosen(topic);
    });
    connect(c.tiles, &ReplicaTiles::tileMenuRequested, this,
            [this](const QString &topic, int partition, const QPoint &globalPos) {
                selectPartition(topic, partition);
                QMenu menu(this);
                menu.setToolTipsVisible(true);
                const clustermap::Partition *p = m_map.partition(topic, partition);
                QAction *elect = menu.addAction(tr("Elect preferred leader"));
                elect->setEnabled(p && p->electPreferred.enabled);
                elect->setToolTip(p ? p->electPreferred.tip : QString());
                QAction *show = menu.addAction(tr("Show in Topic view"));
                QAction *chosen = menu.exec(globalPos);
                if (chosen == elect)
                    emit electPreferredLeaderRequested(topic, partition);
                else if (chosen == show)
                    emit showPartitionRequested(topic, partition);
            });
    v->addSpacing(4);
    v->addWidget(c.tiles);
    v->addStretch(1);
    retranslateColumn(c);
    return c;
}

void ClusterView::updateColumn(Column &c, const clustermap::Broker &b)
{
    const bool glowing = m_hlBrokers.contains(b.id) && m_hlTimer.isActive();
    double glow = 0;
    if (glowing)
        glow = std::clamp(1.0 - double(m_hlClock.elapsed()) / kHighlightMs, 0.0, 1.0);
    const QString border = glow > 0
        ? QStringLiteral("3px solid rgba(255,179,0,%1)").arg(int(glow * 255))
        : QStringLiteral("1px solid #c8c8c8");
    const QString style = QStringLiteral("QFrame#%1 { background:%2; border:%3; border-radius:6px; }")
                              .arg(c.frame->objectName(), stateBackground(b.state), border);
    if (c.frame->styleSheet() != style)
        c.frame->setStyleSheet(style);

    c.title->setToolTip(b.stateTip);
    c.controller->setVisible(b.controller);
    c.controller->setToolTip(b.controllerTip);
    const QString stateHtml = QStringLiteral("<span style='color:%1; font-weight:bold'>● %2</span>")
                                  .arg(stateColour(b.state), b.stateText.toHtmlEscaped());
    if (c.state->text() != stateHtml)
        c.state->setText(stateHtml);
    c.state->setToolTip(b.stateTip);

    // A crashed broker that is not fenced yet still leads its partitions in the metadata: they
    // are unavailable, which is the point to see, not "leads 0 partitions".
    QString detail = b.unreachableLeaderCount > 0
        ? tr("still leader of %n partition(s), unreachable", nullptr, b.unreachableLeaderCount)
        : tr("leads %n partition(s)", nullptr, b.leaderCount);
    if (b.fetchDelayMs > 0)
        detail += QStringLiteral(" · ") + tr("slowed: +%1 per fetch").arg(delayText(b.fetchDelayMs));
    if (c.detail->text() != detail)
        c.detail->setText(detail);
    c.detail->setToolTip(b.fetchDelayMs > 0
                             ? tr("Each fetch this broker's followers make waits %1 longer")
                                   .arg(delayText(b.fetchDelayMs))
                         : b.unreachableLeaderCount > 0
                             ? tr("The metadata still names this broker leader of %n partition(s): until the "
                                  "controller fences it (broker.session.timeout.ms) and elects new leaders, "
                                  "producers and consumers of those partitions cannot reach a leader",
                                  nullptr, b.unreachableLeaderCount)
                             : tr("How many partitions this broker currently leads"));

    applyAction(c.crash, b.crash);
    applyAction(c.restart, b.restart);
    const bool isolated = b.state == kl::BrokerState::Isolated;
    c.isolate->setText(isolated ? tr("Heal") : tr("Isolate"));
    applyAction(c.isolate, isolated ? b.heal : b.isolate);
    applyAction(c.slow, b.slow);

    c.tiles->setTiles(b.tiles);
    c.tiles->setSelected(m_selectedTopic, m_selectedPartition);
}

void ClusterView::selectPartition(const QString &topic, int partition)
{
    m_selectedTopic = topic;
    m_selectedPartition = partition;
    for (Column &c : m_columns)
        c.tiles->setSelected(topic, partition);
    updatePartitionBar();
}

void ClusterView::updatePartitionBar()
{
    const clustermap::Partition *p = m_map.partition(m_selectedTopic, m_selectedPartition);
    if (!p) {
        m_partitionSummary->setText(tr("Click a replica tile to select its partition."));
        m_partitionSummary->setToolTip(QString());
        m_elect->setEnabled(false);
        m_elect->setToolTip(tr("Select a partition first (click one of its tiles)"));
        m_showInTopic->setEnabled(false);
        m_showInTopic->setToolTip(tr("Select a partition first (click one of its tiles)"));
        return;
    }
    m_partitionSummary->setText(p->summary);
    m_partitionSummary->setToolTip(p->isrTip);
    applyAction(m_elect, p->electPreferred);
    m_showInTopic->setEnabled(true);
    m_showInTopic->setToolTip(tr("Show %1-%2's log in the Topic tab").arg(p->topic).arg(p->partition));
}

void ClusterView::showCommandResult(const QString &action, const QString &rawTarget, const kl::Status &status)
{
    // The Bridge names brokers "broker-2" (untranslated): say it in the user's language.
    QString target = rawTarget;
    static const QRegularExpression brokerTarget(QStringLiteral("^broker-(\\d+)$"));
    if (const auto m = brokerTarget.match(rawTarget); m.hasMatch())
        target = ClusterMap::brokerName(m.captured(1).toInt());
    if (status.isOk()) {
        QString text;
        if (action == QLatin1String("crash"))
            text = tr("%1 crashed").arg(target);
        else if (action == QLatin1String("restart"))
            text = tr("%1 restarted").arg(target);
        else if (action == QLatin1String("isolate"))
            text = tr("%1 isolated from the other brokers").arg(target);
        else if (action == QLatin1String("heal"))
            text = tr("%1 reconnected").arg(target);
        else if (action == QLatin1String("slow"))
            text = tr("%1: follower fetch delay changed").arg(target);
        else if (action == QLatin1String("elect"))
            text = tr("%1: preferred leader election done").arg(target);
        else
            text = tr("%1: done").arg(target);
        m_result->setStyleSheet(QStringLiteral("color:#2e7d32;"));
        m_result->setText(text);
    } else {
        m_result->setStyleSheet(QStringLiteral("color:#c62828;"));
        m_result->setText(tr("%1 refused: %2 (%3)\n%4")
                              .arg(target,
                                   QString::fromUtf8(kl::errorName(status.code()).data()),
                                   QString::fromUtf8(kl::errorDescription(status.code()).data()),
                                   QString::fromStdString(status.message())));
    }
    m_result->show();
}

bool ClusterView::highlightEvent(const kl::Event &e)
{
    if (m_stale)
        rebuildMap(); // about to be shown: point at the current state
    using T = kl::EventType;
    QSet<int> brokers;
    auto add = [&brokers](int id) {
        if (id >= 0)
            brokers.insert(id);
    };
    bool partitionEvent = false;
    switch (e.type) {
    case T::BrokerStarted:
    case T::BrokerCrashed:
    case T::BrokerRestarted:
    case T::BrokerIsolated:
    case T::BrokerHealed:
    case T::BrokerFenced:
    case T::FollowerSlowed:
        add(e.broker);
        break;
    case T::LeaderElected:
        add(e.oldLeader);
        add(e.newLeader);
        partitionEvent = true;
        break;
    case T::IsrShrunk:
    case T::IsrExpanded: {
        // The brokers that left or joined.
        for (int32_t b : e.before)
            if (std::find(e.after.begin(), e.after.end(), b) == e.after.end())
                add(b);
        for (int32_t b : e.after)
            if (std::find(e.before.begin(), e.before.end(), b) == e.before.end())
                add(b);
        if (brokers.isEmpty())
            add(e.broker);
        partitionEvent = true;
        break;
    }
    case T::ReplicaTruncated:
    case T::RecordsLost:
    case T::ProduceRefused:
    case T::ProduceAcknowledged:
    case T::HighWatermarkAdvanced:
        add(e.broker);
        partitionEvent = true;
        break;
    default:
        return false; // topic admin, segments, producers: nothing to point at in this view
    }
    QString topic;
    int partition = -1;
    if (partitionEvent && !e.topic.empty()) {
        topic = QString::fromStdString(e.topic);
        partition = e.partition;
        if (!m_filter.isEmpty() && m_filter != topic)
            setTopicFilter(topic);
        if (partition >= 0)
            selectPartition(topic, partition);
    }
    if (brokers.isEmpty() && topic.isEmpty())
        return false;
    startHighlight(brokers, topic, partition);
    return true;
}

void ClusterView::startHighlight(const QSet<int> &brokers, const QString &topic, int partition)
{
    m_hlBrokers = brokers;
    m_hlTopic = topic;
    m_hlPartition = partition;
    m_hlClock.start();
    m_hlTimer.start();
    stepHighlight();
}

void ClusterView::stepHighlight()
{
    const double strength = std::clamp(1.0 - double(m_hlClock.elapsed()) / kHighlightMs, 0.0, 1.0);
    for (Column &c : m_columns)
        c.tiles->setHighlight(m_hlTopic, m_hlPartition, m_hlTopic.isEmpty() ? 0.0 : strength);
    if (strength <= 0) {
        m_hlTimer.stop();
        m_hlBrokers.clear();
        m_hlTopic.clear();
        m_hlPartition = -1;
    }
    for (qsizetype i = 0; i < m_columns.size() && i < m_map.brokers.size(); ++i)
        updateColumn(m_columns[i], m_map.brokers[i]);
}
