// The `refnet analyze` pipeline: every analysis that applies to a network,
// composed into one report. The analyses share their work: the super-user
// ranking computes tiers and 2-hop reach among its components,
// and the tiers and reach sections reuse them; the influence section picks
// its own seeds (OPIM-C), which the ranking does not need.
// json/report_json.hpp turns the report into JSON, format/summary_tables.hpp
// into the readable summary. A new section adds a member here, its step in
// analyze(), its JSON and its block of the summary.
#pragma once

#include <refnet/algo/cascade/cascade.hpp>
#include <refnet/algo/cascade/channels.hpp>
#include <refnet/algo/influence/influence_graph.hpp>
#include <refnet/algo/influence/seeds.hpp>
#include <refnet/algo/rank/super_users.hpp>
#include <refnet/algo/rank/top_referrers.hpp>
#include <refnet/algo/reach/hyperanf.hpp>
#include <refnet/algo/reach/reach.hpp>
#include <refnet/algo/structure/summary.hpp>
#include <refnet/algo/tiers/channels.hpp>
#include <refnet/algo/tiers/tiers.hpp>
#include <refnet/base/progress.hpp>
#include <refnet/events/network.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

// The sections a report can have, in the order they are computed. The
// network summary is always there.
enum class Section : std::uint8_t { kReferrers, kCascades, kSuperUsers, kReach, kTiers, kInfluence };
inline constexpr std::size_t kNumSections = 6;
inline constexpr std::array<std::string_view, kNumSections> kSectionNames = {
    "top_referrers", "cascades", "super_users", "reach", "tiers", "influence"};

struct ReportParams {
  unsigned top = 10;          // rows in "top" tables
  unsigned influence_k = 10;  // seeds in the influence section (0 = no section)
  std::uint64_t seed = 1;     // the run's --seed, for the sampled analyses
  // Which sections to compute. A section asked for by name (`explicit_`) that
  // the input cannot have is a usage error; one left on by default is skipped
  // with its reason.
  std::array<bool, kNumSections> sections = {true, true, true, true, true, true};
  bool explicit_sections = false;
  // --sections a,b (only these) or --skip a,b (all but these); throws UsageError.
  void choose_sections(std::string_view only, std::string_view skip);
  bool wants(Section s) const { return sections[static_cast<std::size_t>(s)]; }
  void validate() const;
};

// A section the report does not have, and why.
struct SkippedSection {
  std::string name;
  std::string reason;
};

// The reach section without a ranking to reuse: Dunbar-capped 2-hop reach of
// every user, exact while users * ties <= this, else estimated by HyperANF.
inline constexpr double kExactReachWork = 2e11;

struct CascadeSection {
  std::string source;  // "referrals", "shares", "file"
  CascadeForest forest;
  CascadeResult result;
  std::vector<ChannelReferrals> channels;  // referral cascades: by channel
};

struct InfluenceSection {
  InfluenceModelParams model;
  InfluenceGraph graph;
  SeedsParams params;
  SeedsResult seeds;
};

struct AnalysisReport {
  std::vector<std::string> included;      // section names, in order
  std::vector<SkippedSection> skipped;
  NetworkSummary summary;
  std::optional<std::vector<ReferrerRow>> top_referrers;
  std::optional<CascadeSection> cascades;       // when there are cascades
  std::optional<SuperUserReport> super_users;   // when there is something to rank
  // Reach, tiers and seeds when the ranking did not compute them itself.
  std::optional<ReachResult> own_reach;
  std::optional<HyperAnfResult> own_reach_estimate;
  std::optional<TierResult> own_tiers;          // event logs only
  std::vector<ChannelFunnel> tier_channels;     // the tiers section's funnel by channel
  std::optional<InfluenceSection> influence;    // influence_k > 0 and ties to spread along

  // The sections as reported: the ranking's results when it has them.
  const ReachResult* reach() const;
  const HyperAnfResult* reach_estimate() const;
  const TierResult* tiers() const;
};

// Phases: info, then one per section computed (rank with its own).
// Throws UsageError when a section asked for by name cannot apply.
AnalysisReport analyze(const Network& net, const ReportParams& params, const Progress& progress = {});

}  // namespace refnet
