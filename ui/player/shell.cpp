// Shell: builds the window for the workspace's cluster; switches language without rebuilding.
#include "player/shell.h"

#include "player/file_menu.h"
#include "player/player_bar.h"
#include "player/scenario_menu.h"
#include "player/scenario_session.h"
#include "player/scenario_workspace.h"
#include "views/main_window.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>

Shell::Shell(ScenarioWorkspace &workspace, QObject *parent) : QObject(parent), m_workspace(workspace)
{
    QCoreApplication::installTranslator(&m_plurals); // "1 partition", "3 partitions" in English
    connect(&workspace, &ScenarioWorkspace::aboutToSwitch, this, [this] {
        rememberWindow();
        m_window.reset(); // it holds the Bridge that is about to go
    });
    connect(&workspace, &ScenarioWorkspace::switched, this, [this] {
        m_centerTab = m_workspace.isPlaying() ? -1 : 0; // a scenario opens on its startView
        buildWindow();
    });
}

Shell::~Shell() = default;

QString Shell::languageKey()
{
    return QStringLiteral("ui/language");
}

void Shell::setLanguage(const QString &code)
{
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_qt);
    m_lang = code;
    if (code == QLatin1String("ko")) {
        if (m_app.load(QStringLiteral(":/i18n/kafkalab_ko.qm")))
            QCoreApplication::installTranslator(&m_app);
        else
            qWarning("kafkalab: the Korean translation is missing");
        if (m_qt.load(QStringLiteral("qtbase_ko"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
    }
    QLocale::setDefault(QLocale(code == QLatin1String("ko") ? QLocale::Korean : QLocale::English));
    if (m_window)
        m_window->setLanguage(code);
}

void Shell::setListeners(const QString &bootstrapServers, const QString &note)
{
    m_bootstrap = bootstrapServers;
    m_listenersNote = note;
    if (m_window && !m_workspace.isPlaying())
        m_window->setListeners(m_bootstrap, m_listenersNote);
}

void Shell::setMetrics(const QString &url)
{
    m_metricsUrl = url;
    if (m_window && !m_workspace.isPlaying())
        m_window->setMetrics(m_metricsUrl);
}

void Shell::buildWindow()
{
    rememberWindow();
    m_window.reset();
    m_window = std::make_unique<MainWindow>(m_workspace.bridge());
    m_window->setLanguage(m_lang);
    FileMenu::install(m_window.get());
    m_window->setGeometry(m_geometry);
    if (!m_topic.isEmpty() && !m_workspace.isPlaying())
        m_window->selectTopic(m_topic);
    if (m_centerTab >= 0)
        m_window->centerTabs()->setCurrentIndex(m_centerTab);
    else if (ScenarioSession *session = m_workspace.session())
        m_window->setCurrentView(ScenarioWorkspace::startView(session->scenario()));
    m_window->scenarioMenu()->setPlaying(m_workspace.isPlaying());
    if (!m_workspace.isPlaying()) {
        m_window->setListeners(m_bootstrap, m_listenersNote);
        m_window->setMetrics(m_metricsUrl);
    }
    if (ScenarioSession *session = m_workspace.session()) {
        PlayerBar *bar = attachPlayerBar(m_window.get(), *session);
        connect(bar, &PlayerBar::backToLiveRequested, this, &Shell::backToLive);
        connect(bar, &PlayerBar::replayRequested, this, &Shell::replay);
    }
    updateTitle();
    connect(m_window.get(), &MainWindow::retranslated, this, &Shell::updateTitle);
    connect(m_window.get(), &MainWindow::languageRequested, this, [this](const QString &code) {
        if (code == m_lang)
            return;
        QSettings().setValue(languageKey(), code);
        setLanguage(code);
    });
    connect(m_window->scenarioMenu(), &ScenarioMenu::playRequested, this, &Shell::play);
    connect(m_window->scenarioMenu(), &ScenarioMenu::backToLiveRequested, this, &Shell::backToLive);
    if (m_visible)
        m_window->show();
}

// The scenario's name in the title; the window's own title otherwise (MainWindow sets it).
void Shell::updateTitle()
{
    if (ScenarioSession *session = m_workspace.session()) {
        m_window->setWindowTitle(QCoreApplication::translate("Shell", "Kafka Lab — scenario: %1")
                                     .arg(ScenarioWorkspace::title(session->scenario(), session->fileName())));
    }
}

void Shell::play(const QString &path)
{
    // Not now: the request comes from inside the window that switching destroys.
    QTimer::singleShot(0, this, [this, path] {
        QString error;
        if (!m_workspace.playFile(path, &error))
            QMessageBox::warning(m_window.get(), QCoreApplication::translate("Shell", "Cannot play the scenario"), error);
    });
}

// The same scenario from its start; the request comes from the bar that switching destroys.
void Shell::replay()
{
    QTimer::singleShot(0, this, [this] {
        QString error;
        if (!m_workspace.replay(&error))
            QMessageBox::warning(m_window.get(), QCoreApplication::translate("Shell", "Cannot play the scenario"), error);
    });
}

void Shell::backToLive()
{
    QTimer::singleShot(0, this, [this] { m_workspace.backToLive(); });
}

void Shell::rememberWindow()
{
    if (!m_window)
        return;
    m_topic = m_window->currentTopic();
    m_geometry = m_window->geometry();
    m_visible = m_window->isVisible();
    m_centerTab = m_window->centerTabs()->currentIndex();
}
