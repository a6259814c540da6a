// Graph files (DESIGN.md section 1), each an adapter to the same edge list:
//  - SNAP edge lists: '#' comments, whitespace columns `u v [weight] [ts]`, CRLF tolerated;
//  - IMM .inf: `u v p`, p a probability in [0, 1];
//  - the `n m` header form (NetHEPT): first line `n m`, then undirected `u v`;
//  - Higgs-style activity logs `a b ts RT|MT|RE` (influence flows b -> a),
//    read as word-of-mouth events;
//  - cascade lists: one cascade per line, `user ts,user ts,...`.
// Node ids that are all non-negative integers are numbered densely in
// increasing numeric order; otherwise they are interned as strings in order
// of first appearance.
#pragma once

#include <refnet/events/event_log.hpp>
#include <refnet/graph/csr_graph.hpp>
#include <refnet/events/network.hpp>
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
};

EdgeListInput parse_snap(std::string_view data, const std::string& name, SnapColumns columns, bool undirected,
                         bool lenient, ParseReport& report);
EdgeListInput parse_inf(std::string_view data, const std::string& name, bool lenient, ParseReport& report);
EdgeListInput parse_nm_header(std::string_view data, const std::string& name, bool lenient, ParseReport& report);
EventLog parse_higgs(std::string_view data, const std::string& name, bool lenient, ParseReport& report);

struct CascadeInput {
  IdTable ids;
  std::vector<Cascade> cascades;
};
CascadeInput parse_cascades(std::string_view data, const std::string& name, bool lenient, ParseReport& report);

// Splits on runs of spaces and tabs; returns the number of tokens (at most
// `max`), with each token's 0-based column.
std::size_t split_whitespace(std::string_view line, std::string_view* tokens, std::size_t* columns,
                             std::size_t max);
// Splits on commas, trimming spaces around each field.
std::size_t split_commas(std::string_view line, std::string_view* tokens, std::size_t* columns, std::size_t max);

}  // namespace refnet
