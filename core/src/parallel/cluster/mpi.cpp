// Cluster over MPI (Open MPI through Boost.MPI), used when launched by mpirun/srun.
#include <refnet/parallel/cluster.hpp>

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <limits>
#include <mpi.h>
#include <vector>

namespace refnet {

namespace {
Cluster& mutable_world() {
  static Cluster world;
  return world;
}
std::unique_ptr<boost::mpi::environment>& environment() {
  static std::unique_ptr<boost::mpi::environment> env;
  return env;
}
bool launched_by_mpi() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(var)) return true;
  return false;
}
const boost::mpi::communicator& comm() {
  static const boost::mpi::communicator c;
  return c;
}
// MPI counts are ints: large arrays go in slices.
template <class T, class Op>
void all_reduce_in_place(std::span<T> values, Op op) {
  constexpr std::size_t kSlice = std::numeric_limits<int>::max() / 2;
  for (std::size_t at = 0; at < values.size(); at += kSlice) {
    const int count = static_cast<int>(std::min(kSlice, values.size() - at));
    boost::mpi::all_reduce(comm(), boost::mpi::inplace(values.data() + at), count, op);
  }
}
}  // namespace

Cluster::Session::Session() {
  if (!launched_by_mpi() || environment()) return;
  // Tools call MPI from their main thread only; oneTBB workers never do.
  environment() = std::make_unique<boost::mpi::environment>(boost::mpi::threading::funneled);
  mutable_world().rank_ = comm().rank();
  mutable_world().size_ = comm().size();
}

Cluster::Session::~Session() {
  mutable_world().rank_ = 0;
  mutable_world().size_ = 1;
  environment().reset();
}

const Cluster& Cluster::world() { return mutable_world(); }
bool Cluster::built_with_mpi() { return true; }

void Cluster::sum(std::span<std::uint64_t> values) const {
  if (distributed()) all_reduce_in_place(values, std::plus<std::uint64_t>());
}
void Cluster::sum(std::span<double> values) const {
  if (distributed()) all_reduce_in_place(values, std::plus<double>());
}
std::uint64_t Cluster::sum(std::uint64_t value) const {
  sum(std::span<std::uint64_t>(&value, 1));
  return value;
}
void Cluster::broadcast(std::span<std::uint64_t> values, int root) const {
  if (distributed()) MPI_Bcast(values.data(), static_cast<int>(values.size()), MPI_UINT64_T, root, MPI_COMM_WORLD);
}
void Cluster::gather_bytes(void* data, std::span<const std::uint64_t> bounds, std::size_t item_bytes) const {
  if (!distributed()) return;
  // Counts and offsets are ints in units of one item (a block of the caller's
  // values), which keeps them small for arrays of many gigabytes.
  MPI_Datatype item;
  MPI_Type_contiguous(static_cast<int>(item_bytes), MPI_BYTE, &item);
  MPI_Type_commit(&item);
  constexpr std::uint64_t kMaxCount = std::numeric_limits<int>::max();
  auto* bytes = static_cast<char*>(data);
  if (bounds[size_] <= kMaxCount) {
    std::vector<int> counts(size_), offsets(size_);
    for (int r = 0; r < size_; ++r) {
      counts[r] = static_cast<int>(bounds[r + 1] - bounds[r]);
      offsets[r] = static_cast<int>(bounds[r]);
    }
    MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, bytes, counts.data(), offsets.data(), item, MPI_COMM_WORLD);
  } else {
    // Beyond int offsets: each process broadcasts its range, in slices.
    for (int r = 0; r < size_; ++r)
      for (std::uint64_t at = bounds[r]; at < bounds[r + 1]; at += kMaxCount)
        MPI_Bcast(bytes + at * item_bytes, static_cast<int>(std::min(kMaxCount, bounds[r + 1] - at)), item, r, MPI_COMM_WORLD);
  }
  MPI_Type_free(&item);
}
void Cluster::barrier() const {
  if (distributed()) comm().barrier();
}
void Cluster::abort(int code) const {
  if (distributed()) comm().abort(code);
  std::exit(code);
}

}  // namespace refnet
