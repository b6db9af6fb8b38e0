// kafkalab: wiring only. Options -> EngineCore::open -> Engine (SystemClock, own thread) ->
// ScenarioWorkspace (the live Bridge, or a scenario's own engine + Bridge) -> Shell (the window
// and the translators, ui/player/shell.h).
// --screenshot fills a demo topic (or plays --scenario) and saves a PNG.
#include "../memory_reuse.h"
#include "app_options.h"
#include "guarded_application.h"

#include "api/engine.h"
#include "net/kafka_server.h"
#include "net/metrics.h"
#include "core/uuid.h"
#include "bridge/bridge.h"
#include "player/scenario_session.h"
#include "player/scenario_workspace.h"
#include "player/shell.h"
#include "views/group_demo.h"
#include "views/group_tabs.h"
#include "views/main_window.h"
#include "views/producer_panel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLocale>
#include <QMessageBox>
#include <QPixmap>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QTranslator>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <random>

namespace {

void printErr(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stderr);
    if (!text.endsWith(QLatin1Char('\n')))
        std::fputc('\n', stderr);
}

QString resolveLanguage(const AppOptions &options)
{
    QSettings settings;
    if (!options.lang.isEmpty()) {
        settings.setValue(Shell::languageKey(), options.lang);
        return options.lang;
    }
    const QString saved = settings.value(Shell::languageKey()).toString();
    if (saved == QLatin1String("ko") || saved == QLatin1String("en"))
        return saved;
    return QLocale::system().language() == QLocale::Korean ? QStringLiteral("ko")
                                                           : QStringLiteral("en");
}

// Shows the window at 1280x800, or smaller on a smaller screen: without a window manager to fit
// it (a VM, Xvfb) a 1024x700 projector showed the right-hand panels cut off. Centred on the
// screen's free area.
void showFitted(QWidget *window)
{
    QSize size(1280, 800);
    if (const QScreen *screen = window->screen()) {
        const QRect free = screen->availableGeometry();
        size = size.boundedTo(free.size());
        window->resize(size);
        window->move(free.x() + (free.width() - window->width()) / 2, free.y() + (free.height() - window->height()) / 2);
    } else {
        window->resize(size);
    }
    window->show();
}

// Process events until cond() holds or timeoutMs passes.
bool waitUntil(const std::function<bool()> &cond, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!cond()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return true;
}

// --screenshot --scenario: play the scenario (paused, in steps) up to --scenario-time or the
// end, then the window as a PNG.
int takeScenarioScreenshot(ScenarioWorkspace &workspace, Shell &shell, const AppOptions &options)
{
    ScenarioSession *session = workspace.session();
    session->setPaused(true);
    const qint64 until = options.scenarioTimeMs >= 0 ? options.scenarioTimeMs : session->scenario().endMs;
    waitUntil([&] { return !session->isBusy(); }, 10000); // the first progress report
    while (!session->isFinished() && session->progress().nextActionMs <= until) {
        session->stepToNextAction();
        if (!waitUntil([&] { return !session->isBusy(); }, 10000))
            break;
    }
    if (!session->isFinished() && session->progress().nowMs < until) {
        const qint64 now = session->progress().nowMs;
        session->advanceBy(until - now);
        waitUntil([&] { return !session->isBusy(); }, 10000);
    }
    MainWindow *window = shell.window();
    window->setCurrentView(options.view == QLatin1String("topic") ? QStringLiteral("cluster") : options.view);
    if (options.view == QLatin1String("groups"))
        window->bottomTabs()->setCurrentIndex(options.bottomTab); // --screenshot-bottom, as without --scenario
    window->resize(options.screenshotSize);
    window->show();
    waitUntil([] { return false; }, 600); // the Bridge pulls the last snapshot; views repaint
    const QPixmap shot = window->grab();
    if (shot.isNull() || !shot.save(options.screenshot, "PNG")) {
        printErr(QStringLiteral("kafkalab: could not write the screenshot to %1").arg(options.screenshot));
        return 1;
    }
    std::printf("%s\n", qPrintable(QStringLiteral("screenshot saved: %1 (%2x%3)")
                                       .arg(options.screenshot).arg(shot.width()).arg(shot.height())));
    return 0;
}

// --screenshot: a demo topic with keyed records, then the window as a PNG.
int takeScreenshot(Bridge &bridge, Shell &shell, const AppOptions &options)
{
    const QString path = options.screenshot;
    const QString topic = QStringLiteral("orders");
    if (!waitUntil([&] { bridge.refresh(); return bridge.snapshot() != nullptr; }, 10000)) {
        printErr(QStringLiteral("kafkalab: the engine published no snapshot within 10 s"));
        return 1;
    }
    if (!bridge.snapshot()->topic(topic.toStdString())) {
        bool done = false;
        kl::Status result;
        auto conn = QObject::connect(&bridge, &Bridge::topicCommandFinished,
                                     [&](const QString &, const QString &t, const kl::Status &s) {
                                         if (t == topic) { done = true; result = s; }
                                     });
        kl::TopicConfig config;
        config.partitions = 6;
        // Replicated like a real cluster, so the Cluster tab has leaders and followers to show.
        config.replicationFactor = std::min(3, options.brokers);
        config.minInsyncReplicas = std::min(2, config.replicationFactor);
        config.log.segmentBytes = 2048; // small, so segment boundaries show in the strips
        bridge.createTopic(topic, config);
        waitUntil([&] { return done; }, 10000);
        QObject::disconnect(conn);
        if (!done || !result.isOk()) {
            printErr(QStringLiteral("kafkalab: creating topic '%1' failed: %2")
                         .arg(topic, QString::fromStdString(result.toString())));
            return 1;
        }
    }

    constexpr int kRecords = 300;
    int finished = 0;
    int failed = 0;
    auto conn = QObject::connect(&bridge, &Bridge::produceFinished, [&](const kl::ProduceResult &r) {
        ++finished;
        failed += r.status.isOk() ? 0 : 1;
    });
    for (int i = 0; i < kRecords; ++i) {
        kl::ProduceRequest request;
        request.topic = topic.toStdString();
        kl::ProduceRecord record;
        const int key = (i * 7 + i / 20) % 20; // every key, in a shuffled order
        record.key = "order-" + std::to_string(key);
        record.value = "{\"order\":" + std::to_string(i) + ",\"amount\":" + std::to_string(10 + i % 90) + "}";
        request.records.push_back(std::move(record));
        bridge.produce(std::move(request));
    }
    waitUntil([&] { return finished == kRecords; }, 30000);
    QObject::disconnect(conn);
    if (finished != kRecords || failed > 0) {
        printErr(QStringLiteral("kafkalab: %1 of %2 produce requests answered, %3 refused")
                     .arg(finished).arg(kRecords).arg(failed));
        return 1;
    }
    // The engine publishes snapshots at its own pace: wait until they show what we wrote.
    waitUntil([&] {
        bridge.refresh();
        const kl::TopicSnapshot *t = bridge.snapshot()->topic(topic.toStdString());
        int64_t total = 0;
        for (const auto &p : t ? t->partitions : std::vector<kl::PartitionSnapshot>{})
            total += p.logEndOffset;
        return total >= kRecords;
    }, 5000);

    if (options.crashBroker > 0) {
        // Let the followers catch up first (HW = LEO everywhere), so the picture shows a clean
        // failover rather than acks=1 records the followers never got.
        waitUntil([&] {
            bridge.refresh();
            const kl::TopicSnapshot *t = bridge.snapshot()->topic(topic.toStdString());
            for (const auto &p : t ? t->partitions : std::vector<kl::PartitionSnapshot>{})
                if (p.highWatermark < p.logEndOffset)
                    return false;
            return t != nullptr;
        }, 5000);
        bool crashed = false;
        kl::Status status;
        auto c = QObject::connect(&bridge, &Bridge::clusterCommandFinished,
                                  [&](const QString &, const QString &, const kl::Status &s) {
                                      crashed = true;
                                      status = s;
                                  });
        bridge.crashBroker(options.crashBroker);
        waitUntil([&] { return crashed; }, 10000);
        QObject::disconnect(c);
        if (!crashed || !status.isOk()) {
            printErr(QStringLiteral("kafkalab: crashing broker-%1 failed: %2")
                         .arg(options.crashBroker)
                         .arg(QString::fromStdString(status.toString())));
            return 1;
        }
        // The failover happens when the controller fences the broker (broker.session.timeout.ms).
        waitUntil([&] {
            bridge.refresh();
            const auto &brokers = bridge.snapshot()->brokers;
            return brokers.size() >= size_t(options.crashBroker) && brokers[options.crashBroker - 1].fenced;
        }, 15000);
    }

    if (options.view == QLatin1String("groups")) {
        // Consumers to look at: two groups, one consumer crashed and its partitions moved.
        const QString error = groupdemo::run(bridge, topic);
        if (!error.isEmpty()) {
            printErr(QStringLiteral("kafkalab: %1").arg(error));
            return 1;
        }
    }

    MainWindow *window = shell.window();
    window->selectTopic(topic);
    window->setCurrentView(options.view);
    if (options.view == QLatin1String("groups")) {
        window->bottomTabs()->setCurrentIndex(options.bottomTab);
        window->groupTabs()->selectGroup(QStringLiteral("orders-app")); // the one with the crash
    }
    window->resize(options.screenshotSize);
    window->show();
    // One keyed send through the producer panel, so its key -> partition explanation shows.
    bool answered = false;
    auto sent = QObject::connect(&bridge, &Bridge::produceFinished,
                                 [&](const kl::ProduceResult &) { answered = true; });
    window->producerPanel()->sendRecord(QStringLiteral("order-100"),
                                        QStringLiteral("{\"order\":100,\"amount\":42}"));
    waitUntil([&] { return answered; }, 10000);
    QObject::disconnect(sent);
    waitUntil([] { return false; }, 400); // let layouts settle and views repaint
    const QPixmap shot = window->grab();
    if (shot.isNull() || !shot.save(path, "PNG")) {
        printErr(QStringLiteral("kafkalab: could not write the screenshot to %1").arg(path));
        return 1;
    }
    std::printf("%s\n", qPrintable(QStringLiteral("screenshot saved: %1 (%2x%3)")
                                       .arg(path).arg(shot.width()).arg(shot.height())));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    kl::app::reuseLargeBuffers();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const AppOptions options = parseAppOptions(arguments);
    if (!options.error.isEmpty()) {
        printErr(QStringLiteral("kafkalab: %1\n\n%2").arg(options.error, options.helpText));
        return 2;
    }
    if (options.showHelp) {
        std::fputs(options.helpText.toLocal8Bit().constData(), stdout);
        return 0;
    }
    if (options.showVersion) {
        std::printf("kafkalab 0.1.0\n");
        return 0;
    }
    if (!haveDisplay()) {
        printErr(headlessHelp(QStringLiteral("kafkalab")));
        return 2;
    }

    GuardedApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("KafkaLab"));
    QCoreApplication::setApplicationName(QStringLiteral("kafkalab"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    // A screenshot starts from an empty, throw-away cluster unless a data dir was given.
    QTemporaryDir tempDir;
    QString dataDir = options.dataDir;
    if (dataDir.isEmpty()) {
        dataDir = options.screenshot.isEmpty()
            ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/data")
            : tempDir.path();
    }
    if (!QDir().mkpath(dataDir)) {
        printErr(QStringLiteral("kafkalab: cannot create the data directory %1").arg(dataDir));
        return 1;
    }

    auto clock = std::make_shared<kl::SystemClock>();
    kl::EngineOptions engineOptions;
    engineOptions.dataDir = dataDir.toStdString();
    engineOptions.brokerCount = options.brokers;
    engineOptions.replicaFetchOnAppend = true; // live: followers long-poll their leaders, as in Kafka
    std::mt19937_64 idSource(std::random_device {}());
    engineOptions.newClusterId = kl::Uuid::random(idSource).toString(); // a new data dir's cluster.id
    auto core = kl::EngineCore::open(engineOptions, *clock);
    if (!core) {
        // A refused data directory (a bad cluster-metadata.json, a file where a directory should
        // be) is bad input, as for kafkalab-broker: exit 2. Someone who started the window from a
        // menu sees no terminal, so a dialog says it too, in the interface language.
        const QString why = QString::fromStdString(core.status().toString());
        printErr(QStringLiteral("kafkalab: cannot open the cluster in %1: %2").arg(dataDir, why));
        if (options.screenshot.isEmpty()) {
            QTranslator korean;
            if (resolveLanguage(options) == QLatin1String("ko") && korean.load(QStringLiteral(":/i18n/kafkalab_ko.qm")))
                QCoreApplication::installTranslator(&korean);
            QMessageBox::critical(nullptr, QCoreApplication::translate("Shell", "Cannot open the cluster"),
                QCoreApplication::translate("Shell",
                    "Kafka Lab cannot open the cluster in %1:\n\n%2\n\nRepair or "
                    "move the file named above, or start Kafka Lab on another data directory "
                    "(kafkalab --data-dir DIR).")
                    .arg(dataDir, why));
        }
        return 2;
    }
    kl::Engine engine(std::move(*core), clock);
    engine.start();

    int rc = 0;
    {
        ScenarioWorkspace workspace(engine);
        Bridge &bridge = workspace.liveBridge();
        Shell shell(workspace);
        shell.setLanguage(resolveLanguage(options));
        if (!options.scenario.isEmpty()) {
            QString error;
            if (!workspace.playFile(options.scenario, &error)) {
                printErr(QStringLiteral("kafkalab: %1").arg(error));
                if (options.screenshot.isEmpty()) // a window user may not see the terminal
                    QMessageBox::critical(nullptr, QCoreApplication::translate("Shell", "Cannot play the scenario"),
                        error);
                return 2;
            }
        } else {
            shell.buildWindow();
        }
        if (!options.screenshot.isEmpty() && workspace.isPlaying()) {
            rc = takeScenarioScreenshot(workspace, shell, options);
        } else if (!options.screenshot.isEmpty()) {
            rc = takeScreenshot(bridge, shell, options);
        } else {
            // Real clients reach the live cluster on the brokers' listeners: 9092.. unless taken,
            // then free ports, and the window says which (kcat -L -b ...).
            kl::KafkaServerOptions listen;
            listen.portBase = options.portBase;
            listen.brokers = static_cast<int32_t>(engine.snapshot()->brokers.size());
            auto server = kl::KafkaServer::start(engine, listen);
            QString note;
            if (!server && options.portBase != 0) {
                note = QString::fromStdString(server.status().message());
                listen.portBase = 0;
                server = kl::KafkaServer::start(engine, listen);
            }
            if (server) {
                shell.setListeners(QString::fromStdString((*server)->bootstrapServers()), note);
                printErr(QStringLiteral("kafkalab: Kafka clients connect to %1")
                             .arg(QString::fromStdString((*server)->bootstrapServers())));
            } else {
                printErr(QStringLiteral("kafkalab: no client listeners: %1")
                             .arg(QString::fromStdString(server.status().message())));
            }
            // Prometheus scrapes the live cluster here (as kafkalab-broker --metrics-port).
            auto metrics = kl::MetricsServer::start(engine, "127.0.0.1", options.metricsPort);
            if (!metrics && options.metricsPort != 0)
                metrics = kl::MetricsServer::start(engine, "127.0.0.1", 0);
            if (metrics) {
                const QString url = QStringLiteral("http://127.0.0.1:%1/metrics").arg((*metrics)->port());
                shell.setMetrics(url);
                printErr(QStringLiteral("kafkalab: Prometheus metrics at %1").arg(url));
            } else {
                printErr(QStringLiteral("kafkalab: no metrics endpoint: %1")
                             .arg(QString::fromStdString(metrics.status().message())));
            }
            if (!workspace.isPlaying())
                shell.window()->setCurrentView(options.view);
            showFitted(shell.window());
            rc = app.exec();
        }
    } // window and bridges go before the engine they talk to
    engine.stop();
    return rc;
}
