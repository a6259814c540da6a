#include <refnet/algo/influence/seeds.hpp>

#include <refnet/algo/influence/max_coverage.hpp>
#include <refnet/algo/influence/rr_sets.hpp>
#include <refnet/algo/influence/spread.hpp>
#include <refnet/base/error.hpp>
#include <refnet/parallel/loops.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <chrono>
#include <cmath>
#include <numbers>
#include <queue>

namespace refnet {

namespace {
// Index bases of independent samples: phase 2 (and OPIM-C's R2), and the
// pilot's second sample.
constexpr std::uint64_t kSecondSample = std::uint64_t{1} << 62;
constexpr std::uint64_t kPilotSample = std::uint64_t{1} << 61;
constexpr double kOneMinusInvE = 1.0 - 1.0 / std::numbers::e;

// Times consecutive stretches of an algorithm, each named when it ends (IMM's
// doubling search repeats its stretches: their times add up), and passes on
// how far the whole run is.
class PhaseClock {
 public:
  explicit PhaseClock(const Progress& progress) : progress_(progress), since_(std::chrono::steady_clock::now()) {}
  void lap(std::string_view phase) {
    const auto now = std::chrono::steady_clock::now();
    progress_.record(phase, std::chrono::duration<double>(now - since_).count());
    since_ = now;
  }
  void advance(double fraction) const { progress_.advance(std::min(1.0, fraction)); }

 private:
  const Progress& progress_;
  std::chrono::steady_clock::time_point since_;
};

std::size_t coverage_bytes(const RRSets& sets, VertexId n) {
  return sets.memory_bytes() + (std::size_t{n} + 1) * 8 + sets.nodes.size() * 4 + sets.size();
}

// This process's share of sample indices [first, first + count).
void sample_share(const InfluenceGraph& g, const SeedsParams& p, std::uint64_t first, std::uint64_t count,
                  RRSets& sample) {
  const auto [lo, hi] = cluster_or_self(p.cluster).share(count);
  sample_rr_sets(g, p.seed, first + lo, hi - lo, sample);
}

CoverageSelection select_cover(const RRSets& sample, VertexId n, const SeedsParams& p) {
  const Cluster& cluster = cluster_or_self(p.cluster);
  return cluster.distributed() ? max_coverage_distributed(sample, n, p.k, cluster) : max_coverage(sample, n, p.k);
}

std::uint64_t covered_by(const RRSets& sample, VertexId n, const std::vector<VertexId>& seeds, const SeedsParams& p) {
  return cluster_or_self(p.cluster).sum(count_covered(sample, n, seeds));
}

void take_selection(SeedsResult& r, const CoverageSelection& sel, double n, double theta) {
  r.seeds = sel.seeds;
  r.marginal_spread.clear();
  for (std::uint64_t gain : sel.gains) r.marginal_spread.push_back(n * static_cast<double>(gain) / theta);
  r.spread = n * static_cast<double>(sel.covered) / theta;
}

// OPIM-C's martingale bounds (Tang et al. 2018, Lemmas 4.2 and 4.3): with
// probability >= 1 - e^-a, the spread of S is at least lower_bound(covered by S
// in a sample S never saw, its size), and no k nodes reach more than
// upper_bound(greedy's coverage bound on the sample S was chosen on).
double martingale_lower(double covered, double sets, double n, double a) {
  const double root = std::sqrt(covered + 2 * a / 9) - std::sqrt(a / 2);
  return std::max(0.0, (root * root - a / 18) * n / sets);
}
double martingale_upper(double covered_bound, double sets, double n, double a) {
  const double root = std::sqrt(covered_bound + a / 2) + std::sqrt(a / 2);
  return root * root * n / sets;
}

// IMM phase 1 as in the paper: double the sample until greedy's coverage
// clears (1 + eps') x for x = n/2, n/4, ...; LB = coverage / (1 + eps').
double lower_bound_by_doubling(const InfluenceGraph& g, const SeedsParams& p, double ell, SeedsResult& r,
                               PhaseClock& clock) {
  const double n = g.n;
  const double eps_prime = std::sqrt(2.0) * p.epsilon;
  const double lambda_prime = imm_lambda_prime(n, p.k, eps_prime, ell);
  RRSets sample;
  std::uint64_t drawn = 0;  // across all processes
  double lb = 1;
  const int rounds = static_cast<int>(std::log2(n));
  for (int i = 1; i < rounds; ++i) {
    const double x = n / std::pow(2.0, i);
    const auto theta_i = static_cast<std::uint64_t>(std::ceil(lambda_prime / x));
    if (theta_i > drawn) sample_share(g, p, drawn, theta_i - drawn, sample), drawn = theta_i;
    clock.lap("phase1_sampling");
    const CoverageSelection sel = select_cover(sample, g.n, p);
    clock.lap("phase1_selection");
    clock.advance(0.3 * i / rounds);
    const double estimate = n * static_cast<double>(sel.covered) / static_cast<double>(drawn);
    if (estimate >= (1 + eps_prime) * x) {
      lb = estimate / (1 + eps_prime);
      break;
    }
  }
  r.rr_sets_sampled += drawn;
  r.rr_memory_bytes = std::max(r.rr_memory_bytes, coverage_bytes(sample, g.n));
  return lb;
}

// Phase 1 by a pilot: greedy seeds on sample A, their spread bounded from below
// on an independent sample B (martingale_lower). The bound is sound for any
// pilot size; the pilot starts at lambda* / n sets (what phase 2 would need if
// OPT were n) and doubles, at most `rounds` times (their failure chances share
// the budget), until the bound is within 10% of B's estimate or the pilot has
// cost a quarter of the phase 2 it implies.
double lower_bound_by_pilot(const InfluenceGraph& g, const SeedsParams& p, double ell, SeedsResult& r,
                            PhaseClock& clock) {
  const double n = g.n;
  const double lambda_star = imm_lambda_star(n, p.k, p.epsilon, ell);
  const int rounds = std::max(1, static_cast<int>(std::ceil(std::log2(n))));
  const double a = ell * std::log(n) + std::log(static_cast<double>(rounds));
  RRSets sample_a, sample_b;
  double lb = 1;
  std::uint64_t drawn = 0;  // in each pilot sample, across all processes
  auto size = static_cast<std::uint64_t>(std::ceil(lambda_star / n));
  for (int i = 1; i <= rounds; ++i, size *= 2) {
    sample_share(g, p, drawn, size - drawn, sample_a);
    sample_share(g, p, kPilotSample + drawn, size - drawn, sample_b);
    drawn = size;
    clock.lap("phase1_sampling");
    const CoverageSelection sel = select_cover(sample_a, g.n, p);
    const double covered = static_cast<double>(covered_by(sample_b, g.n, sel.seeds, p));
    clock.lap("phase1_selection");
    clock.advance(0.3 * i / rounds);
    lb = std::max(1.0, martingale_lower(covered, static_cast<double>(size), n, a));
    const double estimate = n * covered / static_cast<double>(size);
    if (lb >= 0.9 * estimate || 2.0 * static_cast<double>(size) * 4 >= lambda_star / lb) break;
  }
  r.rr_sets_sampled += 2 * drawn;
  r.rr_memory_bytes = std::max(r.rr_memory_bytes, coverage_bytes(sample_a, g.n) + sample_b.memory_bytes());
  return lb;
}

SeedsResult imm(const InfluenceGraph& g, const SeedsParams& p, const Progress& progress) {
  SeedsResult r;
  PhaseClock clock(progress);
  const double n = g.n;
  // Two phases, each failing with probability n^-ell' = n^-ell / 2.
  const double ell = p.ell * (1 + std::log(2.0) / std::log(n));
  const double lb = p.lower_bound == ImmLowerBound::kDoubling ? lower_bound_by_doubling(g, p, ell, r, clock)
                                                              : lower_bound_by_pilot(g, p, ell, r, clock);
  const auto theta = static_cast<std::uint64_t>(std::ceil(imm_lambda_star(n, p.k, p.epsilon, ell) / lb));
  RRSets sample;
  sample_share(g, p, kSecondSample, theta, sample);
  clock.lap("phase2_sampling");
  clock.advance(0.9);
  const CoverageSelection sel = select_cover(sample, g.n, p);
  clock.lap("phase2_selection");
  take_selection(r, sel, n, static_cast<double>(theta));
  r.theta = theta;
  r.rr_sets_sampled += theta;
  r.rr_nodes = cluster_or_self(p.cluster).sum(static_cast<std::uint64_t>(sample.nodes.size()));
  if (p.keep_coverage) {
    r.rr_coverage.assign(g.n, 0);
    for (VertexId v : sample.nodes) ++r.rr_coverage[v];  // a user is in a set at most once
    cluster_or_self(p.cluster).sum(r.rr_coverage);
  }
  r.rr_memory_bytes = std::max(r.rr_memory_bytes, coverage_bytes(sample, g.n));
  r.approximation = kOneMinusInvE - p.epsilon;
  r.opt_lower_bound = lb;
  r.spread_lower_bound = r.approximation * lb;
  return r;
}

SeedsResult opim_c(const InfluenceGraph& g, const SeedsParams& p, const Progress& progress) {
  SeedsResult r;
  PhaseClock clock(progress);
  const double n = g.n, k = p.k, eps = p.epsilon;
  const double log_inv_delta = p.ell * std::log(n);  // delta = 1 / n^ell
  const double log_c = log_binomial(n, k);
  const double theta_max =
      2 * n *
      std::pow(kOneMinusInvE * std::sqrt(std::log(6.0) + log_inv_delta) +
                   std::sqrt(kOneMinusInvE * (log_c + std::log(6.0) + log_inv_delta)),
               2) /
      (eps * eps * k);
  const double theta0 = std::max(1.0, theta_max * eps * eps * k / n);
  const int i_max = std::max(1, static_cast<int>(std::ceil(std::log2(theta_max / theta0))));
  const double a = std::log(3.0 * i_max) + log_inv_delta;
  RRSets r1, r2;             // this process's shares
  std::uint64_t drawn = 0;  // in each of R1 and R2, across all processes
  auto grow = [&](std::uint64_t target) {
    sample_share(g, p, drawn, target - drawn, r1);
    sample_share(g, p, kSecondSample + drawn, target - drawn, r2);
    drawn = target;
  };
  grow(static_cast<std::uint64_t>(std::ceil(theta0)));
  clock.lap("sampling");
  for (int i = 1;; ++i) {
    const CoverageSelection sel = select_cover(r1, g.n, p);
    const double covered2 = static_cast<double>(covered_by(r2, g.n, sel.seeds, p));
    clock.lap("selection");
    const double sets = static_cast<double>(drawn);
    const double upper = martingale_upper(static_cast<double>(sel.upper_bound), sets, n, a);
    const double lower = martingale_lower(covered2, sets, n, a);
    clock.advance(static_cast<double>(i) / i_max);
    if (lower / upper >= kOneMinusInvE - eps || i >= i_max) {
      take_selection(r, sel, n, sets);
      r.spread = n * covered2 / sets;  // unbiased: S did not see R2
      r.theta = drawn;
      r.rr_sets_sampled = 2 * drawn;
      r.rr_nodes = cluster_or_self(p.cluster).sum(static_cast<std::uint64_t>(r1.nodes.size()));
      r.rr_memory_bytes = coverage_bytes(r1, g.n) + r2.memory_bytes();
      r.approximation = kOneMinusInvE - eps;
      r.spread_lower_bound = lower;
      r.opt_lower_bound = lower;
      return r;
    }
    grow(2 * drawn);
    clock.lap("sampling");
  }
}

// Total spread over the common worlds 0..runs-1 (an integer, so exact ties).
std::uint64_t world_total(const InfluenceGraph& g, const std::vector<VertexId>& seeds, const SeedsParams& p,
                          tbb::enumerable_thread_specific<WorldScratch>& scratch) {
  return reduce_blocks(
      p.mc_runs, std::uint64_t{0},
      [&](std::uint64_t begin, std::uint64_t end, std::uint64_t acc) {
        std::uint64_t visits = 0;
        for (std::uint64_t run = begin; run != end; ++run) acc += spread_in_world(g, seeds, p.seed, run, scratch.local(), visits);
        return acc;
      },
      std::plus<>(), 16);
}

SeedsResult celf(const InfluenceGraph& g, const SeedsParams& p, const Progress& progress) {
  SeedsResult r;
  PhaseClock clock(progress);
  tbb::enumerable_thread_specific<WorldScratch> scratch([&] { return WorldScratch(g.n); });
  struct Entry {
    std::uint64_t gain;
    VertexId node;
    unsigned fresh_at;
    bool operator<(const Entry& o) const { return gain != o.gain ? gain < o.gain : node > o.node; }
  };
  std::priority_queue<Entry> heap;
  std::vector<VertexId> seeds;
  for (VertexId v = 0; v < g.n; ++v) {
    heap.push({world_total(g, {v}, p, scratch), v, 0});
    if (v % 64 == 0) clock.advance(0.5 * v / g.n);
  }
  std::uint64_t total = 0;
  while (seeds.size() < p.k && !heap.empty()) {
    Entry top = heap.top();
    heap.pop();
    const auto step = static_cast<unsigned>(seeds.size());
    if (top.fresh_at != step) {
      std::vector<VertexId> with = seeds;
      with.push_back(top.node);
      const std::uint64_t t = world_total(g, with, p, scratch);
      heap.push({t - std::min(t, total), top.node, step});
      continue;
    }
    seeds.push_back(top.node);
    total += top.gain;
    r.marginal_spread.push_back(static_cast<double>(top.gain) / static_cast<double>(p.mc_runs));
    clock.advance(0.5 + 0.5 * static_cast<double>(seeds.size()) / p.k);
  }
  clock.lap("selection");
  r.seeds = seeds;
  r.spread = static_cast<double>(total) / static_cast<double>(p.mc_runs);
  return r;
}

SeedsResult degree_discount(const InfluenceGraph& g, const SeedsParams& p, const Progress& progress) {
  SeedsResult r;
  PhaseClock clock(progress);
  double p_mean = 0;
  for (float x : g.out_p) p_mean += x;
  p_mean = g.out_p.empty() ? 0 : p_mean / static_cast<double>(g.out_p.size());
  std::vector<std::uint32_t> t(g.n, 0);
  std::vector<char> chosen(g.n, 0);
  auto score = [&](VertexId v) {
    const double d = g.out_start[v + 1] - g.out_start[v], tv = t[v];
    return d - 2 * tv - (d - tv) * tv * p_mean;
  };
  for (unsigned step = 0; step < std::min<unsigned>(p.k, g.n); ++step) {
    VertexId best = kNoVertex;
    double best_score = 0;
    for (VertexId v = 0; v < g.n; ++v)
      if (!chosen[v] && (best == kNoVertex || score(v) > best_score)) best = v, best_score = score(v);
    chosen[best] = 1;
    r.seeds.push_back(best);
    for (EdgeId i = g.out_start[best]; i < g.out_start[best + 1]; ++i) ++t[g.out_dst[i]];
  }
  clock.lap("selection");
  return r;
}
}  // namespace

std::string_view to_string(SeedAlgorithm a) {
  switch (a) {
    case SeedAlgorithm::kImm: return "imm";
    case SeedAlgorithm::kOpimC: return "opim-c";
    case SeedAlgorithm::kCelf: return "celf";
    case SeedAlgorithm::kDegreeDiscount: return "degree-discount";
  }
  return "?";
}

SeedAlgorithm parse_seed_algorithm(std::string_view s) {
  for (auto a : {SeedAlgorithm::kImm, SeedAlgorithm::kOpimC, SeedAlgorithm::kCelf, SeedAlgorithm::kDegreeDiscount})
    if (to_string(a) == s) return a;
  throw UsageError("--algorithm must be imm, opim-c, celf or degree-discount (got '" + std::string(s) + "')");
}

ImmLowerBound parse_imm_lower_bound(std::string_view s) {
  if (s == "pilot") return ImmLowerBound::kPilot;
  if (s == "doubling") return ImmLowerBound::kDoubling;
  throw UsageError("--lower-bound must be pilot or doubling (got '" + std::string(s) + "')");
}

void SeedsParams::validate(VertexId n) const {
  if (k < 1) throw UsageError("-k must be at least 1");
  if (k > n) throw UsageError("-k " + std::to_string(k) + " is more than the network's " + std::to_string(n) + " users");
  if (!(epsilon > 0 && epsilon < kOneMinusInvE)) throw UsageError("--epsilon must be in (0, 1 - 1/e)");
  if (!(ell > 0) || !std::isfinite(ell)) throw UsageError("--ell must be > 0");
  if (mc_runs < 1) throw UsageError("--mc-runs must be at least 1");
}

double log_binomial(double n, double k) { return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1); }

double imm_lambda_prime(double n, double k, double eps_prime, double ell) {
  return (2 + 2.0 / 3.0 * eps_prime) * (log_binomial(n, k) + ell * std::log(n) + std::log(std::log2(n))) * n /
         (eps_prime * eps_prime);
}

double imm_lambda_star(double n, double k, double epsilon, double ell) {
  const double alpha = std::sqrt(ell * std::log(n) + std::log(2.0));
  const double beta = std::sqrt(kOneMinusInvE * (log_binomial(n, k) + ell * std::log(n) + std::log(2.0)));
  return 2 * n * std::pow(kOneMinusInvE * alpha + beta, 2) / (epsilon * epsilon);
}

SeedsResult select_seeds(const InfluenceGraph& g, const SeedsParams& params, const Progress& progress) {
  params.validate(g.n);
  switch (params.algorithm) {
    case SeedAlgorithm::kImm: return g.n < 2 ? celf(g, params, progress) : imm(g, params, progress);
    case SeedAlgorithm::kOpimC: return g.n < 2 ? celf(g, params, progress) : opim_c(g, params, progress);
    case SeedAlgorithm::kCelf: return celf(g, params, progress);
    case SeedAlgorithm::kDegreeDiscount: return degree_discount(g, params, progress);
  }
  return {};
}

}  // namespace refnet
