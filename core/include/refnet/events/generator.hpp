// Synthetic event logs with a known structure, for demos, tests and benchmarks.
//
// What it models (docs/generator.md has the full story and every knob):
//  - A social graph with community structure and heavy-tailed degree, in the
//    spirit of the LFR benchmark (Lancichinetti, Fortunato, Radicchi 2008):
//    communities of power-law sizes; inside each, ties go preferentially to
//    popular members (Chung-Lu expected-degree model, Chung & Lu 2002), so
//    degrees follow a power law; a few ties (more in the outer layers) leave
//    the community. The graph is implicit: contact k of user u is a pure
//    function of (seed, u, k), so it costs no memory.
//  - Dunbar's circles (Hill & Dunbar 2003; Dunbar 2016): a user's contacts
//    0..4 are the support layer, up to 15 sympathy, 50 affinity, 150 active,
//    the rest acquaintances; inner layers are local (drawn from the user's
//    neighbourhood, which makes triangles) and are contacted far more often.
//  - Organic signups with growth over the window; purchases with a Zipf
//    product popularity, loyal customers who repurchase a favourite product;
//    referral cascades through social ties with heavy-tailed (Pareto)
//    fertility, referees who sign up after the referral (or never); share /
//    recommend / review / mention word of mouth, mostly positive; complaints,
//    negative word of mouth from unhappy users and hostile ties; churn.
//  - A diurnal rhythm: times pass through a monotone warp so that events
//    cluster in the evening, without ever reordering cause and effect.
//
// How: pass 1 runs the referral cascades as a first-passage process in time
// order (Dijkstra over the implicit graph, O(S log S) for S signed-up users);
// pass 2 generates each user's events independently from counter-based random
// streams keyed by (seed, user, stream), in parallel, counts them per time bin,
// then fills, sorts and writes the log in time slices that fit the memory
// budget. Output is a pure function of the parameters: identical bytes for any
// thread count and any memory budget.
//
// Cost: O(E log E) time for E events (about 7 per user with the defaults);
// memory about 30 bytes per user plus 16 bytes per event of the largest slice
// (10M users: 1.2 GB). Output folders must exist (write_file_atomically).
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/events/event.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

namespace refnet {

struct GeneratorParams {
  // ---- population and window ----
  std::uint64_t users = 20000;  // population size; ids u000000 .. u(N-1)
  std::uint64_t seed = 1;
  double start_ts = 1672531200;  // window start, unix seconds (2023-01-01T00:00:00Z)
  double days = 365;             // window length, rounded up to whole days
  double growth = 3.0;           // organic signup rate at the end / at the start of the window

  // ---- social graph ----
  double mean_contacts = 40;          // mean number of social ties per user
  std::uint32_t max_contacts = 5000;  // cap on one user's ties
  double degree_exponent = 2.5;       // gamma in P(degree = k) ~ k^-gamma, in [2.05, 4]
  double community_exponent = 2.0;    // tau in P(size = s) ~ s^-tau
  std::uint32_t community_min = 20;
  std::uint32_t community_max = 2000;
  double mixing = 0.15;  // share of affinity-layer ties that leave the community (inner less, outer more)
  // Cumulative Dunbar layer sizes (support, sympathy, affinity, active) and how
  // often one contact of each layer (and of the acquaintances beyond) is
  // addressed, relative: about weekly, monthly, quarterly, yearly, rarely.
  std::array<std::uint32_t, 4> dunbar_layers = {5, 15, 50, 150};
  std::array<double, 5> layer_rates = {52, 12, 4, 1, 0.2};

  // ---- adoption and purchases ----
  double organic = 0.5;            // share of the population that signs up on its own in the window
  double buy = 0.75;               // share of signed-up users who ever buy (referred users: more)
  double first_purchase_days = 3;  // median delay signup -> first purchase
  std::uint32_t products = 200;    // catalogue size; ids p000 ..
  double product_zipf = 1.1;       // product popularity exponent
  double loyal = 0.3;              // share of buyers who repurchase a favourite product
  double repurchase_days = 30;     // median gap between a loyal user's repurchases
  double extra_purchases = 2;      // mean other purchases per buyer-year (times the user's activity)

  // ---- referrals ----
  double referrer = 0.3;            // share of buyers who refer at all
  double fertility_exponent = 1.2;  // referrals per referrer ~ Pareto(alpha), P(F >= k) = k^-alpha
  double referral_days = 14;        // median delay first purchase -> a referral
  double convert = 0.4;             // chance that a referral makes a newcomer sign up
  double convert_days = 2;          // median delay referral -> referee signup

  // ---- word of mouth ----
  double wom_per_month = 2;    // share/recommend/review/mention per active month (average user)
  double negative = 0.04;      // chance that a message of a content user is negative
  double hostile_ties = 0.02;  // share of ties whose messages are mostly negative

  // ---- complaints and churn ----
  double unhappy = 0.08;  // share of buyers who complain (then speak negatively)
  double churn_after_complaint = 0.5;
  double lifetime_days = 730;  // mean time to churn of a content user (exponential)

  // ---- implementation ----
  // Events held in memory at once (16 bytes each); more events are written in
  // time slices, regenerating the users for each slice. Does not change the output.
  double memory_budget_mb = 1024;

  // Throws UsageError naming the first bad value.
  void validate() const;
};

struct GeneratorSummary {
  std::uint64_t users = 0;         // population
  std::uint64_t users_in_log = 0;  // users named in at least one event (src or dst)
  std::uint64_t signups = 0;
  std::uint64_t organic_signups = 0;
  std::uint64_t referred_signups = 0;  // acquired by a referral (ground truth)
  std::uint64_t buyers = 0;
  std::uint64_t communities = 0;
  std::uint64_t social_ties = 0;      // directed contact slots of the implicit social graph
  std::uint64_t referrals = 0;        // referral events written
  std::uint64_t cascades = 0;         // ground-truth acquisition trees with at least 2 users
  std::uint64_t largest_cascade = 0;  // users in the largest one
  std::uint32_t deepest_cascade = 0;  // generations below its root
  std::uint64_t events = 0;
  std::array<std::uint64_t, kNumEventTypes> events_per_type{};
  std::uint64_t csv_bytes = 0;  // uncompressed size of the log
  std::uint32_t slices = 0;     // time slices the memory budget required
  double first_ts = 0;          // unix seconds of the first and last event
  double last_ts = 0;
};

// Writes the log as CSV with the header `type,src,dst,ts,product,amount,sentiment,channel`,
// sorted by ts (ties: by src, then event type, then the other fields).
GeneratorSummary write_event_log(std::ostream& out, const GeneratorParams& params,
                                 const Progress& progress = {});

// The same CSV, gzip-compressed, to `path` (through a temporary file renamed at
// the end, so a failure leaves no partial file). The gzip member has a fixed
// header (no name, mtime 0) and is compressed in 1 MiB chunks in parallel, each
// primed with the previous 32 KiB (as pigz does), so the bytes depend only on
// the parameters (and the zlib version), never on the thread count.
GeneratorSummary write_event_log_gzip(const std::string& path, const GeneratorParams& params,
                                      const Progress& progress = {});

// Plain CSV to `path` through a temporary file, or gzip when the name ends in ".gz".
GeneratorSummary write_event_log_file(const std::string& path, const GeneratorParams& params,
                                      const Progress& progress = {});

}  // namespace refnet
