#include <refnet/json/cascade_json.hpp>

#include <refnet/io/export.hpp>
#include <refnet/io/text.hpp>

#include <cmath>
#include <cstdio>

namespace refnet {

namespace {
nlohmann::json number_or_null(double x) { return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x); }

std::string_view bucket_name(Bucket b) {
  return b == Bucket::kDay ? "day" : b == Bucket::kWeek ? "week" : "month";
}

nlohmann::json growth_json(const std::vector<GrowthPoint>& g) {
  nlohmann::json out = nlohmann::json::array();
  for (const GrowthPoint& p : g)
    out.push_back({{"bucket_start", p.bucket_start}, {"bucket_iso", format_iso8601(p.bucket_start)},
                   {"new", p.new_members}, {"cumulative", p.cumulative}});
  return out;
}

std::string root_name(const Network& net, const CascadeForest& f, std::uint32_t root) {
  return std::string(net.log.users.name(f.user[root]));
}
}  // namespace

nlohmann::json params_json(const CascadeParams& p) {
  return {{"min_size", p.min_size}, {"top", p.top}, {"growth_top", p.growth_top}, {"bucket", bucket_name(p.bucket)}};
}

nlohmann::json cascades_json(const Network& net, const CascadeForest& forest, const CascadeResult& r,
                             const std::string& source) {
  const CascadeSummary& s = r.summary;
  nlohmann::json ccdf = nlohmann::json::array();
  for (const auto& [size, share] : s.size_ccdf) ccdf.push_back({size, share});
  nlohmann::json depths = nlohmann::json::array();
  for (const auto& [d, c] : s.depth_histogram) depths.push_back({{"depth", d}, {"cascades", c}});
  nlohmann::json by_size = nlohmann::json::array();
  for (const SizeBin& b : s.virality_by_size)
    by_size.push_back({{"size_from", b.lo}, {"size_to", b.hi}, {"cascades", b.count},
                       {"mean_virality", b.mean_virality}, {"mean_depth", b.mean_depth}});
  const nlohmann::json percentiles = {0, 10, 25, 50, 75, 90, 100};
  nlohmann::json records = nlohmann::json::array();
  for (std::size_t i = 0; i < r.cascades.size(); ++i) {
    const CascadeRecord& c = r.cascades[i];
    nlohmann::json rec = {{"root", root_name(net, forest, c.root)},
                          {"size", c.size},
                          {"depth", c.depth},
                          {"max_breadth", c.max_breadth},
                          {"structural_virality", c.virality},
                          {"start", number_or_null(c.start)},
                          {"duration_seconds", number_or_null(c.duration)},
                          {"generations", c.generations},
                          {"reproduction", c.reproduction},
                          {"median_time_to_first_referral_seconds", number_or_null(c.median_time_to_first_referral)}};
    if (!std::isnan(c.start)) rec["start_iso"] = format_iso8601(c.start);
    if (i < r.top_growth.size()) rec["growth"] = growth_json(r.top_growth[i]);
    records.push_back(std::move(rec));
  }
  return {{"source", source},
          {"summary",
           {{"adoptions", s.nodes},
            {"cascades", s.cascades},
            {"cascades_of_two_or_more", s.nontrivial},
            {"largest", s.largest},
            {"deepest", s.deepest},
            {"mean_children", s.mean_children},
            {"invitations_per_user", s.invitations_per_user},
            {"conversion", s.conversion},
            {"k_factor", s.k_factor},
            {"size_ccdf", ccdf},
            {"power_law",
             {{"valid", s.size_tail.valid},
              {"alpha", s.size_tail.alpha},
              {"alpha_stderr", s.size_tail.alpha_stderr},
              {"x_min", s.size_tail.x_min},
              {"ks", s.size_tail.ks},
              {"tail_cascades", s.size_tail.n_tail}}},
            {"depth_histogram", depths},
            {"percentiles", percentiles},
            {"virality_percentiles", s.virality_quantiles},
            {"time_to_first_referral_percentiles_seconds", s.time_to_first_referral_quantiles},
            {"virality_by_size", by_size}}},
          {"cascades", records},
          {"growth", growth_json(r.growth)}};
}

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
