#include <refnet/format/centrality_tables.hpp>

#include <refnet/base/escape.hpp>
#include <refnet/format/table.hpp>
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
  const std::string measure = result.value("measure", std::string());
  std::string out = measure + ": the " + std::to_string(result.at("top").size()) + " highest users\n";
  TextTable t({{"rank", true}, {"user", false}, {measure.empty() ? "value" : measure, true}});
  for (const auto& row : result.at("top"))
    t.add_row({group_digits(row.at("rank").get<std::uint64_t>()), row.at("id").get<std::string>(),
               format_number(row.at("value").get<double>())});
  return out + t.render();
}

void write_scores_csv(std::ostream& out, const IdTable& ids, const std::string& column, std::span<const double> value) {
  out << "id," << column << '\n';
  for (VertexId v = 0; v < value.size(); ++v)
    out << csv_escape_text(ids.name(v)) << ',' << number(value[v]).dump() << '\n';
}

}  // namespace refnet
