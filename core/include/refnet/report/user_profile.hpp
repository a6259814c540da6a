// One user's page (`refnet user NET ID`, and each user page of the HTML
// report): where the user stands and why, gathered from the analyses that
// already cover every user.
//
//   tier history   their entry in the trust tiers with transitions (tiers.hpp)
//   rank           their position in the explained super-user ranking
//                  (rank/super_users.hpp); the JSON adds the components
//   referrals      who acquired them and when, and everyone they brought in:
//                  their subtree of the acquisition forest, breadth-first
//   Dunbar layers  their word-of-mouth out-row, which the network keeps ordered
//                  by strength, so a tie's position is its Dunbar rank: the
//                  ring of each layer (ranks previous size + 1 .. size) with its
//                  tie count, summed strength and strongest ties
//   reach          reach within 1 .. hops hops (reach.hpp, the given ties)
//   prospects      their anchor entry in prospects.hpp, when they are one
//
// Nothing here recomputes an analysis: the caller passes the results
// (ProfileSources), so that a report with 2,000 pages pays for each analysis
// once; profile_user runs them for a single user. Cost per user: O(out-degree
// + subtree cap) plus one reach run for all the users asked at once; O(n) once
// to index the ranking and the forest's children.
#pragma once

#include <refnet/algo/community/louvain.hpp>
#include <refnet/algo/rank/super_users.hpp>
#include <refnet/algo/reach/prospects.hpp>
#include <refnet/algo/reach/reach.hpp>
#include <refnet/algo/tiers/tiers.hpp>
#include <refnet/base/progress.hpp>
#include <refnet/events/network.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace refnet {

// A tree as the report draws it: its members breadth-first (a parent always
// before its children, children by join time), cut after whole generations
// when it is larger than a cap.
struct SampledTree {
  struct Node {
    VertexId user = 0;
    std::int32_t parent = -1;                             // index in `nodes`; -1 for the root
    double t = std::numeric_limits<double>::quiet_NaN();  // joined; NaN when unknown
  };
  std::uint64_t size = 0;   // members in the whole tree
  std::uint32_t depth = 0;  // generations below the root, in the whole tree
  std::vector<Node> nodes;
  std::uint64_t omitted = 0;  // size - nodes.size()
};

// The children of each node of a forest given by parent pointers (kNoVertex:
// a root), each node's children ordered by time, then by index.
class ForestChildren {
 public:
  ForestChildren(const std::vector<VertexId>& parent, const std::vector<double>& time);
  std::span<const VertexId> of(VertexId v) const { return {child_.data() + start_[v], start_[v + 1] - start_[v]}; }

 private:
  std::vector<std::uint64_t> start_;
  std::vector<VertexId> child_;
};

// The tree below `root`, breadth-first. Whole generations are kept while they
// fit in `max_nodes`; when even the first generation does not fit, the first
// `max_nodes` members breadth-first. `user` maps a node to its user (empty:
// nodes are users), `time` gives each node's join time.
SampledTree sample_tree(const ForestChildren& children, VertexId root, const std::vector<double>& time,
                        const std::vector<VertexId>& user, std::uint64_t max_nodes);

struct UserProfileParams {
  std::uint64_t subtree_max_nodes = 500;              // referral subtree cap
  std::uint32_t ties_per_layer = 10;                  // strongest ties listed per Dunbar ring
  std::vector<std::uint32_t> layers = kDunbarLayers;  // cumulative sizes; the last is the cap
  std::uint32_t max_prospects = 20;
  std::uint32_t max_transitions = 200;  // the most recent kept
  std::uint32_t hops = 2;               // reach per hop, 1..hops
  TieFilter reach_ties = dunbar_ties(kDunbarNumber);
  void validate() const;
};

struct DunbarRing {
  std::uint32_t size = 0;   // the layer's cumulative size
  std::uint32_t ties = 0;   // the user's ties of ranks previous size + 1 .. size
  double strength = 0;      // their summed strength
  std::vector<EdgeId> top;  // the strongest of them, strongest first
};

struct UserProfile {
  VertexId user = 0;
  // Tiers (event logs): the tier at T and the transitions, oldest first.
  bool has_tier = false;
  UserTier tier;
  std::vector<TierChange> transitions;  // at most max_transitions, the most recent
  std::uint64_t transitions_omitted = 0;
  std::uint64_t rank = 0;  // 1 = best; 0 without a ranking
  std::optional<std::uint32_t> community;
  bool has_referrals = false;  // event logs: the acquisition forest (graph files have none)
  VertexId referrer = kNoVertex;
  double acquired = std::numeric_limits<double>::quiet_NaN();  // when they joined, for acquired users
  SampledTree referral_subtree;                                // always has the user as nodes[0]
  std::vector<DunbarRing> dunbar_layers;
  std::uint32_t ties_out = 0, ties_in = 0, ties_negative = 0;
  std::vector<std::uint32_t> reach;  // reach within 1..hops
  std::optional<Anchor> prospects;   // when the user is a prospects anchor (max_prospects kept)
};

// The analyses a profile is read from; any may be null (then that part is
// absent). `tiers` must hold transitions for the tier history.
struct ProfileSources {
  const TierResult* tiers = nullptr;
  const SuperUserReport* ranking = nullptr;
  const CommunityResult* communities = nullptr;
  const ProspectResult* prospects = nullptr;
};

// Profiles of `users`, in that order. Phases: index, reach.
std::vector<UserProfile> user_profiles(const Network& net, const ProfileSources& sources,
                                       const std::vector<VertexId>& users, const UserProfileParams& params,
                                       const Progress& progress = {});

// One user's profile with the analyses it needs run here: tiers with
// transitions (event logs), the super-user ranking (as `refnet rank` with
// `ranking` params), prospects. Phases: tiers, rank, prospects, profile.
struct UserReport {
  std::optional<TierResult> tiers;
  std::optional<SuperUserReport> ranking;
  std::optional<ProspectResult> prospects;
  UserProfile profile;
};
UserReport profile_user(const Network& net, VertexId user, const UserProfileParams& params,
                        const SuperUserParams& ranking, const Progress& progress = {});

}  // namespace refnet
