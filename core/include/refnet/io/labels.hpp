// Ground-truth labels of nodes (departments, factions, conferences), to compare
// communities with: a `node label` text file (whitespace columns, '#'
// comments; the node as written in the graph input) or an attribute of a GML
// input's nodes (`club`, `value`, ...).
#pragma once

#include <refnet/events/id_table.hpp>
#include <refnet/graph/csr_graph.hpp>  // kNoLabel

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace refnet {

struct NodeLabels {
  std::string source;                                     // the file, or "gml attribute 'club'"
  std::vector<std::pair<std::string, std::string>> rows;  // node, label
};

// `spec` is a readable file (node label rows) or, when no such file exists,
// the name of a node attribute of `gml_input` (which must then be a GML file).
// Throws InputError for a malformed file, UsageError for an unknown attribute.
NodeLabels read_ground_truth(const std::string& spec, const std::string& gml_input);

struct VertexLabels {
  std::vector<std::uint32_t> label;  // by vertex: a dense label id, or kNoLabel
  std::vector<std::string> names;    // label id -> the label's text
  std::uint64_t labelled = 0;        // vertices with a label
  std::uint64_t unknown_nodes = 0;   // rows naming nodes that are not in the graph
};

// Labels by vertex id, matching rows to vertices by their external ids.
VertexLabels labels_by_vertex(const IdTable& ids, const NodeLabels& labels);

}  // namespace refnet
