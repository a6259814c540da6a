#include <refnet/json/envelope.hpp>

#include <refnet/json/network_json.hpp>
#include <refnet/base/version.hpp>

namespace refnet {

namespace {
nlohmann::json timings_json(const PhaseTimes& timings) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [phase, s] : timings.done()) j[phase] = s;
  return j;
}
}  // namespace

nlohmann::json make_envelope(const RunInfo& run, const LoadedInput* input, nlohmann::json params,
                             const PhaseTimes& timings, nlohmann::json result) {
  nlohmann::json in = nullptr;
  if (input) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : input->files) {
      files.push_back(
          {{"path", f.path}, {"sha256", f.sha256}, {"format", to_string(f.format)}, {"format_reason", f.format_reason}});
      if (!f.query.empty()) files.back()["query"] = f.query;  // databases: what was read
    }
    const bool one = input->files.size() == 1;
    in = {{"path", one ? nlohmann::json(input->files.front().path) : nlohmann::json(nullptr)},
          {"sha256", one ? nlohmann::json(input->files.front().sha256) : nlohmann::json(nullptr)},
          {"files", files},
          {"n", input->network.num_users()},
          {"m", input->network.wom.num_edges()},
          {"parse", input->report}};
  }
  return {{"schema_version", kSchemaVersion},
          {"schema_minor", kSchemaMinor},
          {"tool", run.tool},
          {"version", std::string(version()) + "+" + std::string(git_commit())},
          {"input", in},
          {"params", std::move(params)},
          {"threads", run.threads},
          {"seed", run.seeded ? nlohmann::json(run.seed) : nlohmann::json(nullptr)},
          {"timings", timings_json(timings)},
          {"result", std::move(result)}};
}

}  // namespace refnet
