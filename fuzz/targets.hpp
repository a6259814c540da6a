// The fuzz targets: each reads one fuzzer input the way refnet reads one kind
// of input, and returns normally when the input is accepted or refused with an
// InputError. Anything else is a finding: a crash or sanitizer report, any
// other exception (it escapes and aborts), or a broken invariant (abort with a
// message). The text parsers also run twice, streaming in tiny blocks and in
// one block, and must say exactly the same thing (result, or error with its
// line and column) both times.
//
// The first byte of an input picks the options (lenient or not, the block
// size, and per target a few flags); the rest is the input's bytes.
//
// The same functions run in three places: the libFuzzer binaries of fuzz/
// (`make fuzz`), and the Catch2 suite, which replays every file under
// fuzz/regressions/<target>/ (each one an input that once failed) and the seed
// corpus under fuzz/seeds/<target>/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace refnet::fuzz {

struct Target {
  std::string_view name;
  void (*run)(const std::uint8_t* data, std::size_t size);
};

// csv, jsonl, snap, inf, nm, higgs, cascades, gml, gzip, load, snapshot, labels.
std::span<const Target> targets();
const Target* find_target(std::string_view name);

}  // namespace refnet::fuzz
