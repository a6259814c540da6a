// Super users: the customers who are at once loyal buyers and the company's best
// sellers, found and explained (DESIGN.md section 4, rank).
//
// Gathers the seven components of the super-user score for every user
// (algo/rank.hpp: descendants and converted referrals from the referral forest,
// Dunbar-capped 2-hop reach, WOM PageRank, influence as the user's share of
// RR sets (algo/influence/rr_share.hpp), trust tier, purchases), ranks the users, and runs two
// checks that the growth team's folklore is measured rather than assumed:
//   Pareto     the share of acquisitions brought by the top 20% of referrers and
//              of value (purchase amounts) by the top 20% of customers, with
//              Lorenz curves and Gini coefficients (algo/pareto.hpp);
//   homophily  tier assortativity of the WOM ties and whether super users' ties
//              reach other super users more than chance (algo/homophily.hpp).
// Components an input cannot have (a graph file has no referrals, tiers or
// purchases) are left out and the weights renormalised.
#pragma once

#include <refnet/algo/rank/homophily.hpp>
#include <refnet/algo/reach/hyperanf.hpp>
#include <refnet/algo/rank/pareto.hpp>
#include <refnet/algo/rank/rank.hpp>
#include <refnet/algo/reach/reach.hpp>
#include <refnet/algo/influence/rr_share.hpp>
#include <refnet/algo/tiers/tiers.hpp>
#include <refnet/events/network.hpp>
#include <refnet/parallel/cluster.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace refnet {

struct SuperUserParams {
  RankWeights weights;
  std::uint32_t dunbar = 150;       // ties per user counted by the reach component
  double exact_reach_work = 2e11;   // exact reach while users * ties <= this, else HyperANF
  // The influence component's sample (skipped when its weight is 0): sized so
  // that the top 1% of users' percentiles are known to a fraction of a point.
  RRShareParams influence;
  std::uint32_t pagerank_iterations = 100;
  std::uint64_t seed = 1;
  TierParams tiers;
  const Cluster* cluster = nullptr;  // IMM under MPI
  void validate() const;
};

struct SuperUserReport {
  RankInputs inputs;  // raw component values per user
  RankResult rank;
  std::string reach_method;         // "exact" or "hyperanf"
  std::optional<RRShareResult> influence;  // the sample behind the influence component
  std::optional<Concentration> referrals;  // acquisitions per referrer
  std::optional<Concentration> value;      // purchase amounts per customer
  std::optional<HomophilyResult> homophily;
  // What the components were computed from, for callers that report them too
  // (refnet analyze): the 2-hop reach (exact, or estimated) and the tiers.
  std::optional<ReachResult> reach;
  std::optional<HyperAnfResult> reach_estimate;
  std::optional<TierResult> tiers;
};

// Phases: referrals, reach, pagerank, influence, tiers, score.
SuperUserReport super_users(const Network& net, const SuperUserParams& params, const Progress& progress = {});

// Users below each user in the referral forest (O(n)); the oracle walks every
// user's ancestors instead.
std::vector<std::uint64_t> referral_descendants(const ReferralForest& forest);
std::vector<std::uint64_t> referral_descendants_reference(const ReferralForest& forest);

}  // namespace refnet
