#include <refnet/algo/cascade/cascade.hpp>
#include <refnet/base/quantile.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/text.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>

namespace refnet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint32_t kNoNode = kNoVertex;

// Percentiles 0, 10, 25, 50, 75, 90, 100 by refnet's one convention
// (linear interpolation, base/quantile.hpp), as reach reports them.
std::vector<double> quantiles(std::vector<double> v) {
  std::vector<double> out;
  if (v.empty()) return out;
  std::sort(v.begin(), v.end());
  for (double q : {0.0, 0.10, 0.25, 0.50, 0.75, 0.90, 1.0}) out.push_back(quantile_of_sorted(v, q));
  return out;
}

double median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::int64_t bucket_of(double t, Bucket b) {
  const auto day = static_cast<std::int64_t>(std::floor(t / 86400.0));
  switch (b) {
    case Bucket::kDay: return day;
    case Bucket::kWeek: return (day + 3 >= 0 ? day + 3 : day + 3 - 6) / 7;  // weeks start on Monday (1970-01-01 was a Thursday)
    case Bucket::kMonth: return month_index(t);
  }
  return day;
}

double bucket_start(std::int64_t k, Bucket b) {
  switch (b) {
    case Bucket::kDay: return static_cast<double>(k) * 86400.0;
    case Bucket::kWeek: return static_cast<double>(k * 7 - 3) * 86400.0;
    case Bucket::kMonth: {
      const std::int64_t y = 1970 + (k >= 0 ? k / 12 : (k - 11) / 12);
      const auto m = static_cast<unsigned>(k - (y - 1970) * 12 + 1);
      return static_cast<double>(days_from_civil(y, m, 1)) * 86400.0;
    }
  }
  return 0;
}

std::vector<GrowthPoint> growth_curve(const std::vector<double>& times, Bucket b) {
  std::map<std::int64_t, std::uint64_t> counts;
  for (double t : times)
    if (!std::isnan(t)) ++counts[bucket_of(t, b)];
  std::vector<GrowthPoint> out;
  std::uint64_t total = 0;
  for (const auto& [k, c] : counts) {
    total += c;
    out.push_back({bucket_start(k, b), c, total});
  }
  return out;
}

}  // namespace

ParentRule parse_parent_rule(std::string_view s) {
  if (s == "latest-neighbour" || s == "latest-neighbor") return ParentRule::kLatestNeighbour;
  if (s == "root") return ParentRule::kRoot;
  if (s == "previous") return ParentRule::kPrevious;
  throw UsageError("--parent must be latest-neighbour, root or previous, not '" + std::string(s) + "'");
}

Bucket parse_bucket(std::string_view s) {
  if (s == "day") return Bucket::kDay;
  if (s == "week") return Bucket::kWeek;
  if (s == "month") return Bucket::kMonth;
  throw UsageError("--bucket must be day, week or month, not '" + std::string(s) + "'");
}

Graph graph_over_users(const Network& social, const IdTable& users) {
  std::vector<std::uint32_t> map(social.num_users(), kNoVertex);
  for (VertexId v = 0; v < social.num_users(); ++v)
    if (auto id = users.find(social.log.users.name(v))) map[v] = *id;
  std::vector<Edge> edges;
  const Graph& g = social.wom;
  for (VertexId u = 0; u < g.num_vertices(); ++u) {
    if (map[u] == kNoVertex) continue;
    for (VertexId w : g.out_neighbors(u))
      if (map[w] != kNoVertex) edges.push_back({map[u], map[w]});
  }
  return Graph::from_edges(users.size(), edges);
}

CascadeSource parse_cascade_source(std::string_view s) {
  if (s == "auto") return CascadeSource::kAuto;
  if (s == "referrals") return CascadeSource::kReferrals;
  if (s == "shares") return CascadeSource::kShares;
  if (s == "file") return CascadeSource::kFile;
  throw UsageError("--from must be auto, referrals, shares or file, not '" + std::string(s) + "'");
}

std::string_view to_string(CascadeSource s) {
  switch (s) {
    case CascadeSource::kAuto: return "auto";
    case CascadeSource::kReferrals: return "referrals";
    case CascadeSource::kShares: return "shares";
    case CascadeSource::kFile: return "file";
  }
  return "unknown";
}

CascadeSource resolve_source(const Network& net, CascadeSource requested) {
  if (requested == CascadeSource::kFile && net.info.kind != InputKind::kCascades)
    throw UsageError("--from file needs a cascade file as input");
  if (requested != CascadeSource::kAuto) return requested;
  if (net.info.kind == InputKind::kCascades) return CascadeSource::kFile;
  if (net.referral.acquisitions > 0) return CascadeSource::kReferrals;
  if (net.info.events_per_type[static_cast<std::size_t>(EventType::kShare)] > 0) return CascadeSource::kShares;
  return CascadeSource::kReferrals;
}

CascadeForest build_cascade_forest(const Network& net, CascadeSource source, const Graph& social, ParentRule rule) {
  switch (source) {
    case CascadeSource::kReferrals: return forest_from_referrals(net);
    case CascadeSource::kShares: return forest_from_shares(net);
    case CascadeSource::kFile: return forest_from_cascade_lists(net.cascades, social, rule);
    case CascadeSource::kAuto: break;
  }
  throw std::invalid_argument("build_cascade_forest: resolve the source first");
}

void CascadeParams::validate() const {
  if (min_size < 1) throw UsageError("--min-size must be at least 1");
}

CascadeForest forest_from_referrals(const Network& net) {
  const ReferralForest& f = net.referral;
  const std::size_t n = f.parent.size();
  // Nodes: users who joined, and referrers who brought someone in without
  // joining themselves (their adoption time is then their first acquisition's
  // referral).
  std::vector<double> when(f.acquired_at);
  for (VertexId v = 0; v < n; ++v) {
    const VertexId p = f.parent[v];
    if (p != kNoVertex && std::isnan(f.acquired_at[p]))
      when[p] = std::isnan(when[p]) ? f.referred_at[v] : std::min(when[p], f.referred_at[v]);
  }
  std::vector<std::uint32_t> node(n, kNoNode);
  CascadeForest out;
  for (VertexId v = 0; v < n; ++v) {
    if (std::isnan(when[v])) continue;
    node[v] = static_cast<std::uint32_t>(out.user.size());
    out.user.push_back(v);
    out.time.push_back(when[v]);
  }
  out.parent.assign(out.user.size(), kNoNode);
  out.link_time.assign(out.user.size(), kNaN);
  for (std::uint32_t k = 0; k < out.user.size(); ++k) {
    const VertexId p = f.parent[out.user[k]];
    if (p == kNoVertex) continue;
    out.parent[k] = node[p];
    out.link_time[k] = f.referred_at[out.user[k]];
  }
  return out;
}

CascadeForest forest_from_shares(const Network& net) {
  const double horizon = net.info.analysis_time;
  std::unordered_map<VertexId, std::uint32_t> node;
  CascadeForest out;
  auto add = [&](VertexId user, std::uint32_t parent, double ts) {
    const auto id = static_cast<std::uint32_t>(out.user.size());
    node.emplace(user, id);
    out.user.push_back(user);
    out.parent.push_back(parent);
    out.time.push_back(ts);
    out.link_time.push_back(parent == kNoNode ? kNaN : ts);
    return id;
  };
  for (const Event& e : net.log.events) {
    if (e.ts > horizon) break;
    if (e.type != EventType::kShare || e.dst == kNone || e.src == e.dst) continue;
    // The sender has adopted (they spoke), a root if nobody reached them first.
    auto it = node.find(e.src);
    const std::uint32_t from = it != node.end() ? it->second : add(e.src, kNoNode, e.ts);
    if (!node.count(e.dst)) add(e.dst, from, e.ts);  // a user adopts once: their first share received
  }
  return out;
}

CascadeForest forest_from_cascade_lists(const std::vector<Cascade>& cascades, const Graph& social, ParentRule rule) {
  CascadeForest out;
  std::unordered_map<VertexId, std::uint32_t> position;  // user -> position in the current cascade
  for (const Cascade& c : cascades) {
    if (c.users.empty()) continue;
    const auto base = static_cast<std::uint32_t>(out.user.size());
    position.clear();
    for (std::uint32_t i = 0; i < c.users.size(); ++i) {
      const VertexId u = c.users[i];
      std::uint32_t parent = kNoNode;
      if (i > 0) {
        parent = rule == ParentRule::kPrevious ? base + i - 1 : base;
        if (rule == ParentRule::kLatestNeighbour && u < social.num_vertices()) {
          // The latest earlier adopter among u's neighbours, either direction.
          std::int64_t best = -1;
          for (VertexId w : social.out_neighbors(u))
            if (auto it = position.find(w); it != position.end()) best = std::max<std::int64_t>(best, it->second);
          for (VertexId w : social.in_neighbors(u))
            if (auto it = position.find(w); it != position.end()) best = std::max<std::int64_t>(best, it->second);
          if (best >= 0) parent = base + static_cast<std::uint32_t>(best);
        }
      }
      position.emplace(u, i);
      out.user.push_back(u);
      out.parent.push_back(parent);
      out.time.push_back(c.times[i]);
      out.link_time.push_back(parent == kNoNode ? kNaN : c.times[i]);
    }
  }
  return out;
}

namespace {

// The forest laid out for the metrics: children in CSR form, every tree in
// BFS order (so by depth), tree after tree, and each node's subtree size.
struct TreeLayout {
  std::vector<std::uint64_t> first;  // children of v: child[first[v] .. first[v + 1])
  std::vector<std::uint32_t> child;
  std::vector<std::uint32_t> order;  // BFS order, tree after tree
  std::vector<std::uint32_t> depth;
  std::vector<std::pair<std::size_t, std::size_t>> trees;  // [begin, end) in `order`
  std::vector<std::uint64_t> below;  // subtree sizes
};

TreeLayout lay_out(const CascadeForest& forest) {
  const std::size_t n = forest.size();
  TreeLayout t;
  t.first.assign(n + 1, 0);
  for (std::uint32_t p : forest.parent)
    if (p != kNoNode) ++t.first[p + 1];
  std::partial_sum(t.first.begin(), t.first.end(), t.first.begin());
  t.child.resize(t.first[n]);
  {
    std::vector<std::uint64_t> next(t.first.begin(), t.first.end() - 1);
    for (std::uint32_t v = 0; v < n; ++v)
      if (forest.parent[v] != kNoNode) t.child[next[forest.parent[v]]++] = v;
  }
  t.order.reserve(n);
  t.depth.assign(n, 0);
  for (std::uint32_t r = 0; r < n; ++r) {
    if (forest.parent[r] != kNoNode) continue;
    const std::size_t begin = t.order.size();
    t.order.push_back(r);
    for (std::size_t k = begin; k < t.order.size(); ++k) {
      const std::uint32_t v = t.order[k];
      for (std::uint64_t c = t.first[v]; c < t.first[v + 1]; ++c) {
        t.depth[t.child[c]] = t.depth[v] + 1;
        t.order.push_back(t.child[c]);
      }
    }
    t.trees.emplace_back(begin, t.order.size());
  }
  if (t.order.size() != n) throw std::invalid_argument("cascade forest has a cycle");
  // Subtree sizes, leaves first.
  t.below.assign(n, 1);
  for (std::size_t k = n; k-- > 0;) {
    const std::uint32_t v = t.order[k];
    if (forest.parent[v] != kNoNode) t.below[forest.parent[v]] += t.below[v];
  }
  return t;
}

// Time from each member's adoption to their first referral (NaN when they
// referred nobody or a time is unknown); `all` collects the known ones.
std::vector<double> first_referral_delays(const CascadeForest& forest, const TreeLayout& t, std::vector<double>& all) {
  const std::size_t n = forest.size();
  std::vector<double> delay(n, kNaN);
  for (std::uint32_t v = 0; v < n; ++v) {
    double earliest = kNaN;
    for (std::uint64_t c = t.first[v]; c < t.first[v + 1]; ++c) {
      const std::uint32_t w = t.child[c];
      const double time = std::isnan(forest.link_time[w]) ? forest.time[w] : forest.link_time[w];
      if (!std::isnan(time) && (std::isnan(earliest) || time < earliest)) earliest = time;
    }
    if (!std::isnan(earliest) && !std::isnan(forest.time[v])) {
      delay[v] = std::max(0.0, earliest - forest.time[v]);
      all.push_back(delay[v]);
    }
  }
  return delay;
}

// One tree's metrics; structural virality from subtree sizes: the mean
// distance over pairs is 2 sum over edges of s (n - s) / (n (n - 1)).
CascadeRecord measure_tree(const CascadeForest& forest, const TreeLayout& t, const std::vector<double>& first_referral,
                           std::size_t begin, std::size_t end) {
  CascadeRecord rec;
  rec.root = t.order[begin];
  rec.size = end - begin;
  double start = kNaN, last = kNaN;
  double pair_distance = 0;  // sum over edges of s (n - s)
  std::vector<double> delays;
  for (std::size_t k = begin; k < end; ++k) {
    const std::uint32_t v = t.order[k];
    if (t.depth[v] >= rec.generations.size()) rec.generations.push_back(0);
    ++rec.generations[t.depth[v]];
    if (k > begin) pair_distance += static_cast<double>(t.below[v]) * static_cast<double>(rec.size - t.below[v]);
    const double time = forest.time[v];
    if (!std::isnan(time)) {
      start = std::isnan(start) ? time : std::min(start, time);
      last = std::isnan(last) ? time : std::max(last, time);
    }
    if (!std::isnan(first_referral[v])) delays.push_back(first_referral[v]);
  }
  rec.depth = static_cast<std::uint32_t>(rec.generations.size() - 1);
  rec.max_breadth = *std::max_element(rec.generations.begin(), rec.generations.end());
  const double size = static_cast<double>(rec.size);
  rec.virality = rec.size > 1 ? 2.0 * pair_distance / (size * (size - 1)) : 0.0;
  rec.start = start;
  rec.duration = std::isnan(start) ? kNaN : last - start;
  for (std::size_t g = 0; g + 1 < rec.generations.size(); ++g)
    rec.reproduction.push_back(static_cast<double>(rec.generations[g + 1]) / static_cast<double>(rec.generations[g]));
  rec.median_time_to_first_referral = median(std::move(delays));
  return rec;
}

// The distributions over trees: sizes, depths, virality by size bin.
class SummaryBuilder {
 public:
  void add(const CascadeRecord& rec, CascadeSummary& s) {
    sizes_.push_back(rec.size);
    ++depth_counts_[rec.depth];
    s.largest = std::max(s.largest, rec.size);
    s.deepest = std::max(s.deepest, rec.depth);
    if (rec.size > 1) {
      ++s.nontrivial;
      viralities_.push_back(rec.virality);
    }
    const auto bin = static_cast<unsigned>(std::bit_width(rec.size) - 1);
    SizeBin& b = bins_[bin];
    b.lo = std::uint64_t{1} << bin;
    b.hi = (std::uint64_t{2} << bin) - 1;
    ++b.count;
    b.mean_virality += rec.virality;
    b.mean_depth += rec.depth;
  }

  void finish(CascadeSummary& s, const CascadeParams& params, std::size_t trees, std::vector<double> delays) {
    const std::size_t n = s.nodes;
    s.cascades = trees;
    s.mean_children = n ? static_cast<double>(n - trees) / static_cast<double>(n) : 0.0;
    if (params.invitations > 0 && n > 0) {
      s.invitations_per_user = static_cast<double>(params.invitations) / static_cast<double>(n);
      s.conversion = static_cast<double>(n - trees) / static_cast<double>(params.invitations);
      s.k_factor = s.invitations_per_user * s.conversion;
    } else {
      s.k_factor = s.mean_children;
    }
    s.size_ccdf = ccdf(sizes_);
    s.size_tail = fit_power_law(std::move(sizes_));
    for (const auto& [d, c] : depth_counts_) s.depth_histogram.emplace_back(d, c);
    s.virality_quantiles = quantiles(std::move(viralities_));
    s.time_to_first_referral_quantiles = quantiles(std::move(delays));
    for (auto& [bin, b] : bins_) {
      b.mean_virality /= static_cast<double>(b.count);
      b.mean_depth /= static_cast<double>(b.count);
      s.virality_by_size.push_back(b);
    }
  }

 private:
  std::vector<std::uint64_t> sizes_;
  std::vector<double> viralities_;
  std::map<std::uint32_t, std::uint64_t> depth_counts_;
  std::map<unsigned, SizeBin> bins_;
};

// The growth curve of each of the first `count` listed cascades: their members' times.
std::vector<std::vector<GrowthPoint>> top_growth_curves(const CascadeForest& forest, const TreeLayout& t,
                                                        const std::vector<CascadeRecord>& records, std::size_t count,
                                                        Bucket bucket) {
  std::vector<std::uint32_t> root_tree(forest.size(), 0);
  for (std::uint32_t i = 0; i < t.trees.size(); ++i) root_tree[t.order[t.trees[i].first]] = i;
  std::vector<std::vector<GrowthPoint>> curves;
  for (std::size_t r = 0; r < std::min(count, records.size()); ++r) {
    const auto& [begin, end] = t.trees[root_tree[records[r].root]];
    std::vector<double> times;
    for (std::size_t k = begin; k < end; ++k) times.push_back(forest.time[t.order[k]]);
    curves.push_back(growth_curve(times, bucket));
  }
  return curves;
}

}  // namespace

CascadeResult analyze_cascades(const CascadeForest& forest, const CascadeParams& params, const Progress& progress) {
  params.validate();
  CascadeResult result;
  CascadeSummary& s = result.summary;
  s.nodes = forest.size();
  Progress::Steps step(progress);
  step.next("layout");
  const TreeLayout layout = lay_out(forest);
  std::vector<double> all_delays;
  const std::vector<double> first_referral = first_referral_delays(forest, layout, all_delays);

  step.next("metrics");
  std::vector<CascadeRecord> records;
  SummaryBuilder summary;
  for (const auto& [begin, end] : layout.trees) {
    CascadeRecord rec = measure_tree(forest, layout, first_referral, begin, end);
    summary.add(rec, s);
    if (rec.size >= params.min_size) records.push_back(std::move(rec));
  }
  summary.finish(s, params, layout.trees.size(), std::move(all_delays));

  step.next("growth");
  std::sort(records.begin(), records.end(), [](const CascadeRecord& a, const CascadeRecord& b) {
    if (a.size != b.size) return a.size > b.size;
    if (a.start != b.start) return a.start < b.start;
    return a.root < b.root;
  });
  if (records.size() > params.top) records.resize(params.top);
  result.growth = growth_curve(forest.time, params.bucket);
  result.top_growth = top_growth_curves(forest, layout, records, params.growth_top, params.bucket);
  result.cascades = std::move(records);
  return result;
}

double structural_virality(const std::vector<std::uint32_t>& parent) {
  CascadeForest f;
  f.parent = parent;
  f.time.assign(parent.size(), 0.0);
  f.link_time.assign(parent.size(), kNaN);
  f.user.resize(parent.size());
  CascadeParams p;
  p.top = 1;
  p.growth_top = 0;
  const CascadeResult r = analyze_cascades(f, p);
  return r.cascades.empty() ? 0.0 : r.cascades.front().virality;
}

double structural_virality_bfs(const std::vector<std::uint32_t>& parent) {
  const std::size_t n = parent.size();
  if (n < 2) return 0.0;
  std::vector<std::vector<std::uint32_t>> adj(n);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (parent[v] == kNoNode) continue;
    adj[v].push_back(parent[v]);
    adj[parent[v]].push_back(v);
  }
  double total = 0;
  std::vector<std::int64_t> dist(n);
  std::vector<std::uint32_t> queue;
  for (std::uint32_t s = 0; s < n; ++s) {
    std::fill(dist.begin(), dist.end(), -1);
    dist[s] = 0;
    queue.assign(1, s);
    for (std::size_t k = 0; k < queue.size(); ++k)
      for (std::uint32_t w : adj[queue[k]])
        if (dist[w] < 0) {
          dist[w] = dist[queue[k]] + 1;
          queue.push_back(w);
        }
    for (std::uint32_t t = 0; t < n; ++t) total += static_cast<double>(dist[t]);
  }
  return total / (static_cast<double>(n) * static_cast<double>(n - 1));
}

}  // namespace refnet
