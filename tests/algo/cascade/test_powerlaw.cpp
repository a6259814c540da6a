// Power-law fit: the Hurwitz zeta against known values, the CCDF and the
// refusals by hand, the fit recovering alpha and x_min from samples of a known
// discrete power law, and the fast fit against the all-integers reference.
#include <refnet/algo/cascade/powerlaw.hpp>
#include <refnet/base/error.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <random>

using namespace refnet;

namespace {

// Exact inverse-transform sampling (Clauset et al. 2009, appendix D): the x
// with P(X >= x + 1) < u <= P(X >= x), found by doubling then bisection.
std::uint64_t draw_power_law(double alpha, std::uint64_t x_min, double u) {
  const double norm = hurwitz_zeta(alpha, static_cast<double>(x_min));
  const auto tail = [&](std::uint64_t x) { return hurwitz_zeta(alpha, static_cast<double>(x)) / norm; };
  std::uint64_t lo = x_min;  // tail(lo) >= u
  std::uint64_t hi = 2 * x_min;
  while (tail(hi) >= u) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    (tail(mid) >= u ? lo : hi) = mid;
  }
  return lo;
}

std::vector<std::uint64_t> power_law_sample(double alpha, std::uint64_t x_min, std::size_t n, std::uint64_t seed) {
  // u in (0, 1] from the top 53 bits: the standard distributions are
  // implementation-defined, and the tests must draw the same on every platform.
  std::mt19937_64 rng(seed);
  std::vector<std::uint64_t> out(n);
  for (auto& x : out) x = draw_power_law(alpha, x_min, static_cast<double>((rng() >> 11) + 1) * 0x1p-53);
  return out;
}

}  // namespace

TEST_CASE("hurwitz zeta matches known values", "[powerlaw]") {
  const double pi2 = std::numbers::pi * std::numbers::pi;
  CHECK(hurwitz_zeta(2, 1) == Approx(pi2 / 6).epsilon(1e-13));
  CHECK(hurwitz_zeta(3, 1) == Approx(1.2020569031595942).epsilon(1e-13));
  CHECK(hurwitz_zeta(2, 2) == Approx(pi2 / 6 - 1).epsilon(1e-13));
  CHECK(hurwitz_zeta(1.5, 1) == Approx(2.612375348685488).epsilon(1e-13));
  CHECK(hurwitz_zeta(2, 0.5) == Approx(pi2 / 2).epsilon(1e-13));  // (2^s - 1) zeta(s)
  // Reference values from mpmath at 30 digits.
  CHECK(hurwitz_zeta(1.01, 1) == Approx(100.57794333849678).epsilon(1e-13));
  CHECK(hurwitz_zeta(6, 3) == Approx(0.0017180619844491397).epsilon(1e-13));
  CHECK(hurwitz_zeta(2.5, 1000) == Approx(2.1097669044166767e-05).epsilon(1e-13));
  // The recurrence zeta(s, q) - zeta(s, q + 1) = q^-s across the switch from
  // direct terms to the Euler-Maclaurin tail.
  for (double s : {1.05, 2.0, 3.7, 6.0})
    for (double q : {1.0, 9.0, 9.5, 10.0, 123.0})
      CHECK(hurwitz_zeta(s, q) - hurwitz_zeta(s, q + 1) == Approx(std::pow(q, -s)).epsilon(1e-10));
  CHECK_THROWS_AS(hurwitz_zeta(1, 1), UsageError);
  CHECK_THROWS_AS(hurwitz_zeta(2, 0), UsageError);
}

// values 1 1 1 2 2 3 5 5 (n = 8): shares >= 1, 2, 3, 5 are 8/8, 5/8, 3/8, 2/8.
TEST_CASE("ccdf of a small sample", "[powerlaw]") {
  const auto c = ccdf({5, 1, 2, 1, 3, 5, 2, 1});
  REQUIRE(c.size() == 4);
  CHECK(c[0] == std::pair<std::uint64_t, double>{1, 1.0});
  CHECK(c[1] == std::pair<std::uint64_t, double>{2, 0.625});
  CHECK(c[2] == std::pair<std::uint64_t, double>{3, 0.375});
  CHECK(c[3] == std::pair<std::uint64_t, double>{5, 0.25});
  CHECK(ccdf({}).empty());
}

TEST_CASE("power-law fit refuses too little data", "[powerlaw]") {
  CHECK_FALSE(fit_power_law({}).valid);
  CHECK_FALSE(fit_power_law({1, 2, 3, 4, 5, 6, 7, 8, 9}).valid);         // 9 < min_tail
  CHECK_FALSE(fit_power_law(std::vector<std::uint64_t>(100, 7)).valid);  // one distinct value
  CHECK_FALSE(fit_power_law(std::vector<std::uint64_t>(100, 0)).valid);  // zeros are in no tail
  // Ten values, two distinct: the only x_min is 1.
  const PowerLawFit fit = fit_power_law({1, 1, 1, 1, 1, 1, 1, 2, 2, 3});
  CHECK(fit.valid);
  CHECK(fit.x_min == 1);
  CHECK(fit.n_tail == 10);
  CHECK(fit.alpha_stderr == Approx((fit.alpha - 1) / std::sqrt(10.0)));
}

// values 1 1 1 2, min_tail 2, continuous approximation. Only x_min = 1
// qualifies (x_min = 2 leaves one distinct value). alpha = 1 + 4 / (ln 2 - 4 ln 0.5)
// = 1 + 4 / (5 ln 2) = 2.15416, model P(X >= x) = (2x - 1)^(1 - alpha).
//   x   share >= x   model P(X >= x)
//   1   1            1
//   2   0.25         3^-1.15416 = 0.28140
//   3   0            5^-1.15416 = 0.15606   <- the largest gap, past the last value
TEST_CASE("power-law KS distance on a hand-worked sample", "[powerlaw]") {
  const PowerLawFit fit = fit_power_law({1, 1, 2, 1}, {.min_tail = 2, .discrete = false});
  REQUIRE(fit.valid);
  const double alpha = 1 + 4 / (5 * std::log(2.0));
  CHECK(fit.x_min == 1);
  CHECK(fit.n_tail == 4);
  CHECK(fit.alpha == Approx(alpha).epsilon(1e-12));
  CHECK(fit.ks == Approx(std::pow(5.0, 1 - alpha)).epsilon(1e-12));
  CHECK(fit.ks == Approx(0.15606).margin(1e-5));
}

TEST_CASE("power-law params are validated", "[powerlaw]") {
  CHECK_NOTHROW(PowerLawParams{}.validate());
  CHECK_THROWS_AS((PowerLawParams{.min_tail = 1}.validate()), UsageError);
  CHECK_THROWS_AS((PowerLawParams{.max_xmin_candidates = 0}.validate()), UsageError);
  CHECK_THROWS_AS(fit_power_law({1, 2, 3}, {.min_tail = 0}), UsageError);
}

TEST_CASE("power-law fit recovers alpha and x_min", "[powerlaw]") {
  const double alpha = GENERATE(2.0, 2.5, 3.0);
  SECTION("pure power law from x_min = 1") {
    const PowerLawFit fit = fit_power_law(power_law_sample(alpha, 1, 20000, 42));
    INFO("alpha " << alpha << " fit " << fit.alpha << " x_min " << fit.x_min << " ks " << fit.ks);
    REQUIRE(fit.valid);
    CHECK(fit.alpha == Approx(alpha).margin(0.1));
    CHECK(fit.x_min <= 4);
    CHECK(fit.ks < 0.02);
  }
  SECTION("uniform body on 1..4, power law from x_min = 5") {
    std::vector<std::uint64_t> values = power_law_sample(alpha, 5, 16000, 7);
    std::mt19937_64 rng(8);
    for (int i = 0; i < 4000; ++i) values.push_back(1 + rng() % 4);
    const PowerLawFit fit = fit_power_law(values);
    INFO("alpha " << alpha << " fit " << fit.alpha << " x_min " << fit.x_min << " ks " << fit.ks);
    REQUIRE(fit.valid);
    CHECK(fit.alpha == Approx(alpha).margin(0.1));
    CHECK(fit.x_min >= 5);
    CHECK(fit.x_min <= 10);
  }
}

TEST_CASE("continuous approximation recovers alpha for x_min = 5", "[powerlaw]") {
  const double alpha = GENERATE(2.0, 2.5, 3.0);
  const PowerLawFit fit = fit_power_law(power_law_sample(alpha, 5, 20000, 3), {.discrete = false});
  INFO("alpha " << alpha << " fit " << fit.alpha << " x_min " << fit.x_min << " ks " << fit.ks);
  REQUIRE(fit.valid);
  CHECK(fit.alpha == Approx(alpha).margin(0.1));
}

TEST_CASE("power-law fit agrees with the all-integers reference", "[powerlaw]") {
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const double alpha = 1.6 + 0.1 * static_cast<double>(seed % 12);
    std::vector<std::uint64_t> values = power_law_sample(alpha, 1 + seed % 4, 200 + 50 * seed, seed);
    for (auto& x : values) x = std::min<std::uint64_t>(x, 5000);  // keep the reference's integer walk short
    if (seed % 5 == 0) values.push_back(0);
    for (bool discrete : {true, false}) {
      const PowerLawParams params{.discrete = discrete};
      const PowerLawFit fast = fit_power_law(values, params);
      const PowerLawFit ref = fit_power_law_reference(values, params);
      INFO("seed " << seed << " discrete " << discrete);
      REQUIRE(fast.valid == ref.valid);
      CHECK(fast.x_min == ref.x_min);
      CHECK(fast.n_tail == ref.n_tail);
      CHECK(fast.alpha == Approx(ref.alpha).margin(1e-7));
      CHECK(fast.ks == Approx(ref.ks).margin(1e-7));
    }
  }
}

// Thinning: a budget of one candidate keeps the smallest value, the same fit
// as when min_tail lets only that one qualify; a small budget can only miss
// the best x_min, never beat it.
TEST_CASE("power-law fit tries at most max_xmin_candidates values", "[powerlaw]") {
  const std::vector<std::uint64_t> values = power_law_sample(2.5, 1, 5000, 11);
  const PowerLawFit one = fit_power_law(values, {.max_xmin_candidates = 1});
  const PowerLawFit only = fit_power_law(values, {.min_tail = values.size()});
  CHECK(one.x_min == 1);
  CHECK(one.n_tail == values.size());
  CHECK(one.alpha == only.alpha);
  CHECK(one.ks == only.ks);
  const PowerLawFit all = fit_power_law(values, {.max_xmin_candidates = values.size()});
  for (std::uint64_t budget : {2, 3, 10, 30}) {
    const PowerLawFit few = fit_power_law(values, {.max_xmin_candidates = budget});
    CHECK(few.ks >= all.ks);
  }
}
