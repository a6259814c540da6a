#include <refnet/algo/structure/summary.hpp>

#include <refnet/algo/structure/components.hpp>

#include <algorithm>
#include <numeric>

namespace refnet {

DegreeStats degree_stats(std::vector<std::uint64_t> d) {
  DegreeStats s;
  if (d.empty()) return s;
  s.zeros = static_cast<std::uint64_t>(std::count(d.begin(), d.end(), 0));
  s.mean = static_cast<double>(std::accumulate(d.begin(), d.end(), std::uint64_t{0})) / static_cast<double>(d.size());
  std::sort(d.begin(), d.end());
  s.min = d.front();
  s.max = d.back();
  const std::size_t n = d.size();
  s.median = n % 2 ? static_cast<double>(d[n / 2]) : (static_cast<double>(d[n / 2 - 1]) + static_cast<double>(d[n / 2])) / 2;
  s.p99 = d[std::min(n - 1, static_cast<std::size_t>(0.99 * static_cast<double>(n)))];
  return s;
}

std::vector<VertexId> weak_components(const Graph& g) { return weak_component_labels(g); }

NetworkSummary summarize(const Network& net) {
  NetworkSummary s;
  const Graph& g = net.wom;
  const VertexId n = g.num_vertices();
  s.users = net.num_users();
  s.ties = g.num_edges();
  s.events = net.log.events.size();
  s.cascades = net.cascades.size();
  s.memory_bytes = g.memory_bytes();
  s.edge_memory_bytes = g.edge_memory_bytes();
  std::vector<std::uint64_t> out(n), in(n);
  for (VertexId v = 0; v < n; ++v) {
    out[v] = g.out_degree(v);
    in[v] = g.in_degree(v);
  }
  for (EdgeId e = 0; e < g.num_edges(); ++e) {
    s.negative_ties += g.sign(e) < 0;
    s.total_strength += g.weight(e);
  }
  const auto labels = weak_components(g);
  std::vector<std::uint64_t> size(n, 0);
  for (VertexId v = 0; v < n; ++v) {
    ++size[labels[v]];
    s.components.isolated += out[v] == 0 && in[v] == 0;
  }
  for (VertexId v = 0; v < n; ++v) {
    if (size[v] == 0) continue;
    ++s.components.count;
    s.components.largest = std::max(s.components.largest, size[v]);
  }
  s.out_degree = degree_stats(std::move(out));
  s.in_degree = degree_stats(std::move(in));

  // Referral trees: depth by walking to the root with memoisation.
  const auto& parent = net.referral.parent;
  std::vector<std::uint32_t> depth(parent.size(), 0);
  std::vector<std::uint8_t> known(parent.size(), 0);
  std::vector<VertexId> root_of(parent.size());
  for (VertexId v = 0; v < parent.size(); ++v) {
    std::vector<VertexId> path;
    VertexId a = v;
    while (!known[a] && parent[a] != kNoVertex) {
      path.push_back(a);
      a = parent[a];
    }
    if (!known[a]) {
      known[a] = 1;
      depth[a] = 0;
      root_of[a] = a;
    }
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
      depth[*it] = depth[parent[*it]] + 1;
      root_of[*it] = root_of[parent[*it]];
      known[*it] = 1;
    }
  }
  std::vector<std::uint64_t> tree_size(parent.size(), 0);
  for (VertexId v = 0; v < parent.size(); ++v) {
    if (parent[v] == kNoVertex) continue;
    ++tree_size[root_of[v]];
    s.deepest_referral_tree = std::max<std::uint64_t>(s.deepest_referral_tree, depth[v]);
  }
  for (VertexId v = 0; v < parent.size(); ++v) {
    if (tree_size[v] == 0) continue;
    ++s.referral_trees;
    s.largest_referral_tree = std::max(s.largest_referral_tree, tree_size[v] + 1);
  }
  return s;
}

}  // namespace refnet
