// The `refnet analyze` report: every analysis that applies to a network, as
// one JSON result, and the readable terminal summary rendered from it.
// Later analyses add a section here and a block to the summary.
#pragma once

#include <refnet/io/load.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace refnet {

struct ReportParams {
  unsigned top = 10;          // rows in "top" tables
  unsigned influence_k = 10;  // seeds in the influence section (0 = no section)
  std::uint64_t seed = 1;     // the run's --seed, for the sampled analyses
  void validate() const;
};

using PhaseCallback = std::function<void(const std::string& phase)>;

nlohmann::json analysis_report(const LoadedInput& input, const ReportParams& params, const PhaseCallback& on_phase = {});
nlohmann::json params_json(const ReportParams& params);

// A readable summary of an envelope whose result is an info or analyze result.
std::string render_summary(const nlohmann::json& envelope);

// Users ranked by the referral forest: direct acquisitions and all descendants.
struct ReferrerRow {
  VertexId user;
  std::uint64_t acquisitions;  // direct referees acquired through them
  std::uint64_t descendants;   // everyone below them in the forest
};
std::vector<ReferrerRow> top_referrers(const Network& net, std::size_t k);

}  // namespace refnet
