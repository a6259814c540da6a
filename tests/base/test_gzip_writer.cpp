// The parallel gzip writer: what it writes inflates back (zlib, through
// gunzip) to the input, across chunk and batch boundaries, and the bytes do
// not depend on the thread count.
#include <refnet/base/file.hpp>
#include <refnet/base/gzip_writer.hpp>

#include <catch2/catch.hpp>
#include <tbb/global_control.h>

#include <random>
#include <sstream>

using namespace refnet;

namespace {
std::string compress(const std::string& text, std::size_t piece) {
  std::ostringstream out;
  GzipWriter w(out);
  for (std::size_t i = 0; i < text.size(); i += piece) w.write(std::string_view(text).substr(i, piece));
  w.finish();
  return out.str();
}
}  // namespace

TEST_CASE("gzip output inflates back to its input and is the same at any thread count", "[gzip]") {
  std::mt19937_64 rng(3);
  std::string text;
  // About 40 MiB of compressible lines: more than one batch of 16 chunks of 1 MiB.
  while (text.size() < (40u << 20)) text += "line " + std::to_string(rng() % 100000) + ",share,u" + std::to_string(rng() % 5000) + "\n";
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{1} << 20, (std::size_t{1} << 20) + 1, text.size()}) {
    const std::string input = text.substr(0, size);
    const std::string gz = compress(input, 777777);
    REQUIRE(is_gzip(gz));
    CHECK(gunzip(gz, "test") == input);
  }
  const std::string two = compress(text, 1 << 16);
  std::string one;
  {
    tbb::global_control single(tbb::global_control::max_allowed_parallelism, 1);
    one = compress(text, 123457);  // other write sizes too: the cuts depend only on the bytes
  }
  CHECK(one == two);
}
