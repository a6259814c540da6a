// Influence maximization: the k seeds whose word of mouth reaches the most
// people (Kempe, Kleinberg, Tardos 2003).
//
//   imm             IMM (Tang, Shi, Xiao SIGMOD 2015). Phase 1 finds a lower bound
//                   LB on the optimum; phase 2 draws theta = lambda* / LB fresh sets
//                   and runs greedy max coverage on them. With probability >= 1 - 1/n^l
//                   the seeds' spread is >= (1 - 1/e - epsilon) OPT. Phase 2 samples
//                   sets independent of phase 1's (Chen 2018, "An issue in the
//                   martingale analysis of IMM": reusing them voids the proof); l is
//                   raised to l (1 + ln 2 / ln n) so that both phases together fail
//                   with probability at most 1/n^l.
//                   Phase 1 by default (kPilot) bounds the spread of greedy seeds from
//                   a pilot sample with OPIM-C's martingale lower bound on a second,
//                   independent pilot sample: a sound LB from far fewer sets than the
//                   paper's doubling search (kDoubling, also available), and a tighter
//                   one, so theta is smaller too.
//   opim-c          OPIM-C (Tang, Tang, Xiao, Yuan SIGMOD 2018): two samples R1, R2,
//                   greedy on R1, stop as soon as R2's lower bound on the seeds' spread
//                   over R1's upper bound on OPT passes 1 - 1/e - epsilon; else double.
//                   Same guarantee, usually far fewer sets, slightly noisier seeds.
//   celf            Monte Carlo greedy with lazy evaluation (Leskovec et al. 2007),
//                   `mc_runs` common worlds per estimate: slow, for small graphs and
//                   as a cross-check.
//   degree-discount Chen, Wang, Yang KDD 2009: a node's out-degree discounted for
//                   seeds among its in-neighbours, with the graph's mean edge
//                   probability as p. A fast heuristic baseline, no guarantee.
//
// RR sets come from sample_rr_sets, a pure function of (graph, index, seed):
// phase 1 uses indices from 0, phase 2 (and OPIM-C's second sample) from 2^62,
// so results do not depend on the thread count and can be split across processes.
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/algo/influence/influence_graph.hpp>
#include <refnet/parallel/cluster.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace refnet {

enum class SeedAlgorithm : std::uint8_t { kImm, kOpimC, kCelf, kDegreeDiscount };
// How IMM's phase 1 finds its lower bound LB on OPT (docs/influence.md).
enum class ImmLowerBound : std::uint8_t { kPilot, kDoubling };
ImmLowerBound parse_imm_lower_bound(std::string_view s);  // throws UsageError
std::string_view to_string(SeedAlgorithm a);
SeedAlgorithm parse_seed_algorithm(std::string_view s);  // throws UsageError

struct SeedsParams {
  unsigned k = 10;
  double epsilon = 0.1;
  double ell = 1.0;  // failure probability 1 / n^ell
  SeedAlgorithm algorithm = SeedAlgorithm::kImm;
  ImmLowerBound lower_bound = ImmLowerBound::kPilot;
  std::uint64_t seed = 1;
  std::uint64_t mc_runs = 1000;  // celf
  // imm and opim-c under MPI: each process samples its share of every
  // sample's indices and the greedy sums coverage across processes; the result
  // equals a single process's. celf and degree discount run whole on every process.
  const Cluster* cluster = nullptr;
  // imm: also count, for every user, the final RR sets they belong to (the
  // influence component of the super-user score).
  bool keep_coverage = false;
  void validate(VertexId n) const;
};

struct SeedsResult {
  std::vector<VertexId> seeds;          // in the order chosen
  std::vector<double> marginal_spread;  // each seed's added expected spread (estimated)
  double spread = 0;                    // estimated expected spread of all seeds
  double opt_lower_bound = 0;           // OPT >= this (imm, opim-c), with the stated probability
  double spread_lower_bound = 0;        // spread >= this, with the stated probability
  double approximation = 0;             // 1 - 1/e - epsilon, or 0 for heuristics
  std::uint64_t theta = 0;              // RR sets in the final selection
  std::uint64_t rr_sets_sampled = 0;    // all RR sets drawn, every phase
  std::uint64_t rr_nodes = 0;           // total size of the final sets (all processes)
  std::size_t rr_memory_bytes = 0;      // peak bytes held in RR sets and their index (this process)
  std::vector<std::uint64_t> rr_coverage;  // with keep_coverage: per user, of `theta` sets
};

// Reports its stages' times as phases (phase1_sampling, phase1_selection,
// phase2_sampling, ... for IMM) and the fraction done.
SeedsResult select_seeds(const InfluenceGraph& g, const SeedsParams& params, const Progress& progress = {});

// IMM's sample sizes (Tang et al. 2015, eq. 9 and Algorithm 2), exposed for tests.
double log_binomial(double n, double k);  // ln C(n, k)
double imm_lambda_prime(double n, double k, double epsilon_prime, double ell);
double imm_lambda_star(double n, double k, double epsilon, double ell);

}  // namespace refnet
