#include <refnet/algo/reach/prospects.hpp>

#include <refnet/algo/tiers/tiers.hpp>
#include <refnet/base/error.hpp>

#include <algorithm>

namespace refnet {

void ProspectParams::validate() const {
  if (contacts == 0) throw UsageError("--contacts must be at least 1");
  if (max_prospects == 0) throw UsageError("--max must be at least 1");
  if (hops == 0 || hops > 64) throw UsageError("--hops must be between 1 and 64");
  if (top_anchors == 0) throw UsageError("--anchors must be at least 1");
  ties.validate();
}

namespace {

using ReachFn = ReachResult (*)(const Graph&, const ReachParams&, const Progress&);

ReachResult plain_reach(const Graph& g, const ReachParams& p, const Progress&) { return reach_reference(g, p); }

// Both versions share everything but the reach kernel.
ProspectResult find_prospects(const Network& net, const ProspectParams& params, ReachFn reach_of,
                              const Progress& progress) {
  params.validate();
  const Graph& g = net.wom;
  const VertexId n = g.num_vertices();
  ProspectResult result;
  result.hops = params.hops;
  result.by_tiers = net.info.kind == InputKind::kEvents;
  std::vector<std::uint8_t> tier(n, kTierUnknown);
  ReachParams rp;
  rp.hops = params.hops;
  rp.ties = params.ties;
  // reach_row[v]: v's row in `reached`, for the users whose reach is known.
  std::vector<std::uint32_t> reach_row(n, ~0u);
  ReachResult reached;
  if (result.by_tiers) {
    const TierResult t = tiers(net, {});
    for (VertexId v = 0; v < n; ++v) tier[v] = t.users[v].tier;
    for (VertexId v = 0; v < n; ++v)
      if (tier[v] == 4) {
        Anchor a;
        a.user = v;
        a.tier = tier[v];
        result.anchors.push_back(a);
      }
    for (const Anchor& a : result.anchors)
      for (EdgeId e = g.out_begin(a.user); e < std::min(g.out_end(a.user), g.out_begin(a.user) + params.contacts); ++e)
        if (reach_row[g.target(e)] == ~0u) {
          reach_row[g.target(e)] = static_cast<std::uint32_t>(rp.sources.size());
          rp.sources.push_back(g.target(e));
        }
    if (!rp.sources.empty()) reached = reach_of(g, rp, progress);
  } else {
    reached = reach_of(g, rp, progress);
    for (VertexId v = 0; v < n; ++v) reach_row[v] = v;
    std::vector<double> values(reached.reach.begin(), reached.reach.end());
    for (std::size_t i : top_by_reach(values, params.hops, params.hops, params.top_anchors)) {
      Anchor a;
      a.user = static_cast<VertexId>(i);
      a.reach = reached.at(i, params.hops);
      result.anchors.push_back(a);
    }
  }
  for (Anchor& a : result.anchors) {
    const EdgeId begin = g.out_begin(a.user);
    for (EdgeId e = begin; e < std::min(g.out_end(a.user), begin + params.contacts); ++e) {
      const VertexId c = g.target(e);
      if (g.sign(e) < 0) {
        ++a.contacts_skipped_negative;
      } else if (tier[c] != kTierUnknown && tier[c] >= 3) {
        ++a.contacts_skipped_advocates;
      } else {
        Prospect p;
        p.user = c;
        p.rank = e - begin + 1;
        p.strength = g.weight(e);
        p.tier = tier[c];
        p.reach = reached.at(reach_row[c], params.hops);
        p.score = static_cast<double>(p.strength) * p.reach;
        a.prospects.push_back(p);
      }
    }
    std::stable_sort(a.prospects.begin(), a.prospects.end(),
                     [](const Prospect& x, const Prospect& y) { return x.score != y.score ? x.score > y.score : x.rank < y.rank; });
    if (a.prospects.size() > params.max_prospects) a.prospects.resize(params.max_prospects);
  }
  return result;
}

}  // namespace

ProspectResult prospects(const Network& net, const ProspectParams& params, const Progress& progress) {
  return find_prospects(net, params, &reach, progress);
}

ProspectResult prospects_reference(const Network& net, const ProspectParams& params) {
  return find_prospects(net, params, &plain_reach, {});
}

}  // namespace refnet
