// Greedy maximum coverage over RR sets: pick k nodes one at a time, each the
// node that meets the most sets not yet met. Greedy is a (1 - 1/e)
// approximation (Nemhauser, Wolsey, Fisher 1978), the heart of IMM.
//
// Lazy updates (CELF, Leskovec et al. 2007): each node's last known gain sits in
// a max-heap; by submodularity a stale gain is an upper bound, so only the top
// node is re-counted, and it is taken when its fresh gain still tops the heap.
// Ties go to the smaller node id, so the result equals plain greedy's.
//
// Cost: building the node -> sets index is O(total set size) (parallel); the
// selection is O(total set size + k * heap re-counts).
//
// Also the upper bound on the best coverage any k nodes reach that OPIM-C needs
// (Tang et al. SIGMOD 2018, Lemma 4.2): min over steps i of
// covered(S_i) + the sum of the k largest marginal gains after S_i, taken with
// the heap's stale gains (upper bounds themselves) at every step.
#pragma once

#include <refnet/algo/influence/rr_sets.hpp>
#include <refnet/parallel/cluster.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace refnet {

struct CoverageSelection {
  std::vector<VertexId> seeds;       // in the order picked
  std::vector<std::uint64_t> gains;  // sets newly met by each seed
  std::uint64_t covered = 0;         // sets met by all seeds
  std::uint64_t upper_bound = 0;     // no k nodes meet more sets than this
};

CoverageSelection max_coverage(const RRSets& sets, VertexId n, unsigned k);

// The same selection when the sets are spread over the processes of a run,
// each holding its share: the same lazy greedy on every process, where each
// count (the initial n counts, then each re-count of the top node) is summed
// across processes. One all-reduce of n counters, then one of a single
// counter per re-count. Same seeds, gains, covered and upper_bound as
// max_coverage over the union.
CoverageSelection max_coverage_distributed(const RRSets& local, VertexId n, unsigned k, const Cluster& cluster);

// Plain greedy: recounts every node's gain at every step. The test oracle.
CoverageSelection max_coverage_reference(const RRSets& sets, VertexId n, unsigned k);

// Number of sets that `seeds` meet.
std::uint64_t count_covered(const RRSets& sets, VertexId n, std::span<const VertexId> seeds);

}  // namespace refnet
