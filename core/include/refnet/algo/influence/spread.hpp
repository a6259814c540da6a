// Expected spread of a seed set under Independent Cascade or Linear Threshold,
// by Monte Carlo simulation (Kempe, Kleinberg, Tardos 2003).
//
// Each run is one random world fixed by (run seed, run index): under IC, out-edge
// e of the influence graph is live when hash(world, e) < p(e); under LT, node v
// has threshold hash(world, v) in [0, 1) and activates once the weights of its
// active in-neighbours reach it. Because a world is a pure function of its
// index, runs split across threads (or processes) in any way give the same
// result, and two seed sets scored with the same seed meet the same worlds
// (common random numbers, which CELF relies on).
//
// Cost: O(runs * edges reached). The result carries the mean, the sample standard
// deviation, a 95% confidence interval (normal approximation: mean +- 1.96 s /
// sqrt(runs)) and the number of edge visits.
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/algo/influence/influence_graph.hpp>
#include <refnet/parallel/cluster.hpp>

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace refnet {

struct SpreadParams {
  std::uint64_t runs = 10000;
  std::uint64_t seed = 1;
  // Under MPI each process runs its share of the worlds; the sums are combined
  // exactly, so the result equals a single process's.
  const Cluster* cluster = nullptr;
  void validate() const;
};

struct SpreadResult {
  std::uint64_t runs = 0;
  double mean = 0;
  double stddev = 0;
  double ci_low = 0;   // 95% confidence interval of the expected spread
  double ci_high = 0;
  std::uint64_t edge_visits = 0;  // out-edges examined over all runs
};

SpreadResult simulate_spread(const InfluenceGraph& g, std::span<const VertexId> seeds, const SpreadParams& params,
                             const Progress& progress = {});

// Per-thread working memory for one world at a time.
class WorldScratch {
 public:
  explicit WorldScratch(VertexId n) : stamp_(n, 0), weight_(n, 0.0f) {}
  std::uint32_t next_epoch();
  std::vector<std::uint32_t> stamp_;  // == epoch: active in this world
  std::vector<float> weight_;         // LT: incoming active weight (valid when touched_ == epoch)
  std::vector<std::uint32_t> touched_;
  std::vector<VertexId> queue_;

 private:
  std::uint32_t epoch_ = 0;
};

// Number of nodes active at the end in world `run` (seeds included); adds the
// out-edges examined to `edge_visits`.
std::uint64_t spread_in_world(const InfluenceGraph& g, std::span<const VertexId> seeds, std::uint64_t seed,
                              std::uint64_t run, WorldScratch& scratch, std::uint64_t& edge_visits);

// The exact expected spread, by enumerating every live-edge world (IC: each
// edge live or not; LT: each node's single live in-edge or none) with its
// probability. Exponential: only for tiny graphs (at most 2^22 worlds, else
// UsageError). The oracle for the tests.
double exact_spread(const InfluenceGraph& g, std::span<const VertexId> seeds);

}  // namespace refnet
