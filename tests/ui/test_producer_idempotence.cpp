// The producer panel's idempotence, as Kafka 3.0+ defaults it: acks=all and enable.idempotence
// not set make an idempotent producer, whose producer id and epoch the panel shows once the
// engine handed them out and whose sequence numbers appear per record; acks=1 turns the default
// off (said next to the field); enable.idempotence=true with acks=1 is refused as Java's
// ConfigException, with the message next to the field.
#include "bridge/bridge.h"
#include "views/producer_panel.h"
#include "view_test_fixture.h"

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>

using viewtest::LiveCluster;

namespace {

// Chooses the item with this data as a user does: opens the combo and clicks the row.
void choose(QComboBox *combo, int data)
{
    const int index = combo->findData(data);
    QVERIFY(index >= 0);
    combo->setFocus();
    combo->setCurrentIndex(0);
    for (int i = 0; i < index; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentIndex(), index);
}

} // namespace

class TestProducerIdempotence : public QObject {
    Q_OBJECT
private slots:
    void defaultIsIdempotentWithProducerIdAndSequences()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(1)).isOk());
        Bridge bridge(*cluster.engine);
        ProducerPanel panel(bridge);
        auto *topic = panel.findChild<QComboBox *>(QStringLiteral("producerTopic"));
        auto *acks = panel.findChild<QComboBox *>(QStringLiteral("producerAcks"));
        auto *idempotence = panel.findChild<QComboBox *>(QStringLiteral("producerIdempotence"));
        auto *state = panel.findChild<QLabel *>(QStringLiteral("producerIdempotenceState"));
        auto *value = panel.findChild<QPlainTextEdit *>(QStringLiteral("producerValue"));
        auto *send = panel.findChild<QPushButton *>(QStringLiteral("producerSend"));
        auto *results = panel.findChild<QTextBrowser *>(QStringLiteral("producerResults"));
        auto *error = panel.findChild<QLabel *>(QStringLiteral("producerError"));
        QVERIFY(topic && acks && idempotence && state && value && send && results && error);
        QTRY_COMPARE_WITH_TIMEOUT(topic->currentText(), QStringLiteral("orders"), 10000);
        panel.show();

        // Kafka's defaults: acks=all, enable.idempotence not set (so on).
        QCOMPARE(acks->currentData().toInt(), int(kl::Acks::All));
        QCOMPARE(idempotence->currentData().toInt(), 0);
        QCOMPARE(state->text(), QStringLiteral("on"));
        QVERIFY2(state->toolTip().contains(QStringLiteral("first send")), qPrintable(state->toolTip()));

        QSignalSpy finished(&bridge, &Bridge::produceFinished);
        value->setPlainText(QStringLiteral("a"));
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        const auto second = finished.at(1).at(0).value<kl::ProduceResult>();
        QVERIFY2(second.status.isOk(), second.status.toString().c_str());
        QVERIFY(second.idempotent);
        QTRY_COMPARE(state->text(), QStringLiteral("on: producer id %1, epoch 0").arg(second.producerId));
        const QString log = results->toPlainText();
        QVERIFY2(log.contains(QStringLiteral("producer id %1, epoch 0, sequence 0").arg(second.producerId)),
            qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("producer id %1, epoch 0, sequence 1").arg(second.producerId)),
            qPrintable(log));

        // acks=1: the default idempotence is off, and the panel says so; the record has no sequence.
        choose(acks, int(kl::Acks::Leader));
        QCOMPARE(state->text(), QStringLiteral("off (acks=1)"));
        QVERIFY2(state->toolTip().contains(QStringLiteral("Idempotence off: acks=1")), qPrintable(state->toolTip()));
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 10000);
        const auto third = finished.at(2).at(0).value<kl::ProduceResult>();
        QVERIFY(third.status.isOk());
        QVERIFY(!third.idempotent);
        QCOMPARE(third.records[0].sequence, -1);

        // enable.idempotence=true with acks=1: Java refuses; so does the engine, shown next to the form.
        choose(idempotence, 1);
        QCOMPARE(state->text(), QStringLiteral("needs acks=all"));
        QVERIFY2(state->toolTip().contains(QStringLiteral("ConfigException")), qPrintable(state->toolTip()));
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 4, 10000);
        const auto refused = finished.at(3).at(0).value<kl::ProduceResult>();
        QCOMPARE(refused.status.code(), kl::ErrorCode::InvalidConfig);
        QTRY_VERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(QStringLiteral("INVALID_CONFIG")), qPrintable(error->text()));
    }
};

QTEST_MAIN(TestProducerIdempotence)
#include "test_producer_idempotence.moc"
