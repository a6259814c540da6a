// Graph exports. Every format is written by hand into a chunked buffer rather
// than through a DOM (nlohmann::json, an XML tree): a DOM of a graph with
// hundreds of millions of edges would need many times the graph's memory.
// nlohmann still does the JSON string escaping, so labels follow its rules.
#include "export_detail.hpp"

#include <refnet/base/escape.hpp>

#include <refnet/base/error.hpp>

#include <nlohmann/json.hpp>

namespace refnet {

namespace export_detail {

void append_json_string(std::string& out, std::string_view s) {
  // Ill-formed UTF-8 would make dump() throw; replace it, as the XML writers do.
  out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace export_detail

using namespace export_detail;

// ---- public API ---------------------------------------------------------------------

ExportFormat parse_export_format(std::string_view s) {
  for (ExportFormat f : {ExportFormat::kNodeLink, ExportFormat::kCytoscape, ExportFormat::kGexf,
                         ExportFormat::kGraphml, ExportFormat::kCsv}) {
    if (s == to_string(f)) return f;
  }
  throw UsageError("unknown export format '" + std::string(s) +
                   "' (expected nodelink, cytoscape, gexf, graphml or csv)");
}

std::string_view to_string(ExportFormat f) {
  switch (f) {
    case ExportFormat::kNodeLink: return "nodelink";
    case ExportFormat::kCytoscape: return "cytoscape";
    case ExportFormat::kGexf: return "gexf";
    case ExportFormat::kGraphml: return "graphml";
    case ExportFormat::kCsv: return "csv";
  }
  return "?";
}

std::string_view file_extension(ExportFormat f) {
  switch (f) {
    case ExportFormat::kNodeLink: return ".json";
    case ExportFormat::kCytoscape: return ".cyjs";
    case ExportFormat::kGexf: return ".gexf";
    case ExportFormat::kGraphml: return ".graphml";
    case ExportFormat::kCsv: return ".csv";
  }
  return "";
}

ExportParams::Which parse_export_network(std::string_view s) {
  using W = ExportParams::Which;
  for (W w : {W::kWom, W::kReferral, W::kBoth}) {
    if (s == to_string(w)) return w;
  }
  throw UsageError("unknown network '" + std::string(s) + "' (expected wom, referral or both)");
}

std::string_view to_string(ExportParams::Which w) {
  switch (w) {
    case ExportParams::Which::kWom: return "wom";
    case ExportParams::Which::kReferral: return "referral";
    case ExportParams::Which::kBoth: return "both";
  }
  return "?";
}

void ExportParams::validate() const {
  if (nodelink_key != "links" && nodelink_key != "edges")
    throw UsageError("node-link key must be 'links' or 'edges', not '" + nodelink_key + "'");
  switch (network) {
    case Which::kWom:
    case Which::kReferral:
    case Which::kBoth: break;
    default: throw UsageError("unknown export network");
  }
}

void export_network(std::ostream& out, const Network& net, const ExportParams& params) {
  params.validate();
  const View view(net, params.network, &params.dunbar_ranks);
  switch (params.format) {
    case ExportFormat::kNodeLink: return write_nodelink(out, view, params);
    case ExportFormat::kCytoscape: return write_cytoscape(out, view);
    case ExportFormat::kGexf: return write_gexf(out, view);
    case ExportFormat::kGraphml: return write_graphml(out, view);
    case ExportFormat::kCsv: break;
  }
  throw UsageError("csv export writes two tables: use export_csv");
}

void export_csv(std::ostream& nodes, std::ostream& edges, const Network& net,
                const ExportParams& params) {
  params.validate();
  const View view(net, params.network, &params.dunbar_ranks);
  write_csv_nodes(nodes, view);
  write_csv_edges(edges, view);
}

std::string csv_edges_path(std::string_view nodes_path) {
  constexpr std::string_view kCsv = ".csv";
  std::string base(nodes_path);
  if (base.size() > kCsv.size() && base.ends_with(kCsv)) base.resize(base.size() - kCsv.size());
  return base + ".edges.csv";
}

}  // namespace refnet
