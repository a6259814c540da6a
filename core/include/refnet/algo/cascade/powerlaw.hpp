// Power-law fit of a heavy-tailed integer distribution (referral cascade
// sizes): the exponent alpha of P(X = x) ~ x^-alpha for x >= x_min, and where
// the power law starts.
//
// Method: Clauset, Shalizi & Newman, "Power-law distributions in empirical
// data", SIAM Review 51(4):661-703, 2009. For each candidate x_min:
//   - discrete (default): alpha maximises the exact discrete log-likelihood
//       L(alpha) = -n ln zeta(alpha, x_min) - alpha * sum ln x_i   (their eq. 3.5)
//     over alpha in [1.01, 6] by golden-section search (L is concave in
//     alpha, as ln zeta is convex), with the Hurwitz zeta computed by
//     Euler-Maclaurin summation; the model is P(X >= x) = zeta(alpha, x) / zeta(alpha, x_min);
//   - continuous approximation (discrete = false): the closed form
//       alpha = 1 + n / sum ln(x_i / (x_min - 1/2))                (their eq. 3.7)
//     clamped to the same [1.01, 6],
//     with the model P(X >= x) = ((x - 1/2) / (x_min - 1/2))^(1 - alpha);
// then the Kolmogorov-Smirnov distance between the empirical CDF of the
// observations >= x_min and the model CDF, taken over every integer x >= x_min
// (between two observed values the empirical CDF is flat and the model's
// rises, so the two ends of each gap suffice). The x_min with the smallest
// distance wins (ties: the smaller x_min).
//
// Definition choices, pinned by the tests:
//   - candidates are the distinct values with at least `min_tail` observations
//     >= them and at least two distinct values in their tail (one value alone
//     has no finite MLE). When there are more than `max_xmin_candidates`, they
//     are picked at targets spread evenly in log x (each target taking the
//     smallest candidate >= it, duplicates dropped), so every small value is
//     tried and the sparse top is sampled;
//   - zeros are allowed in the input but lie below every x_min (which is >= 1);
//   - alpha_stderr is (alpha - 1) / sqrt(n_tail) (their eq. 3.2);
//   - `valid` is false, and the rest zero, when no candidate qualifies.
//
// Complexity: one sort, O(n log n); then O(d) per candidate for the KS pass,
// where d is the number of distinct values in its tail (one exp and a short
// polynomial per value, no cancellation from chained differences), plus
// O(log(1/tol)) zeta evaluations for the MLE: O(n log n + c * d) in all,
// candidates in parallel. `fit_power_law_reference` beside it evaluates every
// candidate from scratch, walking every integer of the tail: the oracle in the tests.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace refnet {

struct PowerLawFit {
  double alpha = 0;          // exponent of P(X = x) ~ x^-alpha for x >= x_min
  std::uint64_t x_min = 0;   // chosen to minimise the KS distance
  double ks = 0;             // KS distance between the data >= x_min and the fitted model
  std::uint64_t n_tail = 0;  // observations >= x_min
  double alpha_stderr = 0;   // (alpha - 1) / sqrt(n_tail)
  bool valid = false;        // false when no x_min has enough tail observations / distinct values
};

struct PowerLawParams {
  std::uint64_t min_tail = 10;               // fewest observations >= a candidate x_min
  std::uint64_t max_xmin_candidates = 1000;  // bound on the candidates tried
  bool discrete = true;                      // exact discrete MLE; false: continuous approximation
  void validate() const;                     // throws UsageError
};

PowerLawFit fit_power_law(std::vector<std::uint64_t> values, const PowerLawParams& params = {});

// The oracle: every qualifying candidate (no max_xmin_candidates sampling),
// sums recomputed over the tail, the model CDF accumulated pmf by pmf over
// every integer up to the largest value. O(c * (n + max value)); tests only.
PowerLawFit fit_power_law_reference(std::vector<std::uint64_t> values, const PowerLawParams& params = {});

// CCDF: for each distinct value x (ascending), the share of values >= x.
std::vector<std::pair<std::uint64_t, double>> ccdf(std::vector<std::uint64_t> values);

// Hurwitz zeta(s, q) = sum_{k >= 0} (q + k)^-s for s > 1, q > 0, by
// Euler-Maclaurin summation; relative error below 1e-14 for s in (1, 6].
double hurwitz_zeta(double s, double q);

}  // namespace refnet
