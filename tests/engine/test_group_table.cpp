// The kafka-consumer-groups.sh --describe table (group_table.h) from hand-built GroupSnapshots:
// exact text (column widths, row order, "-" for missing values), idle members, state notices,
// and several groups in id order.
#include <QtTest>

#ifndef Q_MOC_RUN
#include "scenario/group_table.h"
#endif

using namespace kl;

namespace {

GroupPartitionSnapshot part(const std::string &topic, int32_t p, int64_t committed, int64_t leo)
{
    GroupPartitionSnapshot s;
    s.topic = topic;
    s.partition = p;
    s.committedOffset = committed;
    s.logEndOffset = leo;
    return s;
}

GroupMemberSnapshotView member(const std::string &id, const std::string &host, const std::string &client,
    std::vector<TopicPartitionRef> assigned)
{
    GroupMemberSnapshotView m;
    m.memberId = id;
    m.host = host;
    m.clientId = client;
    m.assigned = std::move(assigned);
    return m;
}

GroupSnapshot billing()
{
    GroupSnapshot g;
    g.groupId = "billing";
    g.state = "Stable";
    g.generation = 3;
    // The member with fewer partitions comes first here; the table puts the bigger owner first.
    g.members.push_back(member("consumer-1-ab", "/10.0.0.2", "consumer-1", {{"orders", 2}}));
    g.members.push_back(member("consumer-3-cd", "/10.0.0.3", "consumer-3", {})); // idle
    g.members.push_back(member("consumer-2-0c5e9f1d-7d0b-4c3a", "/10.0.0.1", "consumer-2",
        {{"orders", 1}, {"payments", 0}, {"orders", 0}}));
    g.partitions = {part("orders", 0, 40, 52), part("orders", 1, -1, 7), part("orders", 2, 10, 10),
        part("orders", 3, 5, 9),  // nobody owns it, but it has a committed offset: listed with "-"
        part("orders", 4, -1, 2), // nobody owns it and nothing committed: not listed
        part("payments", 0, 3, 3)};
    return g;
}

const char *const kBillingTable =
    "GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID                   HOST            CLIENT-ID\n"
    "billing         orders          0          40              52              12              consumer-2-0c5e9f1d-7d0b-4c3a /10.0.0.1       consumer-2\n"
    "billing         payments        0          3               3               0               consumer-2-0c5e9f1d-7d0b-4c3a /10.0.0.1       consumer-2\n"
    "billing         orders          1          -               7               -               consumer-2-0c5e9f1d-7d0b-4c3a /10.0.0.1       consumer-2\n"
    "billing         orders          2          10              10              0               consumer-1-ab                 /10.0.0.2       consumer-1\n"
    "billing         orders          3          5               9               4               -                             -               -\n";

} // namespace

class TestGroupTable : public QObject {
    Q_OBJECT
private slots:
    void exactTable()
    {
        const GroupDescribeText d = describeGroup(billing());
        QCOMPARE(QString::fromStdString(d.table), QString::fromLatin1(kBillingTable));
        QVERIFY(d.notices.empty());
    }

    void idleMembersAsKafka10()
    {
        GroupDescribeOptions options;
        options.showIdleMembers = true;
        const GroupDescribeText d = describeGroup(billing(), options);
        // The idle member sorts after the owners (0 partitions) and before the orphan rows.
        const std::string idle = "billing         -               -          -               -               -    "
                                 "           consumer-3-cd                 /10.0.0.3       consumer-3\n";
        const size_t at = d.table.find(idle);
        QVERIFY2(at != std::string::npos, d.table.c_str());
        QVERIFY(at < d.table.find("billing         orders          3 "));
        QVERIFY(at > d.table.find("billing         orders          2 "));
    }

    void widthsFollowLongValues()
    {
        GroupSnapshot g;
        g.groupId = "a-rather-long-group-name";
        g.state = "Stable";
        g.members.push_back(member("m", "host-with-a-long-name.example", "c", {{"events.with.a.long.name", 0}}));
        g.partitions = {part("events.with.a.long.name", 0, 1, 2)};
        const GroupDescribeText d = describeGroup(g);
        const std::string expected =
            "GROUP                    TOPIC                   PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG   "
            "          CONSUMER-ID     HOST                          CLIENT-ID\n"
            "a-rather-long-group-name events.with.a.long.name 0          1               2               1     "
            "          m               host-with-a-long-name.example c\n";
        QCOMPARE(QString::fromStdString(d.table), QString::fromStdString(expected));
    }

    void notices_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("notice");
        QTest::addColumn<bool>("table");
        QTest::newRow("stable") << "Stable" << "" << true;
        QTest::newRow("preparing") << "PreparingRebalance" << "Warning: Consumer group 'billing' is rebalancing." << true;
        QTest::newRow("completing") << "CompletingRebalance" << "Warning: Consumer group 'billing' is rebalancing."
                                    << true;
        QTest::newRow("empty") << "Empty" << "Consumer group 'billing' has no active members." << true;
        QTest::newRow("dead") << "Dead" << "Error: Consumer group 'billing' does not exist." << false;
    }
    void notices()
    {
        QFETCH(QString, state);
        QFETCH(QString, notice);
        QFETCH(bool, table);
        GroupSnapshot g = billing();
        g.state = state.toStdString();
        const GroupDescribeText d = describeGroup(g);
        QCOMPARE(d.notices.empty(), notice.isEmpty());
        if (!notice.isEmpty())
            QCOMPARE(QString::fromStdString(d.notices[0]), notice);
        QCOMPARE(!d.table.empty(), table);
    }

    void emptyGroupWithoutOffsetsPrintsNoTable()
    {
        GroupSnapshot g;
        g.groupId = "fresh";
        g.state = "Empty";
        g.partitions = {part("orders", 0, -1, 10)};
        const GroupDescribeText d = describeGroup(g);
        QVERIFY(d.table.empty());
        QCOMPARE(d.notices.size(), size_t(1));
        QCOMPARE(QString::fromStdString(describeGroupsText({g})),
            QStringLiteral("\nConsumer group 'fresh' has no active members.\n"));
    }

    void severalGroupsInIdOrder()
    {
        GroupSnapshot b = billing();
        GroupSnapshot a;
        a.groupId = "audit";
        a.state = "PreparingRebalance";
        a.members.push_back(member("m-1", "/h", "c-1", {{"orders", 0}}));
        a.partitions = {part("orders", 0, 0, 52)};
        const std::string text = describeGroupsText({b, a});
        const size_t audit = text.find("\nGROUP           TOPIC");
        const size_t warning = text.find("\nWarning: Consumer group 'audit' is rebalancing.\n");
        const size_t billingAt = text.find(std::string("\n") + kBillingTable);
        QVERIFY2(warning == 0, text.c_str());
        QVERIFY(audit != std::string::npos && audit > warning);
        QVERIFY(billingAt != std::string::npos && billingAt > audit);
        QVERIFY(text.find("audit           orders          0          0               52              52") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestGroupTable)
#include "test_group_table.moc"
