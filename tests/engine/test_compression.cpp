// Compression codecs: round trips, each codec's frame format, the lz4 frame Kafka's Java client
// reads (independent 64 KiB blocks), xerial-framed snappy, zstd without a content size, truncated and random input, and the decompression-bomb limit.
#include "log/bytes.h"
#include "log/compression.h"

#include <QtTest>

#include <lz4.h>
#include <lz4frame.h>
#include <snappy.h>
#include <zstd.h>

#include <random>
#include <string>

using namespace kl;

Q_DECLARE_METATYPE(kl::Compression)
Q_DECLARE_METATYPE(kl::Bytes)

namespace {

Bytes text(size_t size)
{
    // Compressible but not trivial: numbered lines.
    std::string s;
    for (size_t i = 0; s.size() < size; ++i)
        s += "record number " + std::to_string(i) + " says hello\n";
    s.resize(size);
    return Bytes(s.begin(), s.end());
}

Bytes randomBytes(size_t size, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    Bytes b(size);
    for (auto &x : b)
        x = uint8_t(rng());
    return b;
}

Bytes snappyRaw(const Bytes &in)
{
    std::string out;
    snappy::Compress(reinterpret_cast<const char *>(in.data()), in.size(), &out);
    return Bytes(out.begin(), out.end());
}

void addCodecs(bool withNone = true)
{
    QTest::addColumn<Compression>("codec");
    if (withNone)
        QTest::newRow("none") << Compression::None;
    QTest::newRow("gzip") << Compression::Gzip;
    QTest::newRow("snappy") << Compression::Snappy;
    QTest::newRow("lz4") << Compression::Lz4;
    QTest::newRow("zstd") << Compression::Zstd;
}

} // namespace

class TestCompression : public QObject {
    Q_OBJECT
private slots:
    void roundTrip_data() { addCodecs(); }
    void roundTrip()
    {
        QFETCH(Compression, codec);
        const std::vector<Bytes> inputs{Bytes{}, Bytes{'x'}, text(1000), text(1 << 20), randomBytes(70000, 1)};
        for (const Bytes &input : inputs) {
            // Both functions append: existing content stays in front.
            Bytes packed{0xAA};
            QVERIFY(compress(codec, input, packed));
            QCOMPARE(packed[0], uint8_t(0xAA));
            Bytes unpacked{0xBB};
            const Status s = decompress(codec, ByteView(packed).subspan(1), unpacked);
            QVERIFY2(s, s.toString().c_str());
            QCOMPARE(unpacked.size(), input.size() + 1);
            QVERIFY(std::equal(input.begin(), input.end(), unpacked.begin() + 1));
            if (codec != Compression::None && input.size() == (1 << 20))
                QVERIFY(packed.size() < input.size() / 4);
        }
    }

    void frameFormats()
    {
        const Bytes input = text(5000);
        Bytes gz, lz, zs, sn;
        QVERIFY(compress(Compression::Gzip, input, gz));
        QVERIFY(compress(Compression::Lz4, input, lz));
        QVERIFY(compress(Compression::Zstd, input, zs));
        QVERIFY(compress(Compression::Snappy, input, sn));
        QCOMPARE(bytes::getU16(gz.data()), uint16_t(0x1F8B));      // gzip member header
        QCOMPARE(bytes::getU32(lz.data()), uint32_t(0x04224D18)); // LZ4 frame magic (LE 0x184D2204)
        QCOMPARE(bytes::getU32(zs.data()), uint32_t(0x28B52FFD)); // zstd frame magic (LE 0xFD2FB528)
        QCOMPARE(sn, snappyRaw(input));                           // raw snappy, as librdkafka writes
    }

    // Kafka's Lz4BlockInputStream only reads frames of independent blocks; the Java producer
    // writes FLG 0x60 and BD 0x40. Walk the frame by hand and decode every block on its own.
    void lz4KafkaFrame_data()
    {
        QTest::addColumn<Bytes>("input");
        QTest::addColumn<int>("level");
        QTest::addColumn<int>("blocks");
        QTest::newRow("text 200000") << text(200000) << -1 << 4; // ceil(200000 / 65536)
        QTest::newRow("text 200000 hc") << text(200000) << 9 << 4;
        QTest::newRow("random 70000") << randomBytes(70000, 3) << -1 << 2; // stored blocks
        QTest::newRow("exactly 64 KiB") << text(65536) << -1 << 1;
        QTest::newRow("empty") << Bytes{} << -1 << 0;
    }
    void lz4KafkaFrame()
    {
        QFETCH(Bytes, input);
        QFETCH(int, level);
        QFETCH(int, blocks);
        Bytes frame;
        QVERIFY(compress(Compression::Lz4, input, frame, level));
        QVERIFY(frame.size() >= 11); // header 7 + end mark 4
        const auto le32 = [&](size_t at) {
            return uint32_t(frame[at]) | uint32_t(frame[at + 1]) << 8 | uint32_t(frame[at + 2]) << 16
                   | uint32_t(frame[at + 3]) << 24;
        };
        QCOMPARE(le32(0), uint32_t(0x184D2204));
        const uint8_t flg = frame[4];
        QVERIFY2(flg & 0x20, "block independence bit is not set");
        QCOMPARE(flg, uint8_t(0x60)); // version 01, independent, no checksums, no content size
        QCOMPARE(frame[5], uint8_t(0x40)); // 64 KiB maximum block size

        // LZ4F agrees with our reading of the header (and checks its HC byte).
        LZ4F_dctx *ctx = nullptr;
        QVERIFY(!LZ4F_isError(LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION)));
        LZ4F_frameInfo_t info{};
        size_t consumed = frame.size();
        const size_t hint = LZ4F_getFrameInfo(ctx, &info, frame.data(), &consumed);
        LZ4F_freeDecompressionContext(ctx);
        QVERIFY2(!LZ4F_isError(hint), LZ4F_getErrorName(hint));
        QCOMPARE(consumed, size_t(7));
        QCOMPARE(info.blockMode, LZ4F_blockIndependent);
        QCOMPARE(info.blockSizeID, LZ4F_max64KB);
        QCOMPARE(info.contentChecksumFlag, LZ4F_noContentChecksum);
        QCOMPARE(info.blockChecksumFlag, LZ4F_noBlockChecksum);

        // Each block alone, with no dictionary: what an independent-block reader does.
        Bytes joined;
        size_t pos = 7;
        int count = 0;
        for (;;) {
            QVERIFY(pos + 4 <= frame.size());
            const uint32_t word = le32(pos);
            pos += 4;
            if (word == 0)
                break; // end mark
            const bool stored = word & 0x80000000u;
            const size_t size = word & 0x7FFFFFFFu;
            QVERIFY(size <= 65536);
            QVERIFY(pos + size <= frame.size());
            if (stored) {
                joined.insert(joined.end(), frame.begin() + qsizetype(pos), frame.begin() + qsizetype(pos + size));
            } else {
                std::vector<char> block(65536);
                const int n = LZ4_decompress_safe(reinterpret_cast<const char *>(frame.data() + pos), block.data(),
                                                  int(size), int(block.size()));
                QVERIFY2(n > 0, qPrintable(QString("block %1 does not decode on its own").arg(count)));
                joined.insert(joined.end(), block.begin(), block.begin() + n);
            }
            // Every block but the last is full.
            if (joined.size() < input.size())
                QCOMPARE(joined.size() % 65536, size_t(0));
            pos += size;
            ++count;
        }
        QCOMPARE(pos, frame.size()); // no content checksum after the end mark
        QCOMPARE(count, blocks);
        QCOMPARE(joined, input);

        // And the frame still round trips through the streaming decoder.
        Bytes back;
        const Status s = decompress(Compression::Lz4, frame, back);
        QVERIFY2(s, s.toString().c_str());
        QCOMPARE(back, input);
    }

    void levelsAreHonoured()
    {
        const Bytes input = text(200000);
        Bytes fast, best;
        QVERIFY(compress(Compression::Gzip, input, fast, 1));
        QVERIFY(compress(Compression::Gzip, input, best, 9));
        QVERIFY(best.size() < fast.size());
    }

    void xerialSnappy()
    {
        const Bytes part1 = text(3000);
        const Bytes part2 = randomBytes(500, 2);
        Bytes framed = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0x00, // magic
                        0, 0, 0, 1,                                // version 1
                        0, 0, 0, 1};                               // compatible version 1
        for (const Bytes *part : {&part1, &part2}) {
            const Bytes block = snappyRaw(*part);
            uint8_t length[4];
            bytes::putI32(length, int32_t(block.size()));
            framed.insert(framed.end(), length, length + 4);
            framed.insert(framed.end(), block.begin(), block.end());
        }
        Bytes out;
        const Status s = decompress(Compression::Snappy, framed, out);
        QVERIFY2(s, s.toString().c_str());
        Bytes expected = part1;
        expected.insert(expected.end(), part2.begin(), part2.end());
        QCOMPARE(out, expected);

        // A block length past the end is reported with its position.
        Bytes broken = framed;
        bytes::putI32(broken.data() + 16, 1 << 20);
        out.clear();
        const Status bad = decompress(Compression::Snappy, broken, out);
        QCOMPARE(bad.code(), ErrorCode::CorruptMessage);
        QVERIFY2(bad.message().find("xerial block at byte 16") != std::string::npos, bad.message().c_str());
        QVERIFY(out.empty());
    }

    void zstdWithoutContentSize()
    {
        // A streamed frame (as the Java client writes) does not record its decompressed size.
        const Bytes input = text(300000);
        ZSTD_CCtx *cctx = ZSTD_createCCtx();
        QVERIFY(!ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0)));
        Bytes frame(ZSTD_compressBound(input.size()));
        ZSTD_outBuffer out{frame.data(), frame.size(), 0};
        ZSTD_inBuffer in{input.data(), input.size(), 0};
        size_t rc;
        do {
            rc = ZSTD_compressStream2(cctx, &out, &in, ZSTD_e_end);
            QVERIFY(!ZSTD_isError(rc));
        } while (rc != 0);
        ZSTD_freeCCtx(cctx);
        frame.resize(out.pos);
        QCOMPARE(ZSTD_getFrameContentSize(frame.data(), frame.size()), ZSTD_CONTENTSIZE_UNKNOWN);
        // Two frames back to back decode as their concatenation.
        Bytes twice = frame;
        twice.insert(twice.end(), frame.begin(), frame.end());
        Bytes result;
        const Status s = decompress(Compression::Zstd, twice, result);
        QVERIFY2(s, s.toString().c_str());
        Bytes expected = input;
        expected.insert(expected.end(), input.begin(), input.end());
        QCOMPARE(result, expected);
    }

    void truncatedInputIsCorrupt_data() { addCodecs(false); }
    void truncatedInputIsCorrupt()
    {
        QFETCH(Compression, codec);
        Bytes packed;
        QVERIFY(compress(codec, text(20000), packed));
        for (size_t cut : {size_t(0), size_t(1), size_t(5), packed.size() / 2, packed.size() - 1}) {
            Bytes out;
            const Status s = decompress(codec, ByteView(packed).first(cut), out);
            QVERIFY2(!s, qPrintable(QString("cut at %1 decoded").arg(cut)));
            QCOMPARE(s.code(), ErrorCode::CorruptMessage);
            QVERIFY(s.message().rfind(std::string(compressionName(codec)) + ":", 0) == 0);
            QVERIFY(out.empty()); // nothing half-written is left behind
        }
    }

    void bombIsRefused_data() { addCodecs(false); }
    void bombIsRefused()
    {
        QFETCH(Compression, codec);
        Bytes bomb;
        if (codec == Compression::Snappy) {
            // A raw block that claims 100 MiB: refused before anything is allocated.
            bomb.resize(10);
            bytes::putUVarint(bomb.data(), 100u << 20);
        } else {
            QVERIFY(compress(codec, Bytes(65u << 20, 0), bomb));
            QVERIFY(bomb.size() < (1u << 20));
        }
        Bytes out;
        const Status s = decompress(codec, bomb, out);
        QCOMPARE(s.code(), ErrorCode::CorruptMessage);
        QVERIFY2(s.message().find("exceeds the 64 MiB limit") != std::string::npos, s.message().c_str());
        QVERIFY(out.empty());
    }

    void randomInputNeverCrashes_data() { addCodecs(); }
    void randomInputNeverCrashes()
    {
        QFETCH(Compression, codec);
        std::mt19937_64 rng(7);
        Bytes valid;
        QVERIFY(compress(codec, text(2000), valid));
        for (int i = 0; i < 2000; ++i) {
            Bytes input;
            if (i % 2) {
                input = randomBytes(rng() % 200, rng());
            } else {
                input = valid;
                for (int d = 0; d < 3; ++d)
                    input[rng() % input.size()] = uint8_t(rng());
            }
            Bytes out;
            const Status s = decompress(codec, input, out);
            if (!s)
                QCOMPARE(s.code(), ErrorCode::CorruptMessage);
        }
    }
};

QTEST_APPLESS_MAIN(TestCompression)
#include "test_compression.moc"
