// Where a command's output goes, end to end, one row per kind of path: a
// regular file, a symbolic link, a FIFO, a device node, standard output on a
// full device; several outputs of one command commit together or not at all.
// Special files are made in a temporary folder (mkfifo, mknod): never /dev.
#include "support/run.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <filesystem>
#include <string>

using refnet::test::run_bash;
using refnet::test::TempDir;
namespace fs = std::filesystem;

namespace {
const std::string kLog =
    "type,src,dst,ts,product,amount,sentiment,channel\n"
    "signup,alice,,1700000000,,,,\n"
    "referral,alice,bob,1700000100,,,,\n"
    "purchase,bob,,1700000200,p1,5,,\n";

// A folder with the log and the kernel's null (1,3) and full (1,7) devices as
// nodes of its own; false when mknod is not allowed here.
bool make_devices(const TempDir& dir) {
  return ::mknod(dir.file("null").c_str(), S_IFCHR | 0600, makedev(1, 3)) == 0 &&
         ::mknod(dir.file("full").c_str(), S_IFCHR | 0600, makedev(1, 7)) == 0;
}

std::size_t leftovers(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().filename().string().find(".tmp") != std::string::npos;
  return n;
}
}  // namespace

TEST_CASE("output paths: -o onto each kind of path", "[output][cli]") {
  TempDir dir;
  dir.write("e.csv", kLog);
  const std::string cd = "cd '" + dir.path().string() + "'\n";
  struct Row {
    const char* name;
    std::string setup;       // bash, in the folder
    std::string command;     // a refnet command line writing -o somewhere
    int exit_code;
    std::string check;       // bash that prints "ok" when the outcome is right
  };
  const Row rows[] = {
      {"a new regular file", "", "info e.csv -o out.json", 0, "jq -e .result out.json > /dev/null && echo ok"},
      {"an existing file, replaced whole", "echo old > out.json", "info e.csv -o out.json", 0,
       "jq -e .result out.json > /dev/null && echo ok"},
      {"a symbolic link: its target is replaced, the link stays", "mkdir -p real; echo old > real/t.json; ln -s real/t.json link.json",
       "info e.csv -o link.json", 0, "[ -L link.json ] && jq -e .result real/t.json > /dev/null && echo ok"},
      {"a FIFO: its reader gets the output", "mkfifo fifo; (cat fifo > got.json &)", "info e.csv -o fifo", 0,
       "sleep 0.2; [ -p fifo ] && jq -e .result got.json > /dev/null && echo ok"},
      {"a missing folder", "", "info e.csv -o no/such/out.json", 3, "[ ! -e no ] && echo ok"},
      {"a directory", "mkdir d", "info e.csv -o d", 3, "[ -d d ] && echo ok"},
  };
  for (const Row& r : rows) {
    SECTION(r.name) {
      const auto res = run_bash(cd + r.setup + "\n$REFNET " + r.command + " -q\necho \"exit $?\"\n" + r.check);
      INFO(res.err);
      CHECK(res.out == "exit " + std::to_string(r.exit_code) + "\nok\n");
      CHECK(leftovers(dir.path()) == 0);
    }
  }
}

TEST_CASE("output paths: device nodes are written, never replaced, and a full one is exit 1 with errno", "[output][cli]") {
  TempDir dir;
  dir.write("e.csv", kLog);
  if (!make_devices(dir)) {
    WARN("skipped: mknod needs privileges this machine does not give");
    return;
  }
  const std::string cd = "cd '" + dir.path().string() + "'\n";
  auto r = run_bash(cd + "$REFNET info e.csv -o null -q; echo \"exit $?\"; [ -c null ] && echo still a device");
  CHECK(r.out == "exit 0\nstill a device\n");
  r = run_bash(cd + "$REFNET info e.csv -o full -q; echo \"exit $?\"; [ -c full ] && echo still a device");
  CHECK(r.out == "exit 1\nstill a device\n");
  CHECK(r.err.find("cannot write full: No space left on device") != std::string::npos);
  // Standard output on a full device: exit 1, never a silent 0.
  for (const std::string cmd : {"info e.csv", "info e.csv --format table", "export e.csv --to graphml", "info --help"}) {
    INFO(cmd);
    r = run_bash(cd + "$REFNET " + cmd + " -q > full; echo \"exit $?\"");
    CHECK(r.out == "exit 1\n");
    CHECK(r.err.find("No space left on device") != std::string::npos);
  }
  r = run_bash(cd + "$REFNET --version > full; echo \"exit $?\"");
  CHECK(r.out == "exit 1\n");
  r = run_bash(cd + "$REFNET build e.csv -o net.refnet --report full -q; echo \"exit $?\"; ls net.refnet 2>&1 | grep -c 'No such'");
  CHECK(r.out == "exit 1\n1\n");  // the report failed: no snapshot either
}

TEST_CASE("build: the snapshot and the report commit together, or neither", "[output][cli]") {
  TempDir dir;
  dir.write("e.csv", kLog);
  const std::string cd = "cd '" + dir.path().string() + "'\n";
  auto r = run_bash(cd + "$REFNET build e.csv -o net.refnet --report missing/dir/r.json -q; echo \"exit $?\"; ls");
  CHECK(r.out == "exit 3\ne.csv\n");
  CHECK(r.err.find("missing/dir/r.json: output folder does not exist") != std::string::npos);
  r = run_bash(cd + "$REFNET build e.csv -o net.refnet --report net.refnet -q; echo \"exit $?\"; ls");
  CHECK(r.out == "exit 2\ne.csv\n");
  CHECK(r.err.find("-o and --report name the same file") != std::string::npos);
  r = run_bash(cd + "ln -s net.refnet alias; $REFNET build e.csv -o net.refnet --report alias -q; echo \"exit $?\"");
  CHECK(r.out == "exit 2\n");
  r = run_bash(cd + "rm alias; $REFNET build e.csv -o net.refnet --report r.json -q; echo \"exit $?\"; ls");
  CHECK(r.out == "exit 0\ne.csv\nnet.refnet\nr.json\n");
  // Bad input: neither output, no temporary file.
  r = run_bash(cd + "rm net.refnet r.json; echo 'type,src,ts' > bad.csv; echo 'signup,a,never' >> bad.csv;"
               "$REFNET build bad.csv -o net.refnet --report r.json -q; echo \"exit $?\"; ls -a | grep -c -e refnet -e r.json -e tmp");
  CHECK(r.out == "exit 3\n0\n");
}

TEST_CASE("export --to csv: both tables or neither", "[output][cli]") {
  TempDir dir;
  dir.write("e.csv", kLog);
  const std::string cd = "cd '" + dir.path().string() + "'\n";
  auto r = run_bash(cd + "$REFNET export e.csv --to csv -o nodes.csv -q; echo \"exit $?\"; ls");
  CHECK(r.out == "exit 0\ne.csv\nnodes.csv\nnodes.edges.csv\n");
  r = run_bash(cd + "rm nodes*; mkdir nodes.edges.csv; $REFNET export e.csv --to csv -o nodes.csv -q; echo \"exit $?\"; ls");
  CHECK(r.out == "exit 3\ne.csv\nnodes.edges.csv\n");
}

TEST_CASE("a temporary file left by a killed run is named in a warning the next time", "[output][cli]") {
  TempDir dir;
  dir.write("e.csv", kLog);
  dir.write(".out.json.tmp999-1", "half");
  const auto r = run_bash("cd '" + dir.path().string() + "'\n$REFNET info e.csv -o out.json");
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("warning: stale temporary file") != std::string::npos);
  CHECK(r.err.find(".out.json.tmp999-1") != std::string::npos);
}

TEST_CASE("gen writes its file through the same commit", "[output][cli]") {
  TempDir dir;
  const auto r = run_bash("cd '" + dir.path().string() + "'\nln -s real.csv.gz link.csv.gz\n"
                          "$REFNET gen --users 200 --seed 3 -o link.csv.gz -q; echo \"exit $?\"\n"
                          "[ -L link.csv.gz ] && gzip -t real.csv.gz && echo gzip ok");
  CHECK(r.out == "exit 0\ngzip ok\n");
}
