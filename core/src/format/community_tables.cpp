#include <refnet/format/community_tables.hpp>

#include <refnet/base/escape.hpp>
#include <refnet/format/table.hpp>
#include <cstdio>
#include <vector>

namespace refnet {

std::string render_communities(const nlohmann::json& result) {
  char line[512];
  std::snprintf(line, sizeof line, "%llu communities, modularity %.4f\n",
                static_cast<unsigned long long>(result.at("communities").get<std::uint64_t>()),
                result.at("modularity").get<double>());
  std::string out = line;
  if (result.contains("ground_truth")) {
    const auto& gt = result.at("ground_truth");
    std::snprintf(line, sizeof line, "ground truth (%s): %llu labels, NMI %.4f, its modularity %.4f\n",
                  gt.at("source").get<std::string>().c_str(),
                  static_cast<unsigned long long>(gt.at("labels").get<std::uint64_t>()), gt.at("nmi").get<double>(),
                  gt.at("modularity").get<double>());
    out += line;
  }
  TextTable t({{"community", true}, {"users", true}, {"leader", false}});
  for (const auto& row : result.at("top"))
    t.add_row({std::to_string(row.at("community").get<std::uint64_t>()), group_digits(row.at("size").get<std::uint64_t>()),
               row.at("leader").get<std::string>()});
  return out + t.render();
}

void write_communities_csv(std::ostream& out, const Network& net, const CommunityResult& r,
                           std::span<const VertexId> leader) {
  // leader: the user id of the community's leader, so that a spreadsheet can
  // group by it; is_leader: 1 on the leader's own row.
  out << "id,community,leader,is_leader\n";
  for (VertexId v = 0; v < r.community.size(); ++v) {
    const VertexId lead = leader[r.community[v]];
    out << csv_escape_text(net.log.users.name(v)) << ',' << r.community[v] << ','
        << (lead == kNoVertex ? std::string() : csv_escape_text(net.log.users.name(lead))) << ',' << (lead == v ? 1 : 0)
        << '\n';
  }
}

}  // namespace refnet
