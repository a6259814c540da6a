// GML, the Graph Modelling Language (Himsolt 1997), as Newman's classic network
// files use it: `graph [ directed 0|1 node [ id N ... ] edge [ source N target N ... ] ]`.
//
// Keys are identifiers; values are integers, reals, "strings" or [ lists ];
// lines starting with '#' are comments. Node ids are integers, numbered densely
// in increasing numeric order (as the edge-list readers number integer ids);
// every node is a vertex, with or without edges. A graph without `directed 1`
// is undirected: each edge gives both directions. An edge's `weight` (or else
// its `value`) is its weight. Each node's scalar attributes (`label`, `club`,
// `value`, ...) are kept as text, for ground truth. Unknown keys are skipped,
// nested lists included, by a loop (never recursion on the input's depth, so
// no nesting can overflow the stack). Malformed input throws InputError at
// file:line:column. The input is read as a stream; a weight must fit a float.
#pragma once

#include <refnet/io/graph_parser.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

struct GmlInput {
  EdgeListInput graph;
  bool directed = false;
  // Attribute name -> one value per vertex (dense id order); "" where a node lacks it.
  std::map<std::string, std::vector<std::string>, std::less<>> node_attributes;
};

GmlInput parse_gml(InputStream& in, ParseReport& report);
// The same over text in memory (tests), named `name` in messages.
GmlInput parse_gml(std::string_view data, const std::string& name, ParseReport& report);

// Whether the text looks like GML: a `graph [` among its first lines.
bool looks_like_gml(std::string_view data);

}  // namespace refnet
