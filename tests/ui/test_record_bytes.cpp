// recordbytes: printable UTF-8 is shown as text, anything else as 0x-hex; a key the engine cut
// at 64 bytes in the middle of a character is still text.
#include "models/record_bytes.h"

#include <QTest>

class TestRecordBytes : public QObject {
    Q_OBJECT
private slots:
    void textStaysText()
    {
        QCOMPARE(recordbytes::display(std::string_view("order-7")), QStringLiteral("order-7"));
        QCOMPARE(recordbytes::display(std::string_view("주문-7")), QStringLiteral("주문-7"));
        QCOMPARE(recordbytes::display(std::string_view("a\tb")), QStringLiteral("a\tb"));
        QCOMPARE(recordbytes::displayOrNull(std::optional<std::string>()), QStringLiteral("null"));
        QCOMPARE(recordbytes::display(std::string_view("abcdef"), 3), QStringLiteral("abc…"));
    }
    void binaryIsHex()
    {
        QCOMPARE(recordbytes::display(std::string_view("\x00\xff\x1a", 3)), QStringLiteral("0x00ff1a"));
        QCOMPARE(recordbytes::display(std::string_view("\xff\xfe")), QStringLiteral("0xfffe"));
        QCOMPARE(recordbytes::display(std::string_view("ab\x01")), QStringLiteral("0x616201"));
        QVERIFY(!recordbytes::isText(std::string_view("\xc3\x28")));
        // maxChars / 2 bytes of hex, then an ellipsis.
        QCOMPARE(recordbytes::display(std::string_view("\x00\x01\x02\x03\x04", 5), 4), QStringLiteral("0x0001…"));
        QCOMPARE(recordbytes::displayOrNull(std::optional<std::string>(std::string("\x00", 1))), QStringLiteral("0x00"));
    }
    void aCutCharacterIsNotBinary()
    {
        const std::string korean = "가나"; // 6 bytes
        const std::string cut = korean.substr(0, 4); // "가" + 1 byte of "나"
        QVERIFY(!recordbytes::isText(cut));
        QVERIFY(recordbytes::isText(cut, true));
        QCOMPARE(recordbytes::display(cut, 200, true), QStringLiteral("가…"));
        QCOMPARE(recordbytes::display(korean, 200, true), QStringLiteral("가나"));
        // Cut or not, a binary prefix stays hex.
        QCOMPARE(recordbytes::display(std::string_view("\x00\xff", 2), 200, true), QStringLiteral("0x00ff"));
    }
};

QTEST_GUILESS_MAIN(TestRecordBytes)
#include "test_record_bytes.moc"
