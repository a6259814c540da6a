// Homophily: do users of a tier tie to users of the same tier ("birds of a
// feather")? Measured on the positive ties of the WOM network, as directed
// edges speaker -> listener.
//
//   assortativity  Newman's coefficient for categories (Phys. Rev. E 67, 026126,
//                  2003): with e_ij the share of ties from tier i to tier j,
//                  a_i = sum_j e_ij, b_j = sum_i e_ij,
//                  r = (sum_i e_ii - sum_i a_i b_i) / (1 - sum_i a_i b_i);
//                  1 = ties only within a tier, 0 = as if at random, < 0 = across.
//   numeric        the Pearson correlation of the tier numbers (0..4) at the two
//                  ends of a tie (Newman's scalar assortativity).
//   super users    the share of super users' ties that reach other super users,
//                  against the share expected at random: the share of all tie
//                  ends that are super users (b_super); lift = observed / expected.
// O(edges).
#pragma once

#include <refnet/graph/csr_graph.hpp>

#include <array>
#include <cstdint>
#include <span>

namespace refnet {

struct HomophilyResult {
  std::uint64_t ties = 0;  // positive ties between users with a tier
  double assortativity = 0;
  double numeric_assortativity = 0;
  std::uint64_t super_ties = 0;         // ties whose speaker is a super user
  double super_to_super_share = 0;      // of those, the share whose listener is super too
  double super_expected_share = 0;      // b_super
  double super_population_share = 0;    // super users among all users
  double super_lift = 0;                // observed / expected (0 when undefined)
};

// `tier[v]` in 0..4 (kNumTiers); `super_tier` is the top tier's number.
HomophilyResult homophily(const Graph& wom, std::span<const std::uint8_t> tier, std::uint8_t super_tier = 4);

}  // namespace refnet
