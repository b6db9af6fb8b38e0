// PlayerBar: the strip above the window's content while a scenario plays — its title and
// description (in the UI language), the scenario time, "Paused: press Play" while paused, the
// next action, speed (0.25x .. 16x), play / pause, "step to next action", "replay" (the same
// scenario from the start), "back to live cluster", and each expect's result as it happens
// (newest first; passed in green, failed in red with the reason). Reads the ScenarioSession's progress;
// the session outlives the bar. GUI thread only.
#pragma once

#include "scenario/scenario.h"

#include <QString>
#include <QWidget>

namespace kl {
struct ScenarioOutcome;
}
class QComboBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class ScenarioSession;

class PlayerBar : public QWidget {
    Q_OBJECT
public:
    explicit PlayerBar(ScenarioSession &session, QWidget *parent = nullptr);

    // "crash broker-3", "produce 10 records to orders (acks=all)", ... (translated)
    static QString describeAction(const kl::ScenarioAction &action);
    // "2.5 s" (Units::seconds)
    static QString formatTime(qint64 ms);

    QLabel *timeLabel() const { return m_time; }
    QLabel *nextLabel() const { return m_next; }
    QListWidget *outcomes() const { return m_outcomes; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *stepButton() const { return m_step; }
    QPushButton *replayButton() const { return m_replay; }
    QLabel *statusLabel() const { return m_status; }
    QComboBox *speedBox() const { return m_speed; }

signals:
    void backToLiveRequested();
    void replayRequested(); // the app restarts the same scenario (ScenarioWorkspace::replay)

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void describeOutcome(const kl::ScenarioOutcome &outcome, QListWidgetItem *item) const;
    void updateTitle(); // title and description in the UI language
    void updateProgress();
    void updatePauseButton();
    void updateStatus();
    QString describeOutcomeTarget(int actionIndex) const;

    ScenarioSession &m_session;
    QLabel *m_title = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_time = nullptr;
    QLabel *m_next = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_status = nullptr;
    QComboBox *m_speed = nullptr;
    QLabel *m_speedLabel = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_step = nullptr;
    QPushButton *m_replay = nullptr;
    QPushButton *m_back = nullptr;
    QListWidget *m_outcomes = nullptr;
    int m_outcomesShown = 0;
};

class QMainWindow;
// Puts a PlayerBar for `session` at the top of `window` (a dock without a title bar) and
// returns it; the window owns it.
PlayerBar *attachPlayerBar(QMainWindow *window, ScenarioSession &session);
