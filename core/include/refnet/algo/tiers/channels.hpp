// The trust-tier funnel by acquisition channel: users grouped by the channel
// of the event they joined with (their first signup or purchase; "" when it
// has none, and users who never joined are left out, as in the cohorts), and
// for each channel the users per tier at T, those at each tier or above, and
// the conversion between adjacent tiers. O(events + users).
#pragma once

#include <refnet/algo/tiers/tiers.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace refnet {

struct ChannelFunnel {
  std::string channel;
  std::uint64_t users = 0;
  std::array<std::uint64_t, kNumTiers> per_tier{};
  std::array<std::uint64_t, kNumTiers> reached{};
  std::array<double, kNumTiers - 1> conversion{};
};

// Channels by users, most first (ties: by name). `r` must come from tiers() on `net`.
std::vector<ChannelFunnel> funnels_by_channel(const Network& net, const TierResult& r);

}  // namespace refnet
