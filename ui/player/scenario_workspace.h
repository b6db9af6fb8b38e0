// ScenarioWorkspace: which cluster the window shows — the live one (the app's Engine, always
// running) or a scenario being played (a ScenarioSession with its own Engine and Bridge).
// Playing a file parses it first: a malformed file is refused with the parser's
// "FILE:LINE: reason" and nothing changes. Switching emits aboutToSwitch() (whoever shows
// bridge() must drop it now: the old scenario Bridge is destroyed next) and then switched().
// Also knows the bundled example scenarios (Qt resources ":/scenarios/*.json") and where the
// scenario files are on disk. Owns the live Bridge and any scenario session. GUI thread only.
#pragma once

#include "scenario/scenario.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace kl {
class Engine;
}
class Bridge;
class ScenarioSession;

class ScenarioWorkspace : public QObject {
    Q_OBJECT
public:
    explicit ScenarioWorkspace(kl::Engine &liveEngine, QObject *parent = nullptr);
    ~ScenarioWorkspace() override;

    Bridge &bridge() const;           // the one the window should show
    Bridge &liveBridge() const { return *m_liveBridge; }
    ScenarioSession *session() const { return m_session.get(); }
    bool isPlaying() const { return m_session != nullptr; }

    // Parses a scenario from a file or a ":/..." resource. On failure returns null and sets
    // *error to "file.json:LINE: reason" (the parser's words).
    static std::shared_ptr<const kl::Scenario> loadScenario(const QString &path, QString *error);
    // The scenario's title and description in the UI's language (QLocale's default language:
    // the file's Korean text in Korean, else its English one). An untitled scenario is called
    // by its file name.
    static QString title(const kl::Scenario &scenario, const QString &fileName);
    static QString description(const kl::Scenario &scenario);
    // The bundled examples, as resource paths, sorted by name.
    static QStringList bundledExamples();
    // The folder a file dialog should open in: the installed or source-tree scenarios, else home.
    static QString scenarioFolder();

    // Parses `path` and plays it on a fresh cluster. On failure: false, *error says why, the
    // current cluster (live or scenario) stays as it was.
    bool playFile(const QString &path, QString *error = nullptr);
    bool play(std::shared_ptr<const kl::Scenario> scenario, const QString &fileName,
              QString *error = nullptr);
    // Plays the current scenario again from its start on a fresh cluster (false, with *error,
    // when none is playing or the cluster cannot be opened).
    bool replay(QString *error = nullptr);
    // The centre tab a scenario opens on: "groups" when it runs consumer groups, else "cluster".
    static QString startView(const kl::Scenario &scenario);
    // Ends the scenario (its cluster and files are discarded) and shows the live cluster.
    void backToLive();

signals:
    void aboutToSwitch();
    void switched();

private:
    std::unique_ptr<Bridge> m_liveBridge;
    // Declared in destruction order's reverse: the scenario Bridge goes before its session.
    std::unique_ptr<ScenarioSession> m_session;
    std::unique_ptr<Bridge> m_sessionBridge;
};
