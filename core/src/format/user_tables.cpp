#include <refnet/format/user_tables.hpp>

#include <refnet/base/text.hpp>

#include <cstdio>

namespace refnet {

namespace {

std::string str(const nlohmann::json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

std::string fixed(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

// YYYY-MM-DD of unix seconds.
std::string time_of(const nlohmann::json& t) {
  return t.is_number() ? format_iso8601(t.get<double>()).substr(0, 10) : "unknown";
}

}  // namespace

std::string render_user(const nlohmann::json& r) {
  std::string out = "User " + str(r.at("id")) + "\n";
  if (r.contains("tier") && !r.at("tier").is_null()) {
    out += "  Tier now: " + str(r.at("tier_name")) + " since " + time_of(r.at("since")) + "\n";
    const auto& changes = r.at("transitions");
    if (changes.empty())
      out += "  Tier history: no changes\n";
    else
      out += "  Tier history:\n";
    if (r.contains("transitions_omitted"))
      out += "    (" + str(r.at("transitions_omitted")) + " earlier changes not listed)\n";
    for (const auto& c : changes)
      out += "    " + time_of(c.at("ts")) + "  " + str(c.at("from")) + " -> " + str(c.at("to")) + "  (" +
             str(c.at("kind")) + ", " + str(c.at("cause")) + ")\n";
  }
  if (r.contains("rank")) {
    out += "  Rank " + str(r.at("rank")) + " of " + str(r.at("users")) + ", score " +
           fixed(r.at("score").get<double>(), 3) + "\n";
    out += "    " + str(r.at("explanation")) + "\n";
    for (const auto& [name, c] : r.at("components").items()) {
      char line[160];
      std::snprintf(line, sizeof line, "    %-20s value %-12.6g percentile %6.2f%%  adds %.4f\n", name.c_str(),
                    c.at("value").get<double>(), 100 * c.at("percentile").get<double>(),
                    c.at("contribution").get<double>());
      out += line;
    }
  }
  if (r.contains("referral_subtree")) {
    if (!r.at("referrer").is_null())
      out += "  Referred by " + str(r.at("referrer")) + ", joined " + time_of(r.at("acquired")) + "\n";
    else
      out += "  Came on their own (no referrer)\n";
    const auto& tree = r.at("referral_subtree");
    const auto brought = tree.at("size").get<std::uint64_t>() - 1;
    out += "  Brought in: " + std::to_string(brought) + " users, " + str(tree.at("depth")) + " generations deep\n";
    const auto& nodes = tree.at("nodes");
    for (std::size_t i = 1; i < nodes.size() && i <= 20; ++i)
      out += "    " + str(nodes[i].at("id")) + " (by " + str(nodes[nodes[i].at("parent").get<std::size_t>()].at("id")) +
             ", " + time_of(nodes[i].at("t")) + ")\n";
    if (brought > 20) out += "    ... and " + std::to_string(brought - 20) + " more\n";
  }
  const auto& ties = r.at("ties");
  out += "  Word-of-mouth ties: " + str(ties.at("out")) + " out, " + str(ties.at("in")) + " in, " +
         str(ties.at("negative")) + " negative\n";
  if (r.contains("dunbar_layers"))
    for (const auto& l : r.at("dunbar_layers")) {
      out += "    " + str(l.at("layer")) + " (ranks up to " + str(l.at("size")) + "): " + str(l.at("ties")) +
             " ties, strength " + fixed(l.at("strength").get<double>(), 3) + "\n";
      for (const auto& t : l.at("top"))
        out += "      #" + str(t.at("rank")) + " " + str(t.at("id")) + "  " + fixed(t.at("w").get<double>(), 3) +
               (t.at("sign").get<int>() < 0 ? "  negative" : "") + "\n";
    }
  if (r.contains("reach")) {
    out += "  Reach:";
    std::size_t hop = 0;
    for (const auto& x : r.at("reach")) {
      ++hop;
      out += " " + std::to_string(hop) + (hop > 1 ? " hops " : " hop ") + str(x) + ";";
    }
    out.back() = '\n';
  }
  if (r.contains("prospects")) {
    out += "  Prospects (strongest contacts not yet advocates):\n";
    if (r.at("prospects").empty()) out += "    none\n";
    std::size_t i = 0;
    for (const auto& p : r.at("prospects"))
      out += "    " + std::to_string(++i) + ". " + str(p.at("id")) + "  score " +
             fixed(p.at("score").get<double>(), 3) + " (tie rank " + str(p.at("rank")) + ", strength " +
             fixed(p.at("strength").get<double>(), 3) + ", reach " + str(p.at("reach")) + ")\n";
  }
  return out;
}

}  // namespace refnet
