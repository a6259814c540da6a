#include <refnet/format/community_tables.hpp>

#include <refnet/base/escape.hpp>
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
  out += "  community      size  leader\n";
  for (const auto& row : result.at("top")) {
    std::snprintf(line, sizeof line, "  %9llu %9llu  %s\n",
                  static_cast<unsigned long long>(row.at("community").get<std::uint64_t>()),
                  static_cast<unsigned long long>(row.at("size").get<std::uint64_t>()),
                  row.at("leader").get<std::string>().c_str());
    out += line;
  }
  return out;
}

void write_communities_csv(std::ostream& out, const Network& net, const CommunityResult& r,
                           std::span<const VertexId> leader) {
  out << "id,community,leader\n";
  for (VertexId v = 0; v < r.community.size(); ++v)
    out << csv_escape_text(net.log.users.name(v)) << ',' << r.community[v] << ','
        << (leader[r.community[v]] == v ? 1 : 0) << '\n';
}

}  // namespace refnet
