// GroupsView: group cards, header, form, canvas, timeline.
#include "views/groups_view.h"

#include "core/error_code.h"
#include "views/assignment_canvas.h"
#include "views/group_start_form.h"
#include "views/rebalance_timeline.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QString actionName(const QString &action)
{
    if (action == QLatin1String("start")) return GroupsView::tr("start group");
    if (action == QLatin1String("add")) return GroupsView::tr("add consumer");
    if (action == QLatin1String("crash")) return GroupsView::tr("crash");
    if (action == QLatin1String("leave")) return GroupsView::tr("leave");
    if (action == QLatin1String("stall")) return GroupsView::tr("stall");
    if (action == QLatin1String("resume")) return GroupsView::tr("resume");
    if (action == QLatin1String("stop")) return GroupsView::tr("stop group");
    return action;
}

QString stateColour(const QString &state)
{
    if (state == QLatin1String("Stable")) return QStringLiteral("#2e7d32");
    if (state == QLatin1String("Empty") || state == QLatin1String("Dead")) return QStringLiteral("#757575");
    return QStringLiteral("#ef6c00"); // rebalancing
}

QString errorName(const kl::Status &status)
{
    const std::string_view name = kl::errorName(status.code());
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

} // namespace

GroupsView::GroupsView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    // Group cards scroll sideways when there are many, so the tab never forces the window wider.
    auto *top = new QWidget(this);
    auto *topRow = new QHBoxLayout(top);
    topRow->setContentsMargins(0, 0, 0, 0);
    auto *cards = new QWidget;
    m_cardsRow = new QHBoxLayout(cards);
    m_cardsRow->setContentsMargins(0, 0, 0, 0);
    m_cardsRow->setSpacing(4);
    m_noGroups = new QLabel(cards);
    m_cardsRow->addWidget(m_noGroups);
    m_cardsRow->addStretch(1);
    auto *cardScroll = new QScrollArea(top);
    cardScroll->setWidget(cards);
    cardScroll->setWidgetResizable(true);
    cardScroll->setFrameShape(QFrame::NoFrame);
    cardScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    cardScroll->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    cardScroll->setMinimumWidth(120);
    cardScroll->viewport()->setAutoFillBackground(false);
    cards->setAutoFillBackground(false);
    // Two text lines per card, plus room for the scroll bar when the cards overflow.
    cardScroll->setFixedHeight(2 * fontMetrics().height() + 14
                               + style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    topRow->addWidget(cardScroll, 1);
    m_add = new QPushButton(top);
    m_add->setObjectName(QStringLiteral("addConsumer"));
    connect(m_add, &QPushButton::clicked, this, [this] { emit addConsumerRequested(m_group); });
    m_stop = new QPushButton(top);
    m_stop->setObjectName(QStringLiteral("stopGroup"));
    connect(m_stop, &QPushButton::clicked, this, [this] { emit stopGroupRequested(m_group); });
    topRow->addWidget(m_add);
    topRow->addWidget(m_stop);
    m_newGroup = new QToolButton(top);
    m_newGroup->setObjectName(QStringLiteral("newGroup"));
    m_newGroup->setCheckable(true);
    connect(m_newGroup, &QToolButton::clicked, this, [this](bool on) {
        m_formTouched = true;
        setFormVisible(on);
    });
    topRow->addWidget(m_newGroup);
    m_cardGroup = new QButtonGroup(this);
    m_cardGroup->setExclusive(true);
    layout->addWidget(top);

    m_form = new GroupStartForm(this);
    connect(m_form, &GroupStartForm::startRequested, this, &GroupsView::startGroupRequested);
    layout->addWidget(m_form);

    layout->addWidget(buildHeader());
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("groupResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();
    layout->addWidget(m_result);

    m_canvas = new AssignmentCanvas;
    connect(m_canvas, &AssignmentCanvas::actionRequested, this,
            [this](const QString &clientId, kl::ConsumerAction action) {
                emit consumerActionRequested(m_group, clientId, action);
            });
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_canvas);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_timeline = new RebalanceTimeline;
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(scroll);
    split->addWidget(m_timeline);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    split->setSizes({300, 110});
    layout->addWidget(split, 1);

    m_header->hide();
    m_add->hide();
    m_stop->hide();
    retranslateUi();
}

GroupsView::~GroupsView() = default;

void GroupsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

// The texts set here, then the group's map again (built in the current language).
void GroupsView::retranslateUi()
{
    m_noGroups->setText(tr("No consumer group yet: start one below."));
    m_add->setText(tr("Add consumer"));
    m_stop->setText(tr("Stop group"));
    m_newGroup->setText(tr("New group…"));
    m_newGroup->setToolTip(tr("Start a group of simulated consumers"));
    showResultText();
    rebuild();
}

QWidget *GroupsView::buildHeader()
{
    // Two short rows rather than one long one: the header must fit the centre column at
    // 1280x800 in Korean too. Separate labels so each number keeps its own tooltip.
    m_header = new QWidget(this);
    auto *rows = new QVBoxLayout(m_header);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(0);
    auto *first = new QHBoxLayout;
    auto *second = new QHBoxLayout;
    first->setSpacing(12);
    second->setSpacing(12);
    rows->addLayout(first);
    rows->addLayout(second);
    auto label = [this](QHBoxLayout *row, const QString &name) {
        auto *l = new QLabel(m_header);
        l->setObjectName(name);
        row->addWidget(l);
        return l;
    };
    m_title = label(first, QStringLiteral("groupTitle"));
    m_state = label(first, QStringLiteral("groupState"));
    m_generation = label(first, QStringLiteral("groupGeneration"));
    m_lag = label(first, QStringLiteral("groupLag"));
    first->addStretch(1);
    m_assignor = label(second, QStringLiteral("groupAssignor"));
    m_coordinator = label(second, QStringLiteral("groupCoordinator"));
    second->addStretch(1);
    return m_header;
}

void GroupsView::setSnapshot(std::shared_ptr<const kl::ClusterSnapshot> snapshot)
{
    if (!snapshot)
        return;
    m_snapshot = std::move(snapshot);
    m_form->setSnapshot(m_snapshot);
    if (isVisible() || m_cardButtons.isEmpty())
        rebuild();
    else
        m_stale = true;
}

void GroupsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        rebuild();
}

void GroupsView::selectGroup(const QString &groupId)
{
    m_group = groupId;
    if (QToolButton *b = m_cardButtons.value(groupId))
        b->setChecked(true);
    rebuild();
}

void GroupsView::setFormVisible(bool visible)
{
    m_form->setVisible(visible);
    m_newGroup->setChecked(visible);
}

void GroupsView::suggestTopic(const QString &topic)
{
    m_form->suggestTopic(topic);
}

void GroupsView::syncGroupCards()
{
    QStringList ids;
    for (const auto &g : m_snapshot->groups)
        ids << QString::fromStdString(g.groupId);
    for (auto it = m_cardButtons.begin(); it != m_cardButtons.end();) {
        if (ids.contains(it.key())) {
            ++it;
            continue;
        }
        m_cardGroup->removeButton(it.value());
        it.value()->deleteLater();
        it = m_cardButtons.erase(it);
    }
    int index = 0;
    for (const auto &g : m_snapshot->groups) {
        const QString id = QString::fromStdString(g.groupId);
        QToolButton *b = m_cardButtons.value(id);
        if (!b) {
            b = new QToolButton(this);
            b->setObjectName(QStringLiteral("groupCard-") + id);
            b->setCheckable(true);
            b->setToolButtonStyle(Qt::ToolButtonTextOnly);
            m_cardGroup->addButton(b);
            connect(b, &QToolButton::clicked, this, [this, id] {
                selectGroup(id);
                emit groupSelected(id);
            });
            m_cardButtons.insert(id, b);
        }
        m_cardsRow->insertWidget(index++, b); // keeps snapshot order
        int active = 0;
        for (const auto &m : g.members)
            active += m.state == "running" || m.state == "stalled" ? 1 : 0;
        b->setText(tr("%1\n%2 · gen %3 · lag %4")
                       .arg(id, groupmap::GroupMap::groupStateName(QString::fromStdString(g.state)))
                       .arg(g.generation)
                       .arg(g.totalLag));
        b->setToolTip(tr("%1: %n consumer(s), assignor %2\n%3", nullptr, active)
                          .arg(id, QString::fromStdString(g.assignor),
                               groupmap::GroupMap::stateExplanation(QString::fromStdString(g.state))));
        b->setChecked(id == m_group);
    }
    m_noGroups->setVisible(ids.isEmpty());
    if (!ids.contains(m_group)) {
        m_group = ids.isEmpty() ? QString() : ids.front();
        if (QToolButton *b = m_cardButtons.value(m_group))
            b->setChecked(true);
    }
}

void GroupsView::rebuild()
{
    m_stale = false;
    if (!m_snapshot)
        return;
    syncGroupCards();
    if (!m_formTouched)
        setFormVisible(m_snapshot->groups.empty()); // nothing to show yet: offer to start one
    const kl::GroupSnapshot *group = nullptr;
    for (const auto &g : m_snapshot->groups)
        if (QString::fromStdString(g.groupId) == m_group)
            group = &g;
    m_header->setVisible(group != nullptr);
    m_add->setVisible(group != nullptr);
    m_stop->setVisible(group != nullptr);
    if (!group) {
        m_map = groupmap::GroupMap{};
        m_canvas->setMap(m_map);
        m_timeline->setMap(m_map);
        return;
    }
    m_map = groupmap::GroupMap::build(*group);
    m_title->setText(QStringLiteral("<b>%1</b>").arg(m_map.groupId.toHtmlEscaped()));
    m_state->setText(tr("state <b style='color:%1'>%2</b>").arg(stateColour(m_map.state), m_map.stateText));
    m_state->setToolTip(m_map.stateTip);
    m_generation->setText(tr("generation <b>%1</b>").arg(m_map.generation));
    m_generation->setToolTip(m_map.generationTip);
    m_assignor->setText(tr("assignor <b>%1</b>").arg(m_map.assignor));
    m_assignor->setToolTip(m_map.assignorTip);
    m_coordinator->setText(m_map.coordinator >= 0 ? tr("coordinator <b>broker-%1</b>").arg(m_map.coordinator)
                                                  : tr("coordinator <b>none</b>"));
    m_coordinator->setToolTip(m_map.coordinatorTip);
    m_lag->setText(tr("lag <b>%1</b>").arg(m_map.totalLag));
    m_lag->setToolTip(m_map.lagTip);
    m_add->setEnabled(m_map.addConsumer.enabled);
    m_add->setToolTip(m_map.addConsumer.tip);
    m_stop->setEnabled(m_map.stopGroup.enabled);
    m_stop->setToolTip(m_map.stopGroup.tip);
    m_canvas->setMap(m_map);
    m_timeline->setMap(m_map);
}

void GroupsView::showCommandResult(const QString &action, const QString &group, const QString &target,
                                   const kl::Status &status)
{
    m_lastResult = LastResult{action, group, target, status};
    showResultText();
    if (status.isOk() && action == QLatin1String("start")) {
        m_formTouched = true;
        setFormVisible(false);
        selectGroup(group);
    }
    m_result->show();
}

// The last command's answer in the current language.
void GroupsView::showResultText()
{
    if (!m_lastResult)
        return;
    const auto &[action, group, target, status] = *m_lastResult;
    const QString what = target.isEmpty() ? group : QStringLiteral("%1 / %2").arg(group, target);
    if (status.isOk()) {
        m_result->setStyleSheet(QStringLiteral("color:#2e7d32"));
        m_result->setText(tr("%1 %2: done").arg(actionName(action), what));
    } else {
        m_result->setStyleSheet(QStringLiteral("color:#c62828"));
        m_result->setText(tr("%1 %2 refused: %3 — %4")
                              .arg(actionName(action), what,
                                   errorName(status),
                                   QString::fromStdString(status.message())));
    }
}
