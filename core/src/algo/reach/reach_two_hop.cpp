#include "reach_two_hop.hpp"

#include <refnet/parallel/loops.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>

namespace refnet::detail {

namespace {

// A source whose walk reads more stamps than this may go to MS-BFS; and they
// do, when their walks add up to this many times the kept ties (MS-BFS first
// copies and renumbers the ties: a few passes over them). On R-MAT 16, all
// users at two hops: 187 ms with this split, 216 ms all MS-BFS, 330 ms all
// walked; on soc-Epinions1 the longest walks add up to far less.
constexpr std::uint64_t kLongWalk = 16384;
constexpr std::uint64_t kSharedWorthTies = 32;

// One worker's marks: stamp[v] == current when v is already in the ball of
// the source being walked.
class BallMarks {
 public:
  explicit BallMarks(VertexId n) : stamp_(n, 0) {}

  // Starts the next source's ball (the marks of earlier sources go stale).
  void start(VertexId source) {
    if (++current_ == 0) {  // wrapped after 2^32 - 1 sources: clear once
      std::fill(stamp_.begin(), stamp_.end(), 0);
      current_ = 1;
    }
    stamp_[source] = current_;
  }
  // Adds every target of `row` to the ball; returns how many were new.
  std::uint32_t add(std::span<const VertexId> row) {
    std::uint32_t fresh = 0;
    std::uint32_t* stamp = stamp_.data();
    const std::uint32_t current = current_;
    for (VertexId w : row) {  // branch-free: whether w is new is unpredictable
      fresh += stamp[w] != current;
      stamp[w] = current;
    }
    return fresh;
  }

 private:
  std::vector<std::uint32_t> stamp_;
  std::uint32_t current_ = 0;
};

std::uint64_t walk_length(const KeptRows& rows, VertexId u) {
  std::uint64_t length = rows.out(u).size();
  for (VertexId v : rows.out(u)) length += rows.out(v).size();
  return length;
}

}  // namespace

TwoHopPlan plan_two_hop(const KeptRows& rows, const std::vector<VertexId>& sources) {
  std::vector<std::uint64_t> length(sources.size());
  for_each_index(sources.size(), [&](std::size_t i) { length[i] = walk_length(rows, sources[i]); });
  TwoHopPlan plan;
  std::uint64_t long_walks = 0;
  for (std::size_t i = 0; i < sources.size(); ++i)
    if (length[i] > kLongWalk) long_walks += length[i];
  const bool share = long_walks > kSharedWorthTies * std::max<std::uint64_t>(rows.num_edges(), 1);
  for (std::size_t i = 0; i < sources.size(); ++i)
    (share && length[i] > kLongWalk ? plan.shared : plan.walked).push_back(i);
  return plan;
}

std::uint64_t total_walk_length(const KeptRows& rows) {
  return reduce_blocks(
      rows.num_vertices(), std::uint64_t{0},
      [&](VertexId begin, VertexId end, std::uint64_t sum) {
        for (VertexId u = begin; u < end; ++u) sum += walk_length(rows, u);
        return sum;
      },
      [](std::uint64_t a, std::uint64_t b) { return a + b; }, 1 << 14);
}

void two_hop_reach(const KeptRows& rows, const std::vector<VertexId>& sources, const std::vector<std::size_t>& which,
                   std::uint32_t hops, std::vector<std::uint32_t>& out, const Progress& progress) {
  tbb::enumerable_thread_specific<BallMarks> workers([&] { return BallMarks(rows.num_vertices()); });
  const auto walk = [&](std::size_t i, BallMarks& ball) {
    const VertexId u = sources[i];
    ball.start(u);
    const auto first_hop = rows.out(u);
    const std::uint32_t one = ball.add(first_hop);
    out[i * hops] = one;
    if (hops < 2) return;
    std::uint32_t two = one;
    for (VertexId v : first_hop) two += ball.add(rows.out(v));
    out[i * hops + 1] = two;
  };
  // Chunks of sources, so that progress is reported from this thread only.
  constexpr std::size_t kChunks = 64;
  const std::size_t chunk = std::max<std::size_t>(1, (which.size() + kChunks - 1) / kChunks);
  for (std::size_t begin = 0; begin < which.size(); begin += chunk) {
    const std::size_t end = std::min(which.size(), begin + chunk);
    for_each_block(
        end - begin,
        [&](std::size_t first, std::size_t last) {
          BallMarks& ball = workers.local();
          for (std::size_t k = begin + first; k < begin + last; ++k) walk(which[k], ball);
        },
        64);
    progress.advance(static_cast<double>(end) / static_cast<double>(which.size()));
  }
}

}  // namespace refnet::detail
