// ScenarioMenu: the toolbar's "Scenario" menu — "Play scenario file…" (a file dialog opening
// in the scenarios folder), "Examples ▸" with every bundled example (no dialog needed) and
// "Back to live cluster". It only emits requests; the app switches clusters. GUI thread only.
#pragma once

#include <QMenu>
#include <QString>

class QAction;

class ScenarioMenu : public QMenu {
    Q_OBJECT
public:
    explicit ScenarioMenu(QWidget *parent = nullptr);

    // Enables "Back to live cluster" (a scenario is being played).
    void setPlaying(bool playing);
    QMenu *examplesMenu() const { return m_examples; }
    // Lists the examples by their titles in the UI language (QLocale's default), again after a
    // language change.
    void retranslateExamples();

signals:
    void playRequested(const QString &path); // a file path or a ":/scenarios/..." resource
    void backToLiveRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void chooseFile();
    void retranslateUi();

    QAction *m_open = nullptr;
    QMenu *m_examples = nullptr;
    QAction *m_back = nullptr;
};
