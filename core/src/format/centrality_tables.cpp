#include <refnet/format/centrality_tables.hpp>

#include <refnet/base/escape.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <vector>

namespace refnet {

namespace {
// Whole values (core numbers, small betweenness) as integers.
nlohmann::json number(double x) {
  if (x == std::floor(x) && std::fabs(x) < 9e15) return static_cast<std::int64_t>(x);
  return x;
}
}  // namespace

std::string render_centrality(const nlohmann::json& result) {
  std::string out = result.value("measure", std::string()) + ", top " + std::to_string(result.at("top").size()) + "\n";
  char line[512];
  for (const auto& row : result.at("top")) {
    std::snprintf(line, sizeof line, "  %5llu  %-32s %.6g\n",
                  static_cast<unsigned long long>(row.at("rank").get<std::uint64_t>()),
                  row.at("id").get<std::string>().c_str(), row.at("value").get<double>());
    out += line;
  }
  return out;
}

void write_scores_csv(std::ostream& out, const IdTable& ids, const std::string& column, std::span<const double> value) {
  out << "id," << column << '\n';
  for (VertexId v = 0; v < value.size(); ++v)
    out << csv_escape_text(ids.name(v)) << ',' << number(value[v]).dump() << '\n';
}

}  // namespace refnet
