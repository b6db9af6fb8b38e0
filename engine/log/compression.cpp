// Record batch codecs over zlib, snappy, lz4 (frame) and zstd. Decompression streams (a
// ByteSource per codec) and never produces more than kMaxDecompressedSize bytes in all, nor
// holds more than one zstd window / xerial block, so a hostile batch cannot blow up memory.
#include "log/compression.h"

#include "log/bytes.h"

#include <fmt/format.h>
#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <algorithm>
#include <cstring>
#include <snappy-sinksource.h>

namespace kl {

namespace {

constexpr size_t kChunk = 64u << 10;
constexpr uint8_t kXerialMagic[8] = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
constexpr size_t kXerialHeaderSize = 16; // magic + int32 version + int32 compatible version

Status corrupt(Compression codec, std::string message)
{
    return Status::error(ErrorCode::CorruptMessage,
                         fmt::format("{}: {}", compressionName(codec), message));
}

Status tooLarge(Compression codec)
{
    return corrupt(codec, fmt::format("decompressed data exceeds the {} MiB limit",
                                      kMaxDecompressedSize >> 20));
}

// ---- gzip ----

Status gzipCompress(ByteView in, Bytes &out, int32_t level)
{
    z_stream z{};
    // windowBits 15 + 16: a gzip header and trailer, as Kafka's GZIPOutputStream writes.
    if (deflateInit2(&z, level < 0 ? Z_DEFAULT_COMPRESSION : std::min(level, 9), Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return Status::error(ErrorCode::UnknownServerError, "gzip: deflateInit2 failed");
    const size_t start = out.size();
    out.resize(start + deflateBound(&z, static_cast<uLong>(in.size())));
    z.next_in = const_cast<Bytef *>(in.data());
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = out.data() + start;
    z.avail_out = static_cast<uInt>(out.size() - start);
    const int rc = deflate(&z, Z_FINISH);
    out.resize(start + z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END)
        return Status::error(ErrorCode::UnknownServerError, fmt::format("gzip: deflate failed ({})", rc));
    return Status::ok();
}

// ---- snappy ----

// ---- lz4 (frame format) ----

// The frame is shaped like the one Kafka's Java producer writes (Lz4BlockOutputStream, formerly
// KafkaLZ4BlockOutputStream), because its reader rejects anything else ("Dependent block stream
// is unsupported"):
//   04 22 4D 18  magic 0x184D2204, little-endian
//   60           FLG: version 01, block independence 1, no block checksum, no content size,
//                no content checksum
//   40           BD: block maximum size 64 KiB (code 4)
//   HC           (xxh32(FLG, BD) >> 8) & 0xFF, computed by LZ4F
// then blocks of at most 64 KiB, each with a u32 LE size (high bit set = stored uncompressed)
// and decodable without its predecessor, then the end mark 00 00 00 00 and no checksum.
Status lz4Compress(ByteView in, Bytes &out, int32_t level)
{
    LZ4F_preferences_t prefs{};
    prefs.compressionLevel = level < 0 ? 0 : level; // 0 = fast, as Java's default fastCompressor
    prefs.frameInfo.blockSizeID = LZ4F_max64KB;
    prefs.frameInfo.blockMode = LZ4F_blockIndependent;
    prefs.frameInfo.contentChecksumFlag = LZ4F_noContentChecksum;
    prefs.frameInfo.blockChecksumFlag = LZ4F_noBlockChecksum;
    prefs.frameInfo.frameType = LZ4F_frame;
    prefs.frameInfo.contentSize = 0; // Java writes none, and older Kafka readers cannot skip one
    const size_t start = out.size();
    out.resize(start + LZ4F_compressFrameBound(in.size(), &prefs));
    const size_t n = LZ4F_compressFrame(out.data() + start, out.size() - start, in.data(), in.size(), &prefs);
    if (LZ4F_isError(n)) {
        out.resize(start);
        return Status::error(ErrorCode::UnknownServerError,
                             fmt::format("lz4: {}", LZ4F_getErrorName(n)));
    }
    out.resize(start + n);
    return Status::ok();
}

// ---- zstd ----

Status zstdCompress(ByteView in, Bytes &out, int32_t level)
{
    const size_t start = out.size();
    out.resize(start + ZSTD_compressBound(in.size()));
    const size_t n = ZSTD_compress(out.data() + start, out.size() - start, in.data(), in.size(),
                                   level < 0 ? ZSTD_CLEVEL_DEFAULT : level);
    if (ZSTD_isError(n)) {
        out.resize(start);
        return Status::error(ErrorCode::UnknownServerError, fmt::format("zstd: {}", ZSTD_getErrorName(n)));
    }
    out.resize(start + n);
    return Status::ok();
}

// ---- streaming decompression ----

// The input of a decompressor: the compressed bytes as the source yields them, with the count
// consumed so far (error positions are "compressed byte N").
struct Input {
    explicit Input(ByteSource &s) : source(s) {}
    ByteSource &source;
    ByteView chunk;
    uint64_t consumedBefore = 0; // bytes of the chunks before `chunk`
    bool ended = false;
    // Fetches the next chunk once `chunk` is used up; false on a source error (in `status`).
    bool refill(Status &status)
    {
        while (chunk.empty() && !ended) {
            auto r = source.next();
            if (!r) {
                status = r.status();
                return false;
            }
            if (r->empty())
                ended = true;
            chunk = *r;
        }
        return true;
    }
};

// The output side shared by the streaming codecs: a 64 KiB buffer, and the total produced,
// which may not pass kMaxDecompressedSize.
class CodecSource : public ByteSource {
protected:
    CodecSource(Compression codec, ByteSource &input) : m_codec(codec), m_in(input) {}
    // Room for the next call of the codec, 0 when the limit is reached.
    size_t room() const { return std::min(kChunk, kMaxDecompressedSize - m_produced); }
    Result<ByteView> produced(size_t n)
    {
        m_produced += n;
        return ByteView(m_out.data(), n);
    }
    Result<ByteView> fail(Status s)
    {
        m_failed = s;
        return s;
    }
    Compression m_codec;
    Input m_in;
    Bytes m_out = Bytes(kChunk);
    size_t m_produced = 0;
    bool m_done = false;
    Status m_failed;
};

class GzipSource final : public CodecSource {
public:
    explicit GzipSource(ByteSource &input) : CodecSource(Compression::Gzip, input)
    {
        // 15 + 32: accept a gzip or zlib header, whichever is there.
        m_ok = inflateInit2(&m_z, 15 + 32) == Z_OK;
    }
    ~GzipSource() override
    {
        if (m_ok)
            inflateEnd(&m_z);
    }
    Result<ByteView> next() override
    {
        if (!m_failed)
            return m_failed;
        if (!m_ok)
            return fail(Status::error(ErrorCode::UnknownServerError, "gzip: inflateInit2 failed"));
        while (!m_done) {
            const size_t n = room();
            if (n == 0)
                return fail(tooLarge(m_codec));
            Status s;
            if (!m_in.refill(s))
                return fail(s);
            m_z.next_in = const_cast<Bytef *>(m_in.chunk.data());
            m_z.avail_in = static_cast<uInt>(std::min<size_t>(m_in.chunk.size(), UINT32_MAX));
            const uInt availIn = m_z.avail_in;
            m_z.next_out = m_out.data();
            m_z.avail_out = static_cast<uInt>(n);
            const int rc = inflate(&m_z, Z_NO_FLUSH);
            const size_t used = availIn - m_z.avail_in;
            m_in.chunk = m_in.chunk.subspan(used);
            m_in.consumedBefore += used;
            const size_t got = n - m_z.avail_out;
            if (rc == Z_STREAM_END)
                m_done = true; // bytes after the stream are ignored, as GZIPInputStream does
            else if (rc != Z_OK && rc != Z_BUF_ERROR)
                return fail(corrupt(m_codec, fmt::format("{} at compressed byte {}",
                                                         m_z.msg ? m_z.msg : "error " + std::to_string(rc),
                                                         m_in.consumedBefore)));
            if (got > 0)
                return produced(got);
            if (!m_done && m_in.chunk.empty() && m_in.ended)
                return fail(corrupt(m_codec, fmt::format("truncated stream after {} compressed bytes",
                                                         m_in.consumedBefore)));
        }
        return ByteView{};
    }

private:
    z_stream m_z{};
    bool m_ok = false;
};

class ZstdSource final : public CodecSource {
public:
    explicit ZstdSource(ByteSource &input) : CodecSource(Compression::Zstd, input)
    {
        m_ds = ZSTD_createDCtx();
        // A frame may ask for a window of up to 2 GiB; Kafka's producers use far less.
        if (m_ds)
            ZSTD_DCtx_setParameter(m_ds, ZSTD_d_windowLogMax, kMaxZstdWindowLog);
    }
    ~ZstdSource() override { ZSTD_freeDCtx(m_ds); }
    Result<ByteView> next() override
    {
        if (!m_failed)
            return m_failed;
        if (!m_ds)
            return fail(Status::error(ErrorCode::UnknownServerError, "zstd: cannot create a stream"));
        while (!m_done) {
            const size_t n = room();
            if (n == 0)
                return fail(tooLarge(m_codec));
            Status s;
            if (!m_in.refill(s))
                return fail(s);
            if (m_frameDone) {
                // Several frames back to back are legal: go on while input remains.
                if (m_in.chunk.empty()) {
                    m_done = true;
                    break;
                }
                m_frameDone = false;
            }
            ZSTD_inBuffer input{m_in.chunk.data(), m_in.chunk.size(), 0};
            ZSTD_outBuffer output{m_out.data(), n, 0};
            const uint64_t before = m_in.consumedBefore;
            const size_t rc = ZSTD_decompressStream(m_ds, &output, &input);
            m_in.chunk = m_in.chunk.subspan(input.pos);
            m_in.consumedBefore += input.pos;
            if (ZSTD_isError(rc)) {
                std::string why = ZSTD_getErrorName(rc);
                if (ZSTD_getErrorCode(rc) == ZSTD_error_frameParameter_windowTooLarge)
                    why += fmt::format(" (the frame asks for a window above the {} MiB Kafka Lab decodes)",
                                       (size_t(1) << kMaxZstdWindowLog) >> 20);
                return fail(corrupt(m_codec, fmt::format("{} near compressed byte {}", why, before)));
            }
            if (rc == 0)
                m_frameDone = true;
            if (output.pos > 0)
                return produced(output.pos);
            if (rc != 0 && input.pos == 0 && m_in.chunk.empty() && m_in.ended)
                return fail(corrupt(m_codec, fmt::format("truncated frame after {} compressed bytes",
                                                         m_in.consumedBefore)));
            if (input.pos == 0 && !m_in.chunk.empty()) // no progress with input and room: never loop
                return fail(corrupt(m_codec, fmt::format("the decoder is stuck near compressed byte {}", before)));
        }
        return ByteView{};
    }

private:
    ZSTD_DCtx *m_ds = nullptr;
    bool m_frameDone = false;
};

class Lz4Source final : public CodecSource {
public:
    explicit Lz4Source(ByteSource &input) : CodecSource(Compression::Lz4, input)
    {
        if (LZ4F_isError(LZ4F_createDecompressionContext(&m_ctx, LZ4F_VERSION)))
            m_ctx = nullptr;
    }
    ~Lz4Source() override
    {
        if (m_ctx)
            LZ4F_freeDecompressionContext(m_ctx);
    }
    Result<ByteView> next() override
    {
        if (!m_failed)
            return m_failed;
        if (!m_ctx)
            return fail(Status::error(ErrorCode::UnknownServerError, "lz4: cannot create a context"));
        while (!m_done) {
            const size_t n = room();
            if (n == 0)
                return fail(tooLarge(m_codec));
            Status s;
            if (!m_in.refill(s))
                return fail(s);
            size_t dstSize = n;
            size_t srcSize = m_in.chunk.size();
            const uint64_t before = m_in.consumedBefore;
            const size_t hint = LZ4F_decompress(m_ctx, m_out.data(), &dstSize, m_in.chunk.data(), &srcSize, nullptr);
            m_in.chunk = m_in.chunk.subspan(srcSize);
            m_in.consumedBefore += srcSize;
            if (LZ4F_isError(hint))
                return fail(corrupt(m_codec, fmt::format("{} near compressed byte {}", LZ4F_getErrorName(hint), before)));
            if (hint == 0)
                m_done = true; // the frame is complete
            if (dstSize > 0)
                return produced(dstSize);
            if (!m_done && srcSize == 0 && m_in.chunk.empty() && m_in.ended)
                return fail(corrupt(m_codec, fmt::format("truncated frame after {} compressed bytes",
                                                         m_in.consumedBefore)));
            if (!m_done && srcSize == 0 && !m_in.chunk.empty()) // no progress with input and room: never loop
                return fail(corrupt(m_codec, fmt::format("the decoder is stuck near compressed byte {}", before)));
        }
        return ByteView{};
    }

private:
    LZ4F_dctx *m_ctx = nullptr;
};

// snappy's Source over a StreamWindow, limited to `size` bytes (one block).
class SnappyInput final : public snappy::Source {
public:
    SnappyInput(StreamWindow &w, uint64_t size) : m_w(w), m_left(size) {}
    size_t Available() const override { return static_cast<size_t>(m_left); }
    const char *Peek(size_t *len) override
    {
        *len = 0;
        if (m_left == 0 || !m_error)
            return nullptr;
        auto r = m_w.peekSome();
        if (!r) {
            m_error = r.status();
            return nullptr;
        }
        *len = static_cast<size_t>(std::min<uint64_t>(r->size(), m_left));
        return reinterpret_cast<const char *>(r->data());
    }
    void Skip(size_t n) override
    {
        m_w.consume(n);
        m_left -= n;
    }
    uint64_t left() const { return m_left; }
    const Status &error() const { return m_error; }

private:
    StreamWindow &m_w;
    uint64_t m_left;
    Status m_error;
};

// Raw snappy (one block, as librdkafka writes) or xerial framing (Java client, kafka-python):
// a 16-byte header, then [int32 length][raw block]... Each block is decompressed whole.
class SnappySource final : public ByteSource {
public:
    SnappySource(ByteSource &input, uint64_t size) : m_w(input), m_size(size) {}
    Result<ByteView> next() override
    {
        // Empty blocks give nothing to hand out: go on to the next one.
        for (;;) {
            auto r = nextBlock();
            if (!r || !r->empty() || m_done)
                return r;
        }
    }

private:
    Result<ByteView> nextBlock()
    {
        if (!m_failed)
            return m_failed;
        if (m_done)
            return ByteView{};
        if (!m_started) {
            m_started = true;
            auto head = m_w.peek(kXerialHeaderSize);
            if (!head)
                return fail(head.status());
            m_xerial = head->size() == kXerialHeaderSize && std::memcmp(head->data(), kXerialMagic, 8) == 0;
            if (!m_xerial) {
                m_done = true;
                return block(m_size, 0, kMaxDecompressedSize);
            }
            m_w.consume(kXerialHeaderSize);
        }
        const uint64_t pos = m_w.position();
        if (pos >= m_size) {
            m_done = true;
            return ByteView{};
        }
        if (m_size - pos < 4)
            return fail(corrupt(Compression::Snappy, fmt::format("truncated xerial block length at byte {}", pos)));
        auto len = m_w.peek(4);
        if (!len)
            return fail(len.status());
        if (len->size() < 4)
            return fail(corrupt(Compression::Snappy, fmt::format("truncated xerial block length at byte {}", pos)));
        const int32_t length = bytes::getI32(len->data());
        if (length < 0 || static_cast<uint64_t>(length) > m_size - pos - 4)
            return fail(corrupt(Compression::Snappy, fmt::format("xerial block at byte {} says {} bytes, {} remain",
                                                                 pos, length, m_size - pos - 4)));
        m_w.consume(4);
        return block(static_cast<uint64_t>(length), pos + 4, kMaxSnappyBlockSize);
    }

    Result<ByteView> fail(Status s)
    {
        m_failed = s;
        return s;
    }
    // One raw block of `size` compressed bytes at compressed byte `where`.
    Result<ByteView> block(uint64_t size, uint64_t where, size_t maxBlock)
    {
        // The block starts with its uncompressed length, a varint of at most 5 bytes.
        auto head = m_w.peek(static_cast<size_t>(std::min<uint64_t>(size, 5)));
        if (!head)
            return fail(head.status());
        bytes::ByteReader r(*head);
        uint64_t length = 0;
        if (!r.uvarint(length, 5, 32))
            return fail(corrupt(Compression::Snappy, fmt::format("bad block header at compressed byte {}", where)));
        if (length > kMaxDecompressedSize - m_produced)
            return fail(tooLarge(Compression::Snappy));
        if (length > maxBlock)
            return fail(corrupt(Compression::Snappy,
                                fmt::format("the xerial block at compressed byte {} decompresses to {} bytes, more "
                                            "than the {} MiB Kafka Lab decodes at once",
                                            where, length, maxBlock >> 20)));
        m_out.resize(static_cast<size_t>(length));
        SnappyInput in(m_w, size);
        if (!snappy::RawUncompress(&in, reinterpret_cast<char *>(m_out.data()))) {
            if (!in.error())
                return fail(in.error());
            return fail(corrupt(Compression::Snappy, fmt::format("corrupt block at compressed byte {}", where)));
        }
        while (in.left() > 0) { // a valid block is used up; stay aligned regardless
            auto rest = m_w.peekSome();
            if (!rest)
                return fail(rest.status());
            if (rest->empty())
                break;
            const size_t n = static_cast<size_t>(std::min<uint64_t>(rest->size(), in.left()));
            in.Skip(n);
        }
        m_produced += m_out.size();
        return ByteView(m_out);
    }

    StreamWindow m_w;
    uint64_t m_size;
    bool m_started = false;
    bool m_xerial = false;
    bool m_done = false;
    size_t m_produced = 0;
    Bytes m_out;
    Status m_failed;
};

} // namespace

Status compress(Compression codec, ByteView input, Bytes &out, int32_t level)
{
    switch (codec) {
    case Compression::None:
        out.insert(out.end(), input.begin(), input.end());
        return Status::ok();
    case Compression::Gzip:
        return gzipCompress(input, out, level);
    case Compression::Snappy: {
        // Raw snappy, as librdkafka writes it.
        const size_t start = out.size();
        out.resize(start + snappy::MaxCompressedLength(input.size()));
        size_t n = 0;
        snappy::RawCompress(reinterpret_cast<const char *>(input.data()), input.size(),
                            reinterpret_cast<char *>(out.data() + start), &n);
        out.resize(start + n);
        return Status::ok();
    }
    case Compression::Lz4:
        return lz4Compress(input, out, level);
    case Compression::Zstd:
        return zstdCompress(input, out, level);
    }
    return Status::error(ErrorCode::InvalidRequest,
                         fmt::format("unknown compression codec {}", static_cast<int>(codec)));
}

Status decompress(Compression codec, ByteView input, Bytes &out)
{
    if (codec == Compression::None) {
        if (input.size() > kMaxDecompressedSize)
            return tooLarge(codec);
        out.insert(out.end(), input.begin(), input.end());
        return Status::ok();
    }
    if (static_cast<uint8_t>(codec) > static_cast<uint8_t>(Compression::Zstd))
        return Status::error(ErrorCode::CorruptMessage,
                             fmt::format("unknown compression codec {}", static_cast<int>(codec)));
    MemorySource in(input);
    auto plain = decompressingSource(codec, in, input.size());
    const size_t start = out.size();
    for (;;) {
        auto chunk = plain->next();
        if (!chunk) {
            out.resize(start); // nothing half-written is left behind
            return chunk.status();
        }
        if (chunk->empty())
            return Status::ok();
        out.insert(out.end(), chunk->begin(), chunk->end());
    }
}

std::unique_ptr<ByteSource> decompressingSource(Compression codec, ByteSource &input, uint64_t inputSize)
{
    switch (codec) {
    case Compression::Gzip: return std::make_unique<GzipSource>(input);
    case Compression::Snappy: return std::make_unique<SnappySource>(input, inputSize);
    case Compression::Lz4: return std::make_unique<Lz4Source>(input);
    case Compression::Zstd: return std::make_unique<ZstdSource>(input);
    case Compression::None: break;
    }
    // Callers pass a real codec; anything else yields an error rather than bytes.
    struct Refused final : ByteSource {
        explicit Refused(Compression c) : codec(c) {}
        Compression codec;
        Result<ByteView> next() override
        {
            return Status::error(ErrorCode::CorruptMessage,
                                 fmt::format("unknown compression codec {}", static_cast<int>(codec)));
        }
    };
    return std::make_unique<Refused>(codec);
}

// ---- StreamWindow ----

Status StreamWindow::pull()
{
    auto r = m_source.next();
    if (!r)
        return r.status();
    if (r->empty())
        m_ended = true;
    m_chunk = *r;
    return Status::ok();
}

Result<ByteView> StreamWindow::peek(size_t n)
{
    const size_t inWindow = m_window.size() - m_windowPos;
    if (inWindow == 0) {
        if (m_chunk.empty() && !m_ended)
            if (Status s = pull(); !s)
                return s;
        if (m_chunk.size() >= n || m_ended)
            return m_chunk.first(std::min(n, m_chunk.size()));
    } else if (inWindow >= n) {
        return ByteView(m_window).subspan(m_windowPos, n);
    }
    // The bytes span chunks: gather exactly what is asked into the window.
    if (m_windowPos > 0) {
        m_window.erase(m_window.begin(), m_window.begin() + static_cast<std::ptrdiff_t>(m_windowPos));
        m_windowPos = 0;
    }
    while (m_window.size() < n) {
        if (m_chunk.empty()) {
            if (m_ended)
                break;
            if (Status s = pull(); !s)
                return s;
            continue;
        }
        const size_t take = std::min(n - m_window.size(), m_chunk.size());
        m_window.insert(m_window.end(), m_chunk.begin(), m_chunk.begin() + static_cast<std::ptrdiff_t>(take));
        m_chunk = m_chunk.subspan(take);
    }
    return ByteView(m_window);
}

Result<ByteView> StreamWindow::peekSome()
{
    if (m_window.size() > m_windowPos)
        return ByteView(m_window).subspan(m_windowPos);
    while (m_chunk.empty() && !m_ended)
        if (Status s = pull(); !s)
            return s;
    return m_chunk;
}

void StreamWindow::consume(size_t n)
{
    m_position += n;
    const size_t inWindow = m_window.size() - m_windowPos;
    if (inWindow > 0) {
        const size_t fromWindow = std::min(n, inWindow);
        m_windowPos += fromWindow;
        n -= fromWindow;
        if (m_windowPos == m_window.size()) {
            m_window.clear();
            m_windowPos = 0;
            if (m_window.capacity() > (1u << 20))
                m_window.shrink_to_fit(); // a big record passed: give its memory back
        }
    }
    m_chunk = m_chunk.subspan(n);
}

} // namespace kl
