// cluster-metadata.json as a hostile file: every topic name, broker id, count and config in it is
// validated as a created topic's would be, and a refusal names the file (with LINE:COL), the topic
// and the field. A refused file creates nothing, inside or outside the data directory.
#include "api/engine_core.h"
#include "file_helpers.h"
#include "cluster/metadata_store.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fmt/format.h>
#include <fstream>
#include <set>

using namespace kl;
namespace fs = std::filesystem;

namespace {

using testfiles::writeText;

fs::path toPath(const QTemporaryDir &dir)
{
    return fs::path(dir.path().toStdString());
}

// One topic, as the engine writes it, with `fields` spliced in after the name (`name` is raw JSON).
std::string topicJson(const std::string &name, const std::string &fields = {},
    const std::string &assignment = "[[1, 2, 3], [2, 3, 1]]")
{
    return fmt::format(R"({{"name": {}, {} "partitions": 2, "replicationFactor": 3, "assignment": {}}})", name,
        fields, assignment);
}

std::string document(const std::string &topics, const std::string &top = R"("version": 1,)")
{
    return fmt::format("{{{} \"brokerCount\": 3, \"nextProducerId\": 0, \"topics\": [{}]}}\n", top, topics);
}

std::set<std::string> listTree(const fs::path &root)
{
    std::set<std::string> out;
    for (const auto &entry : fs::recursive_directory_iterator(root))
        out.insert(fs::relative(entry.path(), root).string());
    return out;
}

} // namespace

class TestMetadataStore : public QObject {
    Q_OBJECT
private slots:
    void refusedWithFileTopicAndField_data();
    void refusedWithFileTopicAndField();
    void olderFileWithoutOptionalFieldsLoads();
    void escapingNameCreatesNothingOutside();
    void directoryAsMetadataFile();
};

void TestMetadataStore::refusedWithFileTopicAndField_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    const auto add = [](const char *tag, const std::string &text, QStringList expected) {
        QTest::newRow(tag) << QString::fromStdString(text) << expected;
    };
    add("escaping name", document(topicJson(R"("../../../escaped")")),
        {"topic '../../../escaped'", "field 'name'", "illegal character '/'"});
    add("empty name", document(topicJson(R"("")")), {"topic ''", "field 'name'", "empty"});
    add("metadata log name", document(topicJson(R"("__cluster_metadata")")), {"topic '__cluster_metadata'", "field 'name'"});
    add("duplicate topic", document(topicJson(R"("t")") + ", " + topicJson(R"("t")")),
        {"topic 't'", "field 'name'", "appears twice", ":1:"});
    add("colliding topic", document(topicJson(R"("a.b")") + ", " + topicJson(R"("a_b")")),
        {"topic 'a_b'", "field 'name'", "collides with topic 'a.b'"});
    add("duplicate replica", document(topicJson(R"("t")", "", "[[1, 1, 1], [2, 3, 1]]")),
        {"topic 't'", "field 'assignment' (partition 0)", "broker 1 appears twice"});
    add("broker beyond count", document(topicJson(R"("t")", "", "[[1, 2, 3], [2, 3, 4]]")),
        {"topic 't'", "field 'assignment' (partition 1)", "broker 4 is outside the cluster's brokers 1..3"});
    add("broker zero", document(topicJson(R"("t")", "", "[[0, 2, 3], [2, 3, 1]]")),
        {"topic 't'", "field 'assignment' (partition 0)", "broker 0 is outside"});
    add("assignments do not match partitions",
        document(topicJson(R"("t")", "", "[[1, 2, 3], [2, 3, 1], [3, 1, 2], [1, 3, 2]]")),
        {"topic 't'", "field 'assignment'", "4 replica lists but 'partitions' is 2"});
    add("replica list shorter than RF", document(topicJson(R"("t")", "", "[[1, 2], [2, 3, 1]]")),
        {"topic 't'", "field 'assignment' (partition 0)", "'replicationFactor' is 3"});
    add("version 99", document(topicJson(R"("t")"), R"("version": 99,)"), {"field 'version'", "got 99"});
    add("segment.bytes 0", document(topicJson(R"("t")", R"("config": {"segment.bytes": 0},)")),
        {"topic 't'", "field 'config.segment.bytes'", "at least 1024, got 0"});
    add("min.insync.replicas 50", document(topicJson(R"("t")", R"("min.insync.replicas": 50,)")),
        {"topic 't'", "field 'min.insync.replicas'", "1..3, got 50"});
    add("type error names the key", document(topicJson(R"("t")", R"("unclean.leader.election.enable": "yes",)")),
        {"topic 't'", "field 'unclean.leader.election.enable' must be a boolean, got a string"});
    add("partitions as a string",
        document(R"({"name": "t", "partitions": "2", "replicationFactor": 3, "assignment": []})"),
        {"topic 't'", "field 'partitions' must be an integer, got a string"});
    add("name as a number", document(topicJson("7")), {"topics[0]: field 'name' must be a string"});
    add("syntax error has line and column", "{\n  \"topics\": [,\n", {"cluster-metadata.json:2:14: invalid JSON"});
    add("binary file", std::string("\x7F" "ELF\x02\x01\x01\0\0\0", 10), {"cluster-metadata.json:1:1:", "not a JSON text file"});
    add("empty file", "", {"cluster-metadata.json is empty"});
    add("not an object", "[1, 2]\n", {"cluster-metadata.json:1:1:", "must be an object"});
}

void TestMetadataStore::refusedWithFileTopicAndField()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    writeText(toPath(dir) / kMetadataFileName, text.toStdString());
    const auto loaded = loadClusterMetadata(toPath(dir));
    QVERIFY2(!loaded, "the file was accepted");
    const QString message = QString::fromStdString(loaded.status().message());
    QVERIFY2(message.contains(QString::fromStdString((toPath(dir) / kMetadataFileName).string())), qPrintable(message));
    for (const QString &part : expected)
        QVERIFY2(message.contains(part), qPrintable(QStringLiteral("'%1' not in: %2").arg(part, message)));
    QVERIFY2(!message.contains("json.exception"), qPrintable(message));
}

void TestMetadataStore::olderFileWithoutOptionalFieldsLoads()
{
    QTemporaryDir dir;
    writeText(toPath(dir) / kMetadataFileName,
        R"({"topics": [{"name": "t", "partitions": 1, "replicationFactor": 1, "assignment": [[5]]}]})");
    const auto loaded = loadClusterMetadata(toPath(dir));
    QVERIFY2(loaded, loaded.status().toString().c_str());
    QCOMPARE(loaded->topics.size(), size_t(1));
    QCOMPARE(loaded->topics[0].assignment, (std::vector<std::vector<int32_t>> {{5}}));
    QCOMPARE(loaded->topics[0].config.minInsyncReplicas, 1);
}

// Before: "../../../escaped" made escaped-0 and escaped-1 next to the data directory's parent.
void TestMetadataStore::escapingNameCreatesNothingOutside()
{
    QTemporaryDir root;
    const fs::path dataDir = toPath(root) / "a" / "b" / "data";
    fs::create_directories(dataDir);
    writeText(dataDir / kMetadataFileName, document(topicJson(R"("../../../escaped")")));
    const auto before = listTree(toPath(root));
    ManualClock clock;
    EngineOptions options;
    options.dataDir = dataDir;
    options.brokerCount = 3;
    auto core = EngineCore::open(options, clock);
    QVERIFY(!core);
    QVERIFY2(core.status().message().find("field 'name'") != std::string::npos, core.status().message().c_str());
    QCOMPARE(listTree(toPath(root)), before);
}

void TestMetadataStore::directoryAsMetadataFile()
{
    QTemporaryDir dir;
    fs::create_directories(toPath(dir) / kMetadataFileName);
    const auto loaded = loadClusterMetadata(toPath(dir));
    QVERIFY(!loaded);
    QVERIFY2(loaded.status().message().find("is a directory") != std::string::npos, loaded.status().message().c_str());
}

QTEST_APPLESS_MAIN(TestMetadataStore)
#include "test_metadata_store.moc"
