// Homophily: hand-worked mixing, and python-igraph's assortativity as the oracle on random graphs.
#include "support/run.hpp"

#include <refnet/algo/rank/homophily.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

using namespace refnet;

namespace {
Graph graph(VertexId n, const std::vector<Edge>& edges) { return Graph::from_edges(n, edges); }
}  // namespace

//   super: 0, 1        none: 2, 3
//   0 <-> 1  and  2 <-> 3: every tie stays within its tier -> r = 1,
//   and super users' ties all reach super users: 1 against 1/2 expected, lift 2.
//   0 <-> 2  and  1 <-> 3: every tie crosses -> r = -1, no super-to-super tie.
TEST_CASE("ties within tiers give assortativity 1, across tiers -1", "[homophily]") {
  const std::vector<std::uint8_t> tier{4, 4, 0, 0};
  const HomophilyResult within = homophily(graph(4, {{0, 1}, {1, 0}, {2, 3}, {3, 2}}), tier);
  CHECK(within.ties == 4);
  CHECK(within.assortativity == Approx(1.0));
  CHECK(within.numeric_assortativity == Approx(1.0));
  CHECK(within.super_ties == 2);
  CHECK(within.super_to_super_share == Approx(1.0));
  CHECK(within.super_expected_share == Approx(0.5));
  CHECK(within.super_lift == Approx(2.0));
  CHECK(within.super_population_share == Approx(0.5));
  const HomophilyResult across = homophily(graph(4, {{0, 2}, {2, 0}, {1, 3}, {3, 1}}), tier);
  CHECK(across.assortativity == Approx(-1.0));
  CHECK(across.numeric_assortativity == Approx(-1.0));
  CHECK(across.super_to_super_share == 0.0);
}

TEST_CASE("negative ties do not count as homophily", "[homophily]") {
  const Graph g = Graph::from_edges(3, {{0, 1}, {0, 2}}, {1.0f, -1.0f});
  const std::vector<std::uint8_t> tier{4, 4, 0};
  const HomophilyResult h = homophily(g, tier);
  CHECK(h.ties == 1);
  CHECK(h.super_to_super_share == 1.0);
}

TEST_CASE("assortativity matches igraph on random directed graphs", "[homophily]") {
  if (!test::have_python_module("igraph")) {
    WARN("python3 igraph absent: oracle check skipped");
    return;
  }
  test::TempDir dir;
  std::mt19937_64 rng(12);
  for (int trial = 0; trial < 4; ++trial) {
    const VertexId n = 60;
    std::vector<Edge> edges;
    std::vector<std::uint8_t> tier(n);
    for (auto& t : tier) t = rng() % 5;
    std::ostringstream text;
    for (int i = 0; i < 400; ++i) {
      const VertexId u = rng() % n, v = rng() % n;
      // Bias towards same-tier ties so the coefficient is far from 0.
      if (u == v || (tier[u] != tier[v] && rng() % 2)) continue;
      bool dup = false;
      for (const Edge& e : edges) dup |= e.src == u && e.dst == v;
      if (dup) continue;
      edges.push_back({u, v});
      text << u << ' ' << v << '\n';
    }
    std::ostringstream tiers;
    for (VertexId v = 0; v < n; ++v) tiers << int(tier[v]) << '\n';
    const std::string e = dir.write("e.txt", text.str()), t = dir.write("t.txt", tiers.str());
    const std::string script = dir.write("a.py",
        "import igraph, sys\n"
        "tiers = [int(l) for l in open(sys.argv[2])]\n"
        "edges = [tuple(map(int, l.split())) for l in open(sys.argv[1])]\n"
        "g = igraph.Graph(n=len(tiers), edges=edges, directed=True)\n"
        "print(g.assortativity_nominal(tiers, directed=True), g.assortativity(tiers, directed=True))\n");
    const std::string out = dir.file("out.txt");
    REQUIRE(std::system(("/usr/bin/python3 " + script + " " + e + " " + t + " > " + out).c_str()) == 0);
    std::istringstream got(test::read_file(out));
    double nominal = 0, numeric = 0;
    got >> nominal >> numeric;
    const HomophilyResult h = homophily(graph(n, edges), tier);
    CHECK(h.assortativity == Approx(nominal).margin(1e-9));
    CHECK(h.numeric_assortativity == Approx(numeric).margin(1e-9));
  }
}
