// Reverse-reachable (RR) sets, the sample behind influence maximization
// (Borgs, Brautbar, Chayes, Lucier 2014; Tang, Shi, Xiao 2015).
//
// RR set number i picks a root v uniformly, then walks the in-edges backwards
// under the diffusion model: IC keeps each in-edge (u, v) with probability
// p(u, v); LT follows at most one in-edge of each node, u with probability
// w(u, v). The nodes reached are the ones that would have activated v. For any
// seed set S, n * P[S meets an RR set] is S's expected spread.
//
// Sampling is a pure function of (graph, global sample index, run seed): the
// generator is seeded by (seed, index), the root and every draw come from it,
// so any process can produce any slice of the sample and the union is the same
// whatever the split (threads or MPI ranks).
//
// Subset sampling for general IC (after SUBSIM, Guo et al. SIGMOD 2020, which
// does it for a common p by geometric jumps): the live in-edges of v are found
// one after the other, each by one uniform draw, at a cost of 1 + (live edges)
// draws instead of one per edge. Past the edges with p >= 1 (first in the row,
// always live), the row holds none[j], the chance that none of its p < 1 edges
// up to j is live. With the walk at position a and cur = none[a - 1] (1 at the
// row start), the next live edge is the first j >= a with none[j] < cur (1 - U):
// P[none[j] < cur (1 - U)] = 1 - none[j] / cur, the chance that one of edges
// a..j is live; no such j means none of the rest is. With a
// common p this is the geometric jump; with any p it needs no logarithm, only a
// search in a decreasing array: scanned when the rest of the row is short,
// halved from kHalvingMinRun edges on. Rows whose product falls below 1e-280
// (hundreds of edges with p near 1) take one draw per edge instead.
//
// Storage: the sets one after another in one array of 32-bit node ids, with
// 64-bit offsets (CSR), in sample-index order.
#pragma once

#include <refnet/algo/influence/influence_graph.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace refnet {

inline constexpr EdgeId kHalvingMinRun = 12;

struct RRSets {
  std::vector<std::uint64_t> offsets{0};  // size() + 1
  std::vector<VertexId> nodes;

  std::uint64_t size() const { return offsets.size() - 1; }
  std::span<const VertexId> operator[](std::uint64_t i) const {
    return {nodes.data() + offsets[i], static_cast<std::size_t>(offsets[i + 1] - offsets[i])};
  }
  std::size_t memory_bytes() const {
    return offsets.capacity() * sizeof(std::uint64_t) + nodes.capacity() * sizeof(VertexId);
  }
};

// Per-thread scratch for the sampler: a visit stamp per node. Holds no state
// that affects the result.
class RRScratch {
 public:
  explicit RRScratch(VertexId n) : stamp_(n, 0) {}
  // Starts a new set; returns the stamp that marks "visited in this set".
  std::uint32_t next_epoch();
  std::vector<std::uint32_t>& stamps() { return stamp_; }

 private:
  std::vector<std::uint32_t> stamp_;
  std::uint32_t epoch_ = 0;
};

// Appends RR set number `index` (root first, then in visiting order) to `out`.
void sample_rr_set(const InfluenceGraph& g, std::uint64_t seed, std::uint64_t index, RRScratch& scratch,
                   std::vector<VertexId>& out);

// Appends sets [first, first + count) to `sets`, in parallel; the result is the
// same at any thread count.
void sample_rr_sets(const InfluenceGraph& g, std::uint64_t seed, std::uint64_t first, std::uint64_t count,
                    RRSets& sets);

// The reference sampler: one draw per in-edge, no skips, no scratch reuse.
// Same distribution as sample_rr_set, different random stream; the test oracle.
std::vector<VertexId> sample_rr_set_reference(const InfluenceGraph& g, std::uint64_t seed, std::uint64_t index);

}  // namespace refnet
