// Weak and strong components: a hand-drawn graph, then random graphs against
// the serial references and Boost.Graph.
#include "support/random_graphs.hpp"
#include "support/run.hpp"

#include <refnet/algo/structure/components.hpp>
#include <refnet/base/error.hpp>

#include <boost/graph/connected_components.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/adjacency_list.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <random>

using namespace refnet;

namespace {
// Component numbers from Boost (any numbering) relabelled by smallest member.
std::vector<VertexId> by_smallest(const std::vector<int>& number) {
  std::map<int, VertexId> smallest;
  for (VertexId v = 0; v < number.size(); ++v) smallest.emplace(number[v], v);  // first seen = smallest
  std::vector<VertexId> label(number.size());
  for (VertexId v = 0; v < number.size(); ++v) label[v] = smallest[number[v]];
  return label;
}

std::vector<VertexId> boost_weak(const Graph& g) {
  boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> u(g.num_vertices());
  for (VertexId v = 0; v < g.num_vertices(); ++v)
    for (VertexId w : g.out_neighbors(v)) boost::add_edge(v, w, u);
  std::vector<int> number(g.num_vertices());
  boost::connected_components(u, number.data());
  return by_smallest(number);
}

std::vector<VertexId> boost_strong(const Graph& g) {
  std::vector<int> number(g.num_vertices());
  boost::strong_components(g.boost_graph(),
                           boost::make_iterator_property_map(number.begin(), get(boost::vertex_index, g.boost_graph())));
  return by_smallest(number);
}
}  // namespace

// 0 -> 1 -> 2 -> 0 is a cycle (one strong component); 2 -> 3 -> 4 hangs off it
// (3 and 4 are strong components of one each); 5 <-> 6 is a second weak
// component that is also strong; 7 is alone.
//
//    0 -> 1          5 <-> 6     7
//    ^    |
//    +--- 2 -> 3 -> 4
//
// Weak: {0..4} labelled 0, {5,6} labelled 5, {7}: 3 components, 1 singleton.
// Strong: {0,1,2}, {3}, {4}, {5,6}, {7}: 5 components, 3 singletons.
TEST_CASE("components of a hand-drawn graph", "[components]") {
  const Graph g = Graph::from_edges(8, {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {5, 6}, {6, 5}});
  const ComponentsResult r = components(g, {});
  CHECK(r.isolated == 1);
  CHECK(r.weak.label == std::vector<VertexId>{0, 0, 0, 0, 0, 5, 5, 7});
  CHECK(r.weak.count == 3);
  CHECK(r.weak.largest == 5);
  CHECK(r.weak.singletons == 1);
  CHECK(r.strong.label == std::vector<VertexId>{0, 0, 0, 3, 4, 5, 5, 7});
  CHECK(r.strong.count == 5);
  CHECK(r.strong.largest == 3);
  CHECK(r.strong.singletons == 3);
  REQUIRE(r.strong.biggest.size() == 5);
  CHECK(r.strong.biggest[0] == std::pair<VertexId, std::uint64_t>{0, 3});
  CHECK(r.strong.biggest[1] == std::pair<VertexId, std::uint64_t>{5, 2});
  CHECK(r.strong.size_counts == std::vector<std::pair<std::uint64_t, std::uint64_t>>{{1, 3}, {2, 1}, {3, 1}});
  CHECK_THROWS_AS(components(g, {false, false, 10}), UsageError);
}

TEST_CASE("components equal the references and Boost on random graphs", "[components]") {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 30; ++round) {
    const VertexId n = 1 + static_cast<VertexId>(rng() % 3000);
    // Sparse graphs have many small components; denser ones one giant.
    const std::size_t m = static_cast<std::size_t>(n) * (rng() % 4) / 2 + rng() % 3;
    const Graph g = test::random_graph(n, m, rng(), false);
    INFO("round " << round << " n " << n << " m " << g.num_edges());
    const auto weak = weak_component_labels(g);
    CHECK(weak == weak_components_reference(g));
    CHECK(weak == boost_weak(g));
    const auto strong = strong_component_labels(g);
    CHECK(strong == strong_components_reference(g));
    CHECK(strong == boost_strong(g));
  }
}

TEST_CASE("refnet components on the command line", "[components][cli]") {
  test::TempDir dir;
  const std::string in = dir.write("g.txt", "a b\nb c\nc a\nc d\nd e\nf g\ng f\n");
  const auto r = test::run_refnet("components '" + in + "' --users");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\"count\": 2") != std::string::npos);  // weak
  CHECK(r.out.find("\"count\": 4") != std::string::npos);  // strong: {a,b,c} {d} {e} {f,g}
  CHECK(r.out.find("\"e\": \"a\"") != std::string::npos);   // e is in a's weak component
  const auto csv = test::run_refnet("components '" + in + "' --format csv --kind strong");
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.rfind("user,strong\n", 0) == 0);
  CHECK(csv.out.find("\nd,d\n") != std::string::npos);
  CHECK(test::run_refnet("components '" + in + "' --kind both-ways").exit_code == 2);
}
