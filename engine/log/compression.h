// Compression codecs for record batches: gzip (zlib), snappy (raw, and xerial framing when
// reading), lz4 (LZ4 frame format), zstd (standard frame). Decompression streams: a
// ByteSource yields the plain bytes chunk by chunk, so reading a batch's records holds a codec's
// buffers and one chunk, never the whole decompressed batch (except raw snappy, one block by
// design, at most kMaxDecompressedSize). Pure functions and single-owner objects; any thread.
#pragma once

#include "core/status.h"
#include "log/record_batch.h"

#include <memory>

namespace kl {

// The most a compressed batch may decompress to (all codecs), and the largest window (zstd) or
// block (xerial snappy) a decoder will hold: what a hostile batch can make us hold at once.
constexpr size_t kMaxDecompressedSize = 64u << 20;
constexpr int kMaxZstdWindowLog = 25;                 // 32 MiB
constexpr size_t kMaxSnappyBlockSize = 32u << 20;     // one xerial block, decompressed

// A pull stream of bytes. next() returns the following bytes, an empty view at the end (and
// from then on); the view stays valid until the next call. An error is final.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    virtual Result<ByteView> next() = 0;
};

// All of `bytes` as one chunk.
class MemorySource final : public ByteSource {
public:
    explicit MemorySource(ByteView bytes) : m_bytes(bytes) {}
    Result<ByteView> next() override
    {
        const ByteView v = m_bytes;
        m_bytes = {};
        return v;
    }

private:
    ByteView m_bytes;
};

// A read cursor over a ByteSource that can hand out `n` contiguous bytes: from the source's
// chunk when they lie inside it, else copied into an owned window that never holds more than
// the largest n asked for. position() counts the bytes consumed.
class StreamWindow {
public:
    explicit StreamWindow(ByteSource &source) : m_source(source) {}
    // min(n, what is left) contiguous bytes at the cursor; fewer than n only at the end.
    Result<ByteView> peek(size_t n);
    // Whatever lies contiguous at the cursor (at least one byte unless at the end).
    Result<ByteView> peekSome();
    // Advances past n bytes of the last peek.
    void consume(size_t n);
    uint64_t position() const { return m_position; }

private:
    Status pull();
    ByteSource &m_source;
    ByteView m_chunk;      // the unread rest of the source's current chunk
    Bytes m_window;        // bytes copied out of earlier chunks, before m_chunk in the stream
    size_t m_windowPos = 0;
    bool m_ended = false;
    uint64_t m_position = 0;
};

// Decompresses the `inputSize` bytes `input` yields as `codec` (not None), streaming; the
// plain bytes come in chunks of at most 64 KiB (raw snappy: its one block), at most
// kMaxDecompressedSize in all. Errors read "<codec>: what, at which compressed byte".
std::unique_ptr<ByteSource> decompressingSource(Compression codec, ByteSource &input, uint64_t inputSize);

// Appends the compressed form of `input` to `out`. level -1 = the codec's default.
Status compress(Compression codec, ByteView input, Bytes &out, int32_t level = -1);
// Appends the decompressed form to `out`. Accepts xerial-framed and raw snappy.
Status decompress(Compression codec, ByteView input, Bytes &out);

} // namespace kl
