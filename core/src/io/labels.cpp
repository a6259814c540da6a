#include <refnet/io/labels.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/io/gml.hpp>
#include <refnet/io/graph_parser.hpp>
#include <refnet/io/lines.hpp>

#include <filesystem>
#include <unordered_map>

namespace refnet {

namespace {
NodeLabels read_label_file(const std::string& path) {
  const std::string data = read_input_file(path, nullptr);
  reject_binary(data, path, "a text file of 'node label' rows");
  NodeLabels out;
  out.source = path;
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) eol = data.size();
    std::string_view line(data.data() + pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!is_blank(line) && line.front() != '#') {
      std::string_view tok[3];
      std::size_t col[3];
      const std::size_t n = split_whitespace(line, tok, col, 3);
      if (n != 2) {
        const auto [l, c] = line_and_column(data, pos + (n > 2 ? col[2] : line.size()));
        throw InputError(
            path, l, c,
            n > 2 ? "expected 'node label', found a third column" : "expected 'node label', found one column");
      }
      out.rows.emplace_back(std::string(tok[0]), std::string(tok[1]));
    }
    pos = eol + 1;
  }
  if (out.rows.empty()) throw InputError(path, 0, 0, "no 'node label' rows");
  return out;
}
}  // namespace

NodeLabels read_ground_truth(const std::string& spec, const std::string& gml_input) {
  if (std::filesystem::is_regular_file(spec)) return read_label_file(spec);
  const std::string data = read_input_file(gml_input, nullptr);
  if (!looks_like_gml(data))
    throw UsageError("--ground-truth '" + spec +
                     "' is not a file, and the input is not GML (whose node attributes it could name)");
  ParseReport report;
  const GmlInput gml = parse_gml(data, gml_input, report);
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
