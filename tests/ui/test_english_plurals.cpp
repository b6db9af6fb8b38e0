// English numerus text: the sources say "%n partition(s)"; the app's EnglishPlurals translator
// (installed by the Shell) makes that "1 partition" / "3 partitions", only for the noun that
// follows %n, and leaves the Korean translator in charge when it is installed. The whole English
// window built by the Shell on a live engine shows no "N thing(s)" anywhere.
#include "i18n/english_plurals.h"
#include "player/scenario_workspace.h"
#include "player/shell.h"
#include "views/main_window.h"
#include "view_test_fixture.h"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QLabel>
#include <QRegularExpression>
#include <QTest>

class TestEnglishPlurals : public QObject {
    Q_OBJECT
private slots:
    void rule_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one") << "leads %n partition(s)" << 1 << "leads %n partition";
        QTest::newRow("zero") << "leads %n partition(s)" << 0 << "leads %n partitions";
        QTest::newRow("many") << "leads %n partition(s)" << 7 << "leads %n partitions";
        QTest::newRow("localized") << "%Ln record(s) produced" << 1 << "%Ln record produced";
        QTest::newRow("adjective between") << "%n acknowledged record(s) lost" << 2 << "%n acknowledged records lost";
        // Only the noun counted by %n: the member count is another argument.
        QTest::newRow("second (s) kept") << "generation %1 (%2): %n partition(s) assigned to %3 member(s)" << 1
                                         << "generation %1 (%2): %n partition assigned to %3 member(s)";
        QTest::newRow("(s) before %n untouched") << "Topic(s): %n" << 1 << QString();
        QTest::newRow("no %n") << "Topic(s)" << 1 << QString();
    }
    void rule()
    {
        QFETCH(QString, source);
        QFETCH(int, n);
        QFETCH(QString, expected);
        QCOMPARE(EnglishPlurals::pluralize(source, n), expected);
    }

    void throughQtsTranslate()
    {
        EnglishPlurals plurals;
        QVERIFY(QCoreApplication::installTranslator(&plurals));
        QCOMPARE(QCoreApplication::translate("ClusterView", "leads %n partition(s)", nullptr, 1),
                 QStringLiteral("leads 1 partition"));
        QCOMPARE(QCoreApplication::translate("ClusterView", "leads %n partition(s)", nullptr, 3),
                 QStringLiteral("leads 3 partitions"));
        // Not a numerus string: the source text, as without a translator.
        QCOMPARE(QCoreApplication::translate("GroupStartForm", "Topic(s)"), QStringLiteral("Topic(s)"));
        QCoreApplication::removeTranslator(&plurals);
        QCOMPARE(QCoreApplication::translate("ClusterView", "leads %n partition(s)", nullptr, 1),
                 QStringLiteral("leads 1 partition(s)"));
    }

    void englishWindowHasNoPluralPlaceholders()
    {
        viewtest::LiveCluster cluster;
        QVERIFY(cluster.open(3));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(3)).isOk());
        ScenarioWorkspace workspace(*cluster.engine);
        Shell shell(workspace);
        shell.setLanguage(QStringLiteral("en"));
        shell.buildWindow();
        MainWindow *window = shell.window();
        window->resize(1280, 800);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        window->setCurrentView(QStringLiteral("cluster"));
        // "Cluster: 3 brokers" in the status bar once the first snapshot is in.
        auto hasText = [window](const QString &needle) {
            for (QLabel *label : window->findChildren<QLabel *>())
                if (label->text().contains(needle))
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(hasText(QStringLiteral("3 brokers")), 10000);
        const QRegularExpression placeholder(QStringLiteral("\\d[\\d,]* [^\\s<>]*\\(s\\)"));
        QStringList found;
        for (QLabel *label : window->findChildren<QLabel *>())
            if (label->text().contains(placeholder))
                found << label->text();
        for (QAbstractButton *button : window->findChildren<QAbstractButton *>())
            if (button->text().contains(placeholder))
                found << button->text();
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral(" | "))));
    }
};

QTEST_MAIN(TestEnglishPlurals)
#include "test_english_plurals.moc"
