#include <common/help.hpp>

namespace refnet::tools {

const std::vector<CommandHelp>& command_help() {
  static const std::vector<CommandHelp> table = {
      {"gen", "write a realistic synthetic event log, or a scale-test graph", "refnet gen --users 10000 -o events.csv.gz"},
      {"build", "read event logs or graph files once and save them as a snapshot", "refnet build events.csv.gz -o shop.refnet"},
      {"info", "sizes, degrees, components, events by type and the referral trees", "refnet info shop.refnet"},
      {"export", "write the network for Gephi, networkx, igraph, graphology, Cytoscape or a spreadsheet",
       "refnet export shop.refnet --to gexf -o shop.gexf"},
      {"tiers", "each user's trust tier (none to super) and the funnel between tiers", "refnet tiers shop.refnet --format table"},
      {"cascade", "referral cascades: sizes, depths, growth, K-factor", "refnet cascade shop.refnet --format table"},
      {"reach", "how many people each user reaches within K hops of word of mouth", "refnet reach shop.refnet --hops 2 --format table"},
      {"prospects", "the strongest contacts of each super user who are not advocates yet", "refnet prospects shop.refnet --format table"},
      {"spread", "how far word of mouth from chosen users is expected to spread", "refnet spread shop.refnet --seeds u000001,u000002"},
      {"seeds", "the K users from whom word of mouth spreads furthest", "refnet seeds shop.refnet -k 10 --format table"},
      {"centrality", "PageRank, k-core or betweenness of every user", "refnet centrality shop.refnet --measure pagerank --format table"},
      {"community", "groups of users who talk mostly among themselves, and each group's leader",
       "refnet community shop.refnet --format table"},
      {"rank", "super users ranked by a score whose every part is explained", "refnet rank shop.refnet --top 10 --format table"},
      {"components", "weakly and strongly connected components", "refnet components shop.refnet"},
      {"user", "one user's page: tier history, score, referrals, closest ties, reach", "refnet user shop.refnet u000001"},
      {"compare", "what changed between two dates: tier moves, super users, K-factor",
       "refnet compare shop.refnet --at 2024-01-01 --vs 2024-04-01 --format table"},
      {"report", "one self-contained HTML page with charts and the network", "refnet report shop.refnet -o report.html"},
      {"check", "verify a snapshot fully", "refnet check shop.refnet"},
      {"analyze", "everything that applies, as one JSON report and a readable summary", "refnet analyze events.csv.gz -o report.json"},
  };
  return table;
}

const CommandHelp* find_command_help(std::string_view name) {
  for (const CommandHelp& h : command_help())
    if (h.name == name) return &h;
  return nullptr;
}

}  // namespace refnet::tools
