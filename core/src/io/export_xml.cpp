// GEXF 1.3 or 1.2draft (Gephi, with time intervals) and GraphML.
#include "export_detail.hpp"

namespace refnet::export_detail {


constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

std::string_view network_description(ExportParams::Which w) {
  switch (w) {
    case ExportParams::Which::kWom: return "refnet word-of-mouth network (speaker -> listener)";
    case ExportParams::Which::kReferral: return "refnet referral acquisition forest (referrer -> referee)";
    case ExportParams::Which::kBoth: break;
  }
  return "refnet word-of-mouth ties and referral acquisitions";
}

void write_gexf(std::ostream& out, const View& view, bool version_1_2) {
  Sink s(out);
  s << kXmlDeclaration;
  // 1.2draft is the version networkx 2.x and Gephi before 0.9.3 read; the two
  // differ, in what is written here, only by the namespace and the edge kind.
  if (version_1_2) {
    s << "<gexf xmlns=\"http://www.gexf.net/1.2draft\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd\" version=\"1.2\">\n";
  } else {
    s << "<gexf xmlns=\"http://gexf.net/1.3\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n";
  }
  s << "  <meta>\n    <creator>refnet</creator>\n    <description>"
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
    s << "\" source=\"n" << e.source << "\" target=\"n" << e.target << '"';
    if (!version_1_2) s << " kind=\"" << kind_name(e) << '"';
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

}  // namespace refnet::export_detail
