// Cluster without MPI (-DREFNET_MPI=OFF or no MPI found): always one process.
#include <refnet/parallel/cluster.hpp>

#include <cstdlib>

namespace refnet {

Cluster::Session::Session() = default;
Cluster::Session::~Session() = default;

const Cluster& Cluster::world() {
  static const Cluster one;
  return one;
}
bool Cluster::built_with_mpi() { return false; }

void Cluster::sum(std::span<std::uint64_t>) const {}
void Cluster::sum(std::span<double>) const {}
std::uint64_t Cluster::sum(std::uint64_t value) const { return value; }
void Cluster::broadcast(std::span<std::uint64_t>, int) const {}
void Cluster::gather_bytes(void*, std::span<const std::uint64_t>, std::size_t) const {}
void Cluster::barrier() const {}
void Cluster::abort(int code) const { std::exit(code); }

}  // namespace refnet
