// Betweenness (algo/betweenness.hpp): hand-worked graphs, random graphs
// against the all-pairs path-counting reference, networkx when it is
// installed, the sampled estimate within its stated bound, and thread counts.
#include <refnet/algo/centrality/betweenness.hpp>
#include <refnet/base/error.hpp>

#include <support/random_graphs.hpp>
#include <support/run.hpp>

#include <tbb/global_control.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

using namespace refnet;
using Catch::Matchers::WithinAbs;

// A directed path 0 -> 1 -> 2 -> 3: vertex 1 lies on 0->2 and 0->3 (2 pairs),
// vertex 2 on 0->3 and 1->3 (2 pairs); the ends on none.
//
//        1
//      ↗   ↘          Two shortest 0 -> 3 paths, one through 1 and one
//    0       3 → 4    through 2: each gets 1/2 for 0->3 and 1/2 for 0->4;
//      ↘   ↗          3 lies on 0->4, 1->4, 2->4: 3.
//        2
TEST_CASE("betweenness of hand-worked graphs", "[betweenness]") {
  const auto path = betweenness(Graph::from_edges(4, {{0, 1}, {1, 2}, {2, 3}}), {});
  CHECK(path.score == std::vector<double>{0, 2, 2, 0});
  CHECK(path.exact);
  const auto diamond = betweenness(Graph::from_edges(5, {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 4}}), {});
  CHECK(diamond.score == std::vector<double>{0, 1, 1, 3, 0});
}

// Closed form: the centre of a star whose leaves point at it and it at them
// lies on every leaf-to-leaf path: (n-1)(n-2) ordered pairs.
TEST_CASE("betweenness of a two-way star", "[betweenness]") {
  std::vector<Edge> edges;
  for (VertexId v = 1; v < 10; ++v) {
    edges.push_back({0, v});
    edges.push_back({v, 0});
  }
  const auto r = betweenness(Graph::from_edges(10, edges), {});
  CHECK(r.score[0] == 9.0 * 8.0);
  for (VertexId v = 1; v < 10; ++v) CHECK(r.score[v] == 0);
}

TEST_CASE("betweenness matches the path-counting reference on random graphs", "[betweenness]") {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const VertexId n = 20 + 8 * static_cast<VertexId>(seed);
    const Graph g = test::random_graph(n, n * (1 + seed % 4), seed, seed % 2 == 0);
    const auto fast = betweenness(g, {});
    const auto slow = betweenness_reference(g);
    for (VertexId v = 0; v < n; ++v) CHECK_THAT(fast.score[v], WithinAbs(slow[v], 1e-9 * (1 + slow[v])));
  }
}

TEST_CASE("betweenness matches networkx (normalized=False) on a random graph", "[betweenness]") {
  if (!test::have_python_module("networkx")) {
    WARN("python3 networkx not installed: skipped");
    return;
  }
  const Graph g = test::random_graph(60, 240, 11, false);
  test::TempDir dir;
  std::ostringstream edges;
  for (VertexId u = 0; u < g.num_vertices(); ++u)
    for (VertexId v : g.out_neighbors(u)) edges << u << ' ' << v << '\n';
  const std::string edge_file = dir.write("g.txt", edges.str());
  const std::string script =
      dir.write("bc.py",
                "import json, sys, networkx as nx\n"
                "g = nx.DiGraph()\ng.add_nodes_from(range(60))\n"
                "g.add_edges_from((int(a), int(b)) for a, b in (l.split() for l in open(sys.argv[1])))\n"
                "bc = nx.betweenness_centrality(g, normalized=False)\n"
                "print(json.dumps([bc[v] for v in range(60)]))\n");
  const std::string out = dir.file("bc.json");
  REQUIRE(std::system(("/usr/bin/python3 " + script + " " + edge_file + " > " + out).c_str()) == 0);
  const auto expected = nlohmann::json::parse(test::read_file(out)).get<std::vector<double>>();
  const auto ours = betweenness(g, {});
  for (VertexId v = 0; v < 60; ++v) CHECK_THAT(ours.score[v], WithinAbs(expected[v], 1e-9 * (1 + expected[v])));
}

TEST_CASE("sampled betweenness stays within its stated bound", "[betweenness]") {
  const Graph g = test::random_graph(400, 2000, 5, false);
  const auto exact = betweenness(g, {});
  BetweennessParams p;
  p.samples = 100;
  p.seed = 9;
  const auto sampled = betweenness(g, p);
  CHECK_FALSE(sampled.exact);
  CHECK(sampled.sources == 100);
  // The bound: n (n-2) sqrt(ln(2/0.05) / 200).
  CHECK_THAT(sampled.error_bound, WithinAbs(400.0 * 398 * std::sqrt(std::log(40.0) / 200), 1e-6));
  double worst = 0;
  for (VertexId v = 0; v < 400; ++v) worst = std::max(worst, std::fabs(sampled.score[v] - exact.score[v]));
  CHECK(worst <= sampled.error_bound);
  // The bound is loose; the total over vertices (the sum of all path lengths
  // less one, scaled) is a sharper check of the n/k scaling: within 10%.
  double total_exact = 0;
  double total_sampled = 0;
  for (VertexId v = 0; v < 400; ++v) total_exact += exact.score[v], total_sampled += sampled.score[v];
  CHECK(std::fabs(total_sampled - total_exact) < 0.1 * total_exact);
  // All sources sampled is the exact computation.
  p.samples = 400;
  CHECK(betweenness(g, p).exact);
}

TEST_CASE("betweenness is the same at any thread count", "[betweenness]") {
  const Graph g = test::random_graph(3000, 15000, 8, false);
  BetweennessParams p;
  p.samples = 300;
  std::vector<double> first;
  for (int threads : {1, 2, 4}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    const auto r = betweenness(g, p);
    if (first.empty())
      first = r.score;
    else
      CHECK(r.score == first);
  }
  p.delta = 0;
  CHECK_THROWS_AS(p.validate(), UsageError);
}
