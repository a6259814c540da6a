// Betweenness centrality on the WOM network: how many shortest paths between
// other users run through each user,
//
//   BC(v) = sum over ordered pairs s != v != t of sigma_st(v) / sigma_st,
//
// sigma_st the number of shortest s -> t paths and sigma_st(v) those through v.
// Paths are directed (speaker -> listener) and measured in hops: tie strength
// does not lengthen or shorten a path. Raw values, not normalised: networkx's
// `betweenness_centrality(G, normalized=False)` on the same DiGraph agrees.
//
// Exact: Brandes (2001), one BFS and one dependency accumulation per source,
// O(n m) time; sources run in parallel, each task adding into its own
// vector, and the vectors are added up in a tree fixed by the number of
// sources (parallel_deterministic_reduce), so results do not depend on the
// thread count.
//
// Sampled (samples = k > 0): k distinct pivot sources, chosen by a keyed
// permutation of the vertices from (seed, index), and the exact dependencies
// of those sources scaled by n/k (Brandes and Pich 2007). Each source's
// dependency on v lies in [0, n-2], so by Hoeffding's inequality (which holds
// for sampling without replacement) every single estimate is within
// n (n-2) sqrt(ln(2/delta) / (2k)) of the exact value with probability at least
// 1 - delta; `error_bound` gives that for delta = 0.05.
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/graph/csr_graph.hpp>

#include <cstdint>
#include <functional>
#include <vector>

namespace refnet {

struct BetweennessParams {
  std::uint32_t samples = 0;  // 0 = exact; otherwise the number of pivot sources
  std::uint64_t seed = 1;     // chooses the pivots
  double delta = 0.05;        // the bound holds with probability 1 - delta per vertex
  void validate() const;
};

struct BetweennessResult {
  std::vector<double> score;  // by vertex
  bool exact = true;
  std::uint32_t sources = 0;  // BFS sources used
  double error_bound = 0;     // absolute, per vertex, with probability 1 - delta; 0 when exact
};

// `progress` (optional) gets the fraction of sources done.
BetweennessResult betweenness(const Graph& g, const BetweennessParams& params,
                              const Progress& progress = {});

// The oracle: BFS from every vertex for distances and path counts, then
// BC(v) = sum over s, t with d(s,v) + d(v,t) = d(s,t) of sigma_sv sigma_vt / sigma_st.
// O(n^3); small graphs only.
std::vector<double> betweenness_reference(const Graph& g);

}  // namespace refnet
