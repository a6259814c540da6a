#include <refnet/report/compare.hpp>

#include <refnet/algo/reach/hyperanf.hpp>
#include <refnet/base/error.hpp>

#include <cmath>
#include <memory>
#include <unordered_map>

namespace refnet {

void CompareParams::validate() const {
  if (!std::isfinite(at) || !std::isfinite(vs)) throw UsageError("compare needs two dates: --at A --vs B");
  if (!(at < vs)) throw UsageError("--vs must be later than --at (compare --at EARLIER --vs LATER)");
  if (top == 0) throw UsageError("--top must be at least 1");
}

namespace {

struct Analysed {
  std::unique_ptr<Network> built;  // empty when the input's own network serves
  const Network* net = nullptr;
  TierResult tiers;
  std::vector<ReferrerRow> referrers;
};

// The input's network is the network as of `at` when it was built from all
// its events, with the same tie model, up to `at` (a snapshot asked for its
// own date, the usual B): rebuilding it would give the same users in the same
// order (ids are numbered by first appearance in time order either way).
bool is_as_of(const Network& base, const NetworkParams& params, double at, bool need_wom) {
  return !base.info.windowed && base.info.analysis_time == at && base.info.events_after_analysis_time == 0 &&
         base.info.params.same_tie_model(params) && (!need_wom || base.wom.num_vertices() == base.num_users());
}

Analysed analyse(const Network& base, const NetworkParams& params, double at, const CompareParams& p, DateSide& side,
                 bool later, const Progress& progress) {
  Progress::Steps step(progress);
  step.next("network");
  Analysed out;
  if (p.reuse_input && is_as_of(base, params, at, p.reach)) {
    out.net = &base;
  } else {
    NetworkParams np = params;
    np.analysis_time = at;
    out.built = std::make_unique<Network>(build_network_over(base.log, np, EventWindow{}, p.reach));
    out.net = out.built.get();
  }
  const Network& net = *out.net;
  side.at = at;
  side.users = net.num_users();
  side.events = net.log.events.size();
  TierParams tp;
  if (later) tp.last_change_after = p.at;  // the cause of each move since A
  out.tiers = tiers(net, tp, step.next("tiers"));
  side.per_tier = out.tiers.funnel.per_tier;
  step.next("cascades");
  const CascadeForest forest = build_cascade_forest(net, CascadeSource::kReferrals, Graph{}, ParentRule::kRoot);
  CascadeParams cp;
  cp.invitations = net.referral.referrals;
  cp.growth_top = 0;
  side.cascades = analyze_cascades(forest, cp).summary;
  side.channels = referrals_by_channel(net, side.cascades.nodes);
  // Every referrer at A (their rank there for B's top), B's top only.
  out.referrers = top_referrers(net, later ? p.top : SIZE_MAX);
  if (p.reach) {
    const Progress& reach_step = step.next("reach");
    if (exact_reach_affordable(net.wom, ReachParams{}.ties)) {
      side.reach = reach_distribution(reach(net.wom, ReachParams{}, reach_step));
      side.reach_method = "exact";
    } else {
      HyperAnfParams hp;
      hp.hops = 2;
      const HyperAnfResult h = hyperanf(net.wom, hp, reach_step);
      side.reach = reach_distribution(h.reach_values(net.wom.num_vertices()), h.hops);
      side.reach_method = "hyperanf";
    }
  }
  return out;
}

}  // namespace

CompareReport compare_dates(const Network& net, const NetworkParams& params, const CompareParams& p,
                            const Progress& progress) {
  p.validate();
  if (net.info.kind != InputKind::kEvents)
    throw UsageError("compare needs an event log (this input is a graph or cascade file, without dates to compare)");
  CompareReport r;
  Progress::Steps step(progress);
  const Analysed a = analyse(net, params, p.at, p, r.a, false, step.next("as_of_a"));
  const Analysed b = analyse(net, params, p.vs, p, r.b, true, step.next("as_of_b"));
  step.next("changes");
  const IdTable& a_users = a.net->log.users;
  const IdTable& b_users = b.net->log.users;
  // A's events are a time prefix of B's, so A numbers its users as B does up
  // to A's count (first appearance); checked here, so that matching by index
  // is an optimisation only. Then a user past A's count is new by B (ids are
  // unique), and no hash index of A's ids is needed.
  bool same_prefix = a_users.size() <= b_users.size();
  for (VertexId v = 0; same_prefix && v < a_users.size(); ++v) same_prefix = a_users.name(v) == b_users.name(v);
  // Tiers: match users by id.
  for (VertexId v = 0; v < b.net->num_users(); ++v) {
    if (std::isnan(b.tiers.users[v].since)) continue;
    const std::string_view id = b_users.name(v);
    const int to = b.tiers.users[v].tier;
    int from = -1;
    const std::optional<VertexId> u = same_prefix ? (v < a_users.size() ? std::optional<VertexId>(v) : std::nullopt)
                                                  : a_users.find(id);
    if (u && !std::isnan(a.tiers.users[*u].since)) from = a.tiers.users[*u].tier;
    ++r.matrix[from < 0 ? kNumTiers : static_cast<std::size_t>(from)][static_cast<std::size_t>(to)];
    if (from == to) {
      ++r.unchanged;
      continue;
    }
    if (from < 0) ++r.new_users;
    else if (to > from) ++r.moved_up;
    else ++r.dropped;
    TierMove m{std::string(id), from, to, TierChange::Cause::kPurchase, std::nan("")};
    if (const TierChange& last = b.tiers.last_change[v]; !std::isnan(last.ts)) {
      m.cause = last.cause;
      m.when = last.ts;
    }
    r.moves.push_back(std::move(m));
    if (to == kNumTiers - 1) r.super_gained.emplace_back(id);
    if (from == kNumTiers - 1) r.super_lost.emplace_back(id);
  }
  // Super users at A no longer known at B cannot happen (B sees every event A
  // sees), so the lost list is complete.
  std::unordered_map<std::string_view, std::size_t> rank_a;
  for (std::size_t i = 0; i < a.referrers.size(); ++i) rank_a.emplace(a_users.name(a.referrers[i].user), i + 1);
  for (std::size_t i = 0; i < std::min<std::size_t>(p.top, b.referrers.size()); ++i) {
    const ReferrerRow& row = b.referrers[i];
    ReferrerMove m{std::string(b_users.name(row.user)), i + 1, std::nullopt, 0, row.descendants};
    if (const auto it = rank_a.find(m.id); it != rank_a.end()) {
      m.rank_a = it->second;
      m.descendants_a = a.referrers[it->second - 1].descendants;
    }
    r.referrers.push_back(std::move(m));
  }
  return r;
}

}  // namespace refnet
