// A consumer group formed by a real client shows in the window as a simulated one does (issue
// 11): a live engine with its listeners, a kafka-python process (Debian's /usr/bin/python3)
// producing to `orders` and consuming it in group "real-g"; the Bridge's snapshot then has the
// group with its member (client id, host, "real client"), its three partitions, the committed
// offsets and lag 0, and a rebalance in its timeline; the Groups tab draws the member card with
// its lag and partitions but no processing rate (only the client knows it), its Crash and Stall
// buttons say it is a real client, and its Remove button takes it out of the group as an admin's
// removeMembersFromConsumerGroup does: the group rebalances, and the client, told UNKNOWN_MEMBER_ID
// at its next heartbeat, joins again with a new member id and owns the partitions again.
#include "bridge/bridge.h"
#include "live_cluster.h"
#include "views/assignment_canvas.h"
#include "views/groups_view.h"

#include <QLabel>
#include <QSignalSpy>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Produces 30 keyed records, then consumes them in real-g and commits; prints "consumed N"
// and keeps polling (heartbeating) until its stdin closes.
const char *kClient = R"PY(
import sys, threading
from kafka import KafkaConsumer, KafkaProducer
bootstrap = sys.argv[1]
p = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
for i in range(30):
    p.send("orders", key=b"k%d" % (i % 6), value=b"%d" % i)
p.flush(30)
p.close()
done = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
c = KafkaConsumer("orders", bootstrap_servers=bootstrap, group_id="real-g", client_id="py-real",
                  auto_offset_reset="earliest", enable_auto_commit=False, heartbeat_interval_ms=500)
seen = 0
while not done.is_set():
    for tp, records in c.poll(timeout_ms=200).items():
        seen += len(records)
        c.commit()
        print("consumed %d" % seen, flush=True)
c.close()
)PY";

} // namespace

class TestRealClientGroup : public QObject {
    Q_OBJECT
private slots:
    void realGroupInTheSnapshotAndTheGroupsTab()
    {
        LiveCluster cluster({});
        kl::Engine &engine = *cluster.engine;
        Bridge bridge(engine);
        kl::TopicConfig topic;
        topic.partitions = 3;
        topic.replicationFactor = 3;
        bridge.createTopic(QStringLiteral("orders"), topic);
        QTRY_VERIFY(bridge.snapshot() && bridge.snapshot()->topic("orders"));

        QProcess client;
        cluster.startPython(client, kClient);
        QVERIFY(client.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += client.readAllStandardOutput()).contains("consumed 30"), 60000);

        const kl::GroupSnapshot *group = nullptr;
        const auto settled = [&] {
            const auto snap = bridge.snapshot();
            group = nullptr;
            if (!snap)
                return false;
            for (const auto &g : snap->groups)
                if (g.groupId == "real-g")
                    group = &g;
            return group && group->state == "Stable" && group->members.size() == 1 && group->totalLag == 0
                && group->partitions.size() == 3 && !group->rebalances.empty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 20000);
        auto keep = bridge.snapshot(); // `group` points into it
        const kl::GroupMemberSnapshotView &member = group->members.front();
        QCOMPARE(member.clientId, std::string("py-real"));
        QCOMPARE(member.host, std::string("/127.0.0.1"));
        QVERIFY(!member.simulated);
        QCOMPARE(member.assigned.size(), size_t(3));
        int64_t committed = 0;
        for (const auto &p : group->partitions) {
            QCOMPARE(p.ownerClientId, std::string("py-real"));
            committed += p.committedOffset;
        }
        QCOMPARE(committed, 30);

        GroupsView view;
        view.resize(900, 640);
        view.setSnapshot(keep);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // A real client's card is keyed by its member id (real clients often share client ids).
        const QString memberId = QString::fromStdString(member.memberId);
        QWidget *card = view.canvas()->card(memberId);
        QVERIFY(card);
        // Its lag and partitions, but no processing rate: only the client knows that.
        bool numbersShown = false;
        for (const QLabel *label : card->findChildren<QLabel *>()) {
            QVERIFY2(!label->text().contains(QStringLiteral("rec/s")), qPrintable(label->text()));
            numbersShown = numbersShown || label->text().startsWith(QStringLiteral("lag 0 · 3 partition"));
        }
        QVERIFY(numbersShown);
        auto *crash = view.findChild<QPushButton *>(QStringLiteral("crash-") + memberId);
        QVERIFY(crash);
        QVERIFY(!crash->isEnabled());
        QVERIFY2(crash->toolTip().contains(QStringLiteral("real client")), qPrintable(crash->toolTip()));

        // Remove it from the window: the coordinator rebalances, the client rejoins.
        auto *remove = view.findChild<QPushButton *>(QStringLiteral("leave-") + memberId);
        QVERIFY(remove && remove->isEnabled());
        QCOMPARE(remove->text(), QStringLiteral("Remove"));
        QVERIFY2(remove->toolTip().contains(QStringLiteral("UNKNOWN_MEMBER_ID")), qPrintable(remove->toolTip()));
        connect(&view, &GroupsView::consumerActionRequested, &bridge, &Bridge::consumerAction);
        QSignalSpy finished(&bridge, &Bridge::groupCommandFinished);
        const int32_t generation = group->generation;
        const size_t rebalances = group->rebalances.size();
        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const kl::Status status = finished.front().at(3).value<kl::Status>();
        QVERIFY2(status.isOk(), status.toString().c_str());
        const auto rejoined = [&] {
            if (!settled())
                return false;
            const auto &m = group->members.front();
            return m.memberId != member.memberId && m.clientId == "py-real" && m.assigned.size() == 3
                && group->generation >= generation + 2 && group->rebalances.size() >= rebalances + 2;
        };
        QTRY_VERIFY_WITH_TIMEOUT(rejoined(), 30000);
        // Removing a member id the group does not have says so.
        bridge.consumerAction(QStringLiteral("real-g"), QString::fromStdString(member.memberId),
                              kl::ConsumerAction::Leave);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        const kl::Status gone = finished.back().at(3).value<kl::Status>();
        QVERIFY(!gone.isOk());
        QVERIFY2(gone.message().find("no simulated consumer or member") != std::string::npos, gone.toString().c_str());

        client.closeWriteChannel();
        QVERIFY(client.waitForFinished(30000));
        QCOMPARE(client.exitCode(), 0);
    }
};

QTEST_MAIN(TestRealClientGroup)
#include "test_real_client_group.moc"
