// The JSON document every tool writes (DESIGN.md section 5):
// {schema_version, tool, version, input{path, sha256, n, m, ...}, params,
//  threads, seed, timings, result}.
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/io/load.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace refnet {

inline constexpr int kSchemaVersion = 1;

struct RunInfo {
  std::string tool;
  unsigned threads = 0;
  std::uint64_t seed = 0;
};

// `timings`: the run's phases, {name: seconds}. `input` may be null (a tool
// that reads no input, such as gen).
nlohmann::json make_envelope(const RunInfo& run, const LoadedInput* input, nlohmann::json params,
                             const PhaseTimes& timings, nlohmann::json result);

}  // namespace refnet
