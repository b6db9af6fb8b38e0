// GroupTabs: consumer-group widgets and their wiring to the Bridge.
#include "views/group_tabs.h"

#include "bridge/bridge.h"
#include "charts/lag_chart.h"
#include "charts/throughput_chart.h"
#include "views/groups_view.h"
#include "views/ordering_panel.h"

GroupTabs::GroupTabs(Bridge &bridge, QObject *parent) : QObject(parent), m_bridge(bridge)
{
    // Parentless until added as tabs (QTabWidget reparents); MainWindow adds all four.
    m_groups = new GroupsView;
    m_lag = new LagChart;
    m_throughput = new ThroughputChart;
    m_ordering = new OrderingPanel;

    connect(&bridge, &Bridge::snapshotUpdated, this, &GroupTabs::onSnapshot);
    connect(m_groups, &GroupsView::startGroupRequested, &bridge, &Bridge::startConsumerGroup);
    connect(m_groups, &GroupsView::addConsumerRequested, &bridge, &Bridge::addConsumer);
    connect(m_groups, &GroupsView::consumerActionRequested, &bridge, &Bridge::consumerAction);
    connect(m_groups, &GroupsView::stopGroupRequested, &bridge, &Bridge::stopConsumerGroup);
    connect(m_ordering, &OrderingPanel::resetRequested, &bridge, &Bridge::resetOrdering);
    connect(&bridge, &Bridge::groupCommandFinished, this,
            [this](const QString &action, const QString &group, const QString &target, const kl::Status &status) {
                if (action == QLatin1String("reset-ordering")) {
                    if (m_ordering)
                        m_ordering->showResetResult(group, status);
                } else if (m_groups) {
                    m_groups->showCommandResult(action, group, target, status);
                }
            });
    connect(m_groups, &GroupsView::groupSelected, this, [this](const QString &group) {
        m_lag->setGroup(group);
        m_ordering->setGroup(group);
    });
    onSnapshot();
}

GroupsView *GroupTabs::groupsView() const { return m_groups; }
LagChart *GroupTabs::lagChart() const { return m_lag; }
ThroughputChart *GroupTabs::throughputChart() const { return m_throughput; }
OrderingPanel *GroupTabs::orderingPanel() const { return m_ordering; }

GroupTabs::~GroupTabs()
{
    for (QWidget *w : {static_cast<QWidget *>(m_groups), static_cast<QWidget *>(m_lag),
                       static_cast<QWidget *>(m_throughput), static_cast<QWidget *>(m_ordering)})
        if (w && !w->parent())
            delete w;
}

void GroupTabs::onSnapshot()
{
    const auto snap = m_bridge.snapshot();
    if (!snap || !m_groups || !m_lag || !m_throughput || !m_ordering)
        return;
    m_groups->setSnapshot(snap);
    m_lag->setSnapshot(snap);
    m_throughput->setSnapshot(snap);
    m_ordering->setSnapshot(snap);
}

void GroupTabs::selectGroup(const QString &groupId)
{
    m_groups->selectGroup(groupId);
    m_lag->setGroup(groupId);
    m_ordering->setGroup(groupId);
}
