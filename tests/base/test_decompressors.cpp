// The decompressors behind InputStream: zlib and ISA-L's igzip for gzip,
// libzstd for zstd, and the read-ahead thread over any of them.
// Oracles: the uncompressed bytes themselves (what was compressed must come
// back whole), zlib as the reference for igzip (the same bytes, the same kind
// of error, on every prefix and every corrupted byte of a small stream),
// zstd frames built by libzstd's one-shot API and skippable frames built by
// hand from RFC 8878 section 3.1.2.
#include "support/run.hpp"

#include <refnet/base/error.hpp>
#include <refnet/base/input_stream.hpp>

#include <catch2/catch.hpp>

#if REFNET_HAVE_ZSTD
#include <zstd.h>
#endif

#include <cstdlib>
#include <random>
#include <string>

using namespace refnet;

namespace {

// A ByteSource over bytes in memory, given out in reads of at most `step` bytes.
class Bytes final : public ByteSource {
 public:
  Bytes(std::string bytes, std::size_t step) : bytes_(std::move(bytes)), step_(step) {}
  std::size_t read(char* buffer, std::size_t size) override {
    const std::size_t n = std::min({size, step_, bytes_.size() - pos_});
    std::copy_n(bytes_.data() + pos_, n, buffer);
    pos_ += n;
    return n;
  }

 private:
  std::string bytes_;
  std::size_t step_;
  std::size_t pos_ = 0;
};

using Open = std::unique_ptr<ByteSource> (*)(ByteSource&, const std::string&);

// The whole decoded text, or "error: <kind>" (truncated, corrupt, trailing).
std::string decode(Open open, const std::string& bytes, std::size_t step = 1 << 20, std::size_t out = 1 << 16) {
  Bytes in(bytes, step);
  try {
    auto d = open(in, "t");
    std::string text;
    std::string buf(out, '\0');
    while (const std::size_t n = d->read(buf.data(), buf.size())) text.append(buf, 0, n);
    return text;
  } catch (const InputError& e) {
    const std::string r = e.reason();
    if (r.find("truncated") != std::string::npos) return "error: truncated";
    if (r.find("corrupt") != std::string::npos) return "error: corrupt";
    if (r.find("not another") != std::string::npos) return "error: trailing";
    return "error: " + r;
  }
}

std::string random_log(std::uint32_t seed, std::size_t lines) {
  std::mt19937 rng(seed);
  std::string s = "type,src,dst,ts\n";
  for (std::size_t i = 0; i < lines; ++i)
    s += "referral,u" + std::to_string(rng() % 5000) + ",u" + std::to_string(rng() % 5000) + "," +
         std::to_string(1700000000 + i) + "\n";
  return s;
}

#if REFNET_HAVE_ZSTD
std::string zstd_bytes(const std::string& data, bool checksum = true) {
  ZSTD_CCtx* c = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, checksum ? 1 : 0);
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t n = ZSTD_compress2(c, out.data(), out.size(), data.data(), data.size());
  ZSTD_freeCCtx(c);
  REQUIRE_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}
#endif

}  // namespace

TEST_CASE("igzip gives zlib's bytes: one member, many members, empty members, any read sizes", "[stream][gzip]") {
  if (!have_isal()) {
    WARN("skipped: built without ISA-L");
    return;
  }
  const std::string a = random_log(1, 3000), b = random_log(2, 10);
  // Concatenated members are one stream (gzip -d reads them so), an empty member included.
  const std::string gz = test::gzip_bytes(a) + test::gzip_bytes("") + test::gzip_bytes(b);
  for (const std::size_t step : {1, 7, 4096, 1 << 20}) {
    for (const std::size_t out : {1, 100, 1 << 16}) {
      INFO("read step " << step << ", output size " << out);
      CHECK(decode(&open_gzip_isal, gz, step, out) == a + b);
    }
  }
  CHECK(decode(&open_gzip, gz) == a + b);
}

TEST_CASE("igzip and zlib agree on every prefix and every corrupted byte of a small stream",
          "[stream][gzip][bad-input]") {
  if (!have_isal()) {
    WARN("skipped: built without ISA-L");
    return;
  }
  const std::string gz = test::gzip_bytes(random_log(3, 40)) + test::gzip_bytes("second\n");
  // Every prefix: the whole members decode, a cut inside one is truncated
  // (a cut after the first member's end leaves 1 junk byte, or a cut header).
  for (std::size_t len = 1; len < gz.size(); ++len) {
    INFO("prefix of " << len << " bytes");
    CHECK(decode(&open_gzip_isal, gz.substr(0, len), 5) == decode(&open_gzip, gz.substr(0, len), 5));
  }
  // Every byte flipped: both refuse it, or both decode the same bytes (a
  // flipped bit of the header's mtime or OS field changes nothing).
  for (std::size_t at = 0; at < gz.size(); ++at) {
    std::string bad = gz;
    bad[at] = static_cast<char>(bad[at] ^ 0x20);
    const std::string z = decode(&open_gzip, bad), i = decode(&open_gzip_isal, bad);
    INFO("byte " << at << ": zlib " << z.substr(0, 40) << ", igzip " << i.substr(0, 40));
    CHECK((z.starts_with("error") == i.starts_with("error")));
    if (!z.starts_with("error")) CHECK(z == i);
  }
  CHECK(decode(&open_gzip_isal, gz + "junk") == "error: trailing");
  CHECK(decode(&open_gzip_isal, gz + "\x1f") == "error: trailing");
}

TEST_CASE("REFNET_INFLATE chooses the gzip decoder and refuses other values", "[stream][gzip]") {
  ::setenv("REFNET_INFLATE", "zlib", 1);
  CHECK(gzip_inflater() == "zlib");
  ::setenv("REFNET_INFLATE", "fast", 1);
  CHECK_THROWS_AS(gzip_inflater(), UsageError);
  ::unsetenv("REFNET_INFLATE");
  CHECK(gzip_inflater() == (have_isal() ? "igzip" : "zlib"));
}

TEST_CASE("zstd logs are read by magic bytes: one frame, many frames, skippable frames", "[stream][zstd]") {
#if !REFNET_HAVE_ZSTD
  {
    WARN("skipped: built without libzstd");
    return;
  }
#else
  const std::string a = random_log(4, 5000), b = random_log(5, 3);
  // A skippable frame: magic 0x184D2A5? little-endian, u32 size, that many bytes (RFC 8878 3.1.2).
  const std::string skippable = std::string("\x53\x2a\x4d\x18\x03\x00\x00\x00xyz", 11);
  const std::string zst = zstd_bytes(a) + skippable + zstd_bytes(b, false) + zstd_bytes("");
  for (const std::size_t step : {1, 13, 1 << 20}) {
    INFO("read step " << step);
    CHECK(decode(&open_zstd, zst, step, 777) == a + b);
  }
  InputStream in = InputStream::from_bytes(zst, "e.csv.zst");
  CHECK(in.compression() == "zstd");
  std::string text;
  std::string_view line;
  while (in.next_line(line)) text += std::string(line) + "\n";
  CHECK(text == a + b);
#endif
}

TEST_CASE("broken zstd is bad input: truncated, corrupt, or followed by junk", "[stream][zstd][bad-input]") {
#if !REFNET_HAVE_ZSTD
  {
    WARN("skipped: built without libzstd");
    return;
  }
#else
  const std::string zst = zstd_bytes(random_log(6, 2000));
  // Every cut inside the frame is truncated (the frame's content checksum is its last 4 bytes).
  for (std::size_t len : {std::size_t{4}, std::size_t{5}, zst.size() / 2, zst.size() - 4, zst.size() - 1}) {
    INFO("prefix of " << len);
    CHECK(decode(&open_zstd, zst.substr(0, len), 3) == "error: truncated");
  }
  // A flipped byte in the compressed body: the block decoder or the checksum refuses it.
  std::mt19937 rng(7);
  for (int k = 0; k < 50; ++k) {
    std::string bad = zst;
    const std::size_t at = 6 + rng() % (zst.size() - 6);
    bad[at] = static_cast<char>(bad[at] ^ (1 + rng() % 255));
    INFO("byte " << at);
    CHECK(decode(&open_zstd, bad).starts_with("error"));
  }
  CHECK(decode(&open_zstd, zst + "junk!") == "error: trailing");
  CHECK(decode(&open_zstd, zst + "\x28\xb5") == "error: trailing");
  // Through InputStream, the message names the file.
  test::TempDir dir;
  const auto r = test::run_refnet("build " + dir.write("e.csv.zst", zst.substr(0, zst.size() / 2)) + " -o " +
                                  dir.file("n.refnet"));
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("e.csv.zst") && Catch::Contains("truncated zstd stream"));
#endif
}

TEST_CASE("reading ahead in a thread gives the same bytes, errors and sha256", "[stream][gzip]") {
  test::TempDir dir;
  const std::string text = random_log(8, 200000);  // several read-ahead chunks
  const std::string gz = test::gzip_bytes(text);
  const std::string path = dir.write("e.csv.gz", gz);
  std::string plain_hash;
  {
    InputStream plain = InputStream::from_bytes(gz, "x");
    std::string_view line;
    while (plain.next_line(line)) {
    }
    plain_hash = plain.sha256();
  }
  for (const std::size_t block : {std::size_t{100}, std::size_t{1} << 20, std::size_t{64} << 20}) {
    InputStream in(path);
    in.read_ahead();
    std::string got;
    TextBlock b;
    while (in.next_block(b, block)) got += b.text;
    CHECK(got == text);
    CHECK(in.fraction_read() == 1.0);
    CHECK(in.sha256() == plain_hash);
  }
  // A truncated file fails the same way, after the same bytes.
  const std::string cut = dir.write("cut.csv.gz", gz.substr(0, gz.size() / 2));
  InputStream in(cut);
  in.read_ahead();
  TextBlock b;
  CHECK_THROWS_WITH(
      [&] {
        while (in.next_block(b, 1 << 16)) {
        }
      }(),
      Catch::Contains("truncated gzip stream"));
  // Stopped early: the thread is let go when the stream is.
  {
    InputStream early(path);
    early.read_ahead();
    CHECK(early.next_block(b, 10));
  }
}
