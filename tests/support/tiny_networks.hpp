// Tiny hand-made networks for tests, built directly (user table, WOM graph,
// referral forest) without the parsers or the network builder, so that a test
// of something that consumes a Network depends on nothing else. Draw the
// network as an ASCII diagram beside the test that uses it.
#pragma once

#include <refnet/events/network.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace refnet::test {

inline constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

struct TinyUser {
  std::string_view id;
  double acquired_at = kUnknown;  // first signup/purchase
  std::string_view referrer = {};  // empty: a root, or never acquired
  double referred_at = kUnknown;
};

struct TinyTie {
  std::string_view speaker;
  std::string_view listener;
  float strength;
  int sign = +1;
  double time = kUnknown;
};

// Users get dense ids in the order given. Each speaker's ties are ordered by
// decreasing strength (stable for equal strengths), as the network builder
// orders them, so Dunbar ranks follow strength; the WOM graph carries times
// when any tie has one (NaN for the others). Ties and referrers must name
// listed users.
inline Network make_network(const std::vector<TinyUser>& users, std::vector<TinyTie> ties) {
  Network net;
  for (const TinyUser& u : users) net.log.users.intern(u.id);
  const VertexId n = net.log.users.size();
  if (n != users.size()) throw std::invalid_argument("make_network: duplicate user id");
  const auto id_of = [&](std::string_view name) {
    const auto id = net.log.users.find(name);
    if (!id) throw std::invalid_argument("make_network: unknown user '" + std::string(name) + "'");
    return *id;
  };

  std::stable_sort(ties.begin(), ties.end(), [&](const TinyTie& a, const TinyTie& b) {
    return id_of(a.speaker) != id_of(b.speaker) ? id_of(a.speaker) < id_of(b.speaker)
                                                : a.strength > b.strength;
  });
  std::vector<Edge> edges;
  std::vector<float> weights;
  std::vector<double> times;
  const bool timed = std::any_of(ties.begin(), ties.end(),
                                 [](const TinyTie& t) { return !std::isnan(t.time); });
  for (const TinyTie& t : ties) {
    edges.push_back({id_of(t.speaker), id_of(t.listener)});
    weights.push_back(t.sign < 0 ? -t.strength : t.strength);
    if (timed) times.push_back(t.time);
  }
  net.wom = Graph::from_edges(n, edges, std::move(weights), std::move(times));

  ReferralForest& forest = net.referral;
  forest.parent.assign(n, kNoVertex);
  forest.acquired_at.assign(n, kUnknown);
  forest.referred_at.assign(n, kUnknown);
  for (VertexId v = 0; v < n; ++v) {
    const TinyUser& u = users[v];
    forest.acquired_at[v] = u.acquired_at;
    if (!u.referrer.empty()) {
      forest.parent[v] = id_of(u.referrer);
      forest.referred_at[v] = u.referred_at;
      ++forest.referrals;
      ++forest.acquisitions;
    }
  }
  net.info.kind = InputKind::kEvents;
  net.info.weight_meaning = "strength";
  return net;
}

}  // namespace refnet::test
