// The generator's model: its constants, counter-based random numbers, the
// compact event, and the population (social graph, Dunbar layers, lives).
// Private to core/src/events/generator.cpp.
#pragma once

#include <refnet/events/generator.hpp>
#include <refnet/parallel/random.hpp>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/parallel_sort.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <numbers>
#include <queue>
#include <string_view>
#include <vector>

namespace refnet::gen_detail {

constexpr double kDay = 86400.0;
constexpr double kYear = 365.25 * kDay;
constexpr double kMonth = kYear / 12;
// Every caused event (purchase after signup, signup after referral, ...) comes
// at least this long after its cause. The diurnal warp compresses time by at
// most about 2x, so cause and effect stay whole seconds apart in the output.
constexpr double kMinGap = 60.0;
constexpr std::uint32_t kNever = 0xFFFFFFFFu;
constexpr double kInf = std::numeric_limits<double>::infinity();

// ---- secondary model constants (the main knobs are in GeneratorParams) ----
constexpr double kActivitySigma = 1.0;       // spread of the per-user activity (lognormal)
constexpr double kReferredBuyBoost = 0.5;    // referred users close half of the gap to always buying
constexpr double kReferredReferBoost = 1.5;  // referred customers refer more (Schmitt et al. 2011)
constexpr double kReferredLifetime = 1.25;   // ... and stay longer
constexpr std::uint32_t kMaxFertility = 1000;
constexpr double kComplaintDays = 20;  // mean delay first purchase -> complaint
constexpr double kChurnAfterComplaintDays = 7;
constexpr double kUnhappyNegative = 0.7;  // after a complaint, most messages are negative
constexpr double kHostileNegative = 0.8;
constexpr double kComplaintReview = 0.6;  // complainers who also post a negative review
constexpr double kFavouriteShare = 0.85;  // a loyal user's repurchases of the favourite
constexpr double kExtraFavouriteShare = 0.25;
constexpr std::uint32_t kMaxWomPerUser = 20000;
constexpr std::uint32_t kMinContacts = 3;
// Share of WOM messages per type: share, recommend, mention, review.
constexpr std::array<double, 4> kWomTypeCdf = {0.35, 0.60, 0.90, 1.0};
// Referrals reach wider than chat: people post their link to acquaintances too.
constexpr std::array<double, 5> kReferralLayerRates = {8, 4, 2, 1, 0.5};
// Per Dunbar layer: how much more (or less) than `mixing` ties leave the
// community; the chance a tie is local (a neighbour in the community, which
// closes triangles); and the half-width of that neighbourhood (unused where
// the local chance is 0: outer ties go to popular members instead).
constexpr std::array<double, 5> kLayerMixing = {0.2, 0.4, 1.0, 1.5, 2.0};
constexpr std::array<double, 5> kLayerLocal = {1.0, 0.6, 0.25, 0.0, 0.0};
constexpr std::array<std::uint32_t, 5> kLayerWindow = {10, 15, 40, 1, 1};
// Events per UTC hour, relative: quiet nights, an evening peak.
constexpr std::array<double, 24> kHourly = {0.35, 0.22, 0.15, 0.12, 0.12, 0.20, 0.45, 0.75, 1.00, 1.10, 1.15, 1.20,
                                            1.30, 1.25, 1.15, 1.10, 1.15, 1.30, 1.50, 1.70, 1.80, 1.65, 1.20, 0.70};

// ---- counter-based random numbers ----

// Independent random streams, one per purpose, so that e.g. changing how many
// purchases a user makes never shifts the draws of their word of mouth.
enum class Stream : std::uint64_t {
  kCommunities = 1,
  kOrganic,
  kIdPermutation,
  kTraits,
  kContact,
  kHostile,
  kReferral,
  kPurchase,
  kWom,
  kPrices,
};

// A user's draws for one purpose: a pure function of who they are, whatever
// thread runs them.
inline CounterRng stream_rng(std::uint64_t seed, Stream stream, std::uint64_t item, std::uint64_t sub = 0) {
  return CounterRng::for_stream(seed, static_cast<std::uint64_t>(stream), item, sub);
}

// ---- the compact event (16 bytes) ----

// `word`: event type in bits 28..31 (so that ties at one second and one user
// sort signup first and churn last), a negative-sentiment bit 27, the channel
// in 24..26, the purchase amount in cents in 0..23. `other` is the dst user's
// output id or the product.
struct Packed {
  std::uint32_t ts;   // seconds since the window start, after the diurnal warp
  std::uint32_t src;  // output id
  std::uint32_t word;
  std::uint32_t other;
};
static_assert(sizeof(Packed) == 16);

constexpr std::uint32_t kMaxAmountCents = (1u << 24) - 1;

inline bool packed_less(const Packed& a, const Packed& b) {
  const std::uint64_t ka = (std::uint64_t{a.ts} << 32) | a.src;
  const std::uint64_t kb = (std::uint64_t{b.ts} << 32) | b.src;
  if (ka != kb) return ka < kb;
  const std::uint64_t la = (std::uint64_t{a.word} << 32) | a.other;
  const std::uint64_t lb = (std::uint64_t{b.word} << 32) | b.other;
  return la < lb;
}
inline EventType type_of(const Packed& e) { return static_cast<EventType>(e.word >> 28); }
inline bool negative_of(const Packed& e) { return ((e.word >> 27) & 1u) != 0; }
inline unsigned channel_of(const Packed& e) { return (e.word >> 24) & 7u; }
inline std::uint32_t amount_of(const Packed& e) { return e.word & kMaxAmountCents; }

// Channel names per event type; index 0 is "none" (an empty cell).
constexpr std::array<std::array<std::string_view, 6>, kNumEventTypes> kChannels = {{
    {"", "search", "ads", "social", "direct", "referral"},  // signup
    {"", "web", "app", "store", "", ""},                    // purchase
    {"", "link", "code", "email", "", ""},                  // referral
    {"", "chat", "email", "social", "in_person", ""},       // share
    {"", "chat", "email", "social", "in_person", ""},       // recommend
    {"", "web", "app", "", "", ""},                         // review
    {"", "chat", "email", "social", "in_person", ""},       // mention
    {"", "support", "email", "chat", "", ""},               // complaint
    {"", "", "", "", "", ""},                               // churn
}};
constexpr std::uint32_t kSignupReferralChannel = 5;

bool has_user_dst(EventType t) {
  return t == EventType::kReferral || t == EventType::kShare || t == EventType::kRecommend || t == EventType::kMention;
}
bool has_sentiment(EventType t) { return has_user_dst(t) || t == EventType::kReview; }

// ---- the model ----

struct Social {
  std::uint32_t community;
  std::uint32_t start;  // first internal index of the community
  std::uint32_t size;
  std::uint32_t rank;  // popularity rank inside the community, 0 = most popular
  std::uint32_t degree;
};

// What a signed-up user will do, drawn once from their trait stream; both
// passes recompute it from (user, signup time, referred) and get the same.
struct Life {
  Social social;
  double signup = 0;
  double end = 0;  // churn time, or the horizon
  bool churns = false;
  bool referred = false;
  double activity = 1;
  double first_purchase = kInf;
  bool loyal = false;
  double complaint = kInf;
  std::uint32_t fertility = 0;
  std::uint32_t signup_channel = 0;
  std::uint32_t purchase_channel = 0;
};

class Model {
 public:
  explicit Model(const GeneratorParams& p) : p_(p), n_(static_cast<std::uint32_t>(p.users)) {
    horizon_ = std::ceil(p.days) * kDay;
    start_ = static_cast<std::int64_t>(std::floor(p.start_ts));
    beta_ = 1.0 / (p.degree_exponent - 1.0);
    build_communities();
    build_ids();
    build_products();
    double sum = 0;
    for (double w : kHourly) sum += w;
    diurnal_cum_[0] = 0;
    for (std::size_t h = 0; h < kHourly.size(); ++h) diurnal_cum_[h + 1] = diurnal_cum_[h] + kHourly[h] / sum;
    diurnal_cum_[24] = 1.0;
    user_digits_ = std::max(6u, digits(n_ - 1));
    product_digits_ = std::max(3u, digits(p.products - 1));
  }

  const GeneratorParams& params() const { return p_; }
  std::uint32_t users() const { return n_; }
  double horizon() const { return horizon_; }
  std::int64_t start() const { return start_; }
  std::uint32_t communities() const { return static_cast<std::uint32_t>(comm_start_.size() - 1); }
  std::uint32_t id(std::uint32_t u) const { return id_[u]; }
  unsigned user_digits() const { return user_digits_; }
  unsigned product_digits() const { return product_digits_; }

  std::uint32_t degree_of(std::uint32_t rank, std::uint32_t size) const {
    // Chung-Lu weights w_r = (r+1)^-beta, scaled so that the community's
    // degrees sum to mean_contacts x size; then P(degree >= k) ~ k^-(gamma-1).
    const double d = p_.mean_contacts * size * std::pow(rank + 1.0, -beta_) / weight_prefix_[size];
    return static_cast<std::uint32_t>(
        std::clamp(std::llround(d), static_cast<long long>(kMinContacts), static_cast<long long>(p_.max_contacts)));
  }

  std::uint64_t social_ties() const {
    return tbb::parallel_reduce(
        tbb::blocked_range<std::uint32_t>(0, communities()), std::uint64_t{0},
        [&](const tbb::blocked_range<std::uint32_t>& r, std::uint64_t acc) {
          for (std::uint32_t c = r.begin(); c != r.end(); ++c) {
            const std::uint32_t size = comm_start_[c + 1] - comm_start_[c];
            for (std::uint32_t rank = 0; rank < size; ++rank) acc += degree_of(rank, size);
          }
          return acc;
        },
        std::plus<>());
  }

  Social social(std::uint32_t u) const {
    const auto c = community_of(u);
    Social s;
    s.community = c;
    s.start = comm_start_[c];
    s.size = comm_start_[c + 1] - s.start;
    s.rank = u - s.start;
    s.degree = degree_of(s.rank, s.size);
    return s;
  }

  // Organic signup time for a uniform draw: density ~ growth^(t / horizon).
  std::uint32_t organic_time(double u) const {
    const double t =
        p_.growth == 1.0 ? u * horizon_ : horizon_ * std::log1p(u * (p_.growth - 1.0)) / std::log(p_.growth);
    return static_cast<std::uint32_t>(std::min(t, horizon_ - 1));
  }

  // The diurnal warp: inside each day, maps uniform time to the hourly profile
  // by its inverse CDF. Monotone, so cause still precedes effect.
  std::uint32_t warp(double t) const {
    const double day = std::floor(t / kDay);
    const double f = (t - day * kDay) / kDay;
    std::size_t h = 0;
    while (h + 1 < 24 && diurnal_cum_[h + 1] <= f) ++h;
    const double frac = (f - diurnal_cum_[h]) / (diurnal_cum_[h + 1] - diurnal_cum_[h]);
    const double w = day * kDay + (static_cast<double>(h) + std::clamp(frac, 0.0, 1.0)) * 3600.0;
    return static_cast<std::uint32_t>(std::min(w, horizon_ - 1));
  }

  Life plan_life(std::uint32_t u, std::uint32_t signup, bool referred) const {
    Life l;
    l.social = social(u);
    l.signup = signup;
    l.referred = referred;
    // Every draw is taken unconditionally, in a fixed order, so each trait
    // keeps its meaning when another knob changes.
    CounterRng r = stream_rng(p_.seed, Stream::kTraits, u);
    const double z = r.normal();
    l.activity = std::exp(kActivitySigma * z - kActivitySigma * kActivitySigma / 2) *
                 std::sqrt(l.social.degree / p_.mean_contacts);
    const double buy = referred ? p_.buy + (1 - p_.buy) * kReferredBuyBoost : p_.buy;
    const bool buyer = r.uniform() < buy;
    const double first_delay = kMinGap + r.lognormal(p_.first_purchase_days * kDay, 1.5);
    l.loyal = r.uniform() < p_.loyal;
    const bool unhappy = r.uniform() < p_.unhappy;
    const double complaint_delay = kMinGap + r.exponential(kComplaintDays * kDay);
    const bool churn_after_complaint = r.uniform() < p_.churn_after_complaint;
    const double churn_gap = kMinGap + r.exponential(kChurnAfterComplaintDays * kDay);
    const double lifetime = kMinGap + r.exponential(p_.lifetime_days * kDay * (referred ? kReferredLifetime : 1.0));
    const bool refers = r.uniform() < std::min(1.0, p_.referrer * (referred ? kReferredReferBoost : 1.0));
    const double fertility = r.pareto(p_.fertility_exponent);
    const std::uint64_t signup_channel = 1 + r.below(4);
    const std::uint64_t purchase_channel = 1 + r.below(3);

    if (buyer) l.first_purchase = l.signup + first_delay;
    if (buyer && unhappy) l.complaint = l.first_purchase + complaint_delay;
    double churn = l.signup + lifetime;
    if (churn_after_complaint && l.complaint < kInf) churn = std::min(churn, l.complaint + churn_gap);
    l.churns = churn < horizon_;
    l.end = std::min(churn, horizon_);
    if (buyer && refers) {
      const double cap = std::min<double>(l.social.degree, kMaxFertility);
      l.fertility = static_cast<std::uint32_t>(std::min(std::floor(fertility), cap));
    }
    l.signup_channel = referred ? kSignupReferralChannel : static_cast<std::uint32_t>(signup_channel);
    l.purchase_channel = static_cast<std::uint32_t>(purchase_channel);
    return l;
  }

  // Contact k of user u: a pure function of (seed, u, k), see the header.
  std::uint32_t contact(std::uint32_t u, const Social& s, std::uint32_t k) const {
    CounterRng r = stream_rng(p_.seed, Stream::kContact, u, k);
    const int layer = layer_of(k);
    std::uint32_t v;
    if (s.size == 1 || r.uniform() < std::min(1.0, p_.mixing * kLayerMixing[layer])) {
      // Another community, chosen by size (a uniform user's), then its
      // popular members preferentially: bridges mostly lead to hubs.
      const auto c = community_of(static_cast<std::uint32_t>(r.below(n_)));
      v = comm_start_[c] + zipf_rank(r.uniform(), c);
    } else if (r.uniform() < kLayerLocal[layer]) {
      const std::uint32_t window = std::min(kLayerWindow[layer], s.size - 1);
      const auto offset = static_cast<std::uint32_t>(1 + r.below(window));
      const std::uint32_t rank = r.uniform() < 0.5 ? (s.rank + offset) % s.size : (s.rank + s.size - offset) % s.size;
      v = s.start + rank;
    } else {
      v = s.start + zipf_rank(r.uniform(), s.community);
    }
    if (v == u) v = s.size > 1 ? s.start + (s.rank + 1) % s.size : (u + 1) % n_;
    return v;
  }

  bool hostile(std::uint32_t u, std::uint32_t k) const {
    return stream_rng(p_.seed, Stream::kHostile, u, k).uniform() < p_.hostile_ties;
  }

  // A contact index drawn by Dunbar layer: layer L is chosen with probability
  // proportional to (its contacts) x rates[L], then a contact in it uniformly.
  std::uint32_t pick_contact(CounterRng& r, std::uint32_t degree, const std::array<double, 5>& rates) const {
    std::array<std::uint32_t, 6> bound = {0,
                                          p_.dunbar_layers[0],
                                          p_.dunbar_layers[1],
                                          p_.dunbar_layers[2],
                                          p_.dunbar_layers[3],
                                          std::max(degree, p_.dunbar_layers[3])};
    std::array<double, 5> weight{};
    double total = 0;
    for (std::size_t l = 0; l < 5; ++l) {
      const std::uint32_t lo = std::min(bound[l], degree);
      const std::uint32_t hi = std::min(bound[l + 1], degree);
      weight[l] = (hi - lo) * rates[l];
      total += weight[l];
    }
    double x = r.uniform() * total;
    std::size_t l = 0;
    while (l + 1 < 5 && (x >= weight[l] || weight[l] == 0)) {
      x -= weight[l];
      ++l;
    }
    const std::uint32_t lo = std::min(bound[l], degree);
    const std::uint32_t hi = std::min(bound[l + 1], degree);
    return hi > lo ? lo + static_cast<std::uint32_t>(r.below(hi - lo)) : 0;
  }

  // Calls f(time, referee, converts, signup time if it converts, channel)
  // for each referral u sends. Shared by both passes, so they agree.
  template <class F>
  void for_each_referral(std::uint32_t u, const Life& l, F&& f) const {
    const double until = std::min(l.end, l.complaint);
    if (l.fertility == 0 || l.first_purchase >= until) return;
    CounterRng r = stream_rng(p_.seed, Stream::kReferral, u);
    for (std::uint32_t j = 0; j < l.fertility; ++j) {
      const double t = l.first_purchase + kMinGap + r.lognormal(p_.referral_days * kDay, 1.0);
      const std::uint32_t k = pick_contact(r, l.social.degree, kReferralLayerRates);
      const bool converts = r.uniform() < p_.convert;
      const double signup = t + kMinGap + r.lognormal(p_.convert_days * kDay, 1.2);
      const auto channel = static_cast<std::uint32_t>(1 + r.below(3));
      if (t < until) f(t, contact(u, l.social, k), converts, signup, channel);
    }
  }

  std::uint32_t product(double u) const {
    const auto it = std::upper_bound(product_cdf_.begin(), product_cdf_.end(), u);
    return static_cast<std::uint32_t>(std::min<std::size_t>(it - product_cdf_.begin(), product_cdf_.size() - 1));
  }
  std::uint32_t price_cents(std::uint32_t product) const { return price_cents_[product]; }

  // Every event of signed-up user u, in no particular order, as Packed.
  template <class Sink>
  void emit_user(std::uint32_t u, std::uint32_t signup, bool referred, Sink&& sink) const {
    const Life l = plan_life(u, signup, referred);
    const std::uint32_t src = id_[u];
    auto emit = [&](double t, EventType type, std::uint32_t other, bool negative, std::uint32_t channel,
                    std::uint32_t amount) {
      sink(Packed{warp(t), src,
                  (static_cast<std::uint32_t>(type) << 28) | (negative ? 1u << 27 : 0u) | (channel << 24) |
                      std::min(amount, kMaxAmountCents),
                  other});
    };

    emit(l.signup, EventType::kSignup, 0, false, l.signup_channel, 0);
    emit_purchases(u, l, emit);

    if (l.complaint < l.end) {
      CounterRng r = stream_rng(p_.seed, Stream::kPurchase, u, 1);
      emit(l.complaint, EventType::kComplaint, 0, false, static_cast<std::uint32_t>(1 + r.below(3)), 0);
      const double review = l.complaint + kMinGap + r.exponential(kDay);
      if (r.uniform() < kComplaintReview && review < l.end) emit(review, EventType::kReview, 0, true, 1, 0);
    }

    emit_word_of_mouth(u, l, emit);

    for_each_referral(u, l, [&](double t, std::uint32_t v, bool, double, std::uint32_t channel) {
      emit(t, EventType::kReferral, id_[v], false, channel, 0);
    });

    if (l.churns) emit(l.end, EventType::kChurn, 0, false, 0, 0);
  }

 private:
  template <class Emit>
  void emit_purchases(std::uint32_t u, const Life& l, Emit& emit) const {
    if (l.first_purchase >= l.end) return;
    CounterRng r = stream_rng(p_.seed, Stream::kPurchase, u);
    auto buy = [&](double t, std::uint32_t product) {
      const double q = r.uniform();
      const std::uint32_t quantity = q < 0.85 ? 1 : (q < 0.95 ? 2 : 3);
      const std::uint32_t channel =
          r.uniform() < 0.75 ? l.purchase_channel : static_cast<std::uint32_t>(1 + r.below(3));
      emit(t, EventType::kPurchase, product, false, channel, price_cents_[product] * quantity);
    };
    const std::uint32_t favourite = product(r.uniform());
    buy(l.first_purchase, favourite);
    if (l.loyal) {
      // A personal replenishment cycle around the catalogue-wide median.
      const double cycle = std::max(kDay, r.lognormal(p_.repurchase_days * kDay, 0.3));
      for (double t = l.first_purchase + std::max(kDay, r.lognormal(cycle, 0.4)); t < l.end;
           t += std::max(kDay, r.lognormal(cycle, 0.4))) {
        buy(t, r.uniform() < kFavouriteShare ? favourite : product(r.uniform()));
      }
    }
    const double span = l.end - l.first_purchase - kMinGap;
    const std::uint32_t extra = r.poisson(p_.extra_purchases * l.activity * std::max(0.0, span) / kYear);
    for (std::uint32_t i = 0; i < extra; ++i) {
      const double t = l.first_purchase + kMinGap + r.uniform() * span;
      buy(t, r.uniform() < kExtraFavouriteShare ? favourite : product(r.uniform()));
    }
  }

  template <class Emit>
  void emit_word_of_mouth(std::uint32_t u, const Life& l, Emit& emit) const {
    const double span = l.end - l.signup - kMinGap;
    if (span <= 0) return;
    CounterRng r = stream_rng(p_.seed, Stream::kWom, u);
    const std::uint32_t count = std::min(kMaxWomPerUser, r.poisson(p_.wom_per_month * l.activity * span / kMonth));
    for (std::uint32_t i = 0; i < count; ++i) {
      const double t = l.signup + kMinGap + r.uniform() * span;
      const double which = r.uniform();
      std::size_t kind = 0;
      while (which >= kWomTypeCdf[kind]) ++kind;
      EventType type = kind == 0   ? EventType::kShare
                       : kind == 1 ? EventType::kRecommend
                       : kind == 2 ? EventType::kMention
                                   : EventType::kReview;
      if (type == EventType::kReview && t <= l.first_purchase) type = EventType::kMention;  // reviews need a purchase
      const std::uint32_t k = pick_contact(r, l.social.degree, p_.layer_rates);
      const bool hostile_tie = type != EventType::kReview && hostile(u, k);
      const double p_negative = t > l.complaint ? kUnhappyNegative : hostile_tie ? kHostileNegative : p_.negative;
      const bool negative = r.uniform() < p_negative;
      const auto channel = static_cast<std::uint32_t>(1 + r.below(type == EventType::kReview ? 2 : 4));
      const std::uint32_t other = type == EventType::kReview ? 0 : id_[contact(u, l.social, k)];
      emit(t, type, other, negative, channel, 0);
    }
  }

  static unsigned digits(std::uint64_t v) {
    unsigned d = 1;
    while (v >= 10) {
      v /= 10;
      ++d;
    }
    return d;
  }

  int layer_of(std::uint32_t k) const {
    for (int l = 0; l < 4; ++l)
      if (k < p_.dunbar_layers[l]) return l;
    return 4;
  }

  std::uint32_t community_of(std::uint32_t u) const {
    return static_cast<std::uint32_t>(std::upper_bound(comm_start_.begin(), comm_start_.end(), u) -
                                      comm_start_.begin() - 1);
  }

  // Rank in community c with P(rank = r) ~ (r+1)^-beta: inverse CDF of the
  // continuous power law on [1, size+1).
  std::uint32_t zipf_rank(double u, std::uint32_t c) const {
    const double x = std::pow(1.0 + u * comm_zipf_[c], 1.0 / (1.0 - beta_));
    const std::uint32_t size = comm_start_[c + 1] - comm_start_[c];
    const double r = std::floor(x) - 1.0;
    return r <= 0 ? 0 : std::min(size - 1, static_cast<std::uint32_t>(r));
  }

  // Community sizes from a power law on [community_min, community_max]
  // (LFR's tau2), drawn until they cover the population; a remainder below
  // the minimum joins the previous community.
  void build_communities() {
    CounterRng r = stream_rng(p_.seed, Stream::kCommunities, 0);
    const double hi = std::min<double>(p_.community_max, n_);
    const double lo = std::min<double>(p_.community_min, hi);
    const double tau = p_.community_exponent;
    comm_start_.push_back(0);
    std::uint64_t covered = 0;
    while (covered < n_) {
      double s;
      if (std::abs(tau - 1.0) < 1e-9) {
        s = lo * std::pow(hi / lo, r.uniform());
      } else {
        const double a = std::pow(lo, 1 - tau), b = std::pow(hi, 1 - tau);
        s = std::pow(a + r.uniform() * (b - a), 1 / (1 - tau));
      }
      auto size = static_cast<std::uint64_t>(std::clamp(std::floor(s), lo, hi));
      size = std::min<std::uint64_t>(size, n_ - covered);
      if (size < lo && comm_start_.size() > 1) {
        comm_start_.back() = n_;  // merge the remainder into the previous one
        covered = n_;
        break;
      }
      covered += size;
      comm_start_.push_back(static_cast<std::uint32_t>(covered));
    }
    comm_zipf_.resize(comm_start_.size() - 1);
    std::uint32_t largest = 1;
    for (std::size_t c = 0; c + 1 < comm_start_.size(); ++c) {
      const std::uint32_t size = comm_start_[c + 1] - comm_start_[c];
      comm_zipf_[c] = std::pow(size + 1.0, 1.0 - beta_) - 1.0;
      largest = std::max(largest, size);
    }
    weight_prefix_.assign(largest + 1, 0.0);
    for (std::uint32_t r = 1; r <= largest; ++r) weight_prefix_[r] = weight_prefix_[r - 1] + std::pow(r, -beta_);
  }

  void build_ids() {
    const KeyedPermutation perm(n_, mix64(p_.seed ^ static_cast<std::uint64_t>(Stream::kIdPermutation)));
    id_.resize(n_);
    tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n_), [&](const tbb::blocked_range<std::uint32_t>& r) {
      for (std::uint32_t u = r.begin(); u != r.end(); ++u) id_[u] = static_cast<std::uint32_t>(perm(u));
    });
  }

  // Zipf popularity over the catalogue (p000 the most popular) and a
  // lognormal price list around $25, ending in .99.
  void build_products() {
    product_cdf_.resize(p_.products);
    price_cents_.resize(p_.products);
    double total = 0;
    for (std::uint32_t i = 0; i < p_.products; ++i) {
      total += std::pow(i + 1.0, -p_.product_zipf);
      product_cdf_[i] = total;
      CounterRng r = stream_rng(p_.seed, Stream::kPrices, i);
      const double dollars = std::min(50000.0, r.lognormal(25.0, 0.9));
      price_cents_[i] = static_cast<std::uint32_t>(std::floor(dollars)) * 100 + 99;
    }
    for (double& c : product_cdf_) c /= total;
  }

  const GeneratorParams& p_;
  std::uint32_t n_;
  double horizon_ = 0;
  std::int64_t start_ = 0;
  double beta_ = 0;
  std::vector<std::uint32_t> comm_start_;  // community c is [comm_start_[c], comm_start_[c+1])
  std::vector<double> comm_zipf_;          // (size+1)^(1-beta) - 1, for zipf_rank
  std::vector<double> weight_prefix_;      // sum of r^-beta for r = 1..s
  std::vector<std::uint32_t> id_;          // output id of each internal user
  std::vector<double> product_cdf_;
  std::vector<std::uint32_t> price_cents_;
  std::array<double, 25> diurnal_cum_{};
  unsigned user_digits_ = 6;
  unsigned product_digits_ = 3;
};

}  // namespace refnet::gen_detail
