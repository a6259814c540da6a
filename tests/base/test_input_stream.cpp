// InputStream: one pass over an input, in any cut, with exact positions.
// Oracles: the bytes themselves (every way of reading gives them back whole),
// line numbers counted by hand, and OpenSSL's SHA-256 of the raw bytes.
#include "support/run.hpp"

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/base/input_stream.hpp>

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <random>
#include <string>

using namespace refnet;

namespace {
std::string read_blocks(InputStream& in, std::size_t size) {
  std::string out;
  TextBlock b;
  while (in.next_block(b, size)) {
    CHECK(b.offset == out.size());
    // A block starts a line, ends one (or the input), and knows its line number.
    CHECK((out.empty() || out.back() == '\n'));
    CHECK(b.line == 1 + static_cast<std::uint64_t>(std::count(out.begin(), out.end(), '\n')));
    out += b.text;
  }
  return out;
}

std::string random_text(std::uint32_t seed, std::size_t lines) {
  std::mt19937 rng(seed);
  std::string s;
  for (std::size_t i = 0; i < lines; ++i) {
    const std::size_t len = rng() % 40;
    for (std::size_t k = 0; k < len; ++k) s.push_back(static_cast<char>('a' + rng() % 26));
    s += (rng() % 5 == 0) ? "\r\n" : "\n";
  }
  s += "last line without end";
  return s;
}
}  // namespace

TEST_CASE("every block size gives back the same bytes, cut at line ends, with line numbers", "[stream]") {
  const std::string text = random_text(1, 300);
  for (std::size_t size : {1, 2, 3, 5, 17, 64, 1000, 1 << 20}) {
    INFO("block size " << size);
    InputStream in = InputStream::from_bytes(text, "t");
    CHECK(read_blocks(in, size) == text);
    CHECK(in.offset() == text.size());
  }
}

TEST_CASE("peek does not consume; lines, blocks and bytes continue where the last left off", "[stream]") {
  InputStream in = InputStream::from_bytes("one\ntwo\r\nthree\nfour", "t");
  CHECK(in.peek(6) == "one\ntw");
  CHECK(in.peek(100) == "one\ntwo\r\nthree\nfour");
  std::string_view line;
  REQUIRE(in.next_line(line));
  CHECK(line == "one");
  CHECK(in.line() == 2);
  REQUIRE(in.next_line(line));
  CHECK(line == "two\r");  // the caller strips the CR
  TextBlock b;
  REQUIRE(in.next_block(b, 1));
  CHECK(b.text == "three\n");
  CHECK(b.line == 3);
  CHECK(b.offset == 9);
  CHECK(b.position(2) == std::pair<std::uint64_t, std::uint64_t>{3, 3});
  char buf[16];
  CHECK(in.read(buf, sizeof buf) == 4);
  CHECK(std::string(buf, 4) == "four");
  CHECK_FALSE(in.next_line(line));
}

TEST_CASE("gzip is recognised by its magic, concatenated members are one stream, a BOM is dropped", "[stream]") {
  const std::string a = "\xEF\xBB\xBF" "first member\n";
  const std::string b = "second member\n";
  const std::string gz = test::gzip_bytes(a) + test::gzip_bytes(b);
  InputStream in = InputStream::from_bytes(gz, "t.gz");
  CHECK(in.compression() == "gzip");
  CHECK(read_blocks(in, 3) == "first member\nsecond member\n");
  CHECK(in.sha256() == sha256_hex(gz));  // of the bytes as stored
}

TEST_CASE("broken gzip is bad input: truncated, corrupt, or followed by junk", "[stream][bad-input]") {
  const std::string gz = test::gzip_bytes(std::string(5000, 'x') + "\n");
  auto error_of = [](const std::string& bytes) {
    InputStream in = InputStream::from_bytes(bytes, "t.gz");
    try {
      read_blocks(in, 1 << 16);
      (void)in.sha256();
    } catch (const InputError& e) {
      return e.reason();
    }
    return std::string("no error");
  };
  CHECK(error_of(gz.substr(0, gz.size() - 5)).find("truncated gzip stream") != std::string::npos);
  std::string corrupt = gz;
  corrupt[12] = static_cast<char>(corrupt[12] ^ 0x55);
  corrupt[13] = static_cast<char>(corrupt[13] ^ 0x55);
  CHECK(error_of(corrupt).find("gzip") != std::string::npos);
  CHECK(error_of(gz + "junk").find("not another gzip member") != std::string::npos);
  CHECK(error_of(gz + "\x1f").find("not another gzip member") != std::string::npos);
  CHECK(error_of(gz + test::gzip_bytes("more\n")) == "no error");
}

TEST_CASE("a missing file, a directory and standard input", "[stream][bad-input]") {
  test::TempDir dir;
  CHECK_THROWS_WITH(InputStream(dir.file("nope")), Catch::Contains("no such file"));
  CHECK_THROWS_WITH(InputStream(dir.path().string()), Catch::Contains("is a directory"));
  InputStream in("-");
  CHECK(in.name() == "<stdin>");
  CHECK(in.path() == "-");
}

TEST_CASE("a FIFO is read once, front to back, like the file it carries", "[stream]") {
  test::TempDir dir;
  const std::string fifo = dir.file("fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string text = random_text(2, 20000);  // far more than a pipe's buffer
  const pid_t writer = ::fork();
  REQUIRE(writer >= 0);
  if (writer == 0) {
    const int fd = ::open(fifo.c_str(), O_WRONLY);
    std::size_t done = 0;
    while (fd >= 0 && done < text.size()) {
      const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::_exit(done == text.size() ? 0 : 1);
  }
  InputStream in(fifo);
  CHECK_FALSE(in.reopenable());
  CHECK(in.peek(10) == text.substr(0, 10));  // detection's look does not lose the bytes
  CHECK(read_blocks(in, 4096) == text);
  int status = 0;
  ::waitpid(writer, &status, 0);
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("a line longer than the limit is refused, not held", "[stream][bad-input]") {
  std::string text = "short\n" + std::string(InputStream::kMaxLineBytes + 10, 'x') + "\n";
  InputStream in = InputStream::from_bytes(std::move(text), "t");
  TextBlock b;
  REQUIRE(in.next_block(b, 3));
  CHECK(b.text == "short\n");
  CHECK_THROWS_WITH(in.next_block(b, 1 << 20), Catch::Contains("t:2:1: a line longer than 64 MiB"));
}
