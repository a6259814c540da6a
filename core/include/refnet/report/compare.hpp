// What changed between two dates (`refnet compare NET --at A --vs B`, and the
// `compare` section of `analyze --vs`): the networks as of A and as of B are
// rebuilt from the same events (events/window.hpp), each analysed, and their
// results set side by side (a date the input's network already stands at, as
// a snapshot's own date usually is for B, uses it as it is):
//   tiers      the transition matrix (tier at A x tier at B, and the users new
//              by B by their tier), every user whose tier changed with the
//              cause and time of their last change before B, super users
//              (tier super) gained and lost;
//   cascades   the referral cascades and K-factor at each date, overall and by
//              channel, and the adoptions in between;
//   reach      the distribution of Dunbar-capped 2-hop reach at each date
//              (exact, or HyperANF on very large networks, as in analyze);
//   referrers  the top referrers at B with their rank and descendants at A.
// Users are matched by their id (names), since each date numbers its own
// (by first appearance, so A's numbering is a prefix of B's, which is checked
// and then used).
#pragma once

#include <refnet/algo/cascade/cascade.hpp>
#include <refnet/algo/cascade/channels.hpp>
#include <refnet/algo/rank/top_referrers.hpp>
#include <refnet/algo/reach/reach.hpp>
#include <refnet/algo/tiers/tiers.hpp>
#include <refnet/base/progress.hpp>
#include <refnet/events/network.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace refnet {

struct CompareParams {
  double at = 0;   // A, the earlier date
  double vs = 0;   // B, the later date
  unsigned top = 10;   // referrers listed
  bool reach = true;   // the reach distributions (the costliest part)
  // Use the input's own network for a date it already stands at (a snapshot's
  // date, normally B) instead of rebuilding it; false rebuilds both dates, the
  // reference the tests hold the shortcut to.
  bool reuse_input = true;
  void validate() const;  // throws UsageError
};

// A user whose tier at B differs from their tier at A (or who is new by B).
struct TierMove {
  std::string id;
  int from;  // tier at A; -1: not known at A
  int to;    // tier at B
  TierChange::Cause cause;  // of their last change in (A, B]
  double when;              // its time
};

struct DateSide {
  double at = 0;
  std::uint64_t users = 0, events = 0;
  std::array<std::uint64_t, kNumTiers> per_tier{};
  CascadeSummary cascades;
  std::vector<ChannelReferrals> channels;
  std::optional<ReachDistribution> reach;
  std::string reach_method;
};

struct ReferrerMove {
  std::string id;
  std::size_t rank_b;
  std::optional<std::size_t> rank_a;  // none: not among A's referrers
  std::uint64_t descendants_a = 0, descendants_b = 0;
};

struct CompareReport {
  DateSide a, b;
  // matrix[i][j]: users at tier i at A and tier j at B; row kNumTiers: new by B.
  std::array<std::array<std::uint64_t, kNumTiers>, kNumTiers + 1> matrix{};
  std::uint64_t moved_up = 0, dropped = 0, unchanged = 0, new_users = 0;
  std::vector<TierMove> moves;  // users whose tier changed or who are new, by id order at B
  std::vector<std::string> super_gained, super_lost;
  std::vector<ReferrerMove> referrers;
};

// `net` holds the events (a snapshot or a raw log loaded without a window);
// `params` the tie model; the dates come from `p`. Phases: as_of_a, as_of_b.
CompareReport compare_dates(const Network& net, const NetworkParams& params, const CompareParams& p,
                            const Progress& progress = {});

}  // namespace refnet
