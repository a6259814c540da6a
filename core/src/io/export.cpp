// Graph exports. Every format is written by hand into a chunked buffer rather
// than through a DOM (nlohmann::json, an XML tree): a DOM of a graph with
// hundreds of millions of edges would need many times the graph's memory.
// nlohmann still does the JSON string escaping, so labels follow its rules.
#include <refnet/io/export.hpp>

#include <refnet/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ostream>
#include <stdexcept>
#include <vector>

namespace refnet {

namespace {

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// ---- text ------------------------------------------------------------------

// Length of the well-formed UTF-8 sequence starting at s[i] (Unicode table
// 3-7: no overlongs, no surrogates, nothing above U+10FFFF), with its code
// point in `cp`; 0 when the bytes there are not one.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned lead = byte(i);
  if (lead < 0x80) {
    cp = lead;
    return 1;
  }
  std::size_t len = 0;
  unsigned lo = 0x80;
  unsigned hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3;
    cp = lead & 0x0F;
    if (lead == 0xE0) lo = 0xA0;  // overlong
    if (lead == 0xED) hi = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4;
    cp = lead & 0x07;
    if (lead == 0xF0) lo = 0x90;  // overlong
    if (lead == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned b = byte(i + k);
    if (b < (k == 1 ? lo : 0x80u) || b > (k == 1 ? hi : 0xBFu)) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  return len;
}

// Appends `s` with every ill-formed byte replaced by U+FFFD.
void append_valid_utf8(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(s, i, cp);
    if (len == 0) {
      out += kReplacementChar;
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
}

void append_xml_escaped(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      char32_t cp = 0;
      const std::size_t len = decode_utf8(s, i, cp);
      if (len == 0 || cp == 0xFFFE || cp == 0xFFFF) {
        out += kReplacementChar;
        i += len == 0 ? 1 : len;
      } else {
        out.append(s.substr(i, len));
        i += len;
      }
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      // As references, because a parser turns literal ones in attribute
      // values into spaces.
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default:
        // XML 1.0 cannot carry other C0 controls at all, not even as &#1;.
        if (c < 0x20) {
          out += kReplacementChar;
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
}

void append_csv_text(std::string& out, std::string_view cell) {
  std::string clean;
  clean.reserve(cell.size());
  append_valid_utf8(clean, cell);
  // OWASP's list of characters that make a spreadsheet read a cell as a formula.
  const bool formula = !clean.empty() && std::string_view("=+-@\t\r").find(clean[0]) != std::string_view::npos;
  const bool quote = clean.find_first_of(",\"\r\n") != std::string::npos;
  if (quote) out += '"';
  if (formula) out += '\'';
  for (char c : clean) {
    if (c == '"') out += '"';
    out += c;
  }
  if (quote) out += '"';
}

void append_json_string(std::string& out, std::string_view s) {
  // Ill-formed UTF-8 would make dump() throw; replace it, as the XML writers do.
  out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

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
  View(const Network& net, ExportParams::Which which) : net_(net), which_(which) {
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
          const std::uint32_t rank = e - g.out_begin(u) + 1;
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
};

void put_edge_id(Sink& s, const ExportEdge& e) { s << (e.referral ? 'r' : 'w') << e.index; }
std::string_view kind_name(const ExportEdge& e) { return e.referral ? "referral" : "wom"; }

// ---- JSON (node-link and Cytoscape.js) -----------------------------------------

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

// The fields of node v after its id.
void put_json_node_fields(Sink& s, const View& view, VertexId v, bool string_ids) {
  s << ", \"label\": ";
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

// The fields of an edge after source, target and key/id.
void put_json_edge_fields(Sink& s, const ExportEdge& e) {
  s << ", \"kind\": \"" << kind_name(e) << '"';
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
  s << "\n],\n";
  s.json(params.nodelink_key);
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

// ---- XML (GEXF and GraphML) ----------------------------------------------------

constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

std::string_view network_description(ExportParams::Which w) {
  switch (w) {
    case ExportParams::Which::kWom: return "refnet word-of-mouth network (speaker -> listener)";
    case ExportParams::Which::kReferral: return "refnet referral acquisition forest (referrer -> referee)";
    case ExportParams::Which::kBoth: break;
  }
  return "refnet word-of-mouth ties and referral acquisitions";
}

void write_gexf(std::ostream& out, const View& view) {
  Sink s(out);
  s << kXmlDeclaration
    << "<gexf xmlns=\"http://gexf.net/1.3\" "
       "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
       "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
    << "  <meta>\n    <creator>refnet</creator>\n    <description>"
    << network_description(view.which()) << "</description>\n  </meta>\n"
    << "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"double\">\n"
    << "    <attributes class=\"node\" mode=\"static\">\n"
       "      <attribute id=\"acquired\" title=\"acquired\" type=\"boolean\"/>\n"
       "      <attribute id=\"acquired_at\" title=\"acquired_at\" type=\"double\"/>\n"
       "      <attribute id=\"referrer\" title=\"referrer\" type=\"string\"/>\n"
       "    </attributes>\n"
    << "    <attributes class=\"edge\" mode=\"static\">\n"
       "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n"
       "      <attribute id=\"sign\" title=\"sign\" type=\"integer\"/>\n"
       "      <attribute id=\"dunbar_rank\" title=\"dunbar_rank\" type=\"integer\"/>\n"
       "      <attribute id=\"time\" title=\"time\" type=\"double\"/>\n"
       "      <attribute id=\"referred_at\" title=\"referred_at\" type=\"double\"/>\n"
       "    </attributes>\n"
    << "    <nodes>\n";
  for (VertexId v = 0; v < view.num_nodes(); ++v) {
    s << "      <node id=\"n" << v << "\" label=\"";
    s.xml(view.label(v));
    s << '"';
    // The node enters the timeline when the user is acquired.
    const double acquired_at = view.acquired_at(v);
    if (std::isfinite(acquired_at)) {
      s << " start=\"";
      s.real(acquired_at);
      s << '"';
    }
    const VertexId referrer = view.referrer(v);
    s << "><attvalues><attvalue for=\"acquired\" value=\"" << (referrer != kNoVertex ? "true" : "false")
      << "\"/>";
    if (std::isfinite(acquired_at)) {
      s << "<attvalue for=\"acquired_at\" value=\"";
      s.real(acquired_at);
      s << "\"/>";
    }
    if (referrer != kNoVertex) s << "<attvalue for=\"referrer\" value=\"n" << referrer << "\"/>";
    s << "</attvalues></node>\n";
    s.end_record();
  }
  s << "    </nodes>\n    <edges>\n";
  view.for_each_edge([&](const ExportEdge& e) {
    s << "      <edge id=\"";
    put_edge_id(s, e);
    // kind (GEXF 1.3) is what lets Gephi keep a WOM tie and a referral between
    // the same users as two parallel edges.
    s << "\" source=\"n" << e.source << "\" target=\"n" << e.target << "\" kind=\"" << kind_name(e) << '"';
    if (std::isfinite(e.weight)) {
      s << " weight=\"";
      s.real(e.weight);
      s << '"';
    }
    if (std::isfinite(e.time)) {
      s << " start=\"";
      s.real(e.time);
      s << '"';
    }
    s << "><attvalues><attvalue for=\"kind\" value=\"" << kind_name(e) << "\"/>";
    if (!e.referral) {
      s << "<attvalue for=\"sign\" value=\"" << e.sign << "\"/><attvalue for=\"dunbar_rank\" value=\""
        << e.dunbar_rank << "\"/>";
    }
    if (std::isfinite(e.time)) {
      s << (e.referral ? "<attvalue for=\"referred_at\" value=\"" : "<attvalue for=\"time\" value=\"");
      s.real(e.time);
      s << "\"/>";
    }
    s << "</attvalues></edge>\n";
    s.end_record();
  });
  s << "    </edges>\n  </graph>\n</gexf>\n";
  s.finish();
}

void write_graphml(std::ostream& out, const View& view) {
  Sink s(out);
  s << kXmlDeclaration
    << "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
       "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
       "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
       "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
    << "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
       "  <key id=\"acquired\" for=\"node\" attr.name=\"acquired\" attr.type=\"boolean\"/>\n"
       "  <key id=\"acquired_at\" for=\"node\" attr.name=\"acquired_at\" attr.type=\"double\"/>\n"
       "  <key id=\"referrer\" for=\"node\" attr.name=\"referrer\" attr.type=\"string\"/>\n"
       "  <key id=\"kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
       "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
       "  <key id=\"sign\" for=\"edge\" attr.name=\"sign\" attr.type=\"int\"/>\n"
       "  <key id=\"dunbar_rank\" for=\"edge\" attr.name=\"dunbar_rank\" attr.type=\"int\"/>\n"
       "  <key id=\"time\" for=\"edge\" attr.name=\"time\" attr.type=\"double\"/>\n"
       "  <key id=\"referred_at\" for=\"edge\" attr.name=\"referred_at\" attr.type=\"double\"/>\n"
    << "  <graph id=\"refnet\" edgedefault=\"directed\">\n";
  for (VertexId v = 0; v < view.num_nodes(); ++v) {
    s << "    <node id=\"n" << v << "\"><data key=\"label\">";
    s.xml(view.label(v));
    const VertexId referrer = view.referrer(v);
    s << "</data><data key=\"acquired\">" << (referrer != kNoVertex ? "true" : "false") << "</data>";
    if (const double t = view.acquired_at(v); std::isfinite(t)) {
      s << "<data key=\"acquired_at\">";
      s.real(t);
      s << "</data>";
    }
    if (referrer != kNoVertex) s << "<data key=\"referrer\">n" << referrer << "</data>";
    s << "</node>\n";
    s.end_record();
  }
  view.for_each_edge([&](const ExportEdge& e) {
    s << "    <edge id=\"";
    put_edge_id(s, e);
    s << "\" source=\"n" << e.source << "\" target=\"n" << e.target << "\"><data key=\"kind\">"
      << kind_name(e) << "</data>";
    if (std::isfinite(e.weight)) {
      s << "<data key=\"weight\">";
      s.real(e.weight);
      s << "</data>";
    }
    if (!e.referral) {
      s << "<data key=\"sign\">" << e.sign << "</data><data key=\"dunbar_rank\">" << e.dunbar_rank
        << "</data>";
    }
    if (std::isfinite(e.time)) {
      s << (e.referral ? "<data key=\"referred_at\">" : "<data key=\"time\">");
      s.real(e.time);
      s << "</data>";
    }
    s << "</edge>\n";
    s.end_record();
  });
  s << "  </graph>\n</graphml>\n";
  s.finish();
}

// ---- CSV -------------------------------------------------------------------------

// RFC 4180 ends records with CRLF; every CSV reader accepts it.
constexpr std::string_view kCsvEol = "\r\n";

void write_csv_nodes(std::ostream& out, const View& view) {
  Sink s(out);
  s << "Id,Label,acquired,acquired_at,referrer" << kCsvEol;
  for (VertexId v = 0; v < view.num_nodes(); ++v) {
    s << v << ',';
    s.csv(view.label(v));
    const VertexId referrer = view.referrer(v);
    s << ',' << (referrer != kNoVertex ? "true" : "false") << ',';
    if (const double t = view.acquired_at(v); std::isfinite(t)) s.real(t);
    s << ',';
    if (referrer != kNoVertex) s << referrer;
    s << kCsvEol;
    s.end_record();
  }
  s.finish();
}

void write_csv_edges(std::ostream& out, const View& view) {
  Sink s(out);
  s << "Source,Target,Type,Weight,Id,Kind,sign,dunbar_rank,time,referred_at" << kCsvEol;
  view.for_each_edge([&](const ExportEdge& e) {
    s << e.source << ',' << e.target << ",Directed,";
    if (std::isfinite(e.weight)) s.real(e.weight);
    s << ',';
    put_edge_id(s, e);
    s << ',' << kind_name(e) << ',';
    if (e.referral) {
      s << ',';
    } else {
      s << e.sign << ',' << e.dunbar_rank;
    }
    s << ',';
    if (!e.referral && std::isfinite(e.time)) s.real(e.time);
    s << ',';
    if (e.referral && std::isfinite(e.time)) s.real(e.time);
    s << kCsvEol;
    s.end_record();
  });
  s.finish();
}

}  // namespace

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
  const View view(net, params.network);
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
  const View view(net, params.network);
  write_csv_nodes(nodes, view);
  write_csv_edges(edges, view);
}

std::string csv_edges_path(std::string_view nodes_path) {
  constexpr std::string_view kCsv = ".csv";
  std::string base(nodes_path);
  if (base.size() > kCsv.size() && base.ends_with(kCsv)) base.resize(base.size() - kCsv.size());
  return base + ".edges.csv";
}

std::string csv_escape_text(std::string_view cell) {
  std::string out;
  append_csv_text(out, cell);
  return out;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  append_xml_escaped(out, text);
  return out;
}

}  // namespace refnet
