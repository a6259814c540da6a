#include <refnet/format/compare_tables.hpp>

#include <refnet/base/escape.hpp>
#include <refnet/base/text.hpp>

#include <cmath>
#include <cstdio>
#include <ostream>

namespace refnet {

std::string render_compare(const nlohmann::json& r) {
  std::string out;
  char line[256];
  const auto& a = r.at("a");
  const auto& b = r.at("b");
  std::snprintf(line, sizeof line, "What changed from %s to %s\n", a.at("at_iso").get<std::string>().c_str(),
                b.at("at_iso").get<std::string>().c_str());
  out += line;
  std::snprintf(line, sizeof line, "  users %llu -> %llu, events %llu -> %llu\n",
                static_cast<unsigned long long>(a.at("users").get<std::uint64_t>()),
                static_cast<unsigned long long>(b.at("users").get<std::uint64_t>()),
                static_cast<unsigned long long>(a.at("events").get<std::uint64_t>()),
                static_cast<unsigned long long>(b.at("events").get<std::uint64_t>()));
  out += line;
  const auto& t = r.at("tiers");
  std::snprintf(line, sizeof line, "\nTrust tiers: %llu moved up, %llu dropped, %llu unchanged, %llu new\n",
                static_cast<unsigned long long>(t.at("moved_up").get<std::uint64_t>()),
                static_cast<unsigned long long>(t.at("dropped").get<std::uint64_t>()),
                static_cast<unsigned long long>(t.at("unchanged").get<std::uint64_t>()),
                static_cast<unsigned long long>(t.at("new_users").get<std::uint64_t>()));
  out += line;
  out += "  from \\ to    none  micro   weak strong  super\n";
  for (const auto& row : t.at("matrix")) {
    std::snprintf(line, sizeof line, "  %-9s", row.at("from").get<std::string>().c_str());
    out += line;
    for (int k = 0; k < kNumTiers; ++k) {
      std::snprintf(line, sizeof line, " %6llu",
                    static_cast<unsigned long long>(row.at("to").at(std::string(kTierNames[k])).get<std::uint64_t>()));
      out += line;
    }
    out += "\n";
  }
  const auto& su = r.at("super_users");
  std::snprintf(line, sizeof line, "  super users: %zu gained, %zu lost\n", su.at("gained").size(), su.at("lost").size());
  out += line;
  const auto& ca = a.at("cascades");
  const auto& cb = b.at("cascades");
  std::snprintf(line, sizeof line, "\nReferral cascades: K-factor %.3f -> %.3f (%+.3f); adoptions %llu -> %llu; largest %llu -> %llu\n",
                ca.at("k_factor").get<double>(), cb.at("k_factor").get<double>(), r.at("k_factor_change").get<double>(),
                static_cast<unsigned long long>(ca.at("adoptions").get<std::uint64_t>()),
                static_cast<unsigned long long>(cb.at("adoptions").get<std::uint64_t>()),
                static_cast<unsigned long long>(ca.at("largest").get<std::uint64_t>()),
                static_cast<unsigned long long>(cb.at("largest").get<std::uint64_t>()));
  out += line;
  for (const auto& c : cb.at("channels")) {
    double before = 0;
    for (const auto& o : ca.at("channels"))
      if (o.at("channel") == c.at("channel")) before = o.at("k_factor").get<double>();
    std::string name = c.at("channel").get<std::string>();
    if (name.empty()) name = "(none)";
    std::snprintf(line, sizeof line, "  %-16s K part %.3f -> %.3f\n", name.c_str(), before, c.at("k_factor").get<double>());
    out += line;
  }
  if (a.contains("reach") && b.contains("reach")) {
    std::snprintf(line, sizeof line, "\nReach within 2 hops: median %.1f -> %.1f, p90 %.1f -> %.1f, past Dunbar's 150 %.2f%% -> %.2f%%\n",
                  a.at("reach").at("median").get<double>(), b.at("reach").at("median").get<double>(),
                  a.at("reach").at("p90").get<double>(), b.at("reach").at("p90").get<double>(),
                  100 * a.at("reach").at("over_dunbar_share").get<double>(),
                  100 * b.at("reach").at("over_dunbar_share").get<double>());
    out += line;
  }
  if (!r.at("top_referrers").empty()) {
    out += "\nTop referrers now   rank then  descendants then -> now\n";
    for (const auto& m : r.at("top_referrers")) {
      std::string id = m.at("id");
      if (id.size() > 18) id = id.substr(0, 15) + "...";
      const std::string then = m.at("rank_at_a").is_null() ? "new" : std::to_string(m.at("rank_at_a").get<std::size_t>());
      std::snprintf(line, sizeof line, "  %2zu %-18s %6s  %8llu -> %llu\n", m.at("rank").get<std::size_t>(), id.c_str(),
                    then.c_str(), static_cast<unsigned long long>(m.at("descendants_at_a").get<std::uint64_t>()),
                    static_cast<unsigned long long>(m.at("descendants").get<std::uint64_t>()));
      out += line;
    }
  }
  return out;
}

void write_moves_csv(std::ostream& out, const CompareReport& r) {
  out << "id,from,to,direction,cause,when\n";
  for (const TierMove& m : r.moves) {
    out << csv_escape_text(m.id) << ',' << (m.from < 0 ? "" : kTierNames[m.from]) << ',' << kTierNames[m.to] << ','
        << (m.from < 0 ? "new" : m.to > m.from ? "up" : "down") << ',' << (std::isnan(m.when) ? "" : to_string(m.cause))
        << ',' << (std::isnan(m.when) ? "" : format_iso8601(m.when)) << '\n';
  }
}

}  // namespace refnet
