// One libFuzzer binary per target of targets.cpp, chosen at compile time.
#include "targets.hpp"

#include <tbb/global_control.h>

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Two workers: enough to run the parallel chunk code, few enough to stay fast.
  static const tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
  static const refnet::fuzz::Target* target = [] {
    const refnet::fuzz::Target* t = refnet::fuzz::find_target(REFNET_FUZZ_TARGET);
    if (!t) {
      std::fprintf(stderr, "no fuzz target '%s'\n", REFNET_FUZZ_TARGET);
      std::abort();
    }
    return t;
  }();
  target->run(data, size);
  return 0;
}
