// Java's String.hashCode, which Kafka uses where a string picks a place: the group's
// __consumer_offsets partition (GroupCoordinator.partitionFor) and the iteration order of the
// HashMaps the Java client serializes (StickyAssignor's userData, see consumer_protocol.h).
// Pure functions; any thread.
#pragma once

#include <cstdint>
#include <string_view>

namespace kl {

// Java's String.hashCode(): s[0]*31^(n-1) + ... + s[n-1] over UTF-16 code units, in 32-bit
// two's complement arithmetic. `s` is UTF-8; characters outside the BMP count as their two
// surrogates, malformed bytes as U+FFFD (what Java's decoder would produce).
int32_t javaStringHashCode(std::string_view s);

} // namespace kl
