#include <refnet/algo/structure/components.hpp>

#include <refnet/base/error.hpp>
#include <refnet/parallel/loops.hpp>
#include <refnet/parallel/random.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <numeric>

namespace refnet {

namespace {

using Comp = std::vector<std::atomic<VertexId>>;

// Hangs the larger of the two roots under the smaller (GAPBS's Link).
void link(VertexId u, VertexId v, Comp& comp) {
  VertexId p1 = comp[u].load(std::memory_order_relaxed);
  VertexId p2 = comp[v].load(std::memory_order_relaxed);
  while (p1 != p2) {
    const VertexId high = std::max(p1, p2), low = std::min(p1, p2);
    VertexId p_high = comp[high].load(std::memory_order_relaxed);
    if (p_high == low) break;
    if (p_high == high && comp[high].compare_exchange_strong(p_high, low)) break;
    p1 = comp[comp[high].load(std::memory_order_relaxed)].load(std::memory_order_relaxed);
    p2 = comp[low].load(std::memory_order_relaxed);
  }
}

void compress(Comp& comp) {
  for_each_index<VertexId>(static_cast<VertexId>(comp.size()), [&](VertexId v) {
    VertexId c = comp[v].load(std::memory_order_relaxed);
    while (c != comp[c].load(std::memory_order_relaxed)) {
      c = comp[c].load(std::memory_order_relaxed);
      comp[v].store(c, std::memory_order_relaxed);
    }
  }, 4096);
}

// The most frequent label among 1024 users picked by a fixed hash: the largest
// component so far, very likely. Which one is picked only changes the work
// skipped, never the labels.
VertexId most_frequent(const Comp& comp) {
  const VertexId n = static_cast<VertexId>(comp.size());
  std::map<VertexId, std::uint32_t> seen;
  for (std::uint64_t i = 0; i < 1024; ++i) ++seen[comp[mix64(i ^ 0xAFF0AE57ULL) % n].load()];
  return std::max_element(seen.begin(), seen.end(), [](const auto& a, const auto& b) { return a.second < b.second; })->first;
}

ComponentSet summarize_labels(std::vector<VertexId> label, std::uint32_t top) {
  ComponentSet s;
  const std::size_t n = label.size();
  std::vector<std::uint64_t> size(n, 0);
  for (VertexId l : label) ++size[l];
  std::map<std::uint64_t, std::uint64_t> by_size;
  for (VertexId v = 0; v < n; ++v) {
    if (size[v] == 0) continue;
    ++s.count;
    ++by_size[size[v]];
    s.largest = std::max(s.largest, size[v]);
    s.biggest.emplace_back(v, size[v]);
  }
  s.singletons = by_size.count(1) ? by_size[1] : 0;
  const std::size_t keep = std::min<std::size_t>(top, s.biggest.size());
  std::partial_sort(s.biggest.begin(), s.biggest.begin() + static_cast<std::ptrdiff_t>(keep), s.biggest.end(),
                    [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  s.biggest.resize(keep);
  s.size_counts.assign(by_size.begin(), by_size.end());
  s.label = std::move(label);
  return s;
}

// Relabels components numbered 0..c-1 by their smallest member.
std::vector<VertexId> by_smallest_member(const std::vector<VertexId>& number, VertexId count) {
  std::vector<VertexId> smallest(count, kNoVertex);
  for (VertexId v = 0; v < number.size(); ++v) smallest[number[v]] = std::min(smallest[number[v]], v);
  std::vector<VertexId> label(number.size());
  for (VertexId v = 0; v < number.size(); ++v) label[v] = smallest[number[v]];
  return label;
}

}  // namespace

void ComponentsParams::validate() const {
  if (!weak && !strong) throw UsageError("components: ask for weak or strong components (or both)");
}

std::vector<VertexId> weak_component_labels(const Graph& g) {
  const VertexId n = g.num_vertices();
  Comp comp(n);
  for_each_index<VertexId>(n, [&](VertexId v) { comp[v].store(v, std::memory_order_relaxed); }, 4096);
  // Afforest: sample each user's first two out-ties.
  constexpr EdgeId kRounds = 2;
  for (EdgeId r = 0; r < kRounds; ++r) {
    for_each_index<VertexId>(n, [&](VertexId u) {
      if (g.out_degree(u) > r) link(u, g.target(g.out_begin(u) + r), comp);
    }, 1024);
    compress(comp);
  }
  if (n == 0) return {};
  const VertexId big = most_frequent(comp);
  // The rest, skipping users already in the big component: their remaining
  // out-ties, and their in-ties (a tie into them from the big component is
  // then still seen).
  for_each_index<VertexId>(n, [&](VertexId u) {
    if (comp[u].load(std::memory_order_relaxed) == big) return;
    for (EdgeId e = g.out_begin(u) + std::min(kRounds, g.out_degree(u)); e < g.out_end(u); ++e) link(u, g.target(e), comp);
    for (VertexId w : g.in_neighbors(u)) link(u, w, comp);
  }, 256);
  compress(comp);
  std::vector<VertexId> label(n);
  for_each_index<VertexId>(n, [&](VertexId v) { label[v] = comp[v].load(std::memory_order_relaxed); }, 4096);
  return label;
}

std::vector<VertexId> strong_component_labels(const Graph& g) {
  // Tarjan, iterative: each frame is a user and the next out-edge to try.
  const VertexId n = g.num_vertices();
  constexpr VertexId kUnvisited = kNoVertex;
  std::vector<VertexId> index(n, kUnvisited), low(n, 0), number(n, kNoVertex);
  std::vector<VertexId> stack;
  std::vector<std::pair<VertexId, EdgeId>> frames;
  std::vector<std::uint8_t> on_stack(n, 0);
  VertexId next_index = 0, components = 0;
  for (VertexId s = 0; s < n; ++s) {
    if (index[s] != kUnvisited) continue;
    frames.emplace_back(s, g.out_begin(s));
    index[s] = low[s] = next_index++;
    stack.push_back(s);
    on_stack[s] = 1;
    while (!frames.empty()) {
      auto& [v, e] = frames.back();
      if (e < g.out_end(v)) {
        const VertexId w = g.target(e++);
        if (index[w] == kUnvisited) {
          index[w] = low[w] = next_index++;
          stack.push_back(w);
          on_stack[w] = 1;
          frames.emplace_back(w, g.out_begin(w));
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      const VertexId done = v;
      frames.pop_back();
      if (!frames.empty()) low[frames.back().first] = std::min(low[frames.back().first], low[done]);
      if (low[done] == index[done]) {
        VertexId w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          number[w] = components;
        } while (w != done);
        ++components;
      }
    }
  }
  return by_smallest_member(number, components);
}

ComponentsResult components(const Graph& g, const ComponentsParams& params, const Progress& progress) {
  params.validate();
  ComponentsResult r;
  r.users = g.num_vertices();
  for (VertexId v = 0; v < r.users; ++v) r.isolated += g.out_degree(v) == 0 && g.in_degree(v) == 0;
  if (params.weak) {
    const Progress::Phase phase = progress.phase("weak");
    r.has_weak = true;
    r.weak = summarize_labels(weak_component_labels(g), params.top);
  }
  if (params.strong) {
    const Progress::Phase phase = progress.phase("strong");
    r.has_strong = true;
    r.strong = summarize_labels(strong_component_labels(g), params.top);
  }
  return r;
}

std::vector<VertexId> weak_components_reference(const Graph& g) {
  const VertexId n = g.num_vertices();
  std::vector<VertexId> parent(n);
  std::iota(parent.begin(), parent.end(), VertexId{0});
  auto find = [&](VertexId v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (VertexId u = 0; u < n; ++u)
    for (VertexId v : g.out_neighbors(u)) {
      const VertexId a = find(u), b = find(v);
      if (a < b) parent[b] = a;
      else if (b < a) parent[a] = b;
    }
  for (VertexId v = 0; v < n; ++v) parent[v] = find(v);
  return parent;
}

std::vector<VertexId> strong_components_reference(const Graph& g) {
  // Kosaraju: finishing order of a DFS on the graph, then DFS on the reverse
  // graph in decreasing finishing order; each tree is a component.
  const VertexId n = g.num_vertices();
  std::vector<std::uint8_t> seen(n, 0);
  std::vector<VertexId> order;
  for (VertexId s = 0; s < n; ++s) {
    if (seen[s]) continue;
    std::vector<std::pair<VertexId, EdgeId>> frames{{s, g.out_begin(s)}};
    seen[s] = 1;
    while (!frames.empty()) {
      auto& [v, e] = frames.back();
      if (e < g.out_end(v)) {
        const VertexId w = g.target(e++);
        if (!seen[w]) seen[w] = 1, frames.emplace_back(w, g.out_begin(w));
      } else {
        order.push_back(v);
        frames.pop_back();
      }
    }
  }
  std::vector<VertexId> number(n, kNoVertex);
  VertexId count = 0;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (number[*it] != kNoVertex) continue;
    std::vector<VertexId> todo{*it};
    number[*it] = count;
    while (!todo.empty()) {
      const VertexId v = todo.back();
      todo.pop_back();
      for (VertexId u : g.in_neighbors(v))
        if (number[u] == kNoVertex) number[u] = count, todo.push_back(u);
    }
    ++count;
  }
  return by_smallest_member(number, count);
}

}  // namespace refnet
