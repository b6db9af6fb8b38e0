// Issue 8, item 7: after the window and its engine are shut down and a new one opens the same
// data directory, the topic view still colours the cells by key and its legend lists the keys
// (not grey hatched cells under "No records yet"), because the engine rebuilds each partition's
// recent-records window from the tail of the leader's log when it opens the partition.
#include "bridge/bridge.h"
#include "models/partition_strip_model.h"
#include "partitioners/partitioner.h"
#include "views/key_colors.h"
#include "views/topic_view.h"
#include "view_test_fixture.h"

#include <QImage>
#include <QLabel>
#include <QTableView>
#include <QTest>

using viewtest::LiveCluster;

namespace {

const QStringList kKeys = {QStringLiteral("order-1"), QStringLiteral("order-2"), QStringLiteral("order-3")};

QColor colourOf(const QString &key)
{
    const std::string k = key.toStdString();
    return keycolors::keyColor(static_cast<uint32_t>(kl::toPositive(kl::murmur2(k))));
}

// How many pixels of the partition strips are painted in `colour`.
int pixelsOf(TopicView &view, const QColor &colour)
{
    const QImage image = view.table()->viewport()->grab().toImage();
    const QRgb wanted = colour.rgb();
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if ((image.pixel(x, y) & 0xffffff) == (wanted & 0xffffff))
                ++n;
    return n;
}

struct Window {
    Bridge bridge;
    TopicView view;
    explicit Window(kl::Engine &engine) : bridge(engine), view(bridge)
    {
        view.resize(1000, 420);
        view.show();
    }
};

} // namespace

class TestColoursAfterRestart : public QObject {
    Q_OBJECT
private slots:
    void keyColoursAndLegendSurviveARestart()
    {
        LiveCluster cluster;
        QVERIFY(cluster.open(3));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(3, 2)).isOk());
        for (int i = 0; i < 30; ++i) {
            kl::ProduceRequest r;
            r.topic = "orders";
            r.records.push_back(kl::ProduceRecord{kKeys[i % 3].toStdString(), std::string("v"), {}, std::nullopt});
            QVERIFY(cluster.produce(r).status.isOk());
        }
        {
            Window before(*cluster.engine);
            before.view.setTopic(QStringLiteral("orders"));
            QVERIFY(QTest::qWaitForWindowExposed(&before.view));
            auto *legend = before.view.findChild<QLabel *>(QStringLiteral("topicKeyLegend"));
            QVERIFY(legend);
            QTRY_VERIFY(legend->text().contains(kKeys[0]));
            for (const QString &key : kKeys)
                QVERIFY2(pixelsOf(before.view, colourOf(key)) > 0, qPrintable(key));
        }
        // Quit: the window goes, the engine shuts down; then start again on the same data.
        cluster.engine.reset();
        QVERIFY(cluster.open(3));
        Window after(*cluster.engine);
        QTRY_VERIFY_WITH_TIMEOUT(after.bridge.snapshot()->topic("orders"), 10000);
        after.view.setTopic(QStringLiteral("orders"));
        QVERIFY(QTest::qWaitForWindowExposed(&after.view));
        auto *legend = after.view.findChild<QLabel *>(QStringLiteral("topicKeyLegend"));
        QVERIFY(legend);
        QTRY_VERIFY2(legend->text().contains(QLatin1String("Keys:")), qPrintable(legend->text()));
        QVERIFY2(!legend->text().contains(QLatin1String("No records yet")), qPrintable(legend->text()));
        for (const QString &key : kKeys) {
            QVERIFY2(legend->text().contains(key), qPrintable(legend->text()));
            QVERIFY2(pixelsOf(after.view, colourOf(key)) > 0, qPrintable(key + QLatin1String(" has no coloured cell")));
        }
        // Each partition's strip has as many drawn cells as it has records (30 < the window).
        const auto snapshot = after.bridge.snapshot();
        for (const auto &p : snapshot->topic("orders")->partitions)
            QCOMPARE(p.recent ? qint64(p.recent->size()) : 0, p.logEndOffset);
    }
};

QTEST_MAIN(TestColoursAfterRestart)
#include "test_colours_after_restart.moc"
