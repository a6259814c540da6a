// Trust tiers (DESIGN.md section 3): where each user stands with the brand as
// of a time T, how they got there, and the funnel.
//
//   0 none    known (appears in an event) but has never purchased
//   1 micro   at least one purchase
//   2 weak    bought the same product at least `repurchase_count` times
//   3 strong  weak, and advocated: `advocacy_events` positive share /
//             recommend / review or referral events
//   4 super   strong, and sells: `converted_referees` referees acquired
//             through them (the referral forest) went on to purchase
//
// A user's tier is the highest whose rule holds, so jumps happen. A complaint,
// a churn or a negative review (each can be switched off) drops the user to
// tier 0 from that moment, and only later events rebuild trust: every counter
// restarts at the drop. Inactivity drops one tier per full window without an
// event of the user's own (default 365 days); their next event ends it.
//
// Method: the events relevant to each user (their own, plus a "conversion"
// when a referee of theirs first purchases) are bucketed per user in time
// order (a counting sort over the time-sorted log), then every user is
// replayed once, in parallel: O(E + U) work, O(E) memory. `tiers_reference`
// beside it re-evaluates the rules from scratch at one time and is the oracle
// in the tests.
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/base/text.hpp>  // month_index, month_name
#include <refnet/events/network.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

inline constexpr int kNumTiers = 5;
inline constexpr std::array<std::string_view, kNumTiers> kTierNames = {"none", "micro", "weak", "strong", "super"};

struct TierParams {
  // T (unix seconds); NaN means the network's analysis time.
  double at = std::numeric_limits<double>::quiet_NaN();
  std::uint32_t repurchase_count = 3;    // same-product purchases for weak
  std::uint32_t advocacy_events = 1;     // positive advocacy events for strong
  std::uint32_t converted_referees = 2;  // referees who purchased, for super
  double inactivity_days = 365;          // one tier lost per full window; 0 = never
  bool drop_on_complaint = true;
  bool drop_on_churn = true;
  bool drop_on_negative_review = true;
  bool transitions = false;  // keep each user's dated list of changes
  // When set, each user's last change after this time (compare's cause of a
  // move since A): one entry per user, no lists.
  double last_change_after = std::numeric_limits<double>::quiet_NaN();
  void validate() const;
};

struct TierChange {
  enum class Kind : std::uint8_t { kUp, kJump, kDrop };
  enum class Cause : std::uint8_t { kPurchase, kRepurchase, kAdvocacy, kConversion, kComplaint, kChurn,
                                    kNegativeReview, kInactivity, kReturn };
  double ts;
  std::uint8_t from;
  std::uint8_t to;
  Kind kind;
  Cause cause;
};
std::string_view to_string(TierChange::Kind k);
std::string_view to_string(TierChange::Cause c);

struct UserTier {
  std::uint8_t tier = 0;
  // When the user reached this tier; for tier 0 when they were first seen.
  // NaN for a user not known at T.
  double since = std::numeric_limits<double>::quiet_NaN();
};

struct CohortRow {
  std::int32_t month = 0;  // months since 1970-01 of the user's join (first signup or purchase)
  std::uint64_t users = 0;
  std::array<std::uint64_t, kNumTiers> per_tier{};
};

struct Funnel {
  std::array<std::uint64_t, kNumTiers> per_tier{};  // users at each tier at T
  std::array<std::uint64_t, kNumTiers> reached{};   // users at this tier or above at T
  std::array<double, kNumTiers - 1> conversion{};   // reached[k+1] / reached[k]
  std::uint64_t ever_dropped = 0;                   // users with at least one drop up to T
  std::array<std::uint64_t, kNumTiers> drops_from{};  // drops by the tier they left
  std::array<std::uint64_t, 9> drops_by_cause{};      // indexed by TierChange::Cause
  std::uint64_t never_joined = 0;                   // users with no cohort
};

struct TierResult {
  double at = 0;
  std::vector<UserTier> users;  // by user id; users who appear in no event stay tier 0
  std::vector<std::vector<TierChange>> transitions;  // per user, when params.transitions
  // Per user, when params.last_change_after is set: the last change after it,
  // ts NaN when there is none.
  std::vector<TierChange> last_change;
  Funnel funnel;
  std::vector<CohortRow> cohorts;  // by month
};

TierResult tiers(const Network& net, const TierParams& params, const Progress& progress = {});

// Sets the drop_on_* switches from a comma-separated list of complaint, churn,
// negative-review, or "none". Throws UsageError for anything else.
void set_drop_events(TierParams& params, std::string_view list);

// The oracle: every user's tier at params.at, found by re-reading the whole
// log per rule. Slow (O(U * E) in the worst case); for tests only.
std::vector<std::uint8_t> tiers_reference(const Network& net, const TierParams& params);

}  // namespace refnet
