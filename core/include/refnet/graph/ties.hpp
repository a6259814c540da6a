// Word-of-mouth ties from contributions (one per event or input row): the
// graph builder shared by the event-log networks and the graph-file parsers.
#pragma once

#include <refnet/graph/csr_graph.hpp>

#include <cstdint>
#include <vector>

namespace refnet {

// How parallel edges u -> v of a graph input combine into one tie.
enum class Combine : std::uint8_t {
  kSum,          // strengths add up (counts, weights)
  kProbability,  // independent chances: 1 - prod(1 - p)
};

// Builds a word-of-mouth graph from tie contributions: one per event or input
// row, with a strength >= 0 and a polarity whose sum gives the tie's sign.
// Parallel contributions are combined, self-loops dropped (and counted), and
// each user's out-edges ordered by strength (then target), so that an edge's
// position in its row is its Dunbar rank.
struct TieContributions {
  std::vector<Edge> edges;
  std::vector<float> strength;  // empty: every contribution has strength 1
  std::vector<float> polarity;  // empty exactly when strength is
  std::vector<double> time;     // empty when there are no times
};
Graph build_ties(VertexId num_vertices, TieContributions contributions, Combine combine,
                 std::uint64_t& self_loops, std::uint64_t& merged);

}  // namespace refnet
