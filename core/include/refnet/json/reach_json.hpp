// JSON, CSV and text for reach results, exact (reach.hpp) and approximate
// (hyperanf.hpp). Both share one shape: per-user reach at hops 1..K (users
// themselves not counted), the distribution over users, and the top users.
#pragma once

#include <refnet/algo/reach/hyperanf.hpp>
#include <refnet/algo/reach/reach.hpp>
#include <refnet/events/network.hpp>

#include <refnet/json/stream.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace refnet {

struct ReachReportOptions {
  bool with_users = true;  // the per-user list
  std::size_t top = 10;    // rows of the top list (by reach at the last hop)
  // When given, the per-user list is a placeholder written by `stream` (no
  // DOM); the network must outlive the document's writing.
  StreamedDocument* stream = nullptr;
};

nlohmann::json params_json(const ReachParams& p);
nlohmann::json params_json(const HyperAnfParams& p);
nlohmann::json reach_json(const Network& net, const ReachResult& r, const ReachReportOptions& o);
// `users`: the users to list (empty: all); the distribution covers all users.
nlohmann::json reach_json(const Network& net, const HyperAnfResult& r, const std::vector<VertexId>& users,
                          const ReachReportOptions& o);

}  // namespace refnet
