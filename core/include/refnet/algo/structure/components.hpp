// Weakly and strongly connected components of the word-of-mouth graph
// (`refnet components`).
//
// Weak components: Afforest (Sutton, Ben-Nun, Barak, "Optimizing Parallel Graph
// Connectivity Computation via Subgraph Sampling", IPDPS 2018), as GAPBS's `cc`:
// lock-free union-find in which a link always hangs the larger root under the
// smaller, first over each user's first two out-ties, then, once a sample of
// users shows the largest component so far, over the remaining ties of the users
// outside it only (their out- and in-ties, since the graph is directed). Roots
// only ever move to smaller ids, so each component's root, its label, is its
// smallest user id, whatever the threads did: the result does not depend on
// --threads. O(m) expected work, parallel.
//
// Strong components: Tarjan's algorithm (1972), iterative (no recursion depth
// limit), O(n + m), serial; each component labelled by its smallest user id.
//
// Singletons (components of one user) and users without ties are counted. The
// tests compare both against Boost's connected_components and
// strong_components.
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/graph/csr_graph.hpp>

#include <cstdint>
#include <vector>

namespace refnet {

struct ComponentsParams {
  bool weak = true;
  bool strong = true;
  std::uint32_t top = 10;  // how many of the largest components to list
  void validate() const;
};

struct ComponentSet {
  std::vector<VertexId> label;  // per user: the smallest user id of their component
  std::uint64_t count = 0;
  std::uint64_t largest = 0;     // users in the largest component
  std::uint64_t singletons = 0;  // components of one user
  // The `top` largest components as (label, size), by size, ties by label.
  std::vector<std::pair<VertexId, std::uint64_t>> biggest;
  // size_counts[i]: (size, how many components have it), by size.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> size_counts;
};

struct ComponentsResult {
  VertexId users = 0;
  std::uint64_t isolated = 0;  // users without any tie
  bool has_weak = false, has_strong = false;
  ComponentSet weak, strong;
};

ComponentsResult components(const Graph& g, const ComponentsParams& params, const Progress& progress = {});

// Per-user labels only.
std::vector<VertexId> weak_component_labels(const Graph& g);
std::vector<VertexId> strong_component_labels(const Graph& g);

// The serial references: union-find over every edge, and Kosaraju's two
// passes (a different method from Tarjan's), both labelled by smallest id.
std::vector<VertexId> weak_components_reference(const Graph& g);
std::vector<VertexId> strong_components_reference(const Graph& g);

}  // namespace refnet
