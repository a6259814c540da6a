// The exporters' shared parts: escaping, the chunked output buffer, and the
// network as the exporters see it. Private to core/src/io (export*.cpp).
#pragma once

#include <refnet/base/escape.hpp>
#include <refnet/io/export.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace refnet::export_detail {

// A JSON string literal; ill-formed UTF-8 becomes U+FFFD (the other formats'
// escaping is in base/escape.hpp).
void append_json_string(std::string& out, std::string_view s);

// ---- numbers and the output buffer -------------------------------------------

// Shortest round-trip form (so output is exact and deterministic), with ".0"
// on whole values so that readers which type by lexical form (Python's json,
// Gephi's CSV import) see a real number, not an integer.
template <class Real>
void append_real(std::string& out, Real v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
  if (std::find_if(buf, res.ptr, [](char c) { return c == '.' || c == 'e'; }) == res.ptr) out += ".0";
}

template <class Int>
void append_int(std::string& out, Int v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

// Collects output and hands it to the stream in large writes; records (a node,
// an edge) are appended whole and the buffer is flushed between records.
class Sink {
 public:
  explicit Sink(std::ostream& out) : out_(out) { buf_.reserve(kChunk + 4096); }

  Sink& operator<<(std::string_view s) {
    buf_ += s;
    return *this;
  }
  Sink& operator<<(char c) {
    buf_ += c;
    return *this;
  }
  Sink& operator<<(std::uint32_t v) {
    append_int(buf_, v);
    return *this;
  }
  Sink& operator<<(int v) {
    append_int(buf_, v);
    return *this;
  }
  void real(double v) { append_real(buf_, v); }
  void real(float v) { append_real(buf_, v); }
  void json(std::string_view s) { append_json_string(buf_, s); }
  void xml(std::string_view s) { append_xml_escaped(buf_, s); }
  void csv(std::string_view s) { append_csv_text(buf_, s); }

  void end_record() {
    if (buf_.size() >= kChunk) flush();
  }
  // Flushes everything; throws when the stream has failed.
  void finish() {
    flush();
    out_.flush();
    if (!out_) throw std::runtime_error("export: writing the output failed");
  }

 private:
  static constexpr std::size_t kChunk = std::size_t{1} << 16;

  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

  std::ostream& out_;
  std::string buf_;
};

// ---- what is exported --------------------------------------------------------

// One exported edge: a WOM tie (index = CSR edge index) or an acquisition
// edge (index = the referee).
struct ExportEdge {
  bool referral;
  std::uint32_t index;
  VertexId source;
  VertexId target;
  float weight;               // referral: 1
  int sign;                   // WOM only
  std::uint32_t dunbar_rank;  // WOM only
  double time;                // WOM: the tie's time; referral: referred_at; NaN when unknown
};

// The network seen through the export: tolerant of referral arrays shorter than
// the user table (graph inputs may carry no referral data at all).
class View {
 public:
  View(const Network& net, ExportParams::Which which, const std::vector<std::uint32_t>* ranks = nullptr)
      : net_(net), which_(which), ranks_(ranks && !ranks->empty() ? ranks : nullptr) {
    if (ranks_ && ranks_->size() != net.wom.num_edges())
      throw std::invalid_argument("export: dunbar_ranks must hold one rank per WOM tie");
    const VertexId n = net.num_users();
    if (net.wom.num_vertices() > n)
      throw std::invalid_argument("export: the WOM graph has more vertices than the user table");
    const auto& parent = net.referral.parent;
    for (std::size_t v = 0; v < std::min<std::size_t>(parent.size(), n); ++v) {
      if (parent[v] != kNoVertex && parent[v] >= n)
        throw std::invalid_argument("export: a referrer is not in the user table");
    }
  }

  const Network& net() const { return net_; }
  ExportParams::Which which() const { return which_; }
  VertexId num_nodes() const { return net_.num_users(); }
  std::string_view label(VertexId v) const { return net_.log.users.name(v); }
  double acquired_at(VertexId v) const { return at(net_.referral.acquired_at, v); }
  double referred_at(VertexId v) const { return at(net_.referral.referred_at, v); }
  VertexId referrer(VertexId v) const {
    const auto& parent = net_.referral.parent;
    return v < parent.size() ? parent[v] : kNoVertex;
  }

  // Calls f(const ExportEdge&) for every exported edge: WOM ties in CSR order,
  // then acquisition edges by referee.
  template <class F>
  void for_each_edge(F&& f) const {
    if (which_ != ExportParams::Which::kReferral) {
      const Graph& g = net_.wom;
      for (VertexId u = 0; u < g.num_vertices(); ++u) {
        for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
          // The rank as Network::dunbar_rank defines it, without its search for u.
          const std::uint32_t rank = ranks_ ? (*ranks_)[e] : e - g.out_begin(u) + 1;
          const double t = g.has_times() ? g.time(e) : std::nan("");
          f(ExportEdge{false, e, u, g.target(e), g.weight(e), g.sign(e), rank, t});
        }
      }
    }
    if (which_ != ExportParams::Which::kWom) {
      for (VertexId v = 0; v < num_nodes(); ++v) {
        const VertexId p = referrer(v);
        if (p != kNoVertex) f(ExportEdge{true, v, p, v, 1.0f, 0, 0, referred_at(v)});
      }
    }
  }

  // Whether some ordered pair of users has more than one exported edge.
  bool has_parallel_edges() const {
    if (which_ == ExportParams::Which::kBoth) return true;  // a referral is also a WOM tie
    if (which_ == ExportParams::Which::kReferral) return false;  // one parent per user
    const Graph& g = net_.wom;
    std::vector<VertexId> seen_from(g.num_vertices(), kNoVertex);
    for (VertexId u = 0; u < g.num_vertices(); ++u) {
      for (VertexId t : g.out_neighbors(u)) {
        if (seen_from[t] == u) return true;
        seen_from[t] = u;
      }
    }
    return false;
  }

 private:
  static double at(const std::vector<double>& times, VertexId v) {
    return v < times.size() ? times[v] : std::nan("");
  }

  const Network& net_;
  ExportParams::Which which_;
  const std::vector<std::uint32_t>* ranks_;
};

inline void put_edge_id(Sink& s, const ExportEdge& e) { s << (e.referral ? 'r' : 'w') << e.index; }
inline std::string_view kind_name(const ExportEdge& e) { return e.referral ? "referral" : "wom"; }

// One writer per format.
void write_nodelink(std::ostream& out, const View& view, const ExportParams& params);
void write_cytoscape(std::ostream& out, const View& view);
void write_gexf(std::ostream& out, const View& view);
void write_graphml(std::ostream& out, const View& view);
void write_csv_nodes(std::ostream& out, const View& view);
void write_csv_edges(std::ostream& out, const View& view);

}  // namespace refnet::export_detail
