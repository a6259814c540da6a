#include <refnet/algo/rank/homophily.hpp>

#include <refnet/parallel/loops.hpp>

#include <cmath>

namespace refnet {

namespace {
constexpr int kTiers = 5;
struct Mixing {
  std::array<std::uint64_t, kTiers * kTiers> count{};
  Mixing& operator+=(const Mixing& o) {
    for (std::size_t i = 0; i < count.size(); ++i) count[i] += o.count[i];
    return *this;
  }
};
}  // namespace

HomophilyResult homophily(const Graph& wom, std::span<const std::uint8_t> tier, std::uint8_t super_tier) {
  const VertexId n = wom.num_vertices();
  const Mixing m = reduce_blocks(
      n, Mixing{},
      [&](VertexId begin, VertexId end, Mixing acc) {
        for (VertexId u = begin; u != end; ++u)
          for (EdgeId e = wom.out_begin(u); e < wom.out_end(u); ++e)
            if (wom.sign(e) > 0) ++acc.count[tier[u] * kTiers + tier[wom.target(e)]];
        return acc;
      },
      [](Mixing a, const Mixing& b) { return a += b; },  // integer sums: exact, any order
      1);
  HomophilyResult h;
  for (auto c : m.count) h.ties += c;
  std::uint64_t supers = 0;
  for (VertexId v = 0; v < n; ++v) supers += tier[v] == super_tier;
  h.super_population_share = n ? static_cast<double>(supers) / n : 0;
  if (h.ties == 0) return h;
  const double total = static_cast<double>(h.ties);
  std::array<double, kTiers> a{}, b{};
  double diagonal = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (int i = 0; i < kTiers; ++i)
    for (int j = 0; j < kTiers; ++j) {
      const double e = static_cast<double>(m.count[i * kTiers + j]) / total;
      a[i] += e, b[j] += e;
      if (i == j) diagonal += e;
      sx += e * i, sy += e * j, sxx += e * i * i, syy += e * j * j, sxy += e * i * j;
    }
  double ab = 0;
  for (int i = 0; i < kTiers; ++i) ab += a[i] * b[i];
  h.assortativity = ab < 1 ? (diagonal - ab) / (1 - ab) : 0;
  const double var_x = sxx - sx * sx, var_y = syy - sy * sy;
  h.numeric_assortativity = var_x > 0 && var_y > 0 ? (sxy - sx * sy) / std::sqrt(var_x * var_y) : 0;
  for (int j = 0; j < kTiers; ++j) h.super_ties += m.count[super_tier * kTiers + j];
  h.super_expected_share = b[super_tier];
  if (h.super_ties > 0) {
    h.super_to_super_share = static_cast<double>(m.count[super_tier * kTiers + super_tier]) / h.super_ties;
    h.super_lift = h.super_expected_share > 0 ? h.super_to_super_share / h.super_expected_share : 0;
  }
  return h;
}

}  // namespace refnet
