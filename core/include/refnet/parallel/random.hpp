// Counter-based randomness: every draw is a pure function of (run seed, work
// item, ...), never of the thread that makes it, so results do not depend on
// --threads.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace refnet {

// splitmix64's finaliser (Steele, Lea, Flood 2014): a strong 64-bit mixer.
inline std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// The one random-number generator of the library: splitmix64 (Steele, Lea,
// Flood 2014) over a counter whose start is a pure function of the run seed
// and the work item. Each user of it names its stream by a salt, so that two
// purposes never share draws:
// - for_item(seed, salt, index): the samplers' streams, one per RR set, R-MAT
//   block, ...;
// - for_stream(seed, purpose, item, sub): the event generator's, one per
//   (purpose, user, sub-item), so that changing how many purchases a user
//   makes never shifts the draws of their word of mouth.
// Both key derivations are fixed forever: snapshots, demo logs and every
// seeded result depend on them bit for bit.
class CounterRng {
 public:
  static CounterRng for_item(std::uint64_t seed, std::uint64_t salt, std::uint64_t index) {
    return CounterRng(mix64(mix64(seed ^ salt) + index));
  }
  static CounterRng for_stream(std::uint64_t seed, std::uint64_t purpose, std::uint64_t item, std::uint64_t sub = 0) {
    return CounterRng(mix64(mix64(mix64(mix64(seed ^ 0x5DEECE66DULL) ^ purpose) + item) + sub));
  }

  std::uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    return mix64(state_);
  }
  // Uniform in [0, 1), 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1): the middle of a 53-bit cell.
  double open_uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  // Uniform in (0, 1], for logarithms.
  double nonzero_uniform() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }
  // Uniform in [0, n) by multiply-shift (Lemire 2019); the bias is < n / 2^64.
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
  // Uniform in [0, n) from the high 32 bits of one draw; the bias is < n / 2^32.
  std::uint32_t below32(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
  }

  double exponential(double mean) { return -mean * std::log(open_uniform()); }
  double normal() {  // Box-Muller, one of the pair
    const double r = std::sqrt(-2.0 * std::log(open_uniform()));
    return r * std::cos(2.0 * std::numbers::pi * uniform());
  }
  double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
  double pareto(double alpha) { return std::pow(open_uniform(), -1.0 / alpha); }  // x_min = 1
  std::uint32_t poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean < 30) {  // Knuth: multiply uniforms until below e^-mean
      const double limit = std::exp(-mean);
      std::uint32_t k = 0;
      for (double prod = open_uniform(); prod > limit; prod *= open_uniform()) ++k;
      return k;
    }
    const double x = std::round(mean + std::sqrt(mean) * normal());
    return x <= 0 ? 0 : static_cast<std::uint32_t>(std::min(x, 4e9));
  }

 private:
  explicit CounterRng(std::uint64_t state) : state_(state) {}
  std::uint64_t state_;
};

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
