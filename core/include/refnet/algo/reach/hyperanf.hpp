// Approximate reach of every user at once (DESIGN.md section 4): HyperANF
// (Boldi, Rosa, Vigna, "HyperANF: Approximating the Neighbourhood Function of
// Very Large Graphs on a Budget", WWW 2011).
//
// Each user v keeps a HyperLogLog counter (Flajolet, Fusy, Gandouet, Meunier
// 2007) of the ball B(v, t): the users within t hops of v along the kept ties,
// v included. B(v, 0) = {v}; B(v, t + 1) = B(v, t) united with B(w, t) for
// every kept out-tie v -> w, and the union of HLL counters is their
// register-wise maximum. A counter has 2^b one-byte registers; a user's hash
// (splitmix64 of the id keyed by the run seed) picks a register by its low b
// bits and sets it to the rank of the first one bit of the rest.
//
// The estimate of |B(v, t)| is the HLL estimate with the small-range
// correction (linear counting while the raw estimate is below 2.5 * 2^b and
// some register is still zero), so small balls come out nearly exact. Its
// relative standard error is about 1.04 / sqrt(2^b) (b = 6: 13%); the tests
// check it against exact counts. Reach (others, as in reach.hpp) is the ball
// minus one. The neighbourhood function N(t) is the sum of all balls: the
// number of pairs (u, v) with v within t hops of u, u = v included.
//
// Cost: per iteration O(m * 2^b) byte maxima (vectorised) and O(n * 2^b) for
// the estimates; a user whose out-neighbours' counters did not change in the
// last iteration is skipped. Memory: two counter arrays of n * 2^b bytes
// (current and next), plus 2 bytes per user of change flags and, when asked,
// 4 bytes per user per hop of estimates. Parallel over users (oneTBB); each
// user's counter is a pure function of the graph and the seed, and sums are
// taken in a fixed order, so any thread count gives the same result.
//
// Under MPI (params.cluster, docs/scale-out.md) each process updates the
// counters of a contiguous range of the users (balanced by out-ties plus
// users), reading every user's previous counter; after each iteration the
// processes all-gather the updated counters (n * 2^b bytes in all), change
// flags (n bytes) and estimates (4n bytes), or, once fewer than about 40% of
// the counters changed, only the changed ones as (user, estimate, counter)
// records. Registers are exact bytes and every process sums the same
// estimates in the same order, so the result is identical to one process's.
// Memory per process: the whole graph, one full counter array (n * 2^b), the
// next counters of its own range, and at most half a counter array of records.
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/algo/reach/reach.hpp>
#include <refnet/parallel/cluster.hpp>

#include <cstdint>
#include <vector>

namespace refnet {

struct HyperAnfParams {
  std::uint32_t hops = 6;           // iterations (or fewer, if every ball stops growing)
  std::uint32_t registers_log2 = 6;  // b: 2^b registers per user, 4..16
  std::uint64_t seed = 1;
  TieFilter ties = dunbar_ties(kDunbarNumber);
  bool per_user = true;  // keep each user's estimate at each hop
  const Cluster* cluster = nullptr;  // split the users over these processes; null = this one alone
  void validate() const;
};

struct HyperAnfResult {
  std::uint32_t hops = 0;
  TieFilter ties;
  std::uint32_t registers_log2 = 0;
  double relative_standard_error = 0;  // 1.04 / sqrt(2^b)
  std::uint32_t iterations = 0;        // iterations run; fewer than hops when converged
  bool converged = false;              // no ball grew in the last iteration run
  std::vector<double> neighbourhood;   // N(0), N(1), ..., N(hops)
  // With per_user: estimated |B(v, h)| (v included) at [(h - 1) * n + v], h = 1..hops.
  std::vector<float> balls;
  std::uint64_t counter_bytes = 0;  // one counter array: n * 2^b

  float ball(VertexId v, std::uint32_t h, VertexId n) const { return balls[std::size_t{h - 1} * n + v]; }
  // Users * hops estimated reach (ball - 1, never below 0), row-major as
  // ReachResult::reach, for reach_distribution.
  std::vector<double> reach_values(VertexId n) const;
};

HyperAnfResult hyperanf(const Graph& g, const HyperAnfParams& params, const Progress& progress = {});

// One HyperLogLog counter, the reference beside the kernel: a user set
// counted register by register, with the same hash and estimator.
class HllCounter {
 public:
  HllCounter(std::uint32_t registers_log2, std::uint64_t seed);
  void add(VertexId v);
  double estimate() const;
  const std::vector<std::uint8_t>& registers() const { return registers_; }

 private:
  std::uint32_t b_;
  std::uint64_t key_;
  std::vector<std::uint8_t> registers_;
};

}  // namespace refnet
