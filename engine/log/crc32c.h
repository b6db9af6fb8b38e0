// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as Kafka's RecordBatch v2 uses.
// crc32c("123456789") == 0xE3069283. Pure functions; any thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kl {

// Continue a CRC: pass the previous result as `crc` (0 to start).
uint32_t crc32cExtend(uint32_t crc, const uint8_t *data, size_t size);
inline uint32_t crc32c(const uint8_t *data, size_t size) { return crc32cExtend(0, data, size); }

} // namespace kl
