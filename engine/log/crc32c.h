// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as Kafka's RecordBatch v2 uses.
// crc32c("123456789") == 0xE3069283. Pure functions; any thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kl {

// Continue a CRC: pass the previous result as `crc` (0 to start).
uint32_t crc32cExtend(uint32_t crc, const uint8_t *data, size_t size);
inline uint32_t crc32c(const uint8_t *data, size_t size) { return crc32cExtend(0, data, size); }

// The two implementations crc32cExtend picks between at startup, exposed so tests can check
// both: SSE4.2's crc32 instruction, and a portable slicing-by-8 table. crc32cHardware may only
// be called when crc32cHardwareAvailable() is true.
bool crc32cHardwareAvailable();
uint32_t crc32cHardware(uint32_t crc, const uint8_t *data, size_t size);
uint32_t crc32cPortable(uint32_t crc, const uint8_t *data, size_t size);

} // namespace kl
