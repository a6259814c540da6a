#include <refnet/format/influence_tables.hpp>

#include <refnet/base/escape.hpp>
#include <refnet/format/table.hpp>
#include <cmath>
#include <cstdio>

namespace refnet {

void write_seeds_csv(std::ostream& out, const nlohmann::json& result) {
  out << "rank,id,marginal_spread,cumulative_spread\n";
  for (const auto& row : result.at("seeds")) {
    out << row.at("rank").get<std::uint64_t>() << ',' << csv_escape_text(row.at("id").get<std::string>()) << ',';
    if (row.contains("marginal_spread"))
      out << row.at("marginal_spread").get<double>() << ',' << row.at("cumulative_spread").get<double>();
    else
      out << ',';
    out << '\n';
  }
}

std::string render_seeds(const nlohmann::json& r) {
  std::string out;
  char line[512];
  const auto& d = r.at("diffusion");
  std::snprintf(line, sizeof line, "Seeds: %s, k = %llu, %s model, %s probabilities, %s ties\n",
                r.at("algorithm").get<std::string>().c_str(), static_cast<unsigned long long>(r.at("k").get<unsigned>()),
                d.at("model").get<std::string>() == "ic" ? "Independent Cascade" : "Linear Threshold",
                d.at("probability").get<std::string>().c_str(), d.at("ties").get<std::string>().c_str());
  out += line;
  if (r.at("spread").get<double>() > 0) {
    std::snprintf(line, sizeof line, "  estimated spread %.1f users", r.at("spread").get<double>());
    out += line;
    if (r.contains("guarantee")) {
      const auto& g = r.at("guarantee");
      std::snprintf(line, sizeof line, " (at least %.1f with probability 1 - %.2g, from %llu random samples)",
                    g.at("spread_lower_bound").get<double>(), g.at("failure_probability").get<double>(),
                    static_cast<unsigned long long>(r.at("theta").get<std::uint64_t>()));
      out += line;
    }
    out += "\n";
  }
  TextTable t({{"rank", true}, {"user", false, 30}, {"adds", true}, {"reached in all", true}});
  for (const auto& row : r.at("seeds")) {
    const bool spread = row.contains("marginal_spread");
    t.add_row({group_digits(row.at("rank").get<std::uint64_t>()), row.at("id").get<std::string>(),
               spread ? format_number(row.at("marginal_spread").get<double>()) : "-",
               spread ? format_number(row.at("cumulative_spread").get<double>()) : "-"});
  }
  return out + t.render();
}

std::string render_spread(const nlohmann::json& r) {
  char line[512];
  std::snprintf(line, sizeof line, "Expected spread of %zu seeds: %.2f users (95%% CI %.2f .. %.2f, %llu runs, %s)\n",
                r.at("seeds").size(), r.at("spread").get<double>(), r.at("ci95")[0].get<double>(),
                r.at("ci95")[1].get<double>(), static_cast<unsigned long long>(r.at("runs").get<std::uint64_t>()),
                r.at("diffusion").at("model").get<std::string>().c_str());
  return line;
}

}  // namespace refnet
