#include <refnet/algo/community/partition.hpp>

#include <cmath>
#include <map>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace refnet {

double modularity(const UndirectedGraph& g, std::span<const std::uint32_t> community, double resolution) {
  const VertexId n = g.num_vertices();
  if (community.size() != n) throw std::invalid_argument("modularity: one community per vertex");
  std::vector<double> tot(n, 0.0);
  double inside = 0;
  double m2 = 0;
  for (VertexId v = 0; v < n; ++v) {
    for (std::uint64_t pos = g.offsets[v]; pos < g.offsets[v + 1]; ++pos) {
      const double w = g.weight(pos);
      m2 += w;
      tot[community[v]] += w;
      if (community[g.neighbors[pos]] == community[v]) inside += w;
    }
  }
  if (m2 == 0) return 0;
  double expected = 0;
  for (double t : tot) expected += (t / m2) * (t / m2);
  return inside / m2 - resolution * expected;
}

double normalized_mutual_information(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
  if (a.size() != b.size()) throw std::invalid_argument("normalized_mutual_information: partitions of different sizes");
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> joint;
  std::unordered_map<std::uint32_t, double> pa;
  std::unordered_map<std::uint32_t, double> pb;
  double total = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == kNoLabel || b[i] == kNoLabel) continue;
    joint[{a[i], b[i]}] += 1;
    pa[a[i]] += 1;
    pb[b[i]] += 1;
    total += 1;
  }
  if (total == 0) return 0;
  const auto entropy = [&](const std::unordered_map<std::uint32_t, double>& p) {
    double h = 0;
    for (const auto& [label, count] : p) h -= count / total * std::log(count / total);
    return h;
  };
  const double ha = entropy(pa);
  const double hb = entropy(pb);
  if (ha + hb == 0) return 1;  // both a single block
  double mutual = 0;
  for (const auto& [labels, count] : joint) {
    const double pxy = count / total;
    mutual += pxy * std::log(pxy / (pa[labels.first] / total * (pb[labels.second] / total)));
  }
  return 2 * mutual / (ha + hb);
}

std::vector<VertexId> community_leaders(std::span<const std::uint32_t> community, std::uint32_t count,
                                        std::span<const double> score) {
  if (score.size() != community.size()) throw std::invalid_argument("community_leaders: one score per vertex");
  std::vector<VertexId> leader(count, kNoVertex);
  for (VertexId v = 0; v < community.size(); ++v) {
    VertexId& best = leader[community[v]];
    if (best == kNoVertex || score[v] > score[best]) best = v;
  }
  return leader;
}

}  // namespace refnet
