// Greedy max coverage: lazy updates against plain greedy, and the OPIM-C upper
// bound against the brute-force optimum.
#include <refnet/algo/influence/max_coverage.hpp>

#include <catch2/catch.hpp>

#include <random>

using namespace refnet;

namespace {
RRSets sets_of(const std::vector<std::vector<VertexId>>& lists) {
  RRSets rr;
  for (const auto& l : lists) {
    rr.nodes.insert(rr.nodes.end(), l.begin(), l.end());
    rr.offsets.push_back(rr.nodes.size());
  }
  return rr;
}

std::uint64_t best_cover(const RRSets& rr, VertexId n, unsigned k) {
  std::uint64_t best = 0;
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    if (static_cast<unsigned>(__builtin_popcount(mask)) != k) continue;
    std::vector<VertexId> chosen;
    for (VertexId v = 0; v < n; ++v)
      if (mask >> v & 1) chosen.push_back(v);
    best = std::max(best, count_covered(rr, n, chosen));
  }
  return best;
}
}  // namespace

// Sets {0,1} {1,2} {2} {3}: node 1 meets two; then 2 and 3 each meet one more,
// and the tie goes to the smaller id.
TEST_CASE("greedy takes the node meeting most sets, ties to the smaller id", "[coverage]") {
  const RRSets rr = sets_of({{0, 1}, {1, 2}, {2}, {3}});
  const CoverageSelection s = max_coverage(rr, 4, 2);
  CHECK(s.seeds == std::vector<VertexId>{1, 2});
  CHECK(s.gains == std::vector<std::uint64_t>{2, 1});
  CHECK(s.covered == 3);
  CHECK(s.upper_bound >= 3);
}

TEST_CASE("lazy greedy equals plain greedy, and its upper bound holds", "[coverage]") {
  std::mt19937_64 rng(4);
  for (int trial = 0; trial < 60; ++trial) {
    const VertexId n = 10;
    std::vector<std::vector<VertexId>> lists(40 + rng() % 80);
    for (auto& l : lists) {
      const unsigned size = 1 + rng() % 4;
      for (unsigned i = 0; i < size; ++i) l.push_back(rng() % n);
      std::sort(l.begin(), l.end());
      l.erase(std::unique(l.begin(), l.end()), l.end());
    }
    const RRSets rr = sets_of(lists);
    const unsigned k = 1 + trial % 4;
    const CoverageSelection lazy = max_coverage(rr, n, k), plain = max_coverage_reference(rr, n, k);
    CHECK(lazy.seeds == plain.seeds);
    CHECK(lazy.gains == plain.gains);
    CHECK(lazy.covered == count_covered(rr, n, lazy.seeds));
    const std::uint64_t best = best_cover(rr, n, k);
    CHECK(lazy.upper_bound >= best);
    CHECK(static_cast<double>(lazy.covered) >= (1 - 1 / M_E) * static_cast<double>(best));
  }
}
