#include <refnet/json/prospects_json.hpp>

#include <refnet/algo/tiers/tiers.hpp>
#include <refnet/base/escape.hpp>

#include <cstdio>

namespace refnet {

namespace {

nlohmann::json tier_json(std::uint8_t tier) {
  return tier == kTierUnknown ? nlohmann::json(nullptr) : nlohmann::json(kTierNames[tier]);
}

nlohmann::json reasons(const Prospect& p, std::uint32_t hops) {
  nlohmann::json why = nlohmann::json::array();
  // Three significant digits: the float's widening to double would print 16.
  char strength[32];
  std::snprintf(strength, sizeof strength, "%.3g", static_cast<double>(p.strength));
  why.push_back("tie of rank " + std::to_string(p.rank) + " (" + std::string(layer_name(p.rank)) + " layer), strength " +
                strength);
  if (p.tier != kTierUnknown)
    why.push_back("tier " + std::string(kTierNames[p.tier]) + ": not yet an advocate (strong or super)");
  why.push_back("reaches " + std::to_string(p.reach) + " users within " + std::to_string(hops) + " hops");
  return why;
}

}  // namespace

nlohmann::json params_json(const ProspectParams& p) {
  return {{"contacts", p.contacts}, {"max_prospects", p.max_prospects}, {"hops", p.hops},
          {"ties", p.ties.label},   {"top_anchors", p.top_anchors}};
}

nlohmann::json prospects_json(const Network& net, const ProspectResult& r) {
  nlohmann::json anchors = nlohmann::json::array();
  for (const Anchor& a : r.anchors) {
    nlohmann::json list = nlohmann::json::array();
    for (const Prospect& p : a.prospects)
      list.push_back({{"id", net.log.users.name(p.user)}, {"rank", p.rank}, {"layer", layer_name(p.rank)},
                      {"strength", p.strength}, {"tier", tier_json(p.tier)}, {"reach", p.reach},
                      {"score", p.score}, {"reasons", reasons(p, r.hops)}});
    nlohmann::json row = {{"id", net.log.users.name(a.user)}, {"tier", tier_json(a.tier)},
                          {"skipped_advocates", a.contacts_skipped_advocates},
                          {"skipped_negative_ties", a.contacts_skipped_negative}, {"prospects", std::move(list)}};
    if (!r.by_tiers) row["reach"] = a.reach;
    anchors.push_back(std::move(row));
  }
  return {{"anchors_by", r.by_tiers ? "tier super" : "reach"}, {"hops", r.hops}, {"anchors", std::move(anchors)}};
}

}  // namespace refnet
