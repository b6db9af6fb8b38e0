// Shell: the app's window and its translators (moved out of app/gui/main.cpp so GUI tests can
// drive it). It builds the MainWindow for whichever cluster the ScenarioWorkspace holds, and
// builds it again when the workspace switches between the live cluster and a scenario (the old
// window holds the Bridge that is about to go).
// A language switch only installs the other translator: Qt then sends QEvent::LanguageChange
// to every widget and each retranslates itself, so running producers, selections, lists,
// typed text and scroll positions all stay (the window is NOT rebuilt).
// Owns the window and the translators; the workspace outlives it. GUI thread only.
#pragma once

#include "i18n/english_plurals.h"

#include <QObject>
#include <QRect>
#include <QString>
#include <QTranslator>

#include <memory>

class MainWindow;
class ScenarioWorkspace;

class Shell : public QObject {
    Q_OBJECT
public:
    explicit Shell(ScenarioWorkspace &workspace, QObject *parent = nullptr);
    ~Shell() override;

    // QSettings key of the chosen language ("ko" or "en").
    static QString languageKey();

    // Installs the translators for `code` ("ko" or "en"); the widgets retranslate themselves.
    void setLanguage(const QString &code);
    QString language() const { return m_lang; }

    MainWindow *window() const { return m_window.get(); }
    void buildWindow();
    // The live cluster's client listeners (MainWindow::setListeners), shown while the window
    // shows the live cluster; a scenario's simulated cluster has none.
    void setListeners(const QString &bootstrapServers, const QString &note);
    // The live cluster's Prometheus endpoint (MainWindow::setMetrics), shown likewise.
    void setMetrics(const QString &url);

    // Plays a scenario file; a malformed one is explained in a message and nothing changes.
    void play(const QString &path);
    void backToLive();
    // The scenario being played, again from its start.
    void replay();

private:
    void rememberWindow();
    void updateTitle();

    ScenarioWorkspace &m_workspace;
    EnglishPlurals m_plurals; // always installed, below the Korean translator
    QTranslator m_app;
    QTranslator m_qt;
    QString m_lang;
    QString m_bootstrap;
    QString m_listenersNote;
    QString m_metricsUrl;
    std::unique_ptr<MainWindow> m_window;
    QString m_topic;
    QRect m_geometry {0, 0, 1280, 800};
    bool m_visible = false;
    int m_centerTab = -1;
};
