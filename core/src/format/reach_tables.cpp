#include <refnet/format/reach_tables.hpp>

#include <refnet/base/escape.hpp>
#include <cmath>
#include <cstdio>

namespace refnet {

namespace {

// Estimates to one decimal; exact counts stay integers.
nlohmann::json value_json(double v, bool exact) {
  return exact ? nlohmann::json(static_cast<std::uint64_t>(v)) : nlohmann::json(std::round(v * 10) / 10);
}

void csv_rows(std::ostream& out, const Network& net, const std::vector<VertexId>& users,
              const std::function<double(std::size_t, std::uint32_t)>& value, std::uint32_t hops, bool exact) {
  out << "id";
  for (std::uint32_t h = 1; h <= hops; ++h) out << ",reach_" << h;
  out << '\n';
  for (std::size_t i = 0; i < users.size(); ++i) {
    out << csv_escape_text(net.log.users.name(users[i]));
    for (std::uint32_t h = 1; h <= hops; ++h) out << ',' << value_json(value(i, h), exact).dump();
    out << '\n';
  }
}

std::vector<VertexId> all_users(VertexId n) {
  std::vector<VertexId> users(n);
  for (VertexId v = 0; v < n; ++v) users[v] = v;
  return users;
}

}  // namespace

void write_reach_csv(std::ostream& out, const Network& net, const ReachResult& r) {
  csv_rows(out, net, r.users, [&](std::size_t i, std::uint32_t h) { return static_cast<double>(r.at(i, h)); }, r.hops,
           true);
}

void write_reach_csv(std::ostream& out, const Network& net, const HyperAnfResult& r, const std::vector<VertexId>& users) {
  const VertexId n = net.wom.num_vertices();
  const std::vector<VertexId> rows = users.empty() ? all_users(n) : users;
  csv_rows(out, net, rows,
           [&](std::size_t i, std::uint32_t h) { return std::max(0.0, static_cast<double>(r.ball(rows[i], h, n)) - 1.0); },
           r.hops, false);
}

std::string render_reach(const nlohmann::json& result) {
  std::string out;
  char line[256];
  const bool exact = result.value("method", "") == "exact";
  std::snprintf(line, sizeof line, "Reach (%s, %s ties, users themselves not counted)\n",
                exact ? "exact" : "HyperANF estimate", result.value("ties", std::string("dunbar 150")).c_str());
  out += line;
  out += "  hop     median        p90        p99        max\n";
  for (const auto& q : result.at("distribution").at("per_hop")) {
    std::snprintf(line, sizeof line, "  %3d %10.1f %10.1f %10.1f %10.1f\n", q.at("hop").get<int>(), q.at("median").get<double>(),
                  q.at("p90").get<double>(), q.at("p99").get<double>(), q.at("max").get<double>());
    out += line;
  }
  const auto& over = result.at("distribution").at("over_dunbar");
  std::snprintf(line, sizeof line, "  users reaching more than %d within %d hops: %.1f%%\n", over.at("threshold").get<int>(),
                over.at("hops").get<int>(), 100.0 * over.at("share").get<double>());
  out += line;
  if (!result.at("top").empty()) {
    out += "  top:";
    for (const auto& row : result.at("top")) out += " " + row.at("id").get<std::string>() + " (" + row.at("reach").back().dump() + ")";
    out += "\n";
  }
  return out;
}

}  // namespace refnet
