// Reading an input once, front to back, whatever it is: a regular file, a pipe
// or FIFO, standard input ("-"), or bytes in memory; gzip-compressed or not,
// decided by the magic bytes, never by the name. Format detection looks at a
// buffered prefix (`peek`); the parser then takes the same bytes line by line
// or block by block, so nothing is read twice (a pipe can be read only once)
// and memory stays bounded by the block size whatever the input's size. The
// SHA-256 of the raw bytes is computed as they go by.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace refnet {

// Where bytes come from: `read` fills at most `size` bytes and returns how
// many, 0 only at the end. Throws InputError (a read error, corrupt data).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

// A decompressor, chosen when the raw bytes start with its magic. New formats
// (zstd, another gzip implementation) are one more entry in `decompressors()`.
struct Decompressor {
  std::string_view name;   // "gzip", as shown to users
  std::string_view magic;  // the first bytes of every stream of this format
  // Wraps `compressed` (which still starts with the magic); `name` is the
  // input's name for error messages. `compressed` outlives the result.
  std::unique_ptr<ByteSource> (*open)(ByteSource& compressed, const std::string& name);
};
std::span<const Decompressor> decompressors();

// gzip (RFC 1952) through zlib, streaming; concatenated members are one stream
// (as gzip -d reads them). Truncated or corrupt data, or bytes after the last
// member that are not another member, throw InputError.
std::unique_ptr<ByteSource> open_gzip(ByteSource& compressed, const std::string& name);
// The same through ISA-L's igzip (base/isal_source.cpp), two to three times
// faster; zlib's when the build has no ISA-L (have_isal()).
std::unique_ptr<ByteSource> open_gzip_isal(ByteSource& compressed, const std::string& name);
bool have_isal();
// Which gzip decoder inputs get: "igzip" when built with ISA-L, else "zlib";
// the environment variable REFNET_INFLATE=zlib|igzip chooses (benchmarks,
// tests). Another value is a UsageError.
std::string_view gzip_inflater();
// zstd (RFC 8878) through libzstd, streaming; concatenated and skippable
// frames are one stream. Truncated or corrupt data, or bytes after the last
// frame that are not another frame, throw InputError; so does any zstd input
// when the build has no libzstd (have_zstd()).
std::unique_ptr<ByteSource> open_zstd(ByteSource& compressed, const std::string& name);
bool have_zstd();
// Runs `source` in a thread of its own, up to 32 MiB ahead of the reader (the
// same bytes and errors, in the same order). `source` outlives the result.
std::unique_ptr<ByteSource> open_read_ahead(ByteSource& source);

// Whole lines of an input with where they start, for exact error positions.
struct TextBlock {
  std::string text;          // whole lines; only the input's last line may lack its '\n'
  std::uint64_t offset = 0;  // byte offset of text[0] in the (decompressed) input
  std::uint64_t line = 1;    // line number of text[0] (text[0] starts a line)
  // 1-based line and byte column of text[pos].
  std::pair<std::uint64_t, std::uint64_t> position(std::size_t pos) const;
};

class InputStream {
 public:
  // A line longer than this is refused (it would otherwise have to be held whole).
  static constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;

  // Opens `path` ("-" is standard input). Throws InputError for a missing
  // file, a directory, an unreadable file.
  explicit InputStream(const std::string& path);
  // Bytes in memory, read as if from a file called `name` (tests, fuzzers).
  static InputStream from_bytes(std::string bytes, std::string name);
  InputStream(InputStream&&) noexcept;
  InputStream& operator=(InputStream&&) noexcept;
  ~InputStream();

  const std::string& path() const { return path_; }  // as given ("-" for standard input)
  const std::string& name() const { return name_; }  // for messages: the path, or "<stdin>"
  // Whether the input is an uncompressed regular file, which may be reopened by its path.
  bool reopenable() const;
  std::string_view compression() const { return compression_; }  // "", "gzip" or "zstd"
  // Decompress in a thread of its own from now on, ahead of the reader
  // (open_read_ahead), for a compressed regular file: parsers call it before
  // reading block by block. Does nothing for other inputs (a pipe could block
  // the thread past the reader's end).
  void read_ahead();
  // How much of the raw input has been read, in [0, 1], for a regular file; -1 otherwise.
  double fraction_read() const;

  // The next `size` bytes of text (fewer at the end of the input), not consumed.
  std::string_view peek(std::size_t size);
  // Consumes the next line; `line` (without its '\n', a '\r' kept) stays valid
  // until the next call. False at the end of the input.
  bool next_line(std::string_view& line);
  // Consumes about `size` bytes, cut after a line end (or at the end of the
  // input). False at the end of the input.
  bool next_block(TextBlock& block, std::size_t size);
  // Consumes up to `size` bytes, wherever they end; 0 at the end.
  std::size_t read(char* buffer, std::size_t size);

  std::uint64_t offset() const { return offset_; }  // of the next byte to be consumed
  std::uint64_t line() const { return line_; }      // of the next byte to be consumed

  // Hex SHA-256 of the raw bytes (compressed, as stored); reads what is left.
  std::string sha256();

 private:
  class Raw;
  InputStream() = default;
  void open_text();
  bool fill(std::size_t want);  // buffers at least `want` unconsumed bytes; false when fewer remain
  void consume(std::size_t n);

  std::string path_;
  std::string name_;
  std::string_view compression_;
  std::unique_ptr<Raw> raw_;
  std::unique_ptr<ByteSource> decoder_;
  std::unique_ptr<ByteSource> ahead_;  // over decoder_, once read_ahead() ran
  ByteSource* text_ = nullptr;  // raw_ or decoder_
  std::string buffer_;
  std::string scratch_;  // one read's bytes, before they join buffer_
  std::size_t pos_ = 0;  // first unconsumed byte of buffer_
  bool end_ = false;     // text_ returned 0
  bool started_ = false; // the byte-order mark check has run
  std::uint64_t offset_ = 0;
  std::uint64_t line_ = 1;
};

// The whole text of `path` (decompressed), for small side files.
std::string read_whole_input(const std::string& path, std::string* raw_sha256 = nullptr);

}  // namespace refnet
