// ProducerPanel against a live engine: a keyed send shows where the record went and the
// partitioner's explanation (murmur2 % N, computed here independently); a refused send shows
// Kafka's error name next to the form; the topic list follows the snapshot without losing the
// user's choice; the auto-producer's progress comes from the snapshot.
#include "bridge/bridge.h"
#include "partitioners/partitioner.h"
#include "views/producer_panel.h"
#include "view_test_fixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTextBrowser>

using viewtest::LiveCluster;

class TestProducerPanel : public QObject {
    Q_OBJECT
private slots:
    void keyedSendShowsPartitionAndExplanation_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("partitions");
        QTest::newRow("order-100 / 6") << "order-100" << 6;
        QTest::newRow("user-7 / 3") << "user-7" << 3;
        QTest::newRow("k / 5") << "k" << 5;
    }

    void keyedSendShowsPartitionAndExplanation()
    {
        QFETCH(QString, key);
        QFETCH(int, partitions);
        LiveCluster cluster;
        QVERIFY(cluster.open(3));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(partitions)).isOk());
        Bridge bridge(*cluster.engine);
        ProducerPanel panel(bridge);
        auto *topic = panel.findChild<QComboBox *>(QStringLiteral("producerTopic"));
        auto *keyEdit = panel.findChild<QLineEdit *>(QStringLiteral("producerKey"));
        auto *value = panel.findChild<QPlainTextEdit *>(QStringLiteral("producerValue"));
        auto *send = panel.findChild<QPushButton *>(QStringLiteral("producerSend"));
        auto *results = panel.findChild<QTextBrowser *>(QStringLiteral("producerResults"));
        auto *error = panel.findChild<QLabel *>(QStringLiteral("producerError"));
        QVERIFY(topic && keyEdit && value && send && results && error);
        QTRY_COMPARE_WITH_TIMEOUT(topic->currentText(), QStringLiteral("orders"), 10000);
        QVERIFY(send->isEnabled());

        QSignalSpy sent(&panel, &ProducerPanel::recordsSent);
        keyEdit->setText(key);
        value->setPlainText(QStringLiteral("hello"));
        send->click();
        QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 10000);

        // Java's rule, computed here: (murmur2(key) & 0x7fffffff) % N.
        const QByteArray k = key.toUtf8();
        const int32_t hash = kl::toPositive(kl::murmur2(std::string_view(k.constData(), size_t(k.size()))));
        const int expected = hash % partitions;
        const auto result = sent.at(0).at(0).value<kl::ProduceResult>();
        QVERIFY(result.status.isOk());
        QCOMPARE(result.records.size(), size_t(1));
        QCOMPARE(result.records[0].partition, expected);

        const QString text = results->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("→ orders-%1 @ offset 0").arg(expected)), qPrintable(text));
        QVERIFY2(text.contains(QString::fromStdString(result.records[0].explanation)), qPrintable(text));
        QVERIFY2(text.contains(QString::number(hash)), qPrintable(text));
        // The rule as partitioner.h documents it: "...; mod N = p".
        QVERIFY2(text.contains(QStringLiteral("mod %1 = %2").arg(partitions).arg(expected)), qPrintable(text));
        QVERIFY(error->isHidden());

        // The same key again: same partition, next offset.
        send->click();
        QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 2, 10000);
        QVERIFY(results->toPlainText().contains(QStringLiteral("→ orders-%1 @ offset 1").arg(expected)));
    }

    void refusedSendShowsKafkaError()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        kl::TopicConfig config = viewtest::topicConfig(1);
        config.log.maxMessageBytes = 1000; // a small max.message.bytes refuses a 5 KB record
        QVERIFY(cluster.createTopic("small", config).isOk());
        Bridge bridge(*cluster.engine);
        ProducerPanel panel(bridge);
        auto *topic = panel.findChild<QComboBox *>(QStringLiteral("producerTopic"));
        auto *value = panel.findChild<QPlainTextEdit *>(QStringLiteral("producerValue"));
        auto *send = panel.findChild<QPushButton *>(QStringLiteral("producerSend"));
        auto *error = panel.findChild<QLabel *>(QStringLiteral("producerError"));
        auto *results = panel.findChild<QTextBrowser *>(QStringLiteral("producerResults"));
        QVERIFY(topic && value && send && error && results);
        QTRY_COMPARE_WITH_TIMEOUT(topic->currentText(), QStringLiteral("small"), 10000);

        QSignalSpy finished(&bridge, &Bridge::produceFinished);
        QSignalSpy sent(&panel, &ProducerPanel::recordsSent);
        value->setPlainText(QString(5000, QLatin1Char('v')));
        send->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        const auto result = finished.at(0).at(0).value<kl::ProduceResult>();
        QVERIFY(!result.status.isOk());
        QCOMPARE(sent.count(), 0);
        QVERIFY(!error->isHidden());
        const QString name = QString::fromUtf8(kl::errorName(result.status.code()).data());
        const QString meaning = QString::fromUtf8(kl::errorDescription(result.status.code()).data());
        QVERIFY2(error->text().contains(name), qPrintable(error->text()));
        QVERIFY2(error->text().contains(meaning), qPrintable(error->text()));
        // The send log records the refusal too, with the error name and the acks used.
        QVERIFY2(results->toPlainText().contains(name), qPrintable(results->toPlainText()));
        QVERIFY2(results->toPlainText().contains(QStringLiteral("refused (acks=all)")), qPrintable(results->toPlainText()));
        QCOMPARE(value->toPlainText().size(), 5000); // nothing typed is lost
    }

    void topicChoiceSurvivesSnapshots()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        QVERIFY(cluster.createTopic("a", viewtest::topicConfig(1)).isOk());
        QVERIFY(cluster.createTopic("b", viewtest::topicConfig(1)).isOk());
        Bridge bridge(*cluster.engine);
        ProducerPanel panel(bridge);
        auto *topic = panel.findChild<QComboBox *>(QStringLiteral("producerTopic"));
        QVERIFY(topic);
        QTRY_COMPARE_WITH_TIMEOUT(topic->count(), 2, 10000);
        panel.setCurrentTopic(QStringLiteral("b"));
        QCOMPARE(topic->currentText(), QStringLiteral("b"));

        QVERIFY(cluster.createTopic("c", viewtest::topicConfig(1)).isOk());
        QTRY_COMPARE_WITH_TIMEOUT(topic->count(), 3, 10000);
        QCOMPARE(topic->currentText(), QStringLiteral("b"));
    }

    void autoProducerShowsSentCount()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        QVERIFY(cluster.createTopic("auto", viewtest::topicConfig(2)).isOk());
        Bridge bridge(*cluster.engine);
        ProducerPanel panel(bridge);
        auto *topic = panel.findChild<QComboBox *>(QStringLiteral("producerTopic"));
        auto *count = panel.findChild<QSpinBox *>(QStringLiteral("autoCount"));
        auto *start = panel.findChild<QPushButton *>(QStringLiteral("autoStart"));
        QVERIFY(topic && count && start);
        QTRY_COMPARE_WITH_TIMEOUT(topic->currentText(), QStringLiteral("auto"), 10000);

        QSignalSpy started(&bridge, &Bridge::autoProducerStarted);
        count->setValue(40);
        start->click();
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 10000);
        QVERIFY(started.at(0).at(1).value<kl::Status>().isOk());
        // Its row in the list of auto-producers, from the snapshot.
        const quint64 id = started.at(0).at(0).toULongLong();
        QLabel *status = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(status = panel.findChild<QLabel *>(QStringLiteral("autoProducer-%1").arg(id)), 10000);
        // 40 records at 100/s: done in about 0.4 s of engine (wall) time.
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("sent 40 of 40")), 15000);
        // Finished by itself: its Stop is disabled and says why.
        auto *stop = panel.findChild<QPushButton *>(QStringLiteral("autoStop-%1").arg(id));
        QVERIFY(stop);
        QTRY_VERIFY_WITH_TIMEOUT(!stop->isEnabled(), 10000);
        QVERIFY(!stop->toolTip().isEmpty());
        int64_t total = 0;
        for (const auto &p : bridge.snapshot()->topic("auto")->partitions)
            total += p.logEndOffset;
        QCOMPARE(total, int64_t(40));
        QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled(), 10000);
    }
};

QTEST_MAIN(TestProducerPanel)
#include "test_producer_panel.moc"
