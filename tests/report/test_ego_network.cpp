// Ego networks (report/ego_network.hpp): a drawn network with the members and
// ties worked out per radius, then random networks against a plain BFS over
// the whole network with an adjacency set, and the induced ties listed from
// the whole network's edge list.
#include <refnet/report/ego_network.hpp>

#include "support/random_graphs.hpp"
#include "support/tiny_networks.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <queue>
#include <random>
#include <set>
#include <tuple>

using namespace refnet;
using refnet::test::make_network;

namespace {

std::set<std::string> names(const EgoNetwork& e) {
  std::set<std::string> out;
  for (VertexId v = 0; v < e.net.num_users(); ++v) out.insert(std::string(e.net.log.users.name(v)));
  return out;
}

// (speaker, listener, signed weight, Dunbar rank in the whole network)
using Tie = std::tuple<std::string, std::string, float, std::uint32_t>;

std::multiset<Tie> ties_of(const EgoNetwork& e) {
  std::multiset<Tie> out;
  const Graph& g = e.net.wom;
  for (VertexId u = 0; u < g.num_vertices(); ++u)
    for (EdgeId x = g.out_begin(u); x < g.out_end(u); ++x)
      out.insert({std::string(e.net.log.users.name(u)), std::string(e.net.log.users.name(g.target(x))),
                  g.sign(x) * g.weight(x), e.dunbar_ranks[x]});
  return out;
}

}  // namespace

//   word of mouth:  a -> b (3), a -> c (1), c -> d (2), e -> a (1), f -> g (1)
//   referrals:      a brought h; h brought i
//
//   radius 1, both: a, b, c, e, h        radius 2: + d, i      wom only, radius 1: a, b, c, e
//   ties inside at radius 1: a->b (rank 1), a->c (rank 2), e->a (rank 1); referral a -> h
TEST_CASE("an ego network holds the users within R hops and the ties among them", "[report][ego]") {
  const Network net = make_network(
      {{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}, {"e", 5}, {"f", 6}, {"g", 7}, {"h", 8, "a", 8}, {"i", 9, "h", 9}},
      {{"a", "b", 3}, {"a", "c", 1}, {"c", "d", 2}, {"e", "a", 1}, {"f", "g", 1}});
  const VertexId a = *net.log.users.find("a");

  const EgoNetwork one = ego_network(net, a, 1, EgoEdges::kBoth);
  CHECK(names(one) == std::set<std::string>{"a", "b", "c", "e", "h"});
  CHECK(ties_of(one) == std::multiset<Tie>{{"a", "b", 3.0f, 1}, {"a", "c", 1.0f, 2}, {"e", "a", 1.0f, 1}});
  const VertexId h = *one.net.log.users.find("h");
  CHECK(one.net.log.users.name(one.net.referral.parent[h]) == "a");
  CHECK(one.net.referral.acquired_at[h] == 8);
  CHECK(one.net.referral.acquisitions == 1);
  CHECK(one.hops[*one.net.log.users.find("a")] == 0);
  CHECK(one.hops[h] == 1);

  const EgoNetwork two = ego_network(net, a, 2, EgoEdges::kBoth);
  CHECK(names(two) == std::set<std::string>{"a", "b", "c", "d", "e", "h", "i"});
  CHECK(ties_of(two).count({"c", "d", 2.0f, 1}) == 1);
  CHECK(two.net.referral.acquisitions == 2);

  const EgoNetwork wom = ego_network(net, a, 1, EgoEdges::kWom);
  CHECK(names(wom) == std::set<std::string>{"a", "b", "c", "e"});
  const EgoNetwork referral = ego_network(net, a, 5, EgoEdges::kReferral);
  CHECK(names(referral) == std::set<std::string>{"a", "h", "i"});
  CHECK(referral.net.wom.num_edges() == 0);  // no tie among a, h, i

  const EgoNetwork alone = ego_network(net, a, 0, EgoEdges::kBoth);
  CHECK(names(alone) == std::set<std::string>{"a"});
}

TEST_CASE("ego networks of random networks equal a BFS over the whole network", "[report][ego]") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const VertexId n = 30 + static_cast<VertexId>(seed * 7);
    const Graph g = test::random_graph(n, n * 2, seed, true);
    std::mt19937_64 rng(seed);
    // Users u0..un; ties from the random graph (some negative); a random forest.
    std::vector<std::string> ids;
    for (VertexId v = 0; v < n; ++v) ids.push_back("u" + std::to_string(v));
    std::vector<test::TinyUser> users;
    for (VertexId v = 0; v < n; ++v) {
      test::TinyUser u{ids[v], static_cast<double>(v)};
      if (v > 0 && rng() % 3 == 0) {
        u.referrer = ids[rng() % v];
        u.referred_at = static_cast<double>(v);
      }
      users.push_back(u);
    }
    std::vector<test::TinyTie> ties;
    for (VertexId u = 0; u < n; ++u)
      for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e)
        ties.push_back({ids[u], ids[g.target(e)], g.weight(e), rng() % 5 == 0 ? -1 : 1});
    const Network net = make_network(users, ties);

    // Undirected adjacency of each kind of edge.
    std::vector<std::set<VertexId>> wom(n), ref(n);
    for (VertexId u = 0; u < n; ++u)
      for (VertexId t : net.wom.out_neighbors(u)) {
        wom[u].insert(t);
        wom[t].insert(u);
      }
    for (VertexId v = 0; v < n; ++v)
      if (net.referral.parent[v] != kNoVertex) {
        ref[v].insert(net.referral.parent[v]);
        ref[net.referral.parent[v]].insert(v);
      }
    for (EgoEdges kind : {EgoEdges::kWom, EgoEdges::kReferral, EgoEdges::kBoth})
      for (std::uint32_t radius : {1u, 2u, 3u}) {
        const VertexId ego = static_cast<VertexId>(rng() % n);
        std::map<VertexId, std::uint32_t> dist{{ego, 0}};
        std::queue<VertexId> q;
        q.push(ego);
        while (!q.empty()) {
          const VertexId v = q.front();
          q.pop();
          if (dist[v] == radius) continue;
          std::set<VertexId> next;
          if (kind != EgoEdges::kReferral) next.insert(wom[v].begin(), wom[v].end());
          if (kind != EgoEdges::kWom) next.insert(ref[v].begin(), ref[v].end());
          for (VertexId w : next)
            if (dist.emplace(w, dist[v] + 1).second) q.push(w);
        }
        std::set<std::string> members;
        for (const auto& [v, d] : dist) members.insert(ids[v]);
        std::multiset<Tie> induced;
        for (VertexId u = 0; u < n; ++u)
          for (EdgeId e = net.wom.out_begin(u); e < net.wom.out_end(u); ++e)
            if (dist.count(u) && dist.count(net.wom.target(e)))
              induced.insert({ids[u], ids[net.wom.target(e)], net.wom.sign(e) * net.wom.weight(e), net.dunbar_rank(e)});

        const EgoNetwork got = ego_network(net, ego, radius, kind);
        INFO("seed " << seed << " radius " << radius << " kind " << static_cast<int>(kind));
        CHECK(names(got) == members);
        CHECK(ties_of(got) == induced);
        for (VertexId i = 0; i < got.net.num_users(); ++i) {
          const VertexId whole = got.members[i];
          CHECK(got.hops[i] == dist.at(whole));
          const VertexId p = net.referral.parent[whole];
          const bool inside = p != kNoVertex && dist.count(p);
          CHECK((got.net.referral.parent[i] != kNoVertex) == inside);
          if (inside) CHECK(got.members[got.net.referral.parent[i]] == p);
        }
        // Rows stay ordered by strength, as the exporters and dunbar ranks expect.
        for (VertexId u = 0; u < got.net.wom.num_vertices(); ++u)
          for (EdgeId e = got.net.wom.out_begin(u); e + 1 < got.net.wom.out_end(u); ++e)
            CHECK(got.net.wom.weight(e) >= got.net.wom.weight(e + 1));
      }
  }
}
