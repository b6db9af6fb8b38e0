// Encode/decode of the consumer protocol's subscription and assignment (see the header).
#include "group/consumer_protocol.h"

#include "group/wire_fields.h"

#include <fmt/format.h>

#include <algorithm>

namespace kl {

namespace {

using wire::FieldReader;
using wire::FieldWriter;

// [topic STRING, partitions [INT32]], grouped by topic in order of first appearance.
void writeTopicPartitions(FieldWriter &w, const std::vector<TopicPartition> &partitions)
{
    std::vector<std::pair<std::string, std::vector<int32_t>>> grouped;
    for (const auto &tp : partitions) {
        auto it = std::find_if(grouped.begin(), grouped.end(), [&](const auto &g) { return g.first == tp.topic; });
        if (it == grouped.end())
            grouped.push_back({tp.topic, {tp.partition}});
        else
            it->second.push_back(tp.partition);
    }
    w.arrayCount(grouped.size());
    for (const auto &[topic, list] : grouped) {
        w.string(topic);
        w.arrayCount(list.size());
        for (int32_t p : list)
            w.i32(p);
    }
}

bool readTopicPartitions(FieldReader &r, std::vector<TopicPartition> &out, std::string_view field)
{
    int32_t topics = 0;
    // Each element is at least a STRING length and an INT32 count.
    if (!r.arrayCount(topics, field, 6))
        return false;
    for (int32_t i = 0; i < topics; ++i) {
        std::string topic;
        int32_t count = 0;
        if (!r.string(topic, fmt::format("{}[{}].topic", field, i))
            || !r.arrayCount(count, fmt::format("{}[{}].partitions", field, i), 4))
            return false;
        for (int32_t j = 0; j < count; ++j) {
            int32_t p = 0;
            if (!r.i32(p, fmt::format("{}[{}].partitions[{}]", field, i, j)))
                return false;
            out.push_back({topic, p});
        }
    }
    return true;
}

Status checkEncodable(int16_t version, std::string_view what, const std::vector<std::string> &strings)
{
    if (version < 0 || version > kConsumerProtocolMaxVersion)
        return Status::error(ErrorCode::UnsupportedVersion,
                             fmt::format("{}: version {} is not in 0..{}", what, version, kConsumerProtocolMaxVersion));
    for (const auto &s : strings) {
        if (!wire::fitsString(s))
            return Status::error(ErrorCode::InvalidRequest,
                                 fmt::format("{}: a string of {} bytes does not fit an INT16 length", what, s.size()));
    }
    return Status::ok();
}

std::vector<std::string> topicsOf(const std::vector<TopicPartition> &partitions)
{
    std::vector<std::string> topics;
    for (const auto &tp : partitions)
        topics.push_back(tp.topic);
    return topics;
}

} // namespace

Result<std::vector<uint8_t>> encodeSubscription(const ConsumerSubscription &s)
{
    std::vector<std::string> strings = s.topics;
    for (auto &t : topicsOf(s.ownedPartitions))
        strings.push_back(std::move(t));
    if (s.rackId)
        strings.push_back(*s.rackId);
    if (Status st = checkEncodable(s.version, "ConsumerProtocolSubscription", strings); !st)
        return st;

    std::vector<uint8_t> out;
    FieldWriter w(out);
    w.i16(s.version);
    w.arrayCount(s.topics.size());
    for (const auto &t : s.topics)
        w.string(t);
    w.nullableBytes(s.userData);
    if (s.version >= 1)
        writeTopicPartitions(w, s.ownedPartitions);
    if (s.version >= 2)
        w.i32(s.generationId);
    if (s.version >= 3)
        w.nullableString(s.rackId);
    return out;
}

Result<ConsumerSubscription> decodeSubscription(std::span<const uint8_t> data)
{
    FieldReader r(data, "ConsumerProtocolSubscription", ErrorCode::InvalidRequest);
    ConsumerSubscription s;
    if (!r.i16(s.version, "version"))
        return r.status();
    if (s.version < 0) {
        r.fail("version", fmt::format("is {}, not a valid version", s.version), 0);
        return r.status();
    }
    const int16_t layout = std::min(s.version, kConsumerProtocolMaxVersion);
    int32_t topics = 0;
    if (!r.arrayCount(topics, "topics", 2))
        return r.status();
    for (int32_t i = 0; i < topics; ++i) {
        std::string t;
        if (!r.string(t, fmt::format("topics[{}]", i)))
            return r.status();
        s.topics.push_back(std::move(t));
    }
    r.nullableBytes(s.userData, "userData");
    if (layout >= 1)
        readTopicPartitions(r, s.ownedPartitions, "ownedPartitions");
    if (layout >= 2)
        r.i32(s.generationId, "generationId");
    if (layout >= 3)
        r.nullableString(s.rackId, "rackId");
    if (!r.ok())
        return r.status();
    return s; // trailing bytes (a newer version's fields) are ignored, as Kafka does
}

Result<std::vector<uint8_t>> encodeAssignment(const ConsumerAssignment &a)
{
    if (Status st = checkEncodable(a.version, "ConsumerProtocolAssignment", topicsOf(a.partitions)); !st)
        return st;
    std::vector<uint8_t> out;
    FieldWriter w(out);
    w.i16(a.version);
    writeTopicPartitions(w, a.partitions);
    w.nullableBytes(a.userData);
    return out;
}

Result<ConsumerAssignment> decodeAssignment(std::span<const uint8_t> data)
{
    FieldReader r(data, "ConsumerProtocolAssignment", ErrorCode::InvalidRequest);
    ConsumerAssignment a;
    if (!r.i16(a.version, "version"))
        return r.status();
    if (a.version < 0) {
        r.fail("version", fmt::format("is {}, not a valid version", a.version), 0);
        return r.status();
    }
    readTopicPartitions(r, a.partitions, "assignedPartitions");
    r.nullableBytes(a.userData, "userData");
    if (!r.ok())
        return r.status();
    return a;
}

} // namespace kl
