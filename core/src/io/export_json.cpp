// Node-link JSON (D3, networkx), graphology's serialized graph and Cytoscape.js elements.
#include "export_detail.hpp"

namespace refnet::export_detail {


// Node ids: the dense index itself in node-link (D3 and networkx take any
// value), "n<index>" in Cytoscape, whose node and edge ids share one namespace
// with the "w"/"r" edge ids.
void put_json_node_ref(Sink& s, VertexId v, bool string_ids) {
  if (string_ids) {
    s << "\"n" << v << '"';
  } else {
    s << v;
  }
}

void put_json_graph_fields(Sink& s, const View& view) {
  s << "\"name\": \"refnet\", \"network\": \"" << to_string(view.which()) << '"';
  const BuildInfo& info = view.net().info;
  if (std::isfinite(info.analysis_time)) {
    s << ", \"analysis_time\": ";
    s.real(info.analysis_time);
  }
  if (!info.weight_meaning.empty()) {
    s << ", \"weight_meaning\": ";
    s.json(info.weight_meaning);
  }
}

// The fields of node v after its id (`first`: they open an object of their own).
void put_json_node_fields(Sink& s, const View& view, VertexId v, bool string_ids, bool first = false) {
  s << (first ? "\"label\": " : ", \"label\": ");
  s.json(view.label(v));
  const VertexId referrer = view.referrer(v);
  s << ", \"acquired\": " << (referrer != kNoVertex ? "true" : "false");
  if (const double t = view.acquired_at(v); std::isfinite(t)) {
    s << ", \"acquired_at\": ";
    s.real(t);
  }
  if (referrer != kNoVertex) {
    s << ", \"referrer\": ";
    put_json_node_ref(s, referrer, string_ids);
  }
}

// The fields of an edge after source, target and key/id (`first`: they open an object of their own).
void put_json_edge_fields(Sink& s, const ExportEdge& e, bool first = false) {
  s << (first ? "\"kind\": \"" : ", \"kind\": \"") << kind_name(e) << '"';
  if (std::isfinite(e.weight)) {
    s << ", \"weight\": ";
    s.real(e.weight);
  }
  if (!e.referral) s << ", \"sign\": " << e.sign << ", \"dunbar_rank\": " << e.dunbar_rank;
  if (std::isfinite(e.time)) {
    s << (e.referral ? ", \"referred_at\": " : ", \"time\": ");
    s.real(e.time);
  }
}

void write_nodelink(std::ostream& out, const View& view, const ExportParams& params) {
  Sink s(out);
  // networkx's node_link_graph makes a multigraph only when told, and then
  // takes the edge key from "key"; without keys the WOM tie and the referral
  // between the same two users would collapse into one edge.
  const bool multigraph = view.has_parallel_edges();
  s << "{\"directed\": true, \"multigraph\": " << (multigraph ? "true" : "false") << ", \"graph\": {";
  put_json_graph_fields(s, view);
  s << "},\n\"nodes\": [";
  for (VertexId v = 0; v < view.num_nodes(); ++v) {
    s << (v == 0 ? "\n{\"id\": " : ",\n{\"id\": ") << v;
    put_json_node_fields(s, view, v, false);
    s << '}';
    s.end_record();
  }
  s << "\n]";
  // "both": the same array under both keys, for readers that look for either.
  for (const std::string_view key : {std::string_view("links"), std::string_view("edges")}) {
    if (params.nodelink_key != key && params.nodelink_key != "both") continue;
    s << ",\n";
    s.json(key);
    s << ": [";
    bool first = true;
    view.for_each_edge([&](const ExportEdge& e) {
      s << (first ? "\n{\"source\": " : ",\n{\"source\": ") << e.source << ", \"target\": " << e.target;
      first = false;
      if (multigraph) {
        s << ", \"key\": \"";
        put_edge_id(s, e);
        s << '"';
      }
      put_json_edge_fields(s, e);
      s << '}';
      s.end_record();
    });
    s << "\n]";
  }
  s << "}\n";
  s.finish();
}

// graphology's serialization format (Graph.from(data) or graph.import(data)):
// {attributes, options, nodes: [{key, attributes}], edges: [{key, source, target, attributes}]}.
// Keys are strings, as graphology keeps them: "n<index>" for nodes, the
// "w"/"r" edge ids for edges, as in Cytoscape, GEXF and GraphML.
void write_graphology(std::ostream& out, const View& view) {
  Sink s(out);
  s << "{\"attributes\": {";
  put_json_graph_fields(s, view);
  s << "},\n\"options\": {\"type\": \"directed\", \"multi\": " << (view.has_parallel_edges() ? "true" : "false")
    << ", \"allowSelfLoops\": true},\n\"nodes\": [";
  for (VertexId v = 0; v < view.num_nodes(); ++v) {
    s << (v == 0 ? "\n" : ",\n") << "{\"key\": \"n" << v << "\", \"attributes\": {";
    put_json_node_fields(s, view, v, true, true);
    s << "}}";
    s.end_record();
  }
  s << "\n],\n\"edges\": [";
  bool first = true;
  view.for_each_edge([&](const ExportEdge& e) {
    s << (first ? "\n" : ",\n") << "{\"key\": \"";
    first = false;
    put_edge_id(s, e);
    s << "\", \"source\": \"n" << e.source << "\", \"target\": \"n" << e.target << "\", \"attributes\": {";
    put_json_edge_fields(s, e, true);
    s << "}}";
    s.end_record();
  });
  s << "\n]}\n";
  s.finish();
}

void write_cytoscape(std::ostream& out, const View& view) {
  Sink s(out);
  s << "{\"data\": {";
  put_json_graph_fields(s, view);
  s << "},\n\"elements\": {\"nodes\": [";
  for (VertexId v = 0; v < view.num_nodes(); ++v) {
    s << (v == 0 ? "\n" : ",\n") << "{\"data\": {\"id\": \"n" << v << '"';
    // Cytoscape desktop labels nodes by "name"; Cytoscape.js styles usually by "label".
    s << ", \"name\": ";
    s.json(view.label(v));
    put_json_node_fields(s, view, v, true);
    s << "}}";
    s.end_record();
  }
  s << "\n],\n\"edges\": [";
  bool first = true;
  view.for_each_edge([&](const ExportEdge& e) {
    s << (first ? "\n" : ",\n") << "{\"data\": {\"id\": \"";
    first = false;
    put_edge_id(s, e);
    s << "\", \"source\": \"n" << e.source << "\", \"target\": \"n" << e.target << '"';
    put_json_edge_fields(s, e);
    s << "}}";
    s.end_record();
  });
  s << "\n]}}\n";
  s.finish();
}

}  // namespace refnet::export_detail
