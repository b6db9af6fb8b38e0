// AssignmentCanvas: one group's assignment drawn as a picture: the group's partitions as boxes
// on the left (lag, status), its members as cards on the right (MemberCard: client id, host,
// simulated / real, state, lag, rate, and Crash / Leave / Stall-or-Resume buttons), and a link
// from each partition to the member reading it, in the member's colour. Idle members are
// greyed with the reason as tooltip. Buttons a state refuses are disabled with the reason as
// tooltip. Cards are reused across updates (keyed by client id) so buttons keep hover and focus.
// Drawn from a groupmap::GroupMap (setMap); asks for actions with actionRequested().
// Lives inside a QScrollArea (its minimum height grows with partitions and members).
// Owns its cards; GUI thread only.
#pragma once

#include "api/commands.h"
#include "models/group_model.h"

#include <QFrame>
#include <QMap>
#include <QWidget>

class QLabel;
class QPushButton;

class MemberCard : public QFrame {
    Q_OBJECT
public:
    static constexpr int kWidth = 270;
    explicit MemberCard(const QString &clientId, QWidget *parent = nullptr);
    void setMember(const groupmap::Member &member);

signals:
    void actionRequested(const QString &clientId, kl::ConsumerAction action);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QString m_clientId;         // the card's key: a client id, or a real client's member id
    bool m_resume = false;
    bool m_real = false;        // a real client: Leave is "Remove" (the coordinator removes it)
    QLabel *m_title = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_host = nullptr;
    QLabel *m_numbers = nullptr;
    QPushButton *m_crash = nullptr;
    QPushButton *m_leave = nullptr;
    QPushButton *m_stall = nullptr;
};

class AssignmentCanvas : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRowHeight = 26;
    static constexpr int kPartitionWidth = 170;

    explicit AssignmentCanvas(QWidget *parent = nullptr);

    void setMap(const groupmap::GroupMap &map);
    const groupmap::GroupMap &map() const { return m_map; }
    MemberCard *card(const QString &clientId) const { return m_cards.value(clientId); }
    int cardCount() const { return static_cast<int>(m_cards.size()); }
    // Where partition row i is drawn (widget coordinates); tests and tooltips use it.
    QRect partitionRect(int row) const;

signals:
    void actionRequested(const QString &clientId, kl::ConsumerAction action);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void relayout();

    groupmap::GroupMap m_map;
    QMap<QString, MemberCard *> m_cards;
    QLabel *m_empty = nullptr;
};
