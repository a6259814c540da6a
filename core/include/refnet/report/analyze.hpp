// The `refnet analyze` pipeline: every analysis that applies to a network,
// composed into one report. The analyses share their work: the super-user
// ranking computes tiers, 2-hop reach and an IMM run among its components,
// and the tiers, reach and influence sections reuse them.
// json/report_json.hpp turns the report into JSON, format/summary_tables.hpp
// into the readable summary. A new section adds a member here, its step in
// analyze(), its JSON and its block of the summary.
#pragma once

#include <refnet/algo/cascade/cascade.hpp>
#include <refnet/algo/influence/influence_graph.hpp>
#include <refnet/algo/influence/seeds.hpp>
#include <refnet/algo/rank/super_users.hpp>
#include <refnet/algo/rank/top_referrers.hpp>
#include <refnet/algo/reach/hyperanf.hpp>
#include <refnet/algo/reach/reach.hpp>
#include <refnet/algo/structure/summary.hpp>
#include <refnet/algo/tiers/tiers.hpp>
#include <refnet/base/progress.hpp>
#include <refnet/events/network.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace refnet {

struct ReportParams {
  unsigned top = 10;          // rows in "top" tables
  unsigned influence_k = 10;  // seeds in the influence section (0 = no section)
  std::uint64_t seed = 1;     // the run's --seed, for the sampled analyses
  void validate() const;
};

// The reach section without a ranking to reuse: Dunbar-capped 2-hop reach of
// every user, exact while users * ties <= this, else estimated by HyperANF.
inline constexpr double kExactReachWork = 2e11;

struct CascadeSection {
  std::string source;  // "referrals", "shares", "file"
  CascadeForest forest;
  CascadeResult result;
};

struct InfluenceSection {
  InfluenceModelParams model;
  InfluenceGraph graph;
  SeedsParams params;
  SeedsResult seeds;
};

struct AnalysisReport {
  NetworkSummary summary;
  std::vector<ReferrerRow> top_referrers;
  std::optional<CascadeSection> cascades;       // when there are cascades
  std::optional<SuperUserReport> super_users;   // when there is something to rank
  // Reach, tiers and seeds when the ranking did not compute them itself.
  std::optional<ReachResult> own_reach;
  std::optional<HyperAnfResult> own_reach_estimate;
  std::optional<TierResult> own_tiers;          // event logs only
  std::optional<InfluenceSection> influence;    // influence_k > 0 and ties to spread along

  // The sections as reported: the ranking's results when it has them.
  const ReachResult* reach() const;
  const HyperAnfResult* reach_estimate() const;
  const TierResult* tiers() const;
};

// Phases: info, referrers, cascades, rank (with its own), reach, tiers, influence.
AnalysisReport analyze(const Network& net, const ReportParams& params, const Progress& progress = {});

}  // namespace refnet
