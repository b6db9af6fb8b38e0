// Record batch codecs over zlib, snappy, lz4 (frame) and zstd. Decompression never produces
// more than kMaxDecompressedSize bytes, so a hostile batch cannot blow up memory.
#include "log/compression.h"

#include "log/bytes.h"

#include <fmt/format.h>
#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>

namespace kl {

namespace {

// Far above any batch max.message.bytes allows, far below what hurts the machine.
constexpr size_t kMaxDecompressedSize = 64u << 20;
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

// Grows `out` by up to kChunk bytes for a streaming decoder, within the overall limit.
// Returns false when the limit is reached.
bool growOutput(Bytes &out, size_t startSize, size_t &used)
{
    const size_t produced = out.size() - startSize;
    if (produced >= kMaxDecompressedSize)
        return false;
    used = out.size();
    out.resize(out.size() + std::min(kChunk, kMaxDecompressedSize - produced));
    return true;
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

Status gzipDecompress(ByteView in, Bytes &out)
{
    z_stream z{};
    // 15 + 32: accept a gzip or zlib header, whichever is there.
    if (inflateInit2(&z, 15 + 32) != Z_OK)
        return Status::error(ErrorCode::UnknownServerError, "gzip: inflateInit2 failed");
    z.next_in = const_cast<Bytef *>(in.data());
    z.avail_in = static_cast<uInt>(in.size());
    const size_t start = out.size();
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        size_t used = 0;
        if (!growOutput(out, start, used)) {
            inflateEnd(&z);
            out.resize(start);
            return tooLarge(Compression::Gzip);
        }
        z.next_out = out.data() + used;
        z.avail_out = static_cast<uInt>(out.size() - used);
        rc = inflate(&z, Z_NO_FLUSH);
        out.resize(out.size() - z.avail_out);
        if (rc == Z_STREAM_END)
            break;
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            const std::string msg = z.msg ? z.msg : "error " + std::to_string(rc);
            const size_t at = in.size() - z.avail_in;
            inflateEnd(&z);
            out.resize(start);
            return corrupt(Compression::Gzip, fmt::format("{} at compressed byte {}", msg, at));
        }
        if (rc == Z_BUF_ERROR && z.avail_in == 0) {
            inflateEnd(&z);
            out.resize(start);
            return corrupt(Compression::Gzip, fmt::format("truncated stream after {} compressed bytes", in.size()));
        }
    }
    inflateEnd(&z);
    return Status::ok();
}

// ---- snappy ----

Status snappyBlock(ByteView block, Bytes &out, size_t start, size_t where)
{
    size_t length = 0;
    const char *src = reinterpret_cast<const char *>(block.data());
    if (!snappy::GetUncompressedLength(src, block.size(), &length))
        return corrupt(Compression::Snappy, fmt::format("bad block header at compressed byte {}", where));
    if (length > kMaxDecompressedSize - (out.size() - start))
        return tooLarge(Compression::Snappy);
    const size_t at = out.size();
    out.resize(at + length);
    if (!snappy::RawUncompress(src, block.size(), reinterpret_cast<char *>(out.data() + at)))
        return corrupt(Compression::Snappy, fmt::format("corrupt block at compressed byte {}", where));
    return Status::ok();
}

Status snappyDecompress(ByteView in, Bytes &out)
{
    const size_t start = out.size();
    Status s;
    if (in.size() >= kXerialHeaderSize && std::memcmp(in.data(), kXerialMagic, 8) == 0) {
        // xerial framing (Java client, kafka-python): header, then [int32 length][raw block]...
        size_t pos = kXerialHeaderSize;
        while (s && pos < in.size()) {
            if (in.size() - pos < 4) {
                s = corrupt(Compression::Snappy, fmt::format("truncated xerial block length at byte {}", pos));
                break;
            }
            const int32_t length = bytes::getI32(in.data() + pos);
            if (length < 0 || static_cast<size_t>(length) > in.size() - pos - 4) {
                s = corrupt(Compression::Snappy,
                            fmt::format("xerial block at byte {} says {} bytes, {} remain", pos, length,
                                        in.size() - pos - 4));
                break;
            }
            s = snappyBlock(in.subspan(pos + 4, static_cast<size_t>(length)), out, start, pos + 4);
            pos += 4 + static_cast<size_t>(length);
        }
    } else {
        s = snappyBlock(in, out, start, 0);
    }
    if (!s)
        out.resize(start);
    return s;
}

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

Status lz4Decompress(ByteView in, Bytes &out)
{
    LZ4F_dctx *ctx = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION)))
        return Status::error(ErrorCode::UnknownServerError, "lz4: cannot create a context");
    const size_t start = out.size();
    size_t pos = 0;
    size_t hint = 1;
    Status s;
    while (hint != 0) { // 0 = the frame is complete
        size_t used = 0;
        if (!growOutput(out, start, used)) {
            s = tooLarge(Compression::Lz4);
            break;
        }
        size_t dstSize = out.size() - used;
        size_t srcSize = in.size() - pos;
        hint = LZ4F_decompress(ctx, out.data() + used, &dstSize, in.data() + pos, &srcSize, nullptr);
        out.resize(used + dstSize);
        if (LZ4F_isError(hint)) {
            s = corrupt(Compression::Lz4, fmt::format("{} near compressed byte {}", LZ4F_getErrorName(hint), pos));
            break;
        }
        pos += srcSize;
        if (hint != 0 && srcSize == 0 && dstSize == 0) { // no progress: input ended early
            s = corrupt(Compression::Lz4, fmt::format("truncated frame after {} compressed bytes", in.size()));
            break;
        }
    }
    LZ4F_freeDecompressionContext(ctx);
    if (!s)
        out.resize(start);
    return s;
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

Status zstdDecompress(ByteView in, Bytes &out)
{
    // Streaming: producers (e.g. the Java client) may omit the content size from the frame.
    ZSTD_DStream *ds = ZSTD_createDStream();
    if (!ds)
        return Status::error(ErrorCode::UnknownServerError, "zstd: cannot create a stream");
    ZSTD_initDStream(ds);
    const size_t start = out.size();
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    Status s;
    size_t rc = 1;
    while (rc != 0) { // 0 = a frame finished and was flushed
        size_t used = 0;
        if (!growOutput(out, start, used)) {
            s = tooLarge(Compression::Zstd);
            break;
        }
        ZSTD_outBuffer output{out.data() + used, out.size() - used, 0};
        const size_t before = input.pos;
        rc = ZSTD_decompressStream(ds, &output, &input);
        out.resize(used + output.pos);
        if (ZSTD_isError(rc)) {
            s = corrupt(Compression::Zstd, fmt::format("{} near compressed byte {}", ZSTD_getErrorName(rc), before));
            break;
        }
        if (rc != 0 && input.pos == before && output.pos == 0) { // no progress: input ended early
            s = corrupt(Compression::Zstd, fmt::format("truncated frame after {} compressed bytes", in.size()));
            break;
        }
        // Several frames back to back are legal: continue with the next one.
        if (rc == 0 && input.pos < in.size())
            rc = 1;
    }
    ZSTD_freeDStream(ds);
    if (!s)
        out.resize(start);
    return s;
}

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
    switch (codec) {
    case Compression::None:
        if (input.size() > kMaxDecompressedSize)
            return tooLarge(codec);
        out.insert(out.end(), input.begin(), input.end());
        return Status::ok();
    case Compression::Gzip:
        return gzipDecompress(input, out);
    case Compression::Snappy:
        return snappyDecompress(input, out);
    case Compression::Lz4:
        return lz4Decompress(input, out);
    case Compression::Zstd:
        return zstdDecompress(input, out);
    }
    return Status::error(ErrorCode::CorruptMessage,
                         fmt::format("unknown compression codec {}", static_cast<int>(codec)));
}

} // namespace kl
