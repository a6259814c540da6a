#include <refnet/format/cascade_tables.hpp>

#include <refnet/base/escape.hpp>
#include <refnet/base/text.hpp>
#include <cmath>
#include <cstdio>

namespace refnet {

namespace {
nlohmann::json number_or_null(double x) { return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x); }

std::string root_name(const Network& net, const CascadeForest& f, std::uint32_t root) {
  return std::string(net.log.users.name(f.user[root]));
}
}  // namespace

void write_cascades_csv(std::ostream& out, const Network& net, const CascadeForest& forest, const CascadeResult& r) {
  out << "root,size,depth,max_breadth,structural_virality,start,duration_seconds,generations\n";
  for (const CascadeRecord& c : r.cascades) {
    std::string gens;
    for (std::size_t g = 0; g < c.generations.size(); ++g) gens += (g ? " " : "") + std::to_string(c.generations[g]);
    out << csv_escape_text(root_name(net, forest, c.root)) << ',' << c.size << ',' << c.depth << ',' << c.max_breadth
        << ',' << nlohmann::json(c.virality).dump() << ',' << number_or_null(c.start).dump() << ','
        << number_or_null(c.duration).dump() << ',' << gens << '\n';
  }
}

std::string render_cascades(const nlohmann::json& result, std::size_t top) {
  const auto& s = result.at("summary");
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "Cascades (%s)\n", result.value("source", std::string()).c_str());
  out += line;
  std::snprintf(line, sizeof line,
                "  %llu cascades from %llu adoptions; %llu of two or more; largest %llu, deepest %llu generations\n",
                static_cast<unsigned long long>(s.at("cascades").get<std::uint64_t>()),
                static_cast<unsigned long long>(s.at("adoptions").get<std::uint64_t>()),
                static_cast<unsigned long long>(s.at("cascades_of_two_or_more").get<std::uint64_t>()),
                static_cast<unsigned long long>(s.at("largest").get<std::uint64_t>()),
                static_cast<unsigned long long>(s.at("deepest").get<std::uint64_t>()));
  out += line;
  if (s.at("invitations_per_user").get<double>() > 0) {
    std::snprintf(line, sizeof line, "  viral K-factor %.3f = %.3f invitations per customer x %.1f%% conversion\n",
                  s.at("k_factor").get<double>(), s.at("invitations_per_user").get<double>(),
                  100 * s.at("conversion").get<double>());
  } else {
    std::snprintf(line, sizeof line, "  K-factor (children per adopter) %.3f\n", s.at("k_factor").get<double>());
  }
  out += line;
  if (result.contains("channels")) {
    out += "  by channel        referrals  acquired  conversion  K-factor part\n";
    for (const auto& c : result.at("channels")) {
      std::string name = c.at("channel").get<std::string>();
      if (name.empty()) name = "(none)";
      if (name.size() > 16) name = name.substr(0, 13) + "...";
      std::snprintf(line, sizeof line, "    %-16s %9llu %9llu %10.1f%% %14.3f\n", name.c_str(),
                    static_cast<unsigned long long>(c.at("referrals").get<std::uint64_t>()),
                    static_cast<unsigned long long>(c.at("acquisitions").get<std::uint64_t>()),
                    100 * c.at("conversion").get<double>(), c.at("k_factor").get<double>());
      out += line;
    }
  }
  if (s.contains("power_law") && s.at("power_law").value("valid", false)) {
    const auto& p = s.at("power_law");
    std::snprintf(line, sizeof line, "  size tail: power law alpha %.2f for sizes >= %llu (KS %.3f)\n",
                  p.at("alpha").get<double>(), static_cast<unsigned long long>(p.at("x_min").get<std::uint64_t>()),
                  p.at("ks").get<double>());
    out += line;
  }
  const auto& cascades = result.at("cascades");
  if (!cascades.empty()) {
    out += "  rank  root                          size  depth  breadth  virality\n";
    for (std::size_t i = 0; i < std::min(top, cascades.size()); ++i) {
      const auto& c = cascades[i];
      std::string root = c.at("root");
      if (root.size() > 28) root = root.substr(0, 25) + "...";
      std::snprintf(line, sizeof line, "  %4zu  %-28s %5llu  %5llu  %7llu  %8.2f\n", i + 1, root.c_str(),
                    static_cast<unsigned long long>(c.at("size").get<std::uint64_t>()),
                    static_cast<unsigned long long>(c.at("depth").get<std::uint64_t>()),
                    static_cast<unsigned long long>(c.at("max_breadth").get<std::uint64_t>()),
                    c.at("structural_virality").get<double>());
      out += line;
    }
  }
  return out;
}

}  // namespace refnet
