// R-MAT: exact sizes, skewed degrees, ids in range, the same edges for any
// thread count, and the edge-list writer's format.
#include <catch2/catch.hpp>

#include <refnet/base/error.hpp>
#include <refnet/graph/rmat.hpp>

#include <oneapi/tbb/global_control.h>

#include <algorithm>
#include <numeric>
#include <sstream>
#include <vector>

namespace {

bool same_edges(const std::vector<refnet::Edge>& x, const std::vector<refnet::Edge>& y) {
  return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                    [](const refnet::Edge& a, const refnet::Edge& b) { return a.src == b.src && a.dst == b.dst; });
}

std::vector<std::uint32_t> out_degrees(const std::vector<refnet::Edge>& edges, unsigned scale) {
  std::vector<std::uint32_t> degree(std::size_t{1} << scale, 0);
  for (const auto& e : edges) ++degree[e.src];
  return degree;
}

}  // namespace

TEST_CASE("rmat: 2^scale * edge_factor edges, ids below 2^scale", "[rmat]") {
  const auto edges = refnet::rmat_edges(12, 8, 1);
  REQUIRE(edges.size() == (std::size_t{1} << 12) * 8);
  for (const auto& e : edges) {
    REQUIRE(e.src < (1u << 12));
    REQUIRE(e.dst < (1u << 12));
  }
  CHECK(refnet::rmat_edges(1, 1, 1).size() == 2);
}

TEST_CASE("rmat: degrees are skewed", "[rmat]") {
  const unsigned scale = 14, edge_factor = 8;
  const auto degree = out_degrees(refnet::rmat_edges(scale, edge_factor, 3), scale);
  const auto max_degree = *std::max_element(degree.begin(), degree.end());
  const auto isolated = std::count(degree.begin(), degree.end(), 0u);
  CHECK(max_degree > 20 * edge_factor);  // the mean is edge_factor
  CHECK(isolated > (1 << scale) / 10);   // and many vertices have no out-edge
}

TEST_CASE("rmat: without relabelling the hub is vertex 0; relabelling only renames", "[rmat]") {
  const unsigned scale = 12;
  const auto raw = out_degrees(refnet::rmat_edges(scale, 8, 5, 0.57, 0.19, 0.19, false), scale);
  CHECK(std::max_element(raw.begin(), raw.end()) - raw.begin() == 0);  // a is the largest quadrant
  auto shuffled = out_degrees(refnet::rmat_edges(scale, 8, 5), scale);
  CHECK(shuffled[0] != raw[0]);
  auto sorted_raw = raw;
  std::sort(sorted_raw.begin(), sorted_raw.end());
  std::sort(shuffled.begin(), shuffled.end());
  CHECK(sorted_raw == shuffled);  // a bijection: the same degree sequence
}

TEST_CASE("rmat: same seed, same edges, whatever the thread count", "[rmat]") {
  std::vector<refnet::Edge> one, two;
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 1);
    one = refnet::rmat_edges(15, 4, 11);  // 2 blocks of 2^16 edges
  }
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
    two = refnet::rmat_edges(15, 4, 11);
  }
  CHECK(same_edges(one, two));
  CHECK_FALSE(same_edges(one, refnet::rmat_edges(15, 4, 12)));
}

TEST_CASE("rmat: bad parameters are usage errors", "[rmat]") {
  CHECK_THROWS_AS(refnet::rmat_edges(0, 16, 1), refnet::UsageError);
  CHECK_THROWS_AS(refnet::rmat_edges(32, 1, 1), refnet::UsageError);
  CHECK_THROWS_AS(refnet::rmat_edges(10, 0, 1), refnet::UsageError);
  CHECK_THROWS_AS(refnet::rmat_edges(31, 4, 1), refnet::UsageError);  // 2^33 edges
  CHECK_THROWS_AS(refnet::rmat_edges(10, 16, 1, 0.6, 0.3, 0.3), refnet::UsageError);
  CHECK_THROWS_AS(refnet::rmat_edges(10, 16, 1, -0.1, 0.3, 0.3), refnet::UsageError);
}

TEST_CASE("rmat: the edge list is one 'src<TAB>dst' line per edge", "[rmat]") {
  std::ostringstream out;
  refnet::write_edge_list(out, {{0, 1}, {4294967295u, 7}, {12, 12}});
  CHECK(out.str() == "0\t1\n4294967295\t7\n12\t12\n");

  const auto edges = refnet::rmat_edges(19, 1, 2);  // more than one formatting chunk
  std::ostringstream big;
  refnet::write_edge_list(big, edges);
  std::istringstream in(big.str());
  std::uint64_t u = 0, v = 0;
  std::size_t i = 0;
  bool all_match = true;
  while (in >> u >> v) {
    all_match = all_match && i < edges.size() && u == edges[i].src && v == edges[i].dst;
    ++i;
  }
  CHECK(all_match);
  CHECK(i == edges.size());
}
