#include <refnet/report/html_report.hpp>

#include <refnet/algo/centrality/pagerank.hpp>
#include <refnet/algo/community/partition.hpp>
#include <refnet/base/error.hpp>
#include <refnet/base/text.hpp>
#include <refnet/graph/undirected.hpp>
#include <refnet/parallel/random.hpp>

#include <algorithm>
#include <cmath>
#include <queue>
#include <unordered_map>

namespace refnet {

void HtmlReportParams::validate() const {
  if (top < 1) throw UsageError("--top must be at least 1");
  if (tree_max_nodes < 1) throw UsageError("--tree-nodes must be at least 1");
  if (network_nodes < 1) throw UsageError("--network-nodes must be at least 1");
  profile.validate();
}

// ---- tiers month by month ------------------------------------------------------

TierTimeline tier_timeline(const Network& net, const TierResult& tiers) {
  const VertexId n = net.num_users();
  if (tiers.transitions.size() != tiers.users.size())
    throw std::invalid_argument("tier_timeline: the tiers must hold transitions");
  // Each user's first event at or before T: from then on they are known.
  std::vector<double> first(n, INFINITY);
  for (const Event& e : net.log.events) {
    if (e.ts > tiers.at) continue;
    if (e.src < n) first[e.src] = std::min(first[e.src], e.ts);
    if (e.dst != kNone && e.dst < n) first[e.dst] = std::min(first[e.dst], e.ts);
  }
  TierTimeline out;
  double earliest = INFINITY;
  for (double t : first) earliest = std::min(earliest, t);
  if (!std::isfinite(earliest)) return out;
  const std::int32_t m0 = month_index(earliest);
  const std::int32_t m1 = std::max(m0, month_index(tiers.at));
  const std::size_t months = static_cast<std::size_t>(m1 - m0) + 1;
  const auto slot = [&](double t) {
    return static_cast<std::size_t>(std::clamp<std::int32_t>(month_index(t), m0, m1) - m0);
  };
  // Changes of each tier's population per month; their running sums are the counts.
  std::vector<std::array<std::int64_t, kNumTiers>> delta(months, std::array<std::int64_t, kNumTiers>{});
  out.months.resize(months);
  for (VertexId v = 0; v < n; ++v) {
    if (!std::isfinite(first[v])) continue;
    ++delta[slot(first[v])][0];
    for (const TierChange& c : tiers.transitions[v]) {
      const std::size_t m = slot(std::max(c.ts, first[v]));
      --delta[m][c.from];
      ++delta[m][c.to];
      ++out.months[m].by_kind[static_cast<std::size_t>(c.kind)];
      ++out.months[m].by_cause[static_cast<std::size_t>(c.cause)];
      ++out.moves[c.from][c.to];
    }
  }
  std::array<std::int64_t, kNumTiers> running{};
  for (std::size_t m = 0; m < months; ++m) {
    out.months[m].month = m0 + static_cast<std::int32_t>(m);
    for (int t = 0; t < kNumTiers; ++t) {
      running[t] += delta[m][t];
      out.months[m].counts[t] = static_cast<std::uint64_t>(std::max<std::int64_t>(0, running[t]));
    }
  }
  return out;
}

// ---- the reach histogram --------------------------------------------------------

std::vector<ReachBin> reach_histogram(const std::vector<double>& values) {
  std::uint64_t top = 0;
  const auto as_int = [](double x) { return x > 0 ? static_cast<std::uint64_t>(std::llround(x)) : std::uint64_t{0}; };
  for (double x : values) top = std::max(top, as_int(x));
  std::vector<ReachBin> bins{{0, 0, 0}};
  for (std::uint64_t from = 1; from <= 300 && from <= top; from += 10) bins.push_back({from, from + 9, 0});
  for (std::uint64_t from = 301, width = 20; from <= top; from += width, width *= 2)
    bins.push_back({from, from + width - 1, 0});
  for (double x : values) {
    const std::uint64_t v = as_int(x);
    std::size_t b = 0;
    if (v > 0 && v <= 300) {
      b = 1 + static_cast<std::size_t>((v - 1) / 10);
    } else if (v > 300) {
      b = 31;
      while (bins[b].to < v) ++b;
    }
    ++bins[b].users;
  }
  return bins;
}

// ---- the Dunbar layers over all users -----------------------------------------------

std::vector<DunbarLayerSummary> dunbar_summary(const Graph& wom, const std::vector<std::uint32_t>& layers) {
  std::vector<DunbarLayerSummary> out(layers.size());
  std::vector<double> strength(layers.size(), 0.0);
  std::vector<std::uint64_t> ties(layers.size(), 0), negative(layers.size(), 0);
  double total = 0;
  for (VertexId v = 0; v < wom.num_vertices(); ++v) {
    const std::uint32_t degree = wom.out_degree(v);
    std::uint32_t inner = 0;
    for (std::size_t l = 0; l < layers.size(); ++l) {
      if (degree >= layers[l]) ++out[l].users_full;
      if (degree > inner) ++out[l].users_any;
      inner = layers[l];
    }
    std::size_t l = 0;
    for (EdgeId e = wom.out_begin(v); e < wom.out_end(v); ++e) {
      const std::uint32_t rank = e - wom.out_begin(v) + 1;
      total += wom.weight(e);
      while (l < layers.size() && rank > layers[l]) ++l;
      if (l == layers.size()) continue;  // past the cap: acquaintances
      strength[l] += wom.weight(e);
      ++ties[l];
      if (wom.sign(e) < 0) ++negative[l];
    }
  }
  for (std::size_t l = 0; l < layers.size(); ++l) {
    out[l].size = layers[l];
    out[l].strength_share = total > 0 ? strength[l] / total : 0.0;
    out[l].negative_share = ties[l] ? static_cast<double>(negative[l]) / static_cast<double>(ties[l]) : 0.0;
  }
  return out;
}

// ---- the network view -----------------------------------------------------------

NetworkSample network_sample(const Network& net, const CommunityResult& communities,
                             const std::vector<VertexId>& leaders, const std::vector<double>& score,
                             const std::vector<VertexId>& top, const NetworkSampleParams& params) {
  const Graph& g = net.wom;
  const VertexId n = g.num_vertices();
  NetworkSample out;
  std::unordered_map<VertexId, std::size_t> index;
  const auto add = [&](VertexId v, std::uint8_t role) {
    if (auto it = index.find(v); it != index.end()) {
      out.nodes[it->second].roles |= role;
      return true;
    }
    if (out.nodes.size() >= params.nodes) return false;
    index.emplace(v, out.nodes.size());
    out.nodes.push_back({v, role});
    return true;
  };
  // The largest communities of two or more (community 0 is the largest).
  std::uint32_t shown = 0;
  while (shown < std::min(communities.count(), params.communities) && communities.size[shown] >= 2) ++shown;
  // Each shown community's members by score, best first (ties: the smaller id).
  using Ranked = std::pair<double, VertexId>;
  const auto better = [](const Ranked& a, const Ranked& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  };
  std::vector<std::vector<Ranked>> members(shown);
  for (VertexId v = 0; v < n && params.members > 0; ++v) {
    const std::uint32_t c = communities.community[v];
    if (c >= shown || v == leaders[c]) continue;
    auto& heap = members[c];  // worst on top
    const Ranked r{score[v], v};
    if (heap.size() < params.members) {
      heap.push_back(r);
      std::push_heap(heap.begin(), heap.end(), better);
    } else if (better(r, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), better);
      heap.back() = r;
      std::push_heap(heap.begin(), heap.end(), better);
    }
  }
  // Leaders first, then the top users and their strongest ties, then members:
  // what matters most survives the node cap.
  for (std::uint32_t c = 0; c < shown; ++c) add(leaders[c], kRoleLeader);
  for (VertexId u : top) {
    if (u >= n || !add(u, kRoleTop)) continue;
    out.egos.push_back(u);
    const EdgeId end = std::min<EdgeId>(g.out_end(u), g.out_begin(u) + params.ego_ties);
    for (EdgeId e = g.out_begin(u); e < end; ++e) add(g.target(e), kRoleEgo);
  }
  // Members: the leader's strongest ties inside the community (either
  // direction) first, so that each community is drawn around its leader; then
  // the best-scored members.
  for (std::uint32_t c = 0; c < shown; ++c) {
    const VertexId leader = leaders[c];
    std::vector<std::pair<float, VertexId>> circle;
    for (EdgeId e = g.out_begin(leader); e < g.out_end(leader); ++e)
      if (communities.community[g.target(e)] == c && g.target(e) != leader)
        circle.push_back({g.weight(e), g.target(e)});
    for (EdgeId pos = g.in_begin(leader); pos < g.in_end(leader); ++pos) {
      const VertexId s = g.in_source(pos);
      if (communities.community[s] == c && s != leader) circle.push_back({g.weight(g.in_edge(pos)), s});
    }
    std::sort(circle.begin(), circle.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::uint32_t added = 0;
    std::unordered_map<VertexId, bool> taken;
    for (const auto& [w, v] : circle) {
      if (added == params.members) break;
      if (taken.emplace(v, true).second && add(v, kRoleMember)) ++added;
    }
    std::sort(members[c].begin(), members[c].end(), better);
    for (const Ranked& r : members[c]) {
      if (added == params.members) break;
      if (taken.emplace(r.second, true).second && add(r.second, kRoleMember)) ++added;
    }
  }

  // Every tie between shown users; over the cap, the ties of the top users'
  // circles and of the leaders first, then the strongest.
  struct Candidate {
    EdgeId e;
    int priority;
    float w;
  };
  std::vector<Candidate> ties;
  for (const NetworkSample::Node& node : out.nodes) {
    const VertexId s = node.user;
    for (EdgeId e = g.out_begin(s); e < g.out_end(s); ++e) {
      const auto it = index.find(g.target(e));
      if (it == index.end() || g.target(e) == s) continue;
      const bool ego = (node.roles & kRoleTop) && e < g.out_begin(s) + params.ego_ties;
      const bool leader = (node.roles | out.nodes[it->second].roles) & kRoleLeader;
      ties.push_back({e, ego ? 0 : leader ? 1 : 2, g.weight(e)});
    }
  }
  if (ties.size() > params.edges) {
    std::sort(ties.begin(), ties.end(), [](const Candidate& a, const Candidate& b) {
      return a.priority != b.priority ? a.priority < b.priority : a.w != b.w ? a.w > b.w : a.e < b.e;
    });
    ties.resize(params.edges);
  }
  for (const Candidate& c : ties) out.edges.push_back(c.e);
  std::sort(out.edges.begin(), out.edges.end());

  std::vector<std::uint64_t> per_community(communities.count(), 0);
  for (const NetworkSample::Node& node : out.nodes) ++per_community[communities.community[node.user]];
  for (std::uint32_t c = 0; c < communities.count(); ++c)
    if (per_community[c] > 0) out.communities.push_back({c, per_community[c]});
  return out;
}

// ---- the user pages -------------------------------------------------------------

namespace {
constexpr std::uint64_t kPageSampleSalt = 0x9A6E5A3D1C0FFEE5ULL;
}

PageSample sample_pages(VertexId num_users, const std::vector<std::vector<VertexId>>& named, std::uint32_t max_pages,
                        std::uint64_t seed) {
  PageSample out;
  std::unordered_map<VertexId, std::size_t> index;
  for (std::size_t r = 0; r < named.size() && r + 1 < kPageReasonNames.size(); ++r) {
    const auto bit = static_cast<std::uint16_t>(1u << r);
    for (VertexId v : named[r]) {
      if (v >= num_users) continue;
      if (auto it = index.find(v); it != index.end()) {
        out.reasons[it->second] |= bit;
      } else if (out.users.size() < max_pages) {
        index.emplace(v, out.users.size());
        out.users.push_back(v);
        out.reasons.push_back(bit);
      }
    }
  }
  // Everyone else, uniformly: the users with the smallest keys (a max-heap of
  // the k smallest so far).
  const std::size_t k = max_pages - out.users.size();
  std::vector<std::pair<std::uint64_t, VertexId>> heap;
  if (k > 0) {
    heap.reserve(k);
    for (VertexId v = 0; v < num_users; ++v) {
      if (index.count(v)) continue;
      const std::pair<std::uint64_t, VertexId> key{CounterRng::for_item(seed, kPageSampleSalt, v).next(), v};
      if (heap.size() < k) {
        heap.push_back(key);
        std::push_heap(heap.begin(), heap.end());
      } else if (key < heap.front()) {
        std::pop_heap(heap.begin(), heap.end());
        heap.back() = key;
        std::push_heap(heap.begin(), heap.end());
      }
    }
  }
  std::vector<VertexId> sample;
  for (const auto& [key, v] : heap) sample.push_back(v);
  std::sort(sample.begin(), sample.end());
  for (VertexId v : sample) {
    out.users.push_back(v);
    out.reasons.push_back(kPageRandom);
  }
  return out;
}

// ---- all of it --------------------------------------------------------------------

namespace {

// Reach at the last hop of the analysis's reach, per user.
std::vector<double> last_hop_reach(const Network& net, const AnalysisReport& report, std::uint32_t& hops,
                                   TieFilter& ties) {
  std::vector<double> values;
  if (const ReachResult* r = report.reach()) {
    hops = r->hops;
    ties = r->ties;
    values.reserve(r->users.size());
    for (std::size_t i = 0; i < r->users.size(); ++i) values.push_back(r->at(i, r->hops));
  } else if (const HyperAnfResult* e = report.reach_estimate(); e && !e->balls.empty()) {
    hops = e->hops;
    ties = e->ties;
    const VertexId n = net.wom.num_vertices();
    values.reserve(n);
    for (VertexId v = 0; v < n; ++v) values.push_back(std::max(0.0, static_cast<double>(e->ball(v, e->hops, n)) - 1.0));
  }
  return values;
}

// The k largest values, ties by the smaller index (as top_by_reach).
std::vector<VertexId> top_k(const std::vector<double>& values, std::size_t k) {
  std::vector<VertexId> order(values.size());
  for (VertexId v = 0; v < order.size(); ++v) order[v] = v;
  k = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    [&](VertexId a, VertexId b) { return values[a] != values[b] ? values[a] > values[b] : a < b; });
  order.resize(k);
  return order;
}

}  // namespace

ReportData build_report_data(const Network& net, const AnalysisReport& report, const HtmlReportParams& params,
                             const Progress& progress) {
  params.validate();
  ReportData d;
  d.params = params;
  Progress::Steps step(progress);
  const SuperUserReport* ranking = report.super_users ? &*report.super_users : nullptr;

  const auto included = [&](Section s) {
    const std::string_view name = kSectionNames[static_cast<std::size_t>(s)];
    return std::find(report.included.begin(), report.included.end(), name) != report.included.end();
  };
  if (report.top_referrers) {
    step.next("referrers");
    d.top_referrers = top_referrers(net, params.top);
  }

  if (report.cascades) {
    // The analysis's cascade run (analyze.cpp) again, with more records.
    const CascadeSection& s = *report.cascades;
    CascadeParams cp;
    cp.top = params.cascades;
    cp.growth_top = 0;
    cp.min_size = 2;
    if (s.source == to_string(CascadeSource::kReferrals)) cp.invitations = net.referral.referrals;
    d.cascades = analyze_cascades(s.forest, cp, step.next("cascades"));
    const ForestChildren children(s.forest.parent, s.forest.time);
    for (std::size_t i = 0; i < std::min<std::size_t>(params.trees, d.cascades->cascades.size()); ++i)
      d.trees.push_back(
          sample_tree(children, d.cascades->cascades[i].root, s.forest.time, s.forest.user, params.tree_max_nodes));
  }

  if (net.info.kind == InputKind::kEvents && included(Section::kTiers)) {
    TierParams tp;  // the analysis's tiers (default rules), with transitions
    tp.transitions = true;
    d.tiers = tiers(net, tp, step.next("tiers"));
    step.next("timeline");
    d.timeline = tier_timeline(net, *d.tiers);
  }

  step.next("reach");
  TieFilter reach_ties = params.profile.reach_ties;
  std::uint32_t reach_hops = 0;
  const std::vector<double> reach_values = last_hop_reach(net, report, reach_hops, reach_ties);
  if (!reach_values.empty()) {
    d.reach_hops = reach_hops;
    d.reach_bins = reach_histogram(reach_values);
  }

  if (net.wom.num_edges() > 0) {
    step.next("dunbar");
    d.dunbar = dunbar_summary(net.wom, params.profile.layers);

    // As `refnet community` with this seed: Louvain on the weighted undirected
    // view, leaders by (weighted) PageRank.
    const Progress& community = step.next("communities");
    LouvainParams lp;
    lp.seed = params.seed;
    d.communities = louvain(make_undirected(net.wom, true), lp, community);
    d.pagerank = pagerank(net.wom, PageRankParams{}).score;
    d.leaders = community_leaders(d.communities->community, d.communities->count(), d.pagerank);

    step.next("network");
    std::vector<VertexId> top;
    if (ranking)
      for (std::size_t i = 0; i < std::min<std::size_t>(params.network_egos, ranking->rank.ranking.size()); ++i)
        top.push_back(ranking->rank.ranking[i]);
    NetworkSampleParams np{params.network_communities, params.community_members, params.ego_ties, params.network_nodes,
                           params.network_edges};
    d.network = network_sample(net, *d.communities, d.leaders, d.pagerank, top, np);

    ProspectParams pp;
    pp.max_prospects = params.profile.max_prospects;
    d.prospects = prospects(net, pp, step.next("prospects"));
  }

  const Progress& pages = step.next("pages");
  std::vector<std::vector<VertexId>> named(kPageReasonNames.size() - 1);
  named[0] = params.requested;
  if (ranking)
    for (std::size_t i = 0; i < std::min<std::size_t>(params.top, ranking->rank.ranking.size()); ++i)
      named[1].push_back(ranking->rank.ranking[i]);
  const std::size_t few = params.page_reason_top;
  if (report.influence)
    for (std::size_t i = 0; i < std::min(few, report.influence->seeds.seeds.size()); ++i)
      named[2].push_back(report.influence->seeds.seeds[i]);
  for (std::size_t i = 0; i < std::min(few, d.trees.size()); ++i) named[3].push_back(d.trees[i].nodes.front().user);
  for (std::size_t i = 0; i < std::min(few, d.top_referrers.size()); ++i) named[4].push_back(d.top_referrers[i].user);
  if (!reach_values.empty()) named[5] = top_k(reach_values, few);
  if (d.network)
    for (const NetworkSample::Node& node : d.network->nodes)
      if (node.roles & kRoleLeader) named[6].push_back(node.user);
  d.pages = sample_pages(net.num_users(), named, params.user_pages, params.seed);

  UserProfileParams profile = params.profile;
  if (reach_hops > 0) {
    profile.hops = reach_hops;
    profile.reach_ties = reach_ties;
  }
  ProfileSources sources;
  sources.tiers = d.tiers ? &*d.tiers : nullptr;
  sources.ranking = ranking;
  sources.communities = d.communities ? &*d.communities : nullptr;
  sources.prospects = d.prospects ? &*d.prospects : nullptr;
  d.profiles = user_profiles(net, sources, d.pages.users, profile, pages);
  return d;
}

}  // namespace refnet
