#include <refnet/algo/tiers/channels.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace refnet {

std::vector<ChannelFunnel> funnels_by_channel(const Network& net, const TierResult& r) {
  const std::size_t n = net.num_users();
  // The channel of each user's join event, kNone - 1 while not joined.
  constexpr std::uint32_t kNotJoined = kNone - 1;
  std::vector<std::uint32_t> joined_via(n, kNotJoined);
  for (const Event& e : net.log.events) {
    if (e.ts > r.at) break;
    if ((e.type == EventType::kSignup || e.type == EventType::kPurchase) && joined_via[e.src] == kNotJoined)
      joined_via[e.src] = e.channel;
  }
  std::map<std::uint32_t, ChannelFunnel> by;
  for (VertexId v = 0; v < n && v < r.users.size(); ++v) {
    if (joined_via[v] == kNotJoined || std::isnan(r.users[v].since)) continue;
    ChannelFunnel& f = by[joined_via[v]];
    ++f.users;
    ++f.per_tier[r.users[v].tier];
  }
  std::vector<ChannelFunnel> out;
  for (auto& [id, f] : by) {
    f.channel = id == kNone ? std::string() : std::string(net.log.channels.name(id));
    for (int t = kNumTiers - 1; t >= 0; --t) f.reached[t] = f.per_tier[t] + (t + 1 < kNumTiers ? f.reached[t + 1] : 0);
    for (int t = 0; t + 1 < kNumTiers; ++t)
      f.conversion[t] = f.reached[t] ? static_cast<double>(f.reached[t + 1]) / static_cast<double>(f.reached[t]) : 0.0;
    out.push_back(f);
  }
  std::sort(out.begin(), out.end(), [](const ChannelFunnel& a, const ChannelFunnel& b) {
    return a.users != b.users ? a.users > b.users : a.channel < b.channel;
  });
  return out;
}

}  // namespace refnet
