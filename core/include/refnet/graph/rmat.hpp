// R-MAT scale graphs (Chakrabarti, Zhan, Faloutsos, "R-MAT: A Recursive Model
// for Graph Mining", SDM 2004), the generator of Graph500 and GAPBS.
//
// What: 2^scale * edge_factor directed edges over 2^scale vertices, with the
// skewed (power-law-like) degrees and community-within-community structure of
// real graphs. How: each edge descends `scale` levels of the adjacency
// matrix, picking at each level the top-left, top-right, bottom-left or
// bottom-right quadrant with probabilities a, b, c and d = 1 - a - b - c
// (defaults 0.57 / 0.19 / 0.19 / 0.05, as Graph500 and GAPBS). The raw model
// puts all hubs at low ids; like GAPBS, we then relabel vertices by a keyed
// pseudo-random permutation (a Feistel network, so it needs no memory).
// Self-loops and repeated edges are kept, as in the model; graph builders
// drop or merge them.
//
// Parallel with oneTBB over fixed blocks of 2^16 edges, each with its own
// random stream keyed by (seed, block), so the edges (and their order) are
// the same for any thread count. O(m * scale) time, 8 bytes per edge.
#pragma once

#include <refnet/graph/csr_graph.hpp>

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace refnet {

// Throws UsageError when scale is not in [1, 31], edge_factor is 0, the edge
// count does not fit a 32-bit EdgeId, or a, b, c are not probabilities with
// a + b + c <= 1.
std::vector<Edge> rmat_edges(unsigned scale, unsigned edge_factor, std::uint64_t seed, double a = 0.57, double b = 0.19,
                             double c = 0.19, bool permute = true);

// Writes "src\tdst\n" per edge (the SNAP edge-list form), formatted in
// parallel in fixed chunks; throws std::runtime_error when the stream fails.
void write_edge_list(std::ostream& out, const std::vector<Edge>& edges);

// The same to `path`, through a temporary file renamed at the end.
void write_edge_list_file(const std::string& path, const std::vector<Edge>& edges);

}  // namespace refnet
