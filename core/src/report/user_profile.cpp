#include <refnet/report/user_profile.hpp>

#include <refnet/base/error.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace refnet {

void UserProfileParams::validate() const {
  if (subtree_max_nodes < 1) throw UsageError("the referral subtree cap must be at least 1");
  if (layers.empty()) throw UsageError("the Dunbar layers must not be empty");
  for (std::size_t i = 0; i < layers.size(); ++i)
    if (layers[i] == 0 || (i > 0 && layers[i] <= layers[i - 1]))
      throw UsageError("the Dunbar layer sizes must increase from at least 1");
  if (hops < 1) throw UsageError("the reach of a user page needs at least one hop");
  reach_ties.validate();
}

ForestChildren::ForestChildren(const std::vector<VertexId>& parent, const std::vector<double>& time) {
  const std::size_t n = parent.size();
  start_.assign(n + 1, 0);
  for (VertexId p : parent)
    if (p != kNoVertex) ++start_[p + 1];
  std::partial_sum(start_.begin(), start_.end(), start_.begin());
  child_.resize(start_[n]);
  std::vector<std::uint64_t> fill(start_.begin(), start_.end() - 1);
  for (VertexId v = 0; v < n; ++v)
    if (parent[v] != kNoVertex) child_[fill[parent[v]]++] = v;
  // Children by join time (unknown last), then index: the order they came in.
  const auto at = [&](VertexId v) { return v < time.size() && !std::isnan(time[v]) ? time[v] : INFINITY; };
  for (std::size_t v = 0; v < n; ++v) {
    if (start_[v + 1] - start_[v] < 2) continue;
    std::sort(child_.begin() + static_cast<std::ptrdiff_t>(start_[v]),
              child_.begin() + static_cast<std::ptrdiff_t>(start_[v + 1]),
              [&](VertexId a, VertexId b) { return at(a) != at(b) ? at(a) < at(b) : a < b; });
  }
}

SampledTree sample_tree(const ForestChildren& children, VertexId root, const std::vector<double>& time,
                        const std::vector<VertexId>& user, std::uint64_t max_nodes) {
  const auto time_of = [&](VertexId v) { return v < time.size() ? time[v] : std::nan(""); };
  const auto user_of = [&](VertexId v) { return user.empty() ? v : user[v]; };
  // The whole tree breadth-first, as node indices with their parents' positions;
  // `generation_end[g]` is where generation g ends.
  std::vector<VertexId> order{root};
  std::vector<std::int32_t> parent_pos{-1};
  std::vector<std::size_t> generation_end;
  std::size_t begin = 0;
  while (begin < order.size()) {
    const std::size_t end = order.size();
    generation_end.push_back(end);
    for (std::size_t i = begin; i < end; ++i)
      for (VertexId c : children.of(order[i])) {
        order.push_back(c);
        parent_pos.push_back(static_cast<std::int32_t>(i));
      }
    begin = end;
  }
  SampledTree t;
  t.size = order.size();
  t.depth = static_cast<std::uint32_t>(generation_end.size() - 1);
  std::size_t keep = std::min<std::size_t>(order.size(), max_nodes);
  if (keep < order.size()) {
    // Whole generations that fit; a prefix when not even the first one does.
    std::size_t whole = 0;
    for (std::size_t e : generation_end)
      if (e <= keep) whole = e;
    if (whole > 1) keep = whole;
  }
  t.nodes.reserve(keep);
  for (std::size_t i = 0; i < keep; ++i) t.nodes.push_back({user_of(order[i]), parent_pos[i], time_of(order[i])});
  t.omitted = t.size - keep;
  return t;
}

namespace {

// What the profiles read, indexed once.
struct ProfileIndex {
  std::vector<std::uint64_t> rank_of;  // 1-based; empty without a ranking
  ForestChildren children;
  std::vector<std::int64_t> anchor_of;  // index into the prospects' anchors, -1 for none

  ProfileIndex(const Network& net, const ProfileSources& s) : children(net.referral.parent, net.referral.acquired_at) {
    if (s.ranking) {
      rank_of.assign(net.num_users(), 0);
      const auto& ranking = s.ranking->rank.ranking;
      for (std::size_t i = 0; i < ranking.size(); ++i) rank_of[ranking[i]] = i + 1;
    }
    if (s.prospects) {
      anchor_of.assign(net.num_users(), -1);
      for (std::size_t i = 0; i < s.prospects->anchors.size(); ++i)
        anchor_of[s.prospects->anchors[i].user] = static_cast<std::int64_t>(i);
    }
  }
};

UserProfile profile_of(const Network& net, const ProfileSources& s, const ProfileIndex& index, VertexId u,
                       const UserProfileParams& p) {
  UserProfile out;
  out.user = u;
  if (s.tiers && u < s.tiers->users.size()) {
    out.has_tier = true;
    out.tier = s.tiers->users[u];
    if (u < s.tiers->transitions.size()) {
      const auto& all = s.tiers->transitions[u];
      const std::size_t skip = all.size() > p.max_transitions ? all.size() - p.max_transitions : 0;
      out.transitions.assign(all.begin() + static_cast<std::ptrdiff_t>(skip), all.end());
      out.transitions_omitted = skip;
    }
  }
  if (!index.rank_of.empty()) out.rank = index.rank_of[u];
  if (s.communities && u < s.communities->community.size()) out.community = s.communities->community[u];

  const ReferralForest& forest = net.referral;
  out.has_referrals = net.info.kind == InputKind::kEvents && u < forest.parent.size();
  if (u < forest.parent.size() && forest.parent[u] != kNoVertex) {
    out.referrer = forest.parent[u];
    out.acquired = forest.acquired_at[u];
  }
  if (u < forest.parent.size()) {
    out.referral_subtree = sample_tree(index.children, u, forest.acquired_at, {}, p.subtree_max_nodes);
  } else {  // a network without referral data
    out.referral_subtree.size = 1;
    out.referral_subtree.nodes.push_back({u, -1, std::nan("")});
  }

  const Graph& g = net.wom;
  if (u < g.num_vertices()) {
    out.ties_out = g.out_degree(u);
    out.ties_in = g.in_degree(u);
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e)
      if (g.sign(e) < 0) ++out.ties_negative;
    std::uint32_t inner = 0;
    for (std::uint32_t size : p.layers) {
      DunbarRing ring;
      ring.size = size;
      const EdgeId begin = g.out_begin(u) + std::min(inner, out.ties_out);
      const EdgeId end = g.out_begin(u) + std::min(size, out.ties_out);
      ring.ties = end - begin;
      for (EdgeId e = begin; e < end; ++e) {
        ring.strength += g.weight(e);
        if (ring.top.size() < p.ties_per_layer) ring.top.push_back(e);
      }
      out.dunbar_layers.push_back(std::move(ring));
      inner = size;
    }
  }

  if (!index.anchor_of.empty() && index.anchor_of[u] >= 0) {
    Anchor a = s.prospects->anchors[static_cast<std::size_t>(index.anchor_of[u])];
    if (a.prospects.size() > p.max_prospects) a.prospects.resize(p.max_prospects);
    out.prospects = std::move(a);
  }
  return out;
}

}  // namespace

std::vector<UserProfile> user_profiles(const Network& net, const ProfileSources& sources,
                                       const std::vector<VertexId>& users, const UserProfileParams& params,
                                       const Progress& progress) {
  params.validate();
  for (VertexId u : users)
    if (u >= net.num_users()) throw UsageError("user_profiles: no user " + std::to_string(u));
  Progress::Steps step(progress);
  step.next("index");
  const ProfileIndex index(net, sources);
  std::vector<UserProfile> out;
  out.reserve(users.size());
  for (VertexId u : users) out.push_back(profile_of(net, sources, index, u, params));
  if (!users.empty() && net.wom.num_vertices() == net.num_users()) {
    ReachParams rp;
    rp.hops = params.hops;
    rp.ties = params.reach_ties;
    rp.sources = users;
    const ReachResult r = reach(net.wom, rp, step.next("reach"));
    for (std::size_t i = 0; i < users.size(); ++i)
      for (std::uint32_t h = 1; h <= r.hops; ++h) out[i].reach.push_back(r.at(i, h));
  }
  return out;
}

UserReport profile_user(const Network& net, VertexId user, const UserProfileParams& params,
                        const SuperUserParams& ranking, const Progress& progress) {
  params.validate();
  if (user >= net.num_users()) throw UsageError("profile_user: no user " + std::to_string(user));
  UserReport out;
  Progress::Steps step(progress);
  if (net.info.kind == InputKind::kEvents) {
    TierParams tp = ranking.tiers;
    tp.transitions = true;
    out.tiers = tiers(net, tp, step.next("tiers"));
  }
  if (net.num_users() > 0 && (net.wom.num_edges() > 0 || net.referral.referrals > 0))
    out.ranking = super_users(net, ranking, step.next("rank"));
  if (net.wom.num_edges() > 0) {
    ProspectParams pp;
    pp.max_prospects = params.max_prospects;
    out.prospects = prospects(net, pp, step.next("prospects"));
  }
  ProfileSources sources;
  sources.tiers = out.tiers ? &*out.tiers : nullptr;
  sources.ranking = out.ranking ? &*out.ranking : nullptr;
  sources.prospects = out.prospects ? &*out.prospects : nullptr;
  out.profile = std::move(user_profiles(net, sources, {user}, params, step.next("profile")).front());
  return out;
}

}  // namespace refnet
