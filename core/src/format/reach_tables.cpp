#include <refnet/format/reach_tables.hpp>

#include <refnet/base/escape.hpp>
#include <refnet/format/table.hpp>
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
  const bool exact = result.value("method", "") == "exact";
  out += std::string("Reach: how many people each user reaches through word of mouth (") +
         (exact ? "exact" : "HyperANF estimate") + ", following " + result.value("ties", std::string("dunbar 150")) +
         " ties; the user is not counted)\n";
  if (result.contains("dunbar_cap") && !result.at("dunbar_cap").value("applied", true))
    out += "  note: " + result.at("dunbar_cap").value("reason", std::string()) + "\n";
  const auto& d = result.at("distribution");
  TextTable hops({{"within hops", true}, {"median", true}, {"p90", true}, {"p99", true}, {"max", true}});
  for (const auto& q : d.at("per_hop"))
    hops.add_row({std::to_string(q.at("hop").get<int>()), format_number(q.at("median").get<double>()),
                  format_number(q.at("p90").get<double>()), format_number(q.at("p99").get<double>()),
                  format_number(q.at("max").get<double>())});
  out += hops.render();
  const auto& over = d.at("over_dunbar");
  out += "  " + format_percent(over.at("share").get<double>()) + " of " +
         plural(d.at("users").get<std::uint64_t>(), "user", "users") + " reach more than " +
         std::to_string(over.at("threshold").get<int>()) + " people within " +
         plural(over.at("hops").get<std::uint64_t>(), "hop", "hops") + " (Dunbar's number)\n";
  if (!result.at("top").empty()) {
    out += "\nUsers who reach the most people\n";
    std::vector<TextTable::Column> cols = {{"rank", true}, {"user", false}};
    const std::size_t k = result.at("top").front().at("reach").size();
    for (std::size_t h = 1; h <= k; ++h) cols.push_back({"within " + std::to_string(h), true});
    TextTable top(cols);
    std::size_t rank = 0;
    for (const auto& row : result.at("top")) {
      std::vector<std::string> cells = {std::to_string(++rank), row.at("id").get<std::string>()};
      for (const auto& v : row.at("reach")) cells.push_back(format_number(v.get<double>()));
      top.add_row(cells);
    }
    out += top.render();
  }
  return out;
}

}  // namespace refnet
