#include <refnet/json/influence_json.hpp>

#include <refnet/base/escape.hpp>

#include <cmath>
#include <cstdio>

namespace refnet {

nlohmann::json params_json(const InfluenceModelParams& p) {
  return {{"probability", to_string(p.probability)}, {"model", to_string(p.model)}, {"ties", to_string(p.ties)},
          {"uniform_p", p.uniform_p}, {"strength_scale", p.strength_scale}};
}

nlohmann::json params_json(const SeedsParams& p) {
  return {{"k", p.k}, {"epsilon", p.epsilon}, {"ell", p.ell}, {"algorithm", to_string(p.algorithm)},
          {"lower_bound", p.lower_bound == ImmLowerBound::kPilot ? "pilot" : "doubling"}, {"mc_runs", p.mc_runs}};
}

nlohmann::json params_json(const SpreadParams& p) { return {{"runs", p.runs}}; }

nlohmann::json model_json(const InfluenceGraph& g, TieSign ties) {
  return {{"model", to_string(g.model)}, {"probability", to_string(g.probability)}, {"ties", to_string(ties)},
          {"nodes", g.n}, {"edges", g.num_edges()}};
}

nlohmann::json spread_json(const Network& net, const InfluenceGraph& g, TieSign ties, std::span<const VertexId> seeds,
                           const SpreadResult& r) {
  nlohmann::json ids = nlohmann::json::array();
  for (VertexId v : seeds) ids.push_back(net.log.users.name(v));
  return {{"diffusion", model_json(g, ties)},
          {"seeds", ids},
          {"runs", r.runs},
          {"spread", r.mean},
          {"stddev", r.stddev},
          {"ci95", {r.ci_low, r.ci_high}},
          {"edge_visits", r.edge_visits}};
}

nlohmann::json seeds_json(const Network& net, const InfluenceGraph& g, TieSign ties, const SeedsParams& p,
                          const SeedsResult& r) {
  nlohmann::json seeds = nlohmann::json::array();
  double cumulative = 0;
  for (std::size_t i = 0; i < r.seeds.size(); ++i) {
    nlohmann::json row = {{"rank", i + 1}, {"id", net.log.users.name(r.seeds[i])}};
    if (i < r.marginal_spread.size()) {
      cumulative += r.marginal_spread[i];
      row["marginal_spread"] = r.marginal_spread[i];
      row["cumulative_spread"] = cumulative;
    }
    seeds.push_back(std::move(row));
  }
  nlohmann::json out = {{"algorithm", to_string(p.algorithm)}, {"diffusion", model_json(g, ties)}, {"k", p.k},
                        {"seeds", seeds}, {"spread", r.spread}};
  if (p.algorithm == SeedAlgorithm::kImm || p.algorithm == SeedAlgorithm::kOpimC) {
    out["epsilon"] = p.epsilon;
    out["ell"] = p.ell;
    out["guarantee"] = {{"approximation", r.approximation},
                        {"failure_probability", std::pow(static_cast<double>(g.n), -p.ell)},
                        {"opt_lower_bound", r.opt_lower_bound},
                        {"spread_lower_bound", r.spread_lower_bound}};
    out["theta"] = r.theta;
    out["rr_sets_sampled"] = r.rr_sets_sampled;
    out["rr_nodes"] = r.rr_nodes;
    out["rr_memory_bytes"] = r.rr_memory_bytes;
  }
  if (p.algorithm == SeedAlgorithm::kCelf) out["mc_runs"] = p.mc_runs;
  return out;
}

}  // namespace refnet
