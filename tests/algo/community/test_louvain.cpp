// Louvain communities (algo/louvain.hpp) and partition measures
// (algo/partition.hpp): modularity and NMI by hand, planted communities that
// must be found, the serial reference, karate's factions, thread counts.
#include <refnet/algo/community/louvain.hpp>
#include <refnet/base/error.hpp>
#include <refnet/io/labels.hpp>
#include <refnet/io/load.hpp>

#include <support/random_graphs.hpp>
#include <support/run.hpp>

#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace refnet;
using Catch::Matchers::WithinAbs;

namespace {
UndirectedGraph undirected(VertexId n, const std::vector<Edge>& edges) {
  return make_undirected(Graph::from_edges(n, edges), false);
}

// c cliques of k vertices; clique i's last vertex links to clique i+1's first (a ring).
UndirectedGraph ring_of_cliques(VertexId c, VertexId k) {
  std::vector<Edge> edges;
  for (VertexId i = 0; i < c; ++i) {
    for (VertexId a = 0; a < k; ++a)
      for (VertexId b = a + 1; b < k; ++b) edges.push_back({i * k + a, i * k + b});
    edges.push_back({i * k + k - 1, ((i + 1) % c) * k});
  }
  return undirected(c * k, edges);
}

// Same blocks up to renaming.
bool same_partition(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  return normalized_mutual_information(a, b) > 1 - 1e-12;
}
}  // namespace

// The undirected view: a -> b (2) and b -> a (3) are one link of weight 5;
// a's self-tie is dropped; c -> a (1) is a link of weight 1; d is alone.
TEST_CASE("the undirected view sums both directions", "[louvain]") {
  const Graph g = Graph::from_edges(4, {{0, 1}, {0, 0}, {1, 0}, {2, 0}}, {2, 1, 3, 1});
  const auto u = make_undirected(g, true);
  CHECK(u.num_edges() == 2);
  CHECK(std::vector<VertexId>(u.row(0).begin(), u.row(0).end()) == std::vector<VertexId>{1, 2});
  CHECK(u.weights[u.offsets[0]] == 5);
  CHECK(u.weights[u.offsets[0] + 1] == 1);
  CHECK(u.degree(3) == 0);
  const auto plain = make_undirected(g, false);
  CHECK(plain.weights.empty());
  CHECK(plain.neighbors == u.neighbors);
}

// Two triangles {0,1,2} and {3,4,5} joined by the edge 2-3: m = 7, 2m = 14.
// Split into the triangles: each holds 3 edges (6 counted from both ends) and
// a degree total of 7, so Q = 2 (6/14 - (7/14)^2) = 6/7 - 1/2 = 5/14.
// All in one community: Q = 14/14 - 1 = 0. At resolution 2: 6/7 - 2 * 1/2 = -1/7.
TEST_CASE("modularity of two joined triangles", "[louvain]") {
  const auto g = undirected(6, {{0, 1}, {1, 2}, {0, 2}, {2, 3}, {3, 4}, {4, 5}, {3, 5}});
  const std::vector<std::uint32_t> split{0, 0, 0, 1, 1, 1};
  CHECK_THAT(modularity(g, split), WithinAbs(5.0 / 14, 1e-12));
  CHECK_THAT(modularity(g, std::vector<std::uint32_t>(6, 0)), WithinAbs(0, 1e-12));
  CHECK_THAT(modularity(g, split, 2.0), WithinAbs(-1.0 / 7, 1e-12));
  const auto r = louvain(g, {});
  CHECK(same_partition(r.community, split));
  CHECK_THAT(r.modularity, WithinAbs(5.0 / 14, 1e-12));
  CHECK(r.size == std::vector<std::uint64_t>{3, 3});
}

// NMI by hand: a = {0,0,1,1}, b = {0,0,0,1}. H(a) = ln 2, H(b) = -(3/4 ln 3/4 + 1/4 ln 1/4),
// I = H(b) - H(b|a) = H(b) - 1/2 ln 2 (b is split 1:1 inside a's second block only).
TEST_CASE("normalized mutual information", "[louvain]") {
  const std::vector<std::uint32_t> a{0, 0, 1, 1};
  const std::vector<std::uint32_t> b{0, 0, 0, 1};
  const double hb = -(0.75 * std::log(0.75) + 0.25 * std::log(0.25));
  const double expected = 2 * (hb - 0.5 * std::log(2.0)) / (std::log(2.0) + hb);
  CHECK_THAT(normalized_mutual_information(a, b), WithinAbs(expected, 1e-12));
  using Labels = std::vector<std::uint32_t>;
  CHECK_THAT(normalized_mutual_information(a, Labels{7, 7, 3, 3}), WithinAbs(1, 1e-12));
  CHECK_THAT(normalized_mutual_information(Labels{0, 1, 0, 1}, Labels{0, 0, 1, 1}), WithinAbs(0, 1e-12));
  // Unlabelled vertices are left out.
  CHECK_THAT(normalized_mutual_information(Labels{0, 0, 1, 1, 0}, Labels{5, 5, 6, 6, kNoLabel}), WithinAbs(1, 1e-12));
}

// A ring of 8 cliques of 5: below the resolution limit, each clique is a community.
TEST_CASE("louvain finds the cliques of a ring of cliques", "[louvain]") {
  const auto g = ring_of_cliques(8, 5);
  std::vector<std::uint32_t> cliques(40);
  for (VertexId v = 0; v < 40; ++v) cliques[v] = v / 5;
  const auto r = louvain(g, {});
  CHECK(same_partition(r.community, cliques));
  CHECK(r.count() == 8);
  // At a low resolution neighbouring cliques merge.
  LouvainParams low;
  low.resolution = 0.05;
  CHECK(louvain(g, low).count() < 8);
}

// Planted partition: 6 groups of 50, dense inside (p = 0.3), sparse across (p = 0.01).
TEST_CASE("louvain recovers planted communities and matches the serial reference", "[louvain]") {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> coin(0, 1);
    std::vector<Edge> edges;
    std::vector<std::uint32_t> planted(300);
    for (VertexId u = 0; u < 300; ++u) {
      planted[u] = u / 50;
      for (VertexId v = u + 1; v < 300; ++v)
        if (coin(rng) < (u / 50 == v / 50 ? 0.3 : 0.01)) edges.push_back({u, v});
    }
    const auto g = undirected(300, edges);
    const auto fast = louvain(g, {});
    const auto slow = louvain_reference(g, {});
    CHECK(normalized_mutual_information(fast.community, planted) > 0.95);
    CHECK(fast.modularity >= modularity(g, planted) - 1e-9);
    CHECK(fast.modularity > slow.modularity - 0.01);
    CHECK_THAT(fast.modularity, WithinAbs(modularity(g, fast.community), 1e-12));
  }
}

TEST_CASE("louvain on random graphs is close to the serial reference", "[louvain]") {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const auto g = make_undirected(test::random_graph(2000, 8000, seed, seed % 2 == 0), seed % 2 == 0);
    const auto fast = louvain(g, {});
    const auto slow = louvain_reference(g, {});
    CHECK(fast.modularity > slow.modularity - 0.02);
    std::uint64_t total = 0;
    for (std::uint64_t s : fast.size) total += s;
    CHECK(total == 2000);
  }
}

TEST_CASE("louvain gives the same communities at any thread count", "[louvain]") {
  const auto g = make_undirected(test::random_graph(20000, 100000, 4, true), true);
  LouvainParams p;
  p.seed = 77;
  std::vector<std::uint32_t> first;
  for (int threads : {1, 2, 4}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    const auto r = louvain(g, p);
    if (first.empty())
      first = r.community;
    else
      CHECK(r.community == first);
  }
}

// Zachary's karate club: Louvain's modularity is at least that of the two
// factions (0.3582, networkx agrees), and it agrees with them substantially.
TEST_CASE("louvain on karate beats the factions' modularity", "[louvain][datasets]") {
  const std::string path = test::shared_dataset("classic-gml/karate_club.gml");
  if (path.empty()) {
    WARN("../shared/datasets not found: skipped");
    return;
  }
  const LoadedInput in = load_input({path}, {});
  const auto g = make_undirected(in.network.wom, true);
  const VertexLabels truth = labels_by_vertex(in.network.log.users, read_ground_truth("club", path));
  REQUIRE(truth.labelled == 34);
  REQUIRE(truth.names.size() == 2);
  const auto r = louvain(g, {});
  CHECK(r.modularity >= modularity(g, truth.label));
  CHECK(r.modularity > 0.41);  // the optimum is 0.4198 (Brandes et al. 2008)
  CHECK(normalized_mutual_information(r.community, truth.label) > 0.5);
  // Leaders: the highest score in each community.
  std::vector<double> score(34);
  for (VertexId v = 0; v < 34; ++v) score[v] = static_cast<double>(g.degree(v));
  const auto leader = community_leaders(r.community, r.count(), score);
  for (VertexId v = 0; v < 34; ++v) CHECK(score[v] <= score[leader[r.community[v]]]);
}
