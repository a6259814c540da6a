#include <refnet/algo/cascade/powerlaw.hpp>

#include <refnet/base/error.hpp>
#include <refnet/parallel/loops.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace refnet {

namespace {

constexpr double kAlphaMin = 1.01;
constexpr double kAlphaMax = 6.0;

// B_2j / (2j)!, j = 1..8: the Euler-Maclaurin correction coefficients.
constexpr std::array<double, 8> kBernoulliOverFactorial = {
    1.0 / 12,          -1.0 / 720,
    1.0 / 30240,       -1.0 / 1209600,
    1.0 / 47900160,    -691.0 / 1307674368000,
    1.0 / 74724249600, -3617.0 / 10670622842880000,
};

// Terms below this are summed one by one; from here on the Euler-Maclaurin
// remainder after 8 corrections is below 1e-18 of the sum for s <= 6, since
// each correction shrinks by about ((s + 2j) / (2 pi a))^2.
constexpr double kDirectBelow = 10;

// zeta(s, a) for a >= kDirectBelow, with the s-dependent factors of the
// corrections (B_2j / (2j)! times the rising factorial s (s+1) ... (s+2j-2))
// computed once, so that each further a costs one power and a short polynomial.
class ZetaTail {
 public:
  explicit ZetaTail(double s) : s_(s) {
    double rising = s;
    for (std::size_t j = 0; j < coef_.size(); ++j) {
      coef_[j] = kBernoulliOverFactorial[j] * rising;
      rising *= (s + 2 * j + 1) * (s + 2 * j + 2);
    }
  }

  // `a_pow` is a^-s, which callers often have at hand.
  double operator()(double a, double a_pow) const {
    const double inv_sq = 1 / (a * a);
    double poly = 0;
    for (std::size_t j = coef_.size(); j-- > 0;) poly = poly * inv_sq + coef_[j];
    return a_pow * (a / (s_ - 1) + 0.5 + poly / a);
  }

 private:
  double s_;
  std::array<double, 8> coef_{};
};

double zeta_with(const ZetaTail& tail, double s, double q) {
  double sum = 0;
  for (; q < kDirectBelow; q += 1) sum += std::pow(q, -s);
  return sum + tail(q, std::pow(q, -s));
}

// The maximiser of a unimodal f over [lo, hi] by golden-section search.
template <class F>
double golden_section_max(F f, double lo, double hi) {
  constexpr double kInvPhi = 0.6180339887498949;
  constexpr double kTolerance = 1e-9;
  double x1 = hi - kInvPhi * (hi - lo);
  double x2 = lo + kInvPhi * (hi - lo);
  double f1 = f(x1);
  double f2 = f(x2);
  while (hi - lo > kTolerance) {
    if (f1 < f2) {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + kInvPhi * (hi - lo);
      f2 = f(x2);
    } else {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - kInvPhi * (hi - lo);
      f1 = f(x1);
    }
  }
  return (lo + hi) / 2;
}

// The MLE of alpha in [kAlphaMin, kAlphaMax] for a tail of n observations
// >= x_min whose logs sum to `sum_log`. Both likelihoods are concave in alpha,
// so clamping the closed form gives the constrained maximum too.
double estimate_alpha(std::uint64_t x_min, double n, double sum_log, bool discrete) {
  if (!discrete)
    return std::clamp(1 + n / (sum_log - n * std::log(static_cast<double>(x_min) - 0.5)), kAlphaMin, kAlphaMax);
  const double q = static_cast<double>(x_min);
  return golden_section_max(
      [&](double alpha) { return -n * std::log(zeta_with(ZetaTail(alpha), alpha, q)) - alpha * sum_log; }, kAlphaMin,
      kAlphaMax);
}

// The sorted values seen as distinct values with the suffix sums every
// candidate x_min reads: observations >= value[i] and the sum of their logs.
struct Distinct {
  std::vector<std::uint64_t> value;
  std::vector<double> log_value;
  std::vector<std::uint64_t> count_from;  // size + 1, last 0
  std::vector<double> log_sum_from;       // size + 1, last 0
};

Distinct distinct_values(const std::vector<std::uint64_t>& sorted) {
  Distinct d;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    d.value.push_back(sorted[i]);
    d.count_from.push_back(j - i);  // the count for now; suffix-summed below
    i = j;
  }
  const std::size_t m = d.value.size();
  d.log_value.resize(m);
  d.log_sum_from.assign(m + 1, 0);
  d.count_from.push_back(0);
  for (std::size_t i = m; i-- > 0;) {
    d.log_value[i] = d.value[i] == 0 ? 0 : std::log(static_cast<double>(d.value[i]));
    d.log_sum_from[i] = d.log_sum_from[i + 1] + static_cast<double>(d.count_from[i]) * d.log_value[i];
    d.count_from[i] += d.count_from[i + 1];
  }
  return d;
}

// Indices of the distinct values that qualify as x_min, thinned to at most
// params.max_xmin_candidates along log x.
std::vector<std::size_t> candidates(const Distinct& d, const PowerLawParams& params) {
  const std::size_t m = d.value.size();
  std::size_t first = 0;
  while (first < m && d.value[first] == 0) ++first;
  // At least two distinct values in the tail, and min_tail observations.
  std::size_t end = m == 0 ? 0 : m - 1;
  while (end > first && d.count_from[end - 1] < params.min_tail) --end;
  // Candidates are [first, end); count_from falls with the index.
  std::vector<std::size_t> out;
  if (first >= end) return out;
  const std::size_t last = end - 1;
  if (end - first <= params.max_xmin_candidates || params.max_xmin_candidates < 2) {
    for (std::size_t i = first; i < end && out.size() < params.max_xmin_candidates; ++i) out.push_back(i);
    return out;
  }
  const double log_lo = d.log_value[first];
  const double log_hi = d.log_value[last];
  const double steps = static_cast<double>(params.max_xmin_candidates - 1);
  out.push_back(first);
  for (std::uint64_t k = 1; k + 1 < params.max_xmin_candidates; ++k) {
    const double target = std::exp(log_lo + (log_hi - log_lo) * static_cast<double>(k) / steps);
    const auto it = std::lower_bound(d.value.begin() + static_cast<std::ptrdiff_t>(first),
                                     d.value.begin() + static_cast<std::ptrdiff_t>(last), target,
                                     [](std::uint64_t v, double t) { return static_cast<double>(v) < t; });
    const auto i = static_cast<std::size_t>(it - d.value.begin());
    if (i > out.back()) out.push_back(i);
  }
  if (last > out.back()) out.push_back(last);
  return out;
}

// The KS distance of the tail from distinct index `k` on against the model
// P(X >= x) = ccdf(x). Over every integer x >= x_min: between two observed
// values the empirical CDF is flat and the model's rises, so comparing at each
// observed d (empirical share >= d vs ccdf(d)) and at d + 1 (share >= the next
// value vs ccdf(d + 1)) covers both ends of every gap.
template <class ModelCcdf>
double ks_distance(const Distinct& d, std::size_t k, ModelCcdf model_ccdf) {
  const double n = static_cast<double>(d.count_from[k]);
  double ks = 0;
  for (std::size_t i = k; i < d.value.size(); ++i) {
    const auto [at, after] = model_ccdf(i);
    const double share_at = static_cast<double>(d.count_from[i]) / n;
    const double share_after = static_cast<double>(d.count_from[i + 1]) / n;
    ks = std::max({ks, std::abs(share_at - at), std::abs(share_after - after)});
  }
  return ks;
}

double ks_discrete(const Distinct& d, std::size_t k, double alpha) {
  const ZetaTail tail(alpha);
  const double norm = 1 / zeta_with(tail, alpha, static_cast<double>(d.value[k]));
  return ks_distance(d, k, [&](std::size_t i) {
    const double x = static_cast<double>(d.value[i]);
    if (x < kDirectBelow) {
      const double z = zeta_with(tail, alpha, x);
      return std::pair{z * norm, (z - std::pow(x, -alpha)) * norm};
    }
    const double x_pow = std::exp(-alpha * d.log_value[i]);
    const double z = tail(x, x_pow);
    return std::pair{z * norm, (z - x_pow) * norm};
  });
}

double ks_continuous(const Distinct& d, std::size_t k, double alpha) {
  const double log_base = std::log(static_cast<double>(d.value[k]) - 0.5);
  return ks_distance(d, k, [&](std::size_t i) {
    const double x = static_cast<double>(d.value[i]);
    return std::pair{std::exp((1 - alpha) * (std::log(x - 0.5) - log_base)),
                     std::exp((1 - alpha) * (std::log(x + 0.5) - log_base))};
  });
}

PowerLawFit make_fit(double alpha, std::uint64_t x_min, double ks, std::uint64_t n_tail) {
  PowerLawFit fit;
  fit.alpha = alpha;
  fit.x_min = x_min;
  fit.ks = ks;
  fit.n_tail = n_tail;
  fit.alpha_stderr = (alpha - 1) / std::sqrt(static_cast<double>(n_tail));
  fit.valid = true;
  return fit;
}

}  // namespace

void PowerLawParams::validate() const {
  if (min_tail < 2) throw UsageError("power-law fit: min_tail must be at least 2");
  if (max_xmin_candidates < 1) throw UsageError("power-law fit: max_xmin_candidates must be at least 1");
}

double hurwitz_zeta(double s, double q) {
  if (!(s > 1) || !(q > 0)) throw UsageError("hurwitz_zeta needs s > 1 and q > 0");
  return zeta_with(ZetaTail(s), s, q);
}

PowerLawFit fit_power_law(std::vector<std::uint64_t> values, const PowerLawParams& params) {
  params.validate();
  std::sort(values.begin(), values.end());
  const Distinct d = distinct_values(values);
  const std::vector<std::size_t> cand = candidates(d, params);
  if (cand.empty()) return {};

  struct Trial {
    double alpha;
    double ks;
  };
  std::vector<Trial> trials(cand.size());
  for_each_index<std::size_t>(cand.size(), [&](std::size_t c) {
    const std::size_t k = cand[c];
    const double alpha =
        estimate_alpha(d.value[k], static_cast<double>(d.count_from[k]), d.log_sum_from[k], params.discrete);
    trials[c] = {alpha, params.discrete ? ks_discrete(d, k, alpha) : ks_continuous(d, k, alpha)};
  }, 1);
  std::size_t best = 0;
  for (std::size_t c = 1; c < cand.size(); ++c)
    if (trials[c].ks < trials[best].ks) best = c;
  const std::size_t k = cand[best];
  return make_fit(trials[best].alpha, d.value[k], trials[best].ks, d.count_from[k]);
}

PowerLawFit fit_power_law_reference(std::vector<std::uint64_t> values, const PowerLawParams& params) {
  params.validate();
  std::sort(values.begin(), values.end());
  PowerLawFit best;
  best.ks = std::numeric_limits<double>::infinity();
  for (std::size_t start = 0; start < values.size(); ++start) {
    const std::uint64_t x_min = values[start];
    if (x_min == 0 || (start > 0 && values[start - 1] == x_min)) continue;
    const std::vector<std::uint64_t> tail(values.begin() + static_cast<std::ptrdiff_t>(start), values.end());
    if (tail.size() < params.min_tail || tail.back() == x_min) continue;

    const double n = static_cast<double>(tail.size());
    double sum_log = 0;
    for (std::uint64_t x : tail) sum_log += std::log(static_cast<double>(x));
    const double alpha = estimate_alpha(x_min, n, sum_log, params.discrete);

    // Walk every integer x of the tail's range: empirical CDF vs the model's,
    // the latter summed pmf by pmf (discrete) or from its closed form.
    const double norm = params.discrete ? hurwitz_zeta(alpha, static_cast<double>(x_min)) : 0;
    double model_cdf = 0;
    double ks = 0;
    std::size_t seen = 0;
    for (std::uint64_t x = x_min; x <= tail.back(); ++x) {
      while (seen < tail.size() && tail[seen] == x) ++seen;
      const double xd = static_cast<double>(x);
      if (params.discrete)
        model_cdf += std::pow(xd, -alpha) / norm;
      else
        model_cdf = 1 - std::pow((xd + 0.5) / (static_cast<double>(x_min) - 0.5), 1 - alpha);
      ks = std::max(ks, std::abs(static_cast<double>(seen) / n - model_cdf));
    }
    if (ks < best.ks) best = make_fit(alpha, x_min, ks, tail.size());
  }
  return best.valid ? best : PowerLawFit{};
}

std::vector<std::pair<std::uint64_t, double>> ccdf(std::vector<std::uint64_t> values) {
  std::sort(values.begin(), values.end());
  std::vector<std::pair<std::uint64_t, double>> out;
  const double n = static_cast<double>(values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    if (i == 0 || values[i] != values[i - 1]) out.emplace_back(values[i], static_cast<double>(values.size() - i) / n);
  return out;
}

}  // namespace refnet
