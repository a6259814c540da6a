// gzip through ISA-L's igzip inflate (SIMD Huffman decoding, two to three
// times zlib's speed), when the build found libisal; zlib's GzipSource
// otherwise. Same stream semantics and messages as GzipSource: concatenated
// members are one stream; a truncated stream, corrupt data (a bad block, a
// CRC or length mismatch) and bytes after the last member that are not
// another member are InputErrors.
#include <refnet/base/input_stream.hpp>

#include <refnet/base/error.hpp>

#if REFNET_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace refnet {

#if REFNET_HAVE_ISAL
namespace {

const char* isal_message(int rc) {
  switch (rc) {
    case ISAL_INVALID_BLOCK:
      return "invalid block";
    case ISAL_INVALID_SYMBOL:
      return "invalid code";
    case ISAL_INVALID_LOOKBACK:
      return "invalid distance too far back";
    case ISAL_INVALID_WRAPPER:
      return "incorrect header";
    case ISAL_UNSUPPORTED_METHOD:
      return "unknown compression method";
    case ISAL_INCORRECT_CHECKSUM:
      return "incorrect data check";
    case ISAL_NEED_DICT:
      return "needs a preset dictionary";
    default:
      return "unknown error";
  }
}

class IsalGzipSource final : public ByteSource {
 public:
  IsalGzipSource(ByteSource& in, std::string name)
      : in_(in), name_(std::move(name)), input_(std::size_t{1} << 18), state_(std::make_unique<inflate_state>()) {
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_GZIP;  // parse the header, check the CRC-32 and length in the trailer
  }

  std::size_t read(char* buffer, std::size_t size) override {
    if (done_ || size == 0) return 0;
    inflate_state& s = *state_;
    if (!started_) {
      started_ = true;
      check_flags();
    }
    s.next_out = reinterpret_cast<std::uint8_t*>(buffer);
    s.avail_out = static_cast<std::uint32_t>(std::min<std::size_t>(size, std::size_t{1} << 30));
    const std::uint32_t room = s.avail_out;
    while (s.avail_out == room) {
      if (s.block_state == ISAL_BLOCK_FINISH) {
        next_member();
        if (done_) break;
        continue;
      }
      if (s.avail_in == 0 && !refill())
        throw InputError(name_, 0, 0, "truncated gzip stream (the file ends before the compressed data does)");
      const int rc = isal_inflate(&s);
      if (rc < 0 || rc == ISAL_NEED_DICT)
        throw InputError(name_, 0, 0, std::string("corrupt gzip stream: ") + isal_message(rc));
    }
    return room - s.avail_out;
  }

 private:
  bool refill() {
    const std::size_t n = in_.read(input_.data(), input_.size());
    state_->next_in = reinterpret_cast<std::uint8_t*>(input_.data());
    state_->avail_in = static_cast<std::uint32_t>(n);
    return n > 0;
  }

  // At least `want` unread bytes, when the input has them (the unread ones move to the front).
  void ensure(std::size_t want) {
    inflate_state& s = *state_;
    if (s.avail_in >= want) return;
    std::size_t have = s.avail_in;
    if (have > 0) std::memmove(input_.data(), s.next_in, have);
    while (have < want) {
      const std::size_t n = in_.read(input_.data() + have, input_.size() - have);
      if (n == 0) break;
      have += n;
    }
    s.next_in = reinterpret_cast<std::uint8_t*>(input_.data());
    s.avail_in = static_cast<std::uint32_t>(have);
  }

  // igzip ignores the header's reserved flag bits; zlib (and RFC 1952) refuse them.
  void check_flags() {
    ensure(4);
    if (state_->avail_in >= 4 && (state_->next_in[3] & 0xe0) != 0)
      throw InputError(name_, 0, 0, "corrupt gzip stream: unknown header flags set");
  }

  // After a member's end: another member, the end of the input, or junk.
  void next_member() {
    inflate_state& s = *state_;
    ensure(2);
    if (s.avail_in == 0) {
      done_ = true;
      return;
    }
    if (s.avail_in < 2 || s.next_in[0] != 0x1f || s.next_in[1] != 0x8b)
      throw InputError(name_, 0, 0, "data after the end of the gzip stream that is not another gzip member");
    check_flags();
    std::uint8_t* next_in = s.next_in;
    const std::uint32_t avail_in = s.avail_in;
    std::uint8_t* next_out = s.next_out;
    const std::uint32_t avail_out = s.avail_out;
    isal_inflate_reset(&s);
    s.crc_flag = ISAL_GZIP;
    s.next_in = next_in;
    s.avail_in = avail_in;
    s.next_out = next_out;
    s.avail_out = avail_out;
  }

  ByteSource& in_;
  std::string name_;
  std::vector<char> input_;
  std::unique_ptr<inflate_state> state_;  // about 20 KiB
  bool done_ = false;
  bool started_ = false;  // the first member's flags are checked
};

}  // namespace

bool have_isal() { return true; }

std::unique_ptr<ByteSource> open_gzip_isal(ByteSource& compressed, const std::string& name) {
  return std::make_unique<IsalGzipSource>(compressed, name);
}
#else
bool have_isal() { return false; }

std::unique_ptr<ByteSource> open_gzip_isal(ByteSource& compressed, const std::string& name) {
  return open_gzip(compressed, name);
}
#endif

}  // namespace refnet
