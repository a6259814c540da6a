// The diffusion model over the WOM network: which ties carry influence and
// with what probability, in the compact form the samplers walk.
//
// Edge probabilities are an explicit choice (docs/influence.md):
//   input      the weight read from the input (an IMM `.inf` third column);
//   strength   p = 1 - exp(-strength / scale) from a WOM tie's decayed strength;
//   wc         weighted cascade, p(u,v) = 1 / in-degree(v);
//   trivalency one of 0.1, 0.01, 0.001, chosen by a hash of (u, v, seed);
//   uniform    the same p on every tie.
// `auto` takes `input` when the input carries probabilities, `strength` for event
// logs, `wc` otherwise.
//
// Independent Cascade (IC) uses p as the chance that u activates v. Linear
// Threshold (LT) uses p as the weight of u in v's threshold sum, normalised per
// node: when a node's incoming weights sum above 1 they are divided by the sum.
//
// Only ties of the chosen sign take part: positive ties carry word of mouth,
// negative ties carry negative word of mouth ("offend one, lose 150").
#pragma once

#include <refnet/graph/csr_graph.hpp>
#include <refnet/parallel/random.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

enum class ProbabilityModel : std::uint8_t { kAuto, kInput, kStrength, kWeightedCascade, kTrivalency, kUniform };
enum class DiffusionModel : std::uint8_t { kIndependentCascade, kLinearThreshold };
enum class TieSign : std::uint8_t { kPositive, kNegative, kAll };

std::string_view to_string(ProbabilityModel m);
std::string_view to_string(DiffusionModel m);
std::string_view to_string(TieSign s);
ProbabilityModel parse_probability_model(std::string_view s);  // throw UsageError
DiffusionModel parse_diffusion_model(std::string_view s);
TieSign parse_tie_sign(std::string_view s);

struct InfluenceModelParams {
  ProbabilityModel probability = ProbabilityModel::kAuto;
  DiffusionModel model = DiffusionModel::kIndependentCascade;
  TieSign ties = TieSign::kPositive;
  double uniform_p = 0.01;      // for kUniform
  double strength_scale = 10.0;  // for kStrength
  std::uint64_t seed = 1;       // for kTrivalency
  void validate() const;
};

// In-edges (for reverse-reachable sampling) and out-edges (for forward
// simulation), keeping only the ties with a probability above zero.
struct InfluenceGraph {
  VertexId n = 0;
  DiffusionModel model = DiffusionModel::kIndependentCascade;
  ProbabilityModel probability = ProbabilityModel::kAuto;  // the resolved choice

  std::vector<EdgeId> in_start;  // n + 1
  std::vector<VertexId> in_src;
  std::vector<float> in_p;       // IC probability or normalised LT weight
  // The same as 32-bit integers for the samplers: a uniform 32-bit r keeps the
  // edge when r <= threshold, so the chance is ceil(p 2^32) / 2^32.
  std::vector<std::uint32_t> in_threshold;
  // The probability every in-edge of v shares, or -1 when they differ. Lets the
  // LT walk pick a uniform slot.
  std::vector<float> in_common_p;
  std::vector<float> in_total;   // LT: sum of v's in-weights (<= 1)
  // IC only, for the sampler's subset sampling (rr_sets.hpp), one 16-byte
  // record per in-edge in row order, so that a row is one cache line or two:
  // v's in-edges with p >= 1 come first in its row, marked none = 2; for each
  // later in-edge j, none = the product of (1 - p) over the row's p < 1 edges up
  // to and including j, the chance that none of them is live. Empty for LT.
  struct IcInEdge {
    double none;
    VertexId src;
    std::uint32_t unused = 0;
  };
  static constexpr double kSure = 2.0;
  std::vector<IcInEdge> in_ic;

  std::vector<EdgeId> out_start;  // n + 1
  std::vector<VertexId> out_dst;
  std::vector<float> out_p;

  EdgeId num_edges() const { return static_cast<EdgeId>(in_src.size()); }
  std::size_t memory_bytes() const;
};

// `weight_meaning` is BuildInfo::weight_meaning ("probability", "strength", ...):
// it decides `auto` and rejects `input` when the weights are not probabilities.
InfluenceGraph make_influence_graph(const Graph& g, const std::string& weight_meaning,
                                    const InfluenceModelParams& params);

// The samplers' random numbers: the stream of RR set or world `index`.
inline constexpr std::uint64_t kSampleSalt = 0x5EEDF00DULL;
inline CounterRng sample_rng(std::uint64_t seed, std::uint64_t index) {
  return CounterRng::for_item(seed, kSampleSalt, index);
}

}  // namespace refnet
