// PageRank on the word-of-mouth network, weighted by tie strength.
//
// The formula (pinned; docs/centrality.md):
//
//   PR_0(v)     = 1/n
//   PR_{i+1}(v) = (1-d)/n + d * ( sum_{u->v} PR_i(u) * w(u,v) / W(u)  +  D_i/n )
//
// W(u) = sum of u's out-weights; a vertex with W(u) = 0 is dangling, and
// D_i = sum of PR_i over dangling vertices is spread uniformly, so the scores
// always sum to 1. Unweighted (or --unweighted): w = 1 and W(u) = out-degree.
// This is igraph's (PRPACK's) definition, and networkx's. Boost.Graph's
// `page_rank` uses (1-d) in place of (1-d)/n and does not spread dangling mass:
// on a graph without dangling vertices its scores are n times ours.
//
// Method: pull-based power iteration (Brin and Page 1998; the GAPBS `pr`
// kernel, Beamer et al. 2015): every vertex sums its in-neighbours'
// contributions contrib(u) = PR(u)/W(u) (single precision, as in GAPBS), in
// parallel over fixed chunks of vertices, with no atomics; the same pass
// writes the next contributions and each chunk's change and dangling mass.
// Weighted graphs first copy each in-edge's w(u,v)/W(u) into an array in
// in-edge order (the setup), so an iteration streams it instead of looking
// weights up through the in-edge index. Each vertex's sum runs in a fixed
// order and chunk totals are added in chunk order, so scores do not depend on
// the thread count.
// O(m) work and O(n) memory per iteration (+ 4m bytes when weighted).
//
// Under MPI (params.cluster, docs/scale-out.md) each process owns a
// contiguous range of the chunks (balanced by in-edges plus vertices),
// computes their scores, and after each iteration the processes all-gather
// the new contributions (4 bytes per vertex) and the per-chunk sums; every
// process then adds the chunk sums in chunk order. Each vertex's score is
// computed by the same code from the same inputs as in one process, so the
// scores are identical, bit for bit, to a single-process run. Each process
// holds the whole graph, the O(n) arrays, and the weight shares of its own
// in-edges only (4 bytes per edge).
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/graph/csr_graph.hpp>
#include <refnet/parallel/cluster.hpp>

#include <cstdint>
#include <functional>
#include <vector>

namespace refnet {

// Contributions and per-edge shares are kept in single precision (half the
// bytes the in-edges read, as GAPBS does) while the tolerance asked for is at
// least this: float rounding leaves an L1 noise floor near 1e-7. Finer
// tolerances switch to double so that they can be reached, and then reach the
// same fixed point as the serial reference.
inline constexpr double kFloatTolerance = 1e-6;

struct PageRankParams {
  double damping = 0.85;          // d
  // The defaults converge: iterate until the L1 change is below 1e-6 (every
  // score then within about 1e-6 of the fixed point in L1 norm), at most 100
  // times. `refnet centrality` and the super-user ranking use the same.
  std::uint32_t iterations = 100;  // at most this many
  double tolerance = 1e-6;         // stop once sum |PR_{i+1} - PR_i| < tolerance; 0 = run all iterations
  bool weighted = true;           // false: every edge counts 1
  const Cluster* cluster = nullptr;  // split the vertices over these processes; null = this one alone
  void validate() const;
};

struct PageRankResult {
  std::vector<double> score;     // by vertex; sums to 1
  std::uint32_t iterations = 0;  // done
  double residual = 0;           // sum |PR_i - PR_{i-1}| of the last iteration
  bool converged = false;        // tolerance > 0 and the residual fell below it
  bool double_precision = false; // contributions and shares in double (tolerance < kFloatTolerance)
  std::uint64_t dangling = 0;    // vertices without out-weight
};

// Phases: "setup" (out-weights and the per-in-edge weight array), then
// "iterations" (the kernel alone, what GAPBS `pr` times) with the fraction done.
PageRankResult pagerank(const Graph& g, const PageRankParams& params, const Progress& progress = {});

// The oracle: the same formula, serial and push-based over out-edges, in
// plain loops. Runs exactly params.iterations iterations unless tolerance > 0.
std::vector<double> pagerank_reference(const Graph& g, const PageRankParams& params);

}  // namespace refnet
