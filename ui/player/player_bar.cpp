// PlayerBar: controls and progress of the scenario being played.
#include "player/player_bar.h"

#include "models/group_model.h"
#include "models/units.h"
#include "player/scenario_session.h"
#include "player/scenario_workspace.h"

#include <QComboBox>
#include <QDockWidget>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMainWindow>
#include <QPushButton>
#include <QStringList>
#include <QVBoxLayout>

namespace {

QString brokerName(int id)
{
    return PlayerBar::tr("broker-%1").arg(id);
}

QString idList(const std::vector<int32_t> &ids)
{
    QStringList parts;
    for (int32_t id : ids)
        parts << QString::number(id);
    return QStringLiteral("[%1]").arg(parts.join(QStringLiteral(", ")));
}

// What an expect checks, in a few words: "orders-0: leader 1, ISR [1, 2]".
QString describeExpect(const kl::ScenarioAction &a)
{
    const kl::ScenarioExpectation &e = a.expect;
    QStringList checks;
    if (e.leader)
        checks << (*e.leader < 0 ? PlayerBar::tr("no leader") : PlayerBar::tr("leader %1").arg(*e.leader));
    if (e.isr)
        checks << PlayerBar::tr("ISR %1").arg(idList(*e.isr));
    if (e.leaderEpoch)
        checks << PlayerBar::tr("epoch %1").arg(*e.leaderEpoch);
    if (e.highWatermark)
        checks << PlayerBar::tr("high watermark %1").arg(*e.highWatermark);
    if (e.logEndOffset)
        checks << PlayerBar::tr("log end offset %1").arg(*e.logEndOffset);
    if (e.logStartOffset)
        checks << PlayerBar::tr("log start offset %1").arg(*e.logStartOffset);
    for (const auto &[broker, offset] : e.replicaLogEndOffsets)
        checks << PlayerBar::tr("%1 at offset %2").arg(brokerName(broker)).arg(offset);
    if (e.acknowledged)
        checks << PlayerBar::tr("%1 acknowledged").arg(*e.acknowledged);
    if (e.refused)
        checks << PlayerBar::tr("%1 refused").arg(*e.refused);
    if (e.lost)
        checks << PlayerBar::tr("%1 lost").arg(*e.lost);
    // Consumer-group checks.
    auto count = [](const kl::ScenarioCount &c) { return QString::fromStdString(c.toString()); };
    if (e.groupState)
        checks << PlayerBar::tr("state %1").arg(groupmap::GroupMap::groupStateName(QString::fromStdString(*e.groupState)));
    if (e.generation)
        checks << PlayerBar::tr("generation %1").arg(*e.generation);
    if (e.members)
        checks << PlayerBar::tr("members %1").arg(count(*e.members));
    if (e.lag)
        checks << PlayerBar::tr("lag %1").arg(count(*e.lag));
    if (e.owner)
        checks << (e.owner->none() ? PlayerBar::tr("no owner")
                   : e.owner->clientId.empty() ? PlayerBar::tr("owner consumer #%1").arg(e.owner->index)
                                               : PlayerBar::tr("owner %1").arg(QString::fromStdString(e.owner->clientId)));
    if (e.committedOffset)
        checks << PlayerBar::tr("committed offset %1").arg(*e.committedOffset);
    if (e.lagStatus)
        checks << PlayerBar::tr("lag status %1").arg(groupmap::GroupMap::lagStatusName(QString::fromStdString(*e.lagStatus)));
    if (e.checked)
        checks << PlayerBar::tr("%1 checked").arg(count(*e.checked));
    if (e.duplicates)
        checks << PlayerBar::tr("duplicates %1").arg(count(*e.duplicates));
    if (e.perKeyViolations)
        checks << PlayerBar::tr("per-key violations %1").arg(count(*e.perKeyViolations));
    if (e.gaps)
        checks << PlayerBar::tr("gaps %1").arg(count(*e.gaps));
    if (e.globalInversions)
        checks << PlayerBar::tr("global inversions %1").arg(count(*e.globalInversions));
    QString where = e.partition
        ? QStringLiteral("%1-%2").arg(QString::fromStdString(a.topic)).arg(*e.partition)
        : QString::fromStdString(a.topic);
    if (!a.group.empty())
        where = where.isEmpty() ? PlayerBar::tr("group %1").arg(QString::fromStdString(a.group))
                                : PlayerBar::tr("group %1, %2").arg(QString::fromStdString(a.group), where);
    return PlayerBar::tr("expect %1: %2").arg(where, checks.join(QStringLiteral(", ")));
}

// "consumer #2" or its client id.
QString consumerName(const kl::ScenarioConsumerRef &c)
{
    return c.clientId.empty() ? PlayerBar::tr("consumer #%1").arg(c.index) : QString::fromStdString(c.clientId);
}

} // namespace

PlayerBar::PlayerBar(ScenarioSession &session, QWidget *parent) : QWidget(parent), m_session(session)
{
    setObjectName(QStringLiteral("playerBar"));

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("scenarioTitle"));
    m_description = new QLabel(this);
    m_description->setObjectName(QStringLiteral("scenarioDescription"));
    m_description->setWordWrap(true);
    updateTitle();
    // Three lines at most, cut at a line boundary; the whole text is in the tooltip.
    m_description->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_description->setMaximumHeight(m_description->fontMetrics().lineSpacing() * 3);
    m_description->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_time = new QLabel(this);
    m_time->setObjectName(QStringLiteral("scenarioTime"));
    m_next = new QLabel(this);
    m_next->setObjectName(QStringLiteral("nextAction"));
    m_next->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_summary = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("scenarioStatus"));

    m_speed = new QComboBox(this);
    for (double speed : ScenarioSession::speeds())
        m_speed->addItem(QString(), speed);
    m_speed->setCurrentIndex(std::max(0, m_speed->findData(session.speed())));
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_session.setSpeed(m_speed->itemData(i).toDouble()); });

    m_pause = new QPushButton(this);
    m_pause->setObjectName(QStringLiteral("pauseScenario"));
    connect(m_pause, &QPushButton::clicked, this, [this] { m_session.setPaused(!m_session.isPaused()); });
    m_step = new QPushButton(this);
    m_step->setObjectName(QStringLiteral("stepScenario"));
    connect(m_step, &QPushButton::clicked, &m_session, &ScenarioSession::stepToNextAction);
    m_replay = new QPushButton(this);
    m_replay->setObjectName(QStringLiteral("replayScenario"));
    connect(m_replay, &QPushButton::clicked, this, &PlayerBar::replayRequested);
    m_back = new QPushButton(this);
    m_back->setObjectName(QStringLiteral("backToLive"));
    connect(m_back, &QPushButton::clicked, this, &PlayerBar::backToLiveRequested);

    m_outcomes = new QListWidget(this);
    m_outcomes->setObjectName(QStringLiteral("scenarioOutcomes"));
    m_outcomes->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_outcomes->setMaximumHeight((m_outcomes->fontMetrics().lineSpacing() + 4) * 3 + 6); // three results

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_time);
    controls->addSpacing(12);
    controls->addWidget(m_status);
    controls->addWidget(m_next, 1);
    controls->addWidget(m_summary);
    controls->addSpacing(12);
    m_speedLabel = new QLabel(this);
    controls->addWidget(m_speedLabel);
    controls->addWidget(m_speed);
    controls->addWidget(m_pause);
    controls->addWidget(m_step);
    controls->addWidget(m_replay);
    controls->addWidget(m_back);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(3);
    layout->addWidget(m_title);
    layout->addWidget(m_description);
    layout->addLayout(controls);
    layout->addWidget(m_outcomes);

    connect(&session, &ScenarioSession::progressChanged, this, &PlayerBar::updateProgress);
    connect(&session, &ScenarioSession::pausedChanged, this, &PlayerBar::updatePauseButton);
    retranslateUi();
}

void PlayerBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

// The controls' texts, then the progress and every outcome shown so far, in place.
void PlayerBar::retranslateUi()
{
    m_time->setToolTip(tr("Scenario time: engine time since the scenario started"));
    m_speed->setToolTip(tr("Scenario seconds per wall-clock second"));
    for (int i = 0; i < m_speed->count(); ++i)
        m_speed->setItemText(i, tr("%1×").arg(QLocale().toString(m_speed->itemData(i).toDouble())));
    m_speedLabel->setText(tr("Speed:"));
    m_step->setText(tr("Step to next action"));
    m_step->setToolTip(tr("Jump to the next action's time and run it"));
    m_replay->setText(tr("Replay"));
    m_replay->setToolTip(tr("Play this scenario again from the start, on a fresh cluster"));
    updateTitle();
    m_back->setText(tr("Back to live cluster"));
    m_back->setToolTip(tr("End the scenario (its cluster is discarded) and show the live cluster again"));
    m_outcomes->setToolTip(tr("The scenario's expects as they are checked"));
    updatePauseButton();
    const kl::ScenarioProgress &p = m_session.progress();
    for (int i = 0; i < m_outcomesShown && i < int(p.outcomes.size()); ++i)
        describeOutcome(p.outcomes[size_t(i)], m_outcomes->item(m_outcomesShown - 1 - i));
    updateProgress();
}

void PlayerBar::describeOutcome(const kl::ScenarioOutcome &o, QListWidgetItem *item) const
{
    const QString what = describeOutcomeTarget(o.actionIndex);
    item->setText(o.passed ? tr("✓ %1 (line %2): %3").arg(formatTime(o.atMs)).arg(o.line).arg(what)
                           : tr("✗ %1 (line %2): %3").arg(formatTime(o.atMs)).arg(o.line)
                                 .arg(QString::fromStdString(o.reason)));
    item->setToolTip(o.passed ? tr("Passed: %1").arg(what)
                              : tr("Failed: %1\n%2").arg(what, QString::fromStdString(o.reason)));
}

void PlayerBar::updateTitle()
{
    // The file's text in the UI language (its English one when it has none).
    const kl::Scenario &s = m_session.scenario();
    const QString name = ScenarioWorkspace::title(s, m_session.fileName());
    m_title->setText(tr("<b>Scenario:</b> %1 <span style='color:gray'>(%2, seed %3)</span>")
                         .arg(name.toHtmlEscaped(), m_session.fileName().toHtmlEscaped())
                         .arg(s.seed));
    m_description->setText(ScenarioWorkspace::description(s));
    m_description->setToolTip(m_description->text());
}

QString PlayerBar::formatTime(qint64 ms)
{
    return Units::seconds(ms);
}

QString PlayerBar::describeAction(const kl::ScenarioAction &a)
{
    const QString topic = QString::fromStdString(a.topic);
    switch (a.kind) {
    case kl::ScenarioActionKind::CreateTopic:
        return tr("create topic %1 (%2 partitions, replication factor %3)")
            .arg(topic).arg(a.topicConfig.partitions).arg(a.topicConfig.replicationFactor);
    case kl::ScenarioActionKind::Produce:
        return tr("produce %1 records to %2 (acks=%3)")
            .arg(a.count).arg(topic, QString::fromLatin1(kl::acksName(a.acks).data()));
    case kl::ScenarioActionKind::Crash:
        return tr("crash %1").arg(brokerName(a.broker));
    case kl::ScenarioActionKind::Restart:
        return tr("restart %1").arg(brokerName(a.broker));
    case kl::ScenarioActionKind::Isolate:
        return tr("isolate %1 from the other brokers").arg(brokerName(a.broker));
    case kl::ScenarioActionKind::Heal:
        return tr("heal %1's network").arg(brokerName(a.broker));
    case kl::ScenarioActionKind::Slow:
        return a.ms > 0 ? tr("slow %1's follower fetches by %2").arg(brokerName(a.broker), Units::duration(a.ms))
                        : tr("%1's follower fetches back to normal").arg(brokerName(a.broker));
    case kl::ScenarioActionKind::ElectPreferred:
        return tr("preferred leader election for %1-%2").arg(topic).arg(a.partition);
    case kl::ScenarioActionKind::Advance:
        return tr("let %1 pass").arg(Units::duration(a.ms));
    case kl::ScenarioActionKind::Expect:
        return describeExpect(a);
    case kl::ScenarioActionKind::StartProducer:
        return tr("start a producer on %1 (%2 records/s)")
            .arg(topic, QLocale().toString(a.producerSpec.ratePerSec));
    case kl::ScenarioActionKind::StopProducer:
        return tr("stop the producer on %1").arg(topic);
    case kl::ScenarioActionKind::StartGroup:
        return tr("start group %1: %n consumer(s), assignor %2", nullptr, a.groupSpec.consumers)
            .arg(QString::fromStdString(a.group), QString::fromStdString(a.groupSpec.assignor));
    case kl::ScenarioActionKind::AddConsumer:
        return tr("add a consumer to group %1").arg(QString::fromStdString(a.group));
    case kl::ScenarioActionKind::CrashConsumer:
        return tr("crash %1 of group %2").arg(consumerName(a.consumer), QString::fromStdString(a.group));
    case kl::ScenarioActionKind::LeaveConsumer:
        return tr("%1 of group %2 leaves (LeaveGroup)").arg(consumerName(a.consumer), QString::fromStdString(a.group));
    case kl::ScenarioActionKind::StallConsumer:
        return tr("%1 of group %2 stops polling").arg(consumerName(a.consumer), QString::fromStdString(a.group));
    case kl::ScenarioActionKind::ResumeConsumer:
        return tr("%1 of group %2 polls again").arg(consumerName(a.consumer), QString::fromStdString(a.group));
    case kl::ScenarioActionKind::StopGroup:
        return tr("stop every consumer of group %1").arg(QString::fromStdString(a.group));
    }
    return QString();
}

QString PlayerBar::describeOutcomeTarget(int actionIndex) const
{
    const auto &actions = m_session.scenario().actions;
    if (actionIndex < 0 || actionIndex >= int(actions.size()))
        return QString();
    return describeAction(actions[size_t(actionIndex)]);
}

void PlayerBar::updatePauseButton()
{
    m_pause->setText(m_session.isPaused() ? tr("Play") : tr("Pause"));
    m_pause->setToolTip(m_session.isPaused() ? tr("Let scenario time run")
                                             : tr("Stop scenario time (the cluster waits)"));
    updateStatus();
}

void PlayerBar::updateStatus()
{
    // A scenario starts paused (a short one would be over before Pause could be pressed): say
    // so, and what to press.
    const bool paused = m_session.isPaused() && !m_session.isFinished();
    m_status->setText(paused ? tr("<b>Paused</b>: press Play") : QString());
    m_status->setVisible(paused);
}

void PlayerBar::updateProgress()
{
    const kl::ScenarioProgress &p = m_session.progress();
    m_time->setText(tr("<b>%1</b> of %2").arg(formatTime(p.nowMs), formatTime(p.endMs)));
    if (p.finished) {
        m_next->setText(tr("Finished."));
    } else if (p.nextAction >= 0) {
        const kl::ScenarioAction &a = m_session.scenario().actions[size_t(p.nextAction)];
        m_next->setText(tr("Next at %1 (line %2): %3")
                            .arg(formatTime(p.nextActionMs)).arg(a.line).arg(describeAction(a)));
    } else {
        m_next->setText(tr("Next: the end at %1").arg(formatTime(p.endMs)));
    }
    m_next->setToolTip(m_next->text());
    m_step->setEnabled(!p.finished);
    m_pause->setEnabled(!p.finished);
    updateStatus();
    const int failed = p.failures;
    m_summary->setText(failed > 0
        ? tr("<span style='color:#c0392b'>%1 passed, %2 failed</span>").arg(p.expectsPassed).arg(failed)
        : tr("%1 passed").arg(p.expectsPassed));

    for (; m_outcomesShown < int(p.outcomes.size()); ++m_outcomesShown) {
        const kl::ScenarioOutcome &o = p.outcomes[size_t(m_outcomesShown)];
        auto *item = new QListWidgetItem;
        describeOutcome(o, item);
        item->setForeground(o.passed ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc0, 0x39, 0x2b));
        item->setData(Qt::UserRole, o.passed);
        m_outcomes->insertItem(0, item); // newest first, like the events timeline
    }
}

PlayerBar *attachPlayerBar(QMainWindow *window, ScenarioSession &session)
{
    auto *dock = new QDockWidget(window);
    dock->setObjectName(QStringLiteral("playerDock"));
    dock->setFeatures(QDockWidget::NoDockWidgetFeatures);
    dock->setTitleBarWidget(new QWidget(dock)); // no title bar: it is a bar, not a panel
    auto *bar = new PlayerBar(session, dock);
    dock->setWidget(bar);
    window->addDockWidget(Qt::TopDockWidgetArea, dock);
    return bar;
}
