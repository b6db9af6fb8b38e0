// AppOptions: command line parsing and the headless check.
#include "app_options.h"

#include <QCommandLineParser>

#include <cstdlib>

AppOptions parseAppOptions(const QStringList &arguments)
{
    AppOptions o;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Kafka Lab: see a Kafka-compatible cluster work, record by record."));
    const QCommandLineOption helpOpt({QStringLiteral("h"), QStringLiteral("help")},
                                     QStringLiteral("Show this help."));
    const QCommandLineOption versionOpt({QStringLiteral("v"), QStringLiteral("version")},
                                        QStringLiteral("Show the version."));
    const QCommandLineOption brokersOpt(QStringLiteral("brokers"),
                                        QStringLiteral("Number of brokers, 1..9 (default 3)."),
                                        QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption dataOpt(
        QStringLiteral("data-dir"),
        QStringLiteral("Where broker logs live (default: the app data location + /data)."),
        QStringLiteral("DIR"));
    const QCommandLineOption portOpt(
        QStringLiteral("port-base"),
        QStringLiteral("Broker N listens for Kafka clients on 127.0.0.1:(PORT + N - 1) (default 9092; "
                       "0 = free ports; when 9092 is taken, free ports are chosen and the window says so)."),
        QStringLiteral("PORT"), QStringLiteral("9092"));
    const QCommandLineOption metricsOpt(
        QStringLiteral("metrics-port"),
        QStringLiteral("Serve Prometheus metrics (lag, committed offsets, log end offsets, ISR) at "
                       "http://127.0.0.1:PORT/metrics (default 9308; 0 = a free port; when taken, a free "
                       "port is chosen; the window shows the address)."),
        QStringLiteral("PORT"), QStringLiteral("9308"));
    const QCommandLineOption langOpt(
        QStringLiteral("lang"),
        QStringLiteral("Interface language: ko or en (default: last choice, else system)."),
        QStringLiteral("ko|en"));
    const QCommandLineOption shotOpt(
        QStringLiteral("screenshot"),
        QStringLiteral("Fill a demo topic, save the window as PNG and exit."),
        QStringLiteral("FILE.png"));
    const QCommandLineOption viewOpt(
        QStringLiteral("view"),
        QStringLiteral("The tab shown first in the middle: topic, cluster, groups or files (default topic)."),
        QStringLiteral("TAB"), QStringLiteral("topic"));
    const QCommandLineOption crashOpt(
        QStringLiteral("screenshot-crash"),
        QStringLiteral("With --screenshot: crash broker N after producing, to show a failover."),
        QStringLiteral("N"));
    const QCommandLineOption scenarioOpt(
        QStringLiteral("scenario"),
        QStringLiteral("Play this scenario file (docs/SCENARIOS.md) on a fresh simulated cluster."),
        QStringLiteral("FILE.json"));
    const QCommandLineOption scenarioTimeOpt(
        QStringLiteral("scenario-time"),
        QStringLiteral("With --scenario and --screenshot: play up to this scenario time (ms) "
                       "before grabbing (default: to the end)."),
        QStringLiteral("MS"));
    const QCommandLineOption bottomOpt(
        QStringLiteral("screenshot-bottom"),
        QStringLiteral("With --screenshot --view groups: the bottom tab shown: lag, throughput or ordering."),
        QStringLiteral("TAB"), QStringLiteral("lag"));
    parser.addOption(bottomOpt);
    const QCommandLineOption sizeOpt(
        QStringLiteral("screenshot-size"),
        QStringLiteral("With --screenshot: the window size, WIDTHxHEIGHT (default 1280x800)."),
        QStringLiteral("WxH"), QStringLiteral("1280x800"));
    parser.addOption(sizeOpt);
    parser.addOptions({helpOpt, versionOpt, brokersOpt, dataOpt, portOpt, metricsOpt, langOpt, shotOpt, viewOpt, crashOpt,
                       scenarioOpt, scenarioTimeOpt});

    // No QCoreApplication exists yet, so Qt cannot know the program's name.
    o.helpText = parser.helpText().replace(QStringLiteral("<executable_name>"),
                                           QStringLiteral("kafkalab"));
    if (!parser.parse(arguments)) {
        o.error = parser.errorText();
        return o;
    }
    o.showHelp = parser.isSet(helpOpt);
    o.showVersion = parser.isSet(versionOpt);
    if (!parser.positionalArguments().isEmpty()) {
        o.error = QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().front());
        return o;
    }
    bool ok = false;
    o.brokers = parser.value(brokersOpt).toInt(&ok);
    if (!ok || o.brokers < 1 || o.brokers > 9) {
        o.error = QStringLiteral("--brokers must be a number from 1 to 9, got '%1'")
                      .arg(parser.value(brokersOpt));
        return o;
    }
    o.portBase = parser.value(portOpt).toInt(&ok);
    if (!ok || o.portBase < 0 || o.portBase + o.brokers - 1 > 65535) {
        o.error = QStringLiteral("--port-base must be a port number from 0 to %1 (0 = free ports), got '%2'")
                      .arg(65536 - o.brokers)
                      .arg(parser.value(portOpt));
        return o;
    }
    o.metricsPort = parser.value(metricsOpt).toInt(&ok);
    if (!ok || o.metricsPort < 0 || o.metricsPort > 65535) {
        o.error = QStringLiteral("--metrics-port must be a port number from 0 to 65535 (0 = a free port), got '%1'")
                      .arg(parser.value(metricsOpt));
        return o;
    }
    o.dataDir = parser.value(dataOpt);
    o.lang = parser.value(langOpt).toLower();
    if (!o.lang.isEmpty() && o.lang != QLatin1String("ko") && o.lang != QLatin1String("en")) {
        o.error = QStringLiteral("--lang must be 'ko' or 'en', got '%1'").arg(o.lang);
        return o;
    }
    o.screenshot = parser.value(shotOpt);
    if (parser.isSet(shotOpt) && o.screenshot.isEmpty()) {
        o.error = QStringLiteral("--screenshot needs a file name");
        return o;
    }
    {
        const QString size = parser.value(sizeOpt).toLower();
        const QStringList parts = size.split(QLatin1Char('x'));
        bool okW = false, okH = false;
        const int w = parts.size() == 2 ? parts[0].toInt(&okW) : 0;
        const int h = parts.size() == 2 ? parts[1].toInt(&okH) : 0;
        if (!okW || !okH || w < 320 || h < 240 || w > 7680 || h > 4320) {
            o.error = QStringLiteral("--screenshot-size must be WIDTHxHEIGHT between 320x240 and 7680x4320, "
                                     "got '%1'").arg(parser.value(sizeOpt));
            return o;
        }
        o.screenshotSize = QSize(w, h);
    }
    o.view = parser.value(viewOpt).toLower();
    if (o.view != QLatin1String("topic") && o.view != QLatin1String("cluster")
        && o.view != QLatin1String("files") && o.view != QLatin1String("groups")) {
        o.error = QStringLiteral("--view must be topic, cluster, groups or files, got '%1'").arg(o.view);
        return o;
    }
    {
        const QString bottom = parser.value(bottomOpt).toLower();
        const QStringList tabs{QStringLiteral("events"), QStringLiteral("lag"), QStringLiteral("throughput"),
                               QStringLiteral("ordering")};
        o.bottomTab = static_cast<int>(tabs.indexOf(bottom));
        if (o.bottomTab < 0) {
            o.error = QStringLiteral("--screenshot-bottom must be lag, throughput or ordering, got '%1'").arg(bottom);
            return o;
        }
    }
    if (parser.isSet(crashOpt)) {
        o.crashBroker = parser.value(crashOpt).toInt(&ok);
        if (!ok || o.crashBroker < 1 || o.crashBroker > o.brokers) {
            o.error = QStringLiteral("--screenshot-crash must be a broker id from 1 to %1, got '%2'")
                          .arg(o.brokers)
                          .arg(parser.value(crashOpt));
            return o;
        }
    }
    o.scenario = parser.value(scenarioOpt);
    if (parser.isSet(scenarioOpt) && o.scenario.isEmpty()) {
        o.error = QStringLiteral("--scenario needs a file name");
        return o;
    }
    if (parser.isSet(scenarioTimeOpt)) {
        o.scenarioTimeMs = parser.value(scenarioTimeOpt).toLongLong(&ok);
        if (!ok || o.scenarioTimeMs < 0 || o.scenario.isEmpty()) {
            o.error = QStringLiteral("--scenario-time needs --scenario and a time in ms >= 0, got '%1'")
                          .arg(parser.value(scenarioTimeOpt));
            return o;
        }
    }
    return o;
}

bool haveDisplay()
{
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
        const char *v = std::getenv(name);
        if (v && *v)
            return true;
    }
    return false;
}

QString headlessHelp(const QString &program)
{
    return QStringLiteral(
               "%1: no display found (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are unset).\n"
               "Kafka Lab is a desktop window. Without a display you can:\n"
               "  - render a screenshot offscreen:\n"
               "      QT_QPA_PLATFORM=offscreen %1 --screenshot shot.png\n"
               "  - run the window in a virtual X server:\n"
               "      xvfb-run -a %1\n"
               "  - run the cluster headless for real Kafka clients:\n"
               "      build/bin/kafkalab-broker\n")
        .arg(program);
}
