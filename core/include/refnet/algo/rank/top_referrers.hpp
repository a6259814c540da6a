// The users who brought in the most others, by the referral forest: everyone
// below them (directly or down the chain), then their direct acquisitions.
// O(n) for the counts plus the sort of the referrers.
#pragma once

#include <refnet/events/network.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace refnet {

struct ReferrerRow {
  VertexId user;
  std::uint64_t acquisitions;  // direct referees acquired through them
  std::uint64_t descendants;   // everyone below them in the forest
};

// The k best referrers, most descendants first (ties: more acquisitions, then
// the lower vertex id); users who acquired nobody are never listed.
std::vector<ReferrerRow> top_referrers(const Network& net, std::size_t k);

}  // namespace refnet
