// The Groups tab (GroupsView) and the Ordering panel fed a hand-built snapshot, offscreen, no
// engine: one card per group, the selected group's header, member cards with buttons enabled
// or disabled-with-a-reason, idle members greyed with the reason, clicks become requests, the
// rebalance timeline, form errors next to the field, and the ordering counts and verdict.
#include "group_fixture.h"
#include "views/assignment_canvas.h"
#include "views/group_start_form.h"
#include "views/groups_view.h"
#include "views/ordering_panel.h"
#include "views/rebalance_timeline.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

class TestGroupView : public QObject {
    Q_OBJECT
private:
    template <typename T>
    static T *child(QWidget &w, const QString &name)
    {
        T *c = w.findChild<T *>(name);
        if (!c)
            qWarning("no child %s", qPrintable(name));
        return c;
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<kl::ConsumerAction>();
        qRegisterMetaType<kl::ConsumerGroupSpec>();
    }

    void cardsHeaderAndMembers()
    {
        GroupsView view;
        view.resize(900, 640);
        view.setSnapshot(grouptest::snapshot());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.groupCardCount(), 2);
        QCOMPARE(view.currentGroup(), QStringLiteral("g1"));
        QVERIFY(!view.startForm()->isVisible()); // groups exist: the form stays folded
        auto *state = child<QLabel>(view, QStringLiteral("groupState"));
        auto *gen = child<QLabel>(view, QStringLiteral("groupGeneration"));
        auto *coord = child<QLabel>(view, QStringLiteral("groupCoordinator"));
        QVERIFY(state && gen && coord);
        QVERIFY(state->text().contains(QStringLiteral("Stable")));
        QVERIFY(!state->toolTip().isEmpty());
        QVERIFY(gen->text().contains(QStringLiteral("5")));
        QVERIFY(coord->text().contains(QStringLiteral("broker-2")));
        QCOMPARE(view.canvas()->cardCount(), 5);

        // Idle member: greyed, and says why.
        MemberCard *idle = view.canvas()->card(QStringLiteral("consumer-4"));
        QVERIFY(idle);
        QVERIFY(idle->toolTip().startsWith(
            QStringLiteral("more consumers than partitions: this member has nothing to read")));
        QVERIFY(idle->styleSheet().contains(QStringLiteral("#eeeeee")));
        MemberCard *busy = view.canvas()->card(QStringLiteral("consumer-1"));
        QVERIFY(!busy->styleSheet().contains(QStringLiteral("#eeeeee")));

        // Refused actions are disabled and say why; a stalled member offers Resume.
        auto *crash5 = child<QPushButton>(view, QStringLiteral("crash-consumer-5"));
        auto *leave3 = child<QPushButton>(view, QStringLiteral("leave-consumer-3"));
        auto *stall3 = child<QPushButton>(view, QStringLiteral("stall-consumer-3"));
        auto *crash1 = child<QPushButton>(view, QStringLiteral("crash-consumer-1"));
        QVERIFY(crash5 && leave3 && stall3 && crash1);
        QVERIFY(!crash5->isEnabled());
        QVERIFY(crash5->toolTip().contains(QStringLiteral("has crashed")));
        QVERIFY(!leave3->isEnabled());
        QVERIFY(leave3->toolTip().contains(QStringLiteral("Resume")));
        QVERIFY(stall3->isEnabled());
        QCOMPARE(stall3->text(), QStringLiteral("Resume"));

        QSignalSpy actions(&view, &GroupsView::consumerActionRequested);
        QTest::mouseClick(crash1, Qt::LeftButton);
        QTest::mouseClick(stall3, Qt::LeftButton);
        QTest::mouseClick(crash5, Qt::LeftButton); // disabled: nothing
        QCOMPARE(actions.count(), 2);
        QCOMPARE(actions.at(0).at(0).toString(), QStringLiteral("g1"));
        QCOMPARE(actions.at(0).at(1).toString(), QStringLiteral("consumer-1"));
        QCOMPARE(actions.at(0).at(2).value<kl::ConsumerAction>(), kl::ConsumerAction::Crash);
        QCOMPARE(actions.at(1).at(2).value<kl::ConsumerAction>(), kl::ConsumerAction::Resume);

        QSignalSpy adds(&view, &GroupsView::addConsumerRequested);
        QTest::mouseClick(child<QPushButton>(view, QStringLiteral("addConsumer")), Qt::LeftButton);
        QCOMPARE(adds.count(), 1);
        QCOMPARE(adds.at(0).at(0).toString(), QStringLiteral("g1"));

        // Partition boxes sit left of the member cards, and the links join them.
        QVERIFY(view.canvas()->partitionRect(0).right() < busy->geometry().left());

        // The timeline: newest first.
        QTreeWidget *rows = view.timeline()->list();
        QCOMPARE(rows->topLevelItemCount(), 2);
        QCOMPARE(rows->topLevelItem(0)->text(0), QStringLiteral("5"));
        QVERIFY(rows->topLevelItem(1)->text(4).contains(QStringLiteral("consumer-5 → consumer-3")));
    }

    void otherGroupAndRefusal()
    {
        GroupsView view;
        view.resize(900, 640);
        view.setSnapshot(grouptest::snapshot());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy selected(&view, &GroupsView::groupSelected);
        QTest::mouseClick(child<QToolButton>(view, QStringLiteral("groupCard-g2")), Qt::LeftButton);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(view.currentGroup(), QStringLiteral("g2"));
        QCOMPARE(view.canvas()->cardCount(), 1);
        // A real client's card and buttons are named by its member id; only Remove is enabled.
        auto *crash = child<QPushButton>(view, QStringLiteral("crash-rdkafka-7f3a"));
        QVERIFY(crash && !crash->isEnabled());
        QVERIFY(crash->toolTip().contains(QStringLiteral("real client")));
        auto *remove = child<QPushButton>(view, QStringLiteral("leave-rdkafka-7f3a"));
        QVERIFY(remove && remove->isEnabled());
        QCOMPARE(remove->text(), QStringLiteral("Remove"));
        QSignalSpy asked(&view, &GroupsView::consumerActionRequested);
        QTest::mouseClick(remove, Qt::LeftButton);
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.at(0).at(1).toString(), QStringLiteral("rdkafka-7f3a"));
        QVERIFY(view.timeline()->list()->topLevelItem(0)->font(0).bold()); // still rebalancing

        view.showCommandResult(QStringLiteral("crash"), QStringLiteral("g2"), QStringLiteral("x"),
                               kl::Status::error(kl::ErrorCode::UnknownMemberId, "no such consumer"));
        auto *result = child<QLabel>(view, QStringLiteral("groupResult"));
        QVERIFY(result->isVisible());
        QVERIFY(result->text().contains(QStringLiteral("UNKNOWN_MEMBER_ID")));
    }

    void formShowsErrorsNextToFields()
    {
        GroupsView view;
        view.resize(900, 640);
        auto empty = std::make_shared<kl::ClusterSnapshot>(*grouptest::snapshot());
        empty->groups.clear();
        view.setSnapshot(empty);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        GroupStartForm *form = view.startForm();
        QVERIFY(form->isVisible()); // no group yet: offer to start one
        QSignalSpy starts(&view, &GroupsView::startGroupRequested);
        groupform::Input in;
        in.groupId = QStringLiteral("bad id");
        in.topics = QStringLiteral("nope");
        in.sessionTimeoutMs = 3000;
        form->setInput(in);
        QTest::mouseClick(child<QPushButton>(view, QStringLiteral("formStart")), Qt::LeftButton);
        QCOMPARE(starts.count(), 0);
        QVERIFY(form->errorText(QStringLiteral("groupId")).contains(QStringLiteral("letters")));
        QVERIFY(form->errorText(QStringLiteral("topics")).contains(QStringLiteral("nope")));
        QVERIFY(form->errorText(QStringLiteral("sessionTimeout")).contains(QStringLiteral("6000")));
        QVERIFY(form->errorText(QStringLiteral("consumers")).isEmpty());
        // With every error showing, the tab still fits the centre column of a 1280x800 window.
        QVERIFY2(view.minimumSizeHint().width() <= 720, qPrintable(QString::number(view.minimumSizeHint().width())));
        if (qEnvironmentVariableIsSet("KAFKALAB_SHOT_DIR"))
            view.grab().save(qEnvironmentVariable("KAFKALAB_SHOT_DIR") + QStringLiteral("/groups-form.png"));

        in.groupId = QStringLiteral("fresh");
        in.topics = QStringLiteral("orders");
        in.sessionTimeoutMs = 6000;
        in.consumers = 3;
        form->setInput(in);
        QTest::mouseClick(child<QPushButton>(view, QStringLiteral("formStart")), Qt::LeftButton);
        QCOMPARE(starts.count(), 1);
        const auto spec = starts.at(0).at(0).value<kl::ConsumerGroupSpec>();
        QCOMPARE(spec.groupId, std::string("fresh"));
        QCOMPARE(spec.sessionTimeoutMs, 6000);
        QVERIFY(form->errorText(QStringLiteral("groupId")).isEmpty());
    }

    void orderingPanel()
    {
        OrderingPanel panel;
        panel.resize(900, 200);
        panel.setSnapshot(grouptest::snapshot());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.currentGroup(), QStringLiteral("g1"));
        QCOMPARE(panel.countText(QStringLiteral("checked")), QStringLiteral("1200"));
        QCOMPARE(panel.countText(QStringLiteral("perKey")), QStringLiteral("0"));
        QCOMPARE(panel.countText(QStringLiteral("duplicates")), QStringLiteral("3"));
        QCOMPARE(panel.countText(QStringLiteral("global")), QStringLiteral("57"));
        QVERIFY(panel.verdict().contains(QStringLiteral("per-key order holds")));
        QVERIFY(panel.verdict().contains(QStringLiteral("global order")));
        QCOMPARE(panel.findings()->count(), 2);
        // Newest first, in words from the typed finding: kind, key, producer, where, when (ISO
        // 8601 UTC and engine time, never raw epoch milliseconds).
        const QString newest = panel.findings()->item(0)->text();
        QVERIFY2(newest.contains(QStringLiteral("duplicate")), qPrintable(newest));
        QVERIFY2(newest.contains(QStringLiteral("key-3 from p8: #41 read again on orders-2@77")), qPrintable(newest));
        QVERIFY2(newest.contains(QStringLiteral("1970-01-01T00:00:02.500Z")), qPrintable(newest));
        QVERIFY2(newest.contains(QStringLiteral("t+2.000 s")), qPrintable(newest));
        QVERIFY(!newest.contains(QStringLiteral("2500")));
        QVERIFY(panel.findings()->item(0)->toolTip().contains(QStringLiteral("at-least-once")));
        QVERIFY(panel.findings()->item(1)->text().contains(QStringLiteral("2 record(s) never read")));
        // One row per producer run: id, topic and its own counts.
        QTableWidget *producers = panel.producers();
        QCOMPARE(producers->rowCount(), 2);
        QCOMPARE(producers->item(0, 0)->text(), QStringLiteral("p7"));
        QCOMPARE(producers->item(0, 1)->text(), QStringLiteral("orders"));
        QCOMPARE(producers->item(0, 2)->text(), QStringLiteral("700"));
        QCOMPARE(producers->item(0, 5)->text(), QStringLiteral("1"));
        QCOMPARE(producers->item(1, 0)->text(), QStringLiteral("p8"));
        QCOMPARE(producers->item(1, 3)->text(), QStringLiteral("3"));
        QVERIFY(panel.resetButton()->isEnabled());

        auto broken = std::make_shared<kl::ClusterSnapshot>(*grouptest::snapshot());
        broken->groups[0].ordering.perKeyViolations = 2;
        panel.setSnapshot(broken);
        QCOMPARE(panel.countText(QStringLiteral("perKey")), QStringLiteral("2"));
        QVERIFY(panel.verdict().contains(QStringLiteral("violated")));
        panel.setGroup(QStringLiteral("g2"));
        QCOMPARE(panel.countText(QStringLiteral("checked")), QStringLiteral("0"));
        QVERIFY(panel.verdict().contains(QStringLiteral("nothing checked")));
        QCOMPARE(panel.producers()->rowCount(), 0);
        QCOMPARE(panel.findings()->count(), 0);
    }
};

QTEST_MAIN(TestGroupView)
#include "test_group_view.moc"
