// The CSR graph and the summary checked against Boost.Graph on random graphs:
// the same adjacency as a boost::adjacency_list, in-edges that mirror
// out-edges, and weak components equal to boost::connected_components.
#include <refnet/algo/structure/summary.hpp>
#include <refnet/graph/csr_graph.hpp>
#include <refnet/events/network.hpp>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

using namespace refnet;

namespace {
std::vector<Edge> random_edges(std::mt19937_64& rng, VertexId n, std::size_t m) {
  std::uniform_int_distribution<VertexId> pick(0, n - 1);
  std::vector<Edge> edges(m);
  for (auto& e : edges) e = {pick(rng), pick(rng)};
  return edges;
}
}  // namespace

TEST_CASE("Graph::from_edges matches a Boost adjacency_list on random graphs", "[graph]") {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 30; ++round) {
    const VertexId n = 1 + static_cast<VertexId>(rng() % 60);
    const auto edges = random_edges(rng, n, rng() % 200);
    const Graph g = Graph::from_edges(n, edges);
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS> ref(n);
    for (const Edge& e : edges) boost::add_edge(e.src, e.dst, ref);
    REQUIRE(g.num_vertices() == n);
    REQUIRE(g.num_edges() == boost::num_edges(ref));
    for (VertexId v = 0; v < n; ++v) {
      // Out-edges keep input order, as the Boost list does.
      std::vector<VertexId> mine(g.out_neighbors(v).begin(), g.out_neighbors(v).end());
      std::vector<VertexId> theirs;
      for (auto [it, end] = boost::adjacent_vertices(v, ref); it != end; ++it) theirs.push_back(static_cast<VertexId>(*it));
      CHECK(mine == theirs);
      std::multiset<VertexId> in_mine(g.in_neighbors(v).begin(), g.in_neighbors(v).end());
      std::multiset<VertexId> in_theirs;
      for (auto [it, end] = boost::in_edges(v, ref); it != end; ++it) in_theirs.insert(static_cast<VertexId>(boost::source(*it, ref)));
      CHECK(in_mine == in_theirs);
      CHECK(g.in_degree(v) == boost::in_degree(v, ref));
    }
    // 16 bytes per edge: target, in-source, in-edge index, weight (no times here).
    const Graph weighted = Graph::from_edges(n, edges, std::vector<float>(edges.size(), 1.0f));
    CHECK(weighted.edge_memory_bytes() == 16 * edges.size());
    // The wrapped boost::compressed_sparse_row_graph agrees too.
    CHECK(boost::num_edges(g.boost_graph()) == g.num_edges());
  }
}

TEST_CASE("weak components equal boost::connected_components on random graphs", "[graph]") {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 30; ++round) {
    const VertexId n = 1 + static_cast<VertexId>(rng() % 80);
    const auto edges = random_edges(rng, n, rng() % 90);
    const Graph g = Graph::from_edges(n, edges);
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> ref(n);
    for (const Edge& e : edges) boost::add_edge(e.src, e.dst, ref);
    std::vector<int> comp(n);
    const int count = boost::connected_components(ref, comp.data());
    const auto mine = weak_components(g);
    // Same partition: labels correspond one to one.
    std::map<int, VertexId> to_mine;
    std::set<VertexId> labels(mine.begin(), mine.end());
    CHECK(static_cast<int>(labels.size()) == count);
    for (VertexId v = 0; v < n; ++v) {
      auto [it, fresh] = to_mine.emplace(comp[v], mine[v]);
      CHECK(it->second == mine[v]);
      CHECK(mine[v] <= v);  // the label is the smallest vertex of the component
    }
  }
}

// build_ties against a plain map oracle: combine parallel contributions, drop
// self-loops, order each row by strength then target.
TEST_CASE("build_ties equals a map-based reference on random contributions", "[graph]") {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 20; ++round) {
    const VertexId n = 2 + static_cast<VertexId>(rng() % 30);
    TieContributions c;
    c.edges = random_edges(rng, n, rng() % 300);
    std::map<std::pair<VertexId, VertexId>, std::pair<float, float>> ref;
    for (const Edge& e : c.edges) {
      const float s = static_cast<float>(1 + rng() % 4);
      const float p = (rng() % 3 == 0) ? -1.0f : 1.0f;
      c.strength.push_back(s);
      c.polarity.push_back(p);
      if (e.src == e.dst) continue;
      auto& [strength, polarity] = ref[{e.src, e.dst}];
      strength += s;
      polarity += p;
    }
    std::uint64_t loops = 0, merged = 0;
    const Graph g = build_ties(n, c, Combine::kSum, loops, merged);
    REQUIRE(g.num_edges() == ref.size());
    for (VertexId u = 0; u < n; ++u) {
      for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
        const auto& [strength, polarity] = ref.at({u, g.target(e)});
        CHECK(g.weight(e) == strength);
        CHECK(g.sign(e) == (polarity < 0 ? -1 : 1));
        if (e + 1 < g.out_end(u)) {
          CHECK(g.weight(e) >= g.weight(e + 1));
          if (g.weight(e) == g.weight(e + 1)) CHECK(g.target(e) < g.target(e + 1));
        }
      }
    }
  }
}
