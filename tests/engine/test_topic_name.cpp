// Topic names: Kafka's Topic.validate rules (empty, "." / "..", 249 characters, the legal
// character set) and Topic.hasCollision ('.' vs '_').
#include "core/topic_name.h"

#include <QtTest>

#include <string>

using namespace kl;

class TestTopicName : public QObject {
    Q_OBJECT
private slots:
    void validation_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("messagePart"); // must appear in the error message

        QTest::newRow("simple") << QByteArray("orders") << true << "";
        QTest::newRow("all legal chars") << QByteArray("Orders.v2_EU-west-1") << true << "";
        QTest::newRow("internal") << QByteArray("__consumer_offsets") << true << "";
        QTest::newRow("three dots") << QByteArray("...") << true << "";
        QTest::newRow("dot prefix") << QByteArray(".hidden") << true << "";
        QTest::newRow("249 chars") << QByteArray(249, 'x') << true << "";
        QTest::newRow("single char") << QByteArray("a") << true << "";

        QTest::newRow("empty") << QByteArray("") << false << "topic name is empty";
        QTest::newRow("dot") << QByteArray(".") << false << "\".\" or \"..\"";
        QTest::newRow("dotdot") << QByteArray("..") << false << "\".\" or \"..\"";
        QTest::newRow("250 chars") << QByteArray(250, 'x') << false << "250 characters";
        QTest::newRow("space") << QByteArray("my topic") << false << "' ' (U+0020) at position 2";
        QTest::newRow("leading space") << QByteArray(" t") << false << "at position 0";
        QTest::newRow("slash") << QByteArray("a/b") << false << "'/' (U+002F) at position 1";
        QTest::newRow("colon") << QByteArray("ns:topic") << false << "':' (U+003A) at position 2";
        QTest::newRow("unicode") << QString::fromUtf8("caf\xC3\xA9-orders").toUtf8() << false
                                 << QString::fromUtf8("'\xC3\xA9' (U+00E9) at position 3");
        QTest::newRow("korean") << QString::fromUtf8("ab\xED\x82\xA4").toUtf8() << false
                                << "(U+D0A4) at position 2";
        QTest::newRow("first bad only") << QByteArray("a b/c") << false << "' ' (U+0020)";
        QTest::newRow("tab") << QByteArray("a\tb") << false << "U+0009 (a control character)";
        QTest::newRow("nul") << QByteArray("a\0b", 3) << false << "U+0000";
        QTest::newRow("bad utf8") << QByteArray("ab\xFF") << false << "byte 0xFF";
        // 200 Korean characters: 600 bytes but 200 Java chars, so the character rule (not the
        // length rule) refuses it, as on a real broker.
        QTest::newRow("long unicode") << QString(200, QChar(0xD0A4)).toUtf8() << false
                                      << "illegal character";
        QTest::newRow("250 unicode") << QString(250, QChar(0xD0A4)).toUtf8() << false
                                     << "250 characters";
    }
    void validation()
    {
        QFETCH(QByteArray, name);
        QFETCH(bool, valid);
        QFETCH(QString, messagePart);
        const Status s = validateTopicName(std::string_view(name.constData(), size_t(name.size())));
        QCOMPARE(s.isOk(), valid);
        if (!valid) {
            QCOMPARE(s.code(), ErrorCode::InvalidTopicException);
            const QString message = QString::fromStdString(s.message());
            QVERIFY2(message.contains(messagePart), qPrintable(message));
        }
    }

    void firstBadCharacterIsNamed()
    {
        const Status s = validateTopicName("ok.name#with$two");
        QVERIFY(!s.isOk());
        const QString message = QString::fromStdString(s.message());
        QVERIFY2(message.contains("'#' (U+0023) at position 7"), qPrintable(message));
        QVERIFY(!message.contains("'$'"));
    }

    void collisions_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("collide");
        QTest::newRow("dot vs underscore") << "metrics.cpu" << "metrics_cpu" << true;
        QTest::newRow("mixed") << "a.b_c" << "a_b.c" << true;
        QTest::newRow("identical") << "orders" << "orders" << true;
        QTest::newRow("different") << "orders" << "payments" << false;
        QTest::newRow("dash is not dot") << "a-b" << "a.b" << false;
        QTest::newRow("prefix") << "a.b" << "a_bc" << false;
        QTest::newRow("case") << "A.b" << "a_b" << false;
    }
    void collisions()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, collide);
        const std::string sa = a.toStdString(), sb = b.toStdString();
        QCOMPARE(topicNamesCollide(sa, sb), collide);
        QCOMPARE(topicNamesCollide(sb, sa), collide);
    }
};

QTEST_APPLESS_MAIN(TestTopicName)
#include "test_topic_name.moc"
