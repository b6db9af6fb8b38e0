// GroupTabs: builds the consumer-group widgets MainWindow places — the "Groups" centre tab
// (GroupsView) and the bottom "Lag", "Throughput" and "Ordering" tabs — and wires them to the
// Bridge: snapshots in, group commands out, command results back. Choosing a group on the
// Groups tab selects it in the Lag and Ordering tabs too. Keeps MainWindow's part to adding
// tabs. The widgets are parented by whoever adds them as tabs; any never adopted are deleted
// with this object. The Bridge outlives this.
// GUI thread only.
#pragma once

#include <QObject>
#include <QPointer>

class Bridge;
class GroupsView;
class LagChart;
class OrderingPanel;
class ThroughputChart;

class GroupTabs : public QObject {
    Q_OBJECT
public:
    GroupTabs(Bridge &bridge, QObject *parent);
    ~GroupTabs() override;

    GroupsView *groupsView() const;
    LagChart *lagChart() const;
    ThroughputChart *throughputChart() const;
    OrderingPanel *orderingPanel() const;
    // Show this group on the Groups tab and in the Lag and Ordering tabs.
    void selectGroup(const QString &groupId);

private:
    void onSnapshot();

    Bridge &m_bridge;
    // QPointer: the tab widgets that adopt them may delete them first.
    QPointer<GroupsView> m_groups;
    QPointer<LagChart> m_lag;
    QPointer<ThroughputChart> m_throughput;
    QPointer<OrderingPanel> m_ordering;
};
