#include <refnet/algo/tiers/tiers.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/text.hpp>
#include <refnet/parallel/loops.hpp>

#include <refnet/parallel/memory.hpp>
#include <refnet/parallel/random.hpp>

#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdio>
#include <map>

namespace refnet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool is_advocacy(const Event& e) {
  return e.sentiment > 0 && (e.type == EventType::kShare || e.type == EventType::kRecommend ||
                             e.type == EventType::kReview || e.type == EventType::kReferral);
}

bool drops_trust(const Event& e, const TierParams& p) {
  return (e.type == EventType::kComplaint && p.drop_on_complaint) || (e.type == EventType::kChurn && p.drop_on_churn) ||
         (e.type == EventType::kReview && e.sentiment < 0 && p.drop_on_negative_review);
}

TierChange::Cause drop_cause(const Event& e) {
  return e.type == EventType::kComplaint ? TierChange::Cause::kComplaint
         : e.type == EventType::kChurn   ? TierChange::Cause::kChurn
                                         : TierChange::Cause::kNegativeReview;
}

// Everything the replays produce for the funnel, summed over users.
struct Tally {
  std::uint64_t ever_dropped = 0;
  std::array<std::uint64_t, kNumTiers> drops_from{};
  std::array<std::uint64_t, 9> drops_by_cause{};
};

// One user's replay state: the counters a tier rule reads, since the user's
// last drop, and where the user stands.
// One cache line: the replay reads one user's state per event, at random, so
// what it touches of a user should be a single line.
struct alignas(64) UserState {
  double since;        // when the current tier was reached (first seen, for none)
  double last_active;  // the user's last own event
  double joined;       // first signup or purchase
  std::uint32_t windows;       // inactivity windows applied since last_active (saturating)
  std::uint32_t best_product;  // most purchases of one product
  std::uint32_t advocacy;
  std::uint32_t converted;
  std::uint32_t epoch;  // drops so far; per-product counts of earlier epochs are void
  // The first two products bought since the last drop, and how often each:
  // most users buy few distinct products, so most purchases are counted here
  // and never reach the shared per-product table.
  std::array<std::uint32_t, 2> product;
  std::array<std::uint32_t, 2> bought;
  std::uint8_t cur;
  bool dropped;
  bool purchased;  // since the last drop

  // A user not seen yet. (No member initialisers: the array of states is
  // filled in parallel, see fill_parallel.)
  static UserState fresh() { return {kNaN, kNaN, kNaN, 0, 0, 0, 0, 0, {kNone, kNone}, {0, 0}, 0, false, false}; }

  std::uint8_t rule_tier(const TierParams& p) const {
    if (!purchased) return 0;
    if (best_product < p.repurchase_count) return 1;
    if (advocacy < p.advocacy_events) return 2;
    if (converted < p.converted_referees) return 3;
    return 4;
  }
};
static_assert(sizeof(UserState) == 64);

// Purchases per (user, product) since the user's last drop: an open-addressing
// table, one per worker, so users need no allocation of their own.
class ProductCounts {
 public:
  std::uint32_t add(VertexId user, std::uint32_t product, std::uint32_t epoch) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    const std::uint64_t k = key(user, product);
    Slot& s = find(k);
    if (s.key == kFree) {
      s = Slot{k, 0, epoch};
      ++used_;
    }
    if (s.epoch != epoch) {  // counted before the user's last drop: start again
      s.epoch = epoch;
      s.count = 0;
    }
    return ++s.count;
  }

 private:
  static constexpr std::uint64_t kFree = ~std::uint64_t{0};
  struct Slot {
    std::uint64_t key = kFree;
    std::uint32_t count = 0;
    std::uint32_t epoch = 0;
  };
  static std::uint64_t key(VertexId user, std::uint32_t product) { return std::uint64_t{user} << 32 | product; }
  Slot& find(std::uint64_t k) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = mix64(k) & mask;; i = (i + 1) & mask)
      if (slots_[i].key == k || slots_[i].key == kFree) return slots_[i];
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    const std::size_t size = std::max<std::size_t>(1024, old.size() * 2);
    slots_ = {};
    reserve_huge(slots_, size);
    slots_.assign(size, Slot{});
    for (const Slot& s : old)
      if (s.key != kFree) find(s.key) = s;
  }
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

// Replays events into user states; each user's events must arrive in time
// order. One Replayer serves the users of one worker.
class Replayer {
 public:
  Replayer(const TierParams& p, BigArray<UserState>& users, std::vector<std::vector<TierChange>>* changes,
           std::vector<TierChange>* last)
      : p_(p), window_(p.inactivity_days * 86400.0), users_(users), changes_(changes), last_(last) {}

  // The user's own event.
  void own(VertexId u, const Event& e) {
    UserState& s = users_[u];
    settle(u, s, e.ts);
    if (drops_trust(e, p_)) {
      s.purchased = false;
      s.best_product = s.advocacy = s.converted = 0;
      s.product = {kNone, kNone};
      s.bought = {0, 0};
      ++s.epoch;
      record(u, s, e.ts, 0, drop_cause(e));
      s.last_active = e.ts;
      s.windows = 0;
      return;
    }
    auto cause = TierChange::Cause::kReturn;
    if (e.type == EventType::kPurchase) {
      cause = s.purchased ? TierChange::Cause::kRepurchase : TierChange::Cause::kPurchase;
      s.purchased = true;
      s.best_product = std::max(s.best_product, count_purchase(u, s, e.product));
    } else if (is_advocacy(e)) {
      ++s.advocacy;
      cause = TierChange::Cause::kAdvocacy;
    }
    s.last_active = e.ts;  // the user's own event ends any inactivity
    s.windows = 0;
    rise(u, s, e.ts, cause);
  }

  // A referee of u made their first purchase.
  void conversion(VertexId u, double ts) {
    UserState& s = users_[u];
    settle(u, s, ts);
    ++s.converted;
    rise(u, s, ts, TierChange::Cause::kConversion);
  }

  // Applies the inactivity windows that end at or before `until`. Windows
  // keep counting at tier 0, so that a later conversion is weighed against all
  // the idle time.
  void settle(VertexId u, UserState& s, double until) {
    if (window_ <= 0 || std::isnan(s.last_active) || until < s.last_active) return;
    // Past kNumTiers windows nothing changes any more: the count saturates.
    const auto target = static_cast<std::uint32_t>(std::min((until - s.last_active) / window_, 4294967295.0));
    while (s.windows < target) {
      ++s.windows;
      if (s.cur > 0)
        record(u, s, s.last_active + static_cast<double>(s.windows) * window_, static_cast<std::uint8_t>(s.cur - 1),
               TierChange::Cause::kInactivity);
      if (s.cur == 0) s.windows = target;
    }
  }

  const Tally& tally() const { return tally_; }

 private:
  // Purchases of `product` by u since u's last drop, this one included.
  std::uint32_t count_purchase(VertexId u, UserState& s, std::uint32_t product) {
    for (std::size_t k = 0; k < s.product.size(); ++k) {
      if (s.product[k] == product) return ++s.bought[k];
      if (s.product[k] == kNone) {
        s.product[k] = product;
        return s.bought[k] = 1;
      }
    }
    return counts_.add(u, product, s.epoch);  // a third distinct product or more
  }

  void rise(VertexId u, UserState& s, double ts, TierChange::Cause cause) {
    const std::uint8_t rule = s.rule_tier(p_);
    const auto effective = static_cast<std::uint8_t>(rule > s.windows ? rule - s.windows : 0);
    if (effective > s.cur) record(u, s, ts, effective, cause);
  }
  void record(VertexId u, UserState& s, double ts, std::uint8_t to, TierChange::Cause cause) {
    if (to == s.cur) return;
    const auto kind = to < s.cur       ? TierChange::Kind::kDrop
                      : to == s.cur + 1 ? TierChange::Kind::kUp
                                        : TierChange::Kind::kJump;
    if (kind == TierChange::Kind::kDrop) {
      ++tally_.drops_from[s.cur];
      ++tally_.drops_by_cause[static_cast<std::size_t>(cause)];
      tally_.ever_dropped += !s.dropped;
      s.dropped = true;
    }
    if (changes_) (*changes_)[u].push_back({ts, s.cur, to, kind, cause});
    if (last_ && ts > p_.last_change_after) (*last_)[u] = {ts, s.cur, to, kind, cause};
    s.cur = to;
    s.since = ts;
  }

  const TierParams& p_;
  double window_;
  BigArray<UserState>& users_;
  std::vector<std::vector<TierChange>>* changes_;
  std::vector<TierChange>* last_;
  ProductCounts counts_;
  Tally tally_;
};

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

namespace {

// The events that convert a referee (their first purchase, when someone
// referred them), a bit per event among the first `end`: the replay then reads
// them in order instead of looking up every purchase at random.
std::vector<std::uint64_t> conversion_marks(const Network& net, std::size_t end) {
  const auto& ev = net.log.events;
  const auto& parent = net.referral.parent;
  const std::size_t n = net.num_users();
  std::vector<std::uint64_t> converts((end + 63) / 64, 0);
  if (parent.empty()) return converts;
  // Each user's first purchase (an event index): the moment a referee converts.
  BigArray<std::size_t> first_purchase;
  fill_parallel(first_purchase, n, std::size_t{SIZE_MAX});
  for_each_block(end, [&](std::size_t begin, std::size_t stop) {
    for (std::size_t i = begin; i != stop; ++i) {
      if (ev[i].type != EventType::kPurchase) continue;
      std::atomic_ref<std::size_t> slot(first_purchase[ev[i].src]);
      std::size_t seen = slot.load(std::memory_order_relaxed);
      while (i < seen && !slot.compare_exchange_weak(seen, i, std::memory_order_relaxed)) {
      }
    }
  }, 1 << 16);
  for_each_block(n, [&](std::size_t begin, std::size_t stop) {
    for (std::size_t u = begin; u != stop; ++u)
      if (const std::size_t i = first_purchase[u]; i != SIZE_MAX && parent[u] != kNoVertex)
        std::atomic_ref<std::uint64_t>(converts[i / 64]).fetch_or(std::uint64_t{1} << (i % 64), std::memory_order_relaxed);
  }, 1 << 16);
  return converts;
}

// Replays the first `end` events: worker w replays the users u with
// u mod workers == w, so each user's events are replayed once, in time order,
// and the result does not depend on the number of workers. Leaves every
// user's state at T in `users` and returns the drops counted.
Tally replay_log(const Network& net, const TierParams& params, std::size_t end, double at,
                 const std::vector<std::uint64_t>& converts, BigArray<UserState>& users,
                 std::vector<std::vector<TierChange>>* transitions, std::vector<TierChange>* last) {
  const auto& ev = net.log.events;
  const auto& parent = net.referral.parent;
  const std::size_t n = net.num_users();
  auto converts_referee = [&](std::size_t i) { return (converts[i / 64] >> (i % 64)) & 1; };
  // A power of two, so that "is this user mine" is a mask, not a division.
  const auto workers = std::bit_floor(static_cast<std::size_t>(std::max(1, tbb::this_task_arena::max_concurrency())));
  const std::size_t mask = workers - 1;
  std::vector<Tally> tallies(workers);
  for_each_index(workers, [&](std::size_t w) {
    Replayer replay(params, users, transitions, last);
    auto mine = [&](VertexId u) { return (u & mask) == w; };
    constexpr std::size_t kAhead = 32;  // users' states are scattered: fetch this worker's ahead of use
    for (std::size_t i = 0; i < end; ++i) {
      if (i + kAhead < end) {
        const Event& next = ev[i + kAhead];
        if (mine(next.src)) __builtin_prefetch(&users[next.src], 1);
        if (next.dst != kNone && mine(next.dst)) __builtin_prefetch(&users[next.dst], 1);
      }
      const Event& e = ev[i];
      if (mine(e.src)) {
        UserState& s = users[e.src];
        if (std::isnan(s.since)) s.since = e.ts;
        if ((e.type == EventType::kSignup || e.type == EventType::kPurchase) && std::isnan(s.joined)) s.joined = e.ts;
        replay.own(e.src, e);
      }
      if (e.dst != kNone && mine(e.dst) && std::isnan(users[e.dst].since)) users[e.dst].since = e.ts;
      if (converts_referee(i)) {
        const VertexId referrer = parent[e.src];
        if (mine(referrer)) {
          if (std::isnan(users[referrer].since)) users[referrer].since = e.ts;
          replay.conversion(referrer, e.ts);
        }
      }
    }
    for (std::size_t u = w; u < n; u += workers) replay.settle(static_cast<VertexId>(u), users[u], at);
    tallies[w] = replay.tally();
  }, 1);
  Tally all;
  for (const Tally& t : tallies) {
    all.ever_dropped += t.ever_dropped;
    for (int k = 0; k < kNumTiers; ++k) all.drops_from[k] += t.drops_from[k];
    for (std::size_t c = 0; c < all.drops_by_cause.size(); ++c) all.drops_by_cause[c] += t.drops_by_cause[c];
  }
  return all;
}

// Tiers, funnel and cohorts at T, over the users known by then: counted per
// block of users in parallel, then added up (integer sums: any order).
void count_tiers(const BigArray<UserState>& users, std::size_t n, TierResult& r) {
  reserve_huge(r.users, n);
  r.users.resize(n);
  struct Counts {
    std::array<std::uint64_t, kNumTiers> per_tier{};
    std::uint64_t never_joined = 0;
    std::map<std::int32_t, CohortRow> cohorts;
  };
  Counts all = reduce_blocks(
      n, Counts{},
      [&](std::size_t begin, std::size_t stop, Counts c) {
        for (std::size_t v = begin; v != stop; ++v) {
          const UserState& s = users[v];
          r.users[v] = {s.cur, s.since};
          if (std::isnan(s.since)) continue;  // not known at T
          ++c.per_tier[s.cur];
          if (std::isnan(s.joined)) {
            ++c.never_joined;
            continue;
          }
          CohortRow& row = c.cohorts[month_index(s.joined)];
          ++row.users;
          ++row.per_tier[s.cur];
        }
        return c;
      },
      [](Counts a, const Counts& b) {
        for (int t = 0; t < kNumTiers; ++t) a.per_tier[t] += b.per_tier[t];
        a.never_joined += b.never_joined;
        for (const auto& [month, row] : b.cohorts) {
          CohortRow& into = a.cohorts[month];
          into.users += row.users;
          for (int t = 0; t < kNumTiers; ++t) into.per_tier[t] += row.per_tier[t];
        }
        return a;
      },
      1 << 16);
  Funnel& f = r.funnel;
  for (int t = 0; t < kNumTiers; ++t) f.per_tier[t] += all.per_tier[t];
  f.never_joined += all.never_joined;
  for (int t = kNumTiers - 1; t >= 0; --t) f.reached[t] = f.per_tier[t] + (t + 1 < kNumTiers ? f.reached[t + 1] : 0);
  for (int t = 0; t + 1 < kNumTiers; ++t)
    f.conversion[t] = f.reached[t] ? static_cast<double>(f.reached[t + 1]) / static_cast<double>(f.reached[t]) : 0.0;
  for (auto& [month, row] : all.cohorts) {
    row.month = month;
    r.cohorts.push_back(row);
  }
}

}  // namespace

TierResult tiers(const Network& net, const TierParams& params, const Progress& progress) {
  params.validate();
  if (net.info.kind != InputKind::kEvents)
    throw UsageError("trust tiers need an event log (this network was built from a graph or cascade file)");
  TierResult r;
  r.at = std::isnan(params.at) ? net.info.analysis_time : params.at;
  const std::size_t n = net.num_users();
  const auto& ev = net.log.events;
  const auto end = static_cast<std::size_t>(
      std::upper_bound(ev.begin(), ev.end(), r.at, [](double t, const Event& e) { return t < e.ts; }) - ev.begin());
  Progress::Steps step(progress);
  step.next("conversions");
  const std::vector<std::uint64_t> converts = conversion_marks(net, end);
  step.next("replay");
  BigArray<UserState> users;
  fill_parallel(users, n, UserState::fresh());
  if (params.transitions) r.transitions.resize(n);
  const bool last = !std::isnan(params.last_change_after);
  if (last) {
    reserve_huge(r.last_change, n);
    r.last_change.assign(n, TierChange{kNaN, 0, 0, TierChange::Kind::kUp, TierChange::Cause::kPurchase});
  }
  const Tally drops = replay_log(net, params, end, r.at, converts, users, params.transitions ? &r.transitions : nullptr,
                                 last ? &r.last_change : nullptr);
  r.funnel.ever_dropped = drops.ever_dropped;
  for (int k = 0; k < kNumTiers; ++k) r.funnel.drops_from[k] = drops.drops_from[k];
  for (std::size_t c = 0; c < r.funnel.drops_by_cause.size(); ++c) r.funnel.drops_by_cause[c] = drops.drops_by_cause[c];
  step.next("count");
  count_tiers(users, n, r);
  return r;
}

std::vector<std::uint8_t> tiers_reference(const Network& net, const TierParams& params) {
  const double at = std::isnan(params.at) ? net.info.analysis_time : params.at;
  const auto& ev = net.log.events;
  const std::size_t n = net.num_users();
  std::vector<std::uint8_t> out(n, 0);
  // The first purchase of every user, as an event index.
  std::vector<std::size_t> first_purchase;
  reserve_huge(first_purchase, n);
  first_purchase.assign(n, SIZE_MAX);
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
