// Large arrays and the kernel: a multi-gigabyte vector touched for the first
// time costs one page fault per 4 KiB page, which on a VM dominates simple
// passes over the data. Transparent huge pages cut the faults 512-fold where
// the kernel offers them on request (THP "madvise" mode, Debian's default).
#pragma once

#include <tbb/parallel_for.h>

#include <cstddef>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace refnet {

// Advises the kernel to back [p, p + bytes) with huge pages; a no-op for small
// ranges or where unsupported.
void advise_huge_pages(void* p, std::size_t bytes);

// Reserves room for n elements of a vector or string, advised for huge pages
// before any is touched.
template <class Container>
void reserve_huge(Container& c, std::size_t n) {
  c.reserve(n);
  advise_huge_pages(c.data(), n * sizeof(typename Container::value_type));
}

// An allocator whose resize() leaves trivially constructible elements
// untouched, so that the pages can be first touched in parallel (fill_parallel).
template <class T>
struct UninitializedAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <class U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
template <class T>
using BigArray = std::vector<T, UninitializedAllocator<T>>;

// n copies of `value`, in huge pages, written by all cores: a big array's
// first touch costs a page fault and zeroing per page, which run in parallel
// this way instead of on one thread.
template <class T>
void fill_parallel(BigArray<T>& v, std::size_t n, const T& value) {
  static_assert(std::is_trivially_default_constructible_v<T>);
  v.clear();
  reserve_huge(v, n);
  v.resize(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1 << 16), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) v[i] = value;
  });
}

}  // namespace refnet
