// JSON, CSV and text for the super-user ranking (refnet rank, analyze's
// super_users section).
#pragma once

#include <refnet/algo/super_users.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace refnet {

nlohmann::json params_json(const SuperUserParams& p);
// `top` users with their components and one-line explanations; with
// `all_users`, every user's score and rank too.
nlohmann::json super_users_json(const Network& net, const SuperUserReport& r, std::size_t top, bool all_users = false);
// One row per user, best first: rank, id, score, then value, percentile and
// contribution of each component the input has.
void write_super_users_csv(std::ostream& out, const Network& net, const SuperUserReport& r);
// "rank 3 (score 0.91): 41 descendants (top 1%), ..." for one user.
std::string explain_user(const Network& net, const SuperUserReport& r, VertexId user, std::size_t rank);
// The top list with explanations, then the Pareto and homophily checks.
std::string render_super_users(const nlohmann::json& result, std::size_t top);

}  // namespace refnet
