// `dump-log --offsets-decoder`: a __consumer_offsets record as Kafka's DumpLogSegments prints it
// (its OffsetsMessageParser, Kafka 4.x). The key becomes {"type":"<key version>","data":{...}}
// and the value {"version":"<value version>","data":{...}}, compact JSON with the fields in
// schema order as Kafka's generated JSON converters write them (OffsetCommitKey/Value,
// GroupMetadataKey/Value): only the fields the version has, nullable strings as null, BYTES as
// base64. For a "consumer" group each member's subscription and assignment bytes are replaced
// by their decoded ConsumerProtocolSubscription / ConsumerProtocolAssignment JSON (kept as
// base64 when they do not decode). A tombstone's payload is <DELETE>.
// A key that cannot be read gives Kafka's "Error at offset N, skipping. ..." as the key and no
// payload; a key version Kafka does not know, "Unknown record type V at offset N, skipping.".
// Kafka Lab differs (and says so in the key text) for the KIP-848 / share-group record types
// 3..15 and for the flexible value version 4, which Kafka writes for none of the classic
// records: it does not decode them.
// Pure function; any thread.
#pragma once

#include "core/status.h"

#include <cstdint>
#include <optional>
#include <string>

namespace kl {

struct OffsetsRecordText {
    std::optional<std::string> key;
    std::optional<std::string> payload;
};

// CORRUPT_MESSAGE only for a record without a key (Kafka's tool stops there with
// "Failed to decode message at offset N using offset topic decoder (message had a missing key)").
Result<OffsetsRecordText> formatOffsetsRecord(int64_t offset, const std::optional<std::string> &key,
                                              const std::optional<std::string> &value);

// JSON text of a string as Jackson writes it: quotes, backslash, and the control characters
// escaped (\b \t \n \f \r short forms, others \u00XX); everything else as is.
std::string jsonString(std::string_view text);
// Standard base64 with padding (how Jackson writes a BYTES field).
std::string base64(std::string_view bytes);

} // namespace kl
