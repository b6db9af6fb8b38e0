// __consumer_offsets records as JSON, the way DumpLogSegments' OffsetsMessageParser prints them.
// The bytes are decoded by offsets_records / consumer_protocol; this file only chooses, per
// schema version, which fields Kafka's JSON converters write and in what order.
#include "group/offsets_json.h"

#include "group/consumer_protocol.h"
#include "group/offsets_records.h"

#include <fmt/format.h>

#include <span>
#include <vector>

namespace kl {

std::string jsonString(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        default:
            if (u < 0x20)
                out += fmt::format("\\u{:04X}", u);
            else
                out += c;
        }
    }
    return out + "\"";
}

std::string base64(std::string_view bytes)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const uint32_t n = (uint32_t(uint8_t(bytes[i])) << 16) | (uint32_t(uint8_t(bytes[i + 1])) << 8)
                           | uint8_t(bytes[i + 2]);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
        out += kAlphabet[n & 63];
    }
    if (const size_t rest = bytes.size() - i; rest > 0) {
        uint32_t n = uint32_t(uint8_t(bytes[i])) << 16;
        if (rest == 2)
            n |= uint32_t(uint8_t(bytes[i + 1])) << 8;
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

namespace {

std::string_view asChars(const std::vector<uint8_t> &b)
{
    return {reinterpret_cast<const char *>(b.data()), b.size()};
}

std::string nullableString(const std::optional<std::string> &s) { return s ? jsonString(*s) : "null"; }

std::string nullableBytes(const std::optional<std::vector<uint8_t>> &b)
{
    return b ? jsonString(base64(asChars(*b))) : "null";
}

// [{"topic":"t","partitions":[0,1]}, ...]: consecutive partitions of one topic are one element,
// as they were on the wire.
std::string topicPartitions(const std::vector<TopicPartition> &partitions)
{
    std::string out = "[";
    for (size_t i = 0; i < partitions.size();) {
        const std::string &topic = partitions[i].topic;
        out += out.size() > 1 ? ",{\"topic\":" : "{\"topic\":";
        out += jsonString(topic);
        out += ",\"partitions\":[";
        for (size_t j = i; i < partitions.size() && partitions[i].topic == topic; ++i) {
            if (i > j)
                out += ',';
            out += std::to_string(partitions[i].partition);
        }
        out += "]}";
    }
    return out + "]";
}

int16_t versionOf(const std::vector<uint8_t> &b) { return int16_t((b[0] << 8) | b[1]); }

// ConsumerProtocolSubscriptionJsonConverter: Kafka writes versions 0..3 only, so any other
// version (and bytes that do not decode) stays base64.
std::string subscriptionJson(const std::vector<uint8_t> &bytes)
{
    auto s = decodeSubscription(bytes);
    if (!s || s->version > kConsumerProtocolMaxVersion)
        return jsonString(base64(asChars(bytes)));
    std::string out = "{\"topics\":[";
    for (size_t i = 0; i < s->topics.size(); ++i) {
        if (i)
            out += ',';
        out += jsonString(s->topics[i]);
    }
    out += "],\"userData\":" + nullableBytes(s->userData);
    if (s->version >= 1)
        out += ",\"ownedPartitions\":" + topicPartitions(s->ownedPartitions);
    if (s->version >= 2)
        out += fmt::format(",\"generationId\":{}", s->generationId);
    if (s->version >= 3)
        out += ",\"rackId\":" + nullableString(s->rackId);
    return out + "}";
}

std::string assignmentJson(const std::vector<uint8_t> &bytes)
{
    auto a = decodeAssignment(bytes);
    if (!a || a->version > kConsumerProtocolMaxVersion)
        return jsonString(base64(asChars(bytes)));
    std::string out = "{\"assignedPartitions\":";
    out += topicPartitions(a->partitions);
    out += ",\"userData\":";
    out += nullableBytes(a->userData);
    return out + "}";
}

std::string offsetCommitValueJson(const OffsetCommitValue &v)
{
    std::string out = fmt::format("{{\"offset\":{}", v.offset);
    if (v.version >= 3)
        out += fmt::format(",\"leaderEpoch\":{}", v.leaderEpoch);
    out += ",\"metadata\":" + jsonString(v.metadata) + fmt::format(",\"commitTimestamp\":{}", v.commitTimestamp);
    if (v.version == 1)
        out += fmt::format(",\"expireTimestamp\":{}", v.expireTimestamp);
    return out + "}";
}

std::string groupMetadataValueJson(const GroupMetadataValue &v)
{
    const bool consumer = v.protocolType == "consumer";
    std::string out = "{\"protocolType\":";
    out += jsonString(v.protocolType);
    out += fmt::format(",\"generation\":{},\"protocol\":", v.generation);
    out += nullableString(v.protocol);
    out += ",\"leader\":";
    out += nullableString(v.leader);
    if (v.version >= 2)
        out += fmt::format(",\"currentStateTimestamp\":{}", v.currentStateTimestamp);
    out += ",\"members\":[";
    for (size_t i = 0; i < v.members.size(); ++i) {
        const GroupMemberMetadata &m = v.members[i];
        out += i ? ",{\"memberId\":" : "{\"memberId\":";
        out += jsonString(m.memberId);
        if (v.version >= 3)
            out += ",\"groupInstanceId\":" + nullableString(m.groupInstanceId);
        out += ",\"clientId\":" + jsonString(m.clientId) + ",\"clientHost\":" + jsonString(m.clientHost);
        if (v.version >= 1)
            out += fmt::format(",\"rebalanceTimeout\":{}", m.rebalanceTimeoutMs);
        out += fmt::format(",\"sessionTimeout\":{}", m.sessionTimeoutMs);
        out += ",\"subscription\":"
               + (consumer ? subscriptionJson(m.subscription) : jsonString(base64(asChars(m.subscription))));
        out += ",\"assignment\":"
               + (consumer ? assignmentJson(m.assignment) : jsonString(base64(asChars(m.assignment))));
        out += "}";
    }
    return out + "]}";
}

OffsetsRecordText skipped(int64_t offset, const std::string &why)
{
    return {fmt::format("Error at offset {}, skipping. {}", offset, why), std::nullopt};
}

} // namespace

Result<OffsetsRecordText> formatOffsetsRecord(int64_t offset, const std::optional<std::string> &key,
                                              const std::optional<std::string> &value)
{
    if (!key)
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("Failed to decode message at offset {} using offset topic decoder "
                                         "(message had a missing key)",
                                         offset));
    const std::vector<uint8_t> keyBytes(key->begin(), key->end());
    if (keyBytes.size() < 2)
        return skipped(offset, "Could not read version from key's buffer.");
    const int16_t type = versionOf(keyBytes);
    if (type < 0 || type > 15)
        return OffsetsRecordText{fmt::format("Unknown record type {} at offset {}, skipping.", type, offset),
                                 std::nullopt};
    if (type > 2)
        return OffsetsRecordText{
            fmt::format("Record type {} (a KIP-848 or share group record) at offset {} is not decoded by Kafka Lab, "
                        "skipping.",
                        type, offset),
            std::nullopt};
    const auto keyError = [&](const Status &st) {
        return skipped(offset, fmt::format("Could not read record with version {} from key's buffer due to: {}.", type,
                                           st.message()));
    };
    OffsetsRecordText text;
    const bool offsetCommit = type <= 1;
    if (offsetCommit) {
        auto k = decodeOffsetCommitKey(keyBytes);
        if (!k)
            return keyError(k.status());
        text.key = fmt::format("{{\"type\":\"{}\",\"data\":{{\"group\":{},\"topic\":{},\"partition\":{}}}}}", type,
                               jsonString(k->group), jsonString(k->topic), k->partition);
    } else {
        auto k = decodeGroupMetadataKey(keyBytes);
        if (!k)
            return keyError(k.status());
        text.key = fmt::format("{{\"type\":\"{}\",\"data\":{{\"group\":{}}}}}", type, jsonString(k->group));
    }
    if (!value) {
        text.payload = "<DELETE>";
        return text;
    }
    const std::vector<uint8_t> valueBytes(value->begin(), value->end());
    if (valueBytes.size() < 2)
        return skipped(offset, "Could not read version from value's buffer.");
    const int16_t version = versionOf(valueBytes);
    if (version == 4)
        return skipped(offset, "Value version 4 (the first flexible version) is not decoded by Kafka Lab.");
    const auto valueError = [&](const Status &st) {
        return skipped(offset, fmt::format("Could not read record with version {} from value's buffer due to: {}.",
                                           version, st.message()));
    };
    std::string data;
    if (offsetCommit) {
        auto v = decodeOffsetCommitValue(std::span<const uint8_t>(valueBytes));
        if (!v)
            return valueError(v.status());
        data = offsetCommitValueJson(**v);
    } else {
        auto v = decodeGroupMetadataValue(std::span<const uint8_t>(valueBytes));
        if (!v)
            return valueError(v.status());
        data = groupMetadataValueJson(**v);
    }
    text.payload = fmt::format("{{\"version\":\"{}\",\"data\":{}}}", version, data);
    return text;
}

} // namespace kl
