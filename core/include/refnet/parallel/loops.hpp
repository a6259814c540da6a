// Parallel loops named by intent, over oneTBB, so that algorithm code reads as
// what it does. Sums are deterministic: the range is cut into the same pieces
// and added up in the same tree whatever the number of threads, so a
// floating-point total does not change with --threads.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <cstddef>
#include <cstdint>
#include <utility>

namespace refnet {

// Calls f(i) for every i in [0, n), in parallel, in no particular order.
template <class Index, class F>
void for_each_index(Index n, const F& f, std::size_t grain = 1024) {
  tbb::parallel_for(tbb::blocked_range<Index>(Index{0}, n, grain), [&](const tbb::blocked_range<Index>& r) {
    for (Index i = r.begin(); i != r.end(); ++i) f(i);
  });
}

// Calls f(begin, end) on pieces of [0, n), in parallel: for loops that keep
// per-piece state (a local accumulator, a scratch buffer).
template <class Index, class F>
void for_each_block(Index n, const F& f, std::size_t grain = 1024) {
  tbb::parallel_for(tbb::blocked_range<Index>(Index{0}, n, grain),
                    [&](const tbb::blocked_range<Index>& r) { f(r.begin(), r.end()); });
}

// Calls f(begin, end) on pieces of [first, last), in parallel.
template <class Index, class F>
void for_each_block_in(Index first, Index last, const F& f, std::size_t grain = 1024) {
  tbb::parallel_for(tbb::blocked_range<Index>(first, last, grain),
                    [&](const tbb::blocked_range<Index>& r) { f(r.begin(), r.end()); });
}

// Folds pieces of [0, n) in parallel: body(begin, end, acc) returns acc with
// the piece added, combine(a, b) joins two partial results. For reductions
// whose result does not depend on the order (integer counts, sets, maxima);
// floating-point sums go through deterministic_sum or deterministic_reduce.
template <class Index, class T, class Body, class Combine>
T reduce_blocks(Index n, T identity, const Body& body, const Combine& combine, std::size_t grain = 1024) {
  return tbb::parallel_reduce(
      tbb::blocked_range<Index>(Index{0}, n, grain), std::move(identity),
      [&](const tbb::blocked_range<Index>& r, T acc) { return body(r.begin(), r.end(), std::move(acc)); },
      [&](T a, const T& b) { return combine(std::move(a), b); });
}

// reduce_blocks over [first, last).
template <class Index, class T, class Body, class Combine>
T reduce_blocks_in(Index first, Index last, T identity, const Body& body, const Combine& combine, std::size_t grain = 1024) {
  return tbb::parallel_reduce(
      tbb::blocked_range<Index>(first, last, grain), std::move(identity),
      [&](const tbb::blocked_range<Index>& r, T acc) { return body(r.begin(), r.end(), std::move(acc)); },
      [&](T a, const T& b) { return combine(std::move(a), b); });
}

// Like reduce_blocks, but the pieces and the tree that joins them depend only
// on n and the grain, never on the threads: for floating-point results that
// must not change with --threads.
template <class Index, class T, class Body, class Combine>
T deterministic_reduce(Index n, T identity, const Body& body, const Combine& combine, std::size_t grain = 1024) {
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<Index>(Index{0}, n, grain), std::move(identity),
      [&](const tbb::blocked_range<Index>& r, T acc) { return body(r.begin(), r.end(), std::move(acc)); },
      [&](T a, const T& b) { return combine(std::move(a), b); });
}

// The sum of f(i) over [0, n), added in an order that depends only on n and
// the grain (parallel_deterministic_reduce), never on the threads.
template <class Index, class F>
double deterministic_sum(Index n, const F& f, std::size_t grain = 4096) {
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<Index>(Index{0}, n, grain), 0.0,
      [&](const tbb::blocked_range<Index>& r, double acc) {
        for (Index i = r.begin(); i != r.end(); ++i) acc += f(i);
        return acc;
      },
      [](double a, double b) { return a + b; });
}

}  // namespace refnet
