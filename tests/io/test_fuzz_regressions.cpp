// Every input a fuzzer once failed on (fuzz/regressions/<target>/) and every
// hand-made seed (fuzz/seeds/<target>/) runs through its fuzz target again: a
// target aborts on a finding (a broken invariant, a result that depends on the
// block size), so reaching the end is the check. Under `make asan-test` the
// sanitizers watch the same runs.
#include "../../fuzz/targets.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace fs = std::filesystem;

TEST_CASE("fuzz regressions and seeds replay cleanly through their targets", "[fuzz]") {
  const fs::path root(REFNET_FUZZ_DIR);
  std::size_t replayed = 0;
  for (const char* kind : {"regressions", "seeds"}) {
    if (!fs::is_directory(root / kind)) continue;
    for (const auto& dir : fs::directory_iterator(root / kind)) {
      const refnet::fuzz::Target* target = refnet::fuzz::find_target(dir.path().filename().string());
      INFO(dir.path());
      REQUIRE(target != nullptr);  // a folder per target, named as the target
      for (const auto& file : fs::directory_iterator(dir.path())) {
        INFO(file.path());
        std::ifstream in(file.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        target->run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        ++replayed;
      }
    }
  }
  CHECK(replayed > 0);
}
