#include <refnet/json/centrality_json.hpp>

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

nlohmann::json params_json(const PageRankParams& p) {
  return {{"damping", p.damping}, {"iterations", p.iterations}, {"tolerance", p.tolerance}, {"weighted", p.weighted}};
}

nlohmann::json params_json(const BetweennessParams& p) {
  return {{"samples", p.samples}, {"seed", p.seed}, {"delta", p.delta}};
}

nlohmann::json scores_json(const IdTable& ids, std::span<const double> value, std::size_t top, bool all,
                           StreamedDocument* stream) {
  std::vector<VertexId> order(value.size());
  std::iota(order.begin(), order.end(), 0u);
  const std::size_t k = std::min(top, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    [&](VertexId a, VertexId b) { return value[a] != value[b] ? value[a] > value[b] : a < b; });
  nlohmann::json best = nlohmann::json::array();
  for (std::size_t i = 0; i < k; ++i)
    best.push_back({{"rank", i + 1}, {"id", ids.name(order[i])}, {"value", number(value[order[i]])}});
  nlohmann::json j = {{"top", std::move(best)}};
  if (all && stream) {
    j["vertices"] = stream->defer([&ids, values = std::vector<double>(value.begin(), value.end())](JsonWriter& w) {
      w.raw('[');
      for (VertexId v = 0; v < values.size(); ++v) {
        w.raw(v ? ",\n{\"id\":" : "\n{\"id\":");
        w.string(ids.name(v));
        w.raw(",\"value\":");
        // Whole values (core numbers) as integers, as number() does.
        const double x = values[v];
        if (x == std::floor(x) && std::fabs(x) < 9e15) w.number(static_cast<std::int64_t>(x));
        else w.number(x);
        w.raw('}');
      }
      w.raw(values.empty() ? "]" : "\n]");
    });
  } else if (all) {
    nlohmann::json vertices = nlohmann::json::array();
    for (VertexId v = 0; v < value.size(); ++v) vertices.push_back({{"id", ids.name(v)}, {"value", number(value[v])}});
    j["vertices"] = std::move(vertices);
  }
  return j;
}

nlohmann::json pagerank_json(const Network& net, const PageRankResult& r, std::size_t top, bool all,
                              StreamedDocument* stream) {
  nlohmann::json j = scores_json(net.log.users, r.score, top, all, stream);
  j["measure"] = "pagerank";
  j["iterations"] = r.iterations;
  j["residual"] = r.residual;
  j["converged"] = r.converged;
  j["precision"] = r.double_precision ? "double" : "float";
  j["dangling"] = r.dangling;
  return j;
}

nlohmann::json kcore_json(const Network& net, const KCoreResult& r, std::size_t top, bool all,
                              StreamedDocument* stream) {
  const std::vector<double> core(r.core.begin(), r.core.end());
  nlohmann::json j = scores_json(net.log.users, core, top, all, stream);
  std::vector<std::uint64_t> per_core(std::size_t{r.degeneracy} + 1, 0);
  for (std::uint32_t c : r.core) ++per_core[c];
  nlohmann::json shells = nlohmann::json::array();
  for (std::uint32_t k = 0; k < per_core.size(); ++k)
    if (per_core[k] > 0) shells.push_back({{"k", k}, {"vertices", per_core[k]}});
  j["measure"] = "kcore";
  j["degeneracy"] = r.degeneracy;
  j["rounds"] = r.rounds;
  j["shells"] = std::move(shells);
  return j;
}

nlohmann::json betweenness_json(const Network& net, const BetweennessResult& r, std::size_t top, bool all,
                              StreamedDocument* stream) {
  nlohmann::json j = scores_json(net.log.users, r.score, top, all, stream);
  j["measure"] = "betweenness";
  j["exact"] = r.exact;
  j["sources"] = r.sources;
  j["error_bound"] = r.error_bound;
  return j;
}

}  // namespace refnet
