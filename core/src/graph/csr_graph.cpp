#include <refnet/graph/csr_graph.hpp>

#include <algorithm>
#include <stdexcept>

namespace refnet {

Graph::Graph() { bind_owned(); }
Graph::~Graph() = default;

Graph::Graph(const Graph& other)
    : g_(other.g_), weight_store_(other.weight_store_), time_store_(other.time_store_), owner_(other.owner_) {
  if (owner_) {
    out_row_ = other.out_row_, out_col_ = other.out_col_, in_row_ = other.in_row_, in_col_ = other.in_col_;
    in_edge_ = other.in_edge_, weight_ = other.weight_, time_ = other.time_;
    boost_copy_ = other.boost_copy_, boost_once_ = other.boost_once_;
  } else {
    bind_owned();
  }
}

// Moving a std::vector keeps its buffer, so spans into owned storage stay
// valid; they are re-pointed anyway, so that the rule is local.
Graph::Graph(Graph&& other) noexcept
    : g_(std::move(other.g_)),
      weight_store_(std::move(other.weight_store_)),
      time_store_(std::move(other.time_store_)),
      owner_(std::move(other.owner_)) {
  if (owner_) {
    out_row_ = other.out_row_, out_col_ = other.out_col_, in_row_ = other.in_row_, in_col_ = other.in_col_;
    in_edge_ = other.in_edge_, weight_ = other.weight_, time_ = other.time_;
    boost_copy_ = std::move(other.boost_copy_), boost_once_ = std::move(other.boost_once_);
  } else {
    bind_owned();
  }
  other = Graph();
}

Graph& Graph::operator=(const Graph& other) {
  if (this != &other) *this = Graph(other);
  return *this;
}

Graph& Graph::operator=(Graph&& other) noexcept {
  if (this == &other) return *this;
  g_ = std::move(other.g_);
  weight_store_ = std::move(other.weight_store_);
  time_store_ = std::move(other.time_store_);
  owner_ = std::move(other.owner_);
  boost_copy_ = std::move(other.boost_copy_);
  boost_once_ = std::move(other.boost_once_);
  if (owner_) {
    out_row_ = other.out_row_, out_col_ = other.out_col_, in_row_ = other.in_row_, in_col_ = other.in_col_;
    in_edge_ = other.in_edge_, weight_ = other.weight_, time_ = other.time_;
  } else {
    bind_owned();
  }
  // Leave `other` an empty graph (not a dangling view).
  other.g_ = CsrGraph();
  other.weight_store_.clear();
  other.time_store_.clear();
  other.owner_.reset();
  other.bind_owned();
  return *this;
}

void Graph::bind_owned() {
  const auto& f = g_.m_forward;
  const auto& b = g_.m_backward;
  out_row_ = f.m_rowstart;
  out_col_ = f.m_column;
  in_row_ = b.m_rowstart;
  in_col_ = b.m_column;
  in_edge_ = b.m_edge_properties;
  weight_ = weight_store_;
  time_ = time_store_;
}

Graph Graph::view(const GraphArrays& a, std::shared_ptr<const void> owner) {
  if (!owner) throw std::invalid_argument("graph: a view needs the owner of its arrays");
  if (a.out_rowstart.empty() || a.in_rowstart.size() != a.out_rowstart.size() ||
      a.in_column.size() != a.out_column.size() || a.in_edge.size() != a.out_column.size() ||
      (!a.weight.empty() && a.weight.size() != a.out_column.size()) ||
      (!a.time.empty() && a.time.size() != a.out_column.size()))
    throw std::invalid_argument("graph: viewed arrays of disagreeing sizes");
  Graph g;
  g.owner_ = std::move(owner);
  g.out_row_ = a.out_rowstart, g.out_col_ = a.out_column, g.in_row_ = a.in_rowstart, g.in_col_ = a.in_column;
  g.in_edge_ = a.in_edge, g.weight_ = a.weight, g.time_ = a.time;
  g.boost_once_ = std::make_shared<std::once_flag>();
  return g;
}

const CsrGraph& Graph::boost_graph() const {
  if (!owner_) return g_;
  std::call_once(*boost_once_, [&] {
    auto copy = std::make_shared<CsrGraph>();
    copy->m_forward.m_rowstart.assign(out_row_.begin(), out_row_.end());
    copy->m_forward.m_column.assign(out_col_.begin(), out_col_.end());
    copy->m_backward.m_rowstart.assign(in_row_.begin(), in_row_.end());
    copy->m_backward.m_column.assign(in_col_.begin(), in_col_.end());
    copy->m_backward.m_edge_properties.assign(in_edge_.begin(), in_edge_.end());
    boost_copy_ = std::move(copy);
  });
  return *boost_copy_;
}

Graph Graph::from_edges(VertexId num_vertices, const std::vector<Edge>& edges,
                        std::vector<float> weights, std::vector<double> times) {
  if (edges.size() >= 0xFFFFFFFFull) throw std::length_error("graph: more than 2^32-1 edges");
  if (!weights.empty() && weights.size() != edges.size())
    throw std::invalid_argument("graph: weights not parallel to edges");
  if (!times.empty() && times.size() != edges.size())
    throw std::invalid_argument("graph: times not parallel to edges");

  Graph g;
  const std::size_t n = num_vertices;
  const std::size_t m = edges.size();
  auto& fwd = g.g_.m_forward;

  // Forward CSR by a stable counting sort on the source.
  fwd.m_rowstart.assign(n + 1, 0);
  for (const Edge& e : edges) ++fwd.m_rowstart[e.src + 1];
  for (std::size_t v = 0; v < n; ++v) fwd.m_rowstart[v + 1] += fwd.m_rowstart[v];
  fwd.m_column.resize(m);
  std::vector<EdgeId> next(fwd.m_rowstart.begin(), fwd.m_rowstart.end() - 1);
  const bool has_w = !weights.empty();
  const bool has_t = !times.empty();
  if (has_w) g.weight_store_.resize(m);
  if (has_t) g.time_store_.resize(m);
  for (std::size_t i = 0; i < m; ++i) {
    const EdgeId pos = next[edges[i].src]++;
    fwd.m_column[pos] = edges[i].dst;
    if (has_w) g.weight_store_[pos] = weights[i];
    if (has_t) g.time_store_[pos] = times[i];
  }

  g.build_backward();
  g.bind_owned();
  return g;
}

Graph Graph::from_csr(std::vector<EdgeId> rowstart, std::vector<VertexId> column, std::vector<float> weights,
                      std::vector<double> times) {
  Graph g;
  g.g_.m_forward.m_rowstart = std::move(rowstart);
  g.g_.m_forward.m_column = std::move(column);
  if (g.g_.m_forward.m_rowstart.empty()) throw std::invalid_argument("graph: no row starts");
  if (!weights.empty() && weights.size() != g.g_.m_forward.m_column.size())
    throw std::invalid_argument("graph: weights not parallel to edges");
  if (!times.empty() && times.size() != g.g_.m_forward.m_column.size())
    throw std::invalid_argument("graph: times not parallel to edges");
  g.weight_store_ = std::move(weights);
  g.time_store_ = std::move(times);
  g.build_backward();
  g.bind_owned();
  return g;
}

void Graph::build_backward() {
  const std::size_t n = g_.m_forward.m_rowstart.size() - 1;
  const std::size_t m = g_.m_forward.m_column.size();
  auto& fwd = g_.m_forward;
  auto& bwd = g_.m_backward;
  std::vector<EdgeId> next;
  // In-edges: in-edges of each target, ordered by source (a stable
  // counting sort over the forward edges, which are already ordered by source).
  bwd.m_rowstart.assign(n + 1, 0);
  for (std::size_t e = 0; e < m; ++e) ++bwd.m_rowstart[fwd.m_column[e] + 1];
  for (std::size_t v = 0; v < n; ++v) bwd.m_rowstart[v + 1] += bwd.m_rowstart[v];
  bwd.m_column.resize(m);
  bwd.m_edge_properties.resize(m);
  next.assign(bwd.m_rowstart.begin(), bwd.m_rowstart.end() - 1);
  for (std::size_t u = 0; u < n; ++u) {
    for (EdgeId e = fwd.m_rowstart[u]; e < fwd.m_rowstart[u + 1]; ++e) {
      const EdgeId pos = next[fwd.m_column[e]]++;
      bwd.m_column[pos] = static_cast<VertexId>(u);
      bwd.m_edge_properties[pos] = e;
    }
  }
}

VertexId Graph::source(EdgeId e) const {
  auto it = std::upper_bound(out_row_.begin(), out_row_.end(), e);
  return static_cast<VertexId>(it - out_row_.begin() - 1);
}

std::size_t Graph::edge_memory_bytes() const {
  return out_col_.size_bytes() + in_col_.size_bytes() + in_edge_.size_bytes() + weight_.size_bytes() +
         time_.size_bytes();
}

std::size_t Graph::memory_bytes() const { return out_row_.size_bytes() + in_row_.size_bytes() + edge_memory_bytes(); }

}  // namespace refnet
