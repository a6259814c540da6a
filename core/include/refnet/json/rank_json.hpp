// JSON, CSV and text for the super-user ranking (refnet rank, analyze's
// super_users section).
#pragma once

#include <refnet/algo/rank/super_users.hpp>

#include <refnet/json/stream.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace refnet {

nlohmann::json params_json(const SuperUserParams& p);

// One user's score parts: {name: {value, percentile, contribution}} for each
// available component (rank's rows and the user page share it).
nlohmann::json score_parts_json(const SuperUserReport& r, VertexId v);
// `top` users with their components and one-line explanations; with
// `all_users`, every user's score and rank too: written by `stream` when given
// (json/stream.hpp; `net` and `r` must outlive the writing).
nlohmann::json super_users_json(const Network& net, const SuperUserReport& r, std::size_t top, bool all_users = false,
                                StreamedDocument* stream = nullptr);
// "rank 3 (score 0.91): 41 descendants (top 1%), ..." for one user.
std::string explain_user(const Network& net, const SuperUserReport& r, VertexId user, std::size_t rank);

}  // namespace refnet
