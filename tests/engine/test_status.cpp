// Status / ErrorCode: Kafka's names and numbers, and Result's value/error paths.
#include "core/clock.h"
#include "core/status.h"

#include <QtTest>

using namespace kl;

class TestStatus : public QObject {
    Q_OBJECT
private slots:
    void errorNumbersAreKafkas_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("name");
        QTest::newRow("offset") << 1 << "OFFSET_OUT_OF_RANGE";
        QTest::newRow("unknown") << 3 << "UNKNOWN_TOPIC_OR_PARTITION";
        QTest::newRow("enough") << 19 << "NOT_ENOUGH_REPLICAS";
        QTest::newRow("exists") << 36 << "TOPIC_ALREADY_EXISTS";
        QTest::newRow("partitions") << 37 << "INVALID_PARTITIONS";
        QTest::newRow("memberid") << 79 << "MEMBER_ID_REQUIRED";
    }
    void errorNumbersAreKafkas()
    {
        QFETCH(int, code);
        QFETCH(QString, name);
        QCOMPARE(QString::fromStdString(std::string(errorName(static_cast<ErrorCode>(code)))), name);
    }
    void statusToString()
    {
        QVERIFY(Status::ok().isOk());
        Status s = Status::error(ErrorCode::InvalidPartitions, "cannot decrease 6 -> 3");
        QVERIFY(!s.isOk());
        QCOMPARE(QString::fromStdString(s.toString()), "INVALID_PARTITIONS: cannot decrease 6 -> 3");
    }
    void resultCarriesValueOrStatus()
    {
        Result<int> good(42);
        QVERIFY(good.isOk());
        QCOMPARE(*good, 42);
        Result<int> bad(Status::error(ErrorCode::CorruptMessage, "crc"));
        QVERIFY(!bad);
        QCOMPARE(bad.status().code(), ErrorCode::CorruptMessage);
    }
    void manualClockOnlyMovesWhenAdvanced()
    {
        ManualClock clock(1000);
        QCOMPARE(clock.nowMs(), 1000);
        clock.advance(250);
        QCOMPARE(clock.nowMs(), 1250);
        QVERIFY(clock.isManual());
        SystemClock sys;
        QVERIFY(!sys.isManual());
        QVERIFY(sys.nowMs() > 1'600'000'000'000);
    }
};

QTEST_APPLESS_MAIN(TestStatus)
#include "test_status.moc"
