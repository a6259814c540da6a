// The data of the HTML report (`refnet report`, `refnet analyze --html`;
// web/DATA.md is the contract with the page): the analysis of analyze.hpp plus
// what only a picture needs, each summarised over all users or sampled to a
// fixed bound, so that the page stays a few MB whatever the input:
//
//   tier_timeline    tiers at the end of every month, moves per month by kind
//                    and cause, and all moves by (from, to): one pass over the
//                    transitions with per-month differences, O(users + moves)
//   cascade_trees    the largest cascades as breadth-first trees, cut after
//                    whole generations at a node cap
//   reach_histogram  the reach of every user (the analysis's), binned: 0, then
//                    width 10 up to 300 (150 is a bin edge), then doubling
//   dunbar           how full the Dunbar layers are over all users, and the
//                    share of all tie strength in each ring: one pass over the
//                    WOM rows (ordered by strength), O(m)
//   network          the network view: the leaders of the largest Louvain
//                    communities with members (the leader's strongest ties
//                    inside the community first, then by PageRank), and the
//                    strongest ties of each top super user; every tie between
//                    shown users, the strongest kept at the edge cap
//   user pages       user_profile.hpp for a bounded sample: everyone a section
//                    names (top super users, seeds, cascade roots, top
//                    referrers and reachers, community leaders, and the users
//                    asked for), then a uniform random sample of the rest:
//                    the users with the smallest CounterRng key (seed, user)
//
// Communities and leaders are those of `refnet community` with the same seed
// (Louvain on the weighted undirected view, leaders by PageRank). The
// sampling depends on the seed only, never on the thread count.
#pragma once

#include <refnet/algo/cascade/cascade.hpp>
#include <refnet/algo/community/louvain.hpp>
#include <refnet/algo/rank/top_referrers.hpp>
#include <refnet/algo/reach/prospects.hpp>
#include <refnet/algo/tiers/tiers.hpp>
#include <refnet/base/progress.hpp>
#include <refnet/events/network.hpp>
#include <refnet/report/analyze.hpp>
#include <refnet/report/user_profile.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace refnet {

struct HtmlReportParams {
  unsigned top = 50;                       // super users, referrers and reachers listed
  unsigned cascades = 100;                 // cascade records (the virality scatter)
  unsigned trees = 10;                     // largest cascades drawn as trees
  std::uint64_t tree_max_nodes = 2000;     // nodes per tree
  std::uint32_t user_pages = 2000;         // at most
  std::uint32_t page_reason_top = 10;      // seeds, roots, referrers, reachers given pages (each)
  std::uint32_t network_communities = 40;  // largest communities shown
  std::uint32_t community_members = 30;    // members shown per community, besides the leader
  std::uint32_t ego_ties = 25;             // strongest ties shown per top user
  std::uint32_t network_egos = 50;         // top super users whose ties are shown
  std::uint32_t network_nodes = 3000;      // at most
  std::uint32_t network_edges = 10000;     // at most
  std::vector<VertexId> requested;         // users who must have a page
  std::uint64_t seed = 1;
  UserProfileParams profile;
  void validate() const;
};

struct TierMonth {
  std::int32_t month = 0;                         // months since 1970-01 (text.hpp month_index)
  std::array<std::uint64_t, kNumTiers> counts{};  // known users per tier at the end of the month
  std::array<std::uint64_t, 3> by_kind{};         // moves in the month by TierChange::Kind
  std::array<std::uint64_t, 9> by_cause{};        // by TierChange::Cause
};

struct TierTimeline {
  std::vector<TierMonth> months;                                        // the first event's month .. the month of T
  std::array<std::array<std::uint64_t, kNumTiers>, kNumTiers> moves{};  // [from][to], the whole period
};

// `tiers` must hold transitions. A user counts from the month of their first
// event at or before T (known, as tiers.hpp counts them).
TierTimeline tier_timeline(const Network& net, const TierResult& tiers);

struct ReachBin {
  std::uint64_t from = 0, to = 0;  // inclusive
  std::uint64_t users = 0;
};
// Bins of `values` (one per user, rounded to the nearest integer): 0 alone,
// then 1-10, 11-20, ..., 291-300, then widths 20, 40, 80, ...; up to the bin
// holding the largest value.
std::vector<ReachBin> reach_histogram(const std::vector<double>& values);

struct DunbarLayerSummary {
  std::uint32_t size = 0;        // cumulative size
  std::uint64_t users_full = 0;  // users with at least `size` ties
  std::uint64_t users_any = 0;   // users with a tie in the ring (more than the previous size)
  double strength_share = 0;     // the ring's strength over all tie strength
  double negative_share = 0;     // negative ties among the ring's ties
};
std::vector<DunbarLayerSummary> dunbar_summary(const Graph& wom,
                                               const std::vector<std::uint32_t>& layers = kDunbarLayers);

struct NetworkSampleParams {
  std::uint32_t communities = 40, members = 30, ego_ties = 25, nodes = 3000, edges = 10000;
};
enum NetworkRole : std::uint8_t { kRoleLeader = 1, kRoleTop = 2, kRoleEgo = 4, kRoleMember = 8 };
struct NetworkSample {
  struct Node {
    VertexId user = 0;
    std::uint8_t roles = 0;  // NetworkRole bits
  };
  struct Community {
    std::uint32_t community = 0;
    std::uint64_t shown = 0;
  };
  std::vector<Node> nodes;
  std::vector<EdgeId> edges;           // WOM ties between shown users, by (source, target)
  std::vector<Community> communities;  // with a shown member, largest first
  std::vector<VertexId> egos;          // top users whose ties are shown
};
// `score` ranks the members of a community after the leader's own ties
// (PageRank); `top` the users whose ego networks are shown, best first.
NetworkSample network_sample(const Network& net, const CommunityResult& communities,
                             const std::vector<VertexId>& leaders, const std::vector<double>& score,
                             const std::vector<VertexId>& top, const NetworkSampleParams& params);

enum PageReason : std::uint16_t {
  kPageRequested = 1,
  kPageSuperUser = 2,
  kPageSeed = 4,
  kPageCascadeRoot = 8,
  kPageTopReferrer = 16,
  kPageTopReach = 32,
  kPageCommunityLeader = 64,
  kPageRandom = 128,
};
inline constexpr std::array<std::string_view, 8> kPageReasonNames = {"requested",        "super_user",   "seed",
                                                                     "cascade_root",     "top_referrer", "top_reach",
                                                                     "community_leader", "random_sample"};

struct PageSample {
  std::vector<VertexId> users;         // named users first (by reason), then the random sample
  std::vector<std::uint16_t> reasons;  // PageReason bits, parallel to users
};
// `named[r]` lists the users of reason bit r (index into kPageReasonNames, the
// random sample excluded), in priority order; at most `max_pages` in all, the
// rest filled from everyone else by the smallest keys of CounterRng(seed, user).
PageSample sample_pages(VertexId num_users, const std::vector<std::vector<VertexId>>& named, std::uint32_t max_pages,
                        std::uint64_t seed);

struct ReportData {
  HtmlReportParams params;
  std::vector<ReferrerRow> top_referrers;  // params.top
  std::optional<CascadeResult> cascades;   // the analysis's cascades with params.cascades records
  std::vector<SampledTree> trees;          // of cascades->cascades[0..], forest nodes mapped to users
  std::optional<TierResult> tiers;         // with transitions (event logs)
  std::optional<TierTimeline> timeline;
  std::uint32_t reach_hops = 0;            // of the analysis's reach
  std::vector<ReachBin> reach_bins;        // empty without reach
  std::vector<DunbarLayerSummary> dunbar;  // empty without ties
  std::optional<CommunityResult> communities;
  std::vector<VertexId> leaders;  // by community
  std::vector<double> pagerank;   // the leaders' score
  std::optional<NetworkSample> network;
  std::optional<ProspectResult> prospects;
  PageSample pages;
  std::vector<UserProfile> profiles;  // parallel to pages.users
};

// Phases: cascades, tiers, timeline, reach, dunbar, communities, network,
// prospects, pages.
ReportData build_report_data(const Network& net, const AnalysisReport& report, const HtmlReportParams& params,
                             const Progress& progress = {});

}  // namespace refnet
