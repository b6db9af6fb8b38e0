// The producer form and the group start form as a user handles them (issue 8, item 9):
// the Partition field goes back to "auto" by typing "auto" or clearing it; after "+" in the
// headers table typing goes into the new row's key cell; the mouse wheel over an unfocused
// spin box or combo leaves its value alone; an error appearing moves neither the fields below
// it nor the buttons; both forms follow the topic just created or chosen in the Cluster view;
// the toolbar says "1 record(s) produced" (a %n plural); at 1280x800 the auto-producer's Start
// is in view without scrolling.
#include "bridge/bridge.h"
#include "view_test_fixture.h"
#include "views/group_start_form.h"
#include "views/group_tabs.h"
#include "views/groups_view.h"
#include "views/main_window.h"
#include "views/producer_panel.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>
#include <QWheelEvent>

using viewtest::LiveCluster;

namespace {

void wheel(QWidget *w, int steps)
{
    const QPointF pos = QPointF(w->width() / 2.0, w->height() / 2.0);
    QWheelEvent event(pos, w->mapToGlobal(pos), QPoint(), QPoint(0, 120 * steps), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &event);
}

QPoint posIn(QWidget *w, QWidget *top) { return w->mapTo(top, QPoint(0, 0)); }

} // namespace

class TestProducerForm : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // The splitters' saved sizes of an earlier run stay out of this one.
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    }

    void partitionGoesBackToAuto()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(6)).isOk());
        Bridge bridge(*cluster.engine);
        ProducerPanel panel(bridge);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *topic = panel.findChild<QComboBox *>(QStringLiteral("producerTopic"));
        auto *partition = panel.findChild<QSpinBox *>(QStringLiteral("producerPartition"));
        QVERIFY(topic && partition);
        QTRY_COMPARE_WITH_TIMEOUT(topic->currentText(), QStringLiteral("orders"), 10000);
        QCOMPARE(partition->value(), -1);
        QCOMPARE(partition->text(), QStringLiteral("auto"));

        auto typeIn = [partition](const QString &text) {
            partition->setFocus();
            QTest::keyClick(partition, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClick(partition, Qt::Key_Backspace);
            if (!text.isEmpty())
                QTest::keyClicks(partition, text);
            QTest::keyClick(partition, Qt::Key_Tab); // leave the field
        };
        typeIn(QStringLiteral("3"));
        QCOMPARE(partition->value(), 3);
        typeIn(QStringLiteral("auto"));
        QCOMPARE(partition->value(), -1);
        QCOMPARE(partition->text(), QStringLiteral("auto"));
        typeIn(QStringLiteral("2"));
        QCOMPARE(partition->value(), 2);
        typeIn(QString()); // cleared
        QCOMPARE(partition->value(), -1);
        QCOMPARE(partition->text(), QStringLiteral("auto"));
        cluster.engine->stop();
    }

    void typingAfterPlusGoesIntoTheNewHeader()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        Bridge bridge(*cluster.engine);
        ProducerPanel panel(bridge);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *headers = panel.findChild<QTableWidget *>(QStringLiteral("producerHeaders"));
        QVERIFY(headers);
        QPushButton *plus = nullptr;
        for (QPushButton *b : panel.findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("+"))
                plus = b;
        QVERIFY(plus);
        QTest::mouseClick(plus, Qt::LeftButton);
        QCOMPARE(headers->rowCount(), 1);
        QWidget *typingGoesTo = QApplication::focusWidget();
        QVERIFY(typingGoesTo);

        QTest::keyClicks(typingGoesTo, QStringLiteral("trace-id"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return); // the delegate commits queued
        QVERIFY(headers->item(0, 0));
        QTRY_COMPARE(headers->item(0, 0)->text(), QStringLiteral("trace-id"));
        cluster.engine->stop();
    }

    void wheelOverUnfocusedFieldsScrollsOnly()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        Bridge bridge(*cluster.engine);
        auto *panel = new ProducerPanel(bridge);
        QScrollArea area; // as MainWindow holds it
        area.setWidget(panel);
        area.setWidgetResizable(true);
        area.resize(320, 300);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        auto *rate = panel->findChild<QDoubleSpinBox *>(QStringLiteral("autoRate"));
        auto *acks = panel->findChild<QComboBox *>(QStringLiteral("producerAcks"));
        QVERIFY(rate && acks);
        area.setFocus();
        const double before = rate->value();
        const int acksBefore = acks->currentIndex();
        wheel(rate, -2);
        wheel(acks, -1);
        QCOMPARE(rate->value(), before);
        QCOMPARE(acks->currentIndex(), acksBefore);
        // Once the user clicked into it, the wheel changes it.
        rate->setFocus();
        QVERIFY(rate->hasFocus());
        wheel(rate, 1);
        QVERIFY(rate->value() != before);
        cluster.engine->stop();
    }

    void errorsDoNotMoveTheForm()
    {
        // The group form: an error under the group id moves neither the fields below nor Start.
        GroupStartForm form;
        form.resize(560, form.sizeHint().height());
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        auto *groupId = form.findChild<QLineEdit *>(QStringLiteral("formGroupId"));
        auto *consumers = form.findChild<QSpinBox *>(QStringLiteral("formConsumers"));
        auto *rate = form.findChild<QSpinBox *>(QStringLiteral("formRate"));
        auto *start = form.findChild<QPushButton *>(QStringLiteral("formStart"));
        QVERIFY(groupId && consumers && rate && start);
        const QPoint consumersAt = posIn(consumers, &form), rateAt = posIn(rate, &form), startAt = posIn(start, &form);
        groupId->clear();
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(!form.errorText(QStringLiteral("groupId")).isEmpty());
        QTest::qWait(50);
        // At most a pixel of layout rounding (before: 13 px, a whole line).
        auto still = [&form](QWidget *w, QPoint was) { return (posIn(w, &form) - was).manhattanLength() <= 1; };
        QVERIFY2(still(consumers, consumersAt), "Consumers moved");
        QVERIFY2(still(rate, rateAt), "Rate moved");
        QVERIFY2(still(start, startAt), "Start moved");

        // The producer: a refused send's error moves neither the auto-producer nor its Start.
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        kl::TopicConfig config = viewtest::topicConfig(1);
        config.log.maxMessageBytes = 1000;
        QVERIFY(cluster.createTopic("small", config).isOk());
        Bridge bridge(*cluster.engine);
        auto *panel = new ProducerPanel(bridge);
        QScrollArea area;
        area.setWidget(panel);
        area.setWidgetResizable(true);
        area.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        area.resize(340, 600);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        auto *topic = panel->findChild<QComboBox *>(QStringLiteral("producerTopic"));
        auto *value = panel->findChild<QPlainTextEdit *>(QStringLiteral("producerValue"));
        auto *send = panel->findChild<QPushButton *>(QStringLiteral("producerSend"));
        auto *error = panel->findChild<QLabel *>(QStringLiteral("producerError"));
        auto *autoStart = panel->findChild<QPushButton *>(QStringLiteral("autoStart"));
        QVERIFY(topic && value && send && error && autoStart);
        QTRY_COMPARE_WITH_TIMEOUT(topic->currentText(), QStringLiteral("small"), 10000);
        QTest::qWait(50);
        const QPoint autoAt = posIn(autoStart, &area), sendAt = posIn(send, &area);
        value->setPlainText(QString(5000, QLatin1Char('v')));
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden(), 10000);
        QTest::qWait(50);
        QCOMPARE(posIn(send, &area), sendAt);
        QCOMPARE(posIn(autoStart, &area), autoAt);
        cluster.engine->stop();
    }

    void formsFollowTheTopic()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(3)).isOk());
        {
            Bridge bridge(*cluster.engine);
            MainWindow window(bridge);
            window.resize(1280, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *producerTopic = window.findChild<QComboBox *>(QStringLiteral("producerTopic"));
            auto *formTopics = window.findChild<QComboBox *>(QStringLiteral("formTopics"));
            QVERIFY(producerTopic && formTopics);
            QTRY_COMPARE_WITH_TIMEOUT(producerTopic->currentText(), QStringLiteral("orders"), 10000);

            // A topic created (as the Topics panel does) becomes the forms' topic.
            QSignalSpy created(&bridge, &Bridge::topicCommandFinished);
            bridge.createTopic(QStringLiteral("payments"), viewtest::topicConfig(2));
            QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 10000);
            QTRY_COMPARE_WITH_TIMEOUT(producerTopic->currentText(), QStringLiteral("payments"), 10000);
            QTRY_COMPARE_WITH_TIMEOUT(formTopics->currentText(), QStringLiteral("payments"), 10000);

            // A topic chosen in the Cluster view's topic filter, with the keyboard.
            window.setCurrentView(QStringLiteral("cluster"));
            auto *filter = window.findChild<QComboBox *>(QStringLiteral("clusterTopicFilter"));
            QVERIFY(filter);
            QTRY_VERIFY_WITH_TIMEOUT(filter->findData(QStringLiteral("orders")) >= 0, 10000);
            filter->setFocus();
            while (filter->currentData().toString() != QLatin1String("orders") && filter->currentIndex() < filter->count() - 1)
                QTest::keyClick(filter, Qt::Key_Down);
            QCOMPARE(filter->currentData().toString(), QStringLiteral("orders"));
            QTRY_COMPARE_WITH_TIMEOUT(producerTopic->currentText(), QStringLiteral("orders"), 5000);
            QTRY_COMPARE_WITH_TIMEOUT(formTopics->currentText(), QStringLiteral("orders"), 5000);

            // Topics the user typed in the group form stay theirs.
            formTopics->setFocus();
            formTopics->lineEdit()->selectAll();
            QTest::keyClicks(formTopics->lineEdit(), QStringLiteral("orders,payments"));
            bridge.createTopic(QStringLiteral("audit"), viewtest::topicConfig(1));
            QTRY_COMPARE_WITH_TIMEOUT(producerTopic->currentText(), QStringLiteral("audit"), 10000);
            QCOMPARE(formTopics->currentText(), QStringLiteral("orders,payments"));
        }
        cluster.engine->stop();
    }

    void toolbarCountIsAPlural()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(1)).isOk());
        kl::ProduceRequest request;
        request.topic = "orders";
        request.records.push_back(kl::ProduceRecord{});
        QVERIFY(cluster.produce(std::move(request)).status.isOk());
        {
            Bridge bridge(*cluster.engine);
            MainWindow window(bridge);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            bridge.refresh();
            auto producedLabel = [&window]() -> QString {
                for (QLabel *l : window.findChildren<QLabel *>())
                    if (l->text().contains(QStringLiteral("produced")))
                        return l->text();
                return {};
            };
            QTRY_VERIFY_WITH_TIMEOUT(!producedLabel().isEmpty(), 5000);
            QCOMPARE(producedLabel(), QStringLiteral("1 record(s) produced"));
        }
        cluster.engine->stop();
    }

    void autoProducerInViewAt1280x800()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(3)).isOk());
        {
            Bridge bridge(*cluster.engine);
            MainWindow window(bridge);
            window.resize(1280, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QTest::qWait(200);
            auto *autoStart = window.findChild<QPushButton *>(QStringLiteral("autoStart"));
            QVERIFY(autoStart);
            auto *area = qobject_cast<QScrollArea *>(window.rightTabs()->currentWidget());
            QVERIFY(area);
            QCOMPARE(area->verticalScrollBar()->value(), 0);
            window.grab().save(QCoreApplication::applicationDirPath() + QStringLiteral("/producer-1280x800.png"));
            const QRect r(autoStart->mapTo(area->viewport(), QPoint(0, 0)), autoStart->size());
            QVERIFY2(area->viewport()->rect().contains(r),
                     qPrintable(QStringLiteral("Start at y=%1..%2, viewport %3 high")
                                    .arg(r.top()).arg(r.bottom()).arg(area->viewport()->height())));
        }
        cluster.engine->stop();
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestProducerForm)
#include "test_producer_form.moc"
