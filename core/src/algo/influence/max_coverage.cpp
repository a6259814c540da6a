#include <refnet/algo/influence/max_coverage.hpp>

#include <refnet/parallel/loops.hpp>

#include <algorithm>
#include <queue>
#include <span>

namespace refnet {

namespace {
// node -> the sets it belongs to, CSR. Built in a fixed number of slices, each
// counted and filled by one task, so the layout does not depend on threads.
struct SetIndex {
  std::vector<std::uint64_t> start;  // n + 1
  std::vector<std::uint32_t> sets;
};

SetIndex index_sets(const RRSets& rr, VertexId n) {
  const std::uint64_t num_sets = rr.size();
  // Each slice costs 4 bytes per node; fewer slices on huge graphs.
  const unsigned slices = num_sets < (1u << 16) ? 1 : n <= (1u << 24) ? 8 : 2;
  std::vector<std::vector<std::uint32_t>> count(slices, std::vector<std::uint32_t>(n, 0));
  auto slice_range = [&](unsigned s) { return std::pair(num_sets * s / slices, num_sets * (s + 1) / slices); };
  for_each_index<unsigned>(slices, [&](unsigned s) {
    const auto [lo, hi] = slice_range(s);
    for (std::uint64_t i = rr.offsets[lo]; i < rr.offsets[hi]; ++i) ++count[s][rr.nodes[i]];
  }, 1);
  SetIndex index;
  index.start.assign(n + 1, 0);
  for (VertexId v = 0; v < n; ++v) {
    std::uint64_t at = index.start[v];
    for (unsigned s = 0; s < slices; ++s) {
      const std::uint32_t c = count[s][v];
      count[s][v] = static_cast<std::uint32_t>(at - index.start[v]);  // slice's offset within v's row
      at += c;
    }
    index.start[v + 1] = at;
  }
  index.sets.resize(index.start[n]);
  for_each_index<unsigned>(slices, [&](unsigned s) {
    const auto [lo, hi] = slice_range(s);
    auto& fill = count[s];
    for (std::uint64_t set = lo; set < hi; ++set)
      for (std::uint64_t i = rr.offsets[set]; i < rr.offsets[set + 1]; ++i) {
        const VertexId v = rr.nodes[i];
        index.sets[index.start[v] + fill[v]++] = static_cast<std::uint32_t>(set);
      }
  }, 1);
  return index;
}

struct Entry {
  std::uint64_t gain;
  VertexId node;
  bool operator<(const Entry& o) const { return gain != o.gain ? gain < o.gain : node > o.node; }
};

// The lazy greedy over a node -> sets index of the sets this process holds.
// `total(count)` turns a count over those sets into the count over all sets
// (the identity alone; a sum across processes when the sets are spread), so
// every process runs the same steps on the same numbers.
template <class Total>
CoverageSelection lazy_greedy(const RRSets& rr, VertexId n, unsigned k, const Total& total) {
  CoverageSelection out;
  if (n == 0) return out;
  k = std::min<unsigned>(k, n);
  const SetIndex index = index_sets(rr, n);
  std::vector<std::uint64_t> counts(n);
  for (VertexId v = 0; v < n; ++v) counts[v] = index.start[v + 1] - index.start[v];
  total(std::span(counts));
  std::vector<char> covered(rr.size(), 0);
  std::vector<Entry> initial(n);
  for (VertexId v = 0; v < n; ++v) initial[v] = {counts[v], v};
  counts = {};
  std::priority_queue<Entry> heap(std::less<Entry>(), std::move(initial));
  std::vector<unsigned> fresh_at(n, 0);  // the step at which a node's heap gain was counted

  auto top_k_bound = [&] {  // sum of the k largest (stale) gains still in the heap
    std::vector<Entry> taken;
    std::uint64_t sum = 0;
    while (taken.size() < k && !heap.empty()) {
      taken.push_back(heap.top());
      sum += heap.top().gain;
      heap.pop();
    }
    for (const Entry& e : taken) heap.push(e);
    return sum;
  };
  out.upper_bound = top_k_bound();

  for (unsigned step = 0; step < k && !heap.empty();) {
    Entry top = heap.top();
    heap.pop();
    if (fresh_at[top.node] != step) {
      std::uint64_t gain = 0;
      for (std::uint64_t i = index.start[top.node]; i < index.start[top.node + 1]; ++i) gain += !covered[index.sets[i]];
      total(std::span(&gain, 1));
      fresh_at[top.node] = step;
      heap.push({gain, top.node});
      continue;
    }
    for (std::uint64_t i = index.start[top.node]; i < index.start[top.node + 1]; ++i) covered[index.sets[i]] = 1;
    out.seeds.push_back(top.node);
    out.gains.push_back(top.gain);
    out.covered += top.gain;
    ++step;
    out.upper_bound = std::min(out.upper_bound, out.covered + top_k_bound());
  }
  return out;
}
}  // namespace

CoverageSelection max_coverage(const RRSets& rr, VertexId n, unsigned k) {
  return lazy_greedy(rr, n, k, [](std::span<std::uint64_t>) {});
}

CoverageSelection max_coverage_distributed(const RRSets& local, VertexId n, unsigned k, const Cluster& cluster) {
  return lazy_greedy(local, n, k, [&](std::span<std::uint64_t> counts) { cluster.sum(counts); });
}

CoverageSelection max_coverage_reference(const RRSets& rr, VertexId n, unsigned k) {
  CoverageSelection out;
  k = std::min<unsigned>(k, n);
  std::vector<char> covered(rr.size(), 0), chosen(n, 0);
  for (unsigned step = 0; step < k; ++step) {
    std::vector<std::uint64_t> gain(n, 0);
    for (std::uint64_t s = 0; s < rr.size(); ++s)
      if (!covered[s])
        for (VertexId v : rr[s]) ++gain[v];
    VertexId best = kNoVertex;
    for (VertexId v = 0; v < n; ++v)
      if (!chosen[v] && (best == kNoVertex || gain[v] > gain[best])) best = v;
    if (best == kNoVertex) break;
    chosen[best] = 1;
    for (std::uint64_t s = 0; s < rr.size(); ++s)
      if (!covered[s] && std::find(rr[s].begin(), rr[s].end(), best) != rr[s].end()) covered[s] = 1;
    out.seeds.push_back(best);
    out.gains.push_back(gain[best]);
    out.covered += gain[best];
  }
  return out;
}

std::uint64_t count_covered(const RRSets& rr, VertexId n, std::span<const VertexId> seeds) {
  std::vector<char> is_seed(n, 0);
  for (VertexId v : seeds) is_seed[v] = 1;
  std::uint64_t hit = 0;
  for (std::uint64_t s = 0; s < rr.size(); ++s)
    hit += std::any_of(rr[s].begin(), rr[s].end(), [&](VertexId v) { return is_seed[v] != 0; });
  return hit;
}

}  // namespace refnet
