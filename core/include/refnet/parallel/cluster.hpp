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

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>

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
  // All-gather by shares: each process filled its share of `values`, in
  // blocks of `block` items (share(values.size() / block) blocks; the size
  // must be a multiple of `block`); afterwards every process holds all of
  // them. Distributed kernels split a vertex range this way and exchange the
  // updated parts after each iteration.
  template <class T>
  void gather_shares(std::span<T> values, std::size_t block = 1) const {
    static_assert(std::is_trivially_copyable_v<T>);
    if (distributed()) gather_bytes(values.data(), values.size() / block, block * sizeof(T));
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

 private:
  // gather_shares on `items` items of `item_bytes` bytes each.
  void gather_bytes(void* data, std::uint64_t items, std::size_t item_bytes) const;

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
