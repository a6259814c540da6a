// gzip (RFC 1952) output compressed in parallel the way pigz does it: the text
// is cut at fixed 1 MiB offsets, each chunk is deflated on its own (primed with
// the 32 KiB before it as a dictionary, so the ratio barely suffers) and ends
// with a sync flush, the last with the final block; the pieces concatenate
// into one deflate stream. The cuts depend only on the byte count, so the
// bytes are the same for any thread count. The header is fixed: no name,
// mtime 0, OS Unix.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace refnet {

class GzipWriter {
 public:
  explicit GzipWriter(std::ostream& out);
  void write(std::string_view text);
  // Compresses what is left and writes the trailer; throws when the stream failed.
  void finish();

 private:
  void compress(bool final);
  void put(const char* data, std::size_t size);

  std::ostream& out_;
  std::string pending_;
  std::string dict_;
  unsigned long crc_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace refnet
