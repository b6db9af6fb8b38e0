// Compression codecs for record batches: gzip (zlib), snappy (raw, and xerial framing when
// reading), lz4 (LZ4 frame format), zstd (standard frame). Pure functions; any thread.
#pragma once

#include "core/status.h"
#include "log/record_batch.h"

namespace kl {

// Appends the compressed form of `input` to `out`. level -1 = the codec's default.
Status compress(Compression codec, ByteView input, Bytes &out, int32_t level = -1);
// Appends the decompressed form to `out`. Accepts xerial-framed and raw snappy.
Status decompress(Compression codec, ByteView input, Bytes &out);

} // namespace kl
