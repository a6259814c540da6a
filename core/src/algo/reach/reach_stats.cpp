// The spread of reach over users: quantiles per hop, the share past Dunbar's
// number, and the top users.
#include <refnet/algo/reach/reach.hpp>
#include <refnet/base/quantile.hpp>

#include <algorithm>
#include <numeric>

namespace refnet {

namespace {

// refnet's one percentile convention (base/quantile.hpp).
double quantile(const std::vector<double>& sorted, double q) { return quantile_of_sorted(sorted, q); }

}  // namespace

ReachDistribution reach_distribution(const std::vector<double>& values, std::uint32_t hops, std::uint32_t threshold) {
  ReachDistribution d;
  if (hops == 0) return d;
  const std::size_t users = values.size() / hops;
  d.users = users;
  d.threshold_hops = std::min<std::uint32_t>(2, hops);
  std::vector<double> col(users);
  for (std::uint32_t h = 1; h <= hops; ++h) {
    for (std::size_t i = 0; i < users; ++i) col[i] = values[i * hops + h - 1];
    if (h == d.threshold_hops)
      d.over_threshold = static_cast<std::uint64_t>(
          std::count_if(col.begin(), col.end(), [&](double x) { return x > threshold; }));
    std::sort(col.begin(), col.end());
    ReachQuantiles q;
    if (users > 0) {
      q.min = col.front();
      q.max = col.back();
      q.p25 = quantile(col, 0.25);
      q.median = quantile(col, 0.5);
      q.p75 = quantile(col, 0.75);
      q.p90 = quantile(col, 0.9);
      q.p99 = quantile(col, 0.99);
      q.mean = std::accumulate(col.begin(), col.end(), 0.0) / static_cast<double>(users);
    }
    d.per_hop.push_back(q);
  }
  d.over_threshold_share = users ? static_cast<double>(d.over_threshold) / static_cast<double>(users) : 0.0;
  return d;
}

ReachDistribution reach_distribution(const ReachResult& r, std::uint32_t threshold) {
  return reach_distribution(std::vector<double>(r.reach.begin(), r.reach.end()), r.hops, threshold);
}

std::vector<std::size_t> top_by_reach(const std::vector<double>& values, std::uint32_t hops, std::uint32_t h,
                                      std::size_t k) {
  const std::size_t users = hops ? values.size() / hops : 0;
  std::vector<std::size_t> idx(users);
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  const auto better = [&](std::size_t a, std::size_t b) {
    const double va = values[a * hops + h - 1], vb = values[b * hops + h - 1];
    return va != vb ? va > vb : a < b;
  };
  k = std::min(k, users);
  std::partial_sort(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(k), idx.end(), better);
  idx.resize(k);
  return idx;
}

}  // namespace refnet
