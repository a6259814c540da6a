#include <refnet/algo/rank/super_users.hpp>

#include <refnet/algo/reach/hyperanf.hpp>
#include <refnet/algo/influence/influence_graph.hpp>
#include <refnet/algo/centrality/pagerank.hpp>
#include <refnet/algo/reach/reach.hpp>
#include <refnet/algo/influence/seeds.hpp>
#include <refnet/base/error.hpp>

#include <cmath>

namespace refnet {

void SuperUserParams::validate() const {
  weights.validate();
  if (dunbar < 1) throw UsageError("--dunbar must be at least 1");
  if (pagerank_iterations < 1) throw UsageError("--pagerank-iterations must be at least 1");
}

std::vector<std::uint64_t> referral_descendants(const ReferralForest& forest) {
  const auto& parent = forest.parent;
  const std::size_t n = parent.size();
  // Children in CSR form, then a breadth-first order from the roots; summing
  // subtree sizes in reverse order visits every child before its parent.
  std::vector<std::uint64_t> start(n + 1, 0);
  for (VertexId v = 0; v < n; ++v)
    if (parent[v] != kNoVertex) ++start[parent[v] + 1];
  for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
  std::vector<VertexId> child(start[n]);
  std::vector<std::uint64_t> fill(start.begin(), start.end() - 1);
  for (VertexId v = 0; v < n; ++v)
    if (parent[v] != kNoVertex) child[fill[parent[v]]++] = v;
  std::vector<VertexId> order;
  order.reserve(n);
  for (VertexId v = 0; v < n; ++v)
    if (parent[v] == kNoVertex) order.push_back(v);
  for (std::size_t i = 0; i < order.size(); ++i)
    for (std::uint64_t c = start[order[i]]; c < start[order[i] + 1]; ++c) order.push_back(child[c]);
  std::vector<std::uint64_t> below(n, 0);
  for (std::size_t i = order.size(); i-- > 0;) {
    const VertexId v = order[i];
    if (parent[v] != kNoVertex) below[parent[v]] += below[v] + 1;
  }
  return below;
}

std::vector<std::uint64_t> referral_descendants_reference(const ReferralForest& forest) {
  std::vector<std::uint64_t> below(forest.parent.size(), 0);
  for (VertexId v = 0; v < forest.parent.size(); ++v)
    for (VertexId a = forest.parent[v]; a != kNoVertex; a = forest.parent[a]) ++below[a];
  return below;
}

namespace {
std::vector<double> as_double(const std::vector<std::uint64_t>& x) { return {x.begin(), x.end()}; }

// Dunbar-capped 2-hop reach of every user; the result it came from is kept in
// `report` too.
std::vector<double> two_hop_reach(const Network& net, const SuperUserParams& p, SuperUserReport& report,
                                  const Progress& progress) {
  const Graph& g = net.wom;
  const VertexId n = g.num_vertices();
  std::vector<double> out(n, 0.0);
  const TieFilter ties = dunbar_ties(p.dunbar);
  if (static_cast<double>(n) * static_cast<double>(g.num_edges()) <= p.exact_reach_work) {
    report.reach_method = "exact";
    ReachParams rp;
    rp.ties = ties;
    const ReachResult& r = report.reach.emplace(reach(g, rp, progress));
    for (std::size_t i = 0; i < r.users.size(); ++i) out[r.users[i]] = r.at(i, 2);
  } else {
    report.reach_method = "hyperanf";
    HyperAnfParams hp;
    hp.hops = 2;
    hp.ties = ties;
    hp.seed = p.seed;
    const HyperAnfResult& r = report.reach_estimate.emplace(hyperanf(g, hp, progress));
    for (VertexId v = 0; v < n; ++v) out[v] = std::max(0.0, static_cast<double>(r.ball(v, std::min(2u, r.hops), n)) - 1);
  }
  return out;
}
}  // namespace

SuperUserReport super_users(const Network& net, const SuperUserParams& p, const Progress& progress) {
  p.validate();
  Progress::Steps step(progress);
  SuperUserReport out;
  const VertexId n = net.num_users();
  auto& raw = out.inputs.raw;
  const ReferralForest& forest = net.referral;
  const bool has_forest = forest.parent.size() == n && forest.referrals > 0;
  const bool has_events = net.info.kind == InputKind::kEvents && !net.log.events.empty();

  step.next("referrals");
  std::vector<std::uint64_t> purchases(n, 0), acquisitions(n, 0);
  std::vector<double> value(n, 0.0);
  if (has_events) {
    const double at = net.info.analysis_time;
    for (const Event& e : net.log.events)
      if (e.type == EventType::kPurchase && e.ts <= at) ++purchases[e.src], value[e.src] += e.amount;
  }
  if (has_forest) {
    raw[kDescendants] = as_double(referral_descendants(forest));
    std::vector<double> converted(n, 0.0);
    for (VertexId v = 0; v < n; ++v) {
      if (forest.parent[v] == kNoVertex) continue;
      ++acquisitions[forest.parent[v]];
      if (purchases[v] > 0) ++converted[forest.parent[v]];
    }
    if (has_events) raw[kConvertedReferrals] = std::move(converted);
    std::vector<double> per_referrer;
    for (VertexId v = 0; v < n; ++v)
      if (acquisitions[v] > 0) per_referrer.push_back(static_cast<double>(acquisitions[v]));
    out.referrals = concentration(per_referrer);
  }
  if (has_events) {
    raw[kPurchases] = as_double(purchases);
    std::vector<double> per_customer;
    for (VertexId v = 0; v < n; ++v)
      if (purchases[v] > 0) per_customer.push_back(value[v]);
    out.value = concentration(per_customer);
  }

  if (net.wom.num_edges() > 0) {
    // A component weighted 0 is not computed at all.
    if (p.weights.w[kReach] > 0) raw[kReach] = two_hop_reach(net, p, out, step.next("reach"));
    if (p.weights.w[kPageRank] > 0) {
      PageRankParams pr;
      pr.iterations = p.pagerank_iterations;
      raw[kPageRank] = pagerank(net.wom, pr, step.next("pagerank")).score;
    }
    if (p.weights.w[kInfluence] > 0 && n >= 2) {
      const Progress& influence = step.next("influence");
      InfluenceModelParams model;
      model.seed = p.seed;
      const InfluenceGraph ig = make_influence_graph(net.wom, net.info.weight_meaning, model);
      if (ig.num_edges() > 0) {
        RRShareParams rp = p.influence;
        rp.seed = p.seed;
        const RRShareResult& share = out.influence.emplace(rr_share(ig, rp, influence));
        raw[kInfluence].resize(n);
        for (VertexId v = 0; v < n; ++v) raw[kInfluence][v] = share.share(v);
      }
    }
  }

  if (has_events) {
    const TierResult& t = out.tiers.emplace(tiers(net, p.tiers, step.next("tiers")));
    raw[kTier].resize(n);
    std::vector<std::uint8_t> tier(n);
    for (VertexId v = 0; v < n; ++v) raw[kTier][v] = tier[v] = t.users[v].tier;
    out.homophily = homophily(net.wom, tier, kNumTiers - 1);
  }

  step.next("score");
  bool any = false;
  for (const auto& c : raw) any |= !c.empty();
  if (!any) throw UsageError("nothing to rank: the network has no ties, referrals or events");
  out.rank = rank_users(out.inputs, n, p.weights);
  return out;
}

}  // namespace refnet
