// The Pareto check: Gini against the all-pairs definition, Lorenz and the top-20% share by hand.
#include <refnet/algo/rank/pareto.hpp>

#include <catch2/catch.hpp>

#include <random>

using namespace refnet;

// Ten users; two hold 8 of 10 referrals, the rest one each... no: two hold 4
// each, two hold 1 each, six hold 0. Sorted: 0 x6, 1, 1, 4, 4 (total 10).
// Top 20% = the two largest = 8 / 10. Gini = 2 sum i x_i / (n sum) - (n+1)/n
// = 2 (7 + 8 + 36 + 40) / 100 - 1.1 = 1.82 - 1.1 = 0.72.
// Lorenz at p = 0.5 (five poorest): 0; at p = 0.8: 2/10; at p = 0.9: 6/10.
TEST_CASE("the twenty-eighty check on ten users", "[pareto]") {
  const std::vector<double> x{4, 0, 1, 0, 0, 4, 0, 1, 0, 0};
  const Concentration c = concentration(x, 0.2, 10);
  CHECK(c.population == 10);
  CHECK(c.total == 10);
  CHECK(c.top_share == Approx(0.8));
  CHECK(c.gini == Approx(0.72));
  CHECK(gini_reference(x) == Approx(0.72));
  REQUIRE(c.lorenz.size() == 11);
  CHECK(c.lorenz[5].second == Approx(0.0));
  CHECK(c.lorenz[8].second == Approx(0.2));
  CHECK(c.lorenz[9].second == Approx(0.6));
  CHECK(c.lorenz[10].second == Approx(1.0));
}

TEST_CASE("equal values have Gini 0 and a diagonal Lorenz curve; no values are not an error", "[pareto]") {
  const std::vector<double> same(7, 3.0);
  const Concentration c = concentration(same, 0.2, 7);
  CHECK(c.gini == Approx(0.0).margin(1e-12));
  for (const auto& [p, share] : c.lorenz) CHECK(share == Approx(p));
  CHECK(concentration(std::vector<double>{}).population == 0);
  CHECK(concentration(std::vector<double>{0, 0}).gini == 0);
}

TEST_CASE("Gini equals the all-pairs mean difference on random data", "[pareto]") {
  std::mt19937_64 rng(3);
  std::exponential_distribution<double> heavy(0.5);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<double> x(1 + rng() % 300);
    for (double& v : x) v = std::floor(heavy(rng) * heavy(rng));
    const Concentration c = concentration(x);
    CHECK(c.gini == Approx(gini_reference(x)).margin(1e-9));
    for (std::size_t i = 1; i < c.lorenz.size(); ++i) CHECK(c.lorenz[i].second >= c.lorenz[i - 1].second - 1e-12);
  }
}
