#include <refnet/graph/network.hpp>

#include <refnet/error.hpp>

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

std::string_view to_string(Anomaly::Kind k) {
  switch (k) {
    case Anomaly::Kind::kCycle: return "cycle";
  }
  return "unknown";
}

namespace {

struct Tie {
  VertexId dst;
  std::uint32_t seq;  // input order within the row, so that sums add up in a fixed order
  float strength;
  float polarity;
};
struct TimedTie : Tie {
  double time;
};

// build_ties for one tie layout: without times a tie takes 16 bytes, not 24.
template <class T>
Graph build_ties_as(VertexId num_vertices, TieContributions in, Combine combine, std::uint64_t& self_loops,
                    std::uint64_t& merged) {
  constexpr bool kTimed = std::is_same_v<T, TimedTie>;
  const std::size_t n = num_vertices;
  const std::size_t m = in.edges.size();
  const bool unit = in.strength.empty();  // every contribution has strength and polarity 1
  // Bucket the contributions by source with a counting sort (one sequential
  // pass over the input, so the rows keep input order).
  std::vector<std::uint64_t> start(n + 1, 0);
  for (const Edge& e : in.edges) ++start[e.src + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<T> ties(m);
  {
    std::vector<std::uint64_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < m; ++i) {
      const VertexId u = in.edges[i].src;
      const std::uint64_t pos = next[u]++;
      T& t = ties[pos];
      t.dst = in.edges[i].dst;
      t.seq = static_cast<std::uint32_t>(pos - start[u]);
      t.strength = unit ? 1.0f : in.strength[i];
      t.polarity = unit ? 1.0f : in.polarity[i];
      if constexpr (kTimed) t.time = in.time[i];
    }
  }
  in = TieContributions{};
  // Per source: drop self-loops, combine parallel contributions, rank by strength.
  std::vector<EdgeId> kept(n + 1, 0);
  std::vector<std::uint64_t> loops(n, 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1024), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t u = r.begin(); u != r.end(); ++u) {
      T* row = ties.data() + start[u];
      const std::size_t len = start[u + 1] - start[u];
      std::sort(row, row + len, [](const T& a, const T& b) { return a.dst != b.dst ? a.dst < b.dst : a.seq < b.seq; });
      std::size_t out = 0;
      for (std::size_t k = 0; k < len; ++k) {
        if (row[k].dst == u) {
          ++loops[u];
        } else if (out > 0 && row[out - 1].dst == row[k].dst) {
          T& t = row[out - 1];
          t.strength = combine == Combine::kSum ? t.strength + row[k].strength
                                                : 1.0f - (1.0f - t.strength) * (1.0f - row[k].strength);
          t.polarity += row[k].polarity;
          if constexpr (kTimed) t.time = std::max(t.time, row[k].time);
        } else {
          row[out++] = row[k];
        }
      }
      // Rows are now by target; equal strengths (any unweighted row) are already in rank order.
      const bool equal = std::all_of(row, row + out, [&](const T& t) { return t.strength == row[0].strength; });
      if (!equal)
        std::sort(row, row + out, [](const T& a, const T& b) {
          return a.strength != b.strength ? a.strength > b.strength : a.dst < b.dst;
        });
      kept[u + 1] = static_cast<EdgeId>(out);
    }
  });
  self_loops = std::accumulate(loops.begin(), loops.end(), std::uint64_t{0});
  std::partial_sum(kept.begin(), kept.end(), kept.begin());
  const std::size_t total = kept[n];
  merged = m - self_loops - total;
  std::vector<VertexId> column(total);
  std::vector<float> weight(total);
  std::vector<double> time(kTimed ? total : 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1024), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t u = r.begin(); u != r.end(); ++u) {
      for (EdgeId k = kept[u]; k < kept[u + 1]; ++k) {
        const T& t = ties[start[u] + (k - kept[u])];
        column[k] = t.dst;
        // The sign bit of the stored weight is the tie's sign.
        weight[k] = t.polarity < 0 ? -t.strength : t.strength;
        if constexpr (kTimed) time[k] = t.time;
      }
    }
  });
  ties = {};
  return Graph::from_csr(std::move(kept), std::move(column), std::move(weight), std::move(time));
}

}  // namespace

Graph build_ties(VertexId num_vertices, TieContributions in, Combine combine, std::uint64_t& self_loops,
                 std::uint64_t& merged) {
  if (in.strength.size() != in.polarity.size() || (!in.strength.empty() && in.strength.size() != in.edges.size()) ||
      (!in.time.empty() && in.time.size() != in.edges.size()))
    throw std::invalid_argument("build_ties: contribution arrays differ in length");
  if (in.time.empty()) return build_ties_as<Tie>(num_vertices, std::move(in), combine, self_loops, merged);
  return build_ties_as<TimedTie>(num_vertices, std::move(in), combine, self_loops, merged);
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

Network build_network(EventLog log, const NetworkParams& params) {
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
    if (e.ts > horizon) break;
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

}  // namespace refnet
