// R-MAT edge generation and fast edge-list output; see rmat.hpp.
#include <refnet/graph/rmat.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <ostream>
#include <stdexcept>

#include <refnet/base/text.hpp>
#include <refnet/parallel/random.hpp>

namespace refnet {
namespace {

constexpr std::uint64_t kBlockEdges = std::uint64_t{1} << 16;

constexpr std::uint64_t kRmatSalt = 0xA0761D6478BD642FULL;

bool is_probability(double p) { return std::isfinite(p) && p >= 0 && p <= 1; }


}  // namespace

std::vector<Edge> rmat_edges(unsigned scale, unsigned edge_factor, std::uint64_t seed, double a, double b, double c,
                             bool permute) {
  if (scale < 1 || scale > 31) throw UsageError("rmat: scale must be between 1 and 31");
  if (edge_factor < 1) throw UsageError("rmat: edge factor must be at least 1");
  const std::uint64_t n = std::uint64_t{1} << scale;
  const std::uint64_t m = n * edge_factor;
  if (m > 0xFFFFFFFFull) throw UsageError("rmat: 2^scale * edge_factor must fit in 32 bits (at most 4294967295 edges)");
  if (!is_probability(a) || !is_probability(b) || !is_probability(c) || a + b + c > 1 + 1e-12)
    throw UsageError("rmat: a, b, c must be probabilities with a + b + c <= 1");

  // Quadrant thresholds on a 32-bit uniform draw; one 64-bit draw serves two levels.
  const auto scaled = [](double p) {
    return static_cast<std::uint64_t>(std::llround(std::min(1.0, p) * 4294967296.0));
  };
  const std::uint64_t t_a = scaled(a), t_ab = scaled(a + b), t_abc = scaled(a + b + c);
  const KeyedPermutation relabel(n, mix64(seed ^ 0x726D6174ULL));  // "rmat"

  std::vector<Edge> edges(m);
  const std::uint64_t blocks = (m + kBlockEdges - 1) / kBlockEdges;
  tbb::parallel_for(std::uint64_t{0}, blocks, [&](std::uint64_t block) {
    CounterRng rng = CounterRng::for_item(seed, kRmatSalt, block);
    const std::uint64_t end = std::min(m, (block + 1) * kBlockEdges);
    for (std::uint64_t e = block * kBlockEdges; e < end; ++e) {
      std::uint64_t u = 0, v = 0, bits = 0;
      for (unsigned level = 0; level < scale; ++level) {
        if ((level & 1u) == 0) bits = rng.next();
        const std::uint64_t x = (level & 1u) == 0 ? (bits & 0xFFFFFFFFull) : (bits >> 32);
        const std::uint64_t down = x >= t_ab ? 1 : 0;                      // c or d: bottom half
        const std::uint64_t right = (x >= t_a && x < t_ab) || x >= t_abc;  // b or d: right half
        u = (u << 1) | down;
        v = (v << 1) | right;
      }
      if (permute) {
        u = relabel(u);
        v = relabel(v);
      }
      edges[e] = Edge{static_cast<VertexId>(u), static_cast<VertexId>(v)};
    }
  });
  return edges;
}

void write_edge_list(std::ostream& out, const std::vector<Edge>& edges) {
  constexpr std::size_t kChunk = std::size_t{1} << 18;  // edges per formatted piece
  constexpr std::size_t kChunksPerBatch = 16;
  constexpr std::size_t kMaxLine = 22;  // two 10-digit ids, a tab, a newline
  std::array<std::string, kChunksPerBatch> text;
  for (std::size_t first = 0; first < edges.size(); first += kChunk * kChunksPerBatch) {
    const std::size_t chunks = std::min(kChunksPerBatch, (edges.size() - first + kChunk - 1) / kChunk);
    tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t i) {
      const std::size_t lo = first + i * kChunk;
      const std::size_t hi = std::min(edges.size(), lo + kChunk);
      std::string& s = text[i];
      s.resize((hi - lo) * kMaxLine);
      char* p = s.data();
      for (std::size_t e = lo; e < hi; ++e) {
        p = write_uint(p, edges[e].src);
        *p++ = '\t';
        p = write_uint(p, edges[e].dst);
        *p++ = '\n';
      }
      s.resize(static_cast<std::size_t>(p - s.data()));
    });
    for (std::size_t i = 0; i < chunks; ++i) out.write(text[i].data(), static_cast<std::streamsize>(text[i].size()));
    if (!out) throw std::runtime_error("cannot write the edge list: output stream failed");
  }
  out.flush();
  if (!out) throw std::runtime_error("cannot write the edge list: output stream failed");
}

void write_edge_list_file(const std::string& path, const std::vector<Edge>& edges) {
  write_file_atomically(path, [&](std::ostream& out) { write_edge_list(out, edges); });
}

}  // namespace refnet
