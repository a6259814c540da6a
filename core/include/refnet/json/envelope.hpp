// The JSON document every tool writes (DESIGN.md section 5):
// {schema_version, tool, version, input{path, sha256, n, m, ...}, params,
//  threads, seed, timings, result}.
#pragma once

#include <refnet/io/load.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace refnet {

inline constexpr int kSchemaVersion = 1;

// Named wall-clock timings, in seconds, in the order they were taken.
class Timings {
 public:
  // Ends the running phase, if any, and starts `phase`.
  void start(std::string phase);
  void stop();
  // Records a phase timed elsewhere (an algorithm's own phases).
  void add(std::string phase, double seconds) { done_.emplace_back(std::move(phase), seconds); }
  nlohmann::json to_json() const;

 private:
  std::vector<std::pair<std::string, double>> done_;
  std::string current_;
  std::chrono::steady_clock::time_point since_;
};

struct RunInfo {
  std::string tool;
  unsigned threads = 0;
  std::uint64_t seed = 0;
};

// `input` may be null (a tool that reads no input, such as gen).
nlohmann::json make_envelope(const RunInfo& run, const LoadedInput* input, nlohmann::json params,
                             const Timings& timings, nlohmann::json result);

}  // namespace refnet
