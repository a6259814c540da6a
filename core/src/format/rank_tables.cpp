#include <refnet/format/rank_tables.hpp>

#include <refnet/base/escape.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>

namespace refnet {

namespace {

}  // namespace

void write_super_users_csv(std::ostream& out, const Network& net, const SuperUserReport& r) {
  out << "rank,id,score";
  for (std::size_t c = 0; c < kNumRankComponents; ++c)
    if (r.rank.available[c]) {
      const std::string name(kRankComponentNames[c]);
      out << ',' << name << ',' << name << "_percentile," << name << "_contribution";
    }
  out << '\n';
  char num[64];
  for (std::size_t i = 0; i < r.rank.ranking.size(); ++i) {
    const VertexId v = r.rank.ranking[i];
    std::snprintf(num, sizeof num, "%.9g", r.rank.score[v]);
    out << i + 1 << ',' << csv_escape_text(net.log.users.name(v)) << ',' << num;
    for (std::size_t c = 0; c < kNumRankComponents; ++c) {
      if (!r.rank.available[c]) continue;
      const double pct = r.rank.percentile[v][c];
      std::snprintf(num, sizeof num, ",%.9g,%.6g,%.9g", r.inputs.raw[c][v], pct, r.rank.weight[c] * pct);
      out << num;
    }
    out << '\n';
  }
}

std::string render_super_users(const nlohmann::json& result, std::size_t top) {
  std::string out = "Super users (score = weighted percentiles of:";
  for (const auto& c : result.at("components"))
    if (c.at("available").get<bool>()) {
      char part[96];
      std::snprintf(part, sizeof part, " %s %.3g%%", c.at("name").get<std::string>().c_str(), 100 * c.at("weight").get<double>());
      out += part;
    }
  out += ")\n";
  std::size_t shown = 0;
  for (const auto& row : result.at("top")) {
    if (shown++ == top) break;
    out += "  " + row.at("explanation").get<std::string>() + "\n";
  }
  char line[256];
  const auto& pareto = result.at("pareto");
  auto pareto_line = [&](const char* key, const char* who, const char* what) {
    if (!pareto.contains(key)) return;
    const auto& c = pareto.at(key);
    std::snprintf(line, sizeof line, "  Pareto: the top %.0f%% of %llu %s brought %.1f%% of %s (Gini %.2f)\n",
                  100 * c.at("top_fraction").get<double>(),
                  static_cast<unsigned long long>(c.at("population").get<std::uint64_t>()), who,
                  100 * c.at("top_share").get<double>(), what, c.at("gini").get<double>());
    out += line;
  };
  pareto_line("referrals", "referrers", "acquisitions");
  pareto_line("value", "customers", "value");
  if (result.contains("homophily") && result.at("homophily").at("super_expected_share").get<double>() <= 0) {
    out += "  Homophily: not measured (no super users with word-of-mouth ties to compare)\n";
  } else if (result.contains("homophily")) {
    const auto& h = result.at("homophily");
    std::snprintf(line, sizeof line,
                  "  Homophily: tier assortativity %.3f; %.1f%% of super users' ties reach super users, against "
                  "%.1f%% at random (%.1f times chance)\n",
                  h.at("tier_assortativity").get<double>(), 100 * h.at("super_to_super_share").get<double>(),
                  100 * h.at("super_expected_share").get<double>(), h.at("super_lift").get<double>());
    out += line;
  }
  return out;
}

}  // namespace refnet
