// JSON, CSV and text for the super-user ranking (refnet rank, analyze's
// super_users section).
#pragma once

#include <refnet/algo/rank/super_users.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace refnet {

nlohmann::json params_json(const SuperUserParams& p);
// `top` users with their components and one-line explanations; with
// `all_users`, every user's score and rank too.
nlohmann::json super_users_json(const Network& net, const SuperUserReport& r, std::size_t top, bool all_users = false);
// "rank 3 (score 0.91): 41 descendants (top 1%), ..." for one user.
std::string explain_user(const Network& net, const SuperUserReport& r, VertexId user, std::size_t rank);

}  // namespace refnet
