// Test helpers: a temporary folder, writing files into it, and running the
// refnet CLI with its exit code and output captured.
#pragma once

#include <filesystem>
#include <string>

namespace refnet::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to a file named `name` in the folder; returns its path.
  std::string write(const std::string& name, const std::string& content) const;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `refnet <args>` (args already shell-quoted as needed).
RunResult run_refnet(const std::string& args);
// Runs a bash script (pipes, FIFOs, process substitution) with $REFNET set to
// the refnet binary; its stdout and stderr are captured.
RunResult run_bash(const std::string& script);

std::string read_file(const std::string& path);
std::string gzip_bytes(const std::string& data);  // via zlib, for gzip inputs
std::string shared_dataset(const std::string& relative);  // "" when ../shared/datasets is absent
bool have_python_module(const std::string& module);

}  // namespace refnet::test
