#include <refnet/base/gzip_writer.hpp>

#include <tbb/parallel_for.h>
#include <zlib.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

namespace refnet {

namespace {

constexpr std::size_t kChunk = std::size_t{1} << 20;
constexpr std::size_t kDict = 32768;
constexpr std::size_t kBatchChunks = 16;
constexpr int kLevel = 6;

std::string deflate_chunk(std::string_view chunk, std::string_view dict, bool last) {
  z_stream z{};
  if (deflateInit2(&z, kLevel, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: deflateInit2 failed");
  std::unique_ptr<z_stream, int (*)(z_streamp)> guard(&z, deflateEnd);
  if (!dict.empty() &&
      deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dict.data()), static_cast<uInt>(dict.size())) != Z_OK)
    throw std::runtime_error("zlib: deflateSetDictionary failed");
  std::string out(deflateBound(&z, static_cast<uLong>(chunk.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
  z.avail_in = static_cast<uInt>(chunk.size());
  std::size_t produced = 0;
  while (true) {
    z.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    z.avail_out = static_cast<uInt>(out.size() - produced);
    const int rc = deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH);
    if (rc == Z_STREAM_ERROR) throw std::runtime_error("zlib: deflate failed");
    produced = out.size() - z.avail_out;
    if (last ? rc == Z_STREAM_END : (z.avail_in == 0 && z.avail_out != 0)) break;
    out.resize(out.size() * 2);
  }
  out.resize(produced);
  return out;
}


}  // namespace

GzipWriter::GzipWriter(std::ostream& out) : out_(out) {
  static constexpr char kHeader[10] = {0x1f, '\x8b', 8, 0, 0, 0, 0, 0, 0, 3};
  put(kHeader, sizeof kHeader);
  crc_ = crc32(0, Z_NULL, 0);
}

void GzipWriter::write(std::string_view text) {
  pending_.append(text);
  if (pending_.size() > kBatchChunks * kChunk) compress(false);
}

void GzipWriter::finish() {
  compress(true);
  char trailer[8];
  for (int i = 0; i < 4; ++i) trailer[i] = static_cast<char>(crc_ >> (8 * i));
  for (int i = 0; i < 4; ++i) trailer[4 + i] = static_cast<char>(total_ >> (8 * i));
  put(trailer, sizeof trailer);
  out_.flush();
  if (!out_) throw std::runtime_error("cannot write the gzip output: the stream failed");
}


// Compresses the whole chunks of pending_ (all of it when final; otherwise
// keeping at least one byte, so that only the true last chunk is final).
void GzipWriter::compress(bool final) {
  const std::size_t size = pending_.size();
  const std::size_t chunks = final ? std::max<std::size_t>(1, (size + kChunk - 1) / kChunk) : (size - 1) / kChunk;
  if (chunks == 0) return;
  const std::size_t consumed = final ? size : chunks * kChunk;
  std::vector<std::string> out(chunks);
  std::vector<uLong> crcs(chunks);
  const std::string_view text(pending_);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t i) {
    const std::size_t begin = i * kChunk;
    const std::size_t end = std::min(consumed, begin + kChunk);
    const std::string_view chunk = text.substr(begin, end - begin);
    const std::string_view dict = i == 0 ? std::string_view(dict_) : text.substr(begin - kDict, kDict);
    out[i] = deflate_chunk(chunk, dict, final && i + 1 == chunks);
    crcs[i] = crc32(0, reinterpret_cast<const Bytef*>(chunk.data()), static_cast<uInt>(chunk.size()));
  });
  for (std::size_t i = 0; i < chunks; ++i) {
    const std::size_t len = std::min(consumed, (i + 1) * kChunk) - i * kChunk;
    put(out[i].data(), out[i].size());
    crc_ = crc32_combine(crc_, crcs[i], static_cast<z_off_t>(len));
    total_ += len;
  }
  if (!final) dict_.assign(pending_, consumed - kDict, kDict);
  pending_.erase(0, consumed);
}


void GzipWriter::put(const char* data, std::size_t size) {
  out_.write(data, static_cast<std::streamsize>(size));
  if (!out_) throw std::runtime_error("cannot write the gzip output: the stream failed");
}


}  // namespace refnet
