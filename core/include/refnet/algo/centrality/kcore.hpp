// k-core decomposition: the core number of every vertex, the largest k such
// that the vertex belongs to the k-core (the largest subgraph in which every
// vertex has degree >= k; Seidman 1983).
//
// Graph: the undirected view of the WOM network (graph/undirected.hpp):
// neighbours in either direction, self-loops dropped, parallel edges once;
// igraph's `coreness(mode="all")` on the same simple undirected graph agrees.
//
// Method: peeling by levels (as in Julienne / GBBS, Dhulipala et al. 2017,
// and PKC, Kabir and Madduri 2017, with a scan of the vertices left instead of
// a bucket structure). At level k, every remaining vertex of degree <= k is
// peeled; peeling decrements its neighbours' degrees, and a neighbour whose
// degree falls from k+1 to k joins the next round of the same level.
// Graphs under 2^22 adjacency entries (about 2M undirected edges) are peeled
// on one thread, in compact arrays with an in-place scan and a single queue
// (faster there than starting and synchronising threads); larger ones in
// parallel, decrementing with atomics, with rounds and scans of under a couple
// of thousand vertices run on one thread. O(m + sum over levels of the vertices
// left) work. Core numbers are unique, so the result does not depend on the
// path, the order of peeling or the thread count; `rounds` is the same on both
// paths. `core_numbers_reference` is Batagelj and Zaversnik's (2003) serial
// O(m) bucket algorithm, the oracle in the tests.
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/graph/undirected.hpp>

#include <cstdint>
#include <functional>
#include <vector>

namespace refnet {

// kAuto picks by size (above); the others force a path, for tests and benchmarks.
enum class KCoreMethod { kAuto, kSerial, kParallel };

struct KCoreParams {
  KCoreMethod method = KCoreMethod::kAuto;
  void validate() const {}
};

struct KCoreResult {
  std::vector<std::uint32_t> core;  // by vertex
  std::uint32_t degeneracy = 0;     // the largest core number
  std::uint64_t rounds = 0;         // peeling rounds (parallel steps)
};

// `progress` (optional) gets the fraction of vertices peeled.
KCoreResult core_numbers(const UndirectedGraph& g, const KCoreParams& params = {},
                         const Progress& progress = {});

std::vector<std::uint32_t> core_numbers_reference(const UndirectedGraph& g);

}  // namespace refnet
