// SegmentBrowser against a live engine: it lists the segment files a partition really has on
// disk, a segment's batches (with compression and CRC) and index, and decodes a batch's
// records, a gzip-compressed batch included.
#include "bridge/bridge.h"
#include "log/log.h"
#include "models/segment_models.h"
#include "views/segment_browser.h"
#include "view_test_fixture.h"

#include <QComboBox>
#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QTest>

using viewtest::LiveCluster;

namespace {

QString cell(QAbstractItemModel *m, int row, int column)
{
    return m->data(m->index(row, column), Qt::DisplayRole).toString();
}

// Produces `count` single-record batches (uncompressed) with keys prefix-i.
bool producePlain(LiveCluster &c, const std::string &prefix, int count, int valueSize)
{
    for (int i = 0; i < count; ++i) {
        kl::ProduceRequest r;
        r.topic = "files";
        kl::ProduceRecord rec;
        rec.key = prefix + std::to_string(i);
        rec.value = std::string(static_cast<size_t>(valueSize), char('a' + i % 26));
        r.records.push_back(rec);
        if (!c.produce(r).status.isOk())
            return false;
    }
    return true;
}

} // namespace

class TestSegmentBrowser : public QObject {
    Q_OBJECT
private slots:
    void listsSegmentsAndDecodesBatches()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        kl::TopicConfig config = viewtest::topicConfig(1);
        config.log.segmentBytes = 1024; // several ~270-byte batches roll a few segments
        QVERIFY(cluster.createTopic("files", config).isOk());
        QVERIFY(producePlain(cluster, "plain-", 8, 200));

        // One gzip batch with three records (compressible values, a header on the first).
        kl::ProduceRequest gz;
        gz.topic = "files";
        gz.compression = kl::Compression::Gzip;
        for (int i = 0; i < 3; ++i) {
            kl::ProduceRecord rec;
            rec.key = "g-" + std::to_string(i);
            rec.value = "gzip value " + std::to_string(i) + std::string(100, 'z');
            if (i == 0)
                rec.headers.push_back({"trace", std::string("t-1")});
            gz.records.push_back(rec);
        }
        gz.partition = 0;
        const kl::ProduceResult gzResult = cluster.produce(gz);
        QVERIFY2(gzResult.status.isOk(), gzResult.status.toString().c_str());
        const int64_t gzFirst = gzResult.records.front().offset;

        Bridge bridge(*cluster.engine);
        QTRY_VERIFY_WITH_TIMEOUT(bridge.snapshot()->topic("files")
                                     && bridge.snapshot()->topic("files")->partitions[0].logEndOffset
                                         == gzFirst + 3,
                                 10000);
        SegmentBrowser browser(bridge);
        browser.showPartition(QStringLiteral("files"), 0);

        auto *segView = browser.findChild<QTableView *>(QStringLiteral("segmentTable"));
        auto *batchView = browser.findChild<QTableView *>(QStringLiteral("batchTable"));
        auto *recordView = browser.findChild<QTableView *>(QStringLiteral("recordTable"));
        auto *dirLabel = browser.findChild<QLabel *>(QStringLiteral("segmentDir"));
        QVERIFY(segView && batchView && recordView && dirLabel);

        // The listed files are the .log files really in the replica directory.
        const kl::PartitionSnapshot &p = bridge.snapshot()->topic("files")->partitions[0];
        QCOMPARE(dirLabel->text(), QString::fromStdString(p.dir));
        QStringList onDisk = QDir(QString::fromStdString(p.dir))
                                 .entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name);
        QVERIFY2(onDisk.size() >= 2, qPrintable(onDisk.join(u',')));
        QStringList listed;
        for (int r = 0; r < segView->model()->rowCount(); ++r)
            listed << cell(segView->model(), r, SegmentTableModel::File);
        QCOMPARE(listed, onDisk);
        QCOMPARE(listed.front(), QStringLiteral("00000000000000000000.log"));
        // The last one is the active segment.
        const int last = segView->model()->rowCount() - 1;
        QVERIFY(!cell(segView->model(), last, SegmentTableModel::Active).isEmpty());
        QVERIFY(cell(segView->model(), 0, SegmentTableModel::Active).isEmpty());

        // Select the first segment: its batches start at offset 0, one record each, CRC valid.
        segView->selectRow(0);
        QTRY_VERIFY(batchView->model()->rowCount() >= 1); // read on a pool thread
        QCOMPARE(cell(batchView->model(), 0, BatchTableModel::BaseOffset), QStringLiteral("0"));
        QCOMPARE(cell(batchView->model(), 0, BatchTableModel::Count), QStringLiteral("1"));
        QCOMPARE(cell(batchView->model(), 0, BatchTableModel::Position), QStringLiteral("0"));
        QCOMPARE(cell(batchView->model(), 0, BatchTableModel::CompressionCol), QStringLiteral("none"));
        QCOMPARE(cell(batchView->model(), 0, BatchTableModel::Crc), BatchTableModel::tr("valid"));
        batchView->selectRow(0);
        QTRY_COMPARE(recordView->model()->rowCount(), 1);
        QCOMPARE(cell(recordView->model(), 0, RecordTableModel::Offset), QStringLiteral("0"));
        QCOMPARE(cell(recordView->model(), 0, RecordTableModel::Key), QStringLiteral("plain-0"));
        QCOMPARE(cell(recordView->model(), 0, RecordTableModel::Value), QString(200, QLatin1Char('a')));

        // The gzip batch lives in the active (last) segment: its records decode too.
        segView->selectRow(last);
        QCOMPARE(batchView->model()->rowCount(), 0); // the first segment's batches went at once
        QTRY_VERIFY(batchView->model()->rowCount() >= 1);
        int gzRow = -1;
        for (int r = 0; r < batchView->model()->rowCount(); ++r)
            if (cell(batchView->model(), r, BatchTableModel::BaseOffset) == QString::number(gzFirst))
                gzRow = r;
        QVERIFY(gzRow >= 0);
        QCOMPARE(cell(batchView->model(), gzRow, BatchTableModel::CompressionCol), QStringLiteral("gzip"));
        QCOMPARE(cell(batchView->model(), gzRow, BatchTableModel::Count), QStringLiteral("3"));
        QCOMPARE(cell(batchView->model(), gzRow, BatchTableModel::LastOffset), QString::number(gzFirst + 2));
        batchView->selectRow(gzRow);
        QTRY_COMPARE(recordView->model()->rowCount(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(cell(recordView->model(), i, RecordTableModel::Offset), QString::number(gzFirst + i));
            QCOMPARE(cell(recordView->model(), i, RecordTableModel::Key), QStringLiteral("g-%1").arg(i));
            QCOMPARE(cell(recordView->model(), i, RecordTableModel::Value),
                     QStringLiteral("gzip value %1").arg(i) + QString(100, QLatin1Char('z')));
        }
        QCOMPARE(cell(recordView->model(), 0, RecordTableModel::Headers), QStringLiteral("trace=t-1"));
        // A key cell carries its colour.
        QVERIFY(recordView->model()->data(recordView->model()->index(0, RecordTableModel::Key),
                                          Qt::BackgroundRole).canConvert<QColor>());
    }

    // The files are read off the GUI thread: right after a click the view says it is reading
    // (its answer can only arrive through the event loop), and of two quick clicks only the
    // last segment's batches are shown, whichever read ends first.
    void readsOffTheGuiThreadAndKeepsTheLastChoice()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        kl::TopicConfig config = viewtest::topicConfig(1);
        config.log.segmentBytes = 1024;
        QVERIFY(cluster.createTopic("files", config).isOk());
        QVERIFY(producePlain(cluster, "r-", 12, 200));
        Bridge bridge(*cluster.engine);
        QTRY_VERIFY_WITH_TIMEOUT(bridge.snapshot()->topic("files")
                                     && bridge.snapshot()->topic("files")->partitions[0].logEndOffset == 12,
                                 10000);
        SegmentBrowser browser(bridge);
        browser.showPartition(QStringLiteral("files"), 0);
        auto *segView = browser.findChild<QTableView *>(QStringLiteral("segmentTable"));
        auto *batchView = browser.findChild<QTableView *>(QStringLiteral("batchTable"));
        auto *recordView = browser.findChild<QTableView *>(QStringLiteral("recordTable"));
        auto *scan = browser.findChild<QLabel *>(QStringLiteral("scanStatus"));
        auto *records = browser.findChild<QLabel *>(QStringLiteral("recordStatus"));
        QVERIFY(segView && batchView && recordView && scan && records);
        const int segments = segView->model()->rowCount();
        QVERIFY(segments >= 3);

        segView->selectRow(0);
        QVERIFY2(scan->text().startsWith(QStringLiteral("Reading the batches of 00000000000000000000.log")),
                 qPrintable(scan->text()));
        QCOMPARE(batchView->model()->rowCount(), 0);
        segView->selectRow(1);
        const auto *segmentModel = qobject_cast<SegmentTableModel *>(segView->model());
        QVERIFY(segmentModel && segmentModel->segmentAt(1));
        const QString secondBase = QString::number(segmentModel->segmentAt(1)->baseOffset);
        QTRY_VERIFY(batchView->model()->rowCount() >= 1);
        QTest::qWait(100); // a late answer for segment 0 would land now
        QCOMPARE(cell(batchView->model(), 0, BatchTableModel::BaseOffset), secondBase);
        QVERIFY2(!scan->text().startsWith(QStringLiteral("Reading")), qPrintable(scan->text()));

        batchView->selectRow(0);
        QVERIFY2(records->text().startsWith(QStringLiteral("Decoding the records")), qPrintable(records->text()));
        QTRY_COMPARE(recordView->model()->rowCount(), 1);
        QCOMPARE(cell(recordView->model(), 0, RecordTableModel::Offset), secondBase);
        QCOMPARE(records->text(), QStringLiteral("1 record(s), uncompressed"));
    }

    void refreshesWhenSegmentsChange()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(1));
        kl::TopicConfig config = viewtest::topicConfig(1);
        config.log.segmentBytes = 1024;
        QVERIFY(cluster.createTopic("files", config).isOk());
        Bridge bridge(*cluster.engine);
        QTRY_VERIFY_WITH_TIMEOUT(bridge.snapshot()->topic("files"), 10000);
        SegmentBrowser browser(bridge);
        browser.showPartition(QStringLiteral("files"), 0);
        auto *segView = browser.findChild<QTableView *>(QStringLiteral("segmentTable"));
        QVERIFY(segView);
        QCOMPARE(segView->model()->rowCount(), 1); // one empty active segment
        QCOMPARE(cell(segView->model(), 0, SegmentTableModel::Records), QStringLiteral("0"));
        segView->selectRow(0);

        QVERIFY(producePlain(cluster, "k-", 10, 200));
        QTRY_VERIFY_WITH_TIMEOUT(segView->model()->rowCount() >= 3, 10000);
        // The first segment kept its row and its selection while segments were added.
        QCOMPARE(segView->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(segView->selectionModel()->selectedRows().front().row(), 0);
        QVERIFY(cell(segView->model(), 0, SegmentTableModel::Records).toInt() > 0);
    }
};

QTEST_MAIN(TestSegmentBrowser)
#include "test_segment_browser.moc"
