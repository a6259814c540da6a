#include <refnet/report/analyze.hpp>

#include <refnet/base/error.hpp>

#include <algorithm>

namespace refnet {

void ReportParams::validate() const {
  if (top == 0) throw UsageError("--top must be at least 1");
}

const ReachResult* AnalysisReport::reach() const {
  if (super_users && super_users->reach) return &*super_users->reach;
  return own_reach ? &*own_reach : nullptr;
}

const HyperAnfResult* AnalysisReport::reach_estimate() const {
  if (super_users && super_users->reach_estimate) return &*super_users->reach_estimate;
  return own_reach_estimate ? &*own_reach_estimate : nullptr;
}

const TierResult* AnalysisReport::tiers() const {
  if (super_users && super_users->tiers) return &*super_users->tiers;
  return own_tiers ? &*own_tiers : nullptr;
}

namespace {

std::optional<CascadeSection> cascade_section(const Network& net, const ReportParams& params) {
  const CascadeSource source = resolve_source(net, CascadeSource::kAuto);
  CascadeParams cp;
  cp.top = params.top;
  cp.growth_top = 0;
  cp.min_size = 2;
  if (source == CascadeSource::kReferrals) cp.invitations = net.referral.referrals;
  // A cascade file is analysed without a social graph here: parents are the root.
  CascadeForest forest = build_cascade_forest(net, source, Graph{}, ParentRule::kRoot);
  if (forest.size() == 0) return std::nullopt;
  CascadeResult result = analyze_cascades(forest, cp);
  return CascadeSection{std::string(to_string(source)), std::move(forest), std::move(result)};
}

// The ranking's reach component is the section's Dunbar-capped 2-hop reach;
// without a ranking, the same computation on its own.
void reach_section(const Network& net, AnalysisReport& report, const Progress& progress) {
  if (report.reach() || report.reach_estimate()) return;
  const double work = static_cast<double>(net.wom.num_vertices()) * static_cast<double>(net.wom.num_edges());
  if (work <= kExactReachWork) {
    report.own_reach = reach(net.wom, ReachParams{}, progress);
  } else {
    HyperAnfParams p;
    p.hops = 2;
    report.own_reach_estimate = hyperanf(net.wom, p, progress);
  }
}

// Default model (IC, probabilities by `auto`), IMM with epsilon 0.1: the same
// run as the ranking's influence component, reused when it ran.
void influence_section(const Network& net, const ReportParams& params, AnalysisReport& report,
                       const Progress& progress) {
  InfluenceModelParams model;
  model.seed = params.seed;
  InfluenceGraph g = make_influence_graph(net.wom, net.info.weight_meaning, model);
  if (g.num_edges() == 0) return;
  SeedsParams sp;
  sp.k = std::min<unsigned>(params.influence_k, g.n);
  sp.seed = params.seed;
  const SuperUserReport* su = report.super_users ? &*report.super_users : nullptr;
  SeedsResult seeds = su && su->seeds ? *su->seeds : select_seeds(g, sp, progress);
  report.influence = InfluenceSection{model, std::move(g), sp, std::move(seeds)};
}

}  // namespace

AnalysisReport analyze(const Network& net, const ReportParams& params, const Progress& progress) {
  params.validate();
  AnalysisReport report;
  Progress::Steps step(progress);
  step.next("info");
  report.summary = summarize(net);
  step.next("referrers");
  report.top_referrers = top_referrers(net, params.top);
  step.next("cascades");
  report.cascades = cascade_section(net, params);
  if (net.num_users() > 0 && (net.wom.num_edges() > 0 || net.referral.referrals > 0)) {
    SuperUserParams sp;
    sp.influence_k = params.influence_k;
    sp.seed = params.seed;
    report.super_users = super_users(net, sp, step.next("rank"));
  }
  reach_section(net, report, step.next("reach"));
  if (net.info.kind == InputKind::kEvents && !report.tiers()) report.own_tiers = tiers(net, {}, step.next("tiers"));
  if (params.influence_k > 0) influence_section(net, params, report, step.next("influence"));
  return report;
}

}  // namespace refnet
