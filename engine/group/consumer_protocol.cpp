// Encode/decode of the consumer protocol's subscription and assignment (see the header).
#include "group/consumer_protocol.h"

#include "core/java_string.h"
#include "codec/codec.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace kl {

namespace {

using proto::Reader;
using proto::Writer;

constexpr const char *kSubscription = "ConsumerProtocolSubscription";
constexpr const char *kAssignment = "ConsumerProtocolAssignment";

void writeNullableBytes(Writer &w, const std::optional<std::vector<uint8_t>> &b)
{
    if (b)
        w.bytes(*b);
    else
        w.nullBytes();
}

std::optional<std::vector<uint8_t>> readNullableBytes(Reader &r, const char *what)
{
    auto b = r.nullableBytes(what);
    if (!b)
        return std::nullopt;
    return std::vector<uint8_t>(b->begin(), b->end());
}

// [topic STRING, partitions [INT32]], grouped by topic in order of first appearance.
void writeTopicPartitions(Writer &w, const std::vector<TopicPartition> &partitions)
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

bool readTopicPartitions(Reader &r, std::vector<TopicPartition> &out, std::string_view field)
{
    // Each element is at least a STRING length and an INT32 count.
    const int32_t topics = r.requiredArrayCount(std::string(field).c_str(), 6);
    for (int32_t i = 0; i < topics && r.ok(); ++i) {
        const std::string at = fmt::format("{}[{}]", field, i);
        std::string topic = r.string((at + ".topic").c_str());
        const int32_t count = r.requiredArrayCount((at + ".partitions").c_str(), 4);
        for (int32_t j = 0; j < count && r.ok(); ++j) {
            const int32_t p = r.i32(fmt::format("{}.partitions[{}]", at, j).c_str());
            if (r.ok())
                out.push_back({topic, p});
        }
    }
    return r.ok();
}

Status checkEncodable(int16_t version, std::string_view what, const std::vector<std::string> &strings)
{
    if (version < 0 || version > kConsumerProtocolMaxVersion)
        return Status::error(ErrorCode::UnsupportedVersion,
                             fmt::format("{}: version {} is not in 0..{}", what, version, kConsumerProtocolMaxVersion));
    for (const auto &s : strings) {
        if (!proto::fitsClassicString(s))
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
    Writer w(out, false);
    w.i16(s.version);
    w.arrayCount(s.topics.size());
    for (const auto &t : s.topics)
        w.string(t);
    writeNullableBytes(w, s.userData);
    if (s.version >= 1)
        writeTopicPartitions(w, s.ownedPartitions);
    if (s.version >= 2)
        w.i32(s.generationId);
    if (s.version >= 3)
        w.nullableString(s.rackId ? std::optional<std::string_view>(*s.rackId) : std::nullopt);
    return out;
}

Result<ConsumerSubscription> decodeSubscription(std::span<const uint8_t> data)
{
    Reader r(data, false);
    ConsumerSubscription s;
    s.version = r.i16("version");
    if (!r.ok())
        return r.status(kSubscription);
    if (s.version < 0) {
        r.fail("version", fmt::format("{} is not a valid version", s.version));
        return r.status(kSubscription);
    }
    const int16_t layout = std::min(s.version, kConsumerProtocolMaxVersion);
    const int32_t topics = r.requiredArrayCount("topics", 2);
    for (int32_t i = 0; i < topics && r.ok(); ++i) {
        std::string t = r.string(fmt::format("topics[{}]", i).c_str());
        if (r.ok())
            s.topics.push_back(std::move(t));
    }
    s.userData = readNullableBytes(r, "userData");
    if (layout >= 1)
        readTopicPartitions(r, s.ownedPartitions, "ownedPartitions");
    if (layout >= 2)
        s.generationId = r.i32("generationId");
    if (layout >= 3)
        s.rackId = r.nullableString("rackId");
    if (!r.ok())
        return r.status(kSubscription);
    return s; // trailing bytes (a newer version's fields) are ignored, as Kafka does
}

Result<std::vector<uint8_t>> encodeAssignment(const ConsumerAssignment &a)
{
    if (Status st = checkEncodable(a.version, "ConsumerProtocolAssignment", topicsOf(a.partitions)); !st)
        return st;
    std::vector<uint8_t> out;
    Writer w(out, false);
    w.i16(a.version);
    writeTopicPartitions(w, a.partitions);
    writeNullableBytes(w, a.userData);
    return out;
}

Result<ConsumerAssignment> decodeAssignment(std::span<const uint8_t> data)
{
    Reader r(data, false);
    ConsumerAssignment a;
    a.version = r.i16("version");
    if (!r.ok())
        return r.status(kAssignment);
    if (a.version < 0) {
        r.fail("version", fmt::format("{} is not a valid version", a.version));
        return r.status(kAssignment);
    }
    readTopicPartitions(r, a.partitions, "assignedPartitions");
    a.userData = readNullableBytes(r, "userData");
    if (!r.ok())
        return r.status(kAssignment);
    return a;
}

// --- assignors' userData

Result<std::vector<uint8_t>> encodeStickyUserData(const StickyUserData &data)
{
    std::vector<std::string> topics;
    std::map<std::string, std::vector<int32_t>> byTopic;
    for (const auto &tp : data.previousAssignment) {
        if (!byTopic.count(tp.topic))
            topics.push_back(tp.topic);
        byTopic[tp.topic].push_back(tp.partition);
    }
    for (const auto &t : topics)
        if (!proto::fitsClassicString(t))
            return Status::error(ErrorCode::InvalidRequest,
                fmt::format("StickyAssignorUserData: a topic name of {} bytes does not fit an INT16 length", t.size()));
    std::vector<uint8_t> out;
    Writer w(out, false);
    w.arrayCount(topics.size());
    for (const auto &t : javaHashMapOrder(topics)) {
        w.string(t);
        const auto &partitions = byTopic.at(t);
        w.arrayCount(partitions.size());
        for (int32_t p : partitions)
            w.i32(p);
    }
    if (data.generation)
        w.i32(*data.generation);
    return out;
}

Result<StickyUserData> decodeStickyUserData(std::span<const uint8_t> data)
{
    // Java reads the v1 schema and falls back to v0 (no generation) when that fails.
    StickyUserData v1;
    Reader r(data, false);
    if (readTopicPartitions(r, v1.previousAssignment, "previous_assignment")) {
        const int32_t generation = r.i32("generation");
        if (r.ok()) {
            v1.generation = generation;
            return v1;
        }
        StickyUserData v0;
        v0.previousAssignment = std::move(v1.previousAssignment);
        return v0;
    }
    return r.status("StickyAssignorUserData");
}

std::vector<uint8_t> encodeCooperativeStickyUserData(int32_t generation)
{
    std::vector<uint8_t> out;
    Writer w(out, false);
    w.i32(generation);
    return out;
}

Result<int32_t> decodeCooperativeStickyUserData(std::span<const uint8_t> data)
{
    Reader r(data, false);
    const int32_t generation = r.i32("generation");
    if (!r.ok())
        return r.status("CooperativeStickyAssignorUserData");
    return generation;
}

std::vector<std::string> javaHashMapOrder(const std::vector<std::string> &keys)
{
    // HashMap.computeIfAbsent, step by step: the table is created (16) or doubled before an
    // insertion once size > 3/4 of it, a new key goes to the HEAD of its bin, and a bin that
    // already held 7 keys makes a table below 64 double (treeifyBin). A resize moves every bin's
    // keys in order, so the relative order inside a bin survives.
    using Bin = std::vector<std::pair<uint32_t, std::string>>; // (HashMap.hash, key), head first
    std::vector<Bin> table;
    size_t size = 0;
    auto index = [&table](uint32_t hash) { return hash & static_cast<uint32_t>(table.size() - 1); };
    auto resize = [&table, &index] {
        std::vector<Bin> old = std::move(table);
        table.assign(old.empty() ? 16 : old.size() * 2, Bin {});
        for (auto &bin : old)
            for (auto &entry : bin)
                table[index(entry.first)].push_back(std::move(entry));
    };
    for (const auto &key : keys) {
        if (table.empty() || static_cast<double>(size) > 0.75 * static_cast<double>(table.size()))
            resize();
        const auto h = static_cast<uint32_t>(javaStringHashCode(key));
        const uint32_t hash = h ^ (h >> 16);
        Bin &bin = table[index(hash)];
        if (std::any_of(bin.begin(), bin.end(), [&](const auto &e) { return e.second == key; }))
            continue;
        const size_t binCount = bin.size();
        bin.insert(bin.begin(), {hash, key});
        ++size;
        if (binCount >= 7 && table.size() < 64)
            resize();
    }
    std::vector<std::string> out;
    for (auto &bin : table)
        for (auto &entry : bin)
            out.push_back(std::move(entry.second));
    return out;
}

Result<std::vector<uint8_t>> encodeJavaClientSubscription(std::string_view assignor, const JavaClientState &state)
{
    ConsumerSubscription s;
    s.version = kConsumerProtocolMaxVersion;
    s.topics = state.topics;
    std::sort(s.topics.begin(), s.topics.end());
    s.topics.erase(std::unique(s.topics.begin(), s.topics.end()), s.topics.end());
    s.ownedPartitions = state.owned;
    std::sort(s.ownedPartitions.begin(), s.ownedPartitions.end());
    s.generationId = state.generation;
    if (assignor == "sticky") {
        // StickyAssignor.subscriptionUserData: null until its first assignment.
        if (state.lastAssignmentGeneration >= 0) {
            auto userData = encodeStickyUserData({state.lastAssignment, state.lastAssignmentGeneration});
            if (!userData)
                return userData.status();
            s.userData = std::move(*userData);
        }
    } else if (assignor == "cooperative-sticky") {
        s.userData = encodeCooperativeStickyUserData(state.lastAssignmentGeneration);
    }
    return encodeSubscription(s);
}

PreviousOwnership previousOwnership(std::string_view assignor, const ConsumerSubscription &s)
{
    PreviousOwnership out;
    if (assignor == "sticky") {
        // StickyAssignor.memberData: always the userData, since an eager member owns nothing now.
        if (!s.userData || s.userData->empty())
            return out;
        if (auto decoded = decodeStickyUserData(*s.userData)) {
            out.partitions = decoded->previousAssignment;
            out.generation = decoded->generation.value_or(-1);
        }
        return out;
    }
    out.partitions = s.ownedPartitions;
    if (assignor == "cooperative-sticky" && s.generationId < 0) {
        // CooperativeStickyAssignor.memberData: a pre-v2 subscription's generation is in userData.
        if (s.userData)
            if (auto generation = decodeCooperativeStickyUserData(*s.userData))
                out.generation = *generation;
        return out;
    }
    out.generation = s.generationId;
    return out;
}

} // namespace kl
