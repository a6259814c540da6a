#include <refnet/format/prospects_tables.hpp>

#include <refnet/algo/tiers/tiers.hpp>
#include <refnet/base/escape.hpp>
#include <refnet/format/table.hpp>

namespace refnet {


void write_prospects_csv(std::ostream& out, const Network& net, const ProspectResult& r) {
  out << "anchor,prospect,position,rank,strength,tier,reach,score\n";
  for (const Anchor& a : r.anchors) {
    std::size_t position = 0;
    for (const Prospect& p : a.prospects)
      out << csv_escape_text(net.log.users.name(a.user)) << ',' << csv_escape_text(net.log.users.name(p.user)) << ','
          << ++position << ',' << p.rank << ',' << nlohmann::json(p.strength).dump() << ','
          << (p.tier == kTierUnknown ? "" : kTierNames[p.tier]) << ',' << p.reach << ','
          << nlohmann::json(p.score).dump() << '\n';
  }
}

std::string render_prospects(const nlohmann::json& result, std::size_t per_anchor) {
  const bool by_tiers = result.value("anchors_by", "") == "tier super";
  std::string out = std::string("Prospects: the strongest contacts of ") +
                    (by_tiers ? "each super user" : "each top user by reach (no trust tiers in this input)") +
                    " who are not advocates yet, best first\n";
  const auto& anchors = result.at("anchors");
  if (anchors.empty()) out += "  no super users, so no prospects\n";
  const std::uint64_t hops = result.value("hops", std::uint64_t{2});
  for (const auto& a : anchors) {
    const auto& list = a.at("prospects");
    out += "\n" + a.at("id").get<std::string>() + ": " + plural(list.size(), "prospect", "prospects") + "\n";
    if (list.empty()) continue;
    TextTable t({{"#", true},
                 {"prospect", false},
                 {"tie rank", true},
                 {"layer", false},
                 {"strength", true},
                 {"tier", false},
                 {"reaches in " + std::to_string(hops), true},
                 {"score", true}});
    std::size_t i = 0;
    for (const auto& p : list) {
      if (i == per_anchor) break;
      t.add_row({std::to_string(++i), p.at("id").get<std::string>(), std::to_string(p.at("rank").get<std::uint64_t>()),
                 p.at("layer").get<std::string>(), format_number(p.at("strength").get<double>()),
                 p.at("tier").is_null() ? "-" : p.at("tier").get<std::string>(),
                 group_digits(p.at("reach").get<std::uint64_t>()), format_number(p.at("score").get<double>())});
    }
    out += t.render();
    if (list.size() > per_anchor) out += "  ... and " + group_digits(list.size() - per_anchor) + " more (--format json or csv lists all)\n";
  }
  return out;
}

}  // namespace refnet
