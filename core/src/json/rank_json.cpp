#include <refnet/json/rank_json.hpp>

#include <refnet/base/escape.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace refnet {

namespace {
std::string top_share(float percentile) {
  const double top = std::clamp(std::ceil((1.0 - percentile) * 100.0 - 1e-9), 1.0, 100.0);
  return "top " + std::to_string(static_cast<int>(top)) + "%";
}

std::string describe(std::size_t c, double value) {
  char buf[96];
  switch (c) {
    case kDescendants: std::snprintf(buf, sizeof buf, "%.0f descendants", value); break;
    case kConvertedReferrals: std::snprintf(buf, sizeof buf, "%.0f converted referrals", value); break;
    case kReach: std::snprintf(buf, sizeof buf, "reaches %.0f in 2 hops", value); break;
    case kPageRank: std::snprintf(buf, sizeof buf, "PageRank %.2g", value); break;
    case kInfluence: std::snprintf(buf, sizeof buf, "in %.2g%% of RR sets", 100 * value); break;
    case kTier: std::snprintf(buf, sizeof buf, "tier %s", std::string(kTierNames[static_cast<int>(value)]).c_str()); break;
    case kPurchases: std::snprintf(buf, sizeof buf, "%.0f purchases", value); break;
    default: buf[0] = '\0';
  }
  return buf;
}

nlohmann::json concentration_json(const Concentration& c) {
  nlohmann::json lorenz = nlohmann::json::array();
  for (const auto& [p, share] : c.lorenz) lorenz.push_back({p, share});
  return {{"population", c.population}, {"total", c.total},     {"top_fraction", c.top_fraction},
          {"top_share", c.top_share},   {"gini", c.gini},       {"lorenz", lorenz}};
}
}  // namespace

nlohmann::json params_json(const SuperUserParams& p) {
  nlohmann::json w = nlohmann::json::object();
  for (std::size_t c = 0; c < kNumRankComponents; ++c) w[std::string(kRankComponentNames[c])] = p.weights.w[c];
  return {{"weights", w}, {"dunbar", p.dunbar}, {"influence", {{"top_fraction", p.influence.top_fraction}, {"target_count", p.influence.target_count},
                              {"sets", p.influence.sets == 0 ? nlohmann::json("auto") : nlohmann::json(p.influence.sets)}}},
          {"pagerank_iterations", p.pagerank_iterations}};
}

std::string explain_user(const Network& net, const SuperUserReport& r, VertexId v, std::size_t rank) {
  std::vector<std::size_t> order;
  for (std::size_t c = 0; c < kNumRankComponents; ++c)
    if (r.rank.available[c] && r.rank.weight[c] * r.rank.percentile[v][c] > 0) order.push_back(c);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return r.rank.weight[a] * r.rank.percentile[v][a] > r.rank.weight[b] * r.rank.percentile[v][b];
  });
  char head[160];
  std::snprintf(head, sizeof head, "rank %zu: %s (score %.3f)", rank, std::string(net.log.users.name(v)).c_str(),
                r.rank.score[v]);
  std::string line = head;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::size_t c = order[i];
    line += i == 0 ? ": " : ", ";
    line += describe(c, r.inputs.raw[c][v]);
    if (c != kTier) line += " (" + top_share(r.rank.percentile[v][c]) + ")";
  }
  if (order.empty()) line += ": no component above the lowest";
  return line;
}

nlohmann::json score_parts_json(const SuperUserReport& r, VertexId v) {
  nlohmann::json parts = nlohmann::json::object();
  for (std::size_t c = 0; c < kNumRankComponents; ++c) {
    if (!r.rank.available[c]) continue;
    const double pct = r.rank.percentile[v][c];
    parts[std::string(kRankComponentNames[c])] = {
        {"value", r.inputs.raw[c][v]}, {"percentile", pct}, {"contribution", r.rank.weight[c] * pct}};
  }
  return parts;
}

nlohmann::json super_users_json(const Network& net, const SuperUserReport& r, std::size_t top, bool all_users,
                                StreamedDocument* stream) {
  nlohmann::json components = nlohmann::json::array();
  for (std::size_t c = 0; c < kNumRankComponents; ++c)
    components.push_back({{"name", kRankComponentNames[c]}, {"available", r.rank.available[c]}, {"weight", r.rank.weight[c]}});
  nlohmann::json rows = nlohmann::json::array();
  const std::size_t shown = std::min(top, r.rank.ranking.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const VertexId v = r.rank.ranking[i];
    rows.push_back({{"rank", i + 1},
                    {"id", net.log.users.name(v)},
                    {"score", r.rank.score[v]},
                    {"components", score_parts_json(r, v)},
                    {"explanation", explain_user(net, r, v, i + 1)}});
  }
  nlohmann::json out = {{"users", net.num_users()},
                        {"components", components},
                        {"reach_method", r.reach_method.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.reach_method)},
                        {"influence_rr_sets", r.influence ? r.influence->sets : 0},
                        {"top", rows}};
  if (r.influence) {
    // How precise the influence component is: the share of the user at the
    // top-1% boundary has this relative standard error (binomial counts).
    out["influence_sample"] = {{"sets", r.influence->sets},
                               {"nodes", r.influence->nodes},
                               {"boundary_count", r.influence->boundary_count},
                               {"boundary_relative_error", r.influence->boundary_error()},
                               {"reached_target", r.influence->reached_target}};
  }
  nlohmann::json pareto = nlohmann::json::object();
  if (r.referrals) pareto["referrals"] = concentration_json(*r.referrals);
  if (r.value) pareto["value"] = concentration_json(*r.value);
  out["pareto"] = pareto;
  if (r.homophily) {
    const HomophilyResult& h = *r.homophily;
    out["homophily"] = {{"ties", h.ties},
                        {"tier_assortativity", h.assortativity},
                        {"tier_numeric_assortativity", h.numeric_assortativity},
                        {"super_ties", h.super_ties},
                        {"super_to_super_share", h.super_to_super_share},
                        {"super_expected_share", h.super_expected_share},
                        {"super_population_share", h.super_population_share},
                        {"super_lift", h.super_lift}};
  }
  if (all_users && stream) {
    out["all"] = stream->defer([&net, &r](JsonWriter& w) {
      w.raw('[');
      for (std::size_t i = 0; i < r.rank.ranking.size(); ++i) {
        const VertexId v = r.rank.ranking[i];
        w.raw(i ? ",\n{\"rank\":" : "\n{\"rank\":");
        w.number(static_cast<std::uint64_t>(i + 1));
        w.raw(",\"id\":");
        w.string(net.log.users.name(v));
        w.raw(",\"score\":");
        w.number(r.rank.score[v]);
        w.raw('}');
      }
      w.raw(r.rank.ranking.empty() ? "]" : "\n]");
    });
  } else if (all_users) {
    nlohmann::json all = nlohmann::json::array();
    for (std::size_t i = 0; i < r.rank.ranking.size(); ++i)
      all.push_back({{"rank", i + 1}, {"id", net.log.users.name(r.rank.ranking[i])}, {"score", r.rank.score[r.rank.ranking[i]]}});
    out["all"] = all;
  }
  return out;
}

}  // namespace refnet
