// GroupsView: the "Groups" tab. Top: one compact card per consumer group (id, state,
// generation, lag); clicking one selects it. Then the selected group's header (state in
// Kafka's spelling, generation, assignor, coordinator broker, total lag, each with a tooltip)
// with "Add consumer", "Stop group" and "New group…" (shows the GroupStartForm). Middle: the
// AssignmentCanvas (partitions -> members). Bottom: the RebalanceTimeline. Command results
// (refusals with Kafka's error name) show in one line under the header.
// It knows no engine: it draws the snapshots it is given (setSnapshot) and asks through
// signals; MainWindow wires them to the Bridge and feeds results back with
// showCommandResult(). While hidden, snapshots are only kept and drawn when it shows.
// Owns its children; GUI thread only.
#pragma once

#include "api/commands.h"
#include "api/snapshot.h"
#include "core/status.h"
#include "models/group_model.h"

#include <QMap>
#include <QWidget>

#include <optional>

#include <memory>

class AssignmentCanvas;
class GroupStartForm;
class QButtonGroup;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QToolButton;
class RebalanceTimeline;

class GroupsView : public QWidget {
    Q_OBJECT
public:
    explicit GroupsView(QWidget *parent = nullptr);
    ~GroupsView() override;

    QString currentGroup() const { return m_group; }
    const groupmap::GroupMap &map() const { return m_map; }
    AssignmentCanvas *canvas() const { return m_canvas; }
    RebalanceTimeline *timeline() const { return m_timeline; }
    GroupStartForm *startForm() const { return m_form; }
    int groupCardCount() const { return static_cast<int>(m_cardButtons.size()); }

public slots:
    void setSnapshot(std::shared_ptr<const kl::ClusterSnapshot> snapshot);
    void selectGroup(const QString &groupId);
    void setFormVisible(bool visible);
    void suggestTopic(const QString &topic);
    // action: "start", "add", "crash", "leave", "stall", "resume", "stop"
    void showCommandResult(const QString &action, const QString &group, const QString &target,
                           const kl::Status &status);

signals:
    void startGroupRequested(const kl::ConsumerGroupSpec &spec);
    void addConsumerRequested(const QString &group);
    void consumerActionRequested(const QString &group, const QString &clientId, kl::ConsumerAction action);
    void stopGroupRequested(const QString &group);
    void groupSelected(const QString &group); // by the user (a group card)

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QWidget *buildHeader();
    void syncGroupCards();
    void rebuild();

    std::shared_ptr<const kl::ClusterSnapshot> m_snapshot;
    groupmap::GroupMap m_map;
    QString m_group;
    bool m_stale = false;
    bool m_formTouched = false; // the user opened/closed the form: stop choosing for them

    QHBoxLayout *m_cardsRow = nullptr;
    QButtonGroup *m_cardGroup = nullptr;
    QMap<QString, QToolButton *> m_cardButtons;
    QLabel *m_noGroups = nullptr;
    QWidget *m_header = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_generation = nullptr;
    QLabel *m_assignor = nullptr;
    QLabel *m_coordinator = nullptr;
    QLabel *m_lag = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_stop = nullptr;
    QToolButton *m_newGroup = nullptr;
    QLabel *m_result = nullptr;
    // The last command's answer, kept so a language switch rewrites it (showResultText).
    struct LastResult {
        QString action, group, target;
        kl::Status status;
    };
    std::optional<LastResult> m_lastResult;
    void showResultText();
    GroupStartForm *m_form = nullptr;
    AssignmentCanvas *m_canvas = nullptr;
    RebalanceTimeline *m_timeline = nullptr;
};
