// Graph files (DESIGN.md section 1), each an adapter to the same edge list:
//  - SNAP edge lists: '#' comments, whitespace columns `u v [weight] [ts]`, CRLF tolerated;
//  - IMM .inf: `u v p`, p a probability in [0, 1];
//  - the `n m` header form (NetHEPT): first line `n m`, then undirected `u v`;
//  - Higgs-style activity logs `a b ts RT|MT|RE` (influence flows b -> a),
//    read as word-of-mouth events;
//  - cascade lists: one cascade per line, `user ts,user ts,...`.
// Node ids that are all non-negative integers are numbered densely in
// increasing numeric order; otherwise they are interned as strings in order
// of first appearance. Every reader streams its input (io/lines.hpp): memory is
// one block plus the edges, whatever the file's size. A weight must fit the
// 32-bit float it is stored in; a NUL byte anywhere is bad input.
#pragma once

#include <refnet/events/event_log.hpp>
#include <refnet/graph/csr_graph.hpp>
#include <refnet/events/network.hpp>
#include <refnet/base/input_stream.hpp>
#include <refnet/io/lines.hpp>
#include <refnet/io/parse_report.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace refnet {

enum class WeightMeaning : std::uint8_t { kNone, kWeight, kProbability };

struct EdgeListInput {
  IdTable ids;
  std::vector<Edge> edges;
  std::vector<float> weights;  // empty when the file has none
  std::vector<double> times;   // empty when the file has none
  WeightMeaning weight_meaning = WeightMeaning::kNone;
};

// Which optional columns a SNAP edge list has after `u v`.
struct SnapColumns {
  bool weight = false;
  bool time = false;
  bool comma = false;  // columns separated by commas (u,v) instead of whitespace
  bool comments_say_undirected = false;  // a '#' line at the top says "undirected" (a hint only)
};

// What a SNAP reader makes of a first line of two integers `a b`.
enum class FirstLine : std::uint8_t {
  // --input-format snap: an edge, with a warning when b matches the number of
  // lines after it (it looks like a header).
  kEdge,
  // --input-format auto: decided against the body. When b matches the lines
  // after it (within 1%) the line is a header: the `n m` form when the body
  // has two columns and every id is below a, else skipped with a warning. When
  // b does not match, it is an edge.
  kDecide,
};

// How parse_snap read the file, for the format reason shown to the user.
struct SnapReading {
  bool nm_form = false;         // line 1 was an `n m` header and the body agrees
  bool header_skipped = false;  // line 1 was a header that is not the `n m` form
  std::string reason;
};

// A SNAP edge list. After reading, a warning says when every edge appears both
// ways (already symmetric: --undirected would double it), or when the edges
// look like an undirected graph stored once per pair (every edge from a smaller
// to a larger id) or the comments say undirected and --undirected was not given.
EdgeListInput parse_snap(InputStream& in, SnapColumns columns, bool undirected, FirstLine first_line,
                         const ParseOptions& options, ParseReport& report, SnapReading* reading = nullptr);
EdgeListInput parse_inf(InputStream& in, const ParseOptions& options, ParseReport& report);
// The `n m` form, forced: the first line must be the header, every id below n;
// n must be plausible for the body (at most 2 x edge lines + 2^20), since n
// vertices are allocated.
EdgeListInput parse_nm_header(InputStream& in, const ParseOptions& options, ParseReport& report);
EventLog parse_higgs(InputStream& in, const ParseOptions& options, ParseReport& report);

struct CascadeInput {
  IdTable ids;
  std::vector<Cascade> cascades;
};
CascadeInput parse_cascades(InputStream& in, const ParseOptions& options, ParseReport& report);

// Splits on runs of spaces and tabs; returns the number of tokens (at most
// `max`), with each token's 0-based column.
std::size_t split_whitespace(std::string_view line, std::string_view* tokens, std::size_t* columns,
                             std::size_t max);
// Splits on commas, trimming spaces around each field.
std::size_t split_commas(std::string_view line, std::string_view* tokens, std::size_t* columns, std::size_t max);

}  // namespace refnet
