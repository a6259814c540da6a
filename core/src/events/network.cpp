#include <refnet/events/network.hpp>

#include <refnet/base/error.hpp>

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <type_traits>

namespace refnet {

void NetworkParams::validate() const {
  if (!(half_life_days > 0) || !std::isfinite(half_life_days))
    throw UsageError("--half-life must be a positive number of days");
  if (!std::isnan(analysis_time) && (analysis_time < 0 || !std::isfinite(analysis_time)))
    throw UsageError("--at must be a time after 1970-01-01");
}

void ReferralForest::clear(std::size_t n) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  *this = ReferralForest{};
  parent.assign(n, kNoVertex);
  acquired_at.assign(n, kNaN);
  referred_at.assign(n, kNaN);
}

std::string_view to_string(InputKind k) {
  switch (k) {
    case InputKind::kEvents: return "events";
    case InputKind::kGraph: return "graph";
    case InputKind::kCascades: return "cascades";
  }
  return "unknown";
}

std::string_view to_string(Anomaly::Kind k) {
  switch (k) {
    case Anomaly::Kind::kCycle: return "cycle";
  }
  return "unknown";
}


namespace {

bool is_join(EventType t) { return t == EventType::kSignup || t == EventType::kPurchase; }

ReferralForest build_forest(const EventLog& log, const NetworkParams& params, double horizon) {
  const std::size_t n = log.users.size();
  ReferralForest f;
  f.clear(n);
  for (const Event& e : log.events) {
    if (e.ts > horizon) break;
    if (is_join(e.type) && std::isnan(f.acquired_at[e.src])) f.acquired_at[e.src] = e.ts;
  }
  // The attributed referral of each referee (index into events).
  std::vector<std::size_t> chosen(n, SIZE_MAX);
  for (std::size_t i = 0; i < log.events.size(); ++i) {
    const Event& e = log.events[i];
    if (e.ts > horizon) break;
    if (e.type != EventType::kReferral) continue;
    ++f.referrals;
    if (e.src == e.dst) {
      ++f.self_referrals;
      continue;
    }
    const double joined = f.acquired_at[e.dst];
    if (std::isnan(joined)) {
      ++f.unconverted_referrals;
      continue;
    }
    // A referral in the same second as the signup counts as before it.
    if (e.ts > joined) {
      ++f.re_referrals;
      continue;
    }
    if (chosen[e.dst] == SIZE_MAX) {
      chosen[e.dst] = i;
    } else {
      ++f.competing_referrals;
      if (params.attribution == Attribution::kLastTouch) chosen[e.dst] = i;
    }
  }
  // Link in the order of the referrals' times; a link that would close a
  // cycle (possible only with inconsistent timestamps) is an anomaly.
  std::vector<std::size_t> links;
  for (std::size_t v = 0; v < n; ++v)
    if (chosen[v] != SIZE_MAX) links.push_back(chosen[v]);
  std::sort(links.begin(), links.end());
  for (std::size_t i : links) {
    const Event& e = log.events[i];
    bool cycle = false;
    for (VertexId a = e.src; a != kNoVertex; a = f.parent[a]) {
      if (a == e.dst) {
        cycle = true;
        break;
      }
    }
    if (cycle) {
      f.anomalies.push_back({Anomaly::Kind::kCycle, e.src, e.dst, e.ts});
      continue;
    }
    f.parent[e.dst] = e.src;
    f.referred_at[e.dst] = e.ts;
    ++f.acquisitions;
  }
  return f;
}

}  // namespace

Network build_network(EventLog log, const NetworkParams& params, bool with_wom) {
  params.validate();
  log.sort_by_time();
  Network net;
  net.info.kind = InputKind::kEvents;
  net.info.params = params;
  const double last = log.events.empty() ? 0.0 : log.events.back().ts;
  const double horizon = std::isnan(params.analysis_time) ? last : params.analysis_time;
  net.info.analysis_time = horizon;
  net.info.weight_meaning = params.decay ? "strength" : "count";
  for (const Event& e : log.events) {
    ++net.info.events_per_type[static_cast<std::size_t>(e.type)];
    if (e.ts > horizon) ++net.info.events_after_analysis_time;
  }
  net.referral = build_forest(log, params, horizon);

  const double tau = params.half_life_days * 86400.0 / std::log(2.0);
  TieContributions ties;
  for (const Event& e : log.events) {
    if (!with_wom || e.ts > horizon) break;
    if (!is_word_of_mouth(e.type) || e.dst == kNone) continue;
    ties.edges.push_back({e.src, e.dst});
    ties.strength.push_back(params.decay ? static_cast<float>(std::exp(-(horizon - e.ts) / tau)) : 1.0f);
    ties.polarity.push_back(e.sentiment);
    ties.time.push_back(e.ts);
  }
  net.wom = build_ties(log.users.size(), std::move(ties), Combine::kSum, net.info.self_ties_ignored,
                       net.info.parallel_edges_merged);
  net.info.parallel_edges_merged = 0;  // for events, several events per tie is the normal case
  net.log = std::move(log);
  return net;
}

Network build_network_over(const EventLog& log, const NetworkParams& params, const EventWindow& window, bool with_wom) {
  params.validate();
  WindowCounts counts;
  EventLog kept = window_log(log, window, params.analysis_time, counts);
  NetworkParams p = params;
  p.analysis_time = window_analysis_time(window, params.analysis_time);
  Network net = build_network(std::move(kept), p, with_wom);
  net.info.windowed = true;
  net.info.window = window;
  net.info.window_counts = counts;
  return net;
}

}  // namespace refnet
