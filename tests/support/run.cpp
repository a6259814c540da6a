#include "support/run.hpp"

#include <sys/wait.h>
#include <zlib.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace refnet::test {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("refnet-test-" + std::to_string(rd()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
  const auto p = path_ / name;
  std::ofstream out(p, std::ios::binary);
  out << content;
  return p.string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {
// Runs a shell command line with its stdout and stderr sent to files in `dir`.
RunResult run_captured(const TempDir& dir, const std::string& command) {
  const std::string out = dir.file("stdout"), err = dir.file("stderr");
  const std::string cmd = command + " > '" + out + "' 2> '" + err + "'";
  const int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}
}  // namespace

RunResult run_refnet(const std::string& args) {
  TempDir dir;
  return run_captured(dir, std::string(REFNET_BINARY_DIR) + "/refnet " + args);
}

RunResult run_bash(const std::string& script) {
  TempDir dir;
  const std::string file = dir.write("script.sh", "REFNET='" + std::string(REFNET_BINARY_DIR) + "/refnet'\n" + script + "\n");
  return run_captured(dir, "bash '" + file + "'");
}

std::string gzip_bytes(const std::string& data) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
  std::string out(compressBound(static_cast<uLong>(data.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string shared_dataset(const std::string& relative) {
  const std::filesystem::path p = std::filesystem::path(REFNET_SHARED_DATASETS) / relative;
  return std::filesystem::exists(p) ? p.string() : std::string();
}

bool have_python_module(const std::string& module) {
  const std::string cmd = "/usr/bin/python3 -c 'import " + module + "' > /dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

}  // namespace refnet::test
