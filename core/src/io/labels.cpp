#include <refnet/io/labels.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/base/input_stream.hpp>
#include <refnet/io/gml.hpp>
#include <refnet/io/graph_parser.hpp>
#include <refnet/io/lines.hpp>

#include <filesystem>
#include <unordered_map>

namespace refnet {

namespace {
NodeLabels read_label_file(const std::string& path) {
  InputStream in(path);
  NodeLabels out;
  out.source = path;
  ParseReport report;
  using Row = std::pair<std::string, std::string>;
  parse_stream<Row>(
      in, ParseOptions{}, true, "a text file of 'node label' rows", report,
      [&](std::string_view line, std::size_t, std::vector<Row>& rows) {
        std::string_view tok[3];
        std::size_t col[3];
        const std::size_t n = split_whitespace(line, tok, col, 3);
        if (n != 2)
          throw RowError{n > 2 ? col[2] : line.size(),
                         n > 2 ? "expected 'node label', found a third column" : "expected 'node label', found one column"};
        rows.emplace_back(std::string(tok[0]), std::string(tok[1]));
      },
      [&](std::vector<std::vector<Row>>& chunks, const TextBlock&) {
        for (auto& rows : chunks) std::move(rows.begin(), rows.end(), std::back_inserter(out.rows));
      });
  if (out.rows.empty()) throw InputError(path, 0, 0, "no 'node label' rows");
  return out;
}
}  // namespace

NodeLabels read_ground_truth(const std::string& spec, const std::string& gml_input) {
  std::error_code ec;
  if (std::filesystem::exists(spec, ec) && !std::filesystem::is_directory(spec, ec)) return read_label_file(spec);
  // The GML input is read a second time for its attributes: only a regular file can be.
  if (gml_input == "-" || (std::filesystem::exists(gml_input, ec) && !std::filesystem::is_regular_file(gml_input, ec)))
    throw UsageError("--ground-truth '" + spec + "' is not a file, and a GML attribute can only be read from a GML "
                     "file, not from standard input or a pipe (which was read once already)");
  InputStream in(gml_input);
  if (!looks_like_gml(in.peek(std::size_t{1} << 16)))
    throw UsageError("--ground-truth '" + spec +
                     "' is not a file, and the input is not GML (whose node attributes it could name)");
  ParseReport report;
  const GmlInput gml = parse_gml(in, report);
  const auto column = gml.node_attributes.find(spec);
  if (column == gml.node_attributes.end()) {
    std::string names;
    for (const auto& [name, values] : gml.node_attributes) names += (names.empty() ? "" : ", ") + name;
    throw UsageError("--ground-truth '" + spec + "' is neither a file nor a node attribute of " + gml_input +
                     " (its attributes: " + (names.empty() ? "none" : names) + ")");
  }
  NodeLabels out;
  out.source = "gml attribute '" + spec + "'";
  for (VertexId v = 0; v < gml.graph.ids.size(); ++v)
    if (!column->second[v].empty()) out.rows.emplace_back(std::string(gml.graph.ids.name(v)), column->second[v]);
  return out;
}

VertexLabels labels_by_vertex(const IdTable& ids, const NodeLabels& labels) {
  VertexLabels out;
  out.label.assign(ids.size(), kNoLabel);
  std::unordered_map<std::string, std::uint32_t> label_id;
  for (const auto& [node, label] : labels.rows) {
    const auto v = ids.find(node);
    if (!v) {
      ++out.unknown_nodes;
      continue;
    }
    const auto [it, added] = label_id.emplace(label, static_cast<std::uint32_t>(out.names.size()));
    if (added) out.names.push_back(label);
    if (out.label[*v] == kNoLabel) ++out.labelled;
    out.label[*v] = it->second;
  }
  return out;
}

}  // namespace refnet
