// zstd (RFC 8878) through libzstd's streaming decoder, when the build found
// it. Like gzip members, concatenated frames are one stream (as `zstd -d`
// reads them), skippable frames included; a truncated frame, corrupt data
// (zstd's checksum when the frame has one) and bytes after the last frame
// that are not another frame are InputErrors.
#include <refnet/base/input_stream.hpp>

#include <refnet/base/error.hpp>

#if REFNET_HAVE_ZSTD
#include <zstd.h>
#endif

#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace refnet {

#if REFNET_HAVE_ZSTD
namespace {

class ZstdSource final : public ByteSource {
 public:
  ZstdSource(ByteSource& in, std::string name)
      : in_(in), name_(std::move(name)), input_(ZSTD_DStreamInSize()), stream_(ZSTD_createDStream()) {
    if (!stream_) throw std::bad_alloc();
    // The decoder's window is bounded (a hostile frame cannot ask for gigabytes).
    ZSTD_DCtx_setParameter(stream_, ZSTD_d_windowLogMax, 27);
  }
  ~ZstdSource() override { ZSTD_freeDStream(stream_); }

  std::size_t read(char* buffer, std::size_t size) override {
    if (done_ || size == 0) return 0;
    ZSTD_outBuffer out{buffer, size, 0};
    while (out.pos == 0) {
      if (in_pos_ == in_size_) {
        // Between frames (the last call ended one), the end of the input is the end of the stream.
        if (!refill()) {
          if (frame_done_) {
            done_ = true;
            break;
          }
          throw InputError(name_, 0, 0, "truncated zstd stream (the file ends before the compressed data does)");
        }
      }
      if (frame_done_) {  // another frame must start here
        const std::size_t avail = in_size_ - in_pos_;
        if (avail < 4 && !top_up(4)) throw InputError(name_, 0, 0, trailing());
        const auto* p = reinterpret_cast<const unsigned char*>(input_.data() + in_pos_);
        const bool zstd_frame = p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd;
        const bool skippable = (p[0] & 0xf0) == 0x50 && p[1] == 0x2a && p[2] == 0x4d && p[3] == 0x18;
        if (!zstd_frame && !skippable) throw InputError(name_, 0, 0, trailing());
      }
      ZSTD_inBuffer in{input_.data(), in_size_, in_pos_};
      const std::size_t rc = ZSTD_decompressStream(stream_, &out, &in);
      in_pos_ = in.pos;
      if (ZSTD_isError(rc)) throw InputError(name_, 0, 0, std::string("corrupt zstd stream: ") + ZSTD_getErrorName(rc));
      frame_done_ = rc == 0;
    }
    return out.pos;
  }

 private:
  static std::string trailing() { return "data after the end of the zstd stream that is not another zstd frame"; }

  bool refill() {
    in_size_ = in_.read(input_.data(), input_.size());
    in_pos_ = 0;
    return in_size_ > 0;
  }
  // At least `want` unread bytes at in_pos_, when the input has them.
  bool top_up(std::size_t want) {
    std::memmove(input_.data(), input_.data() + in_pos_, in_size_ - in_pos_);
    in_size_ -= in_pos_;
    in_pos_ = 0;
    while (in_size_ < want) {
      const std::size_t n = in_.read(input_.data() + in_size_, input_.size() - in_size_);
      if (n == 0) return false;
      in_size_ += n;
    }
    return true;
  }

  ByteSource& in_;
  std::string name_;
  std::vector<char> input_;
  std::size_t in_size_ = 0;
  std::size_t in_pos_ = 0;
  ZSTD_DStream* stream_;
  bool frame_done_ = true;  // no frame begun: the input must start one
  bool done_ = false;
};

}  // namespace

bool have_zstd() { return true; }

std::unique_ptr<ByteSource> open_zstd(ByteSource& compressed, const std::string& name) {
  return std::make_unique<ZstdSource>(compressed, name);
}
#else
bool have_zstd() { return false; }

std::unique_ptr<ByteSource> open_zstd(ByteSource&, const std::string& name) {
  throw InputError(name, 0, 0,
                   "zstd-compressed input, but this refnet was built without libzstd (install libzstd-dev)");
}
#endif

}  // namespace refnet
