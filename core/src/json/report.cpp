#include <refnet/json/report.hpp>

#include <refnet/error.hpp>
#include <refnet/io/text.hpp>
#include <refnet/json/network_json.hpp>
#include <refnet/json/cascade_json.hpp>
#include <refnet/json/influence_json.hpp>
#include <refnet/json/rank_json.hpp>
#include <refnet/json/reach_json.hpp>
#include <refnet/json/summary_json.hpp>
#include <refnet/json/tiers_json.hpp>

#include <algorithm>
#include <optional>
#include <cstdio>
#include <sstream>

namespace refnet {

void ReportParams::validate() const {
  if (top == 0) throw UsageError("--top must be at least 1");
}

nlohmann::json params_json(const ReportParams& params) {
  return {{"top", params.top}, {"influence_k", params.influence_k}};
}

std::vector<ReferrerRow> top_referrers(const Network& net, std::size_t k) {
  const auto& parent = net.referral.parent;
  const std::size_t n = parent.size();
  std::vector<std::uint64_t> direct(n, 0);
  for (VertexId v = 0; v < n; ++v)
    if (parent[v] != kNoVertex) ++direct[parent[v]];
  const std::vector<std::uint64_t> below = referral_descendants(net.referral);
  std::vector<ReferrerRow> rows;
  for (VertexId v = 0; v < n; ++v)
    if (direct[v] > 0) rows.push_back({v, direct[v], below[v]});
  std::sort(rows.begin(), rows.end(), [](const ReferrerRow& a, const ReferrerRow& b) {
    if (a.descendants != b.descendants) return a.descendants > b.descendants;
    if (a.acquisitions != b.acquisitions) return a.acquisitions > b.acquisitions;
    return a.user < b.user;
  });
  if (rows.size() > k) rows.resize(k);
  return rows;
}

nlohmann::json analysis_report(const LoadedInput& input, const ReportParams& params, const PhaseCallback& on_phase) {
  params.validate();
  auto phase = [&](const std::string& p) {
    if (on_phase) on_phase(p);
  };
  const Network& net = input.network;
  nlohmann::json result;
  phase("info");
  result["network"] = info_json(net, summarize(net));
  phase("referrers");
  nlohmann::json referrers = nlohmann::json::array();
  for (const ReferrerRow& r : top_referrers(net, params.top))
    referrers.push_back({{"id", net.log.users.name(r.user)}, {"acquisitions", r.acquisitions}, {"descendants", r.descendants}});
  result["top_referrers"] = referrers;
  {
    phase("cascades");
    const CascadeSource source = resolve_source(net, CascadeSource::kAuto);
    CascadeParams cp;
    cp.top = params.top;
    cp.growth_top = 0;
    cp.min_size = 2;
    if (source == CascadeSource::kReferrals) cp.invitations = net.referral.referrals;
    // A cascade file is analysed without a social graph here: parents are the root.
    const CascadeForest forest = build_cascade_forest(net, source, Graph{}, ParentRule::kRoot);
    if (forest.size() > 0)
      result["cascades"] = cascades_json(net, forest, analyze_cascades(forest, cp), std::string(to_string(source)));
  }
  // The super-user ranking computes tiers and an IMM run among its components;
  // the tiers and influence sections reuse them.
  std::optional<SuperUserReport> su;
  if (net.num_users() > 0 && (net.wom.num_edges() > 0 || net.referral.referrals > 0)) {
    SuperUserParams sp;
    sp.influence_k = params.influence_k;
    sp.seed = params.seed;
    sp.on_phase = phase;
    su = super_users(net, sp);
    result["super_users"] = super_users_json(net, *su, params.top);
  }
  // The ranking's reach component is the section's Dunbar-capped 2-hop reach.
  phase("reach");
  const ReachReportOptions reach_options{false, params.top};
  if (su && su->reach)
    result["reach"] = reach_json(net, *su->reach, reach_options);
  else if (su && su->reach_estimate)
    result["reach"] = reach_json(net, *su->reach_estimate, {}, reach_options);
  else
    result["reach"] = reach_report(net, params.top);
  if (net.info.kind == InputKind::kEvents) {
    phase("tiers");
    // The funnel and cohorts; the per-user list is `refnet tiers`'s job.
    result["tiers"] = tiers_json(net, su && su->tiers ? *su->tiers : tiers(net, {}), false);
  }
  if (params.influence_k > 0) {
    // Default model (IC, probabilities by `auto`), IMM with epsilon 0.1: the
    // same run as the ranking's influence component.
    InfluenceModelParams model;
    model.seed = params.seed;
    const InfluenceGraph g = make_influence_graph(net.wom, net.info.weight_meaning, model);
    if (g.num_edges() > 0) {
      phase("influence");
      SeedsParams sp;
      sp.k = std::min<unsigned>(params.influence_k, g.n);
      sp.seed = params.seed;
      result["influence"] = seeds_json(net, g, model.ties, sp, su && su->seeds ? *su->seeds : select_seeds(g, sp));
    }
  }
  return result;
}

namespace {

std::string fmt_count(std::uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

std::string fmt_double(double v, int digits = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

std::string render_summary(const nlohmann::json& doc) {
  std::ostringstream out;
  const auto& result = doc.at("result");
  const auto& net = result.contains("network") ? result.at("network") : result;
  const auto& s = net.at("summary");
  const auto& b = net.at("build");
  out << doc.value("tool", "refnet") << " — ";
  if (doc.contains("input") && !doc["input"].is_null()) {
    for (const auto& f : doc["input"]["files"]) out << f["path"].get<std::string>() << " (" << f["format"].get<std::string>() << ") ";
  }
  out << "\n\n";
  out << "Network (as of " << b.value("analysis_time_iso", "") << ", " << b.value("kind", "") << " input)\n";
  out << "  users              " << fmt_count(s["users"]) << "\n";
  out << "  word-of-mouth ties " << fmt_count(s["ties"]) << " (" << fmt_count(s["negative_ties"]) << " negative)\n";
  out << "  events             " << fmt_count(s["events"]) << "\n";
  out << "  components         " << fmt_count(s["components"]["count"]) << " (largest " << fmt_count(s["components"]["largest"])
      << ", isolated users " << fmt_count(s["components"]["isolated"]) << ")\n";
  out << "  out-degree         mean " << fmt_double(s["out_degree"]["mean"]) << ", median "
      << fmt_double(s["out_degree"]["median"], 1) << ", max " << fmt_count(s["out_degree"]["max"]) << "\n";
  out << "  in-degree          mean " << fmt_double(s["in_degree"]["mean"]) << ", median "
      << fmt_double(s["in_degree"]["median"], 1) << ", max " << fmt_count(s["in_degree"]["max"]) << "\n";
  if (s["events"].get<std::uint64_t>() > 0) {
    out << "\nEvents by type\n";
    for (std::string_view name : kEventTypeNames) {
      const std::uint64_t count = b["events_per_type"].value(std::string(name), std::uint64_t{0});
      if (count > 0) out << "  " << name << std::string(19 - name.size(), ' ') << fmt_count(count) << "\n";
    }
    const auto& r = net.at("referral");
    out << "\nReferrals\n";
    out << "  referrals sent     " << fmt_count(r["referrals"]) << "\n";
    out << "  acquisitions       " << fmt_count(r["acquisitions"]) << " (users brought in by a referral)\n";
    out << "  organic users      " << fmt_count(r["organic_users"]) << " (came on their own)\n";
    out << "  re-referrals       " << fmt_count(r["re_referrals"]) << ", competing " << fmt_count(r["competing_referrals"])
        << ", never converted " << fmt_count(r["unconverted_referrals"]) << "\n";
    out << "  referral trees     " << fmt_count(s["referral_trees"]) << " (largest " << fmt_count(s["largest_referral_tree"])
        << " users, deepest " << fmt_count(s["deepest_referral_tree"]) << " generations)\n";
    if (r["anomaly_count"].get<std::uint64_t>() > 0)
      out << "  anomalies          " << fmt_count(r["anomaly_count"]) << " referrals would have closed a cycle\n";
  }
  if (result.contains("top_referrers") && !result["top_referrers"].empty()) {
    out << "\nTop referrers (by everyone they brought in, directly or down the chain)\n";
    out << "  rank  user                          direct  all descendants\n";
    int rank = 1;
    for (const auto& row : result["top_referrers"]) {
      char line[256];
      std::string id = row["id"];
      if (id.size() > 28) id = id.substr(0, 25) + "...";
      std::snprintf(line, sizeof line, "  %4d  %-28s  %6s  %15s\n", rank++, id.c_str(),
                    fmt_count(row["acquisitions"]).c_str(), fmt_count(row["descendants"]).c_str());
      out << line;
    }
  }
  if (result.contains("cascades")) out << "\n" << render_cascades(result["cascades"], 5);
  if (result.contains("reach")) out << "\n" << render_reach(result["reach"]);
  if (result.contains("tiers")) out << "\n" << render_tiers(result["tiers"]);
  if (result.contains("influence")) out << "\n" << render_seeds(result["influence"]);
  if (result.contains("super_users")) out << "\n" << render_super_users(result["super_users"], 10);
  return out.str();
}

}  // namespace refnet
