// Large arrays and the kernel: a multi-gigabyte vector touched for the first
// time costs one page fault per 4 KiB page, which on a VM dominates simple
// passes over the data. Transparent huge pages cut the faults 512-fold where
// the kernel offers them on request (THP "madvise" mode, Debian's default).
#pragma once

#include <cstddef>

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

}  // namespace refnet
