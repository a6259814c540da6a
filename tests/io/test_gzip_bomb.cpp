// A gzip bomb: about 117 MB of gzip that inflates to 32 GiB (more than this
// machine's memory), sent through a pipe (4 GiB under AddressSanitizer). The build must finish, with the two
// real edges, in bounded memory: the child's peak RSS (getrusage through
// wait4) stays under 1 GiB, where reading the input whole would need 32 GiB.
// REFNET_BOMB_GIB sets another size.
#include "support/run.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace {
bool write_all(int fd, const std::string& s) {
  for (std::size_t done = 0; done < s.size();) {
    const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}
}  // namespace

#if defined(__SANITIZE_ADDRESS__)
constexpr long kDefaultGib = 4;  // under AddressSanitizer (make asan-test), inflating is several times slower
#else
constexpr long kDefaultGib = 32;
#endif

TEST_CASE("a gzip that inflates to more than the machine's memory is read in bounded memory", "[stream][bomb]") {
  const char* env = std::getenv("REFNET_BOMB_GIB");
  const long gib = env ? std::atol(env) : kDefaultGib;
  // One member of 64 MiB of comment lines, sent 16 times per GiB, between three real edges.
  std::string line = "# " + std::string(97, '.') + "\n";
  std::string filler;
  filler.reserve(std::size_t{64} << 20);
  while (filler.size() + line.size() <= (std::size_t{64} << 20)) filler += line;
  const std::string member = refnet::test::gzip_bytes(filler);
  const std::string head = refnet::test::gzip_bytes("0 1\n2 3\n");
  const std::string tail = refnet::test::gzip_bytes("1 2\n");

  refnet::test::TempDir dir;
  const std::string out = dir.file("net.refnet");
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::dup2(pipe_fds[0], 0);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    const int devnull = ::open(dir.file("stderr").c_str(), O_WRONLY | O_CREAT, 0600);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    const std::string refnet = std::string(REFNET_BINARY_DIR) + "/refnet";
    ::execl(refnet.c_str(), refnet.c_str(), "build", "-", "-o", out.c_str(), "--threads", "2", "--report", "-",
            static_cast<char*>(nullptr));  // the JSON report on stdout, read below
    ::_exit(127);
  }
  ::close(pipe_fds[0]);
  ::signal(SIGPIPE, SIG_IGN);
  bool sent = write_all(pipe_fds[1], head);
  for (long i = 0; sent && i < 16 * gib; ++i) sent = write_all(pipe_fds[1], member);
  sent = sent && write_all(pipe_fds[1], tail);
  ::close(pipe_fds[1]);
  int status = 0;
  struct rusage usage {};
  ::wait4(child, &status, 0, &usage);
  INFO(refnet::test::read_file(dir.file("stderr")));
  CHECK(sent);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  const double peak_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
  WARN("gzip bomb: " << (head.size() + 16 * gib * member.size() + tail.size()) / 1e6 << " MB of gzip inflating to "
                     << gib << " GiB; peak RSS " << peak_mib << " MiB");
  CHECK(peak_mib < 1024);
  const std::string report = refnet::test::read_file(dir.file("stderr"));
  CHECK(report.find("\"m\": 3") != std::string::npos);  // the three edges, nothing lost, nothing invented
}
