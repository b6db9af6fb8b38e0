// AssignmentCanvas: partition boxes, member cards, links.
#include "views/assignment_canvas.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int kMargin = 8;
constexpr int kCardGap = 8;

QColor statusColor(const QString &status)
{
    if (status == QLatin1String("OK"))
        return QColor(0x2e, 0x7d, 0x32);
    if (status == QLatin1String("WARN"))
        return QColor(0xef, 0x6c, 0x00);
    return QColor(0xc6, 0x28, 0x28); // STALL, STOP, ERR
}

} // namespace

MemberCard::MemberCard(const QString &clientId, QWidget *parent) : QFrame(parent), m_clientId(clientId)
{
    setObjectName(QStringLiteral("member-") + clientId);
    setFixedWidth(kWidth);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 4, 6, 4);
    layout->setSpacing(1);
    auto *top = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    m_state = new QLabel(this);
    m_state->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    top->addWidget(m_title, 1);
    top->addWidget(m_state);
    layout->addLayout(top);
    m_host = new QLabel(this);
    m_numbers = new QLabel(this);
    m_numbers->setObjectName(QStringLiteral("numbers-") + clientId);
    layout->addWidget(m_host);
    layout->addWidget(m_numbers);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(4);
    auto button = [this, buttons](const QString &prefix) {
        auto *b = new QPushButton(this);
        b->setObjectName(prefix + m_clientId);
        b->setAutoDefault(false);
        b->setMinimumHeight(22);
        buttons->addWidget(b);
        return b;
    };
    m_crash = button(QStringLiteral("crash-"));
    m_leave = button(QStringLiteral("leave-"));
    m_stall = button(QStringLiteral("stall-"));
    connect(m_crash, &QPushButton::clicked, this,
            [this] { emit actionRequested(m_clientId, kl::ConsumerAction::Crash); });
    connect(m_leave, &QPushButton::clicked, this,
            [this] { emit actionRequested(m_clientId, kl::ConsumerAction::Leave); });
    connect(m_stall, &QPushButton::clicked, this, [this] {
        emit actionRequested(m_clientId, m_resume ? kl::ConsumerAction::Resume : kl::ConsumerAction::Stall);
    });
    layout->addLayout(buttons);
    retranslateUi();
}

void MemberCard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

// The buttons; the other texts come from the member (GroupsView rebuilds it on the same event).
void MemberCard::retranslateUi()
{
    m_crash->setText(tr("Crash"));
    m_leave->setText(m_real ? tr("Remove") : tr("Leave"));
    m_stall->setText(m_resume ? tr("Resume") : tr("Stall"));
}

void MemberCard::setMember(const groupmap::Member &m)
{
    const bool gone = m.state == QLatin1String("crashed") || m.state == QLatin1String("left");
    const QColor edge = m.idle || gone ? QColor(0xbd, 0xbd, 0xbd) : m.color;
    const QString background = m.idle || gone ? QStringLiteral("#eeeeee") : QStringLiteral("#ffffff");
    const QString text = m.idle || gone ? QStringLiteral("#8a8a8a") : QStringLiteral("#202020");
    setStyleSheet(QStringLiteral("MemberCard { background:%1; border:1px solid #c8c8c8; "
                                 "border-left:5px solid %2; border-radius:3px; } "
                                 "QLabel { color:%3; }")
                      .arg(background, edge.name(), text));
    QString title = QStringLiteral("<b>%1</b>").arg(m.clientId.toHtmlEscaped());
    if (m.leader)
        title += QStringLiteral(" <span style='color:#8e24aa'>★</span>");
    m_title->setText(title);
    m_state->setText(m.idle ? tr("idle") : m.stateText);
    m_state->setStyleSheet(m.state == QLatin1String("stalled") ? QStringLiteral("color:#ef6c00; font-weight:bold")
                           : m.state == QLatin1String("crashed") ? QStringLiteral("color:#c62828; font-weight:bold")
                                                                 : QString());
    m_host->setText(tr("%1 · %2").arg(m.host.isEmpty() ? tr("(no host)") : m.host,
                                      m.simulated ? tr("simulated") : tr("real client")));
    const QString partitions = m.assigned.isEmpty() ? tr("none") : m.assigned.join(QStringLiteral(", "));
    if (m.simulated) {
        m_numbers->setText(tr("lag %1 · %2 rec/s · %n partition(s)", nullptr, static_cast<int>(m.assigned.size()))
                               .arg(m.lag)
                               .arg(QLocale().toString(m.recordsPerSec, 'f', 0)));
        m_numbers->setToolTip(tr("lag: records in its partitions not yet committed\n"
                                 "rec/s: how fast it processes records\npartitions: %1")
                                  .arg(partitions));
    } else {
        // A real client's processing rate is its own: the broker sees only its fetches and commits.
        m_numbers->setText(tr("lag %1 · %n partition(s)", nullptr, static_cast<int>(m.assigned.size())).arg(m.lag));
        m_numbers->setToolTip(tr("lag: records in its partitions not yet committed\n"
                                 "a real client's processing rate is known only to the client\npartitions: %1")
                                  .arg(partitions));
    }
    setToolTip(m.idle ? m.idleTip + QLatin1Char('\n') + m.tip : m.tip);
    m_resume = m.stallIsResume;
    m_real = !m.simulated;
    m_crash->setEnabled(m.crash.enabled);
    m_crash->setToolTip(m.crash.tip);
    m_leave->setEnabled(m.leave.enabled);
    m_leave->setToolTip(m.leave.tip);
    retranslateUi();
    m_stall->setEnabled(m.stall.enabled);
    m_stall->setToolTip(m.stall.tip);
}

AssignmentCanvas::AssignmentCanvas(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("assignmentCanvas"));
    m_empty = new QLabel(this);
    m_empty->setStyleSheet(QStringLiteral("color:#777"));
    m_empty->hide();
    retranslateUi();
}

void AssignmentCanvas::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AssignmentCanvas::retranslateUi()
{
    m_empty->setText(tr("No members: start consumers or add one to this group"));
    m_empty->adjustSize();
}

// A card stands for a simulated consumer by its client id (its member id changes when it
// rejoins) and for a real client by its member id (real clients often share a client id:
// kafka-python's default is "kafka-python-2.0.2" for every consumer). Actions name the same key.
static QString cardKey(const groupmap::Member &m)
{
    return m.simulated ? m.clientId : m.memberId;
}

void AssignmentCanvas::setMap(const groupmap::GroupMap &map)
{
    m_map = map;
    QSet<QString> alive;
    for (const groupmap::Member &m : m_map.members) {
        alive.insert(cardKey(m));
        MemberCard *card = m_cards.value(cardKey(m));
        if (!card) {
            card = new MemberCard(cardKey(m), this);
            connect(card, &MemberCard::actionRequested, this, &AssignmentCanvas::actionRequested);
            m_cards.insert(cardKey(m), card);
            card->show();
        }
        card->setMember(m);
    }
    for (auto it = m_cards.begin(); it != m_cards.end();) {
        if (alive.contains(it.key())) {
            ++it;
            continue;
        }
        it.value()->hide(); // deleteLater waits for the event loop; never draw a stale card
        it.value()->deleteLater();
        it = m_cards.erase(it);
    }
    m_empty->setVisible(!m_map.groupId.isEmpty() && m_map.members.isEmpty());
    relayout();
    QWidget::update();
}

QRect AssignmentCanvas::partitionRect(int row) const
{
    return QRect(kMargin, kMargin + row * kRowHeight, kPartitionWidth, kRowHeight - 4);
}

void AssignmentCanvas::relayout()
{
    const int x = std::max(kPartitionWidth + 2 * kMargin + 60, width() - MemberCard::kWidth - kMargin);
    int y = kMargin;
    for (const groupmap::Member &m : m_map.members) {
        MemberCard *card = m_cards.value(cardKey(m));
        if (!card)
            continue;
        const int h = card->sizeHint().height();
        card->setGeometry(x, y, MemberCard::kWidth, h);
        y += h + kCardGap;
    }
    m_empty->adjustSize();
    m_empty->move(std::max(kMargin, std::min(x, width() - m_empty->width() - kMargin)), kMargin);
    const int partitionsBottom = kMargin + static_cast<int>(m_map.partitions.size()) * kRowHeight;
    setMinimumSize(kPartitionWidth + MemberCard::kWidth + 60 + 3 * kMargin,
                   std::max(partitionsBottom, y) + kMargin);
}

void AssignmentCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void AssignmentCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());

    // Links first, so boxes and cards sit on top of their ends.
    QMap<int, int> linksPerMember, drawnPerMember;
    for (const groupmap::Link &l : m_map.links)
        ++linksPerMember[l.member];
    for (const groupmap::Link &l : m_map.links) {
        if (l.member < 0 || l.member >= m_map.members.size())
            continue;
        MemberCard *card = m_cards.value(cardKey(m_map.members[l.member]));
        if (!card)
            continue;
        const QRect from = partitionRect(l.partitionRow);
        const QRect to = card->geometry();
        const int n = linksPerMember.value(l.member);
        const int k = drawnPerMember[l.member]++;
        // Spread the ends along the card's edge so each link stays traceable.
        const double endY = n <= 1 ? to.center().y()
                                   : to.top() + 10 + (to.height() - 20) * static_cast<double>(k) / (n - 1);
        const QPointF a(from.right() + 1, from.center().y());
        const QPointF b(to.left() - 1, endY);
        const double dx = (b.x() - a.x()) * 0.5;
        QPainterPath path(a);
        path.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b);
        QPen pen(l.color, 2.2);
        const groupmap::Member &m = m_map.members[l.member];
        if (m.state != QLatin1String("running"))
            pen.setStyle(Qt::DashLine); // stalled / crashed: assigned, but nobody reads
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(l.color);
        p.drawEllipse(b, 3, 3);
    }

    for (int i = 0; i < m_map.partitions.size(); ++i) {
        const groupmap::PartitionRow &row = m_map.partitions[i];
        const QRect r = partitionRect(i);
        QColor fill(0xf2, 0xf2, 0xf2);
        QColor edge(0xb0, 0xb0, 0xb0);
        if (row.owner >= 0 && row.owner < m_map.members.size()) {
            edge = m_map.members[row.owner].color;
            fill = edge.lighter(185);
            fill.setAlpha(255);
        }
        p.setPen(QPen(edge, 1.5));
        p.setBrush(fill);
        p.drawRoundedRect(r, 3, 3);
        p.setBrush(statusColor(row.status));
        p.setPen(Qt::NoPen);
        p.drawEllipse(QPointF(r.left() + 9, r.center().y() + 0.5), 4, 4);
        p.setPen(QColor(0x20, 0x20, 0x20));
        const QRect text = r.adjusted(18, 0, -6, 0);
        p.drawText(text, Qt::AlignVCenter | Qt::AlignLeft, fm.elidedText(row.label, Qt::ElideMiddle, 90));
        p.drawText(text, Qt::AlignVCenter | Qt::AlignRight, tr("lag %1").arg(row.lag));
    }
}

bool AssignmentCanvas::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        for (int i = 0; i < m_map.partitions.size(); ++i) {
            if (partitionRect(i).contains(help->pos())) {
                QToolTip::showText(help->globalPos(), m_map.partitions[i].tip, this);
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}
