// GroupMap: rows, links, actions and rebalance phases from a GroupSnapshot.
#include "models/group_model.h"

#include "models/natural_order.h"
#include "models/units.h"

#include <QLocale>

#include <algorithm>
#include <iterator>

namespace groupmap {

namespace {

bool isActive(const QString &state)
{
    return state == QLatin1String("running") || state == QLatin1String("stalled");
}

QString partitionLabel(const std::string &topic, int partition)
{
    return QStringLiteral("%1-%2").arg(QString::fromStdString(topic)).arg(partition);
}

// Member actions from the member's and the group's state. Each refusal says why in words a
// learner can act on.
void fillActions(Member &m, const QString &groupState)
{
    const QString who = m.clientId;
    m.stallIsResume = m.state == QLatin1String("stalled");
    auto refuse = [&m](const QString &why) {
        m.crash = {false, why};
        m.leave = {false, why};
        m.stall = {false, why};
    };
    if (!m.simulated) {
        refuse(GroupMap::tr("%1 is a real client: crash or pause it in its own process")
                   .arg(who));
        m.leave = {true, GroupMap::tr("Remove %1 from the group, as AdminClient.removeMembersFromConsumerGroup "
                                      "does (a LeaveGroup on its behalf): the group rebalances without it; the "
                                      "client hears UNKNOWN_MEMBER_ID at its next heartbeat and joins again "
                                      "with a new member id").arg(who)};
        return;
    }
    if (groupState == QLatin1String("Dead")) {
        refuse(GroupMap::tr("the group is Dead: it has no members to act on"));
        return;
    }
    if (m.state == QLatin1String("crashed")) {
        refuse(GroupMap::tr("%1 has crashed; the coordinator removes it once session.timeout.ms "
                            "passes without a heartbeat").arg(who));
        return;
    }
    if (m.state == QLatin1String("left")) {
        refuse(GroupMap::tr("%1 has left the group").arg(who));
        return;
    }
    m.crash = {true, GroupMap::tr("Kill %1 without a LeaveGroup: the coordinator notices only "
                                  "after session.timeout.ms, then rebalances").arg(who)};
    if (m.stallIsResume) {
        m.leave = {false, GroupMap::tr("%1 is stuck in processing: close() runs on the polling "
                                       "thread, so it cannot leave until it polls again (Resume)")
                              .arg(who)};
        m.stall = {true, GroupMap::tr("%1 polls again and rejoins the group").arg(who)};
    } else {
        m.leave = {true, GroupMap::tr("Close %1 gracefully: it sends LeaveGroup and the group "
                                      "rebalances at once").arg(who)};
        m.stall = {true, GroupMap::tr("%1 stops polling: after max.poll.interval.ms its client "
                                      "leaves the group and its partitions move").arg(who)};
    }
}

} // namespace

QColor GroupMap::memberColor(const QString &clientId)
{
    // Saturated, mid-dark colours that read on white and are not the key palette's pastels.
    static const QColor kPalette[] = {
        QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xff, 0x7f, 0x0e), QColor(0x94, 0x67, 0xbd), QColor(0x17, 0xbe, 0xcf),
        QColor(0xe3, 0x77, 0xc2), QColor(0x8c, 0x56, 0x4b), QColor(0xbc, 0xbd, 0x22),
        QColor(0x39, 0x3b, 0x79)};
    constexpr int kCount = static_cast<int>(std::size(kPalette));
    // "consumer-3" -> 3: consecutive consumers get neighbouring, distinct colours.
    int digits = 0;
    while (digits < clientId.size() && clientId.at(clientId.size() - 1 - digits).isDigit())
        ++digits;
    bool ok = false;
    const int n = digits > 0 ? clientId.right(digits).toInt(&ok) : 0;
    if (ok)
        return kPalette[((n - 1) % kCount + kCount) % kCount];
    uint h = 2166136261u; // FNV-1a: stable across runs (qHash is seeded)
    for (QChar c : clientId)
        h = (h ^ c.unicode()) * 16777619u;
    return kPalette[h % kCount];
}

QString GroupMap::stateName(const QString &s)
{
    if (s == QLatin1String("running"))
        return tr("running");
    if (s == QLatin1String("stalled"))
        return tr("stalled");
    if (s == QLatin1String("crashed"))
        return tr("crashed");
    if (s == QLatin1String("left"))
        return tr("left");
    return s;
}

QString GroupMap::stateExplanation(const QString &g)
{
    if (g == QLatin1String("Stable"))
        return tr("Stable: every member has its assignment and is consuming");
    if (g == QLatin1String("PreparingRebalance"))
        return tr("PreparingRebalance: the coordinator waits for every member to (re)join");
    if (g == QLatin1String("CompletingRebalance"))
        return tr("CompletingRebalance: all joined; waiting for the leader's assignment (SyncGroup)");
    if (g == QLatin1String("Empty"))
        return tr("Empty: no members; committed offsets are kept");
    if (g == QLatin1String("Dead"))
        return tr("Dead: the group has been removed");
    return g;
}

QString GroupMap::groupStateName(const QString &g)
{
    if (g == QLatin1String("Stable"))
        return tr("Stable");
    if (g == QLatin1String("PreparingRebalance"))
        return tr("PreparingRebalance");
    if (g == QLatin1String("CompletingRebalance"))
        return tr("CompletingRebalance");
    if (g == QLatin1String("Empty"))
        return tr("Empty");
    if (g == QLatin1String("Dead"))
        return tr("Dead");
    return g;
}

QString GroupMap::lagStatusName(const QString &s)
{
    if (s == QLatin1String("OK"))
        return tr("OK");
    if (s == QLatin1String("WARN"))
        return tr("WARN");
    if (s == QLatin1String("STALL"))
        return tr("STALL");
    if (s == QLatin1String("STOP"))
        return tr("STOP");
    if (s == QLatin1String("REWIND"))
        return tr("REWIND");
    if (s == QLatin1String("ERR"))
        return tr("ERR");
    return s;
}

QString GroupMap::lagStatusExplanation(const QString &s)
{
    if (s == QLatin1String("OK"))
        return tr("OK: the consumer commits and keeps up");
    if (s == QLatin1String("WARN"))
        return tr("WARN: the lag keeps growing although the consumer commits");
    if (s == QLatin1String("STALL"))
        return tr("STALL: the consumer commits the same offset over and over while there is lag");
    if (s == QLatin1String("STOP"))
        return tr("STOP: no commit for a while although there is lag");
    if (s == QLatin1String("REWIND"))
        return tr("REWIND: the committed offset went backwards");
    if (s == QLatin1String("ERR"))
        return tr("ERR: the lag cannot be evaluated");
    return s;
}

GroupMap GroupMap::build(const kl::GroupSnapshot &g)
{
    GroupMap map;
    map.groupId = QString::fromStdString(g.groupId);
    map.state = QString::fromStdString(g.state);
    map.stateText = groupStateName(map.state);
    map.generation = g.generation;
    map.assignor = QString::fromStdString(g.assignor);
    map.coordinator = g.coordinator;
    map.totalLag = g.totalLag;
    map.consumedPerSec = g.consumedPerSec;
    map.stateTip = stateExplanation(map.state);
    map.generationTip = tr("Generation: grows by one with every completed rebalance; requests "
                           "from an older generation are fenced (ILLEGAL_GENERATION)");
    map.assignorTip = tr("partition.assignment.strategy: the group leader runs this assignor. "
                         "Eager ones (range, roundrobin, sticky) revoke everything on a "
                         "rebalance; cooperative-sticky revokes only what moves");
    map.coordinatorTip = tr("The broker leading this group's partition of __consumer_offsets: "
                            "it runs the group and stores its committed offsets");
    map.lagTip = tr("Lag = log end offset - committed offset, summed over the group's partitions");

    for (const auto &m : g.members) {
        Member member;
        member.memberId = QString::fromStdString(m.memberId);
        member.clientId = QString::fromStdString(m.clientId);
        member.host = QString::fromStdString(m.host);
        member.instanceId = QString::fromStdString(m.groupInstanceId);
        member.simulated = m.simulated;
        member.state = QString::fromStdString(m.state);
        if (member.state.isEmpty())
            member.state = QStringLiteral("running"); // real clients report no simulated state
        member.stateText = stateName(member.state);
        member.lag = m.lag;
        member.recordsPerSec = m.recordsPerSec;
        member.consumed = m.consumed;
        member.leader = !m.memberId.empty() && m.memberId == g.leader;
        for (const auto &tp : m.assigned)
            member.assigned << partitionLabel(tp.topic, tp.partition);
        member.color = memberColor(member.clientId);
        fillActions(member, map.state);
        member.tip = tr("member id: %1").arg(member.memberId);
        if (!member.instanceId.isEmpty())
            member.tip += QLatin1Char('\n')
                + tr("group.instance.id: %1 (static member: a restart within the session "
                     "timeout keeps its partitions)").arg(member.instanceId);
        if (member.leader)
            member.tip += QLatin1Char('\n') + tr("group leader: this member ran the assignor");
        map.members.push_back(member);
    }
    // The coordinator lists members by member id (a string order: consumer-10 before
    // consumer-2); cards, links and lists show them in natural order of their client ids.
    std::stable_sort(map.members.begin(), map.members.end(), [](const Member &a, const Member &b) {
        const int c = natural::compare(a.clientId, b.clientId);
        return c != 0 ? c < 0 : natural::less(a.memberId, b.memberId);
    });

    int active = 0;
    for (const Member &m : map.members)
        active += isActive(m.state) ? 1 : 0;
    const int partitionCount = static_cast<int>(g.partitions.size());
    for (Member &m : map.members) {
        if (!isActive(m.state) || !m.assigned.isEmpty() || map.state != QLatin1String("Stable"))
            continue;
        m.idle = true;
        m.idleTip = active > partitionCount
            ? tr("more consumers than partitions: this member has nothing to read")
            : tr("no partition assigned to this member in generation %1").arg(map.generation);
    }

    for (const auto &p : g.partitions) {
        PartitionRow row;
        row.topic = QString::fromStdString(p.topic);
        row.partition = p.partition;
        row.label = partitionLabel(p.topic, p.partition);
        row.committed = p.committedOffset;
        row.logEndOffset = p.logEndOffset;
        row.lag = p.lag;
        row.status = QString::fromStdString(p.status);
        row.statusText = lagStatusName(row.status);
        row.owner = p.owner.empty() ? -1 : -2;
        for (int i = 0; i < map.members.size(); ++i) {
            if (map.members[i].memberId == QString::fromStdString(p.owner)) {
                row.owner = i;
                break;
            }
        }
        if (row.owner == -2) // owner not among the members (just left): match by client id
            row.owner = map.memberIndex(QString::fromStdString(p.ownerClientId));
        const QString committed = row.committed < 0 ? tr("nothing committed yet")
                                                    : QString::number(row.committed);
        row.tip = tr("%1\ncommitted offset: %2 (where the group resumes)\n"
                     "log end offset: %3 (readable up to the high watermark)\n"
                     "lag: %4 records not yet committed\nstatus: %5")
                      .arg(row.label, committed)
                      .arg(row.logEndOffset)
                      .arg(row.lag)
                      .arg(lagStatusExplanation(row.status));
        if (row.owner >= 0) {
            map.links.push_back({static_cast<int>(map.partitions.size()), row.owner,
                                 map.members[row.owner].color});
            row.tip += QLatin1Char('\n') + tr("read by %1").arg(map.members[row.owner].clientId);
        } else {
            row.tip += QLatin1Char('\n') + tr("not assigned to any member");
        }
        map.partitions.push_back(row);
    }

    for (auto it = g.rebalances.rbegin(); it != g.rebalances.rend(); ++it) {
        Rebalance r;
        r.generation = it->generation;
        r.cause = QString::fromStdString(it->cause);
        r.causeCode = it->causeCode;
        r.causeClient = it->causeClient;
        r.causeLimitMs = it->causeLimit;
        r.startedMs = it->startedMs;
        if (it->joinCompletedMs >= 0)
            r.preparingMs = it->joinCompletedMs - it->startedMs;
        r.finished = it->completedMs >= 0;
        if (r.finished && it->joinCompletedMs >= 0)
            r.completingMs = it->completedMs - it->joinCompletedMs;
        // Each phase's state name and how long it took, in the UI language and units.
        const QString preparing = r.preparingMs >= 0 ? Units::duration(r.preparingMs) : tr("(now)");
        const QString completing = r.completingMs >= 0 ? Units::duration(r.completingMs) : tr("(now)");
        QString phases = tr("%1 %2").arg(groupStateName(QStringLiteral("PreparingRebalance")), preparing);
        if (r.preparingMs >= 0)
            phases += QStringLiteral(" → ")
                + tr("%1 %2").arg(groupStateName(QStringLiteral("CompletingRebalance")), completing);
        if (r.finished)
            phases += QStringLiteral(" → ") + groupStateName(QStringLiteral("Stable"));
        r.phases = phases;
        r.phasesShort = preparing;
        if (r.preparingMs >= 0)
            r.phasesShort += QStringLiteral(" → ") + completing;
        if (r.finished)
            r.phasesShort += QStringLiteral(" → ") + groupStateName(QStringLiteral("Stable"));
        // "orders-0: (none) -> consumer-1": the engine's "(none)" (no owner before / after) in
        // the UI language.
        const QString nobody = tr("(unassigned)");
        for (const auto &m : it->moved) {
            QString moved = QString::fromStdString(m);
            moved.replace(QStringLiteral(": (none) -> "), QStringLiteral(": %1 -> ").arg(nobody));
            if (moved.endsWith(QStringLiteral(" -> (none)")))
                moved = moved.chopped(6) + nobody;
            r.moved << moved.replace(QStringLiteral(" -> "), QStringLiteral(" → "));
        }
        r.movedText = r.moved.isEmpty() ? tr("no partition moved") : r.moved.join(QStringLiteral(", "));
        map.rebalances.push_back(r);
    }

    const bool anyActive = std::any_of(map.members.begin(), map.members.end(), [](const Member &m) {
        return m.simulated && isActive(m.state);
    });
    const bool dead = map.state == QLatin1String("Dead");
    map.addConsumer = dead ? Action{false, tr("the group is Dead: start a new one")}
                           : Action{true, tr("Start one more simulated consumer: it joins and "
                                             "the group rebalances")};
    map.stopGroup = anyActive ? Action{true, tr("Close every simulated consumer (LeaveGroup); "
                                                "committed offsets stay")}
                              : Action{false, tr("no running consumer to stop")};
    return map;
}

int GroupMap::memberIndex(const QString &clientId) const
{
    for (int i = 0; i < members.size(); ++i)
        if (members[i].clientId == clientId)
            return i;
    return -1;
}

const Member *GroupMap::member(const QString &clientId) const
{
    const int i = memberIndex(clientId);
    return i >= 0 ? &members[i] : nullptr;
}

int GroupMap::idleCount() const
{
    int n = 0;
    for (const Member &m : members)
        n += m.idle ? 1 : 0;
    return n;
}

} // namespace groupmap
