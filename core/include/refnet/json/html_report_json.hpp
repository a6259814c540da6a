// JSON of the HTML report's data (web/DATA.md, schema "refnet-report/1") and
// of one user's page (`refnet user --format json`, and each entry of the
// report's `users`).
#pragma once

#include <refnet/report/html_report.hpp>
#include <refnet/report/user_profile.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace refnet {

inline constexpr const char* kReportSchema = "refnet-report/1";

// A tree: {size, depth, nodes[{id, parent, t}], omitted}.
nlohmann::json sampled_tree_json(const Network& net, const SampledTree& tree);

// One user's page, as web/DATA.md `users` describes it (without `reasons`):
// tier and transitions, rank and score components (from `ranking`),
// community, referrer, referral subtree, Dunbar layers, ties, reach, prospects.
nlohmann::json user_profile_json(const Network& net, const UserProfile& profile, const SuperUserReport* ranking,
                                 const ProspectResult* prospects);

struct ReportHeader {
  std::string title;
  std::string generated;    // ISO-8601 UTC
  nlohmann::json envelope;  // tool, version, input{path, sha256, n, m}, params, seed, threads
};

// The whole data object. `analysis_params` are those the analysis ran with;
// its lists are re-emitted at data.params.top (and the cascades at
// data.params.cascades) for the page.
nlohmann::json report_data_json(const Network& net, const AnalysisReport& report, const ReportParams& analysis_params,
                                const ReportData& data, const ReportHeader& header);

// The envelope part the page shows, from a tool's full envelope (timings and
// result dropped, input cut to path, sha256, n, m).
nlohmann::json report_envelope(const nlohmann::json& envelope);

}  // namespace refnet
