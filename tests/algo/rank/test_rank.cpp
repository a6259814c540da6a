// The super-user score: percentiles by hand and against counting, weights
// renormalised over the components an input has, explanations adding up.
#include <refnet/algo/rank/rank.hpp>
#include <refnet/base/error.hpp>

#include <catch2/catch.hpp>

#include <random>

using namespace refnet;

// Four users. descendants 3, 0, 1, 0 -> percentiles (share strictly below)
// 3/4, 0, 2/4, 0. purchases 0, 5, 1, 0 -> 0, 3/4, 2/4, 0.
// Weights 0.25 and 0.05 renormalise to 5/6 and 1/6:
//   user 0: 5/6 * 3/4 = 0.625     user 1: 1/6 * 3/4 = 0.125
//   user 2: 5/6 * 1/2 + 1/6 * 1/2 = 0.5     user 3: 0
TEST_CASE("scores add weighted percentiles over the components the input has", "[rank]") {
  RankInputs in;
  in.raw[kDescendants] = {3, 0, 1, 0};
  in.raw[kPurchases] = {0, 5, 1, 0};
  const RankResult r = rank_users(in, 4, RankWeights{});
  CHECK(r.available[kDescendants]);
  CHECK_FALSE(r.available[kReach]);
  CHECK(r.weight[kDescendants] == Approx(5.0 / 6));
  CHECK(r.weight[kPurchases] == Approx(1.0 / 6));
  CHECK(r.score[0] == Approx(0.625));
  CHECK(r.score[1] == Approx(0.125));
  CHECK(r.score[2] == Approx(0.5));
  CHECK(r.score[3] == Approx(0.0));
  CHECK(r.ranking == std::vector<VertexId>{0, 2, 1, 3});
}

TEST_CASE("percentiles match counting, and contributions add up to each score", "[rank]") {
  std::mt19937_64 rng(6);
  for (int trial = 0; trial < 10; ++trial) {
    const VertexId n = 1 + rng() % 200;
    RankInputs in;
    for (std::size_t c = 0; c < kNumRankComponents; ++c) {
      if (rng() % 4 == 0) continue;
      for (VertexId v = 0; v < n; ++v) in.raw[c].push_back(static_cast<double>(rng() % 7));
    }
    if (in.raw[kTier].empty()) in.raw[kTier].assign(n, 1.0);
    const RankResult r = rank_users(in, n, RankWeights{});
    for (std::size_t c = 0; c < kNumRankComponents; ++c) {
      if (in.raw[c].empty()) continue;
      const std::vector<double> ref = percentiles_reference(in.raw[c]);
      for (VertexId v = 0; v < n; ++v) CHECK(r.percentile[v][c] == Approx(ref[v]));
    }
    for (VertexId v = 0; v < n; ++v) {
      double sum = 0;
      for (std::size_t c = 0; c < kNumRankComponents; ++c) sum += r.weight[c] * r.percentile[v][c];
      CHECK(sum == r.score[v]);
    }
    for (std::size_t i = 1; i < r.ranking.size(); ++i) {
      CHECK(r.score[r.ranking[i - 1]] >= r.score[r.ranking[i]]);
      if (r.score[r.ranking[i - 1]] == r.score[r.ranking[i]]) CHECK(r.ranking[i - 1] < r.ranking[i]);  // ties by index
    }
  }
}

TEST_CASE("weights are set by name and checked", "[rank]") {
  RankWeights w;
  w.set("reach=0.5,tier=0");
  CHECK(w.w[kReach] == 0.5);
  CHECK(w.w[kTier] == 0.0);
  CHECK(w.w[kDescendants] == 0.25);
  CHECK_THROWS_AS(w.set("fame=1"), UsageError);
  CHECK_THROWS_AS(w.set("reach=-1"), UsageError);
  CHECK_THROWS_AS(w.set("reach"), UsageError);
  RankInputs in;
  in.raw[kTier] = {1, 2};
  RankWeights zero;
  zero.set("tier=0");
  CHECK_THROWS_AS(rank_users(in, 2, zero), UsageError);
}
