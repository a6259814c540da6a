// OutputSet: what each kind of output path gets, and that a run commits all
// of its outputs or none. Every special file is made inside a temporary
// folder (FIFOs with mkfifo, devices with mknod): never the machine's /dev.
#include "support/run.hpp"

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/base/output_set.hpp>

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

using namespace refnet;
namespace fs = std::filesystem;

namespace {
std::size_t temporaries(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().filename().string().find(".tmp") != std::string::npos;
  return n;
}
}  // namespace

TEST_CASE("a regular file is replaced at commit, whole, keeping its permission bits", "[output]") {
  test::TempDir dir;
  const std::string path = dir.write("out.txt", "old content\n");
  ::chmod(path.c_str(), 0640);
  {
    OutputSet set;
    set.write(path, "new content\n");
    CHECK(test::read_file(path) == "old content\n");  // nothing moves before the commit
    CHECK(temporaries(dir.path()) == 1);
    set.commit();
  }
  CHECK(test::read_file(path) == "new content\n");
  struct stat st {};
  ::stat(path.c_str(), &st);
  CHECK((st.st_mode & 0777) == 0640);
  CHECK(temporaries(dir.path()) == 0);
}

TEST_CASE("a run that fails before its commit leaves no output and no temporary file", "[output]") {
  test::TempDir dir;
  const std::string a = dir.file("a.json"), b = dir.write("b.json", "kept\n");
  {
    OutputSet set;
    set.write(a, "first output\n");
    CHECK_THROWS_AS(set.write(b, [](std::ostream&) { throw std::runtime_error("the second output fails"); }),
                    std::runtime_error);
  }  // destroyed without commit
  CHECK_FALSE(fs::exists(a));
  CHECK(test::read_file(b) == "kept\n");
  CHECK(temporaries(dir.path()) == 0);
}

TEST_CASE("a symbolic link is followed: its final target is replaced and the link stays a link", "[output]") {
  test::TempDir dir;
  fs::create_directories(dir.path() / "real");
  const std::string target = dir.write("real/target.txt", "old\n");
  fs::create_symlink("real/target.txt", dir.path() / "hop");
  fs::create_symlink(dir.path() / "hop", dir.path() / "link");  // two hops, one relative, one absolute
  fs::create_symlink("real/new.txt", dir.path() / "dangling");
  OutputSet set;
  set.write(dir.file("link"), "through the link\n");
  set.write(dir.file("dangling"), "created where it points\n");
  set.commit();
  CHECK(fs::is_symlink(dir.path() / "link"));
  CHECK(fs::is_symlink(dir.path() / "hop"));
  CHECK(test::read_file(target) == "through the link\n");
  CHECK(fs::is_symlink(dir.path() / "dangling"));
  CHECK(test::read_file(dir.file("real/new.txt")) == "created where it points\n");
  CHECK(temporaries(dir.path() / "real") == 0);
}

TEST_CASE("a FIFO is written, never renamed over", "[output]") {
  test::TempDir dir;
  const std::string fifo = dir.file("fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string got;
  std::thread reader([&] { got = test::read_file(fifo); });
  {
    OutputSet set;
    set.write(fifo, "to the reader\n");
    set.commit();
  }
  reader.join();
  CHECK(got == "to the reader\n");
  struct stat st {};
  ::lstat(fifo.c_str(), &st);
  CHECK(S_ISFIFO(st.st_mode));
}

TEST_CASE("a character device is written, never replaced; a full one is an error naming errno", "[output]") {
  test::TempDir dir;
  // The kernel's null (1,3) and full (1,7) devices, as nodes of our own.
  const std::string null_dev = dir.file("null"), full_dev = dir.file("full");
  if (::mknod(null_dev.c_str(), S_IFCHR | 0600, makedev(1, 3)) != 0 ||
      ::mknod(full_dev.c_str(), S_IFCHR | 0600, makedev(1, 7)) != 0) {
    WARN("skipped: mknod needs privileges this machine does not give");
    return;
  }
  {
    OutputSet set;
    set.write(null_dev, "discarded\n");
    set.commit();
  }
  struct stat st {};
  ::lstat(null_dev.c_str(), &st);
  CHECK(S_ISCHR(st.st_mode));
  OutputSet set;
  set.write(full_dev, "no room\n");
  CHECK_THROWS_WITH(set.commit(), Catch::Contains("cannot write " + full_dev + ": No space left on device"));
  ::lstat(full_dev.c_str(), &st);
  CHECK(S_ISCHR(st.st_mode));
}

TEST_CASE("two outputs naming one file are a usage error, however the path is spelled", "[output]") {
  test::TempDir dir;
  const std::string a = dir.write("a.json", "");
  fs::create_symlink(a, dir.path() / "alias");
  OutputSet set;
  set.declare(a, "-o");
  CHECK_NOTHROW(set.declare(a, "-o"));  // the same option again
  CHECK_THROWS_AS(set.declare(dir.file("alias"), "--report"), UsageError);
  CHECK_THROWS_AS(set.declare((dir.path() / "." / "a.json").string(), "--report"), UsageError);
  set.declare(dir.file("missing.json"), "--report");
  CHECK_THROWS_AS(set.declare(dir.path().string() + "//missing.json", "--other"), UsageError);
  set.declare("-", "--log");
  CHECK_THROWS_WITH(set.declare("-", "--report2"), Catch::Contains("standard output"));
}

TEST_CASE("a missing folder and a directory are refused when declared, before any work", "[output][bad-input]") {
  test::TempDir dir;
  OutputSet set;
  CHECK_THROWS_WITH(set.declare(dir.file("no/such/dir/r.json"), "--report"), Catch::Contains("output folder does not exist"));
  CHECK_THROWS_WITH(set.declare(dir.path().string(), "-o"), Catch::Contains("is a directory"));
}

TEST_CASE("a temporary file left by a killed run is named in a warning", "[output]") {
  test::TempDir dir;
  dir.write(".net.refnet.tmp4242-17", "half a snapshot");
  dir.write(".other.refnet.tmp1-1", "not ours");
  OutputSet set;
  set.declare(dir.file("net.refnet"), "-o");
  const auto warnings = set.take_warnings();
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find(".net.refnet.tmp4242-17") != std::string::npos);
  CHECK(set.take_warnings().empty());
}

TEST_CASE("write_file_atomically writes a staged path in place, so library writers can take one", "[output]") {
  test::TempDir dir;
  const std::string target = dir.file("lib.out");
  OutputSet set;
  const std::string staged = set.stage(target);
  CHECK(is_staged_output(staged));
  write_file_atomically(staged, [](std::ostream& out) { out << "from a library writer\n"; });
  CHECK(temporaries(dir.path()) == 1);  // no second temporary beside the first
  set.commit();
  CHECK(test::read_file(target) == "from a library writer\n");
  CHECK_FALSE(is_staged_output(staged));
}
