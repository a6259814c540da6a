#include <refnet/base/input_stream.hpp>

#include <refnet/base/error.hpp>

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace refnet {

namespace {

constexpr std::size_t kReadChunk = std::size_t{1} << 20;

std::string hex(const unsigned char* digest, unsigned int len) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

// zlib inflate over a ByteSource, member after member.
class GzipSource final : public ByteSource {
 public:
  GzipSource(ByteSource& in, std::string name) : in_(in), name_(std::move(name)), input_(std::size_t{1} << 16) {
    // 16 + MAX_WBITS: expect the gzip wrapper.
    if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("zlib: inflateInit2 failed");
  }
  ~GzipSource() override { inflateEnd(&zs_); }

  std::size_t read(char* buffer, std::size_t size) override {
    if (done_ || size == 0) return 0;
    zs_.next_out = reinterpret_cast<Bytef*>(buffer);
    zs_.avail_out = static_cast<uInt>(std::min<std::size_t>(size, std::size_t{1} << 30));
    const uInt room = zs_.avail_out;
    while (zs_.avail_out == room) {
      if (zs_.avail_in == 0 && !refill()) {
        throw InputError(name_, 0, 0, "truncated gzip stream (the file ends before the compressed data does)");
      }
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        next_member();
        if (done_) break;
        continue;
      }
      if (rc == Z_MEM_ERROR) throw std::bad_alloc();
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        throw InputError(name_, 0, 0, std::string("corrupt gzip stream: ") + (zs_.msg ? zs_.msg : "unknown error"));
      }
    }
    return room - zs_.avail_out;
  }

 private:
  bool refill() {
    const std::size_t n = in_.read(input_.data(), input_.size());
    zs_.next_in = reinterpret_cast<Bytef*>(input_.data());
    zs_.avail_in = static_cast<uInt>(n);
    return n > 0;
  }

  // After a member's end: another member, the end of the input, or junk.
  void next_member() {
    if (zs_.avail_in == 0 && !refill()) {
      done_ = true;
      return;
    }
    if (zs_.avail_in < 2) {  // one byte left: move it to the front, read more behind it
      input_[0] = static_cast<char>(*zs_.next_in);
      const std::size_t n = in_.read(input_.data() + 1, input_.size() - 1);
      zs_.next_in = reinterpret_cast<Bytef*>(input_.data());
      zs_.avail_in = static_cast<uInt>(1 + n);
    }
    if (zs_.avail_in < 2 || zs_.next_in[0] != 0x1f || zs_.next_in[1] != 0x8b)
      throw InputError(name_, 0, 0, "data after the end of the gzip stream that is not another gzip member");
    inflateReset(&zs_);  // zlib reads the next member's header itself
  }

  ByteSource& in_;
  std::string name_;
  std::vector<char> input_;
  z_stream zs_{};
  bool done_ = false;
};

// Runs another source in a thread of its own, a bounded number of chunks
// ahead of the reader: decompression overlaps with parsing. The bytes, and an
// error at their end, arrive exactly as the source gives them.
class ReadAhead final : public ByteSource {
 public:
  static constexpr std::size_t kChunkBytes = std::size_t{2} << 20;
  static constexpr std::size_t kMaxChunks = 16;  // at most 32 MiB decoded ahead

  explicit ReadAhead(ByteSource& inner) : inner_(inner), thread_([this] { run(); }) {}
  ~ReadAhead() override {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t done = 0;
    while (done < size) {
      if (current_pos_ == current_.size()) {
        std::unique_lock lock(mutex_);
        if (queue_.empty() && done > 0) break;  // hand back what is here rather than wait
        changed_.wait(lock, [&] { return !queue_.empty() || finished_; });
        if (queue_.empty()) {  // the end, or an error there (given once what came before is read)
          if (error_ && done == 0) std::rethrow_exception(error_);
          break;
        }
        current_.swap(queue_.front());
        queue_.pop_front();
        current_pos_ = 0;
        lock.unlock();
        changed_.notify_all();
      }
      const std::size_t n = std::min(size - done, current_.size() - current_pos_);
      std::memcpy(buffer + done, current_.data() + current_pos_, n);
      current_pos_ += n;
      done += n;
    }
    return done;
  }

 private:
  // Fills chunks until the end or an error; the bytes read before an error
  // are handed on before it, as the source gave them.
  void run() {
    bool end = false;
    std::exception_ptr error;
    while (!end && !error) {
      std::vector<char> chunk(kChunkBytes);
      std::size_t filled = 0;
      try {
        while (filled < chunk.size()) {
          const std::size_t n = inner_.read(chunk.data() + filled, chunk.size() - filled);
          if (n == 0) {
            end = true;
            break;
          }
          filled += n;
        }
      } catch (...) {
        error = std::current_exception();
      }
      chunk.resize(filled);
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return queue_.size() < kMaxChunks || stop_; });
      if (stop_) return;
      if (filled > 0) queue_.push_back(std::move(chunk));
      if (end || error) {
        error_ = error;
        finished_ = true;
      }
      lock.unlock();
      changed_.notify_all();
    }
  }

  ByteSource& inner_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<char>> queue_;
  std::exception_ptr error_;
  bool finished_ = false;
  bool stop_ = false;
  std::vector<char> current_;
  std::size_t current_pos_ = 0;
  std::thread thread_;  // last: starts once the rest is built
};

}  // namespace

std::unique_ptr<ByteSource> open_gzip(ByteSource& compressed, const std::string& name) {
  return std::make_unique<GzipSource>(compressed, name);
}

std::unique_ptr<ByteSource> open_read_ahead(ByteSource& source) { return std::make_unique<ReadAhead>(source); }

std::string_view gzip_inflater() {
  const char* env = std::getenv("REFNET_INFLATE");
  const std::string_view asked = env ? env : "";
  if (asked.empty()) return have_isal() ? "igzip" : "zlib";
  if (asked == "zlib") return "zlib";
  if (asked == "igzip") {
    if (!have_isal()) throw UsageError("REFNET_INFLATE=igzip, but this refnet was built without ISA-L (libisal-dev)");
    return "igzip";
  }
  throw UsageError("REFNET_INFLATE must be zlib or igzip (or unset), not '" + std::string(asked) + "'");
}

namespace {
std::unique_ptr<ByteSource> open_gzip_fastest(ByteSource& compressed, const std::string& name) {
  return gzip_inflater() == "igzip" ? open_gzip_isal(compressed, name) : open_gzip(compressed, name);
}

constexpr Decompressor kDecompressors[] = {
    {"gzip", std::string_view("\x1f\x8b", 2), &open_gzip_fastest},
    {"zstd", std::string_view("\x28\xb5\x2f\xfd", 4), &open_zstd},
};
}  // namespace

std::span<const Decompressor> decompressors() { return kDecompressors; }

// The bytes as stored: a file descriptor or memory, hashed as they are read,
// with a few bytes of look-ahead for the decompressor's magic.
class InputStream::Raw final : public ByteSource {
 public:
  Raw(int fd, bool regular, std::uint64_t size, std::string name)
      : fd_(fd), regular_(regular), size_(size), name_(std::move(name)) {
    init_hash();
  }
  Raw(std::string bytes, std::string name) : memory_(std::move(bytes)), name_(std::move(name)) { init_hash(); }
  ~Raw() override {
    if (fd_ > 0) ::close(fd_);  // never standard input's 0
  }

  std::size_t read(char* buffer, std::size_t size) override {
    if (head_pos_ < head_.size()) {
      const std::size_t n = std::min(size, head_.size() - head_pos_);
      std::memcpy(buffer, head_.data() + head_pos_, n);
      head_pos_ += n;
      return n;
    }
    return read_new(buffer, size);
  }

  // The first `size` bytes, served again by read().
  std::string_view head(std::size_t size) {
    while (head_.size() < size) {
      char buf[64];
      const std::size_t n = read_new(buf, std::min(sizeof buf, size - head_.size()));
      if (n == 0) break;
      head_.append(buf, n);
    }
    return head_;
  }

  std::string finish_hash() {
    std::vector<char> buf(std::size_t{1} << 16);
    while (read(buf.data(), buf.size()) > 0) {
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx_.get(), digest, &len);
    return hex(digest, len);
  }

  bool regular() const { return regular_; }
  double fraction_read() const {
    if (!regular_ || size_ == 0) return -1;
    return std::min(1.0, static_cast<double>(read_.load(std::memory_order_relaxed)) / static_cast<double>(size_));
  }

 private:
  void init_hash() {
    ctx_.reset(EVP_MD_CTX_new());
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("sha256 init failed");
  }

  std::size_t read_new(char* buffer, std::size_t size) {
    std::size_t n = 0;
    if (fd_ < 0) {
      n = std::min(size, memory_.size() - memory_pos_);
      std::memcpy(buffer, memory_.data() + memory_pos_, n);
      memory_pos_ += n;
    } else {
      ssize_t got;
      do {
        got = ::read(fd_, buffer, size);
      } while (got < 0 && errno == EINTR);
      if (got < 0) throw InputError(name_, 0, 0, std::string("read error: ") + std::strerror(errno));
      n = static_cast<std::size_t>(got);
    }
    EVP_DigestUpdate(ctx_.get(), buffer, n);
    read_.fetch_add(n, std::memory_order_relaxed);
    return n;
  }

  struct FreeCtx {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  int fd_ = -1;
  bool regular_ = false;
  std::uint64_t size_ = 0;             // of a regular file
  std::atomic<std::uint64_t> read_{0};  // bytes read so far (a read-ahead thread counts them)
  std::string memory_;
  std::size_t memory_pos_ = 0;
  std::string head_;
  std::size_t head_pos_ = 0;
  std::string name_;
  std::unique_ptr<EVP_MD_CTX, FreeCtx> ctx_;
};

std::pair<std::uint64_t, std::uint64_t> TextBlock::position(std::size_t pos) const {
  pos = std::min(pos, text.size());
  const std::string_view before(text.data(), pos);
  const std::uint64_t lines = static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t newline = before.rfind('\n');
  const std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  return {line + lines, pos - line_start + 1};
}

InputStream::InputStream(const std::string& path) : path_(path), name_(path == "-" ? "<stdin>" : path) {
  if (path == "-") {
    struct stat st {};
    const bool regular = ::fstat(0, &st) == 0 && S_ISREG(st.st_mode);
    raw_ = std::make_unique<Raw>(0, regular, regular ? static_cast<std::uint64_t>(st.st_size) : 0, name_);
  } else {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT) throw InputError(path, 0, 0, "no such file");
      throw InputError(path, 0, 0, std::string("cannot open: ") + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) throw InputError(path, 0, 0, "is a directory, expected a file");
    int fd;
    do {
      fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) throw InputError(path, 0, 0, std::string("cannot open: ") + std::strerror(errno));
    raw_ = std::make_unique<Raw>(fd, S_ISREG(st.st_mode), static_cast<std::uint64_t>(st.st_size), name_);
  }
  open_text();
}

InputStream InputStream::from_bytes(std::string bytes, std::string name) {
  InputStream in;
  in.path_ = name;
  in.name_ = std::move(name);
  in.raw_ = std::make_unique<Raw>(std::move(bytes), in.name_);
  in.open_text();
  return in;
}

InputStream::InputStream(InputStream&&) noexcept = default;
InputStream& InputStream::operator=(InputStream&&) noexcept = default;
InputStream::~InputStream() = default;

void InputStream::open_text() {
  text_ = raw_.get();
  for (const Decompressor& d : decompressors()) {
    if (raw_->head(d.magic.size()).substr(0, d.magic.size()) == d.magic) {
      decoder_ = d.open(*raw_, name_);
      text_ = decoder_.get();
      compression_ = d.name;
      break;
    }
  }
}

bool InputStream::reopenable() const { return raw_->regular() && compression_.empty(); }

void InputStream::read_ahead() {
  if (ahead_ || !decoder_ || !raw_->regular() || end_) return;
  ahead_ = open_read_ahead(*decoder_);
  text_ = ahead_.get();
}

double InputStream::fraction_read() const { return raw_->fraction_read(); }

bool InputStream::fill(std::size_t want) {
  // Until the first 3 bytes are in, a byte-order mark cannot be told apart.
  while ((buffer_.size() - pos_ < want || !started_) && !end_) {
    if (pos_ > 0 && pos_ >= buffer_.size() / 2) {  // keep the buffer from creeping
      buffer_.erase(0, pos_);
      pos_ = 0;
    }
    // Read into scratch and append: growing the string itself would zero-fill
    // the room first, over and over for a pipe's small reads.
    // Small first reads (most inputs of tests and fuzzers are small), 1 MiB once it pays.
    scratch_.resize(std::min(kReadChunk, std::max<std::size_t>(scratch_.size() * 2, 1 << 14)));
    const std::size_t n = text_->read(scratch_.data(), scratch_.size());
    if (n == 0) end_ = true;
    if (buffer_.capacity() < buffer_.size() + n) buffer_.reserve(std::max(2 * buffer_.capacity(), buffer_.size() + n));
    buffer_.append(scratch_.data(), n);
    if (!started_ && (buffer_.size() >= 3 || end_)) {
      started_ = true;
      // A UTF-8 byte-order mark (spreadsheet exports write one) is not content.
      if (buffer_.size() >= 3 && buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) buffer_.erase(0, 3);
    }
  }
  return buffer_.size() - pos_ >= want;
}

void InputStream::consume(std::size_t n) {
  const std::string_view gone(buffer_.data() + pos_, n);
  line_ += static_cast<std::uint64_t>(std::count(gone.begin(), gone.end(), '\n'));
  offset_ += n;
  pos_ += n;
}

std::string_view InputStream::peek(std::size_t size) {
  fill(size);
  return std::string_view(buffer_).substr(pos_, size);
}

bool InputStream::next_line(std::string_view& line) {
  std::size_t searched = 0;
  while (true) {
    const std::size_t nl = buffer_.find('\n', pos_ + searched);
    if (nl != std::string::npos) {
      if (nl - pos_ > kMaxLineBytes)
        throw InputError(name_, line_, 1, "a line longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB");
      const std::size_t start = pos_;
      consume(nl + 1 - pos_);
      line = std::string_view(buffer_).substr(start, nl - start);
      return true;
    }
    searched = buffer_.size() - pos_;
    if (searched > kMaxLineBytes)
      throw InputError(name_, line_, 1, "a line longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB");
    if (!fill(searched + 1)) {
      if (buffer_.size() == pos_) return false;
      const std::size_t start = pos_;
      consume(buffer_.size() - pos_);
      line = std::string_view(buffer_).substr(start);
      return true;
    }
  }
}

bool InputStream::next_block(TextBlock& block, std::size_t size) {
  size = std::max<std::size_t>(size, 1);
  fill(size);
  if (buffer_.size() == pos_) return false;
  std::size_t len;
  const std::size_t avail = buffer_.size() - pos_;
  const std::size_t last = std::string_view(buffer_).substr(pos_, std::min(size, avail)).rfind('\n');
  if (last != std::string_view::npos) {
    len = last + 1;
  } else {
    // A line longer than the block: take the block to that line's end.
    std::size_t searched = std::min(size, avail);
    while (true) {
      const std::size_t nl = buffer_.find('\n', pos_ + searched);
      if (nl != std::string::npos) {
        len = nl + 1 - pos_;
        if (len > kMaxLineBytes + 1)
          throw InputError(name_, line_, 1, "a line longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB");
        break;
      }
      searched = buffer_.size() - pos_;
      if (searched > kMaxLineBytes)
        throw InputError(name_, line_, 1, "a line longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB");
      if (!fill(searched + 1)) {
        len = buffer_.size() - pos_;
        break;
      }
    }
  }
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  block.offset = offset_;
  block.line = line_;
  // The block takes the buffer's storage; the rest (part of a line) moves to the old block's.
  block.text.swap(buffer_);
  buffer_.assign(block.text, len, std::string::npos);
  block.text.resize(len);
  line_ += static_cast<std::uint64_t>(std::count(block.text.begin(), block.text.end(), '\n'));
  offset_ += len;
  return true;
}

std::size_t InputStream::read(char* buffer, std::size_t size) {
  if (!fill(1)) return 0;
  const std::size_t n = std::min(size, buffer_.size() - pos_);
  std::memcpy(buffer, buffer_.data() + pos_, n);
  consume(n);
  return n;
}

std::string InputStream::sha256() {
  // The decoder must see the rest too: a corrupt tail is an error, not a silent stop.
  while (fill(kReadChunk)) consume(buffer_.size() - pos_);
  consume(buffer_.size() - pos_);
  if (ahead_) {  // ended: its thread has stopped reading; let it go before the hash is read
    ahead_.reset();
    text_ = decoder_.get();
  }
  return raw_->finish_hash();
}

std::string read_whole_input(const std::string& path, std::string* raw_sha256) {
  InputStream in(path);
  std::string text;
  char buf[1 << 16];
  std::size_t n;
  while ((n = in.read(buf, sizeof buf)) > 0) text.append(buf, n);
  if (raw_sha256) *raw_sha256 = in.sha256();
  return text;
}

}  // namespace refnet
