#include <refnet/format/summary_tables.hpp>

#include <refnet/events/event.hpp>
#include <refnet/format/cascade_tables.hpp>
#include <refnet/format/compare_tables.hpp>
#include <refnet/format/influence_tables.hpp>
#include <refnet/format/rank_tables.hpp>
#include <refnet/format/reach_tables.hpp>
#include <refnet/format/tiers_tables.hpp>

#include <cstdio>
#include <sstream>

namespace refnet {

namespace {

std::string fmt_count(std::uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

std::string fmt_double(double v, int digits = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

std::string render_summary(const nlohmann::json& doc) {
  std::ostringstream out;
  const auto& result = doc.at("result");
  const auto& net = result.contains("network") ? result.at("network") : result;
  const auto& s = net.at("summary");
  const auto& b = net.at("build");
  out << doc.value("tool", "refnet") << " — ";
  if (doc.contains("input") && !doc["input"].is_null()) {
    for (const auto& f : doc["input"]["files"]) out << f["path"].get<std::string>() << " (" << f["format"].get<std::string>() << ") ";
  }
  out << "\n\n";
  out << "Network (as of " << b.value("analysis_time_iso", "") << ", " << b.value("kind", "") << " input)\n";
  out << "  users              " << fmt_count(s["users"]) << "\n";
  out << "  word-of-mouth ties " << fmt_count(s["ties"]) << " (" << fmt_count(s["negative_ties"]) << " negative)\n";
  out << "  events             " << fmt_count(s["events"]) << "\n";
  if (b.contains("window")) {
    const auto& w = b["window"];
    const auto& left = w["events_left_out"];
    out << "  window             ";
    if (!w["from"].is_null()) out << "from " << w["from_iso"].get<std::string>() << " ";
    out << (w["to"].is_null() ? "to " + b.value("analysis_time_iso", "") : "before " + w["to_iso"].get<std::string>());
    for (const char* key : {"channels", "products"})
      if (!w[key].empty()) {
        std::string list;
        for (const auto& x : w[key]) list += (list.empty() ? "" : ",") + x.get<std::string>();
        out << ", " << key << " " << list;
      }
    out << "\n  left out           " << fmt_count(w["events_total"].get<std::uint64_t>() - w["events_kept"].get<std::uint64_t>())
        << " of " << fmt_count(w["events_total"]) << " events (" << fmt_count(left["before_from"]) << " before, "
        << fmt_count(left["after_end"]) << " after, " << fmt_count(left["other_channel"]) << " other channels, "
        << fmt_count(left["other_product"]) << " other products); "
        << fmt_count(w["users_total"].get<std::uint64_t>() - w["users_kept"].get<std::uint64_t>())
        << " users appear only outside it\n";
  } else if (b.value("events_after_analysis_time", std::uint64_t{0}) > 0) {
    out << "  after T            " << fmt_count(b["events_after_analysis_time"])
        << " events come after the analysis time and are not in the networks\n";
  }
  out << "  components         " << fmt_count(s["components"]["count"]) << " (largest " << fmt_count(s["components"]["largest"])
      << ", isolated users " << fmt_count(s["components"]["isolated"]) << ")\n";
  out << "  out-degree         mean " << fmt_double(s["out_degree"]["mean"]) << ", median "
      << fmt_double(s["out_degree"]["median"], 1) << ", max " << fmt_count(s["out_degree"]["max"]) << "\n";
  out << "  in-degree          mean " << fmt_double(s["in_degree"]["mean"]) << ", median "
      << fmt_double(s["in_degree"]["median"], 1) << ", max " << fmt_count(s["in_degree"]["max"]) << "\n";
  if (s["events"].get<std::uint64_t>() > 0) {
    out << "\nEvents by type\n";
    for (std::string_view name : kEventTypeNames) {
      const std::uint64_t count = b["events_per_type"].value(std::string(name), std::uint64_t{0});
      if (count > 0) out << "  " << name << std::string(19 - name.size(), ' ') << fmt_count(count) << "\n";
    }
    const auto& r = net.at("referral");
    out << "\nReferrals\n";
    out << "  referrals sent     " << fmt_count(r["referrals"]) << "\n";
    out << "  acquisitions       " << fmt_count(r["acquisitions"]) << " (users brought in by a referral)\n";
    out << "  organic users      " << fmt_count(r["organic_users"]) << " (came on their own)\n";
    out << "  re-referrals       " << fmt_count(r["re_referrals"]) << ", competing " << fmt_count(r["competing_referrals"])
        << ", never converted " << fmt_count(r["unconverted_referrals"]) << "\n";
    out << "  referral trees     " << fmt_count(s["referral_trees"]) << " (largest " << fmt_count(s["largest_referral_tree"])
        << " users, deepest " << fmt_count(s["deepest_referral_tree"]) << " generations)\n";
    if (r["anomaly_count"].get<std::uint64_t>() > 0)
      out << "  anomalies          " << fmt_count(r["anomaly_count"]) << " referrals would have closed a cycle\n";
  }
  if (result.contains("top_referrers") && !result["top_referrers"].empty()) {
    out << "\nTop referrers (by everyone they brought in, directly or down the chain)\n";
    out << "  rank  user                          direct  all descendants\n";
    int rank = 1;
    for (const auto& row : result["top_referrers"]) {
      char line[256];
      std::string id = row["id"];
      if (id.size() > 28) id = id.substr(0, 25) + "...";
      std::snprintf(line, sizeof line, "  %4d  %-28s  %6s  %15s\n", rank++, id.c_str(),
                    fmt_count(row["acquisitions"]).c_str(), fmt_count(row["descendants"]).c_str());
      out << line;
    }
  }
  if (result.contains("cascades")) out << "\n" << render_cascades(result["cascades"], 5);
  if (result.contains("reach")) out << "\n" << render_reach(result["reach"]);
  if (result.contains("tiers")) out << "\n" << render_tiers(result["tiers"]);
  if (result.contains("influence")) out << "\n" << render_seeds(result["influence"]);
  if (result.contains("super_users")) out << "\n" << render_super_users(result["super_users"], 10);
  if (result.contains("compare")) out << "\n" << render_compare(result["compare"]);
  if (result.contains("sections") && !result["sections"]["skipped"].empty()) {
    out << "\nNot in this report\n";
    for (const auto& s : result["sections"]["skipped"])
      out << "  " << s["name"].get<std::string>() << ": " << s["reason"].get<std::string>() << "\n";
  }
  return out.str();
}

}  // namespace refnet
