// The one percentile convention of refnet (docs/cli.md, "Percentiles"):
// linear interpolation between the closest ranks, numpy's default ("linear",
// Hyndman and Fan type 7): the q-quantile of sorted x[0..n-1] is
// x[lo] + (pos - lo) * (x[lo+1] - x[lo]) with pos = q * (n - 1), lo = floor(pos).
// The median of an even count is the mean of the middle two; min and max are
// q = 0 and q = 1. reach, cascade and every summary use it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <span>

namespace refnet {

// `sorted` ascending; 0 for an empty range; q in [0, 1].
inline double quantile_of_sorted(std::span<const double> sorted, double q) {
  if (sorted.empty()) return 0;
  const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(pos);
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace refnet
