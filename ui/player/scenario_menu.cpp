// ScenarioMenu: file dialog, bundled examples, back to live.
#include "player/scenario_menu.h"

#include "player/scenario_workspace.h"

#include <QAction>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>

ScenarioMenu::ScenarioMenu(QWidget *parent) : QMenu(parent)
{
    setObjectName(QStringLiteral("scenarioMenu"));
    setToolTipsVisible(true);
    m_open = addAction(QString(), this, &ScenarioMenu::chooseFile);

    m_examples = addMenu(QString());
    m_examples->setObjectName(QStringLiteral("scenarioExamples"));
    m_examples->setToolTipsVisible(true);
    for (const QString &path : ScenarioWorkspace::bundledExamples()) {
        QAction *a = m_examples->addAction(QFileInfo(path).fileName());
        a->setData(path);
        connect(a, &QAction::triggered, this, [this, path] { emit playRequested(path); });
    }
    m_examples->setEnabled(!m_examples->isEmpty());
    retranslateExamples();

    addSeparator();
    m_back = addAction(QString(), this, &ScenarioMenu::backToLiveRequested);
    m_back->setObjectName(QStringLiteral("backToLiveAction"));
    m_back->setEnabled(false);
    retranslateUi();
}

void ScenarioMenu::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMenu::changeEvent(event);
}

void ScenarioMenu::retranslateUi()
{
    setTitle(tr("Scenario"));
    m_open->setText(tr("Play scenario file…"));
    m_open->setToolTip(tr("Play a scenario (JSON, see docs/SCENARIOS.md) on a fresh simulated cluster"));
    m_examples->setTitle(tr("Examples"));
    m_back->setText(tr("Back to live cluster"));
}

void ScenarioMenu::retranslateExamples()
{
    // Each example's own title (in the UI's language) and story, so the menu says what it
    // shows; the file name is in the tooltip.
    for (QAction *a : m_examples->actions()) {
        const QString path = a->data().toString();
        const QString file = QFileInfo(path).fileName();
        QString error;
        if (auto scenario = ScenarioWorkspace::loadScenario(path, &error)) {
            a->setText(ScenarioWorkspace::title(*scenario, file));
            a->setToolTip(QStringLiteral("%1\n%2\n(%3)").arg(a->text(), ScenarioWorkspace::description(*scenario), file));
        }
    }
}

void ScenarioMenu::setPlaying(bool playing)
{
    m_back->setEnabled(playing);
}

void ScenarioMenu::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(parentWidget(), tr("Play scenario"),
        ScenarioWorkspace::scenarioFolder(), tr("Scenarios (*.json);;All files (*)"));
    if (!path.isEmpty())
        emit playRequested(path);
}
