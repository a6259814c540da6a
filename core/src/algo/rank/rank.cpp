#include <refnet/algo/rank/rank.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/text.hpp>
#include <refnet/parallel/loops.hpp>

#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace refnet {

void RankWeights::set(std::string_view list) {
  std::size_t pos = 0;
  while (pos < list.size()) {
    std::size_t end = list.find(',', pos);
    if (end == std::string_view::npos) end = list.size();
    const std::string_view item = list.substr(pos, end - pos);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) throw UsageError("--weights: expected name=value, got '" + std::string(item) + "'");
    const std::string_view name = item.substr(0, eq);
    const auto it = std::find(kRankComponentNames.begin(), kRankComponentNames.end(), name);
    if (it == kRankComponentNames.end())
      throw UsageError("--weights: unknown component '" + std::string(name) +
                       "' (descendants, converted_referrals, reach, pagerank, influence, tier, purchases)");
    const std::string value(item.substr(eq + 1));
    char* stop = nullptr;
    const double v = std::strtod(value.c_str(), &stop);
    if (value.empty() || *stop != '\0') throw UsageError("--weights: '" + value + "' is not a number");
    w[static_cast<std::size_t>(it - kRankComponentNames.begin())] = v;
    pos = end + 1;
  }
  validate();
}

void RankWeights::validate() const {
  for (double v : w)
    if (!(v >= 0) || !std::isfinite(v)) throw UsageError("--weights must be >= 0");
  if (std::accumulate(w.begin(), w.end(), 0.0) <= 0) throw UsageError("--weights: at least one weight must be > 0");
}

namespace {
// Share of users with a strictly lower value, by sorting once.
std::vector<float> percentiles(const std::vector<double>& values) {
  const std::size_t n = values.size();
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  tbb::parallel_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return values[a] != values[b] ? values[a] < values[b] : a < b;
  });
  std::vector<float> pct(n);
  std::size_t below = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && values[order[i]] != values[order[i - 1]]) below = i;
    pct[order[i]] = static_cast<float>(static_cast<double>(below) / static_cast<double>(n));
  }
  return pct;
}
}  // namespace

std::vector<double> percentiles_reference(const std::vector<double>& values) {
  std::vector<double> out;
  for (double v : values) {
    std::size_t below = 0;
    for (double w : values) below += w < v;
    out.push_back(static_cast<double>(below) / static_cast<double>(values.size()));
  }
  return out;
}

RankResult rank_users(const RankInputs& inputs, VertexId n, const RankWeights& weights) {
  weights.validate();
  RankResult r;
  double total = 0;
  for (std::size_t c = 0; c < kNumRankComponents; ++c) {
    r.available[c] = !inputs.raw[c].empty();
    if (r.available[c] && inputs.raw[c].size() != n) throw std::logic_error("rank_users: a component has the wrong size");
    if (r.available[c]) total += weights.w[c];
  }
  if (total <= 0) throw UsageError("--weights: every component this input has is weighted 0");
  for (std::size_t c = 0; c < kNumRankComponents; ++c) r.weight[c] = r.available[c] ? weights.w[c] / total : 0.0;
  r.percentile.assign(n, {});
  for (std::size_t c = 0; c < kNumRankComponents; ++c) {
    if (!r.available[c]) continue;
    const std::vector<float> pct = percentiles(inputs.raw[c]);
    for (VertexId v = 0; v < n; ++v) r.percentile[v][c] = pct[v];
  }
  r.score.assign(n, 0.0);
  for_each_index<VertexId>(n, [&](VertexId v) {
    double s = 0;
    for (std::size_t c = 0; c < kNumRankComponents; ++c) s += r.weight[c] * r.percentile[v][c];
    r.score[v] = s;
  }, 1);
  r.ranking.resize(n);
  std::iota(r.ranking.begin(), r.ranking.end(), VertexId{0});
  tbb::parallel_sort(r.ranking.begin(), r.ranking.end(), [&](VertexId a, VertexId b) {
    return r.score[a] != r.score[b] ? r.score[a] > r.score[b] : a < b;
  });
  return r;
}

}  // namespace refnet
