#include <refnet/format/tiers_tables.hpp>

#include <refnet/base/escape.hpp>
#include <refnet/base/text.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>

namespace refnet {

namespace {

// One row of a per-tier table: the label, its users and their count in each tier.
std::string per_tier_row(const char* label_format, const std::string& label, const nlohmann::json& row) {
  char line[256];
  std::snprintf(line, sizeof line, label_format, label.c_str(),
                static_cast<unsigned long long>(row.at("users").get<std::uint64_t>()));
  std::string out = line;
  for (int t = 0; t < kNumTiers; ++t) {
    std::snprintf(line, sizeof line, " %6llu",
                  static_cast<unsigned long long>(row.at("per_tier").at(std::string(kTierNames[t])).get<std::uint64_t>()));
    out += line;
  }
  return out + "\n";
}

}  // namespace

std::string render_tiers(const nlohmann::json& result) {
  std::string out;
  char line[256];
  const auto& f = result.at("funnel");
  out += "Trust tiers as of " + result.value("at_iso", std::string()) + "\n";
  out += "  tier      users       share   reached   conversion to next\n";
  const double known = std::max(1.0, f.at("users").get<double>());
  for (int t = 0; t < kNumTiers; ++t) {
    const std::string name(kTierNames[t]);
    const double count = f.at("per_tier").at(name).get<double>();
    const double reached = f.at("reached").at(name).get<double>();
    std::string conv = "";
    if (t + 1 < kNumTiers) {
      std::snprintf(line, sizeof line, "%6.1f%%", 100.0 * f.at("conversion")[t].at("rate").get<double>());
      conv = line;
    }
    std::snprintf(line, sizeof line, "  %-8s %7.0f  %8.1f%%  %8.0f   %s\n", name.c_str(), count, 100.0 * count / known, reached,
                  conv.c_str());
    out += line;
  }
  std::snprintf(line, sizeof line, "  ever dropped: %.0f users (%.1f%%)", f.at("ever_dropped").get<double>(),
                100.0 * f.at("ever_dropped_share").get<double>());
  out += line;
  std::string causes;
  for (const auto& [cause, count] : f.at("drops_by_cause").items())
    if (count.get<std::uint64_t>() > 0) causes += (causes.empty() ? "" : ", ") + std::to_string(count.get<std::uint64_t>()) + " " + cause;
  out += causes.empty() ? "\n" : "; drops: " + causes + "\n";
  const auto& cohorts = result.at("cohorts");
  if (!cohorts.empty()) {
    out += "\n  cohort    users   none  micro   weak strong  super\n";
    for (const auto& row : cohorts) out += per_tier_row("  %-7s %7llu", row.at("month").get<std::string>(), row);
  }
  if (result.contains("channels") && !result.at("channels").empty()) {
    out += "\n  joined via   users   none  micro   weak strong  super\n";
    for (const auto& row : result.at("channels")) {
      std::string name = row.at("channel").get<std::string>();
      if (name.empty()) name = "(none)";
      if (name.size() > 10) name = name.substr(0, 9) + "~";
      out += per_tier_row("  %-10s %7llu", name, row);
    }
  }
  return out;
}

void write_tiers_csv(std::ostream& out, const Network& net, const TierResult& r) {
  out << "id,tier,tier_name,since,since_iso\n";
  for (VertexId v = 0; v < r.users.size(); ++v) {
    const UserTier& u = r.users[v];
    if (std::isnan(u.since)) continue;
    out << csv_escape_text(net.log.users.name(v)) << ',' << int{u.tier} << ',' << kTierNames[u.tier] << ','
        << nlohmann::json(u.since).dump() << ',' << format_iso8601(u.since) << '\n';
  }
}

}  // namespace refnet
