// Graph exports for visualizers and other graph libraries (DESIGN.md section 5):
// node-link JSON (D3 / networkx), Cytoscape.js elements JSON, GEXF 1.3 (Gephi,
// dynamic, with time intervals), GraphML, and a pair of Gephi-style CSV tables.
// docs/export.md describes every field and how to open each file.
//
// What every format carries:
// - one node per user, in dense-id order: its dense id, its real user id as the
//   label, acquired_at (first signup/purchase) when known, whether it was
//   acquired through a referral, and its referrer;
// - the WOM ties speaker -> listener (kind "wom": weight = tie strength >= 0,
//   sign +1/-1, dunbar_rank, time when the graph has times), edge id "w<e>"
//   from the CSR edge index e;
// - the acquisition edges parent[v] -> v (kind "referral": weight 1,
//   referred_at when known), edge id "r<v>" from the referee v (each user is
//   acquired at most once, so v names the edge).
// A WOM tie and a referral can join the same pair of users, so an export of
// both networks is a multigraph; the edge ids keep the two apart.
//
// Output is deterministic (same network and params, same bytes), streamed in
// large chunks (memory independent of the graph size), and always valid UTF-8:
// bytes that are not UTF-8, and characters XML cannot carry, become U+FFFD.
// Non-finite numbers (NaN times: "unknown") are left out, never written.
#pragma once

#include <refnet/base/escape.hpp>  // csv_escape_text, xml_escape
#include <refnet/events/network.hpp>

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

enum class ExportFormat : std::uint8_t { kNodeLink, kCytoscape, kGexf, kGraphml, kCsv };

// "nodelink", "cytoscape", "gexf", "graphml", "csv"; throws UsageError otherwise.
ExportFormat parse_export_format(std::string_view s);
std::string_view to_string(ExportFormat f);
// The usual file extension, with its dot: ".json", ".cyjs", ".gexf", ".graphml", ".csv".
std::string_view file_extension(ExportFormat f);

struct ExportParams {
  enum class Which : std::uint8_t { kWom, kReferral, kBoth };

  ExportFormat format = ExportFormat::kNodeLink;
  Which network = Which::kBoth;
  // The key of the edge array in node-link JSON: "links" (D3, and networkx
  // before 3.6 by default) or "edges" (the networkx >= 3.6 default).
  std::string nodelink_key = "links";
  // The dunbar_rank written for each WOM tie, by CSR edge index; empty: its
  // position in its speaker's row (Network::dunbar_rank). A sub-network (an
  // ego network) passes its ties' ranks in the whole network.
  std::vector<std::uint32_t> dunbar_ranks;

  void validate() const;  // throws UsageError
};

// "wom", "referral", "both"; throws UsageError otherwise.
ExportParams::Which parse_export_network(std::string_view s);
std::string_view to_string(ExportParams::Which w);

// Writes `net` to `out` in params.format. CSV is two tables and has its own
// entry point: export_network with kCsv throws UsageError.
// Throws std::runtime_error when the stream fails, std::invalid_argument when
// the network's arrays disagree with its user table.
void export_network(std::ostream& out, const Network& net, const ExportParams& params);

// The Gephi spreadsheet pair: `nodes` gets Id,Label,acquired,acquired_at,referrer
// and `edges` gets Source,Target,Type,Weight,Id,Kind,sign,dunbar_rank,time,referred_at.
// params.format is not consulted.
void export_csv(std::ostream& nodes, std::ostream& edges, const Network& net,
                const ExportParams& params);

// Where the edge table goes when the node table goes to `nodes_path`:
// "net.csv" -> "net.edges.csv", "net" -> "net.edges.csv". The CLI convention
// for `refnet export --to csv -o FILE` (FILE holds the nodes).
std::string csv_edges_path(std::string_view nodes_path);

}  // namespace refnet
