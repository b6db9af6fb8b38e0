// ScenarioWorkspace: live cluster or scenario; loading scenario files and the bundled examples.
#include "player/scenario_workspace.h"

#include "bridge/bridge.h"
#include "player/scenario_session.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

namespace {

// The language code a scenario text is looked up with ("ko", "en").
std::string uiLanguage()
{
    return QLocale().language() == QLocale::Korean ? "ko" : "en";
}

} // namespace

ScenarioWorkspace::ScenarioWorkspace(kl::Engine &liveEngine, QObject *parent)
    : QObject(parent), m_liveBridge(std::make_unique<Bridge>(liveEngine))
{
}

ScenarioWorkspace::~ScenarioWorkspace()
{
    m_sessionBridge.reset();
    m_session.reset();
}

Bridge &ScenarioWorkspace::bridge() const
{
    return m_sessionBridge ? *m_sessionBridge : *m_liveBridge;
}

std::shared_ptr<const kl::Scenario> ScenarioWorkspace::loadScenario(const QString &path, QString *error)
{
    const QString name = QFileInfo(path).fileName();
    // Qt's own text for a directory ("file to open is a directory") does not say what to give.
    if (QFileInfo(path).isDir()) {
        if (error)
            *error = tr("%1: is a directory, not a scenario file (give a .json file)").arg(name);
        return nullptr;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("%1: cannot read the file: %2").arg(name, file.errorString());
        return nullptr;
    }
    const QByteArray text = file.readAll();
    kl::ScenarioParseResult parsed = kl::parseScenario(std::string_view(text.constData(), size_t(text.size())));
    if (!parsed) {
        if (error)
            *error = QString::fromStdString(parsed.error.toString(name.toStdString()));
        return nullptr;
    }
    return std::make_shared<const kl::Scenario>(std::move(*parsed.scenario));
}

QString ScenarioWorkspace::title(const kl::Scenario &scenario, const QString &fileName)
{
    return scenario.title.empty() ? fileName : QString::fromStdString(scenario.title.in(uiLanguage()));
}

QString ScenarioWorkspace::description(const kl::Scenario &scenario)
{
    return QString::fromStdString(scenario.description.in(uiLanguage()));
}

QStringList ScenarioWorkspace::bundledExamples()
{
    QStringList paths;
    const QDir dir(QStringLiteral(":/scenarios"));
    for (const QString &entry : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        paths << dir.filePath(entry);
    return paths;
}

QString ScenarioWorkspace::scenarioFolder()
{
    const QString app = QCoreApplication::applicationDirPath();
    const QStringList candidates = {
        app + QStringLiteral("/../share/kafkalab/scenarios"), // installed
        app + QStringLiteral("/../../resources/scenarios"),   // build tree: <build>/bin
        app + QStringLiteral("/../../../resources/scenarios"), // <build>/tests, deeper builds
    };
    for (const QString &c : candidates)
        if (QFileInfo(c).isDir())
            return QDir(c).canonicalPath();
    return QDir::homePath();
}

bool ScenarioWorkspace::playFile(const QString &path, QString *error)
{
    auto scenario = loadScenario(path, error);
    if (!scenario)
        return false;
    return play(std::move(scenario), QFileInfo(path).fileName(), error);
}

bool ScenarioWorkspace::play(std::shared_ptr<const kl::Scenario> scenario, const QString &fileName,
                             QString *error)
{
    // The new cluster opens before anything is torn down: if it cannot, nothing changes.
    std::unique_ptr<ScenarioSession> session = ScenarioSession::start(std::move(scenario), fileName, error);
    if (!session)
        return false;
    emit aboutToSwitch();
    m_sessionBridge.reset();
    m_session = std::move(session);
    m_sessionBridge = std::make_unique<Bridge>(m_session->engine());
    emit switched();
    return true;
}

bool ScenarioWorkspace::replay(QString *error)
{
    if (!m_session) {
        if (error)
            *error = tr("No scenario is playing");
        return false;
    }
    return play(m_session->sharedScenario(), m_session->fileName(), error);
}

QString ScenarioWorkspace::startView(const kl::Scenario &scenario)
{
    for (const kl::ScenarioAction &a : scenario.actions)
        if (a.kind == kl::ScenarioActionKind::StartGroup)
            return QStringLiteral("groups");
    return QStringLiteral("cluster");
}

void ScenarioWorkspace::backToLive()
{
    if (!m_session)
        return;
    emit aboutToSwitch();
    m_sessionBridge.reset();
    m_session.reset();
    emit switched();
}
