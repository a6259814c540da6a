#include <refnet/format/prospects_tables.hpp>

#include <refnet/algo/tiers/tiers.hpp>
#include <refnet/base/escape.hpp>

namespace refnet {

namespace {

}  // namespace

void write_prospects_csv(std::ostream& out, const Network& net, const ProspectResult& r) {
  out << "anchor,prospect,position,rank,strength,tier,reach,score\n";
  for (const Anchor& a : r.anchors) {
    std::size_t position = 0;
    for (const Prospect& p : a.prospects)
      out << csv_escape_text(net.log.users.name(a.user)) << ',' << csv_escape_text(net.log.users.name(p.user)) << ','
          << ++position << ',' << p.rank << ',' << nlohmann::json(p.strength).dump() << ','
          << (p.tier == kTierUnknown ? "" : kTierNames[p.tier]) << ',' << p.reach << ','
          << nlohmann::json(p.score).dump() << '\n';
  }
}

}  // namespace refnet
