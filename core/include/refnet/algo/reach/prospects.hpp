// Prospects (DESIGN.md section 4): for each super user, the up-to-150
// strongest contacts who are not yet strong or super advocates, ranked by
// how much it would be worth to win them: tie strength times their own reach.
//
// Anchors: the super users of the trust tiers (tiers.hpp) when the network
// comes from an event log; for graph inputs, which have no tiers, the
// `top_anchors` users with the largest exact reach. Contacts: an anchor's
// `contacts` strongest ties (the Dunbar cap, 150), positive ones only (a
// negative tie is not a relationship to cultivate), to users below tier
// strong (any user, for graph inputs). Score: strength * reach of the
// contact within `hops` hops (reach.hpp, through `ties`); ties in score go to
// the stronger (lower-ranked) tie.
//
// Cost: one exact reach run over the contacts (with tiers) or over every user
// (without), plus O(anchors * contacts log contacts). `prospects_reference`
// recomputes the same from the plain-BFS reach, for the tests.
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/algo/reach/reach.hpp>
#include <refnet/events/network.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace refnet {

inline constexpr std::uint8_t kTierUnknown = 255;

struct ProspectParams {
  std::uint32_t contacts = kDunbarNumber;       // strongest ties of an anchor looked at
  std::uint32_t max_prospects = kDunbarNumber;  // kept per anchor
  std::uint32_t hops = 2;                       // the reach that scores a contact
  TieFilter ties = dunbar_ties(kDunbarNumber);  // ... walking these ties
  std::uint32_t top_anchors = 10;               // graph inputs: anchors by reach
  void validate() const;
};

struct Prospect {
  VertexId user = 0;
  std::uint32_t rank = 0;   // 1-based Dunbar rank of the anchor's tie to them
  float strength = 0;
  std::uint8_t tier = kTierUnknown;
  std::uint32_t reach = 0;  // within params.hops
  double score = 0;         // strength * reach
};

struct Anchor {
  VertexId user = 0;
  std::uint8_t tier = kTierUnknown;
  std::uint32_t reach = 0;  // the anchor's own reach, when anchors are chosen by it
  std::uint32_t contacts_skipped_advocates = 0;  // strong or super contacts left out
  std::uint32_t contacts_skipped_negative = 0;   // negative ties left out
  std::vector<Prospect> prospects;
};

struct ProspectResult {
  bool by_tiers = false;  // anchors are super users (else: top users by reach)
  std::uint32_t hops = 0;
  std::vector<Anchor> anchors;
};

ProspectResult prospects(const Network& net, const ProspectParams& params, const Progress& progress = {});
ProspectResult prospects_reference(const Network& net, const ProspectParams& params);

}  // namespace refnet
