#include <refnet/algo/influence/influence_graph.hpp>

#include <refnet/base/error.hpp>
#include <refnet/parallel/loops.hpp>
#include <refnet/parallel/random.hpp>

#include <algorithm>
#include <cmath>

namespace refnet {

namespace {
constexpr std::pair<ProbabilityModel, std::string_view> kProbabilityNames[] = {
    {ProbabilityModel::kAuto, "auto"},       {ProbabilityModel::kInput, "input"},
    {ProbabilityModel::kStrength, "strength"}, {ProbabilityModel::kWeightedCascade, "wc"},
    {ProbabilityModel::kTrivalency, "trivalency"}, {ProbabilityModel::kUniform, "uniform"}};

// Trivalency: 0.1, 0.01 or 0.001 by a hash of the tie and the seed, so that the
// same tie keeps its value in every sample and every run with this seed.
float trivalency(VertexId u, VertexId v, std::uint64_t seed) {
  static constexpr float kValues[3] = {0.1f, 0.01f, 0.001f};
  const std::uint64_t h = mix64(mix64(seed ^ 0x7472697661ULL) ^ ((std::uint64_t{u} << 32) | v));
  return kValues[h % 3];
}

ProbabilityModel resolve(ProbabilityModel m, const std::string& weight_meaning) {
  if (m == ProbabilityModel::kInput && weight_meaning != "probability")
    throw UsageError("--probability input needs an input whose weights are probabilities (an IMM .inf file); "
                     "this network's weights are '" + weight_meaning + "': choose wc, trivalency, uniform or strength");
  if (m == ProbabilityModel::kStrength && weight_meaning != "strength")
    throw UsageError("--probability strength needs an event log (tie strengths); this network's weights are '" +
                     weight_meaning + "'");
  if (m != ProbabilityModel::kAuto) return m;
  if (weight_meaning == "probability") return ProbabilityModel::kInput;
  if (weight_meaning == "strength") return ProbabilityModel::kStrength;
  return ProbabilityModel::kWeightedCascade;
}

bool takes_part(const Graph& g, EdgeId e, TieSign ties) {
  if (ties == TieSign::kAll) return true;
  return (g.sign(e) > 0) == (ties == TieSign::kPositive);
}
}  // namespace

std::string_view to_string(ProbabilityModel m) {
  for (const auto& [model, name] : kProbabilityNames)
    if (model == m) return name;
  return "?";
}
std::string_view to_string(DiffusionModel m) { return m == DiffusionModel::kIndependentCascade ? "ic" : "lt"; }
std::string_view to_string(TieSign s) {
  return s == TieSign::kPositive ? "positive" : s == TieSign::kNegative ? "negative" : "all";
}

ProbabilityModel parse_probability_model(std::string_view s) {
  for (const auto& [model, name] : kProbabilityNames)
    if (name == s) return model;
  throw UsageError("--probability must be one of auto, input, strength, wc, trivalency, uniform (got '" +
                   std::string(s) + "')");
}
DiffusionModel parse_diffusion_model(std::string_view s) {
  if (s == "ic") return DiffusionModel::kIndependentCascade;
  if (s == "lt") return DiffusionModel::kLinearThreshold;
  throw UsageError("--model must be ic or lt (got '" + std::string(s) + "')");
}
TieSign parse_tie_sign(std::string_view s) {
  if (s == "positive") return TieSign::kPositive;
  if (s == "negative") return TieSign::kNegative;
  if (s == "all") return TieSign::kAll;
  throw UsageError("--ties must be positive, negative or all (got '" + std::string(s) + "')");
}

void InfluenceModelParams::validate() const {
  if (!(uniform_p > 0 && uniform_p <= 1)) throw UsageError("--p must be in (0, 1]");
  if (!(strength_scale > 0) || !std::isfinite(strength_scale)) throw UsageError("--strength-scale must be > 0");
}

std::size_t InfluenceGraph::memory_bytes() const {
  return in_start.capacity() * sizeof(EdgeId) + in_src.capacity() * sizeof(VertexId) +
         in_p.capacity() * sizeof(float) + in_threshold.capacity() * sizeof(std::uint32_t) + in_common_p.capacity() * sizeof(float) +
         in_total.capacity() * sizeof(float) + out_start.capacity() * sizeof(EdgeId) +
         out_dst.capacity() * sizeof(VertexId) + out_p.capacity() * sizeof(float) +
         in_ic.capacity() * sizeof(IcInEdge);
}

InfluenceGraph make_influence_graph(const Graph& g, const std::string& weight_meaning,
                                    const InfluenceModelParams& params) {
  params.validate();
  InfluenceGraph ig;
  const VertexId n = g.num_vertices();
  ig.n = n;
  ig.model = params.model;
  ig.probability = resolve(params.probability, weight_meaning);

  // Pass 1: in-degree among the ties that take part.
  std::vector<EdgeId> degree(n, 0);
  for_each_block<VertexId>(n, [&](VertexId r_begin, VertexId r_end) {
    for (VertexId v = r_begin; v != r_end; ++v) {
      EdgeId d = 0;
      for (EdgeId pos = g.in_begin(v); pos < g.in_end(v); ++pos) d += takes_part(g, g.in_edge(pos), params.ties);
      degree[v] = d;
    }
  }, 1);
  auto probability = [&](VertexId u, VertexId v, EdgeId e) -> float {
    switch (ig.probability) {
      case ProbabilityModel::kInput: return std::min(1.0f, g.weight(e));
      case ProbabilityModel::kStrength:
        return static_cast<float>(-std::expm1(-static_cast<double>(g.weight(e)) / params.strength_scale));
      case ProbabilityModel::kWeightedCascade: return 1.0f / static_cast<float>(degree[v]);
      case ProbabilityModel::kTrivalency: return trivalency(u, v, params.seed);
      case ProbabilityModel::kUniform: return static_cast<float>(params.uniform_p);
      case ProbabilityModel::kAuto: break;
    }
    return 0.0f;
  };

  // Pass 2: the in-edge arrays, keeping only ties with p > 0.
  std::vector<float> p_all(g.num_edges(), 0.0f);  // by forward edge index, for the out-arrays
  for_each_block<VertexId>(n, [&](VertexId r_begin, VertexId r_end) {
    for (VertexId v = r_begin; v != r_end; ++v)
      for (EdgeId pos = g.in_begin(v); pos < g.in_end(v); ++pos) {
        const EdgeId e = g.in_edge(pos);
        if (takes_part(g, e, params.ties)) p_all[e] = probability(g.in_source(pos), v, e);
      }
  }, 1);
  ig.in_start.assign(n + 1, 0);
  for (VertexId v = 0; v < n; ++v) {
    EdgeId kept = 0;
    for (EdgeId pos = g.in_begin(v); pos < g.in_end(v); ++pos) kept += p_all[g.in_edge(pos)] > 0;
    ig.in_start[v + 1] = ig.in_start[v] + kept;
  }
  ig.in_src.resize(ig.in_start[n]);
  ig.in_p.resize(ig.in_start[n]);
  ig.in_threshold.resize(ig.in_start[n]);
  ig.in_common_p.assign(n, -1.0f);
  ig.in_total.assign(n, 0.0f);
  std::vector<double> raw_total(n, 0.0);  // LT normalisation of each target
  const bool ic = ig.model == DiffusionModel::kIndependentCascade;
  if (ic) {
    ig.in_ic.resize(ig.in_start[n]);
  }
  for_each_block<VertexId>(n, [&](VertexId r_begin, VertexId r_end) {
    for (VertexId v = r_begin; v != r_end; ++v) {
      const EdgeId begin = ig.in_start[v], end = ig.in_start[v + 1];
      EdgeId at = begin;
      double total = 0;
      // IC: the in-edges that are always live first (a stable partition), so
      // that the products in in_ic cover the rest of the row only.
      for (int pass = ic ? 0 : 1; pass < 2; ++pass)
        for (EdgeId pos = g.in_begin(v); pos < g.in_end(v); ++pos) {
          const float p = p_all[g.in_edge(pos)];
          if (!(p > 0) || (ic && (p >= 1) != (pass == 0))) continue;
          ig.in_src[at] = g.in_source(pos);
          ig.in_p[at++] = p;
          total += p;
        }
      if (ic) {
        double none = 1;
        for (EdgeId i = begin; i < end; ++i) {
          const double p = ig.in_p[i];
          ig.in_ic[i] = {p >= 1 ? InfluenceGraph::kSure : none *= 1.0 - p, ig.in_src[i]};
        }
      }
      raw_total[v] = total;
      auto threshold = [](double p) {
        return static_cast<std::uint32_t>(std::clamp(std::ceil(p * 0x1.0p32) - 1, 0.0, 4294967295.0));
      };
      if (ig.model == DiffusionModel::kLinearThreshold && total > 1) {
        for (EdgeId i = begin; i < end; ++i) ig.in_p[i] = static_cast<float>(ig.in_p[i] / total);
        total = 1;
      }
      ig.in_total[v] = static_cast<float>(total);
      for (EdgeId i = begin; i < end; ++i) ig.in_threshold[i] = threshold(ig.in_p[i]);
      bool common = begin < end;
      for (EdgeId i = begin + 1; i < end && common; ++i) common = ig.in_p[i] == ig.in_p[begin];
      if (common) ig.in_common_p[v] = ig.in_p[begin];
    }
  }, 1);

  // Out-edge arrays, from the forward rows (LT weights as normalised above).
  ig.out_start.assign(n + 1, 0);
  for (VertexId u = 0; u < n; ++u) {
    EdgeId kept = 0;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) kept += p_all[e] > 0;
    ig.out_start[u + 1] = ig.out_start[u] + kept;
  }
  ig.out_dst.resize(ig.out_start[n]);
  ig.out_p.resize(ig.out_start[n]);
  for_each_block<VertexId>(n, [&](VertexId r_begin, VertexId r_end) {
    for (VertexId u = r_begin; u != r_end; ++u) {
      EdgeId at = ig.out_start[u];
      for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
        if (!(p_all[e] > 0)) continue;
        ig.out_dst[at] = g.target(e);
        ig.out_p[at++] = p_all[e];
      }
    }
  }, 1);
  if (ig.model == DiffusionModel::kLinearThreshold) {
    // Scale each out-edge by its target's normalisation (the in-side already is).
    for_each_block<VertexId>(n, [&](VertexId r_begin, VertexId r_end) {
      for (VertexId u = r_begin; u != r_end; ++u)
        for (EdgeId i = ig.out_start[u]; i < ig.out_start[u + 1]; ++i) {
          const double total = raw_total[ig.out_dst[i]];
          if (total > 1) ig.out_p[i] = static_cast<float>(ig.out_p[i] / total);
        }
    }, 1);
  }
  return ig;
}

}  // namespace refnet
