// Counter-based randomness: every draw is a pure function of (run seed, work
// item, ...), never of the thread that makes it, so results do not depend on
// --threads.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

namespace refnet {

// splitmix64's finaliser (Steele, Lea, Flood 2014): a strong 64-bit mixer.
inline std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A keyed pseudo-random bijection of [0, n): a 4-round Feistel network on the
// smallest even number of bits that covers n, cycle-walking values >= n back
// into range. O(1) memory, so huge id spaces can be shuffled without a table.
class KeyedPermutation {
 public:
  KeyedPermutation(std::uint64_t n, std::uint64_t key) : n_(n) {
    unsigned bits = std::max(2u, static_cast<unsigned>(std::bit_width(n - 1)));
    bits += bits & 1u;
    half_ = bits / 2;
    mask_ = (std::uint64_t{1} << half_) - 1;
    for (std::size_t i = 0; i < keys_.size(); ++i) keys_[i] = mix64(key + i);
  }
  std::uint64_t operator()(std::uint64_t x) const {
    do {
      std::uint64_t left = x >> half_;
      std::uint64_t right = x & mask_;
      for (std::uint64_t k : keys_) {
        const std::uint64_t next = left ^ (mix64(right ^ k) & mask_);
        left = right;
        right = next;
      }
      x = (left << half_) | right;
    } while (x >= n_);
    return x;
  }

 private:
  std::uint64_t n_;
  unsigned half_ = 1;
  std::uint64_t mask_ = 1;
  std::array<std::uint64_t, 4> keys_{};
};

}  // namespace refnet
