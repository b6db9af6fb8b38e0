// AppOptions: kafkalab's command line (QCommandLineParser), parsed before any QApplication
// exists so a missing display can be reported politely instead of a Qt abort.
// Plain values; main thread.
#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

struct AppOptions {
    int brokers = 3;
    QString dataDir;        // empty = default (see main.cpp)
    int portBase = 9092;    // broker N listens for Kafka clients on portBase + N - 1 (0 = free ports)
    int metricsPort = 9308; // Prometheus /metrics on 127.0.0.1 (0 = a free port; taken: a free one)
    QString lang;           // "ko", "en" or empty (= remembered setting or system locale)
    QString screenshot;     // PNG path; empty = interactive
    QSize screenshotSize{1280, 800}; // --screenshot-size: the window size the PNG is grabbed at
    QString view;           // first centre tab: "topic" (default), "cluster", "groups" or "files"
    int bottomTab = 1;      // screenshot with --view groups: bottom tab index (1 Lag, 2 Throughput, 3 Ordering)
    int crashBroker = 0;    // screenshot only: crash this broker before grabbing (0 = none)
    QString scenario;       // a scenario file to play at start (empty = the live cluster)
    qint64 scenarioTimeMs = -1; // screenshot with a scenario: play up to here (-1 = the end)

    bool showHelp = false;
    bool showVersion = false;
    QString helpText;
    QString error;          // non-empty = bad command line, say this and exit 2
};

AppOptions parseAppOptions(const QStringList &arguments);

// True when Qt has somewhere to draw: an X11 or Wayland display, or an explicit platform
// (QT_QPA_PLATFORM=offscreen, vnc, ...).
bool haveDisplay();
// What to do without a display: offscreen screenshots, xvfb, or the headless broker.
QString headlessHelp(const QString &program);
