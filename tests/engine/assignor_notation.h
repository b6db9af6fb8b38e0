// The assignor tests' text notation, shared by test_assignors and assignor_driver (the bridge the
// kafka-python oracle script talks to):
//   topics   "t0:3,t1:3"                         topic:partitions
//   members  "C0=t0,t1|t0p0,t0p1@1;C1/i1=t0"    id[/group.instance.id]=topics[|owned@generation]
//   result   "C0=t0p0,t0p1;C1="                  every member, its partitions in order
// No Qt: plain std::string in and out.
#pragma once

#include "group/assignor.h"

#include <map>
#include <string>
#include <vector>

namespace kl::notation {

inline std::vector<std::string> split(const std::string &s, char sep)
{
    std::vector<std::string> out;
    if (s.empty())
        return out;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == sep) {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

inline TopicPartition parseTp(const std::string &s)
{
    const size_t p = s.rfind('p');
    return {s.substr(0, p), std::stoi(s.substr(p + 1))};
}

inline std::map<std::string, int32_t> parseTopics(const std::string &spec)
{
    std::map<std::string, int32_t> topics;
    for (const auto &t : split(spec, ',')) {
        const auto parts = split(t, ':');
        topics[parts[0]] = std::stoi(parts[1]);
    }
    return topics;
}

inline std::vector<MemberSubscription> parseMembers(const std::string &spec)
{
    std::vector<MemberSubscription> members;
    for (const auto &m : split(spec, ';')) {
        MemberSubscription sub;
        const size_t eq = m.find('=');
        std::string id = m.substr(0, eq);
        if (const size_t slash = id.find('/'); slash != std::string::npos) {
            sub.groupInstanceId = id.substr(slash + 1);
            id = id.substr(0, slash);
        }
        sub.memberId = id;
        std::string rest = m.substr(eq + 1);
        std::string owned;
        if (const size_t bar = rest.find('|'); bar != std::string::npos) {
            owned = rest.substr(bar + 1);
            rest = rest.substr(0, bar);
        }
        sub.topics = split(rest, ',');
        if (const size_t at = owned.find('@'); at != std::string::npos) {
            sub.generation = std::stoi(owned.substr(at + 1));
            owned = owned.substr(0, at);
        }
        for (const auto &tp : split(owned, ','))
            sub.ownedPartitions.push_back(parseTp(tp));
        members.push_back(sub);
    }
    return members;
}

inline std::string format(const GroupAssignment &a)
{
    std::string out;
    for (const auto &[member, partitions] : a) {
        if (!out.empty())
            out += ';';
        out.append(member).append("=");
        for (size_t i = 0; i < partitions.size(); ++i) {
            if (i)
                out.append(",");
            out.append(partitions[i].topic).append("p").append(std::to_string(partitions[i].partition));
        }
    }
    return out;
}

} // namespace kl::notation
