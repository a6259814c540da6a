// JSON, CSV and text for reach results, exact (reach.hpp) and approximate
// (hyperanf.hpp). Both share one shape: per-user reach at hops 1..K (users
// themselves not counted), the distribution over users, and the top users.
#pragma once

#include <refnet/algo/hyperanf.hpp>
#include <refnet/algo/reach.hpp>
#include <refnet/graph/network.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace refnet {

struct ReachReportOptions {
  bool with_users = true;  // the per-user list
  std::size_t top = 10;    // rows of the top list (by reach at the last hop)
};

nlohmann::json params_json(const ReachParams& p);
nlohmann::json params_json(const HyperAnfParams& p);
nlohmann::json reach_json(const Network& net, const ReachResult& r, const ReachReportOptions& o);
// `users`: the users to list (empty: all); the distribution covers all users.
nlohmann::json reach_json(const Network& net, const HyperAnfResult& r, const std::vector<VertexId>& users,
                          const ReachReportOptions& o);

// One row per user: id,reach_1,...,reach_K.
void write_reach_csv(std::ostream& out, const Network& net, const ReachResult& r);
void write_reach_csv(std::ostream& out, const Network& net, const HyperAnfResult& r, const std::vector<VertexId>& users);

// The `refnet analyze` section: Dunbar-capped 2-hop reach of every user,
// exact while users * ties <= kExactReachWork, else estimated by HyperANF
// (b = 6); the distribution and the top users, no per-user list.
inline constexpr double kExactReachWork = 2e11;
nlohmann::json reach_report(const Network& net, std::size_t top);

// A few lines for the analyze summary, from a reach_json result.
std::string render_reach(const nlohmann::json& result);

}  // namespace refnet
