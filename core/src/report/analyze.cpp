#include <refnet/report/analyze.hpp>

#include <refnet/base/error.hpp>

#include <algorithm>

namespace refnet {

void ReportParams::validate() const {
  if (top == 0) throw UsageError("--top must be at least 1");
}

void ReportParams::choose_sections(std::string_view only, std::string_view skip) {
  if (!only.empty() && !skip.empty()) throw UsageError("give --sections or --skip, not both");
  const std::string_view list = only.empty() ? skip : only;
  if (list.empty()) return;
  std::array<bool, kNumSections> named{};
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t end = list.find(',', pos);
    if (end == std::string_view::npos) end = list.size();
    const std::string_view item = list.substr(pos, end - pos);
    const auto it = std::find(kSectionNames.begin(), kSectionNames.end(), item);
    if (it == kSectionNames.end()) {
      std::string names;
      for (std::string_view n : kSectionNames) names += (names.empty() ? "" : ", ") + std::string(n);
      throw UsageError((only.empty() ? "--skip" : "--sections") + std::string(": unknown section '") + std::string(item) +
                       "' (the sections are " + names + ")");
    }
    named[static_cast<std::size_t>(it - kSectionNames.begin())] = true;
    pos = end + 1;
  }
  for (std::size_t i = 0; i < kNumSections; ++i) sections[i] = only.empty() ? !named[i] : named[i];
  explicit_sections = !only.empty();
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
  std::vector<ChannelReferrals> channels;
  if (source == CascadeSource::kReferrals) channels = referrals_by_channel(net, result.summary.nodes);
  return CascadeSection{std::string(to_string(source)), std::move(forest), std::move(result), std::move(channels)};
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

// Default model (IC, probabilities by `auto`). OPIM-C with epsilon 0.1: the
// same (1 - 1/e - epsilon) guarantee as IMM, from a sample that stops growing
// as soon as its bounds prove it (at a million users a twentieth of IMM's
// sets, for seeds within 1% of IMM's spread: docs/PERFORMANCE.md).
void influence_section(const Network& net, const ReportParams& params, AnalysisReport& report,
                       const Progress& progress) {
  InfluenceModelParams model;
  model.seed = params.seed;
  InfluenceGraph g = make_influence_graph(net.wom, net.info.weight_meaning, model);
  if (g.num_edges() == 0) return;
  SeedsParams sp;
  sp.k = std::min<unsigned>(params.influence_k, g.n);
  sp.seed = params.seed;
  sp.algorithm = SeedAlgorithm::kOpimC;
  SeedsResult seeds = select_seeds(g, sp, progress);
  report.influence = InfluenceSection{model, std::move(g), sp, std::move(seeds)};
}

}  // namespace

namespace {

// Why section s cannot apply to this network ("" when it can).
std::string not_applicable(const Network& net, const ReportParams& params, Section s) {
  const bool events = net.info.kind == InputKind::kEvents;
  switch (s) {
    case Section::kReferrers:
      return net.referral.referrals > 0 ? "" : "the input has no referrals";
    case Section::kCascades:
      return net.referral.referrals > 0 || !net.cascades.empty() || events ? "" : "the input has no cascades";
    case Section::kSuperUsers:
      return net.num_users() > 0 && (net.wom.num_edges() > 0 || net.referral.referrals > 0)
                 ? ""
                 : "nothing to rank: no ties and no referrals";
    case Section::kReach:
      return "";
    case Section::kTiers:
      return events ? "" : "trust tiers need an event log (this input is a graph or cascade file)";
    case Section::kInfluence:
      if (params.influence_k == 0) return "--influence-k 0";
      return net.wom.num_edges() > 0 ? "" : "the input has no ties to spread along";
  }
  return "";
}

}  // namespace

AnalysisReport analyze(const Network& net, const ReportParams& params, const Progress& progress) {
  params.validate();
  AnalysisReport report;
  std::array<bool, kNumSections> run{};
  for (std::size_t i = 0; i < kNumSections; ++i) {
    const auto s = static_cast<Section>(i);
    const std::string name(kSectionNames[i]);
    if (!params.wants(s)) {
      report.skipped.push_back({name, params.explicit_sections ? "not in --sections" : "--skip"});
      continue;
    }
    const std::string why = not_applicable(net, params, s);
    if (!why.empty() && params.explicit_sections)
      throw UsageError("--sections " + name + " cannot apply: " + why);
    if (!why.empty()) report.skipped.push_back({name, why});
    run[i] = why.empty();
  }
  auto on = [&](Section s) { return run[static_cast<std::size_t>(s)]; };
  Progress::Steps step(progress);
  step.next("info");
  report.summary = summarize(net);
  if (on(Section::kReferrers)) {
    step.next("referrers");
    report.top_referrers = top_referrers(net, params.top);
  }
  if (on(Section::kCascades)) {
    step.next("cascades");
    report.cascades = cascade_section(net, params);
    if (!report.cascades) report.skipped.push_back({"cascades", "no cascade of two or more users"});
  }
  if (on(Section::kSuperUsers)) {
    SuperUserParams sp;
    sp.seed = params.seed;
    report.super_users = super_users(net, sp, step.next("rank"));
  }
  if (on(Section::kReach)) reach_section(net, report, step.next("reach"));
  if (on(Section::kTiers)) {
    if (!report.tiers()) report.own_tiers = tiers(net, {}, step.next("tiers"));
    report.tier_channels = funnels_by_channel(net, *report.tiers());
  }
  if (on(Section::kInfluence)) {
    influence_section(net, params, report, step.next("influence"));
    if (!report.influence) report.skipped.push_back({"influence", "no tie has a probability above zero"});
  }
  for (std::size_t i = 0; i < kNumSections; ++i) {
    const std::string name(kSectionNames[i]);
    if (std::none_of(report.skipped.begin(), report.skipped.end(), [&](const SkippedSection& k) { return k.name == name; }))
      report.included.push_back(name);
  }
  return report;
}

}  // namespace refnet
