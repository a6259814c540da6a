#include <refnet/json/html_report_json.hpp>

#include <refnet/base/text.hpp>
#include <refnet/json/cascade_json.hpp>
#include <refnet/json/prospects_json.hpp>
#include <refnet/json/rank_json.hpp>
#include <refnet/json/report_json.hpp>

#include <cmath>
#include <map>
#include <unordered_map>

namespace refnet {

namespace {

nlohmann::json number_or_null(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }
nlohmann::json iso_or_null(double t) {
  return std::isfinite(t) ? nlohmann::json(format_iso8601(t)) : nlohmann::json(nullptr);
}
std::string id(const Network& net, VertexId v) { return std::string(net.log.users.name(v)); }

// 12345 -> "12,345", for the sentences of `sampling.how`.
std::string grouped(std::uint64_t v) {
  std::string digits = std::to_string(v);
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

nlohmann::json transition_json(const TierChange& c) {
  return {{"ts", c.ts},
          {"ts_iso", format_iso8601(c.ts)},
          {"from", kTierNames[c.from]},
          {"to", kTierNames[c.to]},
          {"kind", to_string(c.kind)},
          {"cause", to_string(c.cause)}};
}

nlohmann::json tier_timeline_json(const TierTimeline& t) {
  nlohmann::json months = nlohmann::json::array();
  for (const TierMonth& m : t.months) {
    nlohmann::json causes = nlohmann::json::object();
    for (std::size_t c = 0; c < m.by_cause.size(); ++c)
      if (m.by_cause[c]) causes[std::string(to_string(static_cast<TierChange::Cause>(c)))] = m.by_cause[c];
    months.push_back({{"month", month_name(m.month)},
                      {"counts", m.counts},
                      {"up", m.by_kind[static_cast<std::size_t>(TierChange::Kind::kUp)]},
                      {"jump", m.by_kind[static_cast<std::size_t>(TierChange::Kind::kJump)]},
                      {"drop", m.by_kind[static_cast<std::size_t>(TierChange::Kind::kDrop)]},
                      {"by_cause", causes}});
  }
  nlohmann::json moves = nlohmann::json::array();
  for (int from = 0; from < kNumTiers; ++from)
    for (int to = 0; to < kNumTiers; ++to)
      if (t.moves[from][to])
        moves.push_back({{"from", kTierNames[from]}, {"to", kTierNames[to]}, {"count", t.moves[from][to]}});
  return {{"months", months}, {"transitions", moves}};
}

nlohmann::json network_json(const Network& net, const ReportData& d, const SuperUserReport* ranking, std::string how) {
  const NetworkSample& s = *d.network;
  const CommunityResult& c = *d.communities;
  std::unordered_map<VertexId, std::size_t> index;
  nlohmann::json nodes = nlohmann::json::array();
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    const NetworkSample::Node& node = s.nodes[i];
    const VertexId v = node.user;
    index.emplace(v, i);
    nlohmann::json roles = nlohmann::json::array();
    if (node.roles & kRoleLeader) roles.push_back("leader");
    if (node.roles & kRoleTop) roles.push_back("top");
    if (node.roles & kRoleEgo) roles.push_back("ego");
    if (node.roles & kRoleMember) roles.push_back("member");
    nodes.push_back({{"id", id(net, v)},
                     {"community", c.community[v]},
                     {"leader", d.leaders[c.community[v]] == v},
                     {"tier", d.tiers ? nlohmann::json(d.tiers->users[v].tier) : nlohmann::json(nullptr)},
                     {"score", ranking ? ranking->rank.score[v] : 0.0},
                     {"roles", roles}});
  }
  const Graph& g = net.wom;
  nlohmann::json edges = nlohmann::json::array();
  for (EdgeId e : s.edges)
    edges.push_back(
        {{"s", index.at(g.source(e))}, {"t", index.at(g.target(e))}, {"w", g.weight(e)}, {"sign", g.sign(e)}});
  nlohmann::json communities = nlohmann::json::array();
  for (const NetworkSample::Community& k : s.communities)
    communities.push_back({{"community", k.community},
                           {"size", c.size[k.community]},
                           {"shown", k.shown},
                           {"leader", id(net, d.leaders[k.community])}});
  nlohmann::json egos = nlohmann::json::array();
  for (VertexId v : s.egos) egos.push_back(id(net, v));
  return {{"how", std::move(how)}, {"nodes", nodes}, {"edges", edges}, {"communities", communities}, {"egos", egos}};
}

}  // namespace

nlohmann::json sampled_tree_json(const Network& net, const SampledTree& tree) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const SampledTree::Node& n : tree.nodes)
    nodes.push_back({{"id", id(net, n.user)}, {"parent", n.parent}, {"t", number_or_null(n.t)}});
  return {{"size", tree.size}, {"depth", tree.depth}, {"nodes", nodes}, {"omitted", tree.omitted}};
}

nlohmann::json user_profile_json(const Network& net, const UserProfile& p, const SuperUserReport* ranking,
                                 const ProspectResult* prospects) {
  const VertexId v = p.user;
  nlohmann::json j = nlohmann::json::object();
  if (p.has_tier) {
    j["tier"] = p.tier.tier;
    j["tier_name"] = kTierNames[p.tier.tier];
    j["since"] = number_or_null(p.tier.since);
    j["since_iso"] = iso_or_null(p.tier.since);
    nlohmann::json changes = nlohmann::json::array();
    for (const TierChange& c : p.transitions) changes.push_back(transition_json(c));
    j["transitions"] = changes;
    j["transitions_omitted"] = p.transitions_omitted;  // 0 unless more than max_transitions
  } else {
    j["tier"] = nullptr;
    j["tier_name"] = nullptr;
  }
  if (ranking && p.rank > 0) {
    j["rank"] = p.rank;
    j["score"] = ranking->rank.score[v];
    j["components"] = score_parts_json(*ranking, v);
    j["explanation"] = explain_user(net, *ranking, v, p.rank);
  }
  j["community"] = p.community ? nlohmann::json(*p.community) : nlohmann::json(nullptr);
  if (p.has_referrals) {
    const bool acquired = p.referrer != kNoVertex;
    j["referrer"] = acquired ? nlohmann::json(id(net, p.referrer)) : nlohmann::json(nullptr);
    j["acquired"] = acquired ? number_or_null(p.acquired) : nlohmann::json(nullptr);
    j["referral_subtree"] = sampled_tree_json(net, p.referral_subtree);
  }
  if (!p.dunbar_layers.empty()) {
    std::vector<std::uint32_t> sizes;
    for (const DunbarRing& r : p.dunbar_layers) sizes.push_back(r.size);
    const Graph& g = net.wom;
    const EdgeId row = g.out_begin(v);
    nlohmann::json layers = nlohmann::json::array();
    for (const DunbarRing& r : p.dunbar_layers) {
      nlohmann::json top = nlohmann::json::array();
      for (EdgeId e : r.top)
        top.push_back({{"id", id(net, g.target(e))}, {"w", g.weight(e)}, {"sign", g.sign(e)}, {"rank", e - row + 1}});
      layers.push_back({{"layer", layer_name(r.size, sizes)},
                        {"size", r.size},
                        {"ties", r.ties},
                        {"strength", r.strength},
                        {"top", top}});
    }
    j["dunbar_layers"] = layers;
  }
  j["ties"] = {{"out", p.ties_out}, {"in", p.ties_in}, {"negative", p.ties_negative}};
  if (!p.reach.empty()) j["reach"] = p.reach;
  if (p.prospects && prospects) {
    const ProspectResult one{prospects->by_tiers, prospects->hops, {*p.prospects}};
    j["prospects"] = prospects_json(net, one)["anchors"][0]["prospects"];
  }
  return j;
}

nlohmann::json report_envelope(const nlohmann::json& envelope) {
  nlohmann::json input = nullptr;
  if (envelope.contains("input") && envelope["input"].is_object()) {
    const nlohmann::json& in = envelope["input"];
    input = {{"path", in.value("path", nlohmann::json(nullptr))},
             {"sha256", in.value("sha256", nlohmann::json(nullptr))},
             {"n", in.value("n", nlohmann::json(nullptr))},
             {"m", in.value("m", nlohmann::json(nullptr))}};
  }
  return {{"tool", envelope.value("tool", "")},
          {"version", envelope.value("version", "")},
          {"input", input},
          {"params", envelope.value("params", nlohmann::json::object())},
          {"seed", envelope.value("seed", nlohmann::json(nullptr))},
          {"threads", envelope.value("threads", nlohmann::json(nullptr))}};
}

nlohmann::json report_data_json(const Network& net, const AnalysisReport& report, const ReportParams& analysis_params,
                                const ReportData& d, const ReportHeader& header) {
  const HtmlReportParams& p = d.params;
  const SuperUserReport* ranking = report.super_users ? &*report.super_users : nullptr;
  ReportParams longer = analysis_params;
  longer.top = p.top;
  nlohmann::json analysis = analysis_json(net, report, longer);
  if (report.cascades && d.cascades)
    analysis["cascades"] = cascades_json(net, report.cascades->forest, *d.cascades, report.cascades->source);
  if (report.top_referrers) {
    nlohmann::json referrers = nlohmann::json::array();
    for (const ReferrerRow& r : d.top_referrers)
      referrers.push_back({{"id", id(net, r.user)}, {"acquisitions", r.acquisitions}, {"descendants", r.descendants}});
    analysis["top_referrers"] = referrers;
  }

  nlohmann::json out = {{"schema", kReportSchema},
                        {"title", header.title},
                        {"generated", header.generated},
                        {"envelope", header.envelope},
                        {"analysis", std::move(analysis)}};

  if (d.timeline) out["tier_timeline"] = tier_timeline_json(*d.timeline);
  if (!d.trees.empty()) {
    nlohmann::json trees = nlohmann::json::array();
    for (std::size_t i = 0; i < d.trees.size(); ++i) {
      const CascadeRecord& c = d.cascades->cascades[i];
      nlohmann::json t = sampled_tree_json(net, d.trees[i]);
      t["root"] = id(net, d.trees[i].nodes.front().user);
      t["max_breadth"] = c.max_breadth;
      t["structural_virality"] = c.virality;
      t["start"] = number_or_null(c.start);
      t["start_iso"] = iso_or_null(c.start);
      t["duration_seconds"] = number_or_null(c.duration);
      trees.push_back(std::move(t));
    }
    out["cascade_trees"] = trees;
  }
  if (!d.reach_bins.empty()) {
    nlohmann::json bins = nlohmann::json::array();
    for (const ReachBin& b : d.reach_bins) bins.push_back({{"from", b.from}, {"to", b.to}, {"users", b.users}});
    const TieFilter* ties = report.reach()            ? &report.reach()->ties
                            : report.reach_estimate() ? &report.reach_estimate()->ties
                                                      : nullptr;
    out["reach_histogram"] = {
        {"hops", d.reach_hops}, {"ties", ties ? nlohmann::json(ties->label) : nlohmann::json(nullptr)}, {"bins", bins}};
  }
  if (!d.dunbar.empty()) {
    std::vector<std::uint32_t> sizes;
    for (const DunbarLayerSummary& l : d.dunbar) sizes.push_back(l.size);
    nlohmann::json layers = nlohmann::json::array();
    for (const DunbarLayerSummary& l : d.dunbar)
      layers.push_back({{"layer", layer_name(l.size, sizes)},
                        {"size", l.size},
                        {"users_full", l.users_full},
                        {"users_any", l.users_any},
                        {"strength_share", l.strength_share},
                        {"negative_share", l.negative_share}});
    out["dunbar"] = {{"cap", sizes.back()}, {"layers", layers}};
  }

  // What was bounded, and how, in words.
  std::vector<std::string> chosen;
  std::map<std::string, std::uint64_t> by_reason;
  for (std::uint16_t bits : d.pages.reasons)
    for (std::size_t r = 0; r < kPageReasonNames.size(); ++r)
      if (bits & (1u << r)) ++by_reason[std::string(kPageReasonNames[r])];
  const auto count = [&](const char* reason) { return by_reason.count(reason) ? by_reason[reason] : 0; };
  if (count("requested")) chosen.push_back("the " + grouped(count("requested")) + " users asked for");
  if (count("super_user")) chosen.push_back("the top " + grouped(count("super_user")) + " super users");
  if (count("seed")) chosen.push_back("the " + grouped(count("seed")) + " influence seeds");
  if (count("cascade_root"))
    chosen.push_back("the roots of the " + grouped(count("cascade_root")) + " largest cascades");
  if (count("top_referrer")) chosen.push_back("the top " + grouped(count("top_referrer")) + " referrers");
  if (count("top_reach")) chosen.push_back("the top " + grouped(count("top_reach")) + " users by reach");
  if (count("community_leader"))
    chosen.push_back("the leaders of the " + grouped(count("community_leader")) + " communities shown");
  std::string how = "User pages: ";
  for (std::size_t i = 0; i < chosen.size(); ++i) how += (i ? ", " : "") + chosen[i];
  if (count("random_sample"))
    how += std::string(chosen.empty() ? "" : ", then ") + "a uniform random sample (seed " + std::to_string(p.seed) +
           ") of " + grouped(count("random_sample")) + " of everyone else";
  how += ": " + grouped(d.pages.users.size()) + " pages in all, of " + grouped(net.num_users()) + " users. ";
  std::string network_how;
  if (d.network) {
    const NetworkSample& s = *d.network;
    std::uint64_t leaders = 0;
    for (const auto& node : s.nodes) leaders += (node.roles & kRoleLeader) ? 1 : 0;
    network_how = "the leaders of the " + grouped(leaders) + " largest communities with up to " +
                  grouped(p.community_members) +
                  " of their members each (the leader's strongest ties first, then by PageRank)";
    if (!s.egos.empty())
      network_how += ", and the " + grouped(p.ego_ties) + " strongest ties of each of the top " +
                     grouped(s.egos.size()) + " super users";
    network_how += ": " + grouped(s.nodes.size()) + " users and " + grouped(s.edges.size()) + " of the ties among them";
    network_how += s.nodes.size() >= p.network_nodes || s.edges.size() >= p.network_edges
                       ? " (at most " + grouped(p.network_nodes) + " users and " + grouped(p.network_edges) +
                             " ties, the strongest kept)."
                       : ".";
    how += "Network: " + network_how + " ";
  }
  if (!d.trees.empty())
    how += "Cascades: the " + grouped(d.trees.size()) +
           " largest drawn as trees, each cut after whole generations at " + grouped(p.tree_max_nodes) + " members. ";
  how +=
      "Everything else (the funnel, cohorts, tier timeline, cascade sizes, reach and Dunbar layers, Lorenz curves, "
      "homophily, seeds) is computed over all users.";

  out["sampling"] = {{"users_total", net.num_users()},
                     {"user_pages", d.pages.users.size()},
                     {"user_pages_by_reason", by_reason},
                     {"network_nodes", d.network ? d.network->nodes.size() : 0},
                     {"network_edges", d.network ? d.network->edges.size() : 0},
                     {"network_nodes_total", net.wom.num_vertices()},
                     {"network_edges_total", net.wom.num_edges()},
                     {"cascade_trees", d.trees.size()},
                     {"cascade_tree_max_nodes", p.tree_max_nodes},
                     {"how", how}};
  if (d.network) {
    network_how[0] = 'T';  // "the leaders ...", as a sentence of its own
    out["network"] = network_json(net, d, ranking, network_how);
  }

  nlohmann::json users = nlohmann::json::object();
  const ProspectResult* prospects = d.prospects ? &*d.prospects : nullptr;
  for (std::size_t i = 0; i < d.profiles.size(); ++i) {
    nlohmann::json page = user_profile_json(net, d.profiles[i], ranking, prospects);
    nlohmann::json reasons = nlohmann::json::array();
    for (std::size_t r = 0; r < kPageReasonNames.size(); ++r)
      if (d.pages.reasons[i] & (1u << r)) reasons.push_back(kPageReasonNames[r]);
    page["reasons"] = std::move(reasons);
    users[id(net, d.profiles[i].user)] = std::move(page);
  }
  out["users"] = std::move(users);
  return out;
}

}  // namespace refnet
