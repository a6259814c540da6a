#include <refnet/report/ego_network.hpp>

#include <refnet/base/error.hpp>

#include <algorithm>
#include <cmath>

namespace refnet {

EgoNetwork ego_network(const Network& net, VertexId ego, std::uint32_t radius, EgoEdges edges) {
  const VertexId n = net.num_users();
  if (ego >= n) throw UsageError("ego_network: no user " + std::to_string(ego));
  const Graph& g = net.wom;
  const bool wom = edges != EgoEdges::kReferral && g.num_vertices() == n;
  const ReferralForest& forest = net.referral;
  const bool referral = edges != EgoEdges::kWom && forest.parent.size() == n;
  // Referees of each user, for walking the forest downwards.
  std::vector<std::uint64_t> child_start;
  std::vector<VertexId> child;
  if (referral) {
    child_start.assign(std::size_t{n} + 1, 0);
    for (VertexId p : forest.parent)
      if (p != kNoVertex) ++child_start[p + 1];
    for (VertexId v = 0; v < n; ++v) child_start[v + 1] += child_start[v];
    child.resize(child_start[n]);
    std::vector<std::uint64_t> fill(child_start.begin(), child_start.end() - 1);
    for (VertexId v = 0; v < n; ++v)
      if (forest.parent[v] != kNoVertex) child[fill[forest.parent[v]]++] = v;
  }

  constexpr std::uint32_t kFar = 0xFFFFFFFFu;
  std::vector<std::uint32_t> hop(n, kFar);
  std::vector<VertexId> frontier{ego};
  std::vector<VertexId> ball{ego};
  hop[ego] = 0;
  for (std::uint32_t h = 1; h <= radius && !frontier.empty(); ++h) {
    std::vector<VertexId> next;
    const auto visit = [&](VertexId w) {
      if (hop[w] != kFar) return;
      hop[w] = h;
      next.push_back(w);
      ball.push_back(w);
    };
    for (VertexId v : frontier) {
      if (wom) {
        for (VertexId w : g.out_neighbors(v)) visit(w);
        for (VertexId w : g.in_neighbors(v)) visit(w);
      }
      if (referral) {
        if (forest.parent[v] != kNoVertex) visit(forest.parent[v]);
        for (std::uint64_t i = child_start[v]; i < child_start[v + 1]; ++i) visit(child[i]);
      }
    }
    frontier = std::move(next);
  }
  std::sort(ball.begin(), ball.end());

  EgoNetwork out;
  out.members = ball;
  std::vector<VertexId> local(n, kNoVertex);
  for (std::size_t i = 0; i < ball.size(); ++i) local[ball[i]] = static_cast<VertexId>(i);
  Network& sub = out.net;
  for (VertexId v : ball) {
    sub.log.users.append_unique(net.log.users.name(v));
    out.hops.push_back(hop[v]);
  }
  sub.log.users.reindex();
  const VertexId k = static_cast<VertexId>(ball.size());

  // The induced ties, each row in the whole network's order (by strength).
  std::vector<Edge> ties;
  std::vector<float> weights;
  std::vector<double> times;
  if (g.num_vertices() == n) {
    for (VertexId v : ball)
      for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) {
        const VertexId t = local[g.target(e)];
        if (t == kNoVertex) continue;
        ties.push_back({local[v], t});
        if (g.has_weights()) weights.push_back(g.signed_weights()[e]);
        if (g.has_times()) times.push_back(g.time(e));
        out.dunbar_ranks.push_back(e - g.out_begin(v) + 1);
      }
  }
  sub.wom = Graph::from_edges(k, ties, std::move(weights), std::move(times));

  ReferralForest& f = sub.referral;
  f.clear(k);
  if (forest.parent.size() == n) {
    for (std::size_t i = 0; i < ball.size(); ++i) {
      const VertexId v = ball[i];
      f.acquired_at[i] = forest.acquired_at[v];
      const VertexId p = forest.parent[v];
      if (p != kNoVertex && local[p] != kNoVertex) {
        f.parent[i] = local[p];
        f.referred_at[i] = forest.referred_at[v];
        ++f.acquisitions;
      }
    }
    f.referrals = f.acquisitions;
  }
  sub.info = net.info;
  return out;
}

}  // namespace refnet
