// The scenario parser: every example in resources/scenarios/ parses (with an English and a
// Korean title and description); a full file resolves its times, keys, acks, configs and
// expectations; titles and descriptions are plain English or per language; malformed files are
// refused with the line (and, for bad JSON, the column) and a reason that names the key.
#include "scenario/json_lines.h"
#include "scenario/scenario.h"

#include <QtTest>

#include <filesystem>
#include <fmt/format.h>

using namespace kl;
namespace fs = std::filesystem;

class TestScenarioParser : public QObject {
    Q_OBJECT

private slots:
    void examplesParse();
    void fullScenario();
    void localizedTexts();
    void lineAndColumn_data();
    void lineAndColumn();
    void actionLines();
    void malformed_data();
    void malformed();
    void errorColumns();
    void hostileNumbersAndNesting();
    void workBounds();
    void syntaxErrorPosition();
    void fileErrors();
    void groupActions();
};

void TestScenarioParser::examplesParse()
{
    const fs::path dir = fs::path(KAFKALAB_SOURCE_DIR) / "resources" / "scenarios";
    int files = 0;
    for (const auto &entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".json")
            continue;
        ++files;
        const auto parsed = loadScenarioFile(entry.path());
        QVERIFY2(parsed, (entry.path().filename().string() + ": " + parsed.error.toString()).c_str());
        const std::string file = entry.path().filename().string();
        const Scenario &s = *parsed.scenario;
        QVERIFY2(!s.title.empty(), file.c_str());
        QVERIFY2(!s.description.empty(), file.c_str());
        // The GUI shows the UI language's text: every example speaks Korean too.
        QVERIFY2(s.title.translations.contains("ko"), file.c_str());
        QVERIFY2(s.description.translations.contains("ko"), file.c_str());
        QVERIFY2(s.title.in("ko") != s.title.text, file.c_str());
        QVERIFY(!parsed.scenario->actions.empty());
    }
    QVERIFY2(files >= 5, "expected at least five example scenarios");
}

void TestScenarioParser::fullScenario()
{
    const char *text = R"({
  "name": "all of it",
  "description": "every action once",
  "brokers": 4,
  "seed": 42,
  "config": {"replica.lag.time.max.ms": 3000, "replica.fetch.interval.ms": 50},
  "actions": [
    {"at": 0, "do": "create-topic", "topic": "orders", "partitions": 3, "replication-factor": 3,
     "config": {"min.insync.replicas": 2, "unclean.leader.election.enable": true, "segment.bytes": 4096}},
    {"at": 100, "do": "produce", "topic": "orders", "count": 10, "keys": ["a", "b"], "acks": "all",
     "value-size": 7, "compression": "lz4"},
    {"after": 50, "do": "produce", "topic": "orders", "count": 5, "key-prefix": "user-", "key-count": 2,
     "acks": 0, "partition": 2},
    {"do": "produce", "topic": "orders", "count": 1},
    {"do": "crash", "broker": 4},
    {"do": "advance", "ms": 1000},
    {"after": 10, "do": "slow", "broker": 2, "delay-ms": 5000},
    {"at": 2000, "do": "isolate", "broker": 3, "expect-error": "BROKER_NOT_AVAILABLE"},
    {"do": "heal", "broker": 3},
    {"do": "restart", "broker": 4},
    {"do": "elect-preferred", "topic": "orders", "partition": 1},
    {"do": "expect", "topic": "orders", "partition": 1, "leader": null, "isr": [3, 1],
     "leader-epoch": 2, "high-watermark": 20, "log-end-offset": 21, "log-start-offset": 0,
     "replica-log-end-offsets": {"1": 20, "3": 21}},
    {"do": "expect", "topic": "orders", "acknowledged": 10, "refused": 6, "lost": 0},
    {"do": "advance", "ms": 500}
  ]
})";
    const auto parsed = parseScenario(text);
    QVERIFY2(parsed, parsed.error.toString().c_str());
    const Scenario &s = *parsed.scenario;
    QCOMPARE(s.title.text, std::string("all of it"));
    QCOMPARE(s.title.in("ko"), std::string("all of it")); // English only: every language shows it
    QCOMPARE(s.description.text, std::string("every action once"));
    QCOMPARE(s.brokers, 4);
    QCOMPARE(s.seed, uint64_t(42));
    QCOMPARE(s.replicaLagTimeMaxMs, int64_t(3000));
    QCOMPARE(s.replicaFetchIntervalMs, 50);
    QCOMPARE(s.actions.size(), size_t(14));
    QCOMPARE(s.endMs, int64_t(2500));

    const auto &create = s.actions[0];
    QCOMPARE(create.kind, ScenarioActionKind::CreateTopic);
    QCOMPARE(create.line, 8);
    QCOMPARE(create.topicConfig.partitions, 3);
    QCOMPARE(create.topicConfig.replicationFactor, 3);
    QCOMPARE(create.topicConfig.minInsyncReplicas, 2);
    QVERIFY(create.topicConfig.uncleanLeaderElection);
    QCOMPARE(create.topicConfig.log.segmentBytes, int64_t(4096));

    const auto &p1 = s.actions[1];
    QCOMPARE(p1.atMs, int64_t(100));
    QCOMPARE(p1.count, int64_t(10));
    QCOMPARE(p1.keys, (std::vector<std::string> {"a", "b"}));
    QCOMPARE(p1.acks, Acks::All);
    QCOMPARE(p1.valueSize, 7);
    QCOMPARE(p1.compression, Compression::Lz4);
    QCOMPARE(p1.partition, -1);

    const auto &p2 = s.actions[2];
    QCOMPARE(p2.atMs, int64_t(150));
    QCOMPARE(p2.keyPrefix, std::string("user-"));
    QCOMPARE(p2.keyCount, int64_t(2));
    QCOMPARE(p2.acks, Acks::None);
    QCOMPARE(p2.partition, 2);

    const auto &p3 = s.actions[3];
    QCOMPARE(p3.atMs, int64_t(150)); // no at/after: same time as the previous action
    QVERIFY(p3.keys.empty());
    QCOMPARE(p3.keyCount, int64_t(0)); // null keys
    QCOMPARE(p3.acks, Acks::Leader);

    QCOMPARE(s.actions[4].broker, 4);
    QCOMPARE(s.actions[5].kind, ScenarioActionKind::Advance);
    QCOMPARE(s.actions[5].ms, int64_t(1000));
    QCOMPARE(s.actions[6].atMs, int64_t(1160)); // after counts from the end of the advance
    QCOMPARE(s.actions[6].ms, int64_t(5000));
    QCOMPARE(s.actions[7].atMs, int64_t(2000));
    QCOMPARE(s.actions[7].expectError, std::optional<ErrorCode>(ErrorCode::BrokerNotAvailable));
    QCOMPARE(s.actions[10].partition, 1);

    const auto &e = s.actions[11].expect;
    QCOMPARE(e.partition, std::optional<int32_t>(1));
    QCOMPARE(e.leader, std::optional<int32_t>(-1));
    QCOMPARE(*e.isr, (std::vector<int32_t> {1, 3}));
    QCOMPARE(e.leaderEpoch, std::optional<int32_t>(2));
    QCOMPARE(e.highWatermark, std::optional<int64_t>(20));
    QCOMPARE(e.logEndOffset, std::optional<int64_t>(21));
    QCOMPARE(e.logStartOffset, std::optional<int64_t>(0));
    QCOMPARE(e.replicaLogEndOffsets.size(), size_t(2));
    QCOMPARE(e.replicaLogEndOffsets[1], (std::pair<int32_t, int64_t>(3, 21)));
    const auto &counters = s.actions[12].expect;
    QVERIFY(!counters.partition);
    QCOMPARE(counters.acknowledged, std::optional<int64_t>(10));
    QCOMPARE(counters.refused, std::optional<int64_t>(6));
    QCOMPARE(counters.lost, std::optional<int64_t>(0));
}

void TestScenarioParser::localizedTexts()
{
    const char *text = "{\n"
                       "  \"title\": {\"en\": \"Leader failover\", \"ko\": \"리더 장애 조치\"},\n"
                       "  \"description\": {\"en\": \"The leader crashes.\"},\n"
                       "  \"actions\": [{\"do\": \"advance\", \"ms\": 5}]\n"
                       "}";
    const auto parsed = parseScenario(text);
    QVERIFY2(parsed, parsed.error.toString().c_str());
    const Scenario &s = *parsed.scenario;
    QCOMPARE(s.title.text, std::string("Leader failover"));
    QCOMPARE(s.title.in("en"), std::string("Leader failover"));
    QCOMPARE(s.title.in("ko"), std::string("리더 장애 조치"));
    QCOMPARE(s.title.in("fr"), std::string("Leader failover"));
    QCOMPARE(s.description.in("ko"), std::string("The leader crashes.")); // no Korean: English
    QCOMPARE(s.actions.size(), size_t(1));
    QCOMPARE(s.actions[0].line, 4);

    // The older key "name" (a plain string) still reads as the title.
    const auto old = parseScenario(R"({"name": "old", "description": "plain", "actions": []})");
    QVERIFY2(old, old.error.toString().c_str());
    QCOMPARE(old.scenario->title.text, std::string("old"));
    QCOMPARE(old.scenario->description.text, std::string("plain"));
    QVERIFY(old.scenario->title.translations.empty());
}

void TestScenarioParser::lineAndColumn_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("first byte") << "abc" << 0 << 1 << 1;
    QTest::newRow("same line") << "abc" << 2 << 1 << 3;
    QTest::newRow("after newline") << "ab\ncd" << 3 << 2 << 1;
    QTest::newRow("third line") << "a\n\nxyz" << 5 << 3 << 3;
    QTest::newRow("past the end") << "a\nb" << 99 << 2 << 2;
}

void TestScenarioParser::lineAndColumn()
{
    QFETCH(QString, text);
    QFETCH(int, offset);
    QFETCH(int, line);
    QFETCH(int, column);
    const std::string bytes = text.toStdString();
    const auto [l, c] = kl::lineAndColumn(bytes, static_cast<size_t>(offset));
    QCOMPARE(l, line);
    QCOMPARE(c, column);
}

void TestScenarioParser::actionLines()
{
    // Actions spread over lines, with strings holding braces, brackets and escaped quotes that
    // a naive scan would mistake for structure.
    const char *text = "{\"name\": \"a {tricky} [name] \\\" here\",\n"  // 1
                       " \"actions\": [\n"                                // 2
                       "\n"                                               // 3
                       "  {\"do\": \"advance\", \"ms\": 1},\n"             // 4
                       "  {\n"                                            // 5
                       "    \"do\": \"advance\",\n"                       // 6
                       "    \"ms\": 2\n"                                  // 7
                       "  }, {\"do\": \"advance\", \"ms\": 3}\n"           // 8
                       "]}";
    const auto parsed = parseScenario(text);
    QVERIFY2(parsed, parsed.error.toString().c_str());
    const auto &actions = parsed.scenario->actions;
    QCOMPARE(actions.size(), size_t(3));
    QCOMPARE(actions[0].line, 4);
    QCOMPARE(actions[1].line, 5);
    QCOMPARE(actions[2].line, 8);
    QCOMPARE(parsed.scenario->endMs, int64_t(6));

    const auto scan = scanJsonLines(text);
    QCOMPARE(scan.root.lineOf("actions"), 2);
    QCOMPARE(scan.root.member("actions")->items[1].lineOf("ms"), 7);
}

void TestScenarioParser::malformed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("reason");

    const QString head = "{\n  \"brokers\": 3,\n  \"actions\": [\n"
                         "    {\"do\": \"create-topic\", \"topic\": \"orders\", \"partitions\": 2, \"replication-factor\": 3},\n";
    const QString tail = "\n  ]\n}\n";
    // Line 5 is the action under test (lines 1-4 are the head).
    const auto with = [&](const QString &action) { return head + "    " + action + tail; };

    QTest::newRow("not an object") << "[1, 2]" << 1 << "a scenario must be a JSON object, got an array";
    QTest::newRow("missing actions") << "{\n\"brokers\": 3\n}" << 1 << "scenario: missing key 'actions'";
    QTest::newRow("unknown top-level key") << "{\n\"brokers\": 3,\n\"action\": []\n}" << 3
                                           << "scenario: unknown key 'action' (allowed here: title, description, name, brokers, seed, config, actions)";
    QTest::newRow("title and name") << "{\n\"title\": \"a\",\n\"name\": \"b\", \"actions\": []}" << 3
                                    << "scenario: give 'title' or 'name' (its older spelling), not both";
    QTest::newRow("title wrong type") << "{\n\"title\": 7, \"actions\": []}" << 2
                                      << "scenario: key 'title' must be a string or an object of languages ({\"en\": \"...\", \"ko\": \"...\"}), got 7";
    QTest::newRow("title unknown language") << "{\"title\": {\"en\": \"a\",\n\"kr\": \"b\"}, \"actions\": []}" << 2
                                            << "key 'title': unknown key 'kr' (allowed here: en, ko)";
    QTest::newRow("title without English") << "{\n\"title\": {\"ko\": \"리더\"}, \"actions\": []}" << 2
                                           << "key 'title': missing key 'en' (the English text";
    QTest::newRow("description language not a string")
        << "{\"description\": {\"en\": \"a\",\n\n\"ko\": [\"b\"]}, \"actions\": []}" << 3
        << "key 'description': key 'ko' must be a string, got an array";
    QTest::newRow("description empty Korean") << "{\"description\": {\"en\": \"a\",\n\"ko\": \"\"}, \"actions\": []}" << 2
                                              << "key 'description': the 'ko' text is empty";
    QTest::newRow("brokers out of range") << "{\"brokers\": 10, \"actions\": []}" << 1
                                          << "scenario: key 'brokers' must be 1..9, got 10";
    QTest::newRow("brokers wrong type") << "{\n\"brokers\": \"3\", \"actions\": []}" << 2
                                        << "scenario: key 'brokers' must be an integer, got the string \"3\"";
    QTest::newRow("unknown cluster config") << "{\"config\": {\n\"replica.lag.time.ms\": 5}, \"actions\": []}" << 2
                                            << "config: unknown key 'replica.lag.time.ms'";
    QTest::newRow("unknown action") << with("{\"do\": \"crsh\", \"broker\": 1}") << 5
                                    << "action 2: unknown action 'crsh' (known: create-topic, produce, crash,";
    QTest::newRow("missing do") << with("{\"broker\": 1}") << 5 << "action 2: missing key 'do'";
    QTest::newRow("action not an object") << with("\"crash\"") << 5 << "action 2 must be an object, got the string \"crash\"";
    QTest::newRow("unknown key") << with("{\"do\": \"produce\", \"topic\": \"orders\", \"count\": 1, \"ack\": \"all\"}") << 5
                                 << "action 'produce': unknown key 'ack' (allowed here: do, at, after, expect-error, topic, count,";
    QTest::newRow("unknown key on its own line")
        << with("{\"do\": \"crash\",\n      \"broker\": 1,\n      \"brocker\": 2}") << 7 << "action 'crash': unknown key 'brocker'";
    QTest::newRow("count wrong type") << with("{\"do\": \"produce\", \"topic\": \"orders\", \"count\": \"10\"}") << 5
                                      << "action 'produce': key 'count' must be an integer, got the string \"10\"";
    QTest::newRow("count fractional") << with("{\"do\": \"produce\", \"topic\": \"orders\", \"count\": 1.5}") << 5
                                      << "action 'produce': key 'count' must be an integer, got 1.5";
    QTest::newRow("count zero") << with("{\"do\": \"produce\", \"topic\": \"orders\", \"count\": 0}") << 5
                                << "action 'produce': key 'count' must be 1..1000000, got 0";
    QTest::newRow("missing count") << with("{\"do\": \"produce\", \"topic\": \"orders\"}") << 5
                                   << "action 'produce': missing key 'count'";
    QTest::newRow("bad acks") << with("{\"do\": \"produce\", \"topic\": \"orders\", \"count\": 1, \"acks\": 2}") << 5
                              << "action 'produce': key 'acks' must be \"all\", \"1\" or \"0\", got 2";
    QTest::newRow("key list item not a string")
        << with("{\"do\": \"produce\", \"topic\": \"orders\", \"count\": 1, \"keys\": [\n      \"a\",\n      7]}") << 7
        << "action 'produce': keys[1] must be a string, got 7";
    QTest::newRow("keys and key-prefix") << with("{\"do\": \"produce\", \"topic\": \"orders\", \"count\": 1, \"keys\": [\"a\"], \"key-prefix\": \"k\"}")
                                         << 5 << "give 'keys' (a list) or 'key-prefix'/'key-count', not both";
    QTest::newRow("broker out of range") << with("{\"do\": \"crash\", \"broker\": 7}") << 5
                                         << "action 'crash': unknown broker 7 (cluster has 3; brokers are numbered 1..3)";
    QTest::newRow("advance longer than a week") << with("{\"do\": \"advance\", \"ms\": 604800001}") << 5
                                                << "604800001";
    QTest::newRow("broker zero") << with("{\"do\": \"isolate\", \"broker\": 0}") << 5 << "action 'isolate': unknown broker 0";
    QTest::newRow("broker wrong type") << with("{\"do\": \"restart\", \"broker\": \"b1\"}") << 5
                                       << "action 'restart': key 'broker' must be a broker id (an integer), got the string \"b1\"";
    QTest::newRow("unknown topic") << with("{\"do\": \"produce\", \"topic\": \"order\", \"count\": 1}") << 5
                                   << "action 'produce': unknown topic 'order' (no earlier create-topic made it)";
    QTest::newRow("partition out of range") << with("{\"do\": \"elect-preferred\", \"topic\": \"orders\", \"partition\": 2}") << 5
                                            << "action 'elect-preferred': topic 'orders' has no partition 2 (partitions 0..1)";
    QTest::newRow("time goes backwards") << with("{\"at\": 100, \"do\": \"advance\", \"ms\": 1},\n    {\"at\": 50, \"do\": \"heal\", \"broker\": 1}") << 6
                                         << "action 'heal': 'at' 50 is before the previous action's time 101";
    QTest::newRow("at and after") << with("{\"at\": 1, \"after\": 2, \"do\": \"heal\", \"broker\": 1}") << 5
                                  << "action 'heal': give 'at' (ms from the start) or 'after'";
    QTest::newRow("negative after") << with("{\"after\": -5, \"do\": \"heal\", \"broker\": 1}") << 5
                                    << "action 'heal': key 'after' must be 0..";
    QTest::newRow("unknown error name") << with("{\"do\": \"heal\", \"broker\": 1, \"expect-error\": \"NOT_ENOUGH\"}") << 5
                                        << "action 'heal': unknown Kafka error name 'NOT_ENOUGH'";
    QTest::newRow("expect-error on advance") << with("{\"do\": \"advance\", \"ms\": 1, \"expect-error\": \"NOT_ENOUGH_REPLICAS\"}") << 5
                                             << "action 'advance': unknown key 'expect-error'";
    QTest::newRow("replication factor above brokers")
        << with("{\"do\": \"create-topic\", \"topic\": \"big\", \"replication-factor\": 4}") << 5
        << "action 'create-topic': replication-factor 4 is more than the cluster's 3 brokers";
    QTest::newRow("topic created twice") << with("{\"do\": \"create-topic\", \"topic\": \"orders\"}") << 5
                                         << "action 'create-topic': topic 'orders' was already created on line 4";
    QTest::newRow("invalid topic name") << with("{\"do\": \"create-topic\", \"topic\": \"a b\"}") << 5
                                        << "action 'create-topic': ";
    QTest::newRow("unknown topic config") << with("{\"do\": \"create-topic\", \"topic\": \"t\", \"config\": {\n      \"min.isr\": 2}}") << 6
                                          << "action 'create-topic': config: unknown key 'min.isr'";
    QTest::newRow("topic config wrong type")
        << with("{\"do\": \"create-topic\", \"topic\": \"t\", \"config\": {\"unclean.leader.election.enable\": \"yes\"}}") << 5
        << "key 'unclean.leader.election.enable' must be true or false, got the string \"yes\"";
    QTest::newRow("expect nothing") << with("{\"do\": \"expect\", \"topic\": \"orders\", \"partition\": 0}") << 5
                                    << "action 'expect': nothing to check";
    QTest::newRow("expect leader without partition") << with("{\"do\": \"expect\", \"topic\": \"orders\", \"leader\": 1}") << 5
                                                     << "action 'expect': key 'leader' is about one partition: add 'partition'";
    QTest::newRow("expect isr broker out of range") << with("{\"do\": \"expect\", \"topic\": \"orders\", \"partition\": 0, \"isr\": [1, 4]}") << 5
                                                    << "action 'expect': unknown broker 4 (cluster has 3";
    QTest::newRow("expect isr duplicate") << with("{\"do\": \"expect\", \"topic\": \"orders\", \"partition\": 0, \"isr\": [1, 1]}") << 5
                                          << "broker 1 is listed twice in 'isr'";
    QTest::newRow("expect replica not a broker")
        << with("{\"do\": \"expect\", \"topic\": \"orders\", \"partition\": 0, \"replica-log-end-offsets\": {\"x\": 1}}") << 5
        << "replica-log-end-offsets: 'x' is not a broker id (1..3)";
    QTest::newRow("duplicate key") << with("{\"do\": \"crash\",\n      \"broker\": 1,\n      \"broker\": 2}") << 7
                                   << "key 'broker' appears twice in the same object";

    // Simulated clients. `group` starts group g (2 consumers) on line 5; the action under test is line 6.
    const QString group = "{\"do\": \"start-group\", \"group\": \"g\", \"topics\": [\"orders\"], \"consumers\": 2},\n    ";
    QTest::newRow("start-group unknown topic")
        << with("{\"do\": \"start-group\", \"group\": \"g\",\n      \"topics\": [\"orders\", \"order\"]}") << 6
        << "action 'start-group': unknown topic 'order'";
    QTest::newRow("start-group topics not a list") << with("{\"do\": \"start-group\", \"group\": \"g\", \"topics\": \"orders\"}")
                                                   << 5 << "key 'topics' must be a non-empty array";
    QTest::newRow("start-group missing topics") << with("{\"do\": \"start-group\", \"group\": \"g\"}") << 5
                                                << "action 'start-group': missing key 'topics'";
    QTest::newRow("start-group unknown assignor")
        << with("{\"do\": \"start-group\", \"group\": \"g\", \"topics\": [\"orders\"], \"assignor\": \"sticky-cooperative\"}")
        << 5 << "unknown assignor 'sticky-cooperative' (range, roundrobin, sticky, cooperative-sticky)";
    QTest::newRow("start-group heartbeat above session timeout")
        << with("{\"do\": \"start-group\", \"group\": \"g\", \"topics\": [\"orders\"], \"session-timeout-ms\": 3000,\n"
                "      \"heartbeat-interval-ms\": 3000}")
        << 6 << "heartbeat-interval-ms (3000) must be lower than session-timeout-ms (3000)";
    QTest::newRow("start-group rate zero") << with("{\"do\": \"start-group\", \"group\": \"g\", \"topics\": [\"orders\"], \"rate\": 0}")
                                           << 5 << "key 'rate' must be more than 0";
    QTest::newRow("start-group rate not a number")
        << with("{\"do\": \"start-group\", \"group\": \"g\", \"topics\": [\"orders\"], \"rate\": \"fast\"}") << 5
        << "key 'rate' must be a number, got the string \"fast\"";
    QTest::newRow("start-group twice") << with(group + "{\"do\": \"start-group\", \"group\": \"g\", \"topics\": [\"orders\"]}") << 6
                                       << "group 'g' was already started on line 5";
    QTest::newRow("start-group unknown key") << with("{\"do\": \"start-group\", \"group\": \"g\", \"topics\": [\"orders\"], \"members\": 2}")
                                             << 5 << "action 'start-group': unknown key 'members'";
    QTest::newRow("crash-consumer unknown group") << with("{\"do\": \"crash-consumer\", \"group\": \"h\", \"consumer\": 1}") << 5
                                                  << "unknown group 'h' (no earlier start-group started it)";
    QTest::newRow("crash-consumer number out of range") << with(group + "{\"do\": \"crash-consumer\", \"group\": \"g\", \"consumer\": 3}")
                                                        << 6 << "group 'g' has no consumer 3 (consumers so far: 1..2)";
    QTest::newRow("stall-consumer bad consumer") << with(group + "{\"do\": \"stall-consumer\", \"group\": \"g\", \"consumer\": true}")
                                                 << 6 << "key 'consumer' must be a consumer number";
    QTest::newRow("leave-consumer missing consumer") << with(group + "{\"do\": \"leave-consumer\", \"group\": \"g\"}") << 6
                                                     << "action 'leave-consumer': missing key 'consumer'";
    QTest::newRow("after stop-group") << with(group + "{\"do\": \"stop-group\", \"group\": \"g\"},\n    {\"do\": \"add-consumer\", \"group\": \"g\"}")
                                      << 7 << "group 'g' was stopped on line 6";
    QTest::newRow("start-producer twice")
        << with("{\"do\": \"start-producer\", \"topic\": \"orders\", \"rate\": 10},\n    {\"do\": \"start-producer\", \"topic\": \"orders\", \"rate\": 5}")
        << 6 << "topic 'orders' already has a producer (started on line 5; stop it first)";
    QTest::newRow("start-producer without rate") << with("{\"do\": \"start-producer\", \"topic\": \"orders\"}") << 5
                                                 << "missing key 'rate'";
    QTest::newRow("start-producer bad distribution")
        << with("{\"do\": \"start-producer\", \"topic\": \"orders\", \"rate\": 1, \"distribution\": \"pareto\"}") << 5
        << "unknown distribution 'pareto' (uniform, zipf, none)";
    QTest::newRow("stop-producer none running") << with("{\"do\": \"stop-producer\", \"topic\": \"orders\"}") << 5
                                                << "topic 'orders' has no running producer";
    QTest::newRow("group expect nothing") << with(group + "{\"do\": \"expect\", \"group\": \"g\"}") << 6 << "nothing to check";
    QTest::newRow("group expect unknown group") << with("{\"do\": \"expect\", \"group\": \"g\", \"state\": \"Stable\"}") << 5
                                                << "unknown group 'g'";
    QTest::newRow("group expect bad state") << with(group + "{\"do\": \"expect\", \"group\": \"g\", \"state\": \"stable\"}") << 6
                                            << "unknown group state 'stable' (Empty, PreparingRebalance";
    QTest::newRow("group expect owner without partition") << with(group + "{\"do\": \"expect\", \"group\": \"g\", \"owner\": 1}")
                                                          << 6 << "key 'owner' is about one partition";
    QTest::newRow("group expect topic without partition")
        << with(group + "{\"do\": \"expect\", \"group\": \"g\", \"topic\": \"orders\", \"lag\": 0}") << 6 << "add 'partition'";
    QTest::newRow("group expect bad count") << with(group + "{\"do\": \"expect\", \"group\": \"g\", \"duplicates\": {\"over\": 1}}")
                                            << 6 << "key 'duplicates' must be a count";
    QTest::newRow("group expect inverted range")
        << with(group + "{\"do\": \"expect\", \"group\": \"g\", \"gaps\": {\"at-least\": 3, \"at-most\": 1}}") << 6
        << "at-least 3 is more than at-most 1";
    QTest::newRow("replica-assignment not a list")
        << with("{\"do\": \"create-topic\", \"topic\": \"p\", \"replica-assignment\": 3}") << 5
        << "key 'replica-assignment' must be a list of 1..1000 replica lists such as [[3, 1, 2]], got 3";
    QTest::newRow("replica-assignment unknown broker")
        << with("{\"do\": \"create-topic\", \"topic\": \"p\", \"replica-assignment\": [[1, 4]]}") << 5
        << "partition 0: 4 is not a broker id from 1 to 3";
    QTest::newRow("replica-assignment broker twice")
        << with("{\"do\": \"create-topic\", \"topic\": \"p\", \"replica-assignment\": [[1, 2], [3, 3]]}") << 5
        << "partition 1: broker 3 is listed twice";
    QTest::newRow("replica-assignment uneven")
        << with("{\"do\": \"create-topic\", \"topic\": \"p\", \"replica-assignment\": [[1, 2], [3]]}") << 5
        << "partition 1 has 1 replicas but partition 0 has 2";
    QTest::newRow("replica-assignment disagrees with partitions")
        << with("{\"do\": \"create-topic\", \"topic\": \"p\", \"partitions\": 2, \"replica-assignment\": [[1]]}") << 5
        << "partitions 2 disagrees with replica-assignment's 1 partitions";
    QTest::newRow("group expect bad lag status")
        << with(group + "{\"do\": \"expect\", \"group\": \"g\", \"topic\": \"orders\", \"partition\": 0, \"lag-status\": \"LATE\"}")
        << 6 << "unknown lag status 'LATE'";
    // Bounds on a whole run's simulated work (issue 10).
    QTest::newRow("a week in total") << with("{\"do\": \"advance\", \"ms\": 604800000},\n    {\"do\": \"advance\", \"ms\": 1}")
                                     << 6 << "one scenario may simulate at most 604800000 ms (a week) in total";
    QTest::newRow("too many partitions for the time")
        << with("{\"do\": \"create-topic\", \"topic\": \"big\", \"partitions\": 1000, \"replication-factor\": 3},\n"
                "    {\"do\": \"advance\", \"ms\": 86400000}")
        << 6 << "3006 partition replicas for 86400000 ms is more simulated work than one scenario may ask for";
    QTest::newRow("group expect key of a topic expect")
        << with(group + "{\"do\": \"expect\", \"group\": \"g\", \"leader\": 1}") << 6 << "unknown key 'leader'";
}

void TestScenarioParser::malformed()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, reason);
    const auto parsed = parseScenario(text.toStdString());
    QVERIFY2(!parsed, "a malformed scenario was accepted");
    QCOMPARE(parsed.error.line, line);
    QVERIFY2(QString::fromStdString(parsed.error.reason).contains(reason),
        qPrintable("reason: " + QString::fromStdString(parsed.error.reason)));
    // Every loader error has a column too (FILE:LINE:COL), and it points at where a key or a
    // value starts on that line, not at white space.
    const std::string source = text.toStdString();
    size_t lineStart = 0;
    for (int l = 1; l < line; ++l)
        lineStart = source.find('\n', lineStart) + 1;
    QVERIFY2(parsed.error.column >= 1, parsed.error.toString().c_str());
    const size_t at = lineStart + static_cast<size_t>(parsed.error.column - 1);
    QVERIFY2(at < source.size() && std::string_view("\"{[-0123456789tfn").find(source[at]) != std::string_view::npos,
        parsed.error.toString().c_str());
    const std::string formatted = parsed.error.toString("x.json");
    QVERIFY2(formatted.starts_with(fmt::format("x.json:{}:{}: ", line, parsed.error.column)), formatted.c_str());
}

void TestScenarioParser::errorColumns()
{
    // The column of the offending key's opening quote, counted in bytes from 1.
    auto parsed = parseScenario("{\n  \"actions\": [\n    {\"do\": \"crash\", \"brokr\": 1}\n  ]\n}\n");
    QVERIFY(!parsed);
    QCOMPARE(parsed.error.line, 3);
    QCOMPARE(parsed.error.column, 21);
    QCOMPARE(parsed.error.toString("s.json").substr(0, 12), std::string("s.json:3:21:"));
    // An action that is not an object: the column where the value starts.
    parsed = parseScenario("{\"actions\": [\n  {\"do\": \"heal\", \"broker\": 1},   7]}");
    QVERIFY(!parsed);
    QCOMPARE(parsed.error.line, 2);
    QCOMPARE(parsed.error.column, 34);
    // A duplicate key: the second one.
    parsed = parseScenario("{\"brokers\": 3, \"brokers\": 2, \"actions\": []}");
    QVERIFY(!parsed);
    QCOMPARE(parsed.error.line, 1);
    QCOMPARE(parsed.error.column, 16);
}

void TestScenarioParser::workBounds()
{
    // A 1 ms fetch interval: an hour is fine, a day is 86,400,000 fetch rounds.
    const std::string fast = "{\"config\": {\"replica.fetch.interval.ms\": 1}, \"actions\": [\n"
                             "  {\"do\": \"advance\", \"ms\": 3600000},\n  {\"after\": 86400000, \"do\": \"heal\", \"broker\": 1}]}";
    auto parsed = parseScenario(fast);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error.line, 3);
    QVERIFY2(parsed.error.reason.find("at replica.fetch.interval.ms 1 is 90000000 follower fetch rounds; the limit is "
                                      "6048000") != std::string::npos,
        parsed.error.reason.c_str());
    // 200 chained week-long advances: refused at the second, each value being in range.
    std::string chained = "{\"actions\": [";
    for (int i = 0; i < 200; ++i)
        chained += std::string(i ? ",\n" : "\n") + "  {\"do\": \"advance\", \"ms\": 604800000}";
    parsed = parseScenario(chained + "]}");
    QVERIFY(!parsed);
    QCOMPARE(parsed.error.line, 3);
    // A week on a small cluster, with a group (and so __consumer_offsets), is still allowed.
    parsed = parseScenario("{\"actions\": [{\"do\": \"create-topic\", \"topic\": \"t\", \"partitions\": 3, "
                           "\"replication-factor\": 3},\n {\"do\": \"start-group\", \"group\": \"g\", \"topics\": [\"t\"]},\n"
                           " {\"do\": \"advance\", \"ms\": 604800000}]}");
    QVERIFY2(parsed, parsed.error.toString().c_str());
}

void TestScenarioParser::hostileNumbersAndNesting()
{
    // A number too large for a double: nlohmann throws out_of_range without a position.
    auto parsed = parseScenario("{\n  \"seed\": 1e400,\n  \"actions\": []\n}\n");
    QVERIFY(!parsed);
    QCOMPARE(parsed.error.line, 2);
    QCOMPARE(parsed.error.column, 11);
    QVERIFY2(parsed.error.reason.find("1e400") != std::string::npos, parsed.error.reason.c_str());
    QVERIFY2(parsed.error.reason.find("json.exception") == std::string::npos, parsed.error.reason.c_str());
    // 40,000 levels: refused at the bracket that opens level 65 (the scan behind line numbers
    // is recursive and overflowed the stack), whether or not the rest is valid JSON.
    for (const bool closed : {true, false}) {
        const std::string deep = "{\"actions\": " + std::string(40000, '[') + (closed ? std::string(40000, ']') + "}" : "");
        parsed = parseScenario(deep);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error.line, 1);
        QCOMPARE(parsed.error.column, 13 + static_cast<int>(kMaxJsonDepth) - 1);
        QVERIFY2(parsed.error.reason.find("nested more than 64 levels") != std::string::npos, parsed.error.reason.c_str());
    }
    // Brackets inside strings do not count; 64 levels are still fine for the scan.
    parsed = parseScenario("{\"title\": \"" + std::string(100, '[') + "\", \"actions\": []}");
    QVERIFY2(parsed, parsed.error.toString().c_str());
    QCOMPARE(jsonTooDeep(std::string(64, '[') + std::string(64, ']')), std::string_view::npos);
    QCOMPARE(jsonTooDeep(std::string(65, '[')), size_t(64));
}

void TestScenarioParser::syntaxErrorPosition()
{
    // A missing comma: the error points at line 4, where the second string starts.
    const char *missingComma = "{\n  \"brokers\": 3,\n  \"actions\": [\n    {\"do\": \"crash\" \"broker\": 1}\n  ]\n}\n";
    auto parsed = parseScenario(missingComma);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error.line, 4);
    QCOMPARE(parsed.error.column, 20); // the opening quote of "broker"
    QVERIFY2(parsed.error.reason.starts_with("invalid JSON: syntax error"), parsed.error.reason.c_str());
    QVERIFY2(parsed.error.reason.find("[json.exception") == std::string::npos, parsed.error.reason.c_str());
    QVERIFY(parsed.error.toString("s.json").starts_with("s.json:4:"));

    // A number where a comma belongs: the column of its first digit.
    parsed = parseScenario("{\"brokers\": 3 12, \"actions\": []}");
    QVERIFY(!parsed);
    QCOMPARE(parsed.error.line, 1);
    QCOMPARE(parsed.error.column, 15);

    // A trailing comma, then a truncated file: the position is where it broke.
    parsed = parseScenario("{\"actions\": [\n  1,\n]}");
    QVERIFY(!parsed);
    QCOMPARE(parsed.error.line, 3);
    QCOMPARE(parsed.error.column, 1);

    parsed = parseScenario("{\n  \"actions\": [\n");
    QVERIFY(!parsed);
    QCOMPARE(parsed.error.line, 3);
    QVERIFY2(parsed.error.reason.find("end of input") != std::string::npos, parsed.error.reason.c_str());
}

void TestScenarioParser::fileErrors()
{
    const auto parsed = loadScenarioFile("/no/such/dir/scenario.json");
    QVERIFY(!parsed);
    QCOMPARE(parsed.error.line, 0);
    QCOMPARE(parsed.error.toString("/no/such/dir/scenario.json"),
        std::string("/no/such/dir/scenario.json: cannot open the file (no such file)"));
}

QTEST_APPLESS_MAIN(TestScenarioParser)
#include "test_scenario_parser.moc"

void TestScenarioParser::groupActions()
{
    const char *text = R"({
  "name": "groups",
  "description": "every group action once",
  "actions": [
    {"do": "create-topic", "topic": "orders", "partitions": 3},
    {"do": "create-topic", "topic": "payments", "partitions": 1},
    {"do": "start-producer", "topic": "orders", "rate": 50.5, "key-count": 8, "distribution": "zipf",
     "value-size": 64, "acks": "all"},
    {"at": 100, "do": "start-group", "group": "billing", "topics": ["orders", "payments"], "consumers": 2,
     "assignor": "cooperative-sticky", "rate": 20, "auto-commit": false, "auto-commit-interval-ms": 1000,
     "session-timeout-ms": 6000, "heartbeat-interval-ms": 2000, "max-poll-interval-ms": 8000,
     "auto-offset-reset": "latest", "static": true, "client-id-prefix": "bill"},
    {"do": "add-consumer", "group": "billing"},
    {"after": 1000, "do": "crash-consumer", "group": "billing", "consumer": 3},
    {"do": "stall-consumer", "group": "billing", "consumer": "bill-1"},
    {"do": "resume-consumer", "group": "billing", "consumer": 1},
    {"do": "leave-consumer", "group": "billing", "consumer": 2, "expect-error": "UNKNOWN_MEMBER_ID"},
    {"do": "expect", "group": "billing", "state": "Stable", "generation": 4, "members": {"at-least": 1},
     "lag": {"at-most": 10}, "duplicates": 0, "global-inversions": {"at-least": 1, "at-most": 99}},
    {"do": "expect", "group": "billing", "topic": "orders", "partition": 2, "owner": 1, "committed-offset": -1,
     "lag-status": "OK", "lag": 0},
    {"do": "expect", "group": "billing", "topic": "orders", "partition": 1, "owner": null},
    {"do": "stop-group", "group": "billing"},
    {"do": "stop-producer", "topic": "orders"},
    {"do": "start-producer", "topic": "orders", "rate": 1}
  ]
})";
    const auto parsed = parseScenario(text);
    QVERIFY2(parsed, parsed.error.toString().c_str());
    const auto &a = parsed.scenario->actions;
    QCOMPARE(a.size(), size_t(15));

    QCOMPARE(a[2].kind, ScenarioActionKind::StartProducer);
    QCOMPARE(a[2].producerSpec.topic, std::string("orders"));
    QCOMPARE(a[2].producerSpec.ratePerSec, 50.5);
    QCOMPARE(a[2].producerSpec.keyCount, 8);
    QCOMPARE(a[2].producerSpec.distribution, KeyDistribution::Zipf);
    QCOMPARE(a[2].producerSpec.valueSize, 64);
    QCOMPARE(a[2].producerSpec.acks, Acks::All);
    QCOMPARE(a[2].producerSpec.count, int64_t(0));

    const ConsumerGroupSpec &g = a[3].groupSpec;
    QCOMPARE(a[3].kind, ScenarioActionKind::StartGroup);
    QCOMPARE(a[3].line, 9);
    QCOMPARE(a[3].atMs, int64_t(100));
    QCOMPARE(g.groupId, std::string("billing"));
    QCOMPARE(g.topics, (std::vector<std::string> {"orders", "payments"}));
    QCOMPARE(g.consumers, 2);
    QCOMPARE(g.assignor, std::string("cooperative-sticky"));
    QCOMPARE(g.recordsPerSecPerConsumer, 20.0);
    QCOMPARE(g.autoCommit, false);
    QCOMPARE(g.autoCommitIntervalMs, 1000);
    QCOMPARE(g.sessionTimeoutMs, 6000);
    QCOMPARE(g.heartbeatIntervalMs, 2000);
    QCOMPARE(g.maxPollIntervalMs, 8000);
    QCOMPARE(g.autoOffsetReset, std::string("latest"));
    QCOMPARE(g.staticMembership, true);
    QCOMPARE(g.clientIdPrefix, std::string("bill"));

    QCOMPARE(a[4].kind, ScenarioActionKind::AddConsumer);
    QCOMPARE(a[5].kind, ScenarioActionKind::CrashConsumer);
    QCOMPARE(a[5].atMs, int64_t(1100));
    QCOMPARE(a[5].consumer.index, 3); // the added one
    QCOMPARE(a[6].kind, ScenarioActionKind::StallConsumer);
    QCOMPARE(a[6].consumer.clientId, std::string("bill-1"));
    QCOMPARE(a[6].consumer.index, 0);
    QCOMPARE(a[7].kind, ScenarioActionKind::ResumeConsumer);
    QCOMPARE(a[8].kind, ScenarioActionKind::LeaveConsumer);
    QVERIFY(a[8].expectError.has_value());

    const ScenarioExpectation &e = a[9].expect;
    QCOMPARE(a[9].group, std::string("billing"));
    QVERIFY(!e.partition);
    QCOMPARE(*e.groupState, std::string("Stable"));
    QCOMPARE(*e.generation, 4);
    QCOMPARE(e.members->min, int64_t(1));
    QCOMPARE(e.members->max, INT64_MAX);
    QCOMPARE(e.lag->toString(), std::string("at most 10"));
    QCOMPARE(e.duplicates->toString(), std::string("0"));
    QCOMPARE(e.globalInversions->toString(), std::string("1..99"));
    QVERIFY(e.globalInversions->matches(1) && e.globalInversions->matches(99) && !e.globalInversions->matches(0));
    QVERIFY(!e.perKeyViolations);

    const ScenarioExpectation &p = a[10].expect;
    QCOMPARE(a[10].topic, std::string("orders"));
    QCOMPARE(*p.partition, 2);
    QCOMPARE(p.owner->index, 1);
    QCOMPARE(*p.committedOffset, int64_t(-1));
    QCOMPARE(*p.lagStatus, std::string("OK"));
    QVERIFY(a[11].expect.owner->none());

    QCOMPARE(a[12].kind, ScenarioActionKind::StopGroup);
    QCOMPARE(a[14].kind, ScenarioActionKind::StartProducer); // allowed again after stop-producer
    QCOMPARE(scenarioActionName(a[8].kind), std::string_view("leave-consumer"));
}
