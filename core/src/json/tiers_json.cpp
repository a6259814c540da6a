#include <refnet/json/tiers_json.hpp>

#include <refnet/base/escape.hpp>
#include <refnet/base/text.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace refnet {

namespace {
nlohmann::json time_or_null(double t) { return std::isnan(t) ? nlohmann::json(nullptr) : nlohmann::json(t); }

template <class Array>
nlohmann::json by_tier(const Array& counts) {
  nlohmann::json j = nlohmann::json::object();
  for (int t = 0; t < kNumTiers; ++t) j[std::string(kTierNames[t])] = counts[t];
  return j;
}
}  // namespace

nlohmann::json params_json(const TierParams& p) {
  return {{"at", time_or_null(p.at)},
          {"repurchase_count", p.repurchase_count},
          {"advocacy_events", p.advocacy_events},
          {"converted_referees", p.converted_referees},
          {"inactivity_days", p.inactivity_days},
          {"drop_on_complaint", p.drop_on_complaint},
          {"drop_on_churn", p.drop_on_churn},
          {"drop_on_negative_review", p.drop_on_negative_review},
          {"transitions", p.transitions}};
}

namespace {
void write_user(JsonWriter& w, const Network& net, const TierResult& r, VertexId v) {
  const UserTier& u = r.users[v];
  w.raw("{\"id\":");
  w.string(net.log.users.name(v));
  w.raw(",\"tier\":");
  w.number(static_cast<std::uint32_t>(u.tier));
  w.raw(",\"tier_name\":");
  w.string(kTierNames[u.tier]);
  w.raw(",\"since\":");
  w.number(u.since);
  w.raw(",\"since_iso\":");
  w.string(format_iso8601(u.since));
  if (!r.transitions.empty()) {
    w.raw(",\"transitions\":[");
    bool first = true;
    for (const TierChange& c : r.transitions[v]) {
      w.raw(first ? "{\"ts\":" : ",{\"ts\":");
      first = false;
      w.number(c.ts);
      w.raw(",\"ts_iso\":");
      w.string(format_iso8601(c.ts));
      w.raw(",\"from\":");
      w.string(kTierNames[c.from]);
      w.raw(",\"to\":");
      w.string(kTierNames[c.to]);
      w.raw(",\"kind\":");
      w.string(to_string(c.kind));
      w.raw(",\"cause\":");
      w.string(to_string(c.cause));
      w.raw('}');
    }
    w.raw(']');
  }
  w.raw('}');
}
}  // namespace

nlohmann::json tiers_json(const Network& net, const TierResult& r, bool with_users, StreamedDocument* stream) {
  const Funnel& f = r.funnel;
  nlohmann::json conversion = nlohmann::json::array();
  for (int t = 0; t + 1 < kNumTiers; ++t)
    conversion.push_back({{"from", kTierNames[t]}, {"to", kTierNames[t + 1]}, {"rate", f.conversion[t]}});
  std::uint64_t known = 0;
  for (auto c : f.per_tier) known += c;
  nlohmann::json causes = nlohmann::json::object();
  for (std::size_t c = 0; c < f.drops_by_cause.size(); ++c) {
    const auto cause = static_cast<TierChange::Cause>(c);
    if (cause == TierChange::Cause::kComplaint || cause == TierChange::Cause::kChurn ||
        cause == TierChange::Cause::kNegativeReview || cause == TierChange::Cause::kInactivity)
      causes[std::string(to_string(cause))] = f.drops_by_cause[c];
  }
  nlohmann::json cohorts = nlohmann::json::array();
  for (const CohortRow& row : r.cohorts) {
    nlohmann::json conv = nlohmann::json::array();
    std::array<std::uint64_t, kNumTiers> reached{};
    for (int t = kNumTiers - 1; t >= 0; --t) reached[t] = row.per_tier[t] + (t + 1 < kNumTiers ? reached[t + 1] : 0);
    for (int t = 0; t + 1 < kNumTiers; ++t)
      conv.push_back(reached[t] ? static_cast<double>(reached[t + 1]) / static_cast<double>(reached[t]) : 0.0);
    cohorts.push_back({{"month", month_name(row.month)}, {"users", row.users}, {"per_tier", by_tier(row.per_tier)},
                       {"conversion", conv}});
  }
  nlohmann::json result = {
      {"at", r.at},
      {"at_iso", format_iso8601(r.at)},
      {"funnel",
       {{"users", known},
        {"per_tier", by_tier(f.per_tier)},
        {"reached", by_tier(f.reached)},
        {"conversion", conversion},
        {"ever_dropped", f.ever_dropped},
        {"ever_dropped_share", known ? static_cast<double>(f.ever_dropped) / static_cast<double>(known) : 0.0},
        {"drops_from", by_tier(f.drops_from)},
        {"drops_by_cause", causes},
        {"never_joined", f.never_joined}}},
      {"cohorts", cohorts}};
  if (with_users && stream) {
    result["users"] = stream->defer([&net, &r](JsonWriter& w) {
      w.raw('[');
      bool first = true;
      for (VertexId v = 0; v < r.users.size(); ++v) {
        if (std::isnan(r.users[v].since)) continue;  // not known at T
        w.raw(first ? "\n" : ",\n");
        first = false;
        write_user(w, net, r, v);
      }
      w.raw(first ? "]" : "\n]");
    });
  } else if (with_users) {
    nlohmann::json users = nlohmann::json::array();
    for (VertexId v = 0; v < r.users.size(); ++v) {
      const UserTier& u = r.users[v];
      if (std::isnan(u.since)) continue;  // not known at T
      nlohmann::json row = {{"id", net.log.users.name(v)},
                            {"tier", u.tier},
                            {"tier_name", kTierNames[u.tier]},
                            {"since", u.since},
                            {"since_iso", format_iso8601(u.since)}};
      if (!r.transitions.empty()) {
        nlohmann::json changes = nlohmann::json::array();
        for (const TierChange& c : r.transitions[v])
          changes.push_back({{"ts", c.ts}, {"ts_iso", format_iso8601(c.ts)}, {"from", kTierNames[c.from]},
                             {"to", kTierNames[c.to]}, {"kind", to_string(c.kind)}, {"cause", to_string(c.cause)}});
        row["transitions"] = std::move(changes);
      }
      users.push_back(std::move(row));
    }
    result["users"] = std::move(users);
  }
  return result;
}

nlohmann::json channel_funnels_json(const std::vector<ChannelFunnel>& funnels) {
  nlohmann::json out = nlohmann::json::array();
  for (const ChannelFunnel& f : funnels)
    out.push_back({{"channel", f.channel},
                   {"users", f.users},
                   {"per_tier", by_tier(f.per_tier)},
                   {"reached", by_tier(f.reached)},
                   {"conversion", f.conversion}});
  return out;
}

}  // namespace refnet
