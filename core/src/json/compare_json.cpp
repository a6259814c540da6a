#include <refnet/json/compare_json.hpp>

#include <refnet/base/text.hpp>

#include <cmath>

namespace refnet {

namespace {

nlohmann::json tier_or_null(int t) { return t < 0 ? nlohmann::json(nullptr) : nlohmann::json(kTierNames[t]); }

std::string_view direction(const TierMove& m) { return m.from < 0 ? "new" : m.to > m.from ? "up" : "down"; }

nlohmann::json move_json(const TierMove& m) {
  nlohmann::json j = {{"id", m.id}, {"from", tier_or_null(m.from)}, {"to", kTierNames[m.to]}, {"direction", direction(m)}};
  if (std::isnan(m.when)) {
    j["cause"] = nullptr;
    j["when"] = nullptr;
    j["when_iso"] = nullptr;
  } else {
    j["cause"] = to_string(m.cause);
    j["when"] = m.when;
    j["when_iso"] = format_iso8601(m.when);
  }
  return j;
}

// move_json's object as its dump writes it (keys in order), without a DOM:
// compare at 10M users writes millions of moves.
void write_move(JsonWriter& w, const TierMove& m) {
  const bool dated = !std::isnan(m.when);
  w.raw("{\"cause\":");
  if (dated) w.string(to_string(m.cause));
  else w.null();
  w.raw(",\"direction\":");
  w.string(direction(m));
  w.raw(",\"from\":");
  if (m.from < 0) w.null();
  else w.string(kTierNames[m.from]);
  w.raw(",\"id\":");
  w.string(m.id);
  w.raw(",\"to\":");
  w.string(kTierNames[m.to]);
  w.raw(",\"when\":");
  if (dated) w.number(m.when);
  else w.null();
  w.raw(",\"when_iso\":");
  if (dated) w.string(format_iso8601(m.when));
  else w.null();
  w.raw('}');
}

nlohmann::json side_json(const DateSide& s) {
  nlohmann::json per_tier = nlohmann::json::object();
  for (int t = 0; t < kNumTiers; ++t) per_tier[std::string(kTierNames[t])] = s.per_tier[t];
  nlohmann::json channels = nlohmann::json::array();
  for (const ChannelReferrals& c : s.channels)
    channels.push_back({{"channel", c.channel}, {"referrals", c.referrals}, {"acquisitions", c.acquisitions},
                        {"conversion", c.conversion}, {"k_factor", c.k_factor}});
  nlohmann::json j = {{"at", s.at},
                      {"at_iso", format_iso8601(s.at)},
                      {"users", s.users},
                      {"events", s.events},
                      {"per_tier", per_tier},
                      {"cascades",
                       {{"adoptions", s.cascades.nodes},
                        {"cascades", s.cascades.cascades},
                        {"cascades_of_two_or_more", s.cascades.nontrivial},
                        {"largest", s.cascades.largest},
                        {"deepest", s.cascades.deepest},
                        {"k_factor", s.cascades.k_factor},
                        {"conversion", s.cascades.conversion},
                        {"invitations_per_user", s.cascades.invitations_per_user},
                        {"channels", channels}}}};
  if (s.reach) {
    const ReachQuantiles& q = s.reach->per_hop.back();
    j["reach"] = {{"method", s.reach_method},
                  {"hops", s.reach->per_hop.size()},
                  {"median", q.median},
                  {"p90", q.p90},
                  {"p99", q.p99},
                  {"mean", q.mean},
                  {"over_dunbar_share", s.reach->over_threshold_share}};
  }
  return j;
}

}  // namespace

nlohmann::json params_json(const CompareParams& p) {
  return {{"at", p.at}, {"vs", p.vs}, {"top", p.top}, {"reach", p.reach}};
}

nlohmann::json compare_json(const CompareReport& r, StreamedDocument* stream) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i <= kNumTiers; ++i) {
    nlohmann::json to = nlohmann::json::object();
    for (int t = 0; t < kNumTiers; ++t) to[std::string(kTierNames[t])] = r.matrix[i][t];
    rows.push_back({{"from", i == kNumTiers ? nlohmann::json("new") : nlohmann::json(kTierNames[i])}, {"to", to}});
  }
  nlohmann::json referrers = nlohmann::json::array();
  for (const ReferrerMove& m : r.referrers)
    referrers.push_back({{"id", m.id},
                         {"rank", m.rank_b},
                         {"rank_at_a", m.rank_a ? nlohmann::json(*m.rank_a) : nlohmann::json(nullptr)},
                         {"descendants", m.descendants_b},
                         {"descendants_at_a", m.descendants_a}});
  nlohmann::json out = {
      {"a", side_json(r.a)},
      {"b", side_json(r.b)},
      {"tiers",
       {{"matrix", rows},
        {"moved_up", r.moved_up},
        {"dropped", r.dropped},
        {"unchanged", r.unchanged},
        {"new_users", r.new_users}}},
      {"super_users", {{"gained", r.super_gained}, {"lost", r.super_lost}}},
      {"k_factor_change", r.b.cascades.k_factor - r.a.cascades.k_factor},
      {"new_adoptions", r.b.cascades.nodes - std::min(r.b.cascades.nodes, r.a.cascades.nodes)},
      {"top_referrers", referrers}};
  if (stream) {
    out["moves"] = stream->defer([&r](JsonWriter& w) {
      w.raw('[');
      for (std::size_t i = 0; i < r.moves.size(); ++i) {
        w.raw(i ? ",\n" : "\n");
        write_move(w, r.moves[i]);
      }
      w.raw(r.moves.empty() ? "]" : "\n]");
    });
  } else {
    nlohmann::json moves = nlohmann::json::array();
    for (const TierMove& m : r.moves) moves.push_back(move_json(m));
    out["moves"] = std::move(moves);
  }
  return out;
}

}  // namespace refnet
