// The toolbar says where real Kafka clients connect (issue 11): with a running KafkaServer on
// free ports, "Clients: <first broker>" and a Copy button that puts every broker's address on
// the clipboard; hidden when nothing listens; a note when the usual ports were taken; the
// texts follow the language. The Prometheus endpoint shows next to them as a link to its URL.
#include "bridge/bridge.h"
#include "net/kafka_server.h"
#include "net/metrics.h"
#include "view_test_fixture.h"
#include "views/main_window.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

using viewtest::LiveCluster;

class TestListenersBar : public QObject {
    Q_OBJECT
private slots:
    void showsAndCopiesTheBootstrapServers()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(3));
        kl::KafkaServerOptions listen;
        listen.portBase = 0;
        auto server = kl::KafkaServer::start(*cluster.engine, listen);
        QVERIFY2(server, server.status().toString().c_str());
        const QString bootstrap = QString::fromStdString((*server)->bootstrapServers());
        QCOMPARE(bootstrap.count(QLatin1Char(',')), 2);

        Bridge bridge(*cluster.engine);
        MainWindow window(bridge);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *label = window.findChild<QLabel *>(QStringLiteral("listenersLabel"));
        auto *copy = window.findChild<QToolButton *>(QStringLiteral("copyBootstrap"));
        QVERIFY(label && copy);
        QVERIFY(!label->isVisible()); // nothing listening yet

        window.setListeners(bootstrap, QString());
        QTRY_VERIFY(label->isVisible() && copy->isVisible());
        const QString first = bootstrap.section(QLatin1Char(','), 0, 0);
        QCOMPARE(label->text(), QStringLiteral("Clients: %1").arg(first));
        QVERIFY2(label->toolTip().contains(QStringLiteral("kcat -L -b %1").arg(first)), qPrintable(label->toolTip()));
        QGuiApplication::clipboard()->clear();
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), bootstrap);

        window.setListeners(bootstrap, QStringLiteral("127.0.0.1:9092 is in use"));
        QVERIFY(label->text().endsWith(QStringLiteral(" ⚠")));
        QVERIFY(label->toolTip().contains(QStringLiteral("free ports were chosen")));

        QTranslator korean;
        QVERIFY(korean.load(QStringLiteral(":/i18n/kafkalab_ko.qm")));
        QCoreApplication::installTranslator(&korean);
        QCoreApplication::processEvents();
        QVERIFY2(label->text().contains(first) && label->text() != QStringLiteral("Clients: %1 ⚠").arg(first),
                 qPrintable(label->text()));
        QVERIFY2(copy->text() != QStringLiteral("Copy"), qPrintable(copy->text()));
        QCoreApplication::removeTranslator(&korean);
        QCoreApplication::processEvents();
        QCOMPARE(copy->text(), QStringLiteral("Copy"));

        window.setListeners(QString(), QString());
        QTRY_VERIFY(!label->isVisible() && !copy->isVisible());
    }

    void showsTheMetricsEndpoint()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        auto metrics = kl::MetricsServer::start(*cluster.engine, "127.0.0.1", 0);
        QVERIFY2(metrics, metrics.status().toString().c_str());
        const QString url = QStringLiteral("http://127.0.0.1:%1/metrics").arg((*metrics)->port());

        Bridge bridge(*cluster.engine);
        MainWindow window(bridge);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *label = window.findChild<QLabel *>(QStringLiteral("metricsLabel"));
        QVERIFY(label);
        QVERIFY(!label->isVisible()); // no endpoint yet
        window.setMetrics(url);
        QTRY_VERIFY(label->isVisible());
        QVERIFY(label->openExternalLinks());
        QCOMPARE(label->text(), QStringLiteral("<a href=\"%1\">Metrics :%2</a>").arg(url).arg((*metrics)->port()));
        QVERIFY2(label->toolTip().contains(url), qPrintable(label->toolTip()));

        QTranslator korean;
        QVERIFY(korean.load(QStringLiteral(":/i18n/kafkalab_ko.qm")));
        QCoreApplication::installTranslator(&korean);
        QCoreApplication::processEvents();
        QVERIFY2(label->text().contains(url) && !label->text().contains(QStringLiteral("Metrics")),
                 qPrintable(label->text()));
        QCoreApplication::removeTranslator(&korean);
        QCoreApplication::processEvents();

        window.setMetrics(QString());
        QTRY_VERIFY(!label->isVisible());
    }
};

QTEST_MAIN(TestListenersBar)
#include "test_listeners_bar.moc"
