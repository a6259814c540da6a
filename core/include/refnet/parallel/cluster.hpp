// The processes of one run: a single process (the default), or several started
// by mpirun or srun, which then split the work (docs/scale-out.md).
//
// refnet uses MPI (Open MPI, through Boost.MPI) only when the build has it
// (-DREFNET_MPI=ON) and the process was launched by an MPI launcher, which
// sets OMPI_COMM_WORLD_SIZE, PMI_SIZE or PMIX_RANK. Otherwise world() is a
// cluster of one whose collectives do nothing, and every algorithm behaves
// exactly as without MPI. Algorithms take a `const Cluster*` in their params
// (null = this process alone); only tools start a Session.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace refnet {

class Cluster {
 public:
  // Starts MPI for the lifetime of the object when launched under MPI.
  class Session {
   public:
    Session();
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
  };

  static const Cluster& world();
  static bool built_with_mpi();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool distributed() const { return size_ > 1; }

  // All-reduce sums, in place: afterwards every process holds the totals.
  void sum(std::span<std::uint64_t> values) const;
  void sum(std::span<double> values) const;
  std::uint64_t sum(std::uint64_t value) const;
  // All-gather by ranges: each process filled its range [bounds[rank],
  // bounds[rank + 1]) of `values`, counted in blocks of `block` items (the
  // size must be a multiple of `block`); afterwards every process holds all
  // of them. Distributed kernels split a vertex range this way and exchange
  // the updated parts after each iteration.
  template <class T>
  void gather_ranges(std::span<T> values, std::span<const std::uint64_t> bounds, std::size_t block = 1) const {
    static_assert(std::is_trivially_copyable_v<T>);
    if (distributed()) gather_bytes(values.data(), bounds, block * sizeof(T));
  }
  // All-gather of parts of any size: every process passes its own part and
  // gets every process's part, concatenated in rank order.
  template <class T>
  std::vector<T> gather_parts(std::span<const T> part) const {
    static_assert(std::is_trivially_copyable_v<T>);
    if (!distributed()) return {part.begin(), part.end()};
    std::vector<std::uint64_t> bounds(static_cast<std::size_t>(size_) + 1, 0);
    bounds[static_cast<std::size_t>(rank_) + 1] = part.size();
    sum(bounds);
    for (std::size_t r = 1; r < bounds.size(); ++r) bounds[r] += bounds[r - 1];
    std::vector<T> all(bounds.back());
    std::copy(part.begin(), part.end(), all.begin() + static_cast<std::ptrdiff_t>(bounds[rank_]));
    gather_bytes(all.data(), bounds, sizeof(T));
    return all;
  }
  // Every process gets root's values.
  void broadcast(std::span<std::uint64_t> values, int root = 0) const;
  void barrier() const;
  // Ends every process of the run with `code` (MPI_Abort); plain exit alone.
  [[noreturn]] void abort(int code) const;

  // This process's share [lo, hi) of the items [0, count): contiguous, in
  // rank order, sizes differing by at most one.
  std::pair<std::uint64_t, std::uint64_t> share(std::uint64_t count) const { return share(count, rank_); }
  // Process `rank`'s share.
  std::pair<std::uint64_t, std::uint64_t> share(std::uint64_t count, int rank) const {
    return {count * rank / size_, count * (rank + 1) / size_};
  }
  // Contiguous ranges of [0, count) in rank order, balanced by a cost instead
  // of by count: cost(i) is the cost of items [0, i), non-decreasing in i
  // (for vertices, say, the edges before i plus i). Process r gets
  // [bounds[r], bounds[r + 1]), about cost(count) / size() of the cost.
  template <class Cost>
  std::vector<std::uint64_t> balanced_ranges(std::uint64_t count, const Cost& cost) const {
    std::vector<std::uint64_t> bounds(static_cast<std::size_t>(size_) + 1, count);
    bounds[0] = 0;
    const std::uint64_t total = cost(count);
    const auto parts = static_cast<std::uint64_t>(size_);
    for (int r = 1; r < size_; ++r) {
      const auto at = static_cast<std::uint64_t>(r);
      const std::uint64_t target = total / parts * at + total % parts * at / parts;  // total * r / size, no overflow
      std::uint64_t lo = bounds[r - 1], hi = count;  // the first i with cost(i) >= target
      while (lo < hi) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        if (cost(mid) < target) lo = mid + 1;
        else hi = mid;
      }
      bounds[r] = lo;
    }
    return bounds;
  }

 private:
  // gather_ranges on items of `item_bytes` bytes each.
  void gather_bytes(void* data, std::span<const std::uint64_t> bounds, std::size_t item_bytes) const;

  int rank_ = 0;
  int size_ = 1;
  friend class Session;
};

// The cluster an algorithm runs on: `c`, or this process alone.
inline const Cluster& cluster_or_self(const Cluster* c) {
  static const Cluster self;
  return c ? *c : self;
}

}  // namespace refnet
