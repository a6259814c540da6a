#include <refnet/algo/tiers.hpp>

#include <refnet/error.hpp>
#include <refnet/io/text.hpp>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace refnet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// What a tier replay reads of an event, copied out of the log so that each
// user's replay walks memory sequentially (16 bytes instead of a 32-byte
// event fetched from anywhere in the log).
struct Item {
  double ts;
  std::uint32_t product;
  EventType type;
  std::int8_t sentiment;
  bool conversion;  // a referee's first purchase, credited to their referrer
};

// These read `type` and `sentiment`, of an Event or an Item.
template <class E>
bool is_advocacy(const E& e) {
  return e.sentiment > 0 && (e.type == EventType::kShare || e.type == EventType::kRecommend ||
                             e.type == EventType::kReview || e.type == EventType::kReferral);
}

template <class E>
bool drops_trust(const E& e, const TierParams& p) {
  return (e.type == EventType::kComplaint && p.drop_on_complaint) || (e.type == EventType::kChurn && p.drop_on_churn) ||
         (e.type == EventType::kReview && e.sentiment < 0 && p.drop_on_negative_review);
}

template <class E>
TierChange::Cause drop_cause(const E& e) {
  return e.type == EventType::kComplaint ? TierChange::Cause::kComplaint
         : e.type == EventType::kChurn   ? TierChange::Cause::kChurn
                                         : TierChange::Cause::kNegativeReview;
}

// The counters a tier rule reads, since the user's last drop.
struct Counters {
  std::uint32_t purchases = 0;
  std::uint32_t best_product = 0;  // most purchases of one product
  std::uint32_t advocacy = 0;
  std::uint32_t converted = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> per_product;  // (product, count)

  void reset() { *this = Counters{}; }
  void purchase(std::uint32_t product) {
    ++purchases;
    auto it = std::find_if(per_product.begin(), per_product.end(), [&](const auto& p) { return p.first == product; });
    if (it == per_product.end()) {
      per_product.emplace_back(product, 1);
      best_product = std::max<std::uint32_t>(best_product, 1);
    } else {
      best_product = std::max(best_product, ++it->second);
    }
  }
  std::uint8_t rule_tier(const TierParams& p) const {
    if (purchases == 0) return 0;
    if (best_product < p.repurchase_count) return 1;
    if (advocacy < p.advocacy_events) return 2;
    if (converted < p.converted_referees) return 3;
    return 4;
  }
};

// Everything one replay produces for the funnel, summed over users.
struct Tally {
  std::uint64_t ever_dropped = 0;
  std::array<std::uint64_t, kNumTiers> drops_from{};
  std::array<std::uint64_t, 9> drops_by_cause{};
};

// Per user, in time order: their own events and their referees' first
// purchases. Also, from the same walk: when each user was first seen (as src
// or dst) and when they joined (first signup or purchase); NaN when never.
struct UserItems {
  std::vector<std::uint64_t> start;
  std::vector<Item> items;
  std::vector<double> first_seen;
  std::vector<double> joined;
};

UserItems bucket_items(const Network& net, double at) {
  const auto& ev = net.log.events;
  const std::size_t n = net.num_users();
  const auto& parent = net.referral.parent;
  std::vector<std::uint8_t> bought(n, 0);
  UserItems u;
  u.start.assign(n + 1, 0);
  u.first_seen.assign(n, kNaN);
  u.joined.assign(n, kNaN);
  // Calls emit(user, event, conversion) for every item, in time order.
  auto walk = [&](auto&& emit) {
    std::fill(bought.begin(), bought.end(), 0);
    for (std::size_t i = 0; i < ev.size() && ev[i].ts <= at; ++i) {
      const Event& e = ev[i];
      emit(e.src, e, false);
      if (e.type == EventType::kPurchase && !bought[e.src]) {
        bought[e.src] = 1;
        const VertexId referrer = parent.empty() ? kNoVertex : parent[e.src];
        if (referrer != kNoVertex) emit(referrer, e, true);
      }
    }
  };
  // Pass 1 counts (and notes first-seen and join times), pass 2 fills.
  walk([&](VertexId user, const Event& e, bool conversion) {
    ++u.start[user + 1];
    if (conversion) return;
    if (std::isnan(u.first_seen[e.src])) u.first_seen[e.src] = e.ts;
    if (e.dst != kNone && std::isnan(u.first_seen[e.dst])) u.first_seen[e.dst] = e.ts;
    if ((e.type == EventType::kSignup || e.type == EventType::kPurchase) && std::isnan(u.joined[e.src]))
      u.joined[e.src] = e.ts;
  });
  for (std::size_t v = 0; v < n; ++v) u.start[v + 1] += u.start[v];
  u.items.resize(u.start[n]);
  std::vector<std::uint64_t> next(u.start.begin(), u.start.end() - 1);
  walk([&](VertexId user, const Event& e, bool conversion) {
    u.items[next[user]++] = {e.ts, e.product, e.type, e.sentiment, conversion};
  });
  return u;
}

// Replays one user's items; fills `out`, appends to `changes` (if given), adds to `tally`.
void replay(const TierParams& p, double at, const Item* items, std::size_t count, UserTier& out,
            std::vector<TierChange>* changes, Tally& tally, Counters& c) {
  const double window = p.inactivity_days * 86400.0;
  c.reset();
  std::uint8_t cur = 0;
  double since = count ? items[0].ts : kNaN;
  double last_active = kNaN;
  std::uint64_t windows = 0;  // inactivity windows already applied since last_active
  bool dropped = false;

  auto record = [&](double ts, std::uint8_t to, TierChange::Cause cause) {
    if (to == cur) return;
    const auto kind = to < cur ? TierChange::Kind::kDrop : to == cur + 1 ? TierChange::Kind::kUp : TierChange::Kind::kJump;
    if (kind == TierChange::Kind::kDrop) {
      ++tally.drops_from[cur];
      ++tally.drops_by_cause[static_cast<std::size_t>(cause)];
      dropped = true;
    }
    if (changes) changes->push_back({ts, cur, to, kind, cause});
    cur = to;
    since = ts;
  };
  // Applies the inactivity windows that end at or before `until`.
  // Windows keep counting at tier 0, so that a later conversion is weighed
  // against all the idle time.
  auto settle = [&](double until) {
    if (window <= 0 || std::isnan(last_active) || until < last_active) return;
    const auto target = static_cast<std::uint64_t>(std::floor((until - last_active) / window));
    while (windows < target) {
      ++windows;
      if (cur > 0)
        record(last_active + static_cast<double>(windows) * window, static_cast<std::uint8_t>(cur - 1),
               TierChange::Cause::kInactivity);
      if (cur == 0) windows = target;
    }
  };

  for (std::size_t k = 0; k < count; ++k) {
    const Item& e = items[k];
    settle(e.ts);
    auto cause = TierChange::Cause::kReturn;
    if (e.conversion) {
      ++c.converted;
      cause = TierChange::Cause::kConversion;
    } else if (drops_trust(e, p)) {
      c.reset();
      record(e.ts, 0, drop_cause(e));
      last_active = e.ts;
      windows = 0;
      continue;
    } else {
      if (e.type == EventType::kPurchase) {
        cause = c.purchases == 0 ? TierChange::Cause::kPurchase : TierChange::Cause::kRepurchase;
        c.purchase(e.product);
      } else if (is_advocacy(e)) {
        ++c.advocacy;
        cause = TierChange::Cause::kAdvocacy;
      }
      last_active = e.ts;  // the user's own event ends any inactivity
      windows = 0;
    }
    const std::uint8_t rule = c.rule_tier(p);
    const auto effective = static_cast<std::uint8_t>(rule > windows ? rule - windows : 0);
    if (effective > cur) record(e.ts, effective, cause);
  }
  settle(at);
  out.tier = cur;
  out.since = since;
  tally.ever_dropped += dropped;
}

}  // namespace

void TierParams::validate() const {
  if (repurchase_count < 1) throw UsageError("--repurchase must be at least 1");
  if (!(inactivity_days >= 0) || !std::isfinite(inactivity_days)) throw UsageError("--inactivity-days must be >= 0 (0 = never)");
  if (!std::isnan(at) && (at < 0 || !std::isfinite(at))) throw UsageError("--at must be a time after 1970-01-01");
}

void set_drop_events(TierParams& p, std::string_view list) {
  p.drop_on_complaint = p.drop_on_churn = p.drop_on_negative_review = false;
  if (list == "none") return;
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t end = list.find(',', pos);
    if (end == std::string_view::npos) end = list.size();
    const std::string_view item = list.substr(pos, end - pos);
    if (item == "complaint") p.drop_on_complaint = true;
    else if (item == "churn") p.drop_on_churn = true;
    else if (item == "negative-review") p.drop_on_negative_review = true;
    else throw UsageError("--drop-on: unknown event '" + std::string(item) + "' (expected complaint, churn, negative-review or none)");
    pos = end + 1;
  }
}

std::string_view to_string(TierChange::Kind k) {
  switch (k) {
    case TierChange::Kind::kUp: return "up";
    case TierChange::Kind::kJump: return "jump";
    case TierChange::Kind::kDrop: return "drop";
  }
  return "unknown";
}

std::string_view to_string(TierChange::Cause c) {
  static constexpr std::string_view kNames[] = {"purchase",   "repurchase", "advocacy",   "conversion", "complaint",
                                                "churn",      "negative_review", "inactivity", "return"};
  return kNames[static_cast<std::size_t>(c)];
}

TierResult tiers(const Network& net, const TierParams& params) {
  params.validate();
  if (net.info.kind != InputKind::kEvents) throw UsageError("trust tiers need an event log (this network was built from a graph or cascade file)");
  TierResult r;
  r.at = std::isnan(params.at) ? net.info.analysis_time : params.at;
  const std::size_t n = net.num_users();
  const UserItems items = bucket_items(net, r.at);
  r.users.resize(n);
  if (params.transitions) r.transitions.resize(n);
  struct Local {
    Tally tally;
    Counters counters;
  };
  tbb::enumerable_thread_specific<Local> locals;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const tbb::blocked_range<std::size_t>& range) {
    Local& local = locals.local();
    for (std::size_t v = range.begin(); v != range.end(); ++v) {
      replay(params, r.at, items.items.data() + items.start[v], items.start[v + 1] - items.start[v], r.users[v],
             params.transitions ? &r.transitions[v] : nullptr, local.tally, local.counters);
    }
  });
  Funnel& f = r.funnel;
  for (const Local& local : locals) {
    f.ever_dropped += local.tally.ever_dropped;
    for (int t = 0; t < kNumTiers; ++t) f.drops_from[t] += local.tally.drops_from[t];
    for (std::size_t c = 0; c < f.drops_by_cause.size(); ++c) f.drops_by_cause[c] += local.tally.drops_by_cause[c];
  }
  // Funnel and cohorts at T, over the users known by then.
  std::map<std::int32_t, CohortRow> cohorts;
  for (std::size_t v = 0; v < n; ++v) {
    if (std::isnan(items.first_seen[v])) continue;  // not known at T
    // Named only by others: known since then, at tier 0.
    if (std::isnan(r.users[v].since)) r.users[v].since = items.first_seen[v];
    const std::uint8_t t = r.users[v].tier;
    ++f.per_tier[t];
    if (std::isnan(items.joined[v])) {
      ++f.never_joined;
      continue;
    }
    CohortRow& row = cohorts[month_index(items.joined[v])];
    ++row.users;
    ++row.per_tier[t];
  }
  for (int t = kNumTiers - 1; t >= 0; --t) f.reached[t] = f.per_tier[t] + (t + 1 < kNumTiers ? f.reached[t + 1] : 0);
  for (int t = 0; t + 1 < kNumTiers; ++t)
    f.conversion[t] = f.reached[t] ? static_cast<double>(f.reached[t + 1]) / static_cast<double>(f.reached[t]) : 0.0;
  for (auto& [month, row] : cohorts) {
    row.month = month;
    r.cohorts.push_back(row);
  }
  return r;
}

std::vector<std::uint8_t> tiers_reference(const Network& net, const TierParams& params) {
  const double at = std::isnan(params.at) ? net.info.analysis_time : params.at;
  const auto& ev = net.log.events;
  const std::size_t n = net.num_users();
  std::vector<std::uint8_t> out(n, 0);
  // The first purchase of every user, as an event index.
  std::vector<std::size_t> first_purchase(n, SIZE_MAX);
  for (std::size_t i = 0; i < ev.size() && ev[i].ts <= at; ++i)
    if (ev[i].type == EventType::kPurchase && first_purchase[ev[i].src] == SIZE_MAX) first_purchase[ev[i].src] = i;
  for (VertexId u = 0; u < n; ++u) {
    // The last drop: counting restarts after it.
    std::size_t from = 0;
    double last_active = kNaN;
    for (std::size_t i = 0; i < ev.size() && ev[i].ts <= at; ++i) {
      if (ev[i].src != u) continue;
      last_active = ev[i].ts;
      if (drops_trust(ev[i], params)) from = i + 1;
    }
    std::map<std::uint32_t, std::uint32_t> per_product;
    std::uint32_t purchases = 0, best = 0, advocacy = 0, converted = 0;
    for (std::size_t i = from; i < ev.size() && ev[i].ts <= at; ++i) {
      const Event& e = ev[i];
      if (e.src == u && e.type == EventType::kPurchase) {
        ++purchases;
        best = std::max(best, ++per_product[e.product]);
      }
      if (e.src == u && is_advocacy(e)) ++advocacy;
      if (first_purchase[e.src] == i && net.referral.parent[e.src] == u) ++converted;
    }
    int rule = 0;
    if (purchases >= 1) rule = 1;
    if (rule == 1 && best >= params.repurchase_count) rule = 2;
    if (rule == 2 && advocacy >= params.advocacy_events) rule = 3;
    if (rule == 3 && converted >= params.converted_referees) rule = 4;
    // Only the windows since the last own event count; a conversion is not the user's activity.
    const double window = params.inactivity_days * 86400.0;
    const double idle = std::isnan(last_active) ? 0.0 : at - last_active;
    const int windows = window > 0 ? static_cast<int>(std::floor(idle / window)) : 0;
    out[u] = static_cast<std::uint8_t>(std::max(0, rule - windows));
  }
  return out;
}

}  // namespace refnet
