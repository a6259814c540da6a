// Gephi-style CSV: a node table and an edge table.
#include "export_detail.hpp"

namespace refnet::export_detail {


// RFC 4180 ends records with CRLF; every CSV reader accepts it.
constexpr std::string_view kCsvEol = "\r\n";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

void write_csv_nodes(std::ostream& out, const View& view, bool bom) {
  Sink s(out);
  if (bom) s << kUtf8Bom;
  s << "Id,Label,acquired,acquired_at,referrer" << kCsvEol;
  for (VertexId v = 0; v < view.num_nodes(); ++v) {
    s << v << ',';
    s.csv(view.label(v));
    const VertexId referrer = view.referrer(v);
    s << ',' << (referrer != kNoVertex ? "true" : "false") << ',';
    if (const double t = view.acquired_at(v); std::isfinite(t)) s.real(t);
    s << ',';
    // The referrer's user id, as a person looks it up (Label), not its row Id.
    if (referrer != kNoVertex) s.csv(view.label(referrer));
    s << kCsvEol;
    s.end_record();
  }
  s.finish();
}

void write_csv_edges(std::ostream& out, const View& view, bool bom) {
  Sink s(out);
  if (bom) s << kUtf8Bom;
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

}  // namespace refnet::export_detail
