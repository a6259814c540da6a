#include <refnet/json/reach_json.hpp>

#include <refnet/base/escape.hpp>

#include <cmath>
#include <cstdio>
#include <memory>

namespace refnet {

namespace {

nlohmann::json ties_json(const TieFilter& f) {
  nlohmann::json j = {{"label", f.label}, {"rank_begin", f.rank_begin + 1}, {"positive_only", f.positive_only}};
  j["rank_end"] = f.rank_end == TieFilter{}.rank_end ? nlohmann::json(nullptr) : nlohmann::json(f.rank_end);
  return j;
}

// Estimates to one decimal; exact counts stay integers.
nlohmann::json value_json(double v, bool exact) {
  return exact ? nlohmann::json(static_cast<std::uint64_t>(v)) : nlohmann::json(std::round(v * 10) / 10);
}

nlohmann::json row_json(const Network& net, VertexId user, const double* values, std::uint32_t hops, bool exact) {
  nlohmann::json reach = nlohmann::json::array();
  for (std::uint32_t h = 0; h < hops; ++h) reach.push_back(value_json(values[h], exact));
  return {{"id", net.log.users.name(user)}, {"reach", std::move(reach)}};
}

nlohmann::json quantiles_json(const ReachQuantiles& q, std::uint32_t hop) {
  return {{"hop", hop}, {"min", q.min}, {"p25", q.p25}, {"median", q.median}, {"p75", q.p75},
          {"p90", q.p90}, {"p99", q.p99}, {"max", q.max}, {"mean", q.mean}};
}

// The common part: `values` has one row of hops values per entry of `users`;
// the distribution and the top list cover all rows, the user list `listed`
// rows (all when null).
// One row, {"id":..,"reach":[..]}, straight to the stream.
void write_row(JsonWriter& w, const Network& net, VertexId user, const double* values, std::uint32_t hops, bool exact) {
  w.raw("{\"id\":");
  w.string(net.log.users.name(user));
  w.raw(",\"reach\":[");
  for (std::uint32_t h = 0; h < hops; ++h) {
    if (h) w.raw(',');
    if (exact) w.number(static_cast<std::uint64_t>(values[h]));
    else w.number(std::round(values[h] * 10) / 10);
  }
  w.raw("]}");
}

nlohmann::json table_json(const Network& net, std::shared_ptr<const std::vector<VertexId>> users_ptr,
                          std::shared_ptr<const std::vector<double>> values_ptr, std::uint32_t hops, bool exact,
                          std::shared_ptr<const std::vector<std::size_t>> listed, const ReachReportOptions& o) {
  const std::vector<VertexId>& users = *users_ptr;
  const std::vector<double>& values = *values_ptr;
  const ReachDistribution d = reach_distribution(values, hops);
  nlohmann::json per_hop = nlohmann::json::array();
  for (std::uint32_t h = 1; h <= d.per_hop.size(); ++h) per_hop.push_back(quantiles_json(d.per_hop[h - 1], h));
  nlohmann::json j = {{"hops", hops},
                      {"counts_self", false},
                      {"distribution",
                       {{"users", d.users},
                        {"per_hop", per_hop},
                        {"over_dunbar",
                         {{"threshold", kDunbarNumber},
                          {"hops", d.threshold_hops},
                          {"users", d.over_threshold},
                          {"share", d.over_threshold_share}}}}}};
  nlohmann::json top = nlohmann::json::array();
  for (std::size_t i : top_by_reach(values, hops, hops, o.top))
    top.push_back(row_json(net, users[i], values.data() + i * hops, hops, exact));
  j["top"] = std::move(top);
  if (o.with_users && o.stream) {
    j["users"] = o.stream->defer([&net, users_ptr, values_ptr, listed, hops, exact](JsonWriter& w) {
      const std::size_t count = listed ? listed->size() : users_ptr->size();
      w.raw('[');
      for (std::size_t k = 0; k < count; ++k) {
        const std::size_t i = listed ? (*listed)[k] : k;
        w.raw(k ? ",\n" : "\n");
        write_row(w, net, (*users_ptr)[i], values_ptr->data() + i * hops, hops, exact);
      }
      w.raw(count ? "\n]" : "]");
    });
  } else if (o.with_users) {
    nlohmann::json rows = nlohmann::json::array();
    const std::size_t count = listed ? listed->size() : users.size();
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t i = listed ? (*listed)[k] : k;
      rows.push_back(row_json(net, users[i], values.data() + i * hops, hops, exact));
    }
    j["users"] = std::move(rows);
  }
  return j;
}

std::vector<VertexId> all_users(VertexId n) {
  std::vector<VertexId> users(n);
  for (VertexId v = 0; v < n; ++v) users[v] = v;
  return users;
}

}  // namespace

nlohmann::json params_json(const ReachParams& p) {
  return {{"method", "exact"}, {"hops", p.hops}, {"ties", ties_json(p.ties)},
          {"users", p.sources.empty() ? nlohmann::json("all") : nlohmann::json(p.sources.size())}};
}

nlohmann::json params_json(const HyperAnfParams& p) {
  return {{"method", "hyperanf"}, {"hops", p.hops}, {"ties", ties_json(p.ties)}, {"registers_log2", p.registers_log2},
          {"seed", p.seed}};
}

nlohmann::json reach_json(const Network& net, const ReachResult& r, const ReachReportOptions& o) {
  nlohmann::json j = table_json(net, std::make_shared<const std::vector<VertexId>>(r.users),
                                std::make_shared<const std::vector<double>>(r.reach.begin(), r.reach.end()), r.hops, true,
                                nullptr, o);
  j["method"] = "exact";
  j["ties"] = r.ties.label;
  return j;
}

nlohmann::json reach_json(const Network& net, const HyperAnfResult& r, const std::vector<VertexId>& users,
                          const ReachReportOptions& o) {
  const VertexId n = net.wom.num_vertices();
  auto listed = users.empty() ? nullptr : std::make_shared<const std::vector<std::size_t>>(users.begin(), users.end());
  nlohmann::json j = table_json(net, std::make_shared<const std::vector<VertexId>>(all_users(n)),
                                std::make_shared<const std::vector<double>>(r.reach_values(n)), r.hops, false,
                                std::move(listed), o);
  j["method"] = "hyperanf";
  j["ties"] = r.ties.label;
  j["registers_log2"] = r.registers_log2;
  j["relative_standard_error"] = r.relative_standard_error;
  j["iterations"] = r.iterations;
  j["converged"] = r.converged;
  j["neighbourhood_function"] = r.neighbourhood;
  j["counter_bytes"] = r.counter_bytes;
  return j;
}

}  // namespace refnet
