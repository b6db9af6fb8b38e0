// Where Kafka Lab's value differs from Kafka's, the UI says so beside the value, in English and
// in Korean (the real translator, embedded as :/i18n/kafkalab_ko.qm): the group form's session
// timeout hint (Kafka's 45000 ms, KIP-735), replica.lag.time.max.ms in the Cluster tab's
// tooltips (Kafka's 30000 ms). And the Cluster tab tells a crashed broker that the controller
// has not fenced yet from a fenced one: "crashed — fenced in 6.2 s", then "crashed — fenced".
#include "models/cluster_map_model.h"
#include "views/group_start_form.h"

#include <QCoreApplication>
#include <QLabel>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTest>
#include <QTranslator>

namespace {

struct Korean {
    QTranslator translator;
    bool ok = false;
    Korean()
    {
        ok = translator.load(QStringLiteral(":/i18n/kafkalab_ko.qm"))
            && QCoreApplication::installTranslator(&translator);
        QCoreApplication::processEvents();
    }
    ~Korean()
    {
        QCoreApplication::removeTranslator(&translator);
        QCoreApplication::processEvents();
    }
};

bool hasHangul(const QString &text)
{
    return text.contains(QRegularExpression(QStringLiteral("[\\x{AC00}-\\x{D7A3}]")));
}

kl::ClusterSnapshot crashedBroker(bool fenced, int64_t fenceAtMs)
{
    kl::ClusterSnapshot s;
    s.nowMs = 100'000;
    s.controllerId = 1;
    s.brokerSessionTimeoutMs = 9000;
    s.replicaLagTimeMaxMs = 10000;
    for (int id = 1; id <= 3; ++id) {
        kl::BrokerSnapshot b;
        b.id = id;
        b.controller = id == 1;
        s.brokers.push_back(b);
    }
    s.brokers[2].state = kl::BrokerState::Crashed;
    s.brokers[2].alive = false;
    s.brokers[2].fenced = fenced;
    s.brokers[2].fenceAtMs = fenceAtMs;
    return s;
}

} // namespace

class TestKafkaDefaultsUi : public QObject {
    Q_OBJECT
private slots:
    void sessionTimeoutHintBesideTheField_data()
    {
        QTest::addColumn<bool>("korean");
        QTest::newRow("en") << false;
        QTest::newRow("ko") << true;
    }
    void sessionTimeoutHintBesideTheField()
    {
        QFETCH(bool, korean);
        std::unique_ptr<Korean> ko;
        if (korean) {
            ko = std::make_unique<Korean>();
            QVERIFY(ko->ok);
        }
        GroupStartForm form;
        form.resize(600, form.sizeHint().height());
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        auto *session = form.findChild<QSpinBox *>(QStringLiteral("formSession"));
        auto *hint = form.findChild<QLabel *>(QStringLiteral("formSessionHint"));
        QVERIFY(session && hint);
        QCOMPARE(session->value(), 10000);
        QVERIFY(hint->isVisible());
        QVERIFY2(hint->text().contains(QStringLiteral("45000")), qPrintable(hint->text()));
        QVERIFY2(hint->text().contains(QStringLiteral("10000")), qPrintable(hint->text()));
        QCOMPARE(hasHangul(hint->text()), korean);
        // Right under the field's row (below its error line), starting under its label.
        const QRect field(session->mapTo(&form, QPoint(0, 0)), session->size());
        const QRect under(hint->mapTo(&form, QPoint(0, 0)), hint->size());
        QVERIFY(under.top() >= field.bottom());
        QVERIFY2(under.top() - field.bottom() < 40, qPrintable(QStringLiteral("%1 px below").arg(under.top() - field.bottom())));
        QVERIFY(under.left() < field.left());
        QVERIFY(under.right() >= field.left());
        // Its whole text is shown, both lines.
        const QStringList lines = hint->text().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        for (const QString &line : lines)
            QVERIFY2(hint->width() >= hint->fontMetrics().horizontalAdvance(line),
                     qPrintable(QStringLiteral("%1 px for '%2'").arg(hint->width()).arg(line)));
        QVERIFY(hint->height() >= 2 * hint->fontMetrics().lineSpacing());
    }

    void replicaLagNoteNamesKafkasDefault_data()
    {
        QTest::addColumn<bool>("korean");
        QTest::newRow("en") << false;
        QTest::newRow("ko") << true;
    }
    void replicaLagNoteNamesKafkasDefault()
    {
        QFETCH(bool, korean);
        std::unique_ptr<Korean> ko;
        if (korean) {
            ko = std::make_unique<Korean>();
            QVERIFY(ko->ok);
        }
        const auto map = clustermap::ClusterMap::build(crashedBroker(false, 106'200), QString(), false);
        const QString tip = map.broker(1)->slow.tip;
        QVERIFY2(tip.contains(QStringLiteral("10000")) && tip.contains(QStringLiteral("30000")), qPrintable(tip));
        QCOMPARE(hasHangul(tip), korean);
        // At Kafka's own value there is nothing to point out.
        kl::ClusterSnapshot same = crashedBroker(false, 106'200);
        same.replicaLagTimeMaxMs = 30000;
        QVERIFY(!clustermap::ClusterMap::build(same, QString(), false).broker(1)->slow.tip.contains(QStringLiteral("10000")));
    }

    void crashedBrokerCountsDownToItsFence()
    {
        auto map = clustermap::ClusterMap::build(crashedBroker(false, 106'200), QString(), false);
        const clustermap::Broker *b = map.broker(3);
        QCOMPARE(b->fenced, false);
        QCOMPARE(b->fenceInMs, qint64(6200));
        QCOMPARE(b->stateText, QStringLiteral("crashed — fenced in 6.2 s"));
        QVERIFY2(b->stateTip.contains(QStringLiteral("broker.session.timeout.ms")), qPrintable(b->stateTip));
        QCOMPARE(map.broker(1)->stateText, QStringLiteral("running"));

        map = clustermap::ClusterMap::build(crashedBroker(true, -1), QString(), false);
        QCOMPARE(map.broker(3)->fenced, true);
        QCOMPARE(map.broker(3)->stateText, QStringLiteral("crashed — fenced"));

        Korean ko;
        QVERIFY(ko.ok);
        map = clustermap::ClusterMap::build(crashedBroker(false, 106'200), QString(), false);
        QVERIFY2(hasHangul(map.broker(3)->stateText) && map.broker(3)->stateText.contains(QStringLiteral("6.2")),
                 qPrintable(map.broker(3)->stateText));
        QVERIFY(hasHangul(map.broker(3)->stateTip));
    }
};

QTEST_MAIN(TestKafkaDefaultsUi)
#include "test_kafka_defaults_ui.moc"
