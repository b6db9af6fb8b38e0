// The window in Korean, as a Korean user sees it: the real translator from the built .qm
// (":/i18n/kafkalab_ko.qm", as app/gui/main.cpp loads it), a live cluster with a replicated
// topic, records and the group demo (two groups, a crash, a rebalance). Every visible label,
// button, tab title, header label and group state text on every tab is checked for English
// phrases: two or more ASCII words of three letters or more that are not Kafka's own terms
// (ISR, acks, LeaveGroup, ...) or the names the test made (topic, groups), and no English unit
// after a number ("0 ms", "6.0 s"). A scenario played in Korean shows its Korean title and
// description, in the menu, the window title and the player bar.
#include "korean_text_check.h"

#include "bridge/bridge.h"
#include "models/group_model.h"
#include "player/player_bar.h"
#include "player/scenario_menu.h"
#include "player/scenario_session.h"
#include "player/scenario_workspace.h"
#include "view_test_fixture.h"
#include "views/group_demo.h"
#include "views/group_tabs.h"
#include "views/main_window.h"

#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

namespace {

constexpr int kWaitMs = 15000;

// Prints every English text found (a failure message would be cut short); true when none.
bool reportEnglish(QStringList found)
{
    found.removeDuplicates();
    for (const QString &f : found)
        qWarning("English: %s", qPrintable(f));
    return found.isEmpty();
}

} // namespace

class TestKoreanUi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(m_translator.load(QStringLiteral(":/i18n/kafkalab_ko.qm")), "the Korean .qm resource is missing");
        QCoreApplication::installTranslator(&m_translator);
        QLocale::setDefault(QLocale(QLocale::Korean));
    }

    // The checker itself: it must flag English and accept Korean with Kafka's terms.
    void checkerFlagsEnglish_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("english");
        QTest::newRow("English phrase") << QStringLiteral("Back to live cluster") << true;
        QTest::newRow("mixed") << QStringLiteral("상태 Stable, waiting for members") << true;
        QTest::newRow("English unit") << QStringLiteral("6.0초 → 0 ms") << true;
        QTest::newRow("English seconds") << QStringLiteral("시간 4.6 s") << true;
        QTest::newRow("Korean") << QStringLiteral("리밸런스 준비 중 3.0초 → 리밸런스 마무리 중 12밀리초") << false;
        QTest::newRow("Kafka terms") << QStringLiteral("ISR [1, 2]에서 빠짐: acks=all, LeaveGroup") << false;
        QTest::newRow("names") << QStringLiteral("broker-1의 orders-0, consumer-2 (session.timeout.ms)") << false;
        QTest::newRow("one word") << QStringLiteral("English") << false;
    }
    void checkerFlagsEnglish()
    {
        QFETCH(QString, text);
        QFETCH(bool, english);
        QCOMPARE(!koreantest::englishIn(text, {QStringLiteral("orders")}).isEmpty(), english);
    }

    void everyTabSpeaksKorean()
    {
        viewtest::LiveCluster cluster;
        QVERIFY(cluster.open(3));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(6, 3)).isOk());
        QVERIFY(cluster.produceOrders("orders", 30));
        {
            Bridge bridge(*cluster.engine);
            MainWindow window(bridge);
            window.setLanguage(QStringLiteral("ko"));
            window.resize(1280, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            const QString error = groupdemo::run(bridge, QStringLiteral("orders"), 90000); // 2 cores, shared
            QVERIFY2(error.isEmpty(), qPrintable(error));
            window.selectTopic(QStringLiteral("orders"));
            window.groupTabs()->selectGroup(QStringLiteral("orders-app"));

            const QStringList names = {QStringLiteral("orders"), QStringLiteral("audit")};
            QStringList found;
            QTabWidget *center = window.centerTabs();
            QTabWidget *bottom = window.bottomTabs();
            QTabWidget *right = window.rightTabs();
            for (int c = 0; c < center->count(); ++c) {
                center->setCurrentIndex(c);
                for (int b = 0; b < bottom->count(); ++b) {
                    bottom->setCurrentIndex(b);
                    right->setCurrentIndex(b % right->count());
                    QTest::qWait(150); // views pull the snapshot and repaint
                    found << koreantest::englishTexts(&window, names);
                }
            }
            // The Groups tab's "New group…" form, opened as a user does.
            window.setCurrentView(QStringLiteral("groups"));
            auto *newGroup = window.findChild<QAbstractButton *>(QStringLiteral("newGroup"));
            QVERIFY(newGroup);
            QTest::mouseClick(newGroup, Qt::LeftButton);
            QTest::qWait(150);
            found << koreantest::englishTexts(&window, names);
            QTest::mouseClick(newGroup, Qt::LeftButton);
            QVERIFY2(reportEnglish(found), "English in the Korean window (listed above)");

            // Group states as the Groups tab shows them: Korean words, Kafka's in the tooltip.
            window.setCurrentView(QStringLiteral("groups"));
            QTest::qWait(150);
            QStringList states;
            for (QWidget *w : window.findChildren<QWidget *>()) {
                QString text;
                if (w->objectName() == QLatin1String("groupState"))
                    text = koreantest::plain(static_cast<QLabel *>(w)->text());
                else if (w->objectName().startsWith(QLatin1String("groupCard-")))
                    text = static_cast<QAbstractButton *>(w)->text();
                if (!koreantest::bareKafkaStates(text).isEmpty())
                    states << w->objectName() + QStringLiteral(": ") + text;
            }
            auto *timeline = window.findChild<QTreeWidget *>(QStringLiteral("rebalanceTimeline"));
            QVERIFY(timeline);
            QVERIFY(timeline->topLevelItemCount() > 0);
            for (int i = 0; i < timeline->topLevelItemCount(); ++i) {
                const QString phases = timeline->topLevelItem(i)->text(3);
                if (!koreantest::bareKafkaStates(phases).isEmpty() || !koreantest::englishIn(phases, {}).isEmpty())
                    states << QStringLiteral("rebalance phases: ") + phases;
            }
            QVERIFY2(reportEnglish(states), "Kafka state names shown untranslated (listed above)");

            // What the Groups tab computes for tooltips too: states, lag statuses, phases, members.
            bridge.refresh();
            QStringList model;
            for (const kl::GroupSnapshot &g : bridge.snapshot()->groups) {
                const groupmap::GroupMap map = groupmap::GroupMap::build(g);
                QStringList texts = {map.stateText, map.stateTip, map.generationTip, map.lagTip};
                if (!koreantest::hasHangul(map.stateText))
                    model << QStringLiteral("state: ") + map.stateText;
                for (const groupmap::PartitionRow &p : map.partitions) {
                    texts << p.tip;
                    if (!koreantest::hasHangul(p.statusText))
                        model << QStringLiteral("lag status: ") + p.statusText;
                }
                for (const groupmap::Member &m : map.members)
                    texts << m.stateText << m.idleTip << m.crash.tip << m.leave.tip << m.stall.tip;
                for (const groupmap::Rebalance &r : map.rebalances)
                    texts << r.phases << r.phasesShort;
                for (const QString &t : texts)
                    if (!koreantest::englishIn(t, names).isEmpty() || !koreantest::bareKafkaStates(t.section(QLatin1Char(':'), 1)).isEmpty())
                        model << t;
            }
            QVERIFY2(reportEnglish(model), "English in the Groups tab's texts (listed above)");
        }
        cluster.engine->stop();
    }

    void scenarioSpeaksKorean()
    {
        viewtest::LiveCluster cluster;
        QVERIFY(cluster.open(1));
        {
            ScenarioWorkspace workspace(*cluster.engine);
            const QString path = QStringLiteral(":/scenarios/consumer-crash-rebalance.json");
            QString error;
            QVERIFY2(workspace.playFile(path, &error), qPrintable(error));
            ScenarioSession *session = workspace.session();
            QVERIFY(session);
            MainWindow window(workspace.bridge());
            window.setLanguage(QStringLiteral("ko"));
            PlayerBar *bar = attachPlayerBar(&window, *session);
            window.resize(1280, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));

            // The file's Korean title and description, not its English ones.
            const kl::Scenario &s = session->scenario();
            QVERIFY(s.title.translations.contains("ko"));
            auto *title = bar->findChild<QLabel *>(QStringLiteral("scenarioTitle"));
            auto *description = bar->findChild<QLabel *>(QStringLiteral("scenarioDescription"));
            QVERIFY(title && description);
            QVERIFY2(title->text().contains(QString::fromStdString(s.title.translations.at("ko"))),
                     qPrintable(title->text()));
            QCOMPARE(description->text(), QString::fromStdString(s.description.translations.at("ko")));
            QVERIFY(!title->text().contains(QString::fromStdString(s.title.text)));
            QCOMPARE(ScenarioWorkspace::title(s, session->fileName()),
                     QString::fromStdString(s.title.translations.at("ko")));

            // The menu lists the examples by their Korean titles.
            QStringList menuTexts;
            for (QAction *a : window.scenarioMenu()->examplesMenu()->actions()) {
                menuTexts << a->text();
                const QStringList english = koreantest::englishIn(a->text(), {});
                QVERIFY2(english.isEmpty(), qPrintable(a->text()));
            }
            QVERIFY(menuTexts.contains(QString::fromStdString(s.title.translations.at("ko"))));

            // Play it a while, step to its group actions: the bar and the Groups tab stay Korean.
            for (int i = 0; i < 8 && !session->isFinished(); ++i) {
                QTest::mouseClick(bar->stepButton(), Qt::LeftButton);
                QVERIFY(QTest::qWaitFor([&] { return !session->isBusy(); }, kWaitMs));
            }
            window.setCurrentView(ScenarioWorkspace::startView(s));
            QTest::qWait(300);
            const QStringList found = koreantest::englishTexts(&window, {QStringLiteral("orders"),
                                                                         QStringLiteral("billing")});
            QVERIFY2(reportEnglish(found), "English in the Korean player (listed above)");
        }
        cluster.engine->stop();
    }

private:
    QTranslator m_translator;
};

QTEST_MAIN(TestKoreanUi)
#include "test_korean_ui.moc"
