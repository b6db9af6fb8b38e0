// Uuid: Kafka's 128-bit id (org.apache.kafka.common.Uuid) for topic ids, the cluster id and log
// directory ids. Written as Kafka writes it: the 16 bytes (most significant long first) in
// URL-safe base64 without padding, 22 characters ("AAAAAAAAAAAAAAAAAAAAAA" is ZERO_UUID).
// random() draws from the caller's generator (the engine's seeded one), so runs repeat.
// Plain value type; any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace kl {

struct Uuid {
    uint64_t mostSignificantBits = 0;
    uint64_t leastSignificantBits = 0;

    // Kafka's Uuid.randomUuid: a version 4 UUID, never ZERO_UUID, the metadata topic id
    // (0, 1) or one whose text starts with '-' (it would look like a command-line flag).
    static Uuid random(std::mt19937_64 &rng);
    // Parses the 22-character base64url text; nullopt if it is not one.
    static std::optional<Uuid> fromString(std::string_view text);

    std::string toString() const;
    std::array<uint8_t, 16> bytes() const; // big-endian, as on the wire
    bool isZero() const { return mostSignificantBits == 0 && leastSignificantBits == 0; }
    bool operator==(const Uuid &) const = default;
};

} // namespace kl
