// PartitionStripModel fed with hand-built snapshots: rows, roles, and minimal dataChanged.
// Also the strip delegate's offset -> x mapping (what hover and paint share).
#include "models/partition_strip_model.h"
#include "views/partition_strip_delegate.h"

#include <QFontMetrics>
#include <QSignalSpy>
#include <QTest>

using RowRuns = QVector<QPair<int, int>>; // first and last row of each dataChanged

namespace {

std::shared_ptr<const std::vector<kl::RecordCell>> makeCells(int64_t from, int64_t to)
{
    auto cells = std::make_shared<std::vector<kl::RecordCell>>();
    for (int64_t o = from; o < to; ++o) {
        kl::RecordCell c;
        c.offset = o;
        c.timestamp = 1'700'000'000'000 + o;
        c.keyNull = false;
        c.key = "key-" + std::to_string(o % 4);
        c.keyHash = static_cast<uint32_t>(1000 + o % 4);
        c.valueSize = 10;
        cells->push_back(c);
    }
    return cells;
}

kl::PartitionSnapshot makePartition(int32_t id, int64_t leo)
{
    kl::PartitionSnapshot p;
    p.id = id;
    p.leader = id % 3 + 1;
    p.replicas = {p.leader};
    p.logEndOffset = leo;
    p.highWatermark = leo;
    p.sizeBytes = leo * 80;
    kl::SegmentSnapshot s;
    s.baseOffset = 0;
    s.nextOffset = leo;
    s.active = true;
    p.segments = {s};
    p.recent = makeCells(0, leo);
    return p;
}

std::shared_ptr<kl::ClusterSnapshot> makeSnapshot(const std::vector<int64_t> &leos)
{
    auto snap = std::make_shared<kl::ClusterSnapshot>();
    kl::TopicSnapshot t;
    t.name = "orders";
    t.config.partitions = static_cast<int32_t>(leos.size());
    for (size_t i = 0; i < leos.size(); ++i)
        t.partitions.push_back(makePartition(static_cast<int32_t>(i), leos[i]));
    snap->topics.push_back(t);
    return snap;
}

} // namespace

class TestPartitionStripModel : public QObject {
    Q_OBJECT
private slots:
    void rowsFollowTheSelectedTopic()
    {
        PartitionStripModel model;
        model.setSnapshot(makeSnapshot({5, 0, 12}));
        QCOMPARE(model.rowCount(), 0); // no topic selected yet
        model.setTopic(QStringLiteral("orders"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(PartitionStripModel::ColumnCount));
        model.setTopic(QStringLiteral("missing"));
        QCOMPARE(model.rowCount(), 0);
    }

    void rolesDescribeEachPartition()
    {
        PartitionStripModel model;
        auto snap = makeSnapshot({5, 0, 12});
        snap->topics[0].partitions[2].logStartOffset = 4;
        kl::SegmentSnapshot second;
        second.baseOffset = 8;
        snap->topics[0].partitions[2].segments.push_back(second);
        model.setSnapshot(snap);
        model.setTopic(QStringLiteral("orders"));

        const QModelIndex p2 = model.index(2, PartitionStripModel::LeoColumn);
        QCOMPARE(p2.data(PartitionStripModel::LogEndOffsetRole).toLongLong(), 12);
        QCOMPARE(p2.data(PartitionStripModel::LogStartOffsetRole).toLongLong(), 4);
        QCOMPARE(p2.data(PartitionStripModel::SegmentCountRole).toInt(), 2);
        QCOMPARE(p2.data(PartitionStripModel::CellCountRole).toInt(), 12);
        QCOMPARE(p2.data(PartitionStripModel::PartitionIdRole).toInt(), 2);
        QCOMPARE(p2.data(Qt::DisplayRole).toString(), QLocale().toString(12));
        QCOMPARE(model.index(2, PartitionStripModel::PartitionColumn).data().toString(),
                 QStringLiteral("orders-2"));
        QCOMPARE(model.index(0, PartitionStripModel::LeaderColumn).data(PartitionStripModel::LeaderRole).toInt(), 1);
        QVERIFY(model.index(0, PartitionStripModel::LeaderColumn).data().toString().contains(QLatin1Char('1')));
        QVERIFY(!p2.data(Qt::ToolTipRole).toString().isEmpty());

        const auto strip = model.index(2, PartitionStripModel::LogColumn)
                               .data(PartitionStripModel::StripRole).value<PartitionStrip>();
        QCOMPARE(strip.partition, 2);
        QCOMPARE(strip.logEndOffset, 12);
        QCOMPARE(strip.segmentBases, (QVector<qint64>{0, 8}));
        QVERIFY(strip.cells);
        QCOMPARE(strip.cells->size(), size_t(12));
        QCOMPARE(strip.cells->back().offset, 11);
        QCOMPARE(model.index(1, 0).data(PartitionStripModel::CellCountRole).toInt(), 0);
    }

    void dataChangedCoversOnlyChangedRows_data()
    {
        QTest::addColumn<QVector<int>>("grow");          // partitions that get one record more
        QTest::addColumn<RowRuns>("ranges"); // expected dataChanged row runs
        QTest::newRow("nothing") << QVector<int>{} << RowRuns{};
        QTest::newRow("one") << QVector<int>{3} << RowRuns{{3, 3}};
        QTest::newRow("adjacent") << QVector<int>{1, 2} << RowRuns{{1, 2}};
        QTest::newRow("apart") << QVector<int>{0, 4} << RowRuns{{0, 0}, {4, 4}};
        QTest::newRow("last") << QVector<int>{5} << RowRuns{{5, 5}};
    }

    void dataChangedCoversOnlyChangedRows()
    {
        QFETCH(QVector<int>, grow);
        QFETCH(RowRuns, ranges);
        const std::vector<int64_t> leos{3, 3, 3, 3, 3, 3};
        auto before = makeSnapshot(leos);
        PartitionStripModel model;
        model.setSnapshot(before);
        model.setTopic(QStringLiteral("orders"));

        // The next snapshot shares unchanged partitions' cells, as the engine's does.
        auto after = std::make_shared<kl::ClusterSnapshot>(*before);
        for (int p : grow) {
            auto &part = after->topics[0].partitions[size_t(p)];
            part.logEndOffset += 1;
            part.highWatermark += 1;
            part.recent = makeCells(0, part.logEndOffset);
        }
        QSignalSpy spy(&model, &PartitionStripModel::dataChanged);
        QSignalSpy reset(&model, &PartitionStripModel::modelReset);
        model.setSnapshot(after);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(spy.count(), int(ranges.size()));
        for (int i = 0; i < ranges.size(); ++i) {
            const auto top = spy.at(i).at(0).value<QModelIndex>();
            const auto bottom = spy.at(i).at(1).value<QModelIndex>();
            QCOMPARE(top.row(), ranges[i].first);
            QCOMPARE(bottom.row(), ranges[i].second);
            QCOMPARE(top.column(), 0);
            QCOMPARE(bottom.column(), int(PartitionStripModel::ColumnCount) - 1);
        }
        for (int p : grow)
            QCOMPARE(model.index(p, 0).data(PartitionStripModel::LogEndOffsetRole).toLongLong(), 4);
    }

    void addedPartitionsAreInsertedRows()
    {
        PartitionStripModel model;
        model.setSnapshot(makeSnapshot({1, 1}));
        model.setTopic(QStringLiteral("orders"));
        QSignalSpy inserted(&model, &PartitionStripModel::rowsInserted);
        QSignalSpy changed(&model, &PartitionStripModel::dataChanged);
        model.setSnapshot(makeSnapshot({1, 1, 0, 0}));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 2);
        QCOMPARE(inserted.at(0).at(2).toInt(), 3);
        QCOMPARE(model.rowCount(), 4);
        // Rows 0 and 1 got new cell vectors (a fresh snapshot), so they repaint: one run.
        QCOMPARE(changed.count(), 1);

        QSignalSpy removed(&model, &PartitionStripModel::rowsRemoved);
        auto gone = std::make_shared<kl::ClusterSnapshot>(); // topic deleted
        model.setSnapshot(gone);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 0);
    }

    void delegateMapsNewestOffsetsToTheRight()
    {
        PartitionStrip strip;
        strip.logStartOffset = 0;
        strip.logEndOffset = 1000;
        strip.cells = makeCells(900, 1000);
        const QFont font;
        const QFontMetrics fm(font);
        const QRect rect(0, 0, 600, PartitionStripDelegate::kRowHeight);
        const auto l = PartitionStripDelegate::layoutFor(rect, strip, fm, fm);
        QCOMPARE(l.endOffset, 1000);
        QVERIFY(l.firstOffset > 0);             // 1000 cells cannot fit in 600 px
        QVERIFY(l.firstOffset < 999);
        QVERIFY(l.leoX <= rect.right());         // the LEO label starts inside the row
        QCOMPARE(l.offsetAt(l.cellX(999) + 1), 999);
        QCOMPARE(l.offsetAt(l.cellX(l.firstOffset)), l.firstOffset);
        QCOMPARE(l.offsetAt(l.cellArea.left() - 1), -1);
        QVERIFY(l.cellX(999) > l.cellX(l.firstOffset)); // newest on the right
        QVERIFY(fm.horizontalAdvance(QStringLiteral("999")) <= l.cellWidth); // readable

        // A short log starts at the log start offset.
        strip.logEndOffset = 3;
        strip.cells = makeCells(0, 3);
        const auto s = PartitionStripDelegate::layoutFor(rect, strip, fm, fm);
        QCOMPARE(s.firstOffset, 0);
        QCOMPARE(s.endOffset, 3);
    }
};

QTEST_MAIN(TestPartitionStripModel)
#include "test_partition_strip_model.moc"
