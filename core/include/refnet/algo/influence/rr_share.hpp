// Each user's share of reverse-reachable sets: the chance that a random user's
// RR set holds u, which equals spread({u}) / n under the diffusion model
// (Borgs et al. 2014). It is the influence component of the super-user score.
//
// IMM sizes its sample for choosing k seeds with a guarantee, which at a
// million users means a hundred million sets held in memory. A percentile of
// every user's share needs neither: the sets are sampled in rounds and only
// counted (memory O(n), whatever the sample size), and the sample grows until
// the user at the top-`top_fraction` boundary (the 1% best by default) is in
// at least `target_count` sets. Counts are binomial, so that user's share has
// a relative standard error of about 1/sqrt(count): 20% at the default 25,
// less for everyone above the boundary. Measured on a generated 1M-user log
// against a sample ten times larger (bench/influence_share_bench.py), the top
// 1% then sit within 0.23 percentile points of where the large sample puts
// them on average: a 0.03-point change of a score in points of 100. The round sizes and the stopping test
// depend only on the counts, never on the threads: the same seed gives the
// same result at any --threads. O(sets * mean set size) time.
#pragma once

#include <refnet/algo/influence/influence_graph.hpp>
#include <refnet/base/progress.hpp>

#include <cstdint>
#include <vector>

namespace refnet {

struct RRShareParams {
  std::uint64_t seed = 1;
  double top_fraction = 0.01;        // whose estimates must be precise: the top 1% of users
  std::uint64_t target_count = 25;   // sets the boundary user must be in (relative error ~ 1/sqrt)
  std::uint64_t sets = 0;            // > 0: exactly this many sets, no adaptive stop
  std::uint64_t max_sets = 0;        // adaptive: stop here at the latest; 0 = max(2^22, 64 n)
  void validate() const;
};

struct RRShareResult {
  std::vector<std::uint32_t> count;   // per user: sets that hold them
  std::uint64_t sets = 0;             // sets sampled
  std::uint64_t nodes = 0;            // their total size
  std::uint64_t boundary_count = 0;   // count of the user at the top_fraction boundary
  bool reached_target = false;        // false: stopped at max_sets (or a fixed size) first
  double share(VertexId v) const { return sets ? static_cast<double>(count[v]) / static_cast<double>(sets) : 0.0; }
  // Relative standard error of the boundary user's share, ~ 1/sqrt(count).
  double boundary_error() const;
};

// Phases: one "round" per sample size tried (the fraction: sets so far of the
// round's target).
RRShareResult rr_share(const InfluenceGraph& g, const RRShareParams& params, const Progress& progress = {});

// The oracle: every set drawn one at a time and counted serially.
std::vector<std::uint32_t> rr_share_reference(const InfluenceGraph& g, std::uint64_t seed, std::uint64_t sets);

}  // namespace refnet
