// The JSON document every tool writes (DESIGN.md section 5):
// {schema_version, schema_minor, tool, version, input{path, sha256, n, m, ...},
//  params, threads, seed, timings, result}. The contract (what each field means,
// which may be null, how versions change) is docs/json.md and schemas/.
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/io/load.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace refnet {

// schema_version is the major version of the JSON contract: it changes when a
// field is removed, renamed or changes meaning, type or unit. schema_minor grows
// when fields are added (docs/json.md; the schemas in schemas/ carry both).
inline constexpr int kSchemaVersion = 2;
inline constexpr int kSchemaMinor = 1;  // 2.1: tie decay and Dunbar caps (issue 19), event tables from databases (issue 17)

struct RunInfo {
  std::string tool;
  unsigned threads = 0;
  std::uint64_t seed = 0;
  bool seeded = true;  // false: the command draws nothing random; `seed` is written as null
};

// `timings`: the run's phases, {name: seconds}. `input` may be null (a tool
// that reads no input, such as gen).
nlohmann::json make_envelope(const RunInfo& run, const LoadedInput* input, nlohmann::json params,
                             const PhaseTimes& timings, nlohmann::json result);

}  // namespace refnet
