// TopicAdminPanel against a live engine: invalid input is explained next to its field and
// nothing is sent; valid input creates the topic; an engine refusal lands next to the field it
// concerns; typed text survives errors.
#include "bridge/bridge.h"
#include "views/topic_admin_panel.h"
#include "view_test_fixture.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using viewtest::LiveCluster;

namespace {

struct Form {
    QLineEdit *name;
    QSpinBox *partitions;
    QSpinBox *rf;
    QLineEdit *segmentBytes;
    QPushButton *create;
    QLabel *nameError;
    QLabel *partitionsError;
    QLabel *rfError;
    QLabel *segmentBytesError;

    explicit Form(TopicAdminPanel &p)
        : name(p.findChild<QLineEdit *>(QStringLiteral("topicName"))),
          partitions(p.findChild<QSpinBox *>(QStringLiteral("topicPartitions"))),
          rf(p.findChild<QSpinBox *>(QStringLiteral("topicReplicationFactor"))),
          segmentBytes(p.findChild<QLineEdit *>(QStringLiteral("topicSegmentBytes"))),
          create(p.findChild<QPushButton *>(QStringLiteral("topicCreate"))),
          nameError(p.findChild<QLabel *>(QStringLiteral("topicNameError"))),
          partitionsError(p.findChild<QLabel *>(QStringLiteral("topicPartitionsError"))),
          rfError(p.findChild<QLabel *>(QStringLiteral("topicReplicationFactorError"))),
          segmentBytesError(p.findChild<QLabel *>(QStringLiteral("topicSegmentBytesError")))
    {
    }
    bool complete() const
    {
        return name && partitions && rf && segmentBytes && create && nameError && partitionsError
            && rfError && segmentBytesError;
    }
    // Which error labels show something (visible and non-empty).
    QStringList shownErrors() const
    {
        QStringList shown;
        const std::pair<const char *, QLabel *> labels[] = {
            {"name", nameError}, {"partitions", partitionsError}, {"rf", rfError},
            {"segment.bytes", segmentBytesError}};
        for (const auto &[field, label] : labels)
            if (!label->isHidden() && !label->text().isEmpty())
                shown << QString::fromLatin1(field);
        return shown;
    }
};

} // namespace

class TestTopicAdminPanel : public QObject {
    Q_OBJECT
private slots:
    void invalidInputIsExplainedAndNotSent_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("rf");
        QTest::addColumn<QString>("segmentBytes");
        QTest::addColumn<QString>("field");   // which error label must show
        QTest::addColumn<QString>("mentions"); // a word the message must contain

        const QString ok = QStringLiteral("1048576");
        QTest::newRow("empty name") << QString() << 3 << 1 << ok << "name" << "name";
        QTest::newRow("space in name") << "bad name" << 3 << 1 << ok << "name" << "' '";
        QTest::newRow("slash in name") << "a/b" << 3 << 1 << ok << "name" << "'/'";
        QTest::newRow("dot") << "." << 3 << 1 << ok << "name" << "\".\"";
        QTest::newRow("dot dot") << ".." << 3 << 1 << ok << "name" << "\"..\"";
        QTest::newRow("250 chars") << QString(250, QLatin1Char('x')) << 3 << 1 << ok << "name" << "249";
        QTest::newRow("0 partitions") << "orders" << 0 << 1 << ok << "partitions" << "1";
        QTest::newRow("too many partitions")
            << "orders" << kl::kMaxPartitions + 1 << 1 << ok << "partitions"
            << QString::number(kl::kMaxPartitions);
        QTest::newRow("rf above brokers") << "orders" << 3 << 4 << ok << "rf" << "3";
        QTest::newRow("rf 0") << "orders" << 3 << 0 << ok << "rf" << "1";
        QTest::newRow("segment.bytes text") << "orders" << 3 << 1 << "lots" << "segment.bytes" << "";
        QTest::newRow("segment.bytes tiny") << "orders" << 3 << 1 << "10" << "segment.bytes" << "1024";
    }

    void invalidInputIsExplainedAndNotSent()
    {
        QFETCH(QString, name);
        QFETCH(int, partitions);
        QFETCH(int, rf);
        QFETCH(QString, segmentBytes);
        QFETCH(QString, field);
        QFETCH(QString, mentions);

        LiveCluster cluster;
        QVERIFY(cluster.open(3));
        Bridge bridge(*cluster.engine);
        bridge.refresh();
        QCOMPARE(bridge.snapshot()->brokers.size(), size_t(3));
        TopicAdminPanel panel(bridge);
        Form form(panel);
        QVERIFY(form.complete());
        QSignalSpy finished(&bridge, &Bridge::topicCommandFinished);

        form.name->setText(name);
        form.partitions->setValue(partitions);
        form.rf->setValue(rf);
        form.segmentBytes->setText(segmentBytes);
        QCOMPARE(form.partitions->value(), partitions); // the spin box does not clamp it away
        form.create->click();

        QCOMPARE(form.shownErrors(), QStringList{field});
        const QLabel *label = field == QLatin1String("name")           ? form.nameError
                            : field == QLatin1String("partitions")     ? form.partitionsError
                            : field == QLatin1String("rf")             ? form.rfError
                                                                       : form.segmentBytesError;
        QVERIFY2(label->text().contains(mentions), qPrintable(label->text()));

        // Nothing went to the engine: no answer arrives and the cluster has no topic.
        QTest::qWait(300);
        QCOMPARE(finished.count(), 0);
        bridge.refresh();
        QVERIFY(cluster.engine->snapshot()->topics.empty());
        // What was typed is still there.
        QCOMPARE(form.name->text(), name);
        QCOMPARE(form.partitions->value(), partitions);
        QCOMPARE(form.rf->value(), rf);
        QCOMPARE(form.segmentBytes->text(), segmentBytes);
    }

    void validInputCreatesTopic()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(3));
        Bridge bridge(*cluster.engine);
        bridge.refresh();
        TopicAdminPanel panel(bridge);
        Form form(panel);
        QVERIFY(form.complete());
        QSignalSpy finished(&bridge, &Bridge::topicCommandFinished);

        form.name->setText(QStringLiteral("orders.v2_x-1"));
        form.partitions->setValue(4);
        form.rf->setValue(3);
        form.segmentBytes->setText(QStringLiteral("4096"));
        form.create->click();
        QVERIFY(form.shownErrors().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY(finished.at(0).at(2).value<kl::Status>().isOk());
        const kl::TopicSnapshot *t = bridge.snapshot()->topic("orders.v2_x-1");
        QVERIFY(t);
        QCOMPARE(t->partitions.size(), size_t(4));
        QCOMPARE(t->config.replicationFactor, 3);
        QCOMPARE(t->config.log.segmentBytes, int64_t(4096));

        // Now it exists: the same name is refused locally, next to the name.
        form.create->click();
        QCOMPARE(form.shownErrors(), QStringList{QStringLiteral("name")});
        QTest::qWait(200);
        QCOMPARE(finished.count(), 1);
    }

    void engineRefusalShownNextToField()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(3));
        Bridge bridge(*cluster.engine);
        bridge.refresh();
        TopicAdminPanel panel(bridge);
        Form form(panel);
        QVERIFY(form.complete());
        QSignalSpy finished(&bridge, &Bridge::topicCommandFinished);

        // Created behind the bridge's back: its snapshot is still the old one, so the local
        // check passes and the engine itself refuses.
        QVERIFY(cluster.createTopic("taken", viewtest::topicConfig(2)).isOk());
        QVERIFY(!bridge.snapshot()->topic("taken"));
        form.name->setText(QStringLiteral("taken"));
        form.create->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        const auto status = finished.at(0).at(2).value<kl::Status>();
        QCOMPARE(status.code(), kl::ErrorCode::TopicAlreadyExists);
        QCOMPARE(form.shownErrors(), QStringList{QStringLiteral("name")});
        QVERIFY2(form.nameError->text().contains(QStringLiteral("TOPIC_ALREADY_EXISTS")),
                 qPrintable(form.nameError->text()));
        QCOMPARE(form.name->text(), QStringLiteral("taken"));
    }

    void addPartitionsAndDelete()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(3));
        QVERIFY(cluster.createTopic("grow", viewtest::topicConfig(3)).isOk());
        Bridge bridge(*cluster.engine);
        QTRY_VERIFY(bridge.snapshot()->topic("grow"));
        TopicAdminPanel panel(bridge);
        panel.setProperty("skipDeleteConfirmation", true);
        panel.setCurrentTopic(QStringLiteral("grow"));
        auto *total = panel.findChild<QSpinBox *>(QStringLiteral("newPartitionTotal"));
        auto *add = panel.findChild<QPushButton *>(QStringLiteral("addPartitions"));
        auto *totalError = panel.findChild<QLabel *>(QStringLiteral("newPartitionTotalError"));
        auto *del = panel.findChild<QPushButton *>(QStringLiteral("deleteTopic"));
        QVERIFY(total && add && totalError && del);
        QSignalSpy finished(&bridge, &Bridge::topicCommandFinished);

        // A decrease is explained and not sent.
        total->setValue(2);
        add->click();
        QVERIFY(!totalError->isHidden());
        QVERIFY2(totalError->text().contains(QLatin1String("3")), qPrintable(totalError->text()));
        QTest::qWait(200);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(bridge.snapshot()->topic("grow")->partitions.size(), size_t(3));

        total->setValue(5);
        QVERIFY(totalError->isHidden());
        add->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY(finished.at(0).at(2).value<kl::Status>().isOk());
        QCOMPARE(bridge.snapshot()->topic("grow")->partitions.size(), size_t(5));

        del->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        QCOMPARE(finished.at(1).at(0).toString(), QStringLiteral("delete"));
        QVERIFY(finished.at(1).at(2).value<kl::Status>().isOk());
        QVERIFY(!bridge.snapshot()->topic("grow"));
        QVERIFY(!del->isEnabled()); // nothing left to delete, and the tooltip says so
        QVERIFY(!del->toolTip().isEmpty());
    }
};

QTEST_MAIN(TestTopicAdminPanel)
#include "test_topic_admin_panel.moc"
