// The super-user ranking: one explained score per user.
//
// Seven components, each normalised to a percentile so that different units
// can be added (DESIGN.md section 4):
//   descendants          users below them in the referral (acquisition) forest
//   converted_referrals  direct referees who went on to buy
//   reach                Dunbar-capped 2-hop reach on the WOM network
//   pagerank             PageRank on the WOM network (tie strength as weight)
//   influence            the share of IMM's RR sets the user belongs to: how much
//                        of the network their word can reach under the diffusion model
//   tier                 trust tier, 0 (none) .. 4 (super)
//   purchases            purchase events
// A user's percentile on a component is the share of users whose value is
// strictly lower (so users with the lowest value score 0 and the top value
// scores (n - ties) / n). score = sum_c w_c * percentile_c, with the weights
// renormalised over the components the input has (graph files have no
// referrals, tiers or purchases); each term is that component's contribution,
// so a rank is explained by listing them. Ties in score go to the smaller id.
// O(n log n) per component.
#pragma once

#include <refnet/graph/csr_graph.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

inline constexpr std::size_t kNumRankComponents = 7;
inline constexpr std::array<std::string_view, kNumRankComponents> kRankComponentNames = {
    "descendants", "converted_referrals", "reach", "pagerank", "influence", "tier", "purchases"};
enum RankComponent : std::uint8_t { kDescendants, kConvertedReferrals, kReach, kPageRank, kInfluence, kTier, kPurchases };

struct RankWeights {
  std::array<double, kNumRankComponents> w = {0.25, 0.20, 0.15, 0.10, 0.15, 0.10, 0.05};
  // "descendants=0.3,reach=0.2": the named weights change, the others stay.
  void set(std::string_view list);  // throws UsageError
  void validate() const;
};

struct RankInputs {
  std::array<std::vector<double>, kNumRankComponents> raw;  // each empty (not available) or one value per user
};

struct RankResult {
  std::array<bool, kNumRankComponents> available{};
  std::array<double, kNumRankComponents> weight{};  // effective (renormalised) weights
  std::vector<std::array<float, kNumRankComponents>> percentile;  // per user
  std::vector<double> score;       // per user, in [0, 1]
  std::vector<VertexId> ranking;   // users by score, best first
};

RankResult rank_users(const RankInputs& inputs, VertexId n, const RankWeights& weights);

// Percentiles by counting, O(n^2): the test oracle.
std::vector<double> percentiles_reference(const std::vector<double>& values);

}  // namespace refnet
