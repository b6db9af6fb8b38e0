// CRC-32C: known vectors (RFC 3720 appendix B.4 and the "123456789" check value), both the
// SSE4.2 and the table implementation, and incremental use.
#include "log/crc32c.h"

#include <QtTest>

#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace kl;

namespace {

uint32_t crcOf(const std::string &s)
{
    return crc32c(reinterpret_cast<const uint8_t *>(s.data()), s.size());
}

std::vector<uint8_t> filled(size_t n, uint8_t value)
{
    return std::vector<uint8_t>(n, value);
}

} // namespace

class TestCrc32c : public QObject {
    Q_OBJECT
private slots:
    void knownVectors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<uint>("expected");
        QTest::newRow("check") << QByteArray("123456789") << 0xE3069283u;
        QTest::newRow("empty") << QByteArray() << 0x00000000u;
        QTest::newRow("a") << QByteArray("a") << 0xC1D04330u;
        // RFC 3720 B.4: 32 bytes of zeros, of 0xff, ascending, descending.
        QTest::newRow("zeros32") << QByteArray(32, '\0') << 0x8A9136AAu;
        QTest::newRow("ones32") << QByteArray(32, '\xff') << 0x62A8AB43u;
        QByteArray up, down;
        for (int i = 0; i < 32; ++i) {
            up.append(char(i));
            down.append(char(31 - i));
        }
        QTest::newRow("ascending32") << up << 0x46DD794Eu;
        QTest::newRow("descending32") << down << 0x113FDB5Cu;
    }
    void knownVectors()
    {
        QFETCH(QByteArray, input);
        QFETCH(uint, expected);
        const auto *p = reinterpret_cast<const uint8_t *>(input.constData());
        const size_t n = size_t(input.size());
        QCOMPARE(crc32c(p, n), expected);
        QCOMPARE(crc32cPortable(0, p, n), expected);
        if (!crc32cHardwareAvailable())
            QSKIP("no SSE4.2 on this CPU: hardware path not testable");
        QCOMPARE(crc32cHardware(0, p, n), expected);
    }

    // Both implementations agree on every length and alignment (head, 8-byte body, tail).
    void implementationsAgree()
    {
        if (!crc32cHardwareAvailable())
            QSKIP("no SSE4.2 on this CPU");
        std::mt19937 rng(12345);
        std::vector<uint8_t> data(300);
        for (auto &b : data)
            b = uint8_t(rng());
        for (size_t offset = 0; offset < 9; ++offset)
            for (size_t len = 0; len + offset <= data.size(); len += 7)
                QCOMPARE(crc32cHardware(0, data.data() + offset, len),
                         crc32cPortable(0, data.data() + offset, len));
    }

    void extendEqualsWhole()
    {
        const std::string s = "The quick brown fox jumps over the lazy dog, twice over.";
        const auto *p = reinterpret_cast<const uint8_t *>(s.data());
        for (size_t cut = 0; cut <= s.size(); ++cut) {
            const uint32_t part = crc32cExtend(crc32cExtend(0, p, cut), p + cut, s.size() - cut);
            QCOMPARE(part, crcOf(s));
            QCOMPARE(crc32cPortable(crc32cPortable(0, p, cut), p + cut, s.size() - cut), crcOf(s));
        }
    }

    void singleBitChangesCrc()
    {
        auto data = filled(100, 0x5a);
        const uint32_t before = crc32c(data.data(), data.size());
        data[50] ^= 0x01;
        QVERIFY(crc32c(data.data(), data.size()) != before);
    }
};

QTEST_APPLESS_MAIN(TestCrc32c)
#include "test_crc32c.moc"
