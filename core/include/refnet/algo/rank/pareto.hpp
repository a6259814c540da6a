// The Pareto check: how concentrated referrals and value are. The twenty-eighty
// rule says a fifth of users bring most of the value; this measures it.
//
// For non-negative values x_1..x_n (one per user of a population):
//   top_share  the share of the total held by the ceil(0.2 n) largest values;
//   Lorenz     the curve L(p) = share of the total held by the poorest p of the
//              population, at p = 0, 1/points, ..., 1 (linear between users);
//   Gini       G = 2 sum_i i x_(i) / (n sum x) - (n + 1) / n over the values
//              sorted ascending (i from 1), which equals the mean absolute
//              difference over all pairs divided by twice the mean.
// O(n log n) (a sort).
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace refnet {

struct Concentration {
  std::uint64_t population = 0;
  double total = 0;
  double top_fraction = 0.2;
  double top_share = 0;  // share of the total held by the top `top_fraction`
  double gini = 0;
  std::vector<std::pair<double, double>> lorenz;  // (population share, value share)
};

Concentration concentration(std::span<const double> values, double top_fraction = 0.2, unsigned points = 20);

// Gini by the all-pairs mean absolute difference, O(n^2): the test oracle.
double gini_reference(std::span<const double> values);

}  // namespace refnet
