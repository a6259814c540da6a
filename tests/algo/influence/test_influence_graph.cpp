// The diffusion model: which ties take part and with what probability.
#include "support/influence_graphs.hpp"
#include "support/tiny_networks.hpp"

#include <refnet/base/error.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace refnet;

namespace {
//   a --(+2)--> c <--(+1)-- b      a --(-3)--> b
test::TinyUser user(std::string_view id) { return {id}; }
Network signed_net() {
  Network net = test::make_network({user("a"), user("b"), user("c")},
                                   {{"a", "c", 2.0f}, {"b", "c", 1.0f}, {"a", "b", 3.0f, -1}});
  net.info.weight_meaning = "strength";
  return net;
}
InfluenceModelParams with(ProbabilityModel m, TieSign ties = TieSign::kPositive) {
  InfluenceModelParams p;
  p.probability = m;
  p.ties = ties;
  return p;
}
}  // namespace

TEST_CASE("weighted cascade gives each positive in-tie 1/in-degree; the negative tie stays out", "[influence]") {
  const Network net = signed_net();
  const InfluenceGraph g = make_influence_graph(net.wom, "strength", with(ProbabilityModel::kWeightedCascade));
  REQUIRE(g.num_edges() == 2);  // a->c, b->c
  const VertexId c = 2;
  REQUIRE(g.in_start[c + 1] - g.in_start[c] == 2);
  CHECK(g.in_p[g.in_start[c]] == Approx(0.5));
  CHECK(g.in_common_p[c] == Approx(0.5));  // equal probabilities: geometric skips allowed
  CHECK(g.in_start[1 + 1] - g.in_start[1] == 0);  // b's only in-tie is negative
}

TEST_CASE("negative word of mouth walks only the negative ties", "[influence]") {
  const Network net = signed_net();
  const InfluenceGraph g = make_influence_graph(net.wom, "strength", with(ProbabilityModel::kUniform, TieSign::kNegative));
  REQUIRE(g.num_edges() == 1);
  CHECK(g.out_dst[g.out_start[0]] == 1);  // a -> b
  CHECK(g.out_p[0] == Approx(0.01));
}

TEST_CASE("strength maps to 1 - exp(-strength / scale)", "[influence]") {
  const Network net = signed_net();
  InfluenceModelParams p = with(ProbabilityModel::kAuto);  // an event log: auto means strength
  p.strength_scale = 2.0;
  const InfluenceGraph g = make_influence_graph(net.wom, "strength", p);
  CHECK(g.probability == ProbabilityModel::kStrength);
  // a's out-ties: a->c strength 2 (the negative a->b is left out).
  CHECK(g.out_p[g.out_start[0]] == Approx(1 - std::exp(-1.0)));
  CHECK(g.out_p[g.out_start[1]] == Approx(1 - std::exp(-0.5)));  // b->c strength 1
}

TEST_CASE("trivalency draws 0.1, 0.01 or 0.001 per tie, the same for the same seed", "[influence]") {
  std::vector<Edge> edges;
  for (VertexId v = 1; v < 300; ++v) edges.push_back({0, v});
  const Graph graph = Graph::from_edges(300, edges);
  auto p = with(ProbabilityModel::kTrivalency);
  const InfluenceGraph a = make_influence_graph(graph, "none", p), b = make_influence_graph(graph, "none", p);
  p.seed = 2;
  const InfluenceGraph c = make_influence_graph(graph, "none", p);
  int seen[3] = {0, 0, 0};
  for (float x : a.out_p) {
    REQUIRE((x == 0.1f || x == 0.01f || x == 0.001f));
    ++seen[x == 0.1f ? 0 : x == 0.01f ? 1 : 2];
  }
  CHECK(a.out_p == b.out_p);
  CHECK(a.out_p != c.out_p);
  for (int s : seen) CHECK(s > 60);  // about a third each of 299
}

TEST_CASE("LT weights above 1 in total are normalised per node, in and out alike", "[influence]") {
  const InfluenceGraph g =
      test::influence_graph(3, {{0, 2, 0.6f}, {1, 2, 0.8f}}, DiffusionModel::kLinearThreshold);
  CHECK(g.in_total[2] == Approx(1.0));
  CHECK(g.in_p[g.in_start[2]] + g.in_p[g.in_start[2] + 1] == Approx(1.0));
  CHECK(g.out_p[g.out_start[0]] == Approx(0.6 / 1.4));
  CHECK(g.out_p[g.out_start[1]] == Approx(0.8 / 1.4));
}

TEST_CASE("probabilities from the input need an input that has them", "[influence]") {
  const Network net = signed_net();
  CHECK_THROWS_AS(make_influence_graph(net.wom, "strength", with(ProbabilityModel::kInput)), UsageError);
  CHECK_THROWS_AS(make_influence_graph(net.wom, "count", with(ProbabilityModel::kStrength)), UsageError);
  CHECK(make_influence_graph(net.wom, "count", with(ProbabilityModel::kAuto)).probability ==
        ProbabilityModel::kWeightedCascade);
  CHECK_THROWS_AS(parse_probability_model("linear"), UsageError);
}
